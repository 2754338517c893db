#!/usr/bin/env node
// Lists the orders awaiting picking (status `ready`: released to the warehouse, stock reserved), every page of
// them: one line per order — Logix id, number, customer, lines — tab-separated, then how many there are.
//   export ORDER_ID=$(node examples/javascript/orders-to-pick.mjs | head -n 1 | cut -f 1)
//
// Reads: LOGIX_INTEGRATION_ID (optional: one store's orders only), LOGIX_TOKEN,
//        LOGIX_URL (default http://127.0.0.1:8080).
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

const integration = process.env.LOGIX_INTEGRATION_ID;
let orders;
for (let page = 1; ; page++) {
  orders = await api(
    "GET",
    `/api/v1/orders?status=ready&per_page=100&page=${page}` + (integration ? `&integration_id=${integration}` : ""),
  );
  for (const order of orders.items) {
    const lines = order.lines.map((line) => `${line.quantity} x ${line.sku ?? line.name}`).join(", ");
    console.log(`${order.id}\t#${order.number}\t${order.customer.name}\t${lines}`);
  }
  if (page * 100 >= orders.total) break;
}
console.log(`orders awaiting picking: ${orders.total}`);
