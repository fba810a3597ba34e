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
    let text = r.to_string();
    assert!(text.contains("wrong"), "{text}");
    // The name is the first rung of the hint ladder.
    let hint = r.hint();
    assert!(hint.text.contains(name), "{hint}\n{text}");
}

// ---- 07 MiniFlow ------------------------------------------------------------

/// A learner's `Sigmoid.backward`: each outbound node's `∂C/∂s` times
/// `slope(s)`, added up as the lesson's loop does.
fn each_outbound(
    s: &ArrayD<f64>,
    grads: &[ArrayD<f64>],
    slope: impl Fn(f64) -> f64,
) -> ArrayD<f64> {
    let mut total = ArrayD::zeros(s.raw_dim());
    for g in grads {
        total += &(s.mapv(&slope) * g);
    }
    total
}

#[test]
fn sigmoid_backward() {
    expect_right(check_sigmoid_backward(|s, gs| {
        each_outbound(s, gs, |v| v * (1.0 - v))
    }));
    expect_not_started(
        check_sigmoid_backward(|_s, _gs| todo!("the sigmoid's backward step")),
        "the sigmoid's backward step",
    );
    expect_mistake(
        check_sigmoid_backward(|s, gs| {
            let mut total = ArrayD::zeros(s.raw_dim());
            for _g in gs {
                total += &s.mapv(|v| v * (1.0 - v));
            }
            total
        }),
        "forgot the upstream gradient ∂C/∂s in the chain rule",
    );
    expect_mistake(
        check_sigmoid_backward(|s, gs| {
            let sig = s.mapv(|v| 1.0 / (1.0 + (-v).exp()));
            each_outbound(&sig, gs, |v| v * (1.0 - v))
        }),
        "σ′ at a (the stored value s) instead of at f in the slope ∂s/∂f",
    );
    expect_mistake(
        check_sigmoid_backward(|s, gs| each_outbound(s, gs, |v| v * (v - 1.0))),
        "sign flipped in the slope ∂s/∂f",
    );
    expect_mistake(
        check_sigmoid_backward(|s, gs| each_outbound(s, gs, |v| v)),
        "σ instead of σ′ (dropped the (1 − s)) in the slope ∂s/∂f",
    );
    // The loop over the outbound nodes: `=` for `+=`, and the first one only.
    expect_mistake(
        check_sigmoid_backward(|s, gs| {
            let mut total = ArrayD::zeros(s.raw_dim());
            for g in gs {
                total = s.mapv(|v| v * (1.0 - v)) * g;
            }
            total
        }),
        "overwrote instead of adding (only the last outbound node counted) in the sum over outbound nodes",
    );
    expect_mistake(
        check_sigmoid_backward(|s, gs| s.mapv(|v| v * (1.0 - v)) * &gs[0]),
        "only the first outbound node in the sum over outbound nodes",
    );
    // A step of the wrong shape is reported, not a panic.
    let r = check_sigmoid_backward(|_s, _gs| ndarray::ArrayD::zeros(ndarray::IxDyn(&[3])));
    let Verdict::Wrong(f) = &r.verdict else {
        panic!("a wrong shape is a wrong answer: {r}")
    };
    assert!(f.got.contains("shape"), "{r}");
}

/// The lesson's quiz graph, sorted and fed: `(graph, order, [X, W, b, y])`.
fn lesson_quiz() -> (MiniFlow, Vec<FlowId>, [FlowId; 4]) {
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
    (g, order, [x, w, b, y])
}

#[test]
fn the_plugged_in_step_drives_the_graph() {
    // The lesson's quiz with a wrong step: the gradient of b is no longer the
    // lesson's -5.01028709e-05 (its printed value).
    let (mut g, order, [_x, _w, b, _y]) = lesson_quiz();
    g.forward_and_backward_with(&order, |s, gs| each_outbound(s, gs, |v| v * (1.0 - v)))
        .unwrap();
    assert!((g.grad(b).unwrap()[[0]] - -5.01028709e-05).abs() < 1e-12);
    g.forward_and_backward_with(&order, |s, _gs| s.mapv(|v| v * (1.0 - v)))
        .unwrap();
    let got = g.grad(b).unwrap()[[0]];
    assert!(
        (got - -5.01028709e-05).abs() > 1e-3 * 5.01028709e-05,
        "{got}"
    );
}

#[test]
fn linear_backward() {
    use ndarray::Axis;
    expect_right(check_linear_backward(|x, w, g| {
        (g.dot(&w.t()), x.t().dot(g), g.sum_axis(Axis(0)))
    }));
    expect_not_started(
        check_linear_backward(|_x, _w, _g| todo!("Linear's backward step")),
        "Linear's backward step",
    );
    expect_mistake(
        check_linear_backward(|x, w, g| (g.dot(&w.t()), x.dot(g), g.sum_axis(Axis(0)))),
        "X not transposed in ∂C/∂W",
    );
    expect_mistake(
        check_linear_backward(|x, w, g| {
            (g.dot(&w.t()), x.t().dot(g), g.mean_axis(Axis(0)).unwrap())
        }),
        "mean instead of sum in ∂C/∂b",
    );
    expect_mistake(
        check_linear_backward(|x, w, g| (g.dot(&w.t()), x.t().dot(g), g.row(0).to_owned())),
        "not summed (the first example only) in ∂C/∂b",
    );
    expect_mistake(
        check_linear_backward(|x, w, g| {
            (
                w.dot(&g.t()).t().to_owned() * -1.0,
                x.t().dot(g) * -1.0,
                g.sum_axis(Axis(0)) * -1.0,
            )
        }),
        "sign flipped everywhere (∂C/∂X, ∂C/∂W and ∂C/∂b)",
    );
    // W not transposed in ∂C/∂X: in the lab's case G (2, 1) · W (2, 1) cannot
    // be formed, so the learner's own code panics and the report shows the
    // panic; where W is square it runs, and the mistake is named.
    let r = check_linear_backward(|x, w, g| (g.dot(w), x.t().dot(g), g.sum_axis(Axis(0))));
    let Verdict::Wrong(f) = &r.verdict else {
        panic!("a panic is a wrong answer: {r}")
    };
    assert!(f.got.contains("a panic"), "{r}");
    assert_eq!(r.mistake(), Some("W not transposed in ∂C/∂X"), "{r}");
    // A ∂C/∂b of the wrong length is reported with its shape, not a panic.
    let r = check_linear_backward(|x, w, g| (g.dot(&w.t()), x.t().dot(g), g.sum_axis(Axis(1))));
    let Verdict::Wrong(f) = &r.verdict else {
        panic!("a wrong shape is a wrong answer: {r}")
    };
    assert!(f.got.contains("∂C/∂b of shape (2,)"), "{r}");
    assert_eq!(
        r.mistake(),
        Some("summed over the wrong axis in ∂C/∂b"),
        "{r}"
    );
}

