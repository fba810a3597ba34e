//! Hostile input at every public figure function: sizes from 0 to a few
//! hundred, magnitudes from 1e-300 to 1e300 of either sign (and 0), and
//! hand-edited public fields (`History`, `NudgeSweep`, `NetworkDiagram`,
//! `QuizReport`). Each call must not panic, and must give either a figure or
//! an error whose message starts with the function's name. Explicit cases
//! check every drawing limit at the boundary (drawn) and just past it
//! (refused, with the function's name).
//!
//! Figures are drawn small (with `with_figure_size`) so the file runs quickly.

use std::panic::{catch_unwind, AssertUnwindSafe};

use backprop_lab::ndarray::Array2;
use backprop_lab::{
    dense::{Activation, Init, Layer, Network},
    figures::{
        hidden_layer_animation, nudge_animation, plot_circles, plot_curve, plot_decision_boundary,
        plot_grad_check_errors, plot_graph, plot_miniflow, plot_network, plot_nudge,
        plot_points_and_outputs, plot_quiz, plot_sigmoid, plot_sigmoid_and_prime, plot_sin_fit,
        plot_toy_data, plot_training, with_figure_size, Figure, NetworkDiagram,
    },
    graph::{check_quiz, Graph, Mark, Var},
    miniflow::MiniFlow,
    net1d::{nudge_sweep, walkthrough_nudges, Net1d, NudgeSweep, Param1d},
    plot_accuracy, plot_confusion, plot_curves, plot_images, plot_layer_gradients,
    training::History,
    Error, Result,
};
use proptest::prelude::*;

/// Runs `f` under `catch_unwind`: it must not panic, and an error must name
/// `op` first. Returns the value of a success.
fn judge<T>(op: &str, f: impl FnOnce() -> Result<T>) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Some(v),
        Ok(Err(e)) => {
            let msg = e.to_string();
            assert!(
                msg.starts_with(&format!("{op}:")),
                "{op}: the error does not name the function: {msg}"
            );
            None
        }
        Err(_) => panic!("{op} panicked"),
    }
}

/// Like [`judge`], for figures: a success must be a real image.
fn judge_fig(op: &str, f: impl FnOnce() -> Result<Figure>) -> Option<Figure> {
    let fig = judge(op, f)?;
    assert!(
        fig.width() > 0 && fig.height() > 0 && !fig.bytes().is_empty(),
        "{op}: an empty figure"
    );
    Some(fig)
}

/// The call must draw a figure.
fn drawn(op: &str, f: impl FnOnce() -> Result<Figure>) -> Figure {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(fig)) => fig,
        Ok(Err(e)) => panic!("{op} refused input within its limits: {e}"),
        Err(_) => panic!("{op} panicked"),
    }
}

/// The call must be refused, naming `op`, without panicking.
fn refused<T>(op: &str, f: impl FnOnce() -> Result<T>) -> Error {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(_)) => panic!("{op} accepted input past its limits"),
        Ok(Err(e)) => {
            assert!(e.to_string().starts_with(&format!("{op}:")), "{e}");
            e
        }
        Err(_) => panic!("{op} panicked"),
    }
}

/// The next float above `x` (for `x > 0`).
fn past(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

/// Magnitudes from 1e-300 to 1e300 (a little past it too), either sign, and 0.
fn mag() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        1 => Just(1e300),
        1 => Just(-1e300),
        3 => -2.0f64..2.0,
        6 => (-300i32..=300, any::<bool>(), 1.0f64..10.0).prop_map(|(e, neg, m)| {
            let v = m * 10f64.powi(e);
            if neg { -v } else { v }
        }),
    ]
}

fn mags(max: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(mag(), 0..max)
}

/// A small figure size.
fn small() -> impl Strategy<Value = (u32, u32)> {
    (1u32..=96, 1u32..=96)
}

/// Text lengths: short, or around the 1000-character limit.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0usize..12).prop_map(|n| "t".repeat(n)),
        1 => (998usize..1003).prop_map(|n| "t".repeat(n)),
    ]
}

fn column(v: &[f64]) -> Array2<f64> {
    Array2::from_shape_vec((v.len(), 1), v.to_vec()).unwrap()
}

