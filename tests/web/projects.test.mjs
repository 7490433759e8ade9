// Projects and restores that cannot destroy: a stored project the app cannot open (written by a
// newer Gloss, or corrupt) is kept byte for byte across reloads, the interface names the
// problem and offers its stored form, and the work of the visit goes to a new project beside it
// that later reloads restore. Real IndexedDB in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { serve, launch, newPage, openApp, nextFrames, readStored, putStored } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

// What is stored for `key` (record, place, journal), as text; and a record put in its place.
const stored = async (page, key) => { const text = await readStored(page, key); return JSON.parse(text).record ? text : null; };
const store = (page, key, record) => putStored(page, key, record);

const UNOPENABLE = [
  ["written by a newer Gloss", { project: JSON.stringify({ format: 99, documents: [] }), view: "{}", savedAt: 1764000000000 }, /format version 99 is newer than this Gloss reads/],
  ["corrupt", { project: '{"format": 1, "documents": [{"id": ', view: "{}", savedAt: 1764000000001 }, /saved session:1:\d+: malformed JSON/],
];

for (const [what, record, problem] of UNOPENABLE) {
  test(`a stored project ${what} is kept as it is, and the work goes to a new project beside it`, async () => {
    const page = await newPage(browser);
    await openApp(page, server.url);
    await page.waitForFunction(() => window.gloss.isSaved());
    assert.deepEqual((await page.evaluate(() => window.gloss.state())).projects.map((p) => [p.name, p.current]), [["My project", true]]);
    await store(page, "current", record);
    const bytes = await stored(page, "current");

    await openApp(page, server.url); // a reload
    let state = await page.evaluate(() => window.gloss.state());
    assert.match(state.error, /The stored project “My project” could not be opened/);
    assert.match(state.error, problem);
    assert.match(state.error, /kept unchanged in this browser/);
    assert.equal(state.documents, 2, "the samples, in the new project");
    const kept = state.projects.find((p) => p.key === "current");
    assert.equal(kept.current, false);
    assert.match(kept.problem, problem);
    const fresh = state.projects.find((p) => p.current);
    assert.equal(fresh.name, "My project (new)");

    // Work in the new project is saved there; the kept record is untouched.
    await page.evaluate(() => window.gloss.select("harbour-talks", 17, 30));
    await nextFrames(page, 3);
    await page.keyboard.press("p");
    await page.waitForFunction(() => window.gloss.isSaved());
    assert.equal(await stored(page, "current"), bytes);
    assert.ok(await stored(page, fresh.key), "the new project is stored under its own key");

    // The stored form can be downloaded from the Projects window.
    await page.evaluate(() => window.gloss.state()); // (the window is opened by its status-line button)
    const download = page.waitForEvent("download");
    await page.evaluate((key) => Module.glossProjectAction("download", key, ""), "current");
    const file = await download;
    assert.deepEqual(JSON.parse(readFileSync(await file.path(), "utf8")), JSON.parse(bytes), "the record as stored");

    await openApp(page, server.url); // another reload: the new project, with its edit
    state = await page.evaluate(() => window.gloss.state());
    assert.equal(state.projects.find((p) => p.current).key, fresh.key);
    assert.match(state.projects.find((p) => p.key === "current").problem, problem, "the problem is still said");
    const spans = JSON.parse((await page.evaluate(() => window.gloss.getAnnotations())).split("\n")[0]).spans;
    assert.ok(spans.some((s) => s.start === 17 && s.end === 30 && s.label === "PERSON"));
    assert.equal(await stored(page, "current"), bytes, "still byte for byte what was stored");
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test("projects: create, rename, open another, delete one", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  await page.waitForFunction(() => window.gloss.isSaved());
  await page.evaluate(() => Module.glossProjectAction("rename", "current", "Harbour"));
  await page.waitForFunction(() => window.gloss.state().projects[0].name === "Harbour");
  // A new project: the page reloads into it (the samples, saved under a key of its own).
  await Promise.all([page.waitForEvent("load"), page.evaluate(() => Module.glossProjectAction("new", "", "Second"))]);
  await openApp(page, server.url);
  await page.waitForFunction(() => window.gloss.isSaved() && window.gloss.state().projects.length === 2);
  let state = await page.evaluate(() => window.gloss.state());
  assert.deepEqual(state.projects.map((p) => [p.name, p.current]).sort(), [["Harbour", false], ["Second", true]]);
  // Open the first again, then delete the second.
  const second = state.projects.find((p) => p.current).key;
  await Promise.all([page.waitForEvent("load"), page.evaluate(() => Module.glossProjectAction("open", "current", ""))]);
  await openApp(page, server.url);
  await page.evaluate((key) => Module.glossProjectAction("delete", key, ""), second);
  await page.waitForFunction(() => window.gloss.state().projects.length === 1);
  state = await page.evaluate(() => window.gloss.state());
  assert.deepEqual(state.projects.map((p) => [p.name, p.current]), [["Harbour", true]]);
  assert.equal(await stored(page, second), null);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a new project from files holds their documents alone, and the one before is kept", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  await page.waitForFunction(() => window.gloss.isSaved());
  const before = await page.evaluate(() => window.gloss.getAnnotations());
  const chooser = page.waitForEvent("filechooser");
  await page.evaluate(() => Module.glossProjectAction("new-from-files", "", "My project"));
  const files = [
    { name: "wire.jsonl", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ id: "wire-1", text: "Léa Marchetti landed in Cairo 🌍.", spans: [{ start: 0, end: 13, label: "PERSON" }] }) + "\n") },
    { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("A plain note about Oslo.\n") },
  ];
  await Promise.all([page.waitForEvent("load"), (await chooser).setFiles(files)]);
  await page.evaluate(() => window.gloss.ready);
  await page.waitForFunction(() => window.gloss.state().documents === 2 && window.gloss.isSaved());
  let state = await page.evaluate(() => window.gloss.state());
  const fresh = state.projects.find((p) => p.current);
  assert.equal(fresh.name, "wire", "named after the first file (the field still held the current name)");
  const docs = (await page.evaluate(() => window.gloss.getAnnotations())).trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(docs.map((d) => d.id), ["wire-1", "note"], "the files' documents, no samples");
  assert.equal(docs[0].spans[0].text, "Léa Marchetti");
  // Stored as a project: a reload restores it (the files are not opened a second time).
  await openApp(page, server.url);
  state = await page.evaluate(() => window.gloss.state());
  assert.equal(state.documents, 2);
  assert.equal(state.projects.find((p) => p.current).key, fresh.key);
  // The project before is kept as it was.
  await Promise.all([page.waitForEvent("load"), page.evaluate(() => Module.glossProjectAction("open", "current", ""))]);
  await openApp(page, server.url);
  assert.equal(await page.evaluate(() => window.gloss.getAnnotations()), before);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
