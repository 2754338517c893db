#!/usr/bin/env python3
"""Connects a WooCommerce store to Logix and pulls its catalogue (the SKUs Logix keeps stock for). Prints the new
integration's id on stdout, nothing else, and what was pulled on stderr:
    export LOGIX_INTEGRATION_ID=$(python3 examples/python/connect-store.py)
Logix checks the keys against the store first: wrong keys are refused with WooCommerce's own error code.

Reads: STORE_URL, STORE_CONSUMER_KEY, STORE_CONSUMER_SECRET (WooCommerce → Settings → Advanced → REST API,
       Read/Write), STORE_NAME (how Logix names the store), LOGIX_TOKEN,
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
integration = api("POST", "/api/v1/woocommerce/integrations", {
    "store_url": env("STORE_URL"),
    "consumer_key": env("STORE_CONSUMER_KEY"),
    "consumer_secret": env("STORE_CONSUMER_SECRET"),
    "integration_name": env("STORE_NAME"),
})
catalog = api("POST", f"/api/v1/woocommerce/integrations/{integration['id']}/products/sync", {"direction": "pull"})
print(f"connected {integration['integration_name']} as integration {integration['id']}", file=sys.stderr)
print(f"catalogue: {catalog['products']} products, {catalog['variations']} variations, {catalog['mapped']} SKUs mapped",
      file=sys.stderr)
print(integration["id"])
