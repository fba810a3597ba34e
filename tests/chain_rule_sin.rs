//! The CS109 chain-rule exercise (`shared/seeds/cs109-backprop-chain-rule-exercise.ipynb`)
//! on our stand-in data.

use backprop_lab::prelude::*;
use backprop_lab::sin_chain::*;

fn shipped() -> (Vec<f64>, Vec<f64>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/notebooks/data/backprop.csv");
    let m = read_csv_columns(path, &["x", "y"]).unwrap();
    (m.column(0).to_vec(), m.column(1).to_vec())
}

fn initial_weights() -> [f64; 2] {
    // The exercise seeds numpy with 310 and draws W = [randn(1,1), randn(1,1)];
    // we draw the same way from our generator seeded with 310.
    let mut rng = seeded_rng(310);
    [normal_scalar(&mut rng), normal_scalar(&mut rng)]
}

#[test]
fn shipped_csv_is_the_documented_generator_output() {
    let (x, y) = shipped();
    let (gx, gy) = sin_chain_data(SIN_DATA_N, SIN_DATA_SEED).unwrap();
    assert_eq!(x, gx.to_vec());
    assert_eq!(y, gy.to_vec());
}

#[test]
fn gradients_match_a_numerical_check() {
    let (x, y) = shipped();
    let w = initial_weights();
    let [g2, g1] = dldw(w, &x, &y).unwrap();
    let f = |p: &[f64]| sin_loss([p[0], p[1]], &x, &y).unwrap();
    let report = check_gradient(f, &[g1, g2], &w, 1e-6).unwrap();
    assert!(report.relative_error < 1e-8, "{report}");
}

#[test]
fn gradients_match_the_dense_network_with_sin_activations() {
    // The same network as a [1, 1, 1] dense network with sin activations and zero
    // biases. Its cost is ½Σ(ŷ − y)², so ∂L/∂w = (2/N)·∂C/∂w for L = mean((ŷ − y)²).
    let (x, y) = shipped();
    let w = initial_weights();
    let net = Network::from_params(
        vec![array![[w[0]]], array![[w[1]]]],
        vec![array![[0.0]], array![[0.0]]],
        Activation::Sin,
    )
    .unwrap();
    let n = x.len();
    let xm = Array2::from_shape_vec((n, 1), x.clone()).unwrap();
    let ym = Array2::from_shape_vec((n, 1), y.clone()).unwrap();
    let g = backprop_gemm(&net, &xm, &ym).unwrap();
    let scale = 2.0 / n as f64;
    let [g2, g1] = dldw(w, &x, &y).unwrap();
    assert!((g.nabla_w[0][[0, 0]] * scale - g1).abs() < 1e-14 * (1.0 + g1.abs()));
    assert!((g.nabla_w[1][[0, 0]] * scale - g2).abs() < 1e-14 * (1.0 + g2.abs()));
}

#[test]
fn a_few_gradient_steps_visibly_improve_the_fit() {
    // Hand-picked learning rate 0.5: ten steps cut the loss by more than 90%,
    // every step lowering it.
    let (x, y) = shipped();
    let path = sin_descent(initial_weights(), &x, &y, 0.5, 10).unwrap();
    let losses: Vec<f64> = path.iter().map(|p| p.1).collect();
    assert!(losses.windows(2).all(|w| w[1] < w[0]), "{losses:?}");
    assert!(losses[10] < 0.1 * losses[0], "{losses:?}");
}
