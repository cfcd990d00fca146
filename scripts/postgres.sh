#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks.
#
#   scripts/postgres.sh start DIR   install PostgreSQL from Debian if missing, create a cluster in
#                                   DIR owned by an unprivileged user, start it on a free loopback
#                                   port, and print its URL (postgresql://USER@127.0.0.1:PORT/postgres)
#   scripts/postgres.sh stop DIR    stop it (the directory is left for the caller to remove)
#
# Nothing here touches a system cluster: the server listens on 127.0.0.1 only, with its socket
# inside DIR, and trusts local connections (it holds throwaway data only).
set -euo pipefail

action="${1:-}"
dir="${2:-}"
if [[ -z "$action" || -z "$dir" ]]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

find_bin() {
    local candidate
    for candidate in /usr/lib/postgresql/*/bin; do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

as_owner() {
    if [[ "$(id -u)" == "0" ]]; then
        runuser -u "$owner" -- "$@"
    else
        "$@"
    fi
}

owner="$(id -un)"
if [[ "$(id -u)" == "0" ]]; then
    # PostgreSQL refuses to run as root: use an unprivileged system user of our own.
    owner=gongbao-pg
    id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
fi

case "$action" in
start)
    if ! bin="$(find_bin)"; then
        echo "installing PostgreSQL from Debian's packages…" >&2
        if [[ "$(id -u)" == "0" ]]; then sudo=""; else sudo="sudo"; fi
        $sudo apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
        bin="$(find_bin)"
    fi
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [[ "$(id -u)" == "0" ]]; then chown "$owner" "$dir"; fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        as_owner "$bin/initdb" -D "$dir/data" -U "$owner" -E UTF8 --locale=C.UTF-8 -A trust >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    # Sized as a server for an archive is (PostgreSQL's defaults are for a small shared
    # machine): 1 GB of buffers, and checkpoints spaced out so a bulk load is not a stream
    # of full-page writes.
    opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200"
    opts="$opts -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=15min"
    if [[ -z "${GONGBAO_PG_DURABLE:-}" ]]; then
        # Test data is thrown away: skip the flushes. Benchmarks set GONGBAO_PG_DURABLE=1.
        opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" \
        start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://$owner@127.0.0.1:$port/postgres"
    ;;
stop)
    if bin="$(find_bin)" && [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
