#!/usr/bin/python3
"""Independent readers for Gloss's code-point exports: Python's json and str slicing (a Python
str is indexed by code point), xml.etree for the Label Studio config, and NLTK's
ConllCorpusReader and a last-column CoNLL-2003 reader for CoNLL, a column and slot check for
WebAnno TSV. Each golden export under tests/fixtures/formats is checked against
the fixture it was written from (source.jsonl). Usage: check_exports.py FIXTURES_DIR"""
import collections
import json
import os
import sys
import xml.etree.ElementTree as ET

root = os.path.join(sys.argv[1], "formats")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


source = load_jsonl(os.path.join(root, "source.jsonl"))
by_id = {d["id"]: d for d in source}


def spans(doc, rejected=True):
    return sorted((s["start"], s["end"], s["label"]) for s in doc["spans"]
                  if rejected or s.get("status") != "rejected")


# Gloss project JSON: every span's text is its code-point slice; spans equal the source.
with open(os.path.join(root, "project", "project.gloss.json"), encoding="utf-8") as f:
    project = json.load(f)
check(project["format"] == 1, "project: format version 1")
for doc in project["documents"]:
    for s in doc["spans"]:
        check(doc["text"][s["start"]:s["end"]] == s["text"], f"project {doc['id']}: span {s['id']} text")
    if doc["id"] in by_id:
        want = spans(by_id[doc["id"]])
        got = sorted((s["start"], s["end"], s["label"]) for s in doc["spans"])
        # The test edits the first document (history kept); every other is the source as is.
        if doc["id"] != "blinken":
            check(got == want, f"project {doc['id']}: spans")

# Label Studio: value.text is data.text[start:end]; spans are the source minus rejected ones.
with open(os.path.join(root, "labelstudio", "tasks.json"), encoding="utf-8") as f:
    tasks = json.load(f)
for task in tasks:
    text = task["data"]["text"]
    got = []
    for group in task.get("annotations", []) + task.get("predictions", []):
        for r in group["result"]:
            if r["type"] == "labels":
                v = r["value"]
                check(text[v["start"]:v["end"]] == v["text"], f"labelstudio {r['id']}: text slice")
                got += [(v["start"], v["end"], l) for l in v["labels"]]
    check(sorted(got) == spans(by_id[task["data"]["doc_id"]], rejected=False),
          f"labelstudio {task['data']['doc_id']}: spans")
config = ET.parse(os.path.join(root, "labelstudio", "config.xml")).getroot()
labels = {l.get("value") for l in config.iter("Label")}
for doc in source:
    for s in doc["spans"]:
        check(s["label"] in labels, f"labelstudio config: label {s['label']}")
check(any(c.get("name") == "type" for c in config.iter("Choices")), "labelstudio config: type choices")

