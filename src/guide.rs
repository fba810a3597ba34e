//! # Guide: conventions, and where each lab step lives
//!
//! This module holds no code; it is the crate's long-form documentation.
//!
//! ## Shapes
//!
//! * A layer's weights `W^l` are `(k, j)`: `k` neurons in the layer, `j` in the
//!   previous one. Row `r` of `W^l` holds every weight *into* neuron `r`, so
//!   `w_{r,c}` connects neuron `c` of layer `l−1` to neuron `r` of layer `l`.
//!   This is the walkthrough's convention and Nielsen's; it makes the forward
//!   pass `z = W a + b` transpose-free.
//! * Biases are columns `(k, 1)`.
//! * A data matrix `X` is `(N, d)`, one example per row, labels `Y` are
//!   `(N, outputs)`. Batched forward passes start from `a^0 = Xᵀ`, so every `z^l`
//!   and `a^l` in a [`BatchTrace`](crate::dense::BatchTrace) is `(k, N)`, one column per
//!   example.
//! * 3-D stacks are `(N, k, 1)`: `N` column vectors, numpy's `a.T[:, :, np.newaxis]`.
//!
//! ## Indices
//!
//! The labs number layers from 1 (`W_1` feeds the first hidden layer). Rust counts
//! from 0, so `net.weights()[0]` is `W_1`, `trace.activities[0]` is `z^1`, and
//! `trace.activations[0]` is `a^0`, the input. Names printed for learners —
//! [`Network::param_names`](crate::dense::Network::param_names), [`LayerShapes`](crate::backprop::LayerShapes)
//! — use the labs' 1-based layer numbers.
//!
//! ## Costs
//!
//! * The 1-D network ([`Net1d`](crate::net1d::Net1d)) uses the walkthrough's
//!   `C_0 = (a_3 − y)²` and its backprop keeps the factor 2 in `∂C_0/∂a_3`, so the
//!   derivatives equal the slopes of the nudge plots.
//! * Dense networks use `C = ½ ‖a^L − y‖²` per example by default, summed over a
//!   batch (the walkthrough's `cost_mse` and Nielsen's cost), whose output
//!   derivative is `a^L − y` (BP1 as the walkthrough writes it). A network may
//!   instead use the cross-entropy cost with a sigmoid or softmax output layer
//!   ([`Cost`](crate::dense::Cost), [`Network::set_output`](crate::dense::Network::set_output)),
//!   for which BP1 becomes `δ^L = a^L − y`.
//! * Training histories report the batch's mean squared error, the walkthrough's
//!   `mse`, and the batch's cost per example ([`History::cost`](crate::training::History::cost)).
//!
//! ## The walkthrough, step by step
//!
//! | lab step | here |
//! |---|---|
//! | `toy()` | [`toy`](crate::dense::toy)`(1000)` |
//! | `sigmoid`, `sigmoid_prime` | [`sigmoid`](crate::dense::sigmoid), [`sigmoid_prime`](crate::dense::sigmoid_prime), [`Activation`](crate::dense::Activation) |
//! | `node`, `simple_network` | [`Net1d::forward`](crate::net1d::Net1d::forward) |
//! | nudge of `w_3`, of `w_1` | [`nudge_sweep`](crate::net1d::nudge_sweep) with [`walkthrough_nudges`](crate::net1d::walkthrough_nudges) |
//! | `backprop_1D` exercise | [`Net1d::backprop`](crate::net1d::Net1d::backprop) |
//! | `simple_network2`, `feedforward_batch` | [`Network::forward_example`](crate::dense::Network::forward_example), [`Network::feedforward_batch`](crate::dense::Network::feedforward_batch) |
//! | bias trick | [`Network::augmented_weights`](crate::dense::Network::augmented_weights), [`Network::forward_bias_trick`](crate::dense::Network::forward_bias_trick) |
//! | linear activations collapse | [`Network::collapse_affine`](crate::dense::Network::collapse_affine) |
//! | `hadamard` | [`hadamard`](crate::tensor::hadamard) |
//! | per-neuron exercise | [`backprop_per_neuron`](crate::backprop::backprop_per_neuron) |
//! | `backprop_1_example` | [`backprop_1_example`](crate::backprop::backprop_1_example) |
//! | `make_circles` | [`make_circles`](crate::dense::make_circles) |
//! | training loop | [`train`](crate::training::train) with [`TrainConfig`](crate::training::TrainConfig) |
//! | `get_params`, `set_params`, `gradient_checking` | [`get_params`](crate::training::get_params), [`set_params`](crate::training::set_params), [`grad_check`](crate::training::grad_check) |
//! | Nielsen's `Network` | [`NielsenNetwork`](crate::training::NielsenNetwork) |
//! | `np.stack`, `T @ v`, `np.mean(R, axis=0)`, `a[:, :, np.newaxis]` | [`stack`](crate::tensor::stack), [`stack_matmul`](crate::tensor::stack_matmul), [`mean_axis0`](crate::tensor::mean_axis0), [`add_trailing_axis`](crate::tensor::add_trailing_axis) |
//! | `np.einsum` | [`einsum`](crate::tensor::einsum), and [`einsum_loops`](crate::tensor::einsum_loops) to see its loops |
//! | `backprop_batch` | [`backprop_batch`](crate::backprop::backprop_batch) |
//! | one matrix product per layer | [`backprop_gemm`](crate::backprop::backprop_gemm) |
//!
//! ## After the labs: notebook 09, the digits
//!
//! | step | here |
//! |---|---|
//! | the UCI digits, one-hot targets, a held-out test set | [`read_digits`](crate::dense::read_digits), [`one_hot`](crate::dense::one_hot), [`stratified_split`](crate::dense::stratified_split) |
//! | accuracy per epoch | [`train_with_test`](crate::train_with_test), [`plot_accuracy`](crate::plot_accuracy) |
//! | cross-entropy, softmax (Nielsen ch. 3) | [`Cost::CrossEntropy`](crate::dense::Cost::CrossEntropy), [`Activation::Softmax`](crate::dense::Activation::Softmax) |
//! | `N(0, 1/n_in)` weights (Nielsen ch. 3) | [`Init::Scaled`](crate::dense::Init::Scaled) |
//! | per-layer gradient norms (Nielsen ch. 5) | [`History::grad_norms`](crate::training::History::grad_norms), [`plot_layer_gradients`](crate::plot_layer_gradients) |
//! | the network's mistakes | [`confusion_matrix`](crate::dense::confusion_matrix), [`plot_confusion`](crate::plot_confusion), [`plot_images`](crate::plot_images) |
//!
//! ## The computation-graph lab, MiniFlow and the CS109 exercise
//!
//! | lab step | here |
//! |---|---|
//! | `J = (2+3w)²`, the small network `c = wx, a = c+b, d = a−y, J = d²/2` | [`lab_square_graph`](crate::graph::lab_square_graph), [`lab_small_network_graph`](crate::graph::lab_small_network_graph), or build your own [`Graph`](crate::graph::Graph) |
//! | forward values, backprop right to left | [`Graph::backward`](crate::graph::Graph::backward), [`Backward::step_table`](crate::graph::Backward::step_table), [`Backward::narrate`](crate::graph::Backward::narrate) |
//! | "arithmetically" with `epsilon = 0.001` | [`Graph::numeric_derivative`](crate::graph::Graph::numeric_derivative) with [`Difference::OneSided`](crate::graph::Difference::OneSided) |
//! | SymPy's `symbols`, `diff`, `subs` | [`sym`](crate::graph::sym), [`Expr::diff`](crate::graph::Expr::diff), [`Expr::subs`](crate::graph::Expr::subs), [`Expr::to_latex`](crate::graph::Expr::to_latex) |
//! | fill in the boxes | [`check_quiz`](crate::graph::check_quiz) with [`Answer`](crate::graph::Answer)s |
//! | MiniFlow `Input`, `Linear`, `Sigmoid`, `MSE` | [`MiniFlow`](crate::miniflow::MiniFlow) |
//! | `topological_sort`, `forward_and_backward` | [`MiniFlow::topological_sort`](crate::miniflow::MiniFlow::topological_sort), [`MiniFlow::forward_and_backward`](crate::miniflow::MiniFlow::forward_and_backward) |
//! | the `Sigmoid.backward` exercise | [`miniflow_sigmoid_backward`](crate::miniflow::miniflow_sigmoid_backward) |
//! | CS109 `neural_network`, `dadw`, `dhda`, `dyda`, `dadh`, `dldy`, `dldw` | [`sin_network`](crate::sin_chain::sin_network), [`dadw`](crate::sin_chain::dadw), [`dhda`](crate::sin_chain::dhda), [`dyda`](crate::sin_chain::dyda), [`dadh`](crate::sin_chain::dadh), [`dldy`](crate::sin_chain::dldy), [`dldw`](crate::sin_chain::dldw) |
//! | `backprop.csv` (not available) | [`sin_chain_data`](crate::sin_chain::sin_chain_data), shipped as `notebooks/data/backprop.csv` |
//!
//! ## Randomness
//!
//! Every random draw comes from a [`SeededRng`](crate::io::SeededRng) made by
//! [`seeded_rng`](crate::io::seeded_rng)`(seed)`. The labs use numpy's global
//! generator, so their random numbers cannot be reproduced; our notebooks fix
//! seeds instead, and every figure and number is the same on every run.
