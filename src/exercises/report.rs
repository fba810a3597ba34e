//! What a check finds, and the machinery every check shares: run the learner's
//! code on every case without letting a panic (or a `todo!`) escape, compare
//! each quantity's shape and then its values with the reference, and name a
//! mistake only when it explains the learner's outputs on every case.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use super::model::{candidates, describe, join_and, Model, Outputs, Part, Shaped, Slip, Slips};
use crate::error::shape_str;
use crate::show::{num, Table};

pub use super::model::Mistake;

/// How one quantity of one case compared with the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct PartCheck {
    /// The step of the computation, e.g. `"BP4 (layer 2)"`.
    pub step: String,
    /// The quantity, e.g. `"∂C/∂W²"`.
    pub name: String,
    /// Shape and values agree with the reference.
    pub right: bool,
    /// The reference, as text.
    pub expected: String,
    /// What the learner's code gave, as text.
    pub got: String,
    /// The largest difference of one entry, when the shapes agree and both
    /// sides are numbers.
    pub max_diff: Option<f64>,
}

/// Where a wrong answer showed, and what the check makes of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The case shown, counting from 0: the first that went wrong.
    pub case: usize,
    /// The case as the report names it: `"the lab's"`, `"square layers"`, ...
    pub case_label: String,
    /// The input the learner's code was given, as text.
    pub input: String,
    /// The first quantity that came out wrong, e.g. `"∂C/∂W¹"`.
    pub quantity: String,
    /// Its reference value (or shape).
    pub expected: String,
    /// What the learner's code gave (or the panic it raised).
    pub got: String,
    /// Where to look: the place of the named mistake, or the step of the first
    /// wrong quantity.
    pub place: String,
    /// The diagnosis: a mistake that explains every case, with where it is
    /// ("forgot σ′ in BP2 (layer 1)"), or what went wrong with the shapes, the
    /// numbers or a panic. `None` when nothing the check knows explains it.
    pub mistake: Option<String>,
    /// True when the diagnosis is a mistake of the check's catalogue; false
    /// when it only describes a shape, a number or a panic.
    pub named: bool,
    /// Steps a named mistake leaves right ("BP1, BP3 and BP4").
    pub right_steps: Vec<String>,
    /// Every quantity of the shown case, right or wrong.
    pub parts: Vec<PartCheck>,
    /// How many cases were right, of all.
    pub cases_right: usize,
    /// How many cases were run.
    pub cases: usize,
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

/// What a `check_*` function returns: the exercise, the verdict, and a ladder
/// of hints. Shows itself as a coloured table in a notebook cell (the evcxr
/// kernel calls [`CheckReport::evcxr_display`]) and as a few lines of plain
/// text with `println!("{report}")`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// The exercise, e.g. `"dldy"`.
    pub exercise: &'static str,
    /// What the check found.
    pub verdict: Verdict,
    task: String,
    hints: Vec<String>,
    revealed: Cell<usize>,
}

/// One rung of a report's hint ladder, as [`CheckReport::hint`] returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    /// Which rung, counting from 1; 0 when there is nothing more to say.
    pub level: usize,
    /// How many rungs the ladder has.
    pub of: usize,
    /// The hint.
    pub text: String,
}

impl Hint {
    /// Shows the hint in a notebook cell.
    pub fn evcxr_display(&self) {
        let mut t = Table::new(self.title(), &[]);
        t.note(self.text.clone());
        t.accent("#8a6d00");
        t.emit();
    }

    fn title(&self) -> String {
        if self.level == 0 {
            "no more hints".into()
        } else {
            format!("hint {} of {}", self.level, self.of)
        }
    }
}

impl std::fmt::Display for Hint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.title(), self.text)
    }
}

impl CheckReport {
    /// True when every case was right.
    pub fn is_right(&self) -> bool {
        matches!(self.verdict, Verdict::Right { .. })
    }

    /// The diagnosis of a wrong answer: a recognised mistake with where it is,
    /// or what went wrong with shapes, numbers or a panic.
    pub fn mistake(&self) -> Option<&str> {
        match &self.verdict {
            Verdict::Wrong(f) => f.mistake.as_deref(),
            _ => None,
        }
    }

