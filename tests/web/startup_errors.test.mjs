// The page never shows a blank canvas: without WebAssembly, without WebGL2, or when the engine
// fails to load, it explains what is wrong.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, newPage, artifacts } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function overlayText(page) {
  await page.waitForSelector("#overlay.error", { timeout: 15000 });
  return page.textContent("#overlay");
}

test("no WebAssembly: a readable message", async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(server.url);
  assert.match(await overlayText(page), /cannot run WebAssembly/);
  await page.close();
});

test("no WebGL2: a readable message", async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === "webgl2" ? null : original.call(this, type, ...rest);
    };
  });
  await page.goto(server.url);
  assert.match(await overlayText(page), /WebGL2 is not available/);
  await page.screenshot({ path: path.join(artifacts, "startup-no-webgl2.png") });
  await page.close();
});

test("the engine fails to load: a readable message and a rejected ready promise", async () => {
  const page = await newPage(browser);
  await page.route(/gloss\.[0-9a-f]+\.wasm$/, (route) => route.fulfill({ status: 404, body: "missing" }));
  await page.goto(server.url);
  assert.match(await overlayText(page), /Gloss (could not start|stopped)/);
  const rejected = await page.evaluate(() => window.gloss.ready.then(() => "resolved", (e) => e.message));
  assert.notEqual(rejected, "resolved");
  await page.close();
});
