// Shared helpers for the browser tests: serve dist/ on 127.0.0.1 with Python's http.server,
// launch Debian's Chromium through playwright-core, and fail on page or console errors.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const dist = path.join(root, "dist");
export const artifacts = path.join(root, "test-artifacts");
mkdirSync(artifacts, { recursive: true });

/** Serves `dir` on 127.0.0.1 (a free port); resolves to { url, close }. */
export function serve(dir = dist) {
  return new Promise((resolve, reject) => {
    const server = spawn("python3", ["-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", dir, "0"],
      { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      const m = /port (\d+)/.exec(output);
      if (m) {
        server.stdout.off("data", onData);
        resolve({ url: `http://127.0.0.1:${m[1]}/`, close: () => server.kill() });
      }
    };
    server.stdout.on("data", onData);
    server.stderr.on("data", () => {}); // request log
    server.on("exit", (code) => reject(new Error(`http.server exited (${code}): ${output}`)));
  });
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
 * is off unless the URL asks for it, so other tests see only the spans they made. */
export async function openApp(page, url) {
  if (!/[?&]assist=/.test(url)) url += (url.includes("?") ? "&" : "?") + "assist=off";
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
  const a = await page.evaluate((o) => window.gloss.rectOf(o), start);
  const b = await page.evaluate((o) => window.gloss.rectOf(o), end);
  if (!a || !b) throw new Error(`code points ${start}..${end} are not on screen`);
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
export async function nextFrames(page, n = 8) {
  for (let i = 0; i < n; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
}
