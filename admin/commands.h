#pragma once

#include "core/serverconfig.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Palomar::Admin {

// What the command line asks for: the server's options (to find the admin
// socket and the database), the output form, and one AdminService request.
struct Invocation
{
    Server::ServerConfig config;
    bool json = false;
    QString command;            // as typed: "users", "invite create", …
    QJsonObject request;        // op and fields
    bool needsPassword = false; // add-user, reset-password: ask, then send a hash
};

// Exit: --help, --version (`message` goes to standard output); Error: a usage
// error (`message` says why; exit status 2).
using ParseResult = Server::ServerConfig::ParseResult;

ParseResult parseCommandLine(const QStringList &arguments, Invocation *invocation,
                             QString *message);

} // namespace Palomar::Admin
