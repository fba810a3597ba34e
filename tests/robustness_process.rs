//! Inputs that, unguarded, abort the process (allocation failure, stack
//! overflow) or never return (endless loops, plots of overflowing spans). A
//! panic can be caught in-process; these cannot, so each case runs in a child
//! process — this test binary again, running only `child_case` — with a time
//! limit. The child must exit normally, in time, after its call returned `Err`
//! (or, where stated, a finite `Ok`).
//!
//! Before the guards, every case here either aborted or hung: the span plot
//! spun in the tick computation, the million-deep expression overflowed the
//! stack when dropped, and the others asked for more memory than exists or
//! loops of 2⁶⁴ steps.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use backprop_lab::prelude::*;
use backprop_lab::{graph::MAX_EXPR_DEPTH, sin_chain::sin_descent, tensor::stack_matmul};

/// The cases, by name; `run_case` holds their bodies.
const CASES: &[&str] = &[
    "plot_curve_span_overflows",
    "plot_grad_check_errors_huge",
    "expr_million_updates_dropped",
    "expr_deep_diff_and_print",
    "graph_million_updates_backward",
    "einsum_endless_loops",
    "einsum_huge_output",
    "train_endless_epochs",
    "train_snapshots_exhaust_memory",
    "nielsen_sgd_endless_epochs",
    "sin_descent_endless_steps",
    "network_random_huge",
    "nielsen_new_huge",
    "stack_matmul_huge_product",
    "nudge_animation_too_many_frames",
    "hidden_layer_animation_too_many_frames",
    "nudge_sweep_huge",
    "digits_select_huge",
    "grad_check_huge_network",
    "train_grad_check_huge_network",
    "miniflow_long_chain",
    "check_huge_wrong_output",
];

/// How long a case may take. The slowest finishes in well under a second in a
/// debug build; a hang is what this catches.
const LIMIT: Duration = Duration::from_secs(60);

