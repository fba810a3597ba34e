//! Lab 02: your own autograd engine.
//!
//! Notebook 02 has the learner build a scalar reverse-mode engine of their
//! own: an arena of nodes (value, gradient, operation, input ids), each
//! operation's forward value and local derivatives side by side
//! ([`apply_op`]), the topological order ([`topo_order`]), `backward` and
//! `zero_grad`. This module holds what that engine plugs into:
//!
//! * [`Op`], the operations an engine supports;
//! * [`Autograd`], the trait every engine implements, so the checks, the
//!   notebook's neuron, layer and MLP, and the SGD step drive any engine
//!   (it is object-safe: a notebook can hold a `Box<dyn Autograd>`);
//! * [`apply_op`] and [`topo_order`], the crate's answers to steps 1 and 3;
//! * [`Tape`], the notebook's model answer: the whole engine in a few lines,
//!   which the notebook runs until the learner's own engine passes its checks.
//!
//! The crate's [`Graph`](crate::graph::Graph) of notebook 01 is the same idea
//! with names and narration; a `Tape` keeps only numbers.
//!
//! ```
//! use backprop_lab::autograd::{Autograd, Tape};
//! // L = tanh(w·x + b) at w = 2, x = 0.5, b = -0.25.
//! let mut t = Tape::default();
//! let (w, x, b) = (t.leaf(2.0), t.leaf(0.5), t.leaf(-0.25));
//! let wx = t.mul(w, x);
//! let z = t.add(wx, b);
//! let l = t.tanh(z);
//! t.backward(l);
//! // ∂L/∂w = (1 − tanh²(0.75)) · x
//! let expected = (1.0 - 0.75f64.tanh().powi(2)) * 0.5;
//! assert!((t.grad(w) - expected).abs() < 1e-15);
//! ```

mod tape;

pub use tape::Tape;

/// The operations a learner's engine supports.
///
/// `Add` and `Mul` take two inputs, the others one. `Pow(n)` raises its input
/// to the fixed real power `n` (so `Pow(-1.0)` is the reciprocal).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// `x0 + x1`.
    Add,
    /// `x0 · x1`.
    Mul,
    /// `x0ⁿ` for a fixed `n`.
    Pow(f64),
    /// `eˣ`.
    Exp,
    /// `tanh x`.
    Tanh,
    /// `max(x, 0)`.
    Relu,
}

impl Op {
    /// How many inputs the operation takes: 2 for `Add` and `Mul`, else 1.
    pub fn arity(self) -> usize {
        match self {
            Op::Add | Op::Mul => 2,
            _ => 1,
        }
    }

    /// The operation as the notebook writes it, e.g. `"Op::Pow(2)"`.
    pub fn label(self) -> String {
        match self {
            Op::Pow(n) => format!("Op::Pow({})", crate::show::num(n)),
            other => format!("Op::{other:?}"),
        }
    }
}

/// Each operation's forward value **and** its local derivatives `∂out/∂xᵢ`,
/// one `match` arm per operation: the crate's answer to notebook 02's step 1.
///
/// Returns `(value, [∂out/∂x0, ∂out/∂x1, …])`, one derivative per input. With
/// the wrong number of inputs for `op` nothing can be computed: the value and
/// every derivative are NaN (one per input given), so the mistake shows in the
/// result instead of panicking.
///
/// ```
/// use backprop_lab::autograd::{apply_op, Op};
/// assert_eq!(apply_op(Op::Mul, &[3.0, -2.0]), (-6.0, vec![-2.0, 3.0]));
/// let (t, d) = apply_op(Op::Tanh, &[0.5]);
/// assert_eq!(d, vec![1.0 - t * t]); // from the output t, not the input
/// ```
pub fn apply_op(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match (op, x) {
        (Op::Add, &[a, b]) => (a + b, vec![1.0, 1.0]),
        (Op::Mul, &[a, b]) => (a * b, vec![b, a]),
        (Op::Pow(n), &[a]) => (a.powf(n), vec![n * a.powf(n - 1.0)]),
        (Op::Exp, &[a]) => {
            let e = a.exp();
            (e, vec![e])
        }
        (Op::Tanh, &[a]) => {
            let t = a.tanh();
            (t, vec![1.0 - t * t])
        }
        (Op::Relu, &[a]) => (a.max(0.0), vec![if a > 0.0 { 1.0 } else { 0.0 }]),
        _ => (f64::NAN, vec![f64::NAN; x.len()]),
    }
}

