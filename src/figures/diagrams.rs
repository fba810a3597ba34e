//! Diagrams: network layouts, computation graphs (with the quiz variant) and
//! MiniFlow graphs, drawn in pixels.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{BLUE, GREEN, GREY, ORANGE};
use super::{check_text, render_png, Area, DrawResult, Figure};
use crate::error::{Error, Result};
use crate::graph::backward::{fmt_g, Backward};
use crate::graph::handle::{NodeId, NodeKind};
use crate::graph::quiz::{Mark, QuizField, QuizReport};
use crate::miniflow::{FlowNodeInfo, FlowOp, MiniFlow};

fn centered(size: i32, color: RGBColor) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(&color)
        .pos(Pos::new(HPos::Center, VPos::Center))
}

/// Draws `text` in a rounded-looking box centred at `c`; returns the box's half size.
fn boxed(
    area: &Area<'_>,
    c: (i32, i32),
    text: &str,
    fg: RGBColor,
    fill: RGBColor,
    size: i32,
) -> std::result::Result<(i32, i32), Box<dyn std::error::Error>> {
    let style = centered(size, fg);
    let (w, h) = area.estimate_text_size(text, &style)?;
    // Texts are at most MAX_TEXT characters (a few thousand for a caption
    // built from names), far inside i32; saturate all the same.
    let half = |v: u32, pad: i32| i32::try_from(v / 2).unwrap_or(i32::MAX).saturating_add(pad);
    let (hw, hh) = (half(w, 8), half(h, 5));
    area.draw(&Rectangle::new(
        [(c.0 - hw, c.1 - hh), (c.0 + hw, c.1 + hh)],
        fill.filled(),
    ))?;
    area.draw(&Rectangle::new(
        [(c.0 - hw, c.1 - hh), (c.0 + hw, c.1 + hh)],
        fg.stroke_width(2),
    ))?;
    area.draw(&Text::new(text.to_string(), c, style))?;
    Ok((hw, hh))
}

const LIGHT_BLUE: RGBColor = RGBColor(222, 235, 250);
const LIGHT_GREEN: RGBColor = RGBColor(224, 243, 224);
const LIGHT_GREY: RGBColor = RGBColor(240, 240, 240);

/// The quiz's one colour scheme, shared by [`plot_quiz`] and the quiz widget
/// (whose stylesheet, `web/widget.css`, holds the same values; a test keeps
/// them equal): as the lab colours its boxes, a right forward value is blue, a
/// right derivative (a node's or an edge's) green, a wrong answer red, each as
/// (border and text, fill).
pub(crate) const QUIZ_VALUE: (RGBColor, RGBColor) =
    (RGBColor(21, 101, 192), RGBColor(227, 240, 252));
/// A right derivative's colours; see [`QUIZ_VALUE`].
pub(crate) const QUIZ_GRAD: (RGBColor, RGBColor) = (RGBColor(46, 125, 50), RGBColor(230, 244, 231));
/// A wrong answer's colours; see [`QUIZ_VALUE`].
pub(crate) const QUIZ_WRONG: (RGBColor, RGBColor) =
    (RGBColor(198, 40, 40), RGBColor(253, 236, 234));

/// What [`plot_network`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkDiagram {
    /// Layer sizes, input first, e.g. `[1, 3, 2, 1]`.
    pub sizes: Vec<usize>,
    /// A node to highlight with its incoming weights: `(layer, neuron)`, with
    /// layer 0 the input layer (the walkthrough highlights neuron 0 of the last
    /// hidden layer).
    pub highlight: Option<(usize, usize)>,
    /// Label every wire with its weight name (only sensible for small networks;
    /// the highlighted node's wires are labelled regardless).
    pub label_all_weights: bool,
    /// Draw the bias trick's constant node `1` at the bottom of every layer but the last.
    pub bias_nodes: bool,
    /// A node to highlight with its *outgoing* weights, the fan-out of notebook
    /// 06: `(layer, neuron)`, any layer but the last. The node is drawn in
    /// green, its wires in blue with their weight names, and every neuron it
    /// feeds in orange.
    pub fan_out: Option<(usize, usize)>,
    /// One caption per layer under its column, in place of `input`, `hidden l`
    /// and `output`; `None` keeps those.
    pub captions: Option<Vec<String>>,
    /// The caption.
    pub title: String,
}

impl NetworkDiagram {
    /// A plain diagram of the given sizes.
    pub fn new(sizes: &[usize]) -> Self {
        NetworkDiagram {
            sizes: sizes.to_vec(),
            highlight: None,
            label_all_weights: false,
            bias_nodes: false,
            fan_out: None,
            captions: None,
            title: format!("network {sizes:?}"),
        }
    }
    /// Highlights a node and its incoming weights.
    pub fn highlight(mut self, layer: usize, neuron: usize) -> Self {
        self.highlight = Some((layer, neuron));
        self
    }
    /// Labels every wire.
    pub fn label_all_weights(mut self, on: bool) -> Self {
        self.label_all_weights = on;
        self
    }
    /// Adds the bias trick's constant nodes.
    pub fn bias_nodes(mut self, on: bool) -> Self {
        self.bias_nodes = on;
        self
    }
    /// Highlights a node and its outgoing weights to every neuron it feeds.
    pub fn fan_out(mut self, layer: usize, neuron: usize) -> Self {
        self.fan_out = Some((layer, neuron));
        self
    }
    /// Sets the caption under every layer, input first (one per layer).
    pub fn captions(mut self, captions: &[&str]) -> Self {
        self.captions = Some(captions.iter().map(|c| c.to_string()).collect());
        self
    }
    /// Sets the caption.
    pub fn title(mut self, title: &str) -> Self {
        self.title = title.to_string();
        self
    }
}

/// The most layers [`plot_network`] draws.
const MAX_LAYERS: usize = 12;

