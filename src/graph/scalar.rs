//! The graph that owns the nodes (docs on [`Graph`]).

use std::fmt;

use crate::error::{check_finite_scalar, Error, Result};
use crate::graph::backward::{Backward, Difference, Edge, NumericDerivative};
use crate::graph::handle::{readable, short, slot, Core, GNode, NodeId, NodeKind, Var};
use crate::graph::symbolic::Expr;

/// A computation graph of scalar nodes.
///
/// Scalar computation graphs, as the computation-graph lab draws them: named
/// nodes, forward values, local derivatives on every edge, and the chain rule
/// walked right to left.
///
/// A [`Graph`] owns its nodes; you hold [`Var`] handles — a node id plus the
/// graph's identity, `Copy` and without a lifetime, so a notebook can keep them
/// in variables across cells — and combine them with `+ - * /`, [`Var::powi`],
/// [`Var::exp`], [`Var::ln`], [`Var::sigmoid`]:
///
/// ```
/// use backprop_lab::graph::Graph;
/// let g = Graph::new();
/// let w = g.param("w", 3.0);
/// let j = (2.0 + 3.0 * w).powi(2).named("J");
/// let back = g.backward(j)?;
/// assert_eq!(back.value(j), 121.0);
/// assert_eq!(back.grad(w), 66.0); // 2·(2 + 3·3)·3
/// # Ok::<(), backprop_lab::Error>(())
/// ```
///
/// Each operation node keeps the [`Expr`] it computes from its inputs, so its
/// local derivatives are symbolic (`∂J/∂a = 2 a`) as well as numeric. An
/// operation with a plain number (`3.0 * w`, `x / 2.0`) extends the unnamed node
/// it acts on rather than adding a node, so `2 + 3w` is one node, as in the lab's
/// picture; `.named(..)` a node to keep it separate.
///
/// # Handles of two graphs
/// Every method checks that a handle belongs to its graph. An operator cannot
/// return an error, so combining handles of two graphs (`w + v`) records the
/// error in both graphs and marks the new node as failed: the graph's next
/// fallible call ([`Graph::backward`], [`Graph::forward`], [`Graph::get`], …)
/// returns it, naming both graphs, and evaluating the failed node always does.
///
/// Cloning a graph copies its nodes into a new graph; handles of the original do
/// not belong to the copy.
pub struct Graph {
    core: &'static Core,
}

impl fmt::Debug for Graph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Graph")
            .field("nodes", &self.core.nodes.borrow())
            .finish()
    }
}

impl Default for Graph {
    fn default() -> Self {
        Graph::new()
    }
}

impl Clone for Graph {
    fn clone(&self) -> Self {
        let core = Core::leak();
        *core.nodes.borrow_mut() = self.core.nodes.borrow().clone();
        Graph { core }
    }
}

