#!/usr/bin/env python3
"""Where the shipped wasm's bytes are, grouped by crate (issue 14).

usage: scripts/attribute.py WASM   (a build whose name section was kept: wasm-bindgen --keep-debug, wasm-opt -g)
Runs twiggy 0.8 and prints a markdown table of code and data bytes per group, biggest first; the name
section itself is left out, since a shipped build has none.
"""
import csv, io, re, subprocess, sys
from collections import Counter

HASH = re.compile(r"\[[0-9a-f]+\]")
LEGACY_HASH = re.compile(r"::h[0-9a-f]{16}$")
LEGACY_IMPL = re.compile(r"^[\w:]*?<impl (.+?) for (.+?)>::")
REFERENCE = re.compile(r"^(?:&|\*const |\*mut |mut |dyn |\()+")
LIBRARY = {"serde_core": "serde", "serde": "serde", "js_sys": "wasm_bindgen", "web_sys": "wasm_bindgen",
           "wasm_bindgen_futures": "wasm_bindgen", "leptos_dom": "leptos", "core": "std (core, alloc)",
           "alloc": "std (core, alloc)", "std": "std (core, alloc)"}


def strip_generics(path):
    """`a::b::<T>::c<U>` -> `a::b::c`: the path of the function, not of what it was instantiated with."""
    out, depth = [], 0
    for ch in path:
        depth += ch == "<"
        if depth == 0:
            out.append(ch)
        depth -= ch == ">" and depth > 0
    return "".join(out).replace("::::", "::")


def owner(name):
    """(self type's path, trait's path or '') of a demangled function name, in either mangling."""
    name = LEGACY_HASH.sub("", HASH.sub("", name))
    legacy_impl = LEGACY_IMPL.search(name)
    if legacy_impl:
        return strip_generics(legacy_impl.group(2)), strip_generics(legacy_impl.group(1))
    if not name.startswith("<"):
        return strip_generics(name), ""
    depth = 0
    for i, ch in enumerate(name):
        depth += (ch == "<") - (ch == ">")
        if depth == 0:
            inner = name[1:i]
            break
    else:
        return strip_generics(name), ""
    depth, split = 0, None
    for i, ch in enumerate(inner):
        depth += (ch == "<") - (ch == ">")
        if depth == 0 and inner.startswith(" as ", i):
            split = i
    if split is None:
        return strip_generics(REFERENCE.sub("", inner)), ""
    return strip_generics(REFERENCE.sub("", inner[:split])), strip_generics(inner[split + 4:])


def group(name):
    if name.startswith("data segment"):
        return "data segments (strings, tables)"
    if name == "main":
        return "console: main (the app and its routes, inlined)"
    self_type, trait = owner(name)
    while self_type.startswith("<"):
        self_type, trait = owner(self_type + "::f")
    crate = self_type.split("::")[0].strip("(&*[ ")
    if (crate in ("_", "") or re.fullmatch(r"[A-Z]", crate)) and trait:
        crate = trait.split("::")[0]
    if crate in ("str", "char", "u8", "u32", "usize", "i64", "f64", "bool"):
        crate = "core"
    if trait.startswith(("serde_core::", "serde::")) and crate == "contract_console":
        return "serde derives of the console's types"
    if trait.startswith("core::fmt::"):
        return "std (core, alloc)"
    if crate == "contract_console":
        parts = self_type.split("::")
        return "console: " + "::".join(parts[1:3] if parts[1] in ("ui", "domain") else parts[1:2])
    if re.fullmatch(r"(code|elem|func|global|table)\[\d+\]", name) or not crate.isidentifier():
        return "unnamed (wasm-bindgen glue, tables)"
    return LIBRARY.get(crate, crate)


def main():
    out = subprocess.run(["twiggy", "top", "-n", "1000000", "--format", "csv", sys.argv[1]],
                         check=True, capture_output=True, text=True).stdout
    sizes = Counter()
    for row in csv.DictReader(io.StringIO(out)):
        name = row["Name"]
        if "names\" subsection" in name or name.startswith("\"function names") or "custom section" in name:
            continue
        sizes[group(name)] += int(row["ShallowSize"])
    total = sum(sizes.values())
    print(f"| contributor | bytes after wasm-opt | share |\n|---|---|---|")
    for name, size in sizes.most_common():
        print(f"| {name} | {size:,} B | {100 * size / total:.1f}% |")
    print(f"| total | {total:,} B | |")


main()
