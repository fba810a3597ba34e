//! The Rust side of `make bench`: the same workloads as `bench/numpy_bench.py`,
//! through the crate's public API, as a learner would call it.
//!
//! ```text
//! bench prepare DIR [--tiny]          write data and initial parameters (.npy)
//! bench run DIR NAME RUNS OUT_JSON    time one workload, write its median time,
//!                                     peak memory and final parameters
//! bench peak RUNS                     the machine's peak multiply-add rate (FMA loop)
//! bench matmul N RUNS                 GFLOP/s of an N×N matrix product (the
//!                                     crate's, through its large-product backend)
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use backprop_lab::dense::{
    accuracy, from_one_hot, one_hot, predict_classes, read_digits, stratified_split, Cost, Digits,
};
use backprop_lab::io::uniform;
use backprop_lab::prelude::*;
use backprop_lab::training::{engine_matmul, MATMUL_BACKEND};

/// The digits workload's test images and their one-hot targets.
fn digits_parts() -> (Digits, Digits) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("notebooks/data/digits.csv");
    let digits = read_digits(path).expect("the committed digits file");
    let (train_rows, test_rows) = stratified_split(&digits.labels, 0.2, 0).expect("valid split");
    (
        digits.select(&train_rows).expect("rows in range"),
        digits.select(&test_rows).expect("rows in range"),
    )
}

/// One workload: network, data and training settings.
struct Spec {
    name: &'static str,
    sizes: Vec<usize>,
    form: &'static str,
    batch_size: usize,
    epochs: usize,
    eta: f64,
}

fn specs(tiny: bool) -> Vec<(Spec, Array2<f64>, Array2<f64>, Network)> {
    let circles = |n| make_circles(n, 0.3, 0.1, 0).expect("valid parameters");
    let small = |seed| {
        Network::random_per_layer(
            &[2, 3, 3, 1],
            Activation::Sigmoid,
            &[Init::Uniform, Init::Uniform, Init::Normal],
            &[Init::Uniform; 3],
            seed,
        )
        .expect("valid sizes")
    };
    let n_small = if tiny { 100 } else { 1000 };
    let mut out = Vec::new();
    for (name, form) in [
        ("circles_per_example_10ep", "per_example"),
        ("circles_tensor_10ep", "tensor"),
        ("circles_gemm_10ep", "gemm"),
        ("circles_nielsen_10ep", "nielsen"),
    ] {
        let (x, y) = circles(n_small);
        let spec = Spec {
            name,
            sizes: vec![2, 3, 3, 1],
            form,
            batch_size: 50,
            epochs: if tiny { 2 } else { 10 },
            eta: 0.01,
        };
        out.push((spec, x, y, small(0)));
    }
    let wide_sizes: Vec<usize> = if tiny {
        vec![20, 8, 6, 4]
    } else {
        vec![784, 128, 64, 10]
    };
    let wide = |n: usize, seed: u64| {
        let mut rng = seeded_rng(seed);
        let x = uniform(n, wide_sizes[0], &mut rng).expect("bench sizes are small");
        let y = uniform(n, wide_sizes[3], &mut rng)
            .expect("bench sizes are small")
            .mapv(|v| if v < 0.5 { 0.0 } else { 1.0 });
        let net = Network::random(&wide_sizes, Activation::Sigmoid, Init::Normal, seed + 1)
            .expect("valid sizes");
        (x, y, net)
    };
    let (n_gemm, n_tensor, batch) = if tiny {
        (64, 32, 16)
    } else {
        (8192, 2048, 128)
    };
    let (x, y, net) = wide(n_gemm, 11);
    out.push((
        Spec {
            name: "wide_gemm_1ep",
            sizes: wide_sizes.clone(),
            form: "gemm",
            batch_size: batch,
            epochs: 1,
            eta: 0.1,
        },
        x,
        y,
        net,
    ));
    let (x, y, net) = wide(n_tensor, 12);
    out.push((
        Spec {
            name: "wide_tensor_1ep",
            sizes: wide_sizes.clone(),
            form: "tensor",
            batch_size: batch,
            epochs: 1,
            eta: 0.1,
        },
        x,
        y,
        net,
    ));
    // Notebook 09's softmax network on the digits: the same split, initial
    // parameters and settings as the notebook's cell.
    let (train_part, _) = digits_parts();
    let y = one_hot(&train_part.labels, 10).expect("digit labels");
    let net = Network::random(&[64, 30, 10], Activation::Sigmoid, Init::Scaled, 1)
        .expect("valid sizes")
        .with_output(Activation::Softmax, Cost::CrossEntropy)
        .expect("softmax pairs with cross-entropy");
    out.push((
        Spec {
            name: "digits_train",
            sizes: vec![64, 30, 10],
            form: "softmax_ce",
            batch_size: 10,
            epochs: if tiny { 2 } else { 30 },
            eta: 0.5,
        },
        train_part.x,
        y,
        net,
    ));
    out
}

