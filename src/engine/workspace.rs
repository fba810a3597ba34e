//! Backprop on buffers that live across training steps: the engine behind
//! [`train`](crate::training::train), [`grad_check`](crate::training::grad_check) and the benchmark.
//!
//! The backprop forms in `backprop/` return fresh arrays and read like the
//! walkthrough. Training runs the same batch size thousands of times, so a
//! [`Workspace`] keeps every `z^l`, `a^l`, `δ^l` and gradient buffer for one
//! batch size and reuses them: a training step allocates nothing.
//!
//! Notation as in `backprop/`: matrices are `(k, m)` with one column per
//! example of the batch `X` `(m, d)`; stacks are `(m, k, 1)`, one column vector
//! per example. The three batched forms compute the same sums in different
//! shapes (each is checked against its `backprop/` file by
//! `tests/reference_engine.rs`):
//!
//! * matrix product (`backprop/matrix.rs`): `∂C/∂W^l = Δ^l (A^{l-1})ᵀ`, the sum
//!   over examples inside one product;
//! * per example (`backprop/per_example.rs`): the same equations on one column
//!   at a time, summed;
//! * 3-D stacks (`backprop/stacks.rs`): `δ^l` as a stack, the per-example outer
//!   products `δ_e (a_e)ᵀ` written out as an `(m, k, j)` stack, then summed
//!   over its first axis.

use ndarray::{s, Array2, ArrayView2};

use crate::backprop::gradients::Gradients;
use crate::backprop::per_neuron::per_neuron_unchecked;
use crate::backprop::BackpropForm;
use crate::dense::network::Network;
use crate::engine::forward::forward_into;
use crate::engine::kernels::{batch_cost, output_delta, sum, times_prime, BatchLoss};
use crate::engine::matmul::matmul_into;

/// Reusable buffers for one network shape and one batch size `m`.
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    m: usize,
    /// `z^l`, `(k_l, m)`.
    z: Vec<Array2<f64>>,
    /// `a^l = f(z^l)`, `(k_l, m)`.
    a: Vec<Array2<f64>>,
    /// `Δ^l`, `(k_l, m)`; for the stack form, the stack `(m, k_l, 1)` with the
    /// example axis innermost, which is the same memory.
    delta: Vec<Array2<f64>>,
    /// The gradients of the last call, summed over the batch.
    pub(crate) grads: Gradients,
    /// Stack form only: `a^0 = Xᵀ` as a stack `(m, d, 1)`, and the outer-product
    /// stack `(m, k, j)` (one buffer, sized for the largest layer), both with the
    /// example axis innermost (see [`stacks`](Self::stacks)).
    a_prev_stack: Vec<f64>,
    outer_stack: Vec<f64>,
}

impl Workspace {
    /// Buffers for `net` and batches of `m` examples (`m = 1` for the per-example form).
    pub(crate) fn new(net: &Network, m: usize) -> Self {
        let mat = |k: usize| Array2::zeros((k, m));
        let outs: Vec<usize> = net.layers().iter().map(|l| l.outputs()).collect();
        Workspace {
            m,
            z: outs.iter().map(|&k| mat(k)).collect(),
            a: outs.iter().map(|&k| mat(k)).collect(),
            delta: outs.iter().map(|&k| mat(k)).collect(),
            grads: Gradients::zeros_like(net),
            a_prev_stack: Vec::new(),
            outer_stack: Vec::new(),
        }
    }

    /// The batch size these buffers hold.
    pub(crate) fn batch_size(&self) -> usize {
        self.m
    }

    /// Forward pass of the rows of `x` `(m, d)`: `z^l = W^l a^{l-1} + b^l`,
    /// `a^l = f(z^l)`, with `a^0 = Xᵀ` read in place.
    pub(crate) fn forward(&mut self, net: &Network, x: ArrayView2<'_, f64>) {
        forward_into(net, x.t(), &mut self.z, &mut self.a);
    }

