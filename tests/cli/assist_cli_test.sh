#!/bin/sh
# CLI tests of Assist: gloss suggest writes pending suggestions (errors with type and
# correction, entities with canonical names, quotes with a speaker relation) as Gloss JSONL with
# code-point offsets; gloss eval scores them against gold and lists misses; the documented
# evaluation of docs/ASSIST.md meets its targets. Usage: assist_cli_test.sh GLOSS SOURCE_DIR
set -u
gloss=${1:?usage: assist_cli_test.sh GLOSS SOURCE_DIR}
src=${2:?usage: assist_cli_test.sh GLOSS SOURCE_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...: the command must succeed
    desc=$1; shift
    if "$@"; then echo "ok: $desc"; else fail "$desc"; fi
}

for cmd in suggest eval; do
    "$gloss" $cmd --help >"$tmp/h.$cmd" 2>&1 || fail "$cmd --help exits 0"
    check "$cmd --help has examples" grep -q "examples:" "$tmp/h.$cmd"
done
"$gloss" suggest "$tmp/none.jsonl" >/dev/null 2>&1; [ $? -eq 1 ] && echo "ok: a missing input exits 1" || fail "a missing input exits 1"
"$gloss" suggest a b >/dev/null 2>&1; [ $? -eq 2 ] && echo "ok: two inputs are a usage error" || fail "two inputs are a usage error"
"$gloss" suggest x.jsonl --off nonsense >/dev/null 2>"$tmp/off.err"; [ $? -eq 2 ] && grep -q 'unknown detector "nonsense"' "$tmp/off.err" && echo "ok: an unknown detector is named" || fail "an unknown detector is named"

printf '%s\n' '{"id":"a","text":"🚢 Antony Blinken arrived in cairo. “We will keep talking to everyone,” blinkenbut said, between Israel and Israel.","spans":[{"start":2,"end":16,"label":"PERSON","attrs":{"canonical":"Antony Blinken"}}]}' >"$tmp/in.jsonl"
check "suggest writes Gloss JSONL" "$gloss" suggest "$tmp/in.jsonl" -o "$tmp/out.jsonl"
check "suggestions are pending, with reasons, corrections, canonical names and a speaker" python3 - "$tmp/out.jsonl" <<'PY'
import json, sys
doc = json.loads(open(sys.argv[1], encoding="utf-8").read())
text = doc["text"]
spans = {s["id"]: s for s in doc["spans"]}
for s in spans.values():
    assert text[s["start"]:s["end"]] == s["text"], s   # code points, past the emoji
by = {(s["label"], s["text"]): s for s in spans.values()}
assert by[("PERSON", "Antony Blinken")]["status"] == "accepted"
for key in [("ERROR", "cairo"), ("ERROR", "blinkenbut"), ("ERROR", "Israel"), ("GPE", "cairo"),
            ("PERSON", "blinken"), ("QUOTE", "“We will keep talking to everyone,”")]:
    s = by[key]
    assert s["status"] == "pending" and s["origin"] == "suggested", s
    assert s["attrs"]["reason"], s
assert by[("ERROR", "cairo")]["attrs"] == {**by[("ERROR", "cairo")]["attrs"], "type": "wrong_case", "correction": "Cairo"}
assert by[("ERROR", "blinkenbut")]["attrs"]["correction"] == "Blinken but"
assert by[("ERROR", "Israel")]["attrs"]["type"] == "wrong_entity"
assert by[("PERSON", "blinken")]["attrs"]["canonical"] == "Antony Blinken"
quote = by[("QUOTE", "“We will keep talking to everyone,”")]
speakers = [r for r in doc["relations"] if r["type"] == "speaker" and r["from"] == quote["id"]]
assert len(speakers) == 1 and spans[speakers[0]["to"]]["text"] == "blinken", speakers
PY
"$gloss" suggest "$tmp/out.jsonl" -o "$tmp/again.jsonl" 2>/dev/null
check "suggesting again adds nothing" python3 -c "
import json,sys
a=json.loads(open('$tmp/out.jsonl').read()); b=json.loads(open('$tmp/again.jsonl').read())
assert len(a['spans'])==len(b['spans']), (len(a['spans']),len(b['spans']))"
check "--off leaves a detector out" sh -c "'$gloss' suggest '$tmp/in.jsonl' --off quotes,entities 2>/dev/null | python3 -c \"import json,sys; d=json.loads(sys.stdin.read()); assert all(s['label'] in ('ERROR','PERSON') for s in d['spans']) and not any(s['label']=='QUOTE' for s in d['spans'])\""

