//! The worked numbers of the backprop walkthrough
//! (`shared/seeds/backprop-walkthrough-notebook.txt`) that do not depend on numpy's
//! random generator. Each expected value names its source.

use approx::{assert_abs_diff_eq, assert_relative_eq};
use backprop_lab::prelude::*;
use backprop_lab::tensor::*;

#[test]
fn toy_data_first_rows() {
    // Printed by the walkthrough: inputs[0:5] and labels[0:5].
    let (inputs, labels) = toy(1000).unwrap();
    let printed = [-5.0, -4.98998999, -4.97997998, -4.96996997, -4.95995996];
    for (i, want) in printed.iter().enumerate() {
        assert_abs_diff_eq!(inputs[[i, 0]], want, epsilon = 5e-9);
        assert_eq!(labels[[i, 0]], -1.0);
    }
    assert_eq!(inputs.dim(), (1000, 1));
    assert_eq!(labels.dim(), (1000, 1));
    // Hand derivation: labels are +1 exactly for x > 0, the upper 500 points.
    assert_eq!(labels.iter().filter(|&&l| l == 1.0).count(), 500);
}

#[test]
fn single_example_cost() {
    // Printed: output [0.76936505] for label [-1] gives mse 3.1306526667222374.
    let c = mse(&array![[0.76936505]], &array![[-1.0]]).unwrap();
    assert_abs_diff_eq!(c, 3.1306526667222374, epsilon = 2e-8);
}

#[test]
fn feedforward_batch_shapes() {
    // Printed: (3, 1000) (2, 1000) (1, 1000) and (1, 1000) (3, 1000) (2, 1000) (1, 1000).
    let (x, _) = toy(1000).unwrap();
    let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let t = net.feedforward_batch(&x).unwrap();
    let (zs, acts) = t.shapes();
    assert_eq!(zs, "(3, 1000) (2, 1000) (1, 1000)");
    assert_eq!(acts, "(1, 1000) (3, 1000) (2, 1000) (1, 1000)");
    // a^0 = X^T.
    assert_eq!(t.activations[0], x.t());
}

#[test]
fn per_example_backprop_shapes() {
    // Printed for sample 0 of [1, 3, 2, 1]: the last layer has
    // (z_L, a_L, a_L_minus_1) = ((1, 1), (1, 1), (2, 1)), delta_L (1, 1), dc_db (1, 1),
    // dc_dw (1, 2); then layers 2 and 1 as below.
    let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let bp = backprop_1_example(&net, &[-5.0], &[-1.0]).unwrap();
    let text: Vec<String> = bp.shapes.iter().map(|s| s.to_string()).collect();
    assert!(text[0].contains("z_l:(1, 1), a_l:(1, 1), a_l_minus_1:(2, 1)"));
    assert!(text[0].contains("delta_l:(1, 1), dc_db_l:(1, 1), dc_dw_l:(1, 2)"));
    assert!(text[1].starts_with("layer 2:"));
    assert!(text[1].contains("z_l:(2, 1), a_l:(2, 1), a_l_minus_1:(3, 1)"));
    assert!(text[1].contains("delta_l:(2, 1), dc_db_l:(2, 1), dc_dw_l:(2, 3)"));
    assert!(text[2].starts_with("layer 1:"));
    assert!(text[2].contains("z_l:(3, 1), a_l:(3, 1), a_l_minus_1:(1, 1)"));
    assert!(text[2].contains("delta_l:(3, 1), dc_db_l:(3, 1), dc_dw_l:(3, 1)"));
}

