//! Hostile input at public entry points: each call must return `Err` or a
//! finite `Ok`, never panic, and never try to allocate without a ceiling.
//!
//! Every case runs under `catch_unwind`. Sizes are chosen so that a missing
//! check would abort the process (allocation failure) or panic (overflow), so a
//! regression fails this file loudly rather than passing by luck.

use std::panic::{catch_unwind, AssertUnwindSafe};

use backprop_lab::io::uniform;
use backprop_lab::prelude::*;
use backprop_lab::{
    dense::{
        accuracy, confusion_matrix, frobenius, from_one_hot, half_sse, one_hot, predict_classes,
        read_digits, stratified_split, Cost, Layer,
    },
    figures::with_figure_size,
    graph::{Operand, QuizField},
    io::{parse_csv_columns, permutation},
    miniflow_linear_backward,
    net1d::Trace1d,
    plot_accuracy, plot_confusion, plot_curves, plot_images, plot_layer_gradients,
    sin_chain::{
        dadh, dadw, dhda, dldw, dldy, dyda, sin_chain_csv, sin_chain_data, sin_loss, sin_network,
        write_sin_chain_csv,
    },
    tensor::{
        add_trailing_axis, batch_matmul, hadamard, matmul_stack, mean_axis0, stack, stack_matmul,
        sum_axis0, transpose_stack, EinsumOperand,
    },
    train_with_test, MAX_ELEMENTS,
};

/// Runs `f`, which must not panic; returns whether it gave `Err`.
fn no_panic<T>(name: &str, f: impl FnOnce() -> Result<T>) -> bool {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(_)) => false,
        Ok(Err(e)) => {
            let msg = e.to_string();
            assert!(
                !msg.is_empty() && msg.len() < 2_000,
                "{name}: message of {} bytes",
                msg.len()
            );
            true
        }
        Err(_) => panic!("{name} panicked"),
    }
}

fn must_err<T>(name: &str, f: impl FnOnce() -> Result<T>) {
    assert!(no_panic(name, f), "{name} accepted bad input");
}

/// Ok results must be finite numbers.
fn finite_ok(name: &str, f: impl FnOnce() -> Result<f64>) {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => assert!(v.is_finite(), "{name} returned Ok({v})"),
        Ok(Err(_)) => {}
        Err(_) => panic!("{name} panicked"),
    }
}

#[test]
fn sizes_past_the_ceiling_are_refused_before_allocating() {
    let huge = usize::MAX / 2;
    must_err("linspace", || linspace(0.0, 1.0, huge));
    must_err("toy", || toy(huge));
    must_err("make_circles", || make_circles(huge, 0.3, 0.1, 0));
    must_err("sin_chain_data", || sin_chain_data(huge, 0));
    must_err("uniform", || uniform(huge, huge, &mut seeded_rng(0)));
    must_err("normal", || normal(1 << 20, 1 << 20, &mut seeded_rng(0)));
    must_err("permutation", || permutation(huge, &mut seeded_rng(0)));
    must_err("Network::random wide", || {
        Network::random(&[1 << 20, 1 << 20], Activation::Sigmoid, Init::Normal, 0)
    });
    must_err("Network::random overflowing", || {
        Network::random(&[usize::MAX, 3], Activation::Sigmoid, Init::Normal, 0)
    });
    // The ceiling is a documented number, and just under it is fine in principle.
    assert_eq!(MAX_ELEMENTS, 1 << 28);
    assert!(linspace(0.0, 1.0, 1000).is_ok());
}

#[test]
fn symbolic_exponents_never_overflow() {
    for n in [i32::MIN, i32::MIN + 1, i32::MAX, -1, 0] {
        let e = sym("x").powi(n);
        let name = format!("diff of x^{n}");
        let d =
            catch_unwind(|| e.diff("x").simplify()).unwrap_or_else(|_| panic!("{name} panicked"));
        // At x = 1 every power is 1 and the derivative is n (hand derivation).
        let at_one = d.eval(&[("x", 1.0)]).unwrap();
        assert_eq!(at_one, n as f64, "{name}: {d}");
        let twice = e.clone().powi(n);
        let s = catch_unwind(|| twice.simplify()).unwrap_or_else(|_| panic!("x^{n}^{n} panicked"));
        assert!(s.eval(&[("x", 1.0)]).is_ok());
        let product = e.clone() * e.clone() * e.clone();
        catch_unwind(|| product.simplify()).unwrap_or_else(|_| panic!("(x^{n})³ panicked"));
        let quotient = num(1.0) / e.clone();
        catch_unwind(|| quotient.simplify()).unwrap_or_else(|_| panic!("1/x^{n} panicked"));
    }
}

#[test]
fn graph_handles_and_values_are_checked() {
    let g = Graph::new();
    let w = g.param("w", 2.0);
    let other = Graph::new();
    let v = other.param("v", 1.0);
    must_err("backward of a foreign handle", || g.backward(v));
    must_err("set_value of a foreign handle", || g.set_value(v, 1.0));
    must_err("numeric_derivative with a foreign handle", || {
        g.numeric_derivative(w, v, 1e-3, Difference::TwoSided)
    });
    must_err("set_value NaN", || g.set_value(w, f64::NAN));
    // v's id is 0, a number g also has: the id is refused for its graph.
    must_err("var of another graph's id", || g.var(v.id()));
    must_err("get unknown", || g.get(&"x".repeat(1_000_000)));
    let big = (w * 1e300 * 1e300).named("big");
    must_err("a finite input overflowing", || g.backward(big));
    must_err("numeric_derivative eps", || {
        g.numeric_derivative(w, w, f64::INFINITY, Difference::OneSided)
    });
    must_err("Expr::eval unknown symbol", || sym("q").eval(&[]));
    finite_ok("Expr::eval", || (sym("x") * 2.0).eval(&[("x", 3.0)]));
}

#[test]
fn networks_refuse_bad_shapes_and_non_finite_data() {
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let x = array![[1.0, 2.0], [3.0, 4.0]];
    let y = array![[1.0], [0.0]];
    let nan_x = array![[f64::NAN, 2.0], [3.0, 4.0]];
    for form in BackpropForm::ALL {
        must_err("gradients wide X", || {
            gradients(&net, &array![[1.0, 2.0, 3.0]], &y, form)
        });
        must_err("gradients NaN X", || gradients(&net, &nan_x, &y, form));
        must_err("gradients short Y", || {
            gradients(&net, &x, &array![[1.0]], form)
        });
        must_err("grad_check eps", || grad_check(&net, &x, &y, form, -1.0));
    }
    must_err("predict NaN", || net.predict(&nan_x));
    must_err("cost mismatched", || net.cost(&x, &array![[1.0, 2.0]]));
    must_err("forward_example short", || net.forward_example(&[1.0]));
    must_err("backprop_1_example inf y", || {
        backprop_1_example(&net, &[1.0, 2.0], &[f64::INFINITY])
    });
    let mut m = net.clone();
    must_err("set_params short", || m.set_params(&array![1.0]));
    assert_eq!(m, net, "a failed set_params changed the network");
    must_err("set_params NaN", || {
        m.set_params(&Array1::from_elem(net.num_params(), f64::NAN))
    });
    assert_eq!(m, net, "a failed set_params changed the network");
    let mut t = net.clone();
    must_err("train eta", || {
        train(
            &mut t,
            &x,
            &y,
            &TrainConfig::new().eta(f64::NAN).batch_size(1).epochs(1),
        )
    });
    must_err("train batch 0", || {
        train(
            &mut t,
            &x,
            &y,
            &TrainConfig::new().eta(0.1).batch_size(0).epochs(1),
        )
    });
    assert_eq!(t, net, "a failed train changed the network");
    finite_ok("relative_error", || {
        relative_error(&[1.0, 2.0], &[1.0, 2.5])
    });
    must_err("relative_error lengths", || {
        relative_error(&[1.0], &[1.0, 2.0])
    });
}

#[test]
fn tensors_and_einsum_refuse_bad_specs() {
    let a = array![[1.0, 2.0], [3.0, 4.0]];
    must_err("einsum bad spec", || einsum("ij,jk->", &[&a]));
    must_err("einsum long spec", || einsum(&"i".repeat(100_000), &[&a]));
    must_err("einsum repeated output", || einsum("ij->ii", &[&a]));
    must_err("einsum mismatched", || {
        einsum("ij,ij->ij", &[&a, &array![[1.0, 2.0, 3.0]]])
    });
}

#[test]
fn one_d_network_and_sine_chain_refuse_bad_numbers() {
    must_err("Net1d::new NaN", || {
        Net1d::new(f64::NAN, 0.0, 1.0, 0.0, 1.0, 0.0)
    });
    let net = Net1d::new(0.5, 0.1, 1.0, -0.2, 0.8, 0.05).unwrap();
    must_err("Net1d::backprop NaN", || net.backprop(f64::NAN, 0.0));
    must_err("nudge_sweep empty", || {
        nudge_sweep(&net, 1.0, 0.0, Param1d::W1, &[])
    });
    must_err("nudge_sweep NaN", || {
        nudge_sweep(&net, 1.0, 0.0, Param1d::W1, &[f64::NAN])
    });
    must_err("dldw lengths", || dldw([1.0, 1.0], &[1.0, 2.0], &[1.0]));
    must_err("sin_loss NaN", || sin_loss([f64::NAN, 1.0], &[1.0], &[1.0]));
}

/// The message of `f`'s error starts with `op:` — the operation the learner
/// called, not one it calls inside.
fn names_op<T: std::fmt::Debug>(op: &str, f: impl FnOnce() -> Result<T>) {
    let e = catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|_| panic!("{op} panicked"))
        .expect_err(op);
    let msg = e.to_string();
    assert!(msg.starts_with(&format!("{op}:")), "{op} reported: {msg}");
}

#[test]
fn errors_name_the_operation_that_was_called() {
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let wide = array![[1.0, 2.0, 3.0]];
    let y = array![[1.0]];
    names_op("grad_check", || {
        grad_check(&net, &wide, &y, BackpropForm::Gemm, 1e-7)
    });
    names_op("gradients", || {
        gradients(&net, &wide, &y, BackpropForm::Tensor)
    });
    names_op("backprop_1_example", || {
        backprop_1_example(&net, &[1.0], &[1.0])
    });
    let mut mf = MiniFlow::new();
    let x = mf.input("x");
    let stranger = MiniFlow::new().input("z");
    names_op("MiniFlow::linear", || mf.linear("f", x, stranger, x));
    names_op("MiniFlow::sigmoid", || mf.sigmoid("s", stranger));
    names_op("MiniFlow::mse", || mf.mse("c", stranger, x));
    let g = Graph::new();
    let w = g.param("w", 1.0);
    let other = Graph::new();
    let foreign = other.param("v", 1.0);
    let _ = w;
    names_op("check_quiz", || check_quiz(&g, foreign, &[]));
    // A name used twice is reported as duplicated, not as unknown.
    let dup = Graph::new();
    let a = dup.param("a", 1.0);
    let b = dup.param("a", 2.0);
    let out = (a * b).named("J");
    let msg = check_quiz(&dup, out, &[Answer::value("a", 1.0)])
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("check_quiz:") && msg.contains("duplicated"),
        "{msg}"
    );
    let n1 = Net1d::new(0.5, 0.1, 1.0, -0.2, 0.8, 0.05).unwrap();
    names_op("Net1d::cost", || n1.cost(f64::NAN, 0.0));
}

