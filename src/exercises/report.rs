//! What a check finds, and the machinery every check shares: run the learner's
//! code on each case without letting a panic (or a `todo!`) escape, compare
//! with the reference, and name the mistake when a wrong answer matches one.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::show::{num, Table};

/// A mistake a check recognises: its name, and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mistake {
    /// A short name, e.g. `"forgot σ′"`.
    pub name: &'static str,
    /// One sentence on the mistake and its fix.
    pub hint: &'static str,
}

/// Where a wrong answer first showed.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Which case, counting from 0.
    pub case: usize,
    /// The case as the report names it: `"the lab's"`, `"random #3"`, ...
    pub case_label: String,
    /// The input the learner's code was given, as text.
    pub input: String,
    /// The first quantity that came out wrong, e.g. `"dC/dw_2"`.
    pub quantity: String,
    /// The reference value.
    pub expected: String,
    /// What the learner's code gave (or the panic it raised).
    pub got: String,
    /// The recognised mistake that explains every value of this case, if any.
    pub mistake: Option<Mistake>,
}

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The code still holds a `todo!` (the exercise's stub).
    NotStarted {
        /// The `todo!` message, e.g. `"dL/dy"`.
        todo: String,
    },
    /// Every case agrees with the reference.
    Right {
        /// How many cases were checked.
        cases: usize,
    },
    /// A case disagrees, or the code panicked.
    Wrong(Box<Failure>),
}

/// What a `check_*` function returns: the exercise, the verdict, and the
/// mistakes it can recognise. Shows itself as a coloured table in a notebook
/// cell (the evcxr kernel calls [`CheckReport::evcxr_display`]) and as plain text
/// with `println!("{report}")`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// The exercise, e.g. `"dldy"`.
    pub exercise: &'static str,
    /// What the check found.
    pub verdict: Verdict,
    /// The mistakes this check recognises by name.
    pub known_mistakes: Vec<Mistake>,
}

impl CheckReport {
    /// True when every case was right.
    pub fn is_right(&self) -> bool {
        matches!(self.verdict, Verdict::Right { .. })
    }

    /// The name of the recognised mistake, if the answer was wrong in a known way.
    pub fn mistake(&self) -> Option<&'static str> {
        match &self.verdict {
            Verdict::Wrong(f) => f.mistake.map(|m| m.name),
            _ => None,
        }
    }

    /// `yours` once the check passes, else `reference`: later cells call this so
    /// they run (and draw their figures) whatever state the exercise is in.
    /// [`CheckReport::source`] says which one is in use.
    pub fn choose<T>(&self, yours: T, reference: T) -> T {
        if self.is_right() {
            yours
        } else {
            reference
        }
    }

    /// Which code [`CheckReport::choose`] picks, for a notebook to print.
    pub fn source(&self) -> String {
        if self.is_right() {
            format!("your {}", self.exercise)
        } else {
            format!(
                "the crate's reference {} (yours is used once its check passes)",
                self.exercise
            )
        }
    }

    fn table(&self) -> Table {
        let mut t = match &self.verdict {
            Verdict::NotStarted { todo } => {
                let mut t = Table::new(format!("{}: not started", self.exercise), &[]);
                t.note(format!(
                    "The code still reaches todo!(\"{todo}\"). Replace it with your answer and run the cell again."
                ));
                t.accent("#777");
                t
            }
            Verdict::Right { cases } => {
                let mut t = Table::new(
                    format!("{}: right on all {cases} cases", self.exercise),
                    &[],
                );
                t.note(
                    "The lab's own numbers and seeded random cases all agree with the reference.",
                );
                t.accent("#2a7d2a");
                t
            }
            Verdict::Wrong(f) => {
                let mut t = Table::new(
                    format!("{}: wrong", self.exercise),
                    &["case", "input", "quantity", "expected", "got"],
                );
                t.row(vec![
                    f.case_label.clone(),
                    f.input.clone(),
                    f.quantity.clone(),
                    f.expected.clone(),
                    f.got.clone(),
                ]);
                match f.mistake {
                    Some(m) => t.note(format!("Diagnosis: {}. {}.", m.name, sentence(m.hint))),
                    None => t.note(
                        "No mistake this check knows matches every value; compare your code with the formula term by term.",
                    ),
                }
                t.accent("#c0392b");
                t
            }
        };
        let names: Vec<&str> = self.known_mistakes.iter().map(|m| m.name).collect();
        t.note(format!("This check recognises: {}.", names.join("; ")));
        t
    }

    /// Shows the report in a notebook cell: a coloured HTML table, with plain
    /// text for viewers without HTML.
    pub fn evcxr_display(&self) {
        self.table().emit();
    }
}

impl std::fmt::Display for CheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.table().text())
    }
}

/// `s` with its first letter in upper case when it starts with a word; a
/// symbol (`b`, `σ′(z)`, `θ`) keeps its case, as case changes its meaning.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), s.chars().nth(1)) {
        (Some(first), Some(next)) if first.is_ascii_lowercase() && next.is_ascii_alphabetic() => {
            first.to_uppercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}

/// One case of a check: the input (as the learner would read it), the
/// quantities the exercise computes, their reference values, and the values
/// each known mistake would give instead (in the check's mistake order).
pub(crate) struct Case {
    /// What the report calls the case; empty for the default (case 0 is the
    /// lab's own numbers, the others random).
    pub(crate) label: String,
    pub(crate) input: String,
    pub(crate) names: Vec<String>,
    pub(crate) expected: Vec<f64>,
    pub(crate) mistaken: Vec<Vec<f64>>,
}

