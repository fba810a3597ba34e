//! Tables that show themselves in a notebook: HTML for Jupyter, plain text
//! everywhere else.
//!
//! The evcxr kernel calls a value's `evcxr_display` method when the value ends a
//! cell; each type that a learner looks at builds a `Table` (crate-internal) and
//! hands it to `Table::emit`, which prints one block per MIME type. `Display`
//! uses the same table's plain-text form, so `println!("{x}")` and the cell's
//! output agree: a type implements the internal `Tabular` trait and the
//! `shown_as_table!` macro writes both methods.
//!
//! The public pieces: [`largest_difference`] (also in the prelude), how far
//! apart two results are, where, and how many entries agree bit for bit, shown
//! in one line by [`LargestDifference`]; and [`NumberTable`], a few
//! computations of the same quantities side by side.

use std::fmt::Write as _;

/// A titled table with a header row, data rows and optional notes below.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    notes: Vec<String>,
    /// An inline SVG drawn under the table in HTML (e.g. a sparkline).
    svg: Option<String>,
    /// A CSS colour for the title and a bar down the left edge (HTML only),
    /// e.g. green for a check that passed.
    accent: Option<&'static str>,
    /// A background colour per row (HTML only); rows past its end have none.
    row_colors: Vec<Option<&'static str>>,
    /// Rungs of hints, each behind a button that opens the next (HTML only).
    ladder: Vec<String>,
}

/// `&`, `<`, `>` and `"` as HTML entities.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A number to 6 significant digits, as a table cell.
pub(crate) fn num(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let mag = v.abs().log10();
    if (-4.0..6.0).contains(&mag) {
        let s = format!("{v:.*}", (5 - mag.floor() as i32).clamp(0, 12) as usize);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        format!("{v:.5e}")
    }
}

