//! Learner answers for notebook 05: `backprop_1d` (`check_backprop_1d`).
//! The cost is C0 = (a3 − y)², so ∂C0/∂a3 = 2(a3 − y).

use super::harness::{Entry, Expect};
use backprop_lab::exercises::check_backprop_1d;
use backprop_lab::{
    dense::{sigmoid, sigmoid_prime},
    net1d::Net1d,
};

type Grads = ([f64; 3], [f64; 3]);

/// The forward pass most answers start from: z and a of the three nodes.
fn forward_1d(net: &Net1d, x: f64) -> ([f64; 3], [f64; 3]) {
    let mut z = [0.0; 3];
    let mut a = [0.0; 3];
    let mut prev = x;
    for i in 0..3 {
        z[i] = net.w[i] * prev + net.b[i];
        a[i] = sigmoid(z[i]);
        prev = a[i];
    }
    (z, a)
}

/// Right: straight-line code, one variable per quantity.
fn bp_straight(net: &Net1d, x: f64, y: f64) -> Grads {
    let z1 = net.w[0] * x + net.b[0];
    let a1 = sigmoid(z1);
    let z2 = net.w[1] * a1 + net.b[1];
    let a2 = sigmoid(z2);
    let z3 = net.w[2] * a2 + net.b[2];
    let a3 = sigmoid(z3);
    let d3 = 2.0 * (a3 - y) * sigmoid_prime(z3);
    let d2 = net.w[2] * d3 * sigmoid_prime(z2);
    let d1 = net.w[1] * d2 * sigmoid_prime(z1);
    ([x * d1, a1 * d2, a2 * d3], [d1, d2, d3])
}

/// Right: the crate's trace, a backward loop carrying ∂C/∂a.
fn bp_upstream_loop(net: &Net1d, x: f64, y: f64) -> Grads {
    let t = net.forward(x).expect("finite input");
    let mut dc_da = 2.0 * (t.a[2] - y);
    let mut dw = [0.0; 3];
    let mut db = [0.0; 3];
    for l in (0..3).rev() {
        let delta = dc_da * sigmoid_prime(t.z[l]);
        let a_prev = if l == 0 { x } else { t.a[l - 1] };
        db[l] = delta;
        dw[l] = a_prev * delta;
        dc_da = net.w[l] * delta;
    }
    (dw, db)
}

/// Right: σ′ from the activations, a(1 − a), which is σ′(z) since a = σ(z).
fn bp_prime_from_a(net: &Net1d, x: f64, y: f64) -> Grads {
    let (_, a) = forward_1d(net, x);
    let sp = a.map(|ai| ai * (1.0 - ai));
    let mut delta = [0.0; 3];
    delta[2] = 2.0 * (a[2] - y) * sp[2];
    delta[1] = net.w[2] * delta[2] * sp[1];
    delta[0] = net.w[1] * delta[1] * sp[0];
    let inputs = [x, a[0], a[1]];
    let dw = [
        inputs[0] * delta[0],
        inputs[1] * delta[1],
        inputs[2] * delta[2],
    ];
    (dw, delta)
}

/// Right: written as a full chain-rule product per parameter, no δ.
fn bp_chain_products(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let dc_da3 = 2.0 * (a[2] - y);
    let da3_dz3 = sigmoid_prime(z[2]);
    let dz3_da2 = net.w[2];
    let da2_dz2 = sigmoid_prime(z[1]);
    let dz2_da1 = net.w[1];
    let da1_dz1 = sigmoid_prime(z[0]);
    let dc_dz3 = da3_dz3 * dc_da3;
    let dc_dz2 = da2_dz2 * dz3_da2 * dc_dz3;
    let dc_dz1 = da1_dz1 * dz2_da1 * dc_dz2;
    let dc_dw3 = a[1] * dc_dz3;
    let dc_dw2 = a[0] * dc_dz2;
    let dc_dw1 = x * dc_dz1;
    ([dc_dw1, dc_dw2, dc_dw3], [dc_dz1, dc_dz2, dc_dz3])
}

