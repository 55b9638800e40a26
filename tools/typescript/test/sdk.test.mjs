// The generated TypeScript SDK against a loopback server that speaks the Poly call
// protocol (docs/protocol.md). The acme-crm prod example is compiled with tsc and
// driven as plain ESM; uploads use the SDK of the whole ERP description, because no
// example tenant may upload.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";

import { API_KEY, ROOT, compileSdk, generateFromSpec, problem, reply, sleep, startProxy } from "./harness.mjs";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let sdk;
let full;
let proxy;
let client;

before(async () => {
  sdk = await compileSdk(join(ROOT, "generated-examples", "acme-crm-prod", "typescript"));
  full = await compileSdk(generateFromSpec("specs/erp.yaml"));
  proxy = await startProxy();
  client = new sdk.Client({
    proxyUrl: proxy.url,
    apiKey: API_KEY,
    secrets: { OAuth2: sdk.secretRef("erp-partner-token") },
  });
});

after(async () => {
  await proxy?.close();
});

beforeEach(() => {
  proxy.reset();
});

/** Answers every request with JSON `json` from the upstream. */
function upstreamJson(status, json, headers) {
  proxy.handler = (req, res) => reply(res, status, { json, headers, requestId: req.headers["poly-request-id"] });
}

describe("calls", () => {
  it("POSTs to /v1/call/{api}/{operationId} with the API key and a UUID request id", async () => {
    upstreamJson(200, { status: "operational", version: "2.4.0", checkedAt: "2025-03-14T09:26:53Z" });
    const status = await client.crm.getServiceStatus();
    assert.equal(status.status, "operational");
    assert.equal(proxy.requests.length, 1);
    const [req] = proxy.requests;
    assert.equal(req.method, "POST");
    assert.equal(req.path, "/v1/call/erp/getServiceStatus");
    assert.equal(req.query, "", "no parameters: no query");
    assert.equal(req.headers.authorization, `Bearer ${API_KEY}`);
    assert.match(req.headers["poly-request-id"], UUID_V4);
    assert.equal(req.headers.accept, "application/json");
    assert.equal(req.headers["content-type"], undefined, "no body, no Content-Type");
    assert.equal(req.body.length, 0);
  });

  it("encodes query, cookie and array parameters as JSON, percent-encoding every reserved octet", async () => {
    upstreamJson(200, { items: [], page: { nextCursor: null, limit: 50 } });
    const page = await client.crm.listContacts({
      limit: 50,
      status: ["lead", "active"],
      tag: "follow up+vip!*'()",
      nwSavedView: "view 1",
    });
    assert.deepEqual(page.items, []);
    const [req] = proxy.requests;
    assert.deepEqual(req.pairs, [
      "query.limit=50",
      "query.status=%5B%22lead%22%2C%22active%22%5D",
      "query.tag=%22follow%20up%2Bvip%21%2A%27%28%29%22",
      "cookie.nw_saved_view=%22view%201%22",
    ]);
    assert.ok(!req.query.includes("Company"), "the pinned X-Company-Id is never sent");
  });

  it("encodes path and header parameters, and omits unset ones", async () => {
    upstreamJson(200, { id: "c_81f2", firstName: "Ada" });
    await client.crm.getContact({ contactId: "../admin?x=1#" });
    assert.deepEqual(proxy.requests[0].pairs, ["path.contactId=%22..%2Fadmin%3Fx%3D1%23%22"]);

    proxy.reset();
    proxy.handler = (req, res) => reply(res, 200, { body: "%PDF-1.7", headers: { "Content-Type": "application/pdf" } });
    const pdf = await client.crm.downloadInvoicePdf({ invoiceId: "inv 1", acceptLanguage: "fr-CH" });
    assert.equal(await new Response(pdf).text(), "%PDF-1.7");
    assert.deepEqual(proxy.requests[0].pairs, ["path.invoiceId=%22inv%201%22", "header.Accept-Language=%22fr-CH%22"]);
    assert.equal(proxy.requests[0].headers.accept, "application/pdf");
  });

  it("sends a JSON body with its Content-Type and returns the typed result", async () => {
    const contact = { id: "c_81f2", firstName: "Ada", lastName: "Lovelace", status: "lead" };
    upstreamJson(201, contact, { Location: "/api/v2/crm/contacts/c_81f2" });
    let seen;
    const created = await client.crm.createContact(
      { idempotencyKey: "k-1", body: { firstName: "Ada", lastName: "Lovelace", phone: null } },
      { onResponse: (r) => (seen = r) },
    );
    assert.deepEqual(created, contact);
    const [req] = proxy.requests;
    assert.equal(req.path, "/v1/call/erp/createContact");
    assert.deepEqual(req.pairs, ["header.Idempotency-Key=%22k-1%22"]);
    assert.equal(req.headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(req.body.toString()), { firstName: "Ada", lastName: "Lovelace", phone: null });
    assert.equal(seen.status, 201);
    assert.equal(seen.headers.get("location"), "/api/v2/crm/contacts/c_81f2");
    assert.equal(seen.requestId, req.headers["poly-request-id"]);
  });

  it("answers a 204 with undefined", async () => {
    proxy.handler = (_req, res) => reply(res, 204, {});
    assert.equal(await client.crm.deleteContact({ contactId: "c_1" }), undefined);
  });

  it("sends secret and slot references as bare names, never as values", async () => {
    upstreamJson(201, { id: "w_1", url: "https://hooks.example/x", events: ["contact.created"], active: true });
    await client.crm.createWebhookSubscription({
      body: { url: "https://hooks.example/x", events: ["contact.created"] },
      slots: { webhook_signing_secret: sdk.secretRef("hooks/signing-key.v2") },
    });
    const [req] = proxy.requests;
    assert.deepEqual(req.pairs, ["secret.OAuth2=erp-partner-token", "slot.webhook_signing_secret=hooks%2Fsigning-key.v2"]);
    assert.deepEqual(JSON.parse(req.body.toString()), { url: "https://hooks.example/x", events: ["contact.created"] });

    proxy.reset();
    await client.crm.deleteWebhookSubscription({
      subscriptionId: "w_1",
      secrets: { OAuth2: sdk.secretRef("other-token") },
    });
    assert.deepEqual(proxy.requests[0].pairs, ["path.subscriptionId=%22w_1%22", "secret.OAuth2=other-token"]);
  });

  it("refuses bad references and a slot given together with its value, sending nothing", async () => {
    assert.throws(() => sdk.secretRef("../etc/passwd"), sdk.UsageError);
    assert.throws(() => sdk.secretRef(""), sdk.UsageError);
    assert.throws(() => sdk.secretRef("a".repeat(129)), sdk.UsageError);
    assert.equal(sdk.secretRef("a/b-c.d_e"), "a/b-c.d_e");
    await assert.rejects(
      client.crm.connectMailbox({
        xMailboxPassword: "hunter2",
        slots: { mailbox_password: sdk.secretRef("imap-password") },
        body: { emailAddress: "a@b.example", imapHost: "imap.b.example", username: "a" },
      }),
      sdk.UsageError,
    );
    const bare = new sdk.Client({ proxyUrl: proxy.url, apiKey: API_KEY });
    await assert.rejects(bare.crm.deleteWebhookSubscription({ subscriptionId: "w_1" }), sdk.UsageError);
    assert.equal(proxy.requests.length, 0);
  });
});

