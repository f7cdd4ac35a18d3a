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
inline const QString Typing = QStringLiteral("typing");
inline const QString Presence = QStringLiteral("presence");
} // namespace Feature

// Every feature this build of the server has, in the order `hello` lists them.
QStringList serverFeatures();

} // namespace Palomar::Protocol
