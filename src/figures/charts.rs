//! Line plots, scatter plots and heat maps of the walkthrough and the CS109 exercise.

use ndarray::Array2;
use ndarray::ArrayRef2;
use plotters::element::EmptyElement;
use plotters::prelude::*;

use super::palette::{BLUE, GREEN, GREY, ORANGE, RED, SERIES};
use super::{check_range, check_series, check_text, render_png, Area, DrawResult, Figure};
use crate::dense::activation::{sigmoid, sigmoid_prime};
use crate::dense::data::linspace_unchecked;
use crate::dense::network::Network;
use crate::error::{check_finite, shape_err, shape_str, Error, Result};
use crate::training::sgd::History;

/// A line to draw in a panel.
pub(crate) struct Line<'a> {
    pub x: &'a [f64],
    pub y: &'a [f64],
    pub color: RGBColor,
    pub label: Option<String>,
}

/// Scattered points.
pub(crate) struct Dots<'a> {
    pub x: &'a [f64],
    pub y: &'a [f64],
    pub color: RGBColor,
    pub size: u32,
    pub label: Option<String>,
}

/// One panel: title, axis labels, lines, dots, optional fixed ranges.
pub(crate) struct Panel<'a> {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub lines: Vec<Line<'a>>,
    pub dots: Vec<Dots<'a>>,
    pub x_range: Option<(f64, f64)>,
    pub y_range: Option<(f64, f64)>,
    /// Put the legend where the data leaves the most room (else upper left).
    pub legend_auto: bool,
}

impl<'a> Panel<'a> {
    pub(crate) fn new(title: &str, x_label: &str, y_label: &str) -> Self {
        Panel {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            lines: vec![],
            dots: vec![],
            x_range: None,
            y_range: None,
            legend_auto: false,
        }
    }
}

/// Caption, axis-title and tick-label sizes shared by every chart.
pub(crate) const CAPTION: u32 = 24;
pub(crate) const AXIS: u32 = 19;
pub(crate) const TICKS: u32 = 15;

/// Tick labels as people write them: `100`, `0.25`, `1.5e-3`.
pub(crate) fn tick(v: f64) -> String {
    // Rounding leaves tick values like -2.2e-16 where 0 is meant.
    if v.abs() < 1e-9 {
        return "0".into();
    }
    let a = v.abs();
    if (1e-3..1e5).contains(&a) {
        let s = format!("{v:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    } else {
        format!("{v:.1e}")
    }
}

/// True when a series changes direction often (noisy per-step curves).
fn jagged(y: &[f64]) -> bool {
    let turns = y
        .windows(3)
        .filter(|w| (w[1] - w[0]) * (w[2] - w[1]) < 0.0)
        .count();
    turns * 10 > y.len()
}

/// The legend box every chart uses.
pub(crate) fn draw_legend<'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, BitMapBackend<'a>, CT>,
    position: SeriesLabelPosition,
) -> DrawResult {
    chart
        .configure_series_labels()
        .label_font(("sans-serif", TICKS))
        .background_style(WHITE.mix(0.85))
        .border_style(GREY)
        .position(position)
        .draw()?;
    Ok(())
}

/// The largest magnitude a chart with axes fitted to its data (line charts,
/// scatter plots, the nudge panels, the 3-D hidden-layer view) plots. Measured:
/// plotters draws spans from 1e-300 up to ±1e300 (and relative spans down to
/// 1e-15, e.g. 1e15 to 1e15 + 1) at every figure size; beyond about 1e307 the
/// axis arithmetic (span plus 5% padding) overflows, so 1e300 leaves margin.
pub(crate) const PLOT_LIMIT: f64 = 1e300;

/// The largest coordinate a plane figure (fixed axes `[-1.5, 1.5]²`:
/// [`plot_circles`], [`plot_decision_boundary`], the data of
/// [`hidden_layer_animation`](crate::figures::hidden_layer_animation)) draws. Its pixel
/// position, about `x / 3` times the figure's width, must fit plotters' `i32`
/// coordinates: measured, a point at 1e7 panicked at the default 720×560, at
/// 3e6 at 4000×4000 and at 1e6 at 8000×8000 (7e5 was still drawn); 1e4 keeps a
/// factor of 70 at the largest figure. Points beyond ±1.5 are off the axes anyway.
pub(crate) const PLANE_LIMIT: f64 = 1e4;

/// `[lo, hi]` padded by 5%, widened when flat.
///
/// # Errors
/// For a value beyond ±[`PLOT_LIMIT`] (or NaN), naming the range met.
pub(crate) fn padded(values: impl Iterator<Item = f64>) -> Result<(f64, f64), String> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut any_nan = false;
    for v in values {
        any_nan |= v.is_nan();
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return Ok((0.0, 1.0));
    }
    if any_nan || lo < -PLOT_LIMIT || hi > PLOT_LIMIT {
        return Err(format!(
            "the values run from {lo:e} to {hi:e}{}; a figure plots values within ±{PLOT_LIMIT:e}",
            if any_nan { " and include NaN" } else { "" }
        ));
    }
    if hi - lo < 1e-12 {
        let pad = if lo.abs() > 1e-12 {
            lo.abs() * 0.1
        } else {
            1.0
        };
        return Ok((lo - pad, hi + pad));
    }
    let pad = (hi - lo) * 0.05;
    Ok((lo - pad, hi + pad))
}

