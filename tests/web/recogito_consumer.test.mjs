// A real consumer of the W3C Web Annotation export: @recogito/text-annotator 4.1.1 (from npm, its
// UMD bundle served from node_modules on 127.0.0.1) loads what `gloss convert … OUT --to w3c`
// writes (annotations.w3c.jsonld beside texts.jsonl). Each document's text is put into an element
// as plain text, a text annotator is created on it with text-annotator's W3CTextFormat adapter,
// the document's annotations are loaded, and every exported span must be placed on its own text
// (the DOM Range text-annotator makes for it, and a highlight drawn for it) with its label.
// text-annotator places an annotation by its TextPositionSelector alone, counting UTF-16 units of
// the element's text nodes (reviveSelector in dist/text-annotator.es.js walks the text nodes and
// adds up `textContent.length`); the TextQuoteSelector is kept as the quote but not used to find
// the text. A document written here puts accents, curly quotes, emoji outside the BMP and ZWJ
// sequences before nested and overlapping spans, so a wrong unit would land elsewhere.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, artifacts, servePython, launch, newPage, documents } from "./support.mjs";
import { TEXT, SPANS } from "./consumer_document.mjs";

const gloss = path.join(root, "build/native/gloss");
const taDist = path.join(root, "node_modules/@recogito/text-annotator/dist");
const skip = existsSync(gloss) ? false : `${gloss} is missing: build it first (scripts/build native)`;


const CONSUMER = { id: "consumer", text: TEXT, offset_unit: "codepoint", spans: SPANS };

// How Gloss names a span's annotation: string ids as given, numbers as "#s" and the number.
const annotationId = (id) => (typeof id === "number" ? `#s${id}` : id);