impl Table {
    pub(crate) fn new(title: impl Into<String>, header: &[&str]) -> Self {
        Table {
            title: title.into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            ..Table::default()
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// A data row with a background colour in HTML.
    pub(crate) fn row_colored(&mut self, cells: Vec<String>, css_color: &'static str) {
        self.row_colors.resize(self.rows.len(), None);
        self.row_colors.push(Some(css_color));
        self.rows.push(cells);
    }

    /// Hints shown one at a time in HTML: each `<details>` button opens its
    /// hint and the next button.
    pub(crate) fn ladder(&mut self, hints: &[String]) {
        self.ladder = hints.to_vec();
    }

    pub(crate) fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }

    pub(crate) fn svg(&mut self, svg: String) {
        self.svg = Some(svg);
    }

    pub(crate) fn accent(&mut self, css_color: &'static str) {
        self.accent = Some(css_color);
    }

    /// Plain text: the title, aligned columns, the notes.
    pub(crate) fn text(&self) -> String {
        let ncols = self
            .rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len()])
            .max()
            .unwrap_or(0);
        let cell = |r: &Vec<String>, c: usize| r.get(c).cloned().unwrap_or_default();
        let widths: Vec<usize> = (0..ncols)
            .map(|c| {
                self.rows
                    .iter()
                    .chain([&self.header])
                    .map(|r| cell(r, c).chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |r: &Vec<String>| {
            (0..ncols)
                .map(|c| pad(&cell(r, c), widths[c]))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let mut out = self.title.clone();
        if !self.header.is_empty() {
            out.push('\n');
            out.push_str(&line(&self.header));
        }
        for r in &self.rows {
            out.push('\n');
            out.push_str(&line(r));
        }
        for n in &self.notes {
            out.push('\n');
            out.push_str(n);
        }
        out
    }

    /// HTML: a caption, a table with a header row, the notes, the SVG.
    pub(crate) fn html(&self) -> String {
        let (bar, title_color) = match self.accent {
            Some(c) => (
                format!(";border-left:4px solid {c};padding-left:8px"),
                format!(";color:{c}"),
            ),
            None => (String::new(), String::new()),
        };
        let mut h = format!(
            "<div class=\"backprop-lab\" style=\"font-family:sans-serif;font-size:13px{bar}\">"
        );
        let _ = write!(
            h,
            "<div style=\"font-weight:bold;margin:2px 0{title_color}\">{}</div>",
            escape(&self.title)
        );
        h.push_str("<table style=\"border-collapse:collapse\">");
        if !self.header.is_empty() {
            h.push_str("<thead><tr>");
            for c in &self.header {
                let _ = write!(
                    h,
                    "<th style=\"text-align:left;padding:2px 8px;border-bottom:1px solid #999\">{}</th>",
                    escape(c)
                );
            }
            h.push_str("</tr></thead>");
        }
        h.push_str("<tbody>");
        for (i, r) in self.rows.iter().enumerate() {
            match self.row_colors.get(i).copied().flatten() {
                Some(c) => {
                    let _ = write!(h, "<tr style=\"background:{c}\">");
                }
                None => h.push_str("<tr>"),
            }
            for (j, c) in r.iter().enumerate() {
                // The first column names the row; keep it on one line.
                let wrap = if j == 0 { ";white-space:nowrap" } else { "" };
                let _ = write!(
                    h,
                    "<td style=\"text-align:left;padding:2px 8px;font-family:monospace{wrap}\">{}</td>",
                    escape(c)
                );
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>");
        for n in &self.notes {
            let _ = write!(
                h,
                "<div style=\"margin:2px 0;color:#444\">{}</div>",
                escape(n)
            );
        }
        if let Some(svg) = &self.svg {
            h.push_str(svg);
        }
        for (i, hint) in self.ladder.iter().enumerate() {
            let _ = write!(
                h,
                "<details style=\"margin:4px 0 0 {}px\"><summary style=\"cursor:pointer;color:#8a6d00\">hint {} of {}</summary><div style=\"margin:2px 0;color:#444\">{}</div>",
                if i == 0 { 0 } else { 8 },
                i + 1,
                self.ladder.len(),
                escape(hint)
            );
        }
        h.push_str(&"</details>".repeat(self.ladder.len()));
        h.push_str("</div>");
        h
    }

    /// Prints the evcxr blocks: `text/html`, then `text/plain` for viewers without HTML.
    pub(crate) fn emit(&self) {
        println!("{}", self.blocks());
    }

    /// What [`Table::emit`] prints.
    pub(crate) fn blocks(&self) -> String {
        format!(
            "EVCXR_BEGIN_CONTENT text/html\n{}\nEVCXR_END_CONTENT\nEVCXR_BEGIN_CONTENT text/plain\n{}\nEVCXR_END_CONTENT",
            self.html(),
            self.text()
        )
    }
}

/// A type a learner looks at as one [`Table`]. [`shown_as_table!`] gives it
/// `Display` (the table's plain text) and `evcxr_display` (the table as HTML,
/// with the same text for viewers without HTML), so the two always agree.
pub(crate) trait Tabular {
    /// The table that both `Display` and `evcxr_display` show.
    fn table(&self) -> Table;
}

/// `shown_as_table!(Type, "what the table shows")`: `Display` and a public
/// `evcxr_display` for a [`Tabular`] type, both from its [`Tabular::table`].
/// The second argument completes the method's doc: "Shows {what} in a
/// notebook cell". Types whose notebook display is not that one table (a
/// figure, a widget, a check report with hint buttons) write their own.
macro_rules! shown_as_table {
    ($ty:ty, $what:literal) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::show::Tabular::table(self).text())
            }
        }

        impl $ty {
            #[doc = concat!(
                "Shows ",
                $what,
                " in a notebook cell: an HTML table, with plain text for viewers without HTML (the evcxr kernel calls this for a cell's last value)."
            )]
            pub fn evcxr_display(&self) {
                $crate::show::Tabular::table(self).emit();
            }
        }
    };
}
pub(crate) use shown_as_table;

