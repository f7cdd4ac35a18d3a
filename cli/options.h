#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Palomar::Cli {

// The command line, parsed: global options first, then COMMAND and its own
// arguments and options. Pure: no I/O.
struct Options
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 7878;
    QString user;
    QString passwordFile;
    bool takeover = false;
    bool tls = false;             // --tls (implied by --ca and --pin)
    QString caFile;               // --ca: certificates to trust besides the system's
    QByteArray pinnedFingerprint; // --pin: SHA-256 of a certificate to trust as it is
    bool json = false;
    bool help = false;
    bool version = false; // --version
    // --retry-for / PALOMAR_RETRY_FOR: how long a one-shot command keeps trying
    // while the server answers `unavailable` (or, for a file transfer, is out of reach).
    int retryForSeconds = 60;

    QString command;     // empty: interactive mode
    QStringList targets; // positional arguments of the command (USER, GROUP, NAME)
    QString group;       // `send --group` / `history --group`: an id or a name
    QString text;        // `send`: the message
    int waitSeconds = 0; // `inbox --wait`
    int limit = 50;      // `history --limit`
    QString invite;      // `register --invite`: an invitation code
    // `set-profile --name` (hasName: given, "" clears it) and `--avatar FILE`.
    QString profileName;
    bool hasProfileName = false;
    QString avatarFile;
    QString newPasswordFile; // `passwd --new-password-file`
    qint64 msgId = 0;        // reply/edit/delete/forward: the MSG_ID
    QString to;              // `reply --to USER`: the chat of the message replied to
};

// Fills `options` from the arguments (without the program name) and the
// environment (PALOMAR_SERVER, PALOMAR_USER, PALOMAR_RETRY_FOR); false with
// `error` set on a usage mistake.
bool parseOptions(const QStringList &arguments, const QProcessEnvironment &environment,
                  Options *options, QString *error);

// "HOST:PORT", "HOST" (default port) or "[V6ADDR]:PORT".
bool parseServerAddress(const QString &text, QString *host, quint16 *port);

QString usage();

} // namespace Palomar::Cli
