"""The shop's side of the browser suite's Shopify checks: ShopifySim's control API (`/__sim/*`, no token), which
says what the shop holds, to compare with what the dashboard shows after a sync.
"""

import requests


class ShopifySimShop:
    """One running ShopifySim: its base URL."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")
        self.http = requests.Session()

    def orders(self):
        """Every order of the shop: `id` (a gid), `legacyResourceId` and `name` (`#1001`), oldest first."""
        response = self.http.get(f"{self.base_url}/__sim/orders", timeout=10)
        response.raise_for_status()
        return response.json()

    def webhook_subscriptions(self):
        response = self.http.get(f"{self.base_url}/__sim/webhook-subscriptions", timeout=10)
        response.raise_for_status()
        return response.json()
