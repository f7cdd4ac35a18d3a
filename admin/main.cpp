// palomar-admin: the operator's command (docs/admin.md). Exit status 0 when
// done, 1 when the operation failed (or check found problems), 2 for a
// usage or configuration error.
#include "commands.h"
#include "core/passwords.h"
#include "password.h"
#include "protocol/validation.h"
#include "report.h"
#include "transport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTextStream>
#include <QUrl>

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

using namespace Palomar;

namespace {

void print(FILE *stream, const QString &text)
{
    std::fputs(text.toUtf8().constData(), stream);
    std::fflush(stream);
}

// From standard input when it is not a terminal (scripts); otherwise asked
// twice on the terminal without echo.
bool readPassword(const QString &user, QString *password, QString *error)
{
    if (!::isatty(STDIN_FILENO)) {
        QTextStream in(stdin);
        *password = in.readLine();
        if (password->endsWith(QLatin1Char('\r')))
            password->chop(1);
        return true;
    }
    QString again;
    if (!Cli::promptOnTerminal(QStringLiteral("New password for %1: ").arg(user), false,
                               password) ||
        !Cli::promptOnTerminal(QStringLiteral("Again: "), false, &again)) {
        *error = QStringLiteral("no password given");
        return false;
    }
    if (*password != again) {
        *error = QStringLiteral("the two passwords differ");
        return false;
    }
    return true;
}

// PostgreSQL has its own tools for consistent online backups.
QString postgresqlBackupAdvice(const Server::StoreConfig &store)
{
    return QStringLiteral("palomar-admin backup copies SQLite databases only. For PostgreSQL, "
                          "run (consistent while the servers run):\n"
                          "  (umask 077 && pg_dump -Fc -h %1 -p %2 -U %3 -d %4 -f FILE)\n"
                          "and restore with pg_restore (docs/operations.md, Backups).\n")
        .arg(store.host)
        .arg(store.port)
        .arg(store.user, store.database);
}

int finish(const Admin::Invocation &invocation, const QJsonObject &answer)
{
    const bool ok = answer.value(QLatin1String("ok")).toBool();
    if (invocation.json) {
        print(stdout, QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Indented)));
    } else if (ok) {
        print(stdout, Admin::describe(invocation.command, answer));
    } else {
        print(stderr,
              QStringLiteral("palomar-admin: %1: %2\n")
                  .arg(invocation.command, answer.value(QLatin1String("message")).toString()));
    }
    if (!ok)
        return answer.value(QLatin1String("error")).toString() == QLatin1String("bad_request") ? 2
                                                                                               : 1;
    if (invocation.command == QLatin1String("check") &&
        !answer.value(QLatin1String("sound")).toBool())
        return 1;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // A backup holds every message and password hash.
    ::umask(077);
    // The store's own log lines (migrations, "admin: banned …") are the
    // server's business; here only warnings reach standard error.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("palomar.*.debug=false\n"
                                                        "palomar.*.info=false"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("palomar-admin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PALOMAR_VERSION));

    Admin::Invocation invocation;
    QString message;
    switch (Admin::parseCommandLine(QCoreApplication::arguments(), &invocation, &message)) {
    case Admin::ParseResult::Exit:
        print(stdout, message + QLatin1Char('\n'));
        return 0;
    case Admin::ParseResult::Error:
        print(stderr, QStringLiteral("palomar-admin: %1\nTry --help.\n").arg(message));
        return 2;
    case Admin::ParseResult::Ok:
        break;
    }
    const Server::ServerConfig &config = invocation.config;
    if (invocation.command == QLatin1String("backup") &&
        config.store.backend != Server::StoreConfig::Backend::Sqlite) {
        return finish(invocation,
                      {{QStringLiteral("ok"), false},
                       {QStringLiteral("error"), QStringLiteral("unsupported")},
                       {QStringLiteral("message"), postgresqlBackupAdvice(config.store)}});
    }
    // Password hashes, and invite codes when this process runs the operation.
    if (!Server::Passwords::initialize()) {
        print(stderr, QStringLiteral("palomar-admin: libsodium failed to start\n"));
        return 1;
    }
    if (invocation.needsPassword) {
        const QString user = invocation.request.value(QLatin1String("user")).toString();
        QString password;
        if (!readPassword(user, &password, &message)) {
            print(stderr, QStringLiteral("palomar-admin: %1\n").arg(message));
            return 1;
        }
        if (!Protocol::isAcceptablePassword(password)) {
            print(stderr, QStringLiteral("palomar-admin: a password has 8 to 256 characters\n"));
            return 2;
        }
        const QString hash = Server::Passwords::hashPassword(
            password, Server::Passwords::Cost{config.hashOpsLimit, config.hashMemLimit});
        if (hash.isEmpty()) {
            print(stderr, QStringLiteral("palomar-admin: out of memory hashing the password\n"));
            return 1;
        }
        invocation.request.insert(QStringLiteral("hash"), hash);
    }

    QString error;
    if (const std::optional<QJsonObject> answer =
            Admin::askServer(config.adminSocket, invocation.request, &error)) {
        if (!error.isEmpty()) {
            print(stderr, QStringLiteral("palomar-admin: %1\n").arg(error));
            return 1;
        }
        return finish(invocation, *answer);
    }
    QJsonObject answer;
    QString warning;
    if (!Admin::runLocally(config, invocation.request, &answer, &error, &warning)) {
        print(stderr, QStringLiteral("palomar-admin: %1\n").arg(error));
        return 1;
    }
    if (!warning.isEmpty())
        print(stderr, QStringLiteral("palomar-admin: warning: %1\n").arg(warning));
    return finish(invocation, answer);
}
