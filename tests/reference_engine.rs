//! The contract between the two layers of the crate: the reference backprop
//! forms a learner reads (`src/backprop/`, plain ndarray) and the engine that
//! training runs (`src/engine/`, flat buffers, vectorised kernels) compute the
//! same gradients and costs.
//!
//! The engine is private; its results reach a caller through two public doors,
//! both used here:
//! * [`grad_check`]'s `analytic` entries are the engine's gradients for the
//!   chosen form (one per parameter, in [`Network::get_params`] order);
//! * [`train`]'s [`History`] records the engine's cost and loss of each batch,
//!   measured before the step.
//!
//! Tolerance: 1e-12 relative (`approx::relative_eq!`), with an absolute floor
//! of 1e-14 times the gradient's largest entry for sums that nearly cancel.
//! The two layers do not agree to the bit: the reference sigmoid uses the C
//! library's `exp`, the engine a vectorised polynomial (a few ulps apart), and
//! the products sum in different orders.

use approx::relative_eq;
use backprop_lab::dense::Cost;
use backprop_lab::io::uniform;
use backprop_lab::prelude::*;
use proptest::prelude::*;

/// Every output activation and cost the crate pairs (see [`Cost`]).
fn pairings() -> Vec<(Activation, Cost)> {
    let mut p: Vec<(Activation, Cost)> = Activation::ALL
        .iter()
        .map(|&f| (f, Cost::Quadratic))
        .collect();
    p.push((Activation::Sigmoid, Cost::CrossEntropy));
    p.push((Activation::Softmax, Cost::CrossEntropy));
    p
}

/// A network of `sizes` with hidden activations `hidden` (cycled), output
/// pairing `(f, cost)`, weights scaled by 1/√fan_in, a batch of `n` and targets
/// the cost takes.
fn build(
    sizes: &[usize],
    hidden: &[Activation],
    (f, cost): (Activation, Cost),
    n: usize,
    seed: u64,
) -> (Network, Array2<f64>, Array2<f64>) {
    let raw = Network::random(sizes, Activation::Sigmoid, Init::Normal, seed).unwrap();
    let weights = raw
        .weights()
        .into_iter()
        .map(|w| {
            let fan_in = w.ncols() as f64;
            w / fan_in.sqrt()
        })
        .collect();
    let mut net = Network::from_params(weights, raw.biases(), Activation::Sigmoid).unwrap();
    for l in 0..net.num_layers() - 1 {
        net.set_activation(l, hidden[l % hidden.len()]).unwrap();
    }
    net.set_output(f, cost).unwrap();
    let mut rng = seeded_rng(seed ^ 0x5eed);
    let x = uniform(n, sizes[0], &mut rng).unwrap() * 4.0 - 2.0;
    let mut y = uniform(n, *sizes.last().unwrap(), &mut rng).unwrap();
    if f == Activation::Softmax {
        for mut row in y.rows_mut() {
            let total = row.sum();
            row /= total;
        }
    }
    (net, x, y)
}

fn case() -> impl Strategy<Value = (Network, Array2<f64>, Array2<f64>)> {
    (
        prop::collection::vec(1usize..=5, 3..=5),
        prop::collection::vec(prop::sample::select(Activation::ALL.to_vec()), 3),
        prop::sample::select(pairings()),
        1usize..=8,
        any::<u64>(),
    )
        .prop_map(|(sizes, hidden, pairing, n, seed)| build(&sizes, &hidden, pairing, n, seed))
}

/// Whether `a` and `b` agree entry by entry to 1e-12 relative (floor 1e-14 ×
/// the largest entry); the first entry that does not, otherwise.
fn agree(a: &[f64], b: &[f64]) -> std::result::Result<(), String> {
    if a.len() != b.len() {
        return Err(format!("{} entries against {}", a.len(), b.len()));
    }
    let largest = a.iter().chain(b).fold(0.0f64, |m, v| m.max(v.abs()));
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        if !relative_eq!(*x, *y, epsilon = 1e-14 * largest, max_relative = 1e-12) {
            return Err(format!("entry {i}: {x} against {y}"));
        }
    }
    Ok(())
}

/// The engine's gradients for `form`, through [`grad_check`].
fn engine(net: &Network, x: &Array2<f64>, y: &Array2<f64>, form: BackpropForm) -> Vec<f64> {
    grad_check(net, x, y, form, GRADCHECK_EPSILON)
        .unwrap()
        .entries
        .iter()
        .map(|e| e.analytic)
        .collect()
}

