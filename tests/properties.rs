//! Property tests on random architectures and batches: the forms agree, gradient
//! checks pass, einsum equals explicit loops, batched forward equals per-example.

use backprop_lab::dense::Cost;
use backprop_lab::graph::Expr;
use backprop_lab::io::uniform;
use backprop_lab::prelude::*;
use backprop_lab::tensor::*;
use proptest::prelude::*;

/// A random network (2–4 weight layers of width 1–5), a batch and labels. The
/// output layer and cost are one of the pairings of [`Cost`]: the hidden
/// activation with the quadratic cost, sigmoid with cross-entropy (targets in
/// [0, 1]), or softmax with cross-entropy (each target row a distribution).
fn case(smooth_only: bool) -> impl Strategy<Value = (Network, Array2<f64>, Array2<f64>)> {
    let acts: Vec<Activation> = if smooth_only {
        // ReLU's kink makes a two-sided difference straddle two slopes now and then.
        vec![
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Sin,
            Activation::Identity,
        ]
    } else {
        Activation::ALL.to_vec()
    };
    (
        prop::collection::vec(1usize..=5, 3..=5),
        prop::collection::vec(prop::sample::select(acts), 4),
        1usize..=8,
        any::<u64>(),
        0usize..3,
    )
        .prop_map(|(sizes, acts, n, seed, output)| {
            // Normal weights scaled by 1/√fan_in keep every activity O(1), as any
            // sensible initialisation does. Without the scaling, chains of identity
            // layers feed sin/cos arguments of 50 or more, whose derivatives are
            // only known to ~1e-14 relative; the forms then differ by rounding
            // amplified by that conditioning, not by a mistake.
            let raw = Network::random(&sizes, Activation::Sigmoid, Init::Normal, seed).unwrap();
            let weights = raw
                .weights()
                .into_iter()
                .map(|w| {
                    let fan_in = w.ncols() as f64;
                    w / fan_in.sqrt()
                })
                .collect();
            let mut net = Network::from_params(weights, raw.biases(), Activation::Sigmoid).unwrap();
            for (l, &act) in acts.iter().take(net.num_layers()).enumerate() {
                net.set_activation(l, act).unwrap();
            }
            let mut rng = seeded_rng(seed ^ 0x5eed);
            let x = uniform(n, sizes[0], &mut rng).unwrap() * 4.0 - 2.0;
            let mut y = uniform(n, *sizes.last().unwrap(), &mut rng).unwrap();
            match output {
                1 => net
                    .set_output(Activation::Sigmoid, Cost::CrossEntropy)
                    .unwrap(),
                2 => {
                    net.set_output(Activation::Softmax, Cost::CrossEntropy)
                        .unwrap();
                    for mut row in y.rows_mut() {
                        let total = row.sum();
                        row /= total;
                    }
                }
                _ => {}
            }
            (net, x, y)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn four_backprop_forms_agree((net, x, y) in case(false)) {
        let reference = backprop_per_neuron(&net, &x, &y).unwrap();
        for form in [BackpropForm::PerExample, BackpropForm::Tensor, BackpropForm::Gemm] {
            let g = gradients(&net, &x, &y, form).unwrap();
            let d = g.max_relative_diff(&reference);
            prop_assert!(d < 1e-12, "{:?} differs by {:e}", form, d);
        }
    }

    #[test]
    fn gradient_check_passes((net, x, y) in case(true)) {
        let report = grad_check(&net, &x, &y, BackpropForm::Gemm, GRADCHECK_EPSILON).unwrap();
        // With ε = 1e-7 every numerical entry carries rounding noise of about
        // report.noise_floor = ε_mach·|C|/ε (≈ 1e-9 for C ≈ 0.5). A relative error
        // below 1e-7 can only be resolved when the gradient is far above that noise,
        // so random networks whose gradient is within 1e7·√P noise floors (saturated
        // or nearly converged ones) are skipped rather than counted.
        let g = gradients(&net, &x, &y, BackpropForm::Gemm).unwrap().to_vec();
        let norm = g.mapv(|v| v * v).sum().sqrt();
        let resolvable = 1e7 * (g.len() as f64).sqrt() * report.noise_floor;
        prop_assume!(norm > resolvable);
        prop_assert!(report.relative_error < 1e-7, "{}", report);
    }

    #[test]
    fn forward_batch_equals_per_example((net, x, _y) in case(false)) {
        let batch = net.feedforward_batch(&x).unwrap();
        for i in 0..x.nrows() {
            let ex = net.forward_example(&x.row(i).to_vec()).unwrap();
            for (a, b) in ex.activations.iter().zip(&batch.activations) {
                for (p, q) in a.column(0).iter().zip(b.column(i)) {
                    prop_assert!((p - q).abs() <= 1e-14 * (1.0 + q.abs()));
                }
            }
        }
        // `predict` runs on the training engine (its vectorised sigmoid), the
        // traces on plain ndarray: equal to a few ulps, not to the bit.
        let pred = net.predict(&x).unwrap();
        for (p, q) in pred.t().iter().zip(batch.output()) {
            prop_assert!((p - q).abs() <= 1e-14 * (1.0 + q.abs()));
        }
    }
}

fn matrix(r: usize, c: usize, seed: u64) -> Array2<f64> {
    uniform(r, c, &mut seeded_rng(seed)).unwrap() * 2.0 - 1.0
}

fn close(a: &ArrayD<f64>, b: &ArrayD<f64>) -> bool {
    a.shape() == b.shape()
        && a.iter()
            .zip(b)
            .all(|(p, q)| (p - q).abs() <= 1e-12 * (1.0 + q.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn einsum_equals_explicit_loops(n in 1usize..4, i in 1usize..5, j in 1usize..5, k in 1usize..5, seed in any::<u64>()) {
        let t = Array3::from_shape_vec((n, i, j), matrix(n * i, j, seed).into_raw_vec_and_offset().0).unwrap();
        let a = matrix(i, j, seed ^ 1);
        let b = matrix(j, k, seed ^ 2);
        let sq = matrix(j, j, seed ^ 3);
        let v = matrix(j, 1, seed ^ 4);

        // 'nij,jl->nil' (the walkthrough's T @ v written as einsum).
        let mut want = Array3::<f64>::zeros((n, i, 1));
        for p in 0..n { for q in 0..i { for r in 0..j { want[[p, q, 0]] += t[[p, q, r]] * v[[r, 0]]; } } }
        prop_assert!(close(&einsum("nij,jl->nil", &[&t, &v]).unwrap(), &want.into_dyn()));

        // Matrix product, implicit output.
        let mut want = Array2::<f64>::zeros((i, k));
        for p in 0..i { for q in 0..k { for r in 0..j { want[[p, q]] += a[[p, r]] * b[[r, q]]; } } }
        prop_assert!(close(&einsum("ij,jk", &[&a, &b]).unwrap(), &want.into_dyn()));

        // Trace and diagonal (repeated index).
        let mut tr = 0.0;
        for p in 0..j { tr += sq[[p, p]]; }
        prop_assert!((einsum("ii", &[&sq]).unwrap()[[]] - tr).abs() < 1e-12);
        let diag = Array1::from_shape_fn(j, |p| sq[[p, p]]);
        prop_assert!(close(&einsum("ii->i", &[&sq]).unwrap(), &diag.into_dyn()));

        // Three operands: 'ij,jk,k->i'.
        let w = matrix(k, 1, seed ^ 5).column(0).to_owned();
        let mut want = Array1::<f64>::zeros(i);
        for p in 0..i { for q in 0..j { for r in 0..k { want[p] += a[[p, q]] * b[[q, r]] * w[r]; } } }
        prop_assert!(close(&einsum("ij,jk,k->i", &[&a, &b, &w]).unwrap(), &want.into_dyn()));

        // Batched outer products summed over the batch: 'nij,nkj->ik' (BP4's sum).
        let u = Array3::from_shape_vec((n, k, j), matrix(n * k, j, seed ^ 6).into_raw_vec_and_offset().0).unwrap();
        let mut want = Array2::<f64>::zeros((i, k));
        for p in 0..n { for q in 0..i { for r in 0..k { for m in 0..j { want[[q, r]] += t[[p, q, m]] * u[[p, r, m]]; } } } }
        prop_assert!(close(&einsum("nij,nkj->ik", &[&t, &u]).unwrap(), &want.into_dyn()));

        // Transpose via explicit output order.
        prop_assert!(close(&einsum("ij->ji", &[&a]).unwrap(), &a.t().to_owned().into_dyn()));
    }
}

/// A spec with its operands, once for our einsum and once for ndarray-einsum.
type Case<'a> = (
    &'a str,
    Vec<&'a dyn EinsumOperand>,
    Vec<&'a dyn ndarray_einsum::ArrayLike<f64>>,
);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Cross-check against an independent implementation, the ndarray-einsum crate.
    #[test]
    fn einsum_equals_ndarray_einsum(n in 1usize..4, i in 1usize..4, j in 1usize..4, k in 1usize..4, seed in any::<u64>()) {
        let t = Array3::from_shape_vec((n, i, j), matrix(n * i, j, seed).into_raw_vec_and_offset().0).unwrap();
        let a = matrix(i, j, seed ^ 7);
        let b = matrix(j, k, seed ^ 8);
        let sq = matrix(j, j, seed ^ 9);
        let bt = b.t().to_owned();
        let cases: Vec<Case> = vec![
            ("nij,jk->nik", vec![&t, &b], vec![&t, &b]),
            ("nij,jk", vec![&t, &b], vec![&t, &b]),
            ("ij,jk,kl->il", vec![&a, &b, &bt], vec![&a, &b, &bt]),
            ("nij,nij->n", vec![&t, &t], vec![&t, &t]),
            ("ii->i", vec![&sq], vec![&sq]),
            ("ii", vec![&sq], vec![&sq]),
            ("nij->jin", vec![&t], vec![&t]),
            ("ij,kj->ikj", vec![&a, &a], vec![&a, &a]),
        ];
        for (spec, ours, theirs) in cases {
            let mine = einsum(spec, &ours).unwrap();
            let other = ndarray_einsum::einsum(spec, &theirs).unwrap();
            prop_assert!(close(&mine, &other), "{}: {:?} vs {:?}", spec, mine, other);
        }
    }
}

/// Random expressions in `x` and `y` built from every operation `Expr` has.
fn expr_strategy() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        Just(sym("x")),
        Just(sym("y")),
        (-3i32..=3).prop_map(|k| num(k as f64 * 0.5)),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| a + b),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| a - b),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| a * b),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| a / b),
            (inner.clone(), -2i32..=3).prop_map(|(a, n)| a.powi(n)),
            inner.clone().prop_map(|a| -a),
            inner.clone().prop_map(|a| a.exp()),
            inner.clone().prop_map(|a| a.ln()),
            inner.clone().prop_map(|a| a.sin()),
            inner.clone().prop_map(|a| a.cos()),
            inner.prop_map(|a| a.sigmoid()),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn symbolic_derivative_matches_central_difference(e in expr_strategy(), x in -2.0f64..2.0, y in -2.0f64..2.0) {
        let f = |x: f64| e.eval(&[("x", x), ("y", y)]);
        let central = |h: f64| -> Option<f64> { Some((f(x + h).ok()? - f(x - h).ok()?) / (2.0 * h)) };
        let (Ok(fx), Some(d1), Some(d2)) = (f(x), central(1e-5), central(5e-6)) else {
            // Outside the expression's domain near this point (log of a negative, 1/0).
            return Ok(());
        };
        // Skip points where the function is huge or the difference has not settled
        // (a pole or a kink within a few h): there the difference is not a reference.
        prop_assume!(fx.abs() < 1e4 && d1.is_finite() && (d1 - d2).abs() <= 1e-6 * (1.0 + d1.abs()));
        let symbolic = e.diff("x").eval(&[("x", x), ("y", y)]);
        prop_assert!(symbolic.is_ok(), "diff of {} failed at x={}: {:?}", e, x, symbolic);
        let s = symbolic.unwrap();
        prop_assert!((s - d1).abs() <= 1e-5 * (1.0 + s.abs()), "d/dx {} = {} gives {} but the difference gives {}", e, e.diff("x"), s, d1);
        // Simplification never changes the value.
        let simp = e.simplify().eval(&[("x", x), ("y", y)]).unwrap();
        prop_assert!((simp - fx).abs() <= 1e-9 * (1.0 + fx.abs()), "{} simplified to {}", e, e.simplify());
    }
}