#[test]
fn the_plugged_in_linear_step_drives_the_graph() {
    // The lesson's printed gradient of W is [5.01028709e-05, 1.00205742e-04];
    // with the right Linear step plugged in it comes out so, and with ∂C/∂W
    // left at zero it does not.
    let (mut g, order, [_x, w, _b, _y]) = lesson_quiz();
    g.forward_and_backward_with_linear(&order, |x, w, g| {
        (g.dot(&w.t()), x.t().dot(g), g.sum_axis(ndarray::Axis(0)))
    })
    .unwrap();
    let dw = g.grad(w).unwrap().clone();
    assert!((dw[[0, 0]] - 5.01028709e-05).abs() < 1e-12, "{dw}");
    assert!((dw[[1, 0]] - 1.00205742e-04).abs() < 1e-12, "{dw}");
    g.forward_and_backward_with_linear(&order, |_x, w, g| {
        (
            g.dot(&w.t()),
            Array2::zeros(w.raw_dim()),
            g.sum_axis(ndarray::Axis(0)),
        )
    })
    .unwrap();
    assert_eq!(g.grad(w).unwrap().sum(), 0.0);
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
        "the derivative returns the activation itself in der_act",
    );
    expect_mistake(
        check_activation(my_sin, |x| -x.cos()),
        "sign flipped in der_act",
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
        "degrees instead of radians everywhere (act and der_act)",
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
        "applied the activation to the input in dadw(v, true) = ∂a1/∂w1",
    );
    expect_mistake(
        check_local_partials(|v, _first| v, cos, cos, |w| w),
        "left the activation out in dadw(v, false) = ∂a2/∂w2",
    );
    let sin = |a: f64| a.sin();
    expect_mistake(
        check_local_partials(dadw, sin, sin, |w| w),
        "used the activation instead of its derivative everywhere (dhda = ∂h1/∂a1 and dyda = ∂ŷ/∂a2)",
    );
    expect_mistake(
        check_local_partials(dadw, cos, cos, |_w| 1.0),
        "forgot the weight w2 in dadh = ∂a2/∂h1",
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
        "sum instead of mean everywhere (∂L/∂w2 and ∂L/∂w1)",
    );
    expect_mistake(
        check_dldw(|w, x, y| {
            let [g2, g1] = chain(w, x, y, true, true, 2.0, 1.0);
            [g1, g2]
        }),
        "swapped the two entries in the returned pair",
    );
    expect_mistake(
        check_dldw(|w, x, y| chain(w, x, y, true, false, 2.0, 1.0)),
        "forgot the output activation's derivative cos(a2) everywhere (∂L/∂w2 and ∂L/∂w1)",
    );
    expect_mistake(
        check_dldw(|w, x, y| chain(w, x, y, true, true, 1.0, 1.0)),
        "dropped the factor 2 of (ŷ − y)² everywhere (∂L/∂w2 and ∂L/∂w1)",
    );
    expect_mistake(
        check_dldw(|w, x, y| chain(w, x, y, true, true, 2.0, -1.0)),
        "sign flipped everywhere (∂L/∂w2 and ∂L/∂w1)",
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
            "forgot σ′ everywhere (BP1, BP2 (layer 2) and BP2 (layer 1))",
            Box::new(|n, x, y| bp1d(n, x, y, false, false, 2.0, 1.0, "a_prev")),
        ),
        (
            "dropped the factor 2 of (a3 − y)² in BP1",
            Box::new(|n, x, y| bp1d(n, x, y, true, false, 1.0, 1.0, "a_prev")),
        ),
        (
            "used z where a belongs in BP4 (layer 2) and BP4 (layer 3)",
            Box::new(|n, x, y| bp1d(n, x, y, true, false, 2.0, 1.0, "z_prev")),
        ),
        (
            "off-by-one layer index everywhere (BP4 (layer 1), BP4 (layer 2) and BP4 (layer 3))",
            Box::new(|n, x, y| bp1d(n, x, y, true, false, 2.0, 1.0, "a_own")),
        ),
        (
            "sign flipped in BP1",
            Box::new(|n, x, y| bp1d(n, x, y, true, false, 2.0, -1.0, "a_prev")),
        ),
        (
            "σ′ at a instead of z everywhere (BP1, BP2 (layer 2) and BP2 (layer 1))",
            Box::new(|n, x, y| bp1d(n, x, y, true, true, 2.0, 1.0, "a_prev")),
        ),
    ];
    for (name, f) in cases {
        expect_mistake(check_backprop_1d(f), name);
    }
}

