//! The computation-graph quiz as an interactive diagram: boxes to type into,
//! checked as the learner types, in the lab's colours.

use super::diagrams::{check_drawable, flow, node_label, plot_quiz, MAX_ACROSS};
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
        let back = &self.backward;
        check_drawable(OP, back)?;
        let fallback = plot_quiz(self, false).map_err(|e| e.within(OP))?;
        let n = back.values.len();
        let f = flow(back);
        let (show, across) = (&f.show, f.levels <= MAX_ACROSS);
        let place = |i: usize| -> (f64, f64) {
            let (along, cross) = (f.depth[i] as f64, f.cross[i]);
            if across {
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
        };
        let out = back.name_of(back.output);
        let given = |id: NodeId, field: &QuizField| {
            self.items
                .iter()
                .find(|it| it.node == id && &it.field == field)
                .and_then(|it| match it.mark {
                    Mark::Right(v) | Mark::Wrong(v) => Some(v),
                    Mark::Unanswered => None,
                })
        };
        let mut boxes: Vec<String> = Vec::new();
        let mut add_box = |kind: &str, truth: f64, given: Option<f64>| -> usize {
            boxes.push(format!(
                "{{kind:\"{kind}\",truth:{},given:{}}}",
                js_number(truth),
                given.map_or("null".to_string(), js_number)
            ));
            boxes.len() - 1
        };
        let mut cards = String::new();
        let (mut width, mut height) = (0.0f64, 0.0f64);
        for i in (0..n).filter(|&i| show[i]) {
            let id = NodeId::new(back.graph, i);
            let (x, y) = place(i);
            width = width.max(x + CARD_W + 16.0);
            height = height.max(y + CARD_H + 16.0);
            let name = escape(back.name_of(id));
            let v = add_box("value", back.values[i], given(id, &QuizField::Value));
            let g = add_box("grad", back.grads[i], given(id, &QuizField::Grad));
            cards.push_str(&format!(
                "<div class=\"bpl-node\" data-node=\"{i}\" style=\"left:{x:.0}px;top:{y:.0}px\">\
                 <div class=\"bpl-name\" title=\"{label}\">{label}</div>\
                 <label><span>{name} =</span><input data-box=\"{v}\" inputmode=\"decimal\" aria-label=\"value of {name}\"/></label>\
                 <label><span>&#8706;{out}/&#8706;{name} =</span><input data-box=\"{g}\" inputmode=\"decimal\" aria-label=\"d{out}/d{name}\"/></label></div>\n",
                label = escape(&node_label(back, id)),
                out = escape(out),
            ));
        }
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
            let b = add_box("local", e.local, given(e.to, &field));
            let (to, from) = (escape(back.name_of(e.to)), escape(back.name_of(e.from)));
            locals.push_str(&format!(
                "<label class=\"bpl-local\" data-edge=\"{k}\"><span>&#8706;{to}/&#8706;{from} =</span>\
                 <input data-box=\"{b}\" inputmode=\"decimal\" aria-label=\"local derivative d{to}/d{from}\"/></label>\n"
            ));
        }
        let body = format!(
            "<div class=\"bpl-controls\"><button class=\"bpl-reveal\">reveal</button><button class=\"bpl-reset\">reset</button>\
             <span class=\"bpl-score\"></span></div>\n\
             <div class=\"bpl-scroll\"><div class=\"bpl-stage\" style=\"width:{width:.0}px;height:{height:.0}px\">\n\
             <svg class=\"bpl-edges\" aria-hidden=\"true\"></svg>\n{cards}{locals}</div></div>\n\
             <div class=\"bpl-note\">Type a number in any box: a right forward value turns blue, a right derivative green, a wrong one red \
             (compared to two decimals). Values sit on the nodes, &#8706;{out}/&#8706;&#183; below them, local derivatives on the edges.</div>",
            out = escape(out),
        );
        let data = format!(
            "{{across:{across},edges:[{}],boxes:[{}]}}",
            edges.join(","),
            boxes.join(",")
        );
        let script = format!("{QUIZ_JS}\nbplQuiz(root, {data});");
        Ok(Widget::new(
            widget("bpl-quiz", &body, &script),
            fallback.bytes().to_vec(),
        ))
    }
}
