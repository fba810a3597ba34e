//! Figures of classification (notebook 09): images with captions, a confusion
//! matrix, accuracy per epoch, per-layer gradient norms, and several curves on
//! one chart.

use ndarray::{Array2, ArrayRef2};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::charts::{draw_panel, Line, Panel, AXIS, CAPTION, PLOT_LIMIT, TICKS};
use super::palette::{BLUE, ORANGE, SERIES};
use super::{check_range, check_series, check_text, render_png, Figure};
use crate::error::{check_finite, shape_err, shape_str, Error, Result};
use crate::training::sgd::History;

/// The most images [`plot_images`] draws (a 20 × 20 grid).
const MAX_IMAGES: usize = 400;

/// The widest image [`plot_images`] draws: 100 × 100 pixels, one screen
/// pixel each in its 110-pixel cell.
const MAX_SIDE: usize = 100;

/// The side of `x`'s square images, once every input of [`plot_images`] is
/// checked.
fn check_images(x: &ArrayRef2<f64>, captions: &[String], columns: usize) -> Result<usize> {
    const OP: &str = "plot_images";
    let n = x.nrows();
    if n == 0 {
        return Err(Error::Empty {
            op: OP,
            what: format!("the images (shape {})", shape_str(x.shape())),
        });
    }
    if captions.len() != n {
        return Err(shape_err(
            OP,
            format!("{n} images but {} captions", captions.len()),
        ));
    }
    if columns == 0 || n > MAX_IMAGES {
        return Err(Error::InvalidParameter {
            op: OP,
            name: if columns == 0 { "columns" } else { "x" },
            value: if columns == 0 {
                "0".into()
            } else {
                format!("{n} images")
            },
            reason: format!("draw 1 to {MAX_IMAGES} images in at least one column"),
        });
    }
    let side = (x.ncols() as f64).sqrt().round() as usize;
    if side == 0 || side.checked_mul(side) != Some(x.ncols()) {
        return Err(shape_err(
            OP,
            format!(
                "each row must be a square image, but rows have {} pixels",
                x.ncols()
            ),
        ));
    }
    if side > MAX_SIDE {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "x",
            value: format!("{side} × {side} images"),
            reason: format!("draw images of at most {MAX_SIDE} × {MAX_SIDE} pixels"),
        });
    }
    check_finite(OP, "x", x.view())?;
    for c in captions {
        super::check_text(OP, "captions", c)?;
    }
    Ok(side)
}

/// Square images in a grid, each with a caption beneath: row `i` of `x` is
/// image `i`, its pixels row by row (64 values make an 8 × 8 image), drawn
/// dark on light from 0 (white) to 1 (black). Values are clamped to [0, 1].
/// Cells are 110 px wide; the width is `columns` cells. An image pixel is
/// drawn 10 screen pixels wide up to 10 × 10 images, fewer above (a 28 × 28
/// image at 3).
///
/// # Errors
/// [`Error::Empty`] for no images; [`Error::Shape`] if `captions` does not
/// have one entry per row or a row is not a square number of pixels;
/// [`Error::InvalidParameter`] for 0 columns, more than 400 images or
/// images larger than 100 × 100, or a caption longer than 1000 characters;
/// [`Error::NonFinite`].
///
/// ```
/// use backprop_lab::{plot_images, ndarray::Array2};
/// let x = Array2::from_shape_fn((3, 64), |(i, p)| ((i + p) % 5) as f64 / 4.0);
/// let fig = plot_images(&x, &["a".into(), "b".into(), "c".into()], 2)?;
/// assert_eq!(fig.width(), 220);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_images(x: &ArrayRef2<f64>, captions: &[String], columns: usize) -> Result<Figure> {
    const OP: &str = "plot_images";
    let side = check_images(x, captions, columns)?;
    let n = x.nrows();
    let columns = columns.min(n);
    let rows = n.div_ceil(columns);
    const CELL: u32 = 110;
    // Each image pixel is a square of up to 10 screen pixels, so that every
    // image up to MAX_SIDE fits in its 110-pixel cell (28 × 28 at 3 px).
    let side32 = side as u32;
    let pix = (100 / side32).clamp(1, 10);
    // At most 400 images of 110 px: the products fit in u32 and i32.
    let size = (CELL * columns as u32, (CELL + 8) * rows as u32);
    render_png(OP, size, |root| {
        let caption = ("sans-serif", TICKS)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Center, VPos::Top));
        let img = side32 * pix;
        for (i, row) in x.rows().into_iter().enumerate() {
            let (cx, cy) = (
                (i % columns) as u32 * CELL,
                (i / columns) as u32 * (CELL + 8),
            );
            let x0 = (cx + (CELL - img) / 2) as i32;
            let y0 = (cy + 6) as i32;
            for (p, v) in row.iter().enumerate() {
                let shade = (255.0 * (1.0 - v.clamp(0.0, 1.0))).round() as u8;
                let (r, c) = ((p / side) as i32, (p % side) as i32);
                let (px, py) = (x0 + c * pix as i32, y0 + r * pix as i32);
                root.draw(&Rectangle::new(
                    [(px, py), (px + pix as i32, py + pix as i32)],
                    RGBColor(shade, shade, shade).filled(),
                ))?;
            }
            root.draw(&Rectangle::new(
                [(x0, y0), (x0 + img as i32, y0 + img as i32)],
                RGBColor(200, 200, 200).stroke_width(1),
            ))?;
            root.draw(&Text::new(
                captions[i].clone(),
                ((cx + CELL / 2) as i32, y0 + img as i32 + 4),
                caption.clone(),
            ))?;
        }
        Ok(())
    })
}

