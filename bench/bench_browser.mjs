// Browser benchmark (not a test): what a user meets, in headless Chromium with software WebGL
// (SwiftShader), at 1280x800 with devicePixelRatio 1 and 2, beside a blank WebGL2 canvas page of
// the same size as the floor, in one run:
//   - CPU seconds of all the browser's processes over 10 s of idling (2 MB / 20,000-span article
//     open, Assist finished);
//   - intervals between animation frames (requestAnimationFrame timestamps) while scrolling that
//     article with the wheel: p50 / p95 / max;
//   - keydown of a label key -> the next animation frame after the span is in the store (its
//     requestAnimationFrame timestamp);
//   - navigation -> the frame after the first one that shows the article (a task link; its
//     timestamp), for 2 MB and 5 KB, with the parts of the cold start, and the same for the
//     blank canvas as the first page of a browser of its own (the cold start's floor).
// Run: scripts/bench --browser   (needs dist/ built: scripts/build web)
//      BENCH_RATIOS=1 BENCH_OPEN_ONLY=1 node bench/bench_browser.mjs   (the cold start alone)
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dist, serve, launch } from "../tests/web/support.mjs";
import { article } from "./article.mjs";

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};
const f1 = (x) => x.toFixed(1);
const OPEN_ONLY = Boolean(process.env.BENCH_OPEN_ONLY);

// CPU seconds (user + system) of the browser: every Chromium process below this one, from /proc.
function browserCpuSeconds(rootPid = process.pid) {
  const tick = 100; // USER_HZ on Linux
  const stats = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const command = readFileSync(`/proc/${name}/cmdline`, "utf8");
      stats.set(Number(name), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick, chromium: /chrom/.test(command) });
    } catch { /* the process ended */ }
  }
  let total = 0;
  const inTree = (pid) => { for (let p = pid; p > 1; p = stats.get(p)?.ppid ?? 0) if (p === rootPid) return true; return false; };
  for (const [pid, s] of stats) if (s.chromium && pid !== rootPid && inTree(pid)) total += s.cpu;
  return total;
}

// The floor: a blank WebGL2 canvas of the page's size that draws a frame when something happens
// (a wheel step, a key), as any canvas app must.
const FLOOR = `<!doctype html><html><head><style>html,body{margin:0;height:100%;overflow:hidden}
canvas{position:fixed;inset:0;width:100vw;height:100vh;display:block}</style></head><body><canvas id=c></canvas><script>
const c = document.getElementById("c");
const gl = c.getContext("webgl2", { alpha: false, antialias: false, depth: false, stencil: false });
let n = 0, pending = false, onFirst;
window.afterFirstFrame = new Promise((r) => { onFirst = r; });
function draw() { pending = false; const r = devicePixelRatio || 1;
  const w = Math.round(c.clientWidth * r), h = Math.round(c.clientHeight * r);
  if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
  gl.viewport(0, 0, w, h); n++; gl.clearColor(0.98, 0.97 - (n % 2) * 0.01, 0.96, 1); gl.clear(gl.COLOR_BUFFER_BIT);
  if (n === 1) requestAnimationFrame(onFirst);
  if (window.onFloorFrame) window.onFloorFrame(); }
function wake() { if (!pending) { pending = true; requestAnimationFrame(draw); } }
addEventListener("wheel", wake, { passive: true }); addEventListener("keydown", wake); wake();
</script></body></html>`;

async function measureIdle(page, seconds = 10) {
  await page.waitForTimeout(1000);
  const before = browserCpuSeconds();
  await page.waitForTimeout(seconds * 1000);
  return browserCpuSeconds() - before;
}

