#!/usr/bin/env node
// Records what the warehouse did with one order: picked, packed, then shipped with a carrier and a tracking
// number. Logix queues the store updates (status, tracking note) and sends them to the store.
//
// Reads: ORDER_ID (a Logix order id: the first column of orders-to-pick.mjs), CARRIER, TRACKING_NUMBER,
//        TRACKING_URL (optional), LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
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

const fulfillment = `/api/v1/orders/${env("ORDER_ID")}/fulfillment`;
const [carrier, trackingNumber] = [env("CARRIER"), env("TRACKING_NUMBER")];
for (const event of ["picked", "packed"]) {
  const { order } = await api("POST", fulfillment, { event });
  console.log(`${event}: order ${order.id} (#${order.number}) is now ${order.status}`);
}
const step = await api("POST", fulfillment, {
  event: "shipped",
  carrier,
  tracking_number: trackingNumber,
  tracking_url: process.env.TRACKING_URL,
});
const { order } = step;
console.log(
  `shipped: order ${order.id} (#${order.number}) is now ${order.status}, ${carrier} ${trackingNumber}, ` +
    `store updates queued: ${step.store_updates_queued}`,
);
