# backprop_lab: the commands a learner and CI use. See README.md.
CARGO ?= cargo

.PHONY: test notebooks figures doc clean

## make test: every test (unit, integration, doc tests incl. the README) and clippy.
test:
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	$(CARGO) clippy --all-targets -- -D warnings

## make notebooks: the main job. Until the notebooks land it runs the tour example.
notebooks:
	$(CARGO) run --release --example tour

## make figures: every figure of the labs into figures/, from fixed seeds.
figures:
	$(CARGO) run --release --example figures

doc:
	$(CARGO) doc --no-deps

clean:
	$(CARGO) clean
