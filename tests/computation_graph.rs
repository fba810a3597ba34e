//! The computation-graph lab (`shared/seeds/coursera-c2w2-backprop-lab.*`): every
//! number it prints, from our scalar graphs and symbolic derivatives.

use backprop_lab::graph::{Mark, QuizField};
use backprop_lab::prelude::*;

#[test]
fn square_graph_forward_and_backward() {
    // Printed: "a = 11, J = 121"; dJ/da = 22 (2a), da/dw = 3, dJ/dw = 66.
    let g = lab_square_graph();
    let (w, a, j) = (
        g.get("w").unwrap(),
        g.get("a").unwrap(),
        g.get("J").unwrap(),
    );
    let back = g.backward(j).unwrap();
    assert_eq!(back.value(a), 11.0);
    assert_eq!(back.value(j), 121.0);
    assert_eq!(back.grad(a), 22.0);
    assert_eq!(back.grad(w), 66.0);
    let edge = back.edges().iter().find(|e| e.from == w.id()).unwrap();
    assert_eq!(edge.local, 3.0);
    assert_eq!(edge.local_expr.to_string(), "3");
    let top = back.edges().iter().find(|e| e.from == a.id()).unwrap();
    assert_eq!(top.local_expr.to_latex(), "2 a");
}

#[test]
fn square_graph_arithmetic_derivatives() {
    // Printed (epsilon = 0.001, one-sided):
    //   J_epsilon = 121.02200099999999, dJ_da ~= k = 22.000999999988835
    //   a_epsilon = 11.003, da_dw ~= k = 3.0000000000001137
    //   J_epsilon = 121.06600900000001, dJ_dw ~= k = 66.0090000000082
    let g = lab_square_graph();
    let (w, a, j) = (
        g.get("w").unwrap(),
        g.get("a").unwrap(),
        g.get("J").unwrap(),
    );
    let k = g
        .numeric_derivative(j, a, 0.001, Difference::OneSided)
        .unwrap();
    assert_eq!(k.plus, 121.02200099999999);
    assert_eq!(k.estimate, 22.000999999988835);
    let k = g
        .numeric_derivative(a, w, 0.001, Difference::OneSided)
        .unwrap();
    assert_eq!(k.plus, 11.003);
    assert_eq!(k.estimate, 3.0000000000001137);
    let k = g
        .numeric_derivative(j, w, 0.001, Difference::OneSided)
        .unwrap();
    assert_eq!(k.plus, 121.06600900000001);
    assert_eq!(k.estimate, 66.0090000000082);
    // Two-sided: (11.001² − 10.999²)/0.002 = 22 up to rounding (hand derivation).
    let k = g
        .numeric_derivative(j, a, 0.001, Difference::TwoSided)
        .unwrap();
    assert!((k.estimate - 22.0).abs() < 1e-9, "{}", k.estimate);
}

#[test]
fn square_graph_symbolically() {
    // SymPy in the lab: J = a², dJ/da = 2a, a = 3w + 2, da/dw = 3, dJ/dw = 6a; J(11) = 121.
    let j = sym("a").powi(2);
    assert_eq!(j.to_latex(), "a^{2}");
    assert_eq!(j.subs(&[("a", 11.0)]).to_string(), "121");
    let dj_da = j.diff("a");
    assert_eq!(dj_da.to_latex(), "2 a");
    let a = 2.0 + 3.0 * sym("w");
    assert_eq!(a.simplify().to_latex(), "3 w + 2");
    let da_dw = a.diff("w");
    assert_eq!(da_dw.to_string(), "3");
    let dj_dw = (da_dw * dj_da).simplify();
    assert_eq!(dj_dw.to_latex(), "6 a");
    assert_eq!(dj_dw.eval(&[("a", 11.0)]).unwrap(), 66.0);
}

#[test]
fn small_network_node_by_node() {
    // Printed: "J=4.5, d=3, a=4, c=-4"; dJ/dd = 3, dd/da = 1, dJ/da = 3,
    // dJ/dc = dJ/db = 3, dc/dw = x = 2, dJ/dw = 6.
    let g = lab_small_network_graph();
    let j = g.get("J").unwrap();
    let back = g.backward(j).unwrap();
    let v = |n: &str| back.value(g.get(n).unwrap());
    let d = |n: &str| back.grad(g.get(n).unwrap());
    assert_eq!((v("J"), v("d"), v("a"), v("c")), (4.5, 3.0, 4.0, -4.0));
    assert_eq!(
        (d("d"), d("a"), d("c"), d("b"), d("w")),
        (3.0, 3.0, 3.0, 3.0, 6.0)
    );
    let local = |to: &str, from: &str| {
        let (to, from) = (g.get(to).unwrap().id(), g.get(from).unwrap().id());
        back.edges()
            .iter()
            .find(|e| e.to == to && e.from == from)
            .unwrap()
            .clone()
    };
    assert_eq!(local("d", "a").local, 1.0);
    assert_eq!(local("a", "c").local, 1.0);
    assert_eq!(local("a", "b").local, 1.0);
    assert_eq!(local("c", "w").local, 2.0);
    assert_eq!(local("c", "w").local_expr.to_string(), "x");
    assert_eq!(local("J", "d").local_expr.to_string(), "d");
}