/// A mistake that touches the whole computation leaves no step to call
/// right: the report must not say the only step is "written right".
#[test]
fn a_whole_computation_mistake_calls_no_step_right() {
    let abs = check_dldy(|p, y| 2.0 * (p - y).abs());
    assert_eq!(abs.mistake(), Some("took the absolute value |ŷ − y|"));
    let text = abs.to_string();
    assert!(text.contains("Look at the whole computation."), "{text}");
    assert!(!text.contains("written right"), "{text}");
    // A slip at one step still names the others as right.
    let bp1 = check_backprop_per_neuron(|n, x, y| neurons(n, x, y, true, false, -1.0, "a_prev"));
    assert_eq!(bp1.mistake(), Some("sign flipped in BP1"));
    let text = bp1.to_string();
    assert!(text.contains("Look at BP1."), "{text}");
    assert!(
        text.contains("BP2, BP3 and BP4 are written right"),
        "{text}"
    );
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

// ---- 06 backprop in a network --------------------------------------------------

/// `(σ′ on, W transposed, sign, what BP4 multiplies by)` for a mistaken backprop.
type BackpropSwitches = (bool, bool, f64, &'static str);

/// The backprop mistakes, each with the switches that make it.
/// A slip made everywhere is named with every place it is made; a transposed
/// W or aˡ in BP4 panics where the layers differ in size, and the check
/// explains those panics with the same mistake.
const BACKPROP_WRONG: [(&str, BackpropSwitches); 5] = [
    (
        "forgot σ′ everywhere (BP1, BP2 (layer 1) and BP2 (layer 2))",
        (false, false, 1.0, "a_prev"),
    ),
    (
        "transposed W everywhere (BP2 (layer 1) and BP2 (layer 2))",
        (true, true, 1.0, "a_prev"),
    ),
    (
        "off-by-one layer everywhere (BP4 (layer 1), BP4 (layer 2) and BP4 (layer 3))",
        (true, false, 1.0, "a_own"),
    ),
    ("sign flipped in BP1", (true, false, -1.0, "a_prev")),
    (
        "z where a belongs in BP4 (layer 2) and BP4 (layer 3)",
        (true, false, 1.0, "z_prev"),
    ),
];

/// Loops over neurons, as notebook 06 writes them, with switches for the mistakes.
fn neurons(
    net: &Network,
    x: &[f64],
    y: &[f64],
    prime: bool,
    transpose: bool,
    sign: f64,
    into: &str,
) -> LayerGradients {
    let (ws, bs) = (net.weights(), net.biases());
    let n = ws.len();
    let s = |v: f64| 1.0 / (1.0 + (-v).exp());
    let sp = |v: f64| if prime { s(v) * (1.0 - s(v)) } else { 1.0 };
    let mut zs: Vec<Vec<f64>> = Vec::new();
    let mut acts = vec![x.to_vec()];
    for (w, b) in ws.iter().zip(&bs) {
        let prev = acts.last().unwrap().clone();
        let z: Vec<f64> = (0..w.nrows())
            .map(|j| b[[j, 0]] + (0..w.ncols()).map(|k| w[[j, k]] * prev[k]).sum::<f64>())
            .collect();
        acts.push(z.iter().map(|&v| s(v)).collect());
        zs.push(z);
    }
    let mut deltas = vec![Vec::new(); n];
    deltas[n - 1] = (0..y.len())
        .map(|j| sign * (acts[n][j] - y[j]) * sp(zs[n - 1][j]))
        .collect();
    for l in (0..n - 1).rev() {
        let w = &ws[l + 1];
        deltas[l] = (0..ws[l].nrows())
            .map(|k| {
                let sum: f64 = (0..w.nrows())
                    .map(|j| if transpose { w[[k, j]] } else { w[[j, k]] } * deltas[l + 1][j])
                    .sum();
                sum * sp(zs[l][k])
            })
            .collect();
    }
    let mut nw = Vec::new();
    let mut nb = Vec::new();
    for l in 0..n {
        let a_in: Vec<f64> = match (into, l) {
            ("a_prev", _) => acts[l].clone(),
            ("a_own", _) => acts[l + 1].clone(),
            (_, 0) => x.to_vec(),
            (_, l) => zs[l - 1].clone(),
        };
        nw.push(Array2::from_shape_fn(ws[l].dim(), |(j, k)| {
            deltas[l][j] * a_in[k]
        }));
        nb.push(Array2::from_shape_fn(bs[l].dim(), |(j, _)| deltas[l][j]));
    }
    (nw, nb)
}

#[test]
fn backprop_per_neuron_check() {
    expect_right(check_backprop_per_neuron(|n, x, y| {
        neurons(n, x, y, true, false, 1.0, "a_prev")
    }));
    expect_not_started(
        check_backprop_per_neuron(|_n, _x, _y| todo!("nabla_w, nabla_b")),
        "nabla_w, nabla_b",
    );
    for (name, m) in BACKPROP_WRONG {
        let r = check_backprop_per_neuron(|n, x, y| {
            let (p, t, s, into) = m;
            neurons(n, x, y, p, t, s, into)
        });
        expect_mistake(r, name);
    }
}

/// The vector equations with ndarray, with switches for the mistakes.
fn vector_form(
    net: &Network,
    x: &Array2<f64>,
    y: &Array2<f64>,
    prime: bool,
    transpose: bool,
    sign: f64,
    into: &str,
) -> LayerGradients {
    let ws = net.weights();
    let bs = net.biases();
    let n = ws.len();
    let mut zs = Vec::new();
    let mut acts = vec![x.clone()];
    for (w, b) in ws.iter().zip(&bs) {
        let z = w.dot(acts.last().unwrap()) + b;
        acts.push(z.mapv(sigmoid));
        zs.push(z);
    }
    let sp = |z: &Array2<f64>| {
        if prime {
            z.mapv(sigmoid_prime)
        } else {
            z.mapv(|_| 1.0)
        }
    };
    let mut nw = vec![Array2::zeros((0, 0)); n];
    let mut nb = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * sign * sp(&zs[n - 1]);
    for l in (0..n).rev() {
        if l < n - 1 {
            let w = &ws[l + 1];
            let back = if transpose {
                w.dot(&delta)
            } else {
                w.t().dot(&delta)
            };
            delta = back * sp(&zs[l]);
        }
        let a_in = match (into, l) {
            ("a_prev", _) => acts[l].clone(),
            ("a_own", _) => acts[l + 1].clone(),
            (_, 0) => x.clone(),
            (_, l) => zs[l - 1].clone(),
        };
        nw[l] = delta.dot(&a_in.t());
        nb[l] = delta.clone();
    }
    (nw, nb)
}

#[test]
fn backprop_vector_check() {
    expect_right(check_backprop_vector(|n, x, y| {
        vector_form(n, x, y, true, false, 1.0, "a_prev")
    }));
    expect_not_started(
        check_backprop_vector(|_n, _x, _y| todo!("the four equations")),
        "the four equations",
    );
    for (name, m) in BACKPROP_WRONG {
        let r = check_backprop_vector(|n, x, y| {
            let (p, t, s, into) = m;
            vector_form(n, x, y, p, t, s, into)
        });
        expect_mistake(r, name);
    }
}

/// The walkthrough's `set_params` written as a learner would, with switches for
/// the mistakes: where the weights and the biases start reading, whether the
/// read position moves on after each matrix, and row- or column-order filling.
fn unflatten_by_hand(
    theta: &[f64],
    w: &[Array2<f64>],
    b: &[Array2<f64>],
    starts: (Option<usize>, Option<usize>),
    advance: bool,
    by_columns: bool,
) -> (Vec<Array2<f64>>, Vec<Array2<f64>>) {
    let n_w: usize = w.iter().map(|m| m.len()).sum();
    let read = |like: &[Array2<f64>], from: usize| -> Vec<Array2<f64>> {
        let mut pointer = from;
        let mut out = Vec::new();
        for m in like {
            let chunk = theta[pointer..pointer + m.len()].to_vec();
            let shape = m.raw_dim();
            out.push(if by_columns {
                Array2::from_shape_vec((shape[0], shape[1]).f(), chunk).unwrap()
            } else {
                Array2::from_shape_vec(shape, chunk).unwrap()
            });
            if advance {
                pointer += m.len();
            }
        }
        out
    };
    let (w_from, b_from) = (starts.0.unwrap_or(0), starts.1.unwrap_or(n_w));
    (read(w, w_from), read(b, b_from))
}

#[test]
fn unflatten_check() {
    expect_right(check_unflatten(|t, w, b| {
        unflatten_by_hand(t, w, b, (None, None), true, false)
    }));
    expect_not_started(
        check_unflatten(|_t, _w, _b| todo!("weights and biases from theta")),
        "weights and biases from theta",
    );
    expect_mistake(
        check_unflatten(|t, w, b| {
            let n_b: usize = b.iter().map(|m| m.len()).sum();
            unflatten_by_hand(t, w, b, (Some(n_b), Some(0)), true, false)
        }),
        "wrong order: biases read first",
    );
    expect_mistake(
        check_unflatten(|t, w, b| unflatten_by_hand(t, w, b, (None, None), true, true)),
        "filled column by column",
    );
    expect_mistake(
        check_unflatten(|t, w, b| unflatten_by_hand(t, w, b, (Some(0), Some(0)), false, false)),
        "read position not advanced",
    );
    expect_mistake(
        check_unflatten(|t, w, b| unflatten_by_hand(t, w, b, (None, Some(0)), true, false)),
        "read position restarted at θ[0] for the biases",
    );
    // Handing back the templates is wrong: θ holds other numbers.
    expect_mistake(
        check_unflatten(|_t, w, b| (w.to_vec(), b.to_vec())),
        "returned the templates, ignoring θ",
    );
    // Transposed weight matrices (the biases right) are no catalogued
    // mistake; the report names the first wrong shape, both shapes given.
    let r = check_unflatten(|t, w, b| {
        let (w, b) = unflatten_by_hand(t, w, b, (None, None), true, false);
        (w.iter().map(|m| m.t().to_owned()).collect(), b)
    });
    let d = r.mistake().unwrap_or_default();
    assert!(d.contains("W¹ is (2, 3); it must be (3, 2)"), "{r}");
}

#[test]
fn flatten_check() {
    let rows =
        |ms: &[Array2<f64>]| -> Vec<f64> { ms.iter().flat_map(|m| m.iter().copied()).collect() };
    expect_right(check_flatten(|w, b| [rows(w), rows(b)].concat()));
    expect_not_started(check_flatten(|_w, _b| todo!("theta")), "theta");
    expect_mistake(
        check_flatten(|w, b| [rows(b), rows(w)].concat()),
        "wrong order: biases before weights",
    );
    expect_mistake(
        check_flatten(|w, b| {
            let mut v = Vec::new();
            for m in w.iter().chain(b) {
                for k in 0..m.ncols() {
                    for j in 0..m.nrows() {
                        v.push(m[[j, k]]);
                    }
                }
            }
            v
        }),
        "columns instead of rows",
    );
    expect_mistake(
        check_flatten(|w, b| {
            let mut v = Vec::new();
            for (wl, bl) in w.iter().zip(b) {
                v.extend(wl.iter());
                v.extend(bl.iter());
            }
            v
        }),
        "wrong order: weights and biases interleaved by layer",
    );
}

#[test]
fn numerical_gradient_check() {
    let two_sided = |c: &dyn Fn(&[f64]) -> f64, t: &[f64], e: f64| -> Vec<f64> {
        let mut p = t.to_vec();
        (0..t.len())
            .map(|i| {
                p[i] = t[i] + e;
                let plus = c(&p);
                p[i] = t[i] - e;
                let minus = c(&p);
                p[i] = t[i];
                (plus - minus) / (2.0 * e)
            })
            .collect()
    };
    expect_right(check_numerical_gradient(two_sided));
    expect_not_started(
        check_numerical_gradient(|_c, _t, _e| todo!("the differences")),
        "the differences",
    );
    expect_mistake(
        check_numerical_gradient(|c, t, e| {
            let mut p = t.to_vec();
            (0..t.len())
                .map(|i| {
                    let base = c(&p);
                    p[i] = t[i] + e;
                    let plus = c(&p);
                    p[i] = t[i];
                    (plus - base) / e
                })
                .collect()
        }),
        "one-sided difference",
    );
    expect_mistake(
        check_numerical_gradient(|c, t, e| two_sided(c, t, e).iter().map(|v| v * 2.0).collect()),
        "dropped the factor 2: divided by ε instead of 2ε",
    );
    expect_mistake(
        check_numerical_gradient(|c, t, e| {
            let mut p = t.to_vec();
            (0..t.len())
                .map(|i| {
                    p[i] = t[i] + e;
                    let plus = c(&p);
                    p[i] = t[i] - e;
                    let minus = c(&p);
                    (plus - minus) / (2.0 * e)
                })
                .collect()
        }),
        "left the nudge in place: θᵢ not restored",
    );
    expect_mistake(
        check_numerical_gradient(|c, t, e| two_sided(c, t, e).iter().map(|v| -v).collect()),
        "sign flipped in the numerator",
    );
}

// ---- 04 the forward pass ---------------------------------------------------------

/// `(bias, activation, W transposed, bias after σ)` for a mistaken forward pass.
type ForwardSwitches = (bool, bool, bool, bool);

/// A forward pass over the columns of `a`, with switches for the mistakes.
fn forward_cols(
    ws: &[Array2<f64>],
    bs: &[Array2<f64>],
    mut a: Array2<f64>,
    bias: bool,
    act: bool,
    transpose: bool,
    bias_after: bool,
) -> Array2<f64> {
    for (w, b) in ws.iter().zip(bs) {
        let z = if transpose { w.t().dot(&a) } else { w.dot(&a) };
        a = if bias_after {
            z.mapv(sigmoid) + b
        } else {
            let z = if bias { z + b } else { z };
            if act {
                z.mapv(sigmoid)
            } else {
                z
            }
        };
    }
    a
}

#[test]
fn forward_check() {
    expect_right(check_forward(|w, b, x| {
        forward_cols(w, b, x.clone(), true, true, false, false)
    }));
    expect_not_started(check_forward(|_w, _b, _x| todo!("a^L")), "a^L");
    let wrong: [(&str, ForwardSwitches); 4] = [
        (
            "forgot the bias everywhere (Wa + b (layer 1), Wa + b (layer 2) and Wa + b (layer 3))",
            (false, true, false, false),
        ),
        (
            "forgot the activation (σ) everywhere (σ(Wa + b) (layer 1), σ(Wa + b) (layer 2) and σ(Wa + b) (layer 3))",
            (true, false, false, false),
        ),
        (
            "transposed W everywhere (Wa (layer 1), Wa (layer 2) and Wa (layer 3))",
            (true, true, true, false),
        ),
        (
            "activation applied before the bias everywhere (Wa + b (layer 1), Wa + b (layer 2) and Wa + b (layer 3))",
            (true, true, false, true),
        ),
    ];
    for (name, (bias, act, t, after)) in wrong {
        expect_mistake(
            check_forward(|w, b, x| forward_cols(w, b, x.clone(), bias, act, t, after)),
            name,
        );
    }
}

#[test]
fn feedforward_batch_check() {
    let right = |w: &[Array2<f64>], b: &[Array2<f64>], x: &Array2<f64>| {
        forward_cols(w, b, x.t().to_owned(), true, true, false, false)
    };
    expect_right(check_feedforward_batch(right));
    expect_not_started(
        check_feedforward_batch(|_w, _b, _x| todo!("A^L for the batch")),
        "A^L for the batch",
    );
    expect_mistake(
        check_feedforward_batch(|w, b, x| right(w, b, x).reversed_axes()),
        "examples in rows, not columns (transposed Aᴸ) in Aᴸ",
    );
    let wrong: [(&str, (bool, bool, bool)); 3] = [
        (
            "forgot the bias everywhere (WA + b (layer 1), WA + b (layer 2) and WA + b (layer 3))",
            (false, true, false),
        ),
        (
            "forgot the activation (σ) everywhere (σ(WA + b) (layer 1), σ(WA + b) (layer 2) and σ(WA + b) (layer 3))",
            (true, false, false),
        ),
        (
            "activation applied before the bias everywhere (WA + b (layer 1), WA + b (layer 2) and WA + b (layer 3))",
            (true, true, true),
        ),
    ];
    for (name, (bias, act, after)) in wrong {
        expect_mistake(
            check_feedforward_batch(|w, b, x| {
                forward_cols(w, b, x.t().to_owned(), bias, act, false, after)
            }),
            name,
        );
    }
}

// ---- 01 computation graphs --------------------------------------------------------

#[test]
fn square_boxes_check() {
    let boxes = |w: f64, two: f64, chain: f64, constant: f64, add: bool| {
        let a = constant + 3.0 * w;
        let dj_da = two * a;
        let dj_dw = if add { 3.0 + dj_da } else { chain * dj_da };
        [a, a * a, dj_da, dj_dw]
    };
    expect_right(check_square_boxes(|w| boxes(w, 2.0, 3.0, 2.0, false)));
    // The lab's printed boxes at w = 3.
    assert_eq!(boxes(3.0, 2.0, 3.0, 2.0, false), [11.0, 121.0, 22.0, 66.0]);
    expect_not_started(
        check_square_boxes(|_w| todo!("[a, J, dJ/da, dJ/dw]")),
        "[a, J, dJ/da, dJ/dw]",
    );
    expect_mistake(
        check_square_boxes(|w| boxes(w, 2.0, 1.0, 2.0, false)),
        "forgot the chain factor ∂a/∂w = 3 in ∂J/∂w",
    );
    expect_mistake(
        check_square_boxes(|w| boxes(w, 1.0, 3.0, 2.0, false)),
        "dropped the factor 2 of a² everywhere (∂J/∂a and ∂J/∂w)",
    );
    expect_mistake(
        check_square_boxes(|w| boxes(w, 2.0, 3.0, 0.0, false)),
        "forgot the constant 2 in a",
    );
    expect_mistake(
        check_square_boxes(|w| boxes(w, 2.0, 3.0, 2.0, true)),
        "added instead of multiplied in ∂J/∂w",
    );
}

#[test]
fn network_boxes_check() {
    let boxes = |x: f64, w: f64, b: f64, y: f64, half: bool, sign: f64, by: &str| {
        let c = w * x;
        let a = c + b;
        let d = a - y;
        let (j, dj_dd) = if half {
            (d * d / 2.0, d)
        } else {
            (d * d, 2.0 * d)
        };
        let g = sign * dj_dd;
        let dj_dw = match by {
            "x" => g * x,
            "w" => g * w,
            _ => g,
        };
        [c, a, d, j, g, g, g, g, dj_dw]
    };
    expect_right(check_network_boxes(|x, w, b, y| {
        boxes(x, w, b, y, true, 1.0, "x")
    }));
    // The lab's printed boxes: c = -4, a = 4, d = 3, J = 4.5; 3, 3, 3, 3, 6.
    assert_eq!(
        boxes(2.0, -2.0, 8.0, 1.0, true, 1.0, "x"),
        [-4.0, 4.0, 3.0, 4.5, 3.0, 3.0, 3.0, 3.0, 6.0]
    );
    expect_not_started(
        check_network_boxes(|_x, _w, _b, _y| todo!("the nine boxes")),
        "the nine boxes",
    );
    expect_mistake(
        check_network_boxes(|x, w, b, y| boxes(x, w, b, y, true, 1.0, "nothing")),
        "forgot the chain factor ∂c/∂w = x in ∂J/∂w",
    );
    expect_mistake(
        check_network_boxes(|x, w, b, y| boxes(x, w, b, y, false, 1.0, "x")),
        "forgot the ½ everywhere (J and ∂J/∂d)",
    );
    expect_mistake(
        check_network_boxes(|x, w, b, y| boxes(x, w, b, y, true, -1.0, "x")),
        "sign flipped in ∂J/∂d",
    );
    expect_mistake(
        check_network_boxes(|x, w, b, y| boxes(x, w, b, y, true, 1.0, "w")),
        "swapped w and x in ∂J/∂w",
    );
}

// ---- 08 fully batched backprop ------------------------------------------------------

/// `(σ′ on, mean instead of sum, W transposed, sign, BP4 uses a^l)`.
type StackSwitches = (bool, bool, bool, f64, bool);

/// BP1–BP4 on 3-D stacks with the crate's stack helpers, as notebook 08 writes
/// them, with switches for the mistakes.
fn stacks(net: &Network, x: &Array2<f64>, y: &Array2<f64>, s: StackSwitches) -> LayerGradients {
    use backprop_lab::tensor::*;
    let (prime, mean, transpose, sign, own) = s;
    let trace = net.feedforward_batch(x).unwrap();
    let w = net.weights();
    let depth = w.len();
    let a: Vec<Array3<f64>> = trace
        .activations
        .iter()
        .map(|m| add_trailing_axis(&m.t()))
        .collect();
    let y_stack = add_trailing_axis(y);
    let n = x.nrows() as f64;
    let mut nw = vec![Array2::zeros((0, 0)); depth];
    let mut nb = vec![Array2::zeros((0, 0)); depth];
    let mut delta = Array3::zeros((0, 0, 0));
    for l in (0..depth).rev() {
        let sp = if prime {
            a[l + 1].mapv(|v| v * (1.0 - v))
        } else {
            a[l + 1].mapv(|_| 1.0)
        };
        delta = if l == depth - 1 {
            (&a[l + 1] - &y_stack) * sign * &sp
        } else if transpose {
            matmul_stack(&w[l + 1], &delta).unwrap() * &sp
        } else {
            matmul_stack(&w[l + 1].t(), &delta).unwrap() * &sp
        };
        let into = if own { &a[l + 1] } else { &a[l] };
        let scale = if mean { 1.0 / n } else { 1.0 };
        nb[l] = sum_axis0(&delta).unwrap() * scale;
        nw[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(into)).unwrap()).unwrap() * scale;
    }
    (nw, nb)
}

#[test]
fn backprop_stacks_check() {
    let right: StackSwitches = (true, false, false, 1.0, false);
    expect_right(check_backprop_stacks(|n, x, y| stacks(n, x, y, right)));
    // The stack helpers reproduce backprop_batch on the whole circles data set
    // (and so the per-example sum, which backprop_batch is tested against).
    let (cx, cy) = make_circles(1000, 0.3, 0.1, 0).unwrap();
    let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let (w, b) = stacks(&net, &cx, &cy, right);
    let by_hand = Gradients {
        nabla_w: w,
        nabla_b: b,
    };
    assert!(
        by_hand.max_relative_diff(&backprop_lab::backprop::backprop_batch(&net, &cx, &cy).unwrap())
            < 1e-12
    );
    expect_not_started(
        check_backprop_stacks(|_n, _x, _y| todo!("the stack form")),
        "the stack form",
    );
    let wrong: [(&str, StackSwitches); 5] = [
        (
            "forgot σ′ everywhere (BP1, BP2 (layer 1) and BP2 (layer 2))",
            (false, false, false, 1.0, false),
        ),
        (
            "mean instead of sum everywhere (BP3 and BP4)",
            (true, true, false, 1.0, false),
        ),
        (
            "transposed W everywhere (BP2 (layer 1) and BP2 (layer 2))",
            (true, false, true, 1.0, false),
        ),
        ("sign flipped in BP1", (true, false, false, -1.0, false)),
        (
            "off-by-one layer everywhere (BP4 (layer 1), BP4 (layer 2) and BP4 (layer 3))",
            (true, false, false, 1.0, true),
        ),
    ];
    // A transposed W, or aˡ in BP4, breaks the shapes of a network whose
    // layers differ in size: the stack helpers fail there, as the check expects.
    for (name, s) in wrong {
        let r = check_backprop_stacks(|n, x, y| stacks(n, x, y, s));
        expect_mistake(r, name);
    }
}

// ---- 08 einsum ------------------------------------------------------------------

#[test]
fn einsum_subscripts_check() {
    expect_right(check_einsum_subscripts(|| {
        ["ij,jk->ik", "nij,njk->nik", "nj,nk->jk", "ij->j"]
    }));
    // Other letters with the same meaning are just as right.
    expect_right(check_einsum_subscripts(|| {
        ["ab,bc->ac", "bxy,byz->bxz", "bp,bq->pq", "rc->c"]
    }));
    expect_not_started(
        check_einsum_subscripts(|| todo!("four subscript strings")),
        "four subscript strings",
    );
    expect_mistake(
        check_einsum_subscripts(|| ["ij,jk->ki", "nij,njk->nik", "nj,nk->jk", "ij->j"]),
        "output transposed in subscripts (a)",
    );
    // (c) written with its output transposed, the others right: the mistake
    // is named at (c), and the other three are right.
    let r = check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->kj", "ij->j"]);
    assert!(r.to_string().contains("subscripts (c)"), "{r}");
    expect_mistake(r, "output transposed in subscripts (c)");
    expect_mistake(
        check_einsum_subscripts(|| ["ij,jk->ijk", "nij,njk->nik", "nj,nk->jk", "ij->j"]),
        "kept the summed index in subscripts (a)",
    );
    expect_mistake(
        check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->ik", "nj,nk->jk", "ij->j"]),
        "summed an index the loops keep in subscripts (b)",
    );
    expect_mistake(
        check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->jk", "ij->"]),
        "summed an index the loops keep in subscripts (d)",
    );
    expect_mistake(
        check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->jk", "ij->i"]),
        "summed over the wrong axis in subscripts (d)",
    );
    // The matrix-product habit in (c): D read as (J, N). It does not fit the
    // operands with unequal sizes, and gives other numbers on the square ones.
    expect_mistake(
        check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "jn,nk->jk", "ij->j"]),
        "an operand transposed in subscripts (c)",
    );
    // Two strings wrong: both are named, each at its place.
    expect_mistake(
        check_einsum_subscripts(|| ["ij,jk->ki", "nij,njk->nik", "nj,nk->jk", "ij->i"]),
        "output transposed in subscripts (a); and summed over the wrong axis in subscripts (d)",
    );
    // A string einsum refuses is reported with einsum's reason.
    let r = check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->jk", "ijk->j"]);
    let Verdict::Wrong(f) = &r.verdict else {
        panic!("a refused string is a wrong answer: {r}")
    };
    assert!(f.got.contains("\"ijk->j\" were refused"), "{r}");
}

