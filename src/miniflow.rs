//! Lab 02: MiniFlow, the lesson's graph of nodes over arrays.
//!
//! [`MiniFlow`] builds `Input`, `Linear`, `Sigmoid` and `MSE` nodes, sorts them
//! topologically (Kahn's algorithm), runs the forward pass node by node and the
//! backward pass in reverse, each node adding its inputs' gradients. The quiz's
//! gradients come out as the lesson prints them.
//! [`miniflow_sigmoid_backward`] and [`miniflow_linear_backward`] are the
//! `Sigmoid` and `Linear` nodes' backward steps on their own.

use ndarray::{Array1, Array2, ArrayD, Axis, Ix2, IxDyn};

use crate::engine::sigmoid::sigmoid;
use crate::error::{check_finite, shape_err, shape_str, Error, Result};

/// A node of a [`MiniFlow`] graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlowId(pub usize);

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

#[derive(Debug, Clone)]
struct FlowNode {
    name: String,
    op: FlowOp,
    inbound: Vec<FlowId>,
    value: Option<ArrayD<f64>>,
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
/// nodes and hands out [`FlowId`]s; the sort refuses a cycle or an input without a
/// value (naming the node) instead of silently leaving nodes out; shapes are
/// checked in the forward pass; and `Linear`/`Sigmoid` accept a gradient of the
/// right size but another shape (as `MSE`'s column) by reshaping it.
#[derive(Debug, Clone, Default)]
pub struct MiniFlow {
    nodes: Vec<FlowNode>,
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

/// The sigmoid node's backward step, the lesson's exercise: for each outbound
/// gradient `∂C/∂s`, the gradient passed to the input is `s(1 − s) · ∂C/∂s`,
/// where `s` is the node's own (forward) value.
///
/// # Errors
/// [`Error::Shape`] if `grad_cost` has a different number of entries than `value`.
///
/// ```
/// use backprop_lab::{miniflow_sigmoid_backward, ndarray::{arr1}};
/// let s = arr1(&[0.5]).into_dyn();
/// let g = miniflow_sigmoid_backward(&s, &arr1(&[2.0]).into_dyn())?;
/// assert_eq!(g[[0]], 0.5); // 0.5 · (1 − 0.5) · 2
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn miniflow_sigmoid_backward(
    value: &ArrayD<f64>,
    grad_cost: &ArrayD<f64>,
) -> Result<ArrayD<f64>> {
    const OP: &str = "miniflow_sigmoid_backward";
    check_finite(OP, "value", value.view())?;
    check_finite(OP, "grad_cost", grad_cost.view())?;
    let g = reshape_like(OP, grad_cost, value)?;
    let out = value.mapv(|s| s * (1.0 - s)) * g;
    crate::error::check_finite_result(OP, "the gradient", out.view())?;
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
/// [`Error::NonFinite`] for NaN or infinity in any of them.
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
    Ok(linear_step(x, w, grad_cost))
}

/// `(G·Wᵀ, Xᵀ·G, Σ_rows G)` for shapes already checked.
fn linear_step(
    x: &Array2<f64>,
    w: &Array2<f64>,
    g: &Array2<f64>,
) -> (Array2<f64>, Array2<f64>, Array1<f64>) {
    (g.dot(&w.t()), x.t().dot(g), g.sum_axis(Axis(0)))
}

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
    Ok(
        ArrayD::from_shape_vec(IxDyn(like.shape()), g.iter().copied().collect())
            .expect("same length"),
    )
}

impl MiniFlow {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// A new node of kind `kind`, for the public builder `op`.
    fn add(
        &self,
        op: &'static str,
        name: &str,
        kind: FlowOp,
        inbound: Vec<FlowId>,
    ) -> Result<FlowNode> {
        for id in &inbound {
            self.check_id(op, *id)?;
        }
        Ok(FlowNode {
            name: name.to_string(),
            op: kind,
            inbound,
            value: None,
            gradients: Vec::new(),
        })
    }

