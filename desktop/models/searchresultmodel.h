#pragma once

#include "client/search.h"

#include <QAbstractListModel>

namespace Palomar::Desktop {

class ChatListModel;

// The messages of all chats that match the chat list's search, newest first,
// from the server's `search` (docs/protocol.md §3.33): setQuery() asks for the
// first page and drops the answers to earlier queries; fetchMore() (a view
// scrolled to the end) asks for the next page with `before`.
class SearchResultModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        ChatKeyRole = Qt::UserRole + 1, // QString: the chat list's key (a peer or a group's)
        ChatTitleRole,                  // QString: the contact's or the group's name
        SenderRole,                     // QString: groups: who wrote it (empty: 1:1)
        TextRole,                       // QString: the text, or the file's name
        TimestampRole,                  // qint64 ms
        MsgIdRole,                      // qint64
        OutgoingRole,                   // bool: mine
    };
    Q_ENUM(Role)

    SearchResultModel(Client::ClientSession *session, ChatListModel *chats,
                      QObject *parent = nullptr);

    // Searches for `query` (blank: no results, nothing asked).
    void setQuery(const QString &query);
    QString query() const { return m_query; }
    bool isLoading() const { return m_loading; }
    // Why the last search failed, for people; empty when it did not.
    QString error() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // Loading started or ended, or an error came: the view's status line.
    void stateChanged();

private:
    struct Result
    {
        QString chat;
        QString sender;
        QString text;
        qint64 ts = 0;
        qint64 msgId = 0;
        bool outgoing = false;
    };
    void onFound(const Client::SearchPage &page);
    void onFailed(const QString &error, const QString &message);

    Client::ClientSession *m_session;
    ChatListModel *m_chats;
    Client::MessageSearch *m_search;
    QString m_query;
    QList<Result> m_results;
    qint64 m_nextBefore = 0;
    bool m_loading = false;
    QString m_error;
};

} // namespace Palomar::Desktop
