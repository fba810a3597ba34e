"""Checks the notebooks, both sets: the learners' exercise notebooks in
notebooks/ and the solutions in notebooks/solutions/. Committed ones carry no
outputs, and each exercise notebook is exactly what scripts/make_exercises.py
makes from its solution. Executed ones (from scripts/run_notebooks.py, in
target/notebooks/ and target/notebooks/solutions/) ran without errors, show the
labs' worked numbers and their figures, and show every exercise check: "not
started" in an untouched exercise notebook, "right" in a solution. An exported
HTML page, opened in headless Chromium, decodes every image.

Usage: python scripts/check_notebooks.py [--html-only | --committed-only]
Prints one line per check and a closing 'N passed, M failed' line.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
OUT = ROOT / "target" / "notebooks"

NOTATION = "### Notation carried in / changed here"


def _steps_loss(text, step):
    m = re.search(rf"step {step:>2}: w1 = [-+.\d]+, w2 = [-+.\d]+, loss = ([\d.]+)", text)
    return float(m.group(1)) if m else float("nan")


def _pair_agrees(text, pattern, tol):
    m = re.search(pattern, text)
    return bool(m) and abs(float(m.group(1)) - float(m.group(2))) <= tol


def _dense_agrees(text):
    dense = re.search(r"dense network: dL/dw2 = ([-.\d]+), dL/dw1 = ([-.\d]+)", text)
    chain = re.search(r"chain rule: +dL/dw2 = ([-.\d]+), dL/dw1 = ([-.\d]+)", text)
    if not (dense and chain):
        return False
    return all(abs(float(dense.group(i)) - float(chain.group(i))) <= 1e-10 for i in (1, 2))


# What each executed notebook must show: text its outputs contain (the labs'
# printed numbers and shapes) and the least number of figures it displays.
EXPECT = {
    "00-rust-primer": {
        "checks": 2,
        "notation": True,
        "text": [
            "m has 2 rows and 3 columns",
            "w is 2 × 3, w.dim() = (2, 3)",
            # arr2(&[[1, 2, 3], [4, 5, 6]]): row 0, column 2 holds 3; row 1, column 0 holds 4.
            "w[[0, 2]] = 3 (row 0, column 2), w[[1, 0]] = 4 (row 1, column 0)",
            "from_shape_vec((2, 2), 3 values): ",
            # 1/(1 + e^0) = 0.5; 1/(1 + e^-2) = 0.88080 by hand.
            "logistic(0) = 0.5, logistic(2) = 0.8808",
            "a is still here: a[[0, 0]] = 0.5",
        ],
        "figures": 0,
    },
    "01-computation-graph": {
        "checks": 3,
        "notation": True,
        "widgets": {"bpl-quiz": 4},
        "text": [
            "a = 11, J = 121",
            "J = 121, J_epsilon = 121.02200099999999, dJ_da ~= k = 22.000999999988835",
            "a = 11, a_epsilon = 11.003, da_dw ~= k = 3.0000000000001137",
            "J = 121, J_epsilon = 121.06600900000001, dJ_dw ~= k = 66.0090000000082",
            "J=4.5, d=3, a=4, c=-4",
            "d = 3, d_epsilon = 3.0010000000000003, dd_da ~= k = 1.000000000000334",
            "J = 4.5, J_epsilon = 4.503000500000001, dJ_da ~= k = 3.0005000000006277",
            "J at d = 3: 4.5",
            "dJ/dw = 6",
            "6 a",
            "2 a",
            # The fan-out graph: dJ/da = 1·v + c·u = 8 + 4·3 = 20 by hand.
            "dJ/da = 20",
            # The lab's "another view": a nudge of w grows by ∂a/∂w = 3, then ∂J/∂a = 22.
            "in all, 3 × 22 = 66 times the nudge: ∂J/∂w",
        ],
        "figures": 6,
        # The graph built one cell at a time: dJ/dw = 2(2 + 3·3)·3 = 66 by hand.
        "cells": [('g.backward(j)?.grad(w)', "66.0")],
    },
    "02-autograd-engine": {
        "checks": 5,
        "notation": True,
        "questions": 3,
        "text": [
            # The operations table: Pow takes one input (its exponent is part of the op).
            "\nOp::Pow(2)  1\n",
            # L = a·a at a = 3: 2a = 6 by hand; L = a + a: 1 + 1 = 2.
            "L = a·a at a = 3: dL/da = 6 ",
            "L = a + a:        dL/da = 2 ",
            "engine in use: ",
            "100 points, 50 with label 1",
            "dL/da ",
            "with zero_grad, ",
        ],
        "at_least": [
            # The bar: the MLP reaches 95 % training accuracy on its toy data.
            (r"training accuracy: ([\d.]+)%", 95.0, 1),
        ],
        "figures": 4,
    },
    "07-miniflow": {
        "checks": 2,
        "notation": True,
        "text": [
            "-3.34017280e-5",
            "-1.00206021e-4",
            "9.99983299e-1",
            "5.01028709e-5",
            "1.00205742e-4",
            "-5.01028709e-5",
            "9 of 9 values agree at the lesson's own precision",
            "Linear backward step in use: ",
            # The sigmoid with two outbound nodes passes back the sum of its shares.
            "a feeds [\"cost\", \"head\"]",
            "sum of the shares  [[0.185432],",
            "a passed to f      [[0.185432],",
            # The same start, then descent falls and ascent climbs.
            "descent: 0.2874 -> 0.0037",
            "ascent:  0.2874 -> 0.5000",
        ],
        "figures": 3,
    },
    "03-chain-rule-sin": {
        "checks": 4,
        "notation": True,
        "text": [
            "200 points",
            "The derivatives of L with respect to w2 and w1 are",
            "overall relative error",
            "A and A' in use: ",
            "dldw in use: ",
        ],
        # The answer to the exercise's first question reads the relative error
        # as "far below 1e-6".
        "at_most": [(r"overall relative error ([-+.\de]+)", 1e-6, 1)],
        "claims": [
            # "Ten steps take the loss down by more than an order of magnitude",
            # and "the weights head for (-1, -1.5)".
            ("the loss after 10 steps is below a tenth of the first", lambda t: _steps_loss(t, 0) > 10 * _steps_loss(t, 10)),
            ("after 10 steps both weights are negative", lambda t: re.search(r"step 10: w1 = -[\d.]+, w2 = -[\d.]+", t)),
            # "Then the two pairs agree": the dense network's scaled gradients.
            ("the dense network's gradients agree with the chain rule's", _dense_agrees),
        ],
        "figures": 2,
    },
    "04-forward-pass": {
        "questions": 5,
        "checks": 2,
        "notation": True,
        # The batched-forward cell once ended in an `if` block and showed `()`.
        "no_unit_output": True,
        "text": [
            "forward pass in use: ",
            "A^L from ",
            "(3, 1000) (2, 1000) (1, 1000)",
            "(1, 1000) (3, 1000) (2, 1000) (1, 1000)",
            "[-4.98998998998999]",
            "W_2 (2, 3)",
        ],
        "claims": [
            # The bias trick's line gives the largest difference and how many of the
            # 1000 outputs agree to the bit (the prose reads the count from it).
            ("the bias trick's comparison prints its count of 1000", lambda t: re.search(
                r"bias trick against W x \+ b: largest difference (0: all 1000 entries|\S+ at \[\d+, \d+\]; \d+ of 1000 entries) bit-for-bit equal", t)),
            # The folded graph σ(W* x + b*) gives the network's own output.
            ("the final-sigmoid graph's output equals the network's", lambda t: _pair_agrees(t, r"σ\(W\* x \+ b\*\) at x = [-.\d]+: ([.\d]+); the network with a final sigmoid: ([.\d]+)", 0.0)),
        ],
        # 8, and the Xᵀ picture.
        "figures": 9,
    },
    "05-nudges-and-1d-backprop": {
        "checks": 1,
        "widgets": {"bpl-explorer": 1, "bpl-player": 1},
        "notation": True,
        "text": ["dC/dw", "nudge slope", ", 1.0], b = [", "backprop in use: "],
        "claims": [
            # The C0 graph's value and dC0/dw3 are the forward pass's and the nudge slope's.
            ("the C0 graph's cost equals the forward pass's", lambda t: _pair_agrees(t, r"C₀ = ([-+.\d]+) \(the forward pass above: ([-+.\d]+)\)", 0.0)),
            ("the C0 graph's dC0/dw3 equals the nudge slope", lambda t: _pair_agrees(t, r"∂C₀/∂w₃ = ([-+.\d]+) \(the slope of the w₃ nudge sweep: ([-+.\d]+)\)", 2e-6)),
            # The whole map's last layer is the last-layer graph's: ∂C₀/∂w₃ twice.
            ("the whole map's dC0/dw3 equals the last-layer graph's", lambda t: _pair_agrees(t, r"(?s)∂C₀/∂w₃ = ([-+.\d]+) \(the slope.*?layer 3: ∂C₀/∂w₃ = ([-+.\d]+),", 1.5e-6)),
            # "Forward mode needs one pass per parameter, reverse mode one each way": the counts printed.
            ("forward mode: one forward pass per parameter (6), no backward pass", lambda t: "forward mode: 6 forward pass(es), 0 backward pass(es), 18 layer steps" in t),
            ("reverse mode: one forward and one backward pass", lambda t: "reverse mode: 1 forward pass(es), 1 backward pass(es), 6 layer steps" in t),
            ("the two modes' derivatives agree to rounding", lambda t: (m := re.search(r"largest difference between the two: ([-+.\de]+)", t)) and float(m.group(1)) <= 1e-12),
        ],
        # 4, and the whole map of C0.
        "figures": 5,
        "questions": 6,
    },
    "06-backprop-network": {
        # 6, and dc_db (check_bias_gradient).
        "checks": 7,
        "notation": True,
        # 3, and the pattern-matched ∂C0/∂a_k.
        "questions": 4,
        "text": [
            "z_l:(2, 1), a_l:(2, 1), a_l_minus_1:(3, 1)",
            "delta_l:(2, 1), dc_db_l:(2, 1), dc_dw_l:(2, 3)",
            "shape of X: (1000, 2)",
            "25 parameters, theta (25,)",
            "weights equal: [true, true, true]",
            "biases equal:  [true, true, true]",
            "unflatten in use: ",
            "below 1e-7: true",
            "Epoch 9 complete",
            "our loop against train after one epoch, over all 25 parameters: largest difference ",
            "every row the same: true",
            "initial cost per example",
        ],
        # BP1 and BP2 as vector–Jacobian products: Jᵀv with σ's diagonal Jacobian
        # equals v ⊙ σ′(z) and backprop's δ², δ³, up to rounding.
        "at_most": [(r"(?:BP1|BP2), Jᵀ[^\n]*largest difference (\S+)\n", 1e-12, 3)],
        # 9, the indexed network and the fan-out of neuron k.
        "figures": 11,
    },
    "08-tensors-einsum-batched": {
        "checks": 4,
        "notation": True,
        "widgets": {"bpl-player": 1},
        "text": [
            "R = T @ v has shape (4, 3, 1)",
            "[[7.5],",
            "(3, 1)",
            "z_l:(1000, 3, 1), a_l:(1000, 3, 1), a_l_minus_1:(1000, 2, 1)",
            "'ijk,kl->ijl' equals T @ v: true",
            "equal to T @ v: true",
            "layer 1: dC/dW (3, 2), dC/db (3, 1)",
            "largest relative difference, written out vs backprop_batch: ",
            "matrix product",
            "loops in use: ",
            "stack form in use: ",
            "products in use: ",
        ],
        # "The three differences printed are rounding at most": Σ δaᵀ, (XᵀG)ᵀ and
        # backprop_gemm against ΔAᵀ, each at most 1e-12.
        "at_most": [
            (r"(?:notebook [67]\)|dC/dW_3): +largest difference ([^\s:;]+)", 1e-12, 3),
            # The one-product-per-layer form (ΔAᵀ, Δ·1) against the stack form.
            (r"largest relative difference, one product per layer vs the stack form: (\S+)\n", 1e-10, 1),
        ],
        "figures": 1,
    },
    "09-digits": {
        "checks": 3,
        "notation": True,
        "text": [
            "x has shape (1797, 64), 1797 labels",
            "images per digit 0-9: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]",
            "1438 training images, 359 test images",
            # sanity_check's chance cost for ten softmax classes, ln 10 = 2.302585…
            "near chance, 2.30259",
            # Nielsen's chapter 3: 0.82 and 0.98 at the start, 0.09 and 0.20 after 300 epochs.
            "quadratic cost, w = 0.6, b = 0.9: output 0.82 at the start, 0.09 after 300 epochs",
            "quadratic cost, w = 2, b = 2: output 0.98 at the start, 0.20 after 300 epochs",
            # σ′(4) = σ(4)(1 − σ(4)) = 0.98201 · 0.01799 by hand.
            "w = 2, b = 2: z = 4, a = 0.982, σ′(z) = 0.0177",
            "against backprop_1_example's: largest difference ",
            "gradient checks on 8 images",
            "\nsigmoid output, quadratic ",
            "\nsigmoid output, cross-entropy ",
            "\nsoftmax output, cross-entropy ",
            "\ntanh hidden, softmax, cross-entropy ",
            "\nReLU hidden, softmax, cross-entropy ",
            "5 of 5 pass below 1e-7",
            # Softmax's Jacobian diag(a) − a aᵀ: every a_i a_j > 0, so no zero off the diagonal.
            "softmax's Jacobian: (10, 10), 90 of its 90 off-diagonal entries nonzero",
        ],
        # Its vector–Jacobian product is the shortcut a − y up to rounding.
        "at_most": [
            (r"Jᵀ\(∂C/∂a\) against a − y: +largest difference (\S+)\n", 1e-12, 1),
            # Every pairing's gradient-check relative error, read from its row of the table.
            (r"\n(?:sigmoid|softmax|tanh|ReLU)[a-z ,-]+ +(\d\.\de-\d+)\n", 1e-7, 5),
        ],
        # Numbers the notebook prints that must reach a bar: (pattern, least value, how many).
        "at_least": [
            (r"softmax \+ cross-entropy: test accuracy after 30 epochs: ([\d.]+)%", 95.0, 1),
            # The diagonal alone misses a − y by the largest a_j off the label, about 0.1.
            (r"diagonal alone, [^\n]*largest difference ([\d.]+)\n", 0.01, 1),
        ],
        "figures": 9,
    },
}

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail and not ok else ''}")


def outputs_text(nb):
    return "\n".join(outputs_per_cell(nb))


def figure_count(nb):
    n = 0
    for c in nb.cells:
        for o in c.get("outputs", []):
            data = o.get("data", {})
            if "image/png" in data or "data:image/gif;base64," in data.get("text/html", ""):
                n += 1
    return n


def check_committed():
    for folder, dep in ((NOTEBOOKS, ".."), (SOLUTIONS, "../..")):
        for path in sorted(folder.glob("*.ipynb")):
            rel = path.relative_to(NOTEBOOKS)
            nb = nbformat.read(path, as_version=4)
            dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
            check(f"{rel}: committed without outputs", not dirty, f"cells {dirty} have outputs")
            code = [c for c in nb.cells if c.cell_type == "code"]
            check(
                f"{rel}: starts with the :dep and use cells",
                len(code) >= 2
                and code[0].source.strip() == f':dep backprop_lab = {{ path = "{dep}" }}'
                and code[1].source.strip().startswith("use backprop_lab::prelude::*;"),
            )
    for stem, want in EXPECT.items():
        for folder in (NOTEBOOKS, SOLUTIONS):
            if want.get("questions"):
                check_questions(folder / f"{stem}.ipynb", want["questions"])
            if want.get("notation"):
                cells = nbformat.read(folder / f"{stem}.ipynb", as_version=4).cells
                check(
                    f"{(folder / stem).relative_to(NOTEBOOKS)}: the cell after the title is the notation box",
                    len(cells) > 1 and cells[1].cell_type == "markdown" and cells[1].source.startswith(NOTATION),
                )
    made = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_exercises.py"), "--check"], capture_output=True, text=True
    )
    check(
        "every exercise notebook is what scripts/make_exercises.py makes from its solution",
        made.returncode == 0,
        (made.stdout + made.stderr).strip()[-2000:],
    )


QUESTION = "**🧐 Pause and ponder.**"


def check_questions(path, want):
    """The walkthrough's pause-and-ponder questions: each one is asked, then
    answered in a collapsed <details> block of its own (never inline)."""
    rel = path.relative_to(NOTEBOOKS)
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    asked = text.count(QUESTION)
    check(f"{rel}: asks {want} pause-and-ponder question(s)", asked == want, f"found {asked}")
    answered = re.findall(
        re.escape(QUESTION) + r"[^\n]+\n\n<details><summary>[^<]+</summary>\n\n(.+?)\n\n</details>\n", text, re.S
    )
    check(
        f"{rel}: every question is followed by its answer in a collapsed <details> block",
        len(answered) == asked and all(a.strip() and "<details>" not in a for a in answered),
        f"{len(answered)} of {asked} answered in <details>",
    )


def widget_outputs(nb, kind):
    """Outputs that hold an interactive widget of this kind (its HTML <div>)."""
    return [
        o
        for c in nb.cells
        for o in c.get("outputs", [])
        if f'<div class="bpl-widget {kind}" ' in o.get("data", {}).get("text/html", "")
    ]


def check_verdicts(label, nb, want, solution):
    """Each check's output: "right" in a solution, "not started" in an untouched exercise."""
    report = re.compile(r"(?m)^[^\n:]+: (not started|right on all \d+ cases|wrong \(\d+ of \d+ cases right\))$")
    reports = [t for t in outputs_per_cell(nb) if report.search(t)]
    check(f"{label}: shows {want} exercise check(s)", len(reports) == want, f"found {len(reports)}")
    verdict = ": right on all" if solution else ": not started"
    bad = [r.splitlines()[0] for r in reports if verdict not in r]
    check(f"{label}: every check says {verdict.strip(': ')!r}", not bad, f"{bad}")


