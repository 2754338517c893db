#!/usr/bin/env python3
"""Signs in to Logix and prints a bearer token (valid 12 hours), nothing else, so that it can be kept:
    export LOGIX_TOKEN=$(python3 examples/python/get-token.py)

Reads: LOGIX_EMAIL, LOGIX_PASSWORD, LOGIX_URL (default http://127.0.0.1:8080).
Needs: Python 3.8+ and requests (pip install requests).
"""
import os
import sys

import requests

LOGIX_URL = os.environ.get("LOGIX_URL", "http://127.0.0.1:8080")
email, password = os.environ.get("LOGIX_EMAIL"), os.environ.get("LOGIX_PASSWORD")
if not email or not password:
    sys.exit("set LOGIX_EMAIL and LOGIX_PASSWORD")

try:
    answer = requests.post(f"{LOGIX_URL}/api/v1/auth/token", json={"email": email, "password": password}, timeout=30)
except requests.RequestException as error:
    sys.exit(f"cannot reach {LOGIX_URL}: {error}")
if answer.status_code != 200:
    error = answer.json()["error"]
    sys.exit(f"error {answer.status_code} {error['code']}: {error['message']} "
             f"(request {answer.headers.get('X-Request-ID')})")
print(answer.json()["token"])
