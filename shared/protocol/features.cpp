#include "features.h"

namespace Palomar::Protocol {

QStringList serverFeatures()
{
    return {
        Feature::MessageInfo, Feature::Invites, Feature::Reply,
        Feature::Edit,        Feature::Delete,  Feature::Forward,
    };
}

} // namespace Palomar::Protocol
