"""The notebooks where learners use them: JupyterLab in a real browser.

Starts JupyterLab from .venv on a loopback port, drives Debian's Chromium with
Playwright (never a downloaded browser), and does what a learner does:

* notebook 01: Run All on the Rust kernel, no error output; a right value, a
  right derivative and a wrong answer typed into the quiz, their colours
  checked (blue, green, red); reveal pressed;
* notebook 02: Run All, every check "not started"; then the engine typed in
  as a learner would, with `=` for `+=` in backward: the backward check
  answers "wrong" and names the mistake, the operations' check turns right;
* notebook 05: the nudge slider moved; the nudge and the values shown change
  and equal the sweep, recomputed here from the network the notebook prints;
* notebook 08: play pressed, the frame advances; scrubbed to the last frame;
* a new notebook of one's own: a graph built over four cells gives 66;
* a kernel restart and Run All again, for the warm-start latency.

Works on a copy of the exercise notebooks in target/lab-test/work/ (their
`:dep` path made absolute), saves a screenshot of every step in
target/lab-test/, and writes the timings to target/lab-test/timings.json.
Times are reported, not asserted (speed is for benchmarks, not tests).

Usage: python scripts/lab_test.py [STEP ...]   (all steps, or those whose names
hold a word given, e.g. `player own`; exits non-zero if a step fails)
"""

import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

# The runner's reading of a cell's recorded run time (scripts/ is on the path).
from run_notebooks import cell_seconds

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "lab-test"
WORK = OUT / "work"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
RUN_ALL_TIMEOUT_S = 900

results = []
timings = {}
# Seconds from opening a notebook (or restarting its kernel) to "Rust | Idle",
# i.e. the kernel's start-up, which now includes loading the crate.
kernel_ready = {"s": None}


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + str(detail)) if detail and not ok else ''}", flush=True)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_work():
    """A fresh copy of the exercise notebooks, as `make lab` gives a learner,
    with the :dep path pointing at this repository wherever the copy lives."""
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    os.symlink(ROOT / "notebooks" / "data", WORK / "data")
    for nb in ["01-computation-graph", "02-autograd-engine", "05-nudges-and-1d-backprop", "08-tensors-einsum-batched"]:
        text = (ROOT / "notebooks" / f"{nb}.ipynb").read_text(encoding="utf-8")
        # The path from the copy to this repository, relative as in a
        # learner's work/ copy (where it is ".."): the same line the kernel's
        # start-up configuration loads (scripts/rust-kernel).
        rel = os.path.relpath(ROOT, WORK)
        text = text.replace(r'path = \"..\" }', f'path = \\"{rel}\\" }}')
        (WORK / f"{nb}.ipynb").write_text(text, encoding="utf-8")
    own = {
        "cells": [],
        "metadata": {"kernelspec": {"display_name": "Rust", "language": "rust", "name": "rust"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (WORK / "my-own.ipynb").write_text(json.dumps(own), encoding="utf-8")
    # JupyterLab settings for this run only: record each cell's timing.
    settings = OUT / "settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True, exist_ok=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(json.dumps({"recordTiming": True, "windowingMode": "none"}))
    # No news or update checks: they would ask over the network and pop up.
    (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )


class Lab:
    """JupyterLab on 127.0.0.1, stopped (with its kernels) by stop()."""

    def __init__(self):
        self.port = free_port()
        self.token = secrets.token_hex(16)
        cmd = [
            str(ROOT / ".venv" / "bin" / "jupyter"), "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={WORK}",
        ]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        # Settings, workspace state and connection files stay in target/lab-test/.
        env = dict(
            os.environ,
            JUPYTERLAB_SETTINGS_DIR=str(OUT / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(OUT / "workspaces"),
            JUPYTER_RUNTIME_DIR=str(OUT / "runtime"),
        )
        self.log = open(OUT / "jupyterlab.log", "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2)
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"JupyterLab exited; see {OUT / 'jupyterlab.log'}")
                time.sleep(0.5)
        raise RuntimeError("JupyterLab did not start within 120 s")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook):
        # ?reset: a workspace with just this notebook open (the others' kernels
        # keep running, as they do when a learner closes a tab).
        return f"{self.base}/lab/tree/{notebook}?reset&token={self.token}"

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()


def shot(page, name):
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)


def open_notebook(page, lab, notebook):
    start = time.monotonic()
    page.goto(lab.url(notebook))
    page.locator(".jp-Notebook:visible .jp-Cell").first.wait_for(timeout=120_000)
    # Run All before the kernel is up would be dropped: wait for "Rust | Idle".
    page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"Rust \| Idle")).first.wait_for(timeout=180_000)
    kernel_ready["s"] = round(time.monotonic() - start, 1)


