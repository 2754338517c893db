#!/usr/bin/env node
// Signs in to Logix and prints a bearer token (valid 12 hours), nothing else, so that it can be kept:
//   export LOGIX_TOKEN=$(node examples/javascript/get-token.mjs)
//
// Reads: LOGIX_EMAIL, LOGIX_PASSWORD, LOGIX_URL (default http://127.0.0.1:8080).
// Needs: Node.js 18 or newer (its built-in fetch); no packages.
const LOGIX_URL = process.env.LOGIX_URL || "http://127.0.0.1:8080";
const { LOGIX_EMAIL: email, LOGIX_PASSWORD: password } = process.env;
if (!email || !password) fail("set LOGIX_EMAIL and LOGIX_PASSWORD");

/** Prints `message` to stderr and ends the script with status 1. */
function fail(message) {
  console.error(message);
  process.exit(1);
}

const answer = await fetch(`${LOGIX_URL}/api/v1/auth/token`, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ email, password }),
}).catch((error) => fail(`cannot reach ${LOGIX_URL}: ${error.cause?.message ?? error.message}`));
const json = await answer.json();
if (!answer.ok) {
  const { code, message } = json.error;
  fail(`error ${answer.status} ${code}: ${message} (request ${answer.headers.get("X-Request-ID")})`);
}
console.log(json.token);