describe("bodies", () => {
  let files;
  before(() => {
    files = new full.Client({
      proxyUrl: proxy.url,
      apiKey: API_KEY,
      secrets: { OAuth2: full.secretRef("erp-partner-token"), ApiKeyAuth: full.secretRef("erp-api-key") },
    });
  });

  it("uploads bytes as application/octet-stream", async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    upstreamJson(201, { id: "f_1", sizeBytes: bytes.length });
    const meta = await files.files.uploadFile({ xCompanyId: "4711", xFileName: "a b.bin", body: bytes });
    assert.equal(meta.id, "f_1");
    const [req] = proxy.requests;
    assert.equal(req.path, "/v1/call/erp/uploadFile");
    assert.equal(req.headers["content-type"], "application/octet-stream");
    assert.deepEqual(new Uint8Array(req.body), bytes);
    assert.deepEqual(req.pairs, [
      "header.X-Company-Id=%224711%22",
      "header.X-File-Name=%22a%20b.bin%22",
      "secret.OAuth2=erp-partner-token",
    ]);
  });

  it("uploads a stream, and never sends a read stream twice", async () => {
    const stream = () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("hello "));
          controller.enqueue(new TextEncoder().encode("stream"));
          controller.close();
        },
      });
    upstreamJson(201, { id: "f_2" });
    await files.files.uploadFile({ xCompanyId: "4711", xFileName: "s.txt", body: stream() });
    assert.equal(proxy.requests[0].body.toString(), "hello stream");

    proxy.reset();
    proxy.handler = (_req, res) => reply(res, 503, { headers: { "Retry-After": "0" }, json: { code: "busy", message: "" } });
    await assert.rejects(
      files.files.uploadFile({ xCompanyId: "4711", xFileName: "s.txt", body: stream() }),
      (e) => e instanceof full.ApiError && e.status === 503,
    );
    assert.equal(proxy.requests.length, 1, "a 503 with Retry-After is retried, except after a streamed body");
  });

  it("builds multipart bodies with file and JSON parts", async () => {
    upstreamJson(201, { id: "f_3" });
    await files.files.uploadFileMultipart({
      xCompanyId: "4711",
      body: { file: new Blob(["%PDF"], { type: "application/pdf" }), metadata: { name: "a.pdf", labels: { k: "v" } } },
    });
    const [req] = proxy.requests;
    assert.match(req.headers["content-type"], /^multipart\/form-data; boundary=/);
    const form = await new Response(req.body, { headers: { "Content-Type": req.headers["content-type"] } }).formData();
    assert.equal(await form.get("file").text(), "%PDF");
    assert.deepEqual(JSON.parse(await form.get("metadata").text()), { name: "a.pdf", labels: { k: "v" } });
  });

  it("streams a download, and reports a body cut short as incomplete", async () => {
    const chunks = ["part one, ", "part two, ", "part three"];
    proxy.handler = async (_req, res) => {
      res.writeHead(200, { "Poly-Origin": "upstream", "Content-Type": "application/octet-stream" });
      for (const c of chunks) {
        res.write(c);
        await sleep(20);
      }
      res.end();
    };
    const stream = await files.files.downloadFile({ xCompanyId: "4711", fileId: "f_1" });
    assert.ok(stream instanceof ReadableStream);
    assert.equal(await new Response(stream).text(), chunks.join(""));

    proxy.handler = (_req, res) => {
      res.writeHead(200, { "Poly-Origin": "upstream", "Content-Type": "application/octet-stream", "Content-Length": "1000" });
      res.write("only a little");
      setTimeout(() => res.destroy(), 20);
    };
    const cut = await files.files.downloadFile({ xCompanyId: "4711", fileId: "f_1" });
    await assert.rejects(new Response(cut).arrayBuffer(), (e) => e instanceof full.IncompleteResponseError || e?.cause instanceof full.IncompleteResponseError);
  });
});

