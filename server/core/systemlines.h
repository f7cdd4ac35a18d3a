#pragma once

#include "store/store.h"

#include <QJsonObject>
#include <QString>

namespace Palomar::Server {

// Group system lines: every membership change, rename and admin change is
// stored in the group's conversation as a message with an empty text and a
// `system` object {kind, by, user?, name?} (docs/protocol.md, "Groups: the
// rules"). History returns them among the messages; the group_* event of
// the change carries them in `lines`, each as history shows it.
namespace SystemLines {

inline const QString Created = QStringLiteral("created");
inline const QString Added = QStringLiteral("added");
inline const QString Removed = QStringLiteral("removed");
inline const QString Left = QStringLiteral("left");
inline const QString Renamed = QStringLiteral("renamed");
inline const QString Admin = QStringLiteral("admin");

// The `system` object: `user` (who was added, removed, or made admin) and
// `name` (the group's new name) only when given.
QJsonObject describe(const QString &kind, const QString &by, const QString &user = {},
                     const QString &name = {});

// Stores the line in group `groupId`, sent by `byId` (named `by`), seen by
// the members of the moment; returns it as a history item.
QJsonObject record(Store &store, qint64 groupId, qint64 byId, const QString &by,
                   const QJsonObject &system, qint64 ts);

} // namespace SystemLines

} // namespace Palomar::Server
