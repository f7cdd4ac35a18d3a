#pragma once

#include "population.h"

#include <QJsonObject>

namespace Palomar::Bench {

// Files (Palomar only): one user uploads a file of `mebibytes` MiB of
// pseudo-random bytes to a friend with file_begin / file_chunk / file_end,
// the friend downloads it with file_get; MB/s each way, both verified by
// SHA-256, next to a plain TCP copy of the same bytes over loopback.
QJsonObject runFiles(NetLoop &loop, const Target &target, int mebibytes);

// Copies `bytes` through one loopback TCP connection (a listener and a
// connection on `loop`); MB/s, or a negative number on failure.
double plainTcpCopyMbPerSecond(NetLoop &loop, const QByteArray &bytes);

} // namespace Palomar::Bench
