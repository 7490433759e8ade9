// Assist in real Chromium: suggestions for a garbled article appear with the lexicon the page
// preloads (built from wamerican), Tab walks them and Enter accepts with the real keyboard, and
// ?assist=off keeps them away.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, newPage, openApp, documents, nextFrames, artifacts } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const article = JSON.stringify({
  id: "garbled",
  text: "Talks in cairo went on. 🚢 The civiliansFree the hostages. “We want the talks to go on now,” Blinken said.",
}) + "\n";
const annotations = async (page) => documents(await page.evaluate(() => window.gloss.getAnnotations()));

test("suggestions appear, Tab walks them and Enter accepts", async () => {
  const page = await newPage(browser);
  await openApp(page, `${server.url}?assist=on`);
  await page.evaluate((jsonl) => window.gloss.loadDocuments(jsonl, { replace: true }), article);
  await nextFrames(page);
  let [doc] = await annotations(page);
  const pending = doc.spans.filter((s) => s.status === "pending");
  const byText = (label, text) => doc.spans.find((s) => s.label === label && s.text === text);
  const cairo = byText("ERROR", "cairo");
  assert.ok(cairo, JSON.stringify(pending));
  assert.equal(cairo.attrs.correction, "Cairo");
  assert.equal(byText("ERROR", "civiliansFree").attrs.type, "broken_sentence"); // wamerican knows "civilians"
  assert.ok(byText("QUOTE", "“We want the talks to go on now,”"));
  assert.equal(Array.from(doc.text).slice(cairo.start, cairo.end).join(""), "cairo");
  await page.screenshot({ path: path.join(artifacts, "assist.png") });

  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await nextFrames(page);
  [doc] = await annotations(page);
  const first = doc.spans.filter((s) => s.origin === "suggested").sort((a, b) => a.start - b.start)[0];
  assert.equal(first.status, "accepted");
  assert.ok(page.problems.length === 0, page.problems.join("\n"));
});

test("?assist=off shows no suggestions", async () => {
  const page = await newPage(browser);
  await openApp(page, `${server.url}?assist=off`);
  await page.evaluate((jsonl) => window.gloss.loadDocuments(jsonl, { replace: true }), article);
  await nextFrames(page);
  const [doc] = await annotations(page);
  assert.equal(doc.spans.length, 0);
});