    /// Matrix-product backprop after [`forward`](Self::forward) on the same `x`
    /// `(m, d)`, labels `y` `(m, outputs)`. Writes (or, with `accumulate`, adds)
    /// the batch's gradients into `self.grads`; returns the batch's [`BatchLoss`].
    ///
    /// `Δ^L = ∂C/∂Z^L`, for the quadratic cost `(A^L − Yᵀ) ⊙ f'(Z^L)` (BP1), `Δ^{l-1} = (W^l)ᵀ Δ^l ⊙ f'(Z^{l-1})`
    /// (BP2), `∂C/∂b^l = Δ^l 1` (BP3), `∂C/∂W^l = Δ^l (A^{l-1})ᵀ` (BP4).
    pub(crate) fn backward(
        &mut self,
        net: &Network,
        x: ArrayView2<'_, f64>,
        y: ArrayView2<'_, f64>,
        accumulate: bool,
    ) -> BatchLoss {
        let layers = net.layers();
        let n = layers.len();
        let m = self.m;
        let mut loss = BatchLoss::default();
        for l in (0..n).rev() {
            let f = layers[l].activation();
            let (zs, as_) = (
                self.z[l].as_slice().expect("own buffer"),
                self.a[l].as_slice().expect("own buffer"),
            );
            let ds = self.delta[l].as_slice_mut().expect("own buffer");
            if l == n - 1 {
                loss = output_delta(net.cost_fn(), f, zs, as_, y, m, ds);
            } else {
                // BP2: the layer above left (W^{l+1})ᵀ Δ^{l+1} here.
                times_prime(f, zs, as_, ds);
            }
            // BP3: the row sums of Δ^l.
            assert_eq!(ds.len(), self.grads.nabla_b[l].len() * m);
            for (gb, row) in self.grads.nabla_b[l].iter_mut().zip(ds.chunks_exact(m)) {
                let s = sum(row);
                *gb = if accumulate { *gb + s } else { s };
            }
            let delta = &self.delta[l];
            // BP4: Δ^l (A^{l-1})ᵀ; A^0 = Xᵀ, so its transpose is X itself.
            let a_prev_t = if l == 0 { x } else { self.a[l - 1].t() };
            matmul_into(
                delta.view(),
                a_prev_t,
                &mut self.grads.nabla_w[l].view_mut(),
                accumulate,
            );
            if l > 0 {
                let (below, from_l) = self.delta.split_at_mut(l);
                matmul_into(
                    layers[l].w().t(),
                    from_l[0].view(),
                    &mut below[l - 1].view_mut(),
                    false,
                );
            }
        }
        loss
    }

    /// Per-example backprop: [`forward`](Self::forward) and
    /// [`backward`](Self::backward) on one row at a time (this workspace must
    /// have `m = 1`), summing the gradients and the losses.
    pub(crate) fn per_example(
        &mut self,
        net: &Network,
        x: ArrayView2<'_, f64>,
        y: ArrayView2<'_, f64>,
    ) -> BatchLoss {
        debug_assert_eq!(self.m, 1);
        let mut loss = BatchLoss::default();
        for e in 0..x.nrows() {
            let (xe, ye) = (x.slice(s![e..e + 1, ..]), y.slice(s![e..e + 1, ..]));
            self.forward(net, xe);
            loss.add(self.backward(net, xe, ye, e > 0));
        }
        loss
    }

    /// Backprop with 3-D stacks after [`forward`](Self::forward) on the same `x`:
    /// every `δ^l` is a stack `(m, k, 1)`, BP2 is `(W^{l+1})ᵀ δ_e` for each
    /// example `e`, and BP4 writes the stack of outer products `δ_e (a_e^{l-1})ᵀ`
    /// `(m, k, j)` before summing it over the examples. Returns the batch's loss.
    ///
    /// Every stack is stored with the example axis innermost: entry `(e, i, c)`
    /// of the `(m, k, j)` stack lives at `(i·j + c)·m + e` (strides `(1, j·m, m)`),
    /// and the stack `δ^l` `(m, k, 1)` shares the `(k, m)` buffer of the other
    /// forms. The stacks hold the same numbers as numpy's C-ordered ones; this
    /// order makes each step of the form — one `(W^{l+1})ᵀ δ_e` per example, one
    /// outer product per example, the sum over examples — a loop over contiguous
    /// memory, which matters when `k` and `j` are 1 to 3 and `m` is 50.
    pub(crate) fn stacks(
        &mut self,
        net: &Network,
        x: ArrayView2<'_, f64>,
        y: ArrayView2<'_, f64>,
    ) -> BatchLoss {
        let layers = net.layers();
        let n = layers.len();
        let m = self.m;
        let mut loss = BatchLoss::default();
        for l in (0..n).rev() {
            let f = layers[l].activation();
            let (k, j) = layers[l].w().dim();
            let (zs, as_) = (
                self.z[l].as_slice().expect("own buffer"),
                self.a[l].as_slice().expect("own buffer"),
            );
            // δ^l as a stack: entry (e, i, 0) at i·m + e.
            let (below, from_l) = self.delta.split_at_mut(l + 1);
            let ds = below[l].as_slice_mut().expect("own buffer");
            if l == n - 1 {
                // BP1 on every vector of the stack (the same memory as the matrix Δ^L).
                loss = output_delta(net.cost_fn(), f, zs, as_, y, m, ds);
            } else {
                let w_up = layers[l + 1].w().as_slice().expect("standard layout");
                let d_up = from_l[0].as_slice().expect("own buffer");
                stack_bp2(w_up, d_up, k, m, ds);
                // ⊙ f'(z_e^l)
                times_prime(f, zs, as_, ds);
            }
            // BP3: the stack summed over its examples.
            assert_eq!(ds.len(), self.grads.nabla_b[l].len() * m);
            for (g, row) in self.grads.nabla_b[l].iter_mut().zip(ds.chunks_exact(m)) {
                *g = sum(row);
            }
            // a^{l-1} as a stack (m, j, 1), entry (e, c, 0) at c·m + e: Xᵀ copied for
            // the first layer, the forward pass's buffer for the others.
            let a_prev: &[f64] = if l == 0 {
                self.a_prev_stack.resize(m * j, 0.0);
                for (e, row) in x.rows().into_iter().enumerate() {
                    for (c, v) in row.iter().enumerate() {
                        self.a_prev_stack[c * m + e] = *v;
                    }
                }
                &self.a_prev_stack
            } else {
                self.a[l - 1].as_slice().expect("own buffer")
            };
            // BP4: the stack of outer products δ_e (a_e^{l-1})ᵀ, (m, k, j) ...
            self.outer_stack.resize(m * k * j, 0.0);
            stack_outer(ds, a_prev, m, &mut self.outer_stack);
            // ... summed over its first axis.
            let gw = self.grads.nabla_w[l].as_slice_mut().expect("own buffer");
            assert_eq!(gw.len() * m, self.outer_stack.len());
            for (g, block) in gw.iter_mut().zip(self.outer_stack.chunks_exact(m)) {
                *g = sum(block);
            }
        }
        loss
    }