/// A network drawn as the walkthrough draws them: layers as columns of circles,
/// weights on the wires (`w_{j,k}`: into neuron `j` from neuron `k` of the
/// previous layer), a highlighted node in orange with its incoming weights and
/// its inputs numbered in blue; or a fanned-out node in green with its
/// outgoing weights in blue and the neurons it feeds in orange. 900×560.
///
/// # Errors
/// [`Error::InvalidParameter`] for fewer than two or more than 12 layers, a
/// layer of size 0 or more than 12, a highlight outside the network, a
/// fan-out that names no neuron before the last layer, captions that are not
/// one per layer, or a title or caption longer than 1000 characters. (Columns are 720 / (layers − 1) pixels
/// apart: past 12 layers they crowd; drawing time grows with layers × 144
/// wires.)
///
/// ```
/// use backprop_lab::figures::{plot_network, NetworkDiagram};
/// let fig = plot_network(&NetworkDiagram::new(&[1, 3, 2, 1]).highlight(2, 0))?;
/// assert_eq!(fig.width(), 900);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_network(d: &NetworkDiagram) -> Result<Figure> {
    const OP: &str = "plot_network";
    check_network(OP, d)?;
    let (w, h) = (900u32, 560u32);
    render_png(OP, (w, h), |root| {
        root.draw(&Text::new(
            d.title.clone(),
            (w as i32 / 2, 26),
            centered(24, BLACK),
        ))?;
        let grid = NetGrid::new(d, w as i32, h as i32);
        // Wires first, under the nodes.
        draw_wires(root, &grid)?;
        for l in 0..grid.layers() {
            for j in 0..grid.rows(l) {
                draw_neuron(root, &grid, l, j)?;
            }
            let caption = d
                .captions
                .as_ref()
                .map_or_else(|| layer_name(l, grid.layers()), |c| c[l].clone());
            let style = centered(19, RGBColor(70, 70, 70));
            // Kept inside the figure: a long caption under the first or last
            // column moves inwards.
            let half = i32::try_from(root.estimate_text_size(&caption, &style)?.0 / 2)
                .unwrap_or(i32::MAX / 4)
                .saturating_add(6);
            let x = grid.col_x(l).max(half).min((w as i32 - half).max(half));
            root.draw(&Text::new(caption, (x, h as i32 - 28), style))?;
        }
        Ok(())
    })
}

/// [`plot_network`]'s checks: 2 to [`MAX_LAYERS`] layers of 1 to 12 neurons, a
/// title of drawable length, and a highlight that names a neuron past the input.
fn check_network(op: &'static str, d: &NetworkDiagram) -> Result<()> {
    if d.sizes.len() < 2 || d.sizes.len() > MAX_LAYERS || d.sizes.iter().any(|&s| s == 0 || s > 12)
    {
        let value = if d.sizes.len() > 2 * MAX_LAYERS {
            format!("{} layers", d.sizes.len())
        } else {
            format!("{:?}", d.sizes)
        };
        return Err(Error::InvalidParameter {
            op,
            name: "sizes",
            value,
            reason: format!("a diagram needs 2 to {MAX_LAYERS} layers of 1 to 12 neurons"),
        });
    }
    check_text(op, "title", &d.title)?;
    check_fan_out(op, d)?;
    if let Some((l, j)) = d.highlight {
        if l == 0 || l >= d.sizes.len() || j >= d.sizes[l] {
            return Err(Error::InvalidParameter {
                op,
                name: "highlight",
                value: format!("({l}, {j})"),
                reason: format!(
                    "must name a neuron of layers 1..{} of {:?}",
                    d.sizes.len() - 1,
                    d.sizes
                ),
            });
        }
    }
    Ok(())
}

/// [`check_network`]'s part for the fan-out and the captions.
fn check_fan_out(op: &'static str, d: &NetworkDiagram) -> Result<()> {
    if let Some((l, k)) = d.fan_out {
        if l + 1 >= d.sizes.len() || k >= d.sizes[l] {
            return Err(Error::InvalidParameter {
                op,
                name: "fan_out",
                value: format!("({l}, {k})"),
                reason: format!(
                    "must name a neuron of layers 0..{} of {:?} (one that feeds a next layer)",
                    d.sizes.len() - 2,
                    d.sizes
                ),
            });
        }
    }
    if let Some(c) = &d.captions {
        if c.len() != d.sizes.len() {
            return Err(Error::InvalidParameter {
                op,
                name: "captions",
                value: format!("{} captions", c.len()),
                reason: format!("one caption per layer: {} for {:?}", d.sizes.len(), d.sizes),
            });
        }
        for caption in c {
            check_text(op, "caption", caption)?;
        }
    }
    Ok(())
}

/// Where [`plot_network`] puts each neuron: one column per layer, each
/// column's rows (with the bias node, if drawn) centred vertically.
struct NetGrid<'a> {
    d: &'a NetworkDiagram,
    /// Figure width and height in pixels.
    w: i32,
    h: i32,
    /// Vertical distance between neighbouring neurons.
    gap: i32,
}

impl<'a> NetGrid<'a> {
    /// Node radius.
    const R: i32 = 24;

    fn new(d: &'a NetworkDiagram, w: i32, h: i32) -> Self {
        let mut grid = NetGrid { d, w, h, gap: 0 };
        let max_rows = (0..grid.layers()).map(|l| grid.rows(l)).max().unwrap_or(1) as i32;
        grid.gap = ((h - 150) / max_rows.max(1)).min(110);
        grid
    }
    fn layers(&self) -> usize {
        self.d.sizes.len()
    }
    /// Neurons drawn in layer `l`: its size, plus the bias node `+1` if drawn.
    fn rows(&self, l: usize) -> usize {
        self.d.sizes[l] + usize::from(self.d.bias_nodes && l + 1 < self.layers())
    }
    fn col_x(&self, l: usize) -> i32 {
        90 + (l as i32) * ((self.w - 180) / (self.layers() as i32 - 1))
    }
    fn node_y(&self, l: usize, j: usize) -> i32 {
        let n = self.rows(l) as i32;
        self.h / 2 + 10 - (n - 1) * self.gap / 2 + j as i32 * self.gap
    }
    fn centre(&self, l: usize, j: usize) -> (i32, i32) {
        (self.col_x(l), self.node_y(l, j))
    }
    /// Every layer has one neuron: names read `x`, `h_1`, `w_1`, ... .
    fn one_d(&self) -> bool {
        self.d.sizes.iter().all(|&s| s == 1)
    }
}

