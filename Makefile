# backprop_lab: the commands a learner and CI use. See README.md.
CARGO ?= cargo
PY := .venv/bin/python

.PHONY: test test-crate test-kernels test-aarch64 bench-kernels test-bench test-data test-notebooks test-lab notebooks lab bench figures doc clean

## make test: the crate's tests, clippy and warning-free docs, then every notebook executed on the
## real evcxr kernel and checked, then the notebooks in JupyterLab in a real
## browser (sets up what is missing first).
test: test-crate test-kernels test-bench test-data test-notebooks test-lab

test-crate:
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	$(CARGO) clippy --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps

# The engine's small kernels (src/engine/simd.rs) on every path this CPU can
# run, forced one after the other: the unit tests (the engine's among them), the
# agreement tests (every form of backprop and the engine agree to 1e-12) and the
# property tests.
KERNEL_PATHS ?= scalar portable avx2
test-kernels:
	@for p in $(KERNEL_PATHS); do \
	  echo "== BACKPROP_LAB_KERNELS=$$p"; \
	  BACKPROP_LAB_KERNELS=$$p $(CARGO) test -q --lib || exit 1; \
	  BACKPROP_LAB_KERNELS=$$p $(CARGO) test -q --test reference_engine || exit 1; \
	  BACKPROP_LAB_KERNELS=$$p $(CARGO) test -q --test properties || exit 1; \
	done

# The crate's unit tests and the agreement tests cross-compiled for aarch64
# (the portable path on NEON) and run under qemu-user. Not part of `make test`:
# see the README for how long it takes.
AARCH64 := aarch64-unknown-linux-gnu
test-aarch64:
	scripts/setup.sh --aarch64
	CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
	CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu" \
	  $(CARGO) test --target $(AARCH64) --lib --test reference_engine

# The benchmark once, on tiny sizes: only that Rust and numpy agree. Then the
# `gemm` feature's own tests (agreement with ndarray's dot for every layout,
# bit-identical results), built in release so that they reuse the bench's
# dependencies: about one compile of the crate more.
test-bench:
	scripts/setup.sh --bench
	$(CARGO) build --release --example bench --features gemm
	$(PY) bench/run.py --tiny
	$(CARGO) test --release --features gemm --lib engine::large

# The committed digits file is exactly what scikit-learn's bundled copy gives.
test-data:
	scripts/setup.sh --bench
	$(PY) scripts/make_digits_csv.py --check

test-notebooks:
	scripts/setup.sh --browser
	$(PY) scripts/check_notebooks.py --committed-only
	$(PY) scripts/run_notebooks.py
	$(PY) scripts/check_notebooks.py

# JupyterLab on 127.0.0.1 driven through Debian's Chromium by Playwright, as a
# learner: Run All, the widgets, a notebook of one's own, a kernel restart.
# Screenshots and timings go to target/lab-test/.
test-lab:
	scripts/setup.sh --lab --browser
	$(PY) scripts/lab_test.py

## make notebooks: the main job. Sets up Jupyter and the Rust kernel if missing,
## runs every notebook headlessly, writes executed copies and HTML to
## target/notebooks/, and prints each notebook's timings.
notebooks:
	scripts/setup.sh
	$(PY) scripts/run_notebooks.py

## make lab: JupyterLab with the Rust kernel on work/, the learner's own copy
## of the exercise notebooks (git-ignored, created once, never overwritten).
lab:
	scripts/setup.sh --lab
	$(PY) scripts/make_workspace.py
	.venv/bin/jupyter lab work $$(if [ "$$(id -u)" = 0 ]; then echo --allow-root; fi)

## make bench: the walkthrough's numpy code against the crate, same workloads,
## same starting parameters; prints a table and writes target/bench.json.
BENCH_FEATURES ?= gemm
bench:
	scripts/setup.sh --bench
	$(CARGO) build --release --example bench --features $(BENCH_FEATURES)
	$(PY) bench/run.py

## make bench-kernels: the small workloads of `make bench` on each kernel path
## (scalar, portable, avx2), Rust only; the README's per-path ratios.
bench-kernels:
	scripts/setup.sh --bench
	$(CARGO) build --release --example bench --features gemm
	$(PY) bench/kernel_paths.py 20

## make figures: every figure of the labs into figures/, from fixed seeds.
figures:
	$(CARGO) run --release --example figures

doc:
	$(CARGO) doc --no-deps

clean:
	$(CARGO) clean
