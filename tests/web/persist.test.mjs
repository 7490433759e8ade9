// Never lose work: every change reaches IndexedDB within a second, and a reload restores the
// documents, spans, relations, current document, caret and the undo history's position.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, newPage, openApp, cpIndex, documents, dragText, nextFrames, artifacts, readStored } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function waitSaved(page) {
  await page.waitForFunction(() => window.gloss.isSaved(), null, { timeout: 5000, polling: 50 });
}

test("a reload restores everything, including undo and redo", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  for (const [word, key] of [["Valletta", "g"], ["Léa Marchetti", "p"], ["Tuesday", "d"]]) {
    const start = cpIndex(doc.text, word);
    await dragText(page, start, start + Array.from(word).length);
    await page.keyboard.press(key);
    await nextFrames(page);
  }
  await page.keyboard.press("Control+z"); // DATE undone: position 2 of 3
  await nextFrames(page);
  const started = Date.now();
  await waitSaved(page);
  assert.ok(Date.now() - started < 1500, "saved within a second of the last change");
  const before = await page.evaluate(() => ({ jsonl: window.gloss.getAnnotations(), history: window.gloss.history(), state: window.gloss.state() }));
  assert.equal(before.history.position, 2);
  assert.match(before.state.saveState, /^Saved \d\d:\d\d:\d\d$/);

  await page.reload();
  await openApp(page, server.url);
  const after = await page.evaluate(() => ({ jsonl: window.gloss.getAnnotations(), history: window.gloss.history(), state: window.gloss.state() }));
  assert.equal(after.jsonl, before.jsonl);
  assert.deepEqual(after.history, before.history);
  assert.equal(after.state.document, before.state.document);
  assert.equal(after.state.caret, before.state.caret);
  // The undone step can still be redone after the reload.
  await page.keyboard.press("Control+Shift+z");
  await nextFrames(page);
  const [redone] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.deepEqual(redone.spans.map((s) => s.label).sort(), ["DATE", "GPE", "PERSON"]);
  await page.screenshot({ path: path.join(artifacts, "persist-restored.png") });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the second document and its place survive a reload", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  await page.keyboard.press("Control+ArrowDown");
  await nextFrames(page);
  await page.keyboard.press("Control+End");
  await nextFrames(page);
  const state = await page.evaluate(() => window.gloss.state());
  assert.equal(state.index, 1);
  // Moving around is not an annotation change; the next edit saves the view along with it.
  const [, second] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Control+Shift+ArrowRight");
  await page.keyboard.press("n");
  await nextFrames(page);
  await waitSaved(page);
  await page.reload();
  await openApp(page, server.url);
  const restored = await page.evaluate(() => window.gloss.state());
  assert.equal(restored.document, second.id);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the place alone (document, caret) is saved on its own and survives a reload", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  await waitSaved(page);
  const projectBefore = JSON.parse(await readStored(page)).record;
  // Only moving: the second document, the caret at its end. No annotation changes.
  await page.keyboard.press("Control+ArrowDown");
  await nextFrames(page);
  await page.keyboard.press("Control+End");
  await nextFrames(page);
  const moved = await page.evaluate(() => window.gloss.state());
  assert.equal(moved.index, 1);
  // The small record of the place appears (the project's record is not written again).
  const readPlace = async () => JSON.parse(await readStored(page));
  let stored = await readPlace();
  for (let i = 0; i < 100 && !(stored.place && JSON.parse(stored.place.view).current === 1); i++) {
    await new Promise((r) => setTimeout(r, 50));
    stored = await readPlace();
  }
  assert.equal(JSON.parse(stored.place.view).current, 1, "the place was saved");
  assert.deepEqual(stored.record, projectBefore, "the project itself was not written again");
  await page.reload();
  await openApp(page, server.url);
  const restored = await page.evaluate(() => window.gloss.state());
  assert.equal(restored.index, 1);
  assert.equal(restored.caret, moved.caret);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("without storage the app says so and keeps working in memory", async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => { Object.defineProperty(window, "indexedDB", { value: undefined }); });
  await openApp(page, server.url);
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const start = cpIndex(doc.text, "Valletta");
  await dragText(page, start, start + 8);
  await page.keyboard.press("g");
  await nextFrames(page, 30);
  const state = await page.evaluate(() => window.gloss.state());
  assert.match(state.saveState, /^Not saved: .*use Export$/);
  const [after] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.equal(after.spans.length, 1);
  await page.screenshot({ path: path.join(artifacts, "persist-no-storage.png") });
  await page.close();
});
