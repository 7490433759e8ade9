#!/usr/bin/python3
"""Independent readers for Gloss's code-point exports: Python's json and str slicing (a Python
str is indexed by code point), xml.etree for the Label Studio config, and NLTK's
ConllCorpusReader for CoNLL. Each golden export under tests/fixtures/formats is checked against
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
# reported as unaligned by the writer; the rejected suggestion is not written).
from nltk.corpus.reader.conll import ConllCorpusReader  # noqa: E402

unaligned = {("blinken", 2), ("blinken", 14)}
expected = collections.Counter()
for doc in source:
    for s in doc["spans"]:
        if s.get("status") == "rejected" or (doc["id"], s["id"]) in unaligned:
            continue
        expected[(s["label"], "".join(s["text"].split()))] += 1


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


reader = ConllCorpusReader(os.path.join(root, "conll"), ["layered.iob2.conll"],
                           ("words", "pos", "chunk", "ignore"))
got = collections.Counter()
for sent in reader.iob_sents():
    sent = [t for t in sent if t[0] != "-DOCSTART-"]
    got.update(chunks([(w, e) for w, e, _ in sent]))
    got.update(chunks([(w, q) for w, _, q in sent]))
# The error column needs its own reader (NLTK reads one chunk column at a time).
errors = ConllCorpusReader(os.path.join(root, "conll"), ["layered.iob2.conll"],
                           ("words", "ignore", "ignore", "pos"))
for sent in errors.tagged_sents():
    got.update(chunks([t for t in sent if t[0] != "-DOCSTART-"]))
check(got == expected, f"conll layered: chunks differ: {sorted((got - expected).items())} / "
                       f"{sorted((expected - got).items())}")
strict = ConllCorpusReader(os.path.join(root, "conll"), ["strict.iob2.conll"], ("words", "pos"))
strict_got = collections.Counter()
for sent in strict.tagged_sents():
    strict_got.update(chunks([t for t in sent if t[0] != "-DOCSTART-"]))
check(strict_got == collections.Counter({k: v for k, v in expected.items()
                                          if k[0] not in ("QUOTE", "ERROR")}), "conll strict: chunks")

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

if failures:
    print("\n".join("FAIL: " + f for f in failures))
    sys.exit(1)
print("readers (python, nltk): all exports read back")
