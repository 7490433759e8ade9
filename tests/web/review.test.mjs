// Review mode in real Chromium: several annotators' files chosen in the review picker (what the
// status line's Review… button opens), a disagreement resolved with the keyboard and undone, and
// bad review input reported without touching the work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { serve, launch, newPage, openApp, documents, nextFrames, artifacts, root } from "./support.mjs";

const fixture = (name) => readFileSync(path.join(root, "tests/fixtures/agree", name));
let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const state = (page) => page.evaluate(() => window.gloss.state());
const annotations = async (page) => documents(await page.evaluate(() => window.gloss.getAnnotations()));
const live = (doc) => doc.spans.filter((s) => s.status !== "rejected").map((s) => `${s.start}-${s.end} ${s.label} ${s.text}`).sort();

test("annotators' files chosen together are reviewed: a disagreement resolved by key, and undone", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  await page.setInputFiles("#review-input", [
    { name: "ann.jsonl", mimeType: "application/x-ndjson", buffer: fixture("ann.jsonl") },
    { name: "bob.jsonl", mimeType: "application/x-ndjson", buffer: fixture("bob.jsonl") },
  ]);
  await page.waitForFunction(() => window.gloss.state().review !== null);
  let s = await state(page);
  assert.equal(s.error, "");
  assert.deepEqual(s.review.annotators, ["ann", "bob"]);
  assert.equal(s.document, "d1");
  assert.equal(s.documents, 3);
  // d1: ann has "Antony Blinken", bob only "Blinken"; the rest they share.
  assert.equal(s.review.disagreements, 1);
  assert.deepEqual(s.review.resolvedBy, [null]);

  await page.keyboard.press("1"); // ann's version
  await nextFrames(page);
  s = await state(page);
  assert.deepEqual(s.review.resolvedBy, ["ann"]);
  let [d1] = await annotations(page);
  assert.ok(live(d1).includes("30-44 PERSON Antony Blinken"), live(d1).join("\n"));
  assert.ok(!live(d1).some((x) => x.startsWith("37-44")), live(d1).join("\n"));
  assert.ok(live(d1).includes("48-53 GPE Rafah"));
  await page.screenshot({ path: path.join(artifacts, "review-resolved.png") });

  await page.keyboard.press("Control+z");
  await nextFrames(page);
  assert.deepEqual((await state(page)).review.resolvedBy, [null]);
  await page.keyboard.press("2"); // bob's this time
  await nextFrames(page);
  assert.deepEqual((await state(page)).review.resolvedBy, ["bob"]);
  [d1] = await annotations(page);
  assert.ok(live(d1).includes("37-44 PERSON Blinken"), live(d1).join("\n"));
  assert.ok(!live(d1).some((x) => x.startsWith("30-44")), live(d1).join("\n"));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("review input that cannot be adjudicated is reported and changes nothing", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const before = await page.evaluate(() => window.gloss.getAnnotations());
  // cyd has no d3: every annotator must have every document.
  const missing = await page.evaluate(([ann, cyd]) => {
    try { window.gloss.loadReview({ ann, cyd }); return ""; } catch (error) { return error.message; }
  }, [fixture("ann.jsonl").toString(), fixture("cyd.jsonl").toString()]);
  assert.match(missing, /cyd: no document "d3"/);
  assert.match((await state(page)).error, /Could not start the review \(your work is unchanged\)/);
  assert.equal((await state(page)).review, null);
  assert.equal(await page.evaluate(() => window.gloss.getAnnotations()), before);

  // One file alone, and a file that is not UTF-8, through the picker.
  await page.setInputFiles("#review-input", [{ name: "ann.jsonl", mimeType: "application/x-ndjson", buffer: fixture("ann.jsonl") }]);
  await page.waitForFunction(() => /at least two/.test(window.gloss.state().error));
  await page.setInputFiles("#review-input", [
    { name: "ann.jsonl", mimeType: "application/x-ndjson", buffer: fixture("ann.jsonl") },
    { name: "broken.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from([0x7b, 0xc3, 0x28, 0x7d, 0x0a]) },
  ]);
  await page.waitForFunction(() => /broken\.jsonl: not valid UTF-8/.test(window.gloss.state().error));
  assert.equal((await state(page)).review, null);
  assert.equal(await page.evaluate(() => window.gloss.getAnnotations()), before);
  await nextFrames(page);
  await page.screenshot({ path: path.join(artifacts, "review-bad-input.png") });
  assert.deepEqual(page.problems.filter((p) => !p.includes("gloss:")), []);
  await page.close();
});
