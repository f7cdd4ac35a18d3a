#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Palomar and runs it: the server on
# its embedded SQLite database (data in ./palomar-data, port 7878) and, when a
# display is available, the desktop client connected to it. Closing the app or
# pressing Ctrl-C stops both. Extra arguments go to palomar-server. Anyone who
# reaches the port may register (--registration open; pass --registration
# invite or closed to change that).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh release

build/release/server/palomar-server --data palomar-data --registration open "$@" &
server=$!
trap 'kill -INT "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
trap 'exit 0' INT TERM

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  sleep 0.5
  build/release/desktop/palomar || true
else
  echo "No display: the server keeps running on port 7878 (Ctrl-C stops it)." >&2
  echo "Chat from a terminal with build/release/cli/palomar-cli, or run the desktop app" \
       "(build/release/desktop/palomar) on a machine with a display." >&2
  wait "$server"
fi
