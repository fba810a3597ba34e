//! Lab 03 (the chain rule on the sine network): learner answers for
//! `check_activation`, `check_dldy`, `check_local_partials` and `check_dldw`.

use super::harness::{Entry, Expect};
use backprop_lab::exercises::{check_activation, check_dldw, check_dldy, check_local_partials};
use std::f64::consts::FRAC_PI_2;

// ---------------------------------------------------------------------------
// act / der_act
// ---------------------------------------------------------------------------

fn act_sin(x: f64) -> f64 {
    x.sin()
}

fn der_cos(x: f64) -> f64 {
    x.cos()
}

fn act_sin_cos_pair(x: f64) -> f64 {
    x.sin_cos().0
}

fn der_sin_cos_pair(x: f64) -> f64 {
    x.sin_cos().1
}

fn der_shifted_sin(x: f64) -> f64 {
    // cos x = sin(x + π/2)
    (x + FRAC_PI_2).sin()
}

fn act_shifted_cos(x: f64) -> f64 {
    // sin x = cos(π/2 − x)
    (FRAC_PI_2 - x).cos()
}

fn der_minus_cos(x: f64) -> f64 {
    -x.cos()
}

fn der_minus_sin(x: f64) -> f64 {
    -x.sin()
}

fn act_cos(x: f64) -> f64 {
    x.cos()
}

fn act_degrees(x: f64) -> f64 {
    x.to_radians().sin()
}

fn der_degrees(x: f64) -> f64 {
    x.to_radians().cos()
}

fn der_cos_times_x(x: f64) -> f64 {
    // chain rule: the inside x has derivative... x?
    x.cos() * x
}

fn der_forward_difference(x: f64) -> f64 {
    let h = 0.1;
    ((x + h).sin() - x.sin()) / h
}

fn act_identity(x: f64) -> f64 {
    x
}

fn der_one(_x: f64) -> f64 {
    1.0
}

fn act_sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn der_sigmoid(x: f64) -> f64 {
    let s = 1.0 / (1.0 + (-x).exp());
    s * (1.0 - s)
}

fn der_nan(_x: f64) -> f64 {
    f64::NAN
}

fn der_cos_of_sin(x: f64) -> f64 {
    // derivative at the activation's output
    x.sin().cos()
}

fn der_minus_cos_degrees(x: f64) -> f64 {
    -x.to_radians().cos()
}

fn der_todo(_x: f64) -> f64 {
    todo!("A'(x), the derivative of A")
}

// ---------------------------------------------------------------------------
// dldy(y_pred, y) = 2(ŷ − y)
// ---------------------------------------------------------------------------

fn dldy_right_expanded(y_pred: f64, y: f64) -> f64 {
    2.0 * y_pred - 2.0 * y
}

fn dldy_right_doubled(y_pred: f64, y: f64) -> f64 {
    let diff = y_pred - y;
    diff + diff
}

fn dldy_right_mul_add(y_pred: f64, y: f64) -> f64 {
    2.0f64.mul_add(y_pred, -2.0 * y)
}

fn dldy_right_power_rule(y_pred: f64, y: f64) -> f64 {
    // d/dŷ (ŷ − y)^n = n (ŷ − y)^(n−1) with n = 2
    let n = 2;
    n as f64 * (y_pred - y).powi(n - 1)
}

// ---------------------------------------------------------------------------
// local partials: dadw, dhda, dyda, dadh
// ---------------------------------------------------------------------------

fn dadw_right(v: f64, first_weight: bool) -> f64 {
    if first_weight {
        v
    } else {
        v.sin()
    }
}

fn dadw_right_match(v: f64, first_weight: bool) -> f64 {
    match first_weight {
        true => v,
        false => v.sin(),
    }
}

fn dadw_right_indexed(v: f64, first_weight: bool) -> f64 {
    [v.sin(), v][first_weight as usize]
}

fn cos_right(a: f64) -> f64 {
    a.cos()
}

fn cos_right_shift(a: f64) -> f64 {
    (a + FRAC_PI_2).sin()
}

fn cos_right_pair(a: f64) -> f64 {
    let (_, c) = a.sin_cos();
    c
}

fn dadh_right(w: f64) -> f64 {
    w
}

fn dadh_right_diff(w: f64) -> f64 {
    // a2 = h1·w2 is linear in h1: slope = (a2(h+1) − a2(h))
    let h = 0.3;
    (h + 1.0) * w - h * w
}