pub(crate) fn draw_panel(area: &Area<'_>, p: &Panel<'_>) -> DrawResult {
    let xs = p
        .lines
        .iter()
        .flat_map(|l| l.x.iter())
        .chain(p.dots.iter().flat_map(|d| d.x.iter()))
        .copied();
    let ys = p
        .lines
        .iter()
        .flat_map(|l| l.y.iter())
        .chain(p.dots.iter().flat_map(|d| d.y.iter()))
        .copied();
    let xr = match p.x_range {
        Some(r) => r,
        None => padded(xs).map_err(|e| format!("x axis: {e}"))?,
    };
    let yr = match p.y_range {
        Some(r) => r,
        None => padded(ys).map_err(|e| format!("y axis: {e}"))?,
    };
    let mut chart = ChartBuilder::on(area)
        .caption(&p.title, ("sans-serif", CAPTION))
        .margin(14)
        .x_label_area_size(50)
        .y_label_area_size(72)
        .build_cartesian_2d(xr.0..xr.1, yr.0..yr.1)?;
    chart
        .configure_mesh()
        .x_desc(p.x_label.as_str())
        .y_desc(p.y_label.as_str())
        .axis_desc_style(("sans-serif", AXIS))
        .label_style(("sans-serif", TICKS))
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .light_line_style(RGBColor(238, 238, 238))
        .draw()?;
    let mut any_label = false;
    for l in &p.lines {
        // plotters draws thick, steep segments with stray spikes; dense,
        // jagged series get a one-pixel line.
        let width = if l.x.len() > 150 && jagged(l.y) { 1 } else { 2 };
        let s = chart.draw_series(LineSeries::new(
            l.x.iter().copied().zip(l.y.iter().copied()),
            l.color.stroke_width(width),
        ))?;
        if let Some(label) = &l.label {
            any_label = true;
            let c = l.color;
            s.label(label.as_str()).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2))
            });
        }
    }
    for d in &p.dots {
        let c = d.color;
        let size = d.size;
        let s = chart.draw_series(
            d.x.iter()
                .zip(d.y.iter())
                .map(move |(&x, &y)| Circle::new((x, y), size, c.filled())),
        )?;
        if let Some(label) = &d.label {
            any_label = true;
            s.label(label.as_str())
                .legend(move |(x, y)| Circle::new((x + 10, y), 4, c.filled()));
        }
    }
    if any_label {
        let corner = if p.legend_auto {
            legend_spot(p, xr, yr, chart.plotting_area().dim_in_pixel())
        } else {
            SeriesLabelPosition::UpperLeft
        };
        draw_legend(&mut chart, corner)?;
    }
    Ok(())
}

/// Where the legend covers the fewest of the panel's points: its top-left
/// corner, in pixels of the plotting area, among a grid of places from the
/// corners inwards. The legend's size is estimated from its labels (about 8 px
/// per character at the tick font, 20 px per entry). Ties go to the place
/// nearest the upper left, corners first.
fn legend_spot(
    p: &Panel<'_>,
    xr: (f64, f64),
    yr: (f64, f64),
    (width, height): (u32, u32),
) -> SeriesLabelPosition {
    let labels: Vec<&str> = p
        .lines
        .iter()
        .filter_map(|l| l.label.as_deref())
        .chain(p.dots.iter().filter_map(|d| d.label.as_deref()))
        .collect();
    let (w, h) = (width.max(1) as f64, height.max(1) as f64);
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let box_w = ((40.0 + 8.0 * longest as f64) / w).min(0.95);
    let box_h = ((12.0 + 20.0 * labels.len() as f64) / h).min(0.95);
    // Each point as a share of the plot, from its left and from its top.
    let share = |v: f64, (lo, hi): (f64, f64)| (v - lo) / (hi - lo);
    let mut points: Vec<(f64, f64)> = p
        .dots
        .iter()
        .flat_map(|d| d.x.iter().zip(d.y.iter()))
        .map(|(&x, &y)| (share(x, xr), 1.0 - share(y, yr)))
        .collect();
    // A line's samples, and three points between each two, so that a legend is
    // not put across a long segment.
    for l in &p.lines {
        let at: Vec<(f64, f64)> =
            l.x.iter()
                .zip(l.y.iter())
                .map(|(&x, &y)| (share(x, xr), 1.0 - share(y, yr)))
                .collect();
        for pair in at.windows(2) {
            let ((u0, v0), (u1, v1)) = (pair[0], pair[1]);
            for t in [0.0, 0.25, 0.5, 0.75] {
                points.push((u0 + t * (u1 - u0), v0 + t * (v1 - v0)));
            }
        }
        points.extend(at.last());
    }
    let margin = 0.02;
    let steps = 6;
    let place =
        |k: usize, span: f64| margin + (1.0 - 2.0 * margin - span) * k as f64 / steps as f64;
    // Corners first, then the rest of the grid row by row.
    let mut spots: Vec<(f64, f64)> = [(0, 0), (steps, 0), (steps, steps), (0, steps)]
        .iter()
        .map(|&(i, j)| (place(i, box_w), place(j, box_h)))
        .collect();
    for j in 0..=steps {
        for i in 0..=steps {
            spots.push((place(i, box_w), place(j, box_h)));
        }
    }
    let covered = |&(left, top): &(f64, f64)| {
        points
            .iter()
            .filter(|(u, v)| *u >= left && *u <= left + box_w && *v >= top && *v <= top + box_h)
            .count()
    };
    let best = spots
        .iter()
        .min_by_key(|s| covered(s))
        .copied()
        .unwrap_or((margin, margin));
    SeriesLabelPosition::Coordinate((best.0 * w).round() as i32, (best.1 * h).round() as i32)
}

