#!/usr/bin/env bash
# The figures of docs/performance.md, in one go: palomar-bench's workloads
# against the trivial server (how fast the bench itself is), palomar-server on
# SQLite (durability normal and full), on PostgreSQL with one and two
# instances (when PG_URL is set), Prosody side by side, connections and the
# reconnect storm, and files. Every run verifies nothing was lost, doubled or
# reordered; each section prints its table and one JSON line.
#
#   scripts/bench.sh                  # everything but PostgreSQL
#   PG_URL=postgresql://postgres@127.0.0.1:25432/palomar_bench scripts/bench.sh
#
# BENCH=path/to/palomar-bench (default build/release/bench/palomar-bench),
# RUNS (default 5), SERVER_CPU / BENCH_CPU (pin every server the bench starts,
# and Prosody, to those CPUs, and the bench to those: e.g. SERVER_CPU=0
# BENCH_CPU=1). The machine should be quiet: check `uptime` first.
set -uo pipefail
cd "$(dirname "$0")/.."
bench=${BENCH:-build/release/bench/palomar-bench}
runs=${RUNS:-5}
load=(--users 200 --messages 50 --window 4 --runs "$runs")
online=(--workload online "${load[@]}")
pinning=()
[ -n "${SERVER_CPU:-}" ] && pinning+=(--server-cpu "$SERVER_CPU")
[ -n "${BENCH_CPU:-}" ] && pinning+=(--bench-cpu "$BENCH_CPU")
run() { "$bench" "${pinning[@]}" "$@"; }

section() {
  echo
  echo "### $*"
  uptime
}

section "online, trivial server (the bench's own ceiling)"
run --trivial "${online[@]}"
section "online, trivial server, server and bench pinned to one core each"
"$bench" --trivial "${online[@]}" --server-cpu 0 --bench-cpu 1
section "online, SQLite, --durability normal"
run "${online[@]}" --durability normal
section "online, SQLite, --durability full"
run "${online[@]}" --durability full
if [ -n "${PG_URL:-}" ]; then
  section "online, PostgreSQL, one instance"
  run "${online[@]}" --durability normal --db "$PG_URL"
  section "online, PostgreSQL, two instances"
  run "${online[@]}" --durability normal --db "$PG_URL" --instances 2
fi
section "online and offline drain, Palomar and Prosody side by side (durability full)"
BENCH=$bench scripts/bench-prosody.sh "${load[@]}" # its own --workload online,offline
section "connections and the reconnect storm"
run --workload connections --durability normal
section "files, 100 MiB"
run --workload files --runs 3
