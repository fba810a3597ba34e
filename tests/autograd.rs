//! Notebook 02's engine: the crate's `Tape` (the model answer) against the
//! crate's `Graph` of notebook 01 on the same expressions, against two-sided
//! differences, and on graphs too deep for recursion.

use backprop_lab::autograd::{apply_op, topo_order, Autograd, Op, Tape};
use backprop_lab::dense::make_moons;
use backprop_lab::exercises::{check_backward, check_ops, check_topo_order, check_zero_grad};
use backprop_lab::figures::plot_decision_function;
use backprop_lab::prelude::*;
use proptest::prelude::*;

/// L = (a·b + a)² · e^b − a, with a fanning out three times and b twice.
fn tape_expression(t: &mut dyn Autograd, a: f64, b: f64) -> (usize, usize, usize) {
    let (va, vb) = (t.leaf(a), t.leaf(b));
    let ab = t.mul(va, vb);
    let s = t.add(ab, va);
    let sq = t.pow(s, 2.0);
    let e = t.exp(vb);
    let p = t.mul(sq, e);
    let l = t.sub(p, va);
    (va, vb, l)
}

#[test]
fn tape_gives_the_graphs_gradients_on_a_shared_expression() {
    for &(a, b) in &[(0.5, -1.25), (2.0, 0.3), (-1.5, 0.75)] {
        let mut t = Tape::default();
        let (ta, tb, tl) = tape_expression(&mut t, a, b);
        t.backward(tl);
        // The expected numbers: notebook 01's Graph on the same expression.
        let g = Graph::new();
        let (ga, gb) = (g.param("a", a), g.param("b", b));
        let l = ((ga * gb + ga).powi(2)) * gb.exp() - ga;
        let back = g.backward(l).unwrap();
        assert!((t.value(tl) - back.value(l)).abs() < 1e-12);
        assert!((t.grad(ta) - back.grad(ga)).abs() < 1e-12 * back.grad(ga).abs().max(1.0));
        assert!((t.grad(tb) - back.grad(gb)).abs() < 1e-12 * back.grad(gb).abs().max(1.0));
    }
}

/// L = tanh(w1·x1 + w2·x2 + b) + relu(w1·w2) · w1: a neuron, a kink away from
/// the point, and a parameter used three times.
fn neuron(t: &mut dyn Autograd, p: &[f64; 5]) -> (Vec<usize>, usize) {
    let ids: Vec<usize> = p.iter().map(|&v| t.leaf(v)).collect();
    let (w1, w2, x1, x2, b) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
    let p1 = t.mul(w1, x1);
    let p2 = t.mul(w2, x2);
    let s = t.add(p1, p2);
    let z = t.add(s, b);
    let h = t.tanh(z);
    let ww = t.mul(w1, w2);
    let r = t.relu(ww);
    let rw = t.mul(r, w1);
    let l = t.add(h, rw);
    (ids, l)
}

#[test]
fn tape_gradients_agree_with_two_sided_differences() {
    let p = [0.8, 1.3, 0.5, -1.5, 0.25];
    let mut t = Tape::default();
    let (ids, l) = neuron(&mut t, &p);
    t.backward(l);
    let loss = |q: &[f64; 5]| {
        let mut t = Tape::default();
        let (_, l) = neuron(&mut t, q);
        t.value(l)
    };
    let h = 1e-6;
    for k in 0..5 {
        let (mut up, mut down) = (p, p);
        up[k] += h;
        down[k] -= h;
        // The expected number: (L(p + h·eₖ) − L(p − h·eₖ)) / 2h, error ~h².
        let diff = (loss(&up) - loss(&down)) / (2.0 * h);
        assert!(
            (t.grad(ids[k]) - diff).abs() < 1e-8,
            "parameter {k}: {} vs {diff}",
            t.grad(ids[k])
        );
    }
}

#[test]
fn a_chain_a_hundred_thousand_deep_does_not_overflow_the_stack() {
    let mut t = Tape::default();
    let a = t.leaf(0.5);
    let mut x = a;
    // The expected gradient: the chain rule by hand, ∏ (1 − tanh²(xₖ)).
    let (mut v, mut expected) = (0.5f64, 1.0);
    for _ in 0..100_000 {
        x = t.tanh(x);
        expected *= 1.0 - v.tanh().powi(2);
        v = v.tanh();
    }
    t.backward(x);
    assert!((t.value(x) - v).abs() < 1e-15);
    assert!((t.grad(a) - expected).abs() <= 1e-9 * expected);
    let inputs: Vec<Vec<usize>> = (0..200_000)
        .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
        .collect();
    assert_eq!(topo_order(&inputs, 199_999).len(), 200_000);
}

