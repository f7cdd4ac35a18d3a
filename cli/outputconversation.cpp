// Output of reactions, group system lines and search results.
#include "output.h"

namespace Palomar::Cli {

QString Output::systemLine(const Client::SystemLine &line, const QString &me) const
{
    const QString by = sender(line.by, me);
    const QString user = sender(line.user, me);
    if (line.kind == QLatin1String("created"))
        return QStringLiteral("%1 created the group “%2”").arg(by, line.name);
    if (line.kind == QLatin1String("added"))
        return QStringLiteral("%1 added %2").arg(by, user);
    if (line.kind == QLatin1String("removed"))
        return QStringLiteral("%1 removed %2").arg(by, user);
    if (line.kind == QLatin1String("left"))
        return QStringLiteral("%1 left").arg(by);
    if (line.kind == QLatin1String("renamed"))
        return QStringLiteral("%1 renamed the group to “%2”").arg(by, line.name);
    if (line.kind == QLatin1String("admin"))
        return QStringLiteral("%1 made %2 the admin").arg(by, user);
    return QStringLiteral("%1: %2").arg(by, line.kind); // a kind of a newer server
}

QString Output::reaction(const Client::Reaction &reaction, const QString &me) const
{
    if (m_json)
        return compact(toJson(reaction));
    QString line = QStringLiteral("[%1] ").arg(time(reaction.ts, TimeStyle::Short));
    if (reaction.group != 0)
        line += QStringLiteral("[%1] ").arg(groupLabel(reaction.group));
    const QString who = sender(reaction.user, me);
    if (reaction.emoji.isEmpty())
        return line +
               QStringLiteral("%1 removed their reaction to #%2").arg(who).arg(reaction.msgId);
    return line +
           QStringLiteral("%1 reacted %2 to #%3").arg(who, reaction.emoji).arg(reaction.msgId);
}

QString Output::found(const Client::FoundMessage &found, const QString &me) const
{
    if (!m_json)
        return messageLine(found.message, me, TimeStyle::Full, found.peer);
    QJsonObject object = toJson(found.message);
    if (!found.peer.isEmpty())
        object.insert(QStringLiteral("peer"), found.peer);
    return compact(object);
}

QJsonObject toJson(const Client::Reaction &reaction)
{
    QJsonObject object{{QStringLiteral("kind"), QStringLiteral("reaction")},
                       {QStringLiteral("msg_id"), reaction.msgId},
                       {QStringLiteral("user"), reaction.user},
                       {QStringLiteral("emoji"), reaction.emoji},
                       {QStringLiteral("ts"), reaction.ts}};
    if (reaction.group != 0)
        object.insert(QStringLiteral("group"), reaction.group);
    else if (!reaction.peer.isEmpty())
        object.insert(QStringLiteral("peer"), reaction.peer);
    if (reaction.seq)
        object.insert(QStringLiteral("seq"), reaction.seq);
    return object;
}

} // namespace Palomar::Cli