/// The sigmoid over `[-5, 5]`, the walkthrough's first plot. 640×420.
///
/// ```
/// let fig = backprop_lab::figures::plot_sigmoid()?;
/// assert_eq!((fig.width(), fig.height()), (640, 420));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_sigmoid() -> Result<Figure> {
    let x = linspace_unchecked(-5.0, 5.0, 200, true).to_vec();
    let y: Vec<f64> = x.iter().map(|&v| sigmoid(v)).collect();
    render_png("plot_sigmoid", super::size_or((640, 420)), |root| {
        let mut p = Panel::new("σ(z) = 1 / (1 + e^(−z))", "z", "σ(z)");
        p.lines.push(Line {
            x: &x,
            y: &y,
            color: BLUE,
            label: None,
        });
        draw_panel(root, &p)
    })
}

/// The sigmoid and its derivative `σ'(z) = σ(z)(1 − σ(z))` over `[-10, 10]`. 640×420.
pub fn plot_sigmoid_and_prime() -> Result<Figure> {
    let x = linspace_unchecked(-10.0, 10.0, 300, true).to_vec();
    let y: Vec<f64> = x.iter().map(|&v| sigmoid(v)).collect();
    let dy: Vec<f64> = x.iter().map(|&v| sigmoid_prime(v)).collect();
    render_png(
        "plot_sigmoid_and_prime",
        super::size_or((640, 420)),
        |root| {
            let mut p = Panel::new("the sigmoid and its derivative", "z", "");
            p.lines.push(Line {
                x: &x,
                y: &y,
                color: BLUE,
                label: Some("σ(z)".into()),
            });
            p.lines.push(Line {
                x: &x,
                y: &dy,
                color: ORANGE,
                label: Some("σ'(z) = σ(z)(1 − σ(z))".into()),
            });
            draw_panel(root, &p)
        },
    )
}

fn column(op: &'static str, what: &str, m: &ArrayRef2<f64>) -> Result<Vec<f64>> {
    if m.ncols() != 1 {
        return Err(shape_err(
            op,
            format!(
                "{what} must be one column, got shape {}",
                shape_str(m.shape())
            ),
        ));
    }
    let v = m.column(0).to_vec();
    check_series(op, what, &v)?;
    check_range(op, what, &v, PLOT_LIMIT)?;
    Ok(v)
}

/// 1-D data coloured by label (e.g. the toy data: red for −1, blue for +1). 640×420.
///
/// # Errors
/// [`Error::Shape`] unless both are single columns of one length; [`Error::Empty`];
/// [`Error::NonFinite`]; [`Error::Domain`] for a value beyond ±1e300
/// (the largest magnitude a chart draws).
pub fn plot_toy_data(inputs: &ArrayRef2<f64>, labels: &ArrayRef2<f64>) -> Result<Figure> {
    const OP: &str = "plot_toy_data";
    let x = column(OP, "inputs", inputs)?;
    let y = column(OP, "labels", labels)?;
    same_len(OP, &x, &y)?;
    let (neg, pos) = split_by(&x, &y, |l| l > 0.0);
    let (yn, yp) = split_by(&y, &y, |l| l > 0.0);
    render_png(OP, super::size_or((640, 420)), |root| {
        let mut p = Panel::new("toy data", "input", "label");
        p.dots.push(Dots {
            x: &neg,
            y: &yn,
            color: RED,
            size: 3,
            label: Some("label ≤ 0".into()),
        });
        p.dots.push(Dots {
            x: &pos,
            y: &yp,
            color: BLUE,
            size: 3,
            label: Some("label > 0".into()),
        });
        draw_panel(root, &p)
    })
}

