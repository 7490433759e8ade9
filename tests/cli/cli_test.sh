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
check "stats --png writes a PNG" sh -c "'$gloss' stats '$fx/source.jsonl' --png '$tmp/c.png' >/dev/null && head -c 8 '$tmp/c.png' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"

if [ $failures -ne 0 ]; then echo "cli: $failures failure(s)"; exit 1; fi
echo "cli: all passed"
