#!/usr/bin/env python3
"""Trunk post_build hook. First it brings in the console's parts (issue 29: the wasm split by ./x release,
bound and optimised, in CONSOLE_PARTS) under one folder named by their hash, and points index.html's boot
tag at it. Then it writes sw.js into the staging dist with the exact list of files this build produced
(parts, css, index.html, boot.js, manifest, icons), so the offline cache is never hand-maintained. The cache
name is a hash of those files, so a new build replaces the old cache."""
import hashlib, os, pathlib, re, shutil, sys

staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
base = os.environ.get("TRUNK_PUBLIC_URL", "/")

if "CONSOLE_PARTS" not in os.environ:
    sys.exit("the wasm is built in parts by ./x (./x serve, ./x test), not by trunk alone")
parts = pathlib.Path(os.environ["CONSOLE_PARTS"])
chunks = sorted(p for p in parts.iterdir() if p.is_file())
folder = hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in chunks)).hexdigest()[:16]
shutil.copytree(parts, staging / f"parts-{folder}")
index = staging / "index.html"
html = index.read_text()
assert "__PARTS__" in html, "index.html lost its boot tag"
# Trunk leaves the skipped rust link in the page (index.html: it only stops trunk building the crate itself).
html = re.sub(r"<link[^>]*data-trunk-skip[^>]*>", "", html)
index.write_text(html.replace("__PARTS__", f"{base}parts-{folder}"))
files = sorted(p for p in staging.rglob("*") if p.is_file() and p.name != "sw.js")
digest = hashlib.sha256()
for p in files:
    digest.update(p.relative_to(staging).as_posix().encode())
    digest.update(p.read_bytes())
urls = [base + p.relative_to(staging).as_posix() for p in files]
template = (pathlib.Path(__file__).resolve().parent.parent / "src" / "web" / "sw.js").read_text()
sw = template.replace("__CACHE__", "contract-console-" + digest.hexdigest()[:16]).replace(
    "__FILES__", ",\n  ".join(f'"{u}"' for u in urls)).replace("__INDEX__", base + "index.html")
(staging / "sw.js").write_text(sw)
print(f"sw.js caches {len(urls)} files")
