#include "options.h"

#include "client/tls.h"
#include "protocol/limits.h"

namespace Palomar::Cli {

namespace {

constexpr int kMaxRetryForSeconds = 24 * 3600;

struct CommandShape
{
    const char *name;
    int minimumTargets; // positional arguments before the text
    bool takesText;
    bool variadic;         // more positional arguments may follow (group-create's members)
    const char *arguments; // for usage errors
};

constexpr CommandShape kCommands[] = {
    {"register", 0, false, false, ""},
    {"add", 1, false, false, "USER"},
    {"accept", 1, false, false, "USER"},
    {"decline", 1, false, false, "USER"},
    {"unfriend", 1, false, false, "USER"},
    {"friends", 0, false, false, ""},
    {"send", 1, true, false, "USER TEXT (or --group GROUP TEXT)"},
    {"inbox", 0, false, false, ""},
    {"history", 1, false, false, "USER (or --group GROUP)"},
    {"unregister", 0, false, false, ""},
    {"groups", 0, false, false, ""},
    {"group-create", 1, false, true, "NAME [USER...]"},
    {"group-add", 2, false, false, "GROUP USER"},
    {"group-remove", 2, false, false, "GROUP USER"},
    {"group-rename", 1, true, false, "GROUP NAME"},
    {"group-leave", 1, false, false, "GROUP"},
    {"group-info", 1, false, false, "GROUP"},
    {"group-admin", 2, false, false, "GROUP USER"},
    {"react", 2, false, false, "MSG_ID EMOJI"},
    {"send-file", 2, false, false, "USER PATH (or --group GROUP PATH)"},
    {"get", 1, false, true, "FILE_ID [PATH]"},
    {"block", 1, false, false, "USER"},
    {"unblock", 1, false, false, "USER"},
    {"blocked", 0, false, false, ""},
    {"profile", 0, false, true, "[USER]"},
    {"set-profile", 0, false, false, "--name NAME and/or --avatar FILE"},
    {"passwd", 0, false, false, ""},
    {"reply", 1, true, false, "MSG_ID (--to USER | --group GROUP) TEXT"},
    {"edit", 1, true, false, "MSG_ID TEXT"},
    {"delete", 1, false, false, "MSG_ID"},
    {"forward", 2, false, false, "MSG_ID USER (or MSG_ID --group GROUP)"},
    {"search", 0, true, false, "[--to USER | --group GROUP] [--limit N] WORDS"},
};

const CommandShape *findCommand(const QString &name)
{
    for (const CommandShape &shape : kCommands) {
        if (name == QLatin1String(shape.name))
            return &shape;
    }
    return nullptr;
}

// Splits "--name=value"; `value` stays null when there is no '='.
QString optionName(const QString &argument, QString *value)
{
    const qsizetype equals = argument.indexOf(QLatin1Char('='));
    if (equals < 0 || !argument.startsWith(QLatin1String("--")))
        return argument;
    *value = argument.mid(equals + 1);
    return argument.left(equals);
}

bool takeValue(const QStringList &arguments, qsizetype *index, const QString &name,
               QString *inlineValue, QString *out, QString *error)
{
    if (!inlineValue->isNull()) {
        *out = *inlineValue;
        return true;
    }
    if (*index + 1 >= arguments.size()) {
        *error = QStringLiteral("%1 needs a value").arg(name);
        return false;
    }
    *out = arguments.at(++*index);
    return true;
}

bool toInteger(const QString &text, int minimum, int maximum, const QString &name, int *out,
               QString *error)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum || value > maximum) {
        *error =
            QStringLiteral("%1 takes a number from %2 to %3").arg(name).arg(minimum).arg(maximum);
        return false;
    }
    *out = value;
    return true;
}

// The options of every command, before or after it.
enum class GlobalOption
{
    Taken,
    Failed,
    NotOne
};

