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
# RUNS (default 5). The machine should be quiet: check `uptime` first.
set -uo pipefail
cd "$(dirname "$0")/.."
bench=${BENCH:-build/release/bench/palomar-bench}
runs=${RUNS:-5}
online=(--workload online --users 200 --messages 50 --window 4 --runs "$runs")

section() {
  echo
  echo "### $*"
  uptime
}

section "online, trivial server (the bench's own ceiling)"
"$bench" --trivial "${online[@]}"
section "online, SQLite, --durability normal"
"$bench" "${online[@]}" --durability normal
section "online, SQLite, --durability full"
"$bench" "${online[@]}" --durability full
if [ -n "${PG_URL:-}" ]; then
  section "online, PostgreSQL, one instance"
  "$bench" "${online[@]}" --durability normal --db "$PG_URL"
  section "online, PostgreSQL, two instances"
  "$bench" "${online[@]}" --durability normal --db "$PG_URL" --instances 2
fi
section "online and offline drain, Palomar and Prosody side by side (durability full)"
BENCH=$bench scripts/bench-prosody.sh "${online[@]}"
section "connections and the reconnect storm"
"$bench" --workload connections --durability normal
section "files, 100 MiB"
"$bench" --workload files --runs 3
