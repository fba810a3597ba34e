//! # Guide: conventions, and where each lab step lives
//!
//! This module holds no code; it is the crate's long-form documentation.
//!
//! ## One notation for the course
//!
//! Each notebook opens with a "Notation carried in / changed here" box. This
//! is the whole course in one table. Notebooks 01, 03 and 07 keep their source
//! lab's own letters; from notebook 04 on, one notation holds.
//!
//! | notebook | before / after the activation | weights | examples | cost |
//! |---|---|---|---|---|
//! | 00 Rust primer | no network yet | `w[[j, k]]`: row `j`, column `k`, both from 0 | — | — |
//! | 01 computation graph | named nodes: `c = w x`, `a = c + b` (`a` is a linear node) | scalars `w`, `b` | one | `J = (2 + 3w)²`, then `J = ½ d²` |
//! | 02 autograd engine | the nodes of a scalar `Graph`, as in 01 | scalars | one | the graph's output node |
//! | 03 chain rule (CS109) | `a₁ = x w₁` before, `h₁ = sin a₁` after | scalars `w₁`, `w₂`, no biases | `N = 200` points | `L`: the **mean** of `(ŷ − y)²`, no ½ |
//! | 04 forward pass | `z` before, `a = σ(z)` after | `W^l`, `(n_l, n_{l−1})` | `X` is `(N, d)`, rows; `A^l` is `(n_l, N)`, columns | `C₀ = (a₃ − y)²`; the mean over the data |
//! | 05 nudges, 1-D backprop | as 04; `w₃ = wᴸ`, `w₂ = wᴸ⁻¹` | scalars `w_i`, `b_i`, `L = 3` | one | `C₀ = (aᴸ − y)²`, so `∂C₀/∂aᴸ = 2(aᴸ − y)` |
//! | 06 backprop network | as 04; `δ^l = ∂C/∂z^l` | `W^l`, `w_{j,k}` | one at a time, columns | `½‖aᴸ − y‖²` per example, summed over a batch; the step divides by `m` |
//! | 07 MiniFlow | nodes `Linear`, `Sigmoid` | `W` is `(in, out)`: `F = X W + b` | `X` is `(m, n)`, rows | `MSE`: the **mean** of `(y − a)²`, no ½ |
//! | 08 tensors, einsum | as 06; stacks `(N, k, 1)`; `Δ^l` is `(n_l, N)` | `W^l`, `w_{j,k}` | rows in `X`, columns in `A^l` | as 06 |
//! | 09 digits | as 06 | `W^l` | rows in `X` | `½‖a − y‖²`, or cross-entropy |
//!
//! The bridges between them:
//!
//! * **Rows against columns.** Data files and `X` hold one example per row,
//!   `(N, d)`; inside a network, from notebook 04 on, each example is a column,
//!   so a batched forward pass starts from `A⁰ = Xᵀ`. MiniFlow (07) keeps rows
//!   throughout and so writes `X W + b` with `W` of shape `(in, out)`, the
//!   transpose of `W^l`.
//! * **One weight gradient, three ways of writing it.** MiniFlow's `Xᵀ G`
//!   (07), the per-example `δ aᵀ` of BP4 summed over a batch (06), and `Δ Aᵀ`
//!   (08) are the same matrix: with `X = (A^{l−1})ᵀ` and `G = (Δ^l)ᵀ`,
//!   `Xᵀ G = (Δ^l (A^{l−1})ᵀ)ᵀ = (Σ_n δ_n a_nᵀ)ᵀ`. The transpose is only
//!   MiniFlow's `(in, out)` layout; the scale of `G` depends on the cost.
//! * **`(a − y)²` against `½‖a − y‖²`.** Notebooks 04 and 05 keep the
//!   walkthrough's `(a − y)²`, whose derivative `2(a − y)` makes backprop's
//!   numbers equal the nudge plots' slopes. From notebook 06 on the cost has a
//!   ½, which cancels the 2: BP1 reads `δᴸ = (aᴸ − y) ⊙ σ′(zᴸ)`.
//! * **Sum against mean.** A batch's gradient is the sum of the examples'
//!   gradients ([`backprop_batch`](crate::backprop::backprop_batch),
//!   [`backprop_gemm`](crate::backprop::backprop_gemm)); a gradient-descent step divides
//!   it by the batch size `m`, so it follows the mean cost. The CS109 loss (03)
//!   and MiniFlow's `MSE` (07) are means from the start.
//! * **Indices.** `j` runs over the neurons of the current layer `l`, `k` over
//!   those of layer `l−1`; `L` is the number of weight layers (the input is
//!   layer 0), except in 03, where `L` is the loss.
//!
//! ## Shapes
//!
//! * A layer's weights `W^l` are `(n_l, n_{l−1})`: `n_l` neurons in the layer,
//!   `n_{l−1}` in the previous one. Row `j` of `W^l` holds every weight *into*
//!   neuron `j`, so `w_{j,k}` connects neuron `k` of layer `l−1` to neuron `j`
//!   of layer `l`. This is the walkthrough's convention and Nielsen's; it makes
//!   the forward pass `z = W a + b` transpose-free.
//! * Biases are columns `(n_l, 1)`.
//! * A data matrix `X` is `(N, d)`, one example per row, labels `Y` are
//!   `(N, outputs)`. Batched forward passes start from `a^0 = Xᵀ`, so every `z^l`
//!   and `a^l` in a [`BatchTrace`](crate::dense::BatchTrace) is `(n_l, N)`, one column
//!   per example.
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