fn sweep() -> NudgeSweep {
    let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2).unwrap();
    nudge_sweep(&net, -5.0, -1.0, Param1d::W3, &walkthrough_nudges()).unwrap()
}

/// Edits one public field of a sweep: `field` picks it, `how` whether to
/// overwrite an entry with `m`, cut the series, or lengthen it.
fn edit_sweep(s: &mut NudgeSweep, field: usize, how: usize, at: usize, m: f64) {
    let v: &mut Vec<f64> = match field % 9 {
        0 => &mut s.values,
        1 => &mut s.nudges,
        2 => &mut s.cost,
        3..=5 => &mut s.z[field % 9 - 3],
        6..=8 => &mut s.a[field % 9 - 6],
        _ => unreachable!(),
    };
    match how % 4 {
        0 | 1 => {
            if !v.is_empty() {
                let k = at % v.len();
                v[k] = m;
            }
        }
        2 => v.truncate(at % 4),
        _ => s.base_value = m,
    }
}

fn history(steps: usize, layers: usize, m: &[f64], epochs: usize, per_epoch: usize) -> History {
    let at = |k: usize| if m.is_empty() { 1.0 } else { m[k % m.len()] };
    History {
        loss: (0..steps).map(at).collect(),
        cost: (0..steps).map(at).collect(),
        train_accuracy: (0..epochs).map(|k| at(k + 1)).collect(),
        test_accuracy: (0..epochs).map(|k| at(k + 2)).collect(),
        grad_norms: (0..steps)
            .map(|s| (0..layers).map(|l| at(s + l + 3)).collect())
            .collect(),
        weight_norms: (0..steps)
            .map(|s| (0..layers).map(|l| at(s * 2 + l)).collect())
            .collect(),
        grad_check_errors: vec![],
        snapshots: vec![],
        steps_per_epoch: per_epoch,
    }
}

/// A `[2, 3, 1]` network whose hidden layer is the identity with weights
/// `w` (so the hidden activations of `x = (1, 0)` are `w`, `2w`, `3w`
/// scaled as below) and a sigmoid output.
fn net_with_hidden(w: f64) -> Network {
    let l1 = Layer::new(
        Array2::from_shape_vec((3, 2), vec![w, 0.0, w, 0.0, w, 0.0]).unwrap(),
        Array2::zeros((3, 1)),
        Activation::Identity,
    )
    .unwrap();
    let l2 = Layer::new(
        Array2::from_elem((1, 3), 1e-3),
        Array2::zeros((1, 1)),
        Activation::Sigmoid,
    )
    .unwrap();
    Network::from_layers(vec![l1, l2]).unwrap()
}

