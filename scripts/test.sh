#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Palomar with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang-14, the "test" preset) and runs the whole
# test suite (QtTest executables registered with CTest) under them, on SQLite
# and, through a throwaway PostgreSQL cluster started here and stopped at the
# end, on PostgreSQL too; then a short run of every fuzzer from the same build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

pg_options=(-DPALOMAR_POSTGRES_TESTS=OFF)
if [ "$(stat -c %a /)" != 700 ]; then
  # A free port below the ephemeral range for the test cluster.
  port=25432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  pgdir=$(mktemp -d /tmp/palomar-pg.XXXXXX)
  trap 'scripts/pg-cluster.sh stop "$pgdir"' EXIT
  pgurl=$(scripts/pg-cluster.sh start "$pgdir" "$port")
  pg_options=(-DPALOMAR_POSTGRES_TESTS=ON -DPALOMAR_TEST_PG_URL="$pgurl")
else
  # Some chroots have a root folder only root may enter: no other user (so
  # not PostgreSQL, which refuses to run as root) can start a program there.
  echo "test.sh: / is mode 700, so PostgreSQL cannot run here: testing on SQLite only" >&2
fi

scripts/build.sh test -DPALOMAR_BUILD_TESTS=ON "${pg_options[@]}"
ctest --preset test --parallel 2

# Every libFuzzer target over its seed corpus for a few seconds
# (docs/fuzzing.md), from the build above.
PALOMAR_FUZZ_BUILD=build/test scripts/fuzz.sh "${PALOMAR_FUZZ_SECONDS:-10}"
