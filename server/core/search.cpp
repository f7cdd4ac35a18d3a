#include "search.h"

#include "groupmessages.h"
#include "groups.h"
#include "messages.h"
#include "protocol/limits.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QHash>
#include <QJsonArray>

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;

QStringList SearchHandler::words(const QString &query)
{
    QStringList words;
    QString word;
    for (const char32_t c : query.toUcs4()) {
        if (QChar::isLetterOrNumber(c) || QChar::isMark(c)) {
            word += QString::fromUcs4(&c, 1);
        } else if (!word.isEmpty()) {
            words.append(word);
            word.clear();
        }
    }
    if (!word.isEmpty())
        words.append(word);
    // A "word" of marks alone (a stray accent) matches nothing anywhere.
    words.removeIf([](const QString &w) {
        return std::none_of(w.cbegin(), w.cend(), [](QChar c) { return !c.isMark(); });
    });
    return words;
}

HandlerResult SearchHandler::search(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const QString query = fields.string("query");
    std::optional<QString> peer;
    std::optional<qint64> group;
    if (fields.ok() && fields.has("peer") && fields.has("group"))
        fields.fail(QStringLiteral("give peer or group, not both"));
    if (fields.has("group"))
        group = fields.integer("group", 1, Protocol::kMaxSafeInteger);
    else
        peer = fields.optionalString("peer");
    const qint64 before =
        fields.optionalInteger("before", 1, Protocol::kMaxSafeInteger, Protocol::kMaxSafeInteger);
    const int limit = int(fields.optionalInteger("limit", 1, Protocol::kMaxSearchLimit,
                                                 Protocol::kDefaultSearchLimit));
    if (fields.ok() && query.trimmed().isEmpty())
        fields.fail(QStringLiteral("query must not be empty"));
    if (fields.ok() && query.size() > Protocol::kMaxSearchQueryLength) {
        fields.fail(
            QStringLiteral("query has at most %1 characters").arg(Protocol::kMaxSearchQueryLength));
    }
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    const SessionState &me = context.session();
    QString chat; // empty: every chat
    if (group) {
        HandlerResult failure = HandlerResult::ok();
        if (!GroupHandler::checkMember(m_services, *group, me, false, &failure))
            return failure;
        chat = Store::groupChat(*group);
    } else if (peer) {
        const std::optional<UserRecord> other =
            m_services.directory.userByName(m_services.store, *peer);
        if (!other)
            return HandlerResult::error(Error::NoSuchUser, QStringLiteral("no user %1").arg(*peer));
        chat = Store::directChat(me.userId, other->id);
    }
    const QList<MessageRecord> records =
        m_services.store.searchMessages(me.userId, words(query), chat, before, limit);
    const Extras extras = extrasOf(records, me.userId);
    QJsonArray messages;
    for (const MessageRecord &record : records)
        messages.append(item(record, me.userId, extras));
    QJsonObject reply{{QStringLiteral("messages"), messages}};
    // A full page may have more behind it: where the next one starts.
    if (records.size() == limit)
        reply.insert(QStringLiteral("next_before"), records.constLast().id);
    return HandlerResult::ok(reply);
}

QJsonObject SearchHandler::item(const MessageRecord &record, qint64 me, const Extras &extras)
{
    QJsonObject message{{QStringLiteral("msg_id"), record.id},
                        {QStringLiteral("from"), record.from},
                        {QStringLiteral("text"), record.text},
                        {QStringLiteral("ts"), record.ts}};
    if (record.group) {
        message.insert(QStringLiteral("group"), *record.group);
    } else {
        message.insert(QStringLiteral("to"), record.to);
        message.insert(QStringLiteral("peer"), record.senderId == me ? record.to : record.from);
    }
    if (record.senderId == me) {
        message.insert(QStringLiteral("status"),
                       record.group ? GroupMessages::groupStatus(
                                          m_services.store.groupReceiptCounts(record.id))
                                    : MessageHandler::statusOf(record));
    }
    // As history shows it: file, changes, reactions.
    if (const auto chat = extras.byChat.constFind(extras.chats.value(record.id));
        chat != extras.byChat.cend())
        chat->apply(record.id, message);
    return message;
}

SearchHandler::Extras SearchHandler::extrasOf(const QList<MessageRecord> &records, qint64 me)
{
    Extras extras;
    QHash<QString, QList<qint64>> byChat;
    for (const MessageRecord &record : records) {
        QString chat;
        if (record.group) {
            chat = Store::groupChat(*record.group);
        } else {
            const QString peer = record.senderId == me ? record.to : record.from;
            if (const auto other = m_services.directory.userByName(m_services.store, peer))
                chat = Store::directChat(me, other->id);
        }
        if (chat.isEmpty())
            continue;
        extras.chats.insert(record.id, chat);
        byChat[chat].append(record.id);
    }
    for (auto it = byChat.cbegin(); it != byChat.cend(); ++it)
        extras.byChat.insert(it.key(), HistoryExtras(m_services.store, it.key(), *it));
    return extras;
}

} // namespace Palomar::Server
