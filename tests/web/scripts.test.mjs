// Every character as itself, in real Chromium with Debian's fonts (scripts/setup installs Noto
// Color Emoji, Droid Sans Fallback, Lohit Devanagari and Loma for Thai): colour emoji, one
// glyph per ZWJ sequence; CJK, Hindi and Thai drawn, not as one repeated box nor as the
// missing-glyph box; Hebrew and Arabic right to left; spans made by mouse and by keyboard over
// right-to-left and CJK names slice to them in Python and in UTF-16; Thai wraps between words;
// text typed through the input method kept. Screenshots at devicePixelRatio 1 and 2.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { serve, launch, newPage, openApp, cpIndex, documents, nextFrames, artifacts } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const TEXT = [
  "Emoji: family 👨‍👩‍👧 flag 🇫🇷 thumbs 👍🏽 keycap 1️⃣ heart ❤️.",
  "Chinese: 北京欢迎你。Japanese: 東京で会議。",
  "Arabic: قال الرئيس محمود عباس إن المحادثات مستمرة.",
  "שלום עולם, אמר נתניהו.",
  "Hindi: प्रधानमंत्री ने कहा। Thai: สวัสดีครับ",
].join("\n");

// A screenshot of the page, kept in the page for reading pixels: window.__look(rect) gives a
// rectangle's (CSS pixels) size, which of its pixels are ink ("bits"), and how many are ink and
// how many coloured (saturated).
async function capture(page) {
  const png = (await page.screenshot()).toString("base64");
  await page.evaluate(async (png) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const g = new OffscreenCanvas(image.width, image.height).getContext("2d");
    g.drawImage(image, 0, 0);
    const scale = image.width / window.innerWidth;
    window.__look = (r) => {
      const w = Math.max(1, Math.round(r.width * scale)), h = Math.round(r.height * scale);
      const data = g.getImageData(Math.round(r.x * scale), Math.round(r.y * scale), w, h).data;
      let bits = "", ink = 0, coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [red, green, blue] = [data[i], data[i + 1], data[i + 2]];
        const dark = red + green + blue < 450;
        bits += dark ? "1" : "0";
        if (dark) ink++;
        if (Math.max(red, green, blue) - Math.min(red, green, blue) > 60) coloured++;
      }
      return { size: `${w}x${h}`, bits, ink, coloured };
    };
  }, png);
}
const look = (page, rect) => page.evaluate((r) => window.__look(r), rect);

async function open(page, text) {
  await openApp(page, server.url);
  await page.evaluate((t) => window.gloss.loadDocuments(JSON.stringify({ id: "scripts", text: t }) + "\n", { replace: true }), text);
  await nextFrames(page, 6);
}

const rect = (page, cp) => page.evaluate((cp) => window.gloss.rectOf(cp), cp);

