//! Lab 01 (computation graphs): learner answers for `check_square_boxes`,
//! `check_network_boxes` and `check_fanout_boxes`.

use super::harness::{Entry, Expect};
use backprop_lab::exercises::{check_fanout_boxes, check_network_boxes, check_square_boxes};
use backprop_lab::prelude::*;

// ---------------------------------------------------------------------------
// square_boxes: [a, J, dJ/da, dJ/dw] for J = (2 + 3w)^2
// ---------------------------------------------------------------------------

fn sq_right_plain(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a * a;
    let dj_da = 2.0 * a;
    let da_dw = 3.0;
    [a, j, dj_da, da_dw * dj_da]
}

fn sq_right_expanded(w: f64) -> [f64; 4] {
    // expanded the square: J = 9w² + 12w + 4, so dJ/dw = 18w + 12
    let j = 9.0 * w * w + 12.0 * w + 4.0;
    let dj_dw = 18.0 * w + 12.0;
    let a = 3.0f64.mul_add(w, 2.0);
    [a, j, dj_dw / 3.0, dj_dw]
}

fn sq_right_symbolic(w: f64) -> [f64; 4] {
    let a_expr = 2.0 + 3.0 * sym("w");
    let j_expr = a_expr.clone().powi(2);
    let a = a_expr.eval(&[("w", w)]).unwrap();
    let j = j_expr.eval(&[("w", w)]).unwrap();
    let dj_da = sym("a").powi(2).diff("a").eval(&[("a", a)]).unwrap();
    let dj_dw = j_expr.diff("w").eval(&[("w", w)]).unwrap();
    [a, j, dj_da, dj_dw]
}

fn sq_right_graph(w: f64) -> [f64; 4] {
    let g = Graph::new();
    let wv = g.param("w", w);
    let a = (2.0 + 3.0 * wv).named("a");
    let j = a.powi(2).named("J");
    let back = g.backward(j).unwrap();
    [back.value(a), back.value(j), back.grad(a), back.grad(wv)]
}

fn sq_forgot_local_3(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = 2.0 * a;
    let dj_dw = dj_da; // a passes straight through to w?
    [a, j, dj_da, dj_dw]
}

fn sq_dj_da_no_2(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = a;
    let dj_dw = 6.0 * a;
    [a, j, dj_da, dj_dw]
}

fn sq_no_2_everywhere(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = a;
    let dj_dw = 3.0 * dj_da;
    [a, j, dj_da, dj_dw]
}

fn sq_added(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = 2.0 * a;
    let dj_dw = 3.0 + dj_da;
    [a, j, dj_da, dj_dw]
}

fn sq_swapped_constants(w: f64) -> [f64; 4] {
    let a = 3.0 + 2.0 * w;
    let j = a.powi(2);
    let dj_da = 2.0 * a;
    let dj_dw = 2.0 * dj_da;
    [a, j, dj_da, dj_dw]
}

fn sq_swapped_grads(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = 2.0 * a;
    let dj_dw = 3.0 * dj_da;
    [a, j, dj_dw, dj_da]
}

fn sq_vec_missing(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let mut boxes = vec![a, a * a];
    boxes.push(3.0 * 2.0 * a); // dJ/dw; forgot to push dJ/da first
    boxes.try_into().unwrap()
}

fn sq_nan(_w: f64) -> [f64; 4] {
    [f64::NAN; 4]
}

fn sq_sign_dw(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = 2.0 * a;
    [a, j, dj_da, -3.0 * dj_da]
}

fn sq_no_2_and_added(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = a;
    let dj_dw = 3.0 + dj_da;
    [a, j, dj_da, dj_dw]
}

fn sq_only_local(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = 2.0 * a;
    let dj_dw = 3.0; // da/dw
    [a, j, dj_da, dj_dw]
}

fn sq_at_w(w: f64) -> [f64; 4] {
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = 2.0 * w;
    [a, j, dj_da, 3.0 * dj_da]
}

fn sq_half_cost(w: f64) -> [f64; 4] {
    // carried J = ½(...)² over from the small network below
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2) / 2.0;
    let dj_da = a;
    [a, j, dj_da, 3.0 * dj_da]
}

