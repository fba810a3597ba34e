//! The learner-mistake corpus: realistic answers to every exercise, each
//! written with what a tutor would call its mistake before the check was run
//! on it. Every wrong answer must be judged wrong and every right one right; at
//! least 80 % of each exercise's wrong answers must get the tutor's diagnosis,
//! and no diagnosis may name a catalogued mistake the tutor did not see
//! (misnamed: 0). A check's plain description of a shape, a panic or a value
//! that is not a number counts as named when it carries the tutor's words, and
//! as unnamed otherwise.
//! `cargo test --test corpus -- --nocapture` prints the table per exercise.

// Learner code, written as learners write it.
#![allow(clippy::all)]

#[path = "corpus/harness.rs"]
mod harness;
#[path = "corpus/holdout.rs"]
mod holdout;
#[path = "corpus/lab00.rs"]
mod lab00;
#[path = "corpus/lab01.rs"]
mod lab01;
#[path = "corpus/lab02.rs"]
mod lab02;
#[path = "corpus/lab03.rs"]
mod lab03;
#[path = "corpus/lab04.rs"]
mod lab04;
#[path = "corpus/lab05.rs"]
mod lab05;
#[path = "corpus/lab06.rs"]
mod lab06;
#[path = "corpus/lab07.rs"]
mod lab07;
#[path = "corpus/lab08.rs"]
mod lab08;
#[path = "corpus/lab09.rs"]
mod lab09;

use harness::{Entry, Expect};

use backprop_lab::exercises::Verdict;

/// How one entry fared.
#[derive(Debug, PartialEq)]
enum Outcome {
    RightAsRight,
    Named,
    Unnamed,
    Misnamed(String),
    WrongVerdict(String),
}

fn tags_match(diagnosis: &str, tags: &[&str]) -> bool {
    let d = diagnosis.to_lowercase();
    tags.iter().all(|t| {
        t.split('|')
            .any(|alt| d.contains(&alt.trim().to_lowercase()))
    })
}

fn assess(e: &Entry) -> Outcome {
    let r = (e.run)();
    match (&e.expect, &r.verdict) {
        (Expect::Right, Verdict::Right { .. }) => Outcome::RightAsRight,
        (Expect::NotStarted, Verdict::NotStarted { .. }) => Outcome::RightAsRight,
        (Expect::NotStarted, _) => {
            Outcome::WrongVerdict(format!("an unfinished answer judged {r}"))
        }
        (Expect::Right, _) => Outcome::WrongVerdict(format!("a right answer judged wrong:\n{r}")),
        (Expect::Wrong(_), Verdict::Right { .. } | Verdict::NotStarted { .. }) => {
            Outcome::WrongVerdict(format!("a wrong answer judged {r}"))
        }
        (Expect::Wrong(tags), Verdict::Wrong(f)) => match r.mistake() {
            None => Outcome::Unnamed,
            Some(d) if tags_match(d, tags) => Outcome::Named,
            // A true description of a shape, a panic or a non-number that
            // is not the tutor's name for the mistake: described, not named.
            Some(_) if !f.named => Outcome::Unnamed,
            Some(d) => Outcome::Misnamed(d.to_string()),
        },
    }
}

/// Assesses a lab's corpus, prints its table, and fails on a wrong verdict, a
/// misnamed mistake, or fewer than 80 % named per exercise.
fn check_lab(entries: Vec<Entry>) {
    let mut exercises: Vec<&str> = Vec::new();
    for e in &entries {
        if !exercises.contains(&e.exercise) {
            exercises.push(e.exercise);
        }
    }
    let mut failures = Vec::new();
    for ex in exercises {
        let (mut right, mut named, mut unnamed, mut misnamed) = (0, 0, 0, 0);
        for e in entries.iter().filter(|e| e.exercise == ex) {
            match assess(e) {
                Outcome::RightAsRight => right += 1,
                Outcome::Named => named += 1,
                Outcome::Unnamed => {
                    unnamed += 1;
                    println!("  unnamed  {ex}/{}: tutor: {}", e.id, e.tutor);
                }
                Outcome::Misnamed(d) => {
                    misnamed += 1;
                    failures.push(format!(
                        "{ex}/{}: misnamed as \"{d}\"; tutor: {}",
                        e.id, e.tutor
                    ));
                }
                Outcome::WrongVerdict(v) => failures.push(format!("{ex}/{}: {v}", e.id)),
            }
        }
        let wrong = named + unnamed + misnamed;
        println!(
            "{ex}: {wrong} wrong answers: {named} named, {unnamed} unnamed, {misnamed} misnamed; {right} right answers judged right"
        );
        if wrong < 8 || right < 2 {
            failures.push(format!(
                "{ex}: the corpus needs 8 wrong and 2 right answers"
            ));
        }
        if misnamed > 0 {
            failures.push(format!("{ex}: {misnamed} misnamed"));
        }
        // The bar for every exercise: a tutor's name for 80 % of its wrong answers.
        if named * 5 < wrong * 4 {
            failures.push(format!("{ex}: only {named} of {wrong} wrong answers named"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lab00_rust_primer() {
    check_lab(lab00::corpus());
}

#[test]
fn lab01_computation_graph() {
    check_lab(lab01::corpus());
}

#[test]
fn lab02_autograd_engine() {
    check_lab(lab02::corpus());
}

#[test]
fn lab07_miniflow() {
    check_lab(lab07::corpus());
}

#[test]
fn lab03_chain_rule_sin() {
    check_lab(lab03::corpus());
}

#[test]
fn lab04_forward_pass() {
    check_lab(lab04::corpus());
}

#[test]
fn lab05_nudges_and_1d_backprop() {
    check_lab(lab05::corpus());
}

#[test]
fn lab06_backprop_network() {
    check_lab(lab06::corpus());
}

#[test]
fn lab08_tensors_einsum_batched() {
    check_lab(lab08::corpus());
}

#[test]
fn lab09_digits() {
    check_lab(lab09::corpus());
}

/// A second corpus for the core exercises, written by another tutor and never
/// used to tune the checks: it measures how the naming generalises. Every
/// verdict must be right and nothing misnamed; the named share is printed.
#[test]
fn holdout_core_exercises() {
    let entries = holdout::corpus();
    let mut failures = Vec::new();
    let (mut named, mut wrong) = (0, 0);
    for e in &entries {
        match assess(e) {
            Outcome::RightAsRight => {}
            Outcome::Named => {
                named += 1;
                wrong += 1;
            }
            Outcome::Unnamed => {
                wrong += 1;
                println!("  unnamed  {}/{}: tutor: {}", e.exercise, e.id, e.tutor);
            }
            Outcome::Misnamed(d) => {
                wrong += 1;
                failures.push(format!(
                    "{}/{}: misnamed as \"{d}\"; tutor: {}",
                    e.exercise, e.id, e.tutor
                ));
            }
            Outcome::WrongVerdict(v) => failures.push(format!("{}/{}: {v}", e.exercise, e.id)),
        }
    }
    println!("held-out: {wrong} wrong answers, {named} named");
    assert!(wrong >= 60, "the held-out corpus has {wrong} wrong answers");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