fn same_len(op: &'static str, a: &[f64], b: &[f64]) -> Result<()> {
    if a.len() != b.len() {
        return Err(shape_err(
            op,
            format!(
                "{} inputs but {} values to plot against them",
                a.len(),
                b.len()
            ),
        ));
    }
    Ok(())
}

fn split_by(v: &[f64], key: &[f64], f: impl Fn(f64) -> bool) -> (Vec<f64>, Vec<f64>) {
    let mut a = Vec::new();
    let mut c = Vec::new();
    for (x, k) in v.iter().zip(key) {
        if f(*k) {
            c.push(*x);
        } else {
            a.push(*x);
        }
    }
    (a, c)
}

/// The walkthrough's 1×2 panel: "original points and labels" next to
/// "original points and Y_hat" (the network's outputs, in orange). 1200×480.
///
/// # Errors
/// As [`plot_toy_data`], for all three columns.
pub fn plot_points_and_outputs(
    inputs: &ArrayRef2<f64>,
    labels: &ArrayRef2<f64>,
    outputs: &ArrayRef2<f64>,
) -> Result<Figure> {
    const OP: &str = "plot_points_and_outputs";
    let x = column(OP, "inputs", inputs)?;
    let y = column(OP, "labels", labels)?;
    let o = column(OP, "outputs", outputs)?;
    same_len(OP, &x, &y)?;
    same_len(OP, &x, &o)?;
    render_png(OP, super::size_or((1200, 480)), |root| {
        let panels = root.split_evenly((1, 2));
        let mut left = Panel::new("original points and labels", "input", "label");
        left.dots.push(Dots {
            x: &x,
            y: &y,
            color: BLUE,
            size: 2,
            label: None,
        });
        draw_panel(&panels[0], &left)?;
        let mut right = Panel::new("original points and Y_hat", "input", "network output");
        right.dots.push(Dots {
            x: &x,
            y: &o,
            color: ORANGE,
            size: 2,
            label: None,
        });
        draw_panel(&panels[1], &right)
    })
}

/// Pixel offsets of a five-pointed star of outer radius `r`.
pub(crate) fn star_points(r: f64) -> Vec<(i32, i32)> {
    (0..10)
        .map(|k| {
            let radius = if k % 2 == 0 { r } else { r * 0.45 };
            let t = std::f64::consts::PI * (k as f64) / 5.0 - std::f64::consts::FRAC_PI_2;
            (
                (radius * t.cos()).round() as i32,
                (radius * t.sin()).round() as i32,
            )
        })
        .collect()
}

pub(crate) fn check_xy2(op: &'static str, x: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<()> {
    if x.ncols() != 2 || y.ncols() != 1 || x.nrows() != y.nrows() {
        return Err(shape_err(
            op,
            format!(
                "X must be (N, 2) and labels (N, 1); got X {} and labels {}",
                shape_str(x.shape()),
                shape_str(y.shape())
            ),
        ));
    }
    if x.nrows() == 0 {
        return Err(Error::Empty {
            op,
            what: "X".into(),
        });
    }
    check_finite(op, "X", x.view())?;
    check_finite(op, "labels", y.view())?;
    for (i, r) in x.rows().into_iter().enumerate() {
        if let Some(&v) = r.iter().find(|v| v.abs() > PLANE_LIMIT) {
            return Err(Error::Domain {
                op,
                detail: format!(
                    "X[{i}] has coordinate {v:e}, beyond ±{PLANE_LIMIT:e}, the largest this plane figure draws (its axes show [-1.5, 1.5])"
                ),
            });
        }
    }
    Ok(())
}

/// The 2-D chart type every plane figure uses.
pub(crate) type PlaneChart<'a, 'b> = ChartContext<
    'a,
    BitMapBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Draws the two classes: red stars (label 0) and blue circles (label 1).
pub(crate) fn draw_classes(
    chart: &mut PlaneChart<'_, '_>,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    legend: bool,
) -> DrawResult {
    let pts: Vec<((f64, f64), bool)> = x
        .rows()
        .into_iter()
        .zip(y.column(0))
        .map(|(r, &l)| ((r[0], r[1]), l > 0.5))
        .collect();
    let red =
        chart.draw_series(pts.iter().filter(|p| !p.1).map(|p| {
            EmptyElement::at(p.0) + Polygon::new(star_points(7.0), RED.mix(0.75).filled())
        }))?;
    if legend {
        red.label("class: red star").legend(|(x, y)| {
            Polygon::new(
                star_points(7.0)
                    .into_iter()
                    .map(|(a, b)| (a + x + 10, b + y))
                    .collect::<Vec<_>>(),
                RED.filled(),
            )
        });
    }
    let blue = chart.draw_series(
        pts.iter()
            .filter(|p| p.1)
            .map(|p| Circle::new(p.0, 4, BLUE.mix(0.75).filled())),
    )?;
    if legend {
        blue.label("class: blue circle")
            .legend(|(x, y)| Circle::new((x + 10, y), 4, BLUE.filled()));
    }
    Ok(())
}

