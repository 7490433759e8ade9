// Two tabs on one project (Web Locks): the second opens read-only and says why, saves nothing,
// and becomes editable by itself, with the first tab's work, once the first is closed. No edit
// of either is lost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openApp, nextFrames, documents } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

test("a second tab on the same project is read-only until the first is closed", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  const first = await context.newPage();
  first.on("pageerror", (e) => problems.push(e.message));
  await openApp(first, server.url);
  await first.waitForFunction(() => window.gloss.isSaved());

  const second = await context.newPage();
  second.on("pageerror", (e) => problems.push(e.message));
  await openApp(second, server.url);
  let state = await second.evaluate(() => window.gloss.state());
  assert.equal(state.readOnly, true);
  assert.match(state.error, /open in another tab of this browser, so this tab shows it read-only/);
  assert.match(state.saveState, /Read-only: open in another tab/);
  // A label in the second tab does nothing; one in the first is saved.
  await second.evaluate(() => window.gloss.select("harbour-talks", 17, 30));
  await nextFrames(second, 3);
  await second.keyboard.press("p");
  await nextFrames(second);
  assert.equal(documents(await second.evaluate(() => window.gloss.getAnnotations()))[0].spans.length, 0);
  await first.bringToFront();
  await first.evaluate(() => window.gloss.select("harbour-talks", 17, 30));
  await nextFrames(first, 3);
  await first.keyboard.press("p");
  await first.waitForFunction(() => window.gloss.isSaved());

  // The first tab closes: the second reloads by itself into the project, editable, with its work.
  const reloaded = second.waitForEvent("load");
  await first.close();
  await reloaded;
  await second.evaluate(() => window.gloss.ready);
  state = await second.evaluate(() => window.gloss.state());
  assert.equal(state.readOnly, false);
  const [doc] = documents(await second.evaluate(() => window.gloss.getAnnotations()));
  assert.ok(doc.spans.some((s) => s.start === 17 && s.end === 30 && s.label === "PERSON"), "the first tab's label is there");
  assert.deepEqual(problems, []);
  await context.close();
});
