#!/usr/bin/env python3
"""Conformance check of the WooSim store against the official WooCommerce Python client.

Usage: python_client_conformance.py BASE_URL CONSUMER_KEY CONSUMER_SECRET

The client (PyPI `woocommerce` 3.0.0) signs every request with OAuth 1.0a on plain-http URLs, exactly as it
does against a real store, so this proves the sim accepts a real client's signatures, paging and bodies.
Exits non-zero with a message on the first mismatch.
"""
import sys

try:
    from woocommerce import API
except ImportError:
    print("FAIL: the 'woocommerce' package is missing (pip install woocommerce==3.0.0)", file=sys.stderr)
    sys.exit(2)


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def expect_status(response, status, what):
    if response.status_code != status:
        fail(f"{what}: HTTP {response.status_code} (expected {status}): {response.text[:300]}")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    base_url, consumer_key, consumer_secret = sys.argv[1:4]
    wcapi = API(url=base_url, consumer_key=consumer_key, consumer_secret=consumer_secret, version="wc/v3",
                timeout=30)

    # Orders, paged by 100: totals in headers, every id once, newest first.
    first = wcapi.get("orders", params={"per_page": 100, "page": 1})
    expect_status(first, 200, "GET orders page 1")
    total = int(first.headers["X-WP-Total"])
    pages = int(first.headers["X-WP-TotalPages"])
    check(total > 100, f"expected more than 100 orders, X-WP-Total={total}")
    check(pages == (total + 99) // 100, f"X-WP-TotalPages={pages} does not match X-WP-Total={total}")
    check('rel="next"' in first.headers.get("Link", ""), "page 1 has no rel=next Link")
    ids = [order["id"] for order in first.json()]
    for page in range(2, pages + 1):
        response = wcapi.get("orders", params={"per_page": 100, "page": page})
        expect_status(response, 200, f"GET orders page {page}")
        check(int(response.headers["X-WP-Total"]) == total, f"X-WP-Total changed on page {page}")
        ids += [order["id"] for order in response.json()]
    check(len(ids) == total and len(set(ids)) == total, f"paging returned {len(ids)} ids, {len(set(ids))} unique, of {total}")
    check(ids == sorted(ids, reverse=True), "orders are not newest first")
    past = wcapi.get("orders", params={"per_page": 100, "page": pages + 1})
    expect_status(past, 200, "GET orders past the last page")
    check(past.json() == [] and past.headers["X-WP-Total"] == "0", "past the end must be [] with X-WP-Total 0")

    # One order, its shape and types.
    order_id = ids[len(ids) // 2]
    response = wcapi.get(f"orders/{order_id}")
    expect_status(response, 200, "GET one order")
    order = response.json()
    check(order["id"] == order_id, "GET order returned another id")
    check(isinstance(order["total"], str) and "." in order["total"], "total must be a money string")
    check(order["number"] == str(order_id), "number must be the id as a string")
    for key in ("date_created", "date_created_gmt", "date_modified_gmt", "billing", "line_items", "meta_data"):
        check(key in order, f"order lacks {key}")
    check(len(order["date_created_gmt"]) == 19, "dates are YYYY-MM-DDTHH:MM:SS")
    for line in order["line_items"]:
        check(isinstance(line["price"], (int, float)), "line item price must be a JSON number")
        check(line["sku"] is None or isinstance(line["sku"], str), "line sku must be a string or null")

    # Status update (PUT, signed with the body unsigned as OAuth requires) bumps date_modified.
    response = wcapi.put(f"orders/{order_id}", {"status": "completed"})
    expect_status(response, 200, "PUT order status")
    updated = response.json()
    check(updated["status"] == "completed", "status was not changed")
    check(updated["date_modified_gmt"] >= order["date_modified_gmt"], "date_modified went backwards")
    response = wcapi.put(f"orders/{order_id}", {"status": "shipped"})
    expect_status(response, 400, "PUT invalid status")
    check(response.json()["code"] == "rest_invalid_param", "invalid status must be rest_invalid_param")

    # A note.
    response = wcapi.post(f"orders/{order_id}/notes", {"note": "Shipped with DHL – Grüße!", "customer_note": False})
    expect_status(response, 201, "POST order note")
    note = response.json()
    check(note["note"] == "Shipped with DHL – Grüße!" and note["customer_note"] is False, "note body mismatch")
    notes = wcapi.get(f"orders/{order_id}/notes", params={"type": "internal"})
    expect_status(notes, 200, "GET order notes")
    check(any(entry["id"] == note["id"] for entry in notes.json()), "the new note is not listed")
    response = wcapi.post(f"orders/{order_id}/notes", {})
    expect_status(response, 400, "POST empty note")
    check(response.json()["code"] == "rest_missing_callback_param", "empty note must be rest_missing_callback_param")

    # Products by SKU (variations match too), variations, batch stock update.
    products = wcapi.get("products", params={"per_page": 100})
    expect_status(products, 200, "GET products")
    simple = next(p for p in products.json() if p["type"] == "simple" and p["sku"] and p["manage_stock"] is True)
    variable, variation = None, None
    for candidate in (p for p in products.json() if p["type"] == "variable"):
        variations = wcapi.get(f"products/{candidate['id']}/variations", params={"per_page": 100})
        expect_status(variations, 200, "GET variations")
        check(int(variations.headers["X-WP-Total"]) == len(candidate["variations"]), "variation count mismatch")
        managed = [v for v in variations.json() if v["sku"] and v["manage_stock"] is True]
        if managed:
            variable, variation = candidate, managed[0]
            break
    check(variation is not None, "no variable product has a variation with its own managed stock")
    response = wcapi.get("products", params={"sku": f"{simple['sku']},{variation['sku']}"})
    expect_status(response, 200, "GET products by sku")
    found = {p["id"]: p for p in response.json()}
    check(set(found) == {simple["id"], variation["id"]}, f"sku lookup returned {sorted(found)}")
    check(found[variation["id"]]["type"] == "variation" and found[variation["id"]]["parent_id"] == variable["id"],
          "a variation found by sku must say type variation and its parent")
    response = wcapi.post("products/batch", {"update": [{"id": simple["id"], "stock_quantity": 77},
                                                         {"id": 999999, "stock_quantity": 1}]})
    expect_status(response, 200, "POST products/batch")
    items = response.json()["update"]
    check(items[0]["stock_quantity"] == 77, "batch did not set stock")
    check(items[1]["error"]["code"] == "woocommerce_rest_product_invalid_id", "bad batch item must carry an error")
    response = wcapi.post(f"products/{variable['id']}/variations/batch",
                          {"update": [{"id": variation["id"], "stock_quantity": 5}]})
    expect_status(response, 200, "POST variations/batch")
    check(response.json()["update"][0]["stock_quantity"] == 5, "variation batch did not set stock")

    # Webhooks: create (always active), list, delete (force required).
    response = wcapi.post("webhooks", {"name": "conformance", "topic": "order.updated", "status": "paused",
                                       "delivery_url": "http://127.0.0.1:9/conformance", "secret": "s3cret"})
    expect_status(response, 201, "POST webhook")
    webhook = response.json()
    check(webhook["status"] == "active", "a new webhook must be active whatever status says")
    check("secret" not in webhook, "the API must never return a webhook's secret")
    listed = wcapi.get("webhooks")
    expect_status(listed, 200, "GET webhooks")
    check(any(entry["id"] == webhook["id"] for entry in listed.json()), "the webhook is not listed")
    expect_status(wcapi.delete(f"webhooks/{webhook['id']}"), 501, "DELETE webhook without force")
    expect_status(wcapi.delete(f"webhooks/{webhook['id']}", params={"force": "true"}), 200, "DELETE webhook")
    response = wcapi.post("webhooks", {"topic": "order.shipped", "delivery_url": "http://127.0.0.1:9/x"})
    expect_status(response, 400, "POST webhook with an invalid topic")

    # System status with _fields.
    response = wcapi.get("system_status", params={"_fields": "environment,settings"})
    expect_status(response, 200, "GET system_status")
    status = response.json()
    check(set(status) == {"environment", "settings"}, f"_fields not honoured: {sorted(status)}")
    check(status["environment"]["version"] == "10.0.2", "environment.version")
    check(status["settings"]["currency"] == "EUR" and status["settings"]["HPOS_enabled"] is True, "settings")

    # A wrong secret is refused with WooCommerce's message.
    bad = API(url=base_url, consumer_key=consumer_key, consumer_secret="cs_wrong", version="wc/v3", timeout=30)
    response = bad.get("orders")
    expect_status(response, 401, "GET with a wrong secret")
    check(response.json()["code"] == "woocommerce_rest_authentication_error", "wrong secret code")

    print(f"OK: {total} orders over {pages} pages, order {order_id}, products, variations, batches, webhooks, "
          "system status")


if __name__ == "__main__":
    main()
