#include "report.h"

#include "platform/logformat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

namespace Palomar::Admin {

namespace {

using Platform::LogFormat::counted;

// Columns padded to their widest cell; the last one is not padded.
QString table(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &cell : header)
        widths.append(cell.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], row.at(i).size());
    }
    QString text;
    const auto line = [&](const QStringList &cells) {
        QStringList padded;
        for (qsizetype i = 0; i < cells.size(); ++i)
            padded.append(i + 1 < cells.size() ? cells.at(i).leftJustified(widths[i])
                                               : cells.at(i));
        text += padded.join(QStringLiteral("  ")).trimmed() + QLatin1Char('\n');
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
    return text;
}

// A table of `rows` and a line that counts them.
QString listing(const QStringList &header, const QList<QStringList> &rows, const char *singular,
                const char *plural)
{
    return table(header, rows) + counted(rows.size(), singular, plural) + QLatin1Char('\n');
}

QString count(const QJsonObject &answer, const char *field)
{
    return QString::number(qint64(answer.value(QLatin1String(field)).toDouble()));
}

QString users(const QJsonObject &answer)
{
    QList<QStringList> rows;
    const QJsonArray list = answer.value(QLatin1String("users")).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject user = value.toObject();
        QString banned =
            user.value(QLatin1String("banned")).isNull()
                ? QString()
                : QStringLiteral("banned %1").arg(formatTime(user.value(QLatin1String("banned"))));
        const QString reason = user.value(QLatin1String("ban_reason")).toString();
        if (!reason.isEmpty())
            banned += QStringLiteral(" (%1)").arg(reason);
        rows.append({user.value(QLatin1String("user")).toString(),
                     user.value(QLatin1String("online")).toBool() ? QStringLiteral("online")
                                                                  : QStringLiteral("offline"),
                     formatTime(user.value(QLatin1String("last_seen"))),
                     formatTime(user.value(QLatin1String("created"))), banned});
    }
    return listing({QStringLiteral("USER"), QStringLiteral("STATE"), QStringLiteral("LAST SEEN"),
                    QStringLiteral("CREATED"), QStringLiteral("BAN")},
                   rows, "user", "users");
}

QString sessions(const QJsonObject &answer)
{
    QList<QStringList> rows;
    const QJsonArray list = answer.value(QLatin1String("sessions")).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject session = value.toObject();
        rows.append({session.value(QLatin1String("user")).toString(),
                     session.value(QLatin1String("online")).toBool() ? QStringLiteral("online")
                                                                     : QStringLiteral("detached"),
                     formatTime(session.value(QLatin1String("last_active"))),
                     formatTime(session.value(QLatin1String("created"))),
                     count(session, "instance")});
    }
    return listing({QStringLiteral("USER"), QStringLiteral("STATE"), QStringLiteral("LAST ACTIVE"),
                    QStringLiteral("STARTED"), QStringLiteral("INSTANCE")},
                   rows, "session", "sessions");
}

QString stats(const QJsonObject &answer)
{
    const auto bytes = [&](const char *field) {
        return formatBytes(qint64(answer.value(QLatin1String(field)).toDouble()));
    };
    QList<QStringList> rows{
        {QStringLiteral("users"), count(answer, "users"),
         QStringLiteral("%1 banned").arg(count(answer, "banned_users"))},
        {QStringLiteral("sessions"), count(answer, "sessions"),
         QStringLiteral("%1 online").arg(count(answer, "online"))},
        {QStringLiteral("one-to-one messages"), count(answer, "direct_messages"), QString()},
        {QStringLiteral("group messages"), count(answer, "group_messages"), QString()},
        {QStringLiteral("groups"), count(answer, "groups"), QString()},
        {QStringLiteral("files"), count(answer, "files"), bytes("file_bytes")},
        {QStringLiteral("unfinished uploads"), count(answer, "unfinished_uploads"),
         bytes("unfinished_upload_bytes")},
        {QStringLiteral("undelivered events"), count(answer, "pending_events"), QString()},
        {QStringLiteral("throttled logins"), count(answer, "throttled_logins"), QString()},
        {QStringLiteral("database"), bytes("database_bytes"),
         answer.value(QLatin1String("database")).toString()},
    };
    return table({QStringLiteral("WHAT"), QStringLiteral("COUNT"), QString()}, rows);
}

QString check(const QJsonObject &answer)
{
    const QJsonArray problems = answer.value(QLatin1String("problems")).toArray();
    if (problems.isEmpty())
        return QStringLiteral("ok: no integrity or foreign-key problems\n");
    QList<QStringList> rows;
    for (const QJsonValue &value : problems) {
        const QJsonObject problem = value.toObject();
        rows.append({problem.value(QLatin1String("table")).toString(), count(problem, "rows"),
                     problem.value(QLatin1String("problem")).toString()});
    }
    return table({QStringLiteral("TABLE"), QStringLiteral("ROWS"), QStringLiteral("PROBLEM")},
                 rows) +
           counted(problems.size(), "problem", "problems") + QStringLiteral(" found\n");
}

