#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer:
# the "asan" preset of CMakePresets.json, built into build/asan, on SQLite
# (and on PostgreSQL when PALOMAR_TEST_PG_URL names a cluster the tests may
# create databases in). LeakSanitizer suppressions: tests/lsan.supp.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
pg_options=(-DPALOMAR_POSTGRES_TESTS=OFF)
if [ -n "${PALOMAR_TEST_PG_URL:-}" ]; then
  pg_options=(-DPALOMAR_POSTGRES_TESTS=ON -DPALOMAR_TEST_PG_URL="$PALOMAR_TEST_PG_URL")
fi
export SOURCE_DATE_EPOCH=1 QT_QPA_PLATFORM=offscreen
cmake --preset asan "${pg_options[@]}" >/dev/null
cmake --build --preset asan --parallel "$(nproc)"
ctest --preset asan --parallel 2
