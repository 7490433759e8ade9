// A real consumer of the Label Studio export: the Label Studio editor itself (1.4.0 from npm, its
// build served from node_modules on 127.0.0.1) loads what `gloss convert … OUT.ls.json` writes,
// with OUT_config.xml, and must show every exported span as a region with the span's text and
// label — accepted spans in the annotation of their annotator, pending ones in the prediction —
// and every relation between the same regions. A document written here puts accents, curly
// quotes, emoji outside the BMP, ZWJ and flag sequences before nested and overlapping spans with
// string ids. Label Studio 1.4.0 counts the Text tag's offsets in code points (its
// utils/selection-tools.js `findRange` → `codePointsToChars`), the unit Gloss writes; the last
// test pins that down by showing the same export in UTF-16 units lands on other text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, artifacts, servePython, launch, newPage, documents } from "./support.mjs";
import { TEXT, SPANS } from "./consumer_document.mjs";

const gloss = path.join(root, "build/native/gloss");
const lsBuild = path.join(root, "node_modules/@heartexlabs/label-studio/build");
const skip = existsSync(gloss) ? false : `${gloss} is missing: build it first (scripts/build native)`;


const CONSUMER = {
  id: "consumer",
  text: TEXT,
  offset_unit: "codepoint",
  spans: SPANS,
  relations: [{ id: "rel-1", type: "speaker", from: "r7", to: "r8" }, { id: 2, type: "speaker", from: "r2", to: "r1" }],
};

// [Export] Runs the CLI; returns the tasks and the config it wrote.
function exportLabelStudio(dir, jsonl, name, extra = []) {
  const out = path.join(dir, `${name}.ls.json`);
  execFileSync(gloss, ["convert", jsonl, out, ...extra], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  return {
    tasks: JSON.parse(readFileSync(out, "utf8")),
    config: readFileSync(path.join(dir, `${name}_config.xml`), "utf8"),
  };
}

// How Gloss names a span's region: string ids as given, numbers as "s" and the number.
const regionId = (id) => (typeof id === "number" ? `s${id}` : id);

// [Page] Label Studio's build and an empty page that loads it, served from one folder.
let server;
let browser;
let page;
let dir;
before(async () => {
  if (skip) return;
  if (!existsSync(path.join(lsBuild, "static/js/main.js")))
    throw new Error(`${lsBuild} is missing: run scripts/setup (npm ci installs @heartexlabs/label-studio)`);
  dir = mkdtempSync(path.join(os.tmpdir(), "gloss-ls-"));
  const site = path.join(dir, "site");
  mkdirSync(site);
  symlinkSync(lsBuild, path.join(site, "ls"));
  writeFileSync(path.join(site, "index.html"), `<!doctype html>
<html><head><meta charset="utf-8"><title>Label Studio consumer test</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="ls/static/css/main.css"><script src="ls/static/js/main.js"></script></head>
<body><div id="label-studio"></div></body></html>
`);
  server = await servePython(site);
  browser = await launch();
  page = await openPage();
});
after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A page with Label Studio's build loaded. Requests to anything but our server fail the test
// (nothing may be fetched from elsewhere).
async function openPage() {
  const page = await newPage(browser, { width: 1280, height: 720 });
  page.outside = [];
  await page.route("**/*", (route) => {
    if (route.request().url().startsWith(server.url)) return route.continue();
    page.outside.push(route.request().url());
    return route.abort();
  });
  await page.goto(server.url);
  return page;
}

// Shows one task in a new Label Studio editor (the previous one destroyed). A task with neither
// annotations nor predictions gets an empty annotation for the user, as Label Studio's README
// embeds the editor (`onLabelStudioLoad`): 1.4.0 throws in a reaction when nothing is selected.
async function showTask(page, config, task) {
  await page.evaluate(({ config, task }) => {
    const blank = !(task.annotations ?? []).length && !(task.predictions ?? []).length;
    window.__ls?.destroy();
    window.__ls = new window.LabelStudio("label-studio", {
      config,
      task,
      interfaces: ["panel", "controls", "side-column", "annotations:tabs", "annotations:menu", "predictions:tabs", "predictions:menu"],
      user: { id: 1, firstName: "Gloss", lastName: "Test" },
      onLabelStudioLoad: blank ? (ls) => ls.annotationStore.selectAnnotation(ls.annotationStore.addAnnotation({ userGenerate: true }).id) : undefined,
    });
  }, { config, task });
  await page.waitForFunction(() => window.__ls.store?.annotationStore);
}

// Selects an annotation (by its id in the task) or the prediction (by index), waits until it
// shows `count` regions, each highlighted in the text, and reads them from Label Studio's store:
// the region's id, offsets, text and labels, the text its highlight covers on the page, and the
// relations. Resolves with what is there when it times out, so a missing region is named.
async function readEntity(page, kind, key, count) {
  const handle = await page.waitForFunction(({ kind, key, count }) => {
    const as = window.__ls.store.annotationStore;
    const entity = kind === "annotation" ? as.annotations.find((a) => String(a.pk) === String(key)) : as.predictions[key];
    if (!entity) return false;
    if (as.selected !== entity) {
      if (kind === "annotation") as.selectAnnotation(entity.id); else as.selectPrediction(entity.id);
      return false;
    }
    // What a reader sees highlighted: the text from the start of a region's first highlight to
    // the end of its last, with each line break (Label Studio draws "\n" as <br>) as "\n".
    const shownText = (spans) => {
      const range = document.createRange();
      range.setStartBefore(spans[0]);
      range.setEndAfter(spans[spans.length - 1]);
      const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_ALL);
      let text = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!range.intersectsNode(node)) continue;
        if (node.nodeType === Node.TEXT_NODE) text += node.data;
        else if (node.nodeName === "BR") text += "\n";
      }
      return text;
    };
    const regions = entity.regionStore.regions;
    if (regions.length < count || !regions.every((r) => r._hasSpans)) return false;
    return {
      regions: regions.map((r) => ({
        id: r.cleanId,
        start: r.startOffset,
        end: r.endOffset,
        text: r.text,
        shown: shownText(r._spans),
        labels: r.labels,
      })),
      relations: entity.relationStore.relations.map((r) => ({
        from: r.node1.cleanId, to: r.node2.cleanId, direction: r.direction, labels: r.relations ? r.relations.selectedValues() : [],
      })),
    };
  }, { kind, key, count }, { timeout: 10000, polling: 50 }).catch(async (error) => {
    const seen = await page.evaluate(({ kind, key }) => {
      const as = window.__ls.store.annotationStore;
      const entity = kind === "annotation" ? as.annotations.find((a) => String(a.pk) === String(key)) : as.predictions[key];
      return entity ? entity.regionStore.regions.map((r) => `${r.cleanId} ${r.labels} "${r.text}" highlighted=${r._hasSpans}`) : "no such entity";
    }, { kind, key });
    throw new Error(`Label Studio did not show ${count} regions in ${kind} ${key}: ${JSON.stringify(seen)} (${error.message})`);
  });
  return handle.jsonValue();
}

