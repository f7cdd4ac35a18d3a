#pragma once

#include "core/serverconfig.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Palomar::Admin {

// Sends one AdminService request to the running server's admin socket; no
// answer (nobody listens there) when the server is not running. `error`
// is set when a server answered the connection but the exchange failed.
std::optional<QJsonObject> askServer(const QString &socketPath, const QJsonObject &request,
                                     QString *error);

// Runs one AdminService request in this process, straight on the database
// of `config` (a stopped server's), over the server's own store executor.
// False with `error` when the database cannot be opened or is not at this
// program's schema version. `warning`: an SQLite server seems to run on the
// database without answering on the socket (its caches miss the change).
bool runLocally(const Server::ServerConfig &config, const QJsonObject &request, QJsonObject *answer,
                QString *error, QString *warning);

} // namespace Palomar::Admin
