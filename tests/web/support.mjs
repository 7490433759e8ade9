// Shared helpers for the browser tests: serve dist/ on 127.0.0.1 with Debian's nginx and the documented headers,
// launch Debian's Chromium through playwright-core, and fail on page or console errors.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const dist = path.join(root, "dist");
export const artifacts = path.join(root, "test-artifacts");
mkdirSync(artifacts, { recursive: true });

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
}

async function waitForServer(url, child, log) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${log()}`);
    try { const r = await fetch(url); if (r.ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer: ${log()}`);
}

/**
 * Serves `dir` (dist/ by default) at `subPath` on 127.0.0.1 (a free port) with Debian's nginx and
 * the documented headers of docs/gloss-headers.nginx on the page (the Content-Security-Policy
 * among them); `frameAncestors` adds origins to its frame-ancestors, as a site owner would for
 * the origins of dist/embedding.json. Resolves to { url, port, close }.
 */
export async function serve(dir = dist, { subPath = "/", frameAncestors = [] } = {}) {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "gloss-nginx-"));
  const port = await freePort();
  let headers = readFileSync(path.join(root, "docs/gloss-headers.nginx"), "utf8");
  if (frameAncestors.length) headers = headers.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${frameAncestors.join(" ")}`);
  writeFileSync(path.join(prefix, "gloss-headers.nginx"), headers);
  const user = process.getuid && process.getuid() === 0 ? "user root root;" : "";
  // index.html must be revalidated; the hashed files never change, so they may be cached for ever.
  writeFileSync(path.join(prefix, "nginx.conf"), `${user}
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  types { application/x-ndjson jsonl; text/markdown md; }
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    location ${subPath} {
      alias ${dir}/;
      location ~ "\\.[0-9a-f]{10}\\.(js|wasm|data|css)$" { add_header Cache-Control "public, max-age=31536000, immutable"; }
      location ~ /index\\.html$ { include ${prefix}/gloss-headers.nginx; }
    }
  }
}
`);
  const child = spawn("/usr/sbin/nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c) => { output += c; });
  child.stderr.on("data", (c) => { output += c; });
  const log = () => { try { return output + readFileSync(path.join(prefix, "error.log"), "utf8"); } catch { return output; } };
  const url = `http://127.0.0.1:${port}${subPath}`;
  await waitForServer(url, child, log);
  return { url, port, close: () => child.kill() };
}

/** Serves `dir` at `subPath` with Python's http.server (no headers at all: the <meta> policy
 * alone). Resolves to { url, port, close }. */
export async function servePython(dir = dist, { subPath = "/" } = {}) {
  let rootDir = dir;
  if (subPath !== "/") {
    rootDir = mkdtempSync(path.join(os.tmpdir(), "gloss-static-"));
    mkdirSync(path.join(rootDir, path.dirname(subPath.slice(1, -1))), { recursive: true });
    symlinkSync(dir, path.join(rootDir, subPath.slice(1, -1)));
  }
  const port = await freePort();
  const child = spawn("python3", ["-m", "http.server", "--bind", "127.0.0.1", "--directory", rootDir, String(port)],
    { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr.on("data", (c) => { output += c; });
  const url = `http://127.0.0.1:${port}${subPath}`;
  await waitForServer(url, child, () => output);
  return { url, port, close: () => child.kill() };
}

export const chromiumArgs = [
  "--headless", "--no-sandbox", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--use-gl=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.GLOSS_CHROMIUM || "/usr/bin/chromium", args: chromiumArgs });
}

/** A page that records uncaught errors and console errors in `page.problems`. */
export async function newPage(browser, { width = 1280, height = 800, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, acceptDownloads: true });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (error) => page.problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") page.problems.push(`console error: ${message.text()}`);
  });
  return page;
}

/** Opens the app and waits for window.gloss.ready; fails without WebGL2. Assist (suggestions)
 * is off unless the URL asks for it, so other tests see only the spans they made;
 * `{ assistAsGiven: true }` leaves the URL as it is (the app's own default). */
