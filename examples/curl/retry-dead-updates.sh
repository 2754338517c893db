#!/usr/bin/env bash
# Lists the store updates that gave up (`dead`: the store refused them, or failed 8 times) with the store's
# error, one tab-separated line each — id, kind, error —, then sends each again (it is `pending` once more).
# Fix the cause first (a deleted order, wrong keys, a store that was down).
#
# Reads: LOGIX_INTEGRATION_ID (optional: one store's updates only), LOGIX_TOKEN,
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

# Every page first, then the retries: a retried update leaves the list, which would shift the pages.
filter=${LOGIX_INTEGRATION_ID:+&integration_id=$LOGIX_INTEGRATION_ID}
ids="" page=1
while true; do
  dead=$(api GET "/api/v1/outbox?state=dead&per_page=100&page=$page$filter")
  jq -r '.items[] | [.id, .kind, .last_error // ""] | join("\t")' <<<"$dead"
  ids="$ids $(jq -r '.items[].id' <<<"$dead")"
  [ $((page * 100)) -lt "$(jq .total <<<"$dead")" ] || break
  page=$((page + 1))
done
count=0
for id in $ids; do
  item=$(api POST "/api/v1/outbox/$id/retry")
  echo "retried $id: $(jq -r .state <<<"$item")"
  count=$((count + 1))
done
echo "dead store updates retried: $count"