impl Drop for Graph {
    fn drop(&mut self) {
        self.core.dropped.set(true);
        // Free the nodes; the header stays so that old handles can tell.
        drop(std::mem::take(&mut *self.core.nodes.borrow_mut()));
        self.core.pending.borrow_mut().take();
    }
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Graph { core: Core::leak() }
    }

    fn leaf(&self, name: &str, value: f64, kind: NodeKind, op: &'static str) -> Var {
        let failed = check_finite_scalar(op, "value", value)
            .err()
            .map(|e| e.to_string());
        if let Some(msg) = &failed {
            self.core.record(msg.clone());
        }
        self.core.push(GNode {
            name: name.to_string(),
            kind,
            value,
            expr: None,
            inputs: vec![],
            consumers: 0,
            named: true,
            failed,
        })
    }

    /// A parameter node (drawn as something to learn).
    ///
    /// A NaN or infinite `value` is recorded as an error, reported by the
    /// graph's next fallible call.
    pub fn param(&self, name: &str, value: f64) -> Var {
        self.leaf(name, value, NodeKind::Parameter, "Graph::param")
    }

    /// An input node (data, such as `x` or `y`). Non-finite values as in [`Graph::param`].
    pub fn input(&self, name: &str, value: f64) -> Var {
        self.leaf(name, value, NodeKind::Input, "Graph::input")
    }

    /// A constant node. Non-finite values as in [`Graph::param`].
    pub fn constant(&self, name: &str, value: f64) -> Var {
        self.leaf(name, value, NodeKind::Constant, "Graph::constant")
    }

    /// True if `v` is a node of this graph.
    pub fn owns(&self, v: Var) -> bool {
        std::ptr::eq(v.core, self.core) && v.id.index < self.len()
    }

    /// The handle of node `id`.
    ///
    /// # Errors
    /// [`Error::Unknown`] if the graph has no such node: `id` was handed out by
    /// another graph.
    pub fn var(&self, id: NodeId) -> Result<Var> {
        self.core.check("Graph::var", &[])?;
        if id.graph == self.core.key() && id.index < self.len() {
            Ok(Var {
                core: self.core,
                id,
            })
        } else {
            Err(Error::Unknown {
                op: "Graph::var",
                kind: "node id",
                name: id.index.to_string(),
                hint: if id.graph == self.core.key() {
                    format!("; the graph has {} nodes", self.len())
                } else {
                    format!(
                        "; the id was handed out by another graph, not by this one ({})",
                        self.core.describe()
                    )
                },
            })
        }
    }

    /// The node called `name`.
    ///
    /// # Errors
    /// [`Error::Unknown`] naming the nodes that exist if none is called `name`;
    /// [`Error::Graph`] naming the nodes that share it if several are.
    pub fn get(&self, name: &str) -> Result<Var> {
        self.core.check("Graph::get", &[])?;
        let nodes = self.core.nodes.borrow();
        let hits: Vec<usize> = (0..nodes.len())
            .filter(|&i| nodes[i].name == name)
            .collect();
        match hits.as_slice() {
            [i] => Ok(Var {
                core: self.core,
                id: NodeId::new(self.core.key(), *i),
            }),
            [] => {
                let names: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).take(40).collect();
                let more = if nodes.len() > 40 { " …" } else { "" };
                Err(Error::Unknown {
                    op: "Graph::get",
                    kind: "node",
                    name: short(name),
                    hint: format!("; the nodes are {names:?}{more}"),
                })
            }
            _ => Err(Error::Graph {
                op: "Graph::get",
                detail: format!(
                    "the name '{}' is duplicated: nodes {:?} share it; rename one with .named(..)",
                    short(name),
                    &hits[..hits.len().min(10)]
                ),
            }),
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.core.len()
    }

    /// True for a graph without nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Changes the value of a leaf (parameter, input or constant).
    ///
    /// # Errors
    /// [`Error::Unsupported`] for an operation node; [`Error::NonFinite`];
    /// [`Error::Graph`] for a handle of another graph.
    pub fn set_value(&self, v: Var, value: f64) -> Result<()> {
        const OP: &str = "Graph::set_value";
        self.core.check(OP, &[("the node", v)])?;
        check_finite_scalar(OP, "value", value)?;
        let mut nodes = self.core.nodes.borrow_mut();
        let n = &mut nodes[v.id.index];
        if n.kind == NodeKind::Operation {
            return Err(Error::Unsupported {
                op: OP,
                reason: format!(
                    "'{}' is computed from its inputs; set a leaf instead",
                    n.name
                ),
            });
        }
        n.value = value;
        n.failed = None;
        Ok(())
    }

    /// A description of every node, in creation (= topological) order.
    pub fn nodes(&self) -> Vec<NodeInfo> {
        let nodes = self.core.nodes.borrow();
        (0..nodes.len())
            .map(|i| {
                let n = &nodes[i];
                let expr = n.expr.as_ref().map(|e| readable(e, &n.inputs, &nodes));
                NodeInfo {
                    id: NodeId::new(self.core.key(), i),
                    name: n.name.clone(),
                    kind: n.kind,
                    inputs: n.inputs.clone(),
                    expr,
                }
            })
            .collect()
    }

    /// Every node's value, in id order.
    ///
    /// # Errors
    /// [`Error::Domain`] naming the node for a division by zero, the log of a
    /// non-positive number, or a non-finite result; [`Error::Graph`] for an
    /// error an operator recorded.
    pub fn forward(&self) -> Result<Vec<f64>> {
        self.core.check("Graph::forward", &[])?;
        self.core.forward_with("Graph::forward", None)
    }

    /// Forward, then backward from `output`: every node's derivative of `output`,
    /// and for every edge the local derivative and the chain-rule product.
    ///
    /// # Errors
    /// [`Error::Graph`] if `output` belongs to another graph (naming both), or
    /// for an error an operator recorded; the errors of [`Graph::forward`].
    pub fn backward(&self, output: Var) -> Result<Backward> {
        self.backward_as("Graph::backward", output)
    }

    /// [`Graph::backward`] for the public operation `op`, which its errors name.
    pub(crate) fn backward_as(&self, op: &'static str, output: Var) -> Result<Backward> {
        self.core.check(op, &[("the output", output)])?;
        let values = self.core.forward_with(op, None)?;
        let nodes = self.core.nodes.borrow();
        let n = nodes.len();
        let out = output.id.index;
        // Which nodes feed the output at all.
        let mut upstream = vec![false; n];
        upstream[out] = true;
        for i in (0..=out).rev() {
            if upstream[i] {
                for id in &nodes[i].inputs {
                    upstream[id.index] = true;
                }
            }
        }
        let mut grads = vec![0.0; n];
        grads[out] = 1.0;
        let mut edges = Vec::new();
        for i in (0..=out).rev() {
            let node = &nodes[i];
            let Some(expr) = &node.expr else { continue };
            if !upstream[i] {
                continue;
            }
            let lookup = |s: &str| {
                s.strip_prefix('$')
                    .and_then(|k| k.parse::<usize>().ok())
                    .and_then(|k| node.inputs.get(k))
                    .map(|id| values[id.index])
            };
            for (k, input) in node.inputs.iter().enumerate() {
                let local_expr = expr.diff(&slot(k));
                let local = local_expr
                    .eval_as(op, &lookup)
                    .map_err(|err| Error::Domain {
                        op,
                        detail: format!(
                            "local derivative of '{}' by '{}': {err}",
                            node.name, nodes[input.index].name
                        ),
                    })?;
                let product = local * grads[i];
                if !product.is_finite() {
                    return Err(Error::Diverged {
                        op,
                        what: format!("∂{}/∂{}", nodes[out].name, nodes[input.index].name),
                        at: format!(
                            "the edge {} → {} ({local} × {})",
                            nodes[input.index].name, node.name, grads[i]
                        ),
                    });
                }
                grads[input.index] += product;
                edges.push(Edge {
                    from: *input,
                    to: NodeId::new(self.core.key(), i),
                    local_expr: readable(&local_expr, &node.inputs, &nodes),
                    local,
                    upstream: grads[i],
                    product,
                });
            }
        }
        Ok(Backward {
            graph: self.core as *const Core as usize,
            output: output.id,
            names: nodes.iter().map(|n| n.name.clone()).collect(),
            kinds: nodes.iter().map(|n| n.kind).collect(),
            exprs: nodes
                .iter()
                .map(|nd| nd.expr.as_ref().map(|e| readable(e, &nd.inputs, &nodes)))
                .collect(),
            upstream,
            values,
            grads,
            edges,
        })
    }

    /// The lab's "arithmetic" derivative of `of` with respect to node `wrt`:
    /// nudge `wrt`'s value by `eps`, recompute everything downstream, and divide
    /// the change in `of` by the nudge (one-sided), or use `wrt ± eps` (two-sided).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `eps > 0`; [`Error::Graph`] for a handle
    /// of another graph; the errors of [`Graph::forward`].
    ///
    /// ```
    /// use backprop_lab::graph::{Difference, Graph};
    /// let g = Graph::new();
    /// let w = g.param("w", 3.0);
    /// let a = (2.0 + 3.0 * w).named("a");
    /// let j = a.powi(2).named("J");
    /// let k = g.numeric_derivative(j, a, 0.001, Difference::OneSided)?;
    /// assert_eq!(k.estimate, 22.000999999988835); // the lab's printed k
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn numeric_derivative(
        &self,
        of: Var,
        wrt: Var,
        eps: f64,
        difference: Difference,
    ) -> Result<NumericDerivative> {
        const OP: &str = "Graph::numeric_derivative";
        self.core.check(OP, &[("of", of), ("wrt", wrt)])?;
        if !(eps.is_finite() && eps > 0.0) {
            return Err(Error::InvalidParameter {
                op: OP,
                name: "eps",
                value: eps.to_string(),
                reason: "the nudge must be a finite number > 0".into(),
            });
        }
        let base_values = self.core.forward_with(OP, None)?;
        let x = base_values[wrt.id.index];
        let base = base_values[of.id.index];
        let plus = self.core.forward_with(OP, Some((wrt.id, x + eps)))?[of.id.index];
        let (minus, estimate) = match difference {
            Difference::OneSided => (None, (plus - base) / eps),
            Difference::TwoSided => {
                let m = self.core.forward_with(OP, Some((wrt.id, x - eps)))?[of.id.index];
                (Some(m), (plus - m) / (2.0 * eps))
            }
        };
        if !estimate.is_finite() {
            return Err(Error::Diverged {
                op: OP,
                what: format!("the estimate of ∂{}/∂{}", of.name(), wrt.name()),
                at: format!("eps = {eps}"),
            });
        }
        Ok(NumericDerivative {
            of: of.name(),
            wrt: wrt.name(),
            eps,
            base,
            plus,
            minus,
            estimate,
        })
    }
}