/// `'nij,nj->ni'` as a learner writes it, with switches for the mistakes.
fn stack_times_vectors(t: &Array3<f64>, v: &Array2<f64>, mistake: Option<&str>) -> Array2<f64> {
    let (n_len, mut i_len, mut j_len) = t.dim();
    if mistake == Some("sizes") {
        std::mem::swap(&mut i_len, &mut j_len);
    }
    let out_t = mistake == Some("out[i, n]");
    let mut out = Array2::zeros(if out_t {
        (i_len, n_len)
    } else {
        (n_len, i_len)
    });
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len {
                match mistake {
                    None | Some("sizes") => out[[n, i]] += t[[n, i, j]] * v[[n, j]],
                    Some("out[i, n]") => out[[i, n]] += t[[n, i, j]] * v[[n, j]],
                    Some("v by i") => out[[n, i]] += t[[n, i, j]] * v[[n, i]],
                    Some("v[j, n]") => out[[n, i]] += t[[n, i, j]] * v[[j, n]],
                    Some("assign") => out[[n, i]] = t[[n, i, j]] * v[[n, j]],
                    Some("v[0]") => out[[n, i]] += t[[n, i, j]] * v[[0, j]],
                    Some("added") => out[[n, i]] += t[[n, i, j]] + v[[n, j]],
                    Some("transposed") => out[[n, i]] += t[[n, j, i]] * v[[n, j]],
                    Some(other) => panic!("no such mistake {other}"),
                }
            }
        }
    }
    out
}