/// make_circles in the input plane: red stars for class 0, blue circles for
/// class 1, axes `[-1.5, 1.5]`, as the walkthrough plots it. 720×560.
///
/// # Errors
/// [`Error::Shape`] unless `X` is `(N, 2)` and labels `(N, 1)`; [`Error::Empty`];
/// [`Error::NonFinite`]; [`Error::Domain`] for a coordinate of `X` beyond ±1e4
/// (farther points would overflow plotters' pixel
/// coordinates; the axes show `[-1.5, 1.5]`).
pub fn plot_circles(x: &ArrayRef2<f64>, labels: &ArrayRef2<f64>) -> Result<Figure> {
    const OP: &str = "plot_circles";
    check_xy2(OP, x, labels)?;
    render_png(OP, super::size_or((720, 560)), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(
                "red star vs blue circle classes in the input space",
                ("sans-serif", CAPTION),
            )
            .margin(12)
            .x_label_area_size(42)
            .y_label_area_size(52)
            .build_cartesian_2d(-1.5f64..1.5, -1.5f64..1.5)?;
        chart
            .configure_mesh()
            .x_desc("x1")
            .y_desc("x2")
            .axis_desc_style(("sans-serif", AXIS))
            .label_style(("sans-serif", TICKS))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()?;
        draw_classes(&mut chart, x, labels, true)?;
        draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}

/// Training curves from a [`History`]: loss per step, and per layer the gradient
/// norms `‖∂C/∂W^l‖` and weight norms `‖W^l‖`. 1500×450.
///
/// # Errors
/// [`Error::Empty`] for a history without steps; [`Error::Shape`] if its
/// fields disagree; [`Error::NonFinite`]; [`Error::Domain`] for a loss or
/// norm beyond ±1e300 (the largest magnitude a chart draws).
pub fn plot_training(history: &History) -> Result<Figure> {
    const OP: &str = "plot_training";
    check_series(OP, "the loss history", &history.loss)?;
    check_range(OP, "the loss history", &history.loss, PLOT_LIMIT)?;
    history.check(OP)?;
    let steps: Vec<f64> = (0..history.loss.len()).map(|s| s as f64).collect();
    let layers = history.grad_norms.first().map_or(0, Vec::len);
    let per_layer =
        |rows: &[Vec<f64>], l: usize| -> Vec<f64> { rows.iter().map(|r| r[l]).collect() };
    let grads: Vec<Vec<f64>> = (0..layers)
        .map(|l| per_layer(&history.grad_norms, l))
        .collect();
    let norms: Vec<Vec<f64>> = (0..layers)
        .map(|l| per_layer(&history.weight_norms, l))
        .collect();
    for (l, g) in grads.iter().enumerate() {
        let (gw, ww) = (
            format!("gradient norms of layer {}", l + 1),
            format!("weight norms of layer {}", l + 1),
        );
        check_series(OP, &gw, g)?;
        check_series(OP, &ww, &norms[l])?;
        check_range(OP, &gw, g, PLOT_LIMIT)?;
        check_range(OP, &ww, &norms[l], PLOT_LIMIT)?;
    }
    render_png(OP, super::size_or((1500, 450)), |root| {
        let panels = root.split_evenly((1, 3));
        let mut p = Panel::new("loss per step (batch MSE)", "step", "loss");
        p.lines.push(Line {
            x: &steps,
            y: &history.loss,
            color: BLUE,
            label: None,
        });
        draw_panel(&panels[0], &p)?;
        let mut p = Panel::new("gradient norms ‖∂C/∂W‖", "step", "norm");
        for (l, g) in grads.iter().enumerate() {
            p.lines.push(Line {
                x: &steps,
                y: g,
                color: SERIES[l % SERIES.len()],
                label: Some(format!("W{}", l + 1)),
            });
        }
        draw_panel(&panels[1], &p)?;
        let mut p = Panel::new("weight norms ‖W‖", "step", "norm");
        for (l, g) in norms.iter().enumerate() {
            p.lines.push(Line {
                x: &steps,
                y: g,
                color: SERIES[l % SERIES.len()],
                label: Some(format!("W{}", l + 1)),
            });
        }
        draw_panel(&panels[2], &p)
    })
}

/// Gradient-check relative errors per step on a log axis, with the `1e-7`
/// threshold drawn in red. 720×420.
///
/// # Errors
/// [`Error::Empty`]; [`Error::NonFinite`]; [`Error::InvalidParameter`] for a
/// negative error.
pub fn plot_grad_check_errors(errors: &[f64]) -> Result<Figure> {
    const OP: &str = "plot_grad_check_errors";
    check_series(OP, "the gradient-check errors", errors)?;
    // ‖a − b‖ ≤ ‖a‖ + ‖b‖, so a relative error lies in [0, 1].
    if let Some(&e) = errors.iter().find(|&&e| !(0.0..=1.0).contains(&e)) {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "errors",
            value: e.to_string(),
            reason: "relative errors ‖a − b‖ / (‖a‖ + ‖b‖) lie between 0 and 1".into(),
        });
    }
    let floor = 1e-18;
    let ys: Vec<f64> = errors.iter().map(|&e| e.max(floor)).collect();
    let lo = ys.iter().copied().fold(1e-7, f64::min) / 3.0;
    // Head room above the data for the legend.
    let hi = ys.iter().copied().fold(1e-7, f64::max) * 30.0;
    render_png(OP, super::size_or((720, 420)), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(
                "gradient check: relative error per step",
                ("sans-serif", CAPTION),
            )
            .margin(12)
            .x_label_area_size(42)
            .y_label_area_size(72)
            .build_cartesian_2d(0f64..(errors.len().max(2) - 1) as f64, (lo..hi).log_scale())?;
        chart
            .configure_mesh()
            .x_desc("step")
            .y_desc("relative error")
            .axis_desc_style(("sans-serif", AXIS))
            .label_style(("sans-serif", TICKS))
            .y_label_formatter(&|v| format!("{v:.0e}"))
            .x_label_formatter(&|v| tick(*v))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()?;
        chart
            .draw_series(LineSeries::new(
                ys.iter().enumerate().map(|(i, &e)| (i as f64, e)),
                BLUE.stroke_width(2),
            ))?
            .label("‖num − backprop‖ / (‖num‖ + ‖backprop‖)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(
                [(0.0, 1e-7), ((errors.len().max(2) - 1) as f64, 1e-7)],
                RED.stroke_width(1),
            ))?
            .label("threshold 1e-7")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RED));
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
}

