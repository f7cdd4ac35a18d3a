#include "features.h"

namespace Palomar::Protocol {

QStringList serverFeatures()
{
    return {
        Feature::MessageInfo,
        Feature::Invites,
        Feature::Typing,
        Feature::Presence,
    };
}

} // namespace Palomar::Protocol