/// The wires into every neuron past the input, the highlighted neuron's in
/// orange; labelled with their weight names where asked for.
fn draw_wires(root: &Area<'_>, grid: &NetGrid<'_>) -> DrawResult {
    let d = grid.d;
    for l in 1..grid.layers() {
        for j in 0..d.sizes[l] {
            let incoming = d.sizes[l - 1] + usize::from(d.bias_nodes);
            for k in 0..incoming {
                let lit = d.highlight == Some((l, j));
                let fans = d.fan_out == Some((l - 1, k));
                let (a, b) = (grid.centre(l - 1, k), grid.centre(l, j));
                let color = match (lit, fans) {
                    (true, _) => ORANGE,
                    (false, true) => BLUE,
                    _ => GREY,
                };
                root.draw(&PathElement::new(
                    vec![a, b],
                    color.stroke_width(if lit || fans { 3 } else { 1 }),
                ))?;
                if lit || fans || d.label_all_weights {
                    let bias = k == d.sizes[l - 1];
                    let label = weight_name(grid.one_d(), bias, l, j, k);
                    let fg = match (lit, fans) {
                        (true, _) => ORANGE,
                        (false, true) => BLUE,
                        _ => RGBColor(90, 90, 90),
                    };
                    draw_wire_label(root, label, a, b, fg)?;
                }
            }
        }
    }
    Ok(())
}

/// The weight on the wire into neuron `j` of layer `l` from neuron `k`:
/// `w_l` in a one-neuron-per-layer network, else `w_{j},{k}`.
fn weight_name(one_d: bool, bias: bool, l: usize, j: usize, k: usize) -> String {
    if one_d {
        format!("w_{l}")
    } else if bias {
        format!("w_{j},{k} (bias)")
    } else {
        format!("w_{j},{k}")
    }
}

/// A wire's label on a white patch, a third of the way from `a` to `b` (so
/// labels of wires into one neuron do not pile up at it).
fn draw_wire_label(
    root: &Area<'_>,
    label: String,
    a: (i32, i32),
    b: (i32, i32),
    fg: RGBColor,
) -> DrawResult {
    let t = 0.32;
    let at = (
        a.0 + ((b.0 - a.0) as f64 * t) as i32,
        a.1 + ((b.1 - a.1) as f64 * t) as i32,
    );
    let style = centered(17, fg);
    let (tw, th) = root.estimate_text_size(&label, &style)?;
    let (hw, hh) = (tw as i32 / 2 + 3, th as i32 / 2 + 2);
    root.draw(&Rectangle::new(
        [(at.0 - hw, at.1 - hh), (at.0 + hw, at.1 + hh)],
        WHITE.filled(),
    ))?;
    root.draw(&Text::new(label, at, style))?;
    Ok(())
}

/// Neuron `j` of layer `l` as a labelled circle: orange when highlighted or
/// fed by the fanned-out neuron, blue when it feeds the highlighted neuron,
/// green when it is the fanned-out neuron, grey for a bias node.
fn draw_neuron(root: &Area<'_>, grid: &NetGrid<'_>, l: usize, j: usize) -> DrawResult {
    let d = grid.d;
    let c = grid.centre(l, j);
    let bias = j == d.sizes[l];
    let lit = d.highlight == Some((l, j));
    let feeds_lit = matches!(d.highlight, Some((hl, _)) if hl == l + 1);
    let fans = !bias && d.fan_out == Some((l, j));
    let fed = !bias && matches!(d.fan_out, Some((fl, _)) if fl + 1 == l);
    let (fill, edge) = if lit {
        (ORANGE.mix(0.35), ORANGE)
    } else if fed {
        // Opaque, so that the grey wires into it do not show through.
        (RGBColor(255, 216, 178).mix(1.0), ORANGE)
    } else if fans {
        (LIGHT_GREEN.mix(1.0), GREEN)
    } else if feeds_lit {
        (LIGHT_BLUE.mix(1.0), BLUE)
    } else if bias {
        (LIGHT_GREY.mix(1.0), GREY)
    } else {
        (WHITE.mix(1.0), BLACK)
    };
    root.draw(&Circle::new(c, NetGrid::R, fill.filled()))?;
    root.draw(&Circle::new(c, NetGrid::R, edge.stroke_width(2)))?;
    let label = if bias {
        "+1".to_string()
    } else if grid.one_d() {
        match l {
            0 => "x".into(),
            l if l + 1 == grid.layers() => "out".into(),
            l => format!("h_{l}"),
        }
    } else {
        j.to_string()
    };
    let color = if feeds_lit && !bias { BLUE } else { BLACK };
    root.draw(&Text::new(label, c, centered(19, color)))?;
    Ok(())
}

/// The caption under layer `l` of `layers`: `input`, `hidden l` or `output`.
fn layer_name(l: usize, layers: usize) -> String {
    match l {
        0 => "input".to_string(),
        l if l + 1 == layers => "output".to_string(),
        l => format!("hidden {l}"),
    }
}

/// Column (depth) of every node: leaves at 0, others one right of their deepest input.
pub(super) fn depths(inputs: &[Vec<usize>]) -> Vec<usize> {
    let mut d = vec![0usize; inputs.len()];
    for i in 0..inputs.len() {
        for &j in &inputs[i] {
            d[i] = d[i].max(d[j] + 1);
        }
    }
    d
}

/// [`depths`], with every leaf moved up to just before its first (shown)
/// consumer, as the lab draws `b` next to the node it feeds: edges then span
/// one column and never run across other nodes' boxes.
pub(super) fn late_depths(inputs: &[Vec<usize>], show: &[bool]) -> Vec<usize> {
    let mut d = depths(inputs);
    for leaf in (0..inputs.len()).filter(|&i| inputs[i].is_empty()) {
        let first = (0..inputs.len())
            .filter(|&j| show[j] && inputs[j].contains(&leaf))
            .map(|j| d[j])
            .min();
        if let Some(c) = first {
            d[leaf] = c.saturating_sub(1);
        }
    }
    d
}

