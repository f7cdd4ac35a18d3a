#include "output.h"

#include "platform/datasize.h"
#include "protocol/request.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <unistd.h>

namespace Palomar::Cli {

using Client::MessageStatus;

namespace {
const QString kTick = QStringLiteral(u"\u2713");
const QString kReset = QStringLiteral("\033[0m");
bool g_jsonErrors = false;

QString escapeFor(Output::Style style)
{
    switch (style) {
    case Output::Style::Sender:
        return QStringLiteral("\033[1;36m"); // bold cyan
    case Output::Style::Mine:
        return QStringLiteral("\033[1;32m"); // bold green
    case Output::Style::Tick:
        return QStringLiteral("\033[2m"); // dim
    case Output::Style::ReadTick:
        return QStringLiteral("\033[34m"); // blue
    case Output::Style::System:
        return QStringLiteral("\033[33m"); // yellow
    case Output::Style::Error:
        return QStringLiteral("\033[1;31m"); // bold red
    }
    return {};
}

QString quoted(const QString &text)
{
    constexpr int kMaxShown = 40;
    QString shown = text.simplified();
    if (shown.size() > kMaxShown)
        shown = shown.left(kMaxShown - 1) + QStringLiteral(u"\u2026");
    return QStringLiteral(u"\u201C") + shown + QStringLiteral(u"\u201D");
}
} // namespace

QString Output::compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString Output::time(qint64 ts, TimeStyle style)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ts).toLocalTime();
    if (style == TimeStyle::Short && when.date() == QDate::currentDate())
        return when.toString(QStringLiteral("HH:mm"));
    return when.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString Output::size(qint64 bytes)
{
    return Platform::DataSize::format(bytes, QLocale::c());
}

bool Output::colourWanted(bool json, int fd, const QProcessEnvironment &environment)
{
    // https://no-color.org: any non-empty NO_COLOR turns colour off.
    return !json && isatty(fd) && environment.value(QStringLiteral("NO_COLOR")).isEmpty();
}

QString Output::paint(const QString &text, Style style) const
{
    if (!m_colour || text.isEmpty())
        return text;
    return escapeFor(style) + text + kReset;
}

QString Output::sender(const QString &user, const QString &me) const
{
    return paint(user, user.compare(me, Qt::CaseInsensitive) == 0 ? Style::Mine : Style::Sender);
}

QString Output::ticks(MessageStatus status) const
{
    switch (status) {
    case MessageStatus::Sent:
        return paint(kTick, Style::Tick);
    case MessageStatus::Delivered:
        return paint(kTick + kTick, Style::Tick);
    case MessageStatus::Read:
        if (m_colour)
            return paint(kTick + kTick, Style::ReadTick);
        return kTick + kTick + QStringLiteral(" read");
    case MessageStatus::Unknown:
        break;
    }
    return {};
}

QString Output::message(const Client::Message &message, const QString &me, TimeStyle style) const
{
    if (m_json)
        return compact(toJson(message));
    return messageLine(message, me, style, {});
}

QString Output::idMark(qint64 msgId)
{
    return msgId > 0 ? QStringLiteral("#%1 ").arg(msgId) : QString();
}

