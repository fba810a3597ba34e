//! Lab 07: MiniFlow, the lesson's graph of nodes over arrays.
//!
//! [`MiniFlow`] builds `Input`, `Linear`, `Sigmoid` and `MSE` nodes, sorts them
//! topologically (Kahn's algorithm), runs the forward pass node by node and the
//! backward pass in reverse, each node adding its inputs' gradients. The quiz's
//! gradients come out as the lesson prints them.
//! [`miniflow_sigmoid_backward`] and [`miniflow_linear_backward`] are the
//! `Sigmoid` and `Linear` nodes' backward steps on their own.
//!
//! The file reads in three parts: the graph and its builders; the sort and
//! the two passes; then the nodes, each kind's forward value beside its
//! backward step.

use std::sync::atomic::{AtomicU64, Ordering};

use ndarray::{Array1, Array2, ArrayD, Axis, Ix2, IxDyn};

use crate::dense::activation::sigmoid;
use crate::error::{check_finite, check_finite_result, shape_err, shape_str, Error, Result};
use crate::show::{shown_as_table, Table, Tabular};

/// A node of a [`MiniFlow`] graph: its place in the graph, and which graph.
///
/// An id works only with the graph that made it (and with clones of that
/// graph); any other graph refuses it with an error naming both, instead of
/// acting on whichever of its own nodes has the same number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlowId {
    graph: u64,
    index: usize,
}

impl FlowId {
    /// The node's position in its graph, counting from 0 in creation order
    /// (the order of [`MiniFlow::nodes`]).
    pub fn index(self) -> usize {
        self.index
    }
}

impl std::fmt::Debug for FlowId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FlowId({})", self.index)
    }
}

/// Every graph gets its own number, so ids of two graphs never agree.
static NEXT_GRAPH: AtomicU64 = AtomicU64::new(1);

/// The kinds of node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowOp {
    /// A value fed from outside (data, weights, biases).
    Input,
    /// `X·W + b`, inbound `[X, W, b]`.
    Linear,
    /// Element-wise sigmoid, inbound `[x]`.
    Sigmoid,
    /// Mean squared error, inbound `[y, a]`.
    Mse,
}

impl FlowOp {
    /// How many inbound nodes a node of this kind takes.
    fn arity(self) -> usize {
        match self {
            FlowOp::Input => 0,
            FlowOp::Linear => 3,
            FlowOp::Sigmoid => 1,
            FlowOp::Mse => 2,
        }
    }
}

#[derive(Debug, Clone)]
struct FlowNode {
    name: String,
    op: FlowOp,
    inbound: Vec<FlowId>,
    value: Option<ArrayD<f64>>,
    /// One gradient per distinct inbound node (an `Input`: its own), as the
    /// lesson's `gradients` dictionary.
    gradients: Vec<(FlowId, ArrayD<f64>)>,
}

/// A MiniFlow graph.
///
/// MiniFlow, the tiny graph framework of the MiniFlow lesson: `Input`, `Linear`,
/// `Sigmoid` and `MSE` nodes over arrays, Kahn's topological sort, a forward and
/// a backward pass, and an SGD step.
///
/// The lesson's semantics are kept: `Linear` computes `X·W + b` with `X` of shape
/// `(m, n)`; `MSE` reshapes both of its inputs to columns and averages; every node
/// keeps one gradient per inbound node and sums what its outbound nodes send back;
/// an `Input`'s own gradient is the sum of what it receives.
///
/// Differences, all to give errors instead of wrong answers: the graph owns its
/// nodes and hands out [`FlowId`]s that only it accepts; the sort refuses a
/// cycle or an input without a value (naming the node) instead of silently
/// leaving nodes out; shapes are checked in the forward pass; a pass whose
/// numbers overflow is refused; and `Linear`/`Sigmoid` accept a gradient of
/// the right size but another shape (as `MSE`'s column) by reshaping it.
///
/// A clone is a copy of the same graph: it accepts the original's ids.
#[derive(Debug, Clone)]
pub struct MiniFlow {
    graph: u64,
    nodes: Vec<FlowNode>,
}

impl Default for MiniFlow {
    fn default() -> Self {
        MiniFlow {
            graph: NEXT_GRAPH.fetch_add(1, Ordering::Relaxed),
            nodes: Vec::new(),
        }
    }
}

/// A description of one node, for tables and diagrams.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowNodeInfo {
    /// Its id.
    pub id: FlowId,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub op: FlowOp,
    /// Inbound nodes, in order.
    pub inbound: Vec<FlowId>,
    /// The shape of its value, once computed.
    pub shape: Option<Vec<usize>>,
}

/// The sigmoid node's backward step, the lesson's exercise: the node hears
/// one gradient `∂C/∂s` from each of its outbound nodes, and passes back to
/// its input the sum over them of `s(1 − s) · ∂C/∂s`, where `s` is the node's
/// own (forward) value. A node with no outbound nodes passes back zeros.
///
/// # Errors
/// [`Error::Shape`] if a gradient in `grads_from_outbound` has a different
/// number of entries than `value`; [`Error::NonFinite`] for NaN or infinity
/// in any of them; [`Error::Diverged`] if the sum overflows.
///
/// ```
/// use backprop_lab::{miniflow::miniflow_sigmoid_backward, ndarray::{arr1}};
/// let s = arr1(&[0.5]).into_dyn();
/// // Two outbound nodes sent 2 and 6: 0.5 · (1 − 0.5) · (2 + 6).
/// let g = miniflow_sigmoid_backward(&s, &[arr1(&[2.0]).into_dyn(), arr1(&[6.0]).into_dyn()])?;
/// assert_eq!(g[[0]], 2.0);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn miniflow_sigmoid_backward(
    value: &ArrayD<f64>,
    grads_from_outbound: &[ArrayD<f64>],
) -> Result<ArrayD<f64>> {
    const OP: &str = "miniflow_sigmoid_backward";
    check_finite(OP, "value", value.view())?;
    let mut grads = Vec::with_capacity(grads_from_outbound.len());
    for (k, g) in grads_from_outbound.iter().enumerate() {
        check_finite(OP, &format!("grads_from_outbound[{k}]"), g.view())?;
        grads.push(reshape_like(OP, g, value)?);
    }
    let out = sigmoid_step(value, &grads);
    check_finite_result(OP, "the gradient", out.view())?;
    Ok(out)
}

