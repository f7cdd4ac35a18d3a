#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Palomar and runs the whole test
# suite (QtTest executables registered with CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh test -DPALOMAR_BUILD_TESTS=ON
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build/test --output-on-failure --parallel 2 --timeout 600