GlobalOption parseGlobalOption(const QStringList &arguments, qsizetype *index, Options *options,
                               QString *error)
{
    const QString &argument = arguments.at(*index);
    QString value;
    const QString name = optionName(argument, &value);
    if (name == QLatin1String("--help") || name == QLatin1String("-h")) {
        options->help = true;
        return GlobalOption::Taken;
    } else if (name == QLatin1String("--version") && value.isNull()) {
        options->version = true;
        return GlobalOption::Taken;
    } else if (name == QLatin1String("--server")) {
        QString address;
        if (!takeValue(arguments, index, name, &value, &address, error))
            return GlobalOption::Failed;
        if (!parseServerAddress(address, &options->host, &options->port)) {
            *error = QStringLiteral("--server takes HOST:PORT, not %1").arg(address);
            return GlobalOption::Failed;
        }
    } else if (name == QLatin1String("--user")) {
        if (!takeValue(arguments, index, name, &value, &options->user, error))
            return GlobalOption::Failed;
    } else if (name == QLatin1String("--password-file")) {
        if (!takeValue(arguments, index, name, &value, &options->passwordFile, error))
            return GlobalOption::Failed;
    } else if (name == QLatin1String("--tls") && value.isNull()) {
        options->tls = true;
    } else if (name == QLatin1String("--ca")) {
        if (!takeValue(arguments, index, name, &value, &options->caFile, error))
            return GlobalOption::Failed;
        options->tls = true;
    } else if (name == QLatin1String("--pin")) {
        QString fingerprint;
        if (!takeValue(arguments, index, name, &value, &fingerprint, error))
            return GlobalOption::Failed;
        options->pinnedFingerprint = Client::parseFingerprint(fingerprint);
        if (options->pinnedFingerprint.isEmpty()) {
            *error = QStringLiteral("--pin takes a SHA-256 fingerprint (64 hex digits, "
                                    "colons allowed), not %1")
                         .arg(fingerprint);
            return GlobalOption::Failed;
        }
        options->tls = true;
    } else if (name == QLatin1String("--takeover") && value.isNull()) {
        options->takeover = true;
    } else if (name == QLatin1String("--json") && value.isNull()) {
        options->json = true;
    } else if (name == QLatin1String("--retry-for")) {
        QString seconds;
        if (!takeValue(arguments, index, name, &value, &seconds, error) ||
            !toInteger(seconds, 0, kMaxRetryForSeconds, name, &options->retryForSeconds, error))
            return GlobalOption::Failed;
    } else {
        return GlobalOption::NotOne;
    }
    return GlobalOption::Taken;
}

// reply, edit, delete, forward: MSG_ID first; reply names its chat.
bool parseMessageCommand(Options *options, QString *error)
{
    static const QStringList kMessageCommands{QStringLiteral("reply"), QStringLiteral("edit"),
                                              QStringLiteral("delete"), QStringLiteral("forward")};
    if (!kMessageCommands.contains(options->command))
        return true;
    const QString id = options->targets.value(0);
    bool ok = false;
    options->msgId = id.toLongLong(&ok);
    if (!ok || options->msgId <= 0) {
        *error = QStringLiteral("%1 takes a message id (a positive number), not %2")
                     .arg(options->command, id);
        return false;
    }
    if (options->command == QLatin1String("reply") && options->to.isEmpty() &&
        options->group.isEmpty()) {
        *error = QStringLiteral("reply needs the message's chat: --to USER or --group GROUP");
        return false;
    }
    return true;
}

} // namespace

bool parseServerAddress(const QString &text, QString *host, quint16 *port)
{
    QString hostPart = text;
    QString portPart;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        hostPart = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return false;
            portPart = rest.mid(1);
        }
    } else if (text.count(QLatin1Char(':')) == 1) {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        hostPart = text.left(colon);
        portPart = text.mid(colon + 1);
    }
    if (hostPart.isEmpty())
        return false;
    quint16 number = 7878;
    if (!portPart.isNull()) {
        bool ok = false;
        const uint value = portPart.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return false;
        number = quint16(value);
    }
    *host = hostPart;
    *port = number;
    return true;
}

