//! The shape of a corpus entry: one learner answer to one exercise, what a
//! tutor would call its mistake, and the call that hands it to the check.

use backprop_lab::exercises::CheckReport;

/// What a tutor expects the check to say about an answer.
#[allow(dead_code)]
pub enum Expect {
    /// A correct answer, written differently from the solution.
    Right,
    /// An answer that still reaches a `todo!` somewhere: not started.
    NotStarted,
    /// A wrong answer. Every tag must appear in the check's diagnosis
    /// (case-insensitive); a tag may list alternatives separated by `|`.
    Wrong(&'static [&'static str]),
}

/// One learner answer.
pub struct Entry {
    /// The check's function name, e.g. `"check_dldy"`.
    pub exercise: &'static str,
    /// A short id, unique within the exercise.
    pub id: &'static str,
    /// What a tutor would say about the answer, in words, written before the
    /// check was run on it.
    pub tutor: &'static str,
    /// The verdict and mistake a tutor expects.
    pub expect: Expect,
    /// Hands the answer to its check.
    pub run: fn() -> CheckReport,
}
