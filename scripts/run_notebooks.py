"""Executes every notebook on the real evcxr kernel, headless: the learners'
exercise notebooks in notebooks/ and the solutions in notebooks/solutions/.

Writes executed copies and standalone HTML to target/notebooks/ (solutions to
target/notebooks/solutions/), prints a table of timings, and exits non-zero
(printing the failing cell and its output) if a cell fails. Each notebook's
kernel runs in the notebook's own folder, as JupyterLab runs it, and gets an
EVCXR_TMPDIR under target/evcxr/ named after the notebook, shared by its
exercise and solution runs (one after the other, never at once), so a second
run reuses the compiled crates; an empty one is seeded from the first
notebook's, so only the first notebook compiles cold. Notebooks of different
names run side by side, two at a time on a machine with two cores or more
(BACKPROP_LAB_NOTEBOOK_JOBS=1 runs them one after the other).

Usage: python scripts/run_notebooks.py [NAME ...]   (default: all; a NAME
matches both the exercise and the solution notebook of that name)
"""

import re
import datetime as dt
import json
import multiprocessing
import os
import shutil
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
OUT = ROOT / "target" / "notebooks"
CACHE = ROOT / "target" / "evcxr"
CELL_TIMEOUT = 900
# Notebooks run side by side: one per core, at most 2 (BACKPROP_LAB_NOTEBOOK_JOBS
# overrides). A kernel compiles each cell on one core, so two at once take
# about half as long in all on this 2-core machine; more would only queue.
JOBS = int(os.environ.get("BACKPROP_LAB_NOTEBOOK_JOBS", min(2, os.cpu_count() or 1)))


# MathJax 3, installed by scripts/setup.sh from the npm registry.
MATHJAX = ROOT / ".venv" / "share" / "backprop_lab" / "mathjax" / "tex-svg-full.js"
# nbconvert's template loads MathJax 2 from a CDN with a <script src=...>; the
# exporter is pointed at this marker, which export_html replaces.
MATHJAX_MARK = "backprop-lab-mathjax.js"
MATHJAX_CONFIG = (
    "<script>window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], "
    "displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']], processEscapes: true, tags: 'ams'}, "
    "svg: {fontCache: 'global'}};</script>"
)


def export_html(nb):
    """The notebook as one self-contained HTML page: its formulas are typeset by
    a copy of MathJax inside the page (SVG output, so no font files either), so
    the page renders with no network."""
    html, _ = HTMLExporter(mathjax_url=MATHJAX_MARK).from_notebook_node(nb)
    tag = f'<script src="{MATHJAX_MARK}"> </script>'
    if tag not in html:
        raise RuntimeError("nbconvert's template no longer loads MathJax with <script src=...>")
    js = MATHJAX.read_text(encoding="utf-8").replace("</script", "<\\/script")
    html = html.replace(tag, MATHJAX_CONFIG + "\n<script>" + js + "</script>")
    # The template also loads require.js from a CDN; nothing on these pages
    # uses it (the widgets' scripts are inline), so it goes, and the page
    # must then load nothing from outside itself.
    html = re.sub(r'<script src="https?://[^"]*require(\.min)?\.js"></script>', "", html)
    outside = re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="(?:https?:)?//[^"]*"', html)
    if outside:
        raise RuntimeError(f"the exported page loads from outside itself: {outside[:3]}")
    return html


