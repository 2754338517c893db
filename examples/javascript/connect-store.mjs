#!/usr/bin/env node
// Connects a WooCommerce store to Logix and pulls its catalogue (the SKUs Logix keeps stock for). Prints the new
// integration's id on stdout, nothing else, and what was pulled on stderr:
//   export LOGIX_INTEGRATION_ID=$(node examples/javascript/connect-store.mjs)
// Logix checks the keys against the store first: wrong keys are refused with WooCommerce's own error code.
//
// Reads: STORE_URL, STORE_CONSUMER_KEY, STORE_CONSUMER_SECRET (WooCommerce → Settings → Advanced → REST API,
//        Read/Write), STORE_NAME (how Logix names the store), LOGIX_TOKEN,
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

const integration = await api("POST", "/api/v1/woocommerce/integrations", {
  store_url: env("STORE_URL"),
  consumer_key: env("STORE_CONSUMER_KEY"),
  consumer_secret: env("STORE_CONSUMER_SECRET"),
  integration_name: env("STORE_NAME"),
});
const catalog = await api("POST", `/api/v1/woocommerce/integrations/${integration.id}/products/sync`, {
  direction: "pull",
});
console.error(`connected ${integration.integration_name} as integration ${integration.id}`);
console.error(
  `catalogue: ${catalog.products} products, ${catalog.variations} variations, ${catalog.mapped} SKUs mapped`,
);
console.log(integration.id);
