#!/usr/bin/env bash
# Configures and builds Palomar into build/<kind>:
#   release  optimised (g++, Release), without the tests: what scripts/run.sh
#            runs (add -DPALOMAR_BUILD_TESTS=ON for the GUI benchmarks)
#   test     the test suite and the libFuzzer targets, built with clang-14,
#            AddressSanitizer and UndefinedBehaviorSanitizer at -O1 (the
#            "test" preset of CMakePresets.json): what scripts/test.sh runs
# Usage: scripts/build.sh KIND [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: build.sh release|test [cmake args]}
shift
export SOURCE_DATE_EPOCH=1
case "$kind" in
  release)
    cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DPALOMAR_BUILD_TESTS=OFF \
      "$@" >/dev/null ;;
  test)
    cmake --preset test "$@" >/dev/null ;;
  *) echo "build.sh: unknown kind $kind" >&2; exit 2 ;;
esac
cmake --build "build/$kind" --parallel "$(nproc)"
