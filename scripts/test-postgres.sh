#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL server for the test suite and prints its admin URL.
#
# Used by the storage tests when LOGIX_TEST_POSTGRES_URL is not set, so `swift test` works on any machine
# with Debian's `postgresql` package installed. The server listens on loopback only (127.0.0.1, and 127.0.0.2
# for a host name its certificate does not name), trusts local connections, serves TLS (ssl=on) with a certificate made here by a test CA, and lives in a folder under /tmp
# that later runs reuse.
#
#   test-postgres.sh              the TLS server (port $LOGIX_TEST_POSTGRES_PORT, default 25432): its admin URL
#   test-postgres.sh --tls-dir    the same server; prints the folder of its test CA (ca.crt, other-ca.crt)
#   test-postgres.sh --without-tls
#                                 a second server with ssl=off (the next port): its admin URL
set -euo pipefail
mode="${1:-}"
case "$mode" in
"" | --tls-dir | --without-tls) ;;
*)
    echo "usage: $0 [--tls-dir | --without-tls]" >&2
    exit 64
    ;;
esac
# Below Linux's ephemeral range (32768–60999): a port in it can be held by any outgoing connection, and once
# was, so the server could not start.
port="${LOGIX_TEST_POSTGRES_PORT:-25432}"
if [ "$mode" = "--without-tls" ]; then
    port=$((port + 1))
fi
# A folder per port: a server left running on another port by an older checkout is not reused on the wrong one.
dir="${TMPDIR:-/tmp}/logix-test-postgres-$(id -u)-$port"
if [ "$mode" = "--without-tls" ]; then
    dir="${TMPDIR:-/tmp}/logix-test-postgres-plain-$(id -u)-$port"
fi
tls="$dir/tls"

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

# The test CA, the server's certificate it signs (for 127.0.0.1 and localhost), and a second CA that signs
# nothing: what a client given the wrong root certificate trusts.
make_certificates() {
    if ! command -v openssl >/dev/null; then
        echo "openssl not found: install Debian's 'openssl' package" >&2
        exit 2
    fi
    rm -rf "$tls.new"
    mkdir -p "$tls.new"
    (
        cd "$tls.new"
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Logix test CA" \
            -keyout ca.key -out ca.crt >/dev/null 2>&1
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Logix other test CA" \
            -keyout other-ca.key -out other-ca.crt >/dev/null 2>&1
        openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr >/dev/null 2>&1
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
            >server.ext
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile server.ext \
            -out server.crt >/dev/null 2>&1
        rm -f server.csr server.ext ca.srl ca.key other-ca.key
        chmod 0600 server.key
        chmod 0644 ca.crt other-ca.crt server.crt
    )
    # The server reads its key as its own user, and only from a file no one else can read.
    [ "$(id -u)" = "0" ] && chown -R postgres:postgres "$tls.new"
    rm -rf "$tls"
    mv "$tls.new" "$tls"
    restart=1
}

restart=0
options="-p $port -k $dir -c fsync=off"
if [ "$mode" = "--without-tls" ]; then
    options="$options -c listen_addresses=127.0.0.1 -c max_connections=50 -c ssl=off"
else
    # Also on 127.0.0.2, an address the certificate does not name: where sslmode=verify-full must fail.
    listen="listen_addresses=127.0.0.1,127.0.0.2"
    [ -f "$tls/server.crt" ] && [ -f "$tls/server.key" ] && [ -f "$tls/ca.crt" ] && [ -f "$tls/other-ca.crt" ] ||
        make_certificates
    options="$options -c $listen -c max_connections=200 -c ssl=on -c ssl_cert_file=$tls/server.crt -c ssl_key_file=$tls/server.key"
fi

# A server started by an earlier run with other settings (before TLS was on), or with certificates made anew:
# restart it with these.
if [ "$mode" != "--without-tls" ] && ! { grep -qF -- "ssl_cert_file=$tls/server.crt" "$dir/data/postmaster.opts" &&
    grep -qF -- "$listen" "$dir/data/postmaster.opts"; } 2>/dev/null; then
    restart=1
fi
if [ "$restart" = "1" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
fi
if ! as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$options" start >/dev/null
fi

case "$mode" in
--tls-dir) echo "$tls" ;;
*) echo "postgres://postgres@127.0.0.1:$port/postgres" ;;
esac
