#include "commands.h"

#include "protocol/validation.h"

#include <QCommandLineParser>
#include <QDir>
#include <QHash>
#include <QRegularExpression>

namespace Palomar::Admin {

namespace {

const char *const kDescription =
    "Palomar administration: accounts, bans, sessions, login throttling, statistics, backups "
    "and checks. On a running server it goes through the server's admin socket, so changes "
    "take effect at once; on a stopped one it works on the database directly.\n"
    "\n"
    "Commands:\n"
    "  users                     accounts, online state, last seen, bans\n"
    "  add-user NAME             new account (password from standard input or a prompt)\n"
    "  reset-password NAME       new password; ends the user's session\n"
    "  ban NAME [--reason TEXT]  no more logins, live connections closed, name kept\n"
    "  unban NAME                lifts a ban\n"
    "  delete-user NAME          deletes the account as unregister does\n"
    "  sessions                  live and detached sessions\n"
    "  kick NAME                 ends the session and closes its connections\n"
    "  unlock NAME | --address ADDR | --all\n"
    "                            clears login throttling\n"
    "  stats                     users, messages, files, database size\n"
    "  backup FILE               online, consistent copy of an SQLite database\n"
    "  check                     integrity and foreign keys\n"
    "  invite create [--expires 7d|never] [--note TEXT]\n"
    "                            one-time registration code\n"
    "  invite list               codes and their state\n"
    "  invite revoke CODE        the code can no longer be used\n"
    "\n"
    "Exit status: 0 done, 1 failed (or check found problems), 2 usage or configuration error.";

// The server options palomar-admin passes on to the server's own parser.
const char *const kServerOptions[] = {"config", "data", "db", "admin-socket"};

struct Shape
{
    const char *name;
    int positional;      // NAME / FILE arguments after the command
    QStringList options; // command options allowed
};

const QList<Shape> &shapes()
{
    static const QList<Shape> list{
        {"users", 0, {}},
        {"add-user", 1, {}},
        {"reset-password", 1, {}},
        {"ban", 1, {QStringLiteral("reason")}},
        {"unban", 1, {}},
        {"delete-user", 1, {}},
        {"sessions", 0, {}},
        {"kick", 1, {}},
        {"unlock", -1, {QStringLiteral("address"), QStringLiteral("all")}},
        {"stats", 0, {}},
        {"backup", 1, {}},
        {"check", 0, {}},
        {"invite", -1, {QStringLiteral("expires"), QStringLiteral("note")}},
    };
    return list;
}

const QStringList kCommandOptions{QStringLiteral("reason"), QStringLiteral("address"),
                                  QStringLiteral("all"), QStringLiteral("expires"),
                                  QStringLiteral("note")};

constexpr qint64 kDefaultInviteExpiry = 7 * 86400 * 1000LL;

// "90s", "30m", "12h", "7d", "2w" in ms; -1 when not a duration.
qint64 parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,6})([smhdw])$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch() || match.captured(1).toLongLong() == 0)
        return -1;
    static const QHash<QChar, qint64> units{{QLatin1Char('s'), 1000},
                                            {QLatin1Char('m'), 60 * 1000},
                                            {QLatin1Char('h'), 3600 * 1000},
                                            {QLatin1Char('d'), 86400 * 1000},
                                            {QLatin1Char('w'), 7 * 86400 * 1000LL}};
    return match.captured(1).toLongLong() * units.value(match.captured(2).at(0));
}

// invite create|list|revoke: the request, or false with `message`.
bool inviteRequest(const QCommandLineParser &parser, QStringList positional, QJsonObject *request,
                   QString *command, QString *message)
{
    const QString action = positional.isEmpty() ? QString() : positional.takeFirst();
    const bool create = action == QLatin1String("create");
    if (!create &&
        (parser.isSet(QStringLiteral("expires")) || parser.isSet(QStringLiteral("note")))) {
        *message = QStringLiteral("--expires and --note are for invite create");
        return false;
    }
    *command = QStringLiteral("invite ") + action;
    if ((create || action == QLatin1String("list")) && positional.isEmpty()) {
        request->insert(QStringLiteral("op"), QString(QStringLiteral("invite-") + action));
        if (!create)
            return true;
        const QString expires = parser.isSet(QStringLiteral("expires"))
                                    ? parser.value(QStringLiteral("expires"))
                                    : QString();
        if (expires != QLatin1String("never")) {
            const qint64 ms = expires.isEmpty() ? kDefaultInviteExpiry : parseDuration(expires);
            if (ms < 0) {
                *message = QStringLiteral("--expires takes a duration such as 90m, 12h, 7d or 2w, "
                                          "or never; not %1")
                               .arg(expires);
                return false;
            }
            request->insert(QStringLiteral("expires_in"), double(ms));
        }
        if (parser.isSet(QStringLiteral("note")))
            request->insert(QStringLiteral("note"), parser.value(QStringLiteral("note")));
        return true;
    }
    if (action == QLatin1String("revoke") && positional.size() == 1) {
        request->insert(QStringLiteral("op"), QStringLiteral("invite-revoke"));
        request->insert(QStringLiteral("code"), positional.first());
        return true;
    }
    *message =
        QStringLiteral("invite takes: create [--expires D] [--note TEXT], list, or revoke CODE");
    return false;
}

} // namespace

