#pragma once

#include <QStringList>

namespace Palomar::Protocol {

// What a server speaks beyond the contract, as `hello` lists it in
// `features` (docs/protocol.md, §3.1 and §6): a client offers an extension
// only when the server it talks to names it. One name per extension, added
// here by the code that implements it.
namespace Feature {
inline const QString MessageInfo = QStringLiteral("message_info");
inline const QString Invites = QStringLiteral("invites");
inline const QString Reply = QStringLiteral("reply");
inline const QString Edit = QStringLiteral("edit");
inline const QString Delete = QStringLiteral("delete");
inline const QString Forward = QStringLiteral("forward");
inline const QString Search = QStringLiteral("search");
inline const QString Block = QStringLiteral("block");
inline const QString Profile = QStringLiteral("profile");
inline const QString SetPassword = QStringLiteral("set_password");
inline const QString Reactions = QStringLiteral("reactions");
inline const QString GroupAdmin = QStringLiteral("group_admin");
inline const QString SystemLines = QStringLiteral("system_lines");
inline const QString Typing = QStringLiteral("typing");
inline const QString Presence = QStringLiteral("presence");
} // namespace Feature

// Every feature this build of the server has, in the order `hello` lists them.
QStringList serverFeatures();

} // namespace Palomar::Protocol