/// The linear node's backward step, the lesson's stretch exercise: for the
/// node `F = X·W + b` and a gradient `G = ∂C/∂F` sent back by one outbound
/// node, returns `(∂C/∂X, ∂C/∂W, ∂C/∂b) = (G·Wᵀ, Xᵀ·G, Σ_rows G)`. Each row of
/// `X` is one example; `b` is added to every row, so its gradient sums `G` over
/// the examples.
///
/// # Errors
/// [`Error::Shape`] unless `X` is `(m, n)`, `W` is `(n, k)` and `G` is `(m, k)`;
/// [`Error::NonFinite`] for NaN or infinity in any of them;
/// [`Error::Diverged`] if a product overflows.
///
/// ```
/// use backprop_lab::{miniflow_linear_backward, ndarray::array};
/// let (x, w) = (array![[1.0, 2.0]], array![[3.0], [4.0]]);
/// let (dx, dw, db) = miniflow_linear_backward(&x, &w, &array![[0.5]])?;
/// assert_eq!(dx, array![[1.5, 2.0]]); // 0.5 · Wᵀ
/// assert_eq!(dw, array![[0.5], [1.0]]); // Xᵀ · 0.5
/// assert_eq!(db, array![0.5]);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn miniflow_linear_backward(
    x: &Array2<f64>,
    w: &Array2<f64>,
    grad_cost: &Array2<f64>,
) -> Result<(Array2<f64>, Array2<f64>, Array1<f64>)> {
    const OP: &str = "miniflow_linear_backward";
    for (name, a) in [("X", x), ("W", w), ("grad_cost", grad_cost)] {
        check_finite(OP, name, a.view().into_dyn())?;
    }
    if x.ncols() != w.nrows() || grad_cost.dim() != (x.nrows(), w.ncols()) {
        return Err(shape_err(
            OP,
            format!(
                "X {} and W {} need grad_cost of shape ({}, {}), got {}, and X's columns must equal W's rows",
                shape_str(x.shape()),
                shape_str(w.shape()),
                x.nrows(),
                w.ncols(),
                shape_str(grad_cost.shape())
            ),
        ));
    }
    let (dx, dw, db) = linear_step(x, w, grad_cost);
    check_finite_result(OP, "∂C/∂X", dx.view())?;
    check_finite_result(OP, "∂C/∂W", dw.view())?;
    check_finite_result(OP, "∂C/∂b", db.view())?;
    Ok((dx, dw, db))
}

/// `g` with the shape of `like`, when it has as many entries.
fn reshape_like(op: &'static str, g: &ArrayD<f64>, like: &ArrayD<f64>) -> Result<ArrayD<f64>> {
    if g.shape() == like.shape() {
        return Ok(g.clone());
    }
    if g.len() != like.len() {
        return Err(shape_err(
            op,
            format!(
                "a gradient of shape {} cannot flow into a value of shape {}",
                shape_str(g.shape()),
                shape_str(like.shape())
            ),
        ));
    }
    ArrayD::from_shape_vec(IxDyn(like.shape()), g.iter().copied().collect()).map_err(|e| {
        shape_err(
            op,
            format!("reshaping a gradient to {}: {e}", shape_str(like.shape())),
        )
    })
}

/// Adds `g` to the gradient `list` holds for `key`, or records it: the
/// lesson's `gradients[key] += g`. A second gradient of another shape but as
/// many entries is reshaped to the first; one of another size is an error.
fn accumulate(
    op: &'static str,
    node: &str,
    list: &mut Vec<(FlowId, ArrayD<f64>)>,
    key: FlowId,
    g: ArrayD<f64>,
) -> Result<()> {
    match list.iter_mut().find(|(k, _)| *k == key) {
        None => list.push((key, g)),
        Some((_, total)) => {
            let g = reshape_like(op, &g, total).map_err(|_| {
                shape_err(
                    op,
                    format!(
                        "'{node}' receives gradients of shapes {} and {}, which cannot be added",
                        shape_str(total.shape()),
                        shape_str(g.shape())
                    ),
                )
            })?;
            *total += &g;
        }
    }
    Ok(())
}

impl MiniFlow {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    fn id(&self, index: usize) -> FlowId {
        FlowId {
            graph: self.graph,
            index,
        }
    }

    fn push(&mut self, name: &str, op: FlowOp, inbound: Vec<FlowId>) -> FlowId {
        self.nodes.push(FlowNode {
            name: name.to_string(),
            op,
            inbound,
            value: None,
            gradients: Vec::new(),
        });
        self.id(self.nodes.len() - 1)
    }

    /// `id`'s node, if `id` was made by this graph.
    fn node(&self, id: FlowId) -> Option<&FlowNode> {
        if id.graph == self.graph {
            self.nodes.get(id.index)
        } else {
            None
        }
    }

    fn check_id(&self, op: &'static str, id: FlowId) -> Result<()> {
        let hint = if id.graph != self.graph {
            format!(
                ": it belongs to MiniFlow graph #{}, not to this one (#{}); use the ids this graph handed out",
                id.graph, self.graph
            )
        } else if id.index >= self.nodes.len() {
            format!("; the graph has {} nodes", self.nodes.len())
        } else {
            return Ok(());
        };
        Err(Error::Unknown {
            op,
            kind: "node id",
            name: id.index.to_string(),
            hint,
        })
    }

    /// A new node of kind `kind` reading from `inbound`, for the public builder `op`.
    fn add(
        &mut self,
        op: &'static str,
        name: &str,
        kind: FlowOp,
        inbound: Vec<FlowId>,
    ) -> Result<FlowId> {
        for id in &inbound {
            self.check_id(op, *id)?;
        }
        Ok(self.push(name, kind, inbound))
    }

    /// An `Input` node.
    pub fn input(&mut self, name: &str) -> FlowId {
        self.push(name, FlowOp::Input, vec![])
    }