describe("errors", () => {
  it("throws the documented class for an upstream status, with its body", async () => {
    upstreamJson(404, { code: "CONTACT_NOT_FOUND", message: "no such contact" });
    const error = await client.crm.getContact({ contactId: "c_x" }).catch((e) => e);
    assert.ok(error instanceof sdk.NotFoundError, `got ${error}`);
    assert.ok(error instanceof sdk.ApiError);
    assert.ok(error instanceof sdk.PolyError);
    assert.ok(!(error instanceof sdk.ProxyError));
    assert.equal(error.name, "NotFoundError");
    assert.equal(error.status, 404);
    assert.equal(error.body.code, "CONTACT_NOT_FOUND");
    assert.equal(error.operationId, "getContact");
    assert.equal(error.requestId, proxy.requests[0].headers["poly-request-id"]);
  });

  it("throws a plain ApiError for an undocumented status", async () => {
    upstreamJson(418, { code: "TEAPOT", message: "" });
    const error = await client.crm.getContact({ contactId: "c_x" }).catch((e) => e);
    assert.equal(error.constructor, sdk.ApiError);
    assert.equal(error.status, 418);
  });

  it("tells a proxy problem from an upstream error by Poly-Origin, never by status", async () => {
    proxy.handler = (req, res) => {
      const id = req.headers["poly-request-id"];
      reply(res, 403, { origin: "proxy", json: problem("operation-denied", 403, "Operation denied", id), requestId: id });
    };
    const denied = await client.crm.getContact({ contactId: "c_x" }).catch((e) => e);
    assert.ok(denied instanceof sdk.ProxyError, `got ${denied}`);
    assert.ok(!(denied instanceof sdk.ApiError));
    assert.equal(denied.slug, "operation-denied");
    assert.equal(denied.status, 403);
    assert.equal(denied.title, "Operation denied");
    assert.equal(denied.requestId, proxy.requests[0].headers["poly-request-id"]);

    upstreamJson(403, { code: "FORBIDDEN", message: "" });
    const upstream = await client.crm.getContact({ contactId: "c_x" }).catch((e) => e);
    assert.ok(upstream instanceof sdk.ApiError && !(upstream instanceof sdk.ProxyError), `got ${upstream}`);

    proxy.handler = (req, res) => {
      const id = req.headers["poly-request-id"];
      const errors = [{ parameter: "query.limit", detail: "expected integer, got string" }];
      reply(res, 400, { origin: "proxy", json: problem("invalid-parameter", 400, "Invalid parameter", id, { errors }) });
    };
    const invalid = await client.crm.listContacts({ limit: 5 }).catch((e) => e);
    assert.deepEqual(invalid.errors, [{ parameter: "query.limit", detail: "expected integer, got string" }]);

    proxy.handler = (_req, res) => reply(res, 403, { origin: null, body: "<html>denied by the load balancer</html>" });
    const stranger = await client.crm.getContact({ contactId: "c_x" }).catch((e) => e);
    assert.ok(stranger instanceof sdk.UnexpectedResponseError, `got ${stranger}`);
    assert.ok(!(stranger instanceof sdk.ApiError) && !(stranger instanceof sdk.ProxyError));
  });

  it("keeps an unknown problem slug as a generic proxy error", async () => {
    proxy.handler = (req, res) =>
      reply(res, 400, { origin: "proxy", json: problem("brand-new-slug", 400, "New", req.headers["poly-request-id"]) });
    const error = await client.crm.getContact({ contactId: "c_x" }).catch((e) => e);
    assert.ok(error instanceof sdk.ProxyError);
    assert.equal(error.slug, "brand-new-slug");
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await startProxy();
    const url = closed.url;
    await closed.close();
    const offline = new sdk.Client({ proxyUrl: url, apiKey: API_KEY, maxAttempts: 1 });
    await assert.rejects(offline.crm.getServiceStatus(), sdk.NetworkError);
  });
});