async function measureScroll(page) {
  await page.mouse.move(640, 400);
  await page.evaluate(() => {
    window.__ticks = [];
    window.__recording = true;
    const tick = (t) => { window.__ticks.push(t); if (window.__recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < 150; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(16);
  }
  const ticks = await page.evaluate(() => { window.__recording = false; return window.__ticks; });
  const deltas = ticks.slice(1).map((t, i) => t - ticks[i]);
  return { p50: percentile(deltas, 50), p95: percentile(deltas, 95), max: Math.max(...deltas), frames: deltas.length };
}

// keydown -> the next animation frame after `applied` (a promise set up in the page) resolves.
async function measureKey(page, key, prepare, applied, count = 15) {
  const times = [];
  for (let i = 0; i < count; i++) {
    await prepare(i);
    await page.waitForTimeout(150);
    await page.evaluate(([key, applied]) => {
      window.__latency = new Promise((resolve) => {
        let down = 0;
        const onKey = (e) => { if (e.key === key) down = performance.now(); };
        window.addEventListener("keydown", onKey, true);
        // eslint-disable-next-line no-new-func
        new Function("done", applied)(() => {
          window.removeEventListener("keydown", onKey, true);
          requestAnimationFrame((t) => resolve(t - down)); // the next frame's timestamp
        });
      });
    }, [key, applied]);
    await page.keyboard.press(key);
    times.push(await page.evaluate(() => window.__latency));
    await page.waitForTimeout(400); // the autosave of this change, outside the next measurement
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

async function glossRun(browser, server, ratio) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: ratio });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));

  // Navigation -> the frame after the one that first shows the article (a task link): from the
  // page's start, each animation frame asks whether the article has been laid out on screen
  // (window.gloss.rectOf of its first character; null until a frame has drawn it). The timestamp
  // of the first animation frame that finds it is the moment the frame that drew it was on its way
  // to the screen.
  await page.addInitScript(() => {
    window.__articleShown = new Promise((resolve) => {
      const poll = (t) => {
        let rect = null;
        try { rect = window.gloss && window.gloss.rectOf(0); } catch { /* not ready yet */ }
        if (rect) resolve(t); else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
  });
  const firstFrame = async (file) => {
    await page.goto(`${server.url}?tasks=${file}&annotator=bench&assist=on`);
    return page.evaluate(async () => {
      const at = await window.__articleShown;
      await window.gloss.taskLoaded;
      const entry = (name) => performance.getEntriesByType("resource").find((e) => e.name.includes(name));
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        at,
        parts: {
          "gloss.js fetched": entry("gloss")?.responseEnd,
          "wasm fetched": performance.getEntriesByType("resource").find((e) => /\.wasm/.test(e.name))?.responseEnd,
          "data fetched": performance.getEntriesByType("resource").find((e) => /\.data/.test(e.name))?.responseEnd,
          "main() starts": mark("gloss-main"), "fonts": mark("gloss-fonts"), "lexicon": mark("gloss-lexicon"),
          "saved session or samples": mark("gloss-documents"), "first frame": mark("gloss-first-frame"),
          "tasks loaded": mark("gloss-tasks-loaded"),
        },
      };
    });
  };
  const smallOpen = await firstFrame("bench-small.jsonl");
  await page.evaluate(() => window.gloss.clearSavedSession());
  const bigOpen = await firstFrame("bench-big.jsonl");
  if (OPEN_ONLY) {
    await context.close();
    return { smallOpen, bigOpen, problems };
  }
  await page.waitForFunction(() => !window.gloss.state().assistBusy, null, { timeout: 180000, polling: 500 });
  const suggestions = await page.evaluate(() => window.gloss.state().suggestions);
  await page.waitForFunction(() => window.gloss.isSaved(), null, { timeout: 60000, polling: 200 });

  const countsBefore = await page.evaluate(() => window.gloss.frameCounts());
  const idle = await measureIdle(page);
  const countsAfter = await page.evaluate(() => window.gloss.frameCounts());
  const idleFrames = { run: countsAfter.run - countsBefore.run, rendered: countsAfter.rendered - countsBefore.rendered };
  const scroll = await measureScroll(page);
  await page.evaluate(() => window.gloss.startProfiling());
  const label = await measureKey(page, "p",
    (i) => page.evaluate((s) => window.gloss.select("big", s, s + 4), 1000 + i * 50),
    `const off = window.gloss.on("change", () => { off(); done(); });`);
  const labelFrames = await page.evaluate(() => window.gloss.stopProfiling());
  await page.evaluate(() => window.gloss.clearSavedSession());
  await context.close();
  return { smallOpen, bigOpen, suggestions, idle, idleFrames, scroll, label, labelFrames, problems };
}

async function floorRun(browser, server, ratio) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: ratio });
  const page = await context.newPage();
  await page.goto(`${server.url}floor.html`);
  const idle = await measureIdle(page);
  const scroll = await measureScroll(page);
  const label = await measureKey(page, "p", async () => {}, `window.onFloorFrame = () => { window.onFloorFrame = null; done(); };`);
  await context.close();
  return { idle, scroll, label };
}

