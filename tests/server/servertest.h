#pragma once

// Small helpers shared by the server integration tests.
#include "support/serverprocess.h"
#include "support/testclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace Palomar::Testing {

inline QString str(const char *text)
{
    return QString::fromUtf8(text);
}

inline QString errorOf(const QJsonObject &reply)
{
    return reply.value(QLatin1String("error")).toString();
}

inline bool isOk(const QJsonObject &reply)
{
    return reply.value(QLatin1String("ok")).toBool();
}

inline const QString kPassword = QStringLiteral("correct horse");

// Registers `names` and makes every pair friends, through one connection each.
inline bool befriend(quint16 port, const QString &a, const QString &b)
{
    TestClient first(port);
    TestClient second(port);
    if (!isOk(first.login(a, kPassword)) || !isOk(second.login(b, kPassword)))
        return false;
    const bool ok =
        isOk(first.request(str("friend_request"), {{str("user"), b}})) &&
        isOk(second.request(str("friend_respond"), {{str("user"), a}, {str("accept"), true}}));
    first.request(str("logout"));
    second.request(str("logout"));
    return ok;
}

} // namespace Palomar::Testing
