#!/usr/bin/env python3
"""Lists the orders awaiting picking (status `ready`: released to the warehouse, stock reserved), every page of
them: one line per order — Logix id, number, customer, lines — tab-separated, then how many there are.
    export ORDER_ID=$(python3 examples/python/orders-to-pick.py | head -n 1 | cut -f 1)

Reads: LOGIX_INTEGRATION_ID (optional: one store's orders only), LOGIX_TOKEN,
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
integration = os.environ.get("LOGIX_INTEGRATION_ID")
page = 1
while True:
    orders = api("GET", f"/api/v1/orders?status=ready&per_page=100&page={page}"
                 + (f"&integration_id={integration}" if integration else ""))
    for order in orders["items"]:
        lines = ", ".join(f"{line['quantity']} x {line.get('sku', line['name'])}" for line in order["lines"])
        print(f"{order['id']}\t#{order['number']}\t{order['customer']['name']}\t{lines}")
    if page * 100 >= orders["total"]:
        break
    page += 1
print(f"orders awaiting picking: {orders['total']}")
