//! The labs' exercises and the checks that mark them.
//!
//! A notebook leaves a function for the learner to write, then hands it to its
//! `check_*` function. The check runs the learner's code on every case (the
//! lab's own numbers, cases chosen so that each known mistake gives different
//! numbers, and seeded random ones), compares each quantity's shape and then
//! its values with the crate's reference, and returns a [`CheckReport`] with
//! one of three verdicts:
//!
//! * **not started**: the code still reaches the stub's `todo!`; the report
//!   says what to write, and nothing about mistakes;
//! * **right** on all N cases;
//! * **wrong**: which quantities are right and which are wrong (expected, got
//!   and the largest difference), and where to look. A value that is not a
//!   finite number is always wrong.
//!
//! **How a mistake is named.** Each check models its exercise as steps (BP1,
//! BP2 for each layer, a graph's boxes, ...) and knows kinds of mistake at
//! places: a dropped σ′, a flipped sign, a transpose, a constant carried over
//! from another notebook. It computes what each single slip, each kind made at
//! every place, and each pair would give, and names one only when it explains
//! the learner's outputs on *every* case, panics included (a transposed W
//! panics where the layers differ in size and gives wrong numbers where they
//! are square). [`CheckReport::mistake`] gives the name with its place,
//! e.g. "forgot σ′ in BP2 (layer 1)". In the report the name sits behind a
//! ladder of hints: [`CheckReport::hint`] reveals the mistake, then the
//! equation, then a worked value from the lab's case. When nothing explains
//! every case, the report says so and shows where the first difference is;
//! a shape that differs, a value that is not a number or a panic is described
//! in the learner's own quantities.
//!
//! A panic in the learner's code, `todo!` included, never escapes a check.
//! Later cells call [`CheckReport::choose`] to use the learner's function once it
//! is right and the crate's reference until then, so "Run All" always reaches
//! the end of the notebook.
//!
//! | lab | exercise | check |
//! |---|---|---|
//! | 00 Rust primer | `outer_loop`, `w[[j, k]] = δ[j]·a[k]` in two loops | [`check_outer_loop`] |
//! | 00 Rust primer | `elementwise`, `(a − y) ⊙ a ⊙ (1 − a)` with `mapv` | [`check_elementwise`] |
//! | 01 computation graphs | the boxes of `J = (2 + 3w)²` | [`check_square_boxes`] |
//! | 01 computation graphs | the boxes of the small network | [`check_network_boxes`] |
//! | 01 computation graphs | the boxes of the fan-out graph `J = (a + b)·(a·c)` | [`check_fanout_boxes`] |
//! | 02 autograd engine | `apply_op`, each op's value and local derivatives | [`check_ops`] |
//! | 02 autograd engine | one more op of your choice, `f` and `df` | [`check_own_op`] |
//! | 02 autograd engine | `topo_order`, each node after its inputs | [`check_topo_order`] |
//! | 02 autograd engine | `backward`, seed 1 and accumulate in reverse order | [`check_backward`] |
//! | 02 autograd engine | `zero_grad`, between two backward passes | [`check_zero_grad`] |
//! | 03 CS109 | `act`, `der_act` | [`check_activation`] |
//! | 03 CS109 | `dadw`, `dhda`, `dyda`, `dadh` | [`check_local_partials`] |
//! | 03 CS109 | `dldy` | [`check_dldy`] |
//! | 03 CS109 | `dldw`, the chain | [`check_dldw`] |
//! | 04 forward pass | `forward`, one example through the layers | [`check_forward`] |
//! | 04 forward pass | `feedforward_batch`, a whole batch at once | [`check_feedforward_batch`] |
//! | 05 1-D backprop | `backprop_1d`, BP1–BP4 in scalars | [`check_backprop_1d`] |
//! | 06 backprop in a network | `dc_db`, `∂C0/∂b^L_j` of the last layer | [`check_bias_gradient`] |
//! | 06 backprop in a network | `backprop_neurons`, loops over neurons | [`check_backprop_per_neuron`] |
//! | 06 backprop in a network | `backprop_vector`, one example in vector form | [`check_backprop_vector`] |
//! | 06 gradient checking | `flatten`, the walkthrough's `get_params` | [`check_flatten`] |
//! | 06 gradient checking | `unflatten`, the walkthrough's `set_params` | [`check_unflatten`] |
//! | 06 gradient checking | `numerical_grad`, two-sided differences | [`check_numerical_gradient`] |
//! | 06 training | `update_step`, the mini-batch step `train` takes | [`check_update_step`] |
//! | 07 MiniFlow | `Sigmoid.backward`, plugged into the graph | [`check_sigmoid_backward`] |
//! | 07 MiniFlow | `Linear.backward` (stretch), plugged into the graph | [`check_linear_backward`] |
//! | 08 einsum | the subscripts for four loop nests | [`check_einsum_subscripts`] |
//! | 08 einsum | the loops for `'nij,nj->ni'` | [`check_einsum_loops`] |
//! | 08 batched backprop | `backprop_stacks`, BP1–BP4 on 3-D stacks | [`check_backprop_stacks`] |
//! | 08 batched backprop | `layer_gradients`, ΔAᵀ and Δ·𝟏 in one product each | [`check_product_gradients`] |
//! | 09 digits | `one_hot`, targets from labels | [`check_one_hot`] |
//! | 09 digits | `accuracy`, the share classified right | [`check_accuracy`] |
//! | 09 digits | `output_error`, δᴸ of softmax with cross-entropy | [`check_output_error`] |
//!
//! ```
//! use backprop_lab::exercises::{check_dldy, Verdict};
//! // A learner's first attempt, and the check's answer: two slips at once.
//! let report = check_dldy(|y_pred, y| y - y_pred);
//! assert!(matches!(report.verdict, Verdict::Wrong(_)));
//! assert_eq!(
//!     report.mistake(),
//!     Some("sign flipped; and dropped the factor 2 of (ŷ − y)²")
//! );
//! let report = check_dldy(|y_pred, y| 2.0 * (y - y_pred));
//! assert_eq!(report.mistake(), Some("sign flipped"));
//! // The hint ladder starts with the name.
//! assert!(report.hint().text.contains("sign flipped"));
//! ```