    /// A `Linear(X, W, b)` node.
    ///
    /// # Errors
    /// [`Error::Unknown`] if an id is not from this graph.
    pub fn linear(&mut self, name: &str, x: FlowId, w: FlowId, b: FlowId) -> Result<FlowId> {
        self.add("MiniFlow::linear", name, FlowOp::Linear, vec![x, w, b])
    }

    /// A `Sigmoid(node)` node.
    ///
    /// # Errors
    /// [`Error::Unknown`] if the id is not from this graph.
    pub fn sigmoid(&mut self, name: &str, node: FlowId) -> Result<FlowId> {
        self.add("MiniFlow::sigmoid", name, FlowOp::Sigmoid, vec![node])
    }

    /// An `MSE(y, a)` node.
    ///
    /// # Errors
    /// [`Error::Unknown`] if an id is not from this graph.
    pub fn mse(&mut self, name: &str, y: FlowId, a: FlowId) -> Result<FlowId> {
        self.add("MiniFlow::mse", name, FlowOp::Mse, vec![y, a])
    }

    /// Replaces an input's value (a new batch, say) after the sort; shapes are
    /// checked by the next forward pass.
    ///
    /// # Errors
    /// [`Error::Unknown`] for an id not from this graph; [`Error::Unsupported`]
    /// for a non-`Input`; [`Error::Empty`] or [`Error::NonFinite`] for a bad value.
    pub fn set_value(&mut self, id: FlowId, value: ArrayD<f64>) -> Result<()> {
        const OP: &str = "MiniFlow::set_value";
        self.check_id(OP, id)?;
        check_feed(OP, &self.nodes[id.index], &value, "the value for")?;
        self.nodes[id.index].value = Some(value);
        Ok(())
    }

    /// Rewires a node's inbound list (to explore what the sort does with, say, a
    /// cycle). The number of inbound nodes must suit the node's kind.
    ///
    /// # Errors
    /// [`Error::Unknown`] for an id not from this graph; [`Error::Shape`] for a
    /// wrong count.
    pub fn set_inbound(&mut self, node: FlowId, inbound: Vec<FlowId>) -> Result<()> {
        const OP: &str = "MiniFlow::set_inbound";
        self.check_id(OP, node)?;
        for id in &inbound {
            self.check_id(OP, *id)?;
        }
        let n = &self.nodes[node.index];
        let need = n.op.arity();
        if inbound.len() != need {
            return Err(shape_err(
                OP,
                format!(
                    "'{}' takes {need} inbound nodes, got {}",
                    n.name,
                    inbound.len()
                ),
            ));
        }
        self.nodes[node.index].inbound = inbound;
        Ok(())
    }

    /// Nodes that list `id` as inbound, in creation order (the lesson's
    /// `outbound_nodes`); none for an id not from this graph.
    pub fn outbound(&self, id: FlowId) -> Vec<FlowId> {
        if self.node(id).is_none() {
            return Vec::new();
        }
        let mut out = self.consumers().swap_remove(id.index);
        out.dedup();
        out.into_iter().map(|i| self.id(i)).collect()
    }

