#!/usr/bin/env python3
"""Starts an order sync of one store and follows it until it ends, printing its progress, then its counts.
Exits 1 if the sync did not succeed.

Reads: LOGIX_INTEGRATION_ID, SYNC_MODE (optional: `incremental`, the default — everything changed since the
       last sync, or everything the first time — or `full`), LOGIX_TOKEN,
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
integration_id = env("LOGIX_INTEGRATION_ID", " (examples/python/connect-store.py prints one)")
sync = f"/api/v1/woocommerce/integrations/{integration_id}/sync"
job = api("POST", sync, {"mode": os.environ.get("SYNC_MODE", "incremental")})
print(f"sync {job['job_id']} {'resumed' if job['resumed'] else 'started'}")
shown = None
while True:
    run = api("GET", f"{sync}/{job['job_id']}")
    if run["state"] != "running":
        break
    progress = f"page {run['pages_done']} of {run.get('total_pages', '?')}, {run['counts']['total']} orders"
    if progress != shown:
        print(progress, flush=True)
    shown = progress
    time.sleep(1)
counts = run["counts"]
print(f"sync {run['id']} {run['state']}: {counts['total']} orders, {counts['created']} created, "
      f"{counts['updated']} updated, {counts['unchanged']} unchanged, {counts['flagged']} flagged, "
      f"{counts['skipped']} skipped, {counts['failed']} failed")
if run["state"] != "succeeded":
    sys.exit("\n".join(run["errors"]))