export async function openApp(page, url, { assistAsGiven = false } = {}) {
  if (!assistAsGiven && !/[?&]assist=/.test(url)) url += (url.includes("?") ? "&" : "?") + "assist=off";
  await page.goto(url);
  const webgl2 = await page.evaluate(() => !!document.createElement("canvas").getContext("webgl2"));
  if (!webgl2) throw new Error("WebGL2 is not available in this Chromium: the browser tests cannot run");
  await page.evaluate(() => window.gloss.ready.then(() => true));
  // One more frame so the layout is current.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Code-point offset of `needle` in `text` (Python's text.index). */
export function cpIndex(text, needle) {
  const unit = text.indexOf(needle);
  if (unit < 0) throw new Error(`"${needle}" not in text`);
  return Array.from(text.slice(0, unit)).length;
}

/** Python-style code-point slice. */
export function cpSlice(text, start, end) {
  return Array.from(text).slice(start, end).join("");
}

export function documents(jsonl) {
  return jsonl.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Drags with the real mouse from the caret before code point `start` to the one before `end`. */
export async function dragText(page, start, end) {
  // rectOf is null until the document shown has been laid out (a frame after it changed).
  const both = await page
    .waitForFunction(([s, e]) => {
      const a = window.gloss.rectOf(s), b = window.gloss.rectOf(e);
      return a && b ? [a, b] : null;
    }, [start, end], { timeout: 5000 })
    .then((handle) => handle.jsonValue())
    .catch(() => null);
  if (!both) throw new Error(`code points ${start}..${end} are not on screen`);
  const [a, b] = both;
  await page.mouse.move(a.x + 0.5, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + a.height / 2, { steps: 4 });
  await page.mouse.move(b.x + 0.5, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
}

/**
 * Waits for `n` animation frames. ImGui takes queued input one change per key per frame, so a
 * burst of key presses needs a few frames before its effects are visible.
 */
/**
 * Waits until the app has taken every input queued so far: it runs no frame for three animation
 * frames in a row. (ImGui takes one key change per frame, so typed text needs two frames a
 * character.)
 */
export async function settle(page, timeout = 20000) {
  const until = Date.now() + timeout;
  let last = -1, still = 0;
  while (still < 3 && Date.now() < until) {
    const run = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(window.gloss.frameCounts().run))));
    still = run === last ? still + 1 : 0;
    last = run;
  }
}

export async function nextFrames(page, n = 8) {
  for (let i = 0; i < n; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
}

// [Storage] What the app keeps in IndexedDB (web/boot.js, "[Autosave]"): a project's record in
// "session", its place ("<key>#place") and its journal entries ("journal", keys [key, n]).
// Returns them as JSON text ({record, place, journal}), with the record's project as text,
// so that tests compare stored bytes and read the project.
export function readStored(page, key = "current") {
  return page.evaluate((key) => new Promise((resolve, reject) => {
    const request = indexedDB.open("gloss");
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const stores = ["session", "journal"].filter((name) => db.objectStoreNames.contains(name));
      const tx = db.transaction(stores, "readonly");
      const record = tx.objectStore("session").get(key);
      const place = tx.objectStore("session").get(`${key}#place`);
      const journal = stores.includes("journal") ? tx.objectStore("journal").getAll(IDBKeyRange.bound([key, 0], [key, Number.MAX_SAFE_INTEGER])) : null;
      tx.oncomplete = async () => {
        db.close();
        const r = record.result;
        const text = r && r.project instanceof Blob ? { ...r, project: await r.project.text() } : r;
        resolve(JSON.stringify({ record: text ?? null, place: place.result ?? null, journal: journal ? journal.result : [] }));
      };
      tx.onerror = () => reject(tx.error);
    };
  }), key);
}

// The project text a stored record holds (either storage format).
export function storedProject(stored) {
  const { record } = typeof stored === "string" ? JSON.parse(stored) : stored;
  return record ? record.project : null;
}

// Puts a record into "session" under `key` (creating the database as the version that wrote
// it would: `version` 1 had only that store).
export function putStored(page, key, record, version = 2) {
  return page.evaluate(([key, record, version]) => new Promise((resolve, reject) => {
    const request = indexedDB.open("gloss", version);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("session")) db.createObjectStore("session");
      if (version >= 2 && !db.objectStoreNames.contains("journal")) db.createObjectStore("journal");
    };
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const tx = request.result.transaction("session", "readwrite");
      tx.objectStore("session").put(record, key);
      tx.oncomplete = () => { request.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, record, version]);
}
