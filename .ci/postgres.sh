# Sourced by .ci/run and benchmarks/run.sh: a throwaway PostgreSQL server on a
# free loopback port, owned by the "postgres" system user, removed on exit.
# After `start_throwaway_pg`, PG_PORT, PG_DIR and PG_BINDIR are set and
# `pg_run CMD...` runs a command as the server's user.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

PG_BINDIR=""
find_pg() {
  for dir in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then PG_BINDIR="$dir"; return 0; fi
  done
  return 1
}

ensure_pg() { find_pg || { apt_install postgresql; find_pg; }; }

PG_USER=postgres
pg_run() {
  if [ "$(id -un)" = "$PG_USER" ]; then "$@"; else as_root runuser -u "$PG_USER" -- "$@"; fi
}

stop_throwaway_pg() {
  [ -n "${PG_DIR:-}" ] || return 0
  pg_run "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  as_root rm -rf "$PG_DIR"
  PG_DIR=""
}

# start_throwaway_pg [extra postgres -c settings...]
start_throwaway_pg() {
  ensure_pg
  id "$PG_USER" >/dev/null 2>&1 || as_root useradd --system --no-create-home "$PG_USER"
  PG_DIR="$(mktemp -d /tmp/salesmap-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  as_root chown "$PG_USER" "$PG_DIR"
  PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  trap stop_throwaway_pg EXIT
  pg_run "$PG_BINDIR/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  local options="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=100"
  for setting in "$@"; do options="$options -c $setting"; done
  pg_run "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o "$options" start
}
