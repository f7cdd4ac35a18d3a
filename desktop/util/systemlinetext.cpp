#include "systemlinetext.h"

namespace Palomar::Desktop {

QString SystemLineText::text(const Client::SystemLine &line)
{
    if (line.kind == u"created")
        return tr("%1 created the group").arg(line.by);
    if (line.kind == u"added")
        return tr("%1 added %2").arg(line.by, line.user);
    if (line.kind == u"removed")
        return tr("%1 removed %2").arg(line.by, line.user);
    if (line.kind == u"left")
        return tr("%1 left").arg(line.by);
    if (line.kind == u"renamed")
        return tr("%1 renamed the group to “%2”").arg(line.by, line.name);
    if (line.kind == u"admin")
        return tr("%1 made %2 the admin").arg(line.by, line.user);
    // A kind this version does not know yet: still a line, not an empty bubble.
    return tr("%1 changed the group").arg(line.by);
}

} // namespace Palomar::Desktop
