#!/bin/sh
# CLI tests: gloss --help/--version, convert .txt and JSONL to JSONL, bad input reported with
# its place and no output file left behind. Usage: cli_test.sh GLOSS_BINARY SOURCE_DIR
set -u
gloss=${1:?usage: cli_test.sh GLOSS SOURCE_DIR}
src=${2:?usage: cli_test.sh GLOSS SOURCE_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...: the command must succeed
    desc=$1; shift
    if "$@"; then echo "ok: $desc"; else fail "$desc"; fi
}

"$gloss" --help >"$tmp/help" 2>&1 || fail "--help exits 0"
check "--help lists convert" grep -q "convert IN OUT" "$tmp/help"
"$gloss" convert --help >"$tmp/chelp" 2>&1 || fail "convert --help exits 0"
check "convert --help has examples" grep -q "examples:" "$tmp/chelp"
check "--version prints the version" sh -c "'$gloss' --version | grep -Eq '^gloss [0-9]+\.[0-9]+\.[0-9]+$'"
"$gloss" frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && echo "ok: unknown command exits 2" || fail "unknown command exits 2"

printf '“Free the hostages,” said anthony blinkenbut — José 👩‍👩‍👧.\n' >"$tmp/article.txt"
check "convert .txt to .jsonl" "$gloss" convert "$tmp/article.txt" "$tmp/article.jsonl"
check "the text survives as one JSONL document" python3 - "$tmp/article.txt" "$tmp/article.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
assert len(lines) == 1, lines
doc = json.loads(lines[0])
assert doc["text"] == text and doc["id"] == "article" and doc["spans"] == [], doc
PY

check "convert the sample JSONL to stdout" sh -c "'$gloss' convert '$src/assets/samples/sample.jsonl' - > '$tmp/sample.out'"
check "sample round trip keeps every document" python3 - "$src/assets/samples/sample.jsonl" "$tmp/sample.out" <<'PY'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert [d["text"] for d in a] == [d["text"] for d in b]
assert [d["id"] for d in a] == [d["id"] for d in b]
PY

printf '{"text":"Refa","spans":[{"start":0,"end":9,"label":"GPE"}]}\n{"text": oops}\n{"text":"fine"}\n' >"$tmp/bad.jsonl"
"$gloss" convert "$tmp/bad.jsonl" "$tmp/bad.out.jsonl" 2>"$tmp/err"
[ $? -eq 1 ] && echo "ok: bad input exits 1" || fail "bad input exits 1"
check "every bad record is reported with file and line" sh -c "grep -q 'bad.jsonl:1: span end 9 is past the end of the text (4 code points)' '$tmp/err' && grep -q 'bad.jsonl:2:10: malformed JSON' '$tmp/err'"
[ ! -e "$tmp/bad.out.jsonl" ] && [ ! -e "$tmp/bad.out.jsonl.tmp-gloss" ] && echo "ok: no output left behind" || fail "no output left behind"
check "--skip-invalid writes the rest" sh -c "'$gloss' convert '$tmp/bad.jsonl' '$tmp/rest.jsonl' --skip-invalid 2>/dev/null && [ \$(wc -l < '$tmp/rest.jsonl') -eq 1 ]"
printf 'caf\303(\n' >"$tmp/invalid.txt"
"$gloss" convert "$tmp/invalid.txt" "$tmp/invalid.jsonl" 2>"$tmp/err2"
check "invalid UTF-8 named with line and column" grep -q "invalid.txt:1:4: invalid UTF-8 at byte 3" "$tmp/err2"
"$gloss" convert "$tmp/missing.txt" "$tmp/x.jsonl" 2>"$tmp/err3"
check "a missing file is named" grep -q "missing.txt: No such file or directory" "$tmp/err3"


# [SECTION] formats, validate and stats (issue 4)
fx="$src/tests/fixtures/formats"
schema="$src/assets/schema/default.json"
for cmd in validate stats; do
    "$gloss" $cmd --help >"$tmp/h.$cmd" 2>&1 || fail "$cmd --help exits 0"
    check "$cmd --help has examples" grep -q "examples:" "$tmp/h.$cmd"
done
check "--help lists validate and stats" sh -c "grep -q 'validate FILE' '$tmp/help' && grep -q 'stats FILE' '$tmp/help'"
check "convert --help lists every registered format" sh -c "for f in jsonl project labelstudio doccano doccano-rel sagemaker brat conll prodigy corrections m2; do grep -q \"^  \$f \" '$tmp/chelp' || exit 1; done"

