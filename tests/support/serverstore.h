#pragma once

// A look into the database of a ServerProcess through the server's own Store
// (to see what it keeps, or to make invitation codes). Header-only: for tests
// that link palomar_server.
#include "support/serverprocess.h"

#include "store/store.h"

#include <memory>

namespace Palomar::Testing {

// A Store on the database `server` uses; null when its URL cannot be read.
inline std::unique_ptr<Server::Store> openServerStore(const ServerProcess &server,
                                                      const QString &name)
{
    Server::StoreConfig config;
    QString error;
    const QString url = ServerProcess::usesPostgresql()
                            ? server.databaseUrl()
                            : server.dataPath() + QStringLiteral("/palomar.db");
    if (!Server::StoreConfig::fromUrl(url, &config, &error))
        return nullptr;
    auto store = std::make_unique<Server::Store>(config, name);
    store->open();
    return store;
}

} // namespace Palomar::Testing