/// The node ids reachable from `root`, each listed after all of its inputs
/// (read backwards, each node comes after all of its consumers): the crate's
/// answer to notebook 02's step 3.
///
/// `inputs[i]` lists node `i`'s input ids. A depth-first search that lists a
/// node once all its inputs are listed, written with an explicit stack instead
/// of recursion, so a graph thousands of nodes deep cannot overflow the call
/// stack. Each node is listed once, however many consumers it has. A `root`
/// out of range gives an empty order; an input id out of range is skipped.
///
/// ```
/// use backprop_lab::autograd::topo_order;
/// // 0 and 1 are leaves, 2 = 0·1, 3 = 2 + 0, 4 is not used by 3.
/// let inputs = vec![vec![], vec![], vec![0, 1], vec![2, 0], vec![3]];
/// assert_eq!(topo_order(&inputs, 3), vec![0, 1, 2, 3]);
/// ```
pub fn topo_order(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    let mut order = Vec::new();
    if root >= inputs.len() {
        return order;
    }
    let mut seen = vec![false; inputs.len()];
    seen[root] = true;
    // Each entry: a node and how many of its inputs were looked at.
    let mut stack = vec![(root, 0)];
    while let Some(&(node, next)) = stack.last() {
        match inputs[node].get(next) {
            Some(&input) => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                if input < inputs.len() && !seen[input] {
                    seen[input] = true;
                    stack.push((input, 0));
                }
            }
            None => {
                order.push(node);
                stack.pop();
            }
        }
    }
    order
}

/// What a scalar autograd engine offers, so the checks, the crate's helpers
/// and the learner's MLP can drive any engine. Ids are plain `usize` indices
/// into the engine's arena, so they survive from one notebook cell to the
/// next.
///
/// An implementation writes the nine required methods; the operations by name
/// (`add`, `mul`, …, `neg`, `sub`) are provided on top of [`Autograd::apply`].
/// The trait is object-safe: `Box<dyn Autograd>` and `&mut dyn Autograd` work.
pub trait Autograd {
    /// A new input or parameter node holding `value`; returns its id.
    fn leaf(&mut self, value: f64) -> usize;
    /// A new node computing `op` of the nodes `inputs`; its forward value is
    /// computed now. Returns its id.
    fn apply(&mut self, op: Op, inputs: &[usize]) -> usize;
    /// The forward value of node `id`.
    fn value(&self, id: usize) -> f64;
    /// The gradient `∂root/∂node` left by the last [`Autograd::backward`].
    fn grad(&self, id: usize) -> f64;
    /// Replaces the value of node `id` (the SGD step on a parameter leaf).
    fn set_value(&mut self, id: usize, value: f64);
    /// Seeds `∂root/∂root = 1`, walks the nodes in reverse topological order
    /// and accumulates every input's gradient (`+=`).
    fn backward(&mut self, root: usize);
    /// Sets every gradient to 0, leaving the values.
    fn zero_grad(&mut self);
    /// The number of nodes.
    fn len(&self) -> usize;
    /// Drops the nodes past the first `len` (a training step's nodes, when the
    /// parameters are the first nodes).
    fn truncate(&mut self, len: usize);

    /// True when the engine holds no node.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// `a + b`.
    fn add(&mut self, a: usize, b: usize) -> usize {
        self.apply(Op::Add, &[a, b])
    }
    /// `a · b`.
    fn mul(&mut self, a: usize, b: usize) -> usize {
        self.apply(Op::Mul, &[a, b])
    }
    /// `aⁿ`.
    fn pow(&mut self, a: usize, n: f64) -> usize {
        self.apply(Op::Pow(n), &[a])
    }
    /// `eᵃ`.
    fn exp(&mut self, a: usize) -> usize {
        self.apply(Op::Exp, &[a])
    }
    /// `tanh a`.
    fn tanh(&mut self, a: usize) -> usize {
        self.apply(Op::Tanh, &[a])
    }
    /// `max(a, 0)`.
    fn relu(&mut self, a: usize) -> usize {
        self.apply(Op::Relu, &[a])
    }
    /// `−a`, as `a · (−1)` with a new leaf `−1`.
    fn neg(&mut self, a: usize) -> usize {
        let minus_one = self.leaf(-1.0);
        self.mul(a, minus_one)
    }
    /// `a − b`, as `a + (−b)`.
    fn sub(&mut self, a: usize, b: usize) -> usize {
        let nb = self.neg(b);
        self.add(a, nb)
    }
}