# brat: T lines slice the .txt by code point (newlines shown as spaces).
brat = os.path.join(root, "brat")
for doc in source:
    with open(os.path.join(brat, doc["id"] + ".txt"), encoding="utf-8", newline="") as f:
        text = f.read()
    check(text == doc["text"], f"brat {doc['id']}: text")
    got = []
    with open(os.path.join(brat, doc["id"] + ".ann"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0].startswith("T"):
                label, start, end = fields[1].split(" ")
                start, end = int(start), int(end)
                check(text[start:end].replace("\n", " ") == fields[2], f"brat {fields[0]}: text")
                got.append((start, end, label))
    check(sorted(got) == spans(doc), f"brat {doc['id']}: spans")

# CoNLL through NLTK: chunks read back from each column are the source spans on token
# boundaries (PERSON "anthony blinken" and GPE "Saudi Arab" sit inside glued words and are
# reported as unaligned by the writer; the rejected suggestion is not written). The default layout
# is token, quote, error, entity: the entity tag last, where CoNLL-2003 readers take the NER tag.
from nltk.corpus.reader.conll import ConllCorpusReader  # noqa: E402

with open(os.path.join(os.path.dirname(root), "..", "..", "assets", "schema", "default.json"),
          encoding="utf-8") as f:
    kinds = {label["name"]: label["kind"] for label in json.load(f)["labels"]}
unaligned = {("blinken", 2), ("blinken", 14)}
expected = collections.Counter()
expected_entities = collections.Counter()
entity_spans = {}  # doc id -> sorted (start, end, label) of the entities a CoNLL file can hold
for doc in source:
    entity_spans[doc["id"]] = []
    for s in doc["spans"]:
        if s.get("status") == "rejected" or (doc["id"], s["id"]) in unaligned:
            continue
        expected[(s["label"], "".join(s["text"].split()))] += 1
        if kinds[s["label"]] == "entity":
            expected_entities[(s["label"], "".join(s["text"].split()))] += 1
            entity_spans[doc["id"]].append((s["start"], s["end"], s["label"]))
    entity_spans[doc["id"]].sort()
check(set(l for l, _ in expected_entities) >= {"PERSON", "ORG", "GPE"}, "conll: the fixture has entities")


def chunks(tagged):
    """(label, words joined without spaces) for each IOB2 chunk of (word, tag) pairs."""
    out, current = [], None
    for word, tag in tagged:
        if tag == "O" or tag.startswith("B-") or (current and tag[2:] != current[0]):
            if current:
                out.append(current)
            current = [tag[2:], word] if tag != "O" else None
        else:
            current[1] += word
    if current:
        out.append(current)
    return [tuple(c) for c in out]


conll = os.path.join(root, "conll")
# Read as CoNLL-2003 is read with NLTK: the NER column typed "chunk" (here the last), the column
# before it as "pos"; chunked_sents() parses the entity tags into trees.
reader = ConllCorpusReader(conll, ["layered.iob2.conll"], ("words", "pos", "ignore", "chunk"))
entities = collections.Counter()
for tree in reader.chunked_sents(chunk_types=None):
    for sub in tree.subtrees(lambda t: t is not tree):
        entities[(sub.label(), "".join(w for w, _ in sub.leaves()))] += 1
check(entities == expected_entities, f"conll layered: NLTK entities differ: "
      f"{sorted((entities - expected_entities).items())} / {sorted((expected_entities - entities).items())}")
check(not any(kinds.get(label) in ("quote", "error") for label, _ in entities),
      "conll layered: NLTK reads a quote or error tag as an entity")
got = collections.Counter()
for sent in reader.iob_sents():
    got.update(chunks([(w, e) for w, _, e in sent]))
    got.update(chunks([(w, q) for w, q, _ in sent]))
# The error column needs its own reader (NLTK reads one chunk column at a time).
errors = ConllCorpusReader(conll, ["layered.iob2.conll"], ("words", "ignore", "pos", "ignore"))
for sent in errors.tagged_sents():
    got.update(chunks(sent))
check(got == expected, f"conll layered: chunks differ: {sorted((got - expected).items())} / "
                       f"{sorted((expected - got).items())}")
strict = ConllCorpusReader(conll, ["strict.iob2.conll"], ("words", "pos"))
strict_got = collections.Counter()
for sent in strict.tagged_sents():
    strict_got.update(chunks(sent))
check(strict_got == expected_entities, "conll strict: chunks")


def conll2003_sentences(path):
    """A last-column CoNLL-2003 reader, written as common loaders read eng.train (the HuggingFace
    conll2003 script splits on " " and takes field 3 of 4; here on any whitespace and the last
    field): the token is the first field and the NER tag the last; -DOCSTART- lines and blank lines end a sentence. Yields
    (document number, tokens, ner tags); the document number only counts -DOCSTART- lines."""
    document, tokens, ner_tags = 0, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("-DOCSTART-") or line == "" or line == "\n":
                if tokens:
                    yield document, tokens, ner_tags
                    tokens, ner_tags = [], []
                if line.startswith("-DOCSTART-"):
                    document += 1
            else:
                splits = line.split()
                tokens.append(splits[0])
                ner_tags.append(splits[-1].rstrip())
    if tokens:
        yield document, tokens, ner_tags


def last_column_spans(path):
    """Entity spans per document as code-point offsets into the source text: each token is found
    in the text after the previous one (the export writes the text's own tokens)."""
    out = collections.defaultdict(list)
    at = collections.defaultdict(int)
    for document, tokens, tags in conll2003_sentences(path):
        text = source[document - 1]["text"]
        label, first, last = None, 0, 0
        for token, tag in zip(tokens + [None], tags + ["O"]):
            start = text.find(token, at[document]) if token is not None else 0
            if token is not None:
                check(start >= 0, f"conll last column: token {token!r} not in the text")
                at[document] = start + len(token)
            if label is not None and not (tag.startswith("I-") and tag[2:] == label):
                out[source[document - 1]["id"]].append((first, last, label))
                label = None
            if tag != "O" and label is None:
                label, first = tag[2:], start
            if label is not None:
                last = at[document]
    return {k: sorted(v) for k, v in out.items()}


for name in ("layered.iob2.conll", "strict.iob2.conll"):
    got_spans = last_column_spans(os.path.join(conll, name))
    for doc in source:
        check(got_spans.get(doc["id"], []) == entity_spans[doc["id"]],
              f"conll {name}: last-column entities of {doc['id']} differ: "
              f"{got_spans.get(doc['id'], [])} / {entity_spans[doc['id']]}")

# Prodigy / spaCy JSONL: spans are code-point slices, token indices (inclusive) name the tokens.
for line in load_jsonl(os.path.join(root, "prodigy", "prodigy.jsonl")):
    text, tokens = line["text"], line["tokens"]
    for t in tokens:
        check(text[t["start"]:t["end"]] == t["text"], f"prodigy: token {t}")
    source_doc = by_id[line["meta"]["id"]]
    check(sorted((s["start"], s["end"], s["label"]) for s in line["spans"]) == spans(source_doc, rejected=False),
          f"prodigy {line['meta']['id']}: spans")
    for s in line["spans"]:
        if "token_start" in s:
            check(tokens[s["token_start"]]["start"] == s["start"] and tokens[s["token_end"]]["end"] == s["end"],
                  f"prodigy: token indices of {s}")

# Corrections JSONL: the edits, applied to the original with str slicing, give the corrected text.
for line in load_jsonl(os.path.join(root, "corrections", "corrections.jsonl")):
    original, rebuilt, at = line["original"], "", 0
    check(original == by_id[line["id"]]["text"], f"corrections {line['id']}: original text")
    for e in line["edits"]:
        check(original[e["start"]:e["end"]] == e["original"], f"corrections: {e}")
        rebuilt += original[at:e["start"]] + e["correction"]
        check(line["corrected"][e["corrected_start"]:e["corrected_end"]] == e["correction"], f"corrections: {e}")
        at = e["end"]
    check(rebuilt + original[at:] == line["corrected"], f"corrections {line['id']}: corrected text")

# M2: every A line's token range lies inside its S line.
with open(os.path.join(root, "m2", "corrections.m2"), encoding="utf-8") as f:
    sentence = []
    for raw in f:
        raw = raw.rstrip("\n")
        if raw.startswith("S "):
            sentence = raw[2:].split(" ")
        elif raw.startswith("A "):
            first, last = (int(x) for x in raw[2:].split("|||")[0].split())
            check(first == -1 or 0 <= first <= last <= len(sentence), f"m2: {raw}")

# W3C: positions count UTF-16 code units (a browser's textContent); each TextQuoteSelector's
# exact, prefix and suffix are the UTF-16 slices around it, and the spans are the source minus
# rejected ones.
def utf16_slice(text, start, end):
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


texts = {d["id"]: d["text"] for d in load_jsonl(os.path.join(root, "w3c", "texts.jsonl"))}
check(texts == {d["id"]: d["text"] for d in source}, "w3c: texts.jsonl holds the texts")
with open(os.path.join(root, "w3c", "annotations.w3c.jsonld"), encoding="utf-8") as f:
    annotations = json.load(f)
w3c_spans = collections.defaultdict(list)
for a in annotations:
    check(a["@context"] == "http://www.w3.org/ns/anno.jsonld" and a["type"] == "Annotation",
          f"w3c {a['id']}: context and type")
    if a.get("motivation") == "linking":
        check(len(a["target"]) == 2, f"w3c {a['id']}: a link has two targets")
        continue
    text = texts[a["target"]["source"]]
    sel = {x["type"]: x for x in a["target"]["selector"]}
    pos, quote = sel["TextPositionSelector"], sel["TextQuoteSelector"]
    check(utf16_slice(text, pos["start"], pos["end"]) == quote["exact"], f"w3c {a['id']}: exact")
    check(utf16_slice(text, 0, pos["start"]).endswith(quote["prefix"]), f"w3c {a['id']}: prefix")
    check(utf16_slice(text, pos["end"], len(text.encode("utf-16-le")) // 2).startswith(quote["suffix"]),
          f"w3c {a['id']}: suffix")
    label = [b["value"] for b in a["body"] if b["purpose"] == "tagging"][0]
    start = len(utf16_slice(text, 0, pos["start"]))
    w3c_spans[a["target"]["source"]].append((start, start + len(quote["exact"]), label))
for doc in source:
    check(sorted(w3c_spans[doc["id"]]) == spans(doc, rejected=False), f"w3c {doc['id']}: spans")

# WebAnno TSV 3.3: each token's BEGIN-END are the UTF-16 offsets of the token in the text (the
# sentences' #Text lines sit at their first token), and every token is its text's slice. Every
# line has the columns the header declares (a slot feature's ROLE_ entry and its target type
# are two), and each slot link points at a token line whose target layer holds the annotation
# ("3-6[3]": a value with [3] there). The quote of zurich names Léa Marchetti as its speaker.
for doc in source:
    text = doc["text"]
    units = text.encode("utf-16-le")
    with open(os.path.join(root, "webanno", doc["id"] + ".tsv"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    check(lines[0] == "#FORMAT=WebAnno TSV 3.3", f"webanno {doc['id']}: header")
    columns = []  # (layer, feature) per column after the third
    for line in lines:
        if line.startswith(("#T_SP=", "#T_RL=")):
            layer, *features = line[6:].split("|")
            columns += [(layer, f) for f in features]
    rows, links = {}, []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        check(len(fields) == 3 + len(columns) + 1 and fields[-1] == "",
              f"webanno {doc['id']}: {fields[0]} has the header's columns and ends with a tab")
        begin, end = (int(x) for x in fields[1].split("-"))
        token = fields[2].replace("\\_", "_").replace("\\[", "[").replace("\\]", "]") \
            .replace("\\|", "|").replace("\\;", ";").replace("\\*", "*").replace("\\\\", "\\")
        check(units[2 * begin:2 * end].decode("utf-16-le") == token,
              f"webanno {doc['id']}: {fields[0]} {fields[1]} is not \"{token}\" in UTF-16")
        rows[fields[0]] = (token, dict(zip(columns, fields[3:])))
        for i, (layer, feature) in enumerate(columns):
            if feature.startswith("ROLE_") and fields[3 + i] != "_":
                target_layer = columns[i + 1][1]
                for role, target in zip(fields[3 + i].split("[")[0].split(";"),
                                        fields[4 + i].split(";")):
                    links.append((fields[0], token, role, target, target_layer))
    for address, token, role, target, target_layer in links:
        _, row = rows.get(target.split("[")[0], ("", {}))
        cells = [v for (layer, _), v in row.items() if layer == target_layer]
        mark = "[" + target.split("[")[1] if "[" in target else ""
        check(any(c != "_" and mark in c for c in cells),
              f"webanno {doc['id']}: {address}'s {role} link names {target}, where "
              f"{target_layer} has no such annotation")
    if doc["id"] == "zurich":
        check(("“", "speaker", "Léa") in {(t, r, rows[a.split("[")[0]][0])
                                          for _, t, r, a, _ in links},
              "webanno zurich: the quote's speaker is Léa Marchetti")

if failures:
    print("\n".join("FAIL: " + f for f in failures))
    sys.exit(1)
print("readers (python, nltk, last-column conll): all exports read back")