/// Places nodes: columns by depth (x); within a column, each node sits at the
/// mean height of the nodes it feeds, pushed apart to at least `spacing`, so the
/// graph reads as a tree flowing right. Returns positions and the height used.
pub(super) fn layout(
    inputs: &[Vec<usize>],
    d: &[usize],
    show: &[bool],
    w: i32,
    top: i32,
    spacing: i32,
) -> (Vec<(i32, i32)>, i32) {
    let n = inputs.len();
    let cols = (0..n).filter(|&i| show[i]).map(|i| d[i]).max().unwrap_or(0) + 1;
    let mut consumers = vec![Vec::new(); n];
    for (j, ins) in inputs.iter().enumerate() {
        if show[j] {
            for &i in ins {
                consumers[i].push(j);
            }
        }
    }
    let mut y = vec![0.0f64; n];
    for c in (0..cols).rev() {
        let mut members: Vec<(f64, usize)> = (0..n)
            .filter(|&i| show[i] && d[i] == c)
            .map(|i| {
                let cs = &consumers[i];
                let want = if cs.is_empty() {
                    0.0
                } else {
                    cs.iter().map(|&j| y[j]).sum::<f64>() / cs.len() as f64
                };
                (want, i)
            })
            .collect();
        members.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut placed: Vec<f64> = Vec::with_capacity(members.len());
        for (k, (want, _)) in members.iter().enumerate() {
            let v = if k == 0 {
                *want
            } else {
                want.max(placed[k - 1] + spacing as f64)
            };
            placed.push(v);
        }
        // Re-centre the column on where its nodes wanted to be.
        let shift = if members.is_empty() {
            0.0
        } else {
            (members.iter().map(|m| m.0).sum::<f64>() - placed.iter().sum::<f64>())
                / members.len() as f64
        };
        for ((_, i), v) in members.iter().zip(placed) {
            y[*i] = v + shift;
        }
    }
    let shown: Vec<usize> = (0..n).filter(|&i| show[i]).collect();
    let lo = shown.iter().map(|&i| y[i]).fold(f64::INFINITY, f64::min);
    let hi = shown
        .iter()
        .map(|&i| y[i])
        .fold(f64::NEG_INFINITY, f64::max);
    let pad = 90;
    let height = top + pad * 2 + (hi - lo).max(0.0) as i32;
    let pos = (0..n)
        .map(|i| {
            // A hidden node is never drawn; its depth (up to the graph's size)
            // would overflow the i32 arithmetic below.
            if !show[i] {
                return (0, top);
            }
            let x = if cols == 1 {
                w / 2
            } else {
                130 + d[i] as i32 * ((w - 260) / (cols as i32 - 1))
            };
            (x, top + pad + (y[i] - lo) as i32)
        })
        .collect();
    (pos, height)
}

/// How one box is filled in.
struct BoxText {
    text: String,
    fg: RGBColor,
    fill: RGBColor,
}

/// Graphs at most this many columns deep read left to right; deeper ones
/// flow top to bottom, so that they fit a notebook's width.
pub(super) const MAX_ACROSS: usize = 4;

/// Where each node of a backward pass goes: its depth along the flow, its
/// place across the flow (in units of one node, from 0), and whether it is
/// shown (it feeds the output).
pub(super) struct Flow {
    /// Each node's inputs, as [`inputs_of`] gives them.
    pub(super) inputs: Vec<Vec<usize>>,
    pub(super) depth: Vec<usize>,
    pub(super) cross: Vec<f64>,
    pub(super) show: Vec<bool>,
    /// How many levels deep the shown graph is.
    pub(super) levels: usize,
}

pub(super) fn flow(back: &Backward) -> Flow {
    let n = back.values.len();
    let inputs = inputs_of(back);
    let show: Vec<bool> = (0..n)
        .map(|i| back.feeds_output(NodeId::new(back.graph, i)))
        .collect();
    let depth = late_depths(&inputs, &show);
    const UNIT: i32 = 1000;
    let (pos, _) = layout(&inputs, &depth, &show, 2000, 0, UNIT);
    let low = (0..n)
        .filter(|&i| show[i])
        .map(|i| pos[i].1)
        .min()
        .unwrap_or(0);
    let levels = (0..n)
        .filter(|&i| show[i])
        .map(|i| depth[i])
        .max()
        .unwrap_or(0)
        + 1;
    Flow {
        cross: pos
            .iter()
            .map(|p| f64::from(p.1 - low) / f64::from(UNIT))
            .collect(),
        inputs,
        depth,
        show,
        levels,
    }
}

/// A diagram's canvas size and node positions (box centres), and which way
/// it flows.
struct Geometry {
    size: (u32, u32),
    pos: Vec<(i32, i32)>,
    across: bool,
}

/// A node's card in a top-to-bottom diagram: width and height in pixels.
const CARD: (i32, i32) = (224, 100);
/// The narrowest top-to-bottom graph figure: its title's width.
const DOWN_MIN_WIDTH: i32 = 860;

/// Figure size and node positions for a backward pass.
fn graph_geometry(back: &Backward) -> Geometry {
    let f = flow(back);
    if f.levels <= MAX_ACROSS {
        let w = (300 * f.levels as u32 + 120).clamp(760, 2000);
        let (pos, h) = layout(&f.inputs, &f.depth, &f.show, w as i32, 50, 150);
        return Geometry {
            size: (w, (h as u32).clamp(260, 2000)),
            pos,
            across: true,
        };
    }
    let pos: Vec<(i32, i32)> = (0..f.depth.len())
        .map(|i| {
            // A hidden node is never drawn, and its depth (up to the graph's
            // size) would overflow the i32 arithmetic; the shown ones are at
            // most 40 deep (`check_drawable`).
            if !f.show[i] {
                return (0, 0);
            }
            (
                30 + CARD.0 / 2 + (f.cross[i] * f64::from(CARD.0 + 28)) as i32,
                56 + CARD.1 / 2 + f.depth[i] as i32 * (CARD.1 + 64),
            )
        })
        .collect();
    let shown = || (0..pos.len()).filter(|&i| f.show[i]);
    let w = shown().map(|i| pos[i].0).max().unwrap_or(0) + CARD.0 / 2 + 30;
    let h = shown().map(|i| pos[i].1).max().unwrap_or(0) + CARD.1 / 2 + 24;
    // A narrow graph is centred in a figure wide enough for its title.
    let shift = (DOWN_MIN_WIDTH - w).max(0) / 2;
    let pos = pos.into_iter().map(|(x, y)| (x + shift, y)).collect();
    Geometry {
        size: (
            (w.max(DOWN_MIN_WIDTH) as u32).min(2000),
            (h as u32).clamp(260, 2000),
        ),
        pos,
        across: false,
    }
}

pub(super) fn inputs_of(back: &Backward) -> Vec<Vec<usize>> {
    let mut inputs = vec![Vec::new(); back.values.len()];
    for e in &back.edges {
        if !inputs[e.to.index].contains(&e.from.index) {
            inputs[e.to.index].push(e.from.index);
        }
    }
    for v in &mut inputs {
        v.sort_unstable();
    }
    inputs
}

