//! Scalar computation graphs with symbolic local derivatives (docs on [`Graph`]).

use std::cell::RefCell;
use std::fmt;
use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::error::{check_finite_scalar, Error, Result};
use crate::graph::symbolic::{num, sym, Expr};

/// The id of a node in its [`Graph`]; ids count up in creation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub usize);

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A parameter we want derivatives for (`w`, `b`).
    Parameter,
    /// A data input (`x`, `y`): derivatives are computed but not the point.
    Input,
    /// A fixed number.
    Constant,
    /// A computed node.
    Operation,
}

#[derive(Debug, Clone)]
struct GNode {
    name: String,
    kind: NodeKind,
    /// Leaves: their value. Operations: unused.
    value: f64,
    /// Operations: the expression over slot symbols `$0, $1, …` naming `inputs`.
    expr: Option<Expr>,
    inputs: Vec<NodeId>,
    consumers: usize,
    named: bool,
}

/// A computation graph of scalar nodes.
///
/// Scalar computation graphs, as the computation-graph lab draws them: named
/// nodes, forward values, local derivatives on every edge, and the chain rule
/// walked right to left.
///
/// A [`Graph`] owns its nodes; you hold light [`Var`] handles (a node id plus a
/// reference to the graph) and combine them with `+ - * /`, [`Var::powi`],
/// [`Var::exp`], [`Var::ln`], [`Var::sigmoid`]:
///
/// ```
/// use backprop_lab::Graph;
/// let g = Graph::new();
/// let w = g.param("w", 3.0);
/// let a = (2.0 + 3.0 * w).named("a");
/// let j = a.powi(2).named("J");
/// let back = g.backward(j)?;
/// assert_eq!(back.value(a), 11.0);
/// assert_eq!(back.value(j), 121.0);
/// assert_eq!(back.grad(a), 22.0);
/// assert_eq!(back.grad(w), 66.0);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
///
/// Each operation node keeps the [`Expr`] it computes from its inputs, so its
/// local derivatives are symbolic (`∂J/∂a = 2 a`) as well as numeric. An
/// operation with a plain number (`3.0 * w`, `x / 2.0`) extends the unnamed node
/// it acts on rather than adding a node, so `2 + 3w` is one node, as in the lab's
/// picture; `.named(..)` a node to keep it separate.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    nodes: RefCell<Vec<GNode>>,
}

/// A handle on a node of a [`Graph`]; cheap to copy, combine with operators.
#[derive(Clone, Copy)]
pub struct Var<'g> {
    graph: &'g Graph,
    id: NodeId,
}

impl fmt::Debug for Var<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Var({} = {:?})", self.name(), self.id)
    }
}

