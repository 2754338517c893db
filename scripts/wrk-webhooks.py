#!/usr/bin/env python3
"""Loads a webhook receiver with wrk, the generator issue 14's figures were first taken with.

Writes distinct signed WooCommerce order.updated deliveries (the recorded 2.5 KB order 384, each with its own
order id, key, line id and delivery id) ahead of the run, one file per wrk thread, then runs
`wrk -t2 -c64 -d15s --latency` with a Lua script that sends each request once. Signing ahead keeps wrk's own
cost at about 12 µs a request, so on a 2-core machine nearly all of it is left to the receiver.

    python3 scripts/wrk-webhooks.py --target http://127.0.0.1:8080 --integration 1 --secret S [--seconds 15]
"""
import argparse, base64, hashlib, hmac, json, os, shutil, subprocess, sys, tempfile, time
from urllib.parse import urlparse

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "woocommerce-samples", "webhooks",
                      "65-webhook-delivery-order-updated-order384.json")
LUA = """
local counter = 0
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args)
  local f = io.open(args[1] .. "/requests-" .. id, "rb"); local data = f:read("*a"); f:close()
  reqs = {}; n = 0
  for r in string.gmatch(data, "(.-)%z\\n") do n = n + 1; reqs[n] = r end
  i = 0
end
function request() i = i + 1; if i > n then i = 1 end; return reqs[i] end
"""

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", required=True)
    parser.add_argument("--integration", type=int, required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--per-second", type=int, default=12000, help="deliveries to prepare per second of the run")
    parser.add_argument("--sample", default=SAMPLE)
    args = parser.parse_args()
    url = urlparse(args.target)
    if url.scheme != "http" or not url.hostname:
        sys.exit("--target must be an http:// URL, e.g. http://127.0.0.1:8080")
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    try:
        body = json.load(open(args.sample))["body_text"]
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"cannot read the recorded delivery {args.sample} ({error}); give one with --sample")
    host = f"{url.hostname}:{url.port or 80}"
    path = f"/api/v1/woocommerce/webhooks/receive?integration={args.integration}"
    secret = args.secret.encode()
    first = 100_000_000_000 + (int(time.time()) % 100_000) * 1_000_000  # a run never repeats an earlier one
    count = args.seconds * args.per_second
    folder = tempfile.mkdtemp(prefix="wrk-webhooks-")
    files = [open(os.path.join(folder, f"requests-{t}"), "wb") for t in range(2)]
    for k in range(count):
        oid = first + k
        raw = (body.replace('"id":384,', f'"id":{oid},').replace("/384", f"/{oid}")
               .replace('"number":"384"', f'"number":"{oid}"').replace("wc_order_SFnF6BfF0wIP4", f"wc_order_{oid:013d}")
               .replace('"id":1336,', f'"id":{oid * 4},').encode())
        signature = base64.b64encode(hmac.new(secret, raw, hashlib.sha256).digest()).decode()
        head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)\r\n"
                "Content-Type: application/json\r\nX-WC-Webhook-Source: https://shop.example.test/\r\n"
                "X-WC-Webhook-Topic: order.updated\r\nX-WC-Webhook-Resource: order\r\nX-WC-Webhook-Event: updated\r\n"
                f"X-WC-Webhook-Signature: {signature}\r\nX-WC-Webhook-ID: 3\r\n"
                f"X-WC-Webhook-Delivery-ID: {hashlib.md5(str(oid).encode()).hexdigest()}\r\n"
                f"Content-Length: {len(raw)}\r\n\r\n").encode()
        files[k % 2].write(head + raw + b"\0\n")
    for f in files:
        f.close()
    script = os.path.join(folder, "load.lua")
    open(script, "w").write(LUA)
    print(f"{count} signed deliveries prepared in {folder}; running wrk for {args.seconds} s", flush=True)
    try:
        code = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "-s", script,
                               args.target, "--", folder]).returncode
        if code != 0:
            sys.exit(f"wrk failed (exit {code}) against {args.target}; is the receiver running there?")
    finally:
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
        os.rmdir(folder)

if __name__ == "__main__":
    main()