// The floor's cold start: a browser of its own, the blank canvas its first page; navigation to
// the timestamp of the frame after the one that first draws it.
async function floorOpen(server, ratio) {
  const cold = await launch();
  try {
    const context = await cold.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: ratio });
    const page = await context.newPage();
    await page.goto(`${server.url}floor.html`);
    return await page.evaluate(() => window.afterFirstFrame);
  } finally {
    await cold.close();
  }
}

// The pages and task files are served by nginx beside dist/ (a directory of links to its files),
// as a site would serve them: files handed over by the DevTools protocol (page.route) arrive late.
const doc = article(2 * 1024 * 1024, 20000);
const big = JSON.stringify({ id: "big", text: doc.text, spans: doc.spans }) + "\n";
const smallDoc = article(5 * 1024, 40, 777);
const small = JSON.stringify({ id: "small", text: smallDoc.text, spans: smallDoc.spans }) + "\n";
const site = mkdtempSync(path.join(os.tmpdir(), "gloss-bench-"));
for (const name of readdirSync(dist)) symlinkSync(path.join(dist, name), path.join(site, name));
writeFileSync(path.join(site, "bench-big.jsonl"), big);
writeFileSync(path.join(site, "bench-small.jsonl"), small);
writeFileSync(path.join(site, "floor.html"), FLOOR);
const server = await serve(site);
const browser = await launch();
try {
  console.log(`article: ${(Buffer.byteLength(doc.text) / 1048576).toFixed(2)} MB, ${doc.length} code points, ${doc.spans.length} spans; small: ${Buffer.byteLength(smallDoc.text)} bytes`);
  for (const ratio of (process.env.BENCH_RATIOS || "1,2").split(",").map(Number)) {
    const floor = OPEN_ONLY ? null : await floorRun(browser, server, ratio);
    const gloss = await glossRun(browser, server, ratio);
    const floorCold = await floorOpen(server, ratio);
    console.log(`\n== 1280x800, devicePixelRatio ${ratio}`);
    console.log(`navigation -> first frame showing the article: 5 KB ${gloss.smallOpen.at.toFixed(0)} ms, 2 MB ${gloss.bigOpen.at.toFixed(0)} ms; ` +
      `the floor (a blank WebGL2 canvas, the first page of a browser of its own): ${floorCold.toFixed(0)} ms`);
    for (const [which, open] of [["5 KB", gloss.smallOpen], ["2 MB", gloss.bigOpen]])
      console.log(`  ${which} cold start parts (ms from navigation): ` + Object.entries(open.parts).map(([k, v]) => `${k} ${Number.isFinite(v) ? v.toFixed(0) : "-"}`).join(", "));
    if (OPEN_ONLY) continue;
    console.log(`Assist on the 2 MB article: ${gloss.suggestions} suggestions pending`);
    console.log(`| measured | Gloss | blank WebGL2 canvas (floor) |`);
    console.log(`|---|---|---|`);
    console.log(`| CPU while idle, 10 s, all browser processes | ${gloss.idle.toFixed(2)} s | ${floor.idle.toFixed(2)} s |`);
    console.log(`| frame interval while scrolling, p50 / p95 / max | ${f1(gloss.scroll.p50)} / ${f1(gloss.scroll.p95)} / ${f1(gloss.scroll.max)} ms | ${f1(floor.scroll.p50)} / ${f1(floor.scroll.p95)} / ${f1(floor.scroll.max)} ms |`);
    console.log(`| label key -> next frame after the span is in the store, p50 / p95 / max | ${f1(gloss.label.p50)} / ${f1(gloss.label.p95)} / ${f1(gloss.label.max)} ms | ${f1(floor.label.p50)} / ${f1(floor.label.p95)} / ${f1(floor.label.max)} ms (key -> next frame after its draw) |`);
    console.log(`frames the app ran / rendered while idle: ${gloss.idleFrames.run} / ${gloss.idleFrames.rendered}; main-thread time of frames around the labels: p50 ${f1(percentile(gloss.labelFrames, 50))} ms, max ${f1(Math.max(...gloss.labelFrames))} ms`);
    if (gloss.problems.length) console.log(`page problems: ${gloss.problems.join("; ")}`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(site, { recursive: true, force: true });
}