#[test]
fn non_finite_numbers_are_refused_at_the_entry() {
    let nan2 = array![[f64::NAN, 1.0], [1.0, 1.0]];
    let ok2 = array![[1.0, 1.0], [1.0, 1.0]];
    let t = stack(std::slice::from_ref(&ok2)).unwrap();
    let nan_t = Array3::from_elem((1, 2, 2), f64::NAN);
    must_err("stack NaN", || stack(std::slice::from_ref(&nan2)));
    must_err("stack_matmul NaN", || stack_matmul(&nan_t, &ok2));
    must_err("matmul_stack NaN", || matmul_stack(&nan2, &t));
    must_err("batch_matmul NaN", || batch_matmul(&t, &nan_t));
    must_err("mean_axis0 NaN", || mean_axis0(&nan_t));
    must_err("sum_axis0 NaN", || sum_axis0(&nan_t));
    must_err("hadamard NaN", || hadamard(&nan2, &ok2));
    must_err("einsum NaN", || einsum("ij,jk->ik", &[&nan2, &ok2]));
    // Finite inputs whose result overflows: an error, not Ok(inf).
    let big = array![[1e200, 1e200], [1e200, 1e200]];
    must_err("einsum overflow", || einsum("ij,jk->ik", &[&big, &big]));
    must_err("stack_matmul overflow", || {
        stack_matmul(&stack(std::slice::from_ref(&big)).unwrap(), &big)
    });
    must_err("hadamard overflow", || hadamard(&big, &big));
    must_err("relative_error NaN", || relative_error(&[f64::NAN], &[1.0]));
    finite_ok("relative_error huge", || {
        relative_error(&[1e300, -1e300], &[1e300, 1e300])
    });
    must_err("set_params (free) NaN", || {
        set_params(&array![f64::NAN, 1.0], &[array![[1.0, 2.0]]], &[])
    });
    let s = array![0.5].into_dyn();
    must_err("miniflow_sigmoid_backward NaN", || {
        miniflow_sigmoid_backward(&s, &[array![f64::NAN].into_dyn()])
    });
    must_err("predict_classes NaN", || {
        predict_classes(&array![[0.1, f64::NAN]])
    });
    must_err("one_hot huge", || one_hot(&[0], usize::MAX));
    // Any label values split, however large: no table sized by the largest.
    let (train, test) = stratified_split(&[0, usize::MAX, usize::MAX, 0], 0.5, 1).unwrap();
    assert_eq!((train.len(), test.len()), (2, 2));
    must_err("confusion_matrix label out of range", || {
        confusion_matrix(&[0], &[7], 3)
    });
    let (lx, lw) = (array![[1.0, 2.0]], array![[3.0], [4.0]]);
    must_err("miniflow_linear_backward NaN", || {
        miniflow_linear_backward(&lx, &lw, &array![[f64::NAN]])
    });
    let msg = miniflow_linear_backward(&lx, &lw, &array![[1.0, 2.0]])
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("miniflow_linear_backward") && msg.contains("(1, 2)"),
        "{msg}"
    );
    let n1 = Net1d::new(0.5, 0.1, 1.0, -0.2, 0.8, 0.05).unwrap();
    must_err("Net1d::with NaN", || n1.with(Param1d::W2, f64::INFINITY));
    must_err("Expr::eval NaN constant", || {
        (sym("x") + num(f64::NAN)).eval(&[("x", 1.0)])
    });
    must_err("Expr::eval overflow", || {
        (sym("x") * sym("x")).eval(&[("x", 1e200)])
    });
    must_err("numerical_gradient overflow", || {
        numerical_gradient(
            |p: &[f64]| if p[0] > 0.0 { 1e308 } else { -1e308 },
            &[0.0],
            1e-300,
        )
    });
}

#[test]
fn public_fields_edited_out_of_shape_are_caught_by_their_consumers() {
    // Nielsen's network: fields public, as in network.py.
    let good = NielsenNetwork::new(&[2, 3, 1], None, None, 0).unwrap();
    let x = array![[1.0], [2.0]];
    let mut n = good.clone();
    n.weights[1] = Array2::zeros((5, 5));
    must_err("NielsenNetwork::feedforward, W reshaped", || {
        n.feedforward(&x)
    });
    must_err("NielsenNetwork::backprop, W reshaped", || {
        n.backprop(&x, &array![[1.0]])
    });
    must_err("NielsenNetwork::evaluate, W reshaped", || {
        n.evaluate(&[(x.clone(), 0)])
    });
    must_err("NielsenNetwork::to_network, W reshaped", || n.to_network());
    let mut n = good.clone();
    n.sizes.clear();
    must_err("NielsenNetwork::feedforward, sizes cleared", || {
        n.feedforward(&x)
    });
    let mut n = good.clone();
    n.num_layers = 7;
    must_err("NielsenNetwork::feedforward, num_layers", || {
        n.feedforward(&x)
    });
    let mut n = good.clone();
    n.biases[0][[0, 0]] = f64::NAN;
    must_err("NielsenNetwork::cost_derivative, NaN bias", || {
        n.cost_derivative(&array![[0.5]], &array![[1.0]])
    });
    must_err("NielsenNetwork::cost_derivative, shapes", || {
        good.cost_derivative(&array![[0.5], [0.1]], &array![[1.0]])
    });
    // A History with rows removed.
    let (cx, cy) = make_circles(40, 0.3, 0.1, 0).unwrap();
    let mut net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let mut h = train(
        &mut net,
        &cx,
        &cy,
        &TrainConfig::new().eta(0.5).batch_size(10).epochs(2),
    )
    .unwrap();
    h.grad_norms.pop();
    must_err("plot_training, rows removed", || plot_training(&h));
    h.grad_norms.push(vec![]);
    must_err("plot_training, ragged rows", || plot_training(&h));
    let _ = format!("{h}"); // Display copes with any contents.
                            // A NudgeSweep with a series cut short.
    let n1 = Net1d::new(0.5, 0.1, 1.0, -0.2, 0.8, 0.05).unwrap();
    let mut sweep = nudge_sweep(&n1, 1.0, 0.0, Param1d::W1, &[-1.0, 0.0, 1.0]).unwrap();
    sweep.z[2].pop();
    must_err("plot_nudge, series cut", || plot_nudge(&sweep));
    must_err("nudge_animation, series cut", || nudge_animation(&sweep, 1));
    let _ = format!("{sweep}");
    // A Net1d whose public weights were set to NaN.
    let mut bad = n1;
    bad.w[1] = f64::NAN;
    must_err("Net1d::forward, NaN weight", || bad.forward(1.0));
    must_err("nudge_sweep, NaN weight", || {
        nudge_sweep(&bad, 1.0, 0.0, Param1d::W1, &[0.0])
    });
    // An empty GradCheckReport has no worst entry rather than a panic.
    let report = check_gradient(|p: &[f64]| p[0] * p[0], &[2.0], &[1.0], 1e-6).unwrap();
    let mut empty = report.clone();
    empty.entries.clear();
    assert!(empty.worst().is_none());
    let _ = format!("{empty}");
}

#[test]
fn ids_out_of_range_are_errors() {
    // An id of another graph, whose index is also in range here.
    let mut mf = MiniFlow::new();
    let x = mf.input("x");
    let mut other = MiniFlow::new();
    let foreign = other.input("elsewhere");
    assert_eq!(foreign.index(), x.index());
    must_err("MiniFlow::set_value bad id", || {
        mf.set_value(foreign, array![1.0].into_dyn())
    });
    must_err("MiniFlow::set_inbound bad id", || {
        mf.set_inbound(x, vec![foreign])
    });
    must_err("MiniFlow::forward_and_backward bad id", || {
        mf.forward_and_backward(&[foreign])
    });
    assert_eq!(mf.name(foreign), "?");
    assert!(mf.value(foreign).is_none());
    assert!(mf.outbound(foreign).is_empty());
    let g = Graph::new();
    let stranger = lab_square_graph().get("J").unwrap().id();
    must_err("Graph::var of an id g never handed out", || g.var(stranger));
}

#[test]
fn a_panic_inside_with_figure_size_does_not_leave_the_size_behind() {
    let default = plot_sigmoid().unwrap();
    let r = catch_unwind(|| {
        with_figure_size((300, 200), || -> Result<()> { panic!("a learner's bug") })
    });
    assert!(r.is_err(), "the panic propagates, as the learner's own");
    let after = plot_sigmoid().unwrap();
    assert_eq!(
        (after.width(), after.height()),
        (default.width(), default.height())
    );
    must_err("with_figure_size 0", || {
        with_figure_size((0, 10), || Ok(()))
    });
}

/// The remaining entry points, each with hostile input: wrong shapes, NaN,
/// unknown names, out-of-range indices, or objects edited out of shape.
#[test]
fn the_remaining_entry_points_refuse_hostile_input() {
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let x = array![[1.0, 2.0], [3.0, 4.0]];
    let y = array![[1.0], [0.0]];
    let wide = array![[1.0, 2.0, 3.0]];
    let nan_x = array![[f64::NAN, 2.0], [3.0, 4.0]];
    // Each form directly, named as called.
    names_op("backprop_gemm", || backprop_gemm(&net, &wide, &y));
    names_op("backprop_per_example", || {
        backprop_per_example(&net, &wide, &y)
    });
    names_op("backprop_per_neuron", || {
        backprop_per_neuron(&net, &wide, &y)
    });
    names_op("backprop_batch", || backprop_batch(&net, &nan_x, &y));
    names_op("backprop_batch_traced", || {
        backprop_batch_traced(&net, &x, &wide)
    });
    // Network constructors and methods.
    names_op("Network::from_params", || {
        Network::from_params(
            vec![array![[1.0]]],
            vec![array![[1.0], [2.0]]],
            Activation::Sigmoid,
        )
    });
    names_op("Network::from_params", || {
        Network::from_params(
            vec![array![[f64::NAN]]],
            vec![array![[1.0]]],
            Activation::Sigmoid,
        )
    });
    must_err("Network::from_layers empty", || {
        Network::from_layers(vec![])
    });
    names_op("Network::random", || {
        Network::random(&[2, 0, 1], Activation::Sigmoid, Init::Normal, 0)
    });
    names_op("Network::random_per_layer", || {
        Network::random_per_layer(&[2, 3, 1], Activation::Sigmoid, &[Init::Normal], &[], 0)
    });
    let mut m = net.clone();
    must_err("Network::set_activation l", || {
        m.set_activation(9, Activation::Identity)
    });
    assert_eq!(m, net);
    names_op("Network::with_params", || net.with_params(&array![1.0]));
    must_err("Network::feedforward_batch NaN", || {
        net.feedforward_batch(&nan_x)
    });
    must_err("Network::forward_bias_trick wide", || {
        net.forward_bias_trick(&wide)
    });
    must_err("Network::collapse_affine sigmoid", || net.collapse_affine());
    must_err("mse shapes", || mse(&x, &y));
    must_err("half_sse NaN", || half_sse(&nan_x, &x));
    must_err("Layer::new NaN", || {
        Layer::new(array![[f64::NAN]], array![[0.0]], Activation::Sigmoid)
    });
    // Figures: shapes, NaN, and numbers past the plot limit.
    must_err("plot_toy_data lengths", || {
        plot_toy_data(&x, &array![[1.0]])
    });
    must_err("plot_points_and_outputs NaN", || {
        plot_points_and_outputs(&array![[f64::NAN]], &array![[1.0]], &array![[0.5]])
    });
    must_err("plot_circles NaN", || plot_circles(&nan_x, &y));
    must_err("plot_decision_boundary shapes", || {
        plot_decision_boundary(&net, &x, &wide)
    });
    must_err("plot_sin_fit lengths", || {
        plot_sin_fit(&[1.0, 2.0], &[1.0], &[("w", [1.0, 1.0])])
    });
    must_err("plot_sin_fit NaN weights", || {
        plot_sin_fit(&[1.0, 2.0], &[1.0, 0.5], &[("w", [f64::NAN, 1.0])])
    });
    must_err("plot_curve huge", || {
        plot_curve("t", "x", "y", &[0.0, 1e305])
    });
    must_err("plot_network highlight out of range", || {
        plot_network(&NetworkDiagram::new(&[2, 3, 1]).highlight(7, 9))
    });
    must_err("plot_network no layers", || {
        plot_network(&NetworkDiagram::new(&[]))
    });
    let fig = plot_sigmoid().unwrap();
    must_err("Figure::save into a missing folder", || {
        fig.save("/nonexistent-folder/x/fig.png")
    });
    // Graphs, quiz and their reports.
    let g = Graph::new();
    let w = g.param("w", 2.0);
    let c = g.constant("c", f64::NAN);
    must_err("Graph::constant NaN, reported by backward", || {
        g.backward(w * c)
    });
    let g2 = Graph::new();
    let v = g2.param("v", -1.0);
    must_err("Var::ln of a negative value", || g2.backward(v.ln()));
    let big = g2.param("big", 1000.0);
    must_err("Var::exp overflowing", || g2.backward(big.exp()));
    let sq = lab_square_graph();
    let back = sq.backward(sq.get("J").unwrap()).unwrap();
    must_err("Backward::try_value foreign", || back.try_value(v));
    must_err("Backward::try_grad foreign", || back.try_grad(v));
    assert!(back.value(v).is_nan() && back.grad(v).is_nan());
    // v (of g2) has id 0, a number sq also has: lookups refuse it.
    assert!(back.kind(v.id()).is_none() && back.expr(v.id()).is_none());
    assert!(back.name(v.id()).is_none() && !back.feeds_output(v.id()));
    let j = sq.get("J").unwrap().id();
    assert!(back.kind(j).is_some() && back.feeds_output(j));
    assert!(!back.narrate().is_empty() && !back.step_table().is_empty());
    must_err("check_quiz unknown node", || {
        check_quiz(&sq, sq.get("J").unwrap(), &[Answer::value("zz", 1.0)])
    });
    must_err("check_quiz edge that does not exist", || {
        check_quiz(&sq, sq.get("J").unwrap(), &[Answer::local("J", "w", 1.0)])
    });
    let report = check_quiz(&sq, sq.get("J").unwrap(), &[Answer::value("a", 11.0)]).unwrap();
    assert!(report.mark("zz", &QuizField::Value).is_none());
    assert!(plot_quiz(&report, true).is_ok());
    assert!(plot_graph(&back).is_ok());
    let _ = lab_small_network_graph();
    let ln = logistic_neuron_graph([f64::NAN, 1.0], [1.0, 1.0], 0.0, 1.0);
    must_err("logistic_neuron_graph NaN, reported by backward", || {
        ln.backward(ln.get("L")?)
    });
    // Symbolic expressions.
    must_err("Expr::eval_with NaN lookup", || {
        (sym("x") + 1.0).eval_with(&|_| Some(f64::NAN))
    });
    let e = (sym("x") * sym("y")).subs(&[("y", f64::INFINITY)]);
    must_err("Expr::subs infinity, then eval", || e.eval(&[("x", 1.0)]));
    assert_eq!(
        sym("x").rename(&[("x", "y")]).symbols(),
        vec!["y".to_string()]
    );
    // CSV.
    must_err("read_csv_columns missing file", || {
        read_csv_columns("/nonexistent/backprop.csv", &["x"])
    });
    must_err("parse_csv_columns duplicate column", || {
        parse_csv_columns("x,x\n1,2\n", "t.csv", &["x"])
    });
    must_err("parse_csv_columns NaN cell", || {
        parse_csv_columns("x\nNaN\n", "t.csv", &["x"])
    });
    must_err("parse_csv_columns ragged", || {
        parse_csv_columns("x,y\n1\n", "t.csv", &["x", "y"])
    });
    // MiniFlow.
    let mut mf = MiniFlow::new();
    let i = mf.input("i");
    let s = mf.sigmoid("s", i).unwrap();
    must_err("MiniFlow::topological_sort NaN", || {
        mf.topological_sort(&[(i, array![f64::NAN].into_dyn())])
    });
    must_err("MiniFlow::topological_sort feeding a computed node", || {
        mf.topological_sort(&[(s, array![1.0].into_dyn())])
    });
    must_err("MiniFlow::sgd_update eta", || mf.sgd_update(&[i], f64::NAN));
    must_err("MiniFlow::sgd_update before any gradient", || {
        mf.sgd_update(&[i], 0.1)
    });
    assert!(plot_miniflow(&mf).is_ok());
    // The 1-D network and the sine chain.
    must_err("sin_network empty", || sin_network([1.0, 1.0], &[]));
    must_err("sin_network NaN", || sin_network([1.0, 1.0], &[f64::NAN]));
    must_err("write_sin_chain_csv n = 0", || {
        write_sin_chain_csv("/tmp/never.csv", 0, 1)
    });
    names_op("write_sin_chain_csv", || {
        write_sin_chain_csv("/tmp/never.csv", 0, 1)
    });
    // Nielsen's port.
    let nn = NielsenNetwork::new(&[2, 3, 1], None, None, 0).unwrap();
    let pairs = training_pairs(&x, &y).unwrap();
    let mut t = nn.clone();
    must_err("NielsenNetwork::sgd_shuffled eta", || {
        t.sgd_shuffled(&pairs, 1, 1, 0.0, None, 1)
    });
    must_err("NielsenNetwork::update_mini_batch empty", || {
        t.update_mini_batch(&[], 0.1)
    });
    assert_eq!(t, nn, "a failed Nielsen call changed the network");
    let relu = Network::random(&[2, 1], Activation::Relu, Init::Normal, 0).unwrap();
    must_err("NielsenNetwork::from_network not sigmoid", || {
        NielsenNetwork::from_network(&relu)
    });
    must_err("training_pairs shapes", || training_pairs(&x, &wide));
}