#[test]
fn batched_stack_shapes_on_circles() {
    // Printed by the fully vectorised section on make_circles with [2, 3, 3, 1]:
    // z_L, a_L (1000, 1, 1), a_L_minus_1 (1000, 3, 1); layer 2 stacks (1000, 3, 1),
    // dc_db (3, 1), dc_dw (3, 3); layer 1 a_l_minus_1 (1000, 2, 1), dc_dw (3, 2).
    let (x, y) = make_circles(1000, 0.3, 0.1, 0).unwrap();
    assert_eq!((x.dim(), y.dim()), ((1000, 2), (1000, 1)));
    let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Uniform, 0).unwrap();
    let bp = backprop_batch_traced(&net, &x, &y).unwrap();
    let s: Vec<String> = bp.shapes.iter().map(|s| s.to_string()).collect();
    assert!(s[0].contains("z_l:(1000, 1, 1), a_l:(1000, 1, 1), a_l_minus_1:(1000, 3, 1)"));
    assert!(s[0].contains("delta_l:(1000, 1, 1), dc_db_l:(1, 1), dc_dw_l:(1, 3)"));
    assert!(s[1].contains("z_l:(1000, 3, 1), a_l:(1000, 3, 1), a_l_minus_1:(1000, 3, 1)"));
    assert!(s[1].contains("delta_l:(1000, 3, 1), dc_db_l:(3, 1), dc_dw_l:(3, 3)"));
    assert!(s[2].contains("z_l:(1000, 3, 1), a_l:(1000, 3, 1), a_l_minus_1:(1000, 2, 1)"));
    assert!(s[2].contains("delta_l:(1000, 3, 1), dc_db_l:(3, 1), dc_dw_l:(3, 2)"));
}

#[test]
fn hadamard_example() {
    // Printed: hadamard([[6],[7],[2]], [[3],[5],[9]]) = [[18],[35],[18]].
    let r = hadamard(&array![[6.0], [7.0], [2.0]], &array![[3.0], [5.0], [9.0]]).unwrap();
    assert_eq!(r, array![[18.0], [35.0], [18.0]]);
}

fn abcd_stack() -> Array3<f64> {
    // The walkthrough's T: A = ones, B = 2·ones, C = 3·ones, D = 4·ones, all 3×3.
    backprop_lab::tensor::stack(&[
        Array2::ones((3, 3)),
        Array2::ones((3, 3)) * 2.0,
        Array2::ones((3, 3)) * 3.0,
        Array2::ones((3, 3)) * 4.0,
    ])
    .unwrap()
}

#[test]
fn stack_times_vector_and_mean() {
    // Printed: T @ v stacks [3,3,3], [6,6,6], [9,9,9], [12,12,12]; shape (4, 3, 1);
    // np.mean(R, axis=0) = [[7.5], [7.5], [7.5]] with shape (3, 1).
    let t = abcd_stack();
    assert_eq!(t.shape(), &[4, 3, 3]);
    let v = Array2::<f64>::ones((3, 1));
    let r = stack_matmul(&t, &v).unwrap();
    assert_eq!(r.shape(), &[4, 3, 1]);
    for (i, want) in [3.0, 6.0, 9.0, 12.0].iter().enumerate() {
        assert!(r.index_axis(Axis(0), i).iter().all(|x| x == want));
    }
    let m = mean_axis0(&r).unwrap();
    assert_eq!(m, array![[7.5], [7.5], [7.5]]);
}

#[test]
fn einsum_ijk_kl_ikl() {
    // Printed: np.einsum('ijk,kl->ikl', T, v) equals T @ v here (v is all ones, and
    // every matrix of T is constant, so summing over j gives the same 3, 6, 9, 12).
    let t = abcd_stack();
    let v = Array2::<f64>::ones((3, 1));
    let e = einsum("ijk,kl->ikl", &[&t, &v]).unwrap();
    let r = stack_matmul(&t, &v).unwrap();
    assert_eq!(e, r.into_dyn());
}

#[test]
fn matmul_example_through_einsum() {
    // Printed: a @ b for a = [[1,9],[6,8],[2,6]], b = [[3,2,1],[8,9,7]].
    let a = array![[1.0, 9.0], [6.0, 8.0], [2.0, 6.0]];
    let b = array![[3.0, 2.0, 1.0], [8.0, 9.0, 7.0]];
    let want = array![[75.0, 83.0, 64.0], [82.0, 84.0, 62.0], [54.0, 58.0, 44.0]];
    assert_eq!(
        einsum("ij,jk->ik", &[&a, &b]).unwrap(),
        want.clone().into_dyn()
    );
    assert_eq!(a.dot(&b), want);
}

