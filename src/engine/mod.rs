//! The speed machinery: everything written to make training fast, kept out of
//! the teaching code.
//!
//! The labs' code (`dense/`, `backprop/`, `tensor/`) is written as the
//! walkthrough writes it, in plain ndarray; none of it calls this module (the
//! layout test enforces it: the engine sits above them). Training, gradient
//! checking, the figures and the benchmark run these instead:
//!
//! | file | what | the reference it must agree with |
//! |---|---|---|
//! | `workspace.rs` | the three batched forms of backprop on reused `(k, m)` buffers | `backprop/matrix.rs`, `per_example.rs`, `stacks.rs` |
//! | `forward.rs` | the forward pass, `predict` and the cost on those buffers | `Network::predict`, `Network::cost` |
//! | `kernels.rs` | activations, costs and BP1 on flat `(k, m)` slices | `Activation::apply`, `Cost`, `output_error` |
//! | `simd.rs` | the kernel path (scalar, portable, AVX2), chosen once per process | — |
//! | `matmul.rs` | small matrix products as plain loops | ndarray's `dot` |
//! | `large.rs` | large products through matrixmultiply, OpenBLAS or `gemm` (a Cargo feature) | ndarray's `dot` |
//! | `sigmoid.rs` | the vectorised sigmoid and `e^x` | [`crate::dense::sigmoid`] |
//! | `sgd.rs` | the fused SGD step | `P ← P − η/m · ∇P` |
//!
//! `tests/reference_engine.rs` checks that every reference form and the engine
//! agree to 1e-12 on random networks of every activation and cost pairing;
//! `make test-kernels` runs it on every kernel path this CPU has, and
//! `make test-aarch64` on the portable path for ARM, under qemu.
//! Nothing here is public.

pub(crate) mod forward;
pub(crate) mod kernels;
pub(crate) mod large;
pub(crate) mod matmul;
pub(crate) mod sgd;
pub(crate) mod sigmoid;
pub(crate) mod simd;
pub(crate) mod workspace;