def menu(page, top, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}")).first.click()


def run_all(page, label):
    """Run All from the menu; waits until every code cell has run. Returns the
    seconds to the first figure (image or widget) and to the end."""
    cells = page.locator(".jp-Notebook:visible .jp-CodeCell")
    n = cells.count()
    # Focus the notebook, so that the Run menu acts on it.
    page.locator(".jp-Notebook:visible .jp-InputPrompt").first.click()
    start = time.monotonic()
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-Notebook')].find(e => e.offsetParent !== null)"
        ".querySelector('.jp-CodeCell .jp-InputPrompt').textContent.trim() !== '[ ]:'",
        timeout=30_000,
    )
    shot(page, f"{label}-run-all-started")
    first_figure = None
    deadline = start + RUN_ALL_TIMEOUT_S
    while time.monotonic() < deadline:
        state = page.evaluate(
            """() => {
                const nb = [...document.querySelectorAll('.jp-Notebook')].find(e => e.offsetParent !== null);
                const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim());
                const figures = nb.querySelectorAll('.jp-OutputArea-output img, .jp-OutputArea-output .bpl-widget').length;
                return {prompts, figures};
            }"""
        )
        if first_figure is None and state["figures"] > 0:
            first_figure = time.monotonic() - start
        if state["prompts"] and all(re.fullmatch(r"\[\d+\]:", p) for p in state["prompts"]):
            break
        time.sleep(0.25)
    total = time.monotonic() - start
    done = check(f"{label}: Run All finished ({n} code cells)", time.monotonic() < deadline, f"not done after {RUN_ALL_TIMEOUT_S} s")
    errors = page.locator('.jp-Notebook:visible .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    texts = [errors.nth(i).inner_text()[:300] for i in range(min(errors.count(), 3))]
    check(f"{label}: no error output", done and errors.count() == 0, texts)
    timings[label] = {"first_figure_s": first_figure, "run_all_s": round(total, 1), "code_cells": n,
                      "kernel_ready_s": kernel_ready["s"]}
    kernel_ready["s"] = None
    print(f"     {label}: first figure after {first_figure if first_figure is None else round(first_figure, 1)} s, whole run {total:.1f} s", flush=True)
    return first_figure, total


def save_and_cell_times(page, notebook, label):
    """Saves the notebook and reads each cell's recorded run time."""
    menu(page, "File", "Save Notebook")
    time.sleep(2)
    nb = json.loads((WORK / notebook).read_text(encoding="utf-8"))
    times = [t for t in (cell_seconds(c) for c in nb["cells"] if c["cell_type"] == "code") if t is not None]
    if times:
        rest = times[1:] or times
        timings[label]["dep_cell_s"] = round(times[0], 2)
        timings[label]["median_cell_s"] = round(statistics.median(rest), 3)
        timings[label]["max_cell_s"] = round(max(times[1:] or times), 2)
        print(f"     {label}: :dep cell {times[0]:.1f} s, median cell {timings[label]['median_cell_s']} s", flush=True)


def test_quiz(page, lab):
    open_notebook(page, lab, "01-computation-graph.ipynb")
    shot(page, "01-opened")
    run_all(page, "01-computation-graph")
    shot(page, "01-after-run-all")
    quiz = page.locator(".jp-Notebook:visible .bpl-quiz").first
    quiz.scroll_into_view_if_needed()
    check("01: the quiz widget is live", quiz.get_attribute("data-ready") == "1")
    right = quiz.locator("input[aria-label='value of a']")
    grad = quiz.locator("input[aria-label='dJ/da']")
    wrong = quiz.locator("input[aria-label='dJ/dw']")
    # a = 2 + 3·3 = 11 (the lab's value); dJ/da = 2a = 22; dJ/dw is 66, so 60 is wrong.
    right.click()
    right.fill("11")
    grad.click()
    grad.fill("22")
    wrong.click()
    wrong.fill("60")
    shot(page, "01-quiz-typed")
    check("01: a right value is marked right", right.get_attribute("data-mark") == "right-value", right.get_attribute("data-mark"))
    check("01: a right derivative is marked right", grad.get_attribute("data-mark") == "right-grad", grad.get_attribute("data-mark"))
    check("01: a wrong derivative is marked wrong", wrong.get_attribute("data-mark") == "wrong", wrong.get_attribute("data-mark"))
    border = "e => getComputedStyle(e).borderTopColor"
    blue, green, red = right.evaluate(border), grad.evaluate(border), wrong.evaluate(border)
    # The quiz's one colour scheme (QUIZ_VALUE, QUIZ_GRAD, QUIZ_WRONG in
    # src/figures/diagrams.rs, which plot_quiz draws with and widget.css holds).
    check("01: the right value is blue", blue == "rgb(21, 101, 192)", blue)
    check("01: the right derivative is green", green == "rgb(46, 125, 50)", green)
    check("01: the wrong answer is red", red == "rgb(198, 40, 40)", red)
    # The notebook is still in one piece: typing went to the boxes, not to
    # JupyterLab's shortcuts.
    check("01: typing did not trigger notebook shortcuts", page.locator(".jp-Notebook:visible .bpl-quiz").count() >= 1)
    quiz.locator(".bpl-reveal").click()
    boxes = quiz.locator("input[data-box]").count()
    check("01: reveal fills every box, all right", quiz.get_attribute("data-right") == str(boxes) and boxes > 0,
          f"{quiz.get_attribute('data-right')} of {boxes}")
    dw = quiz.locator("input[aria-label='dJ/dw']")
    check("01: revealed dJ/dw is the lab's 66", dw.input_value() == "66", dw.input_value())
    quiz.screenshot(path=str(OUT / "quiz-widget.png"))
    shot(page, "01-quiz-revealed")
    # Re-running the cell replaces the widget with a fresh, working one.
    cell = page.locator(".jp-Notebook:visible .jp-CodeCell", has=page.locator(".bpl-quiz")).first
    cell.locator(".jp-InputPrompt").click()
    menu(page, "Run", "Run Selected Cell")
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => { const q = [...document.querySelectorAll('.jp-Notebook')].find(e => e.offsetParent !== null).querySelector('.bpl-quiz');"
        " return q && q.getAttribute('data-ready') === '1' && q.getAttribute('data-right') === '0'; }",
        timeout=60_000,
    )
    again = page.locator(".jp-Notebook:visible .bpl-quiz").first
    box = again.locator("input[aria-label='value of a']")
    box.fill("11")
    check("01: after re-running its cell the quiz works again", box.get_attribute("data-mark") == "right-value",
          box.get_attribute("data-mark"))
    shot(page, "01-quiz-rerun")
    save_and_cell_times(page, "01-computation-graph.ipynb", "01-computation-graph")


def code_cell_sources(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]


def rerun_cell(page, k, source=None):
    """Runs the k-th code cell again, first replacing its text when a source is
    given (typed as a learner pastes it); returns the cell's output text."""
    cell = page.locator(".jp-Notebook:visible .jp-CodeCell").nth(k)
    cell.scroll_into_view_if_needed()
    before = cell.locator(".jp-InputPrompt").inner_text().strip()
    if source is not None:
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(source)
    else:
        cell.locator(".jp-InputPrompt").click()
    menu(page, "Run", "Run Selected Cell")
    page.wait_for_function(
        "([k, before]) => { const nb = [...document.querySelectorAll('.jp-Notebook')].find(e => e.offsetParent !== null);"
        " const p = nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt')[k].textContent.trim();"
        " return /^\\[\\d+\\]:$/.test(p) && p !== before; }",
        arg=[k, before],
        timeout=RUN_ALL_TIMEOUT_S * 1000,
    )
    return "\n".join(cell.locator(".jp-OutputArea-output").all_inner_texts())


def test_autograd(page, lab):
    notebook = "02-autograd-engine.ipynb"
    open_notebook(page, lab, notebook)
    run_all(page, "02-autograd-engine")
    shot(page, "02-after-run-all")
    checks = page.locator(".jp-Notebook:visible .jp-OutputArea-output", has_text=re.compile(r": not started")).count()
    check("02: every check is 'not started' after Run All", checks == 5, f"{checks} of 5")
    # The learner's engine, typed in: the solution's code for steps 1-3, and
    # backward with `=` where it must add (`+=`), the mistake.
    exercise = code_cell_sources(WORK / notebook)
    solution = code_cell_sources(ROOT / "notebooks" / "solutions" / notebook)
    at = {name: next(i for i, s in enumerate(exercise) if s.startswith(name)) for name in
          ["fn apply_op", "/// Adds the node", "fn topo_order", "/// Fills every node", "let ops_report", "let backward_report"]}
    for name in ["fn apply_op", "/// Adds the node", "fn topo_order"]:
        rerun_cell(page, at[name], solution[at[name]])
    typed = solution[at["/// Fills every node"]]
    if not check("02: the solution's backward adds with +=", typed.count("+=") == 1):
        return
    rerun_cell(page, at["/// Fills every node"], typed.replace("+=", "="))
    ops = rerun_cell(page, at["let ops_report"])
    check("02: the operations' check turns right", "right on all" in ops, ops[:300])
    report = rerun_cell(page, at["let backward_report"])
    check("02: = for += is answered 'wrong'", "backward: wrong (" in report, report[:300])
    # The first hint, behind its button, names the mistake.
    cell = page.locator(".jp-Notebook:visible .jp-CodeCell").nth(at["let backward_report"])
    cell.locator("summary", has_text="hint 1 of").first.click()
    hint = "\n".join(cell.locator(".jp-OutputArea-output").all_inner_texts())
    shot(page, "02-backward-check-wrong")
    cell.screenshot(path=str(OUT / "autograd-backward-check.png"))
    check("02: the first hint names = instead of +=", "= instead of += where a node fans out" in hint, hint[:600])


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def test_explorer(page, lab):
    open_notebook(page, lab, "05-nudges-and-1d-backprop.ipynb")
    run_all(page, "05-nudges-and-1d-backprop")
    # The network the notebook prints: "w = [w1, w2, w3], b = [b1, b2, b3]".
    text = page.locator(".jp-Notebook:visible .jp-OutputArea-output").all_inner_texts()
    m = next((re.search(r"w = \[([^\]]+)\], b = \[([^\]]+)\]", t) for t in text if "w = [" in t), None)
    if not check("05: the notebook printed its network", m is not None):
        return
    w = [float(v) for v in m.group(1).split(",")]
    b = [float(v) for v in m.group(2).split(",")]
    ex = page.locator(".jp-Notebook:visible .bpl-explorer").first
    ex.scroll_into_view_if_needed()
    slider = ex.locator("input.bpl-nudge")
    before = ex.locator("td[data-q='cost']").inner_text()
    shot(page, "05-explorer-before")
    slider.fill("40")
    after = {q: ex.locator(f"td[data-q='{q}']").inner_text() for q in ["nudge", "value", "z", "a3", "cost"]}
    shot(page, "05-explorer-moved")
    ex.screenshot(path=str(OUT / "explorer-widget.png"))
    check("05: moving the slider changes the values", after["cost"] != before, f"{before} -> {after['cost']}")
    # The sweep, recomputed here: nudge 40 of linspace(-5, 5, 51) on w1, for
    # the toy data's first example x = -5, y = -1.
    nudge = -5.0 + 40 * 10.0 / 50
    x, y = -5.0, -1.0
    w1 = w[0] + nudge
    z1 = w1 * x + b[0]
    a1 = sigmoid(z1)
    a2 = sigmoid(w[1] * a1 + b[1])
    a3 = sigmoid(w[2] * a2 + b[2])
    cost = (a3 - y) ** 2
    want = {"nudge": nudge, "value": w1, "z": z1, "a3": a3, "cost": cost}
    for q, v in want.items():
        shown = float(after[q])
        check(f"05: the shown {q} is the sweep's ({v:.4f})", abs(shown - v) <= 5e-4 * max(1.0, abs(v)), after[q])


def test_player(page, lab):
    open_notebook(page, lab, "08-tensors-einsum-batched.ipynb")
    run_all(page, "08-tensors-einsum-batched")
    player = page.locator(".jp-Notebook:visible .bpl-player").first
    player.scroll_into_view_if_needed()
    start = int(player.get_attribute("data-frame"))
    player.locator(".bpl-play").click()
    page.wait_for_timeout(1500)
    shot(page, "07-player-playing")
    now = int(player.get_attribute("data-frame"))
    check("07: play advances the frame", now != start and player.get_attribute("data-playing") == "1", f"{start} -> {now}")
    scrub = player.locator(".bpl-scrub")
    last = int(scrub.get_attribute("max"))
    scrub.fill(str(last))
    check("07: scrubbing reaches the last frame", int(player.get_attribute("data-frame")) == last and player.get_attribute("data-playing") == "0",
          player.get_attribute("data-frame"))
    shot(page, "07-player-last-frame")


def test_own_notebook(page, lab):
    open_notebook(page, lab, "my-own.ipynb")
    cells = [
        f':dep backprop_lab = {{ path = "{ROOT}" }}\nuse backprop_lab::prelude::*;',
        "let g = Graph::new();",
        'let w = g.param("w", 3.0);',
        'let j = (2.0 + 3.0 * w).powi(2).named("J");',
        "g.backward(j)?.grad(w)",
    ]
    start = time.monotonic()
    for k, src in enumerate(cells):
        editor = page.locator(".jp-Notebook:visible .jp-Cell").nth(k).locator(".cm-content")
        editor.click()
        page.keyboard.insert_text(src)
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(
            "k => { const nb = [...document.querySelectorAll('.jp-Notebook')].find(e => e.offsetParent !== null);"
            " const p = nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt')[k]; return p && /\\[\\d+\\]/.test(p.textContent); }",
            arg=k,
            timeout=RUN_ALL_TIMEOUT_S * 1000,
        )
    timings["my-own"] = {"five_cells_s": round(time.monotonic() - start, 1)}
    out = page.locator(".jp-Notebook:visible .jp-CodeCell").nth(4).locator(".jp-OutputArea-output").all_inner_texts()
    shot(page, "own-notebook")
    check("own notebook: the graph built over four cells gives 66", any(t.strip() == "66.0" or t.strip() == "66" for t in out), out)


def kernel_idle(page, timeout_ms):
    try:
        page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"Rust \| Idle")).first.wait_for(timeout=timeout_ms)
        return True
    except Exception:
        return False