bool parseOptions(const QStringList &arguments, const QProcessEnvironment &environment,
                  Options *options, QString *error)
{
    const QString server = environment.value(QStringLiteral("PALOMAR_SERVER"));
    if (!server.isEmpty() && !parseServerAddress(server, &options->host, &options->port)) {
        *error = QStringLiteral("PALOMAR_SERVER is not HOST:PORT: %1").arg(server);
        return false;
    }
    options->user = environment.value(QStringLiteral("PALOMAR_USER"));
    const QString retryFor = environment.value(QStringLiteral("PALOMAR_RETRY_FOR"));
    if (!retryFor.isEmpty() &&
        !toInteger(retryFor, 0, kMaxRetryForSeconds, QStringLiteral("PALOMAR_RETRY_FOR"),
                   &options->retryForSeconds, error))
        return false;

    qsizetype index = 0;
    // Global options, up to the command.
    for (; index < arguments.size(); ++index) {
        const QString &argument = arguments.at(index);
        if (!argument.startsWith(QLatin1Char('-')))
            break;
        const GlobalOption global = parseGlobalOption(arguments, &index, options, error);
        if (global == GlobalOption::Failed)
            return false;
        if (global == GlobalOption::NotOne) {
            *error = QStringLiteral("unknown option %1").arg(argument);
            return false;
        }
        if (options->help || options->version)
            return true;
    }
    if (index == arguments.size())
        return true; // interactive

    options->command = arguments.at(index++);
    const CommandShape *shape = findCommand(options->command);
    if (!shape) {
        *error = QStringLiteral("unknown command %1").arg(options->command);
        return false;
    }

    QStringList positional;
    bool optionsEnded = false;
    for (; index < arguments.size(); ++index) {
        const QString &argument = arguments.at(index);
        if (optionsEnded || !argument.startsWith(QLatin1String("--")) || argument.size() == 2) {
            if (argument == QLatin1String("--") && !optionsEnded) {
                optionsEnded = true;
                continue;
            }
            positional.append(argument);
            continue;
        }
        QString value;
        const QString name = optionName(argument, &value);
        QString number;
        const bool search = options->command == QLatin1String("search");
        // reply and forward name the chat after their MSG_ID.
        const bool afterMsgId = options->command == QLatin1String("reply") ||
                                options->command == QLatin1String("forward");
        const bool groupable = options->command == QLatin1String("send") ||
                               options->command == QLatin1String("history") ||
                               options->command == QLatin1String("send-file") || afterMsgId ||
                               search;
        const qsizetype chatAt = afterMsgId ? 1 : 0;
        if (name == QLatin1String("--to") &&
            (options->command == QLatin1String("reply") || search) && positional.size() <= chatAt &&
            options->to.isEmpty() && options->group.isEmpty()) {
            if (!takeValue(arguments, &index, name, &value, &options->to, error))
                return false;
            if (options->to.isEmpty()) {
                *error = QStringLiteral("--to needs a user name");
                return false;
            }
        } else if (name == QLatin1String("--group") && groupable && positional.size() <= chatAt &&
                   options->group.isEmpty() && options->to.isEmpty()) {
            if (!takeValue(arguments, &index, name, &value, &options->group, error))
                return false;
            if (options->group.isEmpty()) {
                *error = QStringLiteral("--group needs a group id or name");
                return false;
            }
        } else if (name == QLatin1String("--invite") &&
                   options->command == QLatin1String("register")) {
            if (!takeValue(arguments, &index, name, &value, &options->invite, error))
                return false;
            if (options->invite.trimmed().isEmpty()) {
                *error = QStringLiteral("--invite needs an invitation code");
                return false;
            }
        } else if (name == QLatin1String("--name") &&
                   options->command == QLatin1String("set-profile")) {
            if (!takeValue(arguments, &index, name, &value, &options->profileName, error))
                return false;
            options->hasProfileName = true;
        } else if (name == QLatin1String("--avatar") &&
                   options->command == QLatin1String("set-profile")) {
            if (!takeValue(arguments, &index, name, &value, &options->avatarFile, error))
                return false;
        } else if (name == QLatin1String("--new-password-file") &&
                   options->command == QLatin1String("passwd")) {
            if (!takeValue(arguments, &index, name, &value, &options->newPasswordFile, error))
                return false;
        } else if (name == QLatin1String("--wait") && options->command == QLatin1String("inbox")) {
            if (!takeValue(arguments, &index, name, &value, &number, error) ||
                !toInteger(number, 0, Protocol::kMaxWaitSeconds, name, &options->waitSeconds,
                           error))
                return false;
        } else if (name == QLatin1String("--limit") && search) {
            if (!takeValue(arguments, &index, name, &value, &number, error) ||
                !toInteger(number, 1, Protocol::kMaxSearchLimit, name, &options->limit, error))
                return false;
        } else if (name == QLatin1String("--limit") &&
                   options->command == QLatin1String("history")) {
            if (!takeValue(arguments, &index, name, &value, &number, error) ||
                !toInteger(number, 1, Protocol::kMaxHistoryLimit, name, &options->limit, error))
                return false;
        } else if (const GlobalOption global = parseGlobalOption(arguments, &index, options, error);
                   global != GlobalOption::NotOne) {
            if (global == GlobalOption::Failed)
                return false;
            if (options->help || options->version)
                return true;
        } else if (shape->takesText && positional.size() >= shape->minimumTargets) {
            positional.append(argument); // message text may start with "--"
        } else {
            *error = QStringLiteral("unknown option %1 for %2").arg(argument, options->command);
            return false;
        }
    }

    // With --group, the group stands for the USER (reply names its chat by option only).
    const int targets = options->group.isEmpty() || options->command == QLatin1String("reply") ||
                                options->command == QLatin1String("search")
                            ? shape->minimumTargets
                            : shape->minimumTargets - 1;
    const auto wrongArguments = [&] {
        *error = shape->arguments[0] == '\0'
                     ? QStringLiteral("%1 takes no arguments").arg(options->command)
                     : QStringLiteral("%1 takes %2")
                           .arg(options->command, QLatin1String(shape->arguments));
        return false;
    };
    if (shape->takesText) {
        if (positional.size() < targets + 1)
            return wrongArguments();
        options->targets = positional.mid(0, targets);
        options->text = positional.mid(targets).join(QLatin1Char(' '));
        if (options->text.isEmpty()) {
            *error = QStringLiteral("the message text is empty");
            return false;
        }
    } else {
        if (positional.size() < targets || (!shape->variadic && positional.size() != targets))
            return wrongArguments();
        if (options->command == QLatin1String("get") && positional.size() > 2)
            return wrongArguments();
        if (options->command == QLatin1String("profile") && positional.size() > 1)
            return wrongArguments();
        if (options->command == QLatin1String("set-profile") && !options->hasProfileName &&
            options->avatarFile.isNull())
            return wrongArguments();
        options->targets = positional;
    }
    return parseMessageCommand(options, error);
}