#[test]
fn stack_of_column_vectors() {
    // Printed: a = randint (10, 3), a[:, :, np.newaxis][0] = [[7], [7], [4]].
    let a = array![[7.0, 7.0, 4.0], [7.0, 3.0, 1.0], [8.0, 5.0, 5.0]];
    let s = add_trailing_axis(&a);
    assert_eq!(s.shape(), &[3, 3, 1]);
    assert_eq!(s.index_axis(Axis(0), 0), array![[7.0], [7.0], [4.0]]);
}

#[test]
fn ravel_and_concatenate() {
    // Printed: np.concatenate((a.ravel(), b.ravel())) for the (3, 2) and (4, 3) examples.
    let a = array![[9.0, 6.0], [5.0, 3.0], [5.0, 9.0]];
    let b = array![
        [7.0, 8.0, 1.0],
        [1.0, 6.0, 3.0],
        [3.0, 4.0, 7.0],
        [5.0, 9.0, 9.0]
    ];
    let p = get_params(&[a.clone(), b.clone()], &[]);
    let want = [
        9., 6., 5., 3., 5., 9., 7., 8., 1., 1., 6., 3., 3., 4., 7., 5., 9., 9.,
    ];
    assert_eq!(p.to_vec(), want.to_vec());
    // Printed: [np.array_equal(i, j) for ...] is all True after set_params(get_params(...)).
    let (w, _) = set_params(&p, &[a.clone(), b.clone()], &[]).unwrap();
    assert_eq!(w, vec![a, b]);
}

#[test]
fn circles_network_has_25_parameters() {
    // Printed: get_params(weights, biases).shape == (25,) for [2, 3, 3, 1].
    let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Uniform, 0).unwrap();
    assert_eq!(shape_str(net.get_params().shape()), "(25,)");
}

fn circles_setup() -> (Network, Array2<f64>, Array2<f64>) {
    // The walkthrough's run: make_circles(1000, factor 0.3, noise 0.1), W_1, W_2
    // uniform, W_3 normal, biases uniform.
    let (x, y) = make_circles(1000, 0.3, 0.1, 0).unwrap();
    let net = Network::random_per_layer(
        &[2, 3, 3, 1],
        Activation::Sigmoid,
        &[Init::Uniform, Init::Uniform, Init::Normal],
        &[Init::Uniform; 3],
        2023,
    )
    .unwrap();
    (net, x, y)
}

#[test]
fn nielsen_feedforward_equals_feedforward_batch() {
    // Printed: np.array_equal(y_nielsen, y_mine) is True before training. Here
    // the port runs on the crate's engine (its vectorised sigmoid) and
    // `feedforward_batch` on plain ndarray and the C library's `exp`: they agree
    // to the last bits, so to 1e-15 rather than exactly.
    let (net, x, _) = circles_setup();
    let nielsen = NielsenNetwork::from_network(&net).unwrap();
    let theirs = nielsen.feedforward(&x.t()).unwrap();
    let ours = net.feedforward_batch(&x).unwrap();
    assert_abs_diff_eq!(&theirs, ours.output(), epsilon = 1e-15);
}

#[test]
fn trained_weights_equal_nielsens() {
    // Printed: after 10 epochs (batch 50, eta 0.01, no shuffle) both runs show the same
    // weights and [np.array_equal(i, j) ...] is all True; we require 1e-12 for every
    // backprop form of the crate's trainer.
    let (net0, x, y) = circles_setup();
    let mut nielsen = NielsenNetwork::from_network(&net0).unwrap();
    let log = nielsen
        .sgd(&training_pairs(&x, &y).unwrap(), 10, 50, 0.01, None)
        .unwrap();
    assert_eq!(log[0], "Epoch 0 complete");
    assert_eq!(log[9], "Epoch 9 complete");
    for form in BackpropForm::ALL {
        let mut net = net0.clone();
        let h = train(
            &mut net,
            &x,
            &y,
            &TrainConfig::new()
                .eta(0.01)
                .batch_size(50)
                .epochs(10)
                .form(form),
        )
        .unwrap();
        assert_eq!(h.steps(), 200);
        for (ours, his) in net
            .weights()
            .iter()
            .chain(&net.biases())
            .zip(nielsen.weights.iter().chain(&nielsen.biases))
        {
            for (a, b) in ours.iter().zip(his) {
                assert_abs_diff_eq!(a, b, epsilon = 1e-12);
            }
        }
        assert_ne!(net, net0, "training moved the weights");
    }
}