#[test]
fn einsum_loops_check() {
    expect_right(check_einsum_loops(|t, v| stack_times_vectors(t, v, None)));
    expect_not_started(
        check_einsum_loops(|_t, _v| todo!("the loops of 'nij,nj->ni'")),
        "the loops of 'nij,nj->ni'",
    );
    for (switch, name) in [
        ("v by i", "indexed v with i instead of j in v[n,j]"),
        ("v[j, n]", "v transposed in v[n,j]"),
        (
            "assign",
            "overwrote instead of adding (= instead of +=) in the sum over j",
        ),
        ("v[0]", "the same vector for every n in v[n,j]"),
        ("added", "added instead of multiplied in the product"),
        ("transposed", "swapped the i and j axes in t[n,i,j]"),
        ("sizes", "swapped the i and j sizes in t.dim()"),
        ("out[i, n]", "output transposed (out[[i, n]]) in out[n,i]"),
    ] {
        expect_mistake(
            check_einsum_loops(|t, v| stack_times_vectors(t, v, Some(switch))),
            name,
        );
    }
    // The sum written another way, or every example with t[0].
    let summed = |t: &Array3<f64>, v: &Array2<f64>, how: &str| {
        let (n_len, i_len, j_len) = t.dim();
        let start = if how == "product" { 1.0 } else { 0.0 };
        let mut out = Array2::from_elem((n_len, i_len), start);
        let j_end = if how == "short" { j_len - 1 } else { j_len };
        for n in 0..n_len {
            for i in 0..i_len {
                for j in 0..j_end {
                    let m = if how == "t[0]" { 0 } else { n };
                    let term = t[[m, i, j]] * v[[n, j]];
                    if how == "product" {
                        out[[n, i]] *= term;
                    } else {
                        out[[n, i]] += term;
                    }
                }
            }
        }
        if how == "mean" {
            out /= j_len as f64;
        }
        out
    };
    for (how, name) in [
        (
            "short",
            "off-by-one: the j loop stops one short in the j loop",
        ),
        (
            "mean",
            "mean instead of sum (divided by J) in the sum over j",
        ),
        (
            "product",
            "terms multiplied instead of added in the sum over j",
        ),
        ("t[0]", "the same matrix for every n in t[n,i,j]"),
    ] {
        expect_mistake(check_einsum_loops(|t, v| summed(t, v, how)), name);
    }
    // The lab's case by hand: t[0] holds 0..9 row by row and v[0] = [1, 2, 3],
    // so out[0] = [0+2+6, 3+8+15, 6+14+24] = [8, 26, 44].
    let r = check_einsum_loops(|t, v| {
        let mut out = stack_times_vectors(t, v, None);
        if t[[0, 0, 1]] == 1.0 && v[[0, 1]] == 2.0 {
            // The lab's case: the hand-computed values.
            out[[0, 0]] = 8.0;
            out[[0, 1]] = 26.0;
            out[[0, 2]] = 44.0;
        }
        out
    });
    assert!(r.is_right(), "{r}");
    let r = check_einsum_loops(|t, v| {
        let mut out = stack_times_vectors(t, v, None);
        if t[[0, 0, 1]] == 1.0 && v[[0, 1]] == 2.0 {
            out[[0, 0]] = 9.0; // one off the hand-computed 8
        }
        out
    });
    match &r.verdict {
        Verdict::Wrong(f) => {
            assert_eq!((f.case, f.quantity.as_str()), (0, "out"), "{r}");
            assert!(f.got.contains("[9, 26, 44"), "{r}");
        }
        other => panic!("{other:?}"),
    }
    // The transpose of the answer: its shape (3, 2) is in the report.
    let r = check_einsum_loops(|t, v| stack_times_vectors(t, v, None).t().to_owned());
    assert!(r.to_string().contains("(3, 2)"), "{r}");
    expect_mistake(r, "output transposed (out[[i, n]]) in out[n,i]");
}