fn sq_one_sided(w: f64) -> [f64; 4] {
    let eps = 0.001;
    let a = 2.0 + 3.0 * w;
    let j = a.powi(2);
    let dj_da = ((a + eps).powi(2) - j) / eps;
    let dj_dw = ((2.0 + 3.0 * (w + eps)).powi(2) - j) / eps;
    [a, j, dj_da, dj_dw]
}

// ---------------------------------------------------------------------------
// network_boxes: [c, a, d, J, dJ/dd, dJ/da, dJ/dc, dJ/db, dJ/dw]
// ---------------------------------------------------------------------------

fn net_right_plain(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    let dj_dd = d;
    let dj_da = 1.0 * dj_dd;
    let dj_dc = 1.0 * dj_da;
    let dj_db = 1.0 * dj_da;
    let dj_dw = x * dj_dc;
    [c, a, d, j, dj_dd, dj_da, dj_dc, dj_db, dj_dw]
}

fn net_right_closed_form(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let err = w * x + b - y;
    let mut out = [err; 9];
    out[0] = w * x;
    out[1] = w * x + b;
    out[3] = 0.5 * err * err;
    out[8] = err * x;
    out
}

fn net_right_graph(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let g = Graph::new();
    let xv = g.input("x", x);
    let wv = g.param("w", w);
    let bv = g.param("b", b);
    let yv = g.input("y", y);
    let c = (wv * xv).named("c");
    let a = (c + bv).named("a");
    let d = (a - yv).named("d");
    let j = (d.powi(2) / 2.0).named("J");
    let back = g.backward(j).unwrap();
    let vals: Vec<f64> = [c, a, d, j].iter().map(|&v| back.value(v)).collect();
    let grads: Vec<f64> = [d, a, c, bv, wv].iter().map(|&v| back.grad(v)).collect();
    let mut out = [0.0; 9];
    out[..4].copy_from_slice(&vals);
    out[4..].copy_from_slice(&grads);
    out
}

fn net_right_backwards_vec(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    // build the derivatives right to left, then reverse them into place
    let c = w.mul_add(x, 0.0);
    let a = c + b;
    let d = a - y;
    let j = 0.5 * d.powi(2);
    let mut grads = Vec::new();
    let mut upstream = d; // dJ/dd
    grads.push(upstream);
    for local in [1.0, 1.0] {
        upstream *= local; // dJ/da, then dJ/dc
        grads.push(upstream);
    }
    let dj_db = grads[1];
    let dj_dw = grads[2] * x;
    [c, a, d, j, grads[0], grads[1], grads[2], dj_db, dj_dw]
}

fn net_w_instead_of_x(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    [c, a, d, j, d, d, d, d, d * w]
}

fn net_no_half(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    // the cost as (a − y)², as in the first graph's square
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2);
    let g = 2.0 * d;
    [c, a, d, j, g, g, g, g, g * x]
}

fn net_dj_dd_2d(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    let dj_dd = 2.0 * d; // power rule, forgot the ½ in front
    [c, a, d, j, dj_dd, dj_dd, dj_dd, dj_dd, dj_dd * x]
}

fn net_sign_da(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    let dj_dd = d;
    let dj_da = -dj_dd; // d = a − y has a minus in it
    let dj_dc = dj_da;
    let dj_db = dj_da;
    let dj_dw = x * dj_dc;
    [c, a, d, j, dj_dd, dj_da, dj_dc, dj_db, dj_dw]
}

fn net_d_y_minus_a(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = y - a;
    let j = d.powi(2) / 2.0;
    [c, a, d, j, d, d, d, d, d * x]
}

fn net_only_locals(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    // each box holds the edge's local derivative
    [c, a, d, j, d, 1.0, 1.0, 1.0, x]
}

fn net_dw_local_only(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    let dj_dw = x; // dc/dw
    [c, a, d, j, d, d, d, d, dj_dw]
}

fn net_db_local_only(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    [c, a, d, j, d, d, d, 1.0, d * x]
}

fn net_dw_added(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    let dj_dc = d;
    [c, a, d, j, d, d, dj_dc, d, x + dj_dc]
}

fn net_forgot_bias(x: f64, w: f64, _b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    [c, a, d, j, d, d, d, d, d * x]
}

fn net_swapped_db_dw(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    [c, a, d, j, d, d, d, d * x, d]
}