    /// [`forward`](Self::forward) on `x`, then the batch's loss against `y`
    /// (for a form that computes its gradients elsewhere).
    fn loss(&mut self, net: &Network, x: ArrayView2<'_, f64>, y: ArrayView2<'_, f64>) -> BatchLoss {
        self.forward(net, x);
        let last = net.num_layers() - 1;
        let (z, a) = (&self.z[last], &self.a[last]);
        let sq = ndarray::Zip::from(a)
            .and(y.t())
            .fold(0.0, |s, p, t| s + (p - t) * (p - t));
        let cost = batch_cost(
            net.cost_fn(),
            net.output_activation(),
            z.as_slice().expect("own buffer"),
            a.as_slice().expect("own buffer"),
            y,
            self.m,
        );
        BatchLoss { cost, sq }
    }

    /// Moves the gradients out.
    pub(crate) fn into_gradients(self) -> Gradients {
        self.grads
    }
}

/// BP2 of the stack form for every example at once, into `ds` (`δ^l`, `(m, k, 1)`
/// stored `k` rows of `m`): `(W^{l+1})ᵀ δ_e^{l+1}` has entry `i` equal to
/// `Σ_r W[r, i] δ_e^{l+1}[r]`, so row `i` of the stack gathers rows `r` of the one
/// above (`d_up`, `(m, r, 1)`; `w_up` is `W^{l+1}` `(r, k)` row by row).
fn stack_bp2(w_up: &[f64], d_up: &[f64], k: usize, m: usize, ds: &mut [f64]) {
    assert!(w_up.len() / k == d_up.len() / m && ds.len() == k * m);
    ds.fill(0.0);
    for (w_row, d_r) in w_up.chunks_exact(k).zip(d_up.chunks_exact(m)) {
        for (w, out) in w_row.iter().zip(ds.chunks_exact_mut(m)) {
            for (o, d) in out.iter_mut().zip(d_r) {
                *o += w * d;
            }
        }
    }
}

/// The stack of outer products `δ_e (a_e^{l-1})ᵀ` `(m, k, j)` into `outer`,
/// entry `(e, i, c)` at `(i·j + c)·m + e`, from `δ^l` (`ds`, `(m, k, 1)`) and
/// `a^{l-1}` (`a_prev`, `(m, j, 1)`), both with the example axis innermost.
fn stack_outer(ds: &[f64], a_prev: &[f64], m: usize, outer: &mut [f64]) {
    assert_eq!(outer.len() * m, ds.len() * a_prev.len());
    let mut blocks = outer.chunks_exact_mut(m);
    for d_row in ds.chunks_exact(m) {
        // `a_prev` first: zip stops on it without taking a block from the next row.
        for (a_row, block) in a_prev.chunks_exact(m).zip(&mut blocks) {
            for ((o, d), a) in block.iter_mut().zip(d_row).zip(a_row) {
                *o = d * a;
            }
        }
    }
}

