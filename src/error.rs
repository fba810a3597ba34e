//! The crate's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in backprop_lab.
///
/// `Display` and `std::error::Error` are written by hand rather than derived:
/// a derive macro would put a proc-macro crate (and `syn`) into the dependency
/// tree, and the notebook kernel's analyser loads every dependency's source on
/// the `:dep` cell, which made that cell about a second slower.
///
/// Every message names the operation that failed and the values involved, so a
/// learner reading it in a notebook knows what to fix without reading the source.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Two shapes that must agree do not; the message carries both.
    Shape {
        /// The operation that was called, e.g. `"backprop_batch"`.
        op: &'static str,
        /// What disagrees with what, naming both shapes or sizes.
        detail: String,
    },
    /// An input that must hold at least one element holds none.
    Empty {
        /// The operation that was called.
        op: &'static str,
        /// Which input was empty.
        what: String,
    },
    /// An input holds NaN or an infinity.
    NonFinite {
        /// The operation that was called.
        op: &'static str,
        /// Which input.
        what: String,
        /// Where in it, e.g. `[3, 0]`.
        at: String,
        /// The offending value.
        value: f64,
    },
    /// A parameter is outside the range the operation accepts.
    InvalidParameter {
        /// The operation that was called.
        op: &'static str,
        /// The parameter's name, e.g. `"eta"`.
        name: &'static str,
        /// The value that was passed, formatted.
        value: String,
        /// The range or rule it breaks.
        reason: String,
    },
    /// An einsum subscript string could not be understood.
    EinsumSpec {
        /// The operation that was called: `"einsum"` or `"einsum_loops"`.
        op: &'static str,
        /// The whole subscript string.
        spec: String,
        /// Zero-based character position of the problem.
        position: usize,
        /// The offending character, or `' '` at the end of the string.
        ch: char,
        /// What is wrong there.
        reason: String,
    },
    /// A CSV cell, header or column could not be read.
    Csv {
        /// The operation that was called.
        op: &'static str,
        /// The file (or source name) being read.
        file: String,
        /// One-based line number.
        line: usize,
        /// The column's header name.
        column: String,
        /// What is wrong.
        reason: String,
    },
    /// Reading or writing a file failed.
    Io {
        /// The operation that was called.
        op: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A computation produced NaN or infinity (e.g. training diverged); nothing was changed.
    Diverged {
        /// The operation that was called.
        op: &'static str,
        /// What became non-finite.
        what: String,
        /// Where (step, epoch, ...).
        at: String,
    },
    /// A symbol or node name that is not defined.
    Unknown {
        /// The operation that was called.
        op: &'static str,
        /// What kind of name: "symbol", "node", ...
        kind: &'static str,
        /// The name that was not found.
        name: String,
        /// Extra help, e.g. the names that do exist (starts with "; " when present).
        hint: String,
    },
    /// A value outside an operation's domain: division by zero, log of a non-positive number.
    Domain {
        /// The operation that was called.
        op: &'static str,
        /// Where and why, naming the node or expression.
        detail: String,
    },
    /// A graph that cannot be evaluated: a cycle, or an input nobody fed.
    Graph {
        /// The operation that was called.
        op: &'static str,
        /// What is wrong, naming the node.
        detail: String,
    },
    /// Drawing or encoding a figure failed.
    Render {
        /// The figure function that was called.
        op: &'static str,
        /// What the drawing library or encoder reported.
        detail: String,
    },
    /// The operation does not apply to this object, e.g. collapsing a network
    /// whose activations are not all the identity.
    Unsupported {
        /// The operation that was called.
        op: &'static str,
        /// Why it does not apply.
        reason: String,
    },
}

