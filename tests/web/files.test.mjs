// Files in and out of the browser: the file input (what the Open… button and drag and drop
// use) with a malformed file and a good one, and exports in the formats io writes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launch, newPage, openApp, cpIndex, cpSlice, documents, dragText, nextFrames, artifacts } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

test("a malformed file shows its error in the interface and the work survives", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const start = cpIndex(doc.text, "Valletta");
  await dragText(page, start, start + 8);
  await page.keyboard.press("g");
  await nextFrames(page);
  const bad = '{"text":"Refa","spans":[{"start":0,"end":9,"label":"GPE"}]}\n{"text": nope}\n';
  await page.setInputFiles("#file-input", { name: "tasks.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(bad) });
  await page.waitForFunction(() => window.gloss.state().error !== "");
  const state = await page.evaluate(() => window.gloss.state());
  assert.match(state.error, /Could not open tasks\.jsonl \(your work is unchanged\)/);
  assert.match(state.error, /tasks\.jsonl:1: span end 9 is past the end of the text \(4 code points\)/);
  assert.match(state.error, /tasks\.jsonl:2:11: malformed JSON: value - invalid literal/);
  const [after] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.equal(after.spans.length, 1);
  assert.equal(after.spans[0].text, "Valletta");
  await nextFrames(page);
  await page.screenshot({ path: path.join(artifacts, "files-bad-file.png") });

  // Invalid UTF-8 is named with its place, not mangled by the browser on the way in.
  await page.setInputFiles("#file-input", { name: "broken.txt", mimeType: "text/plain", buffer: Buffer.from([0x63, 0x61, 0x66, 0xc3, 0x28]) });
  await page.waitForFunction(() => window.gloss.state().error.includes("broken.txt"));
  assert.match((await page.evaluate(() => window.gloss.state())).error, /broken\.txt:1:4: invalid UTF-8 at byte 3/);

  // A good .txt is added to the documents, and opened.
  const text = "“Free the hostages,” said anthony blinkenbut 👩‍👩‍👧 in Refa — José.";
  await page.setInputFiles("#file-input", { name: "article.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.waitForFunction(() => window.gloss.state().document === "article");
  const all = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.deepEqual(all.map((d) => d.id), ["harbour-talks", "river-summit", "article"]);
  assert.equal(all[2].text, text);
  assert.deepEqual(page.problems.filter((p) => !p.includes("gloss:")), []);
  await page.close();
});

test("exportAs writes every format io supports, with code-point slices in JSONL", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const start = cpIndex(doc.text, "Léa Marchetti");
  await dragText(page, start, start + 13);
  await page.keyboard.press("p");
  await nextFrames(page);
  const jsonl = documents(await page.evaluate(() => window.gloss.exportAs("jsonl")));
  for (const d of jsonl) for (const s of d.spans) assert.equal(cpSlice(d.text, s.start, s.end), s.text);
  const unknown = await page.evaluate(() => { try { window.gloss.exportAs("docx"); return ""; } catch (e) { return e.message; } });
  assert.match(unknown, /Cannot export as "docx"/);
  await page.close();
});

test("files dropped together are all added, Ctrl+Z takes an addition back, a clash asks", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  // Three files dropped at once (a real DataTransfer, as a drop from the desktop gives).
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["Zoë Ångström arrived in Zürich 😀."], "first.txt", { type: "text/plain" }));
    transfer.items.add(new File(["A second article."], "second.txt", { type: "text/plain" }));
    transfer.items.add(new File(['{"id":"third","text":"A third, as JSONL."}\n'], "third.jsonl"));
    document.getElementById("canvas").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => window.gloss.state().documents === 5);
  const ids = async () => documents(await page.evaluate(() => window.gloss.getAnnotations())).map((d) => d.id);
  assert.deepEqual(await ids(), ["harbour-talks", "river-summit", "first", "second", "third"]);
  await page.keyboard.press("Control+z"); // the last addition
  await nextFrames(page);
  assert.deepEqual(await ids(), ["harbour-talks", "river-summit", "first", "second"]);
  // A file whose id is there already: the app asks; S skips it.
  await page.setInputFiles("#file-input", { name: "again.jsonl", buffer: Buffer.from('{"id":"first","text":"Other text."}\n{"id":"fourth","text":"Four."}\n') });
  await page.waitForFunction(() => window.gloss.frameCounts().run > 0);
  await nextFrames(page);
  assert.deepEqual(await ids(), ["harbour-talks", "river-summit", "first", "second"], "nothing before the answer");
  await page.keyboard.press("s");
  await nextFrames(page);
  assert.deepEqual(await ids(), ["harbour-talks", "river-summit", "first", "second", "fourth"]);
  // loadDocuments adds too; a clash is an error unless the caller says what to do.
  const error = await page.evaluate(() => { try { window.gloss.loadDocuments('{"id":"second","text":"x"}\n', "api.jsonl"); return ""; } catch (e) { return e.message; } });
  assert.match(error, /1 of these documents are in the project already \(second\)/);
  await page.evaluate(() => window.gloss.loadDocuments('{"id":"second","text":"Replaced."}\n', { onClash: "replace" }));
  const docs = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  assert.equal(docs.find((d) => d.id === "second").text, "Replaced.");
  assert.deepEqual(page.problems.filter((p) => !p.includes("gloss:")), []);
  await page.close();
});

