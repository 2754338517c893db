#!/usr/bin/env python3
"""Lists the store updates that gave up (`dead`: the store refused them, or failed 8 times) with the store's
error, one tab-separated line each — id, kind, error —, then sends each again (it is `pending` once more).
Fix the cause first (a deleted order, wrong keys, a store that was down).

Reads: LOGIX_INTEGRATION_ID (optional: one store's updates only), LOGIX_TOKEN,
       LOGIX_URL (default http://127.0.0.1:8080).
Needs: Python 3.8+ and requests (pip install requests).
"""
import os
import sys
import time

import requests

LOGIX_URL = os.environ.get("LOGIX_URL", "http://127.0.0.1:8080")


def env(name, hint=""):
    """The environment variable `name`; ends the script when it is not set."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"set {name}{hint}")
    return value


def api(method, path, body=None):
    """The API's JSON answer. A 429 is waited out as its Retry-After says; any other error is printed to stderr
    (status, the API's code and message, the request id to quote) and ends the script."""
    while True:
        try:
            answer = requests.request(
                method, LOGIX_URL + path, json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
        except requests.RequestException as error:
            sys.exit(f"cannot reach {LOGIX_URL}: {error}")
        if answer.status_code != 429:
            break
        wait = int(answer.headers["Retry-After"])
        print(f"rate limited: retrying in {wait} s", file=sys.stderr)
        time.sleep(wait)
    if answer.status_code >= 400:
        error = answer.json()["error"]
        sys.exit(f"error {answer.status_code} {error['code']}: {error['message']} "
                 f"(request {answer.headers.get('X-Request-ID')})")
    return answer.json()


TOKEN = env("LOGIX_TOKEN", " (examples/python/get-token.py prints one)")
# Every page first, then the retries: a retried update leaves the list, which would shift the pages.
integration = os.environ.get("LOGIX_INTEGRATION_ID")
dead, page = [], 1
while True:
    items = api("GET", f"/api/v1/outbox?state=dead&per_page=100&page={page}"
                + (f"&integration_id={integration}" if integration else ""))
    for item in items["items"]:
        print(f"{item['id']}\t{item['kind']}\t{item.get('last_error', '')}")
    dead += items["items"]
    if page * 100 >= items["total"]:
        break
    page += 1
for item in dead:
    retried = api("POST", f"/api/v1/outbox/{item['id']}/retry")
    print(f"retried {item['id']}: {retried['state']}")
print(f"dead store updates retried: {len(dead)}")