/// Draws a computation graph; `value_box`, `grad_box` and `local_box` say what
/// each box shows.
fn draw_graph(
    root: &Area<'_>,
    back: &Backward,
    title: &str,
    geo: &Geometry,
    value_box: &dyn Fn(NodeId) -> BoxText,
    grad_box: &dyn Fn(NodeId) -> Option<BoxText>,
    local_box: &dyn Fn(usize) -> BoxText,
) -> DrawResult {
    let (w, pos) = (geo.size.0, &geo.pos);
    let show: Vec<bool> = (0..back.values.len())
        .map(|i| back.feeds_output(NodeId::new(back.graph, i)))
        .collect();
    let title = if geo.across {
        title.to_string()
    } else {
        title
            .replace("left to right", "top to bottom")
            .replace("right to left", "bottom to top")
    };
    root.draw(&Text::new(title, (w as i32 / 2, 26), centered(24, BLACK)))?;
    if !geo.across {
        return draw_graph_down(root, back, &show, pos, value_box, grad_box, local_box);
    }
    // Edges with their local derivatives; a label sits half a column from the
    // edge's source, so edges that skip a column keep clear of the node between.
    let colw = back
        .edges
        .iter()
        .map(|e| pos[e.to.index].0 - pos[e.from.index].0)
        .filter(|&dx| dx > 0)
        .min()
        .unwrap_or(200);
    for (k, e) in back.edges.iter().enumerate() {
        let (a, b) = (pos[e.from.index], pos[e.to.index]);
        root.draw(&PathElement::new(
            vec![(a.0 + 60, a.1), (b.0 - 70, b.1)],
            GREY.stroke_width(2),
        ))?;
        // Arrow head.
        root.draw(&Polygon::new(
            vec![(b.0 - 70, b.1), (b.0 - 82, b.1 - 7), (b.0 - 82, b.1 + 7)],
            GREY.filled(),
        ))?;
        let t = if b.0 > a.0 {
            (colw as f64 / 2.0) / (b.0 - a.0) as f64
        } else {
            0.5
        };
        let mid = (
            a.0 + ((b.0 - a.0) as f64 * t) as i32,
            a.1 + ((b.1 - a.1) as f64 * t) as i32,
        );
        let bt = local_box(k);
        boxed(root, mid, &bt.text, bt.fg, bt.fill, 17)?;
    }
    for i in (0..back.values.len()).filter(|&i| show[i]) {
        let id = NodeId::new(back.graph, i);
        let c = pos[i];
        boxed(root, c, &node_label(back, id), BLACK, WHITE, 20)?;
        let v = value_box(id);
        boxed(root, (c.0, c.1 - 44), &v.text, v.fg, v.fill, 18)?;
        if let Some(g) = grad_box(id) {
            boxed(root, (c.0, c.1 + 44), &g.text, g.fg, g.fill, 18)?;
        }
    }
    Ok(())
}

/// A node's caption: `a = c + b` for an operation, `w (param)` otherwise.
pub(super) fn node_label(back: &Backward, id: NodeId) -> String {
    match (back.kinds[id.index], back.expr(id)) {
        (NodeKind::Operation, Some(e)) => format!("{} = {}", back.name_of(id), e.simplify()),
        (k, _) => format!(
            "{} ({})",
            back.name_of(id),
            match k {
                NodeKind::Parameter => "param",
                NodeKind::Input => "input",
                NodeKind::Constant => "const",
                NodeKind::Operation => "op",
            }
        ),
    }
}

/// [`draw_graph`] for a deep graph, flowing top to bottom: each node is a card
/// holding its caption, its value and its derivative; each edge runs from the
/// bottom of one card to the top of the next, its local derivative on it.
fn draw_graph_down(
    root: &Area<'_>,
    back: &Backward,
    show: &[bool],
    pos: &[(i32, i32)],
    value_box: &dyn Fn(NodeId) -> BoxText,
    grad_box: &dyn Fn(NodeId) -> Option<BoxText>,
    local_box: &dyn Fn(usize) -> BoxText,
) -> DrawResult {
    let (hw, hh) = (CARD.0 / 2, CARD.1 / 2);
    let mut labels = Vec::new();
    for (k, e) in back.edges.iter().enumerate() {
        if !(show[e.from.index] && show[e.to.index]) {
            continue;
        }
        let (a, b) = (pos[e.from.index], pos[e.to.index]);
        let (a, b) = ((a.0, a.1 + hh), (b.0, b.1 - hh));
        root.draw(&PathElement::new(vec![a, b], GREY.stroke_width(2)))?;
        let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        let at = |along: f64, side: f64| {
            (
                b.0 - (along * ux - side * uy) as i32,
                b.1 - (along * uy + side * ux) as i32,
            )
        };
        root.draw(&Polygon::new(
            vec![b, at(13.0, 6.0), at(13.0, -6.0)],
            GREY.filled(),
        ))?;
        // Nearer the source than the middle, so that labels of edges that
        // meet at one node stay apart.
        let t = 0.3;
        labels.push((k, (a.0 + (dx * t) as i32, a.1 + (dy * t) as i32)));
    }
    for (k, mid) in labels {
        let bt = local_box(k);
        boxed(root, mid, &bt.text, bt.fg, bt.fill, 16)?;
    }
    for i in (0..back.values.len()).filter(|&i| show[i]) {
        let id = NodeId::new(back.graph, i);
        let c = pos[i];
        let corners = [(c.0 - hw, c.1 - hh), (c.0 + hw, c.1 + hh)];
        root.draw(&Rectangle::new(corners, WHITE.filled()))?;
        root.draw(&Rectangle::new(
            corners,
            RGBColor(120, 120, 120).stroke_width(2),
        ))?;
        root.draw(&Text::new(
            node_label(back, id),
            (c.0, c.1 - 30),
            centered(18, BLACK),
        ))?;
        let v = value_box(id);
        boxed(root, (c.0, c.1 + 2), &v.text, v.fg, v.fill, 16)?;
        if let Some(g) = grad_box(id) {
            boxed(root, (c.0, c.1 + 32), &g.text, g.fg, g.fill, 16)?;
        }
    }
    Ok(())
}

pub(super) fn check_drawable(op: &'static str, back: &Backward) -> Result<()> {
    let shown = (0..back.values.len())
        .filter(|&i| back.feeds_output(NodeId::new(back.graph, i)))
        .count();
    for i in (0..back.values.len()).filter(|&i| back.feeds_output(NodeId::new(back.graph, i))) {
        check_text(op, "graph", back.name_of(NodeId::new(back.graph, i)))?;
    }
    if shown > 40 {
        return Err(Error::InvalidParameter {
            op,
            name: "graph",
            value: format!("{shown} nodes"),
            reason: "a diagram is readable up to 40 nodes".into(),
        });
    }
    Ok(())
}

