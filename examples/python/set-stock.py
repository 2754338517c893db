#!/usr/bin/env python3
"""Sets a SKU's stock on hand in Logix (after a count, a delivery). Logix pushes what is available (on hand less
what open orders reserve) to every store that sells the SKU and manages its stock.

Reads: SKU, ON_HAND (a whole number), LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
Needs: Python 3.8+ and requests (pip install requests).
"""
import os
import re
import sys
import time
from urllib.parse import quote

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
sku, on_hand = env("SKU"), env("ON_HAND")
if not re.fullmatch("[0-9]+", on_hand):
    sys.exit("ON_HAND must be a whole number")
item = api("PUT", f"/api/v1/inventory/{quote(sku, safe='')}", {"on_hand": int(on_hand)})
pushed = [store for store in item["stores"] if store["manages_stock"] and not store["duplicated"]]
print(f"{item['sku']}: on hand {item['on_hand']}, reserved {item['reserved']}, available {item['available']}, "
      f"stores to update: {len(pushed)}")