// The spans of `doc` that Gloss writes to Label Studio, grouped as it writes them: accepted
// spans in one annotation per annotator ("" for none), pending ones in the prediction.
function expectedGroups(doc) {
  const groups = new Map();
  for (const span of doc.spans) {
    if (span.status === "rejected") continue;
    const key = span.status === "pending" ? "prediction" : `annotation:${span.annotator ?? ""}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(span);
  }
  return groups;
}

const annotatorOf = (annotation) => {
  const by = annotation.completed_by;
  return by == null ? "" : typeof by === "object" ? String(by.email ?? by.id ?? "") : String(by);
};

// Loads every task of an export in Label Studio and checks it against the Gloss documents.
async function checkExport(docs, { tasks, config }, shotName) {
  assert.equal(tasks.length, docs.length, "one task per document");
  for (const [i, doc] of docs.entries()) {
    const task = tasks[i];
    assert.equal(task.data.text, doc.text, `${doc.id}: the task's text is the document's`);
    const groups = expectedGroups(doc);
    await showTask(page, config, task);
    const counts = await page.evaluate(() => {
      const as = window.__ls.store.annotationStore;
      return { annotations: as.annotations.length, predictions: as.predictions.length };
    });
    const blank = !(task.annotations ?? []).length && !(task.predictions ?? []).length;
    assert.deepEqual(counts, { annotations: (task.annotations ?? []).length + (blank ? 1 : 0), predictions: (task.predictions ?? []).length },
      `${doc.id}: Label Studio took every annotation and prediction`);
    if (blank) {
      assert.equal(groups.size, 0, `${doc.id}: a task with no annotations comes from a document with no spans`);
      const shown = await page.waitForFunction(() => {
        const text = window.__ls.store.annotationStore.selected?.names.get("text");
        return text?._value && text.rootNodeRef?.current?.textContent;
      });
      assert.equal(await shown.jsonValue(), doc.text.replace(/[\r\n]/g, ""), `${doc.id}: Label Studio shows the text`);
    }
    const entities = [
      ...(task.annotations ?? []).map((a) => ({ kind: "annotation", key: a.id, group: `annotation:${annotatorOf(a)}` })),
      ...(task.predictions ?? []).map((_, n) => ({ kind: "prediction", key: n, group: "prediction" })),
    ];
    assert.deepEqual(entities.map((e) => e.group).sort(), [...groups.keys()].sort(), `${doc.id}: one annotation per annotator, one prediction`);
    for (const { kind, key, group } of entities) {
      const spans = groups.get(group);
      const where = `${doc.id} ${group}`;
      const seen = await readEntity(page, kind, key, spans.length);
      assert.equal(seen.regions.length, spans.length, `${where}: one region per span`);
      for (const span of spans) {
        const region = seen.regions.find((r) => r.id === regionId(span.id));
        assert.ok(region, `${where}: span ${span.id} (${span.label} "${span.text}") is a region: ${JSON.stringify(seen.regions)}`);
        assert.deepEqual(region.labels, [span.label], `${where}: span ${span.id}'s label`);
        assert.equal(region.shown, span.text, `${where}: the text Label Studio highlights for span ${span.id}`);
        // Label Studio keeps as a region's text the string of its DOM range, in which a <br> is
        // nothing: a line break inside a span is missing there (and from the text it saves).
        assert.equal(region.text, span.text.replace(/[\r\n]/g, ""), `${where}: the region text Label Studio keeps for span ${span.id}`);
        assert.deepEqual([region.start, region.end], [span.start, span.end], `${where}: span ${span.id}'s offsets`);
      }
      if (kind === "annotation") {
        const ids = new Set(spans.map((s) => s.id));
        const relations = (doc.relations ?? []).filter((r) => ids.has(r.from) && ids.has(r.to));
        assert.deepEqual(
          seen.relations.map((r) => `${r.from} -> ${r.to} ${r.direction} ${r.labels}`).sort(),
          relations.map((r) => `${regionId(r.from)} -> ${regionId(r.to)} right ${r.type}`).sort(),
          `${where}: relations`);
      }
    }
    if (shotName && i === 0 && entities.length) {
      // The annotation with the most regions, highlighted, for a reader of the artifacts.
      const most = entities.reduce((a, b) => (groups.get(b.group).length > groups.get(a.group).length ? b : a));
      await readEntity(page, most.kind, most.key, groups.get(most.group).length);
      await page.screenshot({ path: path.join(artifacts, shotName) });
    }
    assert.deepEqual(page.outside, [], `${doc.id}: nothing fetched from outside 127.0.0.1`);
    assert.deepEqual(page.problems, [], `${doc.id}: no page or console errors`);
  }
}

