use backprop_lab::*;
fn main() {
    let case = std::env::args().nth(1).unwrap();
    let ys: Vec<f64> = match case.as_str() {
        "span" => vec![-1e308, 1e308],
        "edge" => vec![-1e300, 1e300],
        "edgeflat" => vec![1e300, 1e300],
        "tiny" => vec![1e-300, 2e-300],
        "flat" => vec![1e300, 1e300],
        "near" => vec![1e100, 1e100 * (1.0 + 1e-15)],
        "big" => vec![0.0, 1e200],
        _ => vec![0.0, 1.0],
    };
    let r = plot_curve("t", "x", "y", &ys);
    println!("{case}: {:?}", r.map(|f| f.width()));
}