    /// For every node, the nodes that read it, once per time they read it, in
    /// creation order: one pass over every inbound list.
    fn consumers(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.nodes.len()];
        for (j, n) in self.nodes.iter().enumerate() {
            for i in &n.inbound {
                out[i.index].push(j);
            }
        }
        out
    }

    /// A node's name, or `"?"` for an id this graph does not hold (so a name
    /// can always be printed; [`MiniFlow::nodes`] lists the valid ids).
    pub fn name(&self, id: FlowId) -> &str {
        self.node(id).map_or("?", |n| n.name.as_str())
    }

    /// A node's value, once computed or fed.
    pub fn value(&self, id: FlowId) -> Option<&ArrayD<f64>> {
        self.node(id).and_then(|n| n.value.as_ref())
    }

    /// The gradient node `id` holds for `wrt` (the lesson's `id.gradients[wrt]`).
    pub fn gradient(&self, id: FlowId, wrt: FlowId) -> Option<&ArrayD<f64>> {
        self.node(id)
            .and_then(|n| n.gradients.iter().find(|(k, _)| *k == wrt).map(|(_, g)| g))
    }

    /// An input's own gradient, `t.gradients[t]`: the cost's derivative by it.
    pub fn grad(&self, id: FlowId) -> Option<&ArrayD<f64>> {
        self.gradient(id, id)
    }

    /// Every node, for tables and diagrams.
    pub fn nodes(&self) -> Vec<FlowNodeInfo> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| FlowNodeInfo {
                id: self.id(i),
                name: n.name.clone(),
                op: n.op,
                inbound: n.inbound.clone(),
                shape: n.value.as_ref().map(|v| v.shape().to_vec()),
            })
            .collect()
    }

    /// Kahn's algorithm from the fed inputs: sets each input's value from `feed`
    /// and returns the nodes in an order where every node follows its inbound
    /// nodes. Linear in the number of nodes and edges.
    ///
    /// # Errors
    /// [`Error::Empty`] for an empty feed or an empty value; [`Error::Unknown`] for
    /// an id not from this graph; [`Error::Unsupported`] for feeding a non-`Input`;
    /// [`Error::NonFinite`] for NaN or infinity; [`Error::Graph`] naming the node
    /// when a node depends on an input that was not fed, or sits on a cycle.
    /// On error no value changes.
    pub fn topological_sort(&mut self, feed: &[(FlowId, ArrayD<f64>)]) -> Result<Vec<FlowId>> {
        const OP: &str = "MiniFlow::topological_sort";
        if feed.is_empty() {
            return Err(Error::Empty {
                op: OP,
                what: "the feed dictionary".into(),
            });
        }
        for (id, v) in feed {
            self.check_id(OP, *id)?;
            check_feed(OP, &self.nodes[id.index], v, "the value fed to")?;
        }
        let n = self.nodes.len();
        let consumers = self.consumers();
        let mut fed = vec![false; n];
        let mut ready = std::collections::VecDeque::new();
        for (id, _) in feed {
            if !fed[id.index] {
                fed[id.index] = true;
                ready.push_back(id.index);
            }
        }
        // Kahn: a node is ready once every inbound edge has been emitted.
        let mut waiting: Vec<usize> = self.nodes.iter().map(|n| n.inbound.len()).collect();
        let mut emitted = vec![false; n];
        let mut order = Vec::new();
        while let Some(i) = ready.pop_front() {
            emitted[i] = true;
            order.push(self.id(i));
            for &j in &consumers[i] {
                waiting[j] -= 1;
                if waiting[j] == 0 {
                    ready.push_back(j);
                }
            }
        }
        self.explain_stuck(OP, &consumers, &fed, &emitted)?;
        for (id, v) in feed {
            self.nodes[id.index].value = Some(v.clone());
        }
        Ok(order)
    }

    /// Why a node reachable from the feed was never emitted: an input that
    /// was not fed, or else a cycle.
    fn explain_stuck(
        &self,
        op: &'static str,
        consumers: &[Vec<usize>],
        fed: &[bool],
        emitted: &[bool],
    ) -> Result<()> {
        // Every node reachable from the fed inputs.
        let mut seen = fed.to_vec();
        let mut stack: Vec<usize> = (0..fed.len()).filter(|&i| fed[i]).collect();
        while let Some(i) = stack.pop() {
            for &j in &consumers[i] {
                if !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let stuck: Vec<usize> = (0..seen.len())
            .filter(|&i| seen[i] && !emitted[i])
            .collect();
        let Some(&first) = stuck.first() else {
            return Ok(());
        };
        for &i in &stuck {
            let unfed = self.nodes[i]
                .inbound
                .iter()
                .find(|id| self.nodes[id.index].op == FlowOp::Input && !fed[id.index]);
            if let Some(missing) = unfed {
                return Err(Error::Graph {
                    op,
                    detail: format!(
                        "input '{}' feeds '{}' but has no value in the feed",
                        self.nodes[missing.index].name, self.nodes[i].name
                    ),
                });
            }
        }
        let names: Vec<&str> = stuck
            .iter()
            .take(8)
            .map(|&i| self.nodes[i].name.as_str())
            .collect();
        Err(Error::Graph {
            op,
            detail: format!(
                "'{}' is on a cycle ({} nodes wait on each other, among them {names:?})",
                self.nodes[first].name,
                stuck.len()
            ),
        })
    }

    /// The lesson's `forward_and_backward(graph)`: every node's `forward` in
    /// `order`, then every node's `backward` in reverse.
    ///
    /// # Errors
    /// [`Error::Unknown`] for an id not from this graph; [`Error::Graph`] if
    /// `order` lists a node twice, lists a node before one of its inbound
    /// nodes, or a node's input has no value; [`Error::Shape`] naming the node
    /// when its inputs' shapes do not fit; [`Error::Diverged`] naming the node
    /// whose value or gradient overflowed. On error no value or gradient changes.
    pub fn forward_and_backward(&mut self, order: &[FlowId]) -> Result<()> {
        self.run(
            "MiniFlow::forward_and_backward",
            order,
            &|s, gs| Ok(sigmoid_step(s, gs)),
            &|x, w, g| Ok(linear_step(x, w, g)),
        )
    }

    /// [`MiniFlow::forward_and_backward`] with your own backward step for the
    /// `Sigmoid` nodes — the lesson's exercise, plugged into the graph:
    /// `sigmoid_backward(s, grads_from_outbound)` gets the node's value
    /// `s = σ(z)` and one gradient `∂C/∂s` per outbound node (in the order of
    /// [`MiniFlow::outbound`], each with the shape of `s`), and returns the
    /// gradient to pass to the node's input, summed over them. Every other node
    /// runs the crate's code, so the gradients of the inputs come out right
    /// exactly when your step is.
    ///
    /// # Errors
    /// As [`MiniFlow::forward_and_backward`], plus [`Error::Shape`] if your step
    /// returns an array of another shape than `s`, and [`Error::NonFinite`] if it
    /// returns NaN or infinity. On error no value or gradient changes.
    pub fn forward_and_backward_with(
        &mut self,
        order: &[FlowId],
        sigmoid_backward: impl Fn(&ArrayD<f64>, &[ArrayD<f64>]) -> ArrayD<f64>,
    ) -> Result<()> {
        const OP: &str = "MiniFlow::forward_and_backward_with";
        let sigmoid_step = |s: &ArrayD<f64>, gs: &[ArrayD<f64>]| {
            let out = sigmoid_backward(s, gs);
            if out.shape() != s.shape() {
                return Err(shape_err(
                    OP,
                    format!(
                        "your sigmoid backward step returned shape {} for a node of shape {}",
                        shape_str(out.shape()),
                        shape_str(s.shape())
                    ),
                ));
            }
            check_finite(OP, "what your sigmoid backward step returned", out.view())?;
            Ok(out)
        };
        self.run(OP, order, &sigmoid_step, &|x, w, g| {
            Ok(linear_step(x, w, g))
        })
    }

    /// [`MiniFlow::forward_and_backward`] with your own backward step for the
    /// `Linear` nodes — the lesson's stretch exercise, plugged into the graph:
    /// `linear_backward(X, W, G)` gets the node's inputs `X` `(m, n)` and `W`
    /// `(n, k)` and the gradient `G = ∂C/∂F` `(m, k)` sent back by one outbound
    /// node, and returns `(∂C/∂X, ∂C/∂W, ∂C/∂b)`, shaped `(m, n)`, `(n, k)`
    /// and `(k,)`. Every other node runs the crate's code (see
    /// [`miniflow_linear_backward`] for the reference step).
    ///
    /// # Errors
    /// As [`MiniFlow::forward_and_backward`], plus [`Error::Shape`] if your step
    /// returns arrays of other shapes, and [`Error::NonFinite`] if it returns NaN
    /// or infinity. On error no value or gradient changes.
    pub fn forward_and_backward_with_linear(
        &mut self,
        order: &[FlowId],
        linear_backward: impl Fn(
            &Array2<f64>,
            &Array2<f64>,
            &Array2<f64>,
        ) -> (Array2<f64>, Array2<f64>, Array1<f64>),
    ) -> Result<()> {
        const OP: &str = "MiniFlow::forward_and_backward_with_linear";
        let linear_step = |x: &Array2<f64>, w: &Array2<f64>, g: &Array2<f64>| {
            let (dx, dw, db) = linear_backward(x, w, g);
            let returned = [
                ("∂C/∂X", dx.shape(), x.shape().to_vec()),
                ("∂C/∂W", dw.shape(), w.shape().to_vec()),
                ("∂C/∂b", db.shape(), vec![w.ncols()]),
            ];
            for (name, got, want) in returned {
                if got != want.as_slice() {
                    return Err(shape_err(
                        OP,
                        format!(
                            "your linear backward step returned {name} of shape {}, but it must be {} (X {}, W {})",
                            shape_str(got),
                            shape_str(&want),
                            shape_str(x.shape()),
                            shape_str(w.shape())
                        ),
                    ));
                }
            }
            check_finite(
                OP,
                "the ∂C/∂X your linear backward step returned",
                dx.view().into_dyn(),
            )?;
            check_finite(
                OP,
                "the ∂C/∂W your linear backward step returned",
                dw.view().into_dyn(),
            )?;
            check_finite(
                OP,
                "the ∂C/∂b your linear backward step returned",
                db.view().into_dyn(),
            )?;
            Ok((dx, dw, db))
        };
        self.run(OP, order, &|s, gs| Ok(sigmoid_step(s, gs)), &linear_step)
    }

    /// Forward in `order`, then backward in reverse, with `sigmoid_backward`
    /// and `linear_backward` as those nodes' steps; `op` names the public call
    /// in errors. Nothing is stored until both passes are done and finite.
    fn run(
        &mut self,
        op: &'static str,
        order: &[FlowId],
        sigmoid_backward: &SigmoidStep<'_>,
        linear_backward: &LinearStep<'_>,
    ) -> Result<()> {
        let in_order = self.check_order(op, order)?;
        let mut values: Vec<Option<ArrayD<f64>>> =
            self.nodes.iter().map(|n| n.value.clone()).collect();
        for &id in order {
            let node = &self.nodes[id.index];
            let inputs = node
                .inbound
                .iter()
                .map(|i| {
                    values[i.index].as_ref().ok_or_else(|| Error::Graph {
                        op,
                        detail: format!(
                            "'{}' needs '{}', which has no value yet",
                            node.name, self.nodes[i.index].name
                        ),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            if let Some(v) = forward(op, node, &inputs)? {
                values[id.index] = Some(v);
            }
        }
        // Backward, in reverse order: each node hears from its consumers in
        // the order, then records one gradient per inbound node.
        let consumers = self.consumers();
        let mut grads: Vec<Vec<(FlowId, ArrayD<f64>)>> = vec![Vec::new(); self.nodes.len()];
        for &id in order.iter().rev() {
            let mut upstream = Vec::new();
            let mut heard = consumers[id.index].clone();
            heard.dedup();
            for c in heard.into_iter().filter(|&c| in_order[c]) {
                if let Some((_, g)) = grads[c].iter().find(|(k, _)| *k == id) {
                    upstream.push(g.clone());
                }
            }
            let node = &self.nodes[id.index];
            let val = |i: FlowId| values[i.index].as_ref();
            let local = Local {
                op,
                id,
                name: &node.name,
                inputs: node.inbound.iter().map(|&i| (i, val(i))).collect(),
                value: val(id),
                upstream,
            };
            grads[id.index] = backward(node.op, &local, sigmoid_backward, linear_backward)?;
        }
        self.commit(op, order, values, grads)
    }

    /// Every id from this graph, each once, each after its inbound nodes that
    /// the order also lists. Returns which nodes the order lists.
    fn check_order(&self, op: &'static str, order: &[FlowId]) -> Result<Vec<bool>> {
        let mut listed = vec![false; self.nodes.len()];
        for id in order {
            self.check_id(op, *id)?;
            if listed[id.index] {
                return Err(Error::Graph {
                    op,
                    detail: format!(
                        "'{}' is listed twice in the order",
                        self.nodes[id.index].name
                    ),
                });
            }
            listed[id.index] = true;
        }
        let mut done = vec![false; self.nodes.len()];
        for id in order {
            let node = &self.nodes[id.index];
            if let Some(late) = node
                .inbound
                .iter()
                .find(|i| listed[i.index] && !done[i.index])
            {
                return Err(Error::Graph {
                    op,
                    detail: format!(
                        "the order lists '{}' before '{}', which it reads; use the order topological_sort returns",
                        node.name, self.nodes[late.index].name
                    ),
                });
            }
            done[id.index] = true;
        }
        Ok(listed)
    }

    /// Stores the passes' values and gradients, once every one is finite.
    fn commit(
        &mut self,
        op: &'static str,
        order: &[FlowId],
        mut values: Vec<Option<ArrayD<f64>>>,
        mut grads: Vec<Vec<(FlowId, ArrayD<f64>)>>,
    ) -> Result<()> {
        // Values first: an overflow in the forward pass is named where it began.
        for id in order {
            let name = &self.nodes[id.index].name;
            if let Some(v) = &values[id.index] {
                check_finite_result(op, &format!("the value of '{name}'"), v.view())?;
            }
        }
        for id in order {
            let name = &self.nodes[id.index].name;
            for (wrt, g) in &grads[id.index] {
                let what = format!("∂C/∂{} held by '{name}'", self.nodes[wrt.index].name);
                check_finite_result(op, &what, g.view())?;
            }
        }
        for id in order {
            let n = &mut self.nodes[id.index];
            n.value = values[id.index].take();
            n.gradients = std::mem::take(&mut grads[id.index]);
        }
        Ok(())
    }

    /// One SGD step on the trainable inputs: `value −= learning_rate · gradient`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `learning_rate > 0`; [`Error::Unknown`]
    /// for an id not from this graph; [`Error::Unsupported`] for a node that is
    /// not an `Input` or has no gradient yet; [`Error::Diverged`] if a new value
    /// overflows. On error nothing changes.
    pub fn sgd_update(&mut self, trainables: &[FlowId], learning_rate: f64) -> Result<()> {
        const OP: &str = "MiniFlow::sgd_update";
        if !(learning_rate.is_finite() && learning_rate > 0.0) {
            return Err(Error::InvalidParameter {
                op: OP,
                name: "learning_rate",
                value: learning_rate.to_string(),
                reason: "it must be a finite number > 0".into(),
            });
        }
        let mut updates = Vec::new();
        for &t in trainables {
            self.check_id(OP, t)?;
            let n = &self.nodes[t.index];
            let (Some(v), Some(g), FlowOp::Input) = (n.value.as_ref(), self.grad(t), n.op) else {
                return Err(Error::Unsupported {
                    op: OP,
                    reason: format!("'{}' is not an Input with a value and a gradient (run forward_and_backward first)", n.name),
                });
            };
            let g = reshape_like(OP, g, v)?;
            let new = v - &(g * learning_rate);
            check_finite_result(OP, &format!("the new value of '{}'", n.name), new.view())?;
            updates.push((t, new));
        }
        for (t, v) in updates {
            self.nodes[t.index].value = Some(v);
        }
        Ok(())
    }
}

/// A value for an `Input` node: not empty, every number finite.
fn check_feed(op: &'static str, node: &FlowNode, value: &ArrayD<f64>, what: &str) -> Result<()> {
    if node.op != FlowOp::Input {
        return Err(Error::Unsupported {
            op,
            reason: format!(
                "'{}' is computed by the graph; only Input nodes take values",
                node.name
            ),
        });
    }
    if value.is_empty() {
        return Err(Error::Empty {
            op,
            what: format!("{what} '{}'", node.name),
        });
    }
    check_finite(op, &format!("{what} '{}'", node.name), value.view())
}

// ---- The nodes: each kind's forward value, then its backward step ----------

/// A Sigmoid node's backward step: `(s, [∂C/∂s per outbound node]) → ∂C/∂z`.
type SigmoidStep<'a> = dyn Fn(&ArrayD<f64>, &[ArrayD<f64>]) -> Result<ArrayD<f64>> + 'a;

/// A Linear node's backward step: `(X, W, ∂C/∂F) → (∂C/∂X, ∂C/∂W, ∂C/∂b)`.
type LinearStep<'a> = dyn Fn(&Array2<f64>, &Array2<f64>, &Array2<f64>) -> Result<(Array2<f64>, Array2<f64>, Array1<f64>)>
    + 'a;

/// What a node's backward step sees: its inbound nodes and their values, its
/// own value, and the gradients its consumers sent it.
struct Local<'a> {
    op: &'static str,
    id: FlowId,
    name: &'a str,
    inputs: Vec<(FlowId, Option<&'a ArrayD<f64>>)>,
    value: Option<&'a ArrayD<f64>>,
    upstream: Vec<ArrayD<f64>>,
}

impl Local<'_> {
    /// Inbound node `k`'s value, which the forward pass checked exists.
    fn input(&self, k: usize) -> Result<&ArrayD<f64>> {
        self.inputs
            .get(k)
            .and_then(|(_, v)| *v)
            .ok_or_else(|| Error::Graph {
                op: self.op,
                detail: format!("'{}' lost its input {k} between the passes", self.name),
            })
    }

    fn own_value(&self) -> Result<&ArrayD<f64>> {
        self.value.ok_or_else(|| Error::Graph {
            op: self.op,
            detail: format!("'{}' has no value to differentiate at", self.name),
        })
    }
}

/// The node's value from its inputs' values; `None` for an `Input`.
fn forward(
    op: &'static str,
    node: &FlowNode,
    inputs: &[&ArrayD<f64>],
) -> Result<Option<ArrayD<f64>>> {
    Ok(match node.op {
        FlowOp::Input => None,
        FlowOp::Linear => Some(linear_forward(
            op, &node.name, inputs[0], inputs[1], inputs[2],
        )?),
        FlowOp::Sigmoid => Some(inputs[0].mapv(sigmoid)),
        FlowOp::Mse => Some(mse_forward(op, &node.name, inputs[0], inputs[1])?),
    })
}

/// The node's gradients, one per distinct inbound node (an `Input`: its own),
/// each the sum over what its consumers sent.
fn backward(
    kind: FlowOp,
    local: &Local<'_>,
    sigmoid_backward: &SigmoidStep<'_>,
    linear_backward: &LinearStep<'_>,
) -> Result<Vec<(FlowId, ArrayD<f64>)>> {
    let mut out = Vec::new();
    match kind {
        FlowOp::Input => {
            // The lesson starts from 0 and adds every consumer's gradient.
            if local.upstream.is_empty() {
                out.push((local.id, ArrayD::from_elem(IxDyn(&[]), 0.0)));
            }
            for g in &local.upstream {
                accumulate(local.op, local.name, &mut out, local.id, g.clone())?;
            }
        }
        FlowOp::Linear => linear_backward_node(local, linear_backward, &mut out)?,
        FlowOp::Sigmoid => {
            // The step hears every outbound node at once and does the adding
            // itself (the lesson's loop over `outbound_nodes` with `+=`).
            let (x, s) = (local.inputs[0].0, local.own_value()?);
            let heard = local
                .upstream
                .iter()
                .map(|g| reshape_like(local.op, g, s))
                .collect::<Result<Vec<_>>>()?;
            let step = sigmoid_backward(s, &heard).map_err(|e| e.within(local.op))?;
            accumulate(local.op, local.name, &mut out, x, step)?;
        }
        FlowOp::Mse => {
            for (k, g) in mse_backward(local.input(0)?, local.input(1)?)
                .into_iter()
                .enumerate()
            {
                accumulate(local.op, local.name, &mut out, local.inputs[k].0, g)?;
            }
        }
    }
    Ok(out)
}

/// Linear forward: `F = X·W + b`, with `b` added to every row of `X·W`.
fn linear_forward(
    op: &'static str,
    name: &str,
    x: &ArrayD<f64>,
    w: &ArrayD<f64>,
    b: &ArrayD<f64>,
) -> Result<ArrayD<f64>> {
    let (Ok(x2), Ok(w2)) = (
        x.view().into_dimensionality::<Ix2>(),
        w.view().into_dimensionality::<Ix2>(),
    ) else {
        return Err(shape_err(
            op,
            format!(
                "Linear node '{name}' needs 2-D X and W, got X {} and W {}",
                shape_str(x.shape()),
                shape_str(w.shape())
            ),
        ));
    };
    if x2.ncols() != w2.nrows() {
        return Err(shape_err(
            op,
            format!(
                "Linear node '{name}': X has shape {} but W has shape {} ({} columns vs {} rows)",
                shape_str(x.shape()),
                shape_str(w.shape()),
                x2.ncols(),
                w2.nrows()
            ),
        ));
    }
    let k = w2.ncols();
    let b_ok = b.len() == k && (b.ndim() == 1 || (b.ndim() == 2 && b.shape()[0] == 1));
    if !b_ok {
        return Err(shape_err(
            op,
            format!(
                "Linear node '{name}': b has shape {} but must be ({k},) or (1, {k}) to match W {}",
                shape_str(b.shape()),
                shape_str(w.shape())
            ),
        ));
    }
    let brow = Array1::from_iter(b.iter().copied());
    Ok((x2.dot(&w2) + &brow).into_dyn())
}

/// Linear backward, per consumer's `G = ∂C/∂F`: `(G·Wᵀ, Xᵀ·G, Σ_rows G)`.
fn linear_step(
    x: &Array2<f64>,
    w: &Array2<f64>,
    g: &Array2<f64>,
) -> (Array2<f64>, Array2<f64>, Array1<f64>) {
    (g.dot(&w.t()), x.t().dot(g), g.sum_axis(Axis(0)))
}

/// A Linear node's backward: [`linear_step`] (or the learner's) for each
/// consumer's gradient, added into `∂C/∂X`, `∂C/∂W` and `∂C/∂b`.
fn linear_backward_node(
    local: &Local<'_>,
    step: &LinearStep<'_>,
    out: &mut Vec<(FlowId, ArrayD<f64>)>,
) -> Result<()> {
    let (op, name) = (local.op, local.name);
    let two_d = |a: &ArrayD<f64>| {
        a.view()
            .into_dimensionality::<Ix2>()
            .map(|v| v.to_owned())
            .map_err(|_| {
                shape_err(
                    op,
                    format!(
                        "Linear node '{name}' needs 2-D arrays, got {}",
                        shape_str(a.shape())
                    ),
                )
            })
    };
    let (x, w, b) = (local.input(0)?, local.input(1)?, local.input(2)?);
    let (x2, w2, f) = (two_d(x)?, two_d(w)?, local.own_value()?);
    for (k, v) in [x, w, b].into_iter().enumerate() {
        accumulate(op, name, out, local.inputs[k].0, ArrayD::zeros(v.raw_dim()))?;
    }
    for g in &local.upstream {
        let g2 = two_d(&reshape_like(op, g, f)?)?;
        let (dx, dw, db) = step(&x2, &w2, &g2).map_err(|e| e.within(op))?;
        let db = reshape_like(op, &db.into_dyn(), b)?;
        for (k, d) in [dx.into_dyn(), dw.into_dyn(), db].into_iter().enumerate() {
            accumulate(op, name, out, local.inputs[k].0, d)?;
        }
    }
    Ok(())
}

/// Sigmoid backward: `s(1 − s)·∂C/∂s` for each consumer's `∂C/∂s` (each of
/// the shape of `s`), added up; zeros when no consumer sent anything.
fn sigmoid_step(s: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let slope = s.mapv(|s| s * (1.0 - s));
    let mut total = ArrayD::zeros(s.raw_dim());
    for g in grads {
        total += &(&slope * g);
    }
    total
}

/// MSE forward: the mean of `(y − a)²` over every entry.
fn mse_forward(
    op: &'static str,
    name: &str,
    y: &ArrayD<f64>,
    a: &ArrayD<f64>,
) -> Result<ArrayD<f64>> {
    if y.len() != a.len() {
        return Err(shape_err(
            op,
            format!(
                "MSE node '{name}': y has shape {} ({} values) but a has shape {} ({} values)",
                shape_str(y.shape()),
                y.len(),
                shape_str(a.shape()),
                a.len()
            ),
        ));
    }
    let sum: f64 = y.iter().zip(a.iter()).map(|(p, q)| (p - q) * (p - q)).sum();
    Ok(ArrayD::from_elem(IxDyn(&[]), sum / y.len() as f64))
}

/// MSE backward: `(2/m·(y − a), −2/m·(y − a))` as columns. The lesson's
/// `m` is the rows of `y`, which for its column targets is the number of
/// entries; here it is the number of entries for every shape, so the gradient
/// is always the forward mean's.
fn mse_backward(y: &ArrayD<f64>, a: &ArrayD<f64>) -> [ArrayD<f64>; 2] {
    let m = y.len().max(1) as f64;
    let diff: Vec<f64> = y.iter().zip(a.iter()).map(|(p, q)| p - q).collect();
    let column =
        |k: f64| Array2::from_shape_fn((diff.len(), 1), |(i, _)| k / m * diff[i]).into_dyn();
    [column(2.0), column(-2.0)]
}

/// The gradients a lesson printed beside ours, each of ours rounded to the
/// significant digits the lesson printed, as [`MiniFlow::against_printed`]
/// returns them. Shows itself as a table with one row per printed value.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedComparison {
    /// One row per printed value: the input's name (on its first value only),
    /// the lesson's text, ours rounded to the same significant digits, and
    /// how many digits that is.
    pub rows: Vec<(String, String, String, usize)>,
    /// How many rows agree at the lesson's own precision.
    pub agree: usize,
}

/// Significant digits of a printed number: the digits before any exponent,
/// without leading zeros (`"0.9999833"` has 7, `"-3.34017280e-05"` has 9);
/// at least 1.
fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').len().max(1)
}

impl MiniFlow {
    /// Compares each input's gradient with the numbers a lesson printed for
    /// it: ours is rounded to as many significant digits as the lesson's text
    /// has, and the two agree when they are the same number. `printed` lists
    /// `(name, input, texts)`, the texts in the gradient's row-major order.
    ///
    /// # Errors
    ///
    /// [`Error::Unknown`] for an id from another graph; [`Error::Graph`] for
    /// a node with no gradient yet (run the backward pass first);
    /// [`Error::Shape`] when a list holds more or fewer texts than its
    /// gradient has entries; [`Error::InvalidParameter`] for a text that is
    /// not a number.
    pub fn against_printed(
        &self,
        printed: &[(&str, FlowId, Vec<&str>)],
    ) -> Result<PrintedComparison> {
        const OP: &str = "MiniFlow::against_printed";
        let mut out = PrintedComparison {
            rows: Vec::new(),
            agree: 0,
        };
        for (name, id, texts) in printed {
            self.check_id(OP, *id)?;
            let grad = self.grad(*id).ok_or_else(|| Error::Graph {
                op: OP,
                detail: format!(
                    "'{}' has no gradient yet: run the backward pass first",
                    self.name(*id)
                ),
            })?;
            if grad.len() != texts.len() {
                return Err(shape_err(
                    OP,
                    format!(
                        "{} printed values for {name}, whose gradient has shape {}",
                        texts.len(),
                        shape_str(grad.shape())
                    ),
                ));
            }
            for (k, (text, ours)) in texts.iter().zip(grad.iter()).enumerate() {
                let lesson: f64 = text.trim().parse().map_err(|_| Error::InvalidParameter {
                    op: OP,
                    name: "printed",
                    value: format!("{text:?}"),
                    reason: format!("value {k} of {name} is not a number"),
                })?;
                let n = significant_digits(text);
                let rounded = format!("{:.*e}", n - 1, ours);
                // `rounded` is Rust's own float formatting, so it parses back.
                if rounded.parse::<f64>().ok() == Some(lesson) {
                    out.agree += 1;
                }
                let label = if k == 0 {
                    name.to_string()
                } else {
                    String::new()
                };
                out.rows.push((label, text.to_string(), rounded, n));
            }
        }
        Ok(out)
    }
}

impl Tabular for PrintedComparison {
    fn table(&self) -> Table {
        let mut t = Table::new(
            "the lesson's printed gradients beside ours",
            &["", "lesson", "backprop_lab", "digits"],
        );
        for (name, lesson, ours, n) in &self.rows {
            t.row(vec![
                name.clone(),
                lesson.clone(),
                ours.clone(),
                n.to_string(),
            ]);
        }
        t.note(format!(
            "{} of {} values agree at the lesson's own precision",
            self.agree,
            self.rows.len()
        ));
        t
    }
}

shown_as_table!(PrintedComparison, "the lesson's values beside ours");

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{arr1, arr2};

    fn quiz_graph() -> (MiniFlow, [FlowId; 6]) {
        let mut g = MiniFlow::new();
        let x = g.input("X");
        let w = g.input("W");
        let b = g.input("b");
        let y = g.input("y");
        let f = g.linear("f", x, w, b).unwrap();
        let a = g.sigmoid("a", f).unwrap();
        let cost = g.mse("cost", y, a).unwrap();
        let _ = cost;
        (g, [x, w, b, y, f, a])
    }

    #[test]
    fn significant_digits_of_printed_numbers() {
        // Counted by hand: leading zeros and the exponent do not count.
        assert_eq!(significant_digits("0.9999833"), 7);
        assert_eq!(significant_digits("-3.34017280e-05"), 9);
        assert_eq!(significant_digits("120"), 3);
        assert_eq!(significant_digits("0"), 1);
        assert_eq!(significant_digits(""), 1);
    }

    #[test]
    fn unfed_input_is_named() {
        let (mut g, [x, w, _b, y, ..]) = quiz_graph();
        let feed = vec![
            (x, arr2(&[[-1.0, -2.0]]).into_dyn()),
            (w, arr2(&[[2.0], [3.0]]).into_dyn()),
            (y, arr1(&[1.0]).into_dyn()),
        ];
        let err = g.topological_sort(&feed).unwrap_err();
        assert_eq!(
            err.to_string(),
            "MiniFlow::topological_sort: input 'b' feeds 'f' but has no value in the feed"
        );
        assert!(g.value(x).is_none(), "nothing was set");
    }

    #[test]
    fn cycle_is_named() {
        let (mut g, [x, w, b, y, f, a]) = quiz_graph();
        // Make f read from a (its own consumer): f → a → f.
        g.set_inbound(f, vec![a, w, b]).unwrap();
        let feed = vec![
            (x, arr2(&[[1.0, 2.0]]).into_dyn()),
            (w, arr2(&[[2.0], [3.0]]).into_dyn()),
            (b, arr1(&[1.0]).into_dyn()),
            (y, arr1(&[1.0]).into_dyn()),
        ];
        let err = g.topological_sort(&feed).unwrap_err();
        assert!(matches!(err, Error::Graph { .. }));
        assert!(err.to_string().contains("'f' is on a cycle"), "{err}");
    }

    #[test]
    fn shape_mismatch_is_named_and_nothing_changes() {
        let (mut g, [x, w, b, y, ..]) = quiz_graph();
        let feed = vec![
            (x, arr2(&[[1.0, 2.0, 3.0]]).into_dyn()),
            (w, arr2(&[[2.0], [3.0]]).into_dyn()),
            (b, arr1(&[1.0]).into_dyn()),
            (y, arr1(&[1.0]).into_dyn()),
        ];
        let order = g.topological_sort(&feed).unwrap();
        let err = g.forward_and_backward(&order).unwrap_err();
        assert_eq!(
            err.to_string(),
            "MiniFlow::forward_and_backward: Linear node 'f': X has shape (1, 3) but W has shape (2, 1) (3 columns vs 2 rows)"
        );
        assert!(g.grad(w).is_none());
    }

    #[test]
    fn sgd_update_moves_against_the_gradient() {
        let (mut g, [x, w, b, y, ..]) = quiz_graph();
        let feed = vec![
            (x, arr2(&[[0.5, -0.5]]).into_dyn()),
            (w, arr2(&[[0.1], [0.2]]).into_dyn()),
            (b, arr1(&[0.0]).into_dyn()),
            (y, arr1(&[1.0]).into_dyn()),
        ];
        let order = g.topological_sort(&feed).unwrap();
        g.forward_and_backward(&order).unwrap();
        let before = g.value(w).unwrap().clone();
        let grad = g.grad(w).unwrap().clone();
        g.sgd_update(&[w, b], 0.5).unwrap();
        assert_eq!(g.value(w).unwrap(), &(&before - &(grad * 0.5)));
        assert!(g.sgd_update(&[w], 0.0).is_err());
    }
}
