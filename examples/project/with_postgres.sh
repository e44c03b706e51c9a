#!/usr/bin/env bash
# Runs a command with DATABASE_URL set to a throwaway PostgreSQL server:
# Debian's PostgreSQL (installed with apt-get when missing, if we are root),
# a new cluster in a temporary directory, listening on a free loopback port,
# stopped and deleted when the command ends. For example:
#
#   bash examples/project/with_postgres.sh ./scripts/hatch run project:test
#
# Without PostgreSQL, and without root and apt-get to install it, it says so
# and exits 0 without running the command.
set -euo pipefail
PATH="$PATH:/usr/sbin:/sbin"  # runuser, for root

bindir() {
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
  else
    find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
  fi
}

bin="$(bindir)"
if [ -z "$bin" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo 'SKIPPED: PostgreSQL is not installed (installing it needs root and apt-get)'
    exit 0
  fi
  echo 'Installing PostgreSQL (apt-get)'
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin="$(bindir)"
fi

# The server refuses to run as root: then it runs as Debian's `postgres` user.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(runuser -u postgres --)
fi

workdir="$(mktemp -d)"
data="$workdir/data"
[ "$(id -u)" = 0 ] && chown postgres: "$workdir"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
# A test server: durability off, no Unix socket, loopback only.
"${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$workdir/server.log" -w -t 60 start -o \
  "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }

echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/newsroom" "$@"