QString usage()
{
    return QStringLiteral(
        "usage: palomar-cli [--server HOST:PORT] [--user NAME] [--password-file FILE]\n"
        "                   [--tls] [--ca FILE] [--pin SHA256] [--takeover] [--json]\n"
        "                   [--retry-for SECONDS]\n"
        "       palomar-cli --help | --version\n"
        "                   [COMMAND [ARGS]]\n"
        "\n"
        "Without COMMAND: an interactive chat (type /help there).\n"
        "\n"
        "Commands:\n"
        "  register [--invite CODE] create the account (does not log in); CODE is an\n"
        "                           invitation code, needed when the server's\n"
        "                           registration is by invitation\n"
        "  add USER                 ask USER to be your friend\n"
        "  accept USER              accept USER's friend request\n"
        "  decline USER             decline USER's friend request\n"
        "  unfriend USER            end a friendship\n"
        "  friends                  list friends and pending requests\n"
        "  send USER TEXT           send a message\n"
        "  send --group GROUP TEXT  send a message to a group\n"
        "  inbox [--wait SECONDS]   print and acknowledge what is pending\n"
        "  history USER [--limit N] the latest messages with USER\n"
        "  history --group GROUP [--limit N]\n"
        "                           the latest messages of a group\n"
        "  unregister               delete the account\n"
        "\n"
        "  groups                   list my groups\n"
        "  group-create NAME [USER...]\n"
        "                           create a group of friends; you are its admin\n"
        "  group-add GROUP USER     add a friend to a group (admin only)\n"
        "  group-remove GROUP USER  remove a member (admin only)\n"
        "  group-rename GROUP NAME  rename a group (admin only)\n"
        "  group-leave GROUP        leave a group\n"
        "  group-info GROUP         a group's admin and members\n"
        "  group-admin GROUP USER   make a member the admin (admin only)\n"
        "  react MSG_ID EMOJI       react to a message; \"\" removes my reaction\n"
        "  search [--to USER | --group GROUP] [--limit N] WORDS\n"
        "                           find messages by their words, newest first (in\n"
        "                           one chat, or in all of them); shows each #ID\n"
        "\n"
        "  send-file USER PATH      send a file (progress on stderr)\n"
        "  send-file --group GROUP PATH\n"
        "                           send a file to a group\n"
        "  get FILE_ID [PATH]       download a file shown in history or inbox as\n"
        "                           [file #FILE_ID ...]; PATH defaults to its name\n"
        "\n"
        "  block USER               refuse USER's messages and requests (ends a friendship)\n"
        "  unblock USER             stop blocking USER\n"
        "  blocked                  list the users I block\n"
        "  profile [USER]           a display name and avatar (mine by default)\n"
        "  set-profile [--name NAME] [--avatar FILE]\n"
        "                           set my display name (\"\" clears it) and/or avatar\n"
        "                           (a JPEG or PNG of at most 64 KB; \"\" removes it)\n"
        "  passwd [--new-password-file FILE]\n"
        "                           change my password: the new one from FILE, else\n"
        "                           $PALOMAR_NEW_PASSWORD, else asked twice\n"
        "  reply MSG_ID --to USER TEXT  answer message MSG_ID of the chat with USER\n"
        "  reply MSG_ID --group GROUP TEXT\n"
        "                           answer message MSG_ID of a group\n"
        "  edit MSG_ID TEXT         change the text of your message\n"
        "  delete MSG_ID            delete your message for everyone\n"
        "  forward MSG_ID USER      send a copy of a message to USER\n"
        "  forward MSG_ID --group GROUP\n"
        "                           send a copy of a message to a group\n"
        "                           (MSG_ID: the #ID shown by history --json, inbox, or\n"
        "                           the shell)\n"
        "\n"
        "GROUP is a group's id, or its name when no other group of mine has it.\n"
        "\n"
        "Options:\n"
        "  --server HOST:PORT       default $PALOMAR_SERVER or 127.0.0.1:7878\n"
        "  --user NAME              default $PALOMAR_USER\n"
        "  --password-file FILE     first line is the password; else $PALOMAR_PASSWORD,\n"
        "                           else a prompt on the terminal\n"
        "  --tls                    connect with TLS; the server's certificate must verify\n"
        "                           against the system's CAs\n"
        "  --ca FILE                with TLS, also trust the certificates in FILE (PEM),\n"
        "                           e.g. the palomar.crt of scripts/make-cert.sh\n"
        "  --pin SHA256             with TLS, also trust the certificate with this SHA-256\n"
        "                           fingerprint (AB:CD:... as printed when it is refused)\n"
        "  --takeover               end another live session of the same user\n"
        "  --json                   one JSON object per line on stdout\n"
        "  --retry-for SECONDS      how long a command keeps retrying while the server\n"
        "                           answers `unavailable` (its storage is down) or, during\n"
        "                           a file transfer, is out of reach; default\n"
        "                           $PALOMAR_RETRY_FOR or 60\n"
        "\n"
        "Options may come before or after the command; `--` ends them (for a message\n"
        "text that starts with \"--\").\n"
        "\n"
        "Exit status 0 on success; 1 with \"error: CODE: message\" on stderr otherwise\n"
        "(with --json: {\"ok\":false,\"error\":CODE,\"message\":...}); 2 for a usage or\n"
        "configuration error.\n");
}

} // namespace Palomar::Cli