test("Open… with a brat pair, a doccano export named .jsonl and string ids; a file that fits two formats asks", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const text = "“Zoë met Ahmed 👩‍👩‍👧 in Caïro 🇪🇬”, said Dana.";
  await page.setInputFiles("#file-input", [
    { name: "a.ann", buffer: Buffer.from(`T1\tPERSON ${cpIndex(text, "Zoë")} ${cpIndex(text, "Zoë") + 3}\tZoë\nT2\tGPE ${cpIndex(text, "Caïro")} ${cpIndex(text, "Caïro") + 5}\tCaïro\nR1\tlocated_in Arg1:T1 Arg2:T2\n`) },
    { name: "a.txt", buffer: Buffer.from(text) },
    // doccano counts UTF-16: 👍🏽 is 4 units, so Léa is 5..8.
    { name: "export.jsonl", buffer: Buffer.from('{"id":"dc","text":"👍🏽 Léa met Burns","label":[[5,8,"PERSON"]]}\n') },
    { name: "ids.jsonl", buffer: Buffer.from(JSON.stringify({ id: "ids", text, spans: [{ id: "r1", start: 1, end: 4, label: "PERSON" }, { id: "T12", start: 40, end: 44, label: "PERSON" }], relations: [{ id: "R9", type: "knows", from: "T12", to: "r1" }] }) + "\n") },
  ]);
  await page.waitForFunction(() => window.gloss.state().documents === 5);
  const docs = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const byId = Object.fromEntries(docs.map((d) => [d.id, d]));
  assert.deepEqual(byId.a.spans.map((s) => [s.text, s.label]), [["Zoë", "PERSON"], ["Caïro", "GPE"]]);
  assert.equal(byId.a.relations.length, 1);
  assert.deepEqual(byId.dc.spans.map((s) => [cpSlice(byId.dc.text, s.start, s.end), s.label]), [["Léa", "PERSON"]]);
  assert.deepEqual(byId.ids.spans.map((s) => [s.id, s.text]), [["r1", "Zoë"], ["T12", "Dana"]]);
  assert.deepEqual(byId.ids.relations.map((r) => [r.id, r.from, r.to]), [["R9", "T12", "r1"]]);

  // Gloss JSONL "spans" and a doccano "label" in one record: the app asks; 2 is doccano.
  await page.setInputFiles("#file-input", { name: "both.jsonl", buffer: Buffer.from('{"id":"both","text":"Zoë met Ahmed","spans":[{"start":0,"end":3,"label":"PERSON"}],"label":[[8,13,"PERSON"]]}\n') });
  await page.waitForFunction(() => window.gloss.frameCounts().run > 0);
  await nextFrames(page);
  assert.equal((await page.evaluate(() => window.gloss.state())).documents, 5, "nothing before the answer");
  await page.screenshot({ path: path.join(artifacts, "files-which-format.png") });
  await page.keyboard.press("2");
  await page.waitForFunction(() => window.gloss.state().documents === 6);
  const both = documents(await page.evaluate(() => window.gloss.getAnnotations())).find((d) => d.id === "both");
  assert.deepEqual(both.spans.map((s) => s.text), ["Ahmed"]);

  // An .ann without its .txt beside a good file: nothing is added, the error names both.
  const error = await page.evaluate(() => { try { window.gloss.openFiles([{ name: "b.ann", content: "T1\tPERSON 0 3\tZoë\n" }, { name: "c.txt", content: "Fine." }]); return ""; } catch (e) { return e.message; } });
  assert.match(error, /b\.ann/);
  assert.match(error, /b\.txt/);
  assert.equal((await page.evaluate(() => window.gloss.state())).documents, 6);
  assert.deepEqual(page.problems.filter((p) => !p.includes("gloss:")), []);
  await page.close();
});

// A zip as other tools write it: every entry deflated by Node's zlib, names in UTF-8.
function deflatedZip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of files) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const crc = zlib.crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0); header.writeUInt16LE(20, 4); header.writeUInt16LE(0x0800, 6); header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc, 14); header.writeUInt32LE(packed.length, 18); header.writeUInt32LE(data.length, 22); header.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10); end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

