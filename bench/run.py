"""make bench: the walkthrough's numpy code against backprop_lab, side by side.

For every workload: the Rust side writes the data and initial parameters,
both sides train from them (one warm-up, then RUNS timed runs, each workload in
its own process so peak memory is its own), and the final parameters must agree
to 1e-9 before any time is reported. Prints a table and writes target/bench.json.

Usage: python bench/run.py [--tiny] [--runs N]
  --tiny   small sizes, one run: only checks that Rust and numpy agree (make test)
"""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "examples" / "bench"
WORKLOADS = [
    "circles_per_example_10ep",
    "circles_tensor_10ep",
    "circles_gemm_10ep",
    "circles_nielsen_10ep",
    "wide_gemm_1ep",
    "wide_tensor_1ep",
]
TOLERANCE = 1e-9


def flops(spec, n_rows):
    """Multiply-adds of the matrix products in one training run, times 2:
    forward W·A, backward Δ·Aᵀ and Wᵀ·Δ (the last for every layer but the first)."""
    sizes = spec["sizes"]
    pairs = [sizes[l] * sizes[l + 1] for l in range(len(sizes) - 1)]
    per_example = 2 * sum(pairs) + 2 * sum(pairs) + 2 * sum(pairs[1:])
    batches = n_rows // spec["batch_size"]
    return per_example * batches * spec["batch_size"] * spec["epochs"]


def numpy_matmul_gflops(n=1024, runs=5):
    rng = np.random.default_rng(0)
    a, b = rng.random((n, n)), rng.random((n, n))
    a @ b
    best = min(timed(lambda: a @ b) for _ in range(runs))
    return 2 * n**3 / best / 1e9


def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def main():
    tiny = "--tiny" in sys.argv
    runs = 1 if tiny else 5
    if "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1])
    work = ROOT / "target" / ("bench-tiny" if tiny else "bench")
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN), "prepare", str(work)] + (["--tiny"] if tiny else []), check=True)
    rows = {}
    failures = []
    # Our make_circles is scikit-learn's construction: without noise they agree.
    from sklearn.datasets import make_circles
    sx, sy = make_circles(n_samples=1000, shuffle=False, noise=None, factor=0.3)
    ox, oy = np.load(work / "circles_noiseless_X.npy"), np.load(work / "circles_noiseless_Y.npy")
    circ_diff = float(np.max(np.abs(sx - ox)))
    circles_ok = circ_diff < 1e-12 and np.array_equal(sy, oy[:, 0])
    print(f"{'ok  ' if circles_ok else 'FAIL'} make_circles matches scikit-learn without noise (max |difference| {circ_diff:.1e})")
    if not circles_ok:
        failures.append("make_circles")
    for name in WORKLOADS:
        spec = json.loads((work / f"{name}.json").read_text())
        n_rows = int(np.load(work / f"{name}_X.npy", mmap_mode="r").shape[0])
        res = {}
        for side, cmd in [
            ("rust", [str(BIN), "run", str(work), name, str(runs), str(work / f"{name}.rust.json")]),
            ("numpy", [sys.executable, str(ROOT / "bench" / "numpy_bench.py"), str(work), name, str(runs), str(work / f"{name}.numpy.json")]),
        ]:
            subprocess.run(cmd, check=True)
            res[side] = json.loads((work / f"{name}.{side}.json").read_text())
            res[side]["params"] = np.load(work / f"{name}.{side}.params.npy")
        diff = float(np.max(np.abs(res["rust"]["params"] - res["numpy"]["params"])))
        agree = res["rust"]["params"].shape == res["numpy"]["params"].shape and diff <= TOLERANCE
        print(f"{'ok  ' if agree else 'FAIL'} {name}: Rust and numpy end with the same parameters (max |difference| {diff:.1e})")
        if not agree:
            failures.append(name)
        rows[name] = (spec, n_rows, res, diff)
    if failures:
        print(f"{len(WORKLOADS) + 1 - len(failures)} passed, {len(failures)} failed")
        sys.exit("bench: a fast wrong answer is a failure; no times reported for " + ", ".join(failures))
    if tiny:
        print(f"{len(WORKLOADS) + 1} passed, 0 failed")
        return
    np_gflops = numpy_matmul_gflops()
    rust_mm = json.loads(subprocess.run([str(BIN), "matmul", "1024", "5"], check=True, capture_output=True, text=True).stdout)
    print()
    head = f"{'workload':<26} {'numpy s':>9} {'Rust s':>9} {'speed-up':>9} {'numpy GFLOP/s':>14} {'Rust GFLOP/s':>13} {'numpy MiB':>10} {'Rust MiB':>9}"
    print(head)
    print("-" * len(head))
    out = {"rust": {}, "numpy": {}, "speedup": {}, "gflops": {"rust": {}, "numpy": {}}, "peak_rss_mib": {"rust": {}, "numpy": {}}}
    for name, (spec, n_rows, res, _) in rows.items():
        r, p = res["rust"]["median_s"], res["numpy"]["median_s"]
        fl = flops(spec, n_rows)
        out["rust"][name], out["numpy"][name] = r, p
        out["speedup"][name] = p / r
        out["gflops"]["rust"][name], out["gflops"]["numpy"][name] = fl / r / 1e9, fl / p / 1e9
        out["peak_rss_mib"]["rust"][name] = res["rust"]["peak_rss_mib"]
        out["peak_rss_mib"]["numpy"][name] = res["numpy"]["peak_rss_mib"]
        print(
            f"{name:<26} {p:>9.4f} {r:>9.4f} {p / r:>8.1f}x {fl / p / 1e9:>14.2f} {fl / r / 1e9:>13.2f} "
            f"{res['numpy']['peak_rss_mib']:>10.1f} {res['rust']['peak_rss_mib']:>9.1f}"
        )
    out["matmul_1024"] = {"numpy_gflops": np_gflops, "rust_ndarray_gflops": rust_mm["gflops"]}
    out["runs"] = runs
    print(f"\nmachine matrix multiply (1024×1024 A @ B, best of 5): numpy {np_gflops:.1f} GFLOP/s, Rust ndarray {rust_mm['gflops']:.1f} GFLOP/s")
    wide = out["gflops"]["rust"]["wide_gemm_1ep"]
    print(f"wide_gemm_1ep runs at {wide:.1f} GFLOP/s = {100 * wide / np_gflops:.0f}% of numpy's matrix-multiply rate")
    targets = [
        (name, out["speedup"][name] >= 20) for name in WORKLOADS[:4]
    ] + [("wide_gemm_1ep vs numpy", out["speedup"]["wide_gemm_1ep"] >= 1.0), ("wide_gemm_1ep >= 60% of matmul rate", wide >= 0.6 * np_gflops)]
    print("\ntargets: " + ", ".join(f"{n} {'met' if ok else 'MISSED'}" for n, ok in targets))
    (ROOT / "target" / "bench.json").write_text(json.dumps(out, indent=2))
    print(f"\nwrote {ROOT / 'target' / 'bench.json'}")


if __name__ == "__main__":
    main()