// --- .npy files (format 1.0, little-endian f64, C order) ------------------------

fn write_npy(path: &Path, shape: &[usize], data: &[f64]) {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let shape_txt = if shape.len() == 1 {
        format!("({},)", dims[0])
    } else {
        format!("({})", dims.join(", "))
    };
    let mut header = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': {shape_txt}, }}");
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&(header.len() as u16).to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    for v in data {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    std::fs::write(path, bytes).expect("write .npy");
}

fn read_npy(path: &Path) -> (Vec<usize>, Vec<f64>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    assert_eq!(
        &bytes[..6],
        b"\x93NUMPY",
        "{} is not a .npy file",
        path.display()
    );
    let hlen = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
    let header = std::str::from_utf8(&bytes[10..10 + hlen]).expect("ASCII header");
    assert!(
        header.contains("'<f8'") && header.contains("'fortran_order': False"),
        "unsupported .npy: {header}"
    );
    let inside = header
        .split("'shape': (")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("shape");
    let shape: Vec<usize> = inside
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().expect("dim"))
        .collect();
    let data = bytes[10 + hlen..]
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect();
    (shape, data)
}

fn matrix(dir: &Path, file: String) -> Array2<f64> {
    let (shape, data) = read_npy(&dir.join(file));
    Array2::from_shape_vec((shape[0], shape[1]), data).expect("2-D")
}

fn prepare(dir: &Path, tiny: bool) {
    std::fs::create_dir_all(dir).expect("create bench dir");
    // Noise-free circles, for a cross-check against scikit-learn's make_circles.
    let (cx, cy) = make_circles(1000, 0.3, 0.0, 0).expect("valid parameters");
    write_npy(
        &dir.join("circles_noiseless_X.npy"),
        cx.shape(),
        cx.as_slice().unwrap(),
    );
    write_npy(
        &dir.join("circles_noiseless_Y.npy"),
        cy.shape(),
        cy.as_slice().unwrap(),
    );
    // The digits workload's test set, for the time to 95% test accuracy.
    let (_, test_part) = digits_parts();
    let ty = one_hot(&test_part.labels, 10).expect("digit labels");
    write_npy(
        &dir.join("digits_train_TX.npy"),
        test_part.x.shape(),
        test_part.x.as_slice().unwrap(),
    );
    write_npy(
        &dir.join("digits_train_TY.npy"),
        ty.shape(),
        ty.as_slice().unwrap(),
    );
    for (spec, x, y, net) in specs(tiny) {
        let n = spec.name;
        write_npy(
            &dir.join(format!("{n}_X.npy")),
            x.shape(),
            x.as_standard_layout().as_slice().unwrap(),
        );
        write_npy(
            &dir.join(format!("{n}_Y.npy")),
            y.shape(),
            y.as_standard_layout().as_slice().unwrap(),
        );
        for (l, (w, b)) in net.weights().iter().zip(net.biases()).enumerate() {
            write_npy(
                &dir.join(format!("{n}_W{l}.npy")),
                w.shape(),
                w.as_slice().unwrap(),
            );
            write_npy(
                &dir.join(format!("{n}_b{l}.npy")),
                b.shape(),
                b.as_slice().unwrap(),
            );
        }
        let json = format!(
            "{{\"name\": \"{n}\", \"sizes\": {:?}, \"form\": \"{}\", \"batch_size\": {}, \"epochs\": {}, \"eta\": {}}}",
            spec.sizes, spec.form, spec.batch_size, spec.epochs, spec.eta
        );
        std::fs::write(dir.join(format!("{n}.json")), json).expect("write spec");
    }
}

