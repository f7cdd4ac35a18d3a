#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace Palomar::Client {

class ClientSession;
class Reply;

// Replies, edits, deletes for everyone and forwards (docs/protocol.md,
// "Conversation features: the rules") over a ClientSession: the requests,
// and the session's `edited` and `deleted` events as typed signals. A chat
// is a user name (`peer`) or, when `group` is not 0, a group.
class MessageActions : public QObject
{
    Q_OBJECT

public:
    explicit MessageActions(ClientSession *session, QObject *parent = nullptr);

    // `send` with reply_to; `clientId` as in send (empty: none).
    Reply *reply(const QString &peer, qint64 group, const QString &text, qint64 replyTo,
                 const QString &clientId = QString());
    Reply *edit(qint64 msgId, const QString &text);
    Reply *remove(qint64 msgId); // `delete` for everyone
    Reply *forward(qint64 msgId, const QString &peer, qint64 group,
                   const QString &clientId = QString());

signals:
    // Someone edited a message I got: its latest text and when.
    void messageEdited(qint64 msgId, const QString &text, qint64 edited, const QString &from);
    // Someone deleted a message for everyone (maybe one I never got).
    void messageDeleted(qint64 msgId, const QString &from);

private:
    void onEvent(const QJsonObject &event);

    ClientSession *m_session;
};

} // namespace Palomar::Client