impl Error {
    /// The same error, reported as the operation `op`'s: for a public function
    /// that validates by calling another public function, so the learner reads
    /// the name of the call they made.
    pub(crate) fn within(mut self, op: &'static str) -> Error {
        match &mut self {
            Error::Shape { op: o, .. }
            | Error::Empty { op: o, .. }
            | Error::NonFinite { op: o, .. }
            | Error::InvalidParameter { op: o, .. }
            | Error::Io { op: o, .. }
            | Error::Diverged { op: o, .. }
            | Error::Unknown { op: o, .. }
            | Error::Domain { op: o, .. }
            | Error::Graph { op: o, .. }
            | Error::Render { op: o, .. }
            | Error::Unsupported { op: o, .. }
            | Error::Csv { op: o, .. }
            | Error::EinsumSpec { op: o, .. } => *o = op,
        }
        self
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Shape { op, detail }
            | Error::Domain { op, detail }
            | Error::Graph { op, detail } => write!(f, "{op}: {detail}"),
            Error::Empty { op, what } => write!(f, "{op}: {what} is empty"),
            Error::NonFinite {
                op,
                what,
                at,
                value,
            } => {
                write!(f, "{op}: {what} holds the non-finite value {value} at {at}")
            }
            Error::InvalidParameter {
                op,
                name,
                value,
                reason,
            } => {
                write!(f, "{op}: {name} = {value} is not allowed: {reason}")
            }
            Error::EinsumSpec {
                op,
                spec,
                position,
                ch,
                reason,
            } => {
                // A long spec is shown around the problem only, so a message stays short.
                let chars: Vec<char> = spec.chars().collect();
                let shown = if chars.len() <= 80 {
                    spec.clone()
                } else {
                    let from = position.saturating_sub(30).min(chars.len());
                    let to = position.saturating_add(30).min(chars.len());
                    format!(
                        "{}{}{}",
                        if from > 0 { "…" } else { "" },
                        chars[from..to].iter().collect::<String>(),
                        if to < chars.len() { "…" } else { "" }
                    )
                };
                write!(
                    f,
                    "{op}: {reason} (character {ch:?} at position {position} of \"{shown}\", {} characters long)",
                    chars.len()
                )
            }
            Error::Csv {
                op,
                file,
                line,
                column,
                reason,
            } => {
                write!(f, "{op}: {file}:{line}: column '{column}': {reason}")
            }
            Error::Io { op, path, source } => {
                write!(f, "{op}: cannot access {}: {source}", path.display())
            }
            Error::Diverged { op, what, at } => write!(
                f,
                "{op}: {what} became non-finite at {at}; parameters were left unchanged"
            ),
            Error::Unknown {
                op,
                kind,
                name,
                hint,
            } => {
                write!(f, "{op}: unknown {kind} '{name}'{hint}")
            }
            Error::Render { op, detail } => {
                write!(f, "{op}: could not draw the figure: {detail}")
            }
            Error::Unsupported { op, reason } => write!(f, "{op}: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Shorthand used across the crate to build a [`Error::Shape`].
pub(crate) fn shape_err(op: &'static str, detail: impl Into<String>) -> Error {
    Error::Shape {
        op,
        detail: detail.into(),
    }
}

/// Formats a shape the way numpy prints it: `(3, 1000)`, `(25,)`.
pub fn shape_str(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Returns an error naming the first non-finite entry of `values`, if any.
pub(crate) fn check_finite<D: ndarray::Dimension>(
    op: &'static str,
    what: &str,
    values: ndarray::ArrayView<'_, f64, D>,
) -> Result<()> {
    // Fast path: scan contiguous data in blocks without an early exit per entry
    // (so the scan vectorises); only a block with a bad entry is searched below.
    if let Some(s) = values.as_slice() {
        if s.chunks(1024)
            .all(|c| c.iter().fold(true, |ok, v| ok & v.is_finite()))
        {
            return Ok(());
        }
    }
    let shape = values.shape().to_vec();
    for (flat, &v) in values.iter().enumerate() {
        if !v.is_finite() {
            return Err(Error::NonFinite {
                op,
                what: what.to_string(),
                at: format!("{:?}", unravel(flat, &shape)),
                value: v,
            });
        }
    }
    Ok(())
}

/// Row-major multi-index of the `flat`-th element of an array of `shape`.
pub(crate) fn unravel(mut flat: usize, shape: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for (slot, &d) in idx.iter_mut().zip(shape).rev() {
        if d > 0 {
            *slot = flat % d;
            flat /= d;
        }
    }
    idx
}

/// Returns an error naming the first non-finite entry of a slice, if any.
pub(crate) fn check_finite_slice(op: &'static str, what: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(Error::NonFinite {
            op,
            what: what.to_string(),
            at: format!("[{i}]"),
            value: values[i],
        }),
    }
}

/// Returns an error if `value` is not finite.
pub(crate) fn check_finite_scalar(op: &'static str, what: &str, value: f64) -> Result<()> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(Error::NonFinite {
            op,
            what: what.to_string(),
            at: "(scalar)".to_string(),
            value,
        })
    }
}

