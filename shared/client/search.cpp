#include "search.h"

#include "clientsession.h"
#include "reply.h"

#include <QJsonArray>

namespace Palomar::Client {

SearchPage SearchPage::fromJson(const QJsonObject &reply)
{
    SearchPage page;
    for (const QJsonValue &value : reply.value(QLatin1String("messages")).toArray()) {
        const QJsonObject object = value.toObject();
        page.messages.append(
            {Message::fromJson(object), object.value(QLatin1String("peer")).toString()});
    }
    page.nextBefore = reply.value(QLatin1String("next_before")).toInteger();
    return page;
}

MessageSearch::MessageSearch(ClientSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{}

Reply *MessageSearch::search(const QString &query, const SearchChat &chat, qint64 before, int limit)
{
    QJsonObject fields{{QStringLiteral("query"), query}};
    if (!chat.peer.isEmpty())
        fields.insert(QStringLiteral("peer"), chat.peer);
    else if (chat.group != 0)
        fields.insert(QStringLiteral("group"), chat.group);
    if (before > 0)
        fields.insert(QStringLiteral("before"), before);
    if (limit > 0)
        fields.insert(QStringLiteral("limit"), limit);
    return m_session->request(QStringLiteral("search"), fields);
}

void MessageSearch::find(const QString &query, const SearchChat &chat, qint64 before, int limit)
{
    Reply *reply = search(query, chat, before, limit);
    m_latest = reply;
    connect(reply, &Reply::finished, this, [this, reply] {
        if (reply != m_latest)
            return; // superseded by a later find()
        if (reply->isOk())
            emit found(SearchPage::fromJson(reply->result()));
        else
            emit failed(reply->error(), reply->errorMessage());
    });
}

} // namespace Palomar::Client