fn dadw_no_sin(v: f64, _first_weight: bool) -> f64 {
    v
}

fn dadw_sin_both(v: f64, _first_weight: bool) -> f64 {
    v.sin()
}

fn dadw_swapped(v: f64, first_weight: bool) -> f64 {
    if first_weight {
        v.sin()
    } else {
        v
    }
}

fn dadw_cos_second(v: f64, first_weight: bool) -> f64 {
    if first_weight {
        v
    } else {
        v.cos()
    }
}

fn minus_cos(a: f64) -> f64 {
    -a.cos()
}

fn sin_not_cos(a: f64) -> f64 {
    a.sin()
}

fn dadh_one(_w: f64) -> f64 {
    1.0
}

fn dadh_cos(w: f64) -> f64 {
    w.cos()
}

fn nan_partial(_a: f64) -> f64 {
    f64::NAN
}

fn dadw_nan(_v: f64, _first_weight: bool) -> f64 {
    f64::NAN
}

fn dadh_todo(_w: f64) -> f64 {
    todo!("da2/dh1")
}

fn sigmoid_prime_partial(a: f64) -> f64 {
    let s = 1.0 / (1.0 + (-a).exp());
    s * (1.0 - s)
}

fn cos_of_sin(a: f64) -> f64 {
    // ŷ = sin(a), so take cos of ŷ
    a.sin().cos()
}

// ---------------------------------------------------------------------------
// dldw(w, x, y) = [mean dL/dw2, mean dL/dw1]
// ---------------------------------------------------------------------------

fn forward(w: [f64; 2], x: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let a1: Vec<f64> = x.iter().map(|xi| xi * w[0]).collect();
    let a2: Vec<f64> = a1.iter().map(|&v| v.sin() * w[1]).collect();
    let y_hat: Vec<f64> = a2.iter().map(|&v| v.sin()).collect();
    (a1, a2, y_hat)
}

fn dldw_right_loop(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = forward(w, x);
    let n = x.len();
    let mut g2 = 0.0;
    let mut g1 = 0.0;
    for i in 0..n {
        let delta = dldy_right_expanded(y_hat[i], y[i]) * cos_right(a2[i]);
        g2 += delta * dadw_right(a1[i], false);
        g1 += delta * dadh_right(w[1]) * cos_right(a1[i]) * dadw_right(x[i], true);
    }
    [g2 / n as f64, g1 / n as f64]
}

fn dldw_right_iter(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let n = x.len() as f64;
    let (s2, s1) = x
        .iter()
        .zip(y)
        .map(|(&xi, &yi)| {
            let a1 = w[0] * xi;
            let h1 = a1.sin();
            let a2 = w[1] * h1;
            let yh = a2.sin();
            let up = 2.0 * (yh - yi) * a2.cos();
            (up * h1, up * w[1] * a1.cos() * xi)
        })
        .fold((0.0, 0.0), |(p, q), (u, v)| (p + u, q + v));
    [s2 / n, s1 / n]
}

fn dldw_right_per_point_vecs(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = forward(w, x);
    let mut per_w2 = Vec::with_capacity(x.len());
    let mut per_w1 = Vec::with_capacity(x.len());
    for (i, &xi) in x.iter().enumerate() {
        let dl_dy = dldy_right_doubled(y_hat[i], y[i]);
        let dy_da2 = cos_right_pair(a2[i]);
        per_w2.push(dl_dy * dy_da2 * dadw_right_match(a1[i], false));
        per_w1.push(dl_dy * dy_da2 * w[1] * cos_right_shift(a1[i]) * xi);
    }
    let mean = |v: &Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
    [mean(&per_w2), mean(&per_w1)]
}

fn dldw_right_mean_each_step(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    // running mean: add each point's share 1/N as we go, w1 first, then w2
    let n = x.len() as f64;
    let mut g = [0.0f64; 2];
    for (xi, yi) in x.iter().zip(y.iter()) {
        let a1 = xi * w[0];
        let a2 = a1.sin() * w[1];
        let common = 2.0 * (a2.sin() - yi) * a2.cos() / n;
        g[1] += common * w[1] * a1.cos() * xi;
        g[0] += common * a1.sin();
    }
    g
}

