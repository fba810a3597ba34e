//! The computation-graph quiz as an interactive diagram: boxes to type into,
//! checked as the learner types, in the lab's colours.
//!
//! [`QuizReport::widget`] is defined here rather than beside the type in
//! `graph::quiz`: it draws with this module's code, and graph sits below the
//! figures, so it cannot call them.

use super::diagrams::{check_drawable, flow, node_label, plot_quiz, Flow, MAX_ACROSS};
use super::web::{js_number, widget};
use super::Widget;
use crate::error::Result;
use crate::graph::handle::NodeId;
use crate::graph::quiz::{Mark, QuizField, QuizReport};
use crate::show::escape;

const QUIZ_JS: &str = include_str!("web/quiz.js");

/// A card's size and the gaps between cards, in CSS pixels.
const CARD_W: f64 = 158.0;
const CARD_H: f64 = 92.0;

impl QuizReport {
    /// The quiz as an interactive diagram for a notebook: every node's value
    /// and derivative, and every edge's local derivative, is a box to type
    /// into. Each box is checked as it changes, to two decimals as the lab
    /// does (and as [`check_quiz`](crate::graph::check_quiz)): a right value turns
    /// blue, a right derivative green, a wrong one red. **Reveal** fills in
    /// every answer; **Reset** goes back to the answers this report was made
    /// with (so answers given in code with [`Answer`](crate::graph::Answer) start the
    /// diagram). Works for any graph up to 40 nodes: the lab's two graphs, the
    /// logistic neuron, or one of your own. Shallow graphs read left to right;
    /// deeper ones top to bottom, so they stay readable at notebook width.
    /// [`plot_quiz`](crate::figures::plot_quiz)'s PNG is the fallback where scripts do
    /// not run.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a graph
    /// of more than 40 nodes, or a node name longer than 1000 characters.
    ///
    /// ```
    /// use backprop_lab::graph::{check_quiz, lab_square_graph, Answer};
    /// let g = lab_square_graph();
    /// let report = check_quiz(&g, g.get("J")?, &[Answer::value("a", 11.0)])?;
    /// let w = report.widget()?;
    /// assert!(w.html().contains("bpl-quiz"));
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn widget(&self) -> Result<Widget> {
        const OP: &str = "QuizReport::widget";
        check_drawable(OP, &self.backward)?;
        let fallback = plot_quiz(self, false).map_err(|e| e.within(OP))?;
        let f = flow(&self.backward);
        let across = f.levels <= MAX_ACROSS;
        let mut boxes = Boxes::default();
        let cards = node_cards(self, &f, &mut boxes);
        let (edges, locals) = edge_labels(self, &f.show, &mut boxes);
        let out = self.backward.name_of(self.backward.output);
        let body = quiz_body(&cards, &locals, out);
        let data = format!(
            "{{across:{across},edges:[{}],boxes:[{}]}}",
            edges.join(","),
            boxes.0.join(",")
        );
        let script = format!("{QUIZ_JS}\nbplQuiz(root, {data});");
        Ok(Widget::new(
            widget("bpl-quiz", &body, &script),
            fallback.bytes().to_vec(),
        ))
    }
}

/// The answer boxes of the quiz, in order, as the script's `boxes` entries
/// `{kind, truth, given}`; an `<input>` names its box by index.
#[derive(Default)]
struct Boxes(Vec<String>);

impl Boxes {
    /// Adds a box (`kind` is `value`, `grad` or `local`) and returns its index.
    fn add(&mut self, kind: &str, truth: f64, given: Option<f64>) -> usize {
        self.0.push(format!(
            "{{kind:\"{kind}\",truth:{},given:{}}}",
            js_number(truth),
            given.map_or("null".to_string(), js_number)
        ));
        self.0.len() - 1
    }
}

/// The number the learner gave for one box, if any (right or wrong).
fn given(report: &QuizReport, id: NodeId, field: &QuizField) -> Option<f64> {
    report
        .items
        .iter()
        .find(|it| it.node == id && &it.field == field)
        .and_then(|it| match it.mark {
            Mark::Right(v) | Mark::Wrong(v) => Some(v),
            Mark::Unanswered => None,
        })
}

/// Node `i`'s card's top-left corner in CSS pixels: columns by depth when the
/// graph reads left to right, rows by depth when it reads top to bottom.
fn card_corner(f: &Flow, i: usize) -> (f64, f64) {
    let (along, cross) = (f.depth[i] as f64, f.cross[i]);
    if f.levels <= MAX_ACROSS {
        (
            16.0 + along * (CARD_W + 140.0),
            16.0 + cross * (CARD_H + 34.0),
        )
    } else {
        (
            16.0 + cross * (CARD_W + 36.0),
            16.0 + along * (CARD_H + 64.0),
        )
    }
}

/// Every shown node's card (its name, a value box and a derivative box),
/// placed absolutely, with the stage's width and height that holds them all.
struct Cards {
    html: String,
    width: f64,
    height: f64,
}