check "convert to Label Studio writes tasks and config" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/t.ls.json' --schema '$schema' 2>/dev/null && cmp -s '$tmp/t.ls.json' '$fx/labelstudio/tasks.json' && cmp -s '$tmp/t_config.xml' '$fx/labelstudio/config.xml'"
check "convert to brat writes a folder equal to the golden files" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/brat' --to brat --schema '$schema' 2>/dev/null && diff -r '$tmp/brat' '$fx/brat' >/dev/null"
check "convert to doccano (UTF-16) streams the golden file" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/d.doccano.jsonl' 2>/dev/null && cmp -s '$tmp/d.doccano.jsonl' '$fx/doccano/labels.jsonl'"
check "convert to sagemaker streams the golden file" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/o.manifest' 2>/dev/null && cmp -s '$tmp/o.manifest' '$fx/sagemaker/output.manifest'"
check "convert to CoNLL equals the golden file" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/n.conll' --schema '$schema' 2>/dev/null && cmp -s '$tmp/n.conll' '$fx/conll/layered.iob2.conll'"
check "convert to Prodigy equals the golden file" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/p.prodigy.jsonl' 2>/dev/null && cmp -s '$tmp/p.prodigy.jsonl' '$fx/prodigy/prodigy.jsonl'"
check "convert to M2 equals the golden file" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/c.m2' --schema '$schema' 2>/dev/null && cmp -s '$tmp/c.m2' '$fx/m2/corrections.m2'"
check "convert to corrections JSONL equals the golden file" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/c.corrections.jsonl' --schema '$schema' 2>/dev/null && cmp -s '$tmp/c.corrections.jsonl' '$fx/corrections/corrections.jsonl'"
check "a Prodigy file reads back" sh -c "'$gloss' convert '$tmp/p.prodigy.jsonl' '$tmp/p.jsonl' 2>/dev/null && [ \$(wc -l < '$tmp/p.jsonl') -eq 3 ]"
"$gloss" convert "$fx/source.jsonl" "$tmp/s.conll" --strict 2>"$tmp/strict.err"
check "strict CoNLL reports each dropped span" grep -q "blinken:offset 0: warning: span 1 QUOTE 0..20 not written: strict mode has one entity column" "$tmp/strict.err"
# CoNLL layers (issue 19): the entity tag last by default; --layers chooses columns and order.
check "CoNLL puts the entity tag in the last column" sh -c "head -n 1 '$tmp/n.conll' | grep -qx -- '-DOCSTART- -X- -X- O' && grep -qx 'José O O B-PERSON' '$tmp/n.conll' && grep -qx 'Refa O B-ERROR B-GPE' '$tmp/n.conll'"
"$gloss" convert "$fx/source.jsonl" "$tmp/e.conll" --schema "$schema" --layers entity 2>"$tmp/e.err"
check "--layers entity writes token and entity tag (as --strict does)" cmp -s "$tmp/e.conll" "$fx/conll/strict.iob2.conll"
check "--layers entity counts the spans of the layers left out" sh -c "grep -qx 'warning: conll cannot hold quote spans (no quote column): 2 not written' '$tmp/e.err' && grep -qx 'warning: conll cannot hold error spans (no error column): 6 not written' '$tmp/e.err'"
# (Blank lines aside: without the quote column a sentence break inside a quote is kept.)
check "--layers error,entity writes those columns in that order" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/ee.conll' --schema '$schema' --layers error,entity 2>/dev/null && awk 'NF && NF != 3 { exit 1 }' '$tmp/ee.conll' && awk 'NF { print \$1, \$3, \$4 }' '$tmp/n.conll' >'$tmp/ee.want' && grep . '$tmp/ee.conll' | cmp -s - '$tmp/ee.want'"
check "a CoNLL file in the new layout reads back" sh -c "'$gloss' convert '$tmp/ee.conll' '$tmp/ee.jsonl' --schema '$schema' && '$gloss' convert '$tmp/ee.jsonl' '$tmp/ee2.conll' --schema '$schema' --layers error,entity 2>/dev/null && cmp -s '$tmp/ee.conll' '$tmp/ee2.conll'"
for bad in "entity,person:unknown layer \"person\" (layers: entity, quote, error)" "error,entity,error:layer \"error\" is given twice" ":empty layer name in \"\" (layers: entity, quote, error)"; do
    "$gloss" convert "$fx/source.jsonl" "$tmp/bad.conll" --layers "${bad%%:*}" >/dev/null 2>"$tmp/bad.err"
    [ $? -eq 2 ] && head -n 1 "$tmp/bad.err" | grep -qxF "gloss convert: --layers: ${bad#*:}" && [ ! -e "$tmp/bad.conll" ] \
        && echo "ok: --layers '${bad%%:*}' is refused by name" || fail "--layers '${bad%%:*}' is refused by name"