/// The correct chain, parameterised by the learner's slips.
#[derive(Clone, Copy, Default)]
struct Slips {
    swap_order: bool,
    sum_not_mean: bool,
    no_dadh_in_w1: bool,
    no_dhda_in_w1: bool,
    a1_for_h1_in_w2: bool,
    no_dyda: bool,
    half_factor: bool,
    sign: bool,
    dhda_at_a2: bool,
    dyda_at_yhat: bool,
    no_upstream_w1: bool,
    w1_for_w2_in_dadh: bool,
}

fn chain_with(s: Slips, w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let mut dl = 2.0 * (y_hat[i] - y[i]);
        if s.half_factor {
            dl = y_hat[i] - y[i];
        }
        if s.sign {
            dl = -dl;
        }
        let dy = if s.no_dyda {
            1.0
        } else if s.dyda_at_yhat {
            y_hat[i].cos()
        } else {
            a2[i].cos()
        };
        let up = dl * dy;
        let h = if s.a1_for_h1_in_w2 {
            a1[i]
        } else {
            a1[i].sin()
        };
        g2 += up * h;
        let weight = if s.w1_for_w2_in_dadh { w[0] } else { w[1] };
        let dadh = if s.no_dadh_in_w1 { 1.0 } else { weight };
        let dhda = if s.no_dhda_in_w1 {
            1.0
        } else if s.dhda_at_a2 {
            a2[i].cos()
        } else {
            a1[i].cos()
        };
        let upstream_w1 = if s.no_upstream_w1 { 1.0 } else { up };
        g1 += upstream_w1 * dadh * dhda * x[i];
    }
    if !s.sum_not_mean {
        g2 /= n;
        g1 /= n;
    }
    if s.swap_order {
        [g1, g2]
    } else {
        [g2, g1]
    }
}