impl Case {
    fn label(&self, i: usize) -> String {
        match (self.label.is_empty(), i) {
            (false, _) => self.label.clone(),
            (true, 0) => "the lab's".into(),
            (true, i) => format!("random #{i}"),
        }
    }
}

/// How a run of the learner's code ended.
enum Ran {
    Values(Vec<f64>),
    Todo(String),
    Panicked(String),
}

/// Runs `f`, turning a panic into its message. The panic hook is silenced
/// meanwhile: a `todo!` is an expected state here, not something to print a
/// backtrace for.
fn run_quietly(f: impl FnOnce() -> Vec<f64>) -> Ran {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    match out {
        Ok(v) => Ran::Values(v),
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic without a message".into());
            match msg.strip_prefix("not yet implemented") {
                Some(rest) => Ran::Todo(rest.trim_start_matches(':').trim().to_string()),
                None => Ran::Panicked(msg),
            }
        }
    }
}

/// Equal up to rounding: relative 1e-9, or absolute 1e-12 near zero.
pub(crate) fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) || (a - b).abs() <= 1e-12
}

fn all_close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| close(x, y))
}

/// Judges the learner's code, `learner(i)` computing case `i`'s quantities.
/// Stops at the first wrong case.
pub(crate) fn judge(
    exercise: &'static str,
    mistakes: &[Mistake],
    cases: &[Case],
    mut learner: impl FnMut(usize) -> Vec<f64>,
) -> CheckReport {
    let report = |verdict| CheckReport {
        exercise,
        verdict,
        known_mistakes: mistakes.to_vec(),
    };
    for (i, case) in cases.iter().enumerate() {
        let wrong = |quantity: String, expected: String, got: String, mistake| {
            report(Verdict::Wrong(Box::new(Failure {
                case: i,
                case_label: case.label(i),
                input: case.input.clone(),
                quantity,
                expected,
                got,
                mistake,
            })))
        };
        let got = match run_quietly(|| learner(i)) {
            Ran::Values(v) => v,
            Ran::Todo(todo) => return report(Verdict::NotStarted { todo }),
            Ran::Panicked(msg) => {
                return wrong(
                    case.names.join(", "),
                    "values".into(),
                    format!("a panic: {msg}"),
                    None,
                )
            }
        };
        let mistake = || {
            mistakes
                .iter()
                .zip(&case.mistaken)
                .find(|(_, m)| all_close(&got, m))
                .map(|(m, _)| *m)
        };
        if got.len() != case.expected.len() {
            return wrong(
                "the number of values".into(),
                case.expected.len().to_string(),
                got.len().to_string(),
                mistake(),
            );
        }
        if let Some(j) = (0..got.len()).find(|&j| !close(got[j], case.expected[j])) {
            let mistake = mistake();
            return wrong(
                case.names[j].clone(),
                num(case.expected[j]),
                num(got[j]),
                mistake,
            );
        }
    }
    report(Verdict::Right { cases: cases.len() })
}

/// A list of numbers for a case's input column.
pub(crate) fn list(v: &[f64]) -> String {
    let shown: Vec<String> = v.iter().take(4).map(|x| num(*x)).collect();
    if v.len() > 4 {
        format!("[{}, … ({} values)]", shown.join(", "), v.len())
    } else {
        format!("[{}]", shown.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: [Mistake; 1] = [Mistake {
        name: "doubled",
        hint: "halve it",
    }];

    fn one_case() -> Vec<Case> {
        vec![Case {
            label: String::new(),
            input: "x = 1".into(),
            names: vec!["f(x)".into()],
            expected: vec![1.0],
            mistaken: vec![vec![2.0]],
        }]
    }

    #[test]
    fn hints_start_sentences_but_symbols_keep_their_case() {
        assert_eq!(sentence("the chain rule"), "The chain rule");
        assert_eq!(
            sentence("b is added to every row"),
            "b is added to every row"
        );
        assert_eq!(sentence("σ′(z) = s(1 − s)"), "σ′(z) = s(1 − s)");
        assert_eq!(sentence("θ holds every weight"), "θ holds every weight");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn the_three_verdicts() {
        let cases = one_case();
        assert!(judge("f", &M, &cases, |_| vec![1.0]).is_right());
        let todo = judge("f", &M, &cases, |_| todo!("f(x)"));
        assert_eq!(
            todo.verdict,
            Verdict::NotStarted {
                todo: "f(x)".into()
            }
        );
        let wrong = judge("f", &M, &cases, |_| vec![2.0]);
        assert_eq!(wrong.mistake(), Some("doubled"));
        let unknown = judge("f", &M, &cases, |_| vec![3.0]);
        assert!(!unknown.is_right() && unknown.mistake().is_none());
        let text = unknown.to_string();
        assert!(text.contains("f(x)") && text.contains("x = 1"), "{text}");
        let panicked = judge("f", &M, &cases, |_| panic!("index out of bounds"));
        let Verdict::Wrong(f) = &panicked.verdict else {
            panic!("a panic is a wrong answer")
        };
        assert!(f.got.contains("index out of bounds"));
        assert_eq!(panicked.choose(1, 2), 2);
    }
}