/// A learner's softmax: exponentials over their sum, after subtracting the
/// largest activity (the check's activities reach 800, where e^z overflows).
fn shifted_softmax(z: &[f64]) -> Vec<f64> {
    let top = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - top).exp()).collect();
    let total: f64 = e.iter().sum();
    e.iter().map(|v| v / total).collect()
}

/// The same without the shift: fine for small activities only.
fn naive_softmax(z: &[f64]) -> Vec<f64> {
    let e: Vec<f64> = z.iter().map(|v| v.exp()).collect();
    let total: f64 = e.iter().sum();
    e.iter().map(|v| v / total).collect()
}

#[test]
fn output_error_check() {
    let minus =
        |a: Vec<f64>, y: &[f64]| -> Vec<f64> { a.iter().zip(y).map(|(a, y)| a - y).collect() };
    expect_right(check_output_error(|z, y| minus(shifted_softmax(z), y)));
    expect_not_started(check_output_error(|_z, _y| todo!("delta_L")), "delta_L");
    expect_mistake(
        check_output_error(|z, y| minus(naive_softmax(z), y)),
        "max not subtracted in a = softmax(z)",
    );
    expect_mistake(
        check_output_error(|z, y| minus(z.to_vec(), y)),
        "forgot the softmax in a = softmax(z)",
    );
    expect_mistake(
        check_output_error(|z, y| {
            let a = shifted_softmax(z);
            a.iter()
                .zip(y)
                .map(|(a, y)| (a - y) * a * (1.0 - a))
                .collect()
        }),
        "kept the quadratic cost's σ′ factor in δᴸ",
    );
    expect_mistake(
        check_output_error(|z, y| {
            y.iter()
                .zip(shifted_softmax(z))
                .map(|(y, a)| y - a)
                .collect()
        }),
        "sign flipped in δᴸ",
    );
    expect_mistake(
        check_output_error(|z, y| {
            shifted_softmax(z)
                .iter()
                .zip(y)
                .map(|(a, y)| 2.0 * (a - y))
                .collect()
        }),
        "factor 2 carried over from the quadratic cost in δᴸ",
    );
    expect_mistake(
        check_output_error(|z, y| {
            let a = z.iter().map(|v| 1.0 / (1.0 + (-v).exp())).collect();
            minus(a, y)
        }),
        "sigmoid instead of softmax in a = softmax(z)",
    );
    // Two slips, one in each step.
    expect_mistake(
        check_output_error(|z, y| y.iter().zip(naive_softmax(z)).map(|(y, a)| y - a).collect()),
        "max not subtracted in a = softmax(z); and sign flipped in δᴸ",
    );
    // The softmax's other slips, each computed as a learner writes it.
    let top = |z: &[f64]| z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    expect_mistake(
        check_output_error(|z, y| minus(z.iter().map(|v| (v - top(z)).exp()).collect(), y)),
        "forgot to divide by the sum in a = softmax(z)",
    );
    expect_mistake(
        check_output_error(|z, y| {
            let total: f64 = z.iter().map(|v| v.exp()).sum();
            minus(z.iter().map(|v| (v - top(z)).exp() / total).collect(), y)
        }),
        "max subtracted in the numerator only in a = softmax(z)",
    );
    expect_mistake(
        check_output_error(|z, y| {
            let total: f64 = z.iter().sum();
            minus(z.iter().map(|v| (v - top(z)).exp() / total).collect(), y)
        }),
        "divided by the sum of z, not of the exponentials in a = softmax(z)",
    );
    expect_mistake(
        check_output_error(|z, y| {
            let lse = top(z) + z.iter().map(|v| (v - top(z)).exp()).sum::<f64>().ln();
            minus(z.iter().map(|v| v - lse).collect(), y)
        }),
        "log-softmax instead of softmax in a = softmax(z)",
    );
    expect_mistake(
        check_output_error(|z, y| {
            let low = z.iter().copied().fold(f64::INFINITY, f64::min);
            let e: Vec<f64> = z.iter().map(|v| (v - low).exp()).collect();
            let total: f64 = e.iter().sum();
            minus(e.iter().map(|v| v / total).collect(), y)
        }),
        "subtracted the min, not the max in a = softmax(z)",
    );
    // The lab case by hand: softmax(2, 1, 0.1) = (0.659, 0.242, 0.099) to three
    // places, so δ[0] = 0.659 − 1 = −0.341; a learner who returns those rounded
    // values is wrong at 1e-9 and told so for δ[0].
    let r = check_output_error(|_z, _y| vec![-0.341, 0.242, 0.099]);
    match r.verdict {
        Verdict::Wrong(f) => {
            assert_eq!(f.case, 0);
            assert_eq!(f.quantity, "δ[0]");
            assert!(f.expected.starts_with("-0.34"), "{}", f.expected);
        }
        other => panic!("{other:?}"),
    }
    let r = check_output_error(|_z, _y| panic!("index out of bounds"));
    assert!(matches!(r.verdict, Verdict::Wrong(_)));
}