/// Any form on a workspace reused across calls (training), without input
/// checks: the gradients land in `ws.grads`; returns the batch's loss. The
/// workspace must hold `x.nrows()` examples, or one for the per-example form.
pub(crate) fn gradients_into(
    ws: &mut Workspace,
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    form: BackpropForm,
) -> BatchLoss {
    match form {
        BackpropForm::Gemm => {
            ws.forward(net, x);
            ws.backward(net, x, y, false)
        }
        BackpropForm::Tensor => {
            ws.forward(net, x);
            ws.stacks(net, x, y)
        }
        BackpropForm::PerExample => ws.per_example(net, x, y),
        BackpropForm::PerNeuron => {
            // The scalar loops of `backprop/per_neuron.rs` give the gradients; the
            // loss comes from a forward pass on these buffers.
            ws.grads = per_neuron_unchecked(net, x, y);
            ws.loss(net, x, y)
        }
    }
}

/// The batch size a workspace needs for `form` on batches of `m`.
pub(crate) fn workspace_batch(form: BackpropForm, m: usize) -> usize {
    match form {
        BackpropForm::PerExample => 1,
        _ => m,
    }
}

/// The engine's gradients for one batch in fresh buffers (gradient checking).
pub(crate) fn gradients(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    form: BackpropForm,
) -> Gradients {
    let mut ws = Workspace::new(net, workspace_batch(form, x.nrows()));
    gradients_into(&mut ws, net, x, y, form);
    ws.into_gradients()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backprop::backprop_1_example;
    use crate::dense::activation::Activation;
    use crate::dense::{make_circles, Init};
    use ndarray::Axis;

    /// The stack form really builds the per-example stacks: after `stacks`, the
    /// outer-product buffer holds the first layer's `δ_e (a_e^0)ᵀ` for every
    /// example `e` at `(i·j + c)·m + e`, and `δ^1` holds each `δ_e`. Both are
    /// compared with `backprop_1_example`, which runs on one example alone (the
    /// reference in `backprop/`, whose sigmoid differs from the engine's in the
    /// last bits: hence a relative tolerance of 1e-12).
    #[test]
    fn stacks_hold_every_examples_outer_product() {
        let net = Network::random(&[2, 5, 3, 2], Activation::Sigmoid, Init::Normal, 4).unwrap();
        let (x, labels) = make_circles(7, 0.3, 0.1, 2).unwrap();
        let y = ndarray::concatenate![Axis(1), labels, labels.mapv(|v| 1.0 - v)];
        let m = x.nrows();
        let mut ws = Workspace::new(&net, m);
        ws.forward(&net, x.view());
        ws.stacks(&net, x.view(), y.view());
        let (k, j) = net.layers()[0].w().dim();
        let delta1 = ws.delta[0].as_slice().unwrap();
        for e in 0..m {
            let one = backprop_1_example(&net, &x.row(e).to_vec(), &y.row(e).to_vec()).unwrap();
            let outer = &one.gradients.nabla_w[0];
            for i in 0..k {
                let d = one.deltas[0][[i, 0]];
                assert!((delta1[i * m + e] - d).abs() <= 1e-12 * (1e-3 + d.abs()));
                for c in 0..j {
                    let got = ws.outer_stack[(i * j + c) * m + e];
                    let want = outer[[i, c]];
                    assert!(
                        (got - want).abs() <= 1e-12 * (1e-3 + want.abs()),
                        "example {e}, entry ({i}, {c}): {got} vs {want}"
                    );
                }
            }
        }
    }

    /// One forward pass and one sigmoid: what training computes for a batch and
    /// what `predict` returns for it are the same numbers, bit for bit; the
    /// reference forward pass (`feedforward_batch`: plain ndarray and the C
    /// library's `exp`) agrees to 1e-15.
    #[test]
    fn training_forward_and_predict_agree() {
        let net = Network::random(&[2, 5, 4, 1], Activation::Sigmoid, Init::Normal, 3).unwrap();
        let (x, _) = make_circles(37, 0.3, 0.1, 4).unwrap();
        let mut ws = Workspace::new(&net, x.nrows());
        ws.forward(&net, x.view());
        let predicted = net.predict(&x).unwrap();
        assert_eq!(ws.a[2].t(), predicted.view());
        let reference = net.feedforward_batch(&x).unwrap();
        for (r, e) in reference.output().t().iter().zip(predicted.iter()) {
            assert!((r - e).abs() <= 1e-15, "{r} vs {e}");
        }
        // And the engine's scalar sigmoid, one entry at a time, gives the same bits.
        for (z, a) in ws.z[2].iter().zip(ws.a[2].iter()) {
            assert_eq!(crate::engine::sigmoid::sigmoid(*z).to_bits(), a.to_bits());
        }
    }
}
