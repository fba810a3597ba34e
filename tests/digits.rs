//! The UCI handwritten digits (`notebooks/data/digits.csv`) and the
//! classification helpers. Expected counts are the data set's own: 1797 images
//! of 64 pixels, and its class distribution as the UCI archive lists it for
//! this (test) half of the data: 178, 182, 177, 183, 181, 182, 181, 179, 174, 180.

use backprop_lab::{
    backprop::{backprop_1_example, backprop_per_neuron, gradients, BackpropForm},
    dense::{
        accuracy, confusion_matrix, one_hot, predict_classes, read_digits, stratified_split,
        Activation, Cost, Init, Layer, Network, DIGIT_CLASSES, DIGIT_PIXELS,
    },
    train_with_test,
    training::{grad_check, train, NielsenNetwork, Remainder, TrainConfig, GRADCHECK_EPSILON},
};

const CSV: &str = "notebooks/data/digits.csv";

#[test]
fn the_file_holds_the_uci_digits() {
    let d = read_digits(CSV).unwrap();
    assert_eq!(d.x.dim(), (1797, DIGIT_PIXELS));
    let mut counts = [0usize; DIGIT_CLASSES];
    for &l in &d.labels {
        counts[l] += 1;
    }
    assert_eq!(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    // The first image as the file stores it (pixel counts 0-16), scaled by 1/16.
    let first = [0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0];
    for (k, v) in first.iter().enumerate() {
        assert_eq!(d.x[[0, k]], v / 16.0);
    }
    assert!(d.x.iter().all(|&v| (0.0..=1.0).contains(&v)));
}

#[test]
fn split_one_hot_and_scores_fit_together() {
    let d = read_digits(CSV).unwrap();
    let (train, test) = stratified_split(&d.labels, 0.25, 8).unwrap();
    assert_eq!(train.len() + test.len(), 1797);
    // Each class contributes round(0.25 · count) test images.
    let want: usize = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
        .iter()
        .map(|&c: &usize| (0.25 * c as f64).round() as usize)
        .sum();
    assert_eq!(test.len(), want);
    let t = d.select(&test).unwrap();
    let y = one_hot(&t.labels, DIGIT_CLASSES).unwrap();
    assert_eq!(y.dim(), (test.len(), 10));
    assert!(y.rows().into_iter().all(|r| r.sum() == 1.0));
    // Predicting from the one-hot targets themselves is right every time, and
    // the confusion matrix is then diagonal with the class counts.
    let predicted = predict_classes(&y).unwrap();
    assert_eq!(accuracy(&predicted, &t.labels).unwrap(), 1.0);
    let m = confusion_matrix(&predicted, &t.labels, DIGIT_CLASSES).unwrap();
    assert_eq!(m.sum(), test.len());
    assert_eq!(m.diag().sum(), test.len());
    assert!(d.select(&[1797]).is_err());
}

#[test]
fn a_damaged_file_is_refused_naming_the_row() {
    let dir = std::env::temp_dir().join(format!("bpl-digits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header: Vec<String> = (0..64)
        .map(|i| format!("p{i}"))
        .chain(["label".into()])
        .collect();
    let row = |pixel: &str, label: &str| {
        let mut cells = vec!["0".to_string(); 64];
        cells[5] = pixel.to_string();
        cells.push(label.to_string());
        cells.join(",")
    };
    for (pixel, label, want) in [
        (
            "17",
            "3",
            "data row 2: pixel p5 = 17 is not a whole number from 0 to 16",
        ),
        ("2.5", "3", "pixel p5 = 2.5"),
        ("4", "10", "data row 2: label 10 is not a digit 0-9"),
    ] {
        let path = dir.join("bad.csv");
        let text = [header.join(","), row("1", "0"), row(pixel, label)].join("\n");
        std::fs::write(&path, text).unwrap();
        let e = read_digits(&path).unwrap_err().to_string();
        assert!(e.starts_with("read_digits") && e.contains(want), "{e}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---- Notebook 09: costs, softmax, initialisation, training with a test set ----

use backprop_lab::ndarray::{array, Array1, Array2, Axis};

/// Nielsen's single neuron (chapter 3): input 1, target 0, η = 0.15, 300
/// epochs. Returns the output before training and after.
fn one_neuron(w: f64, b: f64, cost: Cost) -> (f64, f64) {
    let (x, y) = (array![[1.0]], array![[0.0]]);
    let mut net =
        Network::from_params(vec![array![[w]]], vec![array![[b]]], Activation::Sigmoid).unwrap();
    net.set_output(Activation::Sigmoid, cost).unwrap();
    let before = net.predict(&x).unwrap()[[0, 0]];
    let cfg = TrainConfig::new().eta(0.15).batch_size(1).epochs(300);
    train(&mut net, &x, &y, &cfg).unwrap();
    (before, net.predict(&x).unwrap()[[0, 0]])
}

#[test]
fn the_learning_slowdown_of_one_neuron() {
    // Start: σ(0.6 + 0.9) = 0.82 and σ(2 + 2) = 0.98, as the book prints them.
    let (a0, a300) = one_neuron(0.6, 0.9, Cost::Quadratic);
    assert!(
        (a0 - 0.82).abs() < 0.005 && (a300 - 0.09).abs() < 0.005,
        "{a0} {a300}"
    );
    // The book's end points for the quadratic cost: 0.09 and 0.20.
    let (b0, b300) = one_neuron(2.0, 2.0, Cost::Quadratic);
    assert!(
        (b0 - 0.98).abs() < 0.005 && (b300 - 0.20).abs() < 0.005,
        "{b0} {b300}"
    );
    // Cross-entropy: δ = a − y, so per step w and b both drop by 0.15·a. A plain
    // Python loop of that update (an independent computation) ends at 0.0116
    // and 0.0120; both starts end below 0.02, far below the quadratic's.
    for (w, b, want) in [(0.6, 0.9, 0.0116), (2.0, 2.0, 0.0120)] {
        let (_, end) = one_neuron(w, b, Cost::CrossEntropy);
        assert!((end - want).abs() < 5e-4, "start ({w}, {b}) ends at {end}");
    }
}

#[test]
fn cross_entropy_costs_and_output_errors_by_hand() {
    // One sigmoid neuron with w = b = 0: a = ½, so C = ln 2 per example
    // whatever the target, and δ = a − y.
    let mut net = Network::from_params(
        vec![array![[0.0]]],
        vec![array![[0.0]]],
        Activation::Sigmoid,
    )
    .unwrap();
    net.set_output(Activation::Sigmoid, Cost::CrossEntropy)
        .unwrap();
    let c = net
        .cost(&array![[3.0], [-1.0]], &array![[1.0], [0.25]])
        .unwrap();
    assert!((c - 2.0 * 2f64.ln()).abs() < 1e-15, "{c}");
    let bp = backprop_1_example(&net, &[3.0], &[0.25]).unwrap();
    assert!((bp.deltas[0][[0, 0]] - 0.25).abs() < 1e-15);
    // ∂C/∂w = δ·x = 0.25 · 3.
    assert!((bp.gradients.nabla_w[0][[0, 0]] - 0.75).abs() < 1e-15);

    // Softmax with cross-entropy on a digits-sized network: δᴸ equals a
    // softmax written out here minus the one-hot target.
    let net = Network::random(&[64, 12, 10], Activation::Tanh, Init::Scaled, 5)
        .unwrap()
        .with_output(Activation::Softmax, Cost::CrossEntropy)
        .unwrap();
    let d = read_digits(CSV).unwrap();
    let x0 = d.x.row(0).to_vec();
    let y0 = one_hot(&d.labels[..1], 10).unwrap().row(0).to_vec();
    let z = net.forward_example(&x0).unwrap().activities[1]
        .column(0)
        .to_vec();
    let e: Vec<f64> = z.iter().map(|v| v.exp()).collect();
    let total: f64 = e.iter().sum();
    let bp = backprop_1_example(&net, &x0, &y0).unwrap();
    for j in 0..10 {
        let want = e[j] / total - y0[j];
        assert!((bp.deltas[1][[j, 0]] - want).abs() < 1e-14, "δ[{j}]");
    }
    // And the cost is −ln a_label.
    let c = net
        .cost(
            &d.x.slice(backprop_lab::ndarray::s![..1, ..]),
            &Array2::from_shape_vec((1, 10), y0.clone()).unwrap(),
        )
        .unwrap();
    assert!((c + (e[d.labels[0]] / total).ln()).abs() < 1e-12, "{c}");
}

#[test]
fn the_new_pairings_pass_the_gradient_check_on_digits() {
    let d = read_digits(CSV).unwrap();
    let rows: Vec<usize> = (0..8).collect();
    let x = d.x.select(Axis(0), &rows);
    let y = one_hot(&d.labels[..8], 10).unwrap();
    for (hidden, output, cost) in [
        (Activation::Sigmoid, Activation::Sigmoid, Cost::CrossEntropy),
        (Activation::Sigmoid, Activation::Softmax, Cost::CrossEntropy),
        (Activation::Tanh, Activation::Softmax, Cost::CrossEntropy),
        (Activation::Relu, Activation::Softmax, Cost::CrossEntropy),
    ] {
        let net = Network::random(&[64, 12, 10], hidden, Init::Scaled, 3)
            .unwrap()
            .with_output(output, cost)
            .unwrap();
        let report = grad_check(&net, &x, &y, BackpropForm::Gemm, GRADCHECK_EPSILON).unwrap();
        // The walkthrough's threshold for a passing check.
        assert!(
            report.passes(1e-7),
            "{hidden} + {output} + {cost}: {}",
            report.relative_error
        );
        // The four forms agree on the new pairings too.
        let reference = backprop_per_neuron(&net, &x, &y).unwrap();
        for form in BackpropForm::ALL {
            let g = gradients(&net, &x, &y, form).unwrap();
            assert!(g.max_relative_diff(&reference) < 1e-12, "{form:?}");
        }
    }
}

#[test]
fn softmax_and_cross_entropy_read_the_digits() {
    // Notebook 09's configuration: the split, seed, η and batches of its cell.
    let d = read_digits(CSV).unwrap();
    let (tr, te) = stratified_split(&d.labels, 0.2, 0).unwrap();
    let (a, b) = (d.select(&tr).unwrap(), d.select(&te).unwrap());
    let (ya, yb) = (
        one_hot(&a.labels, 10).unwrap(),
        one_hot(&b.labels, 10).unwrap(),
    );
    let mut net = Network::random(&[64, 30, 10], Activation::Sigmoid, Init::Scaled, 1)
        .unwrap()
        .with_output(Activation::Softmax, Cost::CrossEntropy)
        .unwrap();
    let cfg = TrainConfig::new()
        .eta(0.5)
        .batch_size(10)
        .epochs(30)
        .remainder(Remainder::Use);
    let h = train_with_test(&mut net, &a.x, &ya, &b.x, &yb, &cfg).unwrap();
    assert_eq!((h.train_accuracy.len(), h.test_accuracy.len()), (30, 30));
    // The bar: at least 95% of the test images.
    assert!(h.test_accuracy[29] >= 0.95, "{}", h.test_accuracy[29]);
    // The history's last test accuracy is what predict + accuracy give.
    let predicted = predict_classes(&net.predict(&b.x).unwrap()).unwrap();
    assert_eq!(
        accuracy(&predicted, &b.labels).unwrap(),
        h.test_accuracy[29]
    );
    // The cost per example is recorded for every step and falls.
    assert_eq!(h.cost.len(), h.steps());
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let spe = h.steps_per_epoch;
    assert!(mean(&h.cost[29 * spe..]) < 0.25 * mean(&h.cost[..spe]));
}

#[test]
fn scaled_initialisation_has_variance_one_over_n_in() {
    let net = Network::random(&[400, 300, 2], Activation::Sigmoid, Init::Scaled, 9).unwrap();
    let sd = |m: &Array2<f64>| {
        let n = m.len() as f64;
        let mean = m.sum() / n;
        (m.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n).sqrt()
    };
    // 120 000 draws: the sample deviation is within 1% of 1/√400 = 0.05.
    let w = &net.weights()[0];
    assert!((sd(w) - 0.05).abs() < 0.0005, "{}", sd(w));
    // Biases have no inputs to sum: standard normal (300 draws, within 10%).
    assert!((sd(&net.biases()[0]) - 1.0).abs() < 0.1);
}

#[test]
fn wrong_pairings_and_targets_are_refused_and_change_nothing() {
    let mut net = Network::random(&[4, 3, 2], Activation::Sigmoid, Init::Scaled, 0).unwrap();
    let before = net.clone();
    let e = net
        .set_output(Activation::Softmax, Cost::Quadratic)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("Network::set_output: ") && e.contains("Cost::CrossEntropy"),
        "{e}"
    );
    let e = net
        .set_output(Activation::Tanh, Cost::CrossEntropy)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not tanh"), "{e}");
    let e = net
        .set_activation(0, Activation::Softmax)
        .unwrap_err()
        .to_string();
    assert!(e.contains("layer 1 is a hidden layer"), "{e}");
    let e = net
        .set_activation(1, Activation::Softmax)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("softmax output pairs with Cost::CrossEntropy"),
        "{e}"
    );
    assert_eq!(net, before);
    let layers = net.layers().to_vec();
    let mut soft = layers.clone();
    soft[1] = Layer::new(
        soft[1].w().clone(),
        soft[1].b().clone(),
        Activation::Softmax,
    )
    .unwrap();
    assert!(Network::from_layers(soft.clone()).is_err());
    let ok = Network::from_layers_and_cost(soft, Cost::CrossEntropy).unwrap();
    assert_eq!(ok.cost_fn(), Cost::CrossEntropy);

    // Targets: a softmax row must sum to 1; a test row must be one-hot.
    let mut net = ok;
    let before = net.clone();
    let x = Array2::from_shape_fn((3, 4), |(i, j)| (i + j) as f64 / 6.0);
    let bad = array![[1.0, 0.0], [0.5, 0.0], [0.0, 1.0]];
    let cfg = TrainConfig::new().eta(0.1).batch_size(3).epochs(2);
    let e = train(&mut net, &x, &bad, &cfg).unwrap_err().to_string();
    assert_eq!(
        e,
        "train: row 1 of Y sums to 0.5, but a softmax output needs each target row to sum to 1, e.g. one-hot (one 1, the rest 0)"
    );
    let good = array![[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]];
    let soft_targets = array![[0.5, 0.5], [0.0, 1.0], [0.0, 1.0]];
    let e = train_with_test(&mut net, &x, &good, &x, &soft_targets, &cfg)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 0 of test_y is [0.5, 0.5], which is not one-hot"),
        "{e}"
    );
    let e = train_with_test(&mut net, &x, &soft_targets, &x, &good, &cfg)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 0 of Y is [0.5, 0.5], which is not one-hot"),
        "{e}"
    );
    assert_eq!(net, before);
    // Nielsen's network.py has no cross-entropy.
    assert!(NielsenNetwork::from_network(&net).is_err());
    // Softmax of a whole column at once, with huge activities: finite, sums to 1.
    let a = Activation::Softmax.apply(&Array1::from(vec![1e300, -1e300, 0.0]));
    assert_eq!(a.to_vec(), vec![1.0, 0.0, 0.0]);
}
