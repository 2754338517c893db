#!/usr/bin/env node
// Lists the store updates that gave up (`dead`: the store refused them, or failed 8 times) with the store's
// error, one tab-separated line each — id, kind, error —, then sends each again (it is `pending` once more).
// Fix the cause first (a deleted order, wrong keys, a store that was down).
//
// Reads: LOGIX_INTEGRATION_ID (optional: one store's updates only), LOGIX_TOKEN,
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

// Every page first, then the retries: a retried update leaves the list, which would shift the pages.
const integration = process.env.LOGIX_INTEGRATION_ID;
const dead = [];
for (let page = 1; ; page++) {
  const items = await api(
    "GET",
    `/api/v1/outbox?state=dead&per_page=100&page=${page}` + (integration ? `&integration_id=${integration}` : ""),
  );
  for (const item of items.items) console.log(`${item.id}\t${item.kind}\t${item.last_error ?? ""}`);
  dead.push(...items.items);
  if (page * 100 >= items.total) break;
}
for (const item of dead) {
  const retried = await api("POST", `/api/v1/outbox/${item.id}/retry`);
  console.log(`retried ${item.id}: ${retried.state}`);
}
console.log(`dead store updates retried: ${dead.length}`);