def parse_time(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def cell_seconds(cell):
    ex = cell.get("metadata", {}).get("execution", {})
    start, end = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
    if not start or not end:
        return None
    return (parse_time(end) - parse_time(start)).total_seconds()


def cell_output_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append("\n".join(out.get("traceback", [])) or out.get("evalue", ""))
        elif "data" in out and "text/plain" in out["data"]:
            parts.append(out["data"]["text/plain"])
    return "\n".join(parts)


def is_cold(cache):
    return not cache.exists() or not any(cache.iterdir())


def run(path, seed):
    solution = path.parent == SOLUTIONS
    name = f"solutions/{path.stem}" if solution else path.stem
    out_dir = OUT / "solutions" if solution else OUT
    cache = CACHE / path.stem
    cold = is_cold(cache)
    if cold and seed is not None and not is_cold(seed):
        shutil.copytree(seed, cache, dirs_exist_ok=True)
        cold = False
    cache.mkdir(parents=True, exist_ok=True)
    os.environ["EVCXR_TMPDIR"] = str(cache)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        # A kernel may compile the crate while it starts (scripts/rust-kernel).
        startup_timeout=300,
        kernel_name="rust",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=True,
        # nbclient stops listening for a cell's output 4 s after the kernel's
        # reply by default and silently drops what comes later; on a busy
        # machine evcxr's last printed line can arrive later than that. Wait
        # longer, and fail loudly rather than lose output.
        iopub_timeout=120,
        raise_on_iopub_timeout=True,
    )
    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except CellExecutionError as e:
        failure = e
    total = time.monotonic() - started
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_dir / path.name)
    (out_dir / f"{path.stem}.html").write_text(export_html(nb), encoding="utf-8")
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    times = [t for t in (cell_seconds(c) for c in code_cells) if t is not None]
    dep = cell_seconds(code_cells[0]) if code_cells else None
    rest = times[1:] if len(times) > 1 else times
    if failure is not None:
        bad = next((c for c in code_cells if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        print(f"\n{name}: a cell failed.", file=sys.stderr)
        if bad is not None:
            print("---- cell source ----\n" + bad.source, file=sys.stderr)
            print("---- cell output ----\n" + cell_output_text(bad), file=sys.stderr)
        else:
            print(str(failure)[:4000], file=sys.stderr)
    return {
        "notebook": name,
        "ok": failure is None,
        "cold_cache": cold,
        "total_s": round(total, 2),
        "dep_cell_s": round(dep, 2) if dep is not None else None,
        "median_cell_s": round(statistics.median(rest), 3) if rest else None,
        "max_cell_s": round(max(rest), 2) if rest else None,
        "cells": len(code_cells),
    }


def run_group(paths, seed):
    """Runs the notebooks of one name in order (exercise, then solution), in a
    process of its own: each sets its own EVCXR_TMPDIR."""
    out = []
    for p in paths:
        print(f"running {p.relative_to(NOTEBOOKS)} ...", flush=True)
        out.append(run(p, seed))
        print(f"finished {p.relative_to(NOTEBOOKS)}: {out[-1]['total_s']} s{'' if out[-1]['ok'] else ' FAILED'}", flush=True)
    return out


# Profile settings for every kernel's build; see that file.
CARGO_CONFIG = ROOT / "scripts" / "kernel-cargo-config.toml"


def write_cargo_config():
    cfg = ROOT / "target" / ".cargo" / "config.toml"
    cfg.parent.mkdir(parents=True, exist_ok=True)
    text = CARGO_CONFIG.read_text()
    if not cfg.exists() or cfg.read_text() != text:
        cfg.write_text(text)


def main():
    write_cargo_config()
    wanted = set(sys.argv[1:])
    exercises = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not wanted or p.stem in wanted)
    solutions = sorted(p for p in SOLUTIONS.glob("*.ipynb") if not wanted or p.stem in wanted)
    # Each exercise notebook, then its solution: the second reuses the first's cache.
    paths = []
    for p in exercises:
        paths.append(p)
        paths.extend(q for q in solutions if q.stem == p.stem)
    paths.extend(q for q in solutions if q.stem not in {p.stem for p in exercises})
    if not paths:
        sys.exit("run_notebooks: no notebooks found")
    # One job per notebook name: its exercise version, then its solution (they
    # share a build folder, so never at once), each job in a process of its
    # own. When any build folder is cold, the first notebook runs alone first,
    # and every cold folder is then seeded with a copy of its warm one (never
    # copied while a kernel writes to it). The rest run JOBS at a time.
    groups = {}
    for p in paths:
        groups.setdefault(p.stem, []).append(p)
    names = list(groups)
    seed = CACHE / names[0]
    spawn = multiprocessing.get_context("spawn")
    results = {}
    if any(is_cold(CACHE / n) for n in names):
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            results[names[0]] = pool.submit(run_group, groups[names[0]], None).result()
        names = names[1:]
    with ProcessPoolExecutor(max_workers=max(1, JOBS), mp_context=spawn) as pool:
        futures = {n: pool.submit(run_group, groups[n], seed) for n in names}
        for n, f in futures.items():
            results[n] = f.result()
    results = [r for n in groups for r in results[n]]
    print()
    head = f"{'notebook':<46} {'total s':>8} {':dep s':>7} {'median cell s':>14} {'max cell s':>11} {'cells':>6}  cache"
    print(head)
    print("-" * len(head))
    for r in results:
        print(
            f"{r['notebook']:<46} {r['total_s']:>8} {str(r['dep_cell_s']):>7} {str(r['median_cell_s']):>14} "
            f"{str(r['max_cell_s']):>11} {r['cells']:>6}  {'cold' if r['cold_cache'] else 'warm'}"
            + ("" if r["ok"] else "  FAILED")
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "timings.json").write_text(json.dumps(results, indent=2))
    if not all(r["ok"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
