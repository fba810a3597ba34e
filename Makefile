# backprop_lab: the commands a learner and CI use. See README.md.
CARGO ?= cargo
PY := .venv/bin/python

.PHONY: test test-crate test-bench test-data test-notebooks test-lab notebooks lab bench figures doc clean

## make test: the crate's tests, clippy and warning-free docs, then every notebook executed on the
## real evcxr kernel and checked, then the notebooks in JupyterLab in a real
## browser (sets up what is missing first).
test: test-crate test-bench test-data test-notebooks test-lab

test-crate:
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	$(CARGO) clippy --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps

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
bench:
	scripts/setup.sh --bench
	$(CARGO) build --release --example bench --features gemm
	$(PY) bench/run.py

## make figures: every figure of the labs into figures/, from fixed seeds.
figures:
	$(CARGO) run --release --example figures

doc:
	$(CARGO) doc --no-deps

clean:
	$(CARGO) clean
