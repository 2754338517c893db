#!/usr/bin/env bash
# Sets a SKU's stock on hand in Logix (after a count, a delivery). Logix pushes what is available (on hand less
# what open orders reserve) to every store that sells the SKU and manages its stock.
#
# Reads: SKU, ON_HAND (a whole number), LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
# Needs: curl, jq.
set -euo pipefail
LOGIX_URL=${LOGIX_URL:-http://127.0.0.1:8080}
: "${LOGIX_TOKEN:?set LOGIX_TOKEN (examples/curl/get-token.sh prints one)}"
: "${SKU:?set SKU}" "${ON_HAND:?set ON_HAND}"
[[ $ON_HAND =~ ^[0-9]+$ ]] || { echo "ON_HAND must be a whole number" >&2; exit 1; }

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

item=$(api PUT "/api/v1/inventory/$(jq -rn 'env.SKU | @uri')" "{\"on_hand\": $ON_HAND}")
jq -r '"\(.sku): on hand \(.on_hand), reserved \(.reserved), available \(.available), " +
  "stores to update: \([.stores[] | select(.manages_stock and (.duplicated | not))] | length)"' <<<"$item"