def test_restart(page, lab):
    """A kernel restart, then Run All: the warm path a learner takes most."""
    open_notebook(page, lab, "05-nudges-and-1d-backprop.ipynb")
    # evcxr 0.22 sometimes comes back from a restart unable to answer
    # (kernel_info_request: "Broken pipe" in the server log, status Unknown).
    # A learner restarts again; so does the test, once, and says so.
    for attempt in (1, 2):
        menu(page, "Kernel", "Restart Kernel and Clear Outputs of All Cells")
        page.locator(".jp-Dialog-button.jp-mod-accept").click()
        restarted = time.monotonic()
        page.wait_for_timeout(3000)
        if kernel_idle(page, 90_000):
            kernel_ready["s"] = round(time.monotonic() - restarted, 1)
            break
        shot(page, f"05-restart-attempt-{attempt}-not-idle")
        print(f"     note: the kernel did not come back idle from restart {attempt}", flush=True)
    timings["restart_attempts"] = attempt
    check("05: the kernel is idle after a restart", kernel_idle(page, 1000))
    run_all(page, "05-nudges-and-1d-backprop (after a restart)")
    save_and_cell_times(page, "05-nudges-and-1d-backprop.ipynb", "05-nudges-and-1d-backprop (after a restart)")
    shot(page, "05-after-restart")


