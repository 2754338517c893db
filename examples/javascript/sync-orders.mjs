#!/usr/bin/env node
// Starts an order sync of one store and follows it until it ends, printing its progress, then its counts.
// Exits 1 if the sync did not succeed.
//
// Reads: LOGIX_INTEGRATION_ID, SYNC_MODE (optional: `incremental`, the default — everything changed since the
//        last sync, or everything the first time — or `full`), LOGIX_TOKEN,
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

const integrationID = env("LOGIX_INTEGRATION_ID", " (examples/javascript/connect-store.mjs prints one)");
const sync = `/api/v1/woocommerce/integrations/${integrationID}/sync`;
const job = await api("POST", sync, { mode: process.env.SYNC_MODE ?? "incremental" });
console.log(`sync ${job.job_id} ${job.resumed ? "resumed" : "started"}`);
let run;
let shown;
for (;;) {
  run = await api("GET", `${sync}/${job.job_id}`);
  if (run.state !== "running") break;
  const progress = `page ${run.pages_done} of ${run.total_pages ?? "?"}, ${run.counts.total} orders`;
  if (progress !== shown) console.log(progress);
  shown = progress;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
const counts = run.counts;
console.log(
  `sync ${run.id} ${run.state}: ${counts.total} orders, ${counts.created} created, ${counts.updated} updated, ` +
    `${counts.unchanged} unchanged, ${counts.flagged} flagged, ${counts.skipped} skipped, ${counts.failed} failed`,
);
if (run.state !== "succeeded") fail(run.errors.join("\n"));
