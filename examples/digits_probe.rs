use backprop_lab::prelude::*;
use backprop_lab::*;
use std::time::Instant;
fn main() -> Result<()> {
    let d = read_digits("notebooks/data/digits.csv")?;
    let (tr, te) = stratified_split(&d.labels, 0.2, 0)?;
    let (a, b) = (d.select(&tr)?, d.select(&te)?);
    let (ya, yb) = (one_hot(&a.labels, 10)?, one_hot(&b.labels, 10)?);
    for (hid, init, out, cost, eta) in [
        (
            Activation::Sigmoid,
            Init::Normal,
            Activation::Sigmoid,
            Cost::Quadratic,
            0.5,
        ),
        (
            Activation::Sigmoid,
            Init::Scaled,
            Activation::Sigmoid,
            Cost::Quadratic,
            0.5,
        ),
        (
            Activation::Sigmoid,
            Init::Normal,
            Activation::Softmax,
            Cost::CrossEntropy,
            0.1,
        ),
        (
            Activation::Sigmoid,
            Init::Scaled,
            Activation::Softmax,
            Cost::CrossEntropy,
            0.1,
        ),
        (
            Activation::Tanh,
            Init::Scaled,
            Activation::Softmax,
            Cost::CrossEntropy,
            0.1,
        ),
        (
            Activation::Relu,
            Init::Scaled,
            Activation::Softmax,
            Cost::CrossEntropy,
            0.1,
        ),
        (
            Activation::Tanh,
            Init::Scaled,
            Activation::Softmax,
            Cost::CrossEntropy,
            0.05,
        ),
        (
            Activation::Relu,
            Init::Scaled,
            Activation::Softmax,
            Cost::CrossEntropy,
            0.05,
        ),
    ] {
        let mut net = Network::random(&[64, 30, 30, 30, 10], hid, init, 1)?;
        net.set_output(out, cost)?;
        let t = Instant::now();
        let h = train_with_test(
            &mut net,
            &a.x,
            &ya,
            &b.x,
            &yb,
            &TrainConfig::new()
                .eta(eta)
                .batch_size(10)
                .epochs(30)
                .remainder(Remainder::Drop),
        )?;
        let spe = h.steps_per_epoch;
        let ep = |e: usize| -> Vec<f64> {
            h.grad_norms[e * spe..(e + 1) * spe]
                .iter()
                .fold(vec![0.0; 4], |acc, r| {
                    acc.iter().zip(r).map(|(a, b)| a + b / spe as f64).collect()
                })
        };
        let f = |v: Vec<f64>| {
            v.iter()
                .map(|x| format!("{:.3}", x))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!("{hid} {init:?} {out} {cost} eta {eta}: {:.2}s ep0 [{}] ep29 [{}] test {:.3} first95 {:?}", t.elapsed().as_secs_f64(), f(ep(0)), f(ep(29)), h.test_accuracy.last().unwrap(), h.test_accuracy.iter().position(|&v| v>=0.95));
    }
    Ok(())
}
