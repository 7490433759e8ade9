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

if [ $failures -ne 0 ]; then echo "cli: $failures failure(s)"; exit 1; fi
echo "cli: all passed"