/// The infallible accessors, builders and scalar helpers, on edge objects
/// (empty gradients, extreme values, foreign handles): none may panic, and
/// what they return must make sense.
#[test]
fn infallible_accessors_never_panic_on_edge_objects() {
    let no_panic_here = |name: &str, f: &dyn Fn()| {
        catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panic!("{name} panicked"))
    };
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    // Gradients whose public fields were emptied or reshaped.
    let mut g = Gradients::zeros_like(&net);
    let h = g.clone();
    g.nabla_w.clear();
    no_panic_here("Gradients accessors", &|| {
        assert!(g.to_vec().len() < h.to_vec().len());
        assert!(g.weight_norms().is_empty());
        assert_eq!(g.max_relative_diff(&h), f64::INFINITY, "shapes differ");
    });
    // Scalar activation maths passes NaN through rather than panicking.
    assert!(Activation::Sigmoid.prime(f64::NAN).is_nan());
    for f in [Activation::Sigmoid, Activation::Relu, Activation::Identity] {
        let _ = f.prime(f64::NAN);
        let _ = f.prime_given(0.0, 0.5);
        assert_eq!(f.apply(&array![[1e308, -1e308]]).dim(), (1, 2));
        let _ = f.apply_prime(&array![[f64::MAX]]);
    }
    no_panic_here("Network accessors", &|| {
        let l = &net.layers()[0];
        assert_eq!(
            (l.inputs(), l.outputs(), l.w().dim(), l.b().dim()),
            (2, 3, (3, 2), (3, 1))
        );
        assert_eq!(l.activation(), Activation::Sigmoid);
        assert_eq!(
            (net.num_layers(), net.input_dim(), net.output_dim()),
            (2, 2, 1)
        );
        assert_eq!(net.sizes(), vec![2, 3, 1]);
        assert_eq!(net.weights().len() + net.biases().len(), 4);
        assert_eq!(net.activation_fns().len(), 2);
        assert_eq!(net.weight_norms().len(), 2);
        assert_eq!(net.augmented_weights()[0].dim(), (3, 3));
        assert_eq!(net.get_params().len(), net.param_names().len());
    });
    assert_eq!(
        frobenius(&array![[1e200, 1e200]]),
        1e200 * 2f64.sqrt(),
        "rescaled, no overflow"
    );
    let bt = net.feedforward_batch(&array![[1.0, 2.0]]).unwrap();
    assert_eq!(bt.output().dim(), (1, 1));
    let _ = bt.shapes();
    assert_eq!(shape_str(&[]), "()");
    // Figures and diagrams.
    let fig = plot_sigmoid_and_prime().unwrap();
    assert!(!fig.bytes().is_empty() && fig.frames() >= 1);
    let _ = (fig.format(), fig.mime(), fig.evcxr_content().len());
    let d = NetworkDiagram::new(&[2, 3, 1])
        .label_all_weights(true)
        .bias_nodes(true)
        .title(&"t".repeat(10_000));
    let _ = plot_network(&d);
    // Graph and quiz accessors with handles of another graph.
    let gr = lab_square_graph();
    let j = gr.get("J").unwrap();
    let other = Graph::new();
    let foreign = other.param("v", 1.0);
    assert!(gr.owns(j) && !gr.owns(foreign));
    assert!(!gr.nodes().is_empty());
    let back = gr.backward(j).unwrap();
    let _ = (
        back.output(),
        back.values(),
        back.grads(),
        back.edges(),
        back.nodes_right_to_left(),
    );
    let _ = j.id();
    let report = check_quiz(&gr, j, &[]).unwrap();
    assert_eq!(report.counts().0, 0);
    assert!(!report.all_right());
    // Symbolic helpers.
    let e = sym("x").sin().cos();
    assert_eq!((e.depth(), e.size()), (2, 3));
    assert!(e.depends_on("x") && !e.depends_on("y"));
    let op = Operand::from(sym("x"));
    assert_eq!(op.into_expr(), sym("x"));
    // Random numbers, MiniFlow, the 1-D network.
    let mut rng = seeded_rng(0);
    assert!(normal_scalar(&mut rng).is_finite());
    let mut stranger = MiniFlow::new();
    let z = stranger.input("z");
    let mf = MiniFlow::new();
    assert!(mf.gradient(z, z).is_none() && mf.nodes().is_empty());
    assert_eq!((Param1d::W3.layer(), Param1d::W3.is_weight()), (2, true));
    let n1 = Net1d::random_uniform(u64::MAX);
    assert!(n1.forward(0.0).unwrap().output().is_finite());
    let sweep = nudge_sweep(&n1, 1.0, 0.0, Param1d::B2, &walkthrough_nudges()).unwrap();
    assert_eq!(sweep.first_affected_layer(), 1);
    // The sine chain's scalar partials are plain maths: NaN in, NaN out.
    assert!(dadw(f64::NAN, false).is_nan() && dhda(f64::NAN).is_nan());
    assert!(dyda(f64::NAN).is_nan() && dadh(f64::NAN).is_nan() && dldy(f64::NAN, 0.0).is_nan());
    must_err("sin_chain_csv lengths", || {
        sin_chain_csv(&[1.0, 2.0], &[1.0])
    });
    must_err("sin_chain_csv NaN", || sin_chain_csv(&[f64::NAN], &[1.0]));
    must_err("einsum_loops bad spec", || einsum_loops("ij,->k->"));
    // Stack moves on empty stacks.
    let empty = Array3::<f64>::zeros((0, 2, 3));
    assert_eq!(transpose_stack(&empty).dim(), (0, 3, 2));
    assert_eq!(
        add_trailing_axis(&Array2::<f64>::zeros((0, 4))).dim(),
        (0, 4, 1)
    );
    assert_eq!(get_params(&[], &[]).len(), 0);
    // Gradient-check reports and training settings at their extremes.
    let r = check_gradient(|p: &[f64]| p[0] * p[0], &[4.0], &[2.0], 1e-6).unwrap(); // d(x²)/dx = 4 at 2
    assert!(r.passes(1e-6) && !r.passes(f64::NAN));
    let cfg = TrainConfig::new()
        .form(BackpropForm::PerNeuron)
        .shuffled(u64::MAX)
        .remainder(Remainder::Use);
    let mut t = net.clone();
    let hist = train(
        &mut t,
        &array![[1.0, 2.0]],
        &array![[1.0]],
        &cfg.batch_size(1).epochs(0),
    )
    .unwrap();
    assert_eq!(hist.steps(), 0);
    assert_eq!(t, net, "zero epochs change nothing");
}

#[test]
fn notebook_08_entry_points_refuse_hostile_input() {
    use backprop_lab::ndarray::{array, Array2};
    let img = Array2::from_elem((2, 64), 0.5);
    let two = vec!["a".to_string(), "b".to_string()];
    must_err("plot_images, 0 columns", || plot_images(&img, &two, 0));
    must_err("plot_images, too many", || {
        let many = Array2::zeros((401, 64));
        plot_images(&many, &vec![String::new(); 401], 20)
    });
    must_err("plot_images, not square", || {
        plot_images(&Array2::zeros((2, 63)), &two, 2)
    });
    must_err("plot_images, captions", || plot_images(&img, &two[..1], 2));
    must_err("plot_images, NaN", || {
        plot_images(&img.mapv(|_| f64::NAN), &two, 2)
    });
    must_err("plot_images, empty", || {
        plot_images(&Array2::zeros((0, 64)), &[], 2)
    });
    must_err("plot_confusion, not square", || {
        plot_confusion(&Array2::zeros((2, 3)))
    });
    must_err("plot_confusion, empty", || {
        plot_confusion(&Array2::zeros((0, 0)))
    });
    must_err("plot_confusion, huge", || {
        plot_confusion(&Array2::zeros((31, 31)))
    });
    // Counts near usize::MAX neither overflow the title's sum nor panic.
    no_panic("plot_confusion, huge counts", || {
        plot_confusion(&array![[usize::MAX / 2, 1], [0, usize::MAX / 2]])
    });
    must_err("plot_accuracy, no test", || {
        plot_accuracy(&History::default())
    });
    let h = History {
        train_accuracy: vec![0.5, 0.6],
        test_accuracy: vec![0.5],
        ..Default::default()
    };
    must_err("plot_accuracy, lengths", || plot_accuracy(&h));
    must_err("plot_layer_gradients, empty", || {
        plot_layer_gradients(&History::default(), "t")
    });
    let h = History {
        loss: vec![1.0],
        cost: vec![1.0],
        grad_norms: vec![vec![0.0]],
        weight_norms: vec![vec![1.0]],
        steps_per_epoch: 1,
        ..Default::default()
    };
    must_err("plot_layer_gradients, zero norm", || {
        plot_layer_gradients(&h, "t")
    });
    must_err("plot_curves, none", || plot_curves("t", "x", "y", 0.0, &[]));
    must_err("plot_curves, empty", || {
        plot_curves("t", "x", "y", 0.0, &[("a", &[][..])])
    });
    must_err("plot_curves, inf", || {
        plot_curves("t", "x", "y", 0.0, &[("a", &[f64::INFINITY][..])])
    });
    must_err("plot_curves, first_x", || {
        plot_curves("t", "x", "y", f64::NAN, &[("a", &[1.0][..])])
    });
    must_err("from_one_hot, no columns", || {
        from_one_hot(&Array2::zeros((3, 0)))
    });
    must_err("from_one_hot, NaN", || {
        from_one_hot(&array![[f64::NAN, 1.0]])
    });
    // Training with a test set: wrong widths, NaN, empty test data.
    let mut net = Network::random(&[2, 3, 2], Activation::Sigmoid, Init::Scaled, 0).unwrap();
    let before = net.clone();
    let x = array![[0.0, 1.0], [1.0, 0.0]];
    let y = array![[1.0, 0.0], [0.0, 1.0]];
    let cfg = TrainConfig::new().eta(0.1).batch_size(1).epochs(1);
    must_err("train_with_test, wide test X", || {
        train_with_test(
            &mut net,
            &x,
            &y,
            &array![[0.0, 1.0, 2.0]],
            &array![[1.0, 0.0]],
            &cfg,
        )
    });
    must_err("train_with_test, NaN test X", || {
        train_with_test(
            &mut net,
            &x,
            &y,
            &array![[f64::NAN, 1.0]],
            &array![[1.0, 0.0]],
            &cfg,
        )
    });
    must_err("train_with_test, empty test", || {
        train_with_test(
            &mut net,
            &x,
            &y,
            &Array2::zeros((0, 2)),
            &Array2::zeros((0, 2)),
            &cfg,
        )
    });
    must_err("train_with_test, huge epochs", || {
        train_with_test(
            &mut net,
            &x,
            &y,
            &x,
            &y,
            &TrainConfig::new().eta(0.1).batch_size(1).epochs(usize::MAX),
        )
    });
    assert_eq!(net, before);
    // Softmax with cross-entropy on activities that overflow a naive exp.
    let mut big = Network::from_params(
        vec![array![[1e200, 0.0], [0.0, -1e200]]],
        vec![array![[0.0], [0.0]]],
        Activation::Sigmoid,
    )
    .unwrap()
    .with_output(Activation::Softmax, Cost::CrossEntropy)
    .unwrap();
    let c = big.cost(&array![[1.0, 1.0]], &array![[0.0, 1.0]]).unwrap();
    assert!(c.is_finite() && c > 1e199, "{c}");
    // A step that overflows the weights is reported, and nothing changes.
    let kept = big.clone();
    assert!(no_panic("train, softmax overflow", || {
        train(
            &mut big,
            &array![[1.0, 1.0]],
            &array![[0.0, 1.0]],
            &TrainConfig::new().eta(1e308).batch_size(1).epochs(3),
        )
    }));
    assert_eq!(big, kept);
}