QString Output::messageLine(const Client::Message &message, const QString &me, TimeStyle style,
                            const QString &peer) const
{
    QString line = QStringLiteral("[%1] ").arg(time(message.ts, style));
    const QString group = message.isGroupMessage()
                              ? QStringLiteral("[%1] ").arg(groupLabel(message.group))
                              : QString();
    if (message.isSystemLine())
        return line + group + QStringLiteral("— ") + systemLine(message.system, me);
    // The id first: what /reply, /edit, /delete, /forward and /react take.
    line += idMark(message.msgId) + group;
    if (!peer.isEmpty())
        line += QStringLiteral("(with %1) ").arg(peer);
    line += sender(message.from, me) + QStringLiteral(": ");
    if (message.deleted)
        return line + QStringLiteral("(message deleted)");
    if (message.forwarded)
        line += QStringLiteral("(forwarded) ");
    if (message.replyTo)
        line += replyMark(message.replyTo) + QLatin1Char(' ');
    // The id is what `get FILE_ID` and /get take.
    if (!message.file.isEmpty())
        line += QStringLiteral("[file #%1 %2, %3]%4")
                    .arg(qint64(message.file.value(QLatin1String("file_id")).toDouble()))
                    .arg(message.file.value(QLatin1String("name")).toString(),
                         size(qint64(message.file.value(QLatin1String("size")).toDouble())),
                         message.text.isEmpty() ? QString() : QStringLiteral(" "));
    line += message.text;
    if (message.edited)
        line += QStringLiteral(" (edited)");
    const bool mine = message.from.compare(me, Qt::CaseInsensitive) == 0;
    if (mine && message.status != MessageStatus::Unknown)
        line += QStringLiteral("  ") + ticks(message.status);
    for (auto it = message.reactions.cbegin(); it != message.reactions.cend(); ++it)
        line += QStringLiteral("  %1 %2").arg(it.key(), it.value().join(QStringLiteral(", ")));
    return line;
}

QString Output::about(const QString &text) const
{
    return quoted(text);
}

QString Output::about(const Client::Message &message) const
{
    if (message.file.isEmpty())
        return quoted(message.text);
    return QStringLiteral("the file %1")
        .arg(quoted(message.file.value(QLatin1String("name")).toString()));
}

QString Output::receipt(const Client::Receipt &receipt, const QString &about) const
{
    if (m_json)
        return compact(toJson(receipt));
    const QString what =
        about.isNull() ? QStringLiteral("your message #%1").arg(receipt.msgId) : about;
    const bool read = receipt.status == MessageStatus::Read;
    const QString marks = paint(kTick + kTick, read ? Style::ReadTick : Style::Tick);
    QString line = QStringLiteral("[%1] ").arg(time(receipt.ts, TimeStyle::Short));
    if (receipt.isGroupReceipt())
        line += QStringLiteral("[%1] ").arg(groupLabel(receipt.group));
    line += QStringLiteral("%1 %2 %3")
                .arg(receipt.by, read ? QStringLiteral("read") : QStringLiteral("received"), what);
    // In a group the ticks turn only once every member has it.
    if (!receipt.isGroupReceipt() || receipt.complete)
        line += QStringLiteral("  ") + marks;
    if (receipt.isGroupReceipt() && receipt.complete)
        line += read ? QStringLiteral(" (read by everyone)")
                     : QStringLiteral(" (received by everyone)");
    return line;
}

void Output::setGroupNames(const QList<Client::GroupInfo> &groups)
{
    for (const Client::GroupInfo &group : groups)
        m_groupNames.insert(group.group, group.name);
}

QString Output::groupLabel(qint64 group) const
{
    const QString name = m_groupNames.value(group);
    return name.isEmpty() ? QStringLiteral("#%1").arg(group) : name;
}

QString Output::sentToGroup(qint64 group, const QString &text, qint64 msgId, qint64 ts,
                            const QString &clientId, const QString &me) const
{
    if (m_json) {
        return compact({{QStringLiteral("ok"), true},
                        {QStringLiteral("group"), group},
                        {QStringLiteral("msg_id"), msgId},
                        {QStringLiteral("ts"), ts},
                        {QStringLiteral("client_id"), clientId}});
    }
    return QStringLiteral("[%1] %2[%3] %4: %5  %6")
        .arg(time(ts, TimeStyle::Short), idMark(msgId), groupLabel(group), paint(me, Style::Mine),
             text, ticks(MessageStatus::Sent));
}