def report_targets():
    """The latency targets, reported and never asserted: the first figure at
    most 6 s after Run All on a new or restarted kernel, the median cell at
    most 0.35 s. The kernel's own start-up, before it is idle, is shown beside."""
    for label, t in timings.items():
        if not isinstance(t, dict) or t.get("first_figure_s") is None:
            continue
        fig, med = t["first_figure_s"], t.get("median_cell_s")
        line = f"target {label}: first figure {fig:.1f} s ({'met' if fig <= 6 else 'missed'}, goal 6 s)"
        if med is not None:
            line += f", median cell {med:.2f} s ({'met' if med <= 0.35 else 'missed'}, goal 0.35 s)"
        if t.get("kernel_ready_s") is not None:
            line += f"; kernel idle {t['kernel_ready_s']:.1f} s after it was started"
        print(line, flush=True)


def main():
    # A stop from outside (CI's time limit, Ctrl-C) still shuts JupyterLab and
    # its kernels down: SIGTERM becomes an exit that runs the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    OUT.mkdir(parents=True, exist_ok=True)
    prepare_work()
    lab = Lab()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            steps = [test_quiz, test_autograd, test_explorer, test_player, test_own_notebook, test_restart]
            wanted = sys.argv[1:]  # e.g. "player own": only the steps whose names hold these words
            for step in [st for st in steps if not wanted or any(w in st.__name__ for w in wanted)]:
                try:
                    step(page, lab)
                except Exception as e:  # a step that breaks is a failure, and the others still run
                    shot(page, f"failed-{step.__name__}")
                    check(f"{step.__name__} ran to the end", False, repr(e)[:500])
            browser.close()
    finally:
        lab.stop()
        (OUT / "timings.json").write_text(json.dumps(timings, indent=1))
    passed, failed = results.count(True), results.count(False)
    print(f"timings: {json.dumps(timings)}")
    report_targets()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not results else 0)


if __name__ == "__main__":
    main()
