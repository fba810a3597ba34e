//! The Makefile that CI runs (`make test`), read as text: every step `make
//! test` names is a target with a recipe. A step whose recipe is lost (say, to
//! a rename) while it stays in `.PHONY` is skipped by make without a word, so
//! `make test` would pass without running it.

use std::fs;
use std::path::Path;

/// The Makefile's targets that have a recipe: a `name:` line followed by at
/// least one tab-indented line (comments and blank lines are skipped).
fn targets_with_recipes(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((name, _)) = line.split_once(':') else {
            continue;
        };
        let plain = !name.is_empty()
            && !line.starts_with(['\t', ' ', '#', '.'])
            && !line.contains(":=")
            && !line.contains("?=")
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if plain && lines.get(i + 1).is_some_and(|next| next.starts_with('\t')) {
            out.push(name.to_string());
        }
    }
    out
}

#[test]
fn every_step_of_make_test_has_a_recipe() {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Makefile"))
        .expect("the Makefile");
    let test_line = text
        .lines()
        .find(|l| l.starts_with("test:"))
        .expect("a `test:` target");
    let steps: Vec<&str> = test_line["test:".len()..].split_whitespace().collect();
    // The six steps CI relies on (the README's table of make commands).
    assert!(steps.len() >= 6, "make test names only {steps:?}");
    let with_recipes = targets_with_recipes(&text);
    for step in &steps {
        assert!(
            with_recipes.iter().any(|t| t == step),
            "`make test` names `{step}`, which has no recipe in the Makefile (targets with recipes: {with_recipes:?})"
        );
    }
    // The reader itself: a target without a recipe is not counted.
    let sample = "a:\n\techo a\nb: a\n\n# c\nc:\n";
    assert_eq!(targets_with_recipes(sample), ["a"]);
}