/// A confusion matrix `m[[true, predicted]]` (as
/// [`confusion_matrix`](crate::dense::confusion_matrix) returns it) as a grid of
/// counts: rows are the true classes, columns the predicted ones, each cell
/// shaded by its share of its row, the diagonal (right answers) in blue and
/// the mistakes in orange. 640×600.
///
/// # Errors
/// [`Error::Shape`] unless `m` is square with 1 to 30 classes.
///
/// ```
/// use backprop_lab::{plot_confusion, ndarray::array};
/// let fig = plot_confusion(&array![[5usize, 1], [0, 6]])?;
/// assert_eq!(fig.width(), 640);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_confusion(m: &Array2<usize>) -> Result<Figure> {
    const OP: &str = "plot_confusion";
    let k = m.nrows();
    if k != m.ncols() || k == 0 || k > 30 {
        return Err(shape_err(
            OP,
            format!(
                "a confusion matrix is square with 1 to 30 classes, got shape {}",
                shape_str(m.shape())
            ),
        ));
    }
    render_png(OP, super::size_or((640, 600)), |root| {
        // Summed in u128: 900 counts of up to usize::MAX each cannot overflow.
        let right: u128 = (0..k).map(|i| m[[i, i]] as u128).sum();
        let total: u128 = m.iter().map(|&c| c as u128).sum();
        let title = format!(
            "confusion matrix: {right} of {total} right ({:.1}%)",
            100.0 * right as f64 / total.max(1) as f64
        );
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", CAPTION))
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5..k as f64 - 0.5, k as f64 - 0.5..-0.5)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc("predicted")
            .y_desc("true")
            .axis_desc_style(("sans-serif", AXIS))
            .label_style(("sans-serif", TICKS))
            .x_labels(k)
            .y_labels(k)
            .x_label_formatter(&|v| format!("{}", v.round() as i64))
            .y_label_formatter(&|v| format!("{}", v.round() as i64))
            .draw()?;
        for t in 0..k {
            let row_total: u128 = m.row(t).iter().map(|&c| c as u128).sum();
            for p in 0..k {
                let count = m[[t, p]];
                let share = count as f64 / row_total.max(1) as f64;
                let base = if t == p { BLUE } else { ORANGE };
                let cell = [
                    (p as f64 - 0.5, t as f64 - 0.5),
                    (p as f64 + 0.5, t as f64 + 0.5),
                ];
                if count > 0 {
                    // At least a visible tint for any mistake, full colour for a whole row.
                    let alpha = 0.12 + 0.88 * share;
                    chart.draw_series([Rectangle::new(cell, base.mix(alpha).filled())])?;
                }
                chart.draw_series([Rectangle::new(
                    cell,
                    RGBColor(220, 220, 220).stroke_width(1),
                )])?;
                if count > 0 {
                    let ink = if share > 0.55 { WHITE } else { BLACK };
                    let style = ("sans-serif", TICKS)
                        .into_font()
                        .color(&ink)
                        .pos(Pos::new(HPos::Center, VPos::Center));
                    chart.draw_series([Text::new(
                        count.to_string(),
                        (p as f64, t as f64),
                        style,
                    )])?;
                }
            }
        }
        Ok(())
    })
}

