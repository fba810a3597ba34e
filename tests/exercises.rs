//! Every exercise check against a right answer, the untouched stub, and each
//! mistake it claims to recognise — each mistake written here by hand, the way a
//! learner would write it, not taken from the check's own code.

use backprop_lab::exercises::*;
use backprop_lab::prelude::*;

fn expect_right(r: CheckReport) {
    assert!(r.is_right(), "expected right, got:\n{r}");
    assert!(r.to_string().contains("right on all"), "{r}");
}

fn expect_not_started(r: CheckReport, todo: &str) {
    assert_eq!(
        r.verdict,
        Verdict::NotStarted { todo: todo.into() },
        "expected not started:\n{r}"
    );
}

fn expect_mistake(r: CheckReport, name: &str) {
    assert_eq!(
        r.mistake(),
        Some(name),
        "expected the mistake {name:?}, got:\n{r}"
    );
    assert!(
        r.known_mistakes.iter().any(|m| m.name == name),
        "{name:?} is not listed among the check's mistakes"
    );
    let text = r.to_string();
    assert!(text.contains("wrong") && text.contains(name), "{text}");
}

// ---- 02 MiniFlow ------------------------------------------------------------

#[test]
fn sigmoid_backward() {
    expect_right(check_sigmoid_backward(|s, g| s.mapv(|v| v * (1.0 - v)) * g));
    expect_not_started(
        check_sigmoid_backward(|_s, _g| todo!("the sigmoid's backward step")),
        "the sigmoid's backward step",
    );
    expect_mistake(
        check_sigmoid_backward(|s, _g| s.mapv(|v| v * (1.0 - v))),
        "forgot the upstream gradient ∂C/∂s",
    );
    expect_mistake(
        check_sigmoid_backward(|s, g| {
            let sig = s.mapv(|v| 1.0 / (1.0 + (-v).exp()));
            &sig * &sig.mapv(|v| 1.0 - v) * g
        }),
        "applied σ to the stored value",
    );
    expect_mistake(
        check_sigmoid_backward(|s, g| s.mapv(|v| v * (v - 1.0)) * g),
        "sign flipped",
    );
    expect_mistake(
        check_sigmoid_backward(|s, g| s * g),
        "dropped the (1 − s) factor",
    );
    // A step of the wrong shape is reported, not a panic.
    let r = check_sigmoid_backward(|_s, _g| ndarray::ArrayD::zeros(ndarray::IxDyn(&[3])));
    let Verdict::Wrong(f) = &r.verdict else {
        panic!("a wrong shape is a wrong answer: {r}")
    };
    assert!(f.got.contains("shape"), "{r}");
}

#[test]
fn the_plugged_in_step_drives_the_graph() {
    // The lesson's quiz with a wrong step: the gradient of b is no longer the
    // lesson's -5.01028709e-05 (its printed value).
    let mut g = MiniFlow::new();
    let (x, w, b, y) = (g.input("X"), g.input("W"), g.input("b"), g.input("y"));
    let f = g.linear("f", x, w, b).unwrap();
    let a = g.sigmoid("a", f).unwrap();
    g.mse("cost", y, a).unwrap();
    let order = g
        .topological_sort(&[
            (x, array![[-1., -2.], [-1., -2.]].into_dyn()),
            (y, array![1., 2.].into_dyn()),
            (w, array![[2.], [3.]].into_dyn()),
            (b, array![-3.].into_dyn()),
        ])
        .unwrap();
    g.forward_and_backward_with(&order, |s, g| s.mapv(|v| v * (1.0 - v)) * g)
        .unwrap();
    assert!((g.grad(b).unwrap()[[0]] - -5.01028709e-05).abs() < 1e-12);
    g.forward_and_backward_with(&order, |s, _g| s.mapv(|v| v * (1.0 - v)))
        .unwrap();
    let got = g.grad(b).unwrap()[[0]];
    assert!(
        (got - -5.01028709e-05).abs() > 1e-3 * 5.01028709e-05,
        "{got}"
    );
}

// ---- 03 CS109 -----------------------------------------------------------------

