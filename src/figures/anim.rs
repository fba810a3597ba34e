//! Animations: the hidden representation during training, and a sweeping nudge.

use ndarray::ArrayRef2;
use plotters::prelude::*;

use super::charts::{check_boundary_net, check_xy2, draw_boundary, Boundary};
use super::nudge_plots::{check_sweep, draw_nudge_panels};
use super::palette::{BLUE, RED};
use super::{encode_gif, render_rgb, Figure};
use crate::dense::network::Network;
use crate::error::{shape_err, Error, Result};
use crate::net1d::nudge::NudgeSweep;

/// How the hidden representation of make_circles evolves during training: one
/// frame per snapshot (e.g. [`History::snapshots`](crate::training::History::snapshots),
/// one per epoch), each showing every point's activations in the 3-unit hidden
/// layer `layer` (1-based, as the labs count) in 3-D, coloured by class, next to
/// the decision boundary at that moment. The 3-D axes are named `a₁`, `a₂`,
/// `a₃`: the activations of the layer's first, second and third unit. An animated GIF, 1100×500, 0.6 s per frame.
///
/// # Errors
/// [`Error::Empty`] without snapshots; [`Error::Shape`] if the snapshots differ in
/// sizes, do not map 2 inputs to 1 output, or layer `layer` does not have 3
/// units; the data errors of [`plot_circles`](crate::figures::plot_circles) (a
/// coordinate beyond ±1e4 is an [`Error::Domain`]);
/// [`Error::InvalidParameter`] for hidden activations beyond ±1e300 or NaN
/// (the largest magnitude the 3-D view draws), or more than 2,000 frames or
/// 2²⁸ pixels in all.
pub fn hidden_layer_animation(
    snapshots: &[Network],
    x: &ArrayRef2<f64>,
    labels: &ArrayRef2<f64>,
    layer: usize,
) -> Result<Figure> {
    const OP: &str = "hidden_layer_animation";
    check_snapshots(OP, snapshots, layer)?;
    check_xy2(OP, x, labels)?;
    // Hidden activations for every snapshot; shared axis ranges across frames.
    let hidden: Vec<ndarray::Array2<f64>> = snapshots
        .iter()
        .map(|net| net.forward_columns(x.t().to_owned()).activations[layer].clone())
        .collect();
    let range = hidden_range(OP, &hidden)?;
    let size = super::size_or((1100, 500));
    check_frames(OP, snapshots.len(), size)?;
    let classes: Vec<bool> = labels.column(0).iter().map(|&l| l > 0.5).collect();
    let mut frames = Vec::with_capacity(snapshots.len());
    for (k, (net, h)) in snapshots.iter().zip(&hidden).enumerate() {
        let frame = render_rgb(OP, size, |root| {
            let (left, right) = root.split_horizontally(560);
            let title = format!("hidden layer {layer} activations, snapshot {k}");
            draw_hidden(&left, &title, h, &classes, range)?;
            let title = format!("decision boundary, snapshot {k}");
            draw_boundary(&right, &Boundary::of_network(net), x, labels, &title)
        })?;
        frames.push(frame);
    }
    encode_gif(OP, size, &frames, 60)
}

/// At least one snapshot, all of one shape, mapping 2 inputs to 1 output,
/// with a hidden layer `layer` of 3 units.
fn check_snapshots(op: &'static str, snapshots: &[Network], layer: usize) -> Result<()> {
    let first = snapshots.first().ok_or_else(|| Error::Empty {
        op,
        what: "the list of snapshots (no frames to animate)".into(),
    })?;
    check_boundary_net(op, first)?;
    let sizes = first.sizes();
    if layer == 0 || layer >= sizes.len().saturating_sub(1) || sizes[layer] != 3 {
        return Err(shape_err(
            op,
            format!("hidden layer {layer} must exist and have 3 units to plot in 3-D; the sizes are {sizes:?}"),
        ));
    }
    match snapshots
        .iter()
        .enumerate()
        .find(|(_, s)| s.sizes() != sizes)
    {
        Some((i, s)) => Err(shape_err(
            op,
            format!(
                "snapshot {i} has sizes {:?} but snapshot 0 has {sizes:?}",
                s.sizes()
            ),
        )),
        None => Ok(()),
    }
}

