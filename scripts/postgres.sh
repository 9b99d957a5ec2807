#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: installed from Debian packages when
# missing, started in a temporary directory on a free local port, stopped and removed.
#
#   eval "$(bash scripts/postgres.sh start)"   # exports WFM_TEST_POSTGRES and WFM_PG_DIR
#   bash scripts/postgres.sh stop "$WFM_PG_DIR"
#
# WFM_TEST_POSTGRES is an admin connection string (`postgres://wfm@127.0.0.1:PORT/postgres`,
# trust authentication on the loopback only); a test creates its own database from it.
# initdb refuses to run as root, so as root the cluster runs as the `postgres` user that
# the Debian package creates.
set -euo pipefail
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return; }
    done
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

ensure_installed() {
    [[ -n "$(bindir)" ]] && return
    say "installing PostgreSQL (Debian package postgresql)"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    [[ -n "$(bindir)" ]] || { echo "postgres.sh: no initdb after installing" >&2; exit 1; }
}

# Runs a command as the cluster's owner (ourselves, or `postgres` when we are root).
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start() {
    ensure_installed
    local bin dir port
    bin=$(bindir)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/wfm-pg.XXXXXX")
    chmod 755 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U wfm -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(free_port)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "export WFM_PG_DIR=$dir"
    echo "export WFM_TEST_POSTGRES=postgres://wfm@127.0.0.1:$port/postgres"
}

stop() {
    local dir=${1:?usage: postgres.sh stop DIR}
    [[ -d "$dir/data" ]] || return 0
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: postgres.sh start | stop DIR" >&2; exit 2 ;;
esac