#[test]
fn small_network_arithmetic_derivatives() {
    // Printed: J_epsilon = 4.5030005, dJ_dd ~= k = 3.0004999999997395
    //          d_epsilon = 3.0010000000000003, dd_da ~= k = 1.000000000000334
    //          J_epsilon = 4.503000500000001, dJ_da ~= k = 3.0005000000006277
    //          J_epsilon = 4.506002, dJ_dw ~= k = 6.001999999999619
    let g = lab_small_network_graph();
    let n = |s: &str| g.get(s).unwrap();
    let k = g
        .numeric_derivative(n("J"), n("d"), 0.001, Difference::OneSided)
        .unwrap();
    assert_eq!((k.plus, k.estimate), (4.5030005, 3.0004999999997395));
    let k = g
        .numeric_derivative(n("d"), n("a"), 0.001, Difference::OneSided)
        .unwrap();
    assert_eq!(
        (k.plus, k.estimate),
        (3.0010000000000003, 1.000000000000334)
    );
    let k = g
        .numeric_derivative(n("J"), n("a"), 0.001, Difference::OneSided)
        .unwrap();
    assert_eq!(
        (k.plus, k.estimate),
        (4.503000500000001, 3.0005000000006277)
    );
    let k = g
        .numeric_derivative(n("J"), n("w"), 0.001, Difference::OneSided)
        .unwrap();
    assert_eq!((k.plus, k.estimate), (4.506002, 6.001999999999619));
}

#[test]
fn small_network_symbolically() {
    // SymPy: J = d²/2 → J(3) = 9/2; dJ/dd = d; d = a − y, dd/da = 1; dJ/da = d;
    // a = b + c, da/dc = da/db = 1; c = w x, dc/dw = x; dJ/dw = d x, which is 2d at x = 2.
    let j = sym("d").powi(2) / 2.0;
    assert_eq!(j.simplify().to_latex(), "\\frac{d^{2}}{2}");
    assert_eq!(j.subs(&[("d", 3.0)]).eval(&[]).unwrap(), 4.5);
    let dj_dd = j.diff("d");
    assert_eq!(dj_dd.to_string(), "d");
    let d = sym("a") - sym("y");
    assert_eq!(d.simplify().to_latex(), "a - y");
    let dj_da = (d.diff("a") * dj_dd).simplify();
    assert_eq!(dj_da.to_string(), "d");
    let a = sym("c") + sym("b");
    assert_eq!(a.simplify().to_latex(), "b + c");
    assert_eq!(
        (a.diff("c").to_string(), a.diff("b").to_string()),
        ("1".into(), "1".into())
    );
    let dj_dc = (a.diff("c") * dj_da).simplify();
    let c = sym("w") * sym("x");
    assert_eq!(c.simplify().to_latex(), "w x");
    let dj_dw = (c.diff("w") * dj_dc).simplify();
    assert_eq!(dj_dw.to_latex(), "d x");
    assert_eq!(dj_dw.subs(&[("x", 2.0)]).to_string(), "2*d");
    assert_eq!(dj_dw.eval(&[("d", 3.0), ("x", 2.0)]).unwrap(), 6.0);
}

#[test]
fn narration_and_step_table() {
    // The lab's sentences: "a small change in w will cause a to change by 3 times that
    // amount", "... J to change by 2 × a times that amount" → 3 × 22 = 66.
    let g = lab_square_graph();
    let back = g.backward(g.get("J").unwrap()).unwrap();
    let text = back.narrate();
    assert!(
        text.contains("a small change in a changes J by 22 times that amount"),
        "{text}"
    );
    assert!(
        text.contains("so J moves by 3 × 22 = 66 times the change in w"),
        "{text}"
    );
    let table = back.step_table();
    assert!(table.contains("∂J/∂a = 2*a = 22"), "{table}");
    assert!(table.contains("∂a/∂w = 3 = 3"), "{table}");
    assert!(table.contains("3 × 22 = 66"), "{table}");
}

#[test]
fn quiz_marks_learner_answers() {
    let g = lab_small_network_graph();
    let j = g.get("J").unwrap();
    let r = check_quiz(
        &g,
        j,
        &[
            Answer::value("c", -4.0),
            Answer::value("J", 4.5),
            Answer::grad("w", 6.0),
            Answer::grad("b", -3.0),
            Answer::local("c", "w", 2.0),
        ],
    )
    .unwrap();
    assert_eq!(r.mark("c", &QuizField::Value), Some(Mark::Right(-4.0)));
    assert_eq!(r.mark("w", &QuizField::Grad), Some(Mark::Right(6.0)));
    assert_eq!(r.mark("b", &QuizField::Grad), Some(Mark::Wrong(-3.0)));
    assert_eq!(
        r.mark("c", &QuizField::Local { input: "w".into() }),
        Some(Mark::Right(2.0))
    );
    assert_eq!(r.mark("a", &QuizField::Value), Some(Mark::Unanswered));
    assert_eq!(r.counts().0, 4);
    assert_eq!(r.counts().1, 1);
}

#[test]
fn logistic_neuron_against_numerical_difference() {
    let g = logistic_neuron_graph([1.5, -0.5], [0.4, -1.2], 0.2, 1.0);
    let l = g.get("L").unwrap();
    let back = g.backward(l).unwrap();
    for p in ["w0", "w1", "b"] {
        let v = g.get(p).unwrap();
        let num = g
            .numeric_derivative(l, v, 1e-6, Difference::TwoSided)
            .unwrap();
        assert!((num.estimate - back.grad(v)).abs() < 1e-9, "{p}");
    }
}
