//! The MiniFlow lesson (`shared/seeds/miniflow-backprop-quiz.txt`): the quiz's
//! network must print the lesson's expected gradients.

use backprop_lab::prelude::*;

fn close(got: &ArrayD<f64>, want: &[f64], shape: &[usize]) {
    assert_eq!(got.shape(), shape);
    for (g, w) in got.iter().zip(want) {
        // The lesson prints 9 significant digits (e.g. -3.34017280e-05).
        assert!(
            (g - w).abs() <= 5e-9 * w.abs().max(1e-300) + 1e-15,
            "{g} vs {w}"
        );
    }
}

/// The lesson's quiz network, fed and sorted: `(graph, order, [X, W, b, y, f, a])`.
fn lesson_quiz() -> (MiniFlow, Vec<FlowId>, [FlowId; 6]) {
    let mut g = MiniFlow::new();
    let (x, w, b) = (g.input("X"), g.input("W"), g.input("b"));
    let y = g.input("y");
    let f = g.linear("f", x, w, b).unwrap();
    let a = g.sigmoid("a", f).unwrap();
    let _cost = g.mse("cost", y, a).unwrap();
    let feed = vec![
        (x, array![[-1., -2.], [-1., -2.]].into_dyn()),
        (y, array![1., 2.].into_dyn()),
        (w, array![[2.], [3.]].into_dyn()),
        (b, array![-3.].into_dyn()),
    ];
    let order = g.topological_sort(&feed).unwrap();
    (g, order, [x, w, b, y, f, a])
}

#[test]
fn quiz_network_gradients() {
    let (mut g, order, [x, w, b, y, f, a]) = lesson_quiz();
    // Kahn's order puts every node after its inbound nodes.
    let pos = |id: FlowId| order.iter().position(|&o| o == id).unwrap();
    assert!(pos(x) < pos(f) && pos(w) < pos(f) && pos(b) < pos(f) && pos(f) < pos(a));
    assert_eq!(order.len(), 7);
    g.forward_and_backward(&order).unwrap();
    // Expected output printed by the lesson.
    close(
        g.grad(x).unwrap(),
        &[
            -3.34017280e-05,
            -5.01025919e-05,
            -6.68040138e-05,
            -1.00206021e-04,
        ],
        &[2, 2],
    );
    close(g.grad(y).unwrap(), &[0.9999833, 1.9999833], &[2, 1]);
    close(
        g.grad(w).unwrap(),
        &[5.01028709e-05, 1.00205742e-04],
        &[2, 1],
    );
    close(g.grad(b).unwrap(), &[-5.01028709e-05], &[1]);
}

#[test]
fn sigmoid_backward_by_hand() {
    // The exercise: ∂C/∂f = s(1 − s)·∂C/∂s. With f = -11 for both rows (X·W + b =
    // -2 - 6 - 3), s = σ(-11) and ∂C/∂s = -(y - s) (m = 2), a hand derivation.
    let s = backprop_lab::sigmoid(-11.0);
    let value = array![[s], [s]].into_dyn();
    let upstream = array![[-(1.0 - s)], [-(2.0 - s)]].into_dyn();
    let g = miniflow_sigmoid_backward(&value, &upstream).unwrap();
    assert!((g[[0, 0]] - s * (1.0 - s) * -(1.0 - s)).abs() < 1e-20);
    // Its row sum is the lesson's b gradient, -5.01028709e-05.
    assert!((g.sum() - -5.01028709e-05).abs() < 5e-13);
}

#[test]
fn a_bad_linear_step_is_refused_and_changes_nothing() {
    let (mut g, order, [_x, w, _b, _y, _f, _a]) = lesson_quiz();
    g.forward_and_backward(&order).unwrap();
    let before = g.grad(w).unwrap().clone();
    // ∂C/∂W returned transposed, (1, 2) for W (2, 1).
    let err = g
        .forward_and_backward_with_linear(&order, |_x, w, g| {
            (g.dot(&w.t()), Array2::zeros((1, 2)), g.sum_axis(Axis(0)))
        })
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("MiniFlow::forward_and_backward_with_linear")
            && err.contains("∂C/∂W of shape (1, 2), but it must be (2, 1)"),
        "{err}"
    );
    assert_eq!(g.grad(w).unwrap(), &before);
    // The reference step gives the lesson's printed gradients again.
    g.forward_and_backward_with_linear(&order, |x, w, g| {
        backprop_lab::miniflow_linear_backward(x, w, g).unwrap()
    })
    .unwrap();
    close(
        g.grad(w).unwrap(),
        &[5.01028709e-05, 1.00205742e-04],
        &[2, 1],
    );
}
