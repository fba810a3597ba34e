"""The engine's kernel paths against each other (`make bench-kernels`).

Runs the small workloads of `make bench` (Rust side only) with each path forced
through BACKPROP_LAB_KERNELS, in rounds that alternate the paths so that all of
them meet the same mix of the machine's fast and slow spells. Prints the median
and best times per path, their ratios, and how far each path's final parameters
are from the AVX2 path's; writes target/bench-kernels/paths.json.

    python bench/kernel_paths.py [ROUNDS]      (default 5)
"""
import json, os, statistics, subprocess, sys
from pathlib import Path
import numpy as np
ROOT = Path(__file__).resolve().parent.parent
BIN = str(ROOT / "target" / "release" / "examples" / "bench")
work = ROOT / "target" / "bench-kernels"
work.mkdir(parents=True, exist_ok=True)
subprocess.run([BIN, "prepare", str(work)], check=True)
names = ["circles_per_example_10ep", "circles_tensor_10ep", "circles_gemm_10ep", "circles_nielsen_10ep", "digits_train"]
paths = ["scalar", "portable", "avx2"]
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
times = {(p, n): [] for p in paths for n in names}
params = {}
for r in range(rounds):
    order = paths[r % 3:] + paths[:r % 3]
    for n in names:
        for p in order:
            out = work / f"{n}.{p}.json"
            runs = 5 if n == "digits_train" else 15
            env = dict(os.environ, BACKPROP_LAB_KERNELS=p)
            subprocess.run([BIN, "run", str(work), n, str(runs), str(out)], check=True, env=env)
            times[(p, n)] += json.loads(out.read_text())["times_s"]
            params[(p, n)] = np.load(work / f"{n}.{p}.params.npy")
res = {}
print(f"{'workload':28} " + " ".join(f"{p:>10}" for p in paths) + "   scalar/portable portable/avx2 scalar/avx2  max|Δparams| vs avx2")
for n in names:
    med = {p: statistics.median(times[(p, n)]) for p in paths}
    res[n] = {p: {"median_s": med[p], "runs": len(times[(p, n)])} for p in paths}
    best = {p: min(times[(p, n)]) for p in paths}
    for p in paths: res[n][p]["best_s"] = best[p]
    d = max(float(np.max(np.abs(params[(p, n)] - params[("avx2", n)]))) for p in paths)
    print(f"{n:28} " + " ".join(f"{med[p]*1e3:9.3f}m" for p in paths)
          + f"   {med['scalar']/med['portable']:14.2f}× {med['portable']/med['avx2']:12.2f}× {med['scalar']/med['avx2']:10.2f}×  {d:.1e}")
    print(f"{'  best runs':28} " + " ".join(f"{best[p]*1e3:9.3f}m" for p in paths)
          + f"   {best['scalar']/best['portable']:14.2f}× {best['portable']/best['avx2']:12.2f}× {best['scalar']/best['avx2']:10.2f}×")
json.dump(res, open(work / "paths.json", "w"), indent=1)
