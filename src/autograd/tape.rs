//! The model answer of notebook 02: a scalar engine on an arena of nodes.

use super::{apply_op, topo_order, Autograd, Op};
use crate::error::{Error, Result};

/// One node of the arena.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: f64,
    pub(crate) grad: f64,
    /// `None` for a leaf.
    pub(crate) op: Option<Op>,
    pub(crate) inputs: Vec<usize>,
}

/// The crate's engine: notebook 02's model answer, and the engine its later
/// cells use until the learner's own passes its checks.
///
/// A `Vec` of nodes; a node's id is its index. `apply` computes the forward
/// value with [`apply_op`]; `backward` walks [`topo_order`] in reverse, asks
/// [`apply_op`] for each node's local derivatives and adds
/// `local · grad(node)` into each input's gradient.
///
/// The trait's methods return plain numbers, so a learner's code stays
/// simple; a bad call cannot panic. An id out of range reads as NaN
/// (`value`, `grad`), and `apply` with an id out of range or the wrong number
/// of inputs records a leaf holding NaN, so the mistake shows in every value
/// computed from it. `set_value` and `backward` with an id out of range change
/// nothing. [`Tape::try_apply`], [`Tape::try_set_value`] and
/// [`Tape::try_backward`] say instead what was wrong, as an [`Error`].
///
/// ```
/// use backprop_lab::autograd::{Autograd, Tape};
/// let mut t = Tape::default();
/// let a = t.leaf(3.0);
/// let y = t.mul(a, a); // a fans out to both inputs of the product
/// t.backward(y);
/// assert_eq!(t.grad(a), 6.0); // 3 + 3, accumulated
/// assert!(t.value(99).is_nan()); // no node 99
/// assert!(t.try_apply(backprop_lab::autograd::Op::Exp, &[a, a]).is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tape {
    nodes: Vec<Node>,
}

impl Autograd for Tape {
    fn leaf(&mut self, value: f64) -> usize {
        self.push(value, None, Vec::new())
    }

    fn apply(&mut self, op: Op, inputs: &[usize]) -> usize {
        self.try_apply(op, inputs)
            .unwrap_or_else(|_| self.leaf(f64::NAN))
    }

    fn value(&self, id: usize) -> f64 {
        self.nodes.get(id).map_or(f64::NAN, |n| n.value)
    }

    fn grad(&self, id: usize) -> f64 {
        self.nodes.get(id).map_or(f64::NAN, |n| n.grad)
    }

    fn set_value(&mut self, id: usize, value: f64) {
        let _ = self.try_set_value(id, value);
    }

    fn backward(&mut self, root: usize) {
        let _ = self.try_backward(root);
    }

    fn zero_grad(&mut self) {
        for n in &mut self.nodes {
            n.grad = 0.0;
        }
    }

    fn len(&self) -> usize {
        self.nodes.len()
    }

    fn truncate(&mut self, len: usize) {
        self.nodes.truncate(len);
    }
}

impl Tape {
    /// The arena, for the checks' models.
    pub(crate) fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    fn push(&mut self, value: f64, op: Option<Op>, inputs: Vec<usize>) -> usize {
        self.nodes.push(Node {
            value,
            grad: 0.0,
            op,
            inputs,
        });
        self.nodes.len() - 1
    }

    fn check_id(&self, op: &'static str, id: usize) -> Result<()> {
        if id < self.nodes.len() {
            return Ok(());
        }
        Err(Error::Unknown {
            op,
            kind: "node",
            name: id.to_string(),
            hint: format!(
                "; the tape holds nodes 0 to {}",
                self.nodes.len() as isize - 1
            ),
        })
    }

    /// [`Autograd::apply`], saying what is wrong instead of recording NaN.
    ///
    /// # Errors
    /// [`Error::Shape`] if `inputs` does not hold `op`'s number of inputs;
    /// [`Error::Unknown`] for an id that is not a node. The tape is unchanged.
    pub fn try_apply(&mut self, op: Op, inputs: &[usize]) -> Result<usize> {
        const OP: &str = "Tape::apply";
        if inputs.len() != op.arity() {
            return Err(Error::Shape {
                op: OP,
                detail: format!(
                    "{} takes {} input(s); got {} ({inputs:?})",
                    op.label(),
                    op.arity(),
                    inputs.len()
                ),
            });
        }
        for &id in inputs {
            self.check_id(OP, id)?;
        }
        let x: Vec<f64> = inputs.iter().map(|&i| self.nodes[i].value).collect();
        let (value, _) = apply_op(op, &x);
        Ok(self.push(value, Some(op), inputs.to_vec()))
    }

    /// [`Autograd::set_value`], saying what is wrong instead of doing nothing.
    ///
    /// # Errors
    /// [`Error::Unknown`] for an id that is not a node. The tape is unchanged.
    pub fn try_set_value(&mut self, id: usize, value: f64) -> Result<()> {
        self.check_id("Tape::set_value", id)?;
        self.nodes[id].value = value;
        Ok(())
    }

    /// [`Autograd::backward`], saying what is wrong instead of doing nothing:
    /// seeds `∂root/∂root = 1`, then for each node in reverse topological
    /// order adds `local · grad(node)` into each input's gradient.
    ///
    /// # Errors
    /// [`Error::Unknown`] if `root` is not a node. The tape is unchanged.
    pub fn try_backward(&mut self, root: usize) -> Result<()> {
        self.check_id("Tape::backward", root)?;
        let inputs: Vec<Vec<usize>> = self.nodes.iter().map(|n| n.inputs.clone()).collect();
        self.nodes[root].grad = 1.0;
        for &id in topo_order(&inputs, root).iter().rev() {
            let Some(op) = self.nodes[id].op else {
                continue;
            };
            let x: Vec<f64> = inputs[id].iter().map(|&i| self.nodes[i].value).collect();
            let (_, local) = apply_op(op, &x);
            let g = self.nodes[id].grad;
            // try_apply recorded exactly op's number of inputs, and apply_op
            // gives one derivative per input.
            for (k, &input) in inputs[id].iter().enumerate() {
                self.nodes[input].grad += local.get(k).copied().unwrap_or(f64::NAN) * g;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_calls_read_as_nan_and_change_nothing() {
        let mut t = Tape::default();
        let a = t.leaf(2.0);
        let before = t.clone();
        assert!(t.try_apply(Op::Add, &[a]).is_err());
        assert!(t.try_apply(Op::Exp, &[5]).is_err());
        assert!(t.try_set_value(3, 1.0).is_err());
        assert!(t.try_backward(9).is_err());
        assert_eq!(t, before);
        let bad = t.apply(Op::Mul, &[a, 7]);
        assert!(t.value(bad).is_nan() && t.grad(42).is_nan());
        t.backward(bad);
        assert_eq!(t.grad(a), 0.0, "a NaN leaf has no inputs to pass on to");
    }

    #[test]
    fn truncate_keeps_the_parameters() {
        let mut t = Tape::default();
        let w = t.leaf(0.5);
        let y = t.exp(w);
        t.backward(y);
        t.truncate(1);
        assert_eq!(t.len(), 1);
        assert_eq!(t.grad(w), 0.5f64.exp()); // d eʷ/dw = eʷ
        t.zero_grad();
        assert_eq!((t.value(w), t.grad(w)), (0.5, 0.0));
    }
}