done
"$gloss" convert "$fx/source.jsonl" "$tmp/bad.conll" --strict --layers entity >/dev/null 2>"$tmp/bad.err"
[ $? -eq 2 ] && grep -q "give --strict or --layers, not both" "$tmp/bad.err" && echo "ok: --strict with --layers is refused" || fail "--strict with --layers is refused"
"$gloss" convert "$fx/source.jsonl" "$tmp/bad.jsonl" --layers entity >/dev/null 2>"$tmp/bad.err"
[ $? -eq 2 ] && grep -q "apply to --to conll only" "$tmp/bad.err" && echo "ok: --layers is refused for other formats" || fail "--layers is refused for other formats"
check "export limits are reported once, summed" sh -c "'$gloss' convert '$fx/source.jsonl' '$tmp/x.doccano.jsonl' 2>&1 | grep -qx 'warning: doccano cannot hold span attributes: 19 not written'"
check "brat folder reads back to the same spans" sh -c "'$gloss' convert '$tmp/brat' '$tmp/from-brat.jsonl' --from brat && '$gloss' convert '$tmp/from-brat.jsonl' '$tmp/brat2' --to brat --schema '$schema' 2>/dev/null && diff -r '$tmp/brat' '$tmp/brat2' >/dev/null"
check "doccano read back in code points is refused where UTF-16 fits" sh -c "! '$gloss' validate '$fx/doccano/labels.jsonl' --from doccano --offset-unit codepoint >/dev/null 2>&1 && '$gloss' validate '$fx/doccano/labels.jsonl' --from doccano >/dev/null 2>&1"
check "project round trip is byte-identical" sh -c "'$gloss' convert '$fx/project/project.gloss.json' '$tmp/p.jsonl' && '$gloss' convert '$tmp/p.jsonl' '$tmp/p.gloss.json' && '$gloss' validate '$tmp/p.gloss.json' >/dev/null"

check "validate accepts the fixtures" sh -c "'$gloss' validate '$fx/source.jsonl' --schema '$schema' | grep -q '3 valid document(s), 21 span(s)'"
printf '{"text":"Refa","spans":[{"start":0,"end":4,"label":"PLACE"}]}\n{"text":"Refa","spans":[{"start":0,"end":4,"label":"GPE","text":"Rafah"}]}\n{"text": 1}\n{"text":"ok","spans":[{"id":1,"start":0,"end":2,"label":"GPE"}],"relations":[{"type":"speaker","from":1,"to":3}]}\n{"text":"fine"}\n' >"$tmp/v.jsonl"
"$gloss" validate "$tmp/v.jsonl" --schema "$schema" >"$tmp/v.out" 2>"$tmp/v.err"
[ $? -eq 1 ] && echo "ok: validate exits 1 on errors" || fail "validate exits 1 on errors"
check "validate reports every bad record with its place" sh -c "grep -q 'v.jsonl:1: unknown label \"PLACE\"' '$tmp/v.err' && grep -q 'v.jsonl:2: span 0..4 text \"Rafah\" differs' '$tmp/v.err' && grep -q 'v.jsonl:3: field \"text\" must be a string' '$tmp/v.err' && grep -q 'v.jsonl:4: relation 0 points at missing span 3' '$tmp/v.err' && [ \$(wc -l < '$tmp/v.err') -eq 4 ]"
check "validate summarises" grep -q "1 valid document(s), 0 span(s); 4 error(s) in 4 record(s)" "$tmp/v.out"
# Without --schema, labels the default schema lacks are warnings naming them (issue 19).
printf '%s\n' '{"id":"a","text":"Zoë met anthony blinken","spans":[{"start":0,"end":3,"label":"PERSNO"},{"start":8,"end":23,"label":"PERSON"}]}' \
    '{"id":"b","text":"Paris 🇫🇷","spans":[{"start":0,"end":5,"label":"CITY"},{"start":0,"end":5,"label":"PERSNO"}]}' >"$tmp/typo.jsonl"