/// Every reference form's gradients, named.
fn references(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Vec<(String, Vec<f64>)> {
    let mut out = vec![
        ("backprop_per_neuron", backprop_per_neuron(net, x, y)),
        ("backprop_per_example", backprop_per_example(net, x, y)),
        ("backprop_batch", backprop_batch(net, x, y)),
        ("backprop_gemm", backprop_gemm(net, x, y)),
    ]
    .into_iter()
    .map(|(name, g)| (name.to_string(), g.unwrap().to_vec().to_vec()))
    .collect::<Vec<_>>();
    for form in BackpropForm::ALL {
        let g = gradients(net, x, y, form).unwrap();
        out.push((format!("gradients({form:?})"), g.to_vec().to_vec()));
    }
    out
}

/// Checks every reference form against every engine form, and the engine's
/// cost and loss (from one full-batch training step) against `Network::cost`.
fn contract(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> std::result::Result<(), String> {
    let refs = references(net, x, y);
    for form in BackpropForm::ALL {
        let eng = engine(net, x, y, form);
        for (name, r) in &refs {
            agree(r, &eng).map_err(|e| format!("{name} against the engine's {form:?}: {e}"))?;
        }
    }
    let n = x.nrows();
    let config = TrainConfig::new().eta(1e-3).batch_size(n).epochs(1);
    let h = train(&mut net.clone(), x, y, &config).unwrap();
    let cost = net.cost(x, y).unwrap() / n as f64;
    let loss = mse(&net.predict(x).unwrap(), y).unwrap();
    agree(&[cost, loss], &[h.cost[0], h.loss[0]]).map_err(|e| format!("cost, loss: {e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random networks: 2–4 layers of width 1–5, random hidden activations,
    /// any output pairing, batches of 1–8.
    #[test]
    fn reference_forms_and_engine_agree((net, x, y) in case()) {
        if let Err(e) = contract(&net, &x, &y) {
            prop_assert!(false, "{}\n{}", e, net);
        }
    }
}

/// Every pairing at least once, whatever proptest draws: each output
/// activation and cost, under each hidden activation.
#[test]
fn every_pairing_and_hidden_activation() {
    for (i, pairing) in pairings().into_iter().enumerate() {
        for (j, hidden) in Activation::ALL.into_iter().enumerate() {
            let (net, x, y) = build(&[3, 4, 3, 2], &[hidden], pairing, 6, (7 * i + j) as u64);
            contract(&net, &x, &y).unwrap_or_else(|e| panic!("{pairing:?}, {hidden}: {e}"));
        }
    }
}

/// The gradients every form and the engine must give for `(net, x, y)`.
fn all_forms_give(net: &Network, x: &Array2<f64>, y: &Array2<f64>, want: &[f64]) {
    for (name, g) in references(net, x, y) {
        agree(&g, want).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for form in BackpropForm::ALL {
        agree(&engine(net, x, y, form), want).unwrap_or_else(|e| panic!("engine {form:?}: {e}"));
    }
}

#[test]
fn the_worked_examples() {
    // One identity neuron (`backprop/mod.rs`'s hand example): a = w x + b,
    // C = ½(a − y)²; w = 2, b = 1, x = 3, y = 4 give a = 7, δ = 3,
    // ∂C/∂w = δ x = 9, ∂C/∂b = 3.
    let net = Network::from_params(
        vec![array![[2.0]]],
        vec![array![[1.0]]],
        Activation::Identity,
    )
    .unwrap();
    all_forms_give(&net, &array![[3.0]], &array![[4.0]], &[9.0, 3.0]);

    // tests/digits.rs: a sigmoid neuron with cross-entropy, w = b = 0: a = ½,
    // δ = a − y = 0.25 for y = 0.25, ∂C/∂w = δ·x = 0.75 for x = 3, and the
    // cost is ln 2 per example.
    let mut net = Network::from_params(
        vec![array![[0.0]]],
        vec![array![[0.0]]],
        Activation::Sigmoid,
    )
    .unwrap();
    net.set_output(Activation::Sigmoid, Cost::CrossEntropy)
        .unwrap();
    let (x, y) = (array![[3.0]], array![[0.25]]);
    all_forms_give(&net, &x, &y, &[0.75, 0.25]);
    let cfg = TrainConfig::new().eta(1e-3).batch_size(1).epochs(1);
    let h = train(&mut net.clone(), &x, &y, &cfg).unwrap();
    assert!((h.cost[0] - 2f64.ln()).abs() < 1e-15, "{}", h.cost[0]);
    assert!((net.cost(&x, &y).unwrap() - 2f64.ln()).abs() < 1e-15);
}

#[test]
fn the_walkthroughs_printed_shapes_hold_and_the_engine_agrees_there() {
    // Printed for sample 0 of [1, 3, 2, 1] (tests/walkthrough.rs): the middle
    // layer's z_l (2, 1), a_l_minus_1 (3, 1), dc_dw (2, 3).
    let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let bp = backprop_1_example(&net, &[-5.0], &[-1.0]).unwrap();
    let text = bp.shapes[1].to_string();
    assert!(text.contains("z_l:(2, 1), a_l:(2, 1), a_l_minus_1:(3, 1)"));
    assert!(text.contains("delta_l:(2, 1), dc_db_l:(2, 1), dc_dw_l:(2, 3)"));
    let (x, y) = (array![[-5.0]], array![[-1.0]]);
    all_forms_give(&net, &x, &y, &bp.gradients.to_vec().to_vec());
    // Printed by the fully vectorised section on make_circles with [2, 3, 3, 1]:
    // layer 1's stacks are (1000, 3, 1) and (1000, 2, 1), dc_dw (3, 2).
    let (x, y) = make_circles(1000, 0.3, 0.1, 0).unwrap();
    let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Uniform, 0).unwrap();
    let bp = backprop_batch_traced(&net, &x, &y).unwrap();
    assert!(bp.shapes[2]
        .to_string()
        .contains("delta_l:(1000, 3, 1), dc_db_l:(3, 1), dc_dw_l:(3, 2)"));
    all_forms_give(&net, &x, &y, &bp.gradients.to_vec().to_vec());
}
