// The edit journal in real IndexedDB: an edit reported as saved survives the renderer process
// being killed right after (no clean unload); each change is stored as an entry of its own size
// while the project's record stays as it was; a record of storage format 1 (the previous
// version's) opens, undoes and goes on in format 2; stored forms that cannot be opened (missing
// entries, a newer storage format) are kept byte for byte. A small storage quota: the status
// line says so, nothing stored before is lost, export works, and saving resumes once there is
// room.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { serve, launch, newPage, openApp, cpIndex, documents, nextFrames, readStored, storedProject, putStored, root } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

// A page of the app's origin that is not the app (its favicon is not there: no console error).
async function sameOriginPage(page) {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await page.goto(`${server.url}embedding.json`);
}

const waitSaved = (page, timeout = 10000) => page.waitForFunction(() => window.gloss.isSaved(), null, { timeout, polling: 20 });
const annotations = async (page) => documents(await page.evaluate(() => window.gloss.getAnnotations()));

// Selects `word` in document `id` and presses `key` (a label's hotkey).
async function label(page, id, text, word, key) {
  const start = cpIndex(text, word);
  await page.evaluate(([id, start, end]) => window.gloss.select(id, start, end), [id, start, start + Array.from(word).length]);
  await nextFrames(page, 2);
  await page.keyboard.press(key);
  await nextFrames(page, 2);
}

// Kills the page's renderer process (as a crash or the OS would), then opens the app again in
// the same browser profile.
async function crashAndReopen(page) {
  const context = page.context();
  const cdp = await context.newCDPSession(page);
  const crashed = new Promise((resolve) => page.once("crash", resolve));
  cdp.send("Page.crash").catch(() => {}); // never answers: the process is gone
  await crashed;
  await page.close().catch(() => {});
  const fresh = await context.newPage();
  fresh.problems = [];
  await openApp(fresh, server.url);
  return fresh;
}