# eval: a hand-made prediction with one hit, one miss and one false alarm.
printf '%s\n' '{"id":"g","text":"Talks in cairo and Refa went on.","spans":[{"start":9,"end":14,"label":"ERROR","attrs":{"type":"wrong_case"}},{"start":19,"end":23,"label":"ERROR","attrs":{"type":"misspelling"}}]}' >"$tmp/gold.jsonl"
printf '%s\n' '{"id":"g","text":"Talks in cairo and Refa went on.","spans":[{"start":9,"end":14,"label":"ERROR","status":"pending","origin":"suggested","attrs":{"type":"wrong_case"}},{"start":0,"end":5,"label":"ERROR","status":"pending","origin":"suggested","attrs":{"type":"other"}}]}' >"$tmp/pred.jsonl"
check "eval --json gives P, R and F1 with misses and false alarms" sh -c "'$gloss' eval '$tmp/gold.jsonl' '$tmp/pred.jsonl' --json > '$tmp/eval.json'"
check "eval counts are right" python3 - "$tmp/eval.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
err = e["overlap"]["ERROR"]
assert (err["tp"], err["fp"], err["fn"]) == (1, 1, 1), err
assert err["precision"] == 0.5 and err["recall"] == 0.5, err
assert e["error_types_overlap"]["ERROR/wrong_case"]["f1"] == 1.0, e["error_types_overlap"]
assert [m["text"] for m in e["misses"]] == ["Refa"] and [f["text"] for f in e["false_alarms"]] == ["Talks"]
PY

