#!/usr/bin/env bash
# Signs in to Logix and prints a bearer token (valid 12 hours), nothing else, so that it can be kept:
#   export LOGIX_TOKEN=$(examples/curl/get-token.sh)
#
# Reads: LOGIX_EMAIL, LOGIX_PASSWORD, LOGIX_URL (default http://127.0.0.1:8080).
# Needs: curl, jq.
set -euo pipefail
LOGIX_URL=${LOGIX_URL:-http://127.0.0.1:8080}
: "${LOGIX_EMAIL:?set LOGIX_EMAIL}" "${LOGIX_PASSWORD:?set LOGIX_PASSWORD}"

# The body is built by jq from the environment and given to curl on its standard input: the password is never
# on a command line, which other users of the machine can read in `ps`.
reply=$(jq -n '{email: env.LOGIX_EMAIL, password: env.LOGIX_PASSWORD}' |
  curl -sS -i -X POST "$LOGIX_URL/api/v1/auth/token" -H 'Content-Type: application/json' --data-binary @-)
headers=${reply%%$'\r\n\r\n'*} body=${reply#*$'\r\n\r\n'}
status=$(head -n 1 <<<"$headers" | cut -d ' ' -f 2)
if [ "$status" != 200 ]; then
  request=$(grep -i '^x-request-id:' <<<"$headers" | cut -d ' ' -f 2 | tr -d '\r')
  echo "error $status $(jq -r '.error | "\(.code): \(.message)"' <<<"$body") (request $request)" >&2
  exit 1
fi
jq -r .token <<<"$body"