/// The computation-graph diagram of a backward pass, laid out as the lab draws
/// it: nodes left to right, each node's forward value in a blue box above it, the
/// derivative of the output with respect to it (the chain-rule product) in a green
/// box below, and each edge's local derivative in a green box on the edge.
/// Sized to the graph (at least 700×420).
///
/// # Errors
/// [`Error::InvalidParameter`] for a graph of more than 40 nodes, or a node
/// name longer than 1000 characters.
///
/// ```
/// use backprop_lab::{graph::lab_square_graph, figures::plot_graph};
/// let g = lab_square_graph();
/// let fig = plot_graph(&g.backward(g.get("J")?)?)?;
/// assert!(fig.width() >= 700);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_graph(back: &Backward) -> Result<Figure> {
    graph_figure("plot_graph", back, None)
}

/// [`plot_graph`] with a part of the graph boxed and labelled: the nodes named
/// in `part` inside one orange frame, `label` written inside it. For the
/// walkthrough's "map so far", where the part already derived is framed.
///
/// # Errors
/// As [`plot_graph`]; [`Error::InvalidParameter`] if `part` is empty, names a
/// node the diagram does not show, or `label` is longer than 1000 characters.
///
/// ```
/// use backprop_lab::{graph::lab_square_graph, figures::plot_graph_marked};
/// let g = lab_square_graph();
/// let back = g.backward(g.get("J")?)?;
/// let fig = plot_graph_marked(&back, &["a", "J"], "the last step")?;
/// assert!(fig.width() >= 700);
/// assert!(plot_graph_marked(&back, &["no such node"], "?").is_err());
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_graph_marked(back: &Backward, part: &[&str], label: &str) -> Result<Figure> {
    const OP: &str = "plot_graph_marked";
    check_text(OP, "label", label)?;
    let shown = |i: usize| back.feeds_output(NodeId::new(back.graph, i));
    let mut nodes = Vec::with_capacity(part.len());
    for name in part {
        let found = (0..back.values.len())
            .find(|&i| shown(i) && back.name_of(NodeId::new(back.graph, i)) == *name);
        match found {
            Some(i) => nodes.push(i),
            None => {
                return Err(Error::InvalidParameter {
                    op: OP,
                    name: "part",
                    value: format!("{name:?}"),
                    reason: "no node of that name is in the diagram".into(),
                })
            }
        }
    }
    if nodes.is_empty() {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "part",
            value: "[]".into(),
            reason: "name at least one node to frame".into(),
        });
    }
    graph_figure(OP, back, Some((&nodes, label)))
}

/// Draws a frame round the cards of `nodes`, with `label` inside its bottom-left corner.
fn draw_frame(root: &Area<'_>, pos: &[(i32, i32)], nodes: &[usize], label: &str) -> DrawResult {
    let (hw, hh) = (CARD.0 / 2 + 10, CARD.1 / 2 + 10);
    let x0 = nodes.iter().map(|&i| pos[i].0 - hw).min().unwrap_or(0);
    let x1 = nodes.iter().map(|&i| pos[i].0 + hw).max().unwrap_or(0);
    let y0 = nodes.iter().map(|&i| pos[i].1 - hh).min().unwrap_or(0);
    let y1 = nodes.iter().map(|&i| pos[i].1 + hh).max().unwrap_or(0);
    let corners = vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
    root.draw(&DashedPathElement::new(
        corners,
        12,
        6,
        ORANGE.stroke_width(3),
    ))?;
    root.draw(&Text::new(
        label.to_string(),
        (x0 + 12, y1 - 28),
        ("sans-serif", 20).into_font().color(&ORANGE),
    ))?;
    Ok(())
}

fn graph_figure(
    op: &'static str,
    back: &Backward,
    frame: Option<(&[usize], &str)>,
) -> Result<Figure> {
    check_drawable(op, back)?;
    let geo = graph_geometry(back);
    let size = geo.size;
    let out = back.name_of(back.output).to_string();
    render_png(op, size, |root| {
        if let Some((nodes, label)) = frame {
            draw_frame(root, &geo.pos, nodes, label)?;
        }
        draw_graph(
            root,
            back,
            "forward values (blue) left to right, derivatives (green) right to left",
            &geo,
            &|id| BoxText {
                text: format!("{} = {}", back.name_of(id), fmt_g(back.values[id.index])),
                fg: BLUE,
                fill: LIGHT_BLUE,
            },
            &|id| {
                Some(BoxText {
                    text: format!(
                        "∂{out}/∂{} = {}",
                        back.name_of(id),
                        fmt_g(back.grads[id.index])
                    ),
                    fg: GREEN,
                    fill: LIGHT_GREEN,
                })
            },
            &|k| {
                let e = &back.edges[k];
                // Long symbolic forms (the sigmoid's) would cover the nodes; the
                // step table has them, the diagram shows the number.
                let sym = e.local_expr.to_string();
                let text = if sym.chars().count() > 12 || sym == fmt_g(e.local) {
                    format!(
                        "∂{}/∂{} = {}",
                        back.name_of(e.to),
                        back.name_of(e.from),
                        fmt_g(e.local)
                    )
                } else {
                    format!(
                        "∂{}/∂{} = {} = {}",
                        back.name_of(e.to),
                        back.name_of(e.from),
                        sym,
                        fmt_g(e.local)
                    )
                };
                BoxText {
                    text,
                    fg: GREEN,
                    fill: LIGHT_GREEN,
                }
            },
        )
    })
}