fn net_vec_missing(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    let boxes = vec![c, a, d, j, d, d, d, d * x]; // forgot dJ/db
    boxes.try_into().unwrap()
}

fn net_inf(_x: f64, _w: f64, _b: f64, _y: f64) -> [f64; 9] {
    [f64::INFINITY; 9]
}

fn net_no_half_no_bias(x: f64, w: f64, _b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c;
    let d = a - y;
    let j = d * d;
    let g = 2.0 * d;
    [c, a, d, j, g, g, g, g, g * x]
}

fn net_sign_and_w(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = y - a;
    let j = 0.5 * d * d;
    [c, a, d, j, d, d, d, d, d * w]
}

// ---------------------------------------------------------------------------
// fanout_boxes: [u, v, J, dJ/du, dJ/dv, dJ/da, dJ/db, dJ/dc] for u = a + b, v = a c, J = u v
// ---------------------------------------------------------------------------

fn fan_right_paths(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let dj_du = v;
    let dj_dv = u;
    let path_u = 1.0 * dj_du;
    let path_v = c * dj_dv;
    [u, v, u * v, dj_du, dj_dv, path_u + path_v, dj_du, a * dj_dv]
}

fn fan_right_expanded(a: f64, b: f64, c: f64) -> [f64; 8] {
    // J = (a + b)·a·c = a²c + abc, so dJ/da = 2ac + bc
    let u = a + b;
    let v = a * c;
    let j = a * a * c + a * b * c;
    [u, v, j, v, u, 2.0 * a * c + b * c, a * c, a * a + a * b]
}

fn fan_right_graph(a: f64, b: f64, c: f64) -> [f64; 8] {
    let g = Graph::new();
    let (av, bv, cv) = (g.param("a", a), g.param("b", b), g.param("c", c));
    let u = (av + bv).named("u");
    let v = (av * cv).named("v");
    let j = (u * v).named("J");
    let back = g.backward(j).unwrap();
    [
        back.value(u),
        back.value(v),
        back.value(j),
        back.grad(u),
        back.grad(v),
        back.grad(av),
        back.grad(bv),
        back.grad(cv),
    ]
}

fn fan_only_u_path(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let dj_du = v;
    let dj_dv = u;
    let dj_da = 1.0 * dj_du; // a goes into u
    [u, v, u * v, dj_du, dj_dv, dj_da, dj_du, a * dj_dv]
}

fn fan_only_v_path(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let dj_da = c * u; // a times c makes v, v times u makes J
    [u, v, u * v, v, u, dj_da, v, a * u]
}

fn fan_paths_multiplied(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let dj_da = (1.0 * v) * (c * u); // chain rule: multiply everything on the way
    [u, v, u * v, v, u, dj_da, v, a * u]
}

fn fan_own_factor_j(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    // dJ/du for J = u v: took u as the factor
    let dj_du = u;
    let dj_dv = v;
    [
        u,
        v,
        u * v,
        dj_du,
        dj_dv,
        dj_du + c * dj_dv,
        dj_du,
        a * dj_dv,
    ]
}

fn fan_own_factor_v(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let (dj_du, dj_dv) = (v, u);
    // v = a c: used a for dv/da and c for dv/dc
    [
        u,
        v,
        u * v,
        dj_du,
        dj_dv,
        dj_du + a * dj_dv,
        dj_du,
        c * dj_dv,
    ]
}

fn fan_db_is_one(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let dj_db = 1.0; // u = a + b, so du/db = 1
    [u, v, u * v, v, u, v + c * u, dj_db, a * u]
}

fn fan_dc_added(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let dj_dc = a + u;
    [u, v, u * v, v, u, v + c * u, v, dj_dc]
}

fn fan_only_u_and_own_factor(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let dj_du = u; // J = u v, derivative wrt u is u?
    let dj_dv = v;
    [u, v, u * v, dj_du, dj_dv, dj_du, dj_du, a * dj_dv]
}

fn fan_locals_only(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    // local derivatives of u and v, not multiplied by anything from J
    [u, v, u * v, v, u, 1.0 + c, 1.0, a]
}

fn fan_vec_short(a: f64, b: f64, c: f64) -> [f64; 8] {
    let u = a + b;
    let v = a * c;
    let boxes = vec![u, v, u * v, v, u, v + c * u, a * u];
    boxes.try_into().unwrap()
}