"$gloss" validate "$tmp/typo.jsonl" >"$tmp/typo.out" 2>"$tmp/typo.err"
[ $? -eq 0 ] && echo "ok: unknown labels without --schema are warnings" || fail "unknown labels without --schema are warnings"
check "validate names each label the default schema lacks, once, with its count and first place" sh -c "grep -q 'typo.jsonl: warning: label \"PERSNO\" is not in the default schema (2 span(s), the first at offset 0 of a); give --schema to check against your own' '$tmp/typo.err' && grep -q 'label \"CITY\" is not in the default schema (1 span(s), the first at offset 0 of b)' '$tmp/typo.err' && [ \$(wc -l < '$tmp/typo.err') -eq 2 ]"
check "validate counts them as warnings" grep -q "2 valid document(s), 4 span(s); 2 warning(s)" "$tmp/typo.out"
check "validate of the default schema's own labels warns of nothing" sh -c "! '$gloss' validate '$fx/source.jsonl' 2>&1 | grep -q 'not in the default schema'"
printf '{"format": 9, "documents": []}' >"$tmp/new.gloss.json"
"$gloss" validate "$tmp/new.gloss.json" >/dev/null 2>"$tmp/new.err"
[ $? -eq 1 ] && grep -q "new.gloss.json: format version 9 is newer than this Gloss reads (1)" "$tmp/new.err" && echo "ok: a newer project format is refused by name" || fail "a newer project format is refused by name"
printf '{"text":"' >"$tmp/long.jsonl"; head -c 70000000 /dev/zero | tr '\0' 'a' >>"$tmp/long.jsonl"; printf '"}\n{"text":"short"}\n' >>"$tmp/long.jsonl"
"$gloss" validate "$tmp/long.jsonl" >/dev/null 2>"$tmp/long.err"
check "a line over 64 MB is refused with its place, the next line still read" sh -c "grep -q 'long.jsonl:1: line is 70000011 bytes, more than the limit of 67108864' '$tmp/long.err' && [ \$(wc -l < '$tmp/long.err') -eq 1 ]"
rm -f "$tmp/long.jsonl"

"$gloss" convert "$tmp/v.jsonl" "$tmp/v.doccano.jsonl" 2>/dev/null
[ $? -eq 1 ] && [ ! -e "$tmp/v.doccano.jsonl" ] && [ ! -e "$tmp/v.doccano.jsonl.tmp-gloss" ] && echo "ok: streamed convert leaves nothing on error" || fail "streamed convert leaves nothing on error"
check "--skip-invalid lists what it skipped" sh -c "'$gloss' convert '$tmp/v.jsonl' '$tmp/v.manifest' --skip-invalid 2>&1 | grep -q 'skipped 3 invalid record(s); wrote 2 document(s)'"

check "stats counts labels, error types and quotes" sh -c "'$gloss' stats '$fx/source.jsonl' --json > '$tmp/stats.json'"
check "stats JSON holds the counts" python3 - "$tmp/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["documents"] == 3 and s["spans"] == 21 and s["relations"] == 2, s
assert s["labels"]["ERROR"] == 7 and s["error_types"]["merged_tokens"] == 2, s
assert s["quotes"] == 2 and s["quotes_without_speaker"] == 0, s
assert s["spans_per_1000_characters"] == 68.4, s
PY
printf '%s\n' '{"labels":[{"name":"PERSON","color":"#aa0000","hotkey":"p"},{"name":"CITATION","kind":"quote","color":"#00aa00","hotkey":"c","attributes":[{"name":"said_by","type":"span","targets":["PERSON"]}]}]}' > "$tmp/citations.schema.json"
printf '%s\n' '{"id":"c","text":"“Go,” Ann said. “Stay,” Bo said.","spans":[{"id":1,"start":0,"end":5,"label":"CITATION"},{"id":2,"start":6,"end":9,"label":"PERSON"},{"id":3,"start":16,"end":23,"label":"CITATION"},{"id":4,"start":24,"end":26,"label":"PERSON"}],"relations":[{"id":1,"type":"said_by","from":1,"to":2}]}' > "$tmp/citations.jsonl"
check "stats counts quotes without the relation their schema names" sh -c "'$gloss' stats '$tmp/citations.jsonl' --schema '$tmp/citations.schema.json' --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"quotes\"] == 2 and d[\"quotes_without_speaker\"] == 1, d'"
check "stats --png writes a PNG" sh -c "'$gloss' stats '$fx/source.jsonl' --png '$tmp/c.png' >/dev/null && head -c 8 '$tmp/c.png' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"

# [SECTION] agree, merge and score (issue 7)
ag="$src/tests/fixtures/agree"
for cmd in agree merge score; do
    "$gloss" $cmd --help >"$tmp/h.$cmd" 2>&1 || fail "$cmd --help exits 0"
    check "$cmd --help has examples" grep -q "examples:" "$tmp/h.$cmd"
