#pragma once

#include "client/types.h"

#include <QObject>

#include <functional>

namespace Palomar::Client {
class ClientSession;
} // namespace Palomar::Client

namespace Palomar::Cli {

// Turns the GROUP a user typed into a group id: a number is the id itself;
// anything else must name exactly one of my groups (case-insensitively).
// Always asks for `groups` first, so the caller learns the names too.
class GroupResolver
{
public:
    struct Result
    {
        bool ok = false;
        Client::GroupInfo group;         // id and, when I am a member, name and admin
        QList<Client::GroupInfo> groups; // all of mine
        QString error;                   // ok == false: a protocol or CLI error code
        QString message;
    };
    using Callback = std::function<void(const Result &)>;

    // Calls `done` once, from the event loop; `context` guards the callback.
    static void resolve(Client::ClientSession *session, const QString &spec, QObject *context,
                        Callback done);
    // The same, from a list already at hand.
    static Result pick(const QList<Client::GroupInfo> &groups, const QString &spec);
};

} // namespace Palomar::Cli
