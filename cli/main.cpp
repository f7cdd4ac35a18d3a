// palomar-cli: parse the command line, get the password, then hand over to
// the one-shot runner or the interactive shell.
#include "localstate.h"
#include "oneshot.h"
#include "options.h"
#include "output.h"
#include "password.h"
#include "platform/signalwatcher.h"
#include "shell.h"

#include "protocol/validation.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <csignal>
#include <unistd.h>

using namespace Palomar::Cli;

namespace {
constexpr int kUsageError = 2;

// The library's own notes (palomar.client: reconnecting in 590 ms) are for
// developers: they would land in the middle of the chat. QT_LOGGING_RULES
// still brings them back, as it is applied after these rules.
void quietLibraryLogs()
{
    QLoggingCategory::setFilterRules(QStringLiteral("palomar.*.debug=false\n"
                                                    "palomar.*.info=false"));
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("palomar-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PALOMAR_VERSION));
    std::signal(SIGPIPE, SIG_IGN);
    quietLibraryLogs();

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    Options options;
    QString problem;
    const bool parsed = parseOptions(app.arguments().mid(1), environment, &options, &problem);
    // Errors in JSON for scripts, also when the options had a problem.
    setJsonErrors(options.json || app.arguments().contains(QLatin1String("--json")));
    if (!parsed) {
        printError(QStringLiteral("usage"), problem + QStringLiteral(" (--help shows the usage)"));
        return kUsageError;
    }
    LocalState::applyRememberedTls(&options);
    if (options.help) {
        printLine(stdout, usage().trimmed());
        return 0;
    }
    if (options.version) {
        printLine(stdout, QStringLiteral("palomar-cli %1").arg(QStringLiteral(PALOMAR_VERSION)));
        return 0;
    }
    if (options.user.isEmpty() && options.command.isEmpty() && isatty(STDIN_FILENO))
        promptOnTerminal(QStringLiteral("User: "), true, &options.user);
    if (options.user.isEmpty()) {
        printError(QStringLiteral("usage"),
                   QStringLiteral("no user: use --user NAME or PALOMAR_USER"));
        return kUsageError;
    }
    if (!Palomar::Protocol::isValidUsername(options.user)) {
        printError(QStringLiteral("invalid_username"),
                   QStringLiteral("%1 is not a valid user name (1-32 of A-Z a-z 0-9 _ . -)")
                       .arg(options.user));
        return kUsageError;
    }
    QString password;
    if (!obtainPassword(options.passwordFile, environment,
                        QStringLiteral("Password for %1: ").arg(options.user), &password,
                        &problem)) {
        printError(QStringLiteral("no_password"), problem);
        return kUsageError;
    }

    Palomar::Platform::SignalWatcher signalWatcher({SIGINT, SIGTERM, SIGWINCH});
    int exitCode = 1;
    const auto done = [&exitCode](int code) {
        exitCode = code;
        // Queued: exit() before exec() has started would be lost.
        QTimer::singleShot(0, qApp, [code] { QCoreApplication::exit(code); });
    };
    if (options.command.isEmpty()) {
        Shell shell(options, password);
        QObject::connect(&shell, &Shell::finished, &app, done);
        QObject::connect(&signalWatcher, &Palomar::Platform::SignalWatcher::signalReceived, &shell,
                         &Shell::handleSignal);
        shell.start();
        app.exec();
    } else {
        OneShotRunner runner(options, password);
        QObject::connect(&runner, &OneShotRunner::finished, &app, done);
        QObject::connect(&signalWatcher, &Palomar::Platform::SignalWatcher::signalReceived, &runner,
                         [&runner](int signalNumber) {
                             if (signalNumber != SIGWINCH)
                                 runner.interrupt();
                         });
        runner.start();
        app.exec();
    }
    return exitCode;
}