/// A description of one node, for tables and diagrams.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeInfo {
    /// Its id.
    pub id: NodeId,
    /// Its name.
    pub name: String,
    /// Leaf kind or operation.
    pub kind: NodeKind,
    /// The nodes it is computed from.
    pub inputs: Vec<NodeId>,
    /// What it computes, over its inputs' names (operations only).
    pub expr: Option<Expr>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::activation::sigmoid;
    use crate::graph::labs::{lab_square_graph, logistic_neuron_graph};

    #[test]
    fn constant_ops_fuse_into_one_node() {
        let g = lab_square_graph();
        assert_eq!(g.len(), 3);
        let info = g.nodes();
        assert_eq!(info[1].expr.as_ref().unwrap().to_string(), "2 + 3*w");
        assert_eq!(info[2].expr.as_ref().unwrap().to_string(), "a^2");
    }

    #[test]
    fn shared_inputs_sum_their_paths() {
        // f = x·x + 3x at x = 2: f' = 2x + 3 = 7 (hand derivation).
        let g = Graph::new();
        let x = g.param("x", 2.0);
        let f = (x * x + 3.0 * x).named("f");
        let back = g.backward(f).unwrap();
        assert_eq!(back.grad(x), 7.0);
    }

    #[test]
    fn logistic_neuron_matches_hand_formula() {
        // ∂L/∂w0 = −2(y − s) s(1 − s) x0.
        let (x, w, bb, y) = ([0.5, -1.5], [0.3, 0.8], 0.1, 1.0);
        let g = logistic_neuron_graph(x, w, bb, y);
        let back = g.backward(g.get("L").unwrap()).unwrap();
        let s = sigmoid(x[0] * w[0] + x[1] * w[1] + bb);
        let want = -2.0 * (y - s) * s * (1.0 - s) * x[0];
        assert!((back.grad(g.get("w0").unwrap()) - want).abs() < 1e-15);
    }

    #[test]
    fn division_by_zero_names_the_node() {
        let g = Graph::new();
        let x = g.param("x", 1.0);
        let r = (1.0 / (x - 1.0)).named("r");
        let err = g.backward(r).unwrap_err();
        assert!(matches!(err, Error::Domain { .. }));
        assert!(err.to_string().contains("node 'r'"), "{err}");
        let err = g.get("nope").unwrap_err().to_string();
        assert!(
            err.contains("unknown node 'nope'") && err.contains("\"x\""),
            "{err}"
        );
        assert!(g.set_value(r, 2.0).is_err());
    }

    #[test]
    fn a_node_from_another_graph_is_refused() {
        let g1 = lab_square_graph();
        let g2 = lab_square_graph();
        assert!(g1.backward(g2.get("J").unwrap()).is_err());
    }

    #[test]
    fn handles_outlive_the_expression_that_made_them() {
        // The issue's four notebook cells, as four statements with no borrow.
        let g = Graph::new();
        let w = g.param("w", 3.0);
        let j = (2.0 + 3.0 * w).powi(2).named("J");
        // dJ/dw = 2(2 + 3w)·3 = 66 at w = 3 (hand derivation).
        assert_eq!(g.backward(j).unwrap().grad(w), 66.0);
        let stored: Vec<Var> = vec![w, j];
        assert_eq!(g.backward(stored[1]).unwrap().value(stored[0]), 3.0);
    }

    #[test]
    fn handles_of_two_graphs_are_an_error_naming_both() {
        let g1 = Graph::new();
        let g2 = Graph::new();
        let w = g1.param("w", 1.0);
        let v = g2.param("v", 2.0);
        let bad = (w + v).named("s");
        let err = g1.backward(bad).unwrap_err().to_string();
        assert!(
            err.starts_with("Graph::backward: an earlier operation"),
            "{err}"
        );
        assert!(
            err.contains("the graph of w") && err.contains("the graph of v"),
            "{err}"
        );
        // Reported once by the next call; the failed node still refuses to evaluate.
        let err = g1.backward(bad).unwrap_err().to_string();
        assert!(err.contains("node 's' could not be made"), "{err}");
        // The other graph heard of it too, and is otherwise fine.
        assert!(g2.forward().is_err());
        assert_eq!(g2.forward().unwrap(), vec![2.0]);
        // A handle of another graph as output is refused, naming both graphs.
        let err = g2.backward(w).unwrap_err().to_string();
        assert!(err.contains("'w' belongs to the graph of w"), "{err}");
        let back = g2.backward(v).unwrap();
        assert!(back.grad(w).is_nan());
        assert!(back.try_grad(w).is_err());
        assert_eq!(back.try_grad(v).unwrap(), 1.0);
    }

    #[test]
    fn handles_of_a_dropped_graph_fail_cleanly() {
        let w = {
            let g = Graph::new();
            g.param("w", 1.0)
        };
        assert_eq!(w.name(), "?");
        let x = (w * 2.0 + w).sigmoid();
        assert!(x.value().is_err());
        let g = Graph::new();
        assert!(g.backward(x).is_err());
    }

    #[test]
    fn repeated_updates_build_a_chain_not_a_deep_expression() {
        // v ← 1.0001·v, 200 000 times: ∂v/∂w = 1.0001^200000 ≈ e^20 (hand derivation).
        let g = Graph::new();
        let w = g.param("w", 1.0);
        let mut v = w * 1.0;
        for _ in 0..200_000 {
            v = v * 1.0001;
        }
        let back = g.backward(v).unwrap();
        let want = 1.0001f64.powi(200_000);
        assert!(
            (back.grad(w) - want).abs() < 1e-9 * want,
            "{}",
            back.grad(w)
        );
        assert!(g.len() < 200_000 / 4, "{} nodes", g.len());
    }

    #[test]
    fn non_finite_leaves_are_reported() {
        let g = Graph::new();
        let w = g.param("w", f64::NAN);
        let err = g.backward(w).unwrap_err().to_string();
        assert!(err.contains("Graph::param") && err.contains("NaN"), "{err}");
        g.set_value(w, 2.0).unwrap();
        assert_eq!(g.backward(w).unwrap().value(w), 2.0);
    }

    #[test]
    fn duplicated_names_are_called_duplicated() {
        let g = Graph::new();
        g.param("w", 1.0);
        g.param("w", 2.0);
        let err = g.get("w").unwrap_err().to_string();
        assert!(err.contains("duplicated"), "{err}");
    }
}
