//! The labs' exercises and the checks that mark them.
//!
//! A notebook leaves a function for the learner to write, then hands it to its
//! `check_*` function. The check runs the learner's code on the lab's own
//! numbers and on seeded random cases, compares every quantity with the
//! crate's reference, and returns a [`CheckReport`] with one of three verdicts:
//!
//! * **not started**: the code still reaches the stub's `todo!`;
//! * **right** on all N cases;
//! * **wrong**: the first wrong quantity, the input, expected and got, and the
//!   name of the mistake when the wrong answer is one the check knows (each
//!   check knows at least three, listed under "This check recognises").
//!
//! A panic in the learner's code, `todo!` included, never escapes a check.
//! Later cells call [`CheckReport::choose`] to use the learner's function once it
//! is right and the crate's reference until then, so "Run All" always reaches
//! the end of the notebook.
//!
//! | lab | exercise | check |
//! |---|---|---|
//! | 01 computation graphs | the boxes of `J = (2 + 3w)²` | [`check_square_boxes`] |
//! | 01 computation graphs | the boxes of the small network | [`check_network_boxes`] |
//! | 02 MiniFlow | `Sigmoid.backward`, plugged into the graph | [`check_sigmoid_backward`] |
//! | 02 MiniFlow | `Linear.backward` (stretch), plugged into the graph | [`check_linear_backward`] |
//! | 03 CS109 | `act`, `der_act` | [`check_activation`] |
//! | 03 CS109 | `dadw`, `dhda`, `dyda`, `dadh` | [`check_local_partials`] |
//! | 03 CS109 | `dldy` | [`check_dldy`] |
//! | 03 CS109 | `dldw`, the chain | [`check_dldw`] |
//! | 04 forward pass | `forward`, one example through the layers | [`check_forward`] |
//! | 04 forward pass | `feedforward_batch`, a whole batch at once | [`check_feedforward_batch`] |
//! | 05 1-D backprop | `backprop_1d`, BP1–BP4 in scalars | [`check_backprop_1d`] |
//! | 06 backprop in a network | `backprop_neurons`, loops over neurons | [`check_backprop_per_neuron`] |
//! | 06 backprop in a network | `backprop_vector`, one example in vector form | [`check_backprop_vector`] |
//! | 06 gradient checking | `flatten`, the walkthrough's `get_params` | [`check_flatten`] |
//! | 06 gradient checking | `unflatten`, the walkthrough's `set_params` | [`check_unflatten`] |
//! | 06 gradient checking | `numerical_grad`, two-sided differences | [`check_numerical_gradient`] |
//! | 07 einsum | the subscripts for four loop nests | [`check_einsum_subscripts`] |
//! | 07 einsum | the loops for `'nij,nj->ni'` | [`check_einsum_loops`] |
//! | 07 batched backprop | `backprop_stacks`, BP1–BP4 on 3-D stacks | [`check_backprop_stacks`] |
//! | 08 digits | `one_hot`, targets from labels | [`check_one_hot`] |
//! | 08 digits | `accuracy`, the share classified right | [`check_accuracy`] |
//! | 08 digits | `output_error`, δᴸ of softmax with cross-entropy | [`check_output_error`] |
//!
//! ```
//! use backprop_lab::exercises::{check_dldy, Verdict};
//! // A learner's first attempt, and the check's answer.
//! let report = check_dldy(|y_pred, y| y - y_pred);
//! assert!(matches!(report.verdict, Verdict::Wrong(_)));
//! assert_eq!(report.mistake(), None); // sign flipped *and* the 2 dropped: no single known mistake
//! let report = check_dldy(|y_pred, y| 2.0 * (y - y_pred));
//! assert_eq!(report.mistake(), Some("sign flipped"));
//! ```

pub(crate) mod classify;
pub(crate) mod einsum;
pub(crate) mod forward;
pub(crate) mod graphs;
pub(crate) mod miniflow;
pub(crate) mod network;
pub(crate) mod one_d;
pub(crate) mod report;
pub(crate) mod sin_chain;

pub use classify::{check_accuracy, check_one_hot, check_output_error};
pub use einsum::{check_einsum_loops, check_einsum_subscripts};
pub use forward::{check_feedforward_batch, check_forward};
pub use graphs::{check_network_boxes, check_square_boxes};
pub use miniflow::{check_linear_backward, check_sigmoid_backward};
pub use network::{
    check_backprop_per_neuron, check_backprop_stacks, check_backprop_vector, check_flatten,
    check_numerical_gradient, check_unflatten, LayerGradients,
};
pub use one_d::check_backprop_1d;
pub use report::{CheckReport, Failure, Mistake, Verdict};
pub use sin_chain::{check_activation, check_dldw, check_dldy, check_local_partials};