#[test]
fn gradient_checks_during_training_all_pass() {
    // Printed: (np.array(grad_errors) < epsilon).all() is True with epsilon = 1e-7.
    let (mut net, x, y) = circles_setup();
    let h = train(
        &mut net,
        &x.slice(s![..200, ..]),
        &y.slice(s![..200, ..]),
        &TrainConfig::new()
            .eta(0.01)
            .batch_size(50)
            .epochs(2)
            .form(BackpropForm::PerExample)
            .grad_check(true),
    )
    .unwrap();
    assert_eq!(h.grad_check_errors.len(), 8);
    assert!(
        h.grad_check_errors.iter().all(|&e| e < GRADCHECK_EPSILON),
        "{:?}",
        h.grad_check_errors
    );
}

#[test]
fn bias_trick_matches_plain_forward() {
    // The walkthrough prints np.equal(...).all() == False: the two orders of
    // floating-point operations differ in the last bits. They agree to rounding.
    let (x, _) = toy(1000).unwrap();
    let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 8).unwrap();
    let plain = net.predict(&x).unwrap();
    let trick = net.forward_bias_trick(&x).unwrap();
    for (a, b) in plain.iter().zip(&trick) {
        assert_relative_eq!(a, b, max_relative = 1e-14);
    }
    // Bias column on the right: W_1_b = hstack((W_1, b_1)), shape (3, 2).
    let aug = net.augmented_weights();
    assert_eq!(aug[0].dim(), (3, 2));
    assert_eq!(aug[0].column(1), net.biases()[0].column(0));
}

#[test]
fn identity_network_is_one_affine_map() {
    // Hand derivation: A^L = W3 W2 W1 X^T + W3 W2 b1 + W3 b2 + b3.
    let (x, _) = toy(1000).unwrap();
    let net = Network::random(&[1, 3, 2, 1], Activation::Identity, Init::Normal, 5).unwrap();
    let (w_star, b_star) = net.collapse_affine().unwrap();
    let (w, b) = (net.weights(), net.biases());
    let by_hand_w = w[2].dot(&w[1]).dot(&w[0]);
    let by_hand_b = w[2].dot(&w[1]).dot(&b[0]) + w[2].dot(&b[1]) + &b[2];
    assert_abs_diff_eq!(w_star, by_hand_w, epsilon = 1e-14);
    assert_abs_diff_eq!(b_star, by_hand_b, epsilon = 1e-14);
    let affine = x.dot(&w_star.t()) + &b_star;
    assert_abs_diff_eq!(net.predict(&x).unwrap(), affine, epsilon = 1e-12);
}

#[test]
fn one_d_backprop_agrees_with_both_nudge_sweeps() {
    // The walkthrough nudges w_3 and then w_1 over linspace(-5, 5, 51), on example 0
    // (x = -5, y = -1), with w_3 = 1 "for plotting"; backprop's derivatives must
    // equal the slopes at zero nudge.
    let net = Net1d::new(0.37, -0.61, -0.88, 0.24, 1.0, 0.15).unwrap();
    let g = net.backprop(-5.0, -1.0).unwrap();
    for p in [Param1d::W3, Param1d::W1] {
        let s = nudge_sweep(&net, -5.0, -1.0, p, &walkthrough_nudges()).unwrap();
        assert_eq!(s.values.len(), 51);
        assert_relative_eq!(s.slope.cost, g.grad(p), max_relative = 1e-6);
    }
}
