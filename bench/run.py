"""make bench: the walkthrough's numpy code against backprop_lab, side by side.

For every workload: the Rust side writes the data and initial parameters,
both sides train from them, and the final parameters of every process must agree
to 1e-9 before any time is reported. Prints a table and writes target/bench.json.

Timing: ROUNDS rounds per workload; in each, one Rust process and one numpy
process (alternating which goes first), each a warm-up and then timed runs (RUNS
in the first round, then enough for about 0.3 s per process). Medians are over
all timed runs of all rounds. The machines are shared and their speed drifts by
up to 2× for tens of milliseconds at a time; alternating short rounds lets both
sides meet the same mix of fast and slow spells. Peak memory is the largest of
a side's processes (each process runs one workload, so it is that workload's).
The matrix-multiply reference (1024×1024 A @ B, 5 runs of numpy's and 5 of the
crate's own product) is timed after every wide_gemm_1ep round. The peak
multiply-add rate, against which every workload's rate is also given, is the
larger of a measured FMA loop and the nominal cores × clock × FMA width.

Usage: python bench/run.py [--tiny] [--runs N] [--rounds R]
  --tiny   small sizes, one run: only checks that Rust and numpy agree (make test)
"""

import json
import os
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
    "digits_train",
]
TOLERANCE = 1e-9
SIDES = ["rust", "numpy"]
# After the first round, each process runs about this long (between RUNS and
# MAX_RUNS timed runs), so that a round samples more than a moment of the machine.
ROUND_SECONDS = 0.3
MAX_RUNS = 400


def flops(spec, n_rows):
    """Multiply-adds of the matrix products in one training run, times 2:
    forward W·A, backward Δ·Aᵀ and Wᵀ·Δ (the last for every layer but the first)."""
    sizes = spec["sizes"]
    pairs = [sizes[l] * sizes[l + 1] for l in range(len(sizes) - 1)]
    per_example = 2 * sum(pairs) + 2 * sum(pairs) + 2 * sum(pairs[1:])
    batches = n_rows // spec["batch_size"]
    return per_example * batches * spec["batch_size"] * spec["epochs"]


def rust_matmul(n=1024, runs=5):
    """The crate's own n×n product (`bench matmul`): its times and its backend."""
    out = subprocess.run([str(BIN), "matmul", str(n), str(runs)], check=True, capture_output=True, text=True)
    res = json.loads(out.stdout)
    if "gemm" in res["backend"]:
        threads = os.environ.get("BACKPROP_LAB_GEMM_THREADS")
        res["backend"] += f", BACKPROP_LAB_GEMM_THREADS={threads}" if threads else ", all cores"
    return res


def cpu_mhz():
    """The CPU clock in MHz: lscpu's maximum if it reports one, else /proc/cpuinfo's."""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True, timeout=30).stdout.splitlines():
            if line.startswith("CPU max MHz:"):
                return float(line.split(":")[1]), "lscpu max MHz"
    except (OSError, subprocess.TimeoutExpired, ValueError):
        pass
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                return float(line.split(":")[1]), "/proc/cpuinfo cpu MHz"
    except (OSError, ValueError):
        pass
    return None, None


def peak_rate(simd):
    """The machine's peak multiply-add rate in GFLOP/s, and how it was found.

    Two estimates, the larger kept (so that shares are not overstated):
    measured, `bench peak` (a tight AVX2 FMA loop on one thread, best of 20,
    times the cores; taken at the start and at the end of the run);
    nominal, cores × clock × 2 flops × vector lanes (8 with avx512f, 4 with
    avx2, 2 otherwise) × 2 FMA units (an assumption: true of current x86
    and Apple/Neoverse cores)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mhz, mhz_from = cpu_mhz()
    lanes = 8 if "avx512f" in simd else 4 if "avx2" in simd else 2
    nominal = cores * mhz / 1e3 * 2 * lanes * 2 if mhz else None
    measured = [json.loads(subprocess.run([str(BIN), "peak", "20"], check=True, capture_output=True, text=True).stdout)["gflops"] for _ in range(2)]
    measured = max((m for m in measured if m), default=None)
    return {
        "cores": cores,
        "measured_gflops": measured,
        "nominal_gflops": nominal,
        "nominal_method": f"{cores} cores × {mhz:.0f} MHz ({mhz_from}) × {2 * lanes * 2} flops/cycle" if mhz else None,
        "gflops": max(x for x in (measured, nominal, 0.0) if x is not None),
    }


def numpy_matmul_times(n=1024, runs=5):
    """Seconds of `runs` timed n×n products `A @ B` (after one warm-up)."""
    rng = np.random.default_rng(0)
    a, b = rng.random((n, n)), rng.random((n, n))
    a @ b
    return [timed(lambda: a @ b) for _ in range(runs)]


# OpenBLAS's names for its oldest x86 kernels: what it falls back to on a CPU it
# does not recognise (Debian's 0.3.21 on newer Intel CPUs picks Prescott, SSE3).
OPENBLAS_GENERIC_CORES = {"Prescott", "Katmai", "Coppermine", "Northwood", "Banias", "Atom", "Core2"}


def machine():
    """The CPU's name and its widest vector instructions, from /proc/cpuinfo."""
    name, flags = "unknown CPU", set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and name == "unknown CPU":
                name = value.strip()
            elif key.strip() in ("flags", "Features") and not flags:
                flags = set(value.split())
    except OSError:
        pass
    simd = [f for f in ("avx512f", "avx2", "fma", "asimd", "neon") if f in flags]
    return name, simd


