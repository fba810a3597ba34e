//! The crate's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in backprop_lab.
///
/// Every message names the operation that failed and the values involved, so a
/// learner reading it in a notebook knows what to fix without reading the source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Two shapes that must agree do not; the message carries both.
    #[error("{op}: {detail}")]
    Shape {
        /// The operation that was called, e.g. `"backprop_batch"`.
        op: &'static str,
        /// What disagrees with what, naming both shapes or sizes.
        detail: String,
    },
    /// An input that must hold at least one element holds none.
    #[error("{op}: {what} is empty")]
    Empty {
        /// The operation that was called.
        op: &'static str,
        /// Which input was empty.
        what: String,
    },
    /// An input holds NaN or an infinity.
    #[error("{op}: {what} holds the non-finite value {value} at {at}")]
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
    #[error("{op}: {name} = {value} is not allowed: {reason}")]
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
    #[error("einsum: {reason} (character {ch:?} at position {position} of \"{spec}\")")]
    EinsumSpec {
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
    #[error("{file}:{line}: column '{column}': {reason}")]
    Csv {
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
    #[error("{op}: cannot access {path}: {source}")]
    Io {
        /// The operation that was called.
        op: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A computation produced NaN or infinity (e.g. training diverged); nothing was changed.
    #[error("{op}: {what} became non-finite at {at}; parameters were left unchanged")]
    Diverged {
        /// The operation that was called.
        op: &'static str,
        /// What became non-finite.
        what: String,
        /// Where (step, epoch, ...).
        at: String,
    },
    /// A symbol or node name that is not defined.
    #[error("{op}: unknown {kind} '{name}'{hint}")]
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
    #[error("{op}: {detail}")]
    Domain {
        /// The operation that was called.
        op: &'static str,
        /// Where and why, naming the node or expression.
        detail: String,
    },
    /// A graph that cannot be evaluated: a cycle, or an input nobody fed.
    #[error("{op}: {detail}")]
    Graph {
        /// The operation that was called.
        op: &'static str,
        /// What is wrong, naming the node.
        detail: String,
    },
    /// Drawing or encoding a figure failed.
    #[error("{op}: could not draw the figure: {detail}")]
    Render {
        /// The figure function that was called.
        op: &'static str,
        /// What the drawing library or encoder reported.
        detail: String,
    },
    /// The operation does not apply to this object, e.g. collapsing a network
    /// whose activations are not all the identity.
    #[error("{op}: {reason}")]
    Unsupported {
        /// The operation that was called.
        op: &'static str,
        /// Why it does not apply.
        reason: String,
    },
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
    fn non_finite_is_located() {
        let a = array![[1.0, 2.0], [f64::NAN, 4.0]];
        let err = check_finite("demo", "X", a.view()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("demo: X"), "{msg}");
        assert!(msg.contains("[1, 0]"), "{msg}");
    }
}