ParseResult parseCommandLine(const QStringList &arguments, Invocation *invocation, QString *message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOption({QStringLiteral("config"),
                      QStringLiteral("The server's configuration file (its database, its admin "
                                     "socket)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("data"), QStringLiteral("The server's data folder."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("db"), QStringLiteral("The server's database URL."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("admin-socket"),
                      QStringLiteral("The running server's admin socket (default: "
                                     "DIR/admin.sock)."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Answer in JSON, for scripts.")});
    parser.addOption({QStringLiteral("reason"), QStringLiteral("ban: why (shown in users)."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("address"),
                      QStringLiteral("unlock: a client address's login throttling."),
                      QStringLiteral("ADDR")});
    parser.addOption({QStringLiteral("all"), QStringLiteral("unlock: all login throttling.")});
    parser.addOption({QStringLiteral("expires"),
                      QStringLiteral("invite create: valid for this long (90m, 12h, 7d, 2w) or "
                                     "never (default: 7d)."),
                      QStringLiteral("DURATION")});
    parser.addOption({QStringLiteral("note"),
                      QStringLiteral("invite create: who it is for (shown in invite list)."),
                      QStringLiteral("TEXT")});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("See Commands."));
    if (const ParseResult standard = Server::ServerConfig::parseStandard(
            parser, arguments, help, version, QStringLiteral("palomar-admin"), message);
        standard != ParseResult::Ok)
        return standard;
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        *message = QStringLiteral("no command given");
        return ParseResult::Error;
    }
    const QString command = positional.takeFirst();
    const auto shape = std::find_if(shapes().cbegin(), shapes().cend(), [&](const Shape &s) {
        return command == QLatin1String(s.name);
    });
    if (shape == shapes().cend()) {
        *message = QStringLiteral("unknown command %1").arg(command);
        return ParseResult::Error;
    }
    for (const QString &option : kCommandOptions) {
        if (parser.isSet(option) && !shape->options.contains(option)) {
            *message = QStringLiteral("%1 takes no --%2").arg(command, option);
            return ParseResult::Error;
        }
    }
    const int wanted = shape->positional;
    if (wanted >= 0 && positional.size() != wanted) {
        *message = wanted == 0 ? QStringLiteral("%1 takes no arguments").arg(command)
                               : QStringLiteral("%1 takes %2 argument%3")
                                     .arg(command)
                                     .arg(wanted)
                                     .arg(wanted == 1 ? QString() : QStringLiteral("s"));
        return ParseResult::Error;
    }

    // The server's own parser: the same defaults, config file and errors.
    QStringList serverArguments{QStringLiteral("palomar-server")};
    for (const char *name : kServerOptions) {
        const QString option = QString::fromLatin1(name);
        if (parser.isSet(option))
            serverArguments << QStringLiteral("--") + option << parser.value(option);
    }
    QString problem;
    if (Server::ServerConfig::parse(serverArguments, &invocation->config, &problem) !=
        Server::ServerConfig::ParseResult::Ok) {
        *message = problem;
        return ParseResult::Error;
    }
    invocation->json = parser.isSet(QStringLiteral("json"));
    invocation->command = command;
    QJsonObject request{{QStringLiteral("op"), command}};
    if (command == QLatin1String("invite")) {
        if (!inviteRequest(parser, positional, &request, &invocation->command, message))
            return ParseResult::Error;
        invocation->request = request;
        return ParseResult::Ok;
    }
    if (wanted == 1 && command != QLatin1String("backup")) {
        if (!Protocol::isValidUsername(positional.first())) {
            *message = QStringLiteral("not a valid username: %1").arg(positional.first());
            return ParseResult::Error;
        }
        request.insert(QStringLiteral("user"), positional.first());
    }
    if (command == QLatin1String("backup"))
        request.insert(QStringLiteral("path"),
                       QDir::current().absoluteFilePath(positional.first()));
    if (parser.isSet(QStringLiteral("reason")))
        request.insert(QStringLiteral("reason"), parser.value(QStringLiteral("reason")));
    if (command == QLatin1String("unlock")) {
        const bool all = parser.isSet(QStringLiteral("all"));
        const bool address = parser.isSet(QStringLiteral("address"));
        if (positional.size() > 1 || (all && (address || !positional.isEmpty())) ||
            (!all && !address && positional.isEmpty())) {
            *message = QStringLiteral("unlock takes a NAME, --address ADDR (or both), or --all");
            return ParseResult::Error;
        }
        if (!positional.isEmpty()) {
            if (!Protocol::isValidUsername(positional.first())) {
                *message = QStringLiteral("not a valid username: %1").arg(positional.first());
                return ParseResult::Error;
            }
            request.insert(QStringLiteral("user"), positional.first());
        }
        if (address)
            request.insert(QStringLiteral("address"), parser.value(QStringLiteral("address")));
        if (all)
            request.insert(QStringLiteral("all"), true);
    }
    invocation->needsPassword =
        command == QLatin1String("add-user") || command == QLatin1String("reset-password");
    invocation->request = request;
    return ParseResult::Ok;
}

} // namespace Palomar::Admin
