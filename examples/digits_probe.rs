use backprop_lab::prelude::*;
use backprop_lab::*;
use std::time::Instant;
fn main() -> Result<()> {
    let d = read_digits("notebooks/data/digits.csv")?;
    let (tr, _te) = stratified_split(&d.labels, 0.2, 0)?;
    let a = d.select(&tr)?;
    let ya = one_hot(&a.labels, 10)?;
    let start = Network::random(&[64, 30, 10], Activation::Sigmoid, Init::Scaled, 1)?
        .with_output(Activation::Softmax, Cost::CrossEntropy)?;
    let cfg = TrainConfig::new()
        .eta(0.5)
        .batch_size(10)
        .epochs(30)
        .remainder(Remainder::Use);
    let mut best = f64::INFINITY;
    for _ in 0..40 {
        let mut net = start.clone();
        let t = Instant::now();
        train(&mut net, &a.x, &ya, &cfg)?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "best {:.4} s = {:.2} us/step",
        best,
        best / (30.0 * 144.0) * 1e6
    );
    Ok(())
}