fn run_case(name: &str) {
    let must_err = |what: &str, r: Result<()>| match r {
        Err(e) => eprintln!("{what}: refused: {e}"),
        Ok(()) => panic!("{what}: accepted"),
    };
    match name {
        "plot_curve_span_overflows" => {
            must_err(name, plot_curve("t", "x", "y", &[-1e308, 1e308]).map(drop))
        }
        "plot_grad_check_errors_huge" => {
            must_err(name, plot_grad_check_errors(&[1e-9, 1e308]).map(drop))
        }
        "expr_million_updates_dropped" => {
            let mut e = sym("x");
            for _ in 0..1_000_000 {
                e = e * 1.000001 + 1.0;
            }
            must_err(name, e.eval(&[("x", 1.0)]).map(drop));
            drop(e);
        }
        "expr_deep_diff_and_print" => {
            let mut e = sym("x");
            for _ in 0..MAX_EXPR_DEPTH {
                e = e.sigmoid();
            }
            let d = e.diff("x");
            assert!(!d.to_string().is_empty() && !d.to_latex().is_empty());
            must_err(name, d.eval(&[("x", 0.5)]).map(drop));
        }
        "graph_million_updates_backward" => {
            // Each update is a new node of the graph, not a deeper expression, so
            // backward stays a loop over nodes: this one must succeed.
            let g = Graph::new();
            let w = g.param("w", 1.0);
            let mut v = w;
            for _ in 0..1_000_000 {
                v = v * 1.0;
            }
            let grad = g.backward(v).expect("backward of a long chain").grad(w);
            assert_eq!(grad, 1.0, "d(w·1·1·…)/dw = 1 by hand");
        }
        "einsum_endless_loops" => {
            let a = Array2::<f64>::ones((1 << 12, 1 << 12));
            must_err(name, einsum("ij,kl->", &[&a, &a]).map(drop));
        }
        "einsum_huge_output" => {
            let a = Array2::<f64>::ones((1 << 12, 1 << 12));
            must_err(name, einsum("ij,kl->ijkl", &[&a, &a]).map(drop));
        }
        "train_endless_epochs" => {
            let (x, y) = make_circles(100, 0.3, 0.1, 0).unwrap();
            let mut net =
                Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
            let cfg = TrainConfig::new()
                .eta(0.1)
                .batch_size(10)
                .epochs(usize::MAX);
            must_err(name, train(&mut net, &x, &y, &cfg).map(drop));
        }
        "train_snapshots_exhaust_memory" => {
            let (x, y) = make_circles(100, 0.3, 0.1, 0).unwrap();
            let mut net =
                Network::random(&[2, 3000, 3000, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
            let cfg = TrainConfig::new()
                .eta(0.1)
                .batch_size(100)
                .epochs(1_000_000)
                .snapshots(true);
            must_err(name, train(&mut net, &x, &y, &cfg).map(drop));
        }
        "nielsen_sgd_endless_epochs" => {
            let (x, y) = make_circles(20, 0.3, 0.1, 0).unwrap();
            let pairs = training_pairs(&x, &y).unwrap();
            let mut net = NielsenNetwork::new(&[2, 3, 1], None, None, 0).unwrap();
            must_err(name, net.sgd(&pairs, usize::MAX, 10, 0.1, None).map(drop));
        }
        "sin_descent_endless_steps" => must_err(
            name,
            sin_descent([0.5, 0.5], &[1.0, 2.0], &[0.1, 0.2], 0.1, usize::MAX).map(drop),
        ),
        "network_random_huge" => must_err(
            name,
            Network::random(&[1 << 16, 1 << 16], Activation::Sigmoid, Init::Normal, 0).map(drop),
        ),
        "nielsen_new_huge" => must_err(
            name,
            NielsenNetwork::new(&[1 << 16, 1 << 16], None, None, 0).map(drop),
        ),
        "stack_matmul_huge_product" => {
            let t = Array3::<f64>::zeros((1 << 20, 1 << 10, 0));
            let v = Array2::<f64>::zeros((0, 1 << 10));
            must_err(name, stack_matmul(&t, &v).map(drop));
        }
        "nudge_animation_too_many_frames" => {
            let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2).unwrap();
            let nudges: Vec<f64> = (0..100_000).map(|i| i as f64 * 1e-4).collect();
            let sweep = nudge_sweep(&net, -5.0, -1.0, Param1d::W3, &nudges).unwrap();
            must_err(name, nudge_animation(&sweep, 1).map(drop));
        }
        "hidden_layer_animation_too_many_frames" => {
            let (x, y) = make_circles(50, 0.3, 0.1, 0).unwrap();
            let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
            let snapshots = vec![net; 100_000];
            must_err(
                name,
                hidden_layer_animation(&snapshots, &x, &y, 2).map(drop),
            );
        }
        "nudge_sweep_huge" => {
            let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2).unwrap();
            let nudges = [1e308, 1e308];
            let bigger = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 1e308).unwrap();
            must_err(
                name,
                nudge_sweep(&bigger, -5.0, -1.0, Param1d::B3, &nudges).map(drop),
            );
            must_err(
                "nudge_sweep (net)",
                nudge_sweep(&net, f64::NAN, -1.0, Param1d::W3, &nudges).map(drop),
            );
        }
        "digits_select_huge" => {
            // 2²³ rows of 64 pixels: 2²⁹ numbers, past MAX_ELEMENTS.
            let d = backprop_lab::dense::Digits {
                x: backprop_lab::ndarray::Array2::zeros((1, 64)),
                labels: vec![3],
            };
            must_err(name, d.select(&vec![0; 1 << 23]).map(drop));
        }
        "grad_check_huge_network" => {
            // 1000·100 + 100 + 100 + 1 = 100,201 parameters.
            let net =
                Network::random(&[1000, 100, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
            let x = backprop_lab::ndarray::Array2::zeros((2, 1000));
            let y = backprop_lab::ndarray::Array2::zeros((2, 1));
            must_err(
                name,
                grad_check(&net, &x, &y, BackpropForm::Gemm, 1e-7).map(drop),
            );
        }
        "train_grad_check_huge_network" => {
            let mut net =
                Network::random(&[1000, 100, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
            let x = backprop_lab::ndarray::Array2::zeros((2, 1000));
            let y = backprop_lab::ndarray::Array2::zeros((2, 1));
            let cfg = TrainConfig::new()
                .eta(0.1)
                .batch_size(2)
                .epochs(1)
                .grad_check(true);
            must_err(name, train(&mut net, &x, &y, &cfg).map(drop));
        }
        "miniflow_long_chain" => {
            // 100,000 nodes: a quadratic sort takes minutes, past the limit.
            let mut g = MiniFlow::new();
            let x = g.input("x");
            let mut last = x;
            for i in 0..100_000 {
                last = g.sigmoid(&format!("s{i}"), last).unwrap();
            }
            let order = g
                .topological_sort(&[(x, backprop_lab::ndarray::array![0.5].into_dyn())])
                .unwrap();
            assert_eq!(order.len(), 100_001);
            g.forward_and_backward(&order).unwrap();
        }
        "check_huge_wrong_output" => {
            // A learner's one-hot of 20,000 × 20,000 (3.2 GB): judged wrong on
            // its shape, never copied.
            let r = backprop_lab::exercises::check_one_hot(|_labels, _classes| {
                backprop_lab::ndarray::Array2::zeros((20_000, 20_000))
            });
            assert!(!r.is_right());
            eprintln!("{name}: {r}");
        }
        other => panic!("no case named {other}"),
    }
}

/// The child's side: runs the case named in `ROBUSTNESS_CASE`. Ignored, so that
/// only the parent below runs it (with `--ignored`).
#[test]
#[ignore = "run by every_case_returns_in_a_child_process"]
fn child_case() {
    let name = std::env::var("ROBUSTNESS_CASE").expect("run by the parent test");
    run_case(&name);
}

#[test]
fn every_case_returns_in_a_child_process() {
    let exe = std::env::current_exe().expect("the test binary");
    let mut failures = Vec::new();
    for &case in CASES {
        let mut child = Command::new(&exe)
            .args([
                "child_case",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("ROBUSTNESS_CASE", case)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the test binary");
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().expect("wait for the child") {
                break Some(s);
            }
            if start.elapsed() > LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        match status {
            None => failures.push(format!("{case}: still running after {LIMIT:?} (a hang)")),
            Some(s) if !s.success() => failures.push(format!(
                "{case}: the child exited with {s} (an abort or a panic):\n{}",
                err.lines().rev().take(8).collect::<Vec<_>>().join("\n")
            )),
            Some(_) => eprintln!("{case}: ok in {:.2?}", start.elapsed()),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
