#!/usr/bin/env python3
"""Zip interop with Python's zipfile, through tests/tools/zip_tool.cpp (our writer and reader).

(a) our zip (stored entries) of non-ASCII names and contents, an empty file and a nested
    folder: zipfile reads it, testzip() finds nothing wrong, names and bytes are equal;
(b) zipfile's zips (ZIP_DEFLATED at compresslevel 9 and 1, and ZIP_STORED, several files with
    non-ASCII names, a directory entry and a comment): our reader gives the same names and bytes;
(c) a zip our reader must refuse (a CRC flipped) fails with the member named.
Usage: zip_interop.py ZIP_TOOL
"""
import os
import random
import subprocess
import sys
import tempfile
import zipfile

TOOL = sys.argv[1]
FILES = {
    "doc-1.ann": "T1\tPERSON 0 3\tZoë\n".encode(),
    "doc-1.txt": "Zoë met Ana in São Paulo — ☕ 😀 👩‍👩‍👧\n".encode(),
    "données/Éléonore 😀.jsonl": ("{\"text\": \"naïve café\"}\n" * 500).encode(),
    "empty.txt": b"",
    # Incompressible bytes, so deflate writes stored blocks among Huffman ones.
    "random.bin": random.Random(19).randbytes(200_000),
}
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def write_tree(root, files):
    for name, data in files.items():
        path = os.path.join(root, *name.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def read_tree(root):
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            path = os.path.join(dirpath, n)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, "rb") as f:
                out[rel] = f.read()
    return out


with tempfile.TemporaryDirectory() as tmp:
    # (a) ours, read by zipfile
    src = os.path.join(tmp, "src")
    write_tree(src, FILES)
    ours = os.path.join(tmp, "ours.zip")
    subprocess.run([TOOL, "write", ours, src], check=True)
    with zipfile.ZipFile(ours) as z:
        check(z.testzip() is None, "zipfile.testzip() on our zip")
        check(sorted(z.namelist()) == sorted(FILES), f"names of our zip: {z.namelist()}")
        for info in z.infolist():
            check(info.compress_type == zipfile.ZIP_STORED, f"{info.filename} stored")
            check(info.flag_bits & 0x800, f"{info.filename} has the UTF-8 flag")
            check(info.date_time == (1980, 1, 1, 0, 0, 0), f"{info.filename} date")
            check(z.read(info) == FILES[info.filename], f"{info.filename} bytes via zipfile")
    with open(ours, "rb") as f:
        first = f.read()
    subprocess.run([TOOL, "write", ours, src], check=True)
    with open(ours, "rb") as f:
        check(f.read() == first, "our zip is the same bytes when written again")

    # (b) zipfile's, read by ours
    for method, level in ((zipfile.ZIP_DEFLATED, 9), (zipfile.ZIP_DEFLATED, 1),
                          (zipfile.ZIP_STORED, None)):
        theirs = os.path.join(tmp, f"theirs-{method}-{level}.zip")
        with zipfile.ZipFile(theirs, "w", compression=method, compresslevel=level) as z:
            z.writestr("données/", b"")  # a directory entry
            for name, data in FILES.items():
                z.writestr(name, data)
            z.comment = "a comment: Zoë".encode()
        out = os.path.join(tmp, f"out-{method}-{level}")
        r = subprocess.run([TOOL, "read", theirs, out], capture_output=True, text=True)
        check(r.returncode == 0, f"our reader on zipfile's level {level}: {r.stderr}")
        got = read_tree(out) if os.path.isdir(out) else {}
        check(got == FILES, f"our reader on zipfile's method {method} level {level}: "
                            f"names {sorted(got)}")

    # (c) a corrupt member is refused by name
    bad = bytearray(first)
    name_len = bad[26] | bad[27] << 8
    bad[30 + name_len] ^= 0xFF  # the first member's first byte (its CRC no longer fits)
    bad_path = os.path.join(tmp, "bad.zip")
    with open(bad_path, "wb") as f:
        f.write(bad)
    first_name = bytes(bad[30:30 + name_len]).decode()
    r = subprocess.run([TOOL, "read", bad_path, os.path.join(tmp, "bad")],
                       capture_output=True, text=True)
    check(r.returncode == 1, "a corrupt zip fails")
    check(f"bad.zip[{first_name}]: CRC mismatch" in r.stderr, f"CRC message: {r.stderr!r}")
    with zipfile.ZipFile(bad_path) as z:
        check(z.testzip() == first_name, "zipfile agrees which member is bad")

if failures:
    print(f"zip_interop: {len(failures)} failure(s)")
    sys.exit(1)
print("zip_interop: ok (our zip read by zipfile; zipfile's deflated and stored zips read by ours)")
