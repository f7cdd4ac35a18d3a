#include "features.h"

namespace Palomar::Protocol {

QStringList serverFeatures()
{
    return {
        Feature::MessageInfo,
        Feature::Invites,
        Feature::Search,
    };
}

} // namespace Palomar::Protocol
