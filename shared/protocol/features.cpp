#include "features.h"

namespace Palomar::Protocol {

QStringList serverFeatures()
{
    return {
        Feature::MessageInfo, Feature::Invites,     Feature::Reactions,
        Feature::GroupAdmin,  Feature::SystemLines,
    };
}

} // namespace Palomar::Protocol
