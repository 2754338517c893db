#!/usr/bin/env bash
# Connects a WooCommerce store to Logix and pulls its catalogue (the SKUs Logix keeps stock for). Prints the new
# integration's id on stdout, nothing else, and what was pulled on stderr:
#   export LOGIX_INTEGRATION_ID=$(examples/curl/connect-store.sh)
# Logix checks the keys against the store first: wrong keys are refused with WooCommerce's own error code.
#
# Reads: STORE_URL, STORE_CONSUMER_KEY, STORE_CONSUMER_SECRET (WooCommerce → Settings → Advanced → REST API,
#        Read/Write), STORE_NAME (how Logix names the store), LOGIX_TOKEN,
#        LOGIX_URL (default http://127.0.0.1:8080).
# Needs: curl, jq.
set -euo pipefail
LOGIX_URL=${LOGIX_URL:-http://127.0.0.1:8080}
: "${LOGIX_TOKEN:?set LOGIX_TOKEN (examples/curl/get-token.sh prints one)}"
: "${STORE_URL:?set STORE_URL}" "${STORE_CONSUMER_KEY:?set STORE_CONSUMER_KEY}"
: "${STORE_CONSUMER_SECRET:?set STORE_CONSUMER_SECRET}" "${STORE_NAME:?set STORE_NAME}"

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

body=$(jq -n '{store_url: env.STORE_URL, consumer_key: env.STORE_CONSUMER_KEY,
  consumer_secret: env.STORE_CONSUMER_SECRET, integration_name: env.STORE_NAME}')
integration=$(api POST /api/v1/woocommerce/integrations "$body")
id=$(jq -r .id <<<"$integration")
catalog=$(api POST "/api/v1/woocommerce/integrations/$id/products/sync" '{"direction": "pull"}')
jq -r --arg id "$id" '"connected \(.integration_name) as integration \($id)"' <<<"$integration" >&2
jq -r '"catalogue: \(.products) products, \(.variations) variations, \(.mapped) SKUs mapped"' <<<"$catalog" >&2
echo "$id"
