// The generated TypeScript SDKs of acme-crm and globex-logistics (prod) end to end
// through one real `poly-proxy` process: SDK → proxy (vault, shaping, injection, redaction) → a
// loopback server standing in for the ERP (specs/erp.yaml).
//
// The store is provisioned with the proxy's own CLI in a fresh data directory, the
// proxy serves a temporary copy of poly.yaml whose ERP upstreams point at the
// loopback server, and every secret is a distinctive canary that must reach the
// upstream where the manifest says, and never come back to the app.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";

import { ROOT, compileSdk, polyProxyBinary, startProxy } from "./harness.mjs";

const TENANT = "acme-crm";
const ENV = "prod";
const CANARY = {
  apiKey: "CANARY-erpkey-7f3c9a1e5b2d4068",
  oauth: "CANARY-oauth-0d8e6b4f2a9c7135",
  signing: "CANARY-signing-3b7e1f9d5c2a8046e1d7", // the schema wants 32 characters or more
};
const SECRETS = { "erp-api-key": CANARY.apiKey, "oauth/partner": CANARY.oauth, "hooks/signing": CANARY.signing };
const GLOBEX = "globex-logistics";
const GLOBEX_API_KEY = "CANARY-globexkey-9c1e7a3f5d2b8e40";
const CONTACT_ID = "5f0c3c1e-8a4b-4d2e-9b7a-2c6f1e0d9a31";
const MISSING_ID = "0b9e2d4c-6f1a-4e3b-8c5d-7a9f0e1b2c3d";
const WEBHOOK_ID = "a4d2c9e1-3b5f-4a7c-8e0d-1f2b3c4d5e6f";

let sdk;
let erp; // the loopback ERP: records each request it receives
let proxy; // the running poly-proxy: { url, process, stderr() }
let client;
let appKey;
let globexSdk;
let globexKey;
const temp = [];
const heads = []; // the response heads the SDK reported through onResponse

/** The environment of the proxy's processes: no inherited POLY_* configuration. */
function childEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("POLY_")));
  return { ...env, POLY_LOG: "warn", NO_COLOR: "1" };
}

/** Runs `poly-proxy --data-dir <dir> <args…>` and returns its stdout. */
function cli(dataDir, args, input) {
  const binary = polyProxyBinary();
  try {
    return execFileSync(binary, ["--data-dir", dataDir, ...args], {
      input: input ?? "",
      env: childEnv(),
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (error) {
    const why = error.status === null || error.status === undefined ? error.message : `exit ${error.status}`;
    throw new Error(`poly-proxy ${args.join(" ")} failed (${why}): ${error.stderr ?? ""}`);
  }
}

/** poly.yaml with the ERP's upstreams on `upstream` and the description by absolute path. */
function writeManifest(dir, upstream) {
  let text = readFileSync(join(ROOT, "poly.yaml"), "utf8");
  const replacements = [
    ["https://staging.erp.northwind.example/api/v2", `${upstream}/api/v2`],
    ["https://erp.northwind.example/api/v2", `${upstream}/api/v2`],
    ["description: specs/erp.yaml", `description: ${join(ROOT, "specs", "erp.yaml")}`],
  ];
  for (const [from, to] of replacements) {
    assert.ok(text.includes(from), `poly.yaml no longer contains ${from}`);
    text = text.replaceAll(from, to);
  }
  const path = join(dir, "poly.yaml");
  writeFileSync(path, text);
  return path;
}

/** Starts `poly-proxy serve` and resolves once it prints `listening on <url>`. */
function serve(dataDir, manifest) {
  const child = spawn(
    polyProxyBinary(),
    ["--data-dir", dataDir, "serve", "--manifest", manifest, "--listen", "127.0.0.1:0", "--allow-private-upstreams"],
    { env: childEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("poly-proxy did not start within 10 s")), 10_000);
    function fail(error) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }
    child.on("error", fail);
    child.on("exit", (code, signal) => fail(new Error(`poly-proxy exited early (${code ?? signal})`)));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve({ url: match[1], process: child, stderr: () => stderr });
      }
    });
  });
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Answers like a careless ERP: it reflects the credentials it received. */
function erpHandler(req, res) {
  const send = (status, json) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(json));
  };
  if (req.method === "GET" && req.path === "/api/v2/crm/contacts") {
    return send(200, {
      items: [
        {
          id: CONTACT_ID,
          firstName: "Ada",
          lastName: "Lovelace",
          email: "ada@acme.example",
          status: "active",
          tags: ["vip", `seen-key:${req.headers["x-api-key"]}`],
          ownerId: null,
          createdAt: "2025-03-14T09:26:53Z",
          updatedAt: "2025-03-15T10:00:00Z",
        },
      ],
      page: { nextCursor: null, limit: 50 },
    });
  }
  if (req.method === "DELETE" && req.path.startsWith("/api/v2/crm/contacts/")) {
    return send(404, { code: "not_found", message: "no such contact" });
  }
  if (req.method === "POST" && req.path === "/api/v2/crm/webhooks") {
    const input = JSON.parse(req.body.toString());
    return send(201, {
      id: WEBHOOK_ID,
      url: input.url,
      events: input.events,
      active: true,
      description: `auth=${req.headers.authorization} secret=${input.signingSecret}`,
      secretLastFour: String(input.signingSecret).slice(-4),
      createdAt: "2025-03-14T09:26:53Z",
    });
  }
  return send(500, { code: "unexpected", message: `${req.method} ${req.path}` });
}

