# backprop_lab: the commands a learner and CI use. See README.md.
CARGO ?= cargo
PY := .venv/bin/python

.PHONY: test test-crate test-notebooks notebooks lab figures doc clean

## make test: the crate's tests and clippy, then every notebook executed on the
## real evcxr kernel and checked (sets up what is missing first).
test: test-crate test-notebooks

test-crate:
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	$(CARGO) clippy --all-targets -- -D warnings

test-notebooks:
	scripts/setup.sh --browser
	$(PY) scripts/check_notebooks.py --committed-only
	$(PY) scripts/run_notebooks.py
	$(PY) scripts/check_notebooks.py

## make notebooks: the main job. Sets up Jupyter and the Rust kernel if missing,
## runs every notebook headlessly, writes executed copies and HTML to
## target/notebooks/, and prints each notebook's timings.
notebooks:
	scripts/setup.sh
	$(PY) scripts/run_notebooks.py

## make lab: JupyterLab on notebooks/ with the Rust kernel.
lab:
	scripts/setup.sh --lab
	.venv/bin/jupyter lab notebooks

## make figures: every figure of the labs into figures/, from fixed seeds.
figures:
	$(CARGO) run --release --example figures

doc:
	$(CARGO) doc --no-deps

clean:
	$(CARGO) clean
