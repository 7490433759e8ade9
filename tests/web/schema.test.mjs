// The schema in the browser, by keyboard: a CoNLL file with labels the schema lacks (PER,
// MISC) asks to add them and A does; the Labels window (Ctrl+L) renames a label with Tab and
// Enter, the spans follow, a taken key is refused, and Escape gives the keys back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, newPage, openApp, cpIndex, documents, dragText, nextFrames, artifacts } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const annotations = async (page) => documents(await page.evaluate(() => window.gloss.getAnnotations()));

test("labels a file has and the schema lacks are offered, and A adds them", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const conll = "-DOCSTART- -X- -X- O\n\nZoë NNP B-NP B-PER\nvisited VBD B-VP O\nCaïro NNP B-NP B-LOC\nwith IN B-PP O\nBBC NNP B-NP B-ORG\nfans NNS B-NP B-MISC\n. . O O\n";
  await page.setInputFiles("#file-input", { name: "conll2003.txt.conll", buffer: Buffer.from(conll) });
  await page.waitForFunction(() => window.gloss.frameCounts().run > 0);
  await nextFrames(page);
  assert.equal((await page.evaluate(() => window.gloss.state())).documents, 2, "nothing before the answer");
  await page.screenshot({ path: path.join(artifacts, "schema-new-labels.png") });
  await page.keyboard.press("a");
  await page.waitForFunction(() => window.gloss.state().documents === 3);
  const doc = (await annotations(page))[2];
  assert.deepEqual(doc.spans.map((s) => [s.text, s.label]), [["Zoë", "PER"], ["Caïro", "LOC"], ["BBC", "ORG"], ["fans", "MISC"]]);
  // The new label's key (M for MISC) labels a selection.
  const start = cpIndex(doc.text, "visited");
  await dragText(page, start, start + 7);
  await page.keyboard.press("m");
  await nextFrames(page);
  const after = (await annotations(page))[2];
  assert.ok(after.spans.some((s) => s.text === "visited" && s.label === "MISC"));
  assert.deepEqual(page.problems.filter((p) => !p.includes("gloss:")), []);
  await page.close();
});

test("the Labels window renames a label by keyboard; the spans follow; a taken key is refused", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const [doc] = await annotations(page);
  const start = cpIndex(doc.text, "Valletta");
  await dragText(page, start, start + 8);
  await page.keyboard.press("p");
  await nextFrames(page);
  await page.keyboard.press("Control+l");
  await nextFrames(page);
  await page.keyboard.press("Tab"); // from the new label's field (focused on opening) to PERSON's name
  await nextFrames(page);
  await page.keyboard.press("Control+a");
  await page.keyboard.type("HUMAN");
  await page.keyboard.press("Enter");
  // Typed keys reach the app a frame or two each (ImGui spreads a key's down and up over frames).
  await page.waitForFunction(() => window.gloss.getAnnotations().includes('"label":"HUMAN"'));
  await nextFrames(page); // the field takes the focus back
  const [renamed] = await annotations(page);
  assert.deepEqual(renamed.spans.map((s) => [s.text, s.label]), [["Valletta", "HUMAN"]]);
  await page.keyboard.press("Tab"); // its key
  await nextFrames(page);
  await page.keyboard.press("Control+a");
  await page.keyboard.type("O");
  await page.keyboard.press("Enter");
  await nextFrames(page);
  await page.screenshot({ path: path.join(artifacts, "schema-labels-window.png") });
  // Escape leaves the field, Escape again closes the window: label keys reach the article
  // again, and the renamed label's key (still P: O was ORG's) labels with the new name.
  await page.keyboard.press("Escape");
  await nextFrames(page);
  await page.keyboard.press("Escape");
  await nextFrames(page);
  const second = cpIndex(doc.text, "Malta");
  await dragText(page, second, second + 5);
  await page.keyboard.press("p");
  await nextFrames(page);
  const [after] = await annotations(page);
  assert.deepEqual(after.spans.map((s) => s.label), ["HUMAN", "HUMAN"]);
  assert.deepEqual(page.problems.filter((p) => !p.includes("gloss:")), []);
  await page.close();
});
