#pragma once

#include "population.h"

#include <QJsonObject>
#include <QString>

namespace Palomar::Bench {

struct FanoutOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 7878;
    int members = 256;
    int rounds = 5;
    QString password = QStringLiteral("bench password");
    // For the servers' statements and CPU per delivered copy (PhaseMeter).
    Target target;
};

// One message to a group of `members`, every member on a long poll: the time
// from the send until the last member has the message. Verifies every member
// gets each message exactly once; the servers' statements, commits and CPU
// per delivered copy over the rounds. Returns the JSON result (with "error"
// on failure).
QJsonObject runFanout(const FanoutOptions &options);

} // namespace Palomar::Bench
