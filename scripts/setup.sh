#!/usr/bin/env bash
# Sets up everything the notebooks need that is missing; never deletes anything.
#   scripts/setup.sh            venv with nbclient/nbconvert, evcxr_jupyter, kernel spec
#   scripts/setup.sh --lab      also JupyterLab
#   scripts/setup.sh --browser  also Chromium (for the HTML check in make test)
#   scripts/setup.sh --bench    only the venv with numpy and scikit-learn, and the
#                               system OpenBLAS the `blas` feature links (make bench)
set -euo pipefail
cd "$(dirname "$0")/.."

EVCXR_VERSION=0.22.0
VENV=.venv
want_lab=0
want_browser=0
bench_only=0
for arg in "$@"; do
  case "$arg" in
    --lab) want_lab=1 ;;
    --bench) bench_only=1 ;;
    --browser) want_browser=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

die() { echo "setup: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "missing tool '$1': $2"; }

need cargo "install the Rust toolchain (https://rustup.rs) and try again"
need python3 "install Python 3 (3.9 or newer) and try again"

# 1. A local virtual environment with pinned Jupyter packages.
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed; install the venv module (Debian: apt-get install python3-venv)"
fi
install_reqs() {
  local reqs="$1" stamp="$VENV/.stamp-$(basename "$1" .txt)"
  if [ ! -f "$stamp" ] || ! cmp -s "$reqs" "$stamp"; then
    echo "setup: installing $(basename "$reqs") into $VENV"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$reqs" || die "pip install -r $reqs failed"
    cp "$reqs" "$stamp"
  fi
}
# The crate's `blas` feature links the system OpenBLAS (Debian: libopenblas-dev).
have_openblas() {
  for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
    [ -e "$d/libopenblas.so" ] && return 0
  done
  return 1
}

if [ "$bench_only" = 1 ]; then
  install_reqs scripts/requirements-bench.txt
  if ! have_openblas; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "setup: installing libopenblas-dev"
      (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libopenblas-dev >/dev/null) \
        || die "apt-get install libopenblas-dev failed"
    else
      die "missing library 'libopenblas.so': install Debian's libopenblas-dev package (needs root) and try again"
    fi
  fi
  echo "setup: ready (bench)"
  exit 0
fi
install_reqs scripts/requirements-notebooks.txt
if [ "$want_lab" = 1 ]; then install_reqs scripts/requirements-lab.txt; fi

# 2. The Rust kernel, at a pinned version (several minutes the first time).
# evcxr_jupyter has no --version; cargo's own list of installed binaries says.
if ! cargo install --list 2>/dev/null | grep -q "^evcxr_jupyter v$EVCXR_VERSION:"; then
  echo "setup: installing evcxr_jupyter $EVCXR_VERSION (takes several minutes on the first run)"
  cargo install evcxr_jupyter --locked --version "$EVCXR_VERSION" || die "cargo install evcxr_jupyter failed"
fi
export PATH="$HOME/.cargo/bin:$PATH"
command -v evcxr_jupyter >/dev/null || die "evcxr_jupyter is installed but not on PATH; add ~/.cargo/bin to PATH"

# 3. rust-src helps the kernel's completions and some std types; optional.
if command -v rustup >/dev/null 2>&1; then
  rustup component add rust-src >/dev/null 2>&1 || echo "setup: note: could not add rust-src (optional)"
fi

# 4. The kernel spec ("rust"), visible to the venv's Jupyter.
if ! "$VENV/bin/jupyter" kernelspec list 2>/dev/null | grep -qE '^\s*rust\s'; then
  echo "setup: registering the evcxr kernel as 'rust'"
  evcxr_jupyter --install >/dev/null || die "evcxr_jupyter --install failed"
fi

# 5. Headless Chromium, for checking that exported HTML shows its images.
if [ "$want_browser" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium"
    (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null) \
      || die "apt-get install chromium failed"
  else
    die "missing tool 'chromium': install Debian's chromium package (needs root) and try again"
  fi
fi
echo "setup: ready"
