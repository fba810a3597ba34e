//! The error model every check shares.
//!
//! An exercise's computation is a list of named *steps* (BP1, BP2 for layer 1,
//! the box `∂J/∂d`, ...), each producing named *parts* (`∂C/∂W²`, a box's
//! value). A check knows a catalogue of *slips*: a kind of mistake (a dropped
//! σ′, a flipped sign, a transpose) at one place. The exercise's model computes
//! every part with any set of slips switched on, so a check can compute what
//! each single slip, each slip made at every place of its kind, and each pair of
//! slips would give, and name one only when it explains the learner's outputs
//! on every case.

use ndarray::Array2;

/// A kind of mistake a check recognises: its name, and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mistake {
    /// A short name, e.g. `"forgot σ′"`.
    pub name: &'static str,
    /// One sentence on the mistake and its fix.
    pub hint: &'static str,
}

/// Where in an exercise's computation a slip happens: a step, and for layered
/// steps the layer, counting from 1 as `W¹` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) step: &'static str,
    pub(crate) layer: Option<usize>,
}

impl Place {
    pub(crate) const fn step(step: &'static str) -> Place {
        Place { step, layer: None }
    }

    pub(crate) const fn layer(step: &'static str, layer: usize) -> Place {
        Place {
            step,
            layer: Some(layer),
        }
    }

    pub(crate) fn label(&self) -> String {
        match self.layer {
            Some(l) => format!("{} (layer {l})", self.step),
            None => self.step.to_string(),
        }
    }
}

/// One kind of mistake at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slip {
    pub(crate) kind: &'static Mistake,
    pub(crate) place: Place,
}

impl Slip {
    pub(crate) const fn new(kind: &'static Mistake, place: Place) -> Slip {
        Slip { kind, place }
    }
}

/// The slips switched on for one evaluation of a model.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slips<'a>(pub(crate) &'a [Slip]);

impl Slips<'_> {
    /// No slip: the reference computation.
    pub(crate) const NONE: Slips<'static> = Slips(&[]);

    /// Is `kind` switched on at `place`?
    pub(crate) fn at(&self, kind: &Mistake, place: Place) -> bool {
        self.0.iter().any(|s| s.kind == kind && s.place == place)
    }

    /// `x`, or `alt` when `kind` is switched on at `place`.
    pub(crate) fn pick<T>(&self, kind: &Mistake, place: Place, x: T, alt: T) -> T {
        if self.at(kind, place) {
            alt
        } else {
            x
        }
    }
}

/// One quantity an exercise computes: its name, its step, its shape and its
/// values (row by row).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    pub(crate) name: String,
    pub(crate) step: String,
    pub(crate) shape: (usize, usize),
    pub(crate) values: Vec<f64>,
}

impl Part {
    pub(crate) fn scalar(name: impl Into<String>, step: impl Into<String>, v: f64) -> Part {
        Part {
            name: name.into(),
            step: step.into(),
            shape: (1, 1),
            values: vec![v],
        }
    }

    pub(crate) fn matrix(
        name: impl Into<String>,
        step: impl Into<String>,
        m: &Array2<f64>,
    ) -> Part {
        Part {
            name: name.into(),
            step: step.into(),
            shape: m.dim(),
            values: m.iter().copied().collect(),
        }
    }

    pub(crate) fn vector(name: impl Into<String>, step: impl Into<String>, v: Vec<f64>) -> Part {
        Part {
            name: name.into(),
            step: step.into(),
            shape: (v.len(), 1),
            values: v,
        }
    }
}

/// What a model gives for one case: every part, or why the slips cannot be
/// computed there.
pub(crate) type Outputs = Result<Vec<Part>, String>;

/// A model: every part of a case with the given slips switched on.
pub(crate) type Model<'a, C> = dyn Fn(&C, Slips) -> Outputs + 'a;

/// The largest learner output a check copies; a bigger one is judged on its
/// shape alone.
pub(crate) const MAX_COPY: usize = 1 << 16;

/// What the learner's code returned for one quantity: a shape, and the values
/// when they were small enough to copy.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shaped {
    pub(crate) shape: (usize, usize),
    pub(crate) values: Option<Vec<f64>>,
}

impl Shaped {
    pub(crate) fn scalar(v: f64) -> Shaped {
        Shaped {
            shape: (1, 1),
            values: Some(vec![v]),
        }
    }

    /// A learner's matrix; its values are copied only when it is small.
    pub(crate) fn matrix(m: &Array2<f64>) -> Shaped {
        Shaped {
            shape: m.dim(),
            values: (m.len() <= MAX_COPY).then(|| m.iter().copied().collect()),
        }
    }

    /// A learner's list, taken as a column.
    pub(crate) fn list(v: &[f64]) -> Shaped {
        Shaped {
            shape: (v.len(), 1),
            values: (v.len() <= MAX_COPY).then(|| v.to_vec()),
        }
    }

    /// Each of a learner's matrices.
    pub(crate) fn matrices(ms: &[Array2<f64>]) -> Vec<Shaped> {
        ms.iter().take(64).map(Shaped::matrix).collect()
    }
}

/// Equal up to rounding: relative 1e-9, or absolute 1e-12 near zero. A value
/// that is not a finite number equals only the same kind of non-number (a
/// mistake's model may overflow where the learner's code does); the
/// reference is always finite, so such a value is never right.
pub(crate) fn close(a: f64, b: f64) -> bool {
    if !a.is_finite() || !b.is_finite() {
        return (a.is_nan() && b.is_nan()) || (a.is_infinite() && a == b);
    }
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) || (a - b).abs() <= 1e-12
}

