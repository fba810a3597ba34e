//! The nudge explorer: a slider over a [`NudgeSweep`]'s nudges that moves the
//! point along the three panels of [`plot_nudge`](crate::figures::plot_nudge).
//!
//! [`NudgeSweep::explorer`] is defined here rather than beside the type in
//! `net1d::nudge`: it draws with this module's code, and net1d sits below the
//! figures, so it cannot call them.

use super::nudge_plots::{check_sweep, plot_nudge};
use super::web::{js_number, js_numbers, js_string, widget};
use super::Widget;
use crate::error::Result;
use crate::net1d::nudge::{NudgeSweep, SLOPE_STEP};
use crate::show::{escape, num};

const EXPLORER_JS: &str = include_str!("web/explorer.js");

impl NudgeSweep {
    /// The sweep as an interactive explorer for a notebook: a slider over the
    /// nudges moves the marked point along the `z`, `a_3` and `C_0` panels and
    /// shows the nudge and every value there, above the slope of `C_0` at zero
    /// nudge next to backprop's derivative. Drawn in the browser from the
    /// sweep's own numbers; [`plot_nudge`](crate::figures::plot_nudge)'s PNG is the
    /// fallback for viewers that run no scripts.
    ///
    /// # Errors
    /// The errors of [`plot_nudge`](crate::figures::plot_nudge) (a sweep whose series
    /// have been edited out of shape, or hold values no figure can plot).
    ///
    /// ```
    /// use backprop_lab::net1d::{nudge_sweep, walkthrough_nudges, Net1d, Param1d};
    /// let net = Net1d::nudge_setup(4);
    /// let sweep = nudge_sweep(&net, -5.0, -1.0, Param1d::W1, &walkthrough_nudges())?;
    /// let w = sweep.explorer()?;
    /// assert!(w.html().contains("bpl-explorer"));
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn explorer(&self) -> Result<Widget> {
        const OP: &str = "NudgeSweep::explorer";
        check_sweep(OP, self)?;
        let fallback = plot_nudge(self).map_err(|e| e.within(OP))?;
        let layer = self.param.layer();
        let zname = format!("z_{}", layer + 1);
        // Start at the un-nudged network (the nudge nearest zero).
        let start = (0..self.nudges.len())
            .min_by(|&i, &j| self.nudges[i].abs().total_cmp(&self.nudges[j].abs()))
            .unwrap_or(0);
        let name = self.param.name();
        let data = format!(
            "{{param:{},zname:{},nudges:{},values:{},z:{},a3:{},cost:{}}}",
            js_string(name),
            js_string(&zname),
            js_numbers(&self.nudges),
            js_numbers(&self.values),
            js_numbers(&self.z[layer]),
            js_numbers(&self.a[2]),
            js_numbers(&self.cost)
        );
        let body = format!(
            "<div class=\"bpl-panels\"></div>\n\
             <div class=\"bpl-controls\"><span>nudge</span>\
             <input class=\"bpl-nudge bpl-scrub\" type=\"range\" min=\"0\" max=\"{last}\" value=\"{start}\" aria-label=\"nudge\"/></div>\n\
             <table class=\"bpl-readout\"><tr><th>nudge</th><th>{name}</th><th>{zname}</th><th>a_3</th><th>C_0</th></tr>\
             <tr><td data-q=\"nudge\"></td><td data-q=\"value\"></td><td data-q=\"z\"></td><td data-q=\"a3\"></td><td data-q=\"cost\"></td></tr></table>\n\
             <div class=\"bpl-note\">Slope of C_0 at zero nudge (two-sided, &#177;{step:e}): <b class=\"bpl-slope\">{slope}</b>; \
             backprop's &#8706;C_0/&#8706;{name}: <b class=\"bpl-backprop\">{bp}</b></div>",
            last = self.nudges.len() - 1,
            name = escape(name),
            zname = escape(&zname),
            step = SLOPE_STEP,
            slope = num(self.slope.cost),
            bp = num(self.backprop),
        );
        let script = format!(
            "{EXPLORER_JS}\nbplExplorer(root, {data});\nroot.setAttribute(\"data-ready\", \"1\");\nroot.setAttribute(\"data-backprop\", \"{}\");",
            js_number(self.backprop)
        );
        Ok(Widget::new(
            widget("bpl-explorer", &body, &script),
            fallback.bytes().to_vec(),
        ))
    }
}
