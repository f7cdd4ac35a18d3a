#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan + UBSan) into build/fuzz and
# runs each one over its seed corpus (tests/fuzz/<target>/) for SECONDS
# seconds, one after another. Inputs the fuzzer finds go to
# build/fuzz/corpus/<target>/, crashes to build/fuzz/artifacts/<target>/.
# Exits non-zero when a target crashes, leaks or hangs. See docs/fuzzing.md.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (default: 60, all targets;
# SECONDS 0 only builds)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_frame fuzz_request fuzz_zlib fuzz_dispatcher)
build=${PALOMAR_FUZZ_BUILD:-build/fuzz}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS=-O1 -DPALOMAR_FUZZ=ON -DPALOMAR_BUILD_TESTS=OFF \
    -DPALOMAR_BUILD_CLIENTS=OFF >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"
[ "$seconds" != 0 ] || exit 0

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export QT_LOGGING_RULES="palomar.*=false"
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  options=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536
    -print_final_stats=1 -artifact_prefix="$artifacts")
  [ -f "tests/fuzz/$target.dict" ] && options+=(-dict="tests/fuzz/$target.dict")
  echo "fuzz.sh: $target for ${seconds}s" >&2
  "$build/fuzz/$target" "${options[@]}" "$corpus" "tests/fuzz/$target" 2>"$build/$target.log" || {
    tail -n 60 "$build/$target.log" >&2
    echo "fuzz.sh: $target failed; the input is in $artifacts (docs/fuzzing.md)" >&2
    exit 1
  }
  grep -E '^(stat::number_of_executed_units|stat::new_units_added)' "$build/$target.log" |
    sed "s/^/fuzz.sh: $target /" >&2
done
