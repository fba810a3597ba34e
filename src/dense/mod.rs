//! Lab 04: dense networks and their forward pass.
//!
//! A [`Network`] is a list of [`Layer`]s, each `a^l = f(W^l a^{l-1} + b^l)` with
//! its own [`Activation`]. The walkthrough's conventions hold throughout:
//!
//! * `W^l` is `(k, j)`: row `j` of the text's `w_{jk}` is the neuron, column `k`
//!   the input, so `z^l = W^l a^{l-1} + b^l` with column vectors;
//! * a batch `X` is `(N, d)`, one example per row (what CSV files and numpy hold);
//! * layers are numbered from 1 in messages and docs, from 0 in Rust indices.
//!
//! Also here: the data sets the labs train on ([`toy`], [`make_circles`],
//! [`linspace`]) and the costs ([`mse`], [`half_sse`]).

pub(crate) mod activation;
pub(crate) mod cost;
pub(crate) mod data;
pub(crate) mod network;

pub use activation::Activation;
pub use cost::{half_sse, mse};
pub use data::{linspace, make_circles, toy};
pub use network::{frobenius, BatchTrace, ExampleTrace, Init, Layer, Network};