/// Wrong: notebook 06's convention, δ3 = (a3 − y)σ′(z3): the factor 2 dropped.
fn bp_no_factor_two(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: forgot σ′ in BP1 only.
fn bp_no_prime_bp1(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: forgot σ′ in BP2 only.
fn bp_no_prime_bp2(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3;
    let d1 = net.w[1] * d2;
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: forgot σ′ everywhere.
fn bp_no_prime(net: &Net1d, x: f64, y: f64) -> Grads {
    let (_, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y);
    let d2 = net.w[2] * d3;
    let d1 = net.w[1] * d2;
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: σ(z) where σ′(z) belongs, everywhere.
fn bp_sigma_not_prime(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid(z[2]);
    let d2 = net.w[2] * d3 * sigmoid(z[1]);
    let d1 = net.w[1] * d2 * sigmoid(z[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: σ′ evaluated at the activation, sigmoid_prime(a), everywhere.
fn bp_prime_at_a(net: &Net1d, x: f64, y: f64) -> Grads {
    let (_, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(a[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(a[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(a[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: 2(y − a3): the sign of the cost's derivative flipped.
fn bp_sign_flipped(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (y - a[2]) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: BP2 uses the layer's own weight, w^l, instead of w^{l+1}.
fn bp_bp2_own_weight(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[1] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[0] * d2 * sigmoid_prime(z[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: BP4 with the layer's own activation a^l instead of a^{l−1}.
fn bp_bp4_own_activation(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    ([a[0] * d1, a[1] * d2, a[2] * d3], [d1, d2, d3])
}

/// Wrong: BP4 with z^{l−1} where a^{l−1} belongs (x for layer 1 is right).
fn bp_bp4_z_not_a(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    ([x * d1, z[0] * d2, z[1] * d3], [d1, d2, d3])
}

/// Wrong: ∂C/∂w1 = δ1: forgot that layer 1's input is x.
fn bp_bp4_layer1_no_x(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    ([d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: returns (dC/db, dC/dw).
fn bp_swapped(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    let dw = [x * d1, a[0] * d2, a[1] * d3];
    let db = [d1, d2, d3];
    (db, dw)
}

/// Wrong: filled in the order the backward pass visits the layers, layer 3 first.
fn bp_reversed_order(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let mut dw = Vec::new();
    let mut db = Vec::new();
    let mut delta = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    for l in (0..3).rev() {
        let a_prev = if l == 0 { x } else { a[l - 1] };
        dw.push(a_prev * delta);
        db.push(delta);
        if l > 0 {
            delta = net.w[l] * delta * sigmoid_prime(z[l - 1]);
        }
    }
    ([dw[0], dw[1], dw[2]], [db[0], db[1], db[2]])
}

/// Wrong: BP3 copied from BP4, ∂C/∂b = a^{l−1} δ.
fn bp_bp3_times_activation(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    let dw = [x * d1, a[0] * d2, a[1] * d3];
    (dw, dw)
}

/// Wrong (pair): factor 2 dropped and σ′ forgotten in BP2.
fn bp_pair_no_two_no_prime_bp2(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3;
    let d1 = net.w[1] * d2;
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong (pair): sign flipped and σ′ taken at a.
fn bp_pair_sign_prime_at_a(net: &Net1d, x: f64, y: f64) -> Grads {
    let (_, a) = forward_1d(net, x);
    let d3 = 2.0 * (y - a[2]) * sigmoid_prime(a[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(a[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(a[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: NaN everywhere.
fn bp_nan(_net: &Net1d, _x: f64, _y: f64) -> Grads {
    ([f64::NAN; 3], [f64::NAN; 3])
}

/// Wrong: infinity everywhere.
fn bp_infinity(_net: &Net1d, _x: f64, _y: f64) -> Grads {
    ([f64::INFINITY; 3], [f64::INFINITY; 3])
}

/// Wrong: 1-based layer numbers used as indices: net.w[3] is out of bounds.
fn bp_one_based_panics(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let mut delta = [0.0; 4];
    delta[3] = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    for l in (1..3).rev() {
        delta[l] = net.w[l + 1] * delta[l + 1] * sigmoid_prime(z[l - 1]);
    }
    let dw = [x * delta[1], a[0] * delta[2], a[1] * delta[3]];
    (dw, [delta[1], delta[2], delta[3]])
}

/// Wrong: δ2 = w3 σ′(z2): forgot the upstream δ3 in layer 2's BP2 (δ1 is fine given δ2).
fn bp_bp2_forgot_upstream(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: the forward pass drops the biases (z = w a).
fn bp_forward_no_bias(net: &Net1d, x: f64, y: f64) -> Grads {
    let z1 = net.w[0] * x;
    let a1 = sigmoid(z1);
    let z2 = net.w[1] * a1;
    let a2 = sigmoid(z2);
    let z3 = net.w[2] * a2;
    let a3 = sigmoid(z3);
    let d3 = 2.0 * (a3 - y) * sigmoid_prime(z3);
    let d2 = net.w[2] * d3 * sigmoid_prime(z2);
    let d1 = net.w[1] * d2 * sigmoid_prime(z1);
    ([x * d1, a1 * d2, a2 * d3], [d1, d2, d3])
}

/// Wrong: BP2 adds σ′ instead of multiplying by it.
fn bp_bp2_added(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 + sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 + sigmoid_prime(z[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: σ′ at a in BP2 only (BP1 uses z3 correctly).
fn bp_bp2_prime_at_a(net: &Net1d, x: f64, y: f64) -> Grads {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.a[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.a[0]);
    ([x * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
}

/// Wrong: BP1 with z3 where a3 belongs: 2(z3 − y)σ′(z3).
fn bp_bp1_z_not_a(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (z[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[0]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

/// Wrong: σ′ in BP2 taken from the next layer's z: δ2 = w3 δ3 σ′(z3).
fn bp_bp2_prime_next_layer(net: &Net1d, x: f64, y: f64) -> Grads {
    let (z, a) = forward_1d(net, x);
    let d3 = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(z[2]);
    let d1 = net.w[1] * d2 * sigmoid_prime(z[1]);
    ([x * d1, a[0] * d2, a[1] * d3], [d1, d2, d3])
}

pub fn corpus() -> Vec<Entry> {
    vec![
        Entry {
            exercise: "check_backprop_1d",
            id: "right-straight-line",
            tutor: "correct: forward pass by hand, δ3 = 2(a3 − y)σ′(z3), BP2 twice, then BP3 and BP4",
            expect: Expect::Right,
            run: || check_backprop_1d(bp_straight),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "right-upstream-loop",
            tutor: "correct: a backward loop over the crate's trace, carrying ∂C/∂a from layer to layer",
            expect: Expect::Right,
            run: || check_backprop_1d(bp_upstream_loop),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "right-prime-from-a",
            tutor: "correct: σ′(z) computed as a(1 − a) from the stored activations",
            expect: Expect::Right,
            run: || check_backprop_1d(bp_prime_from_a),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "right-chain-products",
            tutor: "correct: every local derivative named and multiplied out along the chain",
            expect: Expect::Right,
            run: || check_backprop_1d(bp_chain_products),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "dropped-factor-2",
            tutor: "used δ3 = (a3 − y)σ′(z3), dropping the factor 2 of ∂C0/∂a3 = 2(a3 − y)",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_backprop_1d(bp_no_factor_two),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "forgot-prime-bp1",
            tutor: "forgot σ′(z3) in BP1; BP2 has its σ′",
            expect: Expect::Wrong(&["forgot σ′", "BP1"]),
            run: || check_backprop_1d(bp_no_prime_bp1),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "forgot-prime-bp2",
            tutor: "forgot σ′ in BP2: δ2 = w3 δ3 and δ1 = w2 δ2",
            expect: Expect::Wrong(&["forgot σ′", "BP2"]),
            run: || check_backprop_1d(bp_no_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "forgot-prime-everywhere",
            tutor: "no σ′ at all, in BP1 or BP2",
            expect: Expect::Wrong(&["forgot σ′"]),
            run: || check_backprop_1d(bp_no_prime),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "sigma-not-prime",
            tutor: "multiplied by σ(z) where σ′(z) belongs, in every layer",
            expect: Expect::Wrong(&["σ instead of σ′"]),
            run: || check_backprop_1d(bp_sigma_not_prime),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "prime-at-a",
            tutor: "evaluated sigmoid_prime at the activations a instead of at z, in every layer",
            expect: Expect::Wrong(&["σ′ at a"]),
            run: || check_backprop_1d(bp_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "sign-flipped",
            tutor: "wrote 2(y − a3) instead of 2(a3 − y), so every gradient has the wrong sign",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_backprop_1d(bp_sign_flipped),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp2-own-weight",
            tutor: "BP2 uses the layer's own weight w^l instead of the next layer's w^{l+1}",
            expect: Expect::Wrong(&["off-by-one layer", "BP2"]),
            run: || check_backprop_1d(bp_bp2_own_weight),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp4-own-activation",
            tutor: "BP4 multiplies δ^l by the layer's own activation a^l instead of the incoming a^{l−1}",
            expect: Expect::Wrong(&["off-by-one layer", "BP4"]),
            run: || check_backprop_1d(bp_bp4_own_activation),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp4-z-not-a",
            tutor: "BP4 uses z^{l−1} where a^{l−1} belongs for layers 2 and 3",
            expect: Expect::Wrong(&["z where a belongs", "BP4"]),
            run: || check_backprop_1d(bp_bp4_z_not_a),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp4-layer1-forgot-x",
            tutor: "set ∂C/∂w1 = δ1, forgetting that the activation into layer 1 is x",
            expect: Expect::Wrong(&["BP4", "layer 1"]),
            run: || check_backprop_1d(bp_bp4_layer1_no_x),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "swapped-outputs",
            tutor: "returned (dC/db, dC/dw) instead of (dC/dw, dC/db)",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_backprop_1d(bp_swapped),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "reversed-layer-order",
            tutor: "stored the gradients in the order the backward pass meets them, layer 3 first",
            expect: Expect::Wrong(&["reversed|order|swapped"]),
            run: || check_backprop_1d(bp_reversed_order),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp3-times-activation",
            tutor: "BP3 copied BP4: ∂C/∂b = a^{l−1}δ^l instead of just δ^l",
            expect: Expect::Wrong(&["BP3"]),
            run: || check_backprop_1d(bp_bp3_times_activation),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "pair-no-2-no-prime-bp2",
            tutor: "two slips: dropped the factor 2 in BP1 and forgot σ′ in BP2",
            expect: Expect::Wrong(&["factor 2", "forgot σ′"]),
            run: || check_backprop_1d(bp_pair_no_two_no_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "pair-sign-prime-at-a",
            tutor: "two slips: 2(y − a3) flips the sign, and σ′ is evaluated at a instead of z",
            expect: Expect::Wrong(&["sign flipped", "σ′ at a"]),
            run: || check_backprop_1d(bp_pair_sign_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "nan",
            tutor: "returns NaN for every derivative",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_backprop_1d(bp_nan),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "infinity",
            tutor: "returns infinity for every derivative",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_backprop_1d(bp_infinity),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "one-based-index-panics",
            tutor: "used the layer numbers 1–3 as indices, so net.w[3] is out of bounds and it panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_backprop_1d(bp_one_based_panics),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp2-forgot-upstream-layer2",
            tutor: "δ2 = w3 σ′(z2) is missing the upstream error δ3 (layer 2's BP2 only)",
            expect: Expect::Wrong(&["forgot the upstream gradient", "BP2"]),
            run: || check_backprop_1d(bp_bp2_forgot_upstream),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "forward-no-bias",
            tutor: "the forward pass left out the biases (z = w a), so every z, a and gradient is off",
            expect: Expect::Wrong(&["forgot the bias"]),
            run: || check_backprop_1d(bp_forward_no_bias),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp2-added",
            tutor: "BP2 adds σ′(z^l) to w^{l+1}δ^{l+1} instead of multiplying",
            expect: Expect::Wrong(&["added instead of multiplied", "BP2"]),
            run: || check_backprop_1d(bp_bp2_added),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp2-prime-at-a",
            tutor: "BP1 is right but BP2 evaluates sigmoid_prime at a^l instead of z^l",
            expect: Expect::Wrong(&["σ′ at a", "BP2"]),
            run: || check_backprop_1d(bp_bp2_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp1-z-not-a",
            tutor: "BP1 uses 2(z3 − y) where 2(a3 − y) belongs",
            expect: Expect::Wrong(&["z where a belongs", "BP1"]),
            run: || check_backprop_1d(bp_bp1_z_not_a),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp2-prime-of-next-layer",
            tutor: "BP2 takes σ′ of the next layer's z (σ′(z^{l+1})) instead of σ′(z^l)",
            expect: Expect::Wrong(&["off-by-one layer", "BP2"]),
            run: || check_backprop_1d(bp_bp2_prime_next_layer),
        },
    ]
}