fn my_sin(x: f64) -> f64 {
    x.sin()
}

#[test]
fn activation() {
    expect_right(check_activation(my_sin, |x| x.cos()));
    expect_not_started(check_activation(my_sin, |_x| todo!("A'(x)")), "A'(x)");
    expect_mistake(
        check_activation(my_sin, |x| x.sin()),
        "the derivative returns the activation itself",
    );
    expect_mistake(
        check_activation(my_sin, |x| -x.cos()),
        "sign flipped in the derivative",
    );
    expect_mistake(
        check_activation(|x| x.cos(), |x| x.sin()),
        "activation and derivative swapped",
    );
    expect_mistake(
        check_activation(
            |x| (x * std::f64::consts::PI / 180.0).sin(),
            |x| (x * std::f64::consts::PI / 180.0).cos(),
        ),
        "degrees instead of radians",
    );
}

#[test]
fn dldy() {
    expect_right(check_dldy(|p, y| 2.0 * (p - y)));
    expect_not_started(check_dldy(|_p, _y| todo!("dL/dy")), "dL/dy");
    expect_mistake(check_dldy(|p, y| p - y), "dropped the factor 2 of (ŷ − y)²");
    expect_mistake(check_dldy(|p, y| 2.0 * (y - p)), "sign flipped");
    expect_mistake(
        check_dldy(|p, y| (p - y).powi(2)),
        "returned the loss, not its derivative",
    );
}

#[test]
fn local_partials() {
    let dadw = |v: f64, first: bool| if first { v } else { v.sin() };
    let cos = |a: f64| a.cos();
    expect_right(check_local_partials(dadw, cos, cos, |w| w));
    expect_not_started(
        check_local_partials(dadw, cos, cos, |_w| todo!("da2/dh1")),
        "da2/dh1",
    );
    expect_mistake(
        check_local_partials(|v, _first| v.sin(), cos, cos, |w| w),
        "applied the activation to the input for the first weight",
    );
    expect_mistake(
        check_local_partials(|v, _first| v, cos, cos, |w| w),
        "left the activation out for the second weight",
    );
    let sin = |a: f64| a.sin();
    expect_mistake(
        check_local_partials(dadw, sin, sin, |w| w),
        "used the activation instead of its derivative",
    );
    expect_mistake(
        check_local_partials(dadw, cos, cos, |_w| 1.0),
        "∂a2/∂h1 taken as 1",
    );
}

/// The chain written out as the exercise asks, with switches for the mistakes.
fn chain(
    w: [f64; 2],
    x: &[f64],
    y: &[f64],
    mean: bool,
    with_cos_a2: bool,
    two: f64,
    sign: f64,
) -> [f64; 2] {
    let (mut g2, mut g1) = (0.0, 0.0);
    for (&xi, &yi) in x.iter().zip(y) {
        let a1 = xi * w[0];
        let h1 = a1.sin();
        let a2 = h1 * w[1];
        let yhat = a2.sin();
        let up = sign * two * (yhat - yi) * if with_cos_a2 { a2.cos() } else { 1.0 };
        g2 += up * h1;
        g1 += up * w[1] * a1.cos() * xi;
    }
    let n = if mean { x.len() as f64 } else { 1.0 };
    [g2 / n, g1 / n]
}

#[test]
fn dldw() {
    expect_right(check_dldw(|w, x, y| chain(w, x, y, true, true, 2.0, 1.0)));
    expect_not_started(
        check_dldw(|_w, _x, _y| todo!("[dL/dw2, dL/dw1]")),
        "[dL/dw2, dL/dw1]",
    );
    expect_mistake(
        check_dldw(|w, x, y| chain(w, x, y, false, true, 2.0, 1.0)),
        "summed over the points instead of taking the mean",
    );
    expect_mistake(
        check_dldw(|w, x, y| {
            let [g2, g1] = chain(w, x, y, true, true, 2.0, 1.0);
            [g1, g2]
        }),
        "returned [∂L/∂w1, ∂L/∂w2]",
    );
    expect_mistake(
        check_dldw(|w, x, y| chain(w, x, y, true, false, 2.0, 1.0)),
        "forgot the output activation's derivative cos(a2)",
    );
    expect_mistake(
        check_dldw(|w, x, y| chain(w, x, y, true, true, 1.0, 1.0)),
        "dropped the factor 2 of (ŷ − y)²",
    );
    expect_mistake(
        check_dldw(|w, x, y| chain(w, x, y, true, true, 2.0, -1.0)),
        "sign flipped",
    );
}

