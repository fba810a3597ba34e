//! The interactive outputs (quiz diagram, nudge explorer, animation player):
//! what they carry, that many can share a page, and how big they are. Their
//! behaviour in a browser is tested by scripts/lab_test.py in JupyterLab.

use backprop_lab::prelude::*;
use backprop_lab::{
    figures::Widget,
    graph::{check_quiz, logistic_neuron_graph, Answer, Mark, QuizField},
};

/// The numbers of one `name:[...]` array in a widget's script.
fn array_after(html: &str, name: &str) -> Vec<f64> {
    let start = html.find(&format!("{name}:[")).expect("the array is there") + name.len() + 2;
    let end = start + html[start..].find(']').expect("closed");
    html[start..end]
        .split(',')
        .map(|s| s.parse().expect("a number"))
        .collect()
}

fn check_common(w: &Widget, kind: &str) {
    let html = w.html();
    assert!(
        html.starts_with(&format!("<div class=\"bpl-widget {kind}\" ")),
        "{}",
        &html[..80]
    );
    // No element ids: any number of widgets can share a page.
    assert!(!html.contains(" id="), "a widget must not use ids");
    assert!(html.contains("document.currentScript"));
    // No network: nothing is fetched.
    assert!(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"));
    assert!(!html.contains("https://") && !html.contains("src=\"//"));
    // The fallback is a PNG.
    assert_eq!(&w.fallback_png()[..8], b"\x89PNG\r\n\x1a\n");
    let content = w.evcxr_content();
    assert!(content.starts_with("EVCXR_BEGIN_CONTENT text/html\n"));
    assert!(content.contains("EVCXR_BEGIN_CONTENT image/png\n"));
}

#[test]
fn quiz_widget_carries_every_box_and_its_truth() {
    // The lab's small network: x = 2, w = -2, b = 8, y = 1 gives c = -4, a = 4,
    // d = 3, J = 4.5 and dJ/dw = 6 (the lab's printed values).
    let g = lab_small_network_graph();
    let answers = [Answer::value("c", -4.0), Answer::grad("w", 3.0)];
    let report = check_quiz(&g, g.get("J").unwrap(), &answers).unwrap();
    let w = report.widget().unwrap();
    check_common(&w, "bpl-quiz");
    let html = w.html();
    // One box per node value, per node derivative and per edge: as many as
    // check_quiz marks.
    let boxes = html.matches("<input data-box=\"").count();
    assert_eq!(boxes, report.items.len());
    for truth in [
        "truth:-4.0",
        "truth:4.0",
        "truth:3.0",
        "truth:4.5",
        "truth:6.0",
    ] {
        assert!(html.contains(truth), "{truth} missing");
    }
    // The answers given in code start the diagram.
    assert!(html.contains("truth:-4.0,given:-4.0"));
    assert!(html.contains("truth:6.0,given:3.0"));
    for button in ["bpl-reveal", "bpl-reset"] {
        assert!(html.contains(button));
    }
}

#[test]
fn deep_graphs_flow_top_to_bottom_at_notebook_width() {
    // The logistic neuron is 7 levels deep: cards stack downwards and the
    // widest level (x0, w0, x1, w1) stays under a notebook's ~900 px.
    let g = logistic_neuron_graph([1.0, 2.0], [0.5, -0.25], 0.1, 1.0);
    let w = check_quiz(&g, g.get("L").unwrap(), &[])
        .unwrap()
        .widget()
        .unwrap();
    check_common(&w, "bpl-quiz");
    assert!(w.html().contains("across:false"));
    let width: f64 = {
        let k = w.html().find("class=\"bpl-stage\" style=\"width:").unwrap() + 32;
        w.html()[k..].split("px").next().unwrap().parse().unwrap()
    };
    assert!(width <= 900.0, "{width}");
    // The static figure does the same: narrow enough to show near full size.
    let fig = plot_graph(&g.backward(g.get("L").unwrap()).unwrap()).unwrap();
    assert!(
        fig.width() <= 1100 && fig.height() > fig.width(),
        "{}x{}",
        fig.width(),
        fig.height()
    );
    // The lab's square graph is shallow and reads left to right.
    let sq = lab_square_graph();
    let w = check_quiz(&sq, sq.get("J").unwrap(), &[])
        .unwrap()
        .widget()
        .unwrap();
    assert!(w.html().contains("across:true"));
}

#[test]
fn explorer_carries_the_sweep() {
    let (inputs, labels) = toy(1000).unwrap();
    let net = Net1d::nudge_setup(4);
    let (x, y) = (inputs[[0, 0]], labels[[0, 0]]);
    let sweep = nudge_sweep(&net, x, y, Param1d::W1, &walkthrough_nudges()).unwrap();
    let w = sweep.explorer().unwrap();
    check_common(&w, "bpl-explorer");
    let html = w.html();
    // Exactly the sweep's numbers, so what the slider shows is the sweep.
    assert_eq!(array_after(html, "nudges"), sweep.nudges);
    assert_eq!(array_after(html, "values"), sweep.values);
    assert_eq!(array_after(html, "z"), sweep.z[0]);
    assert_eq!(array_after(html, "a3"), sweep.a[2]);
    assert_eq!(array_after(html, "cost"), sweep.cost);
    // It starts at zero nudge: index 25 of linspace(-5, 5, 51).
    assert!(html.contains("value=\"25\""));
    // Backprop's derivative sits next to the measured slope; an independent
    // central difference of the cost agrees with it.
    let h = 1e-5;
    let v = net.get(Param1d::W1);
    let diff = (net.with(Param1d::W1, v + h).unwrap().cost(x, y).unwrap()
        - net.with(Param1d::W1, v - h).unwrap().cost(x, y).unwrap())
        / (2.0 * h);
    assert!((sweep.backprop - diff).abs() <= 1e-8 * diff.abs().max(1e-3));
    assert!(html.contains(&format!("data-backprop\", \"{:?}\"", sweep.backprop)));
}

#[test]
fn players_stay_under_2_mb_and_show_their_frames() {
    // Notebook 05's nudge animation (every 2nd of 51 nudges: 26 frames).
    let (inputs, labels) = toy(1000).unwrap();
    let net = Net1d::nudge_setup(4);
    let sweep = nudge_sweep(
        &net,
        inputs[[0, 0]],
        labels[[0, 0]],
        Param1d::W1,
        &walkthrough_nudges(),
    )
    .unwrap();
    let anim = nudge_animation(&sweep, 2).unwrap();
    assert_eq!(anim.frames(), 26);
    let html = anim.player_html().unwrap();
    assert_eq!(html.matches("\"data:image/gif;base64,").count(), 26);
    assert!(!html.contains(" id="));
    for control in ["bpl-play", "bpl-prev", "bpl-next", "bpl-scrub", "bpl-speed"] {
        assert!(html.contains(control), "{control}");
    }
    let size = anim.evcxr_content().len();
    println!("nudge animation output: {size} bytes");
    assert!(size <= 2 * 1024 * 1024, "{size} bytes");
    // The GIF stays what save() writes.
    assert_eq!(&anim.bytes()[..6], b"GIF89a");
    // A still figure has no player.
    assert!(plot_nudge(&sweep).unwrap().player_html().is_none());
}

#[test]
fn the_hidden_layer_player_of_notebook_07_stays_under_2_mb() {
    // Notebook 08's animation: 61 snapshots of 60 epochs, every 5th: 13 frames.
    let (x, y) = make_circles(1000, 0.3, 0.1, 0).unwrap();
    let mut net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let cfg = TrainConfig::new()
        .eta(3.0)
        .batch_size(50)
        .epochs(60)
        .shuffled(1)
        .snapshots(true);
    let run = train(&mut net, &x, &y, &cfg).unwrap();
    let frames: Vec<Network> = run.snapshots.iter().step_by(5).cloned().collect();
    assert_eq!(frames.len(), 13);
    let anim = hidden_layer_animation(&frames, &x, &y, 2).unwrap();
    let size = anim.evcxr_content().len();
    println!("hidden-layer animation output: {size} bytes");
    assert!(size <= 2 * 1024 * 1024, "{size} bytes");
}

#[test]
fn widgets_refuse_what_their_figures_refuse() {
    // A sweep edited out of shape: an error naming the call, not a panic.
    let net = Net1d::nudge_setup(4);
    let mut sweep = nudge_sweep(&net, -5.0, -1.0, Param1d::W3, &walkthrough_nudges()).unwrap();
    sweep.cost.pop();
    let msg = sweep.explorer().unwrap_err().to_string();
    assert!(
        msg.starts_with("NudgeSweep::explorer") && msg.contains("51"),
        "{msg}"
    );
    // A graph too big to draw readably.
    let g = Graph::new();
    let mut v = g.param("p0", 1.0);
    for k in 1..50 {
        v = (v + g.param(&format!("p{k}"), 1.0)).named(&format!("s{k}"));
    }
    let report = check_quiz(&g, v, &[]).unwrap();
    let msg = report.widget().unwrap_err().to_string();
    assert!(
        msg.starts_with("QuizReport::widget") && msg.contains("40"),
        "{msg}"
    );
}

#[test]
fn fanout_quiz_marks_the_sum_of_two_paths() {
    // a = 2, b = 1, c = 4: u = 3, v = 8, J = 24; ∂J/∂a = 1·v + c·u = 8 + 12 = 20
    // by hand, and 8 (only the path through u) is marked wrong.
    let g = lab_fanout_graph();
    let answers = [Answer::grad("a", 8.0), Answer::grad("c", 6.0)];
    let report = check_quiz(&g, g.get("J").unwrap(), &answers).unwrap();
    assert_eq!(report.mark("a", &QuizField::Grad), Some(Mark::Wrong(8.0)));
    assert_eq!(report.mark("c", &QuizField::Grad), Some(Mark::Right(6.0)));
    let w = report.widget().unwrap();
    check_common(&w, "bpl-quiz");
    let html = w.html();
    assert_eq!(
        html.matches("<input data-box=\"").count(),
        report.items.len()
    );
    assert!(html.contains("truth:20.0"), "∂J/∂a = 20 missing");
}
