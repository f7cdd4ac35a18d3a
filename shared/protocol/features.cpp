#include "features.h"

namespace Palomar::Protocol {

QStringList serverFeatures()
{
    // clang-format off
    return {
        Feature::MessageInfo,
        Feature::Invites,
        Feature::Reply,
        Feature::Edit,
        Feature::Delete,
        Feature::Forward,
        Feature::Search,
        Feature::Block,
        Feature::Profile,
        Feature::SetPassword,
        Feature::Reactions,
        Feature::GroupAdmin,
        Feature::SystemLines,
        Feature::Typing,
        Feature::Presence,
    };
    // clang-format on
}

} // namespace Palomar::Protocol