function onResponse(info) {
  heads.push({ status: info.status, requestId: info.requestId, headers: [...info.headers] });
}

/**
 * Asserts that no canary, in any form, is in `value` (a result or an error the SDK
 * returned) or in the response heads it reported, and returns `value`.
 */
function clean(value) {
  assert.ok(heads.length > 0, "onResponse reported the response head");
  const text = [
    value instanceof Error
      ? JSON.stringify({ name: value.name, message: value.message, ...value }) + String(value)
      : JSON.stringify(value),
    JSON.stringify(heads),
  ].join("\n");
  for (const [name, secret] of [...Object.entries(SECRETS), ["globex erp-api-key", GLOBEX_API_KEY]]) {
    for (const form of forms(secret)) {
      assert.ok(!text.includes(form), `the SDK returned ${name} (${form}) to the app`);
    }
  }
  return value;
}

/** Every form of a canary the app could recognise: raw, base64, base64url, percent-encoded. */
function forms(value) {
  return [
    value,
    Buffer.from(value).toString("base64"),
    Buffer.from(value).toString("base64url"),
    encodeURIComponent(value),
  ];
}

before(async () => {
  const work = mkdtempSync(join(tmpdir(), "poly-through-proxy-"));
  temp.push(work);
  const dataDir = join(work, "data");
  erp = await startProxy(); // the harness's recording server, here playing the ERP
  erp.handler = erpHandler;
  const manifest = writeManifest(work, erp.url);

  cli(dataDir, ["tenant", "create", TENANT, "--manifest", manifest]);
  cli(dataDir, ["env", "create", "--tenant", TENANT, ENV, "--manifest", manifest]);
  const created = JSON.parse(cli(dataDir, ["key", "create", "--tenant", TENANT, "--env", ENV, "--role", "app", "--json"]));
  appKey = created.key;
  assert.match(appKey, /^poly_/, "key create --json carries the key");
  for (const [name, value] of Object.entries(SECRETS)) {
    cli(dataDir, ["secret", "put", "--tenant", TENANT, "--env", ENV, name], value);
  }

  cli(dataDir, ["tenant", "create", GLOBEX, "--manifest", manifest]);
  cli(dataDir, ["env", "create", "--tenant", GLOBEX, ENV, "--manifest", manifest]);
  globexKey = JSON.parse(
    cli(dataDir, ["key", "create", "--tenant", GLOBEX, "--env", ENV, "--role", "app", "--json"]),
  ).key;
  cli(dataDir, ["secret", "put", "--tenant", GLOBEX, "--env", ENV, "erp-api-key"], GLOBEX_API_KEY);

  // All at once; settle all, so that `after` stops a proxy that started even when an
  // SDK did not compile.
  const [compiled, compiledGlobex, started] = await Promise.allSettled([
    compileSdk(join(ROOT, "generated-examples", "acme-crm-prod", "typescript")),
    compileSdk(join(ROOT, "generated-examples", "globex-logistics-prod", "typescript")),
    serve(dataDir, manifest),
  ]);
  proxy = started.value;
  for (const settled of [compiled, compiledGlobex, started]) {
    if (settled.status === "rejected") throw settled.reason;
  }
  sdk = compiled.value;
  globexSdk = compiledGlobex.value;
  client = new sdk.Client({
    proxyUrl: proxy.url,
    apiKey: appKey,
    secrets: { OAuth2: sdk.secretRef("oauth/partner") },
  });
});

after(async () => {
  if (proxy) await stop(proxy.process);
  await erp?.close();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  erp.reset();
  heads.length = 0;
});

