//! Nodes and their handles: a graph's storage, the operators that add nodes,
//! and the forward evaluation they share.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::error::{Error, Result};
use crate::graph::symbolic::{num, sym, Expr};

/// The id of a node in its `Graph`; ids count up in creation order.
///
/// Only a graph hands out ids (through [`Var::id`], `Graph::nodes`, a backward
/// pass's edges), and each id remembers its graph: given to another graph, it is
/// refused (`Graph::var` returns an error; a backward pass's lookups return
/// `None`) rather than read as that graph's node of the same number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    /// The graph's identity (its storage's address).
    pub(crate) graph: usize,
    /// The position in creation order.
    pub(crate) index: usize,
}

impl NodeId {
    pub(crate) fn new(graph: usize, index: usize) -> NodeId {
        NodeId { graph, index }
    }

    /// The node's position in its graph, counting from 0 in creation order
    /// (the order of `Graph::nodes`).
    pub fn index(self) -> usize {
        self.index
    }
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NodeId({})", self.index)
    }
}

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

/// Operations with a plain number extend an unnamed node in place while its
/// expression has at most this many parts; beyond it they add a node. This keeps
/// every node's expression small, so repeated `v = v * c` builds a chain of
/// nodes (walked by loops) rather than one deep expression (walked by recursion).
const MAX_FUSED_SIZE: usize = 24;

/// The largest number of nodes a graph may hold, a ceiling far above any lab's
/// graph; an operation past it is recorded as an error.
pub const MAX_GRAPH_NODES: usize = 1 << 22;

#[derive(Debug, Clone)]
pub(crate) struct GNode {
    pub(crate) name: String,
    pub(crate) kind: NodeKind,
    /// Leaves: their value. Operations: unused.
    pub(crate) value: f64,
    /// Operations: the expression over slot symbols `$0, $1, …` naming `inputs`.
    pub(crate) expr: Option<Expr>,
    pub(crate) inputs: Vec<NodeId>,
    pub(crate) consumers: usize,
    pub(crate) named: bool,
    /// Set when the operation that made this node failed (handles of two graphs):
    /// evaluating the node reports it.
    pub(crate) failed: Option<String>,
}

/// A graph's storage. It is never freed, so its address is the graph's identity
/// for as long as the program runs; dropping the [`Graph`] frees the nodes and
/// marks the storage dead, so only this small header stays behind.
#[derive(Debug, Default)]
pub(crate) struct Core {
    pub(crate) nodes: RefCell<Vec<GNode>>,
    /// The first error an operator could not return, reported (and cleared) by
    /// the graph's next fallible call.
    pub(crate) pending: RefCell<Option<String>>,
    pub(crate) dropped: Cell<bool>,
}

