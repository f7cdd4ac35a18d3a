// MessageModel: what a reply shows of the message it answers (the quote
// above its bubble), and the forwarded mark. The answered message is looked
// up among the loaded rows, else in the cache (kept per chat opening).
#include "messagemodel.h"

#include "cache/localcache.h"
#include "util/filenames.h"
#include "util/systemlinetext.h"

#include <algorithm>

namespace Palomar::Desktop {

int MessageModel::rowOfMsgId(qint64 msgId) const
{
    if (msgId <= 0)
        return -1;
    // Server messages sort by their id.
    const auto it =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), msgId,
                         [](const Row &row, qint64 key) { return row.message.sortKey() < key; });
    return it != m_rows.cend() && it->message.msgId == msgId ? int(it - m_rows.cbegin()) : -1;
}

std::optional<CachedMessage> MessageModel::quoted(qint64 msgId) const
{
    const int row = rowOfMsgId(msgId);
    if (row >= 0)
        return m_rows.at(row).message;
    auto it = m_quotes.find(msgId);
    if (it == m_quotes.end()) {
        const auto cached = m_cache ? m_cache->messageByMsgId(msgId) : std::nullopt;
        it = m_quotes.insert(msgId, cached.value_or(CachedMessage{}));
    }
    if (!it->isValid())
        return std::nullopt;
    return *it;
}

QVariant MessageModel::quoteData(const CachedMessage &message, int role) const
{
    if (role == ReplyToRole)
        return message.replyTo;
    if (role == ForwardedRole)
        return message.forwarded && !message.deleted;
    if (message.replyTo <= 0 || message.deleted)
        return role == QuoteFoundRole || role == QuoteOwnRole ? QVariant(false) : QVariant();
    const auto answered = quoted(message.replyTo);
    switch (role) {
    case QuoteFoundRole:
        return answered.has_value();
    case QuoteOwnRole:
        return answered && answered->outgoing;
    case QuoteSenderRole:
        if (!answered || answered->outgoing)
            return QString();
        return answered->sender.isEmpty() ? answered->peer : answered->sender;
    case QuoteTextRole:
        if (!answered)
            return tr("Message not loaded");
        if (answered->deleted)
            return tr("Deleted message");
        if (answered->isSystem())
            return SystemLineText::text(answered->system);
        if (answered->isFile()) {
            return FileNames::kindOf(answered->file.mime, answered->file.name) ==
                           FileNames::Kind::Image
                       ? tr("Photo")
                       : answered->file.name;
        }
        return answered->text.section(u'\n', 0, 0);
    default:
        return {};
    }
}

void MessageModel::quotedChanged(const CachedMessage &message)
{
    if (message.msgId <= 0)
        return;
    if (m_quotes.contains(message.msgId))
        m_quotes.insert(message.msgId, message);
    quotingRowsChanged(message.msgId);
}

void MessageModel::quotingRowsChanged(qint64 msgId)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).message.replyTo == msgId)
            emit dataChanged(index(row), index(row));
    }
}

} // namespace Palomar::Desktop
