#pragma once

#include "client/types.h"

#include <QCoreApplication>
#include <QString>

namespace Palomar::Desktop {

// How a group system line (docs/protocol.md E32) reads in the conversation
// and the chat list: "ann added bob", "ann renamed the group to “Lunch”".
class SystemLineText
{
    Q_DECLARE_TR_FUNCTIONS(SystemLineText)
public:
    static QString text(const Client::SystemLine &line);
};

} // namespace Palomar::Desktop
