//! The computation-graph lab's fill-in-the-boxes exercise: a learner's answers
//! for node values and derivatives, checked to the lab's two decimals.

use crate::error::{check_finite_scalar, Error, Result};
use crate::graph::backward::Backward;
use crate::graph::handle::{NodeId, Var};
use crate::graph::scalar::Graph;
use crate::show::Table;

/// Which box of a node an answer fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizField {
    /// The node's forward value (the lab's blue box).
    Value,
    /// `∂output/∂node` (the lab's green box).
    Grad,
    /// The local derivative `∂node/∂input` on the edge from `input`.
    Local {
        /// The input node's name.
        input: String,
    },
}

/// One answer: a node's name, the box, the number typed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Node name.
    pub node: String,
    /// Which box.
    pub field: QuizField,
    /// The learner's number.
    pub value: f64,
}

impl Answer {
    /// An answer for a node's value.
    pub fn value(node: &str, value: f64) -> Self {
        Answer {
            node: node.into(),
            field: QuizField::Value,
            value,
        }
    }
    /// An answer for `∂output/∂node`.
    pub fn grad(node: &str, value: f64) -> Self {
        Answer {
            node: node.into(),
            field: QuizField::Grad,
            value,
        }
    }
    /// An answer for the local derivative `∂node/∂input`.
    pub fn local(node: &str, input: &str, value: f64) -> Self {
        Answer {
            node: node.into(),
            field: QuizField::Local {
                input: input.into(),
            },
            value,
        }
    }
}

/// How an answer box stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// Matches the truth when both are rounded to 2 decimals.
    Right(f64),
    /// Does not match.
    Wrong(f64),
    /// No answer given (drawn as `?`).
    Unanswered,
}

/// One box of the quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizItem {
    /// The node.
    pub node: NodeId,
    /// The node's name.
    pub name: String,
    /// Which box.
    pub field: QuizField,
    /// The right number.
    pub truth: f64,
    /// How the learner's answer stands.
    pub mark: Mark,
}

/// Every box of a graph's quiz, marked.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizReport {
    /// The backward pass the truths come from (also used to draw the diagram).
    pub backward: Backward,
    /// One item per box: each node's value and gradient, each edge's local derivative.
    pub items: Vec<QuizItem>,
}

// One more method, `QuizReport::widget` (the quiz as boxes to type into), is
// in src/figures/quiz_widget.rs: it returns a figures `Widget` and draws with
// the figures code, and figures sit above graph (tests/layout.rs), so this
// file cannot name them.
impl QuizReport {
    /// `(right, wrong, unanswered)` counts.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for it in &self.items {
            match it.mark {
                Mark::Right(_) => c.0 += 1,
                Mark::Wrong(_) => c.1 += 1,
                Mark::Unanswered => c.2 += 1,
            }
        }
        c
    }

    /// True when every box is answered and right.
    pub fn all_right(&self) -> bool {
        self.items.iter().all(|i| matches!(i.mark, Mark::Right(_)))
    }

    /// The mark of one box, if the graph has it.
    pub fn mark(&self, node: &str, field: &QuizField) -> Option<Mark> {
        self.items
            .iter()
            .find(|i| i.name == node && &i.field == field)
            .map(|i| i.mark)
    }
}

impl std::fmt::Display for QuizReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for it in &self.items {
            let label = self.label(it);
            let mark = match it.mark {
                Mark::Right(v) => format!("{v} ✓"),
                Mark::Wrong(v) => format!("{v} ✗"),
                Mark::Unanswered => "?".to_string(),
            };
            writeln!(f, "{label:<14} {mark}")?;
        }
        let (r, w, u) = self.counts();
        write!(f, "{r} right, {w} wrong, {u} unanswered")
    }
}

/// The lab 01 quiz's one marking rule: a typed answer is right when it and the
/// true value are equal once each is rounded to two decimals (halves away from
/// zero). Two decimals is the quiz's convention: the source lab gives its quiz
/// answers to two decimals, and a learner works the boxes out by hand, so
/// `0.33` is right for `1/3` and `6.004` for `6`.
///
/// Lab 01's code exercises on the same two graphs (the box checks
/// `check_square_boxes` and `check_network_boxes` in `exercises/graphs.rs`) do
/// not round: they run the learner's functions, which compute the boxes
/// exactly, and compare each with the reference at a relative tolerance of
/// 1e-9, the one comparison every exercise check uses (`close` in
/// `exercises/model.rs`); a box rounded to two decimals in code is a wrong box
/// there. The quiz widget (`QuizReport::widget`, `figures/web/quiz.js`)
/// applies this rule in the browser as the learner types.
pub(crate) fn right_to_two_decimals(given: f64, truth: f64) -> bool {
    round2(given) == round2(truth)
}