/// The quiz diagram: the same layout as [`plot_graph`], with the learner's
/// answers in the boxes in the quiz widget's colours: a right value blue, a
/// right derivative green, a wrong answer red, `?` where not answered. With `reveal`, every box shows the right number (marked ✓ or ✗
/// against the learner's answer where one was given).
///
/// # Errors
/// As [`plot_graph`].
pub fn plot_quiz(report: &QuizReport, reveal: bool) -> Result<Figure> {
    const OP: &str = "plot_quiz";
    let back = &report.backward;
    check_drawable(OP, back)?;
    let geo = graph_geometry(back);
    let out = back.name_of(back.output).to_string();
    let mark = |id: NodeId, field: &QuizField| {
        report
            .items
            .iter()
            .find(|it| it.node == id && &it.field == field)
            .map(|it| it.mark)
    };
    let title = if reveal {
        "quiz: all answers revealed"
    } else {
        "quiz: blue right value, green right derivative, red wrong, ? unanswered"
    };
    render_png(OP, geo.size, |root| {
        draw_graph(
            root,
            back,
            title,
            &geo,
            &|id| {
                let label = back.name_of(id).to_string();
                let m = mark(id, &QuizField::Value);
                quiz_box(label, back.values[id.index], m, true, reveal)
            },
            &|id| {
                let label = format!("∂{out}/∂{}", back.name_of(id));
                let m = mark(id, &QuizField::Grad);
                Some(quiz_box(label, back.grads[id.index], m, false, reveal))
            },
            &|k| {
                let e = &back.edges[k];
                let field = QuizField::Local {
                    input: back.name_of(e.from).to_string(),
                };
                let label = format!("∂{}/∂{}", back.name_of(e.to), back.name_of(e.from));
                quiz_box(label, e.local, mark(e.to, &field), false, reveal)
            },
        )
    })
}

/// One box of [`plot_quiz`], in the quiz's colours ([`QUIZ_VALUE`]):
/// `label = answer ✓` in blue for a right value (`value`) and green for a right
/// derivative, `label = answer ✗` in red, `label = ?` (grey) where not
/// answered; with `reveal`, the right number `truth`, in the colour of a right
/// answer of its kind.
fn quiz_box(label: String, truth: f64, mark: Option<Mark>, value: bool, reveal: bool) -> BoxText {
    let (right_fg, right_fill) = if value { QUIZ_VALUE } else { QUIZ_GRAD };
    let (wrong_fg, wrong_fill) = QUIZ_WRONG;
    match (mark, reveal) {
        (Some(Mark::Right(v)), _) => BoxText {
            text: format!("{label} = {} ✓", fmt_g(v)),
            fg: right_fg,
            fill: right_fill,
        },
        (Some(Mark::Wrong(v)), false) => BoxText {
            text: format!("{label} = {} ✗", fmt_g(v)),
            fg: wrong_fg,
            fill: wrong_fill,
        },
        (Some(Mark::Wrong(v)), true) => BoxText {
            text: format!("{label} = {} (not {})", fmt_g(truth), fmt_g(v)),
            fg: wrong_fg,
            fill: wrong_fill,
        },
        (_, true) => BoxText {
            text: format!("{label} = {}", fmt_g(truth)),
            fg: right_fg,
            fill: right_fill,
        },
        (_, false) => BoxText {
            text: format!("{label} = ?"),
            fg: RGBColor(90, 90, 90),
            fill: LIGHT_GREY,
        },
    }
}

/// A MiniFlow graph in the same style: nodes left to right, each value's shape
/// in a blue box above, each input's gradient shape in a green box below (once
/// [`MiniFlow::forward_and_backward`] has run). Sized to the graph.
///
/// # Errors
/// [`Error::Empty`] for a graph with no nodes; [`Error::InvalidParameter`] for
/// more than 40 nodes, or a node name longer than 1000 characters.
pub fn plot_miniflow(graph: &MiniFlow) -> Result<Figure> {
    const OP: &str = "plot_miniflow";
    let nodes = graph.nodes();
    check_miniflow(OP, &nodes)?;
    let inputs: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| n.inbound.iter().map(|i| i.index()).collect())
        .collect();
    let d = depths(&inputs);
    let cols = d.iter().max().copied().unwrap_or(0) + 1;
    let w = (300 * cols as u32 + 120).clamp(760, 2000);
    let show = vec![true; nodes.len()];
    let (pos, h) = layout(&inputs, &d, &show, w as i32, 50, 130);
    let size = (w, (h as u32).clamp(260, 2000));
    render_png(OP, size, |root| {
        root.draw(&Text::new(
            "MiniFlow graph: value shapes (blue), gradient shapes (green)".to_string(),
            (size.0 as i32 / 2, 26),
            centered(24, BLACK),
        ))?;
        for n in &nodes {
            for i in &n.inbound {
                draw_flow_arrow(root, pos[i.index()], pos[n.id.index()])?;
            }
        }
        for n in &nodes {
            draw_flow_node(root, graph, n, pos[n.id.index()])?;
        }
        Ok(())
    })
}

/// [`plot_miniflow`]'s checks: 1 to 40 nodes, each name of drawable length.
fn check_miniflow(op: &'static str, nodes: &[FlowNodeInfo]) -> Result<()> {
    if nodes.is_empty() {
        return Err(Error::Empty {
            op,
            what: "the graph".into(),
        });
    }
    if nodes.len() > 40 {
        return Err(Error::InvalidParameter {
            op,
            name: "graph",
            value: format!("{} nodes", nodes.len()),
            reason: "a diagram is readable up to 40 nodes".into(),
        });
    }
    for n in nodes {
        check_text(op, "graph", &n.name)?;
    }
    Ok(())
}

/// A grey arrow from the right edge of the box centred at `a` to the left edge
/// of the box centred at `b`.
fn draw_flow_arrow(root: &Area<'_>, a: (i32, i32), b: (i32, i32)) -> DrawResult {
    root.draw(&PathElement::new(
        vec![(a.0 + 50, a.1), (b.0 - 50, b.1)],
        GREY.stroke_width(2),
    ))?;
    root.draw(&Polygon::new(
        vec![(b.0 - 50, b.1), (b.0 - 60, b.1 - 6), (b.0 - 60, b.1 + 6)],
        GREY.filled(),
    ))?;
    Ok(())
}

/// One MiniFlow node centred at `c`: its kind and name, its value's shape in
/// blue above, and the shapes of the gradients it holds in green below.
fn draw_flow_node(
    root: &Area<'_>,
    graph: &MiniFlow,
    n: &FlowNodeInfo,
    c: (i32, i32),
) -> DrawResult {
    let kind = match n.op {
        FlowOp::Input => "Input",
        FlowOp::Linear => "Linear",
        FlowOp::Sigmoid => "Sigmoid",
        FlowOp::Mse => "MSE",
    };
    boxed(root, c, &format!("{kind} {}", n.name), BLACK, WHITE, 20)?;
    let shape = n
        .shape
        .as_ref()
        .map_or("no value yet".to_string(), |v| crate::error::shape_str(v));
    boxed(
        root,
        (c.0, c.1 - 42),
        &format!("value {shape}"),
        BLUE,
        LIGHT_BLUE,
        17,
    )?;
    if let Some(g) = flow_grad_text(graph, n) {
        boxed(root, (c.0, c.1 + 42), &g, GREEN, LIGHT_GREEN, 17)?;
    }
    Ok(())
}