/// Training and test accuracy per epoch, in percent, from a [`History`] of
/// [`train_with_test`](crate::train_with_test). 720×420.
///
/// # Errors
/// [`Error::Empty`] if the history has no accuracies (it came from
/// [`train`](crate::training::train)); [`Error::Shape`] if the two lists differ in length;
/// [`Error::NonFinite`]; [`Error::Domain`] for a percentage beyond ±1e300
/// (the largest magnitude a chart draws).
pub fn plot_accuracy(history: &History) -> Result<Figure> {
    const OP: &str = "plot_accuracy";
    let (tr, te) = (&history.train_accuracy, &history.test_accuracy);
    if tr.is_empty() || te.is_empty() {
        return Err(Error::Empty {
            op: OP,
            what: "the accuracies (train with train_with_test to record them)".into(),
        });
    }
    if tr.len() != te.len() {
        return Err(shape_err(
            OP,
            format!(
                "{} training accuracies but {} test accuracies",
                tr.len(),
                te.len()
            ),
        ));
    }
    let pct = |v: &[f64]| v.iter().map(|a| 100.0 * a).collect::<Vec<f64>>();
    let (tr, te) = (pct(tr), pct(te));
    check_series(OP, "the training accuracies", &tr)?;
    check_series(OP, "the test accuracies", &te)?;
    check_range(OP, "the training accuracies (in %)", &tr, PLOT_LIMIT)?;
    check_range(OP, "the test accuracies (in %)", &te, PLOT_LIMIT)?;
    let epochs: Vec<f64> = (1..=tr.len()).map(|e| e as f64).collect();
    let best = te.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    render_png(OP, super::size_or((720, 420)), |root| {
        let mut p = Panel::new(
            &format!(
                "accuracy per epoch (test: last {:.1}%, best {best:.1}%)",
                te[te.len() - 1]
            ),
            "epoch",
            "% classified right",
        );
        p.legend_auto = true;
        p.lines.push(Line {
            x: &epochs,
            y: &tr,
            color: BLUE,
            label: Some("training data".into()),
        });
        p.lines.push(Line {
            x: &epochs,
            y: &te,
            color: ORANGE,
            label: Some("test data".into()),
        });
        draw_panel(root, &p)
    })
}