#[test]
fn the_trait_drives_boxed_engines_and_the_references_pass_their_checks() {
    let mut engines: Vec<Box<dyn Autograd>> = vec![Box::new(Tape::default())];
    let e = engines[0].as_mut();
    let a = e.leaf(3.0);
    let sq = e.mul(a, a);
    let l = e.neg(sq);
    e.backward(l);
    assert_eq!(e.grad(a), -6.0); // d(−a²)/da = −2a
    assert!(check_ops(apply_op).is_right());
    assert!(check_topo_order(topo_order).is_right());
    assert!(check_backward::<Tape>().is_right());
    assert!(check_zero_grad::<Tape>().is_right());
}

#[test]
fn moons_and_an_arbitrary_predictor_make_a_decision_boundary() {
    let (x, y) = make_moons(200, 0.1, 3).unwrap();
    assert_eq!(y.iter().filter(|&&l| l == 1.0).count(), 100);
    let fig = plot_decision_function(|x1, x2| if x2 > 0.5 - 0.5 * x1 { 0.0 } else { 1.0 }, &x, &y);
    assert!(fig.is_ok());
    let err = plot_decision_function(|_, _| f64::NAN, &x, &y).unwrap_err();
    assert!(err.to_string().contains("plot_decision_function"), "{err}");
}

proptest! {
    /// Each op's local derivative is the slope of its value: two-sided
    /// differences at step 1e-6 (error about 1e-10 for these smooth ops).
    #[test]
    fn local_derivatives_are_slopes(a in 0.2f64..2.0, b in -2.0f64..2.0, n in -2.0f64..3.0) {
        for (op, x) in [
            (Op::Add, vec![a, b]), (Op::Mul, vec![a, b]), (Op::Pow(n), vec![a]),
            (Op::Exp, vec![b]), (Op::Tanh, vec![b]), (Op::Relu, vec![b]),
        ] {
            if op == Op::Relu && b.abs() < 1e-3 {
                continue; // the kink
            }
            let (_, d) = apply_op(op, &x);
            prop_assert_eq!(d.len(), x.len());
            for k in 0..x.len() {
                let h = 1e-6;
                let (mut up, mut down) = (x.clone(), x.clone());
                up[k] += h;
                down[k] -= h;
                let slope = (apply_op(op, &up).0 - apply_op(op, &down).0) / (2.0 * h);
                prop_assert!((d[k] - slope).abs() < 1e-6 * slope.abs().max(1.0), "{:?} {}: {} vs {}", op, k, d[k], slope);
            }
        }
    }
}

/// A learner's engine whose backward writes `=` where it must add `+=`.
#[derive(Default)]
struct Overwriting {
    values: Vec<f64>,
    grads: Vec<f64>,
    ops: Vec<Option<Op>>,
    inputs: Vec<Vec<usize>>,
}

impl Autograd for Overwriting {
    fn leaf(&mut self, value: f64) -> usize {
        self.values.push(value);
        self.grads.push(0.0);
        self.ops.push(None);
        self.inputs.push(vec![]);
        self.values.len() - 1
    }
    fn apply(&mut self, op: Op, inputs: &[usize]) -> usize {
        let x: Vec<f64> = inputs.iter().map(|&i| self.values[i]).collect();
        let id = self.leaf(apply_op(op, &x).0);
        self.ops[id] = Some(op);
        self.inputs[id] = inputs.to_vec();
        id
    }
    fn value(&self, id: usize) -> f64 {
        self.values[id]
    }
    fn grad(&self, id: usize) -> f64 {
        self.grads[id]
    }
    fn set_value(&mut self, id: usize, value: f64) {
        self.values[id] = value;
    }
    fn backward(&mut self, root: usize) {
        self.grads[root] = 1.0;
        for &n in topo_order(&self.inputs, root).iter().rev() {
            let Some(op) = self.ops[n] else { continue };
            let x: Vec<f64> = self.inputs[n].iter().map(|&i| self.values[i]).collect();
            let (_, local) = apply_op(op, &x);
            for (k, &i) in self.inputs[n].iter().enumerate() {
                self.grads[i] = local[k] * self.grads[n]; // the mistake: = for +=
            }
        }
    }
    fn zero_grad(&mut self) {
        self.grads.iter_mut().for_each(|g| *g = 0.0);
    }
    fn len(&self) -> usize {
        self.values.len()
    }
    fn truncate(&mut self, len: usize) {
        self.values.truncate(len);
        self.grads.truncate(len);
        self.ops.truncate(len);
        self.inputs.truncate(len);
    }
}

/// The transcripts of two realistic mistakes (`cargo test --test autograd --
/// --nocapture` prints them).
#[test]
fn transcripts_name_the_mistakes() {
    let r = check_backward::<Overwriting>();
    println!("{r}\n{}\n", r.hint());
    assert_eq!(
        r.mistake(),
        Some("= instead of += where a node fans out in backward")
    );
    let r = check_ops(|op, x| match op {
        Op::Tanh => (x[0].tanh(), vec![1.0 - x[0] * x[0]]),
        _ => apply_op(op, x),
    });
    println!("{r}\n{}", r.hint());
    assert!(r
        .mistake()
        .unwrap()
        .starts_with("tanh′ computed from the input"));
}
