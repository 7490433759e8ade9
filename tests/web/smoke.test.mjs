// The walking skeleton in real Chromium: open the sample, drag across a name with the real
// mouse, press the PERSON hotkey, read the span back through window.gloss, export JSONL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { serve, launch, newPage, openApp, cpIndex, cpSlice, documents, dragText, nextFrames, artifacts } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

test("drag across a name, press P, read the PERSON span back with code-point offsets", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.equal(doc.spans.length, 0);
  const name = "Léa Marchetti";
  const start = cpIndex(doc.text, name);
  const end = start + Array.from(name).length;

  let changes = 0;
  await page.exposeFunction("countChange", () => { changes += 1; });
  await page.evaluate(() => window.gloss.on("change", () => window.countChange()));

  await dragText(page, start, end);
  await nextFrames(page);
  await page.keyboard.press("p");
  await nextFrames(page);

  const [after] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.equal(after.spans.length, 1);
  const span = after.spans[0];
  assert.equal(span.label, "PERSON");
  assert.equal(span.start, start);
  assert.equal(span.end, end);
  assert.equal(span.text, name);
  assert.equal(cpSlice(after.text, span.start, span.end), name);
  assert.ok(changes >= 1, "change listeners were called");
  await page.screenshot({ path: path.join(artifacts, "smoke-labelled.png") });

  // Export through the keyboard shortcut: a real download of Gloss JSONL.
  const downloadPromise = page.waitForEvent("download");
  await page.keyboard.press("Control+e");
  const download = await downloadPromise;
  assert.equal(download.suggestedFilename(), "gloss-annotations.jsonl");
  const file = path.join(artifacts, "smoke-export.jsonl");
  await download.saveAs(file);
  const exported = documents(await readFile(file, "utf8"));
  assert.equal(exported[0].spans[0].text, name);
  for (const d of exported) for (const s of d.spans) assert.equal(cpSlice(d.text, s.start, s.end), s.text);

  assert.deepEqual(page.problems, []);
  await page.close();
});

test("loadDocuments with replace replaces the documents; a malformed file is refused and the work survives", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const text = "“Free the hostages,” said anthony blinkenbut 👩‍👩‍👧 in Refa — José.";
  await page.evaluate((t) => window.gloss.loadDocuments(JSON.stringify({ id: "t1", text: t }) + "\n", { replace: true }), text);
  await nextFrames(page);
  const start = cpIndex(text, "Refa");
  await dragText(page, start, start + 4);
  await nextFrames(page);
  await page.keyboard.press("g");
  await nextFrames(page);
  const error = await page.evaluate(() => {
    try { window.gloss.loadDocuments('{"text": broken}\n', "bad.jsonl"); return ""; } catch (e) { return e.message; }
  });
  assert.match(error, /^bad\.jsonl:1:10: malformed JSON/);
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.equal(doc.id, "t1");
  assert.equal(doc.spans.length, 1);
  assert.equal(doc.spans[0].start, start); // code points: the emoji before it counts 5, not 8
  assert.equal(doc.spans[0].text, "Refa");
  await page.screenshot({ path: path.join(artifacts, "smoke-error-bar.png") });
  assert.deepEqual(page.problems, []);
  await page.close();
});
