// Annotating in real Chromium with the real keyboard and mouse: a span by keyboard alone, a
// PERSON nested in a QUOTE with its speaker picked by number, an ERROR inside a token with a
// correction typed (non-ASCII through insertText) and pasted, undo and redo, every export slice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, newPage, openApp, cpIndex, cpSlice, documents, dragText, nextFrames, artifacts } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const annotations = async (page) => documents(await page.evaluate(() => window.gloss.getAnnotations()));
const spansOf = async (page, label) => (await annotations(page))[0].spans.filter((s) => s.label === label);

test("a whole annotation session by keyboard and mouse", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const [doc] = await annotations(page);
  const text = doc.text;

  // 1. Keyboard alone: caret to the start, word by word, Shift to select, P to label.
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Control+ArrowRight"); // after "Foreign"
  await page.keyboard.press("Control+ArrowRight"); // after "Minister"
  await page.keyboard.press("ArrowRight");         // before "Léa"
  await page.keyboard.press("Control+Shift+ArrowRight");
  await page.keyboard.press("Control+Shift+ArrowRight");
  await page.keyboard.press("p");
  await nextFrames(page);
  let persons = await spansOf(page, "PERSON");
  assert.equal(persons.length, 1);
  assert.equal(persons[0].text, "Léa Marchetti");
  assert.equal(persons[0].start, cpIndex(text, "Léa Marchetti"));

  // 2. A QUOTE with a PERSON inside it, and the speaker picked with S then 1.
  const quote = "“These talks have been very, very constructive,”";
  const q = cpIndex(text, quote);
  const speaker = cpIndex(text, "Marchetti said");
  await dragText(page, speaker, speaker + 9);
  await page.keyboard.press("p");
  const inner = cpIndex(text, "These talks");
  await dragText(page, inner, inner + 5);   // "These" inside the quote, tagged as a PERSON
  await page.keyboard.press("p");
  await dragText(page, q, q + Array.from(quote).length);
  await page.keyboard.press("q");
  await nextFrames(page);
  await page.keyboard.press("s");
  await nextFrames(page);
  await page.screenshot({ path: path.join(artifacts, "annotate-speaker-picking.png") });
  await page.keyboard.press("1");
  await nextFrames(page);
  let [state] = await annotations(page);
  const quoteSpan = state.spans.find((s) => s.label === "QUOTE");
  assert.equal(quoteSpan.text, quote);
  const nested = state.spans.find((s) => s.label === "PERSON" && s.start >= quoteSpan.start && s.end <= quoteSpan.end);
  assert.ok(nested, "a PERSON nested in the QUOTE");
  assert.equal(state.relations.length, 1);
  const relation = state.relations[0];
  assert.equal(relation.type, "speaker");
  assert.equal(relation.from, quoteSpan.id);
  const target = state.spans.find((s) => s.id === relation.to);
  assert.equal(target.text, "Marchetti", "the mention after the quote, not the one inside it, is offered first");

  // 3. An ERROR inside a glued word (Alt+drag: exact characters) with a correction.
  const glued = cpIndex(text, "marchettiwill");
  await page.keyboard.down("Alt");
  await dragText(page, glued + 9, glued + 13); // "will"
  await page.keyboard.up("Alt");
  await nextFrames(page);
  await page.keyboard.press("e");
  await nextFrames(page);
  await page.keyboard.press("Enter"); // edit the correction
  await nextFrames(page, 3);
  await page.keyboard.type(" will — José ");  // é and — arrive through insertText
  // A paste event as the browser fires it on the focused element (headless Chromium does not
  // turn Ctrl+V into one reliably).
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData("text/plain", "’s");
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await nextFrames(page);
  await page.keyboard.press("Enter");
  // ImGui takes queued keys and characters one change per frame: the commit comes after every
  // typed character has been taken.
  await page.waitForFunction(() => /"correction"/.test(window.gloss.getAnnotations()), null, { timeout: 5000 });
  let errors = await spansOf(page, "ERROR");
  assert.equal(errors.length, 1);
  assert.equal(errors[0].text, "will");
  assert.equal(errors[0].attrs.correction, " will — José ’s");
  await page.screenshot({ path: path.join(artifacts, "annotate-error-correction.png") });

  // 4. Undo and redo: the correction, then the ERROR itself.
  const history = await page.evaluate(() => window.gloss.history());
  assert.deepEqual(history.steps.slice(-2), ["add ERROR", "edit ERROR"], JSON.stringify(history));
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+z");
  await nextFrames(page);
  errors = await spansOf(page, "ERROR");
  assert.equal(errors[0].attrs?.correction, undefined);
  await page.keyboard.press("Control+z");
  await nextFrames(page);
  assert.equal((await spansOf(page, "ERROR")).length, 0);
  await page.keyboard.press("Control+Shift+z");
  await page.keyboard.press("Control+y");
  await nextFrames(page);
  errors = await spansOf(page, "ERROR");
  assert.equal(errors[0].attrs.correction, " will — José ’s");

  // 5. Every exported span's text is its code-point slice.
  const exported = documents(await page.evaluate(() => window.gloss.exportAs("jsonl")));
  for (const d of exported) for (const s of d.spans) assert.equal(cpSlice(d.text, s.start, s.end), s.text);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the interface at 1024x640 and at devicePixelRatio 2", async () => {
  for (const [width, height, deviceScaleFactor, name] of [[1024, 640, 1, "small"], [1280, 800, 2, "hidpi"]]) {
    const page = await newPage(browser, { width, height, deviceScaleFactor });
    await openApp(page, server.url);
    const size = await page.evaluate(() => [document.getElementById("canvas").width, document.getElementById("canvas").height]);
    assert.deepEqual(size, [width * deviceScaleFactor, height * deviceScaleFactor]);
    const [doc] = await annotations(page);
    const start = cpIndex(doc.text, "Valletta");
    await dragText(page, start, start + 8);
    await page.keyboard.press("g");
    await nextFrames(page);
    const spans = await spansOf(page, "GPE");
    assert.equal(spans.length, 1);
    assert.equal(spans[0].text, "Valletta");
    await page.screenshot({ path: path.join(artifacts, `layout-${name}.png`) });
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});
