#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb as the `postgres` user
# into a temporary folder, listening only on a unix socket in that folder and
# on 127.0.0.1 at a port below 32768 (outside the ephemeral range).
#   scripts/pg-cluster.sh start DIR PORT   -> prints the admin URL
#   scripts/pg-cluster.sh restart DIR      (as a minor upgrade does: -m fast)
#   scripts/pg-cluster.sh down DIR         (stopped, -m fast, its data kept)
#   scripts/pg-cluster.sh up DIR           (started again after down)
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
action=${1:?usage: pg-cluster.sh start DIR PORT | restart DIR | down DIR | up DIR | stop DIR}
dir=${2:?missing DIR}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres "$@"; fi
}

case "$action" in
  start)
    port=${3:?missing PORT}
    mkdir -p "$dir"
    chown postgres: "$dir" 2>/dev/null || sudo chown postgres: "$dir"
    chmod 700 "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
    # Kept for `up`.
    echo "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" |
      as_postgres tee "$dir/options" >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$(as_postgres cat "$dir/options")" \
      start >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  restart)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -m fast -w restart >/dev/null
    ;;
  down)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  up)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$(as_postgres cat "$dir/options")" \
      start >/dev/null
    ;;
  stop)
    [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "pg-cluster.sh: unknown action $action" >&2; exit 2 ;;
esac
