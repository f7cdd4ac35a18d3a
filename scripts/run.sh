#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Palomar and runs it: the server on
# its embedded SQLite database (data in ./palomar-data, port 7878).
# Stop it with Ctrl-C. Extra arguments go to palomar-server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh release
exec build/release/server/palomar-server --data palomar-data "$@"