/// A small line chart of `values` as inline SVG (non-finite values are skipped).
pub(crate) fn sparkline(values: &[f64], label: &str) -> String {
    const W: f64 = 240.0;
    const H: f64 = 48.0;
    let finite: Vec<(usize, f64)> = values
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .collect();
    if finite.len() < 2 {
        return String::new();
    }
    let lo = finite.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = finite.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    // `finite` has two entries or more, so `values` does too; saturating all the same.
    let last = values.len().saturating_sub(1).max(1) as f64;
    // At most ~400 points: a long history is thinned evenly.
    let step = (finite.len() / 400).max(1);
    let points: Vec<String> = finite
        .iter()
        .step_by(step)
        .map(|&(i, v)| {
            let x = 2.0 + (W - 4.0) * i as f64 / last;
            let y = 2.0 + (H - 4.0) * (1.0 - (v - lo) / span);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    format!(
        "<div style=\"margin-top:4px\"><svg width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\">\
         <rect width=\"{W}\" height=\"{H}\" fill=\"#f7f7f7\"/>\
         <polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"{}\"/></svg>\
         <span style=\"color:#444;margin-left:6px\">{} from {} to {}</span></div>",
        escape(label),
        points.join(" "),
        escape(label),
        num(finite[0].1),
        num(finite[finite.len() - 1].1)
    )
}

/// `text` followed by spaces up to `width` characters. Written out because
/// `format!`'s width is limited to 65,535: a wider cell (a long node name, a
/// long panic message) would panic.
fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    let mut s = String::with_capacity(text.len() + width.saturating_sub(n));
    s.push_str(text);
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(n)));
    s
}

/// Numbers side by side: a title, a header, and one labelled row of numbers
/// each, shown as a table in a notebook cell (plain text with `println!`).
/// For cells that set a few computations of the same quantities against each
/// other, so the cell need not align columns by hand.
///
/// # Example
///
/// ```
/// use backprop_lab::show::NumberTable;
///
/// let t = NumberTable::new("dL/da two ways", &["", "backprop", "difference"], 3)
///     .row("dL/da", &[6.0, 6.0004]);
/// assert_eq!(t.to_string(), "dL/da two ways\n       backprop  difference\ndL/da  +6.000    +6.000");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NumberTable {
    title: String,
    header: Vec<String>,
    decimals: usize,
    signed: bool,
    scientific: bool,
    rows: Vec<(String, Vec<f64>)>,
}

impl NumberTable {
    /// An empty table: `header` names the label column first, then one
    /// column per number; every number is shown with a sign and `decimals`
    /// digits after the point (at most 17).
    pub fn new(title: &str, header: &[&str], decimals: usize) -> Self {
        NumberTable {
            title: title.to_string(),
            header: header.iter().map(|h| h.to_string()).collect(),
            decimals: decimals.min(17),
            signed: true,
            scientific: false,
            rows: Vec::new(),
        }
    }

    /// The table with no `+` before positive numbers: for counts, sizes and
    /// percentages, which are never negative.
    ///
    /// ```
    /// use backprop_lab::show::NumberTable;
    /// let t = NumberTable::new("accuracy, %", &["seed", "test"], 1).unsigned().row("1", &[95.25]);
    /// assert_eq!(t.to_string(), "accuracy, %\nseed  test\n1     95.2");
    /// ```
    pub fn unsigned(mut self) -> Self {
        self.signed = false;
        self
    }

    /// The table with every number in scientific notation, `decimals` digits
    /// after the point: for numbers many powers of ten apart, such as the
    /// relative errors of gradient checks.
    ///
    /// ```
    /// use backprop_lab::show::NumberTable;
    /// let t = NumberTable::new("errors", &["", "relative"], 1).unsigned().scientific().row("a", &[0.00012]);
    /// assert_eq!(t.to_string(), "errors\n   relative\na  1.2e-4");
    /// ```
    pub fn scientific(mut self) -> Self {
        self.scientific = true;
        self
    }

    /// The table with one more row: its label, then its numbers.
    pub fn row(mut self, label: &str, values: &[f64]) -> Self {
        self.rows.push((label.to_string(), values.to_vec()));
        self
    }
}

impl NumberTable {
    /// One number as the table shows it.
    fn cell(&self, v: f64) -> String {
        let d = self.decimals;
        match (self.signed, self.scientific) {
            (true, false) => format!("{v:+.d$}"),
            (false, false) => format!("{v:.d$}"),
            (true, true) => format!("{v:+.d$e}"),
            (false, true) => format!("{v:.d$e}"),
        }
    }
}

impl Tabular for NumberTable {
    fn table(&self) -> Table {
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        let mut t = Table::new(self.title.clone(), &header);
        for (label, values) in &self.rows {
            let mut cells = vec![label.clone()];
            cells.extend(values.iter().map(|&v| self.cell(v)));
            t.row(cells);
        }
        t
    }
}

shown_as_table!(NumberTable, "the numbers side by side");