describe("acme-crm prod through a running poly-proxy", () => {
  it("lists contacts: the proxy injects the API key and pins the company, the app sees it redacted", async () => {
    const page = clean(await client.crm.listContacts({}, { onResponse }));
    assert.deepEqual(page, {
      items: [
        {
          id: CONTACT_ID,
          firstName: "Ada",
          lastName: "Lovelace",
          email: "ada@acme.example",
          status: "active",
          tags: ["vip", "seen-key:[REDACTED]"],
          ownerId: null,
          createdAt: "2025-03-14T09:26:53Z",
          updatedAt: "2025-03-15T10:00:00Z",
        },
      ],
      page: { nextCursor: null, limit: 50 },
    });

    assert.equal(erp.requests.length, 1);
    const [req] = erp.requests;
    assert.equal(req.method, "GET");
    assert.equal(req.path, "/api/v2/crm/contacts");
    assert.equal(req.headers["x-api-key"], CANARY.apiKey);
    assert.equal(req.headers["x-company-id"], "1001");
    assert.equal(req.headers.authorization, undefined, "no Authorization: neither the app's key nor OAuth2");
    assert.ok(!JSON.stringify(req.headers).includes(appKey), "the app's Poly key never reaches the upstream");
  });

  it("deleteContact: the upstream's 404 is the SDK's typed NotFoundError", async () => {
    const error = clean(await client.crm.deleteContact({ contactId: MISSING_ID }, { onResponse }).catch((e) => e));
    assert.ok(error instanceof sdk.NotFoundError, `got ${error}`);
    assert.ok(error instanceof sdk.ApiError && !(error instanceof sdk.ProxyError));
    assert.equal(error.status, 404);
    assert.equal(error.operationId, "deleteContact");
    assert.deepEqual(error.body, { code: "not_found", message: "no such contact" });

    assert.equal(erp.requests.length, 1, "a 404 is not retried");
    const [req] = erp.requests;
    assert.equal(req.method, "DELETE");
    assert.equal(req.path, `/api/v2/crm/contacts/${MISSING_ID}`);
    assert.equal(req.headers["x-api-key"], CANARY.apiKey);
    assert.equal(req.headers["x-company-id"], "1001");
  });

  it("createWebhookSubscription: OAuth2 by reference and the signing-secret slot are resolved by the proxy", async () => {
    const body = { url: "https://hooks.acme.example/erp", events: ["contact.created", "contact.deleted"] };
    const subscription = clean(
      await client.crm.createWebhookSubscription(
        {
          body,
          secrets: { OAuth2: sdk.secretRef("oauth/partner") },
          slots: { webhook_signing_secret: sdk.secretRef("hooks/signing") },
        },
        { onResponse },
      ),
    );
    assert.equal(subscription.id, WEBHOOK_ID);
    assert.deepEqual(subscription.events, body.events);
    assert.equal(subscription.active, true);
    assert.equal(subscription.description, "auth=Bearer [REDACTED] secret=[REDACTED]");

    assert.equal(erp.requests.length, 1);
    const [req] = erp.requests;
    assert.equal(req.method, "POST");
    assert.equal(req.path, "/api/v2/crm/webhooks");
    assert.equal(req.headers.authorization, `Bearer ${CANARY.oauth}`);
    assert.equal(req.headers["x-company-id"], "1001");
    assert.equal(req.headers["x-api-key"], undefined, "the operation's only scheme is OAuth2");
    assert.deepEqual(JSON.parse(req.body.toString()), { ...body, signingSecret: CANARY.signing });
  });

  it("a reference that names no secret is the proxy's 422 unresolved-secret-reference, and nothing is sent", async () => {
    const error = clean(
      await client.crm
        .createWebhookSubscription(
          {
            body: { url: "https://hooks.acme.example/erp", events: ["contact.created"] },
            secrets: { OAuth2: sdk.secretRef("oauth/no-such-token") },
            slots: { webhook_signing_secret: sdk.secretRef("hooks/signing") },
          },
          { onResponse },
        )
        .catch((e) => e),
    );
    assert.ok(error instanceof sdk.ProxyError, `got ${error}`);
    assert.ok(!(error instanceof sdk.ApiError));
    assert.equal(error.slug, "unresolved-secret-reference");
    assert.equal(error.status, 422);
    assert.equal(erp.requests.length, 0, "the upstream is never called");
  });
});

describe("two tenants' SDKs through the same proxy", () => {
  it("globex's SDK call carries globex's own key and company, never acme's", async () => {
    const globex = new globexSdk.Client({ proxyUrl: proxy.url, apiKey: globexKey });
    const page = clean(await globex.crm.listContacts({}, { onResponse }));
    assert.deepEqual(page.items[0].tags, ["vip", "seen-key:[REDACTED]"]);

    assert.equal(erp.requests.length, 1);
    const [req] = erp.requests;
    assert.equal(req.headers["x-api-key"], GLOBEX_API_KEY);
    assert.equal(req.headers["x-company-id"], "2002");
  });

  it("globex's key in acme's SDK cannot reach an operation globex is denied", async () => {
    const own = new globexSdk.Client({ proxyUrl: proxy.url, apiKey: globexKey });
    assert.equal(typeof own.crm.createWebhookSubscription, "undefined", "globex's SDK has no such method");
    const borrowed = new sdk.Client({ proxyUrl: proxy.url, apiKey: globexKey });
    const error = clean(
      await borrowed.crm
        .createWebhookSubscription(
          {
            body: { url: "https://hooks.acme.example/erp", events: ["contact.created"] },
            secrets: { OAuth2: sdk.secretRef("oauth/partner") },
            slots: { webhook_signing_secret: sdk.secretRef("hooks/signing") },
          },
          { onResponse },
        )
        .catch((e) => e),
    );
    assert.ok(error instanceof sdk.ProxyError, `got ${error}`);
    assert.equal(error.status, 403);
    assert.equal(error.slug, "operation-denied");
    assert.equal(erp.requests.length, 0, "the upstream is never called");
  });
});