fn slot(k: usize) -> String {
    format!("${k}")
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Graph::default()
    }

    fn push(&self, node: GNode) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        for &i in &node.inputs {
            nodes[i.0].consumers += 1;
        }
        nodes.push(node);
        NodeId(nodes.len() - 1)
    }

    fn leaf(&self, name: &str, value: f64, kind: NodeKind) -> Var<'_> {
        let id = self.push(GNode {
            name: name.to_string(),
            kind,
            value,
            expr: None,
            inputs: vec![],
            consumers: 0,
            named: true,
        });
        Var { graph: self, id }
    }

    /// A parameter node (drawn as something to learn).
    pub fn param(&self, name: &str, value: f64) -> Var<'_> {
        self.leaf(name, value, NodeKind::Parameter)
    }

    /// An input node (data, such as `x` or `y`).
    pub fn input(&self, name: &str, value: f64) -> Var<'_> {
        self.leaf(name, value, NodeKind::Input)
    }

    /// A constant node.
    pub fn constant(&self, name: &str, value: f64) -> Var<'_> {
        self.leaf(name, value, NodeKind::Constant)
    }

    /// The handle of node `id`.
    ///
    /// # Errors
    /// [`Error::Unknown`] if the graph has no such node.
    pub fn var(&self, id: NodeId) -> Result<Var<'_>> {
        if id.0 < self.len() {
            Ok(Var { graph: self, id })
        } else {
            Err(Error::Unknown {
                op: "Graph::var",
                kind: "node id",
                name: id.0.to_string(),
                hint: format!("; the graph has {} nodes", self.len()),
            })
        }
    }

    /// The node called `name`.
    ///
    /// # Errors
    /// [`Error::Unknown`] naming the nodes that exist, if none or several are
    /// called `name`.
    pub fn get(&self, name: &str) -> Result<Var<'_>> {
        let nodes = self.nodes.borrow();
        let hits: Vec<usize> = (0..nodes.len())
            .filter(|&i| nodes[i].name == name)
            .collect();
        match hits.as_slice() {
            [i] => Ok(Var {
                graph: self,
                id: NodeId(*i),
            }),
            [] => Err(Error::Unknown {
                op: "Graph::get",
                kind: "node",
                name: name.to_string(),
                hint: format!(
                    "; the nodes are {:?}",
                    nodes.iter().map(|n| n.name.as_str()).collect::<Vec<_>>()
                ),
            }),
            _ => Err(Error::Unknown {
                op: "Graph::get",
                kind: "node (the name is used more than once)",
                name: name.to_string(),
                hint: format!("; nodes {hits:?} share it"),
            }),
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.borrow().len()
    }

    /// True for a graph without nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Changes the value of a leaf (parameter, input or constant).
    ///
    /// # Errors
    /// [`Error::Unsupported`] for an operation node; [`Error::NonFinite`].
    pub fn set_value(&self, v: Var<'_>, value: f64) -> Result<()> {
        check_finite_scalar("Graph::set_value", "value", value)?;
        let mut nodes = self.nodes.borrow_mut();
        let n = &mut nodes[v.id.0];
        if n.kind == NodeKind::Operation {
            return Err(Error::Unsupported {
                op: "Graph::set_value",
                reason: format!(
                    "'{}' is computed from its inputs; set a leaf instead",
                    n.name
                ),
            });
        }
        n.value = value;
        Ok(())
    }

    /// A description of every node, in creation (= topological) order.
    pub fn nodes(&self) -> Vec<NodeInfo> {
        let nodes = self.nodes.borrow();
        (0..nodes.len())
            .map(|i| {
                let n = &nodes[i];
                let expr = n.expr.as_ref().map(|e| self.readable(e, &n.inputs, &nodes));
                NodeInfo {
                    id: NodeId(i),
                    name: n.name.clone(),
                    kind: n.kind,
                    inputs: n.inputs.clone(),
                    expr,
                }
            })
            .collect()
    }

    /// An expression over slots rewritten over the input nodes' names.
    fn readable(&self, e: &Expr, inputs: &[NodeId], nodes: &[GNode]) -> Expr {
        let names: Vec<(String, String)> = inputs
            .iter()
            .enumerate()
            .map(|(k, id)| (slot(k), nodes[id.0].name.clone()))
            .collect();
        let pairs: Vec<(&str, &str)> = names
            .iter()
            .map(|(a, c)| (a.as_str(), c.as_str()))
            .collect();
        e.rename(&pairs)
    }

    /// Every node's value, in id order.
    ///
    /// # Errors
    /// [`Error::Domain`] naming the node for a division by zero, the log of a
    /// non-positive number, or a non-finite result.
    pub fn forward(&self) -> Result<Vec<f64>> {
        self.forward_with(None)
    }

    /// Forward pass with one node's value forced (for numerical derivatives).
    fn forward_with(&self, forced: Option<(NodeId, f64)>) -> Result<Vec<f64>> {
        let nodes = self.nodes.borrow();
        let mut values = Vec::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            let v = match (forced, &n.expr) {
                (Some((id, v)), _) if id.0 == i => v,
                (_, None) => n.value,
                (_, Some(e)) => {
                    let lookup = |s: &str| {
                        s.strip_prefix('$')
                            .and_then(|k| k.parse::<usize>().ok())
                            .and_then(|k| n.inputs.get(k))
                            .map(|id| values[id.0])
                    };
                    let v = e.eval_with(&lookup).map_err(|err| Error::Domain {
                        op: "Graph::forward",
                        detail: format!(
                            "node '{}' = {}: {}",
                            n.name,
                            self.readable(e, &n.inputs, &nodes),
                            match err {
                                Error::Domain { detail, .. } => detail,
                                other => other.to_string(),
                            }
                        ),
                    })?;
                    if !v.is_finite() {
                        return Err(Error::Domain {
                            op: "Graph::forward",
                            detail: format!(
                                "node '{}' = {} is {v}",
                                n.name,
                                self.readable(e, &n.inputs, &nodes)
                            ),
                        });
                    }
                    v
                }
            };
            values.push(v);
        }
        Ok(values)
    }

    /// Forward, then backward from `output`: every node's derivative of `output`,
    /// and for every edge the local derivative and the chain-rule product.
    ///
    /// # Errors
    /// [`Error::Unknown`] if `output` belongs to another graph; the errors of
    /// [`Graph::forward`].
    pub fn backward(&self, output: Var<'_>) -> Result<Backward> {
        if !std::ptr::eq(output.graph, self) {
            return Err(Error::Unknown {
                op: "Graph::backward",
                kind: "node (it belongs to another graph)",
                name: output.name(),
                hint: String::new(),
            });
        }
        let values = self.forward()?;
        let nodes = self.nodes.borrow();
        let n = nodes.len();
        let out = output.id.0;
        // Which nodes feed the output at all.
        let mut upstream = vec![false; n];
        upstream[out] = true;
        for i in (0..=out).rev() {
            if upstream[i] {
                for id in &nodes[i].inputs {
                    upstream[id.0] = true;
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
                    .map(|id| values[id.0])
            };
            for (k, input) in node.inputs.iter().enumerate() {
                let local_expr = expr.diff(&slot(k));
                let local = local_expr.eval_with(&lookup).map_err(|err| Error::Domain {
                    op: "Graph::backward",
                    detail: format!(
                        "local derivative of '{}' by '{}': {err}",
                        node.name, nodes[input.0].name
                    ),
                })?;
                let product = local * grads[i];
                grads[input.0] += product;
                edges.push(Edge {
                    from: *input,
                    to: NodeId(i),
                    local_expr: self.readable(&local_expr, &node.inputs, &nodes),
                    local,
                    upstream: grads[i],
                    product,
                });
            }
        }
        Ok(Backward {
            output: output.id,
            names: nodes.iter().map(|n| n.name.clone()).collect(),
            kinds: nodes.iter().map(|n| n.kind).collect(),
            exprs: nodes
                .iter()
                .map(|nd| {
                    nd.expr
                        .as_ref()
                        .map(|e| self.readable(e, &nd.inputs, &nodes))
                })
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
    /// [`Error::InvalidParameter`] unless `eps > 0`; the errors of [`Graph::forward`].
    ///
    /// ```
    /// use backprop_lab::{Difference, Graph};
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
        of: Var<'_>,
        wrt: Var<'_>,
        eps: f64,
        difference: Difference,
    ) -> Result<NumericDerivative> {
        if !(eps.is_finite() && eps > 0.0) {
            return Err(Error::InvalidParameter {
                op: "Graph::numeric_derivative",
                name: "eps",
                value: eps.to_string(),
                reason: "the nudge must be a finite number > 0".into(),
            });
        }
        let base_values = self.forward()?;
        let x = base_values[wrt.id.0];
        let base = base_values[of.id.0];
        let plus = self.forward_with(Some((wrt.id, x + eps)))?[of.id.0];
        let (minus, estimate) = match difference {
            Difference::OneSided => (None, (plus - base) / eps),
            Difference::TwoSided => {
                let m = self.forward_with(Some((wrt.id, x - eps)))?[of.id.0];
                (Some(m), (plus - m) / (2.0 * eps))
            }
        };
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

    fn op_binary(&self, a: NodeId, b: NodeId, f: fn(Expr, Expr) -> Expr) -> NodeId {
        let (inputs, expr) = if a == b {
            (vec![a], f(sym(&slot(0)), sym(&slot(0))))
        } else {
            (vec![a, b], f(sym(&slot(0)), sym(&slot(1))))
        };
        self.new_op(inputs, expr)
    }

    fn new_op(&self, inputs: Vec<NodeId>, expr: Expr) -> NodeId {
        let name = format!("n{}", self.len());
        self.push(GNode {
            name,
            kind: NodeKind::Operation,
            value: 0.0,
            expr: Some(expr),
            inputs,
            consumers: 0,
            named: false,
        })
    }

    /// `f(node, c)` with a number `c`: extends an unnamed, unused operation node in
    /// place, otherwise adds a node.
    fn op_const(&self, a: NodeId, f: &dyn Fn(Expr) -> Expr) -> NodeId {
        {
            let mut nodes = self.nodes.borrow_mut();
            let n = &mut nodes[a.0];
            if n.kind == NodeKind::Operation && !n.named && n.consumers == 0 {
                let e = n.expr.take().expect("operations have an expression");
                n.expr = Some(f(e));
                return a;
            }
        }
        self.new_op(vec![a], f(sym(&slot(0))))
    }

    fn op_unary(&self, a: NodeId, f: fn(Expr) -> Expr) -> NodeId {
        self.new_op(vec![a], f(sym(&slot(0))))
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

/// One-sided `(f(x+ε) − f(x))/ε`, as the lab, or two-sided `(f(x+ε) − f(x−ε))/2ε`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// Forward difference.
    OneSided,
    /// Central difference.
    TwoSided,
}

/// The result of [`Graph::numeric_derivative`].
#[derive(Debug, Clone, PartialEq)]
pub struct NumericDerivative {
    /// The node differentiated.
    pub of: String,
    /// The node nudged.
    pub wrt: String,
    /// The nudge.
    pub eps: f64,
    /// The value of `of` un-nudged (the lab's `J`).
    pub base: f64,
    /// The value of `of` with `wrt + ε` (the lab's `J_epsilon`).
    pub plus: f64,
    /// The value with `wrt − ε`, for a two-sided difference.
    pub minus: Option<f64>,
    /// The estimate (the lab's `k`).
    pub estimate: f64,
}

impl fmt::Display for NumericDerivative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.minus {
            None => write!(
                f,
                "{} = {}, {}(+ε) = {}, d{}/d{} ≈ k = {}",
                self.of, self.base, self.of, self.plus, self.of, self.wrt, self.estimate
            ),
            Some(m) => write!(
                f,
                "{}(+ε) = {}, {}(−ε) = {}, d{}/d{} ≈ {}",
                self.of, self.plus, self.of, m, self.of, self.wrt, self.estimate
            ),
        }
    }
}

/// One edge of the backward pass: `from` feeds `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The input node.
    pub from: NodeId,
    /// The node computed from it.
    pub to: NodeId,
    /// `∂to/∂from` symbolically, over the input names (e.g. `2*a`).
    pub local_expr: Expr,
    /// `∂to/∂from` at the current values.
    pub local: f64,
    /// `∂out/∂to`, the gradient arriving from the right.
    pub upstream: f64,
    /// `local × upstream`, this edge's share of `∂out/∂from`.
    pub product: f64,
}

/// The result of [`Graph::backward`].
#[derive(Debug, Clone, PartialEq)]
pub struct Backward {
    /// The node differentiated.
    pub output: NodeId,
    names: Vec<String>,
    kinds: Vec<NodeKind>,
    exprs: Vec<Option<Expr>>,
    upstream: Vec<bool>,
    /// Every node's value.
    pub values: Vec<f64>,
    /// `∂output/∂node` for every node (0 for nodes that do not feed the output).
    pub grads: Vec<f64>,
    /// Every edge feeding the output, right to left.
    pub edges: Vec<Edge>,
}

impl Backward {
    /// A node's value.
    pub fn value(&self, v: Var<'_>) -> f64 {
        self.values[v.id.0]
    }
    /// `∂output/∂node`.
    pub fn grad(&self, v: Var<'_>) -> f64 {
        self.grads[v.id.0]
    }
    /// A node's name.
    pub fn name(&self, id: NodeId) -> &str {
        &self.names[id.0]
    }
    /// A node's kind.
    pub fn kind(&self, id: NodeId) -> NodeKind {
        self.kinds[id.0]
    }
    /// What an operation node computes, over its inputs' names.
    pub fn expr(&self, id: NodeId) -> Option<&Expr> {
        self.exprs[id.0].as_ref()
    }
    /// True if the node feeds the output.
    pub fn feeds_output(&self, id: NodeId) -> bool {
        self.upstream[id.0]
    }
    /// Node ids that feed the output, right to left.
    pub fn nodes_right_to_left(&self) -> Vec<NodeId> {
        (0..self.values.len())
            .rev()
            .filter(|&i| self.upstream[i])
            .map(NodeId)
            .collect()
    }

    /// The chain rule in words, one sentence per edge, right to left.
    ///
    /// ```
    /// use backprop_lab::lab_square_graph;
    /// let g = lab_square_graph();
    /// let back = g.backward(g.get("J")?)?;
    /// let text = back.narrate();
    /// assert!(text.contains("a small change in w changes a by 3 times that amount"));
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn narrate(&self) -> String {
        let out = self.name(self.output).to_string();
        let mut lines = Vec::new();
        for e in &self.edges {
            let (from, to) = (self.name(e.from), self.name(e.to));
            let total = self.grads[e.from.0];
            if e.to == self.output {
                lines.push(format!(
                    "a small change in {from} changes {out} by {} times that amount (∂{out}/∂{from} = {} = {}).",
                    fmt_g(e.local),
                    e.local_expr,
                    fmt_g(e.local)
                ));
            } else {
                lines.push(format!(
                    "a small change in {from} changes {to} by {} times that amount; each change in {to} moves {out} by {} times as much, so {out} moves by {} × {} = {} times the change in {from}{}.",
                    fmt_g(e.local),
                    fmt_g(e.upstream),
                    fmt_g(e.local),
                    fmt_g(e.upstream),
                    fmt_g(e.product),
                    if (e.product - total).abs() > 0.0 {
                        format!(" (with its other paths, ∂{out}/∂{from} = {})", fmt_g(total))
                    } else {
                        String::new()
                    }
                ));
            }
        }
        lines.join("\n")
    }

    /// The step table: right to left, each node with its value, each local
    /// derivative, the upstream gradient and the result.
    pub fn step_table(&self) -> String {
        let out = self.name(self.output).to_string();
        let mut rows: Vec<[String; 5]> = vec![[
            "node".into(),
            "value".into(),
            "local derivative".into(),
            format!("upstream ∂{out}/∂node"),
            "result".into(),
        ]];
        for id in self.nodes_right_to_left() {
            let name = self.name(id).to_string();
            let value = fmt_g(self.values[id.0]);
            let incoming: Vec<&Edge> = self.edges.iter().filter(|e| e.to == id).collect();
            if id == self.output && incoming.is_empty() {
                rows.push([
                    name,
                    value,
                    "—".into(),
                    "1".into(),
                    format!("∂{out}/∂{out} = 1"),
                ]);
                continue;
            }
            if incoming.is_empty() {
                rows.push([
                    name.clone(),
                    value,
                    format!("({})", kind_word(self.kind(id))),
                    "—".into(),
                    format!("∂{out}/∂{name} = {}", fmt_g(self.grads[id.0])),
                ]);
                continue;
            }
            for (k, e) in incoming.iter().enumerate() {
                let from = self.name(e.from);
                rows.push([
                    if k == 0 { name.clone() } else { String::new() },
                    if k == 0 { value.clone() } else { String::new() },
                    format!("∂{name}/∂{from} = {} = {}", e.local_expr, fmt_g(e.local)),
                    fmt_g(e.upstream),
                    format!(
                        "{} × {} = {}",
                        fmt_g(e.local),
                        fmt_g(e.upstream),
                        fmt_g(e.product)
                    ),
                ]);
            }
        }
        let widths: Vec<usize> = (0..5)
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        rows.iter()
            .map(|r| {
                r.iter()
                    .zip(&widths)
                    .map(|(cell, w)| format!("{cell:<w$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn kind_word(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Parameter => "parameter",
        NodeKind::Input => "input",
        NodeKind::Constant => "constant",
        NodeKind::Operation => "operation",
    }
}

/// Numbers as people write them: integers without `.0`, others to 6 significant digits.
pub(crate) fn fmt_g(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
        if s == "-0" {
            "0".into()
        } else {
            s
        }
    }
}

impl<'g> Var<'g> {
    /// The node's id.
    pub fn id(self) -> NodeId {
        self.id
    }

    /// The node's name.
    pub fn name(self) -> String {
        self.graph.nodes.borrow()[self.id.0].name.clone()
    }

    /// Names the node (names appear in tables and diagrams; keep them unique).
    pub fn named(self, name: &str) -> Var<'g> {
        let mut nodes = self.graph.nodes.borrow_mut();
        nodes[self.id.0].name = name.to_string();
        nodes[self.id.0].named = true;
        self
    }

    /// The node's current value (runs the forward pass).
    ///
    /// # Errors
    /// The errors of [`Graph::forward`].
    pub fn value(self) -> Result<f64> {
        Ok(self.graph.forward()?[self.id.0])
    }

    /// `selfⁿ`; local derivative `n·selfⁿ⁻¹`.
    pub fn powi(self, n: i32) -> Var<'g> {
        let id = self.graph.new_op(vec![self.id], sym(&slot(0)).powi(n));
        Var {
            graph: self.graph,
            id,
        }
    }
    /// `e^self`; local derivative `e^self`.
    pub fn exp(self) -> Var<'g> {
        let id = self.graph.op_unary(self.id, Expr::exp);
        Var {
            graph: self.graph,
            id,
        }
    }
    /// `ln self`; local derivative `1/self`.
    pub fn ln(self) -> Var<'g> {
        let id = self.graph.op_unary(self.id, Expr::ln);
        Var {
            graph: self.graph,
            id,
        }
    }
    /// `σ(self)`; local derivative `σ(self)(1 − σ(self))`.
    pub fn sigmoid(self) -> Var<'g> {
        let id = self.graph.op_unary(self.id, Expr::sigmoid);
        Var {
            graph: self.graph,
            id,
        }
    }
}

