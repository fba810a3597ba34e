//! Hostile input at public entry points: each call must return `Err` or a
//! finite `Ok`, never panic, and never try to allocate without a ceiling.
//!
//! Every case runs under `catch_unwind`. Sizes are chosen so that a missing
//! check would abort the process (allocation failure) or panic (overflow), so a
//! regression fails this file loudly rather than passing by luck.

use std::panic::{catch_unwind, AssertUnwindSafe};

use backprop_lab::prelude::*;
use backprop_lab::*;

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
    must_err("var out of range", || g.var(NodeId(usize::MAX)));
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
    names_op("MiniFlow::linear", || mf.linear("f", x, FlowId(99), x));
    names_op("MiniFlow::sigmoid", || mf.sigmoid("s", FlowId(99)));
    names_op("MiniFlow::mse", || mf.mse("c", FlowId(99), x));
    let g = Graph::new();
    let w = g.param("w", 1.0);
    let other = Graph::new();
    let foreign = other.param("v", 1.0);
    let _ = w;
    names_op("check_quiz", || check_quiz(&g, foreign, &[]));
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
        miniflow_sigmoid_backward(&s, &array![f64::NAN].into_dyn())
    });
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
    let mut mf = MiniFlow::new();
    let x = mf.input("x");
    must_err("MiniFlow::set_value bad id", || {
        mf.set_value(FlowId(42), array![1.0].into_dyn())
    });
    must_err("MiniFlow::set_inbound bad id", || {
        mf.set_inbound(x, vec![FlowId(42)])
    });
    must_err("MiniFlow::forward_and_backward bad id", || {
        mf.forward_and_backward(&[FlowId(42)])
    });
    assert_eq!(mf.name(FlowId(42)), "?");
    assert!(mf.value(FlowId(42)).is_none());
    assert!(mf.outbound(FlowId(42)).is_empty());
    let g = Graph::new();
    must_err("Graph::var bad id", || g.var(NodeId(3)));
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
