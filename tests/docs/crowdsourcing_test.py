#!/usr/bin/env python3
"""Follows docs/CROWDSOURCING.md after collection: runs every ```sh block of its "After
collection" section, in order, in a scratch folder holding what an endpoint would have stored
(the agree fixtures as submissions from ann, bob and cyd, one of them received twice) and
gold.jsonl. `gloss` in the blocks is the native build's binary.

Usage: tests/docs/crowdsourcing_test.py GLOSS_BINARY
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "agree")


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def submission(annotator, number):
    with open(os.path.join(FIXTURES, annotator + ".jsonl"), encoding="utf-8") as f:
        documents = [json.loads(line) for line in f if line.strip()]
    for d in documents:
        d["time_spent_ms"] = 1000 * number
    return {"format": "gloss-submission", "version": 1, "submission_id": f"id-{annotator}",
            "annotator": annotator, "task": {"tasks": "tasks.jsonl"}, "documents": documents,
            "client": {"name": "gloss", "version": "test"}, "submitted_at": "2026-12-05T10:00:00Z"}


def main():
    gloss = os.path.abspath(sys.argv[1])
    with open(os.path.join(ROOT, "docs", "CROWDSOURCING.md"), encoding="utf-8") as f:
        doc = f.read()
    section = doc[doc.index("## After collection"):]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    if len(commands) < 6:
        fail(f"expected the guide's commands, found {commands}")
    work = tempfile.mkdtemp(prefix="gloss-crowd-")
    try:
        with open(os.path.join(work, "received.jsonl"), "w", encoding="utf-8") as f:
            for i, name in enumerate(["ann", "bob", "bob", "cyd"]):
                f.write(json.dumps(submission(name, i), ensure_ascii=False) + "\n")
        shutil.copy(os.path.join(FIXTURES, "gold.jsonl"), work)
        os.makedirs(os.path.join(work, "scripts"))
        shutil.copy(os.path.join(ROOT, "scripts", "collect_submissions.py"),
                    os.path.join(work, "scripts"))
        outputs = {}
        for command in commands:
            shell = re.sub(r"^gloss ", gloss.replace("\\", "\\\\") + " ", command)
            run = subprocess.run(shell, shell=True, cwd=work, capture_output=True, text=True)
            if run.returncode != 0:
                fail(f"`{command}` exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
            outputs[command] = run.stdout
            print(f"ok: {command}")
        collect = next(o for c, o in outputs.items() if "collect_submissions" in c)
        if "3 submissions from 3 workers" not in collect:
            fail("the duplicate submission was counted: " + collect)
        for name in ["ann", "bob", "cyd"]:
            with open(os.path.join(work, "results", name + ".jsonl"), encoding="utf-8") as f:
                docs = [json.loads(line) for line in f]
            if any(d["meta"]["annotator"] != name for d in docs):
                fail(f"{name}.jsonl holds another worker's documents")
        with open(os.path.join(work, "agreement.json"), encoding="utf-8") as f:
            agreement = json.load(f)
        if "krippendorff_alpha" not in agreement:
            fail("agreement.json has no Krippendorff's alpha")
        for produced in ["merged.jsonl", "dataset.ls.json"]:
            if not os.path.getsize(os.path.join(work, produced)):
                fail(produced + " is empty")
        with open(os.path.join(work, "merged.jsonl"), encoding="utf-8") as f:
            merged = [json.loads(line) for line in f]
        if not any(s.get("attrs", {}).get("review") == "disagreement"
                   for d in merged for s in d.get("spans", [])):
            fail("merged.jsonl marks no disagreement")
        print("crowdsourcing guide: ok")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