/// Per layer, `log₁₀` of the gradient norm `‖∂C/∂W^l‖` averaged over each
/// epoch's steps, from a [`History`]: how fast each layer learns, layer by
/// layer (Nielsen's chapter 5 plots the same for the biases). 720×420.
///
/// # Errors
/// [`Error::Empty`] for a history without steps or layers; [`Error::Shape`] if its
/// fields disagree; [`Error::Domain`] if a norm is 0 (no logarithm);
/// [`Error::NonFinite`] if an epoch's mean overflows;
/// [`Error::InvalidParameter`] for a title longer than 1000 characters.
pub fn plot_layer_gradients(history: &History, title: &str) -> Result<Figure> {
    const OP: &str = "plot_layer_gradients";
    check_text(OP, "title", title)?;
    history.check(OP)?;
    let per_epoch = history.steps_per_epoch.max(1);
    if history.grad_norms.is_empty() {
        return Err(Error::Empty {
            op: OP,
            what: "the history's steps".into(),
        });
    }
    let layers = history.grad_norms[0].len();
    if layers == 0 {
        return Err(Error::Empty {
            op: OP,
            what: "the history's gradient norms (its rows have no layers)".into(),
        });
    }
    let mut series: Vec<Vec<f64>> = vec![Vec::new(); layers];
    for epoch in history.grad_norms.chunks(per_epoch) {
        for (l, s) in series.iter_mut().enumerate() {
            let mean = epoch.iter().map(|r| r[l]).sum::<f64>() / epoch.len() as f64;
            if mean.is_nan() || mean <= 0.0 {
                return Err(Error::Domain {
                    op: OP,
                    detail: format!(
                        "layer {} has gradient norm {mean}, which has no logarithm",
                        l + 1
                    ),
                });
            }
            s.push(mean.log10());
        }
    }
    for (l, s) in series.iter().enumerate() {
        check_series(OP, &format!("the norms of layer {}", l + 1), s)?;
    }
    let epochs: Vec<f64> = (1..=series[0].len()).map(|e| e as f64).collect();
    render_png(OP, super::size_or((720, 420)), |root| {
        let mut p = Panel::new(title, "epoch", "log₁₀ ‖∂C/∂W^l‖ (epoch mean)");
        p.legend_auto = true;
        for (l, s) in series.iter().enumerate() {
            p.lines.push(Line {
                x: &epochs,
                y: s,
                color: SERIES[l % SERIES.len()],
                label: Some(format!("layer {}", l + 1)),
            });
        }
        draw_panel(root, &p)
    })
}

/// Several curves on one chart, each `(label, values)` drawn against
/// `first_x, first_x + 1, …` (steps or epochs). The legend goes in the corner
/// the curves leave emptiest. 720×420.
///
/// # Errors
/// [`Error::Empty`] for no curves or an empty one; [`Error::NonFinite`],
/// also for a `first_x` that is not finite; [`Error::Domain`] for a value, or
/// an x from `first_x` to `first_x + (longest length − 1)`, beyond ±1e300
/// (the largest magnitude a chart draws); [`Error::InvalidParameter`] for a
/// title, axis label or curve label longer than 1000 characters.
///
/// ```
/// let fig = backprop_lab::plot_curves("cost", "epoch", "C", 0.0, &[("a", &[1.0, 0.5][..]), ("b", &[2.0, 0.1][..])])?;
/// assert_eq!(fig.height(), 420);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_curves(
    title: &str,
    x_label: &str,
    y_label: &str,
    first_x: f64,
    curves: &[(&str, &[f64])],
) -> Result<Figure> {
    const OP: &str = "plot_curves";
    crate::error::check_finite_scalar(OP, "first_x", first_x)?;
    if curves.is_empty() {
        return Err(Error::Empty {
            op: OP,
            what: "the list of curves".into(),
        });
    }
    check_text(OP, "title", title)?;
    check_text(OP, "x_label", x_label)?;
    check_text(OP, "y_label", y_label)?;
    for (label, ys) in curves {
        check_text(OP, "curves", label)?;
        let what = format!("curve {label:?}");
        check_series(OP, &what, ys)?;
        check_range(OP, &what, ys, PLOT_LIMIT)?;
    }
    let longest = curves.iter().map(|(_, ys)| ys.len()).max().unwrap_or(0);
    let xs: Vec<f64> = (0..longest).map(|i| first_x + i as f64).collect();
    // The x axis: its ends are the extremes (one point when first_x + i rounds to first_x).
    let ends: Vec<f64> = xs.first().into_iter().chain(xs.last()).copied().collect();
    check_range(OP, "the x values", &ends, PLOT_LIMIT)?;
    render_png(OP, super::size_or((720, 420)), |root| {
        let mut p = Panel::new(title, x_label, y_label);
        p.legend_auto = true;
        for (i, (label, ys)) in curves.iter().enumerate() {
            p.lines.push(Line {
                x: &xs[..ys.len()],
                y: ys,
                color: SERIES[i % SERIES.len()],
                label: Some(label.to_string()),
            });
        }
        draw_panel(root, &p)
    })
}