pub(crate) mod autograd;
pub(crate) mod autograd_engine;
pub(crate) mod autograd_topo;
pub(crate) mod bias;
pub(crate) mod classify;
pub(crate) mod einsum;
pub(crate) mod forward;
pub(crate) mod graphs;
pub(crate) mod miniflow;
pub(crate) mod model;
pub(crate) mod network;
pub(crate) mod one_d;
pub(crate) mod params;
pub(crate) mod primer;
pub(crate) mod product;
pub(crate) mod report;
pub(crate) mod sin_chain;
pub(crate) mod update;

pub use autograd::{check_ops, check_own_op};
pub use autograd_engine::{check_backward, check_zero_grad};
pub use autograd_topo::check_topo_order;
pub use bias::check_bias_gradient;
pub use classify::{check_accuracy, check_one_hot, check_output_error};
pub use einsum::{check_einsum_loops, check_einsum_subscripts};
pub use forward::{check_feedforward_batch, check_forward};
pub use graphs::{check_fanout_boxes, check_network_boxes, check_square_boxes};
pub use miniflow::{check_linear_backward, check_sigmoid_backward};
pub use network::{
    check_backprop_per_neuron, check_backprop_stacks, check_backprop_vector, LayerGradients,
};
pub use one_d::check_backprop_1d;
pub use params::{check_flatten, check_numerical_gradient, check_unflatten};
pub use primer::{check_elementwise, check_outer_loop};
pub use product::check_product_gradients;
pub use report::{CheckReport, Failure, Hint, Mistake, PartCheck, Verdict};
pub use sin_chain::{check_activation, check_dldw, check_dldy, check_local_partials};
pub use update::check_update_step;

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// Every check's cases separate its catalogue: no candidate mistake (one
    /// slip, a kind at every place, or a pair) gives the right answer or fails
    /// on every case, and no two give the same outputs on every case.
    #[test]
    fn every_catalogue_is_separated_by_its_cases() {
        fn pair() -> (Vec<Array2<f64>>, Vec<Array2<f64>>) {
            todo!()
        }
        check_square_boxes(|_| todo!());
        check_network_boxes(|_, _, _, _| todo!());
        check_fanout_boxes(|_, _, _| todo!());
        check_sigmoid_backward(|_, _| todo!());
        check_linear_backward(|_, _, _| todo!());
        check_activation(|_| todo!(), |_| todo!());
        check_dldy(|_, _| todo!());
        check_local_partials(|_, _| todo!(), |_| todo!(), |_| todo!(), |_| todo!());
        check_dldw(|_, _, _| todo!());
        check_forward(|_, _, _| todo!());
        check_feedforward_batch(|_, _, _| todo!());
        check_backprop_1d(|_, _, _| todo!());
        check_bias_gradient(|_, _, _, _| todo!());
        check_backprop_per_neuron(|_, _, _| pair());
        check_backprop_vector(|_, _, _| pair());
        check_flatten(|_, _| todo!());
        check_unflatten(|_, _, _| pair());
        check_numerical_gradient(|_, _, _| todo!());
        check_einsum_subscripts(|| todo!());
        check_einsum_loops(|_, _| todo!());
        check_backprop_stacks(|_, _, _| pair());
        check_product_gradients(|_, _| todo!());
        check_one_hot(|_, _| todo!());
        check_accuracy(|_, _| todo!());
        check_output_error(|_, _| todo!());
        check_ops(|_, _| todo!());
        check_own_op(
            "sigmoid",
            crate::dense::sigmoid,
            crate::dense::sigmoid_prime,
        );
        check_topo_order(|_, _| todo!());
        check_backward::<crate::autograd::Tape>();
        check_zero_grad::<crate::autograd::Tape>();
        check_update_step(|_, _, _, _, _| todo!());
        check_outer_loop(|_, _| todo!());
        check_elementwise(|_, _| todo!());
        let audits = report::AUDITS.with(|a| a.borrow().clone());
        assert_eq!(audits.len(), 33, "every check audited");
        let bad: Vec<String> = audits
            .iter()
            .filter(|(_, p)| !p.is_empty())
            .map(|(name, p)| {
                format!(
                    "{name}: {} problems, e.g. {}",
                    p.len(),
                    p[..p.len().min(6)].join(" | ")
                )
            })
            .collect();
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