/// Numbers that [`largest_difference`] can compare: an `ndarray` array or view
/// of any dimension, a slice, `Vec` or array of `f64`, or one `f64`.
pub trait Entries {
    /// The shape: `[]` for one number, `[n]` for a slice or `Vec`.
    fn shape(&self) -> Vec<usize>;
    /// The entries in row-major order, the order `ndarray` iterates in.
    fn entries(&self) -> Vec<f64>;
}

impl<S: ndarray::Data<Elem = f64>, D: ndarray::Dimension> Entries for ndarray::ArrayBase<S, D> {
    fn shape(&self) -> Vec<usize> {
        ndarray::ArrayBase::shape(self).to_vec()
    }
    fn entries(&self) -> Vec<f64> {
        self.iter().copied().collect()
    }
}

impl Entries for [f64] {
    fn shape(&self) -> Vec<usize> {
        vec![self.len()]
    }
    fn entries(&self) -> Vec<f64> {
        self.to_vec()
    }
}

impl Entries for Vec<f64> {
    fn shape(&self) -> Vec<usize> {
        vec![self.len()]
    }
    fn entries(&self) -> Vec<f64> {
        self.clone()
    }
}

impl<const N: usize> Entries for [f64; N] {
    fn shape(&self) -> Vec<usize> {
        vec![N]
    }
    fn entries(&self) -> Vec<f64> {
        self.to_vec()
    }
}

impl Entries for f64 {
    fn shape(&self) -> Vec<usize> {
        Vec::new()
    }
    fn entries(&self) -> Vec<f64> {
        vec![*self]
    }
}

impl<T: Entries + ?Sized> Entries for &T {
    fn shape(&self) -> Vec<usize> {
        (**self).shape()
    }
    fn entries(&self) -> Vec<f64> {
        (**self).entries()
    }
}

/// How far apart two same-shaped sets of numbers are, as
/// [`largest_difference`] returns it. Shows itself as one line, e.g.
/// `largest difference 2.2e-16 at [0, 417]; 998 of 1000 entries bit-for-bit equal`.
#[derive(Debug, Clone, PartialEq)]
pub struct LargestDifference {
    /// The shape both inputs have.
    pub shape: Vec<usize>,
    /// The largest `|a - b|` over all entries: 0 when every pair is equal,
    /// NaN when a pair holds a NaN that the other side does not hold bit for bit.
    pub largest: f64,
    /// Where the largest difference is (the first such entry), or `None`
    /// when no entry differs.
    pub at: Option<Vec<usize>>,
    /// How many entries are bit-for-bit equal (the same `f64` bits, so `0.0`
    /// and `-0.0` are not, and a NaN equals only a NaN with the same bits).
    pub equal: usize,
    /// How many entries each input holds.
    pub total: usize,
}

/// The largest absolute difference between `a` and `b`, where it is, and how
/// many entries agree bit for bit: what a notebook prints to show that two
/// computations give the same numbers (or how close they come).
///
/// `a` and `b` may be any of the [`Entries`] kinds: `ndarray` arrays and views
/// of any dimension, slices, `Vec`s and arrays of `f64`, or single `f64`s. A
/// NaN or infinity is compared like any other entry (a NaN difference counts
/// as the largest); nothing panics.
///
/// # Errors
///
/// [`Error::Shape`](crate::Error::Shape) naming `largest_difference` and both
/// shapes when `a` and `b` have different shapes.
///
/// # Example
///
/// ```
/// use backprop_lab::prelude::*;
///
/// let gap = largest_difference(&array![[1.0, 2.0], [3.0, 4.0]], &array![[1.0, 2.5], [3.0, 4.0]])?;
/// // |2.0 - 2.5| = 0.5 at row 0, column 1; the other three entries are equal.
/// assert_eq!((gap.largest, gap.at.clone(), gap.equal), (0.5, Some(vec![0, 1]), 3));
/// assert_eq!(gap.to_string(), "largest difference 5.0e-1 at [0, 1]; 3 of 4 entries bit-for-bit equal");
/// assert!(largest_difference(&[1.0, 2.0], &vec![1.0]).is_err());
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn largest_difference<A, B>(a: &A, b: &B) -> crate::error::Result<LargestDifference>
where
    A: Entries + ?Sized,
    B: Entries + ?Sized,
{
    let shape = a.shape();
    if shape != b.shape() {
        return Err(crate::error::shape_err(
            "largest_difference",
            format!(
                "the first has shape {}, the second {}",
                crate::error::shape_str(&shape),
                crate::error::shape_str(&b.shape())
            ),
        ));
    }
    let (xs, ys) = (a.entries(), b.entries());
    if xs.len() != ys.len() {
        return Err(crate::error::shape_err(
            "largest_difference",
            format!("{} entries against {}", xs.len(), ys.len()),
        ));
    }
    let mut gap = LargestDifference {
        total: xs.len(),
        shape,
        largest: 0.0,
        at: None,
        equal: 0,
    };
    let mut worst = None;
    for (k, (p, q)) in xs.iter().zip(&ys).enumerate() {
        if p.to_bits() == q.to_bits() {
            gap.equal += 1;
            continue;
        }
        let d = (p - q).abs();
        // A NaN difference is worse than any number; the first NaN stays.
        let worse = !gap.largest.is_nan() && (d.is_nan() || d > gap.largest);
        if worse {
            gap.largest = d;
            worst = Some(k);
        }
    }
    gap.at = worst.map(|k| crate::error::unravel(k, &gap.shape));
    Ok(gap)
}