/// A result computed from finite inputs that overflowed: [`Error::Diverged`],
/// naming the first non-finite entry, instead of `Ok` with an infinity in it.
pub(crate) fn check_finite_result<D: ndarray::Dimension>(
    op: &'static str,
    what: &str,
    values: ndarray::ArrayView<'_, f64, D>,
) -> Result<()> {
    check_finite(op, what, values).map_err(|e| match e {
        Error::NonFinite {
            what, at, value, ..
        } => Error::Diverged {
            op,
            what: format!("{what} (from finite inputs)"),
            at: format!("entry {at}, which overflowed to {value}"),
        },
        other => other,
    })
}

/// The most elements (numbers, indices, frames) one array or list that the crate
/// allocates for a learner may hold: 2²⁸, i.e. 2 GiB of `f64`. Larger requests
/// are refused with an error before anything is allocated, instead of aborting
/// the notebook's kernel when memory runs out.
pub const MAX_ELEMENTS: usize = 1 << 28;

/// The most iterations a loop the learner sizes may run: training steps
/// (epochs × batches), descent steps, animation frames. 2^24 (about 16.8
/// million) steps of the labs' networks take minutes, not a lifetime; a larger
/// count is almost always a typo, and it would also grow the recorded history
/// past any memory.
pub const MAX_STEPS: usize = 1 << 24;

/// Refuses a loop of `count` iterations (`None`: the count overflowed) above
/// [`MAX_STEPS`]; `value` is what the learner passed, as they wrote it.
pub(crate) fn check_steps(
    op: &'static str,
    name: &'static str,
    value: impl std::fmt::Display,
    count: Option<usize>,
) -> Result<()> {
    match count {
        Some(c) if c <= MAX_STEPS => Ok(()),
        _ => Err(Error::InvalidParameter {
            op,
            name,
            value: value.to_string(),
            reason: format!("at most {MAX_STEPS} steps may be run in one call"),
        }),
    }
}

/// The number of elements of an array of shape `dims`, or an error naming the
/// shape if the product overflows or exceeds [`MAX_ELEMENTS`].
///
/// Every axis counts, an empty one as 1: a (0, 2⁶⁴ − 1) array holds no
/// element, but ndarray refuses its shape, so a zero axis must not hide a
/// huge one.
pub(crate) fn check_size(op: &'static str, what: &str, dims: &[usize]) -> Result<usize> {
    let bound = dims
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d.max(1)));
    match bound {
        Some(b) if b <= MAX_ELEMENTS => Ok(dims.iter().product()),
        _ => Err(Error::InvalidParameter {
            op,
            name: "size",
            value: format!("{what} of shape {}", shape_str(dims)),
            reason: format!("that is more than the {MAX_ELEMENTS} elements an array may hold here"),
        }),
    }
}

/// [`check_finite_result`] for a single number a public function returns:
/// [`Error::Diverged`] naming `what` if it overflowed, else the number itself.
pub(crate) fn check_finite_result_scalar(op: &'static str, what: &str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::Diverged {
            op,
            what: format!("{what} (from finite inputs)"),
            at: format!("the returned value, which overflowed to {value}"),
        })
    }
}