/// Colour for an output in `[0, 1]`: red (class 0) through white to blue (class 1).
pub(crate) fn class_shade(v: f64) -> RGBColor {
    let v = v.clamp(0.0, 1.0);
    let lerp = |a: u8, b: u8, t: f64| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
    let (r0, g0, b0) = (244u8, 165u8, 150u8);
    let (r1, g1, b1) = (160u8, 196u8, 232u8);
    if v < 0.5 {
        let t = v / 0.5;
        RGBColor(lerp(r0, 255, t), lerp(g0, 255, t), lerp(b0, 255, t))
    } else {
        let t = (v - 0.5) / 0.5;
        RGBColor(lerp(255, r1, t), lerp(255, g1, t), lerp(255, b1, t))
    }
}

/// The network's output over a grid of the input plane `[-1.5, 1.5]²`.
pub(crate) fn output_grid(net: &Network, n: usize) -> Array2<f64> {
    let xs = linspace_unchecked(-1.5, 1.5, n, true);
    let mut pts = Array2::zeros((n * n, 2));
    for i in 0..n {
        for j in 0..n {
            pts[[i * n + j, 0]] = xs[j];
            pts[[i * n + j, 1]] = xs[i];
        }
    }
    let out = crate::engine::forward::predict(net, pts.view());
    Array2::from_shape_fn((n, n), |(i, j)| out[[i * n + j, 0]])
}

/// The side of a decision-boundary grid, in cells.
const BOUNDARY_CELLS: usize = 60;

/// A square plane of the input space, `[lo, hi]²`, and a grid of a
/// predictor's outputs over it: `grid[[i, j]]` at `(x1, x2) = (lo + j·step,
/// lo + i·step)`.
pub(crate) struct Boundary {
    pub(crate) lo: f64,
    pub(crate) hi: f64,
    pub(crate) grid: Array2<f64>,
}

impl Boundary {
    /// The network's output over `[-1.5, 1.5]²`.
    pub(crate) fn of_network(net: &Network) -> Boundary {
        Boundary {
            lo: -1.5,
            hi: 1.5,
            grid: output_grid(net, BOUNDARY_CELLS),
        }
    }
}

