//! The result of a backward pass: values, gradients, and every edge's share.

use std::fmt;

use crate::error::{Error, Result};
use crate::graph::handle::{NodeId, NodeKind, Var};
use crate::graph::symbolic::Expr;
use crate::show::{shown_as_table, Table, Tabular};

/// One-sided `(f(x+ε) − f(x))/ε`, as the lab, or two-sided `(f(x+ε) − f(x−ε))/2ε`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// Forward difference.
    OneSided,
    /// Central difference.
    TwoSided,
}

/// The result of `Graph::numeric_derivative`.
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

/// The result of `Graph::backward`.
#[derive(Debug, Clone, PartialEq)]
///
/// Its fields are read through methods, so that the values, gradients, names
/// and edges always describe the same graph.
pub struct Backward {
    /// The identity of the graph it was computed on.
    pub(crate) graph: usize,
    /// The node differentiated.
    pub(crate) output: NodeId,
    pub(crate) names: Vec<String>,
    pub(crate) kinds: Vec<NodeKind>,
    pub(crate) exprs: Vec<Option<Expr>>,
    pub(crate) upstream: Vec<bool>,
    /// Every node's value.
    pub(crate) values: Vec<f64>,
    /// `∂output/∂node` for every node (0 for nodes that do not feed the output).
    pub(crate) grads: Vec<f64>,
    /// Every edge feeding the output, right to left.
    pub(crate) edges: Vec<Edge>,
}

impl Backward {
    /// The index of `v` in this result, if `v` is a node of the graph it was computed on.
    fn index(&self, v: Var) -> Option<usize> {
        (v.graph_key() == self.graph && v.id().index < self.values.len()).then_some(v.id().index)
    }

    /// A node's value; NaN for a handle of another graph (see [`Backward::try_value`]).
    pub fn value(&self, v: Var) -> f64 {
        self.index(v).map_or(f64::NAN, |i| self.values[i])
    }

    /// `∂output/∂node`; NaN for a handle of another graph (see [`Backward::try_grad`]).
    pub fn grad(&self, v: Var) -> f64 {
        self.index(v).map_or(f64::NAN, |i| self.grads[i])
    }

    /// A node's value.
    ///
    /// # Errors
    /// [`Error::Graph`] if `v` is not a node of the graph this was computed on.
    pub fn try_value(&self, v: Var) -> Result<f64> {
        self.index(v)
            .map(|i| self.values[i])
            .ok_or_else(|| self.foreign("Backward::try_value", v))
    }

    /// `∂output/∂node`.
    ///
    /// # Errors
    /// [`Error::Graph`] if `v` is not a node of the graph this was computed on.
    pub fn try_grad(&self, v: Var) -> Result<f64> {
        self.index(v)
            .map(|i| self.grads[i])
            .ok_or_else(|| self.foreign("Backward::try_grad", v))
    }

    fn foreign(&self, op: &'static str, v: Var) -> Error {
        Error::Graph {
            op,
            detail: format!(
                "'{}' is not a node of the graph this backward pass ran on (nodes {})",
                v.name(),
                self.names
                    .iter()
                    .take(6)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// The node differentiated.
    pub fn output(&self) -> NodeId {
        self.output
    }
    /// Every node's value, in id order.
    pub fn values(&self) -> &[f64] {
        &self.values
    }
    /// `∂output/∂node` for every node, in id order (0 for nodes that do not feed the output).
    pub fn grads(&self) -> &[f64] {
        &self.grads
    }
    /// Every edge feeding the output, right to left.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }
    /// The position of `id` in this result's lists, if it is an id of the graph
    /// this was computed on (an id another graph handed out is refused).
    fn slot(&self, id: NodeId) -> Option<usize> {
        (id.graph == self.graph && id.index < self.values.len()).then_some(id.index)
    }
    /// A node's name; `None` for an id of another graph.
    pub fn name(&self, id: NodeId) -> Option<&str> {
        self.slot(id).map(|i| self.names[i].as_str())
    }
    /// The name of a node this result holds (ids from its own edges and loops).
    pub(crate) fn name_of(&self, id: NodeId) -> &str {
        self.name(id).unwrap_or("?")
    }
    /// A node's kind; `None` for an id of another graph.
    pub fn kind(&self, id: NodeId) -> Option<NodeKind> {
        self.slot(id).map(|i| self.kinds[i])
    }
    /// What an operation node computes, over its inputs' names; `None` for a
    /// leaf and for an id of another graph.
    pub fn expr(&self, id: NodeId) -> Option<&Expr> {
        self.slot(id).and_then(|i| self.exprs[i].as_ref())
    }
    /// True if the node feeds the output (false for an id of another graph).
    pub fn feeds_output(&self, id: NodeId) -> bool {
        self.slot(id).is_some_and(|i| self.upstream[i])
    }
    /// Node ids that feed the output, right to left.
    pub fn nodes_right_to_left(&self) -> Vec<NodeId> {
        (0..self.values.len())
            .rev()
            .filter(|&i| self.upstream[i])
            .map(|i| NodeId::new(self.graph, i))
            .collect()
    }

    /// The chain rule in words, one sentence per edge, right to left.
    ///
    /// ```
    /// use backprop_lab::graph::lab_square_graph;
    /// let g = lab_square_graph();
    /// let back = g.backward(g.get("J")?)?;
    /// let text = back.narrate();
    /// assert!(text.contains("a small change in w changes a by 3 times that amount"));
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn narrate(&self) -> String {
        let out = self.name_of(self.output).to_string();
        let mut lines = Vec::new();
        for e in &self.edges {
            let (from, to) = (self.name_of(e.from), self.name_of(e.to));
            let total = self.grads[e.from.index];
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
        self.table().text()
    }

    fn step_rows(&self) -> Vec<[String; 5]> {
        let out = self.name_of(self.output).to_string();
        let mut rows: Vec<[String; 5]> = Vec::new();
        for id in self.nodes_right_to_left() {
            let name = self.name_of(id).to_string();
            let value = fmt_g(self.values[id.index]);
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
                    format!("({})", kind_word(self.kinds[id.index])),
                    "—".into(),
                    format!("∂{out}/∂{name} = {}", fmt_g(self.grads[id.index])),
                ]);
                continue;
            }
            for (k, e) in incoming.iter().enumerate() {
                let from = self.name_of(e.from);
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
        rows
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

impl Tabular for Backward {
    /// The step table: a title row, then node, value, local derivative, upstream, result.
    fn table(&self) -> Table {
        let out = self.name_of(self.output).to_string();
        let upstream = format!("upstream ∂{out}/∂node");
        let mut t = Table::new(
            format!("Backward pass from {out}, right to left"),
            &[
                "node",
                "value",
                "local derivative",
                upstream.as_str(),
                "result",
            ],
        );
        for r in self.step_rows() {
            t.row(r.to_vec());
        }
        t
    }
}

shown_as_table!(Backward, "the step table");