# eval: corrections compared by the text they give, speakers by who they are.
check "eval: a gold and a prediction with corrections and speakers" python3 - "$tmp" <<'PY'
import json, sys
t = "Antony Blinken met Netanyahu in cairo. “We go on,” Blinken said of Refa. “Fine,” Netanyahu said. Israel and Israel talked."
def at(needle, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = t.index(needle, i + 1)
    return i, i + len(needle)
def span(i, needle, label, nth=0, **attrs):
    s, e = at(needle, nth)
    return {"id": i, "start": s, "end": e, "label": label, "attrs": attrs}
gold = {"id": "c", "text": t, "spans": [
    span(1, "Antony Blinken", "PERSON", canonical="Antony Blinken"),
    span(2, "Netanyahu", "PERSON", canonical="Benjamin Netanyahu"),
    span(3, "cairo", "ERROR", type="wrong_case", correction="Cairo"),
    span(4, "“We go on,”", "QUOTE"),
    span(5, "Blinken", "PERSON", 1, canonical="Antony Blinken"),
    span(6, "Refa", "ERROR", type="misspelling", correction="Rafah"),
    span(7, "“Fine,”", "QUOTE"),
    span(8, "Netanyahu", "PERSON", 1, canonical="Benjamin Netanyahu"),
    span(9, "Israel", "ERROR", 1, type="wrong_entity", correction="Hamas")],
    "relations": [{"id": 1, "type": "speaker", "from": 4, "to": 5},
                  {"id": 2, "type": "speaker", "from": 7, "to": 8}]}
pred = {"id": "c", "text": t, "spans": [
    span(1, "Antony Blinken", "PERSON", canonical="Antony Blinken"),   # the same person as gold's
    span(2, "Netanyahu", "PERSON", canonical="Netanyahu"),
    span(3, "cairo", "ERROR", type="wrong_case", correction="Cairo"),  # exact
    span(4, "“We go on,”", "QUOTE"),
    span(6, "Refa", "ERROR", type="misspelling", correction="Refah"),  # wrong
    span(7, "“Fine,”", "QUOTE"),
    span(9, "Israel", "ERROR", 1, type="wrong_entity")],              # no correction
    "relations": [{"id": 1, "type": "speaker", "from": 4, "to": 1},   # right: Blinken
                  {"id": 2, "type": "speaker", "from": 7, "to": 1}]}  # wrong: not Netanyahu
for name, doc in (("cgold", gold), ("cpred", pred)):
    open(f"{sys.argv[1]}/{name}.jsonl", "w", encoding="utf-8").write(json.dumps(doc, ensure_ascii=False) + "\n")
PY
check "eval reports errors by gold type, correction exactness and speaker accuracy" sh -c "'$gloss' eval '$tmp/cgold.jsonl' '$tmp/cpred.jsonl' --json > '$tmp/ceval.json'"
check "eval's corrections, speakers and lists are right" python3 - "$tmp/ceval.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
assert e["corrections"] == {"matched": 3, "exact": 1, "without_correction": 1, "exactness": 1 / 3}, e["corrections"]
assert e["speakers"] == {"quotes_with_speaker": 2, "right": 1, "accuracy": 0.5}, e["speakers"]
assert e["error_recall_by_gold_type"]["misspelling"] == {"gold": 1, "found": 1, "recall": 1.0}
assert [w["text"] for w in e["wrong_corrections"]] == ["Refa", "Israel"], e["wrong_corrections"]
assert "gives \"Refah\", gold \"Rafah\"" in e["wrong_corrections"][0]["detail"], e["wrong_corrections"][0]
assert [w["text"] for w in e["wrong_speakers"]] == ["“Fine,”"], e["wrong_speakers"]
assert "said of Refa. [“Fine,”] Netanyahu said." in e["wrong_speakers"][0]["context"], e["wrong_speakers"][0]
assert e["wrong_speakers"][0]["detail"] == 'speaker "Antony Blinken", gold "Netanyahu"', e["wrong_speakers"][0]
assert [m["text"] for m in e["misses"]] == ["Blinken", "Netanyahu"], e["misses"]
PY

# The evaluation docs/ASSIST.md reports, on the dev split (the test split is held out and
# reported there once): floors a little under the measured figures, so a change that makes
# Assist worse on text it was tuned on fails here.
fx="$src/tests/fixtures/assist/dev"
check "suggest on the dev split's plain texts" sh -c "'$gloss' suggest '$fx/plain.jsonl' -o '$tmp/plain_pred.jsonl' 2>/dev/null"
check "eval on the dev split (plain)" sh -c "'$gloss' eval '$fx/gold.jsonl' '$tmp/plain_pred.jsonl' --json > '$tmp/plain_eval.json'"
check "dev split, plain text: the floors hold" python3 - "$tmp/plain_eval.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
o = e["overlap"]
assert o["ERROR"]["recall"] >= 0.93 and o["ERROR"]["precision"] >= 0.95, o["ERROR"]
for kind in ("merged_tokens", "wrong_case", "misspelling"):
    assert e["error_recall_by_gold_type"][kind]["recall"] >= 0.8, (kind, e["error_recall_by_gold_type"][kind])
assert o["QUOTE"]["f1"] >= 0.97, o["QUOTE"]
assert e["speakers"]["accuracy"] >= 0.9, e["speakers"]
assert e["corrections"]["exactness"] >= 0.85, e["corrections"]
PY
check "suggest on the dev split with one mention of each name labelled" sh -c "'$gloss' suggest '$fx/seeded.jsonl' -o '$tmp/assist.jsonl' 2>/dev/null"
check "eval on the dev split (seeded)" sh -c "'$gloss' eval '$fx/gold.jsonl' '$tmp/assist.jsonl' --exclude '$fx/seeded.jsonl' --json > '$tmp/assist_eval.json'"
check "dev split, seeded: the floors hold" python3 - "$tmp/assist_eval.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
o = e["overlap"]
assert o["ERROR"]["recall"] >= 0.95 and o["ERROR"]["precision"] >= 0.92, o["ERROR"]
assert o["QUOTE"]["f1"] >= 0.97, o["QUOTE"]
assert e["speakers"]["accuracy"] >= 0.95, e["speakers"]
for label in ("PERSON", "GPE", "ORG"):
    assert o[label]["f1"] >= 0.85, (label, o[label])
PY

[ "$failures" -eq 0 ] && echo "assist cli: all passed" || { echo "assist cli: $failures failure(s)"; exit 1; }