describe("cancellation and deadlines", () => {
  it("aborts a call through its AbortSignal", async () => {
    proxy.handler = () => {}; // never answers
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("user gave up")), 50);
    const error = await client.crm.getContact({ contactId: "c_1" }, { signal: controller.signal }).catch((e) => e);
    assert.ok(error instanceof sdk.AbortedError, `got ${error}`);
    assert.equal(error.cause.message, "user gave up");
    assert.ok(Date.now() - started < 2_000);
  });

  it("does not send a call whose signal is already aborted", async () => {
    const error = await client.crm
      .getContact({ contactId: "c_1" }, { signal: AbortSignal.abort() })
      .catch((e) => e);
    assert.ok(error instanceof sdk.AbortedError, `got ${error}`);
    await sleep(20);
    assert.equal(proxy.requests.length, 0);
  });

  it("times out after the call's deadline", async () => {
    proxy.handler = () => {}; // never answers
    const started = Date.now();
    const error = await client.crm.getContact({ contactId: "c_1" }, { timeoutMs: 150 }).catch((e) => e);
    const elapsed = Date.now() - started;
    assert.ok(error instanceof sdk.TimeoutError, `got ${error}`);
    assert.equal(error.timeoutMs, 150);
    assert.ok(elapsed >= 140 && elapsed < 2_000, `took ${elapsed} ms`);
  });

  it("keeps the deadline while the app reads a response stream", async () => {
    proxy.handler = (_req, res) => {
      res.writeHead(200, { "Poly-Origin": "upstream", "Content-Type": "application/pdf" });
      res.write("first bytes"); // and then nothing
    };
    const stream = await client.crm.downloadInvoicePdf({ invoiceId: "i_1" }, { timeoutMs: 200 });
    const reader = stream.getReader();
    const first = await reader.read();
    assert.equal(new TextDecoder().decode(first.value), "first bytes");
    await assert.rejects(reader.read(), sdk.TimeoutError);
  });
});

