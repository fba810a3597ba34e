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
//! [`linspace`]), the costs ([`mse`], [`half_sse`], and [`Cost`], the one a
//! network trains on), and real data after the
//! labs: the UCI handwritten digits ([`read_digits`]) with the helpers of
//! classification ([`one_hot`], [`stratified_split`], [`predict_classes`],
//! [`accuracy`], [`confusion_matrix`]).

pub(crate) mod activation;
pub(crate) mod cost;
pub(crate) mod data;
pub(crate) mod digits;
pub(crate) mod network;
pub(crate) mod params;

pub use activation::{sigmoid, sigmoid_prime, Activation};
pub use cost::{half_sse, mse, Cost};
pub use data::{linspace, make_circles, make_moons, toy};
pub use digits::{
    accuracy, confusion_matrix, from_one_hot, one_hot, predict_classes, read_digits,
    stratified_split, Digits, DIGIT_CLASSES, DIGIT_PIXELS,
};
pub use network::{frobenius, BatchTrace, ExampleTrace, Init, Layer, Network};