// ---- Integer arithmetic on sizes, counts, indices and widths ----------------

/// Images of every side from 1 to 110 pixels: drawn up to 100 × 100,
/// refused above, never an overflow in the layout.
#[test]
fn plot_images_lays_out_every_image_size() {
    use backprop_lab::ndarray::Array2;
    use proptest::prelude::*;
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: 48,
        ..Default::default()
    });
    runner
        .run(
            &(1usize..=110, 1usize..=3, 1usize..=4),
            |(side, n, columns)| {
                let x =
                    Array2::from_shape_fn((n, side * side), |(i, p)| ((i + p) % 7) as f64 / 6.0);
                let captions = vec!["c".to_string(); n];
                let refused = no_panic("plot_images", || plot_images(&x, &captions, columns));
                prop_assert_eq!(refused, side > 100, "side {}", side);
                Ok(())
            },
        )
        .unwrap();
    // MNIST's 28 × 28, named in the issue, in a 3-column grid.
    let mnist = Array2::from_elem((4, 784), 0.5);
    let fig = plot_images(&mnist, &vec![String::new(); 4], 3).unwrap();
    assert_eq!(fig.width(), 330, "3 cells of 110 px");
}

/// Counts whose sum overflows usize still draw; the title's total is exact.
#[test]
fn plot_confusion_sums_huge_counts() {
    use backprop_lab::ndarray::array;
    use proptest::prelude::*;
    let big = usize::MAX / 2;
    let fig = plot_confusion(&array![[big, big], [big, big]]);
    assert!(fig.is_ok(), "{fig:?}");
    proptest!(ProptestConfig::with_cases(32), |(counts in proptest::collection::vec(any::<usize>(), 4))| {
        let m = backprop_lab::ndarray::Array2::from_shape_vec((2, 2), counts).unwrap();
        prop_assert!(!no_panic("plot_confusion", || plot_confusion(&m)));
    });
}

/// A layer index at the top of usize is refused, not overflowed.
#[test]
fn hidden_layer_animation_refuses_any_layer_index() {
    use backprop_lab::ndarray::array;
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let x = array![[0.0, 0.5], [1.0, -1.0]];
    let labels = array![[0.0], [1.0]];
    for layer in [0, 2, 3, usize::MAX - 1, usize::MAX] {
        must_err(&format!("hidden_layer_animation layer {layer}"), || {
            hidden_layer_animation(std::slice::from_ref(&net), &x, &labels, layer)
        });
    }
}

/// Element counts multiply every axis: an empty axis does not hide a huge one.
#[test]
fn a_zero_axis_cannot_hide_a_huge_one() {
    use proptest::prelude::*;
    proptest!(ProptestConfig::with_cases(64), |(big in (MAX_ELEMENTS + 1)..=usize::MAX, zero_first in any::<bool>())| {
        let (r, c) = if zero_first { (0, big) } else { (big, 0) };
        prop_assert!(no_panic("uniform", || uniform(r, c, &mut seeded_rng(0))));
        prop_assert!(no_panic("normal", || normal(r, c, &mut seeded_rng(0))));
        prop_assert!(no_panic("one_hot", || backprop_lab::dense::one_hot(&[], big)));
    });
    // Within the ceiling an empty matrix is fine.
    assert_eq!(uniform(0, 5, &mut seeded_rng(0)).unwrap().dim(), (0, 5));
}

// ---- MiniFlow: identity, order, size and overflow ---------------------------

/// Ids of one graph are refused by every other graph, whatever their index,
/// with a message naming both graphs; reading through them finds nothing.
#[test]
fn miniflow_ids_carry_their_graph() {
    use backprop_lab::ndarray::array;
    use proptest::prelude::*;
    proptest!(ProptestConfig::with_cases(48), |(mine in 1usize..40, theirs in 1usize..40, pick in any::<prop::sample::Index>())| {
        let mut g = MiniFlow::new();
        let first = g.input("x0");
        for i in 1..mine {
            g.input(&format!("x{i}"));
        }
        let mut other = MiniFlow::new();
        let ids: Vec<FlowId> = (0..theirs).map(|i| other.input(&format!("y{i}"))).collect();
        let foreign = ids[pick.index(ids.len())];
        let msg = g.sigmoid("s", foreign).unwrap_err().to_string();
        prop_assert!(msg.contains("belongs to MiniFlow graph #"), "{}", msg);
        prop_assert!(no_panic("set_value", || g.set_value(foreign, array![1.0].into_dyn())));
        prop_assert!(no_panic("linear", || g.linear("f", first, foreign, first)));
        prop_assert!(no_panic("mse", || g.mse("c", foreign, first)));
        prop_assert!(no_panic("set_inbound", || g.set_inbound(first, vec![foreign])));
        prop_assert!(no_panic("topological_sort", || g.topological_sort(&[(foreign, array![1.0].into_dyn())])));
        prop_assert!(no_panic("forward_and_backward", || g.forward_and_backward(&[foreign])));
        prop_assert!(no_panic("sgd_update", || g.sgd_update(&[foreign], 0.1)));
        prop_assert!(g.value(foreign).is_none() && g.grad(foreign).is_none());
        prop_assert_eq!(g.name(foreign), "?");
        prop_assert_eq!(g.nodes().len(), mine, "nothing was added");
    });
    // A clone is the same graph: it takes the original's ids.
    let mut g = MiniFlow::new();
    let x = g.input("x");
    let mut copy = g.clone();
    assert!(copy.set_value(x, array![1.0].into_dyn()).is_ok());
}

/// Orders that are not the sort's are refused, naming the node, and change nothing.
#[test]
fn miniflow_orders_out_of_step_are_refused() {
    use backprop_lab::ndarray::array;
    let mut g = MiniFlow::new();
    let (x, w, b, y) = (g.input("X"), g.input("W"), g.input("b"), g.input("y"));
    let f = g.linear("f", x, w, b).unwrap();
    let s = g.sigmoid("s", f).unwrap();
    let c = g.mse("c", y, s).unwrap();
    let feed = vec![
        (x, array![[1.0, 2.0]].into_dyn()),
        (w, array![[0.5], [0.25]].into_dyn()),
        (b, array![0.1].into_dyn()),
        (y, array![1.0].into_dyn()),
    ];
    let order = g.topological_sort(&feed).unwrap();
    g.forward_and_backward(&order).unwrap();
    let before = (g.grad(w).unwrap().clone(), g.value(s).unwrap().clone());
    let swapped: Vec<FlowId> = vec![x, w, b, y, s, f, c];
    let msg = g.forward_and_backward(&swapped).unwrap_err().to_string();
    assert!(msg.contains("lists 's' before 'f'"), "{msg}");
    let twice: Vec<FlowId> = order.iter().chain([&c]).copied().collect();
    let msg = g.forward_and_backward(&twice).unwrap_err().to_string();
    assert!(msg.contains("'c' is listed twice"), "{msg}");
    assert_eq!(
        (g.grad(w).unwrap(), g.value(s).unwrap()),
        (&before.0, &before.1)
    );
}

/// A chain of 100,000 Sigmoid nodes sorts and runs: the sort is linear (a
/// quadratic one takes minutes here, so a regression shows as a slow test).
#[test]
fn miniflow_sorts_a_long_chain() {
    use backprop_lab::ndarray::array;
    let mut g = MiniFlow::new();
    let x = g.input("x");
    let mut last = x;
    for i in 0..100_000 {
        last = g.sigmoid(&format!("s{i}"), last).unwrap();
    }
    let order = g.topological_sort(&[(x, array![0.5].into_dyn())]).unwrap();
    assert_eq!(order.len(), 100_001);
    assert_eq!(order.last(), Some(&last));
    g.forward_and_backward(&order).unwrap();
    // Each σ′ ≤ ¼ shrinks the gradient; it underflows to 0, still finite.
    assert!(g.grad(x).unwrap().iter().all(|v| v.is_finite()));
}

/// Finite values that overflow in a pass are refused as divergence, naming
/// the node, and nothing changes; magnitudes drawn from 1e-300 to 1e300.
#[test]
fn miniflow_overflow_is_divergence() {
    use backprop_lab::ndarray::array;
    use proptest::prelude::*;
    let build = |xv: f64, wv: f64| {
        let mut g = MiniFlow::new();
        let (x, w, b, y) = (g.input("X"), g.input("W"), g.input("b"), g.input("y"));
        let f = g.linear("f", x, w, b).unwrap();
        let c = g.mse("c", y, f).unwrap();
        let feed = vec![
            (x, array![[xv]].into_dyn()),
            (w, array![[wv]].into_dyn()),
            (b, array![0.0].into_dyn()),
            (y, array![0.0].into_dyn()),
        ];
        let order = g.topological_sort(&feed).unwrap();
        (g, order, [x, w, c])
    };
    let (mut g, order, [_, w, _]) = build(1e200, 1e200);
    let err = g.forward_and_backward(&order).unwrap_err();
    assert!(matches!(err, Error::Diverged { .. }), "{err}");
    assert!(err.to_string().contains("'f'"), "{err}");
    assert!(g.grad(w).is_none(), "nothing stored");
    let magnitude = (-300i32..=300).prop_map(|e| 10f64.powi(e));
    let signed = (magnitude, any::<bool>()).prop_map(|(m, neg)| if neg { -m } else { m });
    proptest!(ProptestConfig::with_cases(64), |(xv in signed.clone(), wv in signed)| {
        let (mut g, order, [_, w, c]) = build(xv, wv);
        match g.forward_and_backward(&order) {
            Ok(()) => {
                prop_assert!(g.value(c).unwrap().iter().all(|v| v.is_finite()));
                prop_assert!(g.grad(w).unwrap().iter().all(|v| v.is_finite()));
                if g.sgd_update(&[w], 1.0).is_ok() {
                    prop_assert!(g.value(w).unwrap().iter().all(|v| v.is_finite()));
                }
            }
            Err(e) => prop_assert!(matches!(e, Error::Diverged { .. }), "{}", e),
        }
        let s = array![[xv]].into_dyn();
        let sig = catch_unwind(|| miniflow_sigmoid_backward(&s, &[array![[wv]].into_dyn()])).expect("no panic");
        if let Ok(g) = sig {
            prop_assert!(g.iter().all(|v| v.is_finite()));
        }
        let lin = catch_unwind(|| miniflow_linear_backward(&array![[xv]], &array![[wv]], &array![[xv]])).expect("no panic");
        if let Ok((dx, dw, db)) = lin {
            prop_assert!(dx.iter().chain(dw.iter()).chain(db.iter()).all(|v| v.is_finite()));
        }
    });
}

// ---- Public fields edited out of shape ----------------------------------------