test("Open… with a deflated .zip of a brat folder and a doccano file opens them all", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const text = "Zoë met Ahmed 👩‍👩‍👧 in Caïro.";
  const zip = deflatedZip([
    ["corpus/", ""],
    ["corpus/a.txt", text],
    ["corpus/a.ann", `T1\tPERSON 0 3\tZoë\nT2\tGPE ${cpIndex(text, "Caïro")} ${cpIndex(text, "Caïro") + 5}\tCaïro\n`],
    ["corpus/annotation.conf", "[entities]\nPERSON\nGPE\n"],
    ["__MACOSX/corpus/._a.txt", "junk"],
    ["export.jsonl", '{"id":"dc","text":"👍🏽 Léa met Burns","label":[[5,8,"PERSON"]]}\n'],
  ]);
  await page.setInputFiles("#file-input", { name: "corpus.zip", mimeType: "application/zip", buffer: zip });
  await page.waitForFunction(() => window.gloss.state().documents === 4);
  const docs = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const byId = Object.fromEntries(docs.map((d) => [d.id, d]));
  assert.deepEqual(byId.a.spans.map((s) => [s.text, s.label]), [["Zoë", "PERSON"], ["Caïro", "GPE"]]);
  assert.deepEqual(byId.dc.spans.map((s) => s.text), ["Léa"]);
  // A damaged zip opens nothing and names the member.
  const broken = Buffer.from(zip);
  broken[90] ^= 0x01; // inside a.txt's deflated data
  const error = await page.evaluate((bytes) => { try { window.gloss.openFile("broken.zip", new Uint8Array(bytes)); return ""; } catch (e) { return e.message; } }, [...broken]);
  assert.match(error, /broken\.zip\[corpus\/a\.txt\]/);
  assert.equal((await page.evaluate(() => window.gloss.state())).documents, 4);
  assert.deepEqual(page.problems.filter((p) => !p.includes("gloss:")), []);
  await page.close();
});

test("a dropped folder is walked: the brat pair and the file in its subfolder all open", async () => {
  const page = await newPage(browser);
  await openApp(page, server.url);
  const before = (await page.evaluate(() => window.gloss.state())).documents;
  const text = "Zoë met Ahmed in Caïro.";
  // Chromium hands a dropped folder over as FileSystemEntry objects (webkitGetAsEntry); a test
  // cannot make real ones, so the drop event carries entries of the same shape, read in batches.
  await page.evaluate(({ text, ann, doccano }) => {
    const fileEntry = (path, content) => ({
      isFile: true, isDirectory: false, name: path.split("/").pop(), fullPath: `/${path}`,
      file: (ok) => ok(new File([content], path.split("/").pop())),
    });
    const folderEntry = (path, children) => ({
      isFile: false, isDirectory: true, name: path.split("/").pop(), fullPath: `/${path}`,
      createReader: () => {
        const batches = [children.slice(0, 1), children.slice(1), []]; // more than one batch
        return { readEntries: (ok) => ok(batches.shift() || []) };
      },
    });
    const corpus = folderEntry("corpus", [
      fileEntry("corpus/a.txt", text),
      fileEntry("corpus/a.ann", ann),
      folderEntry("corpus/more", [fileEntry("corpus/more/d.jsonl", doccano)]),
    ]);
    const drop = new Event("drop", { cancelable: true });
    Object.defineProperty(drop, "dataTransfer", {
      value: { files: [new File([""], "corpus")], items: [{ webkitGetAsEntry: () => corpus }] },
    });
    window.dispatchEvent(drop);
  }, {
    text,
    ann: `T1\tPERSON 0 3\tZoë\nT2\tGPE ${cpIndex(text, "Caïro")} ${cpIndex(text, "Caïro") + 5}\tCaïro\n`,
    doccano: '{"id":"dc","text":"Léa met Burns","label":[[0,3,"PERSON"]]}\n',
  });
  await page.waitForFunction((n) => window.gloss.state().documents === n + 2, before);
  const docs = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const pair = docs.find((d) => d.text === text);
  assert.ok(pair, docs.map((d) => d.id).join(", "));
  assert.deepEqual(pair.spans.map((s) => [s.text, s.label]), [["Zoë", "PERSON"], ["Caïro", "GPE"]]);
  const dc = docs.find((d) => d.id === "dc");
  assert.deepEqual(dc.spans.map((s) => [s.text, s.label]), [["Léa", "PERSON"]]);
  assert.deepEqual(page.problems, []);
  await page.close();
});
