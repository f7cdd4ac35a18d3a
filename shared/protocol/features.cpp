#include "features.h"

namespace Palomar::Protocol {

QStringList serverFeatures()
{
    return {
        Feature::MessageInfo, Feature::Invites,     Feature::Block,
        Feature::Profile,     Feature::SetPassword,
    };
}

} // namespace Palomar::Protocol