fn dldw_swapped(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            swap_order: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_sum(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            sum_not_mean: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_no_dadh(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            no_dadh_in_w1: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_no_dhda(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            no_dhda_in_w1: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_a1_for_h1(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            a1_for_h1_in_w2: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_no_dyda(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            no_dyda: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_half(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            half_factor: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_sign(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            sign: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_sum_and_swapped(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let s = Slips {
        sum_not_mean: true,
        swap_order: true,
        ..Default::default()
    };
    chain_with(s, w, x, y)
}

fn dldw_half_and_a1(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let s = Slips {
        half_factor: true,
        a1_for_h1_in_w2: true,
        ..Default::default()
    };
    chain_with(s, w, x, y)
}

fn dldw_dhda_at_a2(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            dhda_at_a2: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_dyda_at_yhat(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            dyda_at_yhat: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_no_upstream_w1(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            no_upstream_w1: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_w1_in_dadh(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    chain_with(
        Slips {
            w1_for_w2_in_dadh: true,
            ..Default::default()
        },
        w,
        x,
        y,
    )
}

fn dldw_loop_past_end(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = forward(w, x);
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..=x.len() {
        let up = 2.0 * (y_hat[i] - y[i]) * a2[i].cos();
        g2 += up * a1[i].sin();
        g1 += up * w[1] * a1[i].cos() * x[i];
    }
    [g2 / x.len() as f64, g1 / x.len() as f64]
}

fn dldw_count_never_incremented(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = forward(w, x);
    let count = 0.0; // meant to count the points
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = 2.0 * (y_hat[i] - y[i]) * a2[i].cos();
        g2 += up * a1[i].sin();
        g1 += up * w[1] * a1[i].cos() * x[i];
    }
    [g2 / count, g1 / count]
}

fn dldw_overwrote(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = 2.0 * (y_hat[i] - y[i]) * a2[i].cos();
        g2 = up * a1[i].sin();
        g1 = up * w[1] * a1[i].cos() * x[i];
    }
    [g2 / n, g1 / n]
}

fn dldw_empty_is_nan(_w: [f64; 2], _x: &[f64], _y: &[f64]) -> [f64; 2] {
    [f64::NAN, f64::NAN]
}

pub fn corpus() -> Vec<Entry> {
    vec![
        // ---------------- check_activation: right ----------------
        Entry {
            exercise: "check_activation",
            id: "right-sin-cos",
            tutor: "correct: A = sin and A′ = cos",
            expect: Expect::Right,
            run: || check_activation(act_sin, der_cos),
        },
        Entry {
            exercise: "check_activation",
            id: "right-sin-cos-pair",
            tutor: "correct: both read off f64::sin_cos",
            expect: Expect::Right,
            run: || check_activation(act_sin_cos_pair, der_sin_cos_pair),
        },
        Entry {
            exercise: "check_activation",
            id: "right-phase-shifts",
            tutor: "correct: sin x as cos(π/2 − x) and cos x as sin(x + π/2)",
            expect: Expect::Right,
            run: || check_activation(act_shifted_cos, der_shifted_sin),
        },
        Entry {
            exercise: "check_activation",
            id: "right-closures",
            tutor: "correct: closures calling f64::sin and f64::cos",
            expect: Expect::Right,
            run: || check_activation(|x: f64| f64::sin(x), |x: f64| f64::cos(x)),
        },
        // ---------------- check_activation: wrong ----------------
        Entry {
            exercise: "check_activation",
            id: "der-minus-cos",
            tutor: "der_act has a stray minus: the derivative of sin is +cos",
            expect: Expect::Wrong(&["sign flipped", "der_act"]),
            run: || check_activation(act_sin, der_minus_cos),
        },
        Entry {
            exercise: "check_activation",
            id: "der-minus-sin",
            tutor: "der_act is −sin, the derivative of cos, not of sin",
            expect: Expect::Wrong(&["der_act", "−sin|-sin|derivative of cos|the activation itself in der_act; and sign flipped"]),
            run: || check_activation(act_sin, der_minus_sin),
        },
        Entry {
            exercise: "check_activation",
            id: "der-is-sin",
            tutor: "der_act returns sin again: the activation instead of its derivative",
            expect: Expect::Wrong(&["der_act", "σ instead of σ′|A instead of A′|activation instead of|sin instead of cos|returns the activation itself"]),
            run: || check_activation(act_sin, act_sin),
        },
        Entry {
            exercise: "check_activation",
            id: "cos-and-minus-sin",
            tutor: "used cos as the activation (and −sin as its derivative): sin and cos are mixed up",
            expect: Expect::Wrong(&["act", "cos|swapped"]),
            run: || check_activation(act_cos, der_minus_sin),
        },
        Entry {
            exercise: "check_activation",
            id: "degrees",
            tutor: "treated x as degrees (to_radians) in both functions; the network works in radians",
            expect: Expect::Wrong(&["degrees|radians"]),
            run: || check_activation(act_degrees, der_degrees),
        },
        Entry {
            exercise: "check_activation",
            id: "der-cos-times-x",
            tutor: "der_act multiplies cos x by x, a chain-rule factor that is not there (the inner function is x, whose derivative is 1)",
            expect: Expect::Wrong(&["der_act", "factor|times x|x·cos|x cos"]),
            run: || check_activation(act_sin, der_cos_times_x),
        },
        Entry {
            exercise: "check_activation",
            id: "der-forward-difference",
            tutor: "der_act is a forward difference with h = 0.1, only an approximation of cos",
            expect: Expect::Wrong(&["der_act", "finite difference|numerical|approximat"]),
            run: || check_activation(act_sin, der_forward_difference),
        },
        Entry {
            exercise: "check_activation",
            id: "identity",
            tutor: "wrote the identity activation A(x) = x with A′ = 1 instead of sin and cos",
            expect: Expect::Wrong(&["identity|linear"]),
            run: || check_activation(act_identity, der_one),
        },
        Entry {
            exercise: "check_activation",
            id: "sigmoid-carried-over",
            tutor: "carried the sigmoid over from MiniFlow; this network's activation is sin",
            expect: Expect::Wrong(&["sigmoid|σ"]),
            run: || check_activation(act_sigmoid, der_sigmoid),
        },
        Entry {
            exercise: "check_activation",
            id: "der-nan",
            tutor: "der_act returns NaN, not a number",
            expect: Expect::Wrong(&["not a number", "der_act"]),
            run: || check_activation(act_sin, der_nan),
        },
        Entry {
            exercise: "check_activation",
            id: "der-at-activation",
            tutor: "der_act evaluates cos at sin x, the activation's output, instead of at x",
            expect: Expect::Wrong(&["σ′ at a|at the activation|at A(x)|cos(sin", "der_act"]),
            run: || check_activation(act_sin, der_cos_of_sin),
        },
        Entry {
            exercise: "check_activation",
            id: "degrees-and-minus",
            tutor: "two slips: degrees instead of radians, and a minus sign on the derivative",
            expect: Expect::Wrong(&["degrees|radians", "sign flipped"]),
            run: || check_activation(act_degrees, der_minus_cos_degrees),
        },
        Entry {
            exercise: "check_activation",
            id: "der-left-todo",
            tutor: "der_act still holds its todo!, so the check panics",
            expect: Expect::NotStarted,
            run: || check_activation(act_sin, der_todo),
        },
        // ---------------- check_dldy: right ----------------
        Entry {
            exercise: "check_dldy",
            id: "right-expanded",
            tutor: "correct: 2ŷ − 2y",
            expect: Expect::Right,
            run: || check_dldy(dldy_right_expanded),
        },
        Entry {
            exercise: "check_dldy",
            id: "right-diff-plus-diff",
            tutor: "correct: (ŷ − y) added to itself",
            expect: Expect::Right,
            run: || check_dldy(dldy_right_doubled),
        },
        Entry {
            exercise: "check_dldy",
            id: "right-mul-add",
            tutor: "correct: 2·ŷ + (−2y) with mul_add",
            expect: Expect::Right,
            run: || check_dldy(dldy_right_mul_add),
        },
        Entry {
            exercise: "check_dldy",
            id: "right-power-rule",
            tutor: "correct: the power rule n(ŷ − y)^(n−1) with n = 2",
            expect: Expect::Right,
            run: || check_dldy(dldy_right_power_rule),
        },
        // ---------------- check_dldy: wrong ----------------
        Entry {
            exercise: "check_dldy",
            id: "no-factor-2",
            tutor: "returned ŷ − y, the derivative of ½(ŷ − y)²; this loss has no ½, so the 2 stays",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_dldy(|y_pred, y| y_pred - y),
        },
        Entry {
            exercise: "check_dldy",
            id: "y-minus-yhat",
            tutor: "2(y − ŷ) has the sign flipped",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_dldy(|y_pred, y| 2.0 * (y - y_pred)),
        },
        Entry {
            exercise: "check_dldy",
            id: "abs-instead-of-difference",
            tutor: "wrote 2·|ŷ − y|: the absolute value loses the sign when ŷ < y",
            expect: Expect::Wrong(&["absolute value"]),
            run: || check_dldy(|y_pred, y| 2.0 * (y_pred - y).abs()),
        },
        Entry {
            exercise: "check_dldy",
            id: "returned-the-loss",
            tutor: "returned the loss (ŷ − y)² itself rather than its derivative",
            expect: Expect::Wrong(&["loss"]),
            run: || check_dldy(|y_pred, y| (y_pred - y).powi(2)),
        },
        Entry {
            exercise: "check_dldy",
            id: "divided-by-200",
            tutor: "divided one point's derivative by the data size 200; the mean belongs in dldw, not here",
            expect: Expect::Wrong(&["mean|divided|1/N|per point"]),
            run: || check_dldy(|y_pred, y| 2.0 * (y_pred - y) / 200.0),
        },
        Entry {
            exercise: "check_dldy",
            id: "missing-parentheses",
            tutor: "2.0 * y_pred - y lacks parentheses, so only ŷ is doubled",
            expect: Expect::Wrong(&["parenthes|precedence|2ŷ − y|2ŷ - y"]),
            run: || check_dldy(|y_pred, y| 2.0 * y_pred - y),
        },
        Entry {
            exercise: "check_dldy",
            id: "times-cos-yhat",
            tutor: "multiplied in a cos factor that belongs to ∂ŷ/∂a, not to ∂L/∂ŷ",
            expect: Expect::Wrong(&["cos|extra factor"]),
            run: || check_dldy(|y_pred, y| 2.0 * (y_pred - y) * y_pred.cos()),
        },
        Entry {
            exercise: "check_dldy",
            id: "nan",
            tutor: "returns NaN instead of a number",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_dldy(|_y_pred, _y| f64::NAN),
        },
        Entry {
            exercise: "check_dldy",
            id: "infinity",
            tutor: "returns infinity instead of a number",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_dldy(|_y_pred, _y| f64::INFINITY),
        },
        Entry {
            exercise: "check_dldy",
            id: "y-minus-yhat-no-2",
            tutor: "two slips: y − ŷ flips the sign and the factor 2 is missing",
            expect: Expect::Wrong(&["sign flipped", "factor 2"]),
            run: || check_dldy(|y_pred, y| y - y_pred),
        },
        Entry {
            exercise: "check_dldy",
            id: "factor-4",
            tutor: "4(ŷ − y) counts the 2 twice",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_dldy(|y_pred, y| 4.0 * (y_pred - y)),
        },
        Entry {
            exercise: "check_dldy",
            id: "forgot-target",
            tutor: "2ŷ leaves the target y out of the derivative",
            expect: Expect::Wrong(&["forgot y|target|y is missing|ignores y"]),
            run: || check_dldy(|y_pred, _y| 2.0 * y_pred),
        },
        Entry {
            exercise: "check_dldy",
            id: "plus-y",
            tutor: "2(ŷ + y) adds the target where it should be subtracted",
            expect: Expect::Wrong(&["sign flipped|added|ŷ + y"]),
            run: || check_dldy(|y_pred, y| 2.0 * (y_pred + y)),
        },
        Entry {
            exercise: "check_dldy",
            id: "one-based-index",
            tutor: "indexed the Vec [ŷ, y] from 1, so v[2] is out of bounds and it panics",
            expect: Expect::Wrong(&["panic"]),
            run: || {
                check_dldy(|y_pred, y| {
                    let v = vec![y_pred, y];
                    2.0 * (v[1] - v[2])
                })
            },
        },
        // ---------------- check_local_partials: right ----------------
        Entry {
            exercise: "check_local_partials",
            id: "right-if-else",
            tutor: "correct: v or sin v, cos, cos and w",
            expect: Expect::Right,
            run: || check_local_partials(dadw_right, cos_right, cos_right, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "right-match-shift",
            tutor: "correct: a match on first_weight and cos written as a shifted sin",
            expect: Expect::Right,
            run: || check_local_partials(dadw_right_match, cos_right_shift, cos_right_pair, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "right-indexed-array",
            tutor: "correct: dadw picks from [sin v, v] by the bool, and dadh as the slope of a line in h",
            expect: Expect::Right,
            run: || check_local_partials(dadw_right_indexed, cos_right_pair, cos_right, dadh_right_diff),
        },
        // ---------------- check_local_partials: wrong ----------------
        Entry {
            exercise: "check_local_partials",
            id: "dadw-second-no-sin",
            tutor: "for the second weight dadw returns a1 itself; it should be the activation h1 = sin(a1)",
            expect: Expect::Wrong(&["z where a belongs|sin|left the activation out", "dadw|∂a2/∂w2"]),
            run: || check_local_partials(dadw_no_sin, cos_right, cos_right, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dadw-first-sin",
            tutor: "for the first weight dadw applies sin to x, but the input layer has no activation",
            expect: Expect::Wrong(&["dadw|∂a1/∂w1", "first|input|sin"]),
            run: || check_local_partials(dadw_sin_both, cos_right, cos_right, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dadw-branches-swapped",
            tutor: "dadw's two branches are swapped: sin for the first weight, v for the second",
            expect: Expect::Wrong(&["swapped|applied the activation to the input in ∂a1/∂w1; and left the activation out in ∂a2/∂w2", "dadw|∂a1/∂w1"]),
            run: || check_local_partials(dadw_swapped, cos_right, cos_right, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dadw-second-cos",
            tutor: "for the second weight dadw returns cos(a1), the derivative, where the activation sin(a1) belongs",
            expect: Expect::Wrong(&["dadw", "cos|σ′ instead of σ|derivative instead of"]),
            run: || check_local_partials(dadw_cos_second, cos_right, cos_right, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dhda-minus-cos",
            tutor: "dhda has a stray minus sign; the derivative of sin is +cos",
            expect: Expect::Wrong(&["sign flipped", "dhda|∂h1/∂a1"]),
            run: || check_local_partials(dadw_right, minus_cos, cos_right, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dyda-sin",
            tutor: "dyda returns sin(a), the activation, instead of its derivative cos(a)",
            expect: Expect::Wrong(&["dyda|∂ŷ/∂a2", "σ instead of σ′|sin instead of cos|activation instead of"]),
            run: || check_local_partials(dadw_right, cos_right, sin_not_cos, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "both-sin",
            tutor: "both dhda and dyda return sin(a), the activation rather than its derivative",
            expect: Expect::Wrong(&["σ instead of σ′|sin instead of cos|activation instead of"]),
            run: || check_local_partials(dadw_right, sin_not_cos, sin_not_cos, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dadh-one",
            tutor: "dadh returns 1, but a2 = h1·w2 changes with h1 at the rate w2",
            expect: Expect::Wrong(&["dadh|∂a2/∂h1", "weight|w2"]),
            run: || check_local_partials(dadw_right, cos_right, cos_right, dadh_one),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dadh-cos-w",
            tutor: "dadh applies cos to the weight; a2 is linear in h1, so the derivative is just w2",
            expect: Expect::Wrong(&["dadh", "cos"]),
            run: || check_local_partials(dadw_right, cos_right, cos_right, dadh_cos),
        },
        Entry {
            exercise: "check_local_partials",
            id: "minus-cos-and-dadh-one",
            tutor: "two slips: dhda has a minus sign, and dadh returns 1 instead of w",
            expect: Expect::Wrong(&["sign flipped", "dadh|∂a2/∂h1"]),
            run: || check_local_partials(dadw_right, minus_cos, cos_right, dadh_one),
        },
        Entry {
            exercise: "check_local_partials",
            id: "all-nan",
            tutor: "every partial returns NaN",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_local_partials(dadw_nan, nan_partial, nan_partial, nan_partial),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dadh-left-todo",
            tutor: "dadh still holds its todo!, so calling it panics",
            expect: Expect::NotStarted,
            run: || check_local_partials(dadw_right, cos_right, cos_right, dadh_todo),
        },
        Entry {
            exercise: "check_local_partials",
            id: "sigmoid-prime-carried",
            tutor: "used the sigmoid's derivative σ(a)(1 − σ(a)) from MiniFlow for dhda and dyda; here the activation is sin, so it is cos",
            expect: Expect::Wrong(&["sigmoid|σ"]),
            run: || check_local_partials(dadw_right, sigmoid_prime_partial, sigmoid_prime_partial, dadh_right),
        },
        Entry {
            exercise: "check_local_partials",
            id: "dyda-at-yhat",
            tutor: "dyda evaluates cos at ŷ = sin(a), the activation, instead of at a",
            expect: Expect::Wrong(&["σ′ at a|at the activation", "dyda"]),
            run: || check_local_partials(dadw_right, cos_right, cos_of_sin, dadh_right),
        },
        // ---------------- check_dldw: right ----------------
        Entry {
            exercise: "check_dldw",
            id: "right-loop-own-partials",
            tutor: "correct: the shared factor ∂L/∂ŷ·∂ŷ/∂a2 times each weight's own factors, averaged",
            expect: Expect::Right,
            run: || check_dldw(dldw_right_loop),
        },
        Entry {
            exercise: "check_dldw",
            id: "right-iterator-fold",
            tutor: "correct: forward pass and both products per point in one iterator, folded and divided by N",
            expect: Expect::Right,
            run: || check_dldw(dldw_right_iter),
        },
        Entry {
            exercise: "check_dldw",
            id: "right-per-point-vectors",
            tutor: "correct: per-point gradients collected into vectors, then each averaged",
            expect: Expect::Right,
            run: || check_dldw(dldw_right_per_point_vecs),
        },
        Entry {
            exercise: "check_dldw",
            id: "right-running-mean",
            tutor: "correct: adds each point's share divided by N into [w2, w1] slots",
            expect: Expect::Right,
            run: || check_dldw(dldw_right_mean_each_step),
        },
        // ---------------- check_dldw: wrong ----------------
        Entry {
            exercise: "check_dldw",
            id: "order-swapped",
            tutor: "returned [∂L/∂w1, ∂L/∂w2]; the exercise wants ∂L/∂w2 first",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_dldw(dldw_swapped),
        },
        Entry {
            exercise: "check_dldw",
            id: "sum-not-mean",
            tutor: "summed over the points without dividing by N; L is a mean",
            expect: Expect::Wrong(&["sum instead of mean"]),
            run: || check_dldw(dldw_sum),
        },
        Entry {
            exercise: "check_dldw",
            id: "w1-forgot-dadh",
            tutor: "∂L/∂w1 leaves out ∂a2/∂h1 = w2",
            expect: Expect::Wrong(&["dL/dw1|∂L/∂w1", "w2|dadh|∂a2/∂h1|da2/dh1"]),
            run: || check_dldw(dldw_no_dadh),
        },
        Entry {
            exercise: "check_dldw",
            id: "w1-forgot-dhda",
            tutor: "∂L/∂w1 leaves out the hidden activation's derivative cos(a1)",
            expect: Expect::Wrong(&["dL/dw1|∂L/∂w1", "forgot σ′|forgot A′|dhda|dh/da|cos(a1)|cos a1"]),
            run: || check_dldw(dldw_no_dhda),
        },
        Entry {
            exercise: "check_dldw",
            id: "w2-uses-a1",
            tutor: "∂L/∂w2 multiplies by a1 where the activation h1 = sin(a1) belongs",
            expect: Expect::Wrong(&["z where a belongs|a1 where h1", "dL/dw2|∂L/∂w2"]),
            run: || check_dldw(dldw_a1_for_h1),
        },
        Entry {
            exercise: "check_dldw",
            id: "forgot-dyda",
            tutor: "both gradients leave out the output activation's derivative cos(a2)",
            expect: Expect::Wrong(&["forgot σ′|forgot A′|dyda|dy/da|cos(a2)|cos a2"]),
            run: || check_dldw(dldw_no_dyda),
        },
        Entry {
            exercise: "check_dldw",
            id: "no-factor-2",
            tutor: "used ŷ − y for ∂L/∂ŷ as for a ½-squared error, so both gradients are half",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_dldw(dldw_half),
        },
        Entry {
            exercise: "check_dldw",
            id: "sign-flipped",
            tutor: "∂L/∂ŷ written as 2(y − ŷ), so both gradients have the wrong sign",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_dldw(dldw_sign),
        },
        Entry {
            exercise: "check_dldw",
            id: "sum-and-swapped",
            tutor: "two slips: sums instead of means, and the pair in the order [w1, w2]",
            expect: Expect::Wrong(&["sum instead of mean", "swapped"]),
            run: || check_dldw(dldw_sum_and_swapped),
        },
        Entry {
            exercise: "check_dldw",
            id: "no-2-and-a1",
            tutor: "two slips: no factor 2 in ∂L/∂ŷ, and a1 where h1 belongs in ∂L/∂w2",
            expect: Expect::Wrong(&["factor 2", "z where a belongs|a1 where h1"]),
            run: || check_dldw(dldw_half_and_a1),
        },
        Entry {
            exercise: "check_dldw",
            id: "dhda-at-a2",
            tutor: "∂L/∂w1 evaluates dhda at a2 instead of a1, the wrong layer's affine value",
            expect: Expect::Wrong(&["dL/dw1|∂L/∂w1", "off-by-one layer|a2"]),
            run: || check_dldw(dldw_dhda_at_a2),
        },
        Entry {
            exercise: "check_dldw",
            id: "dyda-at-yhat",
            tutor: "∂ŷ/∂a2 is evaluated at ŷ (the activation) instead of at a2",
            expect: Expect::Wrong(&["σ′ at a|at the activation"]),
            run: || check_dldw(dldw_dyda_at_yhat),
        },
        Entry {
            exercise: "check_dldw",
            id: "w1-no-upstream",
            tutor: "∂L/∂w1 multiplies only its own factors and forgets ∂L/∂ŷ·∂ŷ/∂a2",
            expect: Expect::Wrong(&["forgot the upstream gradient", "dL/dw1|∂L/∂w1"]),
            run: || check_dldw(dldw_no_upstream_w1),
        },
        Entry {
            exercise: "check_dldw",
            id: "dadh-with-w1",
            tutor: "∂a2/∂h1 is taken as w[0] = w1; it is w[1] = w2",
            expect: Expect::Wrong(&["dL/dw1|∂L/∂w1", "w1|wrong weight|off-by-one"]),
            run: || check_dldw(dldw_w1_in_dadh),
        },
        Entry {
            exercise: "check_dldw",
            id: "loop-one-past-end",
            tutor: "the loop runs 0..=N, so indexing the last point + 1 panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_dldw(dldw_loop_past_end),
        },
        Entry {
            exercise: "check_dldw",
            id: "divided-by-zero-count",
            tutor: "divides by a counter that is never incremented, so the result is infinite or NaN",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_dldw(dldw_count_never_incremented),
        },
        Entry {
            exercise: "check_dldw",
            id: "assigned-not-accumulated",
            tutor: "the loop uses = instead of +=, so only the last point survives",
            expect: Expect::Wrong(&["overwrote instead of adding"]),
            run: || check_dldw(dldw_overwrote),
        },
        Entry {
            exercise: "check_dldw",
            id: "nan-placeholder",
            tutor: "returns [NaN, NaN] as a placeholder",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_dldw(dldw_empty_is_nan),
        },
    ]
}