impl Core {
    pub(crate) fn leak() -> &'static Core {
        Box::leak(Box::default())
    }

    pub(crate) fn len(&self) -> usize {
        self.nodes.borrow().len()
    }

    /// The graph's identity: the storage's address, unique while the program runs.
    pub(crate) fn key(&self) -> usize {
        self as *const Core as usize
    }

    pub(crate) fn name_of(&self, id: NodeId) -> Option<String> {
        self.nodes.borrow().get(id.index).map(|n| n.name.clone())
    }

    /// "the graph of w, a, J" — how messages tell two graphs apart.
    pub(crate) fn describe(&self) -> String {
        if self.dropped.get() {
            return "a graph that was dropped".into();
        }
        let nodes = self.nodes.borrow();
        let names: Vec<&str> = nodes
            .iter()
            .filter(|n| n.named)
            .map(|n| n.name.as_str())
            .take(5)
            .collect();
        let more = if nodes.iter().filter(|n| n.named).count() > 5 {
            ", …"
        } else {
            ""
        };
        if names.is_empty() {
            format!("a graph of {} unnamed nodes", nodes.len())
        } else {
            format!("the graph of {}{more}", names.join(", "))
        }
    }

    pub(crate) fn push(&'static self, node: GNode) -> Var {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.len() >= MAX_GRAPH_NODES {
            drop(nodes);
            self.record(format!(
                "the graph already holds {MAX_GRAPH_NODES} nodes, the most a graph may hold; '{}' was not added",
                node.name
            ));
            return Var {
                core: self,
                id: NodeId::new(self.key(), usize::MAX),
            };
        }
        for &i in &node.inputs {
            if let Some(n) = nodes.get_mut(i.index) {
                n.consumers += 1;
            }
        }
        nodes.push(node);
        Var {
            core: self,
            id: NodeId::new(self.key(), nodes.len() - 1),
        }
    }

    /// Forward pass with one node's value forced (for numerical derivatives).
    pub(crate) fn forward_with(
        &self,
        op: &'static str,
        forced: Option<(NodeId, f64)>,
    ) -> Result<Vec<f64>> {
        let nodes = self.nodes.borrow();
        let mut values = Vec::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            if let Some(msg) = &n.failed {
                return Err(Error::Graph {
                    op,
                    detail: format!("node '{}' could not be made: {msg}", n.name),
                });
            }
            let v = match (forced, &n.expr) {
                (Some((id, v)), _) if id.index == i => v,
                (_, None) => n.value,
                (_, Some(e)) => {
                    let lookup = |s: &str| {
                        s.strip_prefix('$')
                            .and_then(|k| k.parse::<usize>().ok())
                            .and_then(|k| n.inputs.get(k))
                            .and_then(|id| values.get(id.index).copied())
                    };
                    let v = e.eval_as(op, &lookup).map_err(|err| Error::Domain {
                        op,
                        detail: format!(
                            "node '{}' = {}: {}",
                            n.name,
                            readable(e, &n.inputs, &nodes),
                            match err {
                                Error::Domain { detail, .. } => detail,
                                other => other.to_string(),
                            }
                        ),
                    })?;
                    if !v.is_finite() {
                        return Err(Error::Domain {
                            op,
                            detail: format!(
                                "node '{}' = {} is {v}",
                                n.name,
                                readable(e, &n.inputs, &nodes)
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

    /// Reports (and clears) an error an operator recorded, then checks that each
    /// handle is a node of this graph.
    pub(crate) fn check(&'static self, op: &'static str, handles: &[(&str, Var)]) -> Result<()> {
        if let Some(msg) = self.pending.borrow_mut().take() {
            return Err(Error::Graph {
                op,
                detail: format!("an earlier operation on this graph failed: {msg}"),
            });
        }
        for (what, v) in handles {
            let problem = if !std::ptr::eq(v.core, self) {
                format!(
                    "belongs to {}, not to this graph ({})",
                    v.core.describe(),
                    self.describe()
                )
            } else if self.dropped.get() {
                "belongs to a graph that was dropped".to_string()
            } else if v.id.index >= self.len() {
                format!(
                    "is not a node: an earlier operation could not add it ({})",
                    self.describe()
                )
            } else {
                continue;
            };
            return Err(Error::Graph {
                op,
                detail: format!("{what} '{}' {problem}", v.name()),
            });
        }
        Ok(())
    }

    pub(crate) fn record(&self, message: String) {
        let mut p = self.pending.borrow_mut();
        if p.is_none() {
            *p = Some(message);
        }
    }
}

/// A handle on a node of a `Graph`: the node's id and the graph's identity.
/// Cheap to copy; combine with operators.
#[derive(Clone, Copy)]
pub struct Var {
    pub(crate) core: &'static Core,
    pub(crate) id: NodeId,
}

impl fmt::Debug for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Var({} = {:?})", self.name(), self.id)
    }
}

impl fmt::Display for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

pub(crate) fn slot(k: usize) -> String {
    format!("${k}")
}

/// A long name cut for messages.
pub(crate) fn short(name: &str) -> String {
    if name.chars().count() > 60 {
        format!("{}…", name.chars().take(60).collect::<String>())
    } else {
        name.to_string()
    }
}

/// An expression over slots rewritten over the input nodes' names.
pub(crate) fn readable(e: &Expr, inputs: &[NodeId], nodes: &[GNode]) -> Expr {
    let names: Vec<(String, String)> = inputs
        .iter()
        .enumerate()
        .map(|(k, id)| {
            (
                slot(k),
                nodes.get(id.index).map_or("?".into(), |n| n.name.clone()),
            )
        })
        .collect();
    let pairs: Vec<(&str, &str)> = names
        .iter()
        .map(|(a, c)| (a.as_str(), c.as_str()))
        .collect();
    e.rename(&pairs)
}

impl Var {
    /// The graph's identity, compared by [`Backward`].
    pub(crate) fn graph_key(self) -> usize {
        self.core.key()
    }

    /// The node's id.
    pub fn id(self) -> NodeId {
        self.id
    }

    /// The node's name (`"?"` if its graph was dropped or the node could not be made).
    pub fn name(self) -> String {
        self.core.name_of(self.id).unwrap_or_else(|| "?".into())
    }

    /// Names the node (names appear in tables and diagrams; keep them unique).
    pub fn named(self, name: &str) -> Var {
        if let Some(n) = self.core.nodes.borrow_mut().get_mut(self.id.index) {
            n.name = name.to_string();
            n.named = true;
        }
        self
    }

    /// The node's current value (runs the forward pass).
    ///
    /// # Errors
    /// The errors of `Graph::forward`; [`Error::Graph`] if the graph was dropped.
    pub fn value(self) -> Result<f64> {
        const OP: &str = "Var::value";
        self.core.check(OP, &[("the node", self)])?;
        let values = self.core.forward_with(OP, None)?;
        Ok(values[self.id.index])
    }

    /// A new operation node over `inputs` computing `expr` (over slots).
    fn op(self, inputs: Vec<NodeId>, expr: Expr) -> Var {
        if self.core.dropped.get() || inputs.iter().any(|i| i.index >= self.core.len()) {
            Var {
                core: self.core,
                id: NodeId::new(self.core.key(), usize::MAX),
            }
        } else {
            let name = format!("n{}", self.core.len());
            self.core.push(GNode {
                name,
                kind: NodeKind::Operation,
                value: 0.0,
                expr: Some(expr),
                inputs,
                consumers: 0,
                named: false,
                failed: None,
            })
        }
    }

    /// `f(self, c)` with a number `c`: extends an unnamed, unused operation node in
    /// place while its expression is small, otherwise adds a node.
    fn op_const(self, f: &dyn Fn(Expr) -> Expr) -> Var {
        {
            let mut nodes = self.core.nodes.borrow_mut();
            if let Some(n) = nodes.get_mut(self.id.index) {
                let small = n.expr.as_ref().is_some_and(|e| e.size() < MAX_FUSED_SIZE);
                if n.kind == NodeKind::Operation
                    && !n.named
                    && n.consumers == 0
                    && small
                    && n.failed.is_none()
                {
                    let e = n.expr.take().expect("checked above");
                    n.expr = Some(f(e));
                    return self;
                }
            }
        }
        self.op(vec![self.id], f(sym(&slot(0))))
    }

    fn op_binary(self, rhs: Var, symbol: &str, f: fn(Expr, Expr) -> Expr) -> Var {
        if !std::ptr::eq(self.core, rhs.core) {
            let msg = format!(
                "'{}' {symbol} '{}' combines handles of two graphs: '{}' belongs to {}, '{}' to {}",
                self.name(),
                rhs.name(),
                self.name(),
                self.core.describe(),
                rhs.name(),
                rhs.core.describe()
            );
            self.core.record(msg.clone());
            rhs.core.record(msg.clone());
            let v = self.op(vec![self.id], sym(&slot(0)));
            if let Some(n) = self.core.nodes.borrow_mut().get_mut(v.id.index) {
                n.failed = Some(msg);
            }
            return v;
        }
        if self.id == rhs.id {
            self.op(vec![self.id], f(sym(&slot(0)), sym(&slot(0))))
        } else {
            self.op(vec![self.id, rhs.id], f(sym(&slot(0)), sym(&slot(1))))
        }
    }

    /// `selfⁿ`; local derivative `n·selfⁿ⁻¹`.
    pub fn powi(self, n: i32) -> Var {
        self.op(vec![self.id], sym(&slot(0)).powi(n))
    }
    /// `e^self`; local derivative `e^self`.
    pub fn exp(self) -> Var {
        self.op(vec![self.id], sym(&slot(0)).exp())
    }
    /// `ln self`; local derivative `1/self`.
    pub fn ln(self) -> Var {
        self.op(vec![self.id], sym(&slot(0)).ln())
    }
    /// `σ(self)`; local derivative `σ(self)(1 − σ(self))`.
    pub fn sigmoid(self) -> Var {
        self.op(vec![self.id], sym(&slot(0)).sigmoid())
    }
}

macro_rules! var_binop {
    ($tr:ident, $method:ident, $symbol:literal) => {
        impl $tr for Var {
            type Output = Var;
            fn $method(self, rhs: Var) -> Var {
                self.op_binary(rhs, $symbol, |a, c| $tr::$method(a, c))
            }
        }
        impl $tr<f64> for Var {
            type Output = Var;
            fn $method(self, rhs: f64) -> Var {
                self.op_const(&|e| $tr::$method(e, num(rhs)))
            }
        }
        impl $tr<Var> for f64 {
            type Output = Var;
            fn $method(self, rhs: Var) -> Var {
                rhs.op_const(&|e| $tr::$method(num(self), e))
            }
        }
    };
}
var_binop!(Add, add, "+");
var_binop!(Sub, sub, "-");
var_binop!(Mul, mul, "*");
var_binop!(Div, div, "/");

impl Neg for Var {
    type Output = Var;
    fn neg(self) -> Var {
        self.op_const(&|e| -e)
    }
}
