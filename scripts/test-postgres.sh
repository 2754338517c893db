#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL server for the test suite and prints its admin URL.
#
# Used by the storage tests when LOGIX_TEST_POSTGRES_URL is not set, so `swift test` works on any machine
# with Debian's `postgresql` package installed. The server listens on 127.0.0.1 only, trusts local
# connections, and lives in a folder under /tmp that later runs reuse.
set -euo pipefail
port="${LOGIX_TEST_POSTGRES_PORT:-55432}"
dir="${TMPDIR:-/tmp}/logix-test-postgres-$(id -u)"

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bindir="$candidate"
done
if [ -z "$bindir" ]; then
    echo "PostgreSQL server binaries not found: install Debian's 'postgresql' package, or set LOGIX_TEST_POSTGRES_URL" >&2
    exit 2
fi

# PostgreSQL refuses to run as root: run it as the 'postgres' user then.
as_owner() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
fi
if ! as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