QStringList Output::groups(const QList<Client::GroupInfo> &groups, const QString &me) const
{
    QStringList lines;
    if (m_json) {
        for (const Client::GroupInfo &group : groups)
            lines.append(compact({{QStringLiteral("kind"), QStringLiteral("group")},
                                  {QStringLiteral("group"), group.group},
                                  {QStringLiteral("name"), group.name},
                                  {QStringLiteral("admin"), group.admin}}));
        return lines;
    }
    if (groups.isEmpty())
        lines.append(QStringLiteral("No groups yet."));
    else
        lines.append(QStringLiteral("Groups:"));
    for (const Client::GroupInfo &group : groups) {
        const QString admin = group.isAdmin(me) ? QStringLiteral("you are the admin")
                                                : QStringLiteral("admin %1").arg(group.admin);
        lines.append(
            QStringLiteral("  #%1  %2  (%3)").arg(group.group).arg(group.name, -20).arg(admin));
    }
    return lines;
}

QStringList Output::groupInfo(const Client::GroupInfo &info) const
{
    if (m_json) {
        return {compact({{QStringLiteral("group"), info.group},
                         {QStringLiteral("name"), info.name},
                         {QStringLiteral("admin"), info.admin},
                         {QStringLiteral("members"), QJsonArray::fromStringList(info.members)}})};
    }
    QStringList lines{QStringLiteral("#%1 %2, admin %3").arg(info.group).arg(info.name, info.admin),
                      QStringLiteral("Members: %1").arg(info.members.join(QStringLiteral(", ")))};
    return lines;
}

QString Output::groupEvent(const QString &kind, const Client::GroupEvent &event) const
{
    if (m_json)
        return compact({{QStringLiteral("kind"), kind},
                        {QStringLiteral("group"), event.group},
                        {QStringLiteral("name"), event.name},
                        {QStringLiteral("by"), event.by},
                        {QStringLiteral("ts"), event.ts}});
    const QString group = QStringLiteral("%1 (#%2)").arg(event.name).arg(event.group);
    if (kind == QLatin1String("group_added"))
        return QStringLiteral("* %1 added you to the group %2").arg(event.by, group);
    if (kind == QLatin1String("group_removed"))
        return QStringLiteral("* you are no longer in the group %1 (by %2)").arg(group, event.by);
    return QStringLiteral("* the group %1 changed (by %2)").arg(group, event.by);
}

QString Output::friendEvent(const QString &kind, const QString &user, bool interactive) const
{
    if (m_json)
        return compact({{QStringLiteral("kind"), kind}, {QStringLiteral("user"), user}});
    if (kind == QLatin1String("friend_request")) {
        return interactive
                   ? QStringLiteral("* %1 wants to be your friend: /accept %1 or /decline %1")
                         .arg(user)
                   : QStringLiteral("* %1 wants to be your friend (palomar-cli accept %1)")
                         .arg(user);
    }
    if (kind == QLatin1String("friend_added"))
        return QStringLiteral("* you and %1 are now friends").arg(user);
    if (kind == QLatin1String("friend_declined"))
        return QStringLiteral("* %1 declined your friend request").arg(user);
    if (kind == QLatin1String("friend_removed"))
        return QStringLiteral("* %1 is no longer your friend").arg(user);
    return QStringLiteral("* %1: %2").arg(kind, user);
}

QString Output::replyMark(qint64 replyTo)
{
    return QStringLiteral(u"\u21AA #%1").arg(replyTo);
}

QString Output::unknownEvent(const QJsonObject &event) const
{
    if (m_json)
        return compact(event);
    const QString kind = event.value(QLatin1String("kind")).toString();
    if (kind == Protocol::EventKind::Reaction)
        return reaction(Client::Reaction::fromJson(event), QString());
    if (kind == QLatin1String("edited") || kind == QLatin1String("deleted")) {
        // Which chat: a group's name, or the other side of a one-to-one chat.
        const qint64 group = event.value(QLatin1String("group")).toInteger();
        const QString where = group ? QStringLiteral(" in %1").arg(groupLabel(group)) : QString();
        const QString line = QStringLiteral("* %1 %2 message #%3%4")
                                 .arg(event.value(QLatin1String("from")).toString(), kind)
                                 .arg(event.value(QLatin1String("msg_id")).toInteger())
                                 .arg(where);
        if (kind == QLatin1String("deleted"))
            return line;
        return line + QStringLiteral(": ") + event.value(QLatin1String("text")).toString();
    }
    return QStringLiteral("* %1 event").arg(kind);
}