test("every edit reported as saved survives killing the renderer right after", async () => {
  let page = await newPage(browser);
  await openApp(page, server.url);
  await waitSaved(page);
  const [doc] = await annotations(page);
  const words = [["Valletta", "g"], ["Léa Marchetti", "p"], ["Tuesday", "d"]];
  for (const [i, [word, key]] of words.entries()) {
    await label(page, doc.id, doc.text, word, key);
    await waitSaved(page); // the status line says "Saved": the entry's transaction completed
    const expected = await annotations(page);
    page = await crashAndReopen(page);
    assert.deepEqual(await annotations(page), expected, `edit ${i + 1} survived the crash`);
    assert.equal((await page.evaluate(() => window.gloss.history())).position, i + 1, "with its undo step");
  }
  // Undo is a change too.
  await page.keyboard.press("Control+z");
  await nextFrames(page, 2);
  await waitSaved(page);
  const undone = await annotations(page);
  page = await crashAndReopen(page);
  assert.deepEqual(await annotations(page), undone);
  assert.equal((await page.evaluate(() => window.gloss.history())).position, 2);
  // What is stored: the record of the first save, and one small entry per change after it.
  const stored = JSON.parse(await readStored(page));
  assert.equal(stored.journal.length, 4);
  assert.deepEqual(stored.journal.map((e) => e.n), [0, 1, 2, 3]);
  for (const entry of stored.journal) assert.ok(entry.entry.length < 2000, `an entry is ${entry.entry.length} bytes`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("on a large article an edit stores only itself; the project's record is not written again", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const sentence = "The minister Léa Marchetti met Zoë Ångström in Zürich on Tuesday. ";
  const text = sentence.repeat(3000); // ~200 KB
  await page.evaluate((text) => window.gloss.loadDocuments(JSON.stringify({ id: "long", text }) + "\n", { replace: true }), text);
  await waitSaved(page, 30000);
  const before = JSON.parse(await readStored(page));
  assert.ok(storedProject(before).length > 200000);
  await label(page, "long", text, "Zoë Ångström", "p");
  await waitSaved(page);
  const after = JSON.parse(await readStored(page));
  assert.deepEqual(after.record, before.record, "the record is as it was");
  assert.equal(after.journal.length, before.journal.length + 1);
  assert.ok(after.journal.at(-1).entry.length < 2000);
  await openApp(page, server.url); // a reload
  const [doc] = await annotations(page);
  assert.deepEqual(doc.spans.map((s) => [s.text, s.label]), [["Zoë Ångström", "PERSON"]]);
  await page.context().close();
});

test("an addition of documents is taken back after a reload, and brought back after another", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  await waitSaved(page);
  const ids = async () => (await annotations(page)).map((d) => d.id);
  const before = await ids();
  const added = JSON.stringify({ id: "added-after", text: "Zoë Ångström arrived in Zürich 😀." }) + "\n";
  await page.evaluate((added) => window.gloss.loadDocuments(added), added);
  await nextFrames(page, 2);
  await waitSaved(page);
  assert.deepEqual(await ids(), [...before, "added-after"]);
  await openApp(page, server.url); // a reload
  assert.deepEqual(await ids(), [...before, "added-after"]);
  await page.keyboard.press("Control+z");
  await nextFrames(page, 2);
  assert.deepEqual(await ids(), before, "Ctrl+Z took the addition back after the reload");
  await waitSaved(page);
  await openApp(page, server.url); // another reload
  assert.deepEqual(await ids(), before);
  await page.keyboard.press("Control+Shift+z");
  await nextFrames(page, 2);
  assert.deepEqual(await ids(), [...before, "added-after"], "and Ctrl+Shift+Z brought it back");
  assert.equal((await page.evaluate(() => window.gloss.state())).error, "");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a record stored by the previous version (storage format 1) opens, undoes, and goes on", async () => {
  const page = await newPage(browser);
  // The database as the previous version left it, before this one runs on the origin.
  await sameOriginPage(page);
  const record = JSON.parse(readFileSync(path.join(root, "tests/fixtures/stored/format1-record.json"), "utf8"));
  await putStored(page, "current", record, 1);
  await openApp(page, server.url);
  let state = await page.evaluate(() => window.gloss.state());
  assert.equal(state.error, "");
  assert.equal(state.document, "format1-doc");
  assert.equal(state.caret, 5, "the place too");
  let [doc] = await annotations(page);
  assert.deepEqual(doc.spans.map((s) => [s.text, s.label]), [["Zoë Ångström", "PERSON"], ["Zürich", "GPE"]]);
  assert.equal((await page.evaluate(() => window.gloss.history())).position, 2);
  await page.keyboard.press("Control+z");
  await nextFrames(page, 2);
  await waitSaved(page);
  // The change is an entry after the old record, which stays as it was.
  const stored = JSON.parse(await readStored(page));
  assert.deepEqual(stored.record, record);
  assert.equal(stored.journal.length, 1);
  await openApp(page, server.url); // a reload
  [doc] = await annotations(page);
  assert.deepEqual(doc.spans.map((s) => s.text), ["Zoë Ångström"]);
  await page.keyboard.press("Control+Shift+z");
  await nextFrames(page, 2);
  [doc] = await annotations(page);
  assert.equal(doc.spans.length, 2, "redo after the reload");
  state = await page.evaluate(() => window.gloss.state());
  assert.equal(state.error, "");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Adds journal entries to what is stored for `key`.
const putEntries = (page, key, entries) => page.evaluate(([key, entries]) => new Promise((resolve, reject) => {
  const request = indexedDB.open("gloss");
  request.onsuccess = () => {
    const tx = request.result.transaction("journal", "readwrite");
    for (const entry of entries) tx.objectStore("journal").put(entry, [key, entry.n]);
    tx.oncomplete = () => { request.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
}), [key, entries]);

const UNOPENABLE = [
  ["a change missing from its journal", async (page) => {
    // Three changes stored, the middle one lost.
    await label(page, "harbour-talks", (await annotations(page))[0].text, "Valletta", "g");
    await waitSaved(page);
    await label(page, "harbour-talks", (await annotations(page))[0].text, "Tuesday", "d");
    await waitSaved(page);
    await label(page, "harbour-talks", (await annotations(page))[0].text, "Léa Marchetti", "p");
    await waitSaved(page);
    await page.evaluate(() => new Promise((resolve) => {
      const request = indexedDB.open("gloss");
      request.onsuccess = () => {
        const tx = request.result.transaction("journal", "readwrite");
        tx.objectStore("journal").delete(["current", 1]);
        tx.oncomplete = () => { request.result.close(); resolve(); };
      };
    }));
  }, /its stored changes are incomplete \(change 1 is missing\)/],
  ["stored in a newer storage format", async (page) => {
    await putStored(page, "current", { format: 7, parts: [], view: "{}", savedAt: 1 });
    await putEntries(page, "current", [{ n: 0, entry: "{}", view: "{}", savedAt: 2 }]);
  }, /stored by a newer Gloss \(storage format 7; this one reads up to 2\)/],
  ["with a change that does not fit it", async (page) => {
    await label(page, "harbour-talks", (await annotations(page))[0].text, "Valletta", "g");
    await waitSaved(page);
    const stored = JSON.parse(await readStored(page));
    const entry = JSON.parse(stored.journal[0].entry);
    entry.documents[0].keep = 40;
    await putEntries(page, "current", [{ ...stored.journal[0], entry: JSON.stringify(entry) }]);
  }, /journal entry 1: journal entry cannot be replayed: it does not fit the history of the document “harbour-talks”/],
];

for (const [what, spoil, problem] of UNOPENABLE) {
  test(`a stored project ${what} is kept byte for byte, says why, and another project works`, async () => {
    const page = await newPage(browser);
    await openApp(page, server.url);
    await waitSaved(page);
    await spoil(page);
    const bytes = await readStored(page);
    await openApp(page, server.url); // a reload
    const state = await page.evaluate(() => window.gloss.state());
    assert.match(state.error, /The stored project “My project” could not be opened/);
    assert.match(state.error, problem);
    const fresh = state.projects.find((p) => p.current);
    assert.notEqual(fresh.key, "current");
    await label(page, "harbour-talks", (await annotations(page))[0].text, "Valletta", "g");
    await waitSaved(page);
    await openApp(page, server.url); // a reload
    assert.equal(await readStored(page), bytes, "still exactly what was stored");
    const [doc] = await annotations(page);
    assert.deepEqual(doc.spans.map((s) => s.text), ["Valletta"], "the new project kept its work");
    await page.context().close();
  });
}

test("a full disk: the status line says so, nothing stored is lost, export works, saving resumes", async () => {
  const page = await newPage(browser);
  // A small quota (DevTools protocol), set before the app first opens its database: Chromium
  // reads an origin's quota when its storage is first used.
  await sameOriginPage(page);
  const origin = new URL(server.url).origin;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 400000 });
  await openApp(page, server.url);
  await label(page, "harbour-talks", (await annotations(page))[0].text, "Valletta", "g");
  await waitSaved(page);
  const saved = await readStored(page);
  // A large document (500 KB): the project no longer fits.
  const text = "Zoë Ångström met Léa Marchetti in Zürich. ".repeat(12000);
  await page.evaluate((text) => window.gloss.loadDocuments(JSON.stringify({ id: "big", text }) + "\n", { replace: true }), text);
  await page.waitForFunction(() => window.gloss.state().saveState === "Not saved: storage is full \u2014 use Export", null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => window.gloss.isSaved()), false);
  assert.equal(await readStored(page), saved, "what was stored before is intact");
  const exported = await page.evaluate(() => window.gloss.exportAs("jsonl"));
  assert.match(exported, /"id":"big"/);
  assert.equal(await page.evaluate(() => window.gloss.state().saveState), "Not saved: storage is full \u2014 use Export", "still said");
  // Room again: the next attempt (a few seconds later, with no change needed) stores it.
  await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  await waitSaved(page, 20000);
  assert.match(await page.evaluate(() => window.gloss.state().saveState), /^Saved/);
  await openApp(page, server.url); // a reload
  assert.deepEqual((await annotations(page)).map((d) => d.id), ["big"]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