#[test]
fn one_hot_check() {
    let by_hand = |labels: &[usize], classes: usize| {
        let mut y = Array2::zeros((labels.len(), classes));
        for (i, &l) in labels.iter().enumerate() {
            y[[i, l]] = 1.0;
        }
        y
    };
    expect_right(check_one_hot(by_hand));
    expect_not_started(check_one_hot(|_l, _c| todo!("Y")), "Y");
    expect_mistake(
        check_one_hot(|labels, classes| by_hand(labels, classes).reversed_axes()),
        "rows and columns swapped (transposed) in the shape",
    );
    expect_mistake(
        check_one_hot(|labels, classes| {
            let mut y = Array2::zeros((labels.len(), classes));
            for (i, &l) in labels.iter().enumerate() {
                y[[i, l]] = l as f64;
            }
            y
        }),
        "wrote the label instead of 1 in the entry",
    );
    expect_mistake(
        check_one_hot(|labels, classes| by_hand(labels, classes).mapv(|v| 1.0 - v)),
        "0 at the label, 1 elsewhere in the entry",
    );
    expect_mistake(
        check_one_hot(|labels, classes| {
            let mut y = Array2::zeros((labels.len(), classes + 1));
            for (i, &l) in labels.iter().enumerate() {
                y[[i, l + 1]] = 1.0;
            }
            y
        }),
        "one column too many in the classes; and off-by-one label (label + 1) in the column",
    );
    expect_mistake(
        check_one_hot(|labels, _classes| {
            let classes = labels.iter().max().unwrap() + 1;
            by_hand(labels, classes)
        }),
        "classes from the labels in the classes",
    );
    // A panic (a label used as an index past the end) is reported, not raised.
    let r = check_one_hot(|labels, _classes| by_hand(labels, 1));
    assert!(matches!(r.verdict, Verdict::Wrong(_)));
}