/// The gradient shapes a node holds once backward has run: an input's
/// `∂C/∂name`, every other node's gradient towards each of its inbound nodes
/// (`→W [2, 1]`). `None` before backward.
fn flow_grad_text(graph: &MiniFlow, n: &FlowNodeInfo) -> Option<String> {
    match n.op {
        FlowOp::Input => graph
            .grad(n.id)
            .map(|g| format!("∂C/∂{} {}", n.name, crate::error::shape_str(g.shape()))),
        _ => {
            let parts: Vec<String> = n
                .inbound
                .iter()
                .filter_map(|i| {
                    graph.gradient(n.id, *i).map(|g| {
                        format!("→{} {}", graph.name(*i), crate::error::shape_str(g.shape()))
                    })
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join("  "))
        }
    }
}

/// The most examples [`plot_transpose`] draws.
const MAX_SHOWN: usize = 6;
/// The most features [`plot_transpose`] draws.
const MAX_FEATURES: usize = 3;

/// The walkthrough's picture of `Xᵀ`: the first `shown` examples of the data
/// matrix `X` `(N, d)`, one per **row** on the left, and the same numbers in
/// `Xᵀ` `(d, N)`, one example per **column** on the right. Each example keeps
/// its colour on both sides; `⋮` and `…` stand for the other `N − shown`
/// examples. 900×380.
///
/// # Errors
/// [`Error::Empty`] if `X` has no rows or no columns; [`Error::InvalidParameter`]
/// if `shown` is 0 or more than 6, or `X` has more than 3 columns;
/// [`Error::NonFinite`] if a shown entry is NaN or infinite.
///
/// ```
/// use backprop_lab::figures::plot_transpose;
/// let x = ndarray::array![[-5.0], [-4.99], [-4.98], [-4.97]];
/// let fig = plot_transpose(&x, 3)?;
/// assert_eq!((fig.width(), fig.height()), (900, 380));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_transpose(x: &ndarray::ArrayRef2<f64>, shown: usize) -> Result<Figure> {
    const OP: &str = "plot_transpose";
    let (n, d) = x.dim();
    if n == 0 || d == 0 {
        return Err(Error::Empty {
            op: OP,
            what: format!("X ({n} × {d})"),
        });
    }
    if shown == 0 || shown > MAX_SHOWN || d > MAX_FEATURES {
        return Err(Error::InvalidParameter {
            op: OP,
            name: if d > MAX_FEATURES { "x" } else { "shown" },
            value: format!("{shown} examples of X ({n} × {d})"),
            reason: format!(
                "the picture shows 1 to {MAX_SHOWN} examples of at most {MAX_FEATURES} features"
            ),
        });
    }
    let rows = shown.min(n);
    crate::error::check_finite(OP, "X", x.slice(ndarray::s![..rows, ..]))?;
    render_png(OP, (900, 380), |root| draw_transpose(root, x, rows))
}

/// [`plot_transpose`]'s drawing: `X`'s first `rows` rows on the left, the
/// same entries as `Xᵀ`'s columns on the right.
fn draw_transpose(root: &Area<'_>, x: &ndarray::ArrayRef2<f64>, rows: usize) -> DrawResult {
    let (n, d) = x.dim();
    let more = rows < n;
    let colour = |i: usize| super::palette::SERIES[i % super::palette::SERIES.len()];
    let (cw, ch) = (66, 34);
    let cell = |c: (i32, i32), text: String, fg: RGBColor| -> DrawResult {
        root.draw(&Rectangle::new(
            [(c.0 - cw / 2, c.1 - ch / 2), (c.0 + cw / 2, c.1 + ch / 2)],
            fg.mix(0.15).filled(),
        ))?;
        root.draw(&Rectangle::new(
            [(c.0 - cw / 2, c.1 - ch / 2), (c.0 + cw / 2, c.1 + ch / 2)],
            fg.stroke_width(2),
        ))?;
        root.draw(&Text::new(text, c, centered(16, BLACK)))?;
        Ok(())
    };
    let top = 110;
    // X: one example per row.
    let left = 200;
    root.draw(&Text::new(
        format!("X ({n} × {d}): one example per row"),
        (left + (d as i32 - 1) * cw / 2, 60),
        centered(20, BLACK),
    ))?;
    for i in 0..rows {
        for f in 0..d {
            let c = (left + f as i32 * cw, top + i as i32 * ch);
            cell(c, format!("{:.2}", x[[i, f]]), colour(i))?;
        }
        root.draw(&Text::new(
            format!("example {}", i + 1),
            (left - cw / 2 - 44, top + i as i32 * ch),
            centered(14, colour(i)),
        ))?;
    }
    if more {
        let at = (left + (d as i32 - 1) * cw / 2, top + rows as i32 * ch);
        root.draw(&Text::new("⋮".to_string(), at, centered(22, BLACK)))?;
    }
    // Xᵀ: one example per column.
    let right = 900 - 60 - (rows as i32 + i32::from(more)) * cw;
    let mid = right + (rows as i32 - 1) * cw / 2;
    root.draw(&Text::new(
        format!("Xᵀ ({d} × {n}): one example per column"),
        (mid.min(900 - 200), 60),
        centered(20, BLACK),
    ))?;
    for i in 0..rows {
        for f in 0..d {
            let c = (right + i as i32 * cw, top + f as i32 * ch);
            cell(c, format!("{:.2}", x[[i, f]]), colour(i))?;
        }
    }
    if more {
        let at = (right + rows as i32 * cw, top + (d as i32 - 1) * ch / 2);
        root.draw(&Text::new("…".to_string(), at, centered(22, BLACK)))?;
    }
    let arrow_y = top + (rows.max(d) as i32 * ch) / 2;
    root.draw(&Text::new(
        "transpose →".to_string(),
        (
            (left + d as i32 * cw + right - cw / 2) / 2,
            arrow_y.min(400),
        ),
        centered(18, GREY),
    ))?;
    Ok(())
}
