#!/usr/bin/env python3
"""Prints one store's health: whether its background work is failing, its last successful sync, its last error
(with the store's own code), its webhooks as last checked, and the store updates waiting or given up.

Reads: LOGIX_INTEGRATION_ID, LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
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
integration_id = env("LOGIX_INTEGRATION_ID", " (examples/python/connect-store.py prints one)")
integration = api("GET", f"/api/v1/woocommerce/integrations/{integration_id}")
health = integration["health"]
print(f"{integration['integration_name']} ({integration['store_url']}): {integration['status']}, "
      + ("failing" if health["failing"] else "healthy"))
print(f"last success: {health.get('last_success_at', 'never')}")
error = health.get("last_error")
print("last error: " + (f"{error['code']}: {error['message']} ({error['at']})" if error else "none"))
if "webhooks" in health:
    webhooks = ", ".join(f"{topic['topic']} {topic['status']}" for topic in health["webhooks"]["topics"])
elif integration["has_webhook_secret"]:
    webhooks = "registered, not checked yet"
else:
    webhooks = "not registered"
print(f"webhooks: {webhooks}")
print(f"store updates: {health['outbox_pending']} pending, {health['outbox_dead']} dead")
if "writes_refused" in health:
    print(f"writes refused: {health['writes_refused']['code']}: {health['writes_refused']['message']}")
