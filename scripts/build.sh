#!/usr/bin/env bash
# Configures and builds Palomar into build/<kind> (kind: release or test).
# Usage: scripts/build.sh KIND [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: build.sh release|test [cmake args]}
shift
case "$kind" in
  release) type=Release ;;
  test) type=RelWithDebInfo ;;
  *) echo "build.sh: unknown kind $kind" >&2; exit 2 ;;
esac
export SOURCE_DATE_EPOCH=1
cmake -S . -B "build/$kind" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
cmake --build "build/$kind" --parallel "$(nproc)"
