#include "searchresultmodel.h"

#include "cache/cachetypes.h"
#include "client/clientsession.h"
#include "client/search.h"
#include "models/chatlistmodel.h"

namespace Palomar::Desktop {

namespace {
constexpr int kPage = 30;
} // namespace

SearchResultModel::SearchResultModel(Client::ClientSession *session, ChatListModel *chats,
                                     QObject *parent)
    : QAbstractListModel(parent), m_session(session), m_chats(chats),
      m_search(new Client::MessageSearch(session, this))
{
    connect(m_search, &Client::MessageSearch::found, this, &SearchResultModel::onFound);
    connect(m_search, &Client::MessageSearch::failed, this, &SearchResultModel::onFailed);
    // A renamed group or contact: the titles shown follow.
    connect(chats, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_results.isEmpty())
            emit dataChanged(index(0), index(int(m_results.size()) - 1), {ChatTitleRole});
    });
}

void SearchResultModel::setQuery(const QString &query)
{
    const QString trimmed = query.trimmed();
    beginResetModel();
    m_query = trimmed;
    m_results.clear();
    m_nextBefore = 0;
    m_error.clear();
    m_loading = !trimmed.isEmpty();
    endResetModel();
    // An answer to an earlier query still under way is dropped: find()
    // signals only the latest, and none while nothing is being loaded.
    if (m_loading)
        m_search->find(trimmed, {}, 0, kPage);
    emit stateChanged();
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_results.size())
        return {};
    const Result &result = m_results.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return result.text;
    case ChatKeyRole:
        return result.chat;
    case ChatTitleRole: {
        const int row = m_chats->rowOf(result.chat);
        const QString title =
            row < 0 ? QString() : m_chats->index(row).data(ChatListModel::TitleRole).toString();
        return title.isEmpty() ? result.chat : title;
    }
    case SenderRole:
        return result.sender;
    case TimestampRole:
        return result.ts;
    case MsgIdRole:
        return result.msgId;
    case OutgoingRole:
        return result.outgoing;
    default:
        return {};
    }
}

bool SearchResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_nextBefore > 0 && !m_loading;
}

void SearchResultModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    m_search->find(m_query, {}, m_nextBefore, kPage);
    emit stateChanged();
}

void SearchResultModel::onFound(const Client::SearchPage &page)
{
    if (!m_loading)
        return;
    QList<Result> results;
    const QString me = m_session->user();
    for (const Client::FoundMessage &found : page.messages) {
        const Client::Message &message = found.message;
        Result result;
        result.chat = message.isGroupMessage() ? groupChatKey(message.group) : found.peer;
        result.outgoing = message.from.compare(me, Qt::CaseInsensitive) == 0;
        if (message.isGroupMessage())
            result.sender = message.from;
        result.text = message.text.isEmpty() ? message.file.value(QLatin1String("name")).toString()
                                             : message.text;
        result.ts = message.ts;
        result.msgId = message.msgId;
        results.append(result);
    }
    m_loading = false;
    m_nextBefore = page.nextBefore;
    if (!results.isEmpty()) {
        const int first = int(m_results.size());
        beginInsertRows({}, first, first + int(results.size()) - 1);
        m_results.append(results);
        endInsertRows();
    }
    emit stateChanged();
}

void SearchResultModel::onFailed(const QString &, const QString &message)
{
    if (!m_loading)
        return;
    m_loading = false;
    m_error = message;
    emit stateChanged();
}

} // namespace Palomar::Desktop
