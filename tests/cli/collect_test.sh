#!/bin/sh
# scripts/collect_submissions.py: workers' names become safe file names in OUTDIR, never paths or
# hidden files, and names that collide (also in case) get separate files.
# Usage: tests/cli/collect_test.sh REPO_ROOT
set -eu
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/received.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i, name in enumerate(["a/b", "a_b", "A_B", "../x", ".hidden"]):
        f.write(json.dumps({"format": "gloss-submission", "version": 1, "submission_id": f"s{i}",
                            "annotator": name,
                            "documents": [{"id": "d", "text": "t", "spans": []}]}) + "\n")
PY
python3 "$root/scripts/collect_submissions.py" "$work/received.jsonl" "$work/out/inner" >/dev/null
got=$(cd "$work/out" && find . -type f | sort | tr '\n' ' ')
want="./inner/A_B.jsonl ./inner/_x.jsonl ./inner/a_b-2.jsonl ./inner/a_b-3.jsonl ./inner/hidden.jsonl "
if [ "$got" != "$want" ]; then
    echo "FAIL: collect_submissions wrote: $got (want: $want)" >&2
    exit 1
fi
echo "collect_test: ok"
