#!/usr/bin/env bash
# Lists the orders awaiting picking (status `ready`: released to the warehouse, stock reserved), every page of
# them: one line per order — Logix id, number, customer, lines — tab-separated, then how many there are.
#   export ORDER_ID=$(examples/curl/orders-to-pick.sh | head -n 1 | cut -f 1)
#
# Reads: LOGIX_INTEGRATION_ID (optional: one store's orders only), LOGIX_TOKEN,
#        LOGIX_URL (default http://127.0.0.1:8080).
# Needs: curl, jq.
set -euo pipefail
LOGIX_URL=${LOGIX_URL:-http://127.0.0.1:8080}
: "${LOGIX_TOKEN:?set LOGIX_TOKEN (examples/curl/get-token.sh prints one)}"

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

filter=${LOGIX_INTEGRATION_ID:+&integration_id=$LOGIX_INTEGRATION_ID}
page=1
while true; do
  orders=$(api GET "/api/v1/orders?status=ready&per_page=100&page=$page$filter")
  jq -r '.items[] | [.id, "#\(.number)", .customer.name,
    ([.lines[] | "\(.quantity) x \(.sku // .name)"] | join(", "))] | join("\t")' <<<"$orders"
  total=$(jq .total <<<"$orders")
  [ $((page * 100)) -lt "$total" ] || break
  page=$((page + 1))
done
echo "orders awaiting picking: $total"