QString invites(const QJsonObject &answer)
{
    QList<QStringList> rows;
    const QJsonArray list = answer.value(QLatin1String("invites")).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject invite = value.toObject();
        QString state = invite.value(QLatin1String("state")).toString();
        if (state == QLatin1String("used"))
            state += QStringLiteral(" by %1 %2")
                         .arg(invite.value(QLatin1String("used_by")).toString(),
                              formatTime(invite.value(QLatin1String("used_at"))));
        rows.append({invite.value(QLatin1String("code")).toString(), state,
                     formatTime(invite.value(QLatin1String("created"))),
                     invite.value(QLatin1String("expires")).isNull()
                         ? QStringLiteral("never")
                         : formatTime(invite.value(QLatin1String("expires"))),
                     invite.value(QLatin1String("note")).toString()});
    }
    return listing({QStringLiteral("CODE"), QStringLiteral("STATE"), QStringLiteral("CREATED"),
                    QStringLiteral("EXPIRES"), QStringLiteral("NOTE")},
                   rows, "invite", "invites");
}

QString sessionNote(const QJsonObject &answer)
{
    return answer.value(QLatin1String("session_ended")).toBool()
               ? QStringLiteral("; their session ended")
               : QString();
}

} // namespace

QString formatTime(const QJsonValue &ms)
{
    if (ms.isNull() || ms.isUndefined())
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(qint64(ms.toDouble()))
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString describe(const QString &op, const QJsonObject &answer)
{
    const QString user = answer.value(QLatin1String("user")).toString();
    if (op == QLatin1String("users"))
        return users(answer);
    if (op == QLatin1String("sessions"))
        return sessions(answer);
    if (op == QLatin1String("stats"))
        return stats(answer);
    if (op == QLatin1String("check"))
        return check(answer);
    if (op == QLatin1String("invite list"))
        return invites(answer);
    if (op == QLatin1String("invite create")) {
        const QJsonValue expires = answer.value(QLatin1String("expires"));
        return QStringLiteral("%1\n(one use, %2)\n")
            .arg(answer.value(QLatin1String("code")).toString(),
                 expires.isNull() ? QStringLiteral("never expires")
                                  : QStringLiteral("expires %1").arg(formatTime(expires)));
    }
    if (op == QLatin1String("invite revoke"))
        return QStringLiteral("revoked %1\n").arg(answer.value(QLatin1String("code")).toString());
    if (op == QLatin1String("add-user"))
        return QStringLiteral("added %1\n").arg(user);
    if (op == QLatin1String("reset-password"))
        return QStringLiteral("new password for %1%2\n").arg(user, sessionNote(answer));
    if (op == QLatin1String("ban"))
        return answer.value(QLatin1String("already")).toBool()
                   ? QStringLiteral("%1 was already banned\n").arg(user)
                   : QStringLiteral("banned %1%2\n").arg(user, sessionNote(answer));
    if (op == QLatin1String("unban"))
        return answer.value(QLatin1String("was_banned")).toBool()
                   ? QStringLiteral("unbanned %1\n").arg(user)
                   : QStringLiteral("%1 was not banned\n").arg(user);
    if (op == QLatin1String("delete-user"))
        return QStringLiteral("deleted %1\n").arg(user);
    if (op == QLatin1String("kick"))
        return answer.value(QLatin1String("session_ended")).toBool()
                   ? QStringLiteral("kicked %1\n").arg(user)
                   : QStringLiteral("%1 had no session; their connections (if any) are closed\n")
                         .arg(user);
    if (op == QLatin1String("unlock")) {
        const QJsonValue cleared = answer.value(QLatin1String("cleared"));
        if (cleared.isArray()) {
            QStringList keys;
            for (const QJsonValue &key : cleared.toArray())
                keys.append(key.toString());
            return QStringLiteral("cleared login throttling of %1\n")
                .arg(keys.join(QLatin1String(", ")));
        }
        return QStringLiteral("cleared all login throttling (%1 entries)\n").arg(cleared.toInt());
    }
    if (op == QLatin1String("backup"))
        return QStringLiteral("backed up to %1 (%2)\n")
            .arg(answer.value(QLatin1String("path")).toString(),
                 formatBytes(qint64(answer.value(QLatin1String("bytes")).toDouble())));
    return QStringLiteral("done\n");
}

} // namespace Palomar::Admin
