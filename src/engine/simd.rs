//! The one place where the engine chooses how its small kernels run: the small
//! matrix products (`matmul.rs`), the exponential and sigmoid (`sigmoid.rs`)
//! and the fused SGD step (`sgd.rs`).
//!
//! The path is chosen once per process, from the CPU, and every kernel asks
//! [`path`] instead of probing the CPU itself. Within one process every call
//! takes the same path, so results are the same to the bit run after run on
//! one machine; two paths may differ in the last bits (fused multiply-adds
//! round once, a multiply then an add twice; sums may run in another order).
//!
//! `BACKPROP_LAB_KERNELS=scalar|portable|avx2` forces a path (`auto`, or the
//! variable unset, picks the best the CPU has). A path the CPU cannot run, or
//! an unknown value, falls back to the best one and says so once on stderr;
//! nothing panics.
//!
//! There is no AVX-512 path: the machine the tests run on has no AVX-512 and
//! qemu-user cannot emulate it, and a path no test runs is not shipped. On an
//! AVX-512 CPU the AVX2 path runs.

use std::sync::OnceLock;

/// The environment variable that forces a path.
pub(crate) const ENV: &str = "BACKPROP_LAB_KERNELS";

/// How the engine's small kernels run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Path {
    /// One number at a time: plain loops the compiler does not vectorise (a
    /// product's entries as dot products, `e^x` one call per entry, the SGD
    /// step with one running sum). The baseline the others are measured against.
    Scalar,
    /// Fixed-width blocks with independent running sums, written so that the
    /// compiler vectorises them for the architecture's baseline: SSE2 (two
    /// lanes) on x86-64, NEON (two lanes, fused multiply-adds) on aarch64.
    Portable,
    /// The portable code compiled for AVX2 and FMA (four lanes, fused
    /// multiply-adds), and AVX2 intrinsics for the SGD step. x86-64 only.
    Avx2,
}

impl Path {
    /// Every path, in the order of the variable's documentation.
    pub(crate) const ALL: [Path; 3] = [Path::Scalar, Path::Portable, Path::Avx2];

    /// The path's name, as `BACKPROP_LAB_KERNELS` spells it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Path::Scalar => "scalar",
            Path::Portable => "portable",
            Path::Avx2 => "avx2",
        }
    }

    /// Whether this CPU can run the path.
    pub(crate) fn available(self) -> bool {
        match self {
            Path::Scalar | Path::Portable => true,
            Path::Avx2 => avx2_fma(),
        }
    }
}

/// Whether the portable path uses fused multiply-adds: when the architecture's
/// baseline has them (every aarch64 CPU; x86-64 only when compiled for a CPU
/// with FMA). Elsewhere `f64::mul_add` is a slow library call.
pub(crate) const PORTABLE_FMA: bool = cfg!(any(target_arch = "aarch64", target_feature = "fma"));

/// Whether the CPU has AVX2 and FMA (always false off x86-64).
fn avx2_fma() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// The path every kernel of this process takes: chosen on the first call (from
/// `BACKPROP_LAB_KERNELS` and the CPU), the same ever after.
#[inline]
pub(crate) fn path() -> Path {
    static PATH: OnceLock<Path> = OnceLock::new();
    *PATH.get_or_init(|| {
        let requested = std::env::var(ENV).ok();
        let (path, note) = choose(requested.as_deref(), Path::available);
        if let Some(note) = note {
            eprintln!("backprop_lab: {note}");
        }
        path
    })
}

/// The path for the variable's value `requested` on a CPU that can run the
/// paths `available` says it can, and the line to print when the request
/// cannot be honoured as asked (an unknown name, a path the CPU lacks).
pub(crate) fn choose(
    requested: Option<&str>,
    available: impl Fn(Path) -> bool,
) -> (Path, Option<String>) {
    let best = if available(Path::Avx2) {
        Path::Avx2
    } else {
        Path::Portable
    };
    let wanted = requested.map(str::trim).unwrap_or("");
    if wanted.is_empty() || wanted.eq_ignore_ascii_case("auto") {
        return (best, None);
    }
    match Path::ALL
        .into_iter()
        .find(|p| p.name().eq_ignore_ascii_case(wanted))
    {
        Some(p) if available(p) => (p, None),
        Some(p) => (
            best,
            Some(format!(
                "{ENV}={wanted}: this CPU cannot run the {} kernels; using {}",
                p.name(),
                best.name()
            )),
        ),
        None => (
            best,
            Some(format!(
                "{ENV}={wanted:?} is not one of auto, scalar, portable, avx2; using {}",
                best.name()
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forced_path_is_honoured_when_the_cpu_has_it() {
        let all = |_: Path| true;
        for p in Path::ALL {
            assert_eq!(choose(Some(p.name()), all), (p, None));
            assert_eq!(choose(Some(&p.name().to_uppercase()), all), (p, None));
        }
        assert_eq!(choose(None, all), (Path::Avx2, None));
        assert_eq!(choose(Some(""), all), (Path::Avx2, None));
        assert_eq!(choose(Some("auto"), all), (Path::Avx2, None));
    }

    #[test]
    fn a_path_the_cpu_lacks_or_an_unknown_name_falls_back_and_says_so() {
        // A CPU without AVX2 (every ARM machine): the portable path.
        let no_avx2 = |p: Path| p != Path::Avx2;
        assert_eq!(choose(None, no_avx2), (Path::Portable, None));
        assert_eq!(choose(Some("scalar"), no_avx2), (Path::Scalar, None));
        let (p, note) = choose(Some("avx2"), no_avx2);
        assert_eq!(p, Path::Portable);
        let note = note.expect("a note");
        assert!(note.contains("cannot run the avx2") && note.contains("using portable"));
        let (p, note) = choose(Some("avx512"), |_| true);
        assert_eq!(p, Path::Avx2);
        assert!(note.expect("a note").contains("\"avx512\" is not one of"));
    }

    #[test]
    fn this_process_takes_the_path_its_environment_asks_for() {
        // `make test-kernels` runs the tests once per path with the variable
        // set: the dispatch must report exactly the path asked for whenever
        // this CPU has it, and the best it has otherwise.
        let requested = std::env::var(ENV).ok();
        let got = path();
        assert_eq!(got, path(), "chosen once");
        match Path::ALL
            .into_iter()
            .find(|p| Some(p.name()) == requested.as_deref())
        {
            Some(p) if p.available() => assert_eq!(got, p),
            _ => assert_eq!(got, choose(None, Path::available).0),
        }
        eprintln!("kernel path of this test process: {}", got.name());
    }
}