    /// The next rung of the hint ladder: first the mistake's name, then the
    /// equation to compare with, then a worked value for the lab's case. Each
    /// call reveals one more; the HTML report has the same rungs behind
    /// "hint" buttons.
    pub fn hint(&self) -> Hint {
        let level = self.revealed.get();
        match self.hints.get(level) {
            Some(text) => {
                self.revealed.set(level + 1);
                Hint {
                    level: level + 1,
                    of: self.hints.len(),
                    text: text.clone(),
                }
            }
            None => Hint {
                level: 0,
                of: self.hints.len(),
                text: match self.verdict {
                    Verdict::Right { .. } => "Your answer is right: no hint needed.".into(),
                    _ => {
                        "That was the last hint. Compare your code with the equation line by line."
                            .into()
                    }
                },
            },
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

    /// `yours` once this check and `other` both pass, else `reference`: for
    /// code that needs two exercises right at once (notebook 02's engine needs
    /// both `backward` and `zero_grad`). Like [`CheckReport::choose`], a
    /// notebook can pass two sentences to print which one is in use.
    pub fn choose_if_both<T>(&self, other: &CheckReport, yours: T, reference: T) -> T {
        if self.is_right() && other.is_right() {
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

    fn table(&self, html: bool) -> Table {
        match &self.verdict {
            Verdict::NotStarted { todo } => {
                let mut t = Table::new(format!("{}: not started", self.exercise), &[]);
                t.note(format!(
                    "Write {}. The code still reaches todo!(\"{todo}\"): replace that line with your answer and run the cell again.",
                    self.task
                ));
                t.accent("#777");
                t
            }
            Verdict::Right { cases } => {
                let mut t = Table::new(
                    format!("{}: right on all {cases} cases", self.exercise),
                    &[],
                );
                t.note("The lab's own numbers and the other cases all agree with the reference.");
                t.accent("#2a7d2a");
                t
            }
            Verdict::Wrong(f) => wrong_table(self.exercise, f, &self.hints, html),
        }
    }

    /// Shows the report in a notebook cell: a coloured HTML table with the
    /// hints behind buttons, and plain text for viewers without HTML.
    pub fn evcxr_display(&self) {
        let html = self.table(true).html();
        let text = self.table(false).text();
        println!(
            "EVCXR_BEGIN_CONTENT text/html\n{html}\nEVCXR_END_CONTENT\nEVCXR_BEGIN_CONTENT text/plain\n{text}\nEVCXR_END_CONTENT"
        );
    }
}

impl CheckReport {
    /// For a wrong answer no mistake of the catalogue names: replaces the
    /// general description (a shape, a number, a panic) with `problem`, a fact
    /// the check found itself, e.g. an einsum string refused for its operands.
    pub(crate) fn describe_unnamed(&mut self, problem: String) {
        let Verdict::Wrong(f) = &mut self.verdict else {
            return;
        };
        if f.named {
            return;
        }
        f.place = String::new();
        if let Some(h) = self.hints.first_mut() {
            *h = format!("What went wrong: {problem}.");
        }
        f.mistake = Some(problem);
    }
}

impl CheckReport {
    /// The same report, "not started": for a check judged in parts (one
    /// `match` arm at a time) whose written parts are right.
    pub(crate) fn not_started(mut self, task: String, todo: String) -> CheckReport {
        self.task = task;
        self.verdict = Verdict::NotStarted { todo };
        self.hints.clear();
        self
    }

    /// A report for code that could not even be set up for the cases: "not
    /// started" for a `todo!`'s panic message, else wrong with `problem`.
    pub(crate) fn failed_early(exercise: &'static str, task: &str, problem: &str) -> CheckReport {
        let verdict = match problem.strip_prefix("not yet implemented") {
            Some(rest) => Verdict::NotStarted {
                todo: rest.trim_start_matches(':').trim().to_string(),
            },
            None => Verdict::Wrong(Box::new(Failure {
                case: 0,
                case_label: "setting up the cases".into(),
                input: String::new(),
                quantity: String::new(),
                expected: String::new(),
                got: String::new(),
                place: String::new(),
                mistake: Some(explain_panic(problem, &[])),
                named: false,
                right_steps: Vec::new(),
                parts: Vec::new(),
                cases_right: 0,
                cases: 0,
            })),
        };
        let hints = match verdict {
            Verdict::Wrong(_) => vec![format!("What went wrong: {}.", explain_panic(problem, &[]))],
            _ => Vec::new(),
        };
        CheckReport {
            exercise,
            verdict,
            task: task.to_string(),
            hints,
            revealed: Cell::new(0),
        }
    }
}

impl std::fmt::Display for CheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.table(false).text())
    }
}

fn wrong_table(exercise: &str, f: &Failure, hints: &[String], html: bool) -> Table {
    let mut t = Table::new(
        format!(
            "{exercise}: wrong ({} of {} cases right)",
            f.cases_right, f.cases
        ),
        if html {
            &["step", "quantity", "", "expected", "got", "max diff"]
        } else {
            &[]
        },
    );
    if html {
        for p in &f.parts {
            let mark = if p.right { "✓" } else { "✗" };
            let diff = p.max_diff.map(num).unwrap_or_default();
            t.row_colored(
                vec![
                    p.step.clone(),
                    p.name.clone(),
                    mark.into(),
                    p.expected.clone(),
                    p.got.clone(),
                    diff,
                ],
                if p.right { "#e8f5e8" } else { "#fbe5e1" },
            );
        }
    }
    t.note(format!("Shown: {}: {}.", f.case_label, f.input));
    t.note(where_line(f));
    if !html {
        let wrong: Vec<String> = f
            .parts
            .iter()
            .filter(|p| !p.right)
            .take(6)
            .map(|p| match p.max_diff {
                Some(d) => format!("{} (off by up to {})", p.name, num(d)),
                None => p.name.clone(),
            })
            .collect();
        let right = f.parts.iter().filter(|p| p.right).count();
        t.note(format!(
            "Wrong: {}. Right: {right} of {} quantities.",
            join_and(&wrong),
            f.parts.len()
        ));
        t.note(format!(
            "First difference: {} expected {}, got {}.",
            f.quantity, f.expected, f.got
        ));
        if !hints.is_empty() {
            t.note("report.hint() gives a hint; call it again for the next.");
        }
    } else {
        t.ladder(hints);
    }
    t.accent("#c0392b");
    t
}

/// The report's "where" line: the place and the steps known to be right, or
/// the problem with shapes, numbers or a panic, which is itself the where.
fn where_line(f: &Failure) -> String {
    if f.place.is_empty() {
        return f.mistake.clone().unwrap_or_default();
    }
    let mut s = format!("Look at {}.", f.place);
    if !f.right_steps.is_empty() {
        let verb = if f.right_steps.len() == 1 {
            "is"
        } else {
            "are"
        };
        let steps = join_and(&f.right_steps);
        let mut c = steps.chars();
        let steps: String = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
        s.push_str(&format!(
            " {steps} {verb} written right: values after the mistake differ only because of it."
        ));
    }
    s
}

/// The cases and the model of one exercise, as [`judge`] takes them.
pub(crate) struct Exercise<'a, C> {
    /// The exercise's name in the report, e.g. `"backprop_vector"`.
    pub(crate) name: &'static str,
    /// What to write, for the "not started" report: "dL/dŷ for one point".
    pub(crate) task: &'a str,
    pub(crate) cases: &'a [CaseSpec<C>],
    /// The mistakes the check knows, each at a place.
    pub(crate) catalogue: &'a [Slip],
    /// Every part of a case with the given slips switched on, or why the slips
    /// cannot be computed there (a transposed non-square matrix), which is
    /// what a learner's panic is compared with.
    pub(crate) model: &'a Model<'a, C>,
    /// The equation of each step, by the step's name without its layer.
    pub(crate) equations: &'a [(&'static str, &'static str)],
}