// ---- 05 1-D backprop ------------------------------------------------------------

/// A learner's `backprop_1d`.
type Backprop1dFn = dyn Fn(&Net1d, f64, f64) -> ([f64; 3], [f64; 3]);

/// BP1–BP4 in scalars, with switches for the mistakes.
#[allow(clippy::too_many_arguments)]
fn bp1d(
    net: &Net1d,
    x: f64,
    y: f64,
    prime: bool,
    prime_at_a: bool,
    two: f64,
    sign: f64,
    bp4_input: &str,
) -> ([f64; 3], [f64; 3]) {
    let s = |v: f64| 1.0 / (1.0 + (-v).exp());
    let (mut z, mut a) = ([0.0; 3], [0.0; 3]);
    let mut prev = x;
    for i in 0..3 {
        z[i] = net.w[i] * prev + net.b[i];
        a[i] = s(z[i]);
        prev = a[i];
    }
    let slope = |i: usize| {
        let at = if prime_at_a { a[i] } else { z[i] };
        if prime {
            s(at) * (1.0 - s(at))
        } else {
            1.0
        }
    };
    let mut d = [0.0; 3];
    d[2] = sign * two * (a[2] - y) * slope(2);
    d[1] = net.w[2] * d[2] * slope(1);
    d[0] = net.w[1] * d[1] * slope(0);
    let input = |i: usize| match (bp4_input, i) {
        ("a_prev", 0) | ("z_prev", 0) => x,
        ("a_prev", i) => a[i - 1],
        ("z_prev", i) => z[i - 1],
        (_, i) => a[i],
    };
    ([input(0) * d[0], input(1) * d[1], input(2) * d[2]], d)
}

#[test]
fn backprop_1d() {
    let right = |n: &Net1d, x, y| bp1d(n, x, y, true, false, 2.0, 1.0, "a_prev");
    expect_right(check_backprop_1d(right));
    expect_not_started(
        check_backprop_1d(|_n, _x, _y| todo!("backprop for the 1-D network")),
        "backprop for the 1-D network",
    );
    let cases: [(&str, Box<Backprop1dFn>); 6] = [
        (
            "forgot σ′",
            Box::new(|n, x, y| bp1d(n, x, y, false, false, 2.0, 1.0, "a_prev")),
        ),
        (
            "dropped the factor 2 of (a3 − y)²",
            Box::new(|n, x, y| bp1d(n, x, y, true, false, 1.0, 1.0, "a_prev")),
        ),
        (
            "used z where a belongs",
            Box::new(|n, x, y| bp1d(n, x, y, true, false, 2.0, 1.0, "z_prev")),
        ),
        (
            "off-by-one layer index",
            Box::new(|n, x, y| bp1d(n, x, y, true, false, 2.0, 1.0, "a_own")),
        ),
        (
            "sign flipped",
            Box::new(|n, x, y| bp1d(n, x, y, true, false, 2.0, -1.0, "a_prev")),
        ),
        (
            "σ′ taken at a instead of z",
            Box::new(|n, x, y| bp1d(n, x, y, true, true, 2.0, 1.0, "a_prev")),
        ),
    ];
    for (name, f) in cases {
        expect_mistake(check_backprop_1d(f), name);
    }
}

#[test]
fn choose_falls_back_to_the_reference_until_right() {
    let wrong = check_dldy(|p, y| p - y);
    assert_eq!(wrong.choose("mine", "reference"), "reference");
    assert!(wrong.source().contains("reference"));
    let right = check_dldy(|p, y| 2.0 * (p - y));
    assert_eq!(right.choose("mine", "reference"), "mine");
    assert_eq!(right.source(), "your dldy");
}
