// Offline: the service worker (web/sw.js) keeps the build's files, so that the app and its
// projects start with the network off (the server stopped and the browser offline through the
// DevTools protocol), under a sub-path; a new build replaces the old one's files whole.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { serve, launch, newPage, openApp, cpIndex, documents, nextFrames, root, dist } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Waits until the service worker controls the page (it claims it once active).
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
const buildCaches = (page) => page.evaluate(async () => {
  const out = {};
  for (const key of await caches.keys()) {
    if (!key.includes(":build:")) continue;
    out[key] = (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname.split("/").pop()).sort();
  }
  return out;
});

test("with the network off, a reload starts the app with its projects (under a sub-path)", async () => {
  const server = await serve(dist, { subPath: "/team/gloss/" });
  const page = await newPage(browser);
  await openApp(page, server.url);
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const start = cpIndex(doc.text, "Valletta");
  await page.evaluate(([id, s]) => window.gloss.select(id, s, s + 8), [doc.id, start]);
  await nextFrames(page, 2);
  await page.keyboard.press("g");
  await page.waitForFunction(() => window.gloss.isSaved());
  await controlled(page);
  const expected = await page.evaluate(() => window.gloss.getAnnotations());
  // The network goes away: the server stops and the browser is offline.
  server.close();
  await page.context().setOffline(true);
  await openApp(page, server.url);
  assert.equal(await page.evaluate(() => window.gloss.getAnnotations()), expected);
  const state = await page.evaluate(() => window.gloss.state());
  assert.deepEqual(state.projects.map((p) => [p.name, p.current]), [["My project", true]]);
  assert.equal(state.error, "");
  // Work goes on offline and is saved.
  await page.keyboard.press("Control+z");
  await nextFrames(page, 2);
  await page.waitForFunction(() => window.gloss.isSaved());
  assert.deepEqual(page.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p)), []);
  await page.context().close();
});

test("a new build replaces the old one's files whole; offline, the new one starts", async () => {
  // A copy of dist/ the test can rebuild, served at a sub-path.
  const site = mkdtempSync(path.join(os.tmpdir(), "gloss-offline-"));
  const served = path.join(site, "dist");
  cpSync(dist, served, { recursive: true });
  const server = await serve(served, { subPath: "/app/" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let page = await context.newPage();
  await openApp(page, server.url);
  await controlled(page);
  const first = await buildCaches(page);
  assert.equal(Object.keys(first).length, 1);
  const oldBoot = Object.values(first)[0].find((name) => /^boot\./.test(name));
  assert.ok(oldBoot);

  // The next build: the same engine, a page script that differs.
  const web = path.join(site, "web");
  cpSync(path.join(root, "web"), web, { recursive: true });
  writeFileSync(path.join(web, "boot.js"), readFileSync(path.join(web, "boot.js"), "utf8") + "\nwindow.glossBuildMark = 2;\n");
  execFileSync("python3", [path.join(root, "scripts/make_dist.py"), web, path.join(root, "build/web"), served]);
  await page.close();
  page = await context.newPage();
  await openApp(page, server.url); // the new page, from the network; the new worker installs
  assert.equal(await page.evaluate(() => window.glossBuildMark), 2);
  // Once it is installed and no page of the old build is left, the new worker takes over.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    while (!registration.waiting) await new Promise((r) => setTimeout(r, 50));
  });
  let second = {};
  for (let i = 0; i < 20; i++) {
    await page.close();
    page = await context.newPage();
    await openApp(page, server.url);
    second = await buildCaches(page);
    if (Object.keys(second).length === 1 && !Object.values(second)[0].includes(oldBoot)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await controlled(page);
  const files = Object.values(second)[0];
  assert.ok(!files.includes(oldBoot), "the old build's files are gone");
  const newBoot = files.find((name) => /^boot\./.test(name));
  assert.notEqual(newBoot, oldBoot);
  // Offline: the new build starts, whole.
  server.close();
  await context.setOffline(true);
  await openApp(page, server.url);
  assert.equal(await page.evaluate(() => window.glossBuildMark), 2);
  await context.close();
  rmSync(site, { recursive: true, force: true });
});