/// Every series of a `NudgeSweep`, cut to any length, is caught by every
/// consumer: an error, never a panic. Display copes with anything.
#[test]
fn nudge_sweep_fields_cut_to_any_length() {
    use proptest::prelude::*;
    let n1 = Net1d::new(0.5, 0.1, 1.0, -0.2, 0.8, 0.05).unwrap();
    let sweep = nudge_sweep(&n1, 1.0, 0.0, Param1d::W2, &[-1.0, -0.5, 0.0, 0.5, 1.0]).unwrap();
    proptest!(ProptestConfig::with_cases(48), |(field in 0usize..9, keep in 0usize..5)| {
        let mut s = sweep.clone();
        let cut: &mut Vec<f64> = match field {
            0 => &mut s.nudges,
            1 => &mut s.values,
            2 => &mut s.cost,
            3..=5 => &mut s.z[field - 3],
            _ => &mut s.a[field - 6],
        };
        cut.truncate(keep);
        prop_assert!(no_panic("plot_nudge", || plot_nudge(&s)));
        prop_assert!(no_panic("nudge_animation", || nudge_animation(&s, 1)));
        prop_assert!(no_panic("NudgeSweep::explorer", || s.explorer()));
        let _ = format!("{s}");
    });
}

/// A `History` whose per-step rows were edited (removed, emptied, made
/// ragged) is refused by every figure that reads it.
#[test]
fn history_fields_edited_any_way() {
    use proptest::prelude::*;
    let (cx, cy) = make_circles(40, 0.3, 0.1, 0).unwrap();
    let mut net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let cfg = TrainConfig::new().eta(0.5).batch_size(10).epochs(2);
    let history = train(&mut net, &cx, &cy, &cfg).unwrap();
    proptest!(ProptestConfig::with_cases(48), |(field in 0usize..4, row in 0usize..8, keep in 0usize..3)| {
        let mut h = history.clone();
        let rows: &mut Vec<Vec<f64>> = if field % 2 == 0 { &mut h.grad_norms } else { &mut h.weight_norms };
        if field < 2 {
            let r = row % rows.len();
            rows[r].truncate(keep);
        } else {
            rows.truncate(row % rows.len());
        }
        // Truncating a row to its own length edits nothing.
        let edited = h.grad_norms != history.grad_norms || h.weight_norms != history.weight_norms;
        prop_assert_eq!(no_panic("plot_training", || plot_training(&h)), edited);
        prop_assert_eq!(no_panic("plot_layer_gradients", || plot_layer_gradients(&h, "t")), edited);
        // No accuracies were recorded (no test set): refused either way.
        prop_assert!(no_panic("plot_accuracy", || plot_accuracy(&h)));
        let _ = format!("{h}");
    });
}

/// A trace with `activations` cleared has an empty output, not a panic; a
/// data set whose `x` and `labels` disagree is refused by `select`.
#[test]
fn traces_and_digits_edited_out_of_shape() {
    use backprop_lab::ndarray::Array2;
    use proptest::prelude::*;
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let (cx, _) = make_circles(10, 0.3, 0.1, 0).unwrap();
    let trace = net.feedforward_batch(&cx).unwrap();
    proptest!(ProptestConfig::with_cases(32), |(keep_a in 0usize..5, keep_z in 0usize..4, rows in 0usize..6, labels in 0usize..6)| {
        let mut t = trace.clone();
        t.activations.truncate(keep_a);
        t.activities.truncate(keep_z);
        let out = t.output();
        prop_assert_eq!(out.dim(), t.activations.last().map_or((0, 0), |a| a.dim()));
        let _ = t.shapes();
        let d = backprop_lab::dense::Digits { x: Array2::zeros((rows, 64)), labels: vec![1; labels] };
        let refused = no_panic("Digits::select", || d.select(&[0]));
        prop_assert_eq!(refused, rows != labels || rows == 0);
    });
}

// ---- Finite input that overflows ---------------------------------------------
//
// From finite input a public function that returns floats never returns `Ok`
// holding an infinity or NaN: an overflow is `Error::Diverged` naming the
// operation that was called, and a failed call changes nothing.

mod overflow {
    use super::*;
    use backprop_lab::sin_chain::{dldw, sin_descent, sin_loss, sin_network};
    use backprop_lab::{backprop::ExampleBackprop, dense::half_sse, training::Pair};
    use proptest::prelude::*;

    /// A finite number of magnitude 1e-300 to 1e300, either sign.
    fn mag() -> impl Strategy<Value = f64> {
        (any::<bool>(), -300.0f64..=300.0).prop_map(|(neg, e)| {
            let v = 10f64.powf(e);
            if neg {
                -v
            } else {
                v
            }
        })
    }

    /// The call must not panic; an `Err` must name `op` first, and an `Ok` must
    /// hold only finite numbers (as listed by `numbers`). Returns whether it erred.
    fn finite_or_err<T>(
        op: &str,
        f: impl FnOnce() -> Result<T>,
        numbers: impl FnOnce(&T) -> Vec<f64>,
    ) -> bool {
        match catch_unwind(AssertUnwindSafe(f)) {
            Err(_) => panic!("{op} panicked"),
            Ok(Err(e)) => {
                let msg = e.to_string();
                assert!(msg.starts_with(&format!("{op}: ")), "{op}: {msg}");
                true
            }
            Ok(Ok(v)) => {
                let bad: Vec<f64> = numbers(&v).into_iter().filter(|x| !x.is_finite()).collect();
                assert!(bad.is_empty(), "{op} returned Ok holding {bad:?}");
                false
            }
        }
    }

    /// The call must fail with `Error::Diverged`, whose message names `op`.
    fn diverged<T: std::fmt::Debug>(op: &str, r: Result<T>) {
        match r {
            Err(e @ Error::Diverged { .. }) => {
                let msg = e.to_string();
                assert!(msg.starts_with(&format!("{op}: ")), "{msg}");
                assert!(msg.contains("non-finite"), "{msg}");
            }
            other => panic!("{op}: expected Error::Diverged, got {other:?}"),
        }
    }

    fn flat(ms: &[Array2<f64>]) -> Vec<f64> {
        ms.iter().flat_map(|m| m.iter().copied()).collect()
    }

    fn vals(m: &Array2<f64>) -> Vec<f64> {
        m.iter().copied().collect()
    }

    fn grads(g: &Gradients) -> Vec<f64> {
        g.to_vec().to_vec()
    }

    fn example(bp: &ExampleBackprop) -> Vec<f64> {
        let mut v = grads(&bp.gradients);
        v.extend(flat(&bp.deltas));
        v
    }

    /// A small network (1 to 3 weight layers of width 1 to 3) whose weights,
    /// biases, batch and labels are all drawn by [`mag`].
    fn net_case() -> impl Strategy<Value = (Network, Array2<f64>, Array2<f64>)> {
        let acts = vec![
            Activation::Identity,
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::Sin,
        ];
        (
            prop::collection::vec(1usize..=3, 2..=4),
            1usize..=3,
            prop::sample::select(acts),
        )
            .prop_flat_map(|(sizes, n, act)| {
                let params: usize = sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum();
                let (d, o) = (sizes[0], sizes[sizes.len() - 1]);
                (
                    Just(sizes),
                    Just(n),
                    Just(act),
                    prop::collection::vec(mag(), params),
                    prop::collection::vec(mag(), n * d),
                    prop::collection::vec(mag(), n * o),
                )
            })
            .prop_map(|(sizes, n, act, params, xs, ys)| {
                let mut it = params.into_iter();
                let (mut ws, mut bs) = (Vec::new(), Vec::new());
                for w in sizes.windows(2) {
                    let (j, k) = (w[0], w[1]);
                    ws.push(Array2::from_shape_simple_fn((k, j), || it.next().unwrap()));
                    bs.push(Array2::from_shape_simple_fn((k, 1), || it.next().unwrap()));
                }
                let net = Network::from_params(ws, bs, act).unwrap();
                let x = Array2::from_shape_vec((n, sizes[0]), xs).unwrap();
                let y = Array2::from_shape_vec((n, sizes[sizes.len() - 1]), ys).unwrap();
                (net, x, y)
            })
    }

    /// `W = 1e200`, `x = 1e200`: `z = 1e400` overflows in every form.
    fn huge_net() -> (Network, Array2<f64>, Array2<f64>) {
        let net = Network::from_params(
            vec![array![[1e200]]],
            vec![array![[0.0]]],
            Activation::Identity,
        )
        .unwrap();
        (net, array![[1e200]], array![[0.0]])
    }

    #[test]
    fn backprop_forms_and_gradients_never_return_non_finite() {
        proptest!(ProptestConfig::with_cases(48), |((net, x, y) in net_case())| {
            finite_or_err("backprop_per_neuron", || backprop_per_neuron(&net, &x, &y), grads);
            finite_or_err("backprop_per_example", || backprop_per_example(&net, &x, &y), grads);
            finite_or_err("backprop_gemm", || backprop_gemm(&net, &x, &y), grads);
            finite_or_err("backprop_batch", || backprop_batch(&net, &x, &y), grads);
            finite_or_err(
                "backprop_batch_traced",
                || backprop_batch_traced(&net, &x, &y),
                |b| grads(&b.gradients),
            );
            let (x0, y0) = (x.row(0).to_vec(), y.row(0).to_vec());
            finite_or_err("backprop_1_example", || backprop_1_example(&net, &x0, &y0), example);
            for form in BackpropForm::ALL {
                finite_or_err("gradients", || gradients(&net, &x, &y, form), grads);
            }
            finite_or_err(
                "grad_check",
                || grad_check(&net, &x, &y, BackpropForm::Gemm, GRADCHECK_EPSILON),
                |r| {
                    let mut v = vec![r.relative_error, r.noise_floor];
                    for e in &r.entries {
                        v.extend([e.analytic, e.numeric, e.relative_error]);
                    }
                    v
                },
            );
        });
    }

    #[test]
    fn backprop_forms_and_gradients_report_overflow() {
        let (net, x, y) = huge_net();
        diverged("backprop_per_neuron", backprop_per_neuron(&net, &x, &y));
        diverged("backprop_per_example", backprop_per_example(&net, &x, &y));
        diverged("backprop_gemm", backprop_gemm(&net, &x, &y));
        diverged("backprop_batch", backprop_batch(&net, &x, &y));
        diverged("backprop_batch_traced", backprop_batch_traced(&net, &x, &y));
        diverged(
            "backprop_1_example",
            backprop_1_example(&net, &[1e200], &[0.0]),
        );
        for form in BackpropForm::ALL {
            diverged("gradients", gradients(&net, &x, &y, form));
        }
        // The message names the quantity and the entry.
        let msg = backprop_gemm(&net, &x, &y).unwrap_err().to_string();
        assert!(msg.contains("∂C/∂W^1") && msg.contains("[0, 0]"), "{msg}");
        // A cost of 5e199 and a step of 1e-200: the rounding-noise estimate
        // ε_mach · max|C| / ε overflows, while both gradients stay finite.
        let net = Network::from_params(
            vec![array![[1.0]]],
            vec![array![[0.0]]],
            Activation::Identity,
        )
        .unwrap();
        diverged(
            "grad_check",
            grad_check(
                &net,
                &array![[1e100]],
                &array![[0.0]],
                BackpropForm::Gemm,
                1e-200,
            ),
        );
        diverged(
            "check_gradient",
            check_gradient(|_| 1e300, &[0.0], &[1.0], 1e-100),
        );
    }

    #[test]
    fn network_forward_passes_never_return_non_finite() {
        proptest!(ProptestConfig::with_cases(48), |((net, x, y) in net_case())| {
            finite_or_err("Network::cost", || net.cost(&x, &y), |c| vec![*c]);
            finite_or_err("Network::predict", || net.predict(&x), vals);
            finite_or_err("Network::forward_bias_trick", || net.forward_bias_trick(&x), vals);
            finite_or_err("Network::feedforward_batch", || net.feedforward_batch(&x), |t| {
                let mut v = flat(&t.activities);
                v.extend(flat(&t.activations));
                v
            });
            let x0 = x.row(0).to_vec();
            finite_or_err("Network::forward_example", || net.forward_example(&x0), |t| {
                let mut v = flat(&t.activities);
                v.extend(flat(&t.activations));
                v
            });
            if net.activation_fns().iter().all(|&a| a == Activation::Identity) {
                finite_or_err("Network::collapse_affine", || net.collapse_affine(), |(w, b)| {
                    w.iter().chain(b.iter()).copied().collect()
                });
            }
        });
    }

    #[test]
    fn network_forward_passes_report_overflow() {
        let (net, x, y) = huge_net();
        diverged("Network::cost", net.cost(&x, &y));
        diverged("Network::predict", net.predict(&x));
        diverged("Network::forward_bias_trick", net.forward_bias_trick(&x));
        diverged("Network::feedforward_batch", net.feedforward_batch(&x));
        diverged("Network::forward_example", net.forward_example(&[1e200]));
        let msg = net.predict(&x).unwrap_err().to_string();
        assert!(msg.contains("[0, 0]"), "{msg}");
        let deep = Network::from_params(
            vec![array![[1e200]], array![[1e200]]],
            vec![array![[0.0]], array![[0.0]]],
            Activation::Identity,
        )
        .unwrap();
        diverged("Network::collapse_affine", deep.collapse_affine());
    }