macro_rules! var_binop {
    ($tr:ident, $method:ident) => {
        impl<'g> $tr for Var<'g> {
            type Output = Var<'g>;
            fn $method(self, rhs: Var<'g>) -> Var<'g> {
                let id = self
                    .graph
                    .op_binary(self.id, rhs.id, |a, c| $tr::$method(a, c));
                Var {
                    graph: self.graph,
                    id,
                }
            }
        }
        impl<'g> $tr<f64> for Var<'g> {
            type Output = Var<'g>;
            fn $method(self, rhs: f64) -> Var<'g> {
                let id = self.graph.op_const(self.id, &|e| $tr::$method(e, num(rhs)));
                Var {
                    graph: self.graph,
                    id,
                }
            }
        }
        impl<'g> $tr<Var<'g>> for f64 {
            type Output = Var<'g>;
            fn $method(self, rhs: Var<'g>) -> Var<'g> {
                let id = rhs.graph.op_const(rhs.id, &|e| $tr::$method(num(self), e));
                Var {
                    graph: rhs.graph,
                    id,
                }
            }
        }
    };
}
var_binop!(Add, add);
var_binop!(Sub, sub);
var_binop!(Mul, mul);
var_binop!(Div, div);

impl<'g> Neg for Var<'g> {
    type Output = Var<'g>;
    fn neg(self) -> Var<'g> {
        let id = self.graph.op_const(self.id, &|e| -e);
        Var {
            graph: self.graph,
            id,
        }
    }
}

