// The benchmark article: random news words, one in eight a garble, with random spans.
// Deterministic for a seed. Shared by bench_browser.mjs and bench_save.mjs.
export function article(bytes, spans, seed = 12345) {
  const words = ["the", "Secretary", "said", "on", "Wednesday", "that", "talks", "between", "Israel", "and",
    "Egypt", "were", "“very", "active,”", "José", "Müller", "blinkenbut", "civiliansFree", "27,478", "U.S.", "—", "Gaza", "Refa"];
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const parts = [];
  let size = 0;
  let inParagraph = 0;
  while (size < bytes) {
    const w = words[random(words.length)];
    parts.push(w);
    size += Buffer.byteLength(w) + 1;
    if (++inParagraph > 40 + random(120)) { parts.push(".\n\n"); inParagraph = 0; } else parts.push(" ");
  }
  const text = parts.join("");
  const length = Array.from(text).length;
  const labels = ["PERSON", "ORG", "GPE", "QUOTE", "ERROR"];
  const list = [];
  for (let i = 0; i < spans; i++) {
    const start = random(Math.max(1, length - 100));
    list.push({ start, end: Math.min(length, start + 3 + random(40)), label: labels[i % labels.length] });
  }
  return { text, length, spans: list };
}
