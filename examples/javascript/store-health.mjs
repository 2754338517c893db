#!/usr/bin/env node
// Prints one store's health: whether its background work is failing, its last successful sync, its last error
// (with the store's own code), its webhooks as last checked, and the store updates waiting or given up.
//
// Reads: LOGIX_INTEGRATION_ID, LOGIX_TOKEN, LOGIX_URL (default http://127.0.0.1:8080).
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

const integrationID = env("LOGIX_INTEGRATION_ID", " (examples/javascript/connect-store.mjs prints one)");
const integration = await api("GET", `/api/v1/woocommerce/integrations/${integrationID}`);
const health = integration.health;
console.log(
  `${integration.integration_name} (${integration.store_url}): ${integration.status}, ` +
    (health.failing ? "failing" : "healthy"),
);
console.log(`last success: ${health.last_success_at ?? "never"}`);
const error = health.last_error;
console.log("last error: " + (error ? `${error.code}: ${error.message} (${error.at})` : "none"));
let webhooks;
if (health.webhooks) {
  webhooks = health.webhooks.topics.map((topic) => `${topic.topic} ${topic.status}`).join(", ");
} else {
  webhooks = integration.has_webhook_secret ? "registered, not checked yet" : "not registered";
}
console.log(`webhooks: ${webhooks}`);
console.log(`store updates: ${health.outbox_pending} pending, ${health.outbox_dead} dead`);
if (health.writes_refused) {
  console.log(`writes refused: ${health.writes_refused.code}: ${health.writes_refused.message}`);
}
