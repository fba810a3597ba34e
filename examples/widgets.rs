//! Writes every interactive widget to a standalone page under
//! target/widgets/, to look at in a browser: `cargo run --example widgets`.

use backprop_lab::graph::{check_quiz, logistic_neuron_graph, Answer};
use backprop_lab::prelude::*;

fn page(title: &str, body: &str) -> String {
    format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body style=\"max-width:1000px;margin:12px\">{body}</body></html>")
}

fn main() -> Result<()> {
    let out = std::path::Path::new("target/widgets");
    std::fs::create_dir_all(out).expect("target/ is writable");
    let write = |name: &str, html: &str| {
        let p = out.join(name);
        std::fs::write(&p, page(name, html)).expect("target/widgets is writable");
        println!("{} ({} bytes)", p.display(), html.len());
    };
    let square = lab_square_graph();
    let q = check_quiz(&square, square.get("J")?, &[])?;
    write("quiz-square.html", q.widget()?.html());
    let net = lab_small_network_graph();
    let answers = [Answer::value("c", -4.0), Answer::grad("w", 3.0)];
    let q = check_quiz(&net, net.get("J")?, &answers)?;
    write("quiz-network.html", q.widget()?.html());
    let neuron = logistic_neuron_graph([1.0, 2.0], [0.5, -0.25], 0.1, 1.0);
    let q = check_quiz(&neuron, neuron.get("L")?, &[])?;
    write("quiz-neuron.html", q.widget()?.html());
    plot_quiz(&q, true)?.save(out.join("quiz-neuron-static.png"))?;
    plot_graph(&q.backward)?.save(out.join("graph-neuron-static.png"))?;
    let (inputs, labels) = toy(1000)?;
    let n1 = Net1d::nudge_setup(4);
    let sweep = nudge_sweep(
        &n1,
        inputs[[0, 0]],
        labels[[0, 0]],
        Param1d::W1,
        &walkthrough_nudges(),
    )?;
    write("explorer.html", sweep.explorer()?.html());
    let anim = nudge_animation(&sweep, 2)?;
    write("player.html", &anim.player_html().expect("an animation"));
    Ok(())
}
