#!/usr/bin/env python3
"""Assembles the static web app in DIST from the page sources (web/) and the engine build.

Every file but index.html is renamed with a hash of its content (gloss.3f2a9c1e.wasm), and
index.html names them, so a static host can cache them for ever and an update is never mixed
with a stale cached piece: only index.html must be revalidated. All URLs are relative, so dist/
works from any path of any host.

embedding.json (the origins allowed to embed the app, docs/API.md) is the site owner's: it keeps
its plain name, and a rebuild keeps the one already in DIST_DIR. sw.js (the service worker that
lets the app start offline) keeps its plain name too, with this build's id and files in it.

usage: make_dist.py WEB_DIR ENGINE_DIR DIST_DIR
"""
import hashlib
import json
import os
import shutil
import sys


def hashed_name(name, data):
    stem, dot, ext = name.partition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{dot}{ext}"


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    web, engine, dist = argv[1:]
    files = {}  # logical name -> bytes
    for name in sorted(os.listdir(web)):
        if name not in ("index.html", "embedding.json", "sw.js") and os.path.isfile(os.path.join(web, name)):
            with open(os.path.join(web, name), "rb") as f:
                files[name] = f.read()
    for name in ("gloss.js", "gloss.wasm", "gloss.data"):
        with open(os.path.join(engine, name), "rb") as f:
            files[name] = f.read()
    # The NATS client for campaigns (npm's nats.ws, pinned in package-lock.json), imported by
    # web/campaign_nats.js only when a task link names a NATS campaign.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    vendor = os.path.join(root, "node_modules", "nats.ws", "esm", "nats.js")
    if not os.path.isfile(vendor):
        sys.stderr.write(f"make_dist.py: {vendor} is missing: run scripts/setup\n")
        return 1
    with open(vendor, "rb") as f:
        files["nats.js"] = f.read()
    names = {name: hashed_name(name, data) for name, data in files.items()}

    with open(os.path.join(web, "index.html"), encoding="utf-8") as f:
        page = f.read()
    engine_files = {k: names[k] for k in ("gloss.js", "gloss.wasm", "gloss.data", "nats.js")}
    for name in files:
        for attribute in ("src", "href"):
            page = page.replace(f'{attribute}="{name}"', f'{attribute}="{names[name]}"')
    boot = f'src="{names["boot.js"]}"'
    page = page.replace(boot, f"{boot} data-engine='{json.dumps(engine_files)}'")
    missing = [n for n in files if n not in engine_files and names[n] not in page]
    if missing:
        sys.stderr.write(f"make_dist.py: web/index.html does not name {', '.join(missing)}\n")
        return 1

    # A fresh folder, swapped in whole: dist/ never holds a mix of two builds.
    staging = dist.rstrip("/") + ".tmp"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    for name, data in files.items():
        with open(os.path.join(staging, names[name]), "wb") as f:
            f.write(data)
    with open(os.path.join(staging, "index.html"), "w", encoding="utf-8") as f:
        f.write(page)
    kept = os.path.join(dist, "embedding.json")
    shutil.copyfile(kept if os.path.isfile(kept) else os.path.join(web, "embedding.json"),
                    os.path.join(staging, "embedding.json"))
    # The service worker (web/sw.js), at a fixed name beside index.html: this build's id and
    # files filled in, so that a new build is a new worker that replaces the old cache whole.
    build = hashlib.sha256((page + "".join(sorted(names.values()))).encode()).hexdigest()[:16]
    # The NATS client is not precached: only a campaign link needs it, and that needs the network.
    offline = ["./", "embedding.json"] + sorted(v for k, v in names.items() if k != "nats.js")
    with open(os.path.join(web, "sw.js"), encoding="utf-8") as f:
        worker = f.read().replace("__GLOSS_BUILD__", build).replace("__GLOSS_FILES__", json.dumps(offline))
    with open(os.path.join(staging, "sw.js"), "w", encoding="utf-8") as f:
        f.write(worker)
    with open(os.path.join(staging, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(names, f, indent=1, sort_keys=True)
        f.write("\n")
    old = dist.rstrip("/") + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(dist):
        os.rename(dist, old)
    os.rename(staging, dist)
    shutil.rmtree(old, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