fn graph(names: &[String], values: &[f64]) -> (Graph, Var) {
    let g = Graph::new();
    let mut acc = g.param(&names[0], values[0]);
    for (i, (n, v)) in names.iter().zip(values).enumerate().skip(1) {
        let p = g.param(n, *v);
        acc = if i % 2 == 0 { acc * p } else { acc + p };
    }
    (g, acc)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn sigmoid_plots_at_any_size(w in any::<u32>(), h in any::<u32>(), tiny in small(), pick in any::<bool>()) {
        let size = if pick { tiny } else { (w, h) };
        let before = plot_sigmoid().unwrap();
        judge("with_figure_size", || with_figure_size(size, || {
            judge_fig("plot_sigmoid", plot_sigmoid);
            judge_fig("plot_sigmoid_and_prime", plot_sigmoid_and_prime);
            Ok(())
        }));
        // A refused or finished call leaves the default size in place.
        prop_assert_eq!(plot_sigmoid().unwrap(), before);
    }

    #[test]
    fn toy_data_and_outputs(x in mags(300), y in mags(300), o in mags(300), cols in 0usize..3, size in small()) {
        let n = x.len().min(y.len());
        let wide = Array2::from_shape_fn((n, cols), |(i, _)| x[i]);
        with_figure_size(size, || {
            judge_fig("plot_toy_data", || plot_toy_data(&column(&x[..n]), &column(&y[..n])));
            judge_fig("plot_toy_data", || plot_toy_data(&wide, &column(&y)));
            judge_fig("plot_points_and_outputs", || {
                plot_points_and_outputs(&column(&x[..n]), &column(&y[..n]), &column(&o))
            });
            judge_fig("plot_points_and_outputs", || {
                let m = n.min(o.len());
                plot_points_and_outputs(&column(&x[..m]), &column(&y[..m]), &column(&o[..m]))
            });
            Ok(())
        }).unwrap();
    }

    #[test]
    fn circles_and_boundaries(pts in mags(300), labels in mags(300), cols in 1usize..4, seed in 0u64..4, sizes in proptest::collection::vec(1usize..4, 2..4), size in small()) {
        let n = pts.len() / cols;
        let x = Array2::from_shape_fn((n, cols), |(i, j)| pts[i * cols + j]);
        let y = column(&labels[..n.min(labels.len())]);
        let mut s = sizes.clone();
        s[0] = 2;
        let net = Network::random(&s, Activation::Sigmoid, Init::Normal, seed).unwrap();
        with_figure_size(size, || {
            judge_fig("plot_circles", || plot_circles(&x, &y));
            judge_fig("plot_decision_boundary", || plot_decision_boundary(&net, &x, &y));
            Ok(())
        }).unwrap();
    }

    #[test]
    fn training_history_edited(steps in 0usize..200, layers in 0usize..4, m in mags(40), epochs in 0usize..20, per_epoch in prop_oneof![Just(0usize), 1usize..50, Just(usize::MAX)], cut in 0usize..6, size in small(), title in text()) {
        let mut h = history(steps, layers, &m, epochs, per_epoch);
        match cut {
            0 => { h.grad_norms.pop(); }
            1 => { if let Some(r) = h.weight_norms.last_mut() { r.push(1.0); } }
            2 => { h.test_accuracy.pop(); }
            _ => {}
        }
        with_figure_size(size, || {
            judge_fig("plot_training", || plot_training(&h));
            judge_fig("plot_accuracy", || plot_accuracy(&h));
            judge_fig("plot_layer_gradients", || plot_layer_gradients(&h, &title));
            Ok(())
        }).unwrap();
    }

    #[test]
    fn grad_check_errors(e in mags(300), inside in proptest::collection::vec(0.0f64..=1.0, 0..300), pick in any::<bool>(), size in small()) {
        let errors = if pick { inside } else { e };
        with_figure_size(size, || Ok(judge_fig("plot_grad_check_errors", || plot_grad_check_errors(&errors)))).unwrap();
    }

    #[test]
    fn curves(ys in mags(300), more in proptest::collection::vec(mags(100), 0..4), first_x in mag(), title in text(), label in text(), size in small()) {
        let mut list: Vec<(&str, &[f64])> = more.iter().map(|v| ("c", &v[..])).collect();
        list.push((&label, &ys));
        with_figure_size(size, || {
            judge_fig("plot_curve", || plot_curve(&title, "x", &label, &ys));
            judge_fig("plot_curves", || plot_curves(&title, "x", "y", first_x, &list));
            judge_fig("plot_curves", || plot_curves("t", "x", "y", first_x, &list[..list.len() - 1]));
            Ok(())
        }).unwrap();
    }

    #[test]
    fn sin_fit(x in mags(200), y in mags(200), w in proptest::collection::vec((mag(), mag()), 0..4), label in text(), size in small()) {
        let preds: Vec<(&str, [f64; 2])> = w.iter().map(|&(a, b)| (label.as_str(), [a, b])).collect();
        let n = x.len().min(y.len());
        with_figure_size(size, || {
            judge_fig("plot_sin_fit", || plot_sin_fit(&x[..n], &y[..n], &preds));
            judge_fig("plot_sin_fit", || plot_sin_fit(&x, &y, &preds));
            Ok(())
        }).unwrap();
    }

    #[test]
    fn images(n in 0usize..30, side in 0usize..13, extra in 0usize..2, columns in 0usize..40, m in mags(20), captions in 0usize..32, caption in text()) {
        let cols = side * side + extra;
        let x = Array2::from_shape_fn((n, cols), |(i, j)| if m.is_empty() { 0.5 } else { m[(i + j) % m.len()] });
        let caps = vec![caption; captions.min(n + 1)];
        judge_fig("plot_images", || plot_images(&x, &caps, columns));
        let caps: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        judge_fig("plot_images", || plot_images(&x, &caps, columns));
    }

    #[test]
    fn confusion(k in 0usize..34, wide in 0usize..2, counts in proptest::collection::vec(prop_oneof![0usize..10, Just(usize::MAX), any::<usize>()], 1..8), size in small()) {
        let m = Array2::from_shape_fn((k, k + wide), |(i, j)| counts[(i * 7 + j) % counts.len()]);
        with_figure_size(size, || Ok(judge_fig("plot_confusion", || plot_confusion(&m)))).unwrap();
    }

    #[test]
    fn network_diagram_edited(sizes in proptest::collection::vec(0usize..15, 0..16), hl in proptest::option::of((0usize..16, 0usize..15)), labels in any::<bool>(), bias in any::<bool>(), title in text()) {
        let mut d = NetworkDiagram::new(&[2, 3, 1]).label_all_weights(labels).bias_nodes(bias);
        d.sizes = sizes;
        d.highlight = hl;
        d.title = title;
        judge_fig("plot_network", || plot_network(&d));
    }

    #[test]
    fn graphs_and_quizzes(k in 1usize..8, lens in proptest::collection::vec(text(), 8), values in proptest::collection::vec(mag(), 8), marks in proptest::collection::vec((0usize..3, mag()), 0..30), cut in 0usize..40, reveal in any::<bool>()) {
        let names: Vec<String> = (0..k).map(|i| format!("{i}{}", lens[i])).collect();
        let (g, out) = graph(&names, &values[..k]);
        if let Ok(back) = g.backward(out) {
            judge_fig("plot_graph", || plot_graph(&back));
        }
        if let Ok(mut report) = check_quiz(&g, out, &[]) {
            for (item, &(how, m)) in report.items.iter_mut().zip(&marks) {
                item.mark = match how { 0 => Mark::Right(m), 1 => Mark::Wrong(m), _ => Mark::Unanswered };
                item.truth = m;
            }
            report.items.truncate(cut);
            judge_fig("plot_quiz", || plot_quiz(&report, reveal));
            judge("QuizReport::widget", || report.widget());
        }
    }

    #[test]
    fn miniflow(n in 0usize..45, name in text(), layers in 0usize..3) {
        let mut mf = MiniFlow::new();
        let mut ids = Vec::new();
        for i in 0..n {
            ids.push(mf.input(&if i == 0 { name.clone() } else { format!("x{i}") }));
        }
        if n >= 3 {
            let mut at = ids[0];
            for l in 0..layers {
                if let Ok(lin) = mf.linear(&format!("l{l}"), at, ids[1], ids[2]) {
                    at = mf.sigmoid(&format!("s{l}"), lin).unwrap_or(lin);
                }
            }
        }
        judge_fig("plot_miniflow", || plot_miniflow(&mf));
    }

    #[test]
    fn nudge_sweeps_edited(field in 0usize..9, how in 0usize..4, at in 0usize..64, m in mag(), every in 0usize..40, size in small()) {
        let mut s = sweep();
        edit_sweep(&mut s, field, how, at, m);
        with_figure_size(size, || {
            judge_fig("plot_nudge", || plot_nudge(&s));
            judge_fig("nudge_animation", || nudge_animation(&s, every));
            judge("NudgeSweep::explorer", || s.explorer());
            Ok(())
        }).unwrap();
    }

    #[test]
    fn hidden_layer_animations(snaps in 0usize..3, w in mag(), pts in mags(40), layer in 0usize..3, odd in any::<bool>(), size in small()) {
        let mut nets: Vec<Network> = (0..snaps).map(|_| net_with_hidden(w)).collect();
        if odd && snaps > 1 {
            nets[1] = Network::random(&[2, 4, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
        }
        let n = pts.len() / 2;
        let x = Array2::from_shape_fn((n, 2), |(i, j)| pts[2 * i + j]);
        let y = Array2::from_shape_fn((n, 1), |(i, _)| (i % 2) as f64);
        with_figure_size(size, || Ok(judge_fig("hidden_layer_animation", || hidden_layer_animation(&nets, &x, &y, layer)))).unwrap();
    }
}

// Explicit cases at every limit: the boundary is drawn, just past it is refused.

#[test]
fn chart_limit_is_1e300() {
    let s = (60, 40);
    with_figure_size(s, || {
        for v in [1e300, -1e300] {
            drawn("plot_curve", || plot_curve("t", "x", "y", &[v, 0.0, -v]));
            drawn("plot_toy_data", || {
                plot_toy_data(&column(&[v, -v]), &column(&[1.0, -1.0]))
            });
            drawn("plot_points_and_outputs", || {
                plot_points_and_outputs(&column(&[v]), &column(&[v]), &column(&[v]))
            });
            drawn("plot_curves", || {
                plot_curves("t", "x", "y", v, &[("a", &[v, 1e-300][..])])
            });
            drawn("plot_sin_fit", || {
                plot_sin_fit(&[v, -v], &[v, 0.0], &[("w", [0.0, 0.0])])
            });
            drawn("plot_training", || {
                plot_training(&history(3, 2, &[v.abs(), 1e-300], 0, 1))
            });
            drawn("plot_accuracy", || {
                // Percentages up to 0.99e300 (100 · v/100 need not round back to v).
                plot_accuracy(&history(0, 0, &[0.99 * v / 100.0], 2, 1))
            });
        }
        for v in [past(1e300), -past(1e300)] {
            let e = refused("plot_curve", || plot_curve("t", "x", "y", &[v, 0.0]));
            assert!(matches!(e, Error::Domain { .. }), "{e}");
            refused("plot_toy_data", || {
                plot_toy_data(&column(&[v]), &column(&[1.0]))
            });
            refused("plot_toy_data", || {
                plot_toy_data(&column(&[1.0]), &column(&[v]))
            });
            refused("plot_points_and_outputs", || {
                plot_points_and_outputs(&column(&[0.0]), &column(&[0.0]), &column(&[v]))
            });
            refused("plot_curves", || {
                plot_curves("t", "x", "y", v, &[("a", &[1.0][..])])
            });
            refused("plot_curves", || {
                plot_curves("t", "x", "y", 0.0, &[("a", &[v][..])])
            });
            refused("plot_sin_fit", || {
                plot_sin_fit(&[v], &[0.0], &[("w", [0.0, 0.0])])
            });
            refused("plot_sin_fit", || {
                plot_sin_fit(&[0.0], &[v], &[("w", [0.0, 0.0])])
            });
            refused("plot_training", || {
                plot_training(&history(3, 2, &[v], 0, 1))
            });
            refused("plot_accuracy", || {
                plot_accuracy(&history(0, 0, &[v / 100.0 * 1.01], 2, 1))
            });
        }
        // first_x + 2 rounds to 1e300: still drawn.
        drawn("plot_curves", || {
            plot_curves("t", "x", "y", 1e300, &[("a", &[1.0; 3][..])])
        });
        Ok(())
    })
    .unwrap();
}

#[test]
fn nudge_limit_is_1e300() {
    let with = |v: f64, field: usize| {
        let mut s = sweep();
        edit_sweep(&mut s, field, 0, 3, v);
        s
    };
    with_figure_size((60, 40), || {
        for field in 0..9 {
            let s = with(1e300, field);
            drawn("plot_nudge", || plot_nudge(&s));
            drawn("nudge_animation", || nudge_animation(&s, 20));
            assert!(s.explorer().is_ok());
            let s = with(-past(1e300), field);
            refused("plot_nudge", || plot_nudge(&s));
            refused("nudge_animation", || nudge_animation(&s, 20));
            refused("NudgeSweep::explorer", || s.explorer());
        }
        let mut s = sweep();
        s.base_value = past(1e300);
        refused("plot_nudge", || plot_nudge(&s));
        Ok(())
    })
    .unwrap();
}

#[test]
fn plane_limit_is_1e4() {
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let y = column(&[0.0, 1.0, 1.0]);
    let at = |v: f64| Array2::from_shape_vec((3, 2), vec![v, -v, -v, v, 0.0, 0.0]).unwrap();
    // Drawn at the largest figure size, where pixels are widest apart.
    with_figure_size((8000, 8000), || {
        drawn("plot_circles", || plot_circles(&at(1e4), &y));
        Ok(())
    })
    .unwrap();
    with_figure_size((200, 150), || {
        drawn("plot_circles", || plot_circles(&at(-1e4), &y));
        drawn("plot_decision_boundary", || {
            plot_decision_boundary(&net, &at(1e4), &y)
        });
        drawn("hidden_layer_animation", || {
            hidden_layer_animation(std::slice::from_ref(&net), &at(1e4), &y, 1)
        });
        for v in [past(1e4), 1e8, 1e300] {
            let e = refused("plot_circles", || plot_circles(&at(v), &y));
            assert!(matches!(e, Error::Domain { .. }), "{e}");
            refused("plot_decision_boundary", || {
                plot_decision_boundary(&net, &at(-v), &y)
            });
            refused("hidden_layer_animation", || {
                hidden_layer_animation(std::slice::from_ref(&net), &at(v), &y, 1)
            });
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn hidden_activation_limit_is_1e300() {
    // Hidden activations w·x1 for x1 = ±1: exactly ±1e300 at the limit.
    let x = Array2::from_shape_vec((2, 2), vec![1.0, 0.0, -1.0, 0.0]).unwrap();
    let y = column(&[0.0, 1.0]);
    with_figure_size((120, 60), || {
        drawn("hidden_layer_animation", || {
            hidden_layer_animation(&[net_with_hidden(1e300)], &x, &y, 1)
        });
        drawn("hidden_layer_animation", || {
            hidden_layer_animation(&[net_with_hidden(1e-300)], &x, &y, 1)
        });
        refused("hidden_layer_animation", || {
            hidden_layer_animation(&[net_with_hidden(past(1e300))], &x, &y, 1)
        });
        Ok(())
    })
    .unwrap();
}

#[test]
fn text_limit_is_1000_characters() {
    let ok = "w".repeat(1000);
    let long = "w".repeat(1001);
    let img = Array2::from_elem((1, 4), 0.5);
    with_figure_size((60, 40), || {
        drawn("plot_curve", || plot_curve(&ok, &ok, &ok, &[1.0, 2.0]));
        drawn("plot_curves", || {
            plot_curves(&ok, &ok, &ok, 0.0, &[(&ok, &[1.0][..])])
        });
        drawn("plot_sin_fit", || {
            plot_sin_fit(&[1.0], &[1.0], &[(&ok, [1.0, 1.0])])
        });
        drawn("plot_layer_gradients", || {
            plot_layer_gradients(&history(2, 1, &[1.0], 0, 1), &ok)
        });
        for t in [0, 1, 2] {
            let mut s = ["t".to_string(), "x".to_string(), "y".to_string()];
            s[t] = long.clone();
            refused("plot_curve", || plot_curve(&s[0], &s[1], &s[2], &[1.0]));
            refused("plot_curves", || {
                plot_curves(&s[0], &s[1], &s[2], 0.0, &[("a", &[1.0][..])])
            });
        }
        refused("plot_curves", || {
            plot_curves("t", "x", "y", 0.0, &[(&long, &[1.0][..])])
        });
        refused("plot_sin_fit", || {
            plot_sin_fit(&[1.0], &[1.0], &[(&long, [1.0, 1.0])])
        });
        refused("plot_layer_gradients", || {
            plot_layer_gradients(&history(2, 1, &[1.0], 0, 1), &long)
        });
        Ok(())
    })
    .unwrap();
    drawn("plot_images", || {
        plot_images(&img, std::slice::from_ref(&ok), 1)
    });
    refused("plot_images", || {
        plot_images(&img, std::slice::from_ref(&long), 1)
    });
    drawn("plot_network", || {
        plot_network(&NetworkDiagram::new(&[1, 1]).title(&ok))
    });
    refused("plot_network", || {
        plot_network(&NetworkDiagram::new(&[1, 1]).title(&long))
    });
    for (name, good) in [(&ok, true), (&long, false)] {
        let (g, out) = graph(&[name.clone(), "b".into()], &[1.0, 2.0]);
        let back = g.backward(out).unwrap();
        let report = check_quiz(&g, out, &[]).unwrap();
        let mut mf = MiniFlow::new();
        let _ = mf.input(name);
        if good {
            drawn("plot_graph", || plot_graph(&back));
            drawn("plot_quiz", || plot_quiz(&report, true));
            drawn("plot_miniflow", || plot_miniflow(&mf));
            assert!(report.widget().is_ok());
        } else {
            refused("plot_graph", || plot_graph(&back));
            refused("plot_quiz", || plot_quiz(&report, false));
            refused("QuizReport::widget", || report.widget());
            refused("plot_miniflow", || plot_miniflow(&mf));
        }
    }
}

#[test]
fn diagram_limits() {
    // 12 layers of 12 (with bias nodes and every wire labelled) is drawn; 13 is refused.
    let d = |layers: usize| {
        NetworkDiagram::new(&vec![12; layers])
            .bias_nodes(true)
            .label_all_weights(true)
            .highlight(layers - 1, 11)
    };
    drawn("plot_network", || plot_network(&d(12)));
    refused("plot_network", || plot_network(&d(13)));
    let mut huge = NetworkDiagram::new(&[1, 1]);
    huge.sizes = vec![1; 100_000];
    let e = refused("plot_network", || plot_network(&huge));
    assert!(e.to_string().len() < 500, "{e}");
    // 40 nodes drawn, 41 refused: 20 parameters, 19 sums, then squares.
    for (squares, good) in [(1, true), (2, false)] {
        let g = Graph::new();
        let mut acc = g.param("n0", 0.5);
        for i in 1..20 {
            acc = acc + g.param(&format!("n{i}"), 0.5);
        }
        for _ in 0..squares {
            acc = acc.powi(2);
        }
        let back = g.backward(acc).unwrap();
        if good {
            drawn("plot_graph", || plot_graph(&back));
        } else {
            refused("plot_graph", || plot_graph(&back));
        }
    }
    // Confusion matrices: 30 classes drawn, 31 refused.
    with_figure_size((60, 60), || {
        drawn("plot_confusion", || {
            plot_confusion(&Array2::from_elem((30, 30), usize::MAX))
        });
        refused("plot_confusion", || {
            plot_confusion(&Array2::zeros((31, 31)))
        });
        Ok(())
    })
    .unwrap();
    // Images: 100 × 100 drawn, 101 × 101 refused.
    drawn("plot_images", || {
        plot_images(&Array2::from_elem((1, 100 * 100), 0.5), &["a".into()], 1)
    });
    refused("plot_images", || {
        plot_images(&Array2::from_elem((1, 101 * 101), 0.5), &["a".into()], 1)
    });
}

#[test]
fn size_and_frame_limits() {
    // with_figure_size: 8000 accepted, 8001 refused; the size is put back.
    assert!(with_figure_size((8000, 8000), || Ok(())).is_ok());
    refused("with_figure_size", || {
        with_figure_size((8001, 1), || Ok(()))
    });
    refused("with_figure_size", || with_figure_size((1, 0), || Ok(())));
    assert_eq!(plot_sigmoid().unwrap().width(), 640);
    // Animations: 2,000 frames drawn, 2,001 refused.
    let mut s = sweep();
    let n = s.values.len();
    let grow =
        |v: &mut Vec<f64>, k: usize| *v = (0..k).map(|i| v[i % n] + i as f64 * 1e-6).collect();
    let mut long = s.clone();
    for (k, sw) in [(2000, &mut s), (2001, &mut long)] {
        grow(&mut sw.values, k);
        grow(&mut sw.nudges, k);
        grow(&mut sw.cost, k);
        for i in 0..3 {
            grow(&mut sw.z[i], k);
            grow(&mut sw.a[i], k);
        }
    }
    with_figure_size((1, 1), || {
        let fig = drawn("nudge_animation", || nudge_animation(&s, 1));
        assert_eq!(fig.frames(), 2000);
        refused("nudge_animation", || nudge_animation(&long, 1));
        Ok(())
    })
    .unwrap();
    // 2²⁸ pixels in all: five or more frames of 8000 × 8000 exceed it.
    with_figure_size((8000, 8000), || {
        refused("nudge_animation", || nudge_animation(&sweep(), 1));
        Ok(())
    })
    .unwrap();
    // The rows of a confusion matrix are summed without overflow.
}
