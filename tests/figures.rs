//! Every figure function renders an image of the stated size, deterministically,
//! shows itself to the evcxr kernel correctly, and refuses bad input.

use backprop_lab::prelude::*;
use backprop_lab::{
    figures::{plot_transpose, with_figure_size, FigureFormat},
    sin_chain::sin_chain_data,
};

/// Width and height from a PNG's IHDR chunk, checking the signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// Decodes a PNG fully with the png crate (an independent check that it is valid).
fn png_decodes(bytes: &[u8]) -> (u32, u32) {
    let dec = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = dec.read_info().expect("valid PNG header");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("valid PNG data");
    (info.width, info.height)
}

/// Size and frame count of a GIF, decoded with the gif crate.
fn gif_info(bytes: &[u8]) -> (u32, u32, usize) {
    let mut opts = gif::DecodeOptions::new();
    opts.set_color_output(gif::ColorOutput::RGBA);
    let mut dec = opts
        .read_info(std::io::Cursor::new(bytes))
        .expect("valid GIF");
    let (w, h) = (dec.width() as u32, dec.height() as u32);
    let mut frames = 0;
    while dec.read_next_frame().expect("valid frame").is_some() {
        frames += 1;
    }
    (w, h, frames)
}

fn check_png(fig: &Figure, size: (u32, u32)) {
    assert_eq!(fig.format(), FigureFormat::Png);
    assert!(
        fig.bytes().len() > 1000,
        "a real picture, not an empty file"
    );
    assert_eq!(png_size(fig.bytes()), size);
    assert_eq!(png_decodes(fig.bytes()), size);
    assert_eq!((fig.width(), fig.height()), size);
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    } as u32;
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let pad = chunk.iter().filter(|&&c| c == b'=').count();
        let mut v = 0u32;
        for &c in chunk {
            v = (v << 6) | if c == b'=' { 0 } else { val(c) };
        }
        let bytes = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    out
}

#[test]
fn walkthrough_charts_render_at_their_sizes() {
    check_png(&plot_sigmoid().unwrap(), (640, 420));
    check_png(&plot_sigmoid_and_prime().unwrap(), (640, 420));
    let (x, y) = toy(200).unwrap();
    check_png(&plot_toy_data(&x, &y).unwrap(), (640, 420));
    let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 1).unwrap();
    check_png(
        &plot_points_and_outputs(&x, &y, &net.predict(&x).unwrap()).unwrap(),
        (1200, 480),
    );
    let (cx, cy) = make_circles(200, 0.3, 0.1, 0).unwrap();
    check_png(&plot_circles(&cx, &cy).unwrap(), (720, 560));
    let mut circ = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let h = train(
        &mut circ,
        &cx,
        &cy,
        &TrainConfig::new()
            .eta(1.0)
            .batch_size(50)
            .epochs(2)
            .snapshots(true)
            .grad_check(true),
    )
    .unwrap();
    check_png(&plot_training(&h).unwrap(), (1500, 450));
    check_png(
        &plot_grad_check_errors(&h.grad_check_errors).unwrap(),
        (720, 420),
    );
    check_png(
        &plot_decision_boundary(&circ, &cx, &cy).unwrap(),
        (640, 600),
    );
    let (sx, sy) = sin_chain_data(50, 1).unwrap();
    check_png(
        &plot_sin_fit(&sx, &sy, &[("before", [0.2, 0.3]), ("after", [1.0, 1.5])]).unwrap(),
        (760, 480),
    );
}

#[test]
fn nudge_panels_and_animation() {
    let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2).unwrap();
    let s = nudge_sweep(&net, -5.0, -1.0, Param1d::W1, &walkthrough_nudges()).unwrap();
    check_png(&plot_nudge(&s).unwrap(), (1500, 450));
    let anim = nudge_animation(&s, 5).unwrap();
    assert_eq!(anim.format(), FigureFormat::Gif);
    // 51 nudges, every 5th: indices 0, 5, ..., 50 → 11 frames.
    assert_eq!(gif_info(anim.bytes()), (1200, 380, 11));
    assert_eq!(anim.frames(), 11);
    assert!(nudge_animation(&s, 0).is_err());
}

