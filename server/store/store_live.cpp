// Ephemeral notices to other instances (typing, presence): one NOTIFY on
// their own channel, never a row (see NotificationListener).
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Palomar::Server {

namespace {
// NOTIFY payloads are limited to 8,000 bytes: recipients go in several when
// they do not fit in one.
constexpr qsizetype kMaxNoticePayload = 7900;
constexpr qsizetype kIdBytes = 21; // the longest id and its comma
} // namespace

const QString Store::kNoticeChannel = QStringLiteral("palomar_notice");

void Store::publishNotice(const QList<qint64> &users, const QString &key, const QJsonObject &notice,
                          qint64 holdMs)
{
    if (!supportsNotifications() || users.isEmpty())
        return;
    // "origin|{…}": a listener skips what its own instance sent. Inside a
    // transaction PostgreSQL delivers it at the commit, and never after a
    // rollback; outside, at once.
    const QString origin = QString::number(m_origin) + QLatin1Char('|');
    QJsonObject envelope{{QStringLiteral("key"), key},
                         {QStringLiteral("hold"), holdMs},
                         {QStringLiteral("notice"), notice}};
    const qsizetype fixed = origin.size() + QJsonDocument(envelope).toJson().size() + 16;
    const qsizetype perPayload = qMax<qsizetype>(1, (kMaxNoticePayload - fixed) / kIdBytes);
    for (qsizetype from = 0; from < users.size(); from += perPayload) {
        QJsonArray to;
        for (const qint64 user : users.mid(from, perPayload))
            to.append(user);
        envelope.insert(QStringLiteral("to"), to);
        const QString payload =
            origin + QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
        run("publish", {kNoticeChannel, payload}).finish();
    }
}

} // namespace Palomar::Server