done
check "--help lists agree, merge and score" sh -c "grep -q 'agree A B' '$tmp/help' && grep -q 'merge A B' '$tmp/help' && grep -q 'score --gold' '$tmp/help'"

"$gloss" agree "$ag/ann.jsonl" "$ag/bob.jsonl" "$ag/cyd.jsonl" --json >"$tmp/agree.json" 2>"$tmp/agree.err"
[ $? -eq 0 ] && echo "ok: agree of three annotators exits 0" || fail "agree of three annotators exits 0"
check "agree reports the document missing from one file" sh -c "grep -qx 'gloss agree: document \"d3\" is missing from $ag/cyd.jsonl' '$tmp/agree.err' && [ \$(wc -l < '$tmp/agree.err') -eq 1 ]"
check "agree JSON holds span F1, kappas, alpha and confusion" python3 - "$tmp/agree.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
# Names: ann and bob from the spans' annotator field, cyd from the file's stem.
assert [x["name"] for x in a["annotators"]] == ["ann", "bob", "cyd"], a["annotators"]
assert a["documents"] == {"compared": 3, "missing_from_some_files": 1, "total": 3}, a["documents"]
pair = {(p["a"], p["b"]): p for p in a["pairs"]}
ab = pair[("ann", "bob")]
# ann 10 spans, bob 9; exact matches 7 (bob's PERSON "Blinken" differs), overlap 8:
# F1 = 2*7/19 and 2*8/19.
assert ab["documents"] == 3
assert abs(ab["span_f1"]["exact"]["overall"]["f1"] - 14 / 19) < 1e-9, ab["span_f1"]["exact"]
assert abs(ab["span_f1"]["overlap"]["overall"]["f1"] - 16 / 19) < 1e-9, ab["span_f1"]["overlap"]
assert ab["span_f1"]["exact"]["per_label"]["PERSON"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
# ann-cyd on d1, d2: cyd's LOC is GPE for ann; ann's QUOTE and ORG are cyd's misses.
ac = pair[("ann", "cyd")]
assert ac["documents"] == 2 and ac["span_f1"]["overlap"]["overall"]["tp"] == 4, ac["span_f1"]
# Token tags: d1 has 15 tokens (its two curly quote marks are tokens), d2 12, d3 9 (QUOTE and
# ERROR are not entity labels).
assert a["tokens"] == 36, a["tokens"]
assert a["tag_labels"] == ["DATE", "GPE", "LOC", "ORG", "PERSON"], a["tag_labels"]
k = ab["cohen_kappa"]["overall"]
assert k["units"] == 36 and 0 < k["kappa"] < 1, k
assert ac["cohen_kappa"]["overall"]["units"] == 27
# Neither ann nor bob put LOC on a token: that pair has no LOC kappa.
assert "LOC" not in ab["cohen_kappa"]["per_label"] and "LOC" in ac["cohen_kappa"]["per_label"]
assert ab["confusion"]["PERSON"]["O"] == 1 and ab["confusion"]["PERSON"]["PERSON"] == 3, ab["confusion"]
assert pair[("ann", "cyd")]["confusion"]["GPE"]["LOC"] == 1
f = a["fleiss_kappa"]["overall"]
assert f["units"] == 27 and 0 < f["kappa"] < 1, f
al = a["krippendorff_alpha"]["overall"]
# alpha pairs every token of d3 too (two ratings), where Fleiss needs all three.
assert al["units"] == 36 and al["values"] == 27 * 3 + 9 * 2 and 0 < al["alpha"] < 1, al
assert a["krippendorff_alpha"]["per_label"]["LOC"]["alpha"] < 0.5
PY
"$gloss" agree "$ag/ann.jsonl" "$ag/bob.jsonl" >"$tmp/agree.txt" 2>"$tmp/agree2.err"
check "agree prints tables" sh -c "grep -q '^span F1 (exact / overlap)' '$tmp/agree.txt' && grep -Eq '^  overall +0\.737 / 0\.842$' '$tmp/agree.txt' && grep -q \"^Cohen's kappa (token tags)\" '$tmp/agree.txt' && grep -q \"^Krippendorff's alpha\" '$tmp/agree.txt' && grep -q '^confusion of token labels: ann (rows) x bob (columns)' '$tmp/agree.txt'"
check "two annotators get no Fleiss' kappa" sh -c "! grep -q Fleiss '$tmp/agree.txt' && [ ! -s '$tmp/agree2.err' ]"
check "agree --labels restricts spans and tags" sh -c "'$gloss' agree '$ag/ann.jsonl' '$ag/bob.jsonl' --labels PERSON --json 2>/dev/null | python3 -c 'import json,sys; a=json.load(sys.stdin); p=a[\"pairs\"][0]; assert a[\"tag_labels\"]==[\"PERSON\"] and list(p[\"span_f1\"][\"exact\"][\"per_label\"])==[\"PERSON\"], a'"
"$gloss" agree "$ag/ann.jsonl" >/dev/null 2>&1; [ $? -eq 2 ] && echo "ok: agree of one file exits 2" || fail "agree of one file exits 2"
"$gloss" agree "$ag/ann.jsonl" "$tmp/nobody.jsonl" >/dev/null 2>"$tmp/agree3.err"
[ $? -eq 1 ] && grep -q "nobody.jsonl: No such file or directory" "$tmp/agree3.err" && echo "ok: agree names a missing file, exits 1" || fail "agree names a missing file, exits 1"
printf '{"id":"other","text":"Nothing in common."}\n' >"$tmp/other.jsonl"
"$gloss" agree "$ag/ann.jsonl" "$tmp/other.jsonl" >/dev/null 2>"$tmp/agree4.err"
[ $? -eq 1 ] && grep -q "gloss agree: no document is in two or more of the files" "$tmp/agree4.err" && echo "ok: agree without common documents exits 1" || fail "agree without common documents exits 1"

"$gloss" merge "$ag/ann.jsonl" "$ag/bob.jsonl" "$ag/cyd.jsonl" -o "$tmp/merged.jsonl" >"$tmp/merge.out" 2>"$tmp/merge.err"
[ $? -eq 0 ] && echo "ok: merge exits 0" || fail "merge exits 0"
check "merge summarises" grep -qx "merged 3 document(s) of 3 annotator(s) by majority: 8 span(s) kept, 4 dropped, 5 marked for review, 1 relation(s); 1 document(s) missing from some files" "$tmp/merge.out"
check "merge writes the adjudicated documents" python3 - "$tmp/merged.jsonl" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [d["id"] for d in docs] == ["d1", "d2", "d3"]
def spans(d):
    # Offsets are code points: Python's str slicing must give each span's text, across the
    # curly quotes, the emoji outside the BMP and the accented letter.
    out = []
    for s in d["spans"]:
        assert d["text"][s["start"]:s["end"]] == s["text"], s
        a = s.get("attrs", {})
        out.append((s["text"], s["label"], s.get("status", "accepted"), a.get("annotators")))
    return out
assert spans(docs[0]) == [
    ("\u201cFree the hostages now,\u201d", "QUOTE", "pending", "ann,bob"),
    ("Antony Blinken", "PERSON", "accepted", "ann,bob,cyd"),  # most common range
    ("Rafah", "GPE", "pending", "ann,bob"),
    ("Monday", "DATE", "accepted", "ann,bob,cyd"),
], spans(docs[0])
assert spans(docs[1]) == [("Gaza", "GPE", "accepted", None),
                          ("Jos\u00e9 Ramos-Horta", "PERSON", "accepted", None),
                          ("UN", "ORG", "pending", "ann,bob")], spans(docs[1])
assert spans(docs[2]) == [("Israel", "GPE", "accepted", None)], spans(docs[2])
r = docs[0]["relations"]
assert len(r) == 1 and r[0]["type"] == "speaker", r
ids = {s["id"]: s["label"] for s in docs[0]["spans"]}
assert ids[r[0]["from"]] == "QUOTE" and ids[r[0]["to"]] == "PERSON", r
assert all(s.get("attrs", {}).get("review") == "disagreement" for s in docs[0]["spans"])
PY
check "merge --strategy union keeps every span" sh -c "'$gloss' merge '$ag/ann.jsonl' '$ag/bob.jsonl' '$ag/cyd.jsonl' -o - --strategy union 2>&1 >/dev/null | grep -q '12 span(s) kept, 0 dropped'"
check "merge --strategy intersection keeps the shared spans" sh -c "'$gloss' merge '$ag/ann.jsonl' '$ag/bob.jsonl' '$ag/cyd.jsonl' -o '$tmp/i.jsonl' --strategy intersection 2>/dev/null | grep -q '5 span(s) kept, 7 dropped'"
check "the merged file validates" sh -c "'$gloss' validate '$tmp/merged.jsonl' >/dev/null"
"$gloss" merge "$ag/ann.jsonl" "$ag/bob.jsonl" >/dev/null 2>&1; [ $? -eq 2 ] && echo "ok: merge without -o exits 2" || fail "merge without -o exits 2"
"$gloss" merge "$ag/ann.jsonl" "$ag/bob.jsonl" -o "$tmp/x.jsonl" --strategy vote >/dev/null 2>"$tmp/merge2.err"
[ $? -eq 2 ] && grep -q 'unknown strategy "vote"' "$tmp/merge2.err" && [ ! -e "$tmp/x.jsonl" ] && echo "ok: merge refuses an unknown strategy" || fail "merge refuses an unknown strategy"
"$gloss" merge "$ag/ann.jsonl" "$tmp/other.jsonl" -o "$tmp/x.jsonl" >/dev/null 2>&1
[ $? -eq 1 ] && [ ! -e "$tmp/x.jsonl" ] && echo "ok: merge without common documents exits 1, writes nothing" || fail "merge without common documents exits 1, writes nothing"

"$gloss" score --gold "$ag/gold.jsonl" "$ag/ann.jsonl" "$ag/bob.jsonl" "$ag/cyd.jsonl" >"$tmp/score.txt" 2>"$tmp/score.err"
[ $? -eq 0 ] && echo "ok: score exits 0 with a worker flagged" || fail "score exits 0 with a worker flagged"
check "score prints each worker and flags the weak one" sh -c "grep -Eq '^  ann +2 +1\.000 +1\.000 +1\.000$' '$tmp/score.txt' && grep -Eq '^  cyd +2 +0\.800 +0\.571 +0\.667 +FLAGGED$' '$tmp/score.txt' && grep -qx '1 of 3 worker(s) flagged (overall F1 below 0.70)' '$tmp/score.txt' && grep -qx 'results  8 document(s) read, 6 on gold documents' '$tmp/score.txt'"
check "score --json with a threshold" sh -c "'$gloss' score --gold '$ag/gold.jsonl' '$ag/ann.jsonl' '$ag/cyd.jsonl' --threshold 0.6 --json | python3 -c 'import json,sys; s=json.load(sys.stdin); w={x[\"worker\"]: x for x in s[\"workers\"]}; assert s[\"flagged\"]==[] and w[\"cyd\"][\"tp\"]==4 and w[\"cyd\"][\"fn\"]==3 and w[\"cyd\"][\"per_label\"][\"LOC\"][\"fp\"]==1 and w[\"ann\"][\"gold_documents\"]==2, s'"
cat "$ag/ann.jsonl" "$ag/cyd.jsonl" >"$tmp/batch.jsonl"
check "workers in one results file are told apart by annotator, else the file stem" sh -c "'$gloss' score --gold '$ag/gold.jsonl' '$tmp/batch.jsonl' --json | python3 -c 'import json,sys; s=json.load(sys.stdin); assert [w[\"worker\"] for w in s[\"workers\"]]==[\"ann\",\"batch\"], s'"
"$gloss" score "$ag/ann.jsonl" >/dev/null 2>&1; [ $? -eq 2 ] && echo "ok: score without --gold exits 2" || fail "score without --gold exits 2"
"$gloss" score --gold "$ag/gold.jsonl" "$ag/ann.jsonl" --threshold high >/dev/null 2>&1; [ $? -eq 2 ] && echo "ok: score refuses a bad threshold" || fail "score refuses a bad threshold"
"$gloss" score --gold "$ag/gold.jsonl" "$tmp/other.jsonl" >/dev/null 2>"$tmp/score2.err"
[ $? -eq 1 ] && grep -q "no document of the results is in" "$tmp/score2.err" && echo "ok: score without gold documents exits 1" || fail "score without gold documents exits 1"

# [SECTION] agree and merge compare attributes and relations (issue 20): two annotators who mark
# the same quote and the same ERROR but name other speakers and other corrections.
cat >"$tmp/sp-ann.jsonl" <<'JSONL'
{"id":"q1","text":"“We will stay,” Dussault said, and Haddad agreed. The ministery answered.","spans":[{"id":1,"start":0,"end":15,"label":"QUOTE","annotator":"ann"},{"id":2,"start":16,"end":24,"label":"PERSON","annotator":"ann"},{"id":3,"start":35,"end":41,"label":"PERSON","annotator":"ann"},{"id":4,"start":54,"end":63,"label":"ERROR","attrs":{"type":"misspelling","correction":"ministry"},"annotator":"ann"}],"relations":[{"id":1,"type":"speaker","from":1,"to":2}]}
JSONL
cat >"$tmp/sp-bob.jsonl" <<'JSONL'
{"id":"q1","text":"“We will stay,” Dussault said, and Haddad agreed. The ministery answered.","spans":[{"id":"T1","start":0,"end":15,"label":"QUOTE","annotator":"bob"},{"id":"T2","start":16,"end":24,"label":"PERSON","annotator":"bob"},{"id":"T3","start":35,"end":41,"label":"PERSON","annotator":"bob"},{"id":"T4","start":54,"end":63,"label":"ERROR","attrs":{"type":"misspelling","correction":"Ministry"},"annotator":"bob"}],"relations":[{"id":"R1","type":"speaker","from":"T1","to":"T3"}]}
JSONL
check "agree counts the speakers and corrections two annotators disagree on" sh -c "'$gloss' agree '$tmp/sp-ann.jsonl' '$tmp/sp-bob.jsonl' --json | python3 -c 'import json,sys; p=json.load(sys.stdin)[\"pairs\"][0]; assert p[\"span_f1\"][\"exact\"][\"overall\"][\"f1\"]==1.0, p; assert p[\"relations\"][\"speaker\"]=={\"compared\":1,\"agreed\":0,\"agreement\":0.0}, p; assert p[\"attributes\"][\"correction\"][\"agreed\"]==0 and p[\"attributes\"][\"type\"]=={\"compared\":1,\"agreed\":1,\"agreement\":1.0}, p'"
check "agree prints them" sh -c "'$gloss' agree '$tmp/sp-ann.jsonl' '$tmp/sp-bob.jsonl' | grep -Eq '^  speaker +0/1 0\.000$'"
"$gloss" merge "$tmp/sp-ann.jsonl" "$tmp/sp-bob.jsonl" -o "$tmp/sp-merged.jsonl" >/dev/null 2>&1
check "merge keeps one speaker and marks the quote and the ERROR for review" python3 - "$tmp/sp-merged.jsonl" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").read())
by_label = {s["label"]: s for s in d["spans"] if s["label"] != "PERSON"}
speakers = [r for r in d["relations"] if r["type"] == "speaker"]
assert len(speakers) == 1, d["relations"]
quote, error = by_label["QUOTE"], by_label["ERROR"]
assert quote["attrs"]["review"] == "disagreement" and quote["attrs"]["disagree_on"] == "speaker", quote
assert error["attrs"]["review"] == "disagreement" and error["attrs"]["disagree_on"] == "correction", error
assert error["attrs"]["correction"] == "ministry" and error["attrs"]["type"] == "misspelling", error
PY

# [SECTION] campaign (issue 21): usage and offline errors; tests/web/nats_campaign.test.mjs runs it
# against a real nats-server.
"$gloss" campaign --help >"$tmp/h.campaign" 2>&1 || fail "campaign --help exits 0"
check "campaign --help has examples" grep -q "examples:" "$tmp/h.campaign"
check "--help lists campaign" grep -q "campaign SUB" "$tmp/help"
"$gloss" campaign server "$tmp/keys" --listen 127.0.0.1:4999 >/dev/null 2>&1 || fail "campaign server writes keys"
check "campaign server writes nats.conf with the operator and the account" sh -c "grep -q '^operator: ' '$tmp/keys/nats.conf' && grep -q 'resolver_preload' '$tmp/keys/nats.conf' && grep -q '127.0.0.1:4999' '$tmp/keys/nats.conf'"
check "campaign keys are private" sh -c "[ \"\$(stat -c %a '$tmp/keys/account.seed')\" = 600 ]"
seed=$(cat "$tmp/keys/account.seed")
"$gloss" campaign server "$tmp/keys" >/dev/null 2>&1 || fail "campaign server runs again"
check "campaign server keeps the keys it wrote" sh -c "[ \"\$(cat '$tmp/keys/account.seed')\" = '$seed' ]"
"$gloss" campaign status spring --keys "$tmp/keys" --server nats://127.0.0.1:9 >"$tmp/c.out" 2>"$tmp/c.err"; code=$?
check "campaign on an absent server exits 1" [ "$code" -eq 1 ]
check "campaign on an absent server says so" grep -q "nats://127.0.0.1:9 cannot be reached" "$tmp/c.err"
"$gloss" campaign status spring --keys "$tmp/nokeys" >"$tmp/c.out" 2>"$tmp/c.err"; code=$?
check "campaign without keys says where they come from" sh -c "[ $code -eq 1 ] && grep -q 'gloss campaign server' '$tmp/c.err'"
"$gloss" campaign create "bad.name" --keys "$tmp/keys" >"$tmp/c.out" 2>"$tmp/c.err"; code=$?
check "a campaign name with a dot is refused" sh -c "[ $code -eq 2 ] && grep -q 'a campaign NAME is' '$tmp/c.err'"

if [ $failures -ne 0 ]; then echo "cli: $failures failure(s)"; exit 1; fi
echo "cli: all passed"