fn json_field<'a>(json: &'a str, key: &str) -> &'a str {
    let start = json
        .find(&format!("\"{key}\": "))
        .unwrap_or_else(|| panic!("no {key} in {json}"))
        + key.len()
        + 4;
    let rest = &json[start..];
    let end = rest.find([',', '}']).expect("value end");
    rest[..end].trim().trim_matches('"')
}

/// Peak resident memory of this process, from /proc (Linux), in MiB.
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn run(dir: &Path, name: &str, runs: usize, out: &Path) {
    let spec = std::fs::read_to_string(dir.join(format!("{name}.json"))).expect("spec");
    let list = spec
        .split("\"sizes\": [")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .expect("sizes");
    let sizes: Vec<usize> = list
        .split(',')
        .map(|s| s.trim().parse().expect("size"))
        .collect();
    let form = json_field(&spec, "form").to_string();
    let batch: usize = json_field(&spec, "batch_size").parse().expect("batch");
    let epochs: usize = json_field(&spec, "epochs").parse().expect("epochs");
    let eta: f64 = json_field(&spec, "eta").parse().expect("eta");
    let x = matrix(dir, format!("{name}_X.npy"));
    let y = matrix(dir, format!("{name}_Y.npy"));
    let layers = sizes.len() - 1;
    let weights = (0..layers)
        .map(|l| matrix(dir, format!("{name}_W{l}.npy")))
        .collect();
    let biases = (0..layers)
        .map(|l| matrix(dir, format!("{name}_b{l}.npy")))
        .collect();
    let mut start =
        Network::from_params(weights, biases, Activation::Sigmoid).expect("valid parameters");
    let softmax = form == "softmax_ce";
    if softmax {
        start
            .set_output(Activation::Softmax, Cost::CrossEntropy)
            .expect("softmax pairs with cross-entropy");
    }
    // In order, the last short batch used (as the notebook and network.py do).
    let config = |epochs: usize, f: BackpropForm| {
        TrainConfig::new()
            .eta(eta)
            .batch_size(batch)
            .epochs(epochs)
            .form(f)
            .remainder(if softmax {
                Remainder::Use
            } else {
                Remainder::Drop
            })
    };
    let pairs = training_pairs(&x, &y).expect("same rows");
    let once = || -> Array1<f64> {
        if form == "nielsen" {
            let mut nn = NielsenNetwork::from_network(&start).expect("sigmoid network");
            nn.sgd(&pairs, epochs, batch, eta, None)
                .expect("valid training");
            get_params(&nn.weights, &nn.biases)
        } else {
            let f = match form.as_str() {
                "per_example" => BackpropForm::PerExample,
                "tensor" => BackpropForm::Tensor,
                _ => BackpropForm::Gemm,
            };
            let mut net = start.clone();
            train(&mut net, &x, &y, &config(epochs, f)).expect("valid training");
            net.get_params()
        }
    };
    let mut params = once(); // warm-up
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        params = std::hint::black_box(once());
        times.push(t.elapsed().as_secs_f64());
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    write_npy(
        &out.with_extension("params.npy"),
        &[params.len()],
        params.as_slice().unwrap(),
    );
    // The digits workload: wall time until the test accuracy first reaches 95%,
    // measured after every epoch (the measuring included in the time), as the
    // numpy side does: one epoch of training, then the test set's accuracy.
    let mut to95 = String::new();
    if softmax {
        let tx = matrix(dir, format!("{name}_TX.npy"));
        let ty = matrix(dir, format!("{name}_TY.npy"));
        let test_labels = from_one_hot(&ty).expect("one-hot test targets");
        let mut net = start.clone();
        let t = Instant::now();
        let mut reached = None;
        for epoch in 1..=100 {
            train(&mut net, &x, &y, &config(1, BackpropForm::Gemm)).expect("valid training");
            let predicted = predict_classes(&net.predict(&tx).expect("64 inputs")).expect("finite");
            if accuracy(&predicted, &test_labels).expect("one label per row") >= 0.95 {
                reached = Some(epoch);
                break;
            }
        }
        if let Some(epochs) = reached {
            to95 = format!(
                ", \"to95_s\": {}, \"to95_epochs\": {epochs}",
                t.elapsed().as_secs_f64()
            );
        }
    }
    let json = format!(
        "{{\"median_s\": {median}, \"times_s\": {times:?}, \"peak_rss_mib\": {}{to95}}}",
        peak_rss_mib()
    );
    std::fs::write(out, json).expect("write result");
}

