//! Lab 08: tensors — stacks of column vectors and einsum.
//!
//! The walkthrough's batched backprop treats a batch of `N` column vectors as one
//! 3-D array `(N, k, 1)` and multiplies every vector of it by a matrix at once.
//! [`stack`], [`stack_matmul`], [`matmul_stack`], [`batch_matmul`],
//! [`transpose_stack`], [`sum_axis0`] and [`mean_axis0`] are those operations;
//! [`einsum`] writes any of them as one subscript string, and [`einsum_loops`]
//! prints the loops such a string stands for.

pub(crate) mod einsum;
pub(crate) mod stacks;

pub use einsum::{einsum, einsum_loops, EinsumOperand};
pub use stacks::{
    add_trailing_axis, batch_matmul, hadamard, matmul_stack, mean_axis0, stack, stack_matmul,
    sum_axis0, transpose_stack,
};