/// One case: what the report calls it, the input as text, the shapes of the
/// quantities the learner works with (for explaining a shape panic), and the
/// data the learner's code and the model are given.
pub(crate) struct CaseSpec<C> {
    pub(crate) label: String,
    pub(crate) input: String,
    pub(crate) shapes: Vec<(String, (usize, usize))>,
    pub(crate) data: C,
}

impl<C> CaseSpec<C> {
    pub(crate) fn new(label: impl Into<String>, input: impl Into<String>, data: C) -> Self {
        CaseSpec {
            label: label.into(),
            input: input.into(),
            shapes: Vec::new(),
            data,
        }
    }
}

/// How a run of the learner's code ended.
#[derive(Debug, Clone)]
pub(crate) enum Ran {
    Values(Vec<Shaped>),
    Todo(String),
    Panicked(String),
}

/// The panic hook is process-wide; checks on several threads take turns
/// silencing it.
static HOOK: Mutex<()> = Mutex::new(());

/// Runs `f`, turning a panic into its message. The panic hook is silenced
/// meanwhile (a `todo!` is an expected state here, not something to print a
/// backtrace for), under a lock so that checks on other threads cannot lose it.
pub(crate) fn run_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let guard = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    drop(guard);
    out.map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic without a message".into())
    })
}

fn run_case(f: impl FnOnce() -> Vec<Shaped>) -> Ran {
    match run_quietly(f) {
        Ok(v) => Ran::Values(v),
        Err(msg) => match msg.strip_prefix("not yet implemented") {
            Some(rest) => Ran::Todo(rest.trim_start_matches(':').trim().to_string()),
            None => Ran::Panicked(msg),
        },
    }
}

/// What a model returns for a set of slips it does not compute (e.g. a pair
/// of whole-answer variants): it explains nothing, not even a panic.
pub(crate) const NOT_MODELLED: &str = "not modelled";