/// [`check_finite_result`] that builds the quantity's name only on failure and
/// scans in memory order (a transposed result too), so the guard on a public
/// call is one branch-free pass over its output and allocates nothing.
pub(crate) fn check_finite_result_lazy<D: ndarray::Dimension>(
    op: &'static str,
    what: impl FnOnce() -> String,
    values: ndarray::ArrayView<'_, f64, D>,
) -> Result<()> {
    let all = |s: &[f64]| s.iter().fold(true, |ok, v| ok & v.is_finite());
    let finite = match values.as_slice_memory_order() {
        Some(s) => s.chunks(1024).all(all),
        None => values.iter().fold(true, |ok, v| ok & v.is_finite()),
    };
    if finite {
        Ok(())
    } else {
        check_finite_result(op, &what(), values)
    }
}

/// [`check_finite_result`] for a slice of results, e.g. a trace's values.
pub(crate) fn check_finite_result_slice(
    op: &'static str,
    what: &str,
    values: &[f64],
) -> Result<()> {
    check_finite_result(op, what, ndarray::ArrayView1::from(values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn shape_str_matches_numpy() {
        assert_eq!(shape_str(&[3, 1000]), "(3, 1000)");
        assert_eq!(shape_str(&[25]), "(25,)");
        assert_eq!(shape_str(&[1000, 3, 1]), "(1000, 3, 1)");
    }

    #[test]
    fn a_zero_axis_does_not_hide_a_huge_one() {
        // Counts by hand: 0 × anything holds 0 elements; the bound treats 0 as 1.
        assert_eq!(check_size("t", "m", &[0, 5]).unwrap(), 0);
        assert_eq!(check_size("t", "m", &[3, 4]).unwrap(), 12);
        assert_eq!(check_size("t", "m", &[0, MAX_ELEMENTS]).unwrap(), 0);
        for dims in [[0, usize::MAX], [usize::MAX, 0], [0, MAX_ELEMENTS + 1]] {
            let msg = check_size("t", "m", &dims).unwrap_err().to_string();
            assert!(msg.contains(&shape_str(&dims)), "{msg}");
        }
    }

    /// A position near `usize::MAX` (a hand-built error) still displays.
    #[test]
    fn einsum_spec_at_a_huge_position() {
        for position in [usize::MAX, usize::MAX - 29, 100] {
            let e = Error::EinsumSpec {
                op: "einsum",
                spec: "ij,jk->ik".repeat(20),
                position,
                ch: 'q',
                reason: "unknown".into(),
            };
            let msg = e.to_string();
            assert!(msg.contains("unknown"), "{msg}");
        }
    }

    #[test]
    fn non_finite_is_located() {
        let a = array![[1.0, 2.0], [f64::NAN, 4.0]];
        let err = check_finite("demo", "X", a.view()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("demo: X"), "{msg}");
        assert!(msg.contains("[1, 0]"), "{msg}");
    }

    #[test]
    fn messages_name_operation_and_values() {
        // Expected strings written out by hand from each variant's format.
        let e = shape_err("backprop_batch", "X has 2 columns, layer 1 expects 3");
        assert_eq!(
            e.to_string(),
            "backprop_batch: X has 2 columns, layer 1 expects 3"
        );
        let e = Error::InvalidParameter {
            op: "train",
            name: "eta",
            value: "-1".into(),
            reason: "must be positive".into(),
        };
        assert_eq!(
            e.to_string(),
            "train: eta = -1 is not allowed: must be positive"
        );
        let e = Error::EinsumSpec {
            op: "einsum",
            spec: "ij,jk->ix".into(),
            position: 8,
            ch: 'x',
            reason: "output index not in any input".into(),
        };
        assert_eq!(
            e.to_string(),
            "einsum: output index not in any input (character 'x' at position 8 of \"ij,jk->ix\", 9 characters long)"
        );
    }

    #[test]
    fn io_error_keeps_its_source() {
        use std::error::Error as _;
        let e = Error::Io {
            op: "read_csv",
            path: PathBuf::from("/no/such.csv"),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "not found"),
        };
        assert_eq!(
            e.to_string(),
            "read_csv: cannot access /no/such.csv: not found"
        );
        assert!(e.source().is_some());
        assert!(shape_err("x", "y").source().is_none());
    }
}
