#!/usr/bin/env node
// Sets a SKU's stock on hand in Logix (after a count, a delivery). Logix pushes what is available (on hand less
// what open orders reserve) to every store that sells the SKU and manages its stock.
//
// Reads: SKU, ON_HAND (a whole number), LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
// Needs: Node.js 18 or newer (its built-in fetch); no packages.
const LOGIX_URL = process.env.LOGIX_URL || "http://127.0.0.1:8080";
const TOKEN = env("LOGIX_TOKEN", " (examples/javascript/get-token.mjs prints one)");

/** The environment variable `name`; ends the script when it is not set. */
function env(name, hint = "") {
  const value = process.env[name];
  if (!value) fail(`set ${name}${hint}`);
  return value;
}

/** Prints `message` to stderr and ends the script with status 1. */
function fail(message) {
  console.error(message);
  process.exit(1);
}

/**
 * The API's JSON answer. A 429 is waited out as its Retry-After says; any other error is printed to stderr
 * (status, the API's code and message, the request id to quote) and ends the script.
 */
async function api(method, path, body) {
  for (;;) {
    const answer = await fetch(LOGIX_URL + path, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((error) => fail(`cannot reach ${LOGIX_URL}: ${error.cause?.message ?? error.message}`));
    if (answer.status === 429) {
      const wait = Number(answer.headers.get("Retry-After"));
      console.error(`rate limited: retrying in ${wait} s`);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      continue;
    }
    const json = await answer.json();
    if (!answer.ok) {
      const { code, message } = json.error;
      fail(`error ${answer.status} ${code}: ${message} (request ${answer.headers.get("X-Request-ID")})`);
    }
    return json;
  }
}

const [sku, onHand] = [env("SKU"), env("ON_HAND")];
if (!/^[0-9]+$/.test(onHand)) fail("ON_HAND must be a whole number");
const item = await api("PUT", `/api/v1/inventory/${encodeURIComponent(sku)}`, { on_hand: Number(onHand) });
const pushed = item.stores.filter((store) => store.manages_stock && !store.duplicated);
console.log(
  `${item.sku}: on hand ${item.on_hand}, reserved ${item.reserved}, available ${item.available}, ` +
    `stores to update: ${pushed.length}`,
);
