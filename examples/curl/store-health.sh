#!/usr/bin/env bash
# Prints one store's health: whether its background work is failing, its last successful sync, its last error
# (with the store's own code), its webhooks as last checked, and the store updates waiting or given up.
#
# Reads: LOGIX_INTEGRATION_ID, LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
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

integration=$(api GET "/api/v1/woocommerce/integrations/$LOGIX_INTEGRATION_ID")
jq -r '.health as $health
  | "\(.integration_name) (\(.store_url)): \(.status), \(if $health.failing then "failing" else "healthy" end)",
    "last success: \($health.last_success_at // "never")",
    "last error: \($health.last_error | if . then "\(.code): \(.message) (\(.at))" else "none" end)",
    "webhooks: \(if $health.webhooks then [$health.webhooks.topics[] | "\(.topic) \(.status)"] | join(", ")
      elif .has_webhook_secret then "registered, not checked yet" else "not registered" end)",
    "store updates: \($health.outbox_pending) pending, \($health.outbox_dead) dead",
    ($health.writes_refused | if . then "writes refused: \(.code): \(.message)" else empty end)' <<<"$integration"