#[test]
fn accuracy_check() {
    let argmax = |row: ndarray::ArrayView1<f64>| {
        let mut best = 0;
        for j in 0..row.len() {
            if row[j] > row[best] {
                best = j;
            }
        }
        best
    };
    let right = move |out: &Array2<f64>, labels: &[usize]| {
        out.rows()
            .into_iter()
            .zip(labels)
            .filter(|(r, &l)| argmax(*r) == l)
            .count()
    };
    expect_right(check_accuracy(move |o, l| {
        right(o, l) as f64 / l.len() as f64
    }));
    expect_not_started(check_accuracy(|_o, _l| todo!("accuracy")), "accuracy");
    expect_mistake(
        check_accuracy(move |o, l| right(o, l) as f64),
        "a count, not a fraction in the share",
    );
    expect_mistake(
        check_accuracy(move |o, l| 100.0 * right(o, l) as f64 / l.len() as f64),
        "a percentage, not a fraction in the share",
    );
    expect_mistake(
        check_accuracy(|o, l| {
            let hits = o
                .rows()
                .into_iter()
                .zip(l)
                .filter(|(r, &lab)| {
                    let mut worst = 0;
                    for j in 0..r.len() {
                        if r[j] < r[worst] {
                            worst = j;
                        }
                    }
                    worst == lab
                })
                .count();
            hits as f64 / l.len() as f64
        }),
        "took the smallest output in the prediction",
    );
    expect_mistake(
        check_accuracy(move |o, l| 1.0 - right(o, l) as f64 / l.len() as f64),
        "the error rate, not the accuracy in the comparison",
    );
    expect_mistake(
        check_accuracy(move |o, l| right(o, l) as f64 / o.ncols() as f64),
        "wrong axis: divided by the columns, not the rows in the share",
    );
    expect_mistake(
        check_accuracy(|o, l| {
            let mut hits = 0;
            for i in 0..o.nrows() - 1 {
                let mut best = 0;
                for j in 0..o.ncols() {
                    if o[[i, j]] > o[[i, best]] {
                        best = j;
                    }
                }
                if best == l[i] {
                    hits += 1;
                }
            }
            100.0 * hits as f64 / l.len() as f64
        }),
        "off-by-one: skipped the last row in the rows; and a percentage, not a fraction in the share",
    );
    expect_mistake(
        check_accuracy(|o, l| {
            let mut hits = 0;
            for i in 0..o.nrows() {
                let mut best = 0;
                for j in 0..o.ncols() - 1 {
                    if o[[i, j]] > o[[i, best]] {
                        best = j;
                    }
                }
                if best == l[i] {
                    hits += 1;
                }
            }
            hits as f64 / l.len() as f64
        }),
        "off-by-one: the argmax skipped the last column in the prediction",
    );
    // Integer division, a 0.5 threshold, and the largest value compared.
    expect_mistake(
        check_accuracy(move |o, l| (right(o, l) / l.len()) as f64),
        "integer division (0 unless every row is right) in the share",
    );
    expect_mistake(
        check_accuracy(|o, l| {
            let hits = (0..l.len()).filter(|&i| o[[i, l[i]]] > 0.5).count();
            hits as f64 / l.len() as f64
        }),
        "a 0.5 threshold instead of the argmax in the prediction",
    );
    expect_mistake(
        check_accuracy(|o, l| {
            let hits = (0..l.len())
                .filter(|&i| {
                    let top = o.row(i).iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    top == l[i] as f64
                })
                .count();
            hits as f64 / l.len() as f64
        }),
        "compared the largest value, not its column in the comparison",
    );
    // The hand case: 3 of the 5 rows are right, so 0.6 passes case 0 and the
    // first failure is on a random case.
    match check_accuracy(|_o, _l| 0.6).verdict {
        Verdict::Wrong(f) => assert_eq!(f.case, 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fanout_boxes_check() {
    // a feeds u = a + b and v = a·c, so ∂J/∂a = v + c·u adds two paths.
    expect_right(check_fanout_boxes(|a, b, c| {
        let (u, v) = (a + b, a * c);
        [u, v, u * v, v, u, v + c * u, v, a * u]
    }));
    expect_not_started(
        check_fanout_boxes(|_a, _b, _c| todo!("the eight boxes")),
        "the eight boxes",
    );
    expect_mistake(
        check_fanout_boxes(|a, b, c| {
            let (u, v) = (a + b, a * c);
            [u, v, u * v, v, u, v, v, a * u]
        }),
        "took only one path (forgot to add the other branch): kept the path through u in ∂J/∂a",
    );
    expect_mistake(
        check_fanout_boxes(|a, b, c| {
            let (u, v) = (a + b, a * c);
            [u, v, u * v, v, u, v * (c * u), v, a * u]
        }),
        "multiplied the two paths instead of adding them in ∂J/∂a",
    );
}

/// One step of `P − c·∇P` on every layer, with `c` from `step(eta, m)`, the
/// biases updated only when `biases` is set.
fn step_by_hand(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, c: f64, biases: bool) {
    for l in 0..w.len() {
        w[l] = &w[l] - &(c * &g.nabla_w[l]);
        if biases {
            b[l] = &b[l] - &(c * &g.nabla_b[l]);
        }
    }
}

/// A step size from `(η, m)`, whether biases are updated, and the mistake named.
type StepCase = (fn(f64, f64) -> f64, bool, &'static str);

#[test]
fn update_step_check() {
    expect_right(check_update_step(|w, b, g, eta, m| {
        step_by_hand(w, b, g, eta / m as f64, true)
    }));
    expect_not_started(
        check_update_step(|_, _, _, _, _| todo!("the update step")),
        "the update step",
    );
    // The crate sums the gradients over the batch: the division by m happens
    // here, once.
    let cases: [StepCase; 5] = [
        (
            |eta, m| -eta / m,
            true,
            "sign flipped: a step uphill everywhere",
        ),
        (|eta, _| eta, true, "the sum instead of the mean"),
        (|eta, m| eta / (m * m), true, "divided by m twice"),
        (|eta, m| eta * eta / m, true, "η applied twice"),
        (
            |eta, m| eta / m,
            false,
            "forgot to update the biases everywhere",
        ),
    ];
    for (c, biases, name) in cases {
        let r = check_update_step(move |w, b, g, eta, m| {
            step_by_hand(w, b, g, c(eta, m as f64), biases)
        });
        assert!(
            r.mistake().is_some_and(|m| m.starts_with(name)),
            "{name}: {:?}",
            r.mistake()
        );
    }
}