def openblas_core():
    """The kernel family the system OpenBLAS picks here, as it reports it with
    OPENBLAS_VERBOSE=2 (e.g. "Haswell", "SkylakeX", "Prescott"), or None."""
    env = dict(os.environ, OPENBLAS_VERBOSE="2")
    try:
        out = subprocess.run([str(BIN), "matmul", "64", "1"], env=env, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in (out.stdout + out.stderr).splitlines():
        if line.strip().startswith("Core:"):
            return line.split(":", 1)[1].strip()
    return None


def report_machine():
    name, simd = machine()
    backend = rust_matmul(64, 1)["backend"]
    core = openblas_core() if "OpenBLAS" in backend else None
    print(f"machine: {name}; vector instructions: {', '.join(simd) or 'none found'}; "
          f"Rust's large products: {backend}"
          + (f"; system OpenBLAS kernels: {core or 'not reported'}" if "OpenBLAS" in backend else ""))
    if core in OPENBLAS_GENERIC_CORES and ("avx2" in simd or "avx512f" in simd):
        print(f"WARNING: the system OpenBLAS does not recognise this CPU and runs its generic "
              f"'{core}' kernels, without the CPU's {'AVX-512' if 'avx512f' in simd else 'AVX2'}: "
              f"large products (wide_gemm_1ep, digits_train) run several times slower than "
              f"numpy's own OpenBLAS here, so their ratios say more about the library than the crate")
    return {"cpu": name, "simd": simd, "rust_backend": backend, "openblas_core": core}


def run_side(side, work, name, runs):
    """One process of one side: a warm-up, then `runs` timed runs."""
    out = work / f"{name}.{side}.json"
    if side == "rust":
        cmd = [str(BIN), "run", str(work), name, str(runs), str(out)]
    else:
        cmd = [sys.executable, str(ROOT / "bench" / "numpy_bench.py"), str(work), name, str(runs), str(out)]
    subprocess.run(cmd, check=True)
    one = json.loads(out.read_text())
    one["params"] = np.load(work / f"{name}.{side}.params.npy")
    return one


def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def main():
    tiny = "--tiny" in sys.argv
    runs = 1 if tiny else 5
    if "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1])
    rounds = 1 if tiny else 5
    if "--rounds" in sys.argv:
        rounds = int(sys.argv[sys.argv.index("--rounds") + 1])
    work = ROOT / "target" / ("bench-tiny" if tiny else "bench")
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN), "prepare", str(work)] + (["--tiny"] if tiny else []), check=True)
    rows = {}
    failures = []
    machine_info = report_machine()
    peak = None if tiny else peak_rate(machine_info["simd"])
    # Our make_circles is scikit-learn's construction: without noise they agree.
    from sklearn.datasets import make_circles
    sx, sy = make_circles(n_samples=1000, shuffle=False, noise=None, factor=0.3)
    ox, oy = np.load(work / "circles_noiseless_X.npy"), np.load(work / "circles_noiseless_Y.npy")
    circ_diff = float(np.max(np.abs(sx - ox)))
    circles_ok = circ_diff < 1e-12 and np.array_equal(sy, oy[:, 0])
    print(f"{'ok  ' if circles_ok else 'FAIL'} make_circles matches scikit-learn without noise (max |difference| {circ_diff:.1e})")
    if not circles_ok:
        failures.append("make_circles")
    mm_times, rust_mm_times = [], []
    to95 = {}
    for name in WORKLOADS:
        spec = json.loads((work / f"{name}.json").read_text())
        n_rows = int(np.load(work / f"{name}_X.npy", mmap_mode="r").shape[0])
        res = {side: {"times_s": [], "peak_rss_mib": 0.0, "params": []} for side in SIDES}
        n_runs = runs
        for r in range(rounds):
            # Alternate which side goes first, so neither always meets the machine's
            # state after the other.
            for side in SIDES if r % 2 == 0 else SIDES[::-1]:
                one = run_side(side, work, name, n_runs)
                res[side]["times_s"] += one["times_s"]
                res[side]["peak_rss_mib"] = max(res[side]["peak_rss_mib"], one["peak_rss_mib"])
                res[side]["params"].append(one["params"])
                if "to95_s" in one:
                    to95.setdefault(side, {"s": [], "epochs": one["to95_epochs"]})["s"].append(one["to95_s"])
            if name == "wide_gemm_1ep" and not tiny:
                mm_times += numpy_matmul_times()
                rust_mm_times += rust_matmul()["times_s"]
            if r == 0 and not tiny:
                # Later rounds: enough runs for about ROUND_SECONDS per process.
                slowest = max(statistics.median(res[side]["times_s"]) for side in SIDES)
                n_runs = max(runs, min(MAX_RUNS, int(ROUND_SECONDS / slowest)))
        reference = res["numpy"]["params"][0]
        diff = max(
            float(np.max(np.abs(p - reference))) if p.shape == reference.shape else float("inf")
            for side in SIDES
            for p in res[side]["params"]
        )
        agree = diff <= TOLERANCE
        print(f"{'ok  ' if agree else 'FAIL'} {name}: Rust and numpy end with the same parameters (max |difference| {diff:.1e})")
        if not agree:
            failures.append(name)
        for side in SIDES:
            res[side]["median_s"] = statistics.median(res[side]["times_s"])
        rows[name] = (spec, n_rows, res, diff)
    if failures:
        print(f"{len(WORKLOADS) + 1 - len(failures)} passed, {len(failures)} failed")
        sys.exit("bench: a fast wrong answer is a failure; no times reported for " + ", ".join(failures))
    if tiny:
        print(f"{len(WORKLOADS) + 1} passed, 0 failed")
        return
    out_to95 = {}
    mm_flops = 2 * 1024**3
    np_gflops = mm_flops / statistics.median(mm_times) / 1e9
    np_gflops_best = mm_flops / min(mm_times) / 1e9
    rust_mm = rust_matmul(runs=1)
    rust_gflops = mm_flops / statistics.median(rust_mm_times) / 1e9
    rust_gflops_best = mm_flops / min(rust_mm_times) / 1e9
    # The peak once more, at the end, in case the start was a busy spell.
    end_peak = peak_rate(machine_info["simd"])
    if end_peak["gflops"] > peak["gflops"]:
        peak = end_peak
    print()
    head = (f"{'workload':<26} {'numpy s':>9} {'Rust s':>9} {'speed-up':>9} {'numpy GFLOP/s':>14} {'Rust GFLOP/s':>13} "
            f"{'numpy % peak':>13} {'Rust % peak':>12} {'numpy MiB':>10} {'Rust MiB':>9}")
    print(head)
    print("-" * len(head))
    out = {"rust": {}, "numpy": {}, "speedup": {}, "gflops": {"rust": {}, "numpy": {}},
           "peak_share": {"rust": {}, "numpy": {}}, "peak_rss_mib": {"rust": {}, "numpy": {}}}
    for name, (spec, n_rows, res, _) in rows.items():
        r, p = res["rust"]["median_s"], res["numpy"]["median_s"]
        fl = flops(spec, n_rows)
        out["rust"][name], out["numpy"][name] = r, p
        out["speedup"][name] = p / r
        out["gflops"]["rust"][name], out["gflops"]["numpy"][name] = fl / r / 1e9, fl / p / 1e9
        for side, t in (("rust", r), ("numpy", p)):
            out["peak_share"][side][name] = fl / t / 1e9 / peak["gflops"]
        out["peak_rss_mib"]["rust"][name] = res["rust"]["peak_rss_mib"]
        out["peak_rss_mib"]["numpy"][name] = res["numpy"]["peak_rss_mib"]
        print(
            f"{name:<26} {p:>9.4f} {r:>9.4f} {p / r:>8.1f}x {fl / p / 1e9:>14.2f} {fl / r / 1e9:>13.2f} "
            f"{100 * out['peak_share']['numpy'][name]:>12.1f}% {100 * out['peak_share']['rust'][name]:>11.1f}% "
            f"{res['numpy']['peak_rss_mib']:>10.1f} {res['rust']['peak_rss_mib']:>9.1f}"
        )
    out["machine"] = machine_info
    out["runs"] = {side: {name: len(res[side]["times_s"]) for name, (_, _, res, _) in rows.items()} for side in SIDES}
    out["rounds"] = rounds
    out["times_s"] = {side: {name: res[side]["times_s"] for name, (_, _, res, _) in rows.items()} for side in SIDES}
    out["matmul_1024"] = {
        "numpy_gflops": np_gflops,
        "numpy_gflops_best": np_gflops_best,
        "numpy_times_s": mm_times,
        "rust_backend": rust_mm["backend"],
        "rust_gflops": rust_gflops,
        "rust_gflops_best": rust_gflops_best,
        "rust_times_s": rust_mm_times,
    }
    out["peak"] = peak
    if to95:
        print("\ndigits_train, wall time until the test accuracy first reaches 95% (measured after every epoch, median of rounds):")
        for side in SIDES:
            if side in to95:
                med = statistics.median(to95[side]["s"])
                out_to95[side] = {"median_s": med, "epochs": to95[side]["epochs"], "times_s": to95[side]["s"]}
                print(f"  {side:<6} {med:.4f} s ({to95[side]['epochs']} epochs)")
            else:
                print(f"  {side:<6} never reached 95% in 100 epochs")
        if len(out_to95) == 2:
            print(f"  speed-up {out_to95['numpy']['median_s'] / out_to95['rust']['median_s']:.1f}x")
    out["digits_to95"] = out_to95
    print(f"\nruns per workload and side: {rounds} rounds (Rust and numpy alternating), "
          f"{min(min(v.values()) for v in out['runs'].values())} to {max(max(v.values()) for v in out['runs'].values())} timed runs in all")
    print(f"peak multiply-add rate: {peak['gflops']:.1f} GFLOP/s, the larger of: measured "
          + (f"{peak['measured_gflops']:.1f} (AVX2 FMA loop on one thread, best of 20 at the start and at the end, "
             f"× {peak['cores']} cores)" if peak["measured_gflops"] else "(not measured: no AVX2 and FMA)")
          + (f"; nominal {peak['nominal_gflops']:.1f} ({peak['nominal_method']}, 2 FMA units assumed)" if peak["nominal_gflops"] else "")
          + ". The circles and digits workloads run on one thread: at most 1/"
          + f"{peak['cores']} of it.")
    print(f"machine matrix multiply, 1024×1024 A @ B, {len(mm_times)} runs each side taken between the wide_gemm_1ep rounds: "
          f"numpy median {np_gflops:.1f} GFLOP/s (best {np_gflops_best:.1f}); "
          f"Rust through {rust_mm['backend']}: median {rust_gflops:.1f} GFLOP/s (best {rust_gflops_best:.1f})")
    mm_rate = max(np_gflops, rust_gflops)
    wide_res = rows["wide_gemm_1ep"][2]["rust"]["times_s"]
    wide_fl = flops(*rows["wide_gemm_1ep"][:2])
    wide, wide_best = wide_fl / statistics.median(wide_res) / 1e9, wide_fl / min(wide_res) / 1e9
    print(f"wide_gemm_1ep (Rust): median {wide:.1f} GFLOP/s = {100 * wide / mm_rate:.0f}% of the machine's median "
          f"matrix-multiply rate (the faster of numpy's and Rust's, {mm_rate:.1f}); "
          f"best {wide_best:.1f} GFLOP/s = {100 * wide_best / max(np_gflops_best, rust_gflops_best):.0f}% of the best")
    out["wide_gemm_share"] = {"median": wide / mm_rate, "best": wide_best / max(np_gflops_best, rust_gflops_best)}
    targets = [
        (f"{name} >= 20x", out["speedup"][name] >= 20) for name in WORKLOADS[:4]
    ] + [
        ("digits_train >= 10x", out["speedup"]["digits_train"] >= 10),
        ("wide_gemm_1ep >= 1.5x", out["speedup"]["wide_gemm_1ep"] >= 1.5),
        ("wide_gemm_1ep >= 70% of matmul rate (medians)", wide >= 0.7 * mm_rate),
    ]
    out["targets"] = {n: ok for n, ok in targets}
    print("\ntargets: " + ", ".join(f"{n} {'met' if ok else 'MISSED'}" for n, ok in targets))
    (ROOT / "target" / "bench.json").write_text(json.dumps(out, indent=2))
    print(f"\nwrote {ROOT / 'target' / 'bench.json'}")


if __name__ == "__main__":
    main()