def outputs_per_cell(nb):
    """Every output's text: streams, and the plain-text and LaTeX forms of results."""
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            if o.get("output_type") == "stream":
                parts.append(o.get("text", ""))
            for mime in ("text/plain", "text/latex"):
                if mime in o.get("data", {}):
                    parts.append(o["data"][mime])
    return parts


def check_executed():
    timings = {}
    tf = OUT / "timings.json"
    if tf.exists():
        timings = {r["notebook"]: r for r in json.loads(tf.read_text())}
    for stem, want in EXPECT.items():
        for solution in (False, True):
            label = f"solutions/{stem}" if solution else stem
            path = (OUT / "solutions" if solution else OUT) / f"{stem}.ipynb"
            if not path.exists():
                check(f"{label}: executed copy exists", False, f"{path} missing; run scripts/run_notebooks.py")
                continue
            nb = nbformat.read(path, as_version=4)
            errors = [i for i, c in enumerate(nb.cells) for o in c.get("outputs", []) if o.get("output_type") == "error"]
            check(f"{label}: ran without errors", not errors, f"error outputs in cells {errors}")
            # A figure or report shown as Rust's Debug text, not as itself: the
            # kernel's first-`?`-cell quirk (see the README), or a value that
            # lacks its display.
            debug = [
                i for i, c in enumerate(nb.cells) for o in c.get("outputs", [])
                if re.match(r"\s*(Figure|CheckReport|LargestDifference|Widget|Player) \{", o.get("data", {}).get("text/plain", ""))
            ]
            check(f"{label}: no value shown as Debug text", not debug, f"cells {debug}")
            unrun = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.execution_count is None]
            check(f"{label}: every code cell ran", not unrun, f"cells {unrun} did not run")
            text = outputs_text(nb)
            for s in want["text"]:
                check(f"{label}: shows {s!r}", s in text)
            for pattern, least, count in want.get("at_least", []):
                found = re.findall(pattern, text)
                ok = len(found) == count and (least is None or all(float(v) >= least for v in found))
                what = f"{count} × {pattern!r}" + (f" at least {least}" if least is not None else "")
                check(f"{label}: shows {what}", ok, f"found {found}")
            for pattern, most, count in want.get("at_most", []):
                found = re.findall(pattern, text)
                ok = len(found) == count and all(float(v) <= most for v in found)
                check(f"{label}: shows {count} × {pattern!r} at most {most}", ok, f"found {found}")
            for claim, holds in want.get("claims", []):
                check(f"{label}: {claim}", bool(holds(text)))
            if want.get("no_unit_output"):
                units = [
                    i for i, c in enumerate(nb.cells)
                    for o in c.get("outputs", []) if o.get("data", {}).get("text/plain", "").strip() == "()"
                ]
                check(f"{label}: no cell shows a bare ()", not units, f"cells {units}")
            for source, shown in want.get("cells", []):
                cells = [c for c in nb.cells if c.cell_type == "code" and c.source.strip() == source]
                got = [o.get("data", {}).get("text/plain", "").strip() for c in cells for o in c.get("outputs", [])]
                check(f"{label}: the cell {source!r} shows {shown!r}", got == [shown], f"found {got}")
            figs = figure_count(nb)
            check(f"{label}: shows at least {want['figures']} figures", figs >= want["figures"], f"found {figs}")
            check_verdicts(label, nb, want.get("checks", 0), solution)
            for kind, count in want.get("widgets", {}).items():
                found = widget_outputs(nb, kind)
                check(
                    f"{label}: shows {count} {kind} widget(s), each with a PNG fallback",
                    len(found) == count and all("image/png" in o["data"] for o in found),
                    f"found {len(found)}",
                )
            if label in timings:
                check(f"{label}: recorded as passing by the runner", timings[label]["ok"])


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def check_html(stem="05-nudges-and-1d-backprop"):
    page = OUT / f"{stem}.html"
    if not page.exists():
        check(f"{stem}.html: exported", False, f"{page} missing")
        return
    browser = chromium()
    if browser is None:
        check("chromium available for the HTML check", False, "install Debian's chromium (scripts/setup.sh --browser)")
        return
    # After load and MathJax's typesetting: how many images decoded, how many
    # formulas were typeset, and how many '$' are left in the rendered markdown
    # (0 once every formula has been typeset).
    probe = (
        "<script>window.addEventListener('load',function(){"
        "function report(){var im=document.images,bad=0;"
        "for(var i=0;i<im.length;i++){if(!(im[i].complete&&im[i].naturalWidth>0))bad++;}"
        "var md=document.querySelectorAll('.jp-MarkdownOutput'),raw=0;"
        "for(var j=0;j<md.length;j++){raw+=(md[j].innerText.match(/[$]/g)||[]).length;}"
        "document.title='IMAGES '+im.length+' BAD '+bad+' MATH '+document.querySelectorAll('mjx-container').length+' RAW '+raw;}"
        "if(window.MathJax&&MathJax.startup&&MathJax.startup.promise){MathJax.startup.promise.then(report,report);}else{report();}"
        "});</script>"
    )
    html = page.read_text(encoding="utf-8").replace("</body>", probe + "</body>")
    with tempfile.TemporaryDirectory() as tmp:
        probe_page = Path(tmp) / "probe.html"
        probe_page.write_text(html, encoding="utf-8")
        cmd = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            # No network at all: the page must render from what it carries.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={tmp}/profile", "--virtual-time-budget=30000", "--dump-dom", probe_page.as_uri(),
        ]
        try:
            dom = subprocess.run(cmd, capture_output=True, text=True, timeout=180).stdout
        except subprocess.TimeoutExpired:
            check(f"{stem}.html: opened in headless Chromium", False, "timed out")
            return
    m = re.search(r"<title>IMAGES (\d+) BAD (\d+) MATH (\d+) RAW (\d+)</title>", dom)
    check(f"{stem}.html: opened in headless Chromium", m is not None, "no result from the page's probe")
    if m:
        total, bad, math, raw = (int(g) for g in m.groups())
        check(f"{stem}.html: every image decoded ({total} images)", total > 0 and bad == 0, f"{bad} of {total} not decoded")
        check(
            f"{stem}.html: every formula typeset with no network ({math} formulas)",
            math > 0 and raw == 0,
            f"{math} typeset, {raw} '$' left in the markdown",
        )


def main():
    args = set(sys.argv[1:])
    if "--html-only" not in args:
        check_committed()
    if not args & {"--html-only", "--committed-only"}:
        check_executed()
    if "--committed-only" not in args:
        check_html()
    passed, failed = results.count(True), results.count(False)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