/// Does a run equal the parts (or fail where the parts cannot be computed)?
fn explains(run: &Ran, parts: &Outputs) -> bool {
    match (run, parts) {
        (_, Err(e)) if e == NOT_MODELLED => false,
        (Ran::Values(got), Ok(parts)) => {
            got.len() == parts.len() && got.iter().zip(parts).all(|(g, p)| super::model::same(g, p))
        }
        (Ran::Panicked(_), Err(_)) => true,
        _ => false,
    }
}

/// Judges the learner's code on every case: "not started" if any case reaches
/// a `todo!`, right if every case agrees, else wrong with a diagnosis.
pub(crate) fn judge<C>(
    ex: &Exercise<'_, C>,
    mut learner: impl FnMut(&C) -> Vec<Shaped>,
) -> CheckReport {
    let report = |verdict, hints| CheckReport {
        exercise: ex.name,
        verdict,
        task: ex.task.to_string(),
        hints,
        revealed: Cell::new(0),
    };
    #[cfg(test)]
    AUDITS.with(|a| a.borrow_mut().push((ex.name, audit(ex))));
    let mut runs = Vec::with_capacity(ex.cases.len());
    for case in ex.cases {
        match run_case(|| learner(&case.data)) {
            Ran::Todo(todo) => return report(Verdict::NotStarted { todo }, Vec::new()),
            r => runs.push(r),
        }
    }
    let expected: Vec<Outputs> = ex
        .cases
        .iter()
        .map(|c| (ex.model)(&c.data, Slips::NONE))
        .collect();
    let right: Vec<bool> = runs
        .iter()
        .zip(&expected)
        .map(|(r, e)| e.is_ok() && explains(r, e))
        .collect();
    let Some(first) = right.iter().position(|ok| !ok) else {
        return report(
            Verdict::Right {
                cases: ex.cases.len(),
            },
            Vec::new(),
        );
    };
    let named = name_mistake(ex, &runs);
    let failure = failure(ex, &runs, &expected, first, named.as_deref(), &right);
    let hints = hints(ex, &failure, named.as_deref(), &expected);
    report(Verdict::Wrong(Box::new(failure)), hints)
}