/// Rounds to two decimals, halves away from zero.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Marks the learner's `answers` for the graph differentiated from `output`.
///
/// # Errors
/// [`Error::Unknown`] for a node name the graph lacks (or a `Local` input that
/// does not feed that node); [`Error::NonFinite`] for a NaN answer; the errors of
/// [`Graph::backward`].
///
/// ```
/// use backprop_lab::graph::{check_quiz, lab_square_graph, Answer, Mark, QuizField};
/// let g = lab_square_graph();
/// let report = check_quiz(&g, g.get("J")?, &[Answer::value("a", 11.0), Answer::grad("w", 60.0)])?;
/// assert_eq!(report.mark("a", &QuizField::Value), Some(Mark::Right(11.0)));
/// assert_eq!(report.mark("w", &QuizField::Grad), Some(Mark::Wrong(60.0)));
/// assert_eq!(report.mark("J", &QuizField::Value), Some(Mark::Unanswered));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn check_quiz(graph: &Graph, output: Var, answers: &[Answer]) -> Result<QuizReport> {
    const OP: &str = "check_quiz";
    let back = graph.backward_as(OP, output)?;
    // Validate every answer before marking any.
    for a in answers {
        check_finite_scalar(OP, &format!("the answer for {}", a.node), a.value)?;
        // An unknown name lists the nodes there are; a duplicated one says so.
        let node = graph.get(&a.node).map_err(|e| e.within(OP))?;
        if let QuizField::Local { input } = &a.field {
            let feeds = back
                .edges
                .iter()
                .any(|e| e.to == node.id() && back.name_of(e.from) == input);
            if !feeds {
                return Err(Error::Unknown {
                    op: OP,
                    kind: "edge",
                    name: format!("{input} → {}", a.node),
                    hint: format!("; '{input}' is not an input of '{}'", a.node),
                });
            }
        }
    }
    let find = |name: &str, field: &QuizField| {
        answers
            .iter()
            .rev()
            .find(|a| a.node == name && &a.field == field)
            .map(|a| a.value)
    };
    let mark = |truth: f64, given: Option<f64>| match given {
        None => Mark::Unanswered,
        Some(v) if right_to_two_decimals(v, truth) => Mark::Right(v),
        Some(v) => Mark::Wrong(v),
    };
    let mut items = Vec::new();
    for id in back.nodes_right_to_left().into_iter().rev() {
        let name = back.name_of(id).to_string();
        for (field, truth) in [
            (QuizField::Value, back.values[id.index]),
            (QuizField::Grad, back.grads[id.index]),
        ] {
            let given = find(&name, &field);
            items.push(QuizItem {
                node: id,
                name: name.clone(),
                mark: mark(truth, given),
                field,
                truth,
            });
        }
        for e in back.edges.iter().filter(|e| e.to == id) {
            let field = QuizField::Local {
                input: back.name_of(e.from).to_string(),
            };
            let given = find(&name, &field);
            items.push(QuizItem {
                node: id,
                name: name.clone(),
                mark: mark(e.local, given),
                field,
                truth: e.local,
            });
        }
    }
    Ok(QuizReport {
        backward: back,
        items,
    })
}

impl QuizReport {
    /// What a box asks for: `a (value)`, `∂J/∂a`, `∂c/∂w (local)`.
    fn label(&self, it: &QuizItem) -> String {
        let out = self.backward.name_of(self.backward.output);
        match &it.field {
            QuizField::Value => format!("{} (value)", it.name),
            QuizField::Grad => format!("∂{out}/∂{}", it.name),
            QuizField::Local { input } => format!("∂{}/∂{input} (local)", it.name),
        }
    }

    /// Shows the marks in a notebook cell: one row per box, right answers in
    /// the lab's blue (values) or green (derivatives), wrong ones in red.
    pub fn evcxr_display(&self) {
        let mut t = Table::new("Quiz", &["box", "your answer", "mark"]);
        for it in &self.items {
            let label = self.label(it);
            let (answer, mark) = match it.mark {
                Mark::Right(v) => (v.to_string(), "right"),
                Mark::Wrong(v) => (v.to_string(), "wrong"),
                Mark::Unanswered => ("?".to_string(), ""),
            };
            t.row(vec![label, answer, mark.to_string()]);
        }
        let (r, w, u) = self.counts();
        t.note(format!("{r} right, {w} wrong, {u} unanswered"));
        let html = t.html();
        // Colour the mark cells as the lab colours its boxes.
        let html = html
            .replace(
                ">right</td>",
                " style=\"color:#1565c0;font-weight:bold\">right</td>",
            )
            .replace(
                ">wrong</td>",
                " style=\"color:#c62828;font-weight:bold\">wrong</td>",
            );
        println!("EVCXR_BEGIN_CONTENT text/html\n{html}\nEVCXR_END_CONTENT");
        println!("EVCXR_BEGIN_CONTENT text/plain\n{self}\nEVCXR_END_CONTENT");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::lab_small_network_graph;

    #[test]
    fn rounding_to_two_decimals() {
        assert_eq!(round2(22.004), 22.0);
        assert_eq!(round2(-0.333), -0.33);
        let g = lab_small_network_graph();
        let j = g.get("J").unwrap();
        let r = check_quiz(&g, j, &[Answer::grad("w", 6.004), Answer::grad("b", 3.01)]).unwrap();
        assert_eq!(r.mark("w", &QuizField::Grad), Some(Mark::Right(6.004)));
        assert_eq!(r.mark("b", &QuizField::Grad), Some(Mark::Wrong(3.01)));
    }

    #[test]
    fn bad_answers_are_errors() {
        let g = lab_small_network_graph();
        let j = g.get("J").unwrap();
        assert!(matches!(
            check_quiz(&g, j, &[Answer::value("q", 1.0)]),
            Err(Error::Unknown { .. })
        ));
        assert!(check_quiz(&g, j, &[Answer::local("J", "w", 1.0)]).is_err());
        assert!(check_quiz(&g, j, &[Answer::value("J", f64::NAN)]).is_err());
    }

    #[test]
    fn full_marks() {
        let g = lab_small_network_graph();
        let j = g.get("J").unwrap();
        let truth = check_quiz(&g, j, &[]).unwrap();
        let answers: Vec<Answer> = truth
            .items
            .iter()
            .map(|i| Answer {
                node: i.name.clone(),
                field: i.field.clone(),
                value: i.truth,
            })
            .collect();
        let r = check_quiz(&g, j, &answers).unwrap();
        assert!(r.all_right());
        assert_eq!(r.counts(), (truth.items.len(), 0, 0));
    }
}
