#!/usr/bin/env python3
"""Records what the warehouse did with one order: picked, packed, then shipped with a carrier and a tracking
number. Logix queues the store updates (status, tracking note) and sends them to the store.

Reads: ORDER_ID (a Logix order id: the first column of orders-to-pick.py), CARRIER, TRACKING_NUMBER,
       TRACKING_URL (optional), LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
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
fulfillment = f"/api/v1/orders/{env('ORDER_ID')}/fulfillment"
carrier, tracking_number = env("CARRIER"), env("TRACKING_NUMBER")
for event in ["picked", "packed"]:
    order = api("POST", fulfillment, {"event": event})["order"]
    print(f"{event}: order {order['id']} (#{order['number']}) is now {order['status']}")
step = api("POST", fulfillment, {
    "event": "shipped",
    "carrier": carrier,
    "tracking_number": tracking_number,
    "tracking_url": os.environ.get("TRACKING_URL"),
})
order = step["order"]
print(f"shipped: order {order['id']} (#{order['number']}) is now {order['status']}, {carrier} {tracking_number}, "
      f"store updates queued: {step['store_updates_queued']}")
