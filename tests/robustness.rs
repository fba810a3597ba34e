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
