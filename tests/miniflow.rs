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
    let s = backprop_lab::dense::sigmoid(-11.0);
    let value = array![[s], [s]].into_dyn();
    let upstream = array![[-(1.0 - s)], [-(2.0 - s)]].into_dyn();
    let g = miniflow_sigmoid_backward(&value, &[upstream]).unwrap();
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

/// The cost of `g` after a forward pass in `order`, read from node `cost`.
fn cost_of(g: &mut MiniFlow, order: &[FlowId], cost: FlowId) -> f64 {
    g.forward_and_backward(order).unwrap();
    g.value(cost).unwrap().iter().copied().next().unwrap()
}

/// A value that fans out is differentiated by adding what every consumer
/// sends. `X` (2 × 2) is both the Linear node's input and the MSE's target;
/// `W` is also the Linear node's bias's partner in a second Linear node. The
/// gradients must match two-sided differences of the cost, an independent
/// computation (h = 1e-6, agreement to 1e-7).
#[test]
fn fan_out_gradients_add_up() {
    let mut g = MiniFlow::new();
    let (x, w, b) = (g.input("X"), g.input("W"), g.input("b"));
    let f = g.linear("f", x, w, b).unwrap();
    let s = g.sigmoid("s", f).unwrap();
    let cost = g.mse("cost", x, s).unwrap();
    let feed = vec![
        (x, array![[0.3, -0.7], [1.1, 0.4]].into_dyn()),
        (w, array![[0.5, -0.2], [0.9, 0.1]].into_dyn()),
        (b, array![0.05, -0.3].into_dyn()),
    ];
    let order = g.topological_sort(&feed).unwrap();
    g.forward_and_backward(&order).unwrap();
    for (id, value) in &feed {
        let grad = g.grad(*id).unwrap().clone();
        assert_eq!(grad.len(), value.len());
        for k in 0..value.len() {
            let nudged = |h: f64| {
                let mut v = value.clone();
                v.as_slice_mut().unwrap()[k] += h;
                let mut g2 = g.clone();
                g2.set_value(*id, v).unwrap();
                cost_of(&mut g2, &order, cost)
            };
            let numeric = (nudged(1e-6) - nudged(-1e-6)) / 2e-6;
            let analytic = grad.iter().nth(k).copied().unwrap();
            assert!(
                (numeric - analytic).abs() < 1e-7,
                "∂C/∂{}[{k}]: {analytic} vs {numeric}",
                g.name(*id)
            );
        }
    }
}

/// `Linear(X, X, b)`: one node read twice by one consumer gets both terms.
#[test]
fn a_node_read_twice_by_one_node_gets_both_terms() {
    let mut g = MiniFlow::new();
    let (x, b, y) = (g.input("X"), g.input("b"), g.input("y"));
    let f = g.linear("f", x, x, b).unwrap();
    let cost = g.mse("cost", y, f).unwrap();
    // F = X·X + b with X = [[2]], b = [1], y = [0]: F = 5, C = 25,
    // ∂C/∂F = −2·(0 − 5) = 10, ∂C/∂X = 10·X + X·10 = 40 (by hand).
    let feed = vec![
        (x, array![[2.0]].into_dyn()),
        (b, array![1.0].into_dyn()),
        (y, array![0.0].into_dyn()),
    ];
    let order = g.topological_sort(&feed).unwrap();
    assert_eq!(cost_of(&mut g, &order, cost), 25.0);
    assert_eq!(
        g.grad(x).unwrap().iter().copied().collect::<Vec<_>>(),
        [40.0]
    );
    assert_eq!(
        g.gradient(f, x)
            .unwrap()
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [40.0]
    );
}

#[test]
fn the_lesson_printed_values_agree_at_its_precision() {
    let (mut g, order, [x, w, b, y, ..]) = lesson_quiz();
    g.forward_and_backward(&order).unwrap();
    // The lesson's printed output: 9 significant digits, y's 7.
    let printed = vec![
        (
            "X",
            x,
            vec![
                "-3.34017280e-05",
                "-5.01025919e-05",
                "-6.68040138e-05",
                "-1.00206021e-04",
            ],
        ),
        ("y", y, vec!["0.9999833", "1.9999833"]),
        ("W", w, vec!["5.01028709e-05", "1.00205742e-04"]),
        ("b", b, vec!["-5.01028709e-05"]),
    ];
    let table = g.against_printed(&printed).unwrap();
    assert_eq!((table.agree, table.rows.len()), (9, 9));
    assert_eq!(
        table.rows[4],
        (
            "y".to_string(),
            "0.9999833".to_string(),
            "9.999833e-1".to_string(),
            7
        )
    );
    assert!(
        table
            .to_string()
            .ends_with("9 of 9 values agree at the lesson's own precision"),
        "{table}"
    );
    // One digit off in the last place no longer agrees.
    let off = g
        .against_printed(&[("b", b, vec!["-5.01028708e-05"])])
        .unwrap();
    assert_eq!(off.agree, 0);
    // Too many values, a text that is no number, a node with no gradient.
    assert!(matches!(
        g.against_printed(&[("b", b, vec!["1", "2"])]),
        Err(Error::Shape { .. })
    ));
    let e = g
        .against_printed(&[("b", b, vec!["five"])])
        .unwrap_err()
        .to_string();
    assert!(e.contains("\"five\"") && e.contains("value 0 of b"), "{e}");
    let (fresh, _, [x2, ..]) = lesson_quiz();
    assert!(fresh.against_printed(&[("X", x2, vec!["1"; 4])]).is_err());
}