    fn push(&mut self, node: FlowNode) -> FlowId {
        self.nodes.push(node);
        FlowId(self.nodes.len() - 1)
    }

    fn check_id(&self, op: &'static str, id: FlowId) -> Result<()> {
        if id.0 < self.nodes.len() {
            Ok(())
        } else {
            Err(Error::Unknown {
                op,
                kind: "node id",
                name: id.0.to_string(),
                hint: format!("; the graph has {} nodes", self.nodes.len()),
            })
        }
    }

    /// An `Input` node.
    pub fn input(&mut self, name: &str) -> FlowId {
        self.push(FlowNode {
            name: name.to_string(),
            op: FlowOp::Input,
            inbound: vec![],
            value: None,
            gradients: Vec::new(),
        })
    }

    /// A `Linear(X, W, b)` node.
    ///
    /// # Errors
    /// [`Error::Unknown`] if an id is not in this graph.
    pub fn linear(&mut self, name: &str, x: FlowId, w: FlowId, b: FlowId) -> Result<FlowId> {
        let n = self.add("MiniFlow::linear", name, FlowOp::Linear, vec![x, w, b])?;
        Ok(self.push(n))
    }

    /// A `Sigmoid(node)` node.
    ///
    /// # Errors
    /// [`Error::Unknown`] if the id is not in this graph.
    pub fn sigmoid(&mut self, name: &str, node: FlowId) -> Result<FlowId> {
        let n = self.add("MiniFlow::sigmoid", name, FlowOp::Sigmoid, vec![node])?;
        Ok(self.push(n))
    }

    /// An `MSE(y, a)` node.
    ///
    /// # Errors
    /// [`Error::Unknown`] if an id is not in this graph.
    pub fn mse(&mut self, name: &str, y: FlowId, a: FlowId) -> Result<FlowId> {
        let n = self.add("MiniFlow::mse", name, FlowOp::Mse, vec![y, a])?;
        Ok(self.push(n))
    }

    /// Replaces an input's value (a new batch, say) after the sort; shapes are
    /// checked by the next forward pass.
    ///
    /// # Errors
    /// [`Error::Unknown`] for a bad id; [`Error::Unsupported`] for a non-`Input`;
    /// [`Error::Empty`] or [`Error::NonFinite`] for a bad value.
    pub fn set_value(&mut self, id: FlowId, value: ArrayD<f64>) -> Result<()> {
        const OP: &str = "MiniFlow::set_value";
        self.check_id(OP, id)?;
        let n = &self.nodes[id.0];
        if n.op != FlowOp::Input {
            return Err(Error::Unsupported {
                op: OP,
                reason: format!("'{}' is computed; only Input values can be set", n.name),
            });
        }
        if value.is_empty() {
            return Err(Error::Empty {
                op: OP,
                what: format!("the value for '{}'", n.name),
            });
        }
        check_finite(OP, &format!("the value for '{}'", n.name), value.view())?;
        self.nodes[id.0].value = Some(value);
        Ok(())
    }

    /// Rewires a node's inbound list (to explore what the sort does with, say, a
    /// cycle). The number of inbound nodes must suit the node's kind.
    ///
    /// # Errors
    /// [`Error::Unknown`] for a bad id; [`Error::Shape`] for a wrong count.
    pub fn set_inbound(&mut self, node: FlowId, inbound: Vec<FlowId>) -> Result<()> {
        const OP: &str = "MiniFlow::set_inbound";
        self.check_id(OP, node)?;
        for id in &inbound {
            self.check_id(OP, *id)?;
        }
        let need = match self.nodes[node.0].op {
            FlowOp::Input => 0,
            FlowOp::Linear => 3,
            FlowOp::Sigmoid => 1,
            FlowOp::Mse => 2,
        };
        if inbound.len() != need {
            return Err(shape_err(
                OP,
                format!(
                    "'{}' takes {need} inbound nodes, got {}",
                    self.nodes[node.0].name,
                    inbound.len()
                ),
            ));
        }
        self.nodes[node.0].inbound = inbound;
        Ok(())
    }

