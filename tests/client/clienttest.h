#pragma once

// Helpers shared by the client-library tests: waiting on Replies and a
// memory outbox the tests can look into.
#include "client/clientsession.h"
#include "client/outbox.h"

#include <QtTest>

#include <memory>

namespace ClientTest {

using namespace Palomar::Client;

inline const QString kPassword = QStringLiteral("correct horse battery");
constexpr int kWait = 15000;

// What a Reply said, kept after the Reply has deleted itself.
struct Answer
{
    bool done = false;
    bool ok = false;
    QString error;
    QJsonObject reply;
};

// Starts recording what `reply` says; the Reply deletes itself once finished,
// so every reply the test waits on must be watched before the event loop runs.
inline std::shared_ptr<Answer> watch(Reply *reply)
{
    auto answer = std::make_shared<Answer>();
    QObject::connect(reply, &Reply::finished, [reply, answer] {
        answer->done = true;
        answer->ok = reply->isOk();
        answer->error = reply->error();
        answer->reply = reply->result();
    });
    return answer;
}

inline Answer await(const std::shared_ptr<Answer> &answer, int timeoutMs = kWait)
{
    if (!QTest::qWaitFor([&answer] { return answer->done; }, timeoutMs))
        answer->error = QStringLiteral("test: no reply within %1 ms").arg(timeoutMs);
    return *answer;
}

inline Answer await(Reply *reply, int timeoutMs = kWait)
{
    return await(watch(reply), timeoutMs);
}

// A memory outbox the test can look into and seed, as a persistent one would be.
class RecordingOutbox : public Outbox
{
public:
    void add(const OutgoingMessage &message) override
    {
        remove(message.clientId);
        entries.append(message);
    }
    void remove(const QString &clientId) override
    {
        entries.removeIf([&](const OutgoingMessage &m) { return m.clientId == clientId; });
    }
    QList<OutgoingMessage> pending() const override { return entries; }

    QList<OutgoingMessage> entries;
};

} // namespace ClientTest

// Runs a helper that may fail a QCOMPARE, and leaves the test function if it did.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)
