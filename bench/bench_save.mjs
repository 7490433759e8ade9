// Saving benchmark (not a test): the edit journal on the 2 MB / 20,000-span article, in headless
// Chromium at 1280x800, devicePixelRatio 1, with real IndexedDB:
//   - the snapshot of the whole project after it is loaded (written in idle slices): the time to
//     "saved", the number of slices and the longest;
//   - 50 label edits, one every 150 ms, with saving on: the main-thread time of every frame and
//     of every piece of saving work between frames (startProfiling), p50 / max; every long task
//     (over 50 ms, PerformanceObserver); the bytes stored per edit;
//   - a reload: navigation -> the restored project (the record and the 50 entries replayed) on
//     screen, with its parts.
// Assist is off: its own frames are measured by bench_browser.mjs; here only saving is.
// Run: node bench/bench_save.mjs   (needs dist/ built: scripts/build web)
import { serve, launch, readStored } from "../tests/web/support.mjs";
import { article } from "./article.mjs";

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const f1 = (x) => x.toFixed(1);

const server = await serve();
const browser = await launch();
try {
  const doc = article(2 * 1024 * 1024, 20000);
  const big = JSON.stringify({ id: "big", text: doc.text, spans: doc.spans }) + "\n";
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // BENCH_NO_STORAGE=1: the same without IndexedDB (nothing is saved): the floor for the frames.
  if (process.env.BENCH_NO_STORAGE) await context.addInitScript(() => { Object.defineProperty(window, "indexedDB", { value: undefined }); });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  if (process.env.BENCH_VERBOSE) page.on("console", (m) => { if (m.text().startsWith("DEBUG")) console.log(m.text()); });
  await page.goto(`${server.url}?assist=off`);
  await page.evaluate(() => window.gloss.ready);
  await page.evaluate(() => {
    // Saving's own main-thread work, timed where the page hands it over: each idle slice of a
    // snapshot (its last one stores it), each journal entry handed to IndexedDB.
    window.__slices = [];
    window.__entries = [];
    const ccall = Module.ccall;
    Module.ccall = function (name, ...rest) {
      const begin = performance.now();
      const result = ccall.call(this, name, ...rest);
      if (name === "gloss_autosave_compact_step") window.__slices.push(performance.now() - begin);
      return result;
    };
    const storeEntry = Module.glossStoreEntry;
    Module.glossStoreEntry = (...args) => {
      const begin = performance.now();
      storeEntry(...args);
      window.__entries.push(performance.now() - begin);
    };
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: "longtask", buffered: false });
  });

  // The load, then its snapshot.
  await page.evaluate(() => window.gloss.startProfiling());
  const loaded = await page.evaluate(async (big) => {
    const begin = performance.now();
    window.gloss.loadDocuments(big, { replace: true });
    const afterLoad = performance.now();
    while (!window.gloss.isSaved() && !/^Not saved/.test(window.gloss.state().saveState)) await new Promise((r) => setTimeout(r, 10));
    return { load: afterLoad - begin, saved: performance.now() - afterLoad };
  }, big);
  const snapshotWork = await page.evaluate(() => window.gloss.stopProfiling());
  const slices = await page.evaluate(() => window.__slices.splice(0));
  if (process.env.BENCH_VERBOSE) console.log("idle slices:", slices.map((t) => t.toFixed(1)).join(" "));
  if (process.env.BENCH_VERBOSE) console.log("pieces while saving the load:", snapshotWork.map((t) => t.toFixed(1)).join(" "));
  const noStorage = Boolean(process.env.BENCH_NO_STORAGE);
  const stored = noStorage ? null : JSON.parse(await readStored(page));
  const projectBytes = noStorage ? 0 : Buffer.byteLength(stored.record.project);
  const longAfterLoad = await page.evaluate(() => window.__longTasks.splice(0));

  // 50 edits with saving on.
  await page.evaluate(() => window.gloss.startProfiling());
  for (let i = 0; i < 50; i++) {
    await page.evaluate((s) => window.gloss.select("big", s, s + 4), 5000 + i * 997);
    await page.keyboard.press("p");
    await page.waitForTimeout(150);
  }
  await page.waitForFunction(() => window.gloss.isSaved() || /^Not saved/.test(window.gloss.state().saveState), null, { timeout: 60000, polling: 20 });
  const editWork = await page.evaluate(() => window.gloss.stopProfiling());
  const entryWork = await page.evaluate(() => window.__entries.splice(0));
  const longDuringEdits = await page.evaluate(() => window.__longTasks.splice(0));
  const entryBytes = noStorage ? [0] : JSON.parse(await readStored(page)).journal.map((e) => Buffer.byteLength(e.entry));
  const spans = await page.evaluate(() => JSON.parse(window.gloss.getAnnotations().split("\n")[0]).spans.length);

  // A reload: the record and the entries replayed.
  await page.reload();
  const restore = await page.evaluate(async () => {
    await window.gloss.ready;
    const at = await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    return { at, main: mark("gloss-main"), documents: mark("gloss-documents"), firstFrame: mark("gloss-first-frame") };
  });
  const restoredSpans = await page.evaluate(() => JSON.parse(window.gloss.getAnnotations().split("\n")[0]).spans.length);
  if (!noStorage) await page.evaluate(() => window.gloss.clearSavedSession());
  await context.close();

  console.log(`article: ${(Buffer.byteLength(doc.text) / 1048576).toFixed(2)} MB, ${doc.spans.length} spans; stored project ${(projectBytes / 1048576).toFixed(2)} MB`);
  console.log(`load (parse, check, index): ${loaded.load.toFixed(0)} ms; then saved (the snapshot, in idle slices) ${loaded.saved.toFixed(0)} ms later`);
  if (slices.length) console.log(`  its idle slices: ${slices.length}, p50 ${f1(percentile(slices, 50))} ms, max ${f1(Math.max(...slices))} ms (the last one stores it)`);
  console.log(`  main-thread pieces while saving the load: ${snapshotWork.length}, p50 ${f1(percentile(snapshotWork, 50))} ms, max ${f1(Math.max(...snapshotWork))} ms; long tasks (> 50 ms) after the load: ${longAfterLoad.map((d) => d.toFixed(0)).join(", ") || "none"}`);
  console.log(`50 edits, one every 150 ms: frames and saving work ${editWork.length} pieces, p50 ${f1(percentile(editWork, 50))} ms, p95 ${f1(percentile(editWork, 95))} ms, max ${f1(Math.max(...editWork))} ms; long tasks: ${longDuringEdits.map((d) => d.toFixed(0)).join(", ") || "none"}`);
  if (entryWork.length) console.log(`  handing each entry to IndexedDB: p50 ${f1(percentile(entryWork, 50))} ms, max ${f1(Math.max(...entryWork))} ms`);
  console.log(`  journal entries stored: ${entryBytes.length}, bytes p50 ${percentile(entryBytes, 50)}, max ${Math.max(...entryBytes)}; spans ${spans}`);
  console.log(`reload -> restored article on screen: ${restore.at.toFixed(0)} ms (main() ${restore.main.toFixed(0)}, record + entries restored by ${restore.documents.toFixed(0)}, first frame ${restore.firstFrame.toFixed(0)}); spans ${restoredSpans}`);
  if (problems.length) console.log(`page problems: ${problems.join("; ")}`);
} finally {
  await browser.close();
  server.close();
}