    #[test]
    fn costs_and_data_sets_never_return_non_finite() {
        let pair = (1usize..=3, 1usize..=3).prop_flat_map(|(r, c)| {
            (
                prop::collection::vec(mag(), r * c),
                prop::collection::vec(mag(), r * c),
                Just((r, c)),
            )
        });
        proptest!(ProptestConfig::with_cases(64), |((a, b, shape) in pair, start in mag(), stop in mag(), n in 0usize..6, noise in mag(), factor in 0.0f64..1.0, m in 1usize..30, seed in any::<u64>())| {
            let y_hat = Array2::from_shape_vec(shape, a).unwrap();
            let y = Array2::from_shape_vec(shape, b).unwrap();
            finite_or_err("mse", || mse(&y_hat, &y), |c| vec![*c]);
            finite_or_err("half_sse", || half_sse(&y_hat, &y), |c| vec![*c]);
            finite_or_err("linspace", || linspace(start, stop, n), |v| v.to_vec());
            finite_or_err("make_circles", || make_circles(m, factor, noise.abs(), seed), |(x, y)| {
                x.iter().chain(y.iter()).copied().collect()
            });
        });
    }

    #[test]
    fn costs_and_data_sets_report_overflow() {
        diverged("mse", mse(&array![[1e200]], &array![[-1e200]]));
        diverged("half_sse", half_sse(&array![[1e200]], &array![[-1e200]]));
        diverged("linspace", linspace(-1e308, 1e308, 3));
        // Any draw beyond ±1 overflows; 2000 draws hold many.
        diverged("make_circles", make_circles(1000, 0.3, f64::MAX, 0));
    }

    fn trace1d(t: &Trace1d) -> Vec<f64> {
        let mut v = vec![t.x];
        v.extend(t.z);
        v.extend(t.a);
        v
    }

    #[test]
    fn one_d_network_and_nudges_never_return_non_finite() {
        proptest!(ProptestConfig::with_cases(64), |(p in prop::collection::vec(mag(), 6), x in mag(), y in mag(), nudges in prop::collection::vec(mag(), 1..4), which in 0usize..6)| {
            let net = Net1d::new(p[0], p[1], p[2], p[3], p[4], p[5]).unwrap();
            finite_or_err("Net1d::forward", || net.forward(x), trace1d);
            finite_or_err("Net1d::cost", || net.cost(x, y), |c| vec![*c]);
            finite_or_err("Net1d::backprop", || net.backprop(x, y), |b| {
                let mut v = trace1d(&b.trace);
                v.push(b.cost);
                for arr in [b.delta, b.dc_dw, b.dc_db, b.dc_da_prev] {
                    v.extend(arr);
                }
                v
            });
            let param = Param1d::ALL[which];
            finite_or_err("nudge_sweep", || nudge_sweep(&net, x, y, param, &nudges), |s| {
                let mut v = vec![s.base_value, s.base_cost, s.backprop, s.slope.cost];
                v.extend(&s.values);
                v.extend(&s.cost);
                for i in 0..3 {
                    v.extend(&s.z[i]);
                    v.extend(&s.a[i]);
                }
                v.extend(s.slope.z);
                v.extend(s.slope.a);
                v.extend(trace1d(&s.base_trace));
                v
            });
        });
    }

    #[test]
    fn one_d_network_and_nudges_report_overflow() {
        let net = Net1d::new(1e200, 0.0, 1.0, 0.0, 1.0, 0.0).unwrap();
        diverged("Net1d::forward", net.forward(1e200));
        let msg = net.forward(1e200).unwrap_err().to_string();
        assert!(msg.contains("z_1") && msg.contains("layer 1"), "{msg}");
        diverged("Net1d::cost", net.cost(0.0, 1e200));
        diverged("Net1d::backprop", net.backprop(0.0, 1e200));
        diverged(
            "nudge_sweep",
            nudge_sweep(&net, 1e200, 0.0, Param1d::W1, &[1e200]),
        );
        // Its own backprop call is reported as the sweep's.
        diverged(
            "nudge_sweep",
            nudge_sweep(&net, 0.5, 1e200, Param1d::B3, &[0.0]),
        );
    }

    #[test]
    fn sine_chain_never_returns_non_finite() {
        proptest!(ProptestConfig::with_cases(64), |(w in prop::collection::vec(mag(), 2), xy in prop::collection::vec((mag(), mag()), 1..4), lr in mag(), steps in 0usize..4)| {
            let w = [w[0], w[1]];
            let (x, y): (Vec<f64>, Vec<f64>) = xy.into_iter().unzip();
            finite_or_err("sin_network", || sin_network(w, &x), |t| {
                [&t.a1, &t.h1, &t.a2, &t.y].into_iter().flatten().copied().collect()
            });
            finite_or_err("dldw", || dldw(w, &x, &y), |g| g.to_vec());
            finite_or_err("sin_loss", || sin_loss(w, &x, &y), |l| vec![*l]);
            finite_or_err("sin_descent", || sin_descent(w, &x, &y, lr.abs(), steps), |h| {
                h.iter().flat_map(|(w, l)| [w[0], w[1], *l]).collect()
            });
        });
    }

    #[test]
    fn sine_chain_reports_overflow() {
        diverged("sin_network", sin_network([1e200, 1.0], &[1e200]));
        diverged("dldw", dldw([1.0, 1.0], &[1e200], &[1e300]));
        diverged("sin_loss", sin_loss([1.0, 1.0], &[1.0], &[1e200]));
        diverged(
            "sin_descent",
            sin_descent([1.0, 1.0], &[1.0], &[1e200], 0.1, 3),
        );
    }

    /// A Nielsen network `[d, 1]` with weights and biases from [`mag`].
    fn nielsen_case() -> impl Strategy<Value = (NielsenNetwork, Pair, f64)> {
        (1usize..=3).prop_flat_map(|d| {
            (
                prop::collection::vec(mag(), d + 1),
                prop::collection::vec(mag(), d),
                mag(),
                mag(),
            )
                .prop_map(move |(p, x, y, eta)| {
                    let w = Array2::from_shape_vec((1, d), p[..d].to_vec()).unwrap();
                    let b = array![[p[d]]];
                    let net =
                        NielsenNetwork::new(&[d, 1], Some(vec![w]), Some(vec![b]), 0).unwrap();
                    let x = Array2::from_shape_vec((d, 1), x).unwrap();
                    (net, (x, array![[y]]), eta.abs())
                })
        })
    }

    #[test]
    fn nielsen_network_never_returns_non_finite_or_changes_on_error() {
        proptest!(ProptestConfig::with_cases(64), |((net, (x, y), eta) in nielsen_case())| {
            finite_or_err("NielsenNetwork::feedforward", || net.feedforward(&x), vals);
            finite_or_err("NielsenNetwork::backprop", || net.backprop(&x, &y), |(b, w)| {
                let mut v = flat(b);
                v.extend(flat(w));
                v
            });
            finite_or_err(
                "NielsenNetwork::cost_derivative",
                || net.cost_derivative(&y, &x.slice(s![0..1, ..]).to_owned()),
                vals,
            );
            let mut work = net.clone();
            let pair = [(x.clone(), y.clone())];
            let erred = finite_or_err(
                "NielsenNetwork::update_mini_batch",
                || work.update_mini_batch(&pair, eta),
                |_| Vec::new(),
            );
            if erred {
                prop_assert_eq!(&work, &net);
            } else {
                let all = flat(&work.weights).into_iter().chain(flat(&work.biases));
                prop_assert!(all.into_iter().all(f64::is_finite));
            }
        });
    }

    #[test]
    fn nielsen_network_reports_overflow() {
        // ∞ − ∞ in the product is NaN where the product runs without fused
        // multiply-adds; with them the sum stays ∞ and the sigmoid gives 1.
        // Either way no NaN comes back as Ok.
        let net = NielsenNetwork::new(
            &[2, 1],
            Some(vec![array![[1e200, -1e200]]]),
            Some(vec![array![[0.0]]]),
            0,
        )
        .unwrap();
        let x = array![[1e200], [1e200]];
        match net.feedforward(&x) {
            Ok(a) => assert!(a.iter().all(|v| v.is_finite()), "{a}"),
            r => diverged("NielsenNetwork::feedforward", r),
        }
        diverged(
            "NielsenNetwork::cost_derivative",
            net.cost_derivative(&array![[1e308]], &array![[-1e308]]),
        );
        // z = 1, δ ≈ −2e299 from the label, ∂C/∂w = δ x overflows.
        let mut net = NielsenNetwork::new(
            &[1, 1],
            Some(vec![array![[1e-300]]]),
            Some(vec![array![[0.0]]]),
            0,
        )
        .unwrap();
        let (x, y) = (array![[1e300]], array![[1e300]]);
        diverged("NielsenNetwork::backprop", net.backprop(&x, &y));
        let msg = net.backprop(&x, &y).unwrap_err().to_string();
        assert!(msg.contains("nabla_w[0]"), "{msg}");
        let before = net.clone();
        diverged(
            "NielsenNetwork::update_mini_batch",
            net.update_mini_batch(&[(x, y)], 1.0),
        );
        assert_eq!(net, before);
    }

    #[test]
    fn training_never_returns_non_finite_or_changes_on_error() {
        proptest!(ProptestConfig::with_cases(32), |((net, x, y) in net_case(), eta in mag())| {
            let mut work = net.clone();
            let config = TrainConfig::new().eta(eta.abs()).batch_size(1).epochs(2);
            let erred = finite_or_err("train", || train(&mut work, &x, &y, &config), |h| {
                let mut v: Vec<f64> = h.loss.iter().chain(&h.cost).copied().collect();
                v.extend(h.grad_norms.iter().chain(&h.weight_norms).flatten());
                v
            });
            if erred {
                prop_assert_eq!(&work, &net);
            } else {
                prop_assert!(work.get_params().iter().all(|v| v.is_finite()));
            }
        });
        let (net, x, y) = huge_net();
        let mut work = net.clone();
        diverged(
            "train",
            train(
                &mut work,
                &x,
                &y,
                &TrainConfig::new().batch_size(1).epochs(1),
            ),
        );
        assert_eq!(work, net);
    }
}

// ---- Messages name the call ----
//
// An error's message starts with the public function the learner called (for
// a method, `Type::method`), never with a helper or a nested public call it
// made inside. One case per error that used to name the wrong call, then one
// bad input for every public function.

mod messages_name_the_call {
    use super::*;
    use backprop_lab::sin_chain::{dldw, sin_descent, sin_loss, sin_network};
    use backprop_lab::{
        dense::{half_sse, Digits},
        miniflow_linear_backward, Error, MAX_ELEMENTS,
    };

    /// Errors that used to name an inner operation, or none.
    #[test]
    fn errors_that_named_an_inner_call() {
        // Softmax on a hidden layer is refused by `from_params` inside.
        names_op("Network::random_per_layer", || {
            Network::random_per_layer(
                &[2, 3, 1],
                Activation::Softmax,
                &[Init::Normal; 2],
                &[Init::Normal; 2],
                0,
            )
        });
        names_op("Network::random", || {
            Network::random(&[2, 3, 1], Activation::Softmax, Init::Normal, 0)
        });
        // `eval_with` used to report itself as `Expr::eval`.
        names_op("Expr::eval_with", || sym("q").eval_with(&|_| None));
        names_op("Expr::eval", || sym("q").eval(&[]));
        names_op("Expr::eval_with", || {
            (num(1.0) / sym("x")).eval_with(&|_| Some(0.0))
        });
        // A spec error carried no operation; einsum_loops reported "einsum".
        names_op("einsum_loops", || einsum_loops("ij,j1"));
        names_op("einsum_loops", || einsum_loops("ij->q"));
        let a = Array2::<f64>::zeros((2, 2));
        names_op("einsum", || einsum("ij,j1", &[&a, &a]));
        match einsum_loops("i...") {
            Err(Error::EinsumSpec { op, position, .. }) => {
                assert_eq!((op, position), ("einsum_loops", 1));
            }
            other => panic!("expected a spec error, got {other:?}"),
        }
        // Graph internals evaluate expressions under the graph call's name.
        let g = Graph::new();
        let x = g.param("x", 0.0);
        let _r = (1.0 / x).named("r");
        let msg = g.forward().unwrap_err().to_string();
        assert!(
            msg.starts_with("Graph::forward:") && !msg.contains("Expr::eval"),
            "{msg}"
        );
        // NielsenNetwork's nested calls (`normal`, `Network::from_params`,
        // `NielsenNetwork::new`) report the call that was made.
        let mut nn = NielsenNetwork::new(&[2, 3, 1], None, None, 0).unwrap();
        nn.sizes = vec![2, 4, 1];
        names_op("NielsenNetwork::to_network", || nn.to_network());
        let relu = Network::random(&[2, 1], Activation::Relu, Init::Normal, 0).unwrap();
        names_op("NielsenNetwork::from_network", || {
            NielsenNetwork::from_network(&relu)
        });
        // The data sets' inner draws and the CSV text are theirs.
        names_op("make_circles", || make_circles(usize::MAX, 0.3, 0.1, 0));
        names_op("sin_chain_data", || sin_chain_data(usize::MAX, 0));
        names_op("write_sin_chain_csv", || {
            write_sin_chain_csv("/tmp/backprop_lab_never.csv", usize::MAX, 0)
        });
        names_op("training_pairs", || {
            training_pairs(&array![[f64::NAN]], &array![[1.0]])
        });
    }

