#!/usr/bin/env bash
# Starts an order sync of one store and follows it until it ends, printing its progress, then its counts.
# Exits 1 if the sync did not succeed.
#
# Reads: LOGIX_INTEGRATION_ID, SYNC_MODE (optional: `incremental`, the default — everything changed since the
#        last sync, or everything the first time — or `full`), LOGIX_TOKEN,
#        LOGIX_URL (default http://127.0.0.1:8080).
# Needs: curl, jq.
set -euo pipefail
LOGIX_URL=${LOGIX_URL:-http://127.0.0.1:8080}
: "${LOGIX_TOKEN:?set LOGIX_TOKEN (examples/curl/get-token.sh prints one)}"
: "${LOGIX_INTEGRATION_ID:?set LOGIX_INTEGRATION_ID (examples/curl/connect-store.sh prints one)}"

# api METHOD PATH [JSON]: prints the API's answer. A 429 is waited out as its Retry-After says; any other error
# is printed to stderr (status, the API's code and message, the request id to quote) and ends the script.
# The token and the body reach curl on file descriptors, never on its command line, which `ps` shows to all.
api() {
  local reply headers body status wait request
  while true; do
    reply=$(curl -sS -i -X "$1" "$LOGIX_URL$2" -H @<(echo "Authorization: Bearer $LOGIX_TOKEN") \
      ${3:+-H 'Content-Type: application/json' --data-binary @-} <<<"${3-}") || exit 1
    headers=${reply%%$'\r\n\r\n'*} body=${reply#*$'\r\n\r\n'}
    status=$(head -n 1 <<<"$headers" | cut -d ' ' -f 2)
    [ "$status" = 429 ] || break
    wait=$(grep -i '^retry-after:' <<<"$headers" | cut -d ' ' -f 2 | tr -d '\r')
    echo "rate limited: retrying in $wait s" >&2
    sleep "$wait"
  done
  if [ "$status" -ge 400 ]; then
    request=$(grep -i '^x-request-id:' <<<"$headers" | cut -d ' ' -f 2 | tr -d '\r')
    echo "error $status $(jq -r '.error | "\(.code): \(.message)"' <<<"$body") (request $request)" >&2
    exit 1
  fi
  echo "$body"
}

sync="/api/v1/woocommerce/integrations/$LOGIX_INTEGRATION_ID/sync"
job=$(api POST "$sync" "$(jq -n '{mode: (env.SYNC_MODE // "incremental")}')")
job_id=$(jq -r .job_id <<<"$job")
echo "sync $job_id $(jq -r 'if .resumed then "resumed" else "started" end' <<<"$job")"
shown=""
while true; do
  run=$(api GET "$sync/$job_id")
  [ "$(jq -r .state <<<"$run")" = running ] || break
  progress=$(jq -r '"page \(.pages_done) of \(.total_pages // "?"), \(.counts.total) orders"' <<<"$run")
  [ "$progress" = "$shown" ] || echo "$progress"
  shown=$progress
  sleep 1
done
jq -r '"sync \(.id) \(.state): \(.counts.total) orders, \(.counts.created) created, \(.counts.updated) updated, " +
  "\(.counts.unchanged) unchanged, \(.counts.flagged) flagged, \(.counts.skipped) skipped, \(.counts.failed) failed"' \
  <<<"$run"
if [ "$(jq -r .state <<<"$run")" != succeeded ]; then
  jq -r '.errors[]' <<<"$run" >&2
  exit 1
fi