/// GFLOP/s of an N×N product through the crate's own product (the one training
/// runs), with the library that ran it: best and median of `runs` timed runs.
fn matmul(n: usize, runs: usize) {
    let mut rng = seeded_rng(5);
    let a = uniform(n, n, &mut rng).expect("bench sizes are small");
    let b = uniform(n, n, &mut rng).expect("bench sizes are small");
    let _ = engine_matmul(&a, &b).expect("square matrices");
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(engine_matmul(&a, &b).expect("square matrices"));
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let (best, median) = (times[0], times[times.len() / 2]);
    let rate = |s: f64| 2.0 * (n as f64).powi(3) / s / 1e9;
    println!(
        "{{\"n\": {n}, \"best_s\": {best}, \"median_s\": {median}, \"gflops\": {}, \"gflops_median\": {}, \"times_s\": {times:?}, \"backend\": \"{MATMUL_BACKEND}\"}}",
        rate(best),
        rate(median)
    );
}

/// Multiply-adds per pass of [`fma_loop`]: 12 independent chains of 4-lane FMAs.
const FMA_PER_PASS: usize = 12 * 4;

/// A tight loop of AVX2 fused multiply-adds on 12 independent registers (more
/// than FMA latency × FMA units on current x86 cores), so it runs at the core's
/// peak multiply-add rate. Returns a sum so that the loop is not optimised away.
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn fma_loop(passes: usize) -> f64 {
    use std::arch::x86_64::{_mm256_fmadd_pd, _mm256_set1_pd, _mm256_storeu_pd};
    let (x, y) = (_mm256_set1_pd(0.999_999_9), _mm256_set1_pd(1e-9));
    let mut acc = [_mm256_set1_pd(1.0); 12];
    for _ in 0..passes {
        for a in acc.iter_mut() {
            *a = _mm256_fmadd_pd(*a, x, y);
        }
    }
    let mut out = [0.0; 4];
    acc.iter().fold(0.0, |s, a| {
        // SAFETY: `out` holds 4 doubles.
        unsafe { _mm256_storeu_pd(out.as_mut_ptr(), *a) };
        s + out.iter().sum::<f64>()
    })
}

/// The machine's peak multiply-add rate in GFLOP/s (2 flops per multiply-add):
/// [`fma_loop`] on one thread, best of `runs`, times the number of cores. One
/// thread rather than all at once, because on a shared machine one core is free
/// far more often than all of them.
/// Prints `{"gflops": null}` where the loop cannot run (no AVX2 and FMA).
fn peak(runs: usize) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        let passes = 20_000_000;
        let mut best = f64::INFINITY;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            // SAFETY: AVX2 and FMA were detected just above.
            std::hint::black_box(unsafe { fma_loop(std::hint::black_box(passes)) });
            best = best.min(t.elapsed().as_secs_f64());
        }
        let per_core = 2.0 * (passes * FMA_PER_PASS) as f64 / best / 1e9;
        println!(
            "{{\"gflops\": {}, \"per_core_gflops\": {per_core}, \"cores\": {cores}, \"method\": \"AVX2 FMA loop\"}}",
            per_core * cores as f64
        );
        return;
    }
    println!(
        "{{\"gflops\": null, \"per_core_gflops\": null, \"cores\": {cores}, \"method\": null}}"
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("prepare") => prepare(&PathBuf::from(&args[2]), args.iter().any(|a| a == "--tiny")),
        Some("run") => run(&PathBuf::from(&args[2]), &args[3], args[4].parse().expect("runs"), &PathBuf::from(&args[5])),
        Some("matmul") => matmul(args[2].parse().expect("n"), args[3].parse().expect("runs")),
        Some("peak") => peak(args[2].parse().expect("runs")),
        _ => eprintln!("usage: bench prepare DIR [--tiny] | bench run DIR NAME RUNS OUT_JSON | bench matmul N RUNS | bench peak RUNS"),
    }
}
