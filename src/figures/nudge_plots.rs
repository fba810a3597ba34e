//! The walkthrough's nudge panels.

use plotters::prelude::*;

use super::charts::{draw_panel, padded, Dots, Line, Panel, PLOT_LIMIT};
use super::palette::{GREEN, ORANGE, RED};
use super::{check_range, check_series, render_png, Area, DrawResult, Figure};
use crate::error::Result;
use crate::net1d::nudge::NudgeSweep;

/// Draws the three panels of a sweep, with the point at nudge index `mark`.
pub(crate) fn draw_nudge_panels(
    root: &Area<'_>,
    s: &NudgeSweep,
    mark: Option<usize>,
) -> DrawResult {
    let layer = s.param.layer();
    let name = s.param.name();
    let xlabel = format!("{name} + nudge");
    let panels = root.split_evenly((1, 3));
    // The current (un-nudged) point unless a nudge index is given.
    let (px, pz, pa, pc) = match mark {
        Some(k) => (s.values[k], s.z[layer][k], s.a[2][k], s.cost[k]),
        None => (
            s.base_value,
            s.base_trace.z[layer],
            s.base_trace.a[2],
            s.base_cost,
        ),
    };
    let zname = format!("z_{}", layer + 1);
    let specs: [(&str, &[f64], f64, RGBColor, String); 3] = [
        (
            &zname,
            &s.z[layer],
            pz,
            ORANGE,
            format!("How a nudge in {name} affects {zname}"),
        ),
        (
            "a_3",
            &s.a[2],
            pa,
            GREEN,
            format!("How a nudge in {name} affects a_3"),
        ),
        (
            "C_0",
            &s.cost,
            pc,
            RED,
            format!("How a nudge in {name} affects C_0"),
        ),
    ];
    for (area, (ylabel, ys, py, color, title)) in panels.iter().zip(specs) {
        let mut p = Panel::new(&title, &xlabel, ylabel);
        p.lines.push(Line {
            x: &s.values,
            y: ys,
            color,
            label: None,
        });
        let (mx, my) = ([px], [py]);
        p.dots.push(Dots {
            x: &mx,
            y: &my,
            color,
            size: 8,
            label: None,
        });
        // Fixed ranges so an animation's frames share axes. They take in the
        // marked point too: the fields are public, and a point far outside a
        // fixed range would overflow plotters' pixel coordinates.
        let xs = s.values.iter().copied().chain([px]);
        p.x_range = Some(padded(xs).map_err(|e| format!("x axis: {e}"))?);
        let ys_marked = ys.iter().copied().chain([py]);
        p.y_range = Some(padded(ys_marked).map_err(|e| format!("y axis: {e}"))?);
        draw_panel(area, &p)?;
    }
    Ok(())
}

pub(crate) fn check_sweep(op: &'static str, s: &NudgeSweep) -> Result<()> {
    // The fields are public: every series must still have one entry per nudge.
    let n = s.values.len();
    check_series(op, "the nudged values", &s.values)?;
    check_range(op, "the nudged values", &s.values, PLOT_LIMIT)?;
    let mut series = vec![
        ("the nudges".to_string(), &s.nudges),
        ("the costs".to_string(), &s.cost),
    ];
    for i in 0..3 {
        series.push((format!("z_{}", i + 1), &s.z[i]));
        series.push((format!("a_{}", i + 1), &s.a[i]));
    }
    for (what, v) in series {
        if v.len() != n {
            return Err(crate::error::shape_err(
                op,
                format!(
                    "the sweep has {n} nudged values but {} entries of {what}",
                    v.len()
                ),
            ));
        }
        check_series(op, &what, v)?;
        check_range(op, &what, v, PLOT_LIMIT)?;
    }
    let base = [
        s.base_value,
        s.base_cost,
        s.base_trace.z[2],
        s.base_trace.a[2],
    ];
    crate::error::check_finite_slice(op, "the un-nudged point", &base)?;
    check_range(op, "the un-nudged point", &base, PLOT_LIMIT)?;
    crate::error::check_finite_slice(op, "the un-nudged z", &s.base_trace.z)?;
    Ok(())
}

/// The walkthrough's 1×3 nudge panels for a sweep: the nudged parameter's own
/// activity (`z_3` for `w_3`, `z_1` for `w_1`), the output `a_3` and the cost
/// `C_0`, in orange, green and red, each with the current point marked. 1500×450.
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty) or [`Error::NonFinite`](crate::Error::NonFinite)
/// for a sweep with no or non-finite values; [`Error::Shape`](crate::Error::Shape)
/// for series of different lengths; [`Error::Domain`](crate::Error::Domain) for a
/// value (nudged value, `z`, `a`, cost, or the marked un-nudged point) beyond
/// ±1e300, the largest magnitude a chart draws.
///
/// ```
/// use backprop_lab::figures::plot_nudge;
/// use backprop_lab::net1d::{nudge_sweep, walkthrough_nudges, Net1d, Param1d};
/// let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2)?;
/// let sweep = nudge_sweep(&net, -5.0, -1.0, Param1d::W3, &walkthrough_nudges())?;
/// let fig = plot_nudge(&sweep)?;
/// assert_eq!((fig.width(), fig.height()), (1500, 450));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn plot_nudge(sweep: &NudgeSweep) -> Result<Figure> {
    const OP: &str = "plot_nudge";
    check_sweep(OP, sweep)?;
    render_png(OP, super::size_or((1500, 450)), |root| {
        draw_nudge_panels(root, sweep, None)
    })
}
