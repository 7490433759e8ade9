// Frames on demand in real Chromium: an idle app asks for (almost) no animation frames, and what
// changes without input (the window.gloss API, a file read finishing) is on the next screenshot.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serve, launch, newPage, openApp, nextFrames, artifacts } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

// Counts the animation frames the page asks for (the app asks for one per frame it runs).
async function countingPage() {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.__frameRequests = 0;
    const request = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => { window.__frameRequests += 1; return request(callback); };
  });
  return page;
}

async function idleFrames(page, ms) {
  const before = await page.evaluate(() => ({ requests: window.__frameRequests, ...window.gloss.frameCounts() }));
  await page.waitForTimeout(ms);
  const after = await page.evaluate(() => ({ requests: window.__frameRequests, ...window.gloss.frameCounts() }));
  return { requests: after.requests - before.requests, run: after.run - before.run, rendered: after.rendered - before.rendered };
}

const settled = (page) => page.waitForTimeout(1000);

test("an idle app asks for a handful of frames at most over 2 s, and again after input", async () => {
  const page = await countingPage();
  await openApp(page, server.url);
  await settled(page);
  const idle = await idleFrames(page, 2000);
  assert.ok(idle.requests <= 5, `animation frames requested while idle: ${JSON.stringify(idle)}`);
  assert.ok(idle.rendered <= 2, `frames rendered while idle: ${JSON.stringify(idle)}`);

  // Input wakes it; then it settles again.
  await page.mouse.move(640, 400);
  await page.keyboard.press("ArrowRight");
  await page.mouse.wheel(0, 200);
  await nextFrames(page, 3);
  const counts = await page.evaluate(() => window.gloss.frameCounts());
  assert.ok(counts.run > 0);
  await settled(page);
  const after = await idleFrames(page, 2000);
  assert.ok(after.requests <= 5, `animation frames requested while idle after input: ${JSON.stringify(after)}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// A region of the canvas as PNG bytes.
const shot = (page, clip) => page.screenshot(clip ? { clip } : {});

test("loadDocuments and select are on the next screenshot without any input", async () => {
  const page = await countingPage();
  await openApp(page, server.url);
  await settled(page);
  const before = await shot(page);
  await page.evaluate(() => window.gloss.loadDocuments(JSON.stringify({ id: "zebra", text: "Zebras crossed the Zambezi at dawn, said Zanele Mbeki." }) + "\n"));
  await page.waitForTimeout(500); // no input: only the app's own frames
  const loaded = await shot(page);
  assert.notDeepEqual(loaded, before, "the loaded document is drawn without input");
  assert.equal((await page.evaluate(() => window.gloss.state())).document, "zebra");

  const rect = await page.evaluate(() => window.gloss.rectOf(0));
  assert.ok(rect, "the first code point is on screen");
  const clip = { x: Math.max(0, rect.x - 2), y: rect.y, width: 120, height: rect.height };
  const unselected = await shot(page, clip);
  assert.equal(await page.evaluate(() => window.gloss.select("zebra", 0, 6)), true);
  await page.waitForTimeout(500);
  const selected = await shot(page, clip);
  assert.notDeepEqual(selected, unselected, "the selection is drawn without input");
  await page.screenshot({ path: path.join(artifacts, "frames-api-select.png") });
  await settled(page);
  const idle = await idleFrames(page, 2000);
  assert.ok(idle.requests <= 5, `frames after the API calls: ${JSON.stringify(idle)}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a file read finishing is drawn without further input", async () => {
  const page = await countingPage();
  await openApp(page, server.url);
  await settled(page);
  const file = path.join(os.tmpdir(), `gloss-frames-${process.pid}.txt`);
  await writeFile(file, "Quentin Okafor reported from Lagos on Tuesday.\n");
  const before = await shot(page);
  // The picker's change event reads the file asynchronously; nothing else happens afterwards.
  await page.setInputFiles("#file-input", file);
  await page.waitForFunction(() => window.gloss.state().documents >= 1 && /Quentin/.test(window.gloss.getAnnotations()), null, { timeout: 5000 });
  await page.waitForTimeout(500);
  const after = await shot(page);
  assert.notDeepEqual(after, before, "the opened file is drawn");
  await page.screenshot({ path: path.join(artifacts, "frames-file-read.png") });
  assert.deepEqual(page.problems, []);
  await page.close();
});
