#pragma once

#include <QString>

namespace Palomar::Protocol {

// 1-32 characters from A-Z a-z 0-9 _ . -
bool isValidUsername(const QString &name);
// The case-insensitive identity of a username ("Homer" and "homer" are one).
QString usernameKey(const QString &name);
// Length in Unicode code points, as PROTOCOL.md counts "characters".
qsizetype characterCount(const QString &text);
bool isAcceptablePassword(const QString &password);

} // namespace Palomar::Protocol