QString Output::typing(const QString &user, qint64 group, int expiresIn) const
{
    if (m_json) {
        QJsonObject notice{{QStringLiteral("kind"), QStringLiteral("typing")},
                           {QStringLiteral("from"), user},
                           {QStringLiteral("expires_in"), expiresIn}};
        if (group != 0)
            notice.insert(QStringLiteral("group"), group);
        return compact(notice);
    }
    if (group != 0)
        return QStringLiteral("* %1 is typing in %2\u2026").arg(user, groupLabel(group));
    return QStringLiteral("* %1 is typing\u2026").arg(user);
}

QString Output::presence(const QString &user, bool online, qint64 lastSeen) const
{
    if (m_json)
        return compact({{QStringLiteral("kind"), QStringLiteral("presence")},
                        {QStringLiteral("user"), user},
                        {QStringLiteral("online"), online},
                        {QStringLiteral("last_seen"), lastSeen}});
    if (online)
        return QStringLiteral("* %1 is online").arg(user);
    return QStringLiteral("* %1 went offline at %2").arg(user, time(lastSeen, TimeStyle::Full));
}

QStringList Output::friends(const Client::FriendList &list) const
{
    QStringList lines;
    if (m_json) {
        for (const Client::Friend &entry : list.friends) {
            lines.append(compact({{QStringLiteral("kind"), QStringLiteral("friend")},
                                  {QStringLiteral("user"), entry.user},
                                  {QStringLiteral("online"), entry.online},
                                  {QStringLiteral("last_seen"),
                                   entry.lastSeen ? QJsonValue(entry.lastSeen) : QJsonValue()}}));
        }
        for (const QString &user : list.incoming)
            lines.append(compact({{QStringLiteral("kind"), QStringLiteral("incoming")},
                                  {QStringLiteral("user"), user}}));
        for (const QString &user : list.outgoing)
            lines.append(compact({{QStringLiteral("kind"), QStringLiteral("outgoing")},
                                  {QStringLiteral("user"), user}}));
        return lines;
    }
    if (list.friends.isEmpty())
        lines.append(QStringLiteral("No friends yet."));
    else
        lines.append(QStringLiteral("Friends:"));
    for (const Client::Friend &entry : list.friends) {
        QString state = QStringLiteral("offline");
        if (entry.online)
            state = QStringLiteral("online");
        else if (entry.lastSeen)
            state = QStringLiteral("last seen %1").arg(time(entry.lastSeen, TimeStyle::Full));
        lines.append(QStringLiteral("  %1  %2").arg(entry.user, -20).arg(state));
    }
    if (!list.incoming.isEmpty())
        lines.append(QStringLiteral("Asking you: ") + list.incoming.join(QStringLiteral(", ")));
    if (!list.outgoing.isEmpty())
        lines.append(QStringLiteral("Waiting for: ") + list.outgoing.join(QStringLiteral(", ")));
    return lines;
}

QString Output::sent(const QString &to, const QString &text, qint64 msgId, qint64 ts,
                     const QString &clientId, const QString &me) const
{
    if (m_json) {
        return compact({{QStringLiteral("ok"), true},
                        {QStringLiteral("to"), to},
                        {QStringLiteral("msg_id"), msgId},
                        {QStringLiteral("ts"), ts},
                        {QStringLiteral("client_id"), clientId}});
    }
    return QStringLiteral("[%1] %2%3 \u2192 %4: %5  %6")
        .arg(time(ts, TimeStyle::Short), idMark(msgId), paint(me, Style::Mine),
             paint(to, Style::Sender), text, ticks(MessageStatus::Sent));
}