/// The lab's first graph: `w = 3`, `a = 2 + 3w`, `J = a²` (nodes `w`, `a`, `J`).
///
/// ```
/// use backprop_lab::lab_square_graph;
/// let g = lab_square_graph();
/// let back = g.backward(g.get("J")?)?;
/// assert_eq!((back.value(g.get("a")?), back.value(g.get("J")?)), (11.0, 121.0));
/// assert_eq!(back.grad(g.get("w")?), 66.0);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn lab_square_graph() -> Graph {
    let g = Graph::new();
    {
        let w = g.param("w", 3.0);
        let a = (2.0 + 3.0 * w).named("a");
        a.powi(2).named("J");
    }
    g
}

/// The lab's small network: `x = 2, w = −2, b = 8, y = 1`, `c = w x`, `a = c + b`,
/// `d = a − y`, `J = d²/2`.
///
/// ```
/// use backprop_lab::lab_small_network_graph;
/// let g = lab_small_network_graph();
/// let back = g.backward(g.get("J")?)?;
/// assert_eq!(back.value(g.get("J")?), 4.5);
/// assert_eq!(back.grad(g.get("w")?), 6.0);
/// assert_eq!(back.grad(g.get("b")?), 3.0);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn lab_small_network_graph() -> Graph {
    let g = Graph::new();
    {
        let x = g.input("x", 2.0);
        let w = g.param("w", -2.0);
        let b = g.param("b", 8.0);
        let y = g.input("y", 1.0);
        let c = (w * x).named("c");
        let a = (c + b).named("a");
        let d = (a - y).named("d");
        (d.powi(2) / 2.0).named("J");
    }
    g
}

/// A logistic neuron with squared loss,
/// `L = (y − σ(x₀w₀ + x₁w₁ + b))²`, with nodes `u0 = x0·w0`, `u1 = x1·w1`,
/// `v = u0 + u1`, `z = v + b`, `s = σ(z)`, `d = y − s`, `L = d²`.
pub fn logistic_neuron_graph(x: [f64; 2], w: [f64; 2], b: f64, y: f64) -> Graph {
    let g = Graph::new();
    {
        let x0 = g.input("x0", x[0]);
        let x1 = g.input("x1", x[1]);
        let w0 = g.param("w0", w[0]);
        let w1 = g.param("w1", w[1]);
        let bias = g.param("b", b);
        let yv = g.input("y", y);
        let u0 = (x0 * w0).named("u0");
        let u1 = (x1 * w1).named("u1");
        let v = (u0 + u1).named("v");
        let z = (v + bias).named("z");
        let s = z.sigmoid().named("s");
        let d = (yv - s).named("d");
        d.powi(2).named("L");
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::sigmoid::sigmoid;

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
}