for (const ratio of [1, 2]) {
  test(`emoji in colour, CJK, Hindi and Thai drawn, Hebrew and Arabic right to left (devicePixelRatio ${ratio})`, async () => {
    const page = await newPage(browser, { width: 1280, height: 800, deviceScaleFactor: ratio });
    await open(page, TEXT);
    const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
    assert.equal(doc.text, TEXT, "the text is kept as it is");
    await capture(page);

    // The family (five code points) is one glyph: one unit wide, drawn (Noto's family is a dark
    // silhouette, so it is ink rather than colour).
    const family = cpIndex(TEXT, "👨‍👩‍👧");
    const familyBox = await rect(page, family);
    assert.ok(familyBox.width > 8, "the family has a glyph of its own");
    assert.deepEqual(await rect(page, family + 2), familyBox, "its code points share the one glyph");
    assert.ok((await look(page, familyBox)).ink > 20, "the family is drawn");
    // A flag, a skin tone and a heart in colour.
    for (const emoji of ["🇫🇷", "👍🏽", "❤️"]) {
      assert.ok((await look(page, await rect(page, cpIndex(TEXT, emoji)))).coloured > 10, `${emoji} in colour`);
    }

    // CJK, Devanagari and Thai: inked, and different characters look different (a missing font
    // would draw the same box for each).
    for (const [a, b] of [["北", "京"], ["東", "議"], ["ने", "क"], ["ส", "ค"]]) {
      const pa = await look(page, await rect(page, cpIndex(TEXT, a)));
      const pb = await look(page, await rect(page, cpIndex(TEXT, b)));
      assert.ok(pa.ink > 5 && pb.ink > 5, `${a} and ${b} are drawn`);
      assert.notEqual(pa.bits, pb.bits, `${a} and ${b} are different glyphs`);
    }

    // Right to left: in the Hebrew paragraph the first letter is at the right, and the paragraph
    // is aligned to the right; in the Arabic sentence the first word is right of the last.
    const shalom = cpIndex(TEXT, "שלום");
    const [first, last] = [await rect(page, shalom), await rect(page, shalom + 3)];
    assert.ok(first.x > last.x, "שלום runs right to left");
    const english = await rect(page, cpIndex(TEXT, "Chinese"));
    assert.ok(first.x > english.x + 400, "the Hebrew paragraph is aligned to the right");
    const qala = await rect(page, cpIndex(TEXT, "قال"));
    const last_word = await rect(page, cpIndex(TEXT, "مستمرة"));
    assert.ok(qala.x > last_word.x, "the Arabic sentence runs right to left");
    // Arabic letters join: the glyphs of one word touch.
    const [q1, q2] = [await rect(page, cpIndex(TEXT, "قال")), await rect(page, cpIndex(TEXT, "قال") + 1)];
    assert.ok(Math.abs(q1.x - (q2.x + q2.width)) < 1.5, "qaf and alef are joined");

    // The Hebrew word selected and labelled: a span with code-point offsets and the word's text.
    await page.evaluate((s) => window.gloss.select("scripts", s, s + 4), shalom);
    await nextFrames(page, 2);
    await page.keyboard.press("p");
    await nextFrames(page, 2);
    const [labelled] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
    assert.deepEqual(labelled.spans.map((s) => [s.start, s.end, s.text, s.label]), [[shalom, shalom + 4, "שלום", "PERSON"]]);
    await page.screenshot({ path: path.join(artifacts, `scripts-dpr${ratio}.png`) });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test("Thai lines break between words, as the browser's word segmenter finds them", async () => {
  const page = await newPage(browser, { width: 900, height: 700 });
  const sentence = "ประเทศไทยมีประชากรประมาณหกสิบหกล้านคนและกรุงเทพเป็นเมืองหลวง";
  await open(page, sentence.repeat(6));
  const { starts, breaks } = await page.evaluate(() => {
    const text = JSON.parse(window.gloss.getAnnotations().split("\n")[0]).text;
    const starts = [];
    let cp = 0;
    for (const part of new Intl.Segmenter(undefined, { granularity: "word" }).segment(text)) {
      if (part.isWordLike) starts.push(cp);
      cp += Array.from(part.segment).length;
    }
    // Where a new line starts: the first code point whose box is lower than the one before.
    const breaks = [];
    let y = window.gloss.rectOf(0).y;
    for (let i = 1; i < cp; i++) {
      const r = window.gloss.rectOf(i);
      if (r && r.y > y) { breaks.push(i); y = r.y; }
    }
    return { starts, breaks };
  });
  assert.ok(breaks.length >= 2, `the text wraps (${breaks.length} breaks)`);
  for (const b of breaks) assert.ok(starts.includes(b), `line break at ${b} is at a word start`);
  await page.screenshot({ path: path.join(artifacts, "scripts-thai.png") });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a correction typed in Chinese, Hebrew and emoji through the input method is kept as typed", async () => {
  const page = await newPage(browser);
  await open(page, TEXT);
  const beijing = cpIndex(TEXT, "北京");
  await page.evaluate((s) => window.gloss.select("scripts", s, s + 2), beijing);
  await nextFrames(page, 2);
  await page.keyboard.press("e");
  await nextFrames(page);
  await page.keyboard.press("Enter"); // edit the correction
  await nextFrames(page, 3);
  // An input method commits whole strings: they arrive as insertText, not as key presses.
  await page.keyboard.insertText("北京市 שלום 👍🏽");
  await nextFrames(page, 3);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /"correction"/.test(window.gloss.getAnnotations()), null, { timeout: 5000 });
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.deepEqual(doc.spans.map((s) => [s.text, s.label, s.attrs.correction]), [["北京", "ERROR", "北京市 שלום 👍🏽"]]);
  await page.screenshot({ path: path.join(artifacts, "scripts-correction.png") });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// The mixed document: English with Arabic, Hebrew, Chinese, Japanese, Hindi, Thai and
// emoji, and U+E000, a code point no font has (the browser's missing-glyph box).
const MIXED = "News: قال الرئيس محمود عباس. אמר נתניהו. 习近平在北京。東京で会議。प्रधानमंत्री मोदी। นายกรัฐมนตรี 👨‍👩‍👧 🇫🇷 👍🏽 1️⃣ \uE000 end";

test("every grapheme of a mixed document is drawn as itself, not as the missing-glyph box", async () => {
  const page = await newPage(browser);
  await open(page, MIXED);
  await capture(page);
  const result = await page.evaluate((text) => {
    const graphemes = [];
    let cp = 0;
    for (const part of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
      graphemes.push({ offset: cp, text: part.segment });
      cp += Array.from(part.segment).length;
    }
    const lookAt = (offset) => window.__look(window.gloss.rectOf(offset));
    return {
      missing: lookAt(Array.from(text).indexOf("\uE000")),
      looks: graphemes.filter((g) => g.text !== "\uE000").map((g) => ({ ...g, ...lookAt(g.offset) })),
    };
  }, MIXED);
  assert.ok(result.missing.bits.includes("1"), "U+E000 is drawn as a box");
  for (const g of result.looks) {
    assert.ok(!(g.size === result.missing.size && g.bits === result.missing.bits), `${g.text} (at ${g.offset}) is not the missing-glyph box`);
  }
  for (const emoji of ["🇫🇷", "👍🏽"]) {
    assert.ok(result.looks.find((g) => g.text === emoji).coloured > 10, `${emoji} is in colour`);
  }
  await page.screenshot({ path: path.join(artifacts, "scripts-mixed.png") });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// The span's text by its exported code-point offsets: in Python (text[start:end]) and in
// JavaScript after converting them to UTF-16.
function sliceInPython(jsonl) {
  const script = "import json,sys\nfor line in sys.stdin:\n    d = json.loads(line)\n    print(json.dumps([d['text'][s['start']:s['end']] for s in d['spans']], ensure_ascii=False))";
  return JSON.parse(execFileSync("python3", ["-c", script], { input: jsonl, encoding: "utf8" }).trim());
}
function sliceAsUtf16(doc) {
  const units = (cp) => Array.from(doc.text).slice(0, cp).join("").length;
  return doc.spans.map((s) => doc.text.slice(units(s.start), units(s.end)));
}

test("spans over an Arabic and a Chinese name, by mouse and by Shift+arrows, slice to the names", async () => {
  const page = await newPage(browser);
  await open(page, MIXED);
  const arabic = "محمود عباس", chinese = "习近平";
  const a = cpIndex(MIXED, arabic), c = cpIndex(MIXED, chinese);
  const aLength = Array.from(arabic).length, cLength = Array.from(chinese).length;
  const box = (cp) => page.evaluate((cp) => window.gloss.rectOf(cp), cp);

  // By mouse: a drag from the first letter of the Arabic name to its last (right to left on
  // screen: the drag goes leftwards), snapped to whole words; exact (Alt) across the Chinese.
  let from = await box(a), to = await box(a + aLength - 1);
  assert.ok(from.x > to.x, "the name runs right to left");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
  await page.mouse.up();
  await nextFrames(page);
  await page.keyboard.press("p");
  await nextFrames(page);
  from = await box(c);
  to = await box(c + cLength);
  await page.keyboard.down("Alt");
  await page.mouse.move(from.x + 0.5, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + 0.5, to.y + to.height / 2, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up("Alt");
  await nextFrames(page);
  await page.keyboard.press("p");
  await nextFrames(page);
  let jsonl = await page.evaluate(() => window.gloss.getAnnotations());
  let [doc] = documents(jsonl);
  assert.deepEqual(doc.spans.map((s) => [s.start, s.end]).sort((x, y) => x[0] - y[0]), [[a, a + aLength], [c, c + cLength]]);
  assert.deepEqual(sliceInPython(jsonl).sort(), [arabic, chinese].sort());
  assert.deepEqual(sliceAsUtf16(doc).sort(), [arabic, chinese].sort());

  // By keyboard: the caret before each name (a click there), then Shift+arrows over it. In the
  // Arabic name Left goes on through the text.
  await page.evaluate(() => window.gloss.loadDocuments(JSON.stringify({ id: "scripts", text: JSON.parse(window.gloss.getAnnotations().split("\n")[0]).text }) + "\n", { replace: true }));
  await nextFrames(page, 4);
  from = await box(a);
  await page.mouse.click(from.x + from.width - 0.5, from.y + from.height / 2); // its right edge
  await nextFrames(page);
  assert.equal((await page.evaluate(() => window.gloss.state())).caret, a, "the caret is before the name");
  for (let i = 0; i < aLength; i++) await page.keyboard.press("Shift+ArrowLeft");
  await nextFrames(page);
  await page.keyboard.press("p");
  await nextFrames(page);
  from = await box(c);
  await page.mouse.click(from.x + 0.5, from.y + from.height / 2);
  await nextFrames(page);
  for (let i = 0; i < cLength; i++) await page.keyboard.press("Shift+ArrowRight");
  await nextFrames(page);
  await page.keyboard.press("p");
  await nextFrames(page);
  jsonl = await page.evaluate(() => window.gloss.getAnnotations());
  [doc] = documents(jsonl);
  assert.deepEqual(doc.spans.map((s) => [s.start, s.end]).sort((x, y) => x[0] - y[0]), [[a, a + aLength], [c, c + cLength]]);
  assert.deepEqual(sliceInPython(jsonl).sort(), [arabic, chinese].sort());
  assert.deepEqual(sliceAsUtf16(doc).sort(), [arabic, chinese].sort());
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
