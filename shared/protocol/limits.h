#pragma once

#include <QJsonObject>

namespace Palomar::Protocol {

constexpr int kProtocolVersion = 1;

// The limits a server advertises in its `hello` reply (PROTOCOL.md, Session
// ops). Sizes are bytes, times seconds; 0 means unlimited for rate/burst.
struct Limits
{
    qint64 maxFrame = 1024 * 1024;
    qint64 maxText = 16 * 1024;
    qint64 maxFile = 100 * 1024 * 1024;
    qint64 chunk = 256 * 1024;
    int pollInterval = 2;
    int idleTimeout = 60;
    int sessionTimeout = 300;
    int syncLimit = 1000;
    int rate = 500;
    int burst = 1000;

    QJsonObject toJson() const;
    static Limits fromJson(const QJsonObject &object);
};

// The largest integer a JSON number carries exactly (2^53 - 1): the bound of
// every id, seq and cursor on the wire.
constexpr qint64 kMaxSafeInteger = 9007199254740991LL;

// Fixed by the protocol, not configurable.
constexpr int kMaxWaitSeconds = 60;
constexpr int kMaxHistoryLimit = 200;
constexpr int kDefaultHistoryLimit = 50;
constexpr int kMaxSearchLimit = 100;
constexpr int kDefaultSearchLimit = 20;
constexpr int kMaxSearchQueryLength = 256; // characters (UTF-16 code units)
constexpr int kMaxClientIdLength = 64;
constexpr int kMaxUsernameLength = 32;
constexpr int kMinPasswordLength = 8;
constexpr int kMaxPasswordLength = 256;
constexpr int kMaxGroupNameLength = 64;
constexpr int kMaxDisplayNameLength = 64; // characters (code points), after trimming
constexpr int kMaxFileNameLength = 255;

} // namespace Palomar::Protocol