    /// One bad input for every public function that can fail.
    #[test]
    fn every_public_function_names_itself() {
        let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
        let x = array![[1.0, 2.0]];
        let y = array![[1.0]];
        let wide = array![[1.0, 2.0, 3.0]];
        let nan = array![[f64::NAN, 1.0]];
        // Data.
        names_op("linspace", || linspace(f64::NAN, 1.0, 3));
        names_op("toy", || toy(0));
        names_op("make_circles", || make_circles(10, 2.0, 0.1, 0));
        names_op("uniform", || uniform(usize::MAX, 2, &mut seeded_rng(0)));
        names_op("normal", || normal(2, usize::MAX, &mut seeded_rng(0)));
        names_op("permutation", || {
            permutation(usize::MAX, &mut seeded_rng(0))
        });
        names_op("one_hot", || one_hot(&[3], 2));
        names_op("from_one_hot", || from_one_hot(&array![[1.0, 1.0]]));
        names_op("stratified_split", || stratified_split(&[], 0.5, 0));
        names_op("predict_classes", || predict_classes(&nan));
        names_op("accuracy", || accuracy(&[1], &[]));
        names_op("confusion_matrix", || confusion_matrix(&[0], &[5], 2));
        names_op("read_digits", || read_digits("/no/such/digits.csv"));
        let digits = Digits {
            x: Array2::zeros((2, 64)),
            labels: vec![0, 1],
        };
        names_op("Digits::select", || digits.select(&[7]));
        names_op("read_csv_columns", || {
            read_csv_columns("/no/such/file.csv", &["x"])
        });
        names_op("parse_csv_columns", || {
            parse_csv_columns("a\n1\n", "t.csv", &["b"])
        });
        names_op("sin_chain_data", || sin_chain_data(0, 0));
        names_op("sin_chain_csv", || {
            backprop_lab::sin_chain::sin_chain_csv(&[1.0], &[])
        });
        names_op("write_sin_chain_csv", || {
            write_sin_chain_csv("/tmp/backprop_lab_never.csv", 0, 0)
        });
        names_op("training_pairs", || {
            training_pairs(&x, &array![[1.0], [2.0]])
        });
        // Costs.
        names_op("mse", || mse(&x, &wide));
        names_op("half_sse", || half_sse(&x, &wide));
        // The network.
        names_op("Layer::new", || {
            Layer::new(array![[1.0]], array![[1.0], [2.0]], Activation::Sigmoid)
        });
        names_op("Network::from_layers", || Network::from_layers(vec![]));
        names_op("Network::from_layers_and_cost", || {
            Network::from_layers_and_cost(vec![], Cost::Quadratic)
        });
        names_op("Network::from_params", || {
            Network::from_params(vec![array![[1.0]]], vec![], Activation::Sigmoid)
        });
        names_op("Network::random", || {
            Network::random(&[2], Activation::Sigmoid, Init::Normal, 0)
        });
        names_op("Network::random_per_layer", || {
            Network::random_per_layer(&[2, 1], Activation::Sigmoid, &[], &[], 0)
        });
        let mut m = net.clone();
        names_op("Network::set_activation", || {
            m.set_activation(9, Activation::Relu)
        });
        names_op("Network::set_output", || {
            m.set_output(Activation::Softmax, Cost::Quadratic)
        });
        names_op("Network::with_output", || {
            net.clone()
                .with_output(Activation::Softmax, Cost::Quadratic)
        });
        names_op("Network::set_params", || m.set_params(&array![1.0]));
        names_op("Network::with_params", || net.with_params(&array![1.0]));
        names_op("Network::forward_example", || net.forward_example(&[1.0]));
        names_op("Network::feedforward_batch", || {
            net.feedforward_batch(&wide)
        });
        names_op("Network::predict", || net.predict(&wide));
        names_op("Network::cost", || net.cost(&x, &wide));
        names_op("Network::forward_bias_trick", || {
            net.forward_bias_trick(&wide)
        });
        names_op("Network::collapse_affine", || net.collapse_affine());
        // Backprop, training, checking.
        names_op("backprop_1_example", || {
            backprop_1_example(&net, &[1.0], &[1.0])
        });
        names_op("backprop_per_example", || {
            backprop_per_example(&net, &wide, &y)
        });
        names_op("backprop_per_neuron", || {
            backprop_per_neuron(&net, &wide, &y)
        });
        names_op("backprop_batch", || backprop_batch(&net, &wide, &y));
        names_op("backprop_batch_traced", || {
            backprop_batch_traced(&net, &wide, &y)
        });
        names_op("backprop_gemm", || backprop_gemm(&net, &wide, &y));
        for form in BackpropForm::ALL {
            names_op("gradients", || gradients(&net, &nan, &y, form));
            names_op("grad_check", || grad_check(&net, &x, &y, form, -1.0));
        }
        let mut t = net.clone();
        names_op("train", || {
            train(&mut t, &x, &y, &TrainConfig::new().batch_size(5))
        });
        names_op("train_with_test", || {
            train_with_test(&mut t, &x, &y, &wide, &y, &TrainConfig::new())
        });
        names_op("set_params", || {
            set_params(&array![1.0], &net.weights(), &[])
        });
        names_op("relative_error", || relative_error(&[1.0], &[]));
        names_op("numerical_gradient", || {
            numerical_gradient(|p: &[f64]| p[0], &[1.0], 0.0)
        });
        names_op("check_gradient", || {
            check_gradient(|p: &[f64]| p[0], &[1.0, 2.0], &[1.0], 1e-6)
        });
        // Nielsen's port.
        let mut nn = NielsenNetwork::new(&[2, 3, 1], None, None, 0).unwrap();
        let bad_pair = vec![(Array2::zeros((3, 1)), Array2::zeros((1, 1)))];
        names_op("NielsenNetwork::new", || {
            NielsenNetwork::new(&[2], None, None, 0)
        });
        names_op("NielsenNetwork::feedforward", || {
            nn.feedforward(&Array2::zeros((3, 1)))
        });
        names_op("NielsenNetwork::sgd", || nn.sgd(&bad_pair, 1, 1, 0.1, None));
        names_op("NielsenNetwork::sgd_shuffled", || {
            nn.sgd_shuffled(&bad_pair, 1, 1, 0.1, None, 0)
        });
        names_op("NielsenNetwork::update_mini_batch", || {
            nn.update_mini_batch(&bad_pair, 0.1)
        });
        names_op("NielsenNetwork::backprop", || {
            nn.backprop(&Array2::zeros((3, 1)), &Array2::zeros((1, 1)))
        });
        names_op("NielsenNetwork::evaluate", || {
            nn.evaluate(&[(Array2::zeros((2, 1)), 5)])
        });
        names_op("NielsenNetwork::cost_derivative", || {
            nn.cost_derivative(&Array2::zeros((2, 1)), &Array2::zeros((1, 1)))
        });
        // The 1-D network and the sine chain.
        let n1 = Net1d::new(0.5, 0.1, 1.0, -0.2, 0.8, 0.05).unwrap();
        names_op("Net1d::new", || {
            Net1d::new(f64::NAN, 0.0, 0.0, 0.0, 0.0, 0.0)
        });
        names_op("Net1d::with", || n1.with(Param1d::W1, f64::INFINITY));
        names_op("Net1d::forward", || n1.forward(f64::NAN));
        names_op("Net1d::cost", || n1.cost(1.0, f64::NAN));
        names_op("Net1d::backprop", || n1.backprop(f64::NAN, 0.0));
        names_op("nudge_sweep", || {
            nudge_sweep(&n1, 1.0, 1.0, Param1d::W1, &[])
        });
        names_op("sin_network", || sin_network([1.0, 1.0], &[]));
        names_op("dldw", || dldw([1.0, 1.0], &[1.0], &[]));
        names_op("sin_loss", || sin_loss([f64::NAN, 1.0], &[1.0], &[1.0]));
        names_op("sin_descent", || {
            sin_descent([1.0, 1.0], &[1.0], &[1.0], 0.0, 1)
        });
        // Tensors.
        let t3 = Array3::<f64>::zeros((2, 3, 3));
        names_op("stack", || stack(&[]));
        names_op("stack_matmul", || stack_matmul(&t3, &Array2::zeros((2, 1))));
        names_op("matmul_stack", || matmul_stack(&Array2::zeros((1, 2)), &t3));
        names_op("batch_matmul", || {
            batch_matmul(&t3, &Array3::zeros((3, 3, 3)))
        });
        names_op("mean_axis0", || mean_axis0(&Array3::zeros((0, 1, 1))));
        names_op("sum_axis0", || sum_axis0(&array![[[f64::NAN]]]));
        names_op("hadamard", || hadamard(&x, &wide));
        names_op("einsum", || einsum("ij->i", &[&t3]));
        names_op("einsum_loops", || einsum_loops("ij-k"));
        // Graphs.
        let g = Graph::new();
        let w = g.param("w", 1.0);
        let other = Graph::new();
        let foreign = other.param("v", 1.0);
        names_op("Graph::var", || g.var(foreign.id()));
        names_op("Graph::get", || g.get("nobody"));
        names_op("Graph::set_value", || g.set_value(w, f64::NAN));
        names_op("Graph::backward", || g.backward(foreign));
        names_op("Graph::numeric_derivative", || {
            g.numeric_derivative(w, w, 0.0, Difference::OneSided)
        });
        let back = g.backward(w).unwrap();
        names_op("Backward::try_value", || back.try_value(foreign));
        names_op("Backward::try_grad", || back.try_grad(foreign));
        names_op("check_quiz", || check_quiz(&g, foreign, &[]));
        let bad = Graph::new();
        let z = bad.param("z", 0.0);
        let _ = z.ln();
        names_op("Graph::forward", || bad.forward());
        names_op("Var::value", || {
            let h = Graph::new();
            let a = h.param("a", f64::NAN);
            a.value()
        });
        names_op("Expr::eval", || sym("x").ln().eval(&[("x", -1.0)]));
        names_op("Expr::eval_with", || {
            sym("x").eval_with(&|_| Some(f64::NAN))
        });
        // MiniFlow.
        let mut mf = MiniFlow::new();
        let xi = mf.input("x");
        let stranger = MiniFlow::new().input("s");
        names_op("MiniFlow::linear", || mf.linear("f", xi, stranger, xi));
        names_op("MiniFlow::sigmoid", || mf.sigmoid("s", stranger));
        names_op("MiniFlow::mse", || mf.mse("c", stranger, xi));
        names_op("MiniFlow::set_value", || {
            mf.set_value(stranger, array![1.0].into_dyn())
        });
        names_op("MiniFlow::set_inbound", || mf.set_inbound(stranger, vec![]));
        names_op("MiniFlow::topological_sort", || mf.topological_sort(&[]));
        names_op("MiniFlow::forward_and_backward", || {
            mf.forward_and_backward(&[stranger])
        });
        names_op("MiniFlow::forward_and_backward_with", || {
            mf.forward_and_backward_with(&[stranger], |s, _| s.clone())
        });
        names_op("MiniFlow::forward_and_backward_with_linear", || {
            mf.forward_and_backward_with_linear(&[stranger], |x, w, _| {
                (x.clone(), w.clone(), Array1::zeros(w.ncols()))
            })
        });
        names_op("MiniFlow::sgd_update", || mf.sgd_update(&[xi], 0.0));
        names_op("miniflow_sigmoid_backward", || {
            miniflow_sigmoid_backward(&array![f64::NAN].into_dyn(), &[array![1.0].into_dyn()])
        });
        names_op("miniflow_linear_backward", || {
            miniflow_linear_backward(
                &Array2::zeros((2, 3)),
                &Array2::zeros((2, 3)),
                &Array2::zeros((2, 3)),
            )
        });
        let _ = MAX_ELEMENTS;
    }
}

// ---- Data functions: sizes and magnitudes ----
//
// Every public function that makes or reads data, with sizes from 0 to a few
// hundred (and a few near usize::MAX) and magnitudes from 1e-300 to 1e300 of
// either sign: it never panics, an error names the function, and an `Ok` holds
// only finite numbers in the promised shape.

mod data_sizes_and_magnitudes {
    use super::*;
    use backprop_lab::{dense::Digits, MAX_ELEMENTS};
    use proptest::prelude::*;

    /// A finite number of magnitude 1e-300 to 1e300, either sign.
    fn mag() -> impl Strategy<Value = f64> {
        (any::<bool>(), -300.0f64..=300.0).prop_map(|(neg, e)| {
            let v = 10f64.powf(e);
            if neg {
                -v
            } else {
                v
            }
        })
    }