/// Does the learner's quantity equal the part, shape and values?
pub(crate) fn same(got: &Shaped, part: &Part) -> bool {
    got.shape == part.shape
        && got.values.as_ref().is_some_and(|v| {
            v.len() == part.values.len() && v.iter().zip(&part.values).all(|(&x, &y)| close(x, y))
        })
}

/// The candidates a catalogue gives, simplest first: each slip alone, each
/// kind at every one of its places, then each pair of the above with different
/// kinds or places.
pub(crate) fn candidates(catalogue: &[Slip]) -> Vec<Vec<Slip>> {
    let mut singles: Vec<Vec<Slip>> = catalogue.iter().map(|s| vec![*s]).collect();
    let mut kinds: Vec<&'static Mistake> = Vec::new();
    for s in catalogue {
        if !kinds.contains(&s.kind) {
            kinds.push(s.kind);
        }
    }
    for k in kinds {
        let all: Vec<Slip> = catalogue.iter().filter(|s| s.kind == k).copied().collect();
        // The kind at every layer of one step ("forgot σ′ in BP2 (layers 1
        // and 2)"), then at every place.
        let mut steps: Vec<&str> = Vec::new();
        for s in &all {
            if !steps.contains(&s.place.step) {
                steps.push(s.place.step);
            }
        }
        for st in steps {
            let step: Vec<Slip> = all.iter().filter(|s| s.place.step == st).copied().collect();
            if step.len() > 1 && step.len() < all.len() {
                singles.push(step);
            }
        }
        if all.len() > 1 {
            singles.push(all);
        }
    }
    let mut out = singles.clone();
    for i in 0..singles.len() {
        for j in i + 1..singles.len() {
            let (a, b) = (&singles[i], &singles[j]);
            if a.iter().any(|s| b.contains(s)) {
                continue;
            }
            let mut pair = a.clone();
            pair.extend(b);
            if pair.len() <= catalogue.len() && !out.iter().any(|c| same_set(c, &pair)) {
                out.push(pair);
            }
        }
    }
    out
}

fn same_set(a: &[Slip], b: &[Slip]) -> bool {
    a.len() == b.len() && a.iter().all(|s| b.contains(s))
}

/// A candidate in words: "forgot σ′ in BP1 and BP2 (layer 1)", with the kinds
/// joined by "; and ".
pub(crate) fn describe(slips: &[Slip], catalogue: &[Slip]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut done: Vec<&Mistake> = Vec::new();
    for s in slips {
        if done.contains(&s.kind) {
            continue;
        }
        done.push(s.kind);
        let places: Vec<Place> = slips
            .iter()
            .filter(|t| t.kind == s.kind)
            .map(|t| t.place)
            .collect();
        let total = catalogue.iter().filter(|t| t.kind == s.kind).count();
        let labels: Vec<String> = places
            .iter()
            .map(Place::label)
            .filter(|l| !l.is_empty())
            .collect();
        let text = if labels.is_empty() {
            s.kind.name.to_string()
        } else if places.len() == total && total > 1 {
            format!("{} everywhere ({})", s.kind.name, join_and(&labels))
        } else {
            format!("{} in {}", s.kind.name, join_and(&labels))
        };
        parts.push(text);
    }
    parts.join("; and ")
}

/// "a", "a and b", "a, b and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SIGN: Mistake = Mistake {
        name: "sign flipped",
        hint: "h",
    };
    static PRIME: Mistake = Mistake {
        name: "forgot σ′",
        hint: "h",
    };

    #[test]
    fn candidates_are_singles_then_every_place_then_pairs() {
        let cat = [
            Slip::new(&PRIME, Place::step("BP1")),
            Slip::new(&PRIME, Place::layer("BP2", 1)),
            Slip::new(&SIGN, Place::step("BP1")),
        ];
        let c = candidates(&cat);
        // 3 singles, σ′ everywhere, then pairs: (0,1) is the same set as
        // "everywhere", so it is not repeated.
        assert_eq!(c[..3], [vec![cat[0]], vec![cat[1]], vec![cat[2]]]);
        assert_eq!(c[3], vec![cat[0], cat[1]]);
        assert_eq!(c.len(), 4 + 2 + 1, "{c:?}");
        assert_eq!(
            describe(&c[3], &cat),
            "forgot σ′ everywhere (BP1 and BP2 (layer 1))"
        );
        assert_eq!(
            describe(&[cat[1], cat[2]], &cat),
            "forgot σ′ in BP2 (layer 1); and sign flipped in BP1"
        );
    }

    #[test]
    fn values_that_are_not_numbers_never_match() {
        assert!(close(1.0, 1.0 + 1e-12));
        assert!(!close(f64::INFINITY, 1e308));
        assert!(!close(f64::NAN, 0.0));
        assert!(!close(f64::INFINITY, f64::NEG_INFINITY));
        // Only a mistake's model can overflow; the learner's overflow matches it.
        assert!(close(f64::NAN, f64::NAN) && close(f64::INFINITY, f64::INFINITY));
        let p = Part::scalar("x", "s", 1.0);
        assert!(same(&Shaped::scalar(1.0), &p));
        assert!(!same(&Shaped::list(&[1.0, 1.0]), &p));
    }
}
