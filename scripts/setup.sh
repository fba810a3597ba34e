#!/usr/bin/env bash
# Sets up everything the notebooks need that is missing; never deletes anything.
#   scripts/setup.sh            venv with nbclient/nbconvert, evcxr_jupyter, kernel spec
#   scripts/setup.sh --lab      also JupyterLab and Playwright (make lab, make test-lab)
#   scripts/setup.sh --browser  also Chromium (the HTML check and the JupyterLab test)
#   scripts/setup.sh --bench    only the venv with numpy and scikit-learn, and the
#                               system OpenBLAS the `blas` feature links (make bench)
#   scripts/setup.sh --aarch64  only what `make test-aarch64` needs: the Rust target
#                               aarch64-unknown-linux-gnu, Debian's cross linker and
#                               qemu-user to run the ARM tests on this machine
set -euo pipefail
cd "$(dirname "$0")/.."

EVCXR_VERSION=0.22.0
VENV=.venv
want_lab=0
want_browser=0
bench_only=0
aarch64_only=0
for arg in "$@"; do
  case "$arg" in
    --lab) want_lab=1 ;;
    --bench) bench_only=1 ;;
    --aarch64) aarch64_only=1 ;;
    --browser) want_browser=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

die() { echo "setup: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "missing tool '$1': $2"; }
# apt_install PACKAGE WHY: installs a Debian package when running as root with
# apt-get, and otherwise stops, saying what to install.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing $1 ($2)"
    (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null) \
      || die "apt-get install $1 failed"
  else
    die "missing Debian package '$1' ($2): install it (needs root) and try again"
  fi
}

need cargo "install the Rust toolchain (https://rustup.rs) and try again"
need rustc "install the Rust toolchain (https://rustup.rs) and try again"
need python3 "install Python 3 (3.9 or newer) and try again"

# 0. The toolchain first, before anything compiles: evcxr_jupyter $EVCXR_VERSION
# (and so every notebook) needs Rust 1.88 or newer. On an older one, cargo
# would fail minutes into the kernel's compile with a message of its own.
RUST_MIN=1.88
rust_found="$(rustc --version 2>/dev/null | awk '{print $2}')"
rust_ok() {  # is version $1 (e.g. 1.95.0 or 1.90.0-nightly) at least $RUST_MIN?
  local have="${1%%-*}" major minor need_major need_minor
  major="${have%%.*}"; minor="${have#*.}"; minor="${minor%%.*}"
  need_major="${RUST_MIN%%.*}"; need_minor="${RUST_MIN#*.}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  (( major > need_major || (major == need_major && minor >= need_minor) ))
}
if ! rust_ok "$rust_found"; then
  die "Rust $RUST_MIN or newer is needed (the Jupyter kernel, evcxr_jupyter $EVCXR_VERSION, requires it); found rustc '${rust_found:-unknown}' at $(command -v rustc). Update with 'rustup update stable' (or install from https://rustup.rs) and try again."
fi

# The aarch64 cross-test (make test-aarch64): no venv, no kernel.
if [ "$aarch64_only" = 1 ]; then
  need rustup "the aarch64 target is added with rustup (https://rustup.rs)"
  rustup target list --installed | grep -qx aarch64-unknown-linux-gnu \
    || rustup target add aarch64-unknown-linux-gnu || die "rustup target add aarch64-unknown-linux-gnu failed"
  command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || apt_install gcc-aarch64-linux-gnu "the linker for aarch64"
  [ -e /usr/aarch64-linux-gnu/lib/libc.so ] || apt_install libc6-dev-arm64-cross "the C library for aarch64"
  command -v qemu-aarch64 >/dev/null 2>&1 || apt_install qemu-user "to run aarch64 tests on this machine"
  echo "setup: ready (aarch64)"
  exit 0
fi

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
  have_openblas || apt_install libopenblas-dev "the OpenBLAS library the blas feature links"
  echo "setup: ready (bench)"
  exit 0
fi
install_reqs scripts/requirements-notebooks.txt
if [ "$want_lab" = 1 ]; then install_reqs scripts/requirements-lab.txt; fi

# 1b. MathJax 3 from the npm registry, copied into the exported HTML pages so
# their formulas render with no network (scripts/run_notebooks.py).
MATHJAX_VERSION=3.2.2
MATHJAX_SHA256=1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09
mj_dir="$VENV/share/backprop_lab/mathjax"
if [ "$(cat "$mj_dir/VERSION" 2>/dev/null)" != "$MATHJAX_VERSION" ] || [ ! -f "$mj_dir/tex-svg-full.js" ]; then
  command -v npm >/dev/null 2>&1 || apt_install npm "to fetch MathJax"
  echo "setup: fetching MathJax $MATHJAX_VERSION"
  mj_tmp="$(mktemp -d)"
  (cd "$mj_tmp" && npm pack --silent "mathjax@$MATHJAX_VERSION" >/dev/null) || die "npm pack mathjax@$MATHJAX_VERSION failed"
  echo "$MATHJAX_SHA256  $mj_tmp/mathjax-$MATHJAX_VERSION.tgz" | sha256sum -c --quiet - \
    || die "mathjax-$MATHJAX_VERSION.tgz does not have the expected checksum"
  tar -xzf "$mj_tmp/mathjax-$MATHJAX_VERSION.tgz" -C "$mj_tmp" package/es5/tex-svg-full.js package/LICENSE \
    || die "unpacking MathJax failed"
  mkdir -p "$mj_dir"
  cp "$mj_tmp/package/es5/tex-svg-full.js" "$mj_tmp/package/LICENSE" "$mj_dir/"
  echo "$MATHJAX_VERSION" > "$mj_dir/VERSION"
  rm -rf "$mj_tmp"
fi

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

# 4. The kernel spec "rust" inside the venv (where the venv's Jupyter looks
# first): scripts/rust-kernel, which runs evcxr_jupyter with a build folder
# that outlives the kernel, so a new kernel or a restart starts warm.
kernel_dir="$VENV/share/jupyter/kernels/rust"
kernel_json="{
  \"argv\": [\"$PWD/scripts/rust-kernel\", \"{connection_file}\"],
  \"display_name\": \"Rust\",
  \"interrupt_mode\": \"message\",
  \"language\": \"rust\"
}"
if [ "$(cat "$kernel_dir/kernel.json" 2>/dev/null)" != "$kernel_json" ]; then
  echo "setup: registering scripts/rust-kernel as the 'rust' kernel in $VENV"
  mkdir -p "$kernel_dir"
  printf '%s\n' "$kernel_json" > "$kernel_dir/kernel.json"
fi

# 5. Headless Chromium, for checking that exported HTML shows its images.
if [ "$want_browser" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium "the browser of the HTML check and the JupyterLab test"
fi
echo "setup: ready"
