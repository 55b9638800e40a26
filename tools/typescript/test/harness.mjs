// Shared pieces of the node tests: compiling a generated SDK, and a loopback server
// that plays the Poly proxy.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const TOOLS = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = resolve(TOOLS, "../..");
const TSC = join(TOOLS, "node_modules", "typescript", "bin", "tsc");

export const API_KEY = "poly_3qT9vXkLm2Rz8YwPc4NhJd7sGf1BaU6eK0oQiVtEx5H";

/** Compiles the SDK package in `dir` with tsc into a fresh directory and imports it. */
export async function compileSdk(dir) {
  if (!existsSync(TSC)) throw new Error(`no tsc at ${TSC}: run npm ci --prefix tools/typescript`);
  const out = mkdtempSync(join(tmpdir(), "poly-ts-sdk-"));
  execFileSync(
    process.execPath,
    [TSC, "-p", join(dir, "tsconfig.json"), "--outDir", out, "--declaration", "false", "--sourceMap", "false"],
    { stdio: "inherit" },
  );
  writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
  return import(pathToFileURL(join(out, "index.js")).href);
}

/** Generates the SDK of a whole description (every operation allowed) and returns its directory. */
export function generateFromSpec(spec) {
  const out = mkdtempSync(join(tmpdir(), "poly-ts-gen-"));
  const args = ["generate", "--spec", join(ROOT, spec), "--lang", "typescript", "--out", out];
  const binary = process.env.POLY_CODEGEN ?? join(ROOT, "target", "debug", "poly-codegen");
  if (existsSync(binary)) {
    execFileSync(binary, args, { stdio: "inherit", cwd: ROOT });
  } else {
    execFileSync("cargo", ["run", "--quiet", "-p", "poly-codegen", "--", ...args], { stdio: "inherit", cwd: ROOT });
  }
  return join(out, "typescript");
}

/**
 * A loopback HTTP server on 127.0.0.1:0. Each request is recorded (method, path,
 * raw query, headers, body bytes) and answered by the current `handler`.
 */
export async function startProxy() {
  const requests = [];
  let handler = (_request, res) => reply(res, 500, { origin: "proxy", json: { type: "urn:poly:problem:internal" } });
  const server = createServer(async (req, res) => {
    const chunks = [];
    try {
      for await (const chunk of req) chunks.push(chunk);
    } catch {
      return;
    }
    const [path, query = ""] = (req.url ?? "").split("?");
    const record = {
      method: req.method,
      path,
      query,
      pairs: query === "" ? [] : query.split("&"),
      headers: req.headers,
      body: Buffer.concat(chunks),
      at: Date.now(),
    };
    requests.push(record);
    try {
      await handler(record, res);
    } catch {
      res.destroy();
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set handler(h) {
      handler = h;
    },
    reset() {
      requests.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

/** Answers like the proxy: `Poly-Protocol`, `Poly-Origin` (unless `origin` is null) and the request id. */
export function reply(res, status, { origin = "upstream", json, body, headers = {}, requestId } = {}) {
  const head = { "Poly-Protocol": "1", ...headers };
  if (origin !== null) head["Poly-Origin"] = origin;
  if (requestId) head["Poly-Request-Id"] = requestId;
  let payload = body;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    head["Content-Type"] ??= origin === "proxy" ? "application/problem+json" : "application/json";
  }
  res.writeHead(status, head);
  res.end(payload);
}

/** A problem document as the proxy writes it (protocol section 9). */
export function problem(slug, status, title, requestId, extra = {}) {
  return {
    type: `urn:poly:problem:${slug}`,
    title,
    status,
    detail: `${title}.`,
    instance: `urn:poly:request:${requestId}`,
    request_id: requestId,
    ...extra,
  };
}

export function sleep(ms) {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * The `poly-proxy` binary: `POLY_PROXY`, or else `target/debug/poly-proxy` (which
 * scripts/typescript-check builds). Throws, saying how to build it, when it is missing.
 */
export function polyProxyBinary() {
  const binary = process.env.POLY_PROXY ?? join(ROOT, "target", "debug", "poly-proxy");
  if (!existsSync(binary)) {
    throw new Error(`no poly-proxy at ${binary}: run cargo build -p poly-proxy, or set POLY_PROXY`);
  }
  return binary;
}