impl Tabular for LargestDifference {
    fn table(&self) -> Table {
        let d = if self.largest == 0.0 {
            "0".to_string()
        } else {
            format!("{:.1e}", self.largest)
        };
        let at = match &self.at {
            Some(i) if !i.is_empty() => format!(
                " at [{}]",
                i.iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => String::new(),
        };
        let line = if self.total == 0 {
            format!(
                "nothing to compare: both have shape {}",
                crate::error::shape_str(&self.shape)
            )
        } else if self.total == 1 {
            let same = if self.equal == 1 { "" } else { "not " };
            format!("difference {d}{at}: {same}bit-for-bit equal")
        } else if self.equal == self.total {
            format!(
                "largest difference 0: all {} entries bit-for-bit equal",
                self.total
            )
        } else {
            format!(
                "largest difference {d}{at}; {} of {} entries bit-for-bit equal",
                self.equal, self.total
            )
        };
        Table::new(line, &[])
    }
}

shown_as_table!(LargestDifference, "the largest difference in one line");

#[cfg(test)]
mod tests {
    use super::*;

    /// `format!`'s width stops at 65,535; a cell wider than that, and one
    /// beside it that needs padding to it, must still lay out.
    #[test]
    fn cells_wider_than_format_allows() {
        for width in [65_535, 65_536, 200_000] {
            let mut t = Table::new("T", &["a", "b"]);
            t.row(vec!["x".repeat(width), "1".into()]);
            t.row(vec!["y".into(), "2".into()]);
            let text = t.text();
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), 4);
            // Both data rows put their second cell at the same column.
            assert_eq!(lines[2].chars().count(), width + 3);
            assert_eq!(lines[3].chars().count(), width + 3);
        }
    }

    #[test]
    fn text_and_html_hold_the_same_cells() {
        let mut t = Table::new("T <1>", &["a", "b"]);
        t.row(vec!["1".into(), "x & y".into()]);
        t.note("note");
        assert_eq!(t.text(), "T <1>\na  b\n1  x & y\nnote");
        let h = t.html();
        assert!(
            h.contains("T &lt;1&gt;") && h.contains("x &amp; y") && h.contains("<th"),
            "{h}"
        );
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(num(66.0), "66");
        assert_eq!(num(0.125), "0.125");
        assert_eq!(num(1.0 / 3.0), "0.333333");
        assert_eq!(num(1.5e-7), "1.50000e-7");
    }

    #[test]
    fn sparklines_skip_bad_values_and_need_two_points() {
        assert_eq!(sparkline(&[1.0], "loss"), "");
        let s = sparkline(&[3.0, f64::NAN, 1.0], "loss");
        assert!(
            s.contains("<polyline") && s.contains("loss from 3 to 1"),
            "{s}"
        );
    }
    #[test]
    fn number_tables_align_signed_numbers() {
        let t = NumberTable::new("T", &["param", "a", "b"], 2)
            .row("w1", &[0.5, -0.125])
            .row("b", &[10.0]);
        // -0.125 to 2 decimals is -0.12 (round half to even on the binary value 0.125).
        assert_eq!(
            t.to_string(),
            "T\nparam  a       b\nw1     +0.50   -0.12\nb      +10.00"
        );
        let nan = NumberTable::new("T", &[], 40).row("x", &[f64::NAN, f64::INFINITY]);
        assert_eq!(nan.to_string(), "T\nx  NaN  +inf");
        // 1234.5 in scientific notation to 2 decimals: 1.2345e3 rounds to 1.23e3.
        let sci = NumberTable::new("T", &[], 2)
            .scientific()
            .row("x", &[1234.5, -0.5]);
        assert_eq!(sci.to_string(), "T\nx  +1.23e3  -5.00e-1");
        let plain = NumberTable::new("T", &[], 0)
            .unsigned()
            .row("n", &[3.0, -2.0]);
        assert_eq!(plain.to_string(), "T\nn  3  -2");
    }

    #[test]
    fn largest_differences_by_hand() {
        // |0.5 - 0.75| = 0.25 at [1, 0]; |2 - 2.125| = 0.125 is smaller; 2 of 4 equal.
        let a = ndarray::array![[1.0, 2.0], [0.5, 3.0]];
        let b = ndarray::array![[1.0, 2.125], [0.75, 3.0]];
        let gap = largest_difference(&a, &b).unwrap();
        assert_eq!(gap.largest, 0.25);
        assert_eq!(gap.at, Some(vec![1, 0]));
        assert_eq!((gap.equal, gap.total), (2, 4));
        assert_eq!(
            gap.to_string(),
            "largest difference 2.5e-1 at [1, 0]; 2 of 4 entries bit-for-bit equal"
        );
        // A view against a Vec against a slice: all equal.
        let same = largest_difference(&a.row(0), &vec![1.0, 2.0]).unwrap();
        assert_eq!(
            same.to_string(),
            "largest difference 0: all 2 entries bit-for-bit equal"
        );
        assert_eq!(same.at, None);
        // One number each: |0.1 + 0.2 - 0.3| = 2^-54 = 5.55e-17.
        let one = largest_difference(&(0.1 + 0.2), &0.3).unwrap();
        assert_eq!(one.largest, 2f64.powi(-54));
        assert_eq!(one.to_string(), "difference 5.6e-17: not bit-for-bit equal");
        assert_eq!(
            largest_difference(&1.5, &1.5).unwrap().to_string(),
            "difference 0: bit-for-bit equal"
        );
    }

    #[test]
    fn largest_difference_of_nan_infinity_and_signed_zero() {
        // The NaN beats the infinity even though the infinity comes first.
        let a = [f64::INFINITY, 1.0, f64::NAN, 0.0];
        let b = [1.0, 1.0, 2.0, -0.0];
        let gap = largest_difference(&a, &b).unwrap();
        assert!(gap.largest.is_nan());
        assert_eq!(gap.at, Some(vec![2]));
        // Only 1.0 = 1.0: 0.0 and -0.0 differ in their sign bit.
        assert_eq!(gap.equal, 1);
        assert_eq!(
            gap.to_string(),
            "largest difference NaN at [2]; 1 of 4 entries bit-for-bit equal"
        );
        // The same infinities and NaNs on both sides are equal.
        let gap = largest_difference(
            &[f64::NAN, f64::NEG_INFINITY],
            &[f64::NAN, f64::NEG_INFINITY],
        )
        .unwrap();
        assert_eq!((gap.largest, gap.equal), (0.0, 2));
        // +0 against -0 differs by 0 but not bit for bit: no position to name.
        let zeros = largest_difference(&[0.0, 1.0], &[-0.0, 1.0]).unwrap();
        assert_eq!(
            zeros.to_string(),
            "largest difference 0; 1 of 2 entries bit-for-bit equal"
        );
    }

    #[test]
    fn largest_difference_names_both_shapes() {
        let a = ndarray::Array2::<f64>::zeros((3, 2));
        let b = ndarray::Array2::<f64>::zeros((2, 3));
        let e = largest_difference(&a, &b).unwrap_err().to_string();
        assert_eq!(
            e,
            "largest_difference: the first has shape (3, 2), the second (2, 3)"
        );
        let e = largest_difference(&[1.0], &2.0).unwrap_err().to_string();
        assert!(e.contains("(1,)") && e.contains("()"), "{e}");
        let empty = largest_difference(&Vec::<f64>::new(), &[0.0; 0]).unwrap();
        assert_eq!(
            empty.to_string(),
            "nothing to compare: both have shape (0,)"
        );
    }
}