/// Draws a decision-boundary panel: output heat map, the 0.5 level, the data.
pub(crate) fn draw_boundary(
    area: &Area<'_>,
    b: &Boundary,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    title: &str,
) -> DrawResult {
    let (grid, lo, hi) = (&b.grid, b.lo, b.hi);
    let n = grid.nrows();
    let step = (hi - lo) / (n - 1) as f64;
    let (plane, scale) =
        area.split_horizontally(area.dim_in_pixel().0.saturating_sub(COLOUR_BAR_WIDTH));
    draw_colour_bar(&scale, grid)?;
    let mut chart = ChartBuilder::on(&plane)
        .caption(title, ("sans-serif", AXIS + 1))
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(46)
        .build_cartesian_2d(lo..hi, lo..hi)?;
    chart
        .configure_mesh()
        .x_desc("x1")
        .y_desc("x2")
        .axis_desc_style(("sans-serif", AXIS - 2))
        .label_style(("sans-serif", TICKS - 1))
        .disable_mesh()
        .draw()?;
    chart.draw_series(
        (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .map(|(i, j)| {
                let cx = lo + j as f64 * step;
                let cy = lo + i as f64 * step;
                Rectangle::new(
                    [
                        (cx - step / 2.0, cy - step / 2.0),
                        (cx + step / 2.0, cy + step / 2.0),
                    ],
                    class_shade(grid[[i, j]]).filled(),
                )
            }),
    )?;
    // The 0.5 level: cells whose output crosses 0.5 against a neighbour.
    let mut edge = Vec::new();
    for i in 0..n {
        for j in 0..n {
            let here = grid[[i, j]] >= 0.5;
            let right = j + 1 < n && (grid[[i, j + 1]] >= 0.5) != here;
            let up = i + 1 < n && (grid[[i + 1, j]] >= 0.5) != here;
            if right || up {
                edge.push((lo + j as f64 * step, lo + i as f64 * step));
            }
        }
    }
    chart.draw_series(
        edge.into_iter()
            .map(|p| Circle::new(p, 1, RGBColor(60, 60, 60).filled())),
    )?;
    draw_classes(&mut chart, x, y, false)?;
    Ok(())
}

/// Pixels on the right of a boundary figure for its colour scale.
const COLOUR_BAR_WIDTH: u32 = 90;

/// The colour scale of a boundary figure: the shades of outputs 0 to 1, with
/// the lowest and highest output on the plane marked, so a plane that is
/// nearly one colour can be read off as "about 0.5 everywhere".
fn draw_colour_bar(area: &Area<'_>, grid: &Array2<f64>) -> DrawResult {
    let mut bar = ChartBuilder::on(area)
        .caption("output", ("sans-serif", TICKS - 1))
        .margin_top(12)
        .margin_bottom(46)
        .margin_left(12)
        .right_y_label_area_size(44)
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
    bar.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(5)
        .y_label_formatter(&|v| format!("{v:.2}"))
        .label_style(("sans-serif", TICKS - 2))
        .draw()?;
    let steps = 100;
    bar.draw_series((0..steps).map(|i| {
        let (v0, v1) = (i as f64 / steps as f64, (i + 1) as f64 / steps as f64);
        Rectangle::new(
            [(0.0, v0), (1.0, v1)],
            class_shade((v0 + v1) / 2.0).filled(),
        )
    }))?;
    // The plane's own range, as two dark lines across the bar.
    let (min, max) = grid
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    if min.is_finite() && max.is_finite() {
        for v in [min.clamp(0.0, 1.0), max.clamp(0.0, 1.0)] {
            bar.draw_series(std::iter::once(PathElement::new(
                vec![(0.0, v), (1.0, v)],
                RGBColor(40, 40, 40).stroke_width(2),
            )))?;
        }
    }
    Ok(())
}

/// The trained network's output over the input plane (red ≈ 0, blue ≈ 1, the
/// 0.5 level in dark grey, a colour scale on the right with the plane's lowest
/// and highest output marked) with the data on top. Needs a network with 2 inputs
/// and 1 output. 640×600.
///
/// # Errors
/// [`Error::Shape`] for a network or data of the wrong shape; the errors of
/// [`plot_circles`] for the data (a coordinate beyond ±1e4
/// is an [`Error::Domain`]).
pub fn plot_decision_boundary(
    net: &Network,
    x: &ArrayRef2<f64>,
    labels: &ArrayRef2<f64>,
) -> Result<Figure> {
    const OP: &str = "plot_decision_boundary";
    check_boundary_net(OP, net)?;
    check_xy2(OP, x, labels)?;
    render_png(OP, super::size_or((640, 600)), |root| {
        draw_boundary(
            root,
            &Boundary::of_network(net),
            x,
            labels,
            "decision boundary: network output over the input plane",
        )
    })
}

/// Any predictor's output over the input plane (red ≈ 0, blue ≈ 1, the 0.5
/// level in dark grey, a colour scale on the right) with the data on top: for a model that is not a
/// [`Network`], e.g. an MLP on a learner's own autograd engine.
/// `predict(x1, x2)` gives the probability of class 1, between 0 and 1. The
/// plane is the smallest square holding the data, plus a margin of a tenth
/// of its side; the predictor is called on a 60 × 60 grid. 640×600.
///
/// # Errors
/// [`Error::Shape`] for data of the wrong shape, and the other errors of
/// [`plot_decision_boundary`] for the data; [`Error::NonFinite`] if the
/// predictor returns NaN or an infinity.
///
/// ```
/// use backprop_lab::{dense::make_moons, figures::plot_decision_function};
/// let (x, y) = make_moons(60, 0.1, 0)?;
/// // A straight line as the boundary: class 1 below x2 = 0.25.
/// let fig = plot_decision_function(|_, x2| if x2 < 0.25 { 1.0 } else { 0.0 }, &x, &y)?;
/// assert_eq!(fig.width(), 640);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_decision_function(
    mut predict: impl FnMut(f64, f64) -> f64,
    x: &ArrayRef2<f64>,
    labels: &ArrayRef2<f64>,
) -> Result<Figure> {
    const OP: &str = "plot_decision_function";
    check_xy2(OP, x, labels)?;
    let (min, max) = x
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let margin = ((max - min) * 0.1).max(0.1);
    let (lo, hi) = (min - margin, max + margin);
    let n = BOUNDARY_CELLS;
    let xs = linspace_unchecked(lo, hi, n, true);
    let mut grid = Array2::zeros((n, n));
    for i in 0..n {
        for j in 0..n {
            let v = predict(xs[j], xs[i]);
            if !v.is_finite() {
                return Err(Error::NonFinite {
                    op: OP,
                    what: "the predictor's output".into(),
                    at: format!("(x1, x2) = ({}, {})", xs[j], xs[i]),
                    value: v,
                });
            }
            grid[[i, j]] = v;
        }
    }
    let b = Boundary { lo, hi, grid };
    render_png(OP, super::size_or((640, 600)), |root| {
        draw_boundary(
            root,
            &b,
            x,
            labels,
            "decision boundary: output over the input plane",
        )
    })
}

