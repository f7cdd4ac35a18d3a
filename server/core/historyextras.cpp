#include "historyextras.h"

#include "files.h"
#include "messagechanges.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Palomar::Server {

HistoryExtras::HistoryExtras(Store &store, const QString &chat, const QList<qint64> &messageIds)
{
    if (messageIds.isEmpty())
        return;
    m_files = FileHandler::attachments(store, chat, messageIds);
    m_changes = MessageChangeHandler::changesOf(store, chat, messageIds);
    const auto [low, high] = std::minmax_element(messageIds.cbegin(), messageIds.cend());
    m_reactions = store.reactionsInChat(chat, *low, *high);
    if (chat.startsWith(QLatin1Char('g')))
        m_system = store.systemLinesInChat(chat, *low, *high);
}

void HistoryExtras::apply(qint64 messageId, QJsonObject &message) const
{
    if (const auto file = m_files.constFind(messageId); file != m_files.cend())
        message.insert(QStringLiteral("file"), *file);
    MessageChangeHandler::annotate(message, m_changes.value(messageId)); // a tombstone loses it
    if (const auto found = m_reactions.constFind(messageId); found != m_reactions.cend()) {
        QJsonObject reactions;
        for (auto it = found->cbegin(); it != found->cend(); ++it)
            reactions.insert(it.key(), QJsonArray::fromStringList(it.value()));
        message.insert(QStringLiteral("reactions"), reactions);
    }
    if (const auto line = m_system.constFind(messageId); line != m_system.cend()) {
        message.insert(QStringLiteral("system"), QJsonDocument::fromJson(*line).object());
        message.remove(QStringLiteral("status"));
    }
}

} // namespace Palomar::Server
