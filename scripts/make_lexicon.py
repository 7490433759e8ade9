#!/usr/bin/env python3
"""Builds Gloss's English lexicon asset from a Debian word list (wamerican's
/usr/share/dict/american-english), run by the build; the output is generated, never committed.

Usage: make_lexicon.py WORDLIST OUTPUT

Keeps words of ASCII letters only (no possessives), case preserved so proper nouns
("Cairo") stay apart from common words ("cairn"), sorted and front-coded: after the header
line "gloss-lexicon 1", each line is one character giving how many leading characters the
entry shares with the previous one ('0' + n), then the rest of the entry.
"""
import re
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, output = sys.argv[1], sys.argv[2]
    try:
        with open(source, encoding="utf-8", errors="replace") as f:
            words = sorted({w for w in (line.strip() for line in f) if re.fullmatch(r"[A-Za-z]+", w)})
    except OSError as e:
        print(f"make_lexicon.py: {source}: {e.strerror} (install Debian's wamerican)", file=sys.stderr)
        return 1
    lines = ["gloss-lexicon 1"]
    previous = ""
    for w in words:
        shared = 0
        limit = min(len(w), len(previous), 40)
        while shared < limit and w[shared] == previous[shared]:
            shared += 1
        lines.append(chr(ord("0") + shared) + w[shared:])
        previous = w
    with open(output, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
