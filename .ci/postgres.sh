#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests and exports its Npgsql connection string in MFB_TEST_POSTGRES.
#   source .ci/postgres.sh && mfb_postgres_start   # returns non-zero (and leaves MFB_TEST_POSTGRES unset) when no
#                                                  # server can be started; the PostgreSQL tests then report skipped
#   mfb_postgres_stop                              # stops the server and deletes its data (also safe to call twice)
# Run directly (bash .ci/postgres.sh), it starts a server, prints the export line, and leaves it running for local use;
# stop it with: bash .ci/postgres.sh stop DIR
# The server runs as an unprivileged user (postgres servers refuse root), listens only on a Unix socket in its own
# temp directory (no port to collide with parallel runs), and is tuned for throwaway speed (no fsync) unless
# MFB_PG_DURABLE=1.

MFB_PG_DIR="${MFB_PG_DIR:-}"
MFB_PG_USER="${MFB_PG_USER:-}"
MFB_PG_BIN="${MFB_PG_BIN:-}"

mfb_pg_log() { echo "postgres.sh: $*" >&2; }

# Finds initdb, pg_ctl and postgres together: PATH first, then the newest /usr/lib/postgresql/*/bin.
mfb_pg_find_bin() {
  local candidate
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    candidate="$(dirname "$(readlink -f "$(command -v initdb)")")"
    if [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/postgres" ]; then echo "$candidate"; return 0; fi
  fi
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then echo "$candidate"; return 0; fi
  return 1
}

# Runs a command as the unprivileged server user (a no-op wrapper when not root).
mfb_pg_as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u "$MFB_PG_USER" -- "$@"; else su -s /bin/sh "$MFB_PG_USER" -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

mfb_postgres_start() {
  MFB_PG_BIN="$(mfb_pg_find_bin)"
  if [ -z "$MFB_PG_BIN" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      mfb_pg_log "initdb/pg_ctl not found: installing postgresql with apt-get"
      (apt-get install -y postgresql >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null 2>&1; }) \
        || mfb_pg_log "apt-get install postgresql failed"
      MFB_PG_BIN="$(mfb_pg_find_bin)"
    fi
  fi
  if [ -z "$MFB_PG_BIN" ]; then mfb_pg_log "no PostgreSQL binaries: the PostgreSQL tests will be skipped"; return 1; fi

  if [ "$(id -u)" -eq 0 ]; then
    MFB_PG_USER="${MFB_PG_USER:-postgres}"
    if ! id "$MFB_PG_USER" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$MFB_PG_USER" 2>/dev/null \
        || { mfb_pg_log "cannot create the system user $MFB_PG_USER"; return 1; }
    fi
  else
    MFB_PG_USER="$(id -un)"
  fi

  MFB_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/mfb-pg.XXXXXX")" || return 1
  chmod 755 "$MFB_PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown "$MFB_PG_USER" "$MFB_PG_DIR"

  if ! mfb_pg_as_user "$MFB_PG_BIN/initdb" -D "$MFB_PG_DIR/data" -U mfb --auth=trust -E UTF8 --no-sync >"$MFB_PG_DIR/initdb.log" 2>&1; then
    mfb_pg_log "initdb failed:"; tail -n 20 "$MFB_PG_DIR/initdb.log" >&2; mfb_postgres_stop; return 1
  fi
  # Throwaway speed (no fsync) unless MFB_PG_DURABLE=1 asks for a server that commits like a production one (benchmarks).
  local speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${MFB_PG_DURABLE:-0}" = "1" ] && speed=""
  if ! mfb_pg_as_user "$MFB_PG_BIN/pg_ctl" -D "$MFB_PG_DIR/data" -l "$MFB_PG_DIR/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$MFB_PG_DIR' -c port=5432 $speed -c max_connections=300" \
      start >/dev/null 2>&1; then
    mfb_pg_log "pg_ctl start failed:"; tail -n 20 "$MFB_PG_DIR/server.log" >&2; mfb_postgres_stop; return 1
  fi
  export MFB_TEST_POSTGRES="Host=$MFB_PG_DIR;Port=5432;Username=mfb;Database=postgres;Pooling=true;Maximum Pool Size=50"
  export MFB_PG_DIR MFB_PG_USER MFB_PG_BIN
  mfb_pg_log "PostgreSQL $("$MFB_PG_BIN/postgres" --version | awk '{print $3}') on socket $MFB_PG_DIR as $MFB_PG_USER"
  return 0
}

mfb_postgres_stop() {
  [ -n "$MFB_PG_DIR" ] || return 0
  if [ -f "$MFB_PG_DIR/data/postmaster.pid" ]; then
    mfb_pg_as_user "$MFB_PG_BIN/pg_ctl" -D "$MFB_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$MFB_PG_DIR"
  MFB_PG_DIR=""
  unset MFB_TEST_POSTGRES
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -u
  if [ "${1:-}" = "stop" ]; then
    MFB_PG_DIR="${2:?usage: postgres.sh stop DIR}"; MFB_PG_BIN="$(mfb_pg_find_bin)"
    MFB_PG_USER="$(stat -c %U "$MFB_PG_DIR/data" 2>/dev/null || id -un)"
    mfb_postgres_stop
    exit 0
  fi
  mfb_postgres_start || exit 1
  echo "export MFB_TEST_POSTGRES='$MFB_TEST_POSTGRES'"
  echo "# stop: bash .ci/postgres.sh stop $MFB_PG_DIR"
fi
