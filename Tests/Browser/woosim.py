"""The store's side of the browser suite: WooSim's REST API (what a merchant sees in WooCommerce) and its
control API (`/__sim/*`: faults).

Reads go through WooCommerce's own authentication over plain http, OAuth 1.0a one-legged with HMAC-SHA256,
signed here with the standard library so the suite needs nothing but selenium and requests.
"""

import base64
import hashlib
import hmac
import secrets
import time
from urllib.parse import quote

import requests


def _raw(text):
    """PHP's rawurlencode: everything but A-Z a-z 0-9 - _ . ~ percent-encoded."""
    return quote(str(text), safe="~")  # "/" too: quote() would keep it by default


class WooSimStore:
    """One running WooSim: its base URL and read/write keys."""

    def __init__(self, base_url, consumer_key, consumer_secret):
        self.base_url = base_url.rstrip("/")
        self.consumer_key = consumer_key
        self.consumer_secret = consumer_secret
        self.http = requests.Session()

    # -- WooCommerce REST API (/wp-json/wc/v3) --

    def _signed(self, method, path, params):
        url = f"{self.base_url}/wp-json/wc/v3/{path.lstrip('/')}"
        oauth = {
            "oauth_consumer_key": self.consumer_key,
            "oauth_nonce": secrets.token_hex(16),
            "oauth_signature_method": "HMAC-SHA256",
            "oauth_timestamp": str(int(time.time())),
        }
        every = {**{k: str(v) for k, v in params.items()}, **oauth}
        pieces = [_raw(f"{_raw(k)}={_raw(every[k])}") for k in sorted(every, key=lambda k: k.encode())]
        base = f"{method.upper()}&{_raw(url)}&{'%26'.join(pieces)}"
        digest = hmac.new((self.consumer_secret + "&").encode(), base.encode(), hashlib.sha256).digest()
        every["oauth_signature"] = base64.b64encode(digest).decode()
        return url, every

    def get(self, path, **params):
        url, query = self._signed("GET", path, params)
        response = self.http.get(url, params=query, timeout=30)
        response.raise_for_status()
        return response.json()

    def order(self, order_id):
        return self.get(f"orders/{order_id}")

    def order_notes(self, order_id):
        return [note["note"] for note in self.get(f"orders/{order_id}/notes")]

    def orders(self, **params):
        return self.get("orders", **params)

    def products(self, **params):
        return self.get("products", **params)

    def product(self, product_id):
        return self.get(f"products/{product_id}")

    # -- Control API (/__sim; never faulted, no keys) --

    def fail_next(self, status, count=1, method=None, path=None):
        """Answers the next `count` API requests matching `method` and the exact `path` with `status`."""
        body = {"count": count, "status": status}
        if method:
            body["method"] = method
        if path:
            body["path"] = path
        self.http.post(f"{self.base_url}/__sim/fail-next", json=body, timeout=10).raise_for_status()

    def order_path(self, order_id):
        """The path a store update of the order is sent to (`PUT`)."""
        return f"/wp-json/wc/v3/orders/{order_id}"

    def stats(self):
        response = self.http.get(f"{self.base_url}/__sim/stats", timeout=10)
        response.raise_for_status()
        return response.json()
