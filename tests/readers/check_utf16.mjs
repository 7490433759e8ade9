// Independent reader for Gloss's UTF-16 exports (doccano, SageMaker): JavaScript strings are
// indexed by UTF-16 code unit, so String.prototype.slice is the reference; the source spans'
// code-point offsets are sliced with Array.from (one element per code point).
// Usage: node check_utf16.mjs FIXTURES_DIR
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(process.argv[2], "formats");
const lines = (p) => readFileSync(join(root, p), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
const source = new Map(lines("source.jsonl").map((d) => [d.id, d]));
const failures = [];
const expected = (doc) =>
  doc.spans.map((s) => `${s.label}|${Array.from(doc.text).slice(s.start, s.end).join("")}`).sort();
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

for (const file of ["doccano/labels.jsonl", "doccano/relations.jsonl"]) {
  for (const d of lines(file)) {
    const spans = d.label
      ? d.label.map(([s, e, l]) => `${l}|${d.text.slice(s, e)}`)
      : d.entities.map((e) => `${e.label}|${d.text.slice(e.start_offset, e.end_offset)}`);
    if (!same(spans.sort(), expected(source.get(d.id)))) failures.push(`${file} ${d.id}: spans`);
    if (d.relations) {
      const ids = new Set(d.entities.map((e) => e.id));
      for (const r of d.relations)
        if (!ids.has(r.from_id) || !ids.has(r.to_id)) failures.push(`${file} ${d.id}: relation ${r.id}`);
    }
  }
}
for (const d of lines("sagemaker/output.manifest")) {
  const entities = d["gloss-ner"].annotations.entities;
  const spans = entities.map((e) => `${e.label}|${d.source.slice(e.startOffset, e.endOffset)}`);
  if (!same(spans.sort(), expected(source.get(d.id)))) failures.push(`sagemaker ${d.id}: spans`);
}
if (failures.length) {
  for (const f of failures) console.log(`FAIL: ${f}`);
  process.exit(1);
}
console.log("readers (node, UTF-16): all exports read back");