#[test]
fn hidden_representation_animation_has_a_frame_per_snapshot() {
    let (x, y) = make_circles(100, 0.3, 0.1, 0).unwrap();
    let mut net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let h = train(
        &mut net,
        &x,
        &y,
        &TrainConfig::new()
            .eta(3.0)
            .batch_size(50)
            .epochs(3)
            .snapshots(true),
    )
    .unwrap();
    assert_eq!(h.snapshots.len(), 4); // before training + 3 epochs
    let anim = hidden_layer_animation(&h.snapshots, &x, &y, 2).unwrap();
    assert_eq!(gif_info(anim.bytes()), (1100, 500, 4));
    // Deterministic, axis names included: the same snapshots give the same bytes.
    let again = hidden_layer_animation(&h.snapshots, &x, &y, 2).unwrap();
    assert_eq!(anim.bytes(), again.bytes());
    // No frames, and a hidden layer without 3 units, are errors.
    assert!(matches!(
        hidden_layer_animation(&[], &x, &y, 2),
        Err(Error::Empty { .. })
    ));
    let wide = Network::random(&[2, 4, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    assert!(matches!(
        hidden_layer_animation(&[wide], &x, &y, 1),
        Err(Error::Shape { .. })
    ));
}

#[test]
fn diagrams_render() {
    check_png(
        &plot_network(&NetworkDiagram::new(&[1, 3, 2, 1]).highlight(2, 0)).unwrap(),
        (900, 560),
    );
    let g = lab_small_network_graph();
    let j = g.get("J").unwrap();
    let back = g.backward(j).unwrap();
    let fig = plot_graph(&back).unwrap();
    check_png(&fig, (fig.width(), fig.height()));
    let quiz = check_quiz(&g, j, &[Answer::value("c", -4.0), Answer::grad("w", 1.0)]).unwrap();
    let hidden = plot_quiz(&quiz, false).unwrap();
    let revealed = plot_quiz(&quiz, true).unwrap();
    check_png(&hidden, (fig.width(), fig.height()));
    assert_ne!(
        hidden.bytes(),
        revealed.bytes(),
        "revealing changes the boxes"
    );
    let mut mf = MiniFlow::new();
    let (xi, wi, bi) = (mf.input("X"), mf.input("W"), mf.input("b"));
    mf.linear("f", xi, wi, bi).unwrap();
    let m = plot_miniflow(&mf).unwrap();
    check_png(&m, (m.width(), m.height()));
    assert!(matches!(
        plot_miniflow(&MiniFlow::new()),
        Err(Error::Empty { .. })
    ));
    assert!(plot_network(&NetworkDiagram::new(&[3])).is_err());
    assert!(plot_network(&NetworkDiagram::new(&[2, 3, 1]).highlight(0, 0)).is_err());
}

#[test]
fn fan_out_captions_and_transpose_render() {
    // Notebook 06's fan-out of neuron k = 1 and its indexed network.
    let plain =
        NetworkDiagram::new(&[3, 2]).captions(&["layer L − 1: neurons k", "layer L: neurons j"]);
    let fan = plot_network(&plain.clone().fan_out(0, 1)).unwrap();
    check_png(&fan, (900, 560));
    assert_eq!(
        fan,
        plot_network(&plain.clone().fan_out(0, 1)).unwrap(),
        "deterministic"
    );
    let captioned = plot_network(&plain).unwrap();
    assert_ne!(fan.bytes(), captioned.bytes(), "the fan-out is drawn");
    assert_ne!(
        captioned.bytes(),
        plot_network(&NetworkDiagram::new(&[3, 2])).unwrap().bytes(),
        "the captions replace input/output"
    );
    // A fan-out needs a next layer and an existing neuron; one caption per layer.
    for bad in [
        NetworkDiagram::new(&[3, 2]).fan_out(1, 0),
        NetworkDiagram::new(&[3, 2]).fan_out(0, 3),
        NetworkDiagram::new(&[3, 2]).captions(&["only one"]),
        NetworkDiagram::new(&[3, 2]).captions(&["a", &"x".repeat(1001)]),
    ] {
        assert!(
            matches!(plot_network(&bad), Err(Error::InvalidParameter { .. })),
            "{bad:?}"
        );
    }
    // Notebook 04's Xᵀ picture: the first toy examples, one per row, then per column.
    let (inputs, _) = toy(1000).unwrap();
    let t = plot_transpose(&inputs, 5).unwrap();
    check_png(&t, (900, 380));
    assert_eq!(t, plot_transpose(&inputs, 5).unwrap(), "deterministic");
    let (x2, _) = make_circles(10, 0.3, 0.1, 0).unwrap();
    check_png(&plot_transpose(&x2, 6).unwrap(), (900, 380));
    // Fewer rows than asked for: all of them, no ellipsis needed.
    check_png(&plot_transpose(&array![[1.0, 2.0]], 3).unwrap(), (900, 380));
    assert!(matches!(
        plot_transpose(&inputs, 0),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        plot_transpose(&inputs, 7),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        plot_transpose(&Array2::<f64>::zeros((2, 4)), 2),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        plot_transpose(&Array2::<f64>::zeros((0, 1)), 2),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        plot_transpose(&array![[f64::NAN]], 1),
        Err(Error::NonFinite { .. })
    ));
}

#[test]
fn figures_are_deterministic() {
    let (x, y) = make_circles(100, 0.3, 0.1, 0).unwrap();
    assert_eq!(plot_circles(&x, &y).unwrap(), plot_circles(&x, &y).unwrap());
    let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2).unwrap();
    let s = nudge_sweep(&net, -5.0, -1.0, Param1d::W3, &walkthrough_nudges()).unwrap();
    assert_eq!(
        nudge_animation(&s, 10).unwrap().bytes(),
        nudge_animation(&s, 10).unwrap().bytes()
    );
    let g = lab_square_graph();
    let b = g.backward(g.get("J").unwrap()).unwrap();
    assert_eq!(
        plot_graph(&b).unwrap().bytes(),
        plot_graph(&b).unwrap().bytes()
    );
}

#[test]
fn evcxr_display_blocks_decode_to_the_image() {
    let fig = plot_sigmoid().unwrap();
    let text = fig.evcxr_content();
    let body = text
        .strip_prefix("EVCXR_BEGIN_CONTENT image/png\n")
        .and_then(|t| t.strip_suffix("\nEVCXR_END_CONTENT\n"))
        .expect("well-formed begin/end block");
    assert_eq!(base64_decode(body), fig.bytes());
    // Animations go out as the player (HTML holding each frame as a one-frame
    // GIF data URI), then the last frame as a PNG for viewers without scripts.
    let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2).unwrap();
    let s = nudge_sweep(&net, -5.0, -1.0, Param1d::W3, &[-1.0, 0.0, 1.0]).unwrap();
    let anim = nudge_animation(&s, 1).unwrap();
    let text = anim.evcxr_content();
    assert!(
        text.starts_with("EVCXR_BEGIN_CONTENT text/html\n<div class=\"bpl-widget bpl-player\" ")
    );
    let frames: Vec<Vec<u8>> = text
        .split("\"data:image/gif;base64,")
        .skip(1)
        .map(|t| base64_decode(t.split('"').next().unwrap()))
        .collect();
    assert_eq!(frames.len(), 3);
    for (k, f) in frames.iter().enumerate() {
        assert_eq!(Some(&f[..]), anim.frame_gif(k));
        assert_eq!(&f[..6], b"GIF89a");
    }
    let png = text
        .split("EVCXR_BEGIN_CONTENT image/png\n")
        .nth(1)
        .and_then(|t| t.strip_suffix("\nEVCXR_END_CONTENT\n"))
        .expect("a PNG block last");
    assert_eq!(&base64_decode(png)[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn bad_input_is_refused_and_leaves_no_file() {
    assert!(matches!(
        plot_grad_check_errors(&[]),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        plot_grad_check_errors(&[1e-9, f64::NAN]),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(
        with_figure_size((0, 100), plot_sigmoid),
        Err(Error::InvalidParameter { .. })
    ));
    let x = array![[0.0, f64::NAN]];
    assert!(plot_circles(&x, &array![[1.0]]).is_err());
    assert!(plot_toy_data(&array![[1.0], [2.0]], &array![[1.0]]).is_err());
    assert!(plot_sin_fit(&[], &[], &[("w", [1.0, 1.0])]).is_err());
    assert!(plot_sin_fit(&[1.0], &[1.0], &[]).is_err());
    check_png(&plot_curve("t", "x", "y", &[1.0, 2.0]).unwrap(), (720, 420));
    // Saving into a missing directory fails without leaving a partial file behind.
    let fig = plot_sigmoid().unwrap();
    let dir = std::env::temp_dir().join("backprop_lab_no_such_dir_xyz");
    let err = fig.save(dir.join("f.png")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(!dir.exists());
    // A good save writes exactly the bytes, and no ".partial" file remains.
    let out = std::env::temp_dir().join(format!("backprop_lab_fig_{}.png", std::process::id()));
    fig.save(&out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), fig.bytes());
    let mut partial = out.clone().into_os_string();
    partial.push(".partial");
    assert!(!std::path::Path::new(&partial).exists());
    std::fs::remove_file(&out).unwrap();
}

#[test]
fn figure_size_override_applies_to_charts() {
    let fig = with_figure_size((800, 500), plot_sigmoid_and_prime).unwrap();
    check_png(&fig, (800, 500));
    // And is gone afterwards.
    check_png(&plot_sigmoid_and_prime().unwrap(), (640, 420));
}