    /// Nodes that list `id` as inbound, in creation order (the lesson's `outbound_nodes`).
    pub fn outbound(&self, id: FlowId) -> Vec<FlowId> {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].inbound.contains(&id))
            .map(FlowId)
            .collect()
    }

    /// A node's name, or `"?"` for an id this graph does not hold (so a name
    /// can always be printed; [`MiniFlow::nodes`] lists the valid ids).
    pub fn name(&self, id: FlowId) -> &str {
        self.nodes.get(id.0).map_or("?", |n| n.name.as_str())
    }

    /// A node's value, once computed or fed.
    pub fn value(&self, id: FlowId) -> Option<&ArrayD<f64>> {
        self.nodes.get(id.0).and_then(|n| n.value.as_ref())
    }

    /// The gradient node `id` holds for `wrt` (the lesson's `id.gradients[wrt]`).
    pub fn gradient(&self, id: FlowId, wrt: FlowId) -> Option<&ArrayD<f64>> {
        self.nodes
            .get(id.0)
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
                id: FlowId(i),
                name: n.name.clone(),
                op: n.op,
                inbound: n.inbound.clone(),
                shape: n.value.as_ref().map(|v| v.shape().to_vec()),
            })
            .collect()
    }

    /// Kahn's algorithm from the fed inputs: sets each input's value from `feed`
    /// and returns the nodes in an order where every node follows its inbound nodes.
    ///
    /// # Errors
    /// [`Error::Empty`] for an empty feed or an empty value; [`Error::Unknown`] for
    /// an id not in the graph; [`Error::Unsupported`] for feeding a non-`Input`;
    /// [`Error::NonFinite`] for NaN or infinity; [`Error::Graph`] naming the node
    /// when a node depends on an input that was not fed, or sits on a cycle.
    /// On error no value changes.
    pub fn topological_sort(&mut self, feed: &[(FlowId, ArrayD<f64>)]) -> Result<Vec<FlowId>> {
        const OP: &str = "topological_sort";
        if feed.is_empty() {
            return Err(Error::Empty {
                op: OP,
                what: "the feed dictionary".into(),
            });
        }
        for (id, v) in feed {
            self.check_id(OP, *id)?;
            let n = &self.nodes[id.0];
            if n.op != FlowOp::Input {
                return Err(Error::Unsupported {
                    op: OP,
                    reason: format!(
                        "'{}' is computed by the graph; only Input nodes can be fed",
                        n.name
                    ),
                });
            }
            if v.is_empty() {
                return Err(Error::Empty {
                    op: OP,
                    what: format!("the value fed to '{}'", n.name),
                });
            }
            check_finite(OP, &format!("the value fed to '{}'", n.name), v.view())?;
        }
        let fed: Vec<FlowId> = feed.iter().map(|(id, _)| *id).collect();
        // Discover every node reachable from the fed inputs.
        let mut seen = vec![false; self.nodes.len()];
        let mut queue: std::collections::VecDeque<FlowId> = fed.iter().copied().collect();
        while let Some(n) = queue.pop_front() {
            if seen[n.0] {
                continue;
            }
            seen[n.0] = true;
            queue.extend(self.outbound(n));
        }
        // Kahn: a node is ready when all its inbound nodes are emitted.
        let mut remaining: Vec<usize> = self.nodes.iter().map(|n| n.inbound.len()).collect();
        let mut ready: std::collections::VecDeque<FlowId> = std::collections::VecDeque::new();
        for id in &fed {
            if !ready.contains(id) {
                ready.push_back(*id);
            }
        }
        let mut order = Vec::new();
        while let Some(n) = ready.pop_front() {
            order.push(n);
            for m in self.outbound(n) {
                let times = self.nodes[m.0].inbound.iter().filter(|&&i| i == n).count();
                remaining[m.0] -= times;
                if remaining[m.0] == 0 {
                    ready.push_back(m);
                }
            }
        }
        let stuck: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| seen[i] && !order.contains(&FlowId(i)))
            .collect();
        if let Some(&first) = stuck.first() {
            // An unfed input explains a stuck node; otherwise it waits on a cycle.
            for &i in &stuck {
                if let Some(missing) = self.nodes[i]
                    .inbound
                    .iter()
                    .find(|id| self.nodes[id.0].op == FlowOp::Input && !fed.contains(id))
                {
                    return Err(Error::Graph {
                        op: OP,
                        detail: format!(
                            "input '{}' feeds '{}' but has no value in the feed",
                            self.nodes[missing.0].name, self.nodes[i].name
                        ),
                    });
                }
            }
            let names: Vec<&str> = stuck.iter().map(|&i| self.nodes[i].name.as_str()).collect();
            return Err(Error::Graph {
                op: OP,
                detail: format!(
                    "'{}' is on a cycle (nodes that wait on each other: {names:?})",
                    self.nodes[first].name
                ),
            });
        }
        for (id, v) in feed {
            self.nodes[id.0].value = Some(v.clone());
        }
        Ok(order)
    }

    /// The lesson's `forward_and_backward(graph)`: every node's `forward` in
    /// `order`, then every node's `backward` in reverse.
    ///
    /// # Errors
    /// [`Error::Shape`] naming the node when its inputs' shapes do not fit;
    /// [`Error::Graph`] if a node's input has no value (an order not from
    /// [`MiniFlow::topological_sort`]). On error no value or gradient changes.
    pub fn forward_and_backward(&mut self, order: &[FlowId]) -> Result<()> {
        self.run(
            "MiniFlow::forward_and_backward",
            order,
            &|s, g| miniflow_sigmoid_backward(s, g),
            &|x, w, g| Ok(linear_step(x, w, g)),
        )
    }

    /// [`MiniFlow::forward_and_backward`] with your own backward step for the
    /// `Sigmoid` nodes — the lesson's exercise, plugged into the graph:
    /// `sigmoid_backward(s, grad_cost)` gets the node's value `s = σ(z)` and the
    /// gradient `∂C/∂s` sent back by one outbound node, and returns the gradient to
    /// pass to the node's input. Every other node runs the crate's code, so the
    /// gradients of the inputs come out right exactly when your step is.
    ///
    /// # Errors
    /// As [`MiniFlow::forward_and_backward`], plus [`Error::Shape`] if your step
    /// returns an array of another shape than `s`, and [`Error::NonFinite`] if it
    /// returns NaN or infinity. On error no value or gradient changes.
    pub fn forward_and_backward_with(
        &mut self,
        order: &[FlowId],
        sigmoid_backward: impl Fn(&ArrayD<f64>, &ArrayD<f64>) -> ArrayD<f64>,
    ) -> Result<()> {
        const OP: &str = "MiniFlow::forward_and_backward_with";
        let sigmoid_step = |s: &ArrayD<f64>, g: &ArrayD<f64>| {
            let out = sigmoid_backward(s, g);
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
        self.run(
            OP,
            order,
            &|s, g| miniflow_sigmoid_backward(s, g),
            &linear_step,
        )
    }

    /// Forward in `order`, then backward in reverse, with `sigmoid_backward` as
    /// the Sigmoid nodes' step; `op` names the public call in errors.
    fn run(
        &mut self,
        op: &'static str,
        order: &[FlowId],
        sigmoid_backward: &SigmoidStep<'_>,
        linear_backward: &LinearStep<'_>,
    ) -> Result<()> {
        for id in order {
            self.check_id(op, *id)?;
        }
        let mut values: Vec<Option<ArrayD<f64>>> =
            self.nodes.iter().map(|n| n.value.clone()).collect();
        for &id in order {
            let node = &self.nodes[id.0];
            let get = |k: usize| -> Result<&ArrayD<f64>> {
                let i = node.inbound[k];
                values[i.0].as_ref().ok_or_else(|| Error::Graph {
                    op,
                    detail: format!(
                        "'{}' needs '{}', which has no value yet",
                        node.name, self.nodes[i.0].name
                    ),
                })
            };
            let v = match node.op {
                FlowOp::Input => continue,
                FlowOp::Linear => linear_forward(&node.name, get(0)?, get(1)?, get(2)?)
                    .map_err(|e| e.within(op))?,
                FlowOp::Sigmoid => get(0)?.mapv(sigmoid),
                FlowOp::Mse => {
                    let (y, a) = (get(0)?, get(1)?);
                    if y.len() != a.len() {
                        return Err(shape_err(
                            op,
                            format!(
                                "MSE node '{}': y has shape {} ({} values) but a has shape {} ({} values)",
                                node.name,
                                shape_str(y.shape()),
                                y.len(),
                                shape_str(a.shape()),
                                a.len()
                            ),
                        ));
                    }
                    let diff: Vec<f64> = y.iter().zip(a.iter()).map(|(p, q)| p - q).collect();
                    let mean = diff.iter().map(|d| d * d).sum::<f64>() / diff.len() as f64;
                    ArrayD::from_elem(IxDyn(&[]), mean)
                }
            };
            values[id.0] = Some(v);
        }
        // Backward, in reverse order; gradients[n] = [(inbound, ∂C/∂inbound)].
        let mut grads: Vec<Vec<(FlowId, ArrayD<f64>)>> = vec![Vec::new(); self.nodes.len()];
        let received = |grads: &Vec<Vec<(FlowId, ArrayD<f64>)>>, from: FlowId, to: FlowId| {
            grads[from.0]
                .iter()
                .find(|(k, _)| *k == to)
                .map(|(_, g)| g.clone())
        };
        for &id in order.iter().rev() {
            let node = &self.nodes[id.0];
            let val = |i: FlowId| values[i.0].as_ref().expect("forward filled every value");
            let outs: Vec<FlowId> = self
                .outbound(id)
                .into_iter()
                .filter(|o| order.contains(o))
                .collect();
            let mut mine: Vec<(FlowId, ArrayD<f64>)> = Vec::new();
            match node.op {
                FlowOp::Input => {
                    let mut total = ArrayD::from_elem(IxDyn(&[]), 0.0);
                    for o in outs {
                        if let Some(g) = received(&grads, o, id) {
                            total = &total + &g;
                        }
                    }
                    mine.push((id, total));
                }
                FlowOp::Linear => {
                    let (x, w) = (val(node.inbound[0]), val(node.inbound[1]));
                    let two_d = |a: &ArrayD<f64>| {
                        a.view()
                            .into_dimensionality::<Ix2>()
                            .expect("checked in forward")
                            .to_owned()
                    };
                    let (x2, w2) = (two_d(x), two_d(w));
                    let mut gx = ArrayD::zeros(x.raw_dim());
                    let mut gw = ArrayD::zeros(w.raw_dim());
                    let b = val(node.inbound[2]);
                    let mut gb = ArrayD::zeros(b.raw_dim());
                    for o in outs {
                        let Some(g) = received(&grads, o, id) else {
                            continue;
                        };
                        let g2 = two_d(&reshape_like(op, &g, val(id))?);
                        let (dx, dw, db) =
                            linear_backward(&x2, &w2, &g2).map_err(|e| e.within(op))?;
                        gx = gx + dx.into_dyn();
                        gw = gw + dw.into_dyn();
                        gb = gb + reshape_like(op, &db.into_dyn(), b)?;
                    }
                    mine.push((node.inbound[0], gx));
                    mine.push((node.inbound[1], gw));
                    mine.push((node.inbound[2], gb));
                }
                FlowOp::Sigmoid => {
                    let input = node.inbound[0];
                    let mut gi = ArrayD::zeros(val(input).raw_dim());
                    for o in outs {
                        let Some(g) = received(&grads, o, id) else {
                            continue;
                        };
                        gi = gi + sigmoid_backward(val(id), &g).map_err(|e| e.within(op))?;
                    }
                    mine.push((input, gi));
                }
                FlowOp::Mse => {
                    let (y, a) = (val(node.inbound[0]), val(node.inbound[1]));
                    let m = y.shape().first().copied().unwrap_or(1) as f64;
                    let diff = ArrayD::from_shape_vec(
                        IxDyn(&[y.len(), 1]),
                        y.iter().zip(a.iter()).map(|(p, q)| p - q).collect(),
                    )
                    .expect("len x 1");
                    mine.push((node.inbound[0], diff.mapv(|d| 2.0 / m * d)));
                    mine.push((node.inbound[1], diff.mapv(|d| -2.0 / m * d)));
                }
            }
            grads[id.0] = mine;
        }
        for (i, n) in self.nodes.iter_mut().enumerate() {
            n.value = values[i].take();
            if order.contains(&FlowId(i)) {
                n.gradients = std::mem::take(&mut grads[i]);
            }
        }
        Ok(())
    }

    /// One SGD step on the trainable inputs: `value −= learning_rate · gradient`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `learning_rate > 0`; [`Error::Unsupported`]
    /// for a node that is not an `Input` or has no gradient yet. On error nothing changes.
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
            let n = &self.nodes[t.0];
            let (Some(v), Some(g), FlowOp::Input) = (n.value.as_ref(), self.grad(t), n.op) else {
                return Err(Error::Unsupported {
                    op: OP,
                    reason: format!("'{}' is not an Input with a value and a gradient (run forward_and_backward first)", n.name),
                });
            };
            let g = reshape_like(OP, g, v)?;
            updates.push((t, v - &(g * learning_rate)));
        }
        for (t, v) in updates {
            self.nodes[t.0].value = Some(v);
        }
        Ok(())
    }
}

