#!/usr/bin/env python3
"""Turns the submissions a campaign's endpoint received into one Gloss JSONL file per worker.

Usage: scripts/collect_submissions.py RECEIVED OUTDIR

RECEIVED holds what the endpoint stored: one gloss-submission JSON object per line (or one
object in the whole file). A submission sent twice (the same submission_id, e.g. a retry whose
answer was lost) counts once. Each worker's documents go to OUTDIR/<annotator>.jsonl (the name
made safe: other characters than letters, digits, ".", "_" and "-" become "_", and names that
would collide get "-2", "-3", ...), every
span marked with that annotator, ready for `gloss score`, `gloss agree` and `gloss merge`.
Problems are reported as RECEIVED:LINE: message; the exit status is 1 when there were any.
See docs/CROWDSOURCING.md.
"""
import json
import os
import re
import sys


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr if len(argv) != 2 else sys.stdout)
        return 0 if len(argv) == 2 else 2
    received, outdir = argv[1], argv[2]
    try:
        with open(received, encoding="utf-8") as f:
            raw = f.read()
    except OSError as e:
        print(f"{received}: {e.strerror}", file=sys.stderr)
        return 1
    stripped = raw.strip()
    lines = [(1, stripped)] if stripped.startswith("{") and "\n{" not in stripped else \
        [(n, line) for n, line in enumerate(raw.splitlines(), 1) if line.strip()]
    seen, problems, workers = set(), 0, {}
    for number, line in lines:
        try:
            sub = json.loads(line)
        except json.JSONDecodeError as e:
            print(f"{received}:{number}: not JSON ({e.msg} at column {e.colno})", file=sys.stderr)
            problems += 1
            continue
        if not isinstance(sub, dict) or sub.get("format") != "gloss-submission":
            print(f"{received}:{number}: not a gloss-submission object", file=sys.stderr)
            problems += 1
            continue
        if sub.get("version") != 1:
            print(f"{received}:{number}: submission version {sub.get('version')!r} is not 1",
                  file=sys.stderr)
            problems += 1
            continue
        sid = sub.get("submission_id")
        if sid in seen:
            continue
        seen.add(sid)
        annotator = str(sub.get("annotator") or "anonymous")
        for doc in sub.get("documents") or []:
            doc = dict(doc)
            doc.pop("time_spent_ms", None)
            meta = dict(doc.get("meta") or {})
            meta.update(annotator=annotator, submission_id=sid,
                        time_spent_ms=(sub_doc_time(sub, doc)))
            doc["meta"] = meta
            for span in doc.get("spans") or []:
                span["annotator"] = annotator
            workers.setdefault(annotator, []).append(doc)
    os.makedirs(outdir, exist_ok=True)
    taken = set()
    for annotator, docs in sorted(workers.items()):
        name = file_name(annotator, taken)
        with open(os.path.join(outdir, name + ".jsonl"), "w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        print(f"{name}.jsonl: {len(docs)} documents")
    print(f"{len(seen)} submissions from {len(workers)} workers")
    return 1 if problems else 0


def file_name(annotator, taken):
    """A file name for a worker's documents that is no path and no hidden file, and that no other
    worker of this collection has (compared without regard to case): "a/b" and "a_b" get
    "a_b" and "a_b-2"."""
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", annotator).lstrip(".") or "anonymous"
    name, n = stem, 2
    while name.lower() in taken:
        name, n = f"{stem}-{n}", n + 1
    taken.add(name.lower())
    return name


def sub_doc_time(sub, doc):
    for d in sub.get("documents") or []:
        if d.get("id") == doc.get("id"):
            return d.get("time_spent_ms", 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
