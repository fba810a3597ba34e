//! The lab's own graphs, built with the public API.

use crate::graph::scalar::Graph;

/// The lab's first graph: `w = 3`, `a = 2 + 3w`, `J = a²` (nodes `w`, `a`, `J`).
///
/// ```
/// use backprop_lab::graph::lab_square_graph;
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
/// use backprop_lab::graph::lab_small_network_graph;
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

/// The lab's fan-out graph: `a = 2, b = 1, c = 4`, `u = a + b`, `v = a·c`,
/// `J = u·v`. The node `a` feeds both `u` and `v`, so `∂J/∂a` adds two paths:
/// `1 · ∂J/∂u + c · ∂J/∂v = 1 · 8 + 4 · 3 = 20`.
///
/// ```
/// use backprop_lab::graph::lab_fanout_graph;
/// let g = lab_fanout_graph();
/// let back = g.backward(g.get("J")?)?;
/// assert_eq!(back.value(g.get("J")?), 24.0);
/// assert_eq!(back.grad(g.get("a")?), 20.0);
/// assert_eq!(back.grad(g.get("c")?), 6.0);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn lab_fanout_graph() -> Graph {
    let g = Graph::new();
    {
        let a = g.param("a", 2.0);
        let b = g.param("b", 1.0);
        let c = g.param("c", 4.0);
        let u = (a + b).named("u");
        let v = (a * c).named("v");
        (u * v).named("J");
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
