#pragma once

#include "client/types.h"

#include <QObject>
#include <QPointer>

namespace Palomar::Client {

class ClientSession;
class Reply;

// A `reaction` event (or my own react() once the server took it): `user`
// set `emoji` on message `msgId`; an empty emoji removed theirs. `peer` is
// the one-to-one chat, `group` the group (0 for a one-to-one message).
struct Reaction
{
    qint64 msgId = 0;
    QString user;
    QString emoji;
    QString peer;
    qint64 group = 0;
    qint64 ts = 0;
    qint64 seq = 0;

    static Reaction fromJson(const QJsonObject &object);
};

// Reactions, the group admin hand-over and group system lines (extensions
// `reactions`, `group_admin`, `system_lines`: docs/protocol.md §3.30, §3.31,
// E30–E32) on top of a ClientSession: the ops, and the session's events of
// these kinds as typed signals.
class Reactions : public QObject
{
    Q_OBJECT

public:
    explicit Reactions(ClientSession *session, QObject *parent = nullptr);

    // Sets, changes or (with "") removes my reaction to `msgId`. Once the
    // server answers ok, reactionChanged() reports it as mine.
    Reply *react(qint64 msgId, const QString &emoji);
    // The admin hands `group` over to the member `user`.
    Reply *setGroupAdmin(qint64 group, const QString &user);

    // `message` as it is after `reaction` (history items kept up to date).
    static void apply(Message &message, const Reaction &reaction);

signals:
    void reactionChanged(const Palomar::Client::Reaction &reaction);
    // A group event brought system lines (oldest first): show them in the
    // group's conversation like messages.
    void systemLinesAdded(qint64 group, const QList<Palomar::Client::Message> &lines);

private:
    void onEvent(const QJsonObject &event);

    QPointer<ClientSession> m_session;
};

} // namespace Palomar::Client

Q_DECLARE_METATYPE(Palomar::Client::Reaction)
