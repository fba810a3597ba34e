use backprop_lab::prelude::*;
use backprop_lab::*;
fn main() -> Result<()> {
    let d = read_digits("notebooks/data/digits.csv")?;
    let (tr, te) = stratified_split(&d.labels, 0.2, 0)?;
    let (a, b) = (d.select(&tr)?, d.select(&te)?);
    let (ya, yb) = (one_hot(&a.labels, 10)?, one_hot(&b.labels, 10)?);
    for (name, out, cost, init, eta) in [
        (
            "quad N(0,1) 3.0",
            Activation::Sigmoid,
            Cost::Quadratic,
            Init::Normal,
            3.0,
        ),
        (
            "ce scaled 0.1",
            Activation::Softmax,
            Cost::CrossEntropy,
            Init::Scaled,
            0.1,
        ),
        (
            "ce scaled 0.25",
            Activation::Softmax,
            Cost::CrossEntropy,
            Init::Scaled,
            0.25,
        ),
        (
            "ce scaled 0.5",
            Activation::Softmax,
            Cost::CrossEntropy,
            Init::Scaled,
            0.5,
        ),
        (
            "ce scaled 1.0",
            Activation::Softmax,
            Cost::CrossEntropy,
            Init::Scaled,
            1.0,
        ),
        (
            "ce N(0,1) 0.5",
            Activation::Softmax,
            Cost::CrossEntropy,
            Init::Normal,
            0.5,
        ),
    ] {
        let mut line = format!("{name:<18}");
        for seed in 1..=5u64 {
            let mut net = Network::random(&[64, 30, 10], Activation::Sigmoid, init, seed)?;
            net.set_output(out, cost)?;
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
                    .remainder(Remainder::Use),
            )?;
            let f = h
                .test_accuracy
                .iter()
                .position(|&v| v >= 0.95)
                .map(|e| e + 1);
            line += &format!(" s{seed}: {:?}/{:.1}", f, 100.0 * h.test_accuracy[29]);
        }
        println!("{line}");
    }
    Ok(())
}
