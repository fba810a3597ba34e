//! Prints the walkthrough's worked numbers as the crate computes them.
//! `make notebooks` runs this until the notebooks land.

use backprop_lab::prelude::*;
use backprop_lab::tensor::*;

fn main() -> Result<()> {
    println!("== toy data ==");
    let (inputs, labels) = toy(1000)?;
    for i in 0..5 {
        println!(
            "  x = {:>12.8}  label = {:>2}",
            inputs[[i, 0]],
            labels[[i, 0]]
        );
    }

    println!("\n== the 1-D network ==");
    let net1 = Net1d::random_uniform(0);
    let g = net1.backprop(inputs[[0, 0]], labels[[0, 0]])?;
    println!("  a = {:?}\n  C0 = {:.6}", g.trace.a, g.cost);
    for p in Param1d::ALL {
        println!("  dC0/d{} = {:+.6e}", p, g.grad(p));
    }
    let sweep = nudge_sweep(
        &net1,
        inputs[[0, 0]],
        labels[[0, 0]],
        Param1d::W3,
        &walkthrough_nudges(),
    )?;
    println!(
        "  nudging w_3: slope at zero {:+.6e}, backprop {:+.6e}",
        sweep.slope.cost,
        g.grad(Param1d::W3)
    );

    println!("\n== batched forward pass of [1, 3, 2, 1] ==");
    let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 0)?;
    let (zs, acts) = net.feedforward_batch(&inputs)?.shapes();
    println!("  activities  {zs}\n  activations {acts}");
    let bp = backprop_1_example(&net, &[inputs[[0, 0]]], &[labels[[0, 0]]])?;
    for s in &bp.shapes {
        println!("  {}", s.to_string().replace('\n', "\n  "));
    }

    println!("\n== identity activations collapse to W* x + b* ==");
    let lin = Network::random(&[1, 3, 2, 1], Activation::Identity, Init::Normal, 0)?;
    let (w_star, b_star) = lin.collapse_affine()?;
    println!("  W* = {w_star}, b* = {b_star}");

    println!("\n== make_circles: train, check, compare with Nielsen ==");
    let (x, y) = make_circles(1000, 0.3, 0.1, 0)?;
    let mut circ = Network::random_per_layer(
        &[2, 3, 3, 1],
        Activation::Sigmoid,
        &[Init::Uniform, Init::Uniform, Init::Normal],
        &[Init::Uniform; 3],
        0,
    )?;
    let mut nielsen = NielsenNetwork::from_network(&circ)?;
    let report = grad_check(
        &circ,
        &x.slice(s![..50, ..]),
        &y.slice(s![..50, ..]),
        BackpropForm::Gemm,
        GRADCHECK_EPSILON,
    )?;
    println!(
        "  gradient check on the first batch: relative error {:.2e}",
        report.relative_error
    );
    let history = train(
        &mut circ,
        &x,
        &y,
        &TrainConfig::new().eta(0.01).batch_size(50).epochs(10),
    )?;
    nielsen.sgd(&training_pairs(&x, &y)?, 10, 50, 0.01, None)?;
    println!(
        "  {} steps, loss {:.5} -> {:.5}",
        history.steps(),
        history.loss[0],
        history.loss[history.steps() - 1]
    );
    let diff = circ
        .weights()
        .iter()
        .zip(&nielsen.weights)
        .flat_map(|(a, b)| a.iter().zip(b.iter()).map(|(p, q)| (p - q).abs()))
        .fold(0.0, f64::max);
    println!("  largest weight difference from Nielsen's network: {diff:.1e}");

    println!("\n== stacks and einsum ==");
    let t = stack(&[
        Array2::ones((3, 3)),
        Array2::ones((3, 3)) * 2.0,
        Array2::ones((3, 3)) * 3.0,
        Array2::ones((3, 3)) * 4.0,
    ])?;
    let v = Array2::<f64>::ones((3, 1));
    let r = stack_matmul(&t, &v)?;
    println!(
        "  T @ v columns: {:?}",
        r.index_axis(Axis(2), 0).column(0).to_vec()
    );
    println!("  mean over axis 0: {}", mean_axis0(&r)?.t());
    print!("{}", einsum_loops("ijk,kl->ikl")?);
    Ok(())
}