#[cfg(test)]
thread_local! {
    /// Each judged exercise's audit, for the collision test.
    pub(crate) static AUDITS: std::cell::RefCell<Vec<(&'static str, Vec<String>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Do two models' outputs agree on every case (both the same numbers, or
/// both failing)?
#[cfg(test)]
fn agree(a: &[Outputs], b: &[Outputs]) -> bool {
    a.iter().zip(b).all(|(x, y)| match (x, y) {
        (Ok(p), Ok(q)) => {
            p.len() == q.len()
                && p.iter().zip(q).all(|(p, q)| {
                    let shaped = Shaped {
                        shape: p.shape,
                        values: Some(p.values.clone()),
                    };
                    super::model::same(&shaped, q)
                })
        }
        (Err(e), Err(f)) => e != NOT_MODELLED && f != NOT_MODELLED,
        _ => false,
    })
}

/// A candidate and its outputs on every case.
#[cfg(test)]
type Candidate = (Vec<Slip>, Vec<Outputs>);

/// What keeps an exercise's cases from separating its mistakes: a candidate
/// that gives the right answer, one that fails on every case, or two that
/// give the same outputs on every case.
#[cfg(test)]
pub(crate) fn audit<C>(ex: &Exercise<'_, C>) -> Vec<String> {
    let run = |slips: &[Slip]| -> Vec<Outputs> {
        ex.cases
            .iter()
            .map(|c| (ex.model)(&c.data, Slips(slips)))
            .collect()
    };
    let right = run(&[]);
    let mut problems: Vec<String> = right
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_err())
        .map(|(i, _)| format!("the reference fails on case {i}"))
        .collect();
    let cands: Vec<Candidate> = candidates(ex.catalogue)
        .into_iter()
        .map(|c| {
            let out = run(&c);
            (c, out)
        })
        .filter(|(_, out)| !out.iter().all(|o| matches!(o, Err(e) if e == NOT_MODELLED)))
        .collect();
    // A candidate that gives what a part of it gives alone (two slips that
    // replace the same factor) is redundant: the simpler one is named.
    let mut kept: Vec<&Candidate> = Vec::new();
    for cand in &cands {
        let (c, out) = cand;
        let name = describe(c, ex.catalogue);
        if agree(out, &right) {
            problems.push(format!("{name}: gives the right answer"));
        }
        if out.iter().all(|o| o.is_err()) {
            problems.push(format!("{name}: fails on every case"));
        }
        match kept.iter().find(|(_, other)| agree(out, other)) {
            Some((d, _)) if d.iter().all(|s| c.contains(s)) => {}
            Some((d, _)) => problems.push(format!("{name} = {}", describe(d, ex.catalogue))),
            None => kept.push(cand),
        }
    }
    problems
}

/// The simplest candidate that explains every case, if one does.
fn name_mistake<C>(ex: &Exercise<'_, C>, runs: &[Ran]) -> Option<Vec<Slip>> {
    candidates(ex.catalogue).into_iter().find(|slips| {
        ex.cases
            .iter()
            .zip(runs)
            .all(|(c, r)| explains(r, &(ex.model)(&c.data, Slips(slips))))
    })
}

/// The step names (without layers) of an exercise's computation, in order:
/// those its equations name, else those its catalogue names (a returned
/// tuple's order is no step).
fn step_names<C>(ex: &Exercise<'_, C>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let named = ex.equations.iter().map(|(s, _)| *s);
    let steps: Vec<&'static str> = if ex.equations.is_empty() {
        ex.catalogue.iter().map(|s| s.place.step).collect()
    } else {
        named.collect()
    };
    for st in steps {
        if !st.is_empty() && !st.starts_with("the returned") && !out.contains(&st) {
            out.push(st);
        }
    }
    out
}

fn failure<C>(
    ex: &Exercise<'_, C>,
    runs: &[Ran],
    expected: &[Outputs],
    first: usize,
    named: Option<&[Slip]>,
    right: &[bool],
) -> Failure {
    let case = &ex.cases[first];
    let want = expected[first]
        .as_ref()
        .map(|v| v.as_slice())
        .unwrap_or(&[]);
    let parts = compare_parts(&runs[first], want);
    let (quantity, exp, got) = first_difference(&runs[first], &parts);
    let (place, mistake, right_steps) = match named {
        Some(slips) => {
            let places: Vec<String> = slips.iter().map(|s| s.place.label()).collect();
            let mut seen: Vec<String> = Vec::new();
            for p in places.into_iter().filter(|p| !p.is_empty()) {
                if !seen.contains(&p) {
                    seen.push(p);
                }
            }
            // A slip with no step touches the whole computation, so no step
            // can be called right.
            let whole = slips.iter().any(|s| s.place.step.is_empty());
            let right_steps = step_names(ex)
                .into_iter()
                .filter(|st| !whole && !slips.iter().any(|s| s.place.step == *st))
                .map(String::from)
                .collect();
            let place = if seen.is_empty() {
                "the whole computation".to_string()
            } else {
                join_and(&seen)
            };
            (place, Some(describe(slips, ex.catalogue)), right_steps)
        }
        None => match problem(ex, runs, expected) {
            Some(p) => (String::new(), Some(p), Vec::new()),
            None => {
                let step = parts
                    .iter()
                    .find(|p| !p.right)
                    .map(|p| p.step.clone())
                    .unwrap_or_default();
                (step, None, Vec::new())
            }
        },
    };
    Failure {
        case: first,
        case_label: case_label(case, first),
        input: case.input.clone(),
        quantity,
        expected: exp,
        got,
        place,
        named: named.is_some(),
        mistake,
        right_steps,
        parts,
        cases_right: right.iter().filter(|r| **r).count(),
        cases: right.len(),
    }
}

/// A case as a phrase: "the lab's case", "case random #3".
fn case_phrase<C>(case: &CaseSpec<C>, i: usize) -> String {
    let label = case_label(case, i);
    if label.starts_with("the ") {
        format!("{label} case")
    } else {
        format!("case {label}")
    }
}

fn case_label<C>(case: &CaseSpec<C>, i: usize) -> String {
    match (case.label.is_empty(), i) {
        (false, _) => case.label.clone(),
        (true, 0) => "the lab's".into(),
        (true, i) => format!("random #{i}"),
    }
}

/// What went wrong when no known mistake explains it: a quantity of the wrong
/// shape, a value that is not a number, or a panic, with its case.
fn problem<C>(ex: &Exercise<'_, C>, runs: &[Ran], expected: &[Outputs]) -> Option<String> {
    for (i, (r, e)) in runs.iter().zip(expected).enumerate() {
        let (Ran::Values(got), Ok(want)) = (r, e) else {
            continue;
        };
        if got.len() != want.len() {
            return Some(format!(
                "shape: your code returned {} quantities; the exercise asks for {} ({})",
                got.len(),
                want.len(),
                names_short(want)
            ));
        }
        for (g, p) in got.iter().zip(want) {
            if g.shape != p.shape {
                return Some(shape_sentence(
                    &p.name,
                    g.shape,
                    p.shape,
                    &ex.cases[i].shapes,
                ));
            }
        }
    }
    for (i, r) in runs.iter().enumerate() {
        if let Ran::Values(got) = r {
            let bad = got
                .iter()
                .zip(expected[i].as_ref().map(|v| v.as_slice()).unwrap_or(&[]))
                .find(|(g, _)| {
                    g.values
                        .as_ref()
                        .is_some_and(|v| v.iter().any(|x| !x.is_finite()))
                });
            if let Some((g, p)) = bad {
                let v = g
                    .values
                    .as_ref()
                    .and_then(|v| v.iter().find(|x| !x.is_finite()));
                return Some(format!(
                    "not a number: your {} holds {} in {}; every value must be a finite number",
                    p.name,
                    v.map(|x| x.to_string()).unwrap_or_default(),
                    case_phrase(&ex.cases[i], i)
                ));
            }
        }
    }
    runs.iter().enumerate().find_map(|(i, r)| match r {
        Ran::Panicked(msg) => Some(format!(
            "a panic in {}: {}",
            case_phrase(&ex.cases[i], i),
            explain_panic(msg, &ex.cases[i].shapes)
        )),
        _ => None,
    })
}

/// At most five quantity names, then how many more.
fn names_short(parts: &[Part]) -> String {
    let mut names: Vec<String> = parts.iter().take(5).map(|p| p.name.clone()).collect();
    if parts.len() > 5 {
        names.push(format!("{} more", parts.len() - 5));
    }
    names.join(", ")
}

fn shape_sentence(
    name: &str,
    got: (usize, usize),
    want: (usize, usize),
    shapes: &[(String, (usize, usize))],
) -> String {
    let mut s = format!(
        "shape: your {name} is {}; it must be {}",
        shape_str(&[got.0, got.1]),
        shape_str(&[want.0, want.1])
    );
    if let Some((like, _)) = shapes.iter().find(|(n, sh)| *sh == want && n != name) {
        s.push_str(&format!(", the shape of {like}"));
    }
    if got == (want.1, want.0) {
        s.push_str(" (yours is its transpose)");
    }
    s
}

/// A panic message in the learner's terms: ndarray's shape panics become a
/// sentence about the shapes involved and the case's quantities that have them.
pub(crate) fn explain_panic(msg: &str, shapes: &[(String, (usize, usize))]) -> String {
    let named = |sh: (usize, usize)| -> String {
        let names: Vec<String> = shapes
            .iter()
            .filter(|(_, s)| *s == sh)
            .take(3)
            .map(|(n, _)| n.clone())
            .collect();
        let mut s = shape_str(&[sh.0, sh.1]);
        if !names.is_empty() {
            s.push_str(&format!(" (like {})", names.join(", ")));
        }
        s
    };
    if let Some(rest) = msg.strip_prefix("ndarray: inputs ") {
        let nums: Vec<usize> = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|t| t.parse().ok())
            .collect();
        if let [m, k, k2, n, ..] = nums[..] {
            let mut s = format!(
                "a matrix product multiplied a {} by a {}; the first's columns ({k}) must equal the second's rows ({k2})",
                named((m, k)),
                named((k2, n))
            );
            if m == k2 {
                s.push_str(&format!(
                    ". Did you mean to transpose the first (.t() gives a {})?",
                    shape_str(&[k, m])
                ));
            } else if k == n {
                s.push_str(&format!(
                    ". Did you mean to transpose the second (.t() gives a {})?",
                    shape_str(&[n, k2])
                ));
            }
            return s;
        }
    }
    if msg.contains("IncompatibleShape") {
        return "an element-wise operation (+, −, * or /) joined two arrays whose shapes differ and cannot be broadcast: print the shapes of both sides (.dim())".into();
    }
    if msg.starts_with("ndarray: index out of bounds") {
        return "an index [i, j] was outside its matrix: check each loop's range against the matrix's rows and columns (.nrows(), .ncols())".into();
    }
    if let Some(rest) = msg.strip_prefix("index out of bounds: ") {
        return format!("a list was indexed past its end ({rest})");
    }
    let short: String = msg.chars().take(200).collect();
    if short.len() < msg.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Every quantity of a case, compared.
fn compare_parts(run: &Ran, want: &[Part]) -> Vec<PartCheck> {
    let got: &[Shaped] = match run {
        Ran::Values(g) => g,
        _ => &[],
    };
    want.iter()
        .enumerate()
        .map(|(i, p)| {
            let g = got.get(i);
            let (right, got_text, max_diff) = match (run, g) {
                (Ran::Panicked(_), _) => (false, "(panicked)".to_string(), None),
                (_, None) => (false, "(missing)".to_string(), None),
                (_, Some(g)) => {
                    let diff = (g.shape == p.shape)
                        .then_some(g.values.as_ref())
                        .flatten()
                        .filter(|v| v.len() == p.values.len())
                        .map(|v| {
                            v.iter()
                                .zip(&p.values)
                                .map(|(a, b)| {
                                    if a.is_finite() {
                                        (a - b).abs()
                                    } else {
                                        f64::INFINITY
                                    }
                                })
                                .fold(0.0, f64::max)
                        });
                    (
                        super::model::same(g, p),
                        shown(g.shape, g.values.as_deref()),
                        diff,
                    )
                }
            };
            PartCheck {
                step: p.step.clone(),
                name: p.name.clone(),
                right,
                expected: shown(p.shape, Some(&p.values)),
                got: got_text,
                max_diff,
            }
        })
        .collect()
}

/// A quantity as a cell: a number, or its shape and first values.
fn shown(shape: (usize, usize), values: Option<&[f64]>) -> String {
    match values {
        Some([v]) if shape == (1, 1) => num(*v),
        Some(v) => {
            let first: Vec<String> = v.iter().take(3).map(|x| num(*x)).collect();
            let more = if v.len() > 3 { ", …" } else { "" };
            format!(
                "{} [{}{more}]",
                shape_str(&[shape.0, shape.1]),
                first.join(", ")
            )
        }
        None => format!("{} (too large to show)", shape_str(&[shape.0, shape.1])),
    }
}

fn first_difference(run: &Ran, parts: &[PartCheck]) -> (String, String, String) {
    if let Ran::Panicked(msg) = run {
        let short: String = msg.chars().take(200).collect();
        return (
            names_short_checks(parts),
            "values".into(),
            format!("a panic: {short}"),
        );
    }
    match parts.iter().find(|p| !p.right) {
        Some(p) => (p.name.clone(), p.expected.clone(), p.got.clone()),
        None => (
            "the number of quantities".into(),
            parts.len().to_string(),
            "a different number".into(),
        ),
    }
}

fn names_short_checks(parts: &[PartCheck]) -> String {
    let mut names: Vec<String> = parts.iter().take(5).map(|p| p.name.clone()).collect();
    if parts.len() > 5 {
        names.push(format!("{} more", parts.len() - 5));
    }
    names.join(", ")
}

/// The ladder: the named mistake (or where the first difference is), the
/// equation of that step, and a worked value from the lab's case.
fn hints<C>(
    ex: &Exercise<'_, C>,
    f: &Failure,
    named: Option<&[Slip]>,
    expected: &[Outputs],
) -> Vec<String> {
    let mut out = Vec::new();
    let step = match named {
        Some(slips) => {
            let mut kinds: Vec<String> = Vec::new();
            for s in slips {
                let h = format!("{}: {}.", s.kind.name, s.kind.hint);
                if !kinds.contains(&h) {
                    kinds.push(h);
                }
            }
            out.push(format!(
                "The mistake: {}. {}",
                f.mistake.clone().unwrap_or_default(),
                kinds.join(" ")
            ));
            slips[0].place.step.to_string()
        }
        None => {
            out.push(match &f.mistake {
                Some(p) => format!("What went wrong: {p}."),
                None => format!(
                    "No mistake this check knows explains all {} cases. The first difference is {} ({}).",
                    f.cases, f.quantity, f.place
                ),
            });
            f.parts
                .iter()
                .find(|p| !p.right)
                .map(|p| p.step.split(" (").next().unwrap_or("").to_string())
                .unwrap_or_default()
        }
    };
    if let Some((s, eq)) = ex
        .equations
        .iter()
        .find(|(s, _)| *s == step)
        .or(ex.equations.first())
    {
        out.push(format!("The equation ({s}): {eq}"));
    }
    let lab_i = ex
        .cases
        .iter()
        .position(|c| c.label.contains("lab"))
        .unwrap_or(0);
    if let Some(Ok(lab)) = expected.get(lab_i) {
        let wrong_name = f.parts.iter().find(|p| !p.right).map(|p| p.name.clone());
        if let Some(p) = lab
            .iter()
            .find(|p| Some(&p.name) == wrong_name.as_ref())
            .or(lab.first())
        {
            let values: Vec<String> = p.values.iter().take(12).map(|v| num(*v)).collect();
            out.push(format!(
                "A worked value: in {}, {} = [{}]{}.",
                case_phrase(&ex.cases[lab_i], lab_i),
                p.name,
                values.join(", "),
                if p.values.len() > 12 { " …" } else { "" }
            ));
        }
    }
    out
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
    use super::super::model::Place;
    use super::*;

    static DOUBLED: Mistake = Mistake {
        name: "doubled",
        hint: "halve it",
    };
    static CATALOGUE: [Slip; 1] = [Slip::new(&DOUBLED, Place::step("f"))];

    fn model(x: &f64, s: Slips) -> Outputs {
        let k = s.pick(&DOUBLED, Place::step("f"), 1.0, 2.0);
        Ok(vec![Part::scalar("f(x)", "f", k * x)])
    }

    fn run(learner: impl Fn(f64) -> f64) -> CheckReport {
        let cases = [
            CaseSpec::new("", "x = 1", 1.0),
            CaseSpec::new("", "x = 3", 3.0),
        ];
        let ex = Exercise {
            name: "f",
            task: "f(x) = x",
            cases: &cases,
            catalogue: &CATALOGUE,
            model: &model,
            equations: &[("f", "f(x) = x")],
        };
        judge(&ex, |x| vec![Shaped::scalar(learner(*x))])
    }

    #[test]
    fn the_three_verdicts() {
        assert!(run(|x| x).is_right());
        let todo = run(|_| todo!("f(x)"));
        assert_eq!(
            todo.verdict,
            Verdict::NotStarted {
                todo: "f(x)".into()
            }
        );
        assert!(
            !todo.to_string().contains("doubled"),
            "not started lists no mistakes"
        );
        let wrong = run(|x| 2.0 * x);
        assert_eq!(wrong.mistake(), Some("doubled in f"));
        // Right on x = 1 only by accident: 1 is not explained by "doubled".
        let unknown = run(|x| x * x);
        assert!(
            !unknown.is_right() && unknown.mistake().is_none(),
            "{unknown}"
        );
        let text = unknown.to_string();
        assert!(text.contains("f(x)") && text.contains("x = 3"), "{text}");
        let panicked = run(|_| panic!("index out of bounds: the len is 3 but the index is 3"));
        assert!(panicked.mistake().unwrap().contains("past its end"));
        assert_eq!(panicked.choose(1, 2), 2);
    }

    #[test]
    fn both_checks_must_pass_to_choose_yours() {
        let right = run(|x| x);
        let wrong = run(|x| 2.0 * x);
        assert!(right.is_right() && !wrong.is_right());
        assert_eq!(right.choose_if_both(&right, 1, 2), 1);
        assert_eq!(right.choose_if_both(&wrong, 1, 2), 2);
        assert_eq!(wrong.choose_if_both(&right, 1, 2), 2);
        // As notebook 02 uses it: closures that box different types, as one fn pointer.
        let pick: fn() -> Box<dyn std::fmt::Debug> =
            right.choose_if_both(&right, || Box::new(1u8), || Box::new("reference"));
        assert_eq!(format!("{:?}", pick()), "1");
    }

    #[test]
    fn values_that_are_not_numbers_are_wrong() {
        let r = run(|_| f64::INFINITY);
        assert!(!r.is_right());
        assert!(r.mistake().unwrap().starts_with("not a number"), "{r}");
        assert!(!run(|_| f64::NAN).is_right());
    }

    #[test]
    fn hints_climb_one_rung_at_a_time() {
        let r = run(|x| 2.0 * x);
        let h1 = r.hint();
        assert_eq!((h1.level, h1.of), (1, 3));
        assert!(h1.text.contains("doubled"), "{h1}");
        assert!(r.hint().text.contains("f(x) = x"));
        assert!(r.hint().text.contains("= [1]"));
        assert_eq!(r.hint().level, 0);
    }

    /// The hook is swapped under a lock: checks racing on many threads leave
    /// the process's own hook in place (without the lock, one thread can take
    /// another's silent hook for the original and restore that).
    #[test]
    fn checks_on_many_threads_keep_the_panic_hook() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static CALLS: AtomicUsize = AtomicUsize::new(0);
        {
            let _g = HOOK.lock().unwrap_or_else(|e| e.into_inner());
            std::panic::set_hook(Box::new(|_| {
                CALLS.fetch_add(1, Ordering::SeqCst);
            }));
        }
        let threads: Vec<_> = (0..8)
            .map(|_| {
                std::thread::spawn(|| {
                    for _ in 0..50 {
                        assert!(!run(|_| panic!("a learner's bug")).is_right());
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("a check never panics");
        }
        let before = CALLS.load(Ordering::SeqCst);
        let _ = run_quietly(|| ()); // a check that does not panic
        let outside = std::panic::catch_unwind(|| panic!("outside any check"));
        assert!(outside.is_err());
        assert!(
            CALLS.load(Ordering::SeqCst) > before,
            "the process's hook was lost"
        );
        let _g = HOOK.lock().unwrap_or_else(|e| e.into_inner());
        let _ = std::panic::take_hook();
    }

    #[test]
    fn shape_panics_read_as_shapes() {
        let shapes = vec![("W²".to_string(), (3, 2))];
        let s = explain_panic(
            "ndarray: inputs 3 × 2 and 3 × 1 are not compatible for matrix multiplication",
            &shapes,
        );
        assert!(
            s.contains("(3, 2) (like W²)") && s.contains("transpose the first"),
            "{s}"
        );
        let long = "x".repeat(100_000);
        assert!(explain_panic(&long, &[]).chars().count() <= 201);
    }
}
