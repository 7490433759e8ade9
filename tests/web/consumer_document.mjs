// The document both real-consumer tests load (label_studio_consumer, recogito_consumer), written
// for them: accents, curly quotes, emoji outside the BMP, ZWJ and flag sequences before nested
// and overlapping spans with string and integer ids, two annotators and pending suggestions.
// Every span's offsets are found in the text, so the spans cannot drift from it.
export const TEXT = "Zoë said “Ça va 👩‍👩‍👧?” to Ana 😀 in Zürich 🇨🇭.\nAna’s reply: “𝒳 marks 👍🏽 the spot” — fine.";

export function at(needle, from = 0) {
  const unit = TEXT.indexOf(needle, from);
  if (unit < 0) throw new Error(`"${needle}" is not in the text after UTF-16 unit ${from}`);
  const start = Array.from(TEXT.slice(0, unit)).length;
  return { start, end: start + Array.from(needle).length, text: needle };
}
export const second = (needle) => at(needle, TEXT.indexOf("\n"));

export const SPANS = [
  { id: "r1", ...at("Zoë"), label: "PERSON", annotator: "ann1" },
  { id: "r2", ...at("“Ça va 👩‍👩‍👧?”"), label: "QUOTE", annotator: "ann1" },
  { id: "r3", ...at("Ana"), label: "PERSON", annotator: "ann1" },
  { id: "r4", ...at("Ana 😀"), label: "ERROR", attrs: { type: "other" }, annotator: "ann1" }, // holds r3
  { id: "r5", ...at("Zürich"), label: "GPE", annotator: "ann1" },
  { id: "r6", ...at("😀 in Zürich 🇨🇭"), label: "ERROR", attrs: { type: "other" }, annotator: "ann1" }, // overlaps r4, holds r5
  { id: "r7", ...second("“𝒳 marks 👍🏽 the spot”"), label: "QUOTE", annotator: "ann1" },
  { id: "r8", ...second("Ana"), label: "PERSON", annotator: "ann1" },
  { id: 12, ...at("Zürich 🇨🇭"), label: "GPE", annotator: "ann2" },
  { id: "x-9", ...second("spot"), label: "ERROR", attrs: { type: "other" }, annotator: "ann2" },
  { id: "p1", ...second("fine"), label: "ERROR", attrs: { type: "other" }, status: "pending", origin: "suggested" },
  { id: "p2", ...second("marks 👍🏽"), label: "ERROR", attrs: { type: "other" }, status: "pending", origin: "suggested" },
].map((s) => ({ status: "accepted", origin: "manual", ...s }));