test("Label Studio 1.4.0 shows every span of the fixture export as a region with its text and label", { skip, timeout: 60000 }, async () => {
  const source = path.join(root, "tests/fixtures/formats/source.jsonl");
  const docs = documents(readFileSync(source, "utf8"));
  await checkExport(docs, exportLabelStudio(dir, source, "source"), "label_studio_source.png");
});

test("Label Studio 1.4.0 shows string-id, nested and overlapping spans after emoji and ZWJ sequences", { skip, timeout: 60000 }, async () => {
  const jsonl = path.join(dir, "consumer.jsonl");
  writeFileSync(jsonl, JSON.stringify(CONSUMER) + "\n");
  await checkExport([CONSUMER], exportLabelStudio(dir, jsonl, "consumer"), "label_studio_consumer.png");
});

// Evidence for the unit: the same task with UTF-16 offsets (--offset-unit utf16) puts every
// span after an astral character on other text in Label Studio; spans before one are unmoved.
test("Label Studio 1.4.0 counts code points: UTF-16 offsets land on other text after an emoji", { skip, timeout: 60000 }, async () => {
  const jsonl = path.join(dir, "consumer.jsonl");
  writeFileSync(jsonl, JSON.stringify(CONSUMER) + "\n");
  const { tasks, config } = exportLabelStudio(dir, jsonl, "consumer16", ["--offset-unit", "utf16"]);
  await showTask(page, config, tasks[0]);
  const ann1 = tasks[0].annotations.find((a) => annotatorOf(a) === "ann1");
  const spans = SPANS.filter((s) => s.annotator === "ann1");
  const seen = await readEntity(page, "annotation", ann1.id, spans.length);
  const shown = Object.fromEntries(seen.regions.map((r) => [r.id, r.shown]));
  assert.equal(shown.r1, "Zoë", "no astral character before r1: the units agree");
  for (const span of spans.filter((s) => s.id !== "r1")) {
    assert.notEqual(shown[span.id], span.text, `UTF-16 offsets of ${span.id} ("${span.text}") land elsewhere in Label Studio`);
  }
  assert.deepEqual(page.problems, [], "no page or console errors");
});