    /// A size: mostly 0 to a few hundred, sometimes near `usize::MAX` or just
    /// past the element ceiling.
    fn size() -> impl Strategy<Value = usize> {
        prop_oneof![
            6 => 0usize..300,
            1 => (0usize..4).prop_map(|k| usize::MAX - k),
            1 => (0usize..4).prop_map(|k| MAX_ELEMENTS + 1 + k),
        ]
    }

    /// A matrix of `r × c` magnitudes (r, c small).
    fn matrix(r: usize, c: usize) -> impl Strategy<Value = Array2<f64>> {
        prop::collection::vec(mag(), r * c)
            .prop_map(move |v| Array2::from_shape_vec((r, c), v).unwrap())
    }

    /// No panic; an `Err` starts with `op:`; an `Ok` passes `check` (finite
    /// numbers, the promised shape). Returns whether the call erred.
    fn holds<T>(op: &str, f: impl FnOnce() -> Result<T>, check: impl FnOnce(&T) -> bool) -> bool {
        match catch_unwind(AssertUnwindSafe(f)) {
            Err(_) => panic!("{op} panicked"),
            Ok(Err(e)) => {
                let msg = e.to_string();
                assert!(msg.starts_with(&format!("{op}:")), "{op} reported: {msg}");
                false
            }
            Ok(Ok(v)) => {
                assert!(check(&v), "{op} returned an Ok outside its promise");
                true
            }
        }
    }

    fn finite<'a>(v: impl IntoIterator<Item = &'a f64>) -> bool {
        v.into_iter().all(|x| x.is_finite())
    }

    const CASES: u32 = 48;

    #[test]
    fn linspace_toy_circles_and_the_sine_data() {
        proptest!(ProptestConfig::with_cases(CASES), |(n in size(), a in mag(), b in mag(), factor in 0.0f64..1.0, noise in mag(), seed in any::<u64>())| {
            holds("linspace", || linspace(a, b, n), |v| v.len() == n && finite(v));
            holds("toy", || toy(n), |(x, y)| {
                x.dim() == (n, 1) && y.dim() == (n, 1) && finite(x) && finite(y)
            });
            holds("make_circles", || make_circles(n, factor, noise.abs(), seed), |(x, y)| {
                x.dim() == (n, 2) && y.dim() == (n, 1) && finite(x) && finite(y)
            });
            holds("sin_chain_data", || sin_chain_data(n, seed), |(x, y)| {
                x.len() == n && y.len() == n && finite(x) && finite(y)
            });
            prop_assert!(n <= MAX_ELEMENTS || linspace(0.0, 1.0, n).is_err());
        });
    }

    #[test]
    fn random_matrices_and_permutations() {
        proptest!(ProptestConfig::with_cases(CASES), |(r in size(), c in size(), seed in any::<u64>())| {
            let ok = holds("uniform", || uniform(r, c, &mut seeded_rng(seed)), |m| {
                m.dim() == (r, c) && m.iter().all(|v| (0.0..1.0).contains(v))
            });
            // Every axis counts, an empty one as 1.
            prop_assert_eq!(ok, r.max(1).checked_mul(c.max(1)).is_some_and(|p| p <= MAX_ELEMENTS));
            holds("normal", || normal(r, c, &mut seeded_rng(seed)), |m| m.dim() == (r, c) && finite(m));
            holds("permutation", || permutation(r, &mut seeded_rng(seed)), |p| {
                let mut s = p.clone();
                s.sort_unstable();
                s == (0..r).collect::<Vec<_>>()
            });
        });
    }

    #[test]
    fn one_hot_labels_and_splits() {
        proptest!(ProptestConfig::with_cases(CASES), |(labels in prop::collection::vec(0usize..12, 0..300), classes in size(), frac in -0.5f64..1.5, seed in any::<u64>())| {
            let ok = holds("one_hot", || one_hot(&labels, classes), |y| {
                y.dim() == (labels.len(), classes) && y.iter().all(|v| *v == 0.0 || *v == 1.0)
            });
            if ok {
                let y = one_hot(&labels, classes).unwrap();
                holds("from_one_hot", || from_one_hot(&y), |back| back == &labels);
            }
            holds("stratified_split", || stratified_split(&labels, frac, seed), |(tr, te)| {
                let mut all: Vec<usize> = tr.iter().chain(te).copied().collect();
                all.sort_unstable();
                all == (0..labels.len()).collect::<Vec<_>>()
            });
            let d = Digits { x: Array2::zeros((labels.len(), 3)), labels: labels.clone() };
            let rows: Vec<usize> = (0..labels.len().min(40)).map(|i| (i * 7) % (labels.len() + 2)).collect();
            holds("Digits::select", || d.select(&rows), |s| {
                s.x.dim() == (rows.len(), 3) && s.labels.len() == rows.len()
            });
        });
    }

    #[test]
    fn one_hot_rows_of_any_magnitude() {
        proptest!(ProptestConfig::with_cases(CASES), |(y in (0usize..20, 0usize..6).prop_flat_map(|(r, c)| matrix(r, c)))| {
            holds("from_one_hot", || from_one_hot(&y), |v| v.len() == y.nrows() && v.iter().all(|&c| c < y.ncols()));
            holds("predict_classes", || predict_classes(&y), |v| v.len() == y.nrows());
        });
    }

    #[test]
    fn training_pairs_of_any_size() {
        proptest!(ProptestConfig::with_cases(CASES), |((x, y) in (0usize..200, 0usize..4, 0usize..3).prop_flat_map(|(n, d, o)| (matrix(n, d), matrix(n, o))))| {
            holds("training_pairs", || training_pairs(&x, &y), |p| {
                p.len() == x.nrows()
                    && p.iter().all(|(a, b)| a.dim() == (x.ncols(), 1) && b.dim() == (y.ncols(), 1) && finite(a) && finite(b))
            });
        });
        // Rows without columns hold no number but would make a pair each.
        let empty = ArrayView2::<f64>::from_shape((usize::MAX / 2, 0), &[]).unwrap();
        names_op("training_pairs", || training_pairs(&empty, &empty));
        names_op("training_pairs", || {
            training_pairs(&array![[1.0]], &array![[f64::INFINITY]])
        });
    }

    #[test]
    fn csv_tables_of_any_size() {
        proptest!(ProptestConfig::with_cases(CASES), |(rows in prop::collection::vec(prop::collection::vec(mag(), 3), 0..200), pick in prop::collection::vec(prop::sample::select(vec!["a", "b", "c", "z"]), 0..5))| {
            let mut text = String::from("a,b,c\n");
            for r in &rows {
                text.push_str(&format!("{:e},{:e},{:e}\n", r[0], r[1], r[2]));
            }
            holds("parse_csv_columns", || parse_csv_columns(&text, "t.csv", &pick), |t| {
                t.dim() == (rows.len(), pick.len()) && finite(t)
            });
        });
        let path =
            std::env::temp_dir().join(format!("backprop_lab_sizes_{}.csv", std::process::id()));
        std::fs::write(&path, "a\n1e300\n-1e-300\n").unwrap();
        holds(
            "read_csv_columns",
            || read_csv_columns(&path, &["a", "a"]),
            |t| t.dim() == (2, 2) && finite(t),
        );
        holds(
            "read_digits",
            || backprop_lab::dense::read_digits(&path),
            |_| false,
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn networks_of_any_size() {
        proptest!(ProptestConfig::with_cases(CASES), |(sizes in prop::collection::vec(size(), 0..5), seed in any::<u64>())| {
            let ok = holds("Network::random", || Network::random(&sizes, Activation::Sigmoid, Init::Scaled, seed), |n| {
                n.sizes() == sizes && finite(&n.get_params())
            });
            let total = sizes.windows(2).try_fold(0usize, |acc, w| {
                w[0].checked_add(1).and_then(|f| f.checked_mul(w[1])).and_then(|p| acc.checked_add(p))
            });
            let fits = sizes.len() >= 2 && !sizes.contains(&0) && total.is_some_and(|t| t <= MAX_ELEMENTS);
            prop_assert_eq!(ok, fits);
            let nok = holds("NielsenNetwork::new", || NielsenNetwork::new(&sizes, None, None, seed), |n| {
                n.sizes == sizes && n.weights.iter().chain(&n.biases).all(finite)
            });
            prop_assert_eq!(nok, fits);
        });
        // Each matrix fits, but together they do not: refused before drawing.
        let wide = [1 << 14, 1 << 14, 1 << 14, 1 << 14, 1 << 14];
        names_op("NielsenNetwork::new", || {
            NielsenNetwork::new(&wide, None, None, 0)
        });
        names_op("Network::random", || {
            Network::random(&wide, Activation::Sigmoid, Init::Normal, 0)
        });
    }

    #[test]
    fn stacks_and_einsum_of_any_size() {
        proptest!(ProptestConfig::with_cases(CASES), |(mats in (0usize..40, 0usize..4, 0usize..4).prop_flat_map(|(n, r, c)| prop::collection::vec(matrix(r, c), n)), spec in prop::sample::select(vec!["ij->i", "ij->j", "ij->", "ij,ij->ij", "ij->ji"]))| {
            let r = holds("stack", || stack(&mats), |t| {
                t.shape() == [mats.len(), mats[0].nrows(), mats[0].ncols()] && finite(t)
            });
            prop_assert_eq!(r, !mats.is_empty());
            if let Some(m) = mats.first() {
                let t = stack(&mats).unwrap();
                holds("sum_axis0", || sum_axis0(&t), |s| s.dim() == m.dim() && finite(s));
                holds("mean_axis0", || mean_axis0(&t), |s| s.dim() == m.dim() && finite(s));
                holds("hadamard", || hadamard(m, m), |h| h.dim() == m.dim() && finite(h));
                holds("stack_matmul", || stack_matmul(&t, &m.t().to_owned()), |p| {
                    p.shape() == [mats.len(), m.nrows(), m.nrows()] && finite(p)
                });
                let ops: Vec<&dyn EinsumOperand> = vec![m; spec.matches(',').count() + 1]
                    .into_iter()
                    .map(|a| a as &dyn EinsumOperand)
                    .collect();
                holds("einsum", || einsum(spec, &ops), |o| finite(o));
            }
        });
        // An empty stack of huge matrices holds nothing, but its sum would.
        let empty = ArrayView3::<f64>::from_shape((0, 1 << 31, 1 << 31), &[]).unwrap();
        names_op("sum_axis0", || sum_axis0(&empty));
        names_op("mean_axis0", || mean_axis0(&empty));
        // Broadcast views stand for more numbers than a copy or a product may hold.
        let one = array![[1.0]];
        let huge = one.broadcast((1 << 15, 1 << 15)).unwrap();
        names_op("einsum", || einsum("ij->", &[&huge]));
        names_op("hadamard", || hadamard(&huge, &huge));
        let col = array![[1.0], [1.0]];
        let nn = NielsenNetwork::new(&[2, 1], None, None, 0).unwrap();
        let wide = col.broadcast((2, 1 << 29)).unwrap();
        names_op("NielsenNetwork::feedforward", || nn.feedforward(&wide));
    }

    /// Batches whose forward-pass or stack buffers would outgrow memory are
    /// refused by the call, before anything is allocated.
    #[test]
    fn batch_buffers_are_sized_before_allocating() {
        let net = Network::random(&[1, 1 << 20, 1], Activation::Sigmoid, Init::Scaled, 0).unwrap();
        let x = Array2::<f64>::zeros((512, 1));
        let y = Array2::<f64>::zeros((512, 1));
        names_op("Network::predict", || net.predict(&x));
        names_op("Network::feedforward_batch", || net.feedforward_batch(&x));
        names_op("backprop_gemm", || backprop_gemm(&net, &x, &y));
        let square =
            Network::random(&[1 << 10, 1 << 10, 1], Activation::Sigmoid, Init::Scaled, 0).unwrap();
        let x = Array2::<f64>::zeros((257, 1 << 10));
        let y = Array2::<f64>::zeros((257, 1));
        names_op("backprop_batch", || backprop_batch(&square, &x, &y));
        names_op("backprop_batch_traced", || {
            backprop_batch_traced(&square, &x, &y)
        });
        names_op("gradients", || {
            gradients(&square, &x, &y, BackpropForm::Tensor)
        });
        let mut t = square.clone();
        let cfg = TrainConfig::new()
            .batch_size(257)
            .epochs(1)
            .form(BackpropForm::Tensor);
        names_op("train", || train(&mut t, &x, &y, &cfg));
        assert_eq!(t, square);
        // Steps × layers norms would outgrow memory: refused before step one.
        let deep = Network::random(&[1; 20], Activation::Sigmoid, Init::Normal, 0).unwrap();
        let mut d = deep.clone();
        let cfg = TrainConfig::new().batch_size(1).epochs(1 << 24);
        names_op("train", || {
            train(&mut d, &array![[0.5]], &array![[0.5]], &cfg)
        });
        assert_eq!(d, deep);
    }
}
