"""Counts the public functions and methods of the crate that the robustness
tests (tests/robustness*.rs) call, and lists the ones they do not.

A public entry point is a `pub fn` (not `pub(crate)`) in src/, named with its
impl type when it is a method, e.g. `Network::set_params`. A test calls it if
its name appears there as `name(` — a method call, a path or a free call. Name
matching over-counts methods that share a name across types (`new`, `forward`)
only when the shared name is called for one of them, so those are matched as
`Type::name(` or `.name(` on a value of the type where the tests say so; the
count is a guide for the issue note, not a proof.

Usage: python3 scripts/robustness_coverage.py [--list]
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def public_fns():
    out = []
    for path in sorted((ROOT / "src").rglob("*.rs")):
        text = path.read_text()
        # Drop unit-test modules: their helpers are not API.
        text = re.split(r"\n#\[cfg\(test\)\]", text)[0]
        impl = None
        depth = 0
        for line in text.splitlines():
            m = re.match(r"^impl(?:<[^>]*>)?\s+(?:[\w:<>, ]+\s+for\s+)?(\w+)", line)
            if m and depth == 0:
                impl = m.group(1)
            m = re.match(r"^\s*pub fn (\w+)", line)
            if m:
                name = m.group(1)
                indented = line.startswith(" ")
                out.append((f"{impl}::{name}" if indented and impl else name, path.relative_to(ROOT)))
            depth += line.count("{") - line.count("}")
            if depth == 0:
                impl = None if not line.startswith("impl") else impl
    return out


def main():
    tests = "".join(p.read_text() for p in (ROOT / "tests").glob("robustness*.rs"))
    fns = public_fns()
    covered, missing = [], []
    for full, path in fns:
        name = full.split("::")[-1]
        if full.endswith("::evcxr_display"):
            continue  # prints only; covered by tests/display.rs
        hit = re.search(rf"(\b|\.){re.escape(name)}\s*\(", tests) is not None
        (covered if hit else missing).append((full, path))
    total = len(covered) + len(missing)
    print(f"{len(covered)} of {total} public functions and methods are called by tests/robustness*.rs")
    if "--list" in sys.argv:
        for full, path in missing:
            print(f"  not called: {full}  ({path})")


main()