pub fn corpus() -> Vec<Entry> {
    vec![
        // ---------------- check_square_boxes: right ----------------
        Entry {
            exercise: "check_square_boxes",
            id: "right-plain-chain",
            tutor: "correct: a, J = a·a, ∂J/∂a = 2a and ∂J/∂w = 3·2a",
            expect: Expect::Right,
            run: || check_square_boxes(sq_right_plain),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "right-expanded-polynomial",
            tutor: "correct: expanded J into 9w² + 12w + 4 and differentiated the polynomial",
            expect: Expect::Right,
            run: || check_square_boxes(sq_right_expanded),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "right-symbolic",
            tutor: "correct: let the symbolic module differentiate and evaluated the results",
            expect: Expect::Right,
            run: || check_square_boxes(sq_right_symbolic),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "right-graph-backward",
            tutor: "correct: built the graph with Graph::new and read values and gradients off its backward pass",
            expect: Expect::Right,
            run: || check_square_boxes(sq_right_graph),
        },
        // ---------------- check_square_boxes: wrong ----------------
        Entry {
            exercise: "check_square_boxes",
            id: "dw-forgot-local-3",
            tutor: "∂J/∂w is missing the local derivative ∂a/∂w = 3: it just copies ∂J/∂a",
            expect: Expect::Wrong(&["∂J/∂w", "local derivative|factor 3|∂a/∂w"]),
            run: || check_square_boxes(sq_forgot_local_3),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "da-dropped-2-only",
            tutor: "∂J/∂a is written as a instead of 2a, though ∂J/∂w = 6a is right",
            expect: Expect::Wrong(&["factor 2", "∂J/∂a"]),
            run: || check_square_boxes(sq_dj_da_no_2),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "dropped-2-everywhere",
            tutor: "differentiated a² as a, so both derivatives are half what they should be",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_square_boxes(sq_no_2_everywhere),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "dw-added",
            tutor: "∂J/∂w adds the local derivative 3 to ∂J/∂a instead of multiplying by it",
            expect: Expect::Wrong(&["added instead of multiplied", "∂J/∂w"]),
            run: || check_square_boxes(sq_added),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "swapped-constants-in-a",
            tutor: "wrote a = 3 + 2w, swapping the 2 and the 3, so every box is off",
            expect: Expect::Wrong(&["swapped|2 + 3w|3 + 2w"]),
            run: || check_square_boxes(sq_swapped_constants),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "swapped-derivative-boxes",
            tutor: "returned ∂J/∂w in the ∂J/∂a slot and vice versa",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_square_boxes(sq_swapped_grads),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "vec-three-values-unwrap",
            tutor: "built a Vec of three values (no ∂J/∂a) and its try_into().unwrap() to [f64; 4] panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_square_boxes(sq_vec_missing),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "all-nan",
            tutor: "returns NaN in every box, a placeholder rather than an answer",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_square_boxes(sq_nan),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "dw-sign-flipped",
            tutor: "∂J/∂w has a stray minus sign: it should be +3·2a",
            expect: Expect::Wrong(&["sign flipped", "∂J/∂w"]),
            run: || check_square_boxes(sq_sign_dw),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "dropped-2-and-added",
            tutor: "two slips: ∂J/∂a lost its factor 2, and ∂J/∂w adds 3 instead of multiplying by it",
            expect: Expect::Wrong(&["factor 2", "added instead of multiplied"]),
            run: || check_square_boxes(sq_no_2_and_added),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "dw-only-local",
            tutor: "∂J/∂w is only the local derivative 3; it forgot to multiply by ∂J/∂a coming from the right",
            expect: Expect::Wrong(&["forgot the upstream gradient", "∂J/∂w"]),
            run: || check_square_boxes(sq_only_local),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "derivative-at-w",
            tutor: "evaluated ∂J/∂a = 2a at w instead of at a, so both derivatives are wrong",
            expect: Expect::Wrong(&["w instead of a|at w|w where a belongs"]),
            run: || check_square_boxes(sq_at_w),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "half-cost-carried",
            tutor: "used the second graph's J = ½a² instead of J = a², so J and both derivatives are halved",
            expect: Expect::Wrong(&["factor 2|½|half"]),
            run: || check_square_boxes(sq_half_cost),
        },
        Entry {
            exercise: "check_square_boxes",
            id: "one-sided-difference",
            tutor: "estimated the derivatives with a one-sided difference (ε = 0.001), which is off by about ε, not the exact derivative",
            expect: Expect::Wrong(&["finite difference|numerical|estimate|ε|epsilon|approximat"]),
            run: || check_square_boxes(sq_one_sided),
        },
        // ---------------- check_network_boxes: right ----------------
        Entry {
            exercise: "check_network_boxes",
            id: "right-node-by-node",
            tutor: "correct: forward values, then each local derivative times the one from the right",
            expect: Expect::Right,
            run: || check_network_boxes(net_right_plain),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "right-closed-form-fill",
            tutor: "correct: noticed every derivative but ∂J/∂w equals d and filled the array from that",
            expect: Expect::Right,
            run: || check_network_boxes(net_right_closed_form),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "right-graph-backward",
            tutor: "correct: built the network as a Graph and read the boxes off its backward pass",
            expect: Expect::Right,
            run: || check_network_boxes(net_right_graph),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "right-upstream-loop",
            tutor: "correct: carried the upstream derivative right to left in a loop over local derivatives",
            expect: Expect::Right,
            run: || check_network_boxes(net_right_backwards_vec),
        },
        // ---------------- check_network_boxes: wrong ----------------
        Entry {
            exercise: "check_network_boxes",
            id: "dw-times-w",
            tutor: "∂J/∂w multiplies by w, but ∂c/∂w for c = wx is x",
            expect: Expect::Wrong(&["∂J/∂w", "w instead of x|x|swapped"]),
            run: || check_network_boxes(net_w_instead_of_x),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "cost-without-half",
            tutor: "used J = d² as in the first graph instead of ½d², so J and every derivative are doubled",
            expect: Expect::Wrong(&["forgot the ½|factor 2"]),
            run: || check_network_boxes(net_no_half),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "dd-is-2d",
            tutor: "J = ½d² is right but ∂J/∂d was taken as 2d, dropping the ½, and that doubles every derivative after it",
            expect: Expect::Wrong(&["factor 2|forgot the ½", "∂J/∂d"]),
            run: || check_network_boxes(net_dj_dd_2d),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "da-sign-flipped",
            tutor: "∂d/∂a is +1 not −1: ∂J/∂a got a minus sign that spreads to ∂J/∂c, ∂J/∂b and ∂J/∂w",
            expect: Expect::Wrong(&["sign flipped", "∂J/∂a"]),
            run: || check_network_boxes(net_sign_da),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "d-is-y-minus-a",
            tutor: "defined d = y − a instead of a − y, so d and every derivative have the wrong sign",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_network_boxes(net_d_y_minus_a),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "locals-only-everywhere",
            tutor: "put each edge's local derivative in the boxes without multiplying by the derivative from the right",
            expect: Expect::Wrong(&["forgot the upstream gradient"]),
            run: || check_network_boxes(net_only_locals),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "dw-local-only",
            tutor: "∂J/∂w is just ∂c/∂w = x; it must be multiplied by ∂J/∂c",
            expect: Expect::Wrong(&["forgot the upstream gradient", "∂J/∂w"]),
            run: || check_network_boxes(net_dw_local_only),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "db-local-only",
            tutor: "∂J/∂b is just the local derivative 1; it must be multiplied by ∂J/∂a",
            expect: Expect::Wrong(&["forgot the upstream gradient", "∂J/∂b"]),
            run: || check_network_boxes(net_db_local_only),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "dw-added",
            tutor: "∂J/∂w adds x to ∂J/∂c instead of multiplying by it",
            expect: Expect::Wrong(&["added instead of multiplied", "∂J/∂w"]),
            run: || check_network_boxes(net_dw_added),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "forgot-bias",
            tutor: "a = c leaves out the bias, so a, d, J and every derivative are off",
            expect: Expect::Wrong(&["forgot the bias"]),
            run: || check_network_boxes(net_forgot_bias),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "swapped-db-dw",
            tutor: "returned ∂J/∂w where ∂J/∂b goes and ∂J/∂b where ∂J/∂w goes",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_network_boxes(net_swapped_db_dw),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "vec-eight-values-unwrap",
            tutor: "the Vec has only eight boxes (no ∂J/∂b), so try_into().unwrap() into [f64; 9] panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_network_boxes(net_vec_missing),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "all-infinity",
            tutor: "returns infinity in every box instead of numbers",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_network_boxes(net_inf),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "no-half-and-no-bias",
            tutor: "two slips: no ½ in the cost and no bias in a",
            expect: Expect::Wrong(&["forgot the ½|factor 2", "forgot the bias"]),
            run: || check_network_boxes(net_no_half_no_bias),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "y-minus-a-and-times-w",
            tutor: "two slips: d = y − a flips every sign, and ∂J/∂w multiplies by w instead of x",
            expect: Expect::Wrong(&["sign flipped", "w instead of x|x|swapped"]),
            run: || check_network_boxes(net_sign_and_w),
        },
        // ---------------- check_fanout_boxes: right ----------------
        Entry {
            exercise: "check_fanout_boxes",
            id: "right-two-paths",
            tutor: "correct: the path through u plus the path through v for ∂J/∂a",
            expect: Expect::Right,
            run: || check_fanout_boxes(fan_right_paths),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "right-expanded",
            tutor: "correct: multiplied J out to a²c + abc and differentiated each variable directly",
            expect: Expect::Right,
            run: || check_fanout_boxes(fan_right_expanded),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "right-graph-backward",
            tutor: "correct: built the graph with a used twice and read the boxes off backward",
            expect: Expect::Right,
            run: || check_fanout_boxes(fan_right_graph),
        },
        // ---------------- check_fanout_boxes: wrong ----------------
        Entry {
            exercise: "check_fanout_boxes",
            id: "only-through-u",
            tutor: "∂J/∂a follows a into u only; the path through v = a·c is missing",
            expect: Expect::Wrong(&["took only one path", "through u"]),
            run: || check_fanout_boxes(fan_only_u_path),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "only-through-v",
            tutor: "∂J/∂a follows a into v only (c·u); the path through u = a + b is missing",
            expect: Expect::Wrong(&["took only one path", "through v"]),
            run: || check_fanout_boxes(fan_only_v_path),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "paths-multiplied",
            tutor: "multiplied the two paths' products together instead of adding them",
            expect: Expect::Wrong(&["multiplied the two paths"]),
            run: || check_fanout_boxes(fan_paths_multiplied),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "dj-du-is-u",
            tutor: "for J = u·v took ∂J/∂u = u and ∂J/∂v = v: a product's derivative is the other factor",
            expect: Expect::Wrong(&["own factor", "∂J/∂u"]),
            run: || check_fanout_boxes(fan_own_factor_j),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "dv-da-is-a",
            tutor: "for v = a·c used a as ∂v/∂a and c as ∂v/∂c: the multiply node should swap its inputs",
            expect: Expect::Wrong(&["own factor", "∂J/∂a", "∂J/∂c"]),
            run: || check_fanout_boxes(fan_own_factor_v),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "db-is-one",
            tutor: "∂J/∂b is the local derivative 1 alone, not multiplied by ∂J/∂u",
            expect: Expect::Wrong(&["forgot the upstream gradient", "∂J/∂b"]),
            run: || check_fanout_boxes(fan_db_is_one),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "dc-added",
            tutor: "∂J/∂c adds a and ∂J/∂v instead of multiplying them",
            expect: Expect::Wrong(&["added instead of multiplied", "∂J/∂c"]),
            run: || check_fanout_boxes(fan_dc_added),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "one-path-and-own-factor",
            tutor: "two slips: ∂J/∂u = u instead of v, and ∂J/∂a keeps only the path through u",
            expect: Expect::Wrong(&["own factor", "took only one path"]),
            run: || check_fanout_boxes(fan_only_u_and_own_factor),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "locals-only",
            tutor: "wrote the local derivatives for ∂J/∂a, ∂J/∂b and ∂J/∂c without multiplying by the gradients arriving from u and v",
            expect: Expect::Wrong(&["forgot the upstream gradient"]),
            run: || check_fanout_boxes(fan_locals_only),
        },
        Entry {
            exercise: "check_fanout_boxes",
            id: "vec-seven-unwrap",
            tutor: "the Vec has seven boxes (no ∂J/∂b), so converting it to [f64; 8] panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_fanout_boxes(fan_vec_short),
        },
    ]
}
