#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Palomar::Server {

// What palomar-admin reads (store_admin.cpp), as plain values.
struct AdminUserRecord
{
    qint64 id = 0;
    QString name;
    qint64 created = 0;
    std::optional<qint64> lastSeen;    // the later of last_seen and the session's last activity
    std::optional<qint64> bannedSince; // nothing: not banned
    QString banReason;
    bool hasSession = false;
    bool online = false; // a connection is bound to the session on a live instance
};

struct AdminSessionRecord
{
    QString user;
    qint64 created = 0;
    qint64 lastActive = 0;
    qint64 instanceId = 0;
    bool online = false;
};

struct AdminStats
{
    qint64 users = 0;
    qint64 bannedUsers = 0;
    qint64 sessions = 0;
    qint64 onlineSessions = 0;
    qint64 directMessages = 0;
    qint64 groupMessages = 0;
    qint64 groups = 0;
    qint64 files = 0;
    qint64 fileBytes = 0;
    qint64 unfinishedUploads = 0;
    qint64 unfinishedUploadBytes = 0;
    qint64 pendingEvents = 0;
    qint64 throttledLoginKeys = 0;
    qint64 databaseBytes = 0;
};

// One problem `check` found: where, what, and how many rows.
struct AdminProblem
{
    QString table;
    QString problem;
    qint64 rows = 0;
};

} // namespace Palomar::Server