// [Export] Runs the CLI; returns the annotations and the texts it wrote.
function exportW3C(dir, jsonl, name) {
  const out = path.join(dir, name);
  execFileSync(gloss, ["convert", jsonl, out, "--to", "w3c"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  return {
    annotations: JSON.parse(readFileSync(path.join(out, "annotations.w3c.jsonld"), "utf8")),
    texts: documents(readFileSync(path.join(out, "texts.jsonl"), "utf8")),
  };
}

// [Page] text-annotator's dist/ and an empty page that loads its UMD bundle (window.RecogitoJS).
// The bundle keeps nanostores' `process.env.NODE_ENV` check, which a bundler would replace: the
// page defines it as a bundler would for a production build.
let server;
let browser;
let page;
let dir;
before(async () => {
  if (skip) return;
  if (!existsSync(path.join(taDist, "text-annotator.umd.js")))
    throw new Error(`${taDist} is missing: run scripts/setup (npm ci installs @recogito/text-annotator)`);
  dir = mkdtempSync(path.join(os.tmpdir(), "gloss-recogito-"));
  const site = path.join(dir, "site");
  mkdirSync(site);
  symlinkSync(taDist, path.join(site, "ta"));
  writeFileSync(path.join(site, "index.html"), `<!doctype html>
<html><head><meta charset="utf-8"><title>text-annotator consumer test</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="ta/text-annotator.css">
<script>window.process = { env: { NODE_ENV: "production" } };</script>
<script src="ta/text-annotator.umd.js"></script>
<style>body { font: 16px/1.6 sans-serif; margin: 16px; } .doc { white-space: pre-wrap; max-width: 900px; margin: 0 0 12px; padding: 8px; border: 1px solid #ccc; }
h2 { font-size: 13px; margin: 0 0 4px; color: #555; }</style></head>
<body></body></html>
`);
  server = await servePython(site);
  browser = await launch();
  page = await newPage(browser, { width: 1280, height: 900 });
  // Requests to anything but our server fail the test (nothing may be fetched from elsewhere).
  page.outside = [];
  await page.route("**/*", (route) => {
    if (route.request().url().startsWith(server.url)) return route.continue();
    page.outside.push(route.request().url());
    return route.abort();
  });
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.RecogitoJS?.createTextAnnotator === "function");
});
after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Puts every text of the export on the page (one element each, the text as plain text), creates a
// text annotator on each with the W3C adapter and loads the annotations whose target's source is
// that text. Returns, per document, the element's text and, per annotation text-annotator keeps,
// its id, position, quote, the text of the Range it placed the annotation on, its tagging bodies,
// and whether that Range is non-empty.
async function loadInTextAnnotator({ annotations, texts }) {
  await page.evaluate(({ annotations, texts }) => {
    for (const a of window.__annotators ?? []) a.destroy();
    document.body.replaceChildren();
    window.__annotators = texts.map((doc, n) => {
      const title = document.createElement("h2");
      title.textContent = doc.id;
      const element = document.createElement("div");
      element.className = "doc";
      element.id = `doc-${n}`;
      element.textContent = doc.text;
      document.body.append(title, element);
      const { createTextAnnotator, W3CTextFormat } = window.RecogitoJS;
      const anno = createTextAnnotator(element, { adapter: W3CTextFormat(doc.id, element) });
      const mine = annotations.filter((a) => [a.target].flat().some((t) => t.source === doc.id));
      // replace = false: text-annotator's store places (revives) each annotation as it upserts
      // it; the default (replace) path of @annotorious/core's syncAnnotations does not revive.
      anno.setAnnotations(mine, false);
      return anno;
    });
  }, { annotations, texts });
  // Wait until every loaded annotation has a highlight drawn (the SPANS renderer draws on a frame).
  const handle = await page.waitForFunction((count) => {
    const ids = window.__annotators.flatMap((a) => a.state.store.all().map((x) => x.id));
    if (ids.length < count) return false;
    const drawn = new Set([...document.querySelectorAll(".r6o-annotation")].map((e) => e.dataset.annotation));
    if (!ids.every((id) => drawn.has(id))) return false;
    return window.__annotators.map((anno) => ({
      text: [...anno.element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join(""),
      annotations: anno.state.store.all().map((a) => ({
        id: a.id,
        selectors: a.target.selector.map((s) => ({
          start: s.start, end: s.end, quote: s.quote,
          placed: s.range instanceof Range && !s.range.collapsed ? s.range.toString() : null,
        })),
        tags: a.bodies.filter((b) => b.purpose === "tagging").map((b) => b.value),
        highlights: document.querySelectorAll(`.r6o-annotation[data-annotation="${CSS.escape(a.id)}"]`).length,
        rects: anno.state.store.getAnnotationRects(a.id).length,
      })),
      exported: anno.getAnnotations().length,
    }));
  }, annotations.filter((a) => a.motivation !== "linking").length, { timeout: 10000, polling: 50 }).catch(async (error) => {
    const seen = await page.evaluate(() => window.__annotators.map((anno) => anno.state.store.all().map((a) =>
      `${a.id} ${a.target.selector.map((s) => `${s.start}-${s.end} revived=${s.range instanceof Range && !s.range.collapsed}`)}`)));
    throw new Error(`text-annotator did not place and draw every span's annotation: ${JSON.stringify(seen)} (${error.message})`);
  });
  return handle.jsonValue();
}

// Loads the export and checks every exported span against the Gloss documents.
async function checkExport(docs, exported, shotName) {
  const kept = docs.map((doc) => ({ ...doc, spans: (doc.spans ?? []).filter((s) => s.status !== "rejected") }));
  assert.deepEqual(exported.texts.map((t) => [t.id, t.text]), kept.map((d) => [String(d.id), d.text]), "texts.jsonl holds every document's text");
  // Relations are "linking" annotations whose targets are the spans' annotation ids, not text:
  // text-annotator (without a connector plugin) has nothing to place them on, so only the spans'
  // annotations (targets with a source) are loaded.
  const linking = exported.annotations.filter((a) => a.motivation === "linking");
  assert.equal(linking.length, kept.reduce((n, d) => n + (d.relations ?? []).length, 0), "one linking annotation per relation");
  assert.equal(exported.annotations.length - linking.length, kept.reduce((n, d) => n + d.spans.length, 0), "one annotation per span");
  const seen = await loadInTextAnnotator(exported);
  for (const [i, doc] of kept.entries()) {
    const { text, annotations, exported: count } = seen[i];
    assert.equal(text, doc.text, `${doc.id}: the element holds the document's text`);
    assert.equal(annotations.length, doc.spans.length, `${doc.id}: text-annotator keeps one annotation per span`);
    assert.equal(count, doc.spans.length, `${doc.id}: and gives every one back`);
    for (const span of doc.spans) {
      const where = `${doc.id} span ${span.id} (${span.label} "${span.text}")`;
      const annotation = annotations.find((a) => a.id === annotationId(span.id));
      assert.ok(annotation, `${where} is an annotation in text-annotator: ${JSON.stringify(annotations.map((a) => a.id))}`);
      assert.equal(annotation.selectors.length, 1, `${where}: one selector`);
      const [selector] = annotation.selectors;
      assert.equal(selector.placed, span.text, `${where}: the text text-annotator places the annotation on`);
      assert.equal(selector.quote, span.text, `${where}: the quote text-annotator keeps`);
      assert.deepEqual(annotation.tags, [span.label], `${where}: its label`);
      assert.ok(annotation.highlights > 0 && annotation.rects > 0, `${where}: a highlight is drawn`);
    }
  }
  await page.screenshot({ path: path.join(artifacts, shotName), fullPage: true });
  assert.deepEqual(page.outside, [], "nothing fetched from outside 127.0.0.1");
  assert.deepEqual(page.problems, [], "no page or console errors");
}

test("text-annotator 4.1.1 places every span of the fixture's W3C export on its text", { skip, timeout: 60000 }, async () => {
  const source = path.join(root, "tests/fixtures/formats/source.jsonl");
  const docs = documents(readFileSync(source, "utf8"));
  await checkExport(docs, exportW3C(dir, source, "source"), "recogito_source.png");
});

test("text-annotator 4.1.1 places nested and overlapping spans after emoji and ZWJ sequences on their text", { skip, timeout: 60000 }, async () => {
  const jsonl = path.join(dir, "consumer.jsonl");
  writeFileSync(jsonl, JSON.stringify(CONSUMER) + "\n");
  await checkExport([CONSUMER], exportW3C(dir, jsonl, "consumer"), "recogito_consumer.png");
});