pub(crate) fn check_boundary_net(op: &'static str, net: &Network) -> Result<()> {
    if net.input_dim() != 2 || net.output_dim() != 1 {
        return Err(shape_err(
            op,
            format!(
                "the network must map 2 inputs to 1 output; its sizes are {:?}",
                net.sizes()
            ),
        ));
    }
    Ok(())
}

/// Any curve over its index, e.g. a loss per step: `ys[i]` against `i`. 720×420.
///
/// # Errors
/// [`Error::Empty`]; [`Error::NonFinite`]; [`Error::Domain`] for a value
/// beyond ±1e300 (the largest a chart draws); [`Error::InvalidParameter`] for a title or
/// label longer than 1000 characters.
///
/// ```
/// let fig = backprop_lab::figures::plot_curve("loss", "step", "MSE", &[1.0, 0.5, 0.25])?;
/// assert_eq!(fig.width(), 720);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_curve(title: &str, x_label: &str, y_label: &str, ys: &[f64]) -> Result<Figure> {
    const OP: &str = "plot_curve";
    check_series(OP, "the values", ys)?;
    check_range(OP, "the values", ys, PLOT_LIMIT)?;
    check_text(OP, "title", title)?;
    check_text(OP, "x_label", x_label)?;
    check_text(OP, "y_label", y_label)?;
    let xs: Vec<f64> = (0..ys.len()).map(|i| i as f64).collect();
    render_png(OP, super::size_or((720, 420)), |root| {
        let mut p = Panel::new(title, x_label, y_label);
        p.lines.push(Line {
            x: &xs,
            y: ys,
            color: BLUE,
            label: None,
        });
        draw_panel(root, &p)
    })
}

/// The CS109 exercise's plot: the true function and the sine network's
/// predictions for each `(label, [w1, w2])`, e.g. before and after gradient
/// steps. 760×480.
///
/// # Errors
/// [`Error::Shape`] if `x` and `y` differ in length; [`Error::Empty`] for no
/// points or no predictions; [`Error::NonFinite`]; [`Error::Domain`] for an
/// `x` or `y` beyond ±1e300 (the largest a chart draws); [`Error::InvalidParameter`] for
/// a label longer than 1000 characters; the errors of
/// [`sin_network`](crate::sin_chain::sin_network) for a prediction's weights.
pub fn plot_sin_fit(x: &[f64], y: &[f64], predictions: &[(&str, [f64; 2])]) -> Result<Figure> {
    const OP: &str = "plot_sin_fit";
    check_series(OP, "x", x)?;
    check_series(OP, "y", y)?;
    check_range(OP, "x", x, PLOT_LIMIT)?;
    check_range(OP, "y", y, PLOT_LIMIT)?;
    same_len(OP, x, y)?;
    if predictions.is_empty() {
        return Err(Error::Empty {
            op: OP,
            what: "the list of predictions".into(),
        });
    }
    for (label, _) in predictions {
        check_text(OP, "predictions", label)?;
    }
    let curves = predictions
        .iter()
        .map(|(label, w)| {
            Ok((
                format!("{label}: w = [{:.3}, {:.3}]", w[0], w[1]),
                crate::sin_chain::sin_network(*w, x)
                    .map_err(|e| e.within(OP))?
                    .y,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let colors = [GREY, GREEN, ORANGE, RED];
    render_png(OP, super::size_or((760, 480)), |root| {
        let mut p = Panel::new("true function and network predictions", "x", "y");
        p.lines.push(Line {
            x,
            y,
            color: RGBColor(0, 0, 139),
            label: Some("true function".into()),
        });
        for (k, (label, ys)) in curves.iter().enumerate() {
            p.lines.push(Line {
                x,
                y: ys,
                color: colors[k % colors.len()],
                label: Some(label.clone()),
            });
        }
        draw_panel(root, &p)
    })
}
