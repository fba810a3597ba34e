//! Writes every figure of the labs into `figures/` from fixed seeds; `make figures`
//! runs it. No Jupyter needed.

use std::time::Instant;

use backprop_lab::prelude::*;
use backprop_lab::{
    figures::FigureFormat,
    sin_chain::{sin_chain_data, sin_descent, SIN_DATA_N, SIN_DATA_SEED},
};

fn main() -> Result<()> {
    let start = Instant::now();
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/figures"));
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        op: "figures",
        path: dir.to_path_buf(),
        source,
    })?;
    let save = |name: &str, fig: Figure| -> Result<()> {
        let ext = match fig.format() {
            FigureFormat::Png => "png",
            FigureFormat::Gif => "gif",
        };
        let path = dir.join(format!("{name}.{ext}"));
        fig.save(&path)?;
        println!(
            "{:>6} KiB  {}x{}  {} frame(s)  {}",
            fig.bytes().len() / 1024,
            fig.width(),
            fig.height(),
            fig.frames(),
            path.display()
        );
        Ok(())
    };

    // 1. sigmoid, sigmoid and its derivative.
    save("01-sigmoid", plot_sigmoid()?)?;
    save("01-sigmoid-and-prime", plot_sigmoid_and_prime()?)?;

    // 2. toy data, and a random network's outputs next to the labels.
    let (inputs, labels) = toy(1000)?;
    save("02-toy-data", plot_toy_data(&inputs, &labels)?)?;
    let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 1)?;
    save(
        "02-points-and-outputs",
        plot_points_and_outputs(&inputs, &labels, &net.predict(&inputs)?)?,
    )?;

    // 3. network diagrams.
    save(
        "03-network-1d",
        plot_network(
            &NetworkDiagram::new(&[1, 1, 1, 1])
                .label_all_weights(true)
                .title("the 1-D network"),
        )?,
    )?;
    save(
        "03-network-highlight",
        plot_network(
            &NetworkDiagram::new(&[2, 3, 3, 1])
                .highlight(2, 0)
                .title("neuron 0 of the last hidden layer and its incoming weights"),
        )?,
    )?;
    save(
        "03-network-bias-trick",
        plot_network(
            &NetworkDiagram::new(&[2, 3, 1])
                .bias_nodes(true)
                .highlight(1, 0)
                .title("the bias trick: a constant node 1 in each layer"),
        )?,
    )?;

    // 4. nudges of w3 and w1 on example 0, with w3 = 1 as the walkthrough sets it.
    let n1 = Net1d::nudge_setup(4);
    let (x0, y0) = (inputs[[0, 0]], labels[[0, 0]]);
    let s3 = nudge_sweep(&n1, x0, y0, Param1d::W3, &walkthrough_nudges())?;
    let s1 = nudge_sweep(&n1, x0, y0, Param1d::W1, &walkthrough_nudges())?;
    save("04-nudge-w3", plot_nudge(&s3)?)?;
    save("04-nudge-w1", plot_nudge(&s1)?)?;

    // 5. make_circles.
    let (x, y) = make_circles(1000, 0.3, 0.1, 0)?;
    save("05-circles", plot_circles(&x, &y)?)?;

    // 6-9. training with history, gradient checks, boundary, hidden representation.
    let mut circ = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0)?;
    let cfg = TrainConfig::new()
        .eta(3.0)
        .batch_size(50)
        .epochs(60)
        .shuffled(1)
        .snapshots(true);
    let history = train(&mut circ, &x, &y, &cfg)?;
    save("06-training", plot_training(&history)?)?;
    let mut check_net = Network::random_per_layer(
        &[2, 3, 3, 1],
        Activation::Sigmoid,
        &[Init::Uniform, Init::Uniform, Init::Normal],
        &[Init::Uniform; 3],
        0,
    )?;
    let checked = train(
        &mut check_net,
        &x,
        &y,
        &TrainConfig::new()
            .eta(0.01)
            .batch_size(50)
            .epochs(2)
            .form(BackpropForm::PerExample)
            .grad_check(true),
    )?;
    save(
        "07-grad-check",
        plot_grad_check_errors(&checked.grad_check_errors)?,
    )?;
    save(
        "08-decision-boundary",
        plot_decision_boundary(&circ, &x, &y)?,
    )?;
    let frames: Vec<Network> = history.snapshots.iter().step_by(5).cloned().collect();
    save(
        "09-hidden-representation",
        hidden_layer_animation(&frames, &x, &y, 2)?,
    )?;

    // 10. computation graphs, the quiz and its reveal.
    let g = lab_small_network_graph();
    let j = g.get("J")?;
    save("10-graph-square", {
        let gs = lab_square_graph();
        plot_graph(&gs.backward(gs.get("J")?)?)?
    })?;
    save("10-graph-small-network", plot_graph(&g.backward(j)?)?)?;
    let quiz = check_quiz(
        &g,
        j,
        &[
            Answer::value("c", -4.0),
            Answer::value("a", 4.0),
            Answer::grad("w", 3.0),
            Answer::local("c", "w", 2.0),
        ],
    )?;
    save("10-quiz", plot_quiz(&quiz, false)?)?;
    save("10-quiz-revealed", plot_quiz(&quiz, true)?)?;
    let lg = logistic_neuron_graph([1.0, 2.0], [0.5, -0.25], 0.1, 1.0);
    save(
        "10-graph-logistic",
        plot_graph(&lg.backward(lg.get("L")?)?)?,
    )?;

    // 11. the MiniFlow quiz graph after forward and backward.
    let mut mf = MiniFlow::new();
    let (xi, wi, bi, yi) = (mf.input("X"), mf.input("W"), mf.input("b"), mf.input("y"));
    let f = mf.linear("f", xi, wi, bi)?;
    let a = mf.sigmoid("a", f)?;
    mf.mse("cost", yi, a)?;
    let order = mf.topological_sort(&[
        (xi, array![[-1., -2.], [-1., -2.]].into_dyn()),
        (yi, array![1., 2.].into_dyn()),
        (wi, array![[2.], [3.]].into_dyn()),
        (bi, array![-3.].into_dyn()),
    ])?;
    mf.forward_and_backward(&order)?;
    save("11-miniflow", plot_miniflow(&mf)?)?;

    // 12. the sine network before and after gradient steps.
    let (sx, sy) = sin_chain_data(SIN_DATA_N, SIN_DATA_SEED)?;
    let mut r = seeded_rng(310);
    let w0 = [normal_scalar(&mut r), normal_scalar(&mut r)];
    let path = sin_descent(w0, &sx, &sy, 0.5, 10)?;
    save(
        "12-sin-fit",
        plot_sin_fit(
            &sx,
            &sy,
            &[("before", w0), ("after 10 steps", path[path.len() - 1].0)],
        )?,
    )?;

    // 13. the animated nudge.
    save("13-nudge-w1-animated", nudge_animation(&s1, 2)?)?;

    println!("all figures in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}
