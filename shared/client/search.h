#pragma once

#include "types.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Palomar::Client {

class ClientSession;
class Reply;

// Where to search: one chat (a peer's name or a group id) or, empty, all.
struct SearchChat
{
    QString peer;
    qint64 group = 0;

    bool isAll() const { return peer.isEmpty() && group == 0; }
};

// One result of `search`: a history entry and, for a one-to-one message,
// the other person of its chat (a group message has message.group).
struct FoundMessage
{
    Message message;
    QString peer;
};

// One page of results, newest first. nextBefore: pass it as `before` for the
// next page; 0 when there is nothing more.
struct SearchPage
{
    QList<FoundMessage> messages;
    qint64 nextBefore = 0;

    static SearchPage fromJson(const QJsonObject &reply);
};

// Server-side full-text search (docs/protocol.md §3.33) for a client: check
// session->hasFeature("search") first. search() sends one request; find()
// is for search-as-you-type: each call supersedes the previous one, and only
// the latest one's answer is signalled (found() or failed()).
class MessageSearch : public QObject
{
    Q_OBJECT
public:
    explicit MessageSearch(ClientSession *session, QObject *parent = nullptr);

    // `before` 0: from the newest; `limit` 0: the server's default.
    Reply *search(const QString &query, const SearchChat &chat = {}, qint64 before = 0,
                  int limit = 0);
    void find(const QString &query, const SearchChat &chat = {}, qint64 before = 0, int limit = 0);

signals:
    void found(const Palomar::Client::SearchPage &page);
    void failed(const QString &error, const QString &message);

private:
    ClientSession *m_session;
    QPointer<Reply> m_latest;
};

} // namespace Palomar::Client
