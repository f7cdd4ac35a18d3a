#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Palomar::Client {

class ClientSession;
class Reply;

// The ephemeral notices of a session (docs/protocol.md §3.32, §3.37, §4):
// sends `typing` for the chat the user types in (at most once per interval
// per chat: call sendTyping on every keystroke), and turns the `typing` and
// `presence` notices of sync replies into signals. Nothing is stored or
// acknowledged; without the server's features it sends nothing.
class LiveNotices : public QObject
{
    Q_OBJECT

public:
    // Matches the server's rate limit: more would be dropped there.
    static constexpr qint64 kTypingIntervalMs = 2500;

    explicit LiveNotices(ClientSession *session, QObject *parent = nullptr);

    // Says "typing" to `user` (a one-to-one chat) or in `group`, unless one
    // was sent for that chat within the interval: then, and when the
    // server has no `typing` feature or no session, nothing (null).
    Reply *sendTyping(const QString &user);
    Reply *sendTypingInGroup(qint64 group);
    // A message was sent to the chat: the next keystroke says typing again.
    void resetTyping() { m_sent.clear(); }

signals:
    // `user` is typing to you (`group` 0) or in `group`; it holds for
    // `expiresIn` seconds unless repeated.
    void typing(const QString &user, qint64 group, int expiresIn);
    // A friend came online or went offline at `lastSeen` (ms).
    void presenceChanged(const QString &user, bool online, qint64 lastSeen);

private:
    Reply *send(const QString &key, const QJsonObject &fields);
    void onNotice(const QJsonObject &notice);

    QPointer<ClientSession> m_session;
    QHash<QString, QElapsedTimer> m_sent; // chat key -> since its last typing
};

} // namespace Palomar::Client
