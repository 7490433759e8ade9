// Every-character benchmark (not a test): the cost of glyphs the font lacks, drawn by the
// browser into the atlas, in headless Chromium at 1280x800, devicePixelRatio 1 and 2. Opens a
// 100 KB article of Chinese with 3,000 different characters (each drawn at two sizes: the
// article's and the interface's), one of Arabic and Hebrew (bidi and joining, few new glyphs),
// and one of Latin text of the same size (the floor), and times loadDocuments -> the second
// animation frame after it (the article on screen), loadDocuments -> the last frame the glyphs
// still being drawn asked for (each build draws for at most 120 ms, then the next frame goes
// on), the longest of those frames, and the longest frame while scrolling it afterwards.
// Run: node bench/bench_scripts.mjs   (needs dist/ built: scripts/build web)
import { serve, launch } from "../tests/web/support.mjs";

const f0 = (x) => x.toFixed(0);
// Deterministic text: `pick(i)` gives the i-th character; lines of 40, paragraphs of 8 lines.
function article(bytes, pick) {
  let text = "";
  for (let i = 0; Buffer.byteLength(text) < bytes; i++) {
    text += pick(i);
    if (i % 40 === 39) text += i % 320 === 319 ? "\n" : " ";
  }
  return text;
}
const cjk = article(100 * 1024, (i) => String.fromCodePoint(0x4E00 + ((i * 7919) % 3000)) + (i % 17 === 16 ? "。" : ""));
const words = ["قال", "الرئيس", "محمود", "عباس", "إن", "المحادثات", "مستمرة", "אמר", "ראש", "הממשלה", "נתניהו", "2024", "(AFP)"];
const rtl = article(100 * 1024, (i) => words[(i * 31) % words.length] + " ");
const latin = article(100 * 1024, (i) => ["the", "talks", "were", "very", "active", "said", "Blinken", "in", "Cairo"][(i * 31) % 9] + " ");

const server = await serve();
const browser = await launch();
try {
  for (const ratio of [1, 2]) {
    for (const [name, text] of [["Latin (floor)", latin], ["Chinese, 3,000 characters", cjk], ["Arabic and Hebrew", rtl]]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: ratio });
      const page = await context.newPage();
      await page.goto(`${server.url}?assist=off`);
      await page.evaluate(() => window.gloss.ready);
      const shown = await page.evaluate(async (text) => {
        const begin = performance.now();
        window.gloss.loadDocuments(JSON.stringify({ id: "a", text }) + "\n", { replace: true });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - begin;
      }, text);
      // Frames keep coming while glyphs are still being drawn; the last of them ends it.
      const filling = await page.evaluate(async () => {
        const begin = performance.now();
        window.gloss.startProfiling();
        let count = 0, last = begin;
        while (performance.now() - last < 600) {
          await new Promise((r) => setTimeout(r, 50));
          const n = Module.glossFrameTimes.length;
          if (n !== count) { count = n; last = performance.now(); }
        }
        const frames = window.gloss.stopProfiling();
        return { after: last - begin, frames: frames.length, longest: frames.length ? Math.max(...frames) : 0 };
      });
      await page.evaluate(() => window.gloss.startProfiling());
      await page.mouse.move(640, 400);
      for (let i = 0; i < 30; i++) { await page.mouse.wheel(0, 120); await page.waitForTimeout(30); }
      const frames = await page.evaluate(() => window.gloss.stopProfiling());
      console.log(`dpr ${ratio}, ${name}: loadDocuments -> on screen ${f0(shown)} ms; every glyph drawn ${f0(shown + filling.after)} ms (${filling.frames} frames, longest ${f0(filling.longest)} ms); scrolling: ${frames.length} frames, max ${f0(Math.max(...frames))} ms`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