/// A Sigmoid node's backward step: `(s, ∂C/∂s) → ∂C/∂z`.
type SigmoidStep<'a> = dyn Fn(&ArrayD<f64>, &ArrayD<f64>) -> Result<ArrayD<f64>> + 'a;

/// A Linear node's backward step: `(X, W, ∂C/∂F) → (∂C/∂X, ∂C/∂W, ∂C/∂b)`.
type LinearStep<'a> = dyn Fn(&Array2<f64>, &Array2<f64>, &Array2<f64>) -> Result<(Array2<f64>, Array2<f64>, Array1<f64>)>
    + 'a;

fn linear_forward(
    name: &str,
    x: &ArrayD<f64>,
    w: &ArrayD<f64>,
    b: &ArrayD<f64>,
) -> Result<ArrayD<f64>> {
    const OP: &str = "MiniFlow::forward_and_backward";
    let (Ok(x2), Ok(w2)) = (
        x.view().into_dimensionality::<Ix2>(),
        w.view().into_dimensionality::<Ix2>(),
    ) else {
        return Err(shape_err(
            OP,
            format!(
                "Linear node '{name}' needs 2-D X and W, got X {} and W {}",
                shape_str(x.shape()),
                shape_str(w.shape())
            ),
        ));
    };
    if x2.ncols() != w2.nrows() {
        return Err(shape_err(
            OP,
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
            OP,
            format!(
                "Linear node '{name}': b has shape {} but must be ({k},) or (1, {k}) to match W {}",
                shape_str(b.shape()),
                shape_str(w.shape())
            ),
        ));
    }
    let xw = x2.dot(&w2);
    let brow = ndarray::Array1::from_iter(b.iter().copied());
    Ok((xw + &brow).into_dyn())
}

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
            "topological_sort: input 'b' feeds 'f' but has no value in the feed"
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
