#!/usr/bin/env bash
# Records what the warehouse did with one order: picked, packed, then shipped with a carrier and a tracking
# number. Logix queues the store updates (status, tracking note) and sends them to the store.
#
# Reads: ORDER_ID (a Logix order id: the first column of orders-to-pick.sh), CARRIER, TRACKING_NUMBER,
#        TRACKING_URL (optional), LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
# Needs: curl, jq.
set -euo pipefail
LOGIX_URL=${LOGIX_URL:-http://127.0.0.1:8080}
: "${LOGIX_TOKEN:?set LOGIX_TOKEN (examples/curl/get-token.sh prints one)}"
: "${ORDER_ID:?set ORDER_ID}" "${CARRIER:?set CARRIER}" "${TRACKING_NUMBER:?set TRACKING_NUMBER}"

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

fulfillment="/api/v1/orders/$ORDER_ID/fulfillment"
for event in picked packed; do
  step=$(api POST "$fulfillment" "{\"event\": \"$event\"}")
  jq -r --arg event "$event" '"\($event): order \(.order.id) (#\(.order.number)) is now \(.order.status)"' <<<"$step"
done
shipment=$(jq -n '{event: "shipped", carrier: env.CARRIER, tracking_number: env.TRACKING_NUMBER,
  tracking_url: env.TRACKING_URL}')
step=$(api POST "$fulfillment" "$shipment")
jq -r '"shipped: order \(.order.id) (#\(.order.number)) is now \(.order.status), " +
  "\(env.CARRIER) \(env.TRACKING_NUMBER), store updates queued: \(.store_updates_queued)"' <<<"$step"
