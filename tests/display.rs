//! What a notebook cell shows for the values learners look at: `Display` text
//! (the same table as the HTML `evcxr_display` output) with the lab's numbers.

use backprop_lab::prelude::*;

#[test]
fn a_network_lists_its_layers_and_parameter_count() {
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let text = net.to_string();
    // 2·3 + 3 weights and biases in layer 1, 3·1 + 1 in layer 2: 13 (hand count).
    assert!(text.starts_with("Network 2 → 3 → 1"), "{text}");
    assert!(
        text.contains("1      (3, 2)  (3, 1)  sigmoid     9"),
        "{text}"
    );
    assert!(text.contains("13 parameters in all"), "{text}");
}

#[test]
fn a_backward_pass_shows_the_lab_step_table() {
    let g = lab_square_graph();
    let back = g.backward(g.get("J").unwrap()).unwrap();
    let text = back.to_string();
    // The lab: ∂J/∂a = 2a = 22, ∂J/∂w = 22 × 3 = 66.
    assert!(text.contains("∂J/∂a = 2*a = 22"), "{text}");
    assert!(text.contains("3 × 22 = 66"), "{text}");
    assert_eq!(text, back.step_table());
}

#[test]
fn gradients_history_traces_and_reports_show_their_numbers() {
    let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 1).unwrap();
    let (x, y) = make_circles(20, 0.3, 0.1, 0).unwrap();
    let g = backprop_gemm(&net, &x, &y).unwrap();
    let text = g.to_string();
    assert!(text.contains("(3, 2)") && text.contains("(1, 3)"), "{text}");
    let trace = net.feedforward_batch(&x).unwrap();
    assert!(
        trace.to_string().contains("0 (input)  —        (2, 20)"),
        "{trace}"
    );
    let ex = net.forward_example(&[0.1, 0.2]).unwrap();
    assert!(ex.to_string().contains("(3, 1)"), "{ex}");
    let mut trained = net.clone();
    let history = train(
        &mut trained,
        &x,
        &y,
        &TrainConfig::new().eta(0.5).batch_size(10).epochs(3),
    )
    .unwrap();
    let text = history.to_string();
    assert!(
        text.starts_with("Training history: 6 steps, 3 epochs"),
        "{text}"
    );
    let first = format!("{:.5}", history.loss[0]);
    assert!(text.contains(&first[..4]), "{text} lacks {first}");
    let report = grad_check(&net, &x, &y, BackpropForm::Gemm, GRADCHECK_EPSILON).unwrap();
    assert!(report.to_string().contains("overall relative error"));
}

#[test]
fn nudges_and_1d_backprop_show_the_slope_next_to_the_derivative() {
    let net = Net1d::new(0.5, 0.1, 1.0, -0.2, 0.8, 0.05).unwrap();
    let bp = net.backprop(1.5, 0.5).unwrap();
    let text = bp.to_string();
    assert!(text.starts_with("1-D backprop at x = 1.5"), "{text}");
    let sweep = nudge_sweep(&net, 1.5, 0.5, Param1d::W2, &walkthrough_nudges()).unwrap();
    let text = sweep.to_string();
    assert!(text.contains("slope at zero nudge"), "{text}");
}