/// The axis range shared by every frame: the activations' smallest and
/// largest value, widened to 1 when they are all equal.
fn hidden_range(op: &'static str, hidden: &[ndarray::Array2<f64>]) -> Result<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut any_nan = false;
    for &v in hidden.iter().flatten() {
        any_nan |= v.is_nan();
        lo = lo.min(v);
        hi = hi.max(v);
    }
    // The 3-D view fits its axes to the activations: measured, plotters draws
    // spans from 1e-300 to ±1e300 there as in the 2-D charts.
    let limit = super::charts::PLOT_LIMIT;
    if any_nan || !(lo >= -limit && hi <= limit) {
        return Err(Error::InvalidParameter {
            op,
            name: "snapshots",
            value: format!(
                "hidden activations from {lo:e} to {hi:e}{}",
                if any_nan { " and NaN" } else { "" }
            ),
            reason: format!("a figure plots values within ±{limit:e}"),
        });
    }
    if hi - lo < 1e-9 {
        return Ok((lo - 0.5, hi + 0.5));
    }
    Ok((lo, hi))
}

/// One frame's 3-D panel: each point's three hidden activations, coloured by class.
fn draw_hidden<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    h: &ndarray::Array2<f64>,
    classes: &[bool],
    (lo, hi): (f64, f64),
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 20))
        .margin(10)
        .build_cartesian_3d(lo..hi, lo..hi, lo..hi)?;
    chart.with_projection(|mut p| {
        p.pitch = 0.45;
        p.yaw = 0.7;
        p.scale = 0.75;
        p.into_matrix()
    });
    chart
        .configure_axes()
        .label_style(("sans-serif", 13))
        .light_grid_style(RGBColor(225, 225, 225))
        .max_light_lines(3)
        .draw()?;
    // Each axis is named beside the edge that carries its tick labels: a₁ and
    // a₃ (the first and third unit's activation) below the two front floor
    // edges, a₂ above the vertical edge on the left.
    let (mid, pad) = ((lo + hi) / 2.0, (hi - lo) * 0.25);
    let names = [
        ("a₁", (mid, lo, hi + pad)),
        ("a₂", (lo, hi + pad * 0.6, hi)),
        ("a₃", (hi + pad, lo, mid)),
    ];
    chart.draw_series(
        names
            .iter()
            .map(|&(name, at)| Text::new(name, at, ("sans-serif", 18).into_font())),
    )?;
    // One class per column of h (check_xy2 matched labels to x's rows).
    let points = (0..h.ncols().min(classes.len())).map(|i| {
        let c = if classes[i] { BLUE } else { RED };
        Circle::new((h[[0, i]], h[[1, i]], h[[2, i]]), 2, c.mix(0.7).filled())
    });
    chart.draw_series(points)?;
    Ok(())
}

/// The most frames an animation may have, and the most pixels all its frames
/// may hold together (2²⁸, 768 MiB of RGB), so an animation cannot exhaust memory.
const MAX_FRAMES: usize = 2_000;
const MAX_FRAME_PIXELS: usize = 1 << 28;

fn check_frames(op: &'static str, frames: usize, (w, h): (u32, u32)) -> Result<()> {
    // Saturating: a product past usize::MAX is past the ceiling too.
    let pixels = frames.saturating_mul((w as usize).saturating_mul(h as usize));
    if frames > MAX_FRAMES || pixels > MAX_FRAME_PIXELS {
        return Err(Error::InvalidParameter {
            op,
            name: "frames",
            value: format!("{frames} frames of {w}x{h}"),
            reason: format!(
                "an animation holds at most {MAX_FRAMES} frames and {MAX_FRAME_PIXELS} pixels in all; take fewer snapshots or every k-th one"
            ),
        });
    }
    Ok(())
}

/// The nudge panels of [`plot_nudge`](crate::figures::plot_nudge) as an animation: the
/// marked point travels along each curve as the nudge sweeps from its first to
/// its last value, one frame per `every`-th nudge. 1200×380, 0.1 s per frame.
///
/// # Errors
/// [`Error::InvalidParameter`] if `every == 0`, or for more than 2,000 frames
/// or 2²⁸ pixels in all; the errors of `plot_nudge` (a value beyond ±1e300 is
/// an [`Error::Domain`]).
pub fn nudge_animation(sweep: &NudgeSweep, every: usize) -> Result<Figure> {
    const OP: &str = "nudge_animation";
    check_sweep(OP, sweep)?;
    if every == 0 {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "every",
            value: "0".into(),
            reason: "take every 1st, 2nd, ... nudge; 0 gives no frames".into(),
        });
    }
    let size = super::size_or((1200, 380));
    check_frames(OP, sweep.values.len().div_ceil(every), size)?;
    let frames = (0..sweep.values.len())
        .step_by(every)
        .map(|k| render_rgb(OP, size, |root| draw_nudge_panels(root, sweep, Some(k))))
        .collect::<Result<Vec<_>>>()?;
    encode_gif(OP, size, &frames, 10)
}