describe("retries", () => {
  it("retries an idempotent GET after an upstream 503, with the same request id", async () => {
    let n = 0;
    proxy.handler = (_req, res) =>
      ++n === 1
        ? reply(res, 503, { json: { code: "UNAVAILABLE", message: "" } })
        : reply(res, 200, { json: { id: "c_1", firstName: "Ada" } });
    const contact = await client.crm.getContact({ contactId: "c_1" });
    assert.equal(contact.id, "c_1");
    assert.equal(proxy.requests.length, 2, "503 then 200: two attempts");
    assert.equal(proxy.requests[0].headers["poly-request-id"], proxy.requests[1].headers["poly-request-id"]);
    assert.ok(proxy.requests[1].at - proxy.requests[0].at <= 1_000, "the first backoff is at most 100 ms");
  });

  it("gives up after maxAttempts", async () => {
    proxy.handler = (_req, res) => reply(res, 502, { origin: "proxy", json: problem("upstream-unreachable", 502, "Upstream unreachable", "x") });
    const error = await client.crm.getContact({ contactId: "c_1" }).catch((e) => e);
    assert.ok(error instanceof sdk.ProxyError);
    assert.equal(error.slug, "upstream-unreachable");
    assert.equal(proxy.requests.length, 3, "three attempts by default");
  });

  it("does not retry a POST after a 503 without Retry-After", async () => {
    proxy.handler = (_req, res) => reply(res, 503, { json: { code: "UNAVAILABLE", message: "" } });
    const error = await client.crm.createContact({ body: { firstName: "A", lastName: "B" } }).catch((e) => e);
    assert.ok(error instanceof sdk.ApiError, `got ${error}`);
    assert.equal(error.status, 503);
    assert.equal(proxy.requests.length, 1, "a POST is not idempotent");
  });

  it("retries any operation after a 429 with Retry-After, waiting as told", async () => {
    let n = 0;
    proxy.handler = (req, res) => {
      const id = req.headers["poly-request-id"];
      if (++n === 1) {
        reply(res, 429, {
          origin: "proxy",
          headers: { "Retry-After": "1" },
          json: problem("too-many-concurrent-calls", 429, "Too many concurrent calls", id),
        });
      } else {
        reply(res, 201, { json: { id: "c_2" } });
      }
    };
    const created = await client.crm.createContact({ body: { firstName: "A", lastName: "B" } });
    assert.equal(created.id, "c_2");
    assert.equal(proxy.requests.length, 2);
    const waited = proxy.requests[1].at - proxy.requests[0].at;
    assert.ok(waited >= 950, `waited ${waited} ms for Retry-After: 1`);
    assert.equal(proxy.requests[0].body.toString(), proxy.requests[1].body.toString(), "the same body again");
  });

  it("does not wait past the deadline for Retry-After", async () => {
    proxy.handler = (req, res) =>
      reply(res, 503, {
        origin: "proxy",
        headers: { "Retry-After": "5" },
        json: problem("not-ready", 503, "Proxy not ready", req.headers["poly-request-id"]),
      });
    const started = Date.now();
    const error = await client.crm.getContact({ contactId: "c_1" }, { timeoutMs: 1_000 }).catch((e) => e);
    assert.ok(error instanceof sdk.ProxyError, `got ${error}`);
    assert.equal(error.slug, "not-ready");
    assert.equal(proxy.requests.length, 1);
    assert.ok(Date.now() - started < 900);
  });

  it("retries an idempotent call after a connection failure", async () => {
    let n = 0;
    proxy.handler = (req, res) => {
      if (++n === 1) {
        res.socket.destroy();
      } else {
        reply(res, 200, { json: { id: "c_1" } });
      }
    };
    const contact = await client.crm.getContact({ contactId: "c_1" });
    assert.equal(contact.id, "c_1");
    assert.equal(proxy.requests.length, 2);
  });
});

describe("forms and text", () => {
  let fixture;
  before(async () => {
    const bodies = await compileSdk(generateFromSpec("codegen/tests/fixtures/typescript/binary.yaml"));
    fixture = new bodies.Client({ proxyUrl: proxy.url, apiKey: API_KEY });
  });

  it("sends application/x-www-form-urlencoded with repeated keys and deepObject members", async () => {
    proxy.handler = (_req, res) => reply(res, 204, {});
    await fixture.subscribe({ body: { email: "a+b@c.example", topics: ["x", "y z"], address: { city: "Lyon" } } });
    const [req] = proxy.requests;
    assert.equal(req.headers["content-type"], "application/x-www-form-urlencoded");
    const form = new URLSearchParams(req.body.toString());
    assert.equal(form.get("email"), "a+b@c.example");
    assert.deepEqual(form.getAll("topics"), ["x", "y z"]);
    assert.equal(form.get("address[city]"), "Lyon");
  });

  it("sends and receives text/plain", async () => {
    proxy.handler = (req, res) => reply(res, 200, { body: req.body.toString().toUpperCase(), headers: { "Content-Type": "text/plain" } });
    assert.equal(await fixture.putNote({ body: "remember the milk" }), "REMEMBER THE MILK");
    assert.equal(proxy.requests[0].headers["content-type"], "text/plain");
    assert.equal(proxy.requests[0].headers.accept, "text/plain");
  });
});
