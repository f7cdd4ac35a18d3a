#pragma once

#include <QString>

#include <optional>
#include <sched.h>

namespace Palomar::Bench {

// CPU pinning for side-by-side runs on one core each (--server-cpu,
// --bench-cpu): parsing a CPU list and applying it to this process or to a
// child about to exec. Nothing here decides which CPUs; main() does.

// "0", "1-3", "0,2-3" → a CPU set; nullopt when malformed or empty.
std::optional<cpu_set_t> parseCpuList(const QString &list);
// Pins every thread of this process (each task in /proc/self/task) and the
// threads it starts later; false with `error` when the kernel refuses.
bool pinThisProcess(const cpu_set_t &cpus, QString *error);
// The CPUs this process may run on now (before any pinning: the machine's).
cpu_set_t currentAffinity();

} // namespace Palomar::Bench
