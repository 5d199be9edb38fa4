#!/usr/bin/env python3
"""Trunk post_build hook: writes sw.js into the staging dist with the exact list of files this build
produced (hashed js/wasm/css, index.html, boot.js, manifest, icons), so the offline cache is never
hand-maintained. The cache name is a hash of those files, so a new build replaces the old cache."""
import hashlib, os, pathlib

staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
base = os.environ.get("TRUNK_PUBLIC_URL", "/")
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