QString Output::done(const QString &human, const QJsonObject &fields) const
{
    if (!m_json)
        return human;
    QJsonObject object = fields;
    object.insert(QStringLiteral("ok"), true);
    return compact(object);
}

QJsonObject toJson(const Client::Message &message)
{
    QJsonObject object{{QStringLiteral("kind"), QStringLiteral("message")},
                       {QStringLiteral("msg_id"), message.msgId},
                       {QStringLiteral("from"), message.from},
                       {QStringLiteral("text"), message.text},
                       {QStringLiteral("ts"), message.ts}};
    if (message.isGroupMessage())
        object.insert(QStringLiteral("group"), message.group);
    else
        object.insert(QStringLiteral("to"), message.to);
    if (!message.file.isEmpty())
        object.insert(QStringLiteral("file"), message.file);
    if (message.status != MessageStatus::Unknown)
        object.insert(QStringLiteral("status"), Client::messageStatusName(message.status));
    if (message.seq)
        object.insert(QStringLiteral("seq"), message.seq);
    if (!message.reactions.isEmpty()) {
        QJsonObject reactions;
        for (auto it = message.reactions.cbegin(); it != message.reactions.cend(); ++it)
            reactions.insert(it.key(), QJsonArray::fromStringList(it.value()));
        object.insert(QStringLiteral("reactions"), reactions);
    }
    if (message.isSystemLine()) {
        QJsonObject system{{QStringLiteral("kind"), message.system.kind},
                           {QStringLiteral("by"), message.system.by}};
        if (!message.system.user.isEmpty())
            system.insert(QStringLiteral("user"), message.system.user);
        if (!message.system.name.isEmpty())
            system.insert(QStringLiteral("name"), message.system.name);
        object.insert(QStringLiteral("system"), system);
    }
    if (message.replyTo)
        object.insert(QStringLiteral("reply_to"), message.replyTo);
    if (message.forwarded)
        object.insert(QStringLiteral("forwarded"), true);
    if (message.edited)
        object.insert(QStringLiteral("edited"), message.edited);
    if (message.deleted)
        object.insert(QStringLiteral("deleted"), true);
    return object;
}

QJsonObject toJson(const Client::Receipt &receipt)
{
    QJsonObject object{{QStringLiteral("kind"), QStringLiteral("receipt")},
                       {QStringLiteral("msg_id"), receipt.msgId},
                       {QStringLiteral("by"), receipt.by},
                       {QStringLiteral("status"), Client::messageStatusName(receipt.status)},
                       {QStringLiteral("ts"), receipt.ts}};
    if (receipt.isGroupReceipt()) {
        object.insert(QStringLiteral("group"), receipt.group);
        object.insert(QStringLiteral("complete"), receipt.complete);
    }
    if (receipt.seq)
        object.insert(QStringLiteral("seq"), receipt.seq);
    return object;
}

void printLine(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void setJsonErrors(bool json)
{
    g_jsonErrors = json;
}

QString errorText(const QString &code, const QString &message)
{
    if (g_jsonErrors) {
        const QJsonObject object{{QStringLiteral("ok"), false},
                                 {QStringLiteral("error"), code},
                                 {QStringLiteral("message"), message}};
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    return QStringLiteral("error: %1: %2").arg(code, message);
}

void printError(const QString &code, const QString &message)
{
    printLine(stderr, errorText(code, message));
}

QString failureMessage(const QString &code, const QString &message, int retryAfterSeconds)
{
    QString text = message.isEmpty() ? code : message;
    if (retryAfterSeconds <= 0)
        return text;
    const QString wait = QStringLiteral("try again in %1 s").arg(retryAfterSeconds);
    const QLatin1String later("try again later");
    if (text.endsWith(later)) {
        text.chop(later.size());
        return text + wait;
    }
    return QStringLiteral("%1 (%2)").arg(text, wait);
}

} // namespace Palomar::Cli