/// The cards of [`QuizReport::widget`], adding each card's two boxes.
fn node_cards(report: &QuizReport, f: &Flow, boxes: &mut Boxes) -> Cards {
    let back = &report.backward;
    let out = back.name_of(back.output);
    let mut cards = Cards {
        html: String::new(),
        width: 0.0,
        height: 0.0,
    };
    for i in (0..back.values.len()).filter(|&i| f.show[i]) {
        let id = NodeId::new(back.graph, i);
        let (x, y) = card_corner(f, i);
        cards.width = cards.width.max(x + CARD_W + 16.0);
        cards.height = cards.height.max(y + CARD_H + 16.0);
        let name = escape(back.name_of(id));
        let v = boxes.add(
            "value",
            back.values[i],
            given(report, id, &QuizField::Value),
        );
        let g = boxes.add("grad", back.grads[i], given(report, id, &QuizField::Grad));
        cards.html.push_str(&format!(
            "<div class=\"bpl-node\" data-node=\"{i}\" style=\"left:{x:.0}px;top:{y:.0}px\">\
             <div class=\"bpl-name\" title=\"{label}\">{label}</div>\
             <label><span>{name} =</span><input data-box=\"{v}\" inputmode=\"decimal\" aria-label=\"value of {name}\"/></label>\
             <label><span>&#8706;{out}/&#8706;{name} =</span><input data-box=\"{g}\" inputmode=\"decimal\" aria-label=\"d{out}/d{name}\"/></label></div>\n",
            label = escape(&node_label(back, id)),
            out = escape(out),
        ));
    }
    cards
}

/// The local-derivative box of every edge between shown nodes, adding each
/// box: the script's `edges` entries `[from, to]` and the boxes' HTML (the
/// script places each box on its edge).
fn edge_labels(report: &QuizReport, show: &[bool], boxes: &mut Boxes) -> (Vec<String>, String) {
    let back = &report.backward;
    let mut edges = Vec::new();
    let mut locals = String::new();
    for e in back
        .edges
        .iter()
        .filter(|e| show[e.from.index] && show[e.to.index])
    {
        let k = edges.len();
        edges.push(format!("[{},{}]", e.from.index, e.to.index));
        let field = QuizField::Local {
            input: back.name_of(e.from).to_string(),
        };
        let b = boxes.add("local", e.local, given(report, e.to, &field));
        let (to, from) = (escape(back.name_of(e.to)), escape(back.name_of(e.from)));
        locals.push_str(&format!(
            "<label class=\"bpl-local\" data-edge=\"{k}\"><span>&#8706;{to}/&#8706;{from} =</span>\
             <input data-box=\"{b}\" inputmode=\"decimal\" aria-label=\"local derivative d{to}/d{from}\"/></label>\n"
        ));
    }
    (edges, locals)
}

/// The widget's HTML around the cards and edge boxes: the reveal and reset
/// buttons, the score, the stage (with an SVG the script draws the edges in)
/// and a note on the colours. `out` is the output node's name.
fn quiz_body(cards: &Cards, locals: &str, out: &str) -> String {
    format!(
        "<div class=\"bpl-controls\"><button class=\"bpl-reveal\">reveal</button><button class=\"bpl-reset\">reset</button>\
         <span class=\"bpl-score\"></span></div>\n\
         <div class=\"bpl-scroll\"><div class=\"bpl-stage\" style=\"width:{width:.0}px;height:{height:.0}px\">\n\
         <svg class=\"bpl-edges\" aria-hidden=\"true\"></svg>\n{cards}{locals}</div></div>\n\
         <div class=\"bpl-note\">Type a number in any box: a right forward value turns blue, a right derivative green, a wrong one red \
         (compared to two decimals). Values sit on the nodes, &#8706;{out}/&#8706;&#183; below them, local derivatives on the edges.</div>",
        width = cards.width,
        height = cards.height,
        cards = cards.html,
        out = escape(out),
    )
}

#[cfg(test)]
mod tests {
    use super::super::diagrams::{QUIZ_GRAD, QUIZ_VALUE, QUIZ_WRONG};
    use plotters::style::RGBColor;

    fn hex(c: RGBColor) -> String {
        format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
    }

    /// The widget's stylesheet and the static quiz figure use one colour
    /// scheme: each mark's border and fill in widget.css are the figure's.
    #[test]
    fn the_widget_and_the_figure_share_one_colour_scheme() {
        let css = include_str!("web/widget.css");
        for (class, (fg, fill)) in [
            ("right-value", QUIZ_VALUE),
            ("right-grad", QUIZ_GRAD),
            ("wrong", QUIZ_WRONG),
        ] {
            let rule = format!(
                ".bpl-quiz input.{class} {{ border-color: {}; background: {};",
                hex(fg),
                hex(fill)
            );
            assert!(css.contains(&rule), "widget.css lacks {rule}");
        }
    }
}
