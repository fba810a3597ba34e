//! Einstein summation and its loop nests (docs on [`einsum`]).

use ndarray::{ArrayBase, ArrayD, ArrayViewD, Data, Dimension, IxDyn};

use crate::error::{check_finite, check_finite_result, check_size, Error, Result};

/// Anything einsum can take as an operand: any `f64` array of any dimension.
pub trait EinsumOperand {
    /// A dynamic-dimensional view of the array.
    fn dyn_view(&self) -> ArrayViewD<'_, f64>;
}

impl<S: Data<Elem = f64>, D: Dimension> EinsumOperand for ArrayBase<S, D> {
    fn dyn_view(&self) -> ArrayViewD<'_, f64> {
        self.view().into_dyn()
    }
}

/// The letters of one term, each with its position in the subscript string.
type Term = Vec<(char, usize)>;

/// A parsed subscript string.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    /// Letters of each input term, with each letter's position in the spec.
    inputs: Vec<Vec<(char, usize)>>,
    /// Position of each input term's first character (for error messages).
    input_starts: Vec<usize>,
    /// Output letters.
    output: Vec<char>,
    /// Every distinct letter: output letters first, then summed ones by first use.
    order: Vec<char>,
}

impl Spec {
    /// Where letter `c` sits in `order`; every letter of a parsed term is there.
    fn slot(&self, c: char) -> usize {
        self.order.iter().position(|&x| x == c).unwrap_or(0)
    }
}

fn spec_err(op: &'static str, spec: &str, position: usize, reason: impl Into<String>) -> Error {
    Error::EinsumSpec {
        op,
        spec: spec.to_string(),
        position,
        ch: spec.chars().nth(position).unwrap_or(' '),
        reason: reason.into(),
    }
}

/// A subscript string read into its terms: the letters of each input term and
/// of the output (spelled out, or numpy's default), every letter in `order`.
fn parse(op: &'static str, spec: &str) -> Result<Spec> {
    let (inputs, input_starts, explicit) = split_terms(op, spec)?;
    // Letters in order of first use, and how often each is used by the inputs.
    let mut first_use: Vec<char> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for &(c, _) in inputs.iter().flatten() {
        match first_use.iter().position(|&x| x == c) {
            Some(k) => counts[k] += 1,
            None => {
                first_use.push(c);
                counts.push(1);
            }
        }
    }
    let output = match explicit {
        Some(out) => check_output(op, spec, &out, &first_use)?,
        // numpy's default: every letter used once, in alphabetical order.
        None => {
            let mut once: Vec<char> = (0..first_use.len())
                .filter(|&k| counts[k] == 1)
                .map(|k| first_use[k])
                .collect();
            once.sort_unstable();
            once
        }
    };
    let mut order = output.clone();
    order.extend(first_use.iter().filter(|c| !output.contains(c)));
    Ok(Spec {
        inputs,
        input_starts,
        output,
        order,
    })
}

/// Letters with their positions: one list per input term, where each term
/// starts, and the output term if `->` is there.
#[allow(clippy::type_complexity)]
fn split_terms(op: &'static str, spec: &str) -> Result<(Vec<Term>, Vec<usize>, Option<Term>)> {
    let chars: Vec<char> = spec.chars().collect();
    let mut inputs: Vec<Vec<(char, usize)>> = vec![Vec::new()];
    let mut input_starts = vec![0];
    let mut output: Option<Vec<(char, usize)>> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            'a'..='z' | 'A'..='Z' => match (&mut output, inputs.last_mut()) {
                (Some(out), _) => out.push((c, i)),
                (None, Some(term)) => term.push((c, i)),
                (None, None) => {}
            },
            ',' if output.is_some() => {
                return Err(spec_err(
                    op,
                    spec,
                    i,
                    "a comma after '->' (the output is a single term)",
                ))
            }
            ',' => {
                inputs.push(Vec::new());
                input_starts.push(i + 1);
            }
            '-' if chars.get(i + 1) != Some(&'>') => {
                return Err(spec_err(op, spec, i, "'-' must be followed by '>'"))
            }
            '-' if output.is_some() => return Err(spec_err(op, spec, i, "a second '->'")),
            '-' => {
                output = Some(Vec::new());
                i += 1;
            }
            '.' => return Err(spec_err(op, spec, i, "ellipsis ('...') is not supported")),
            '>' => return Err(spec_err(op, spec, i, "'>' without a '-' before it")),
            _ => {
                let why = "only letters a-z and A-Z, ',' and '->' may appear";
                return Err(spec_err(op, spec, i, why));
            }
        }
        i += 1;
    }
    Ok((inputs, input_starts, output))
}

/// An output term's letters: each once, each from some input.
fn check_output(
    op: &'static str,
    spec: &str,
    out: &[(char, usize)],
    first_use: &[char],
) -> Result<Vec<char>> {
    for (k, &(c, pos)) in out.iter().enumerate() {
        if out[..k].iter().any(|&(d, _)| d == c) {
            return Err(spec_err(
                op,
                spec,
                pos,
                format!("'{c}' appears twice in the output"),
            ));
        }
        if !first_use.contains(&c) {
            let why = format!("output letter '{c}' does not appear in any input");
            return Err(spec_err(op, spec, pos, why));
        }
    }
    Ok(out.iter().map(|&(c, _)| c).collect())
}

/// Einstein summation, numpy's `einsum` for `f64` arrays of any dimension
/// and any number of operands: `einsum("ijk,kl->ikl", &[&t, &v])`, and the
/// plain loops a subscript string stands for.
///
/// The rules are numpy's: each operand gets one letter per axis; a letter shared
/// by operands (or repeated in one, as in `ii`) walks those axes together; letters
/// in the output after `->` are kept, every other letter is summed over. Without
/// `->`, the output is every letter used exactly once, in alphabetical order
/// (`"ij,jk"` means `"ij,jk->ik"`, `"ii"` is the trace). Ellipses (`...`) are
/// not supported.
///
/// # Errors
/// [`Error::EinsumSpec`] naming the character and position when the subscript
/// string is malformed, has a different number of terms than there are operands,
/// gives an operand the wrong number of letters, or uses one letter for axes of
/// different lengths; [`Error::InvalidParameter`] if the output (or a copy of
/// an operand) would hold more than [`MAX_ELEMENTS`](crate::MAX_ELEMENTS)
/// numbers or the loops would run more than 2³⁰ times; [`Error::NonFinite`] on
/// NaN or infinity in an operand; [`Error::Diverged`] if the sums overflow.
///
/// ```
/// use backprop_lab::{tensor::{einsum, stack}, ndarray::{Array2, array}};
/// let t = stack(&[Array2::ones((3, 3)), Array2::ones((3, 3)) * 2.0])?;
/// let v = Array2::<f64>::ones((3, 1));
/// let r = einsum("ijk,kl->ikl", &[&t, &v])?;
/// assert_eq!(r.shape(), &[2, 3, 1]);
/// // Matrix product, trace and diagonal:
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// assert_eq!(einsum("ij,jk", &[&a, &a])?, array![[7.0, 10.0], [15.0, 22.0]].into_dyn());
/// assert_eq!(einsum("ii", &[&a])?.sum(), 5.0);
/// assert_eq!(einsum("ii->i", &[&a])?, array![1.0, 4.0].into_dyn());
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn einsum(spec: &str, operands: &[&dyn EinsumOperand]) -> Result<ArrayD<f64>> {
    const OP: &str = "einsum";
    let parsed = parse(OP, spec)?;
    let views: Vec<ArrayViewD<'_, f64>> = operands.iter().map(|o| o.dyn_view()).collect();
    let size = letter_sizes(OP, spec, &parsed, &views)?;
    let out_shape: Vec<usize> = size[..parsed.output.len()].to_vec();
    check_size(OP, "the output", &out_shape)?;
    check_work(OP, &size)?;
    for (t, v) in views.iter().enumerate() {
        // Each operand is copied below; a broadcast view holds few numbers in
        // memory but may stand for many more than a copy may hold.
        check_size(OP, &format!("a copy of operand {t}"), v.shape())?;
        check_finite(OP, &format!("operand {t}"), v.view())?;
    }
    let out = sum_products(&parsed, &views, &size, &out_shape);
    check_finite_result(OP, "the result", out.view())?;
    Ok(out)
}

/// The length of every letter, in `parsed.order`, checked for consistency
/// between the operands.
fn letter_sizes(
    op: &'static str,
    spec: &str,
    parsed: &Spec,
    views: &[ArrayViewD<'_, f64>],
) -> Result<Vec<usize>> {
    if parsed.inputs.len() != views.len() {
        let detail = format!(
            "{} input terms but {} operands",
            parsed.inputs.len(),
            views.len()
        );
        return Err(spec_err(op, spec, spec.chars().count(), detail));
    }
    let mut size: Vec<Option<usize>> = vec![None; parsed.order.len()];
    for (t, (term, view)) in parsed.inputs.iter().zip(views).enumerate() {
        if term.len() != view.ndim() {
            let detail = format!(
                "operand {t} has {} axes (shape {:?}) but its term has {} letters",
                view.ndim(),
                view.shape(),
                term.len()
            );
            return Err(spec_err(op, spec, parsed.input_starts[t], detail));
        }
        for (axis, &(c, pos)) in term.iter().enumerate() {
            let n = view.shape()[axis];
            let slot = &mut size[parsed.slot(c)];
            match *slot {
                Some(m) if m != n => {
                    let detail = format!("'{c}' is used for axes of lengths {m} and {n}");
                    return Err(spec_err(op, spec, pos, detail));
                }
                _ => *slot = Some(n),
            }
        }
    }
    // parse() puts only letters of the inputs in the order, so each has a size.
    Ok(size.into_iter().map(|s| s.unwrap_or(0)).collect())
}

/// Refuses loops that would run more than [`MAX_EINSUM_TERMS`] times.
fn check_work(op: &'static str, size: &[usize]) -> Result<()> {
    if size.contains(&0) {
        return Ok(());
    }
    let terms = size.iter().try_fold(1usize, |acc, &n| acc.checked_mul(n));
    if terms.is_none_or(|t| t > MAX_EINSUM_TERMS) {
        return Err(Error::InvalidParameter {
            op,
            name: "operands",
            value: format!("letter sizes {size:?}"),
            reason: format!(
                "the loops would run more than {MAX_EINSUM_TERMS} times (the product of every letter's size)"
            ),
        });
    }
    Ok(())
}

/// The loops themselves: for every combination of letter values, the product
/// of the operands' entries added to the output entry the kept letters name.
/// Letters are walked like an odometer, the last fastest; each operand keeps an
/// offset into a contiguous copy, moved by that letter's step (a letter used
/// twice in one term adds both strides: that walks the diagonal).
fn sum_products(
    parsed: &Spec,
    views: &[ArrayViewD<'_, f64>],
    size: &[usize],
    out_shape: &[usize],
) -> ArrayD<f64> {
    let mut out = ArrayD::<f64>::zeros(IxDyn(out_shape));
    if size.contains(&0) {
        return out;
    }
    let data: Vec<Vec<f64>> = views.iter().map(|v| v.iter().copied().collect()).collect();
    let steps: Vec<Vec<usize>> = parsed
        .inputs
        .iter()
        .zip(views)
        .map(|(term, v)| {
            let strides = row_major_strides(v.shape());
            let mut st = vec![0; parsed.order.len()];
            for (axis, &(c, _)) in term.iter().enumerate() {
                st[parsed.slot(c)] += strides[axis];
            }
            st
        })
        .collect();
    let out_strides = row_major_strides(out_shape);
    let out_data = out.as_slice_mut().expect("fresh array is contiguous");
    let mut idx = vec![0usize; size.len()];
    let mut offsets = vec![0usize; data.len()];
    let mut out_off = 0usize;
    loop {
        out_data[out_off] += data
            .iter()
            .zip(&offsets)
            .map(|(d, &o)| d[o])
            .product::<f64>();
        // Odometer step over all letters, last letter fastest.
        let mut k = size.len();
        loop {
            if k == 0 {
                return out;
            }
            k -= 1;
            idx[k] += 1;
            for (o, st) in offsets.iter_mut().zip(&steps) {
                *o += st[k];
            }
            if k < out_strides.len() {
                out_off += out_strides[k];
            }
            if idx[k] < size[k] {
                break;
            }
            for (o, st) in offsets.iter_mut().zip(&steps) {
                *o -= st[k] * size[k];
            }
            if k < out_strides.len() {
                out_off -= out_strides[k] * size[k];
            }
            idx[k] = 0;
        }
    }
}

/// The most terms one [`einsum`] call may add up: 2³⁰, a few seconds of loops.
const MAX_EINSUM_TERMS: usize = 1 << 30;

fn row_major_strides(shape: &[usize]) -> Vec<usize> {
    let mut strides = vec![1; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        strides[i] = strides[i + 1] * shape[i + 1];
    }
    strides
}

/// The nested `for` loops a subscript string stands for, as Rust source text that
/// compiles in a notebook once the operands `t0, t1, …` and the sizes `n_i, n_j, …`
/// are defined. Output letters are the outer loops, summed letters the inner ones.
///
/// # Errors
/// [`Error::EinsumSpec`] for a malformed string, as [`einsum`].
///
/// ```
/// use backprop_lab::tensor::einsum_loops;
/// let code = einsum_loops("ij,jk->ik")?;
/// assert!(code.contains("for j in 0..n_j {"));
/// assert!(code.contains("out[[i, k]] += t0[[i, j]] * t1[[j, k]];"));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn einsum_loops(spec: &str) -> Result<String> {
    let p = parse("einsum_loops", spec)?;
    let operands: Vec<String> = (0..p.inputs.len()).map(|t| format!("t{t}")).collect();
    let mut code = String::new();
    code.push_str(&format!(
        "// einsum(\"{spec}\", &[{}]) written out as loops.\n",
        operands
            .iter()
            .map(|o| format!("&{o}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let summed: Vec<char> = p.order[p.output.len()..].to_vec();
    if !summed.is_empty() {
        let list: Vec<String> = summed.iter().map(|c| c.to_string()).collect();
        code.push_str(&format!("// Summed over: {}.\n", list.join(", ")));
    }
    let sizes = |letters: &[char]| -> String {
        letters
            .iter()
            .map(|c| format!("n_{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let scalar = p.output.is_empty();
    if scalar {
        code.push_str("let mut out = 0.0_f64;\n");
    } else if p.output.len() == 1 {
        code.push_str(&format!(
            "let mut out = Array1::<f64>::zeros({});\n",
            sizes(&p.output)
        ));
    } else if p.output.len() <= 6 {
        code.push_str(&format!(
            "let mut out = Array::<f64, _>::zeros(({}));\n",
            sizes(&p.output)
        ));
    } else {
        code.push_str(&format!(
            "let mut out = ArrayD::<f64>::zeros(IxDyn(&[{}]));\n",
            sizes(&p.output)
        ));
    }
    for (depth, c) in p.order.iter().enumerate() {
        code.push_str(&"    ".repeat(depth));
        code.push_str(&format!("for {c} in 0..n_{c} {{\n"));
    }
    let index = |letters: &[char]| -> String {
        letters
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let factors: Vec<String> = p
        .inputs
        .iter()
        .zip(&operands)
        .map(|(term, name)| {
            let letters: Vec<char> = term.iter().map(|&(c, _)| c).collect();
            if letters.is_empty() {
                format!("{name}[[]]")
            } else {
                format!("{name}[[{}]]", index(&letters))
            }
        })
        .collect();
    let target = if scalar {
        "out".to_string()
    } else {
        format!("out[[{}]]", index(&p.output))
    };
    code.push_str(&"    ".repeat(p.order.len()));
    code.push_str(&format!("{target} += {};\n", factors.join(" * ")));
    for depth in (0..p.order.len()).rev() {
        code.push_str(&"    ".repeat(depth));
        code.push_str("}\n");
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array2, Array3};

    #[test]
    fn malformed_specs_name_character_and_position() {
        let a = Array2::<f64>::zeros((2, 2));
        let cases = [
            ("ij,j1", 4, '1'),
            ("ij-k", 2, '-'),
            ("ij->i>", 5, '>'),
            ("ij->ii", 5, 'i'),
            ("ij->q", 4, 'q'),
            ("i...", 1, '.'),
        ];
        for (spec, pos, ch) in cases {
            match einsum(spec, &[&a, &a]) {
                Err(Error::EinsumSpec {
                    position, ch: c, ..
                }) => {
                    assert_eq!((position, c), (pos, ch), "{spec}");
                }
                other => panic!("{spec}: expected a spec error, got {other:?}"),
            }
        }
    }

    #[test]
    fn operand_mismatches_are_reported() {
        let a = Array2::<f64>::zeros((2, 3));
        let err = einsum("ij,jk", &[&a]).unwrap_err().to_string();
        assert!(err.contains("2 input terms but 1 operands"), "{err}");
        let err = einsum("ijk", &[&a]).unwrap_err().to_string();
        assert!(err.contains("operand 0 has 2 axes"), "{err}");
        let err = einsum("ij,ij->", &[&a, &a.t()]).unwrap_err().to_string();
        assert!(
            err.contains("'i' is used for axes of lengths 2 and 3"),
            "{err}"
        );
    }

    #[test]
    fn walkthrough_stack_example() {
        // T stacks A=1, B=2, C=3, D=4 (all 3x3), v is ones (3,1); the walkthrough
        // prints T@v as [3,3,3], [6,...], [9,...], [12,...] and einsum as the same.
        let t = Array3::from_shape_fn((4, 3, 3), |(i, _, _)| (i + 1) as f64);
        let v = Array2::<f64>::ones((3, 1));
        let r = einsum("ijk,kl->ikl", &[&t, &v]).unwrap();
        assert_eq!(r.shape(), &[4, 3, 1]);
        for i in 0..4 {
            for k in 0..3 {
                assert_eq!(r[[i, k, 0]], 3.0 * (i + 1) as f64);
            }
        }
    }

    #[test]
    fn scalar_and_outer_products() {
        let x = array![1.0, 2.0, 3.0];
        assert_eq!(einsum("i,i->", &[&x, &x]).unwrap()[[]], 14.0);
        let outer = einsum("i,j", &[&x, &x]).unwrap();
        assert_eq!(outer[[1, 2]], 6.0);
        // Implicit output is alphabetical: "ba" transposes.
        let m = array![[1.0, 2.0], [3.0, 4.0]];
        assert_eq!(einsum("ba", &[&m]).unwrap(), m.t().to_owned().into_dyn());
    }

    #[test]
    fn loops_text_for_the_walkthrough_spec() {
        // Hand-written expectation of the loop nest for 'ijk,kl->ikl'.
        let want = "\
// einsum(\"ijk,kl->ikl\", &[&t0, &t1]) written out as loops.
// Summed over: j.
let mut out = Array::<f64, _>::zeros((n_i, n_k, n_l));
for i in 0..n_i {
    for k in 0..n_k {
        for l in 0..n_l {
            for j in 0..n_j {
                out[[i, k, l]] += t0[[i, j, k]] * t1[[k, l]];
            }
        }
    }
}
";
        assert_eq!(einsum_loops("ijk,kl->ikl").unwrap(), want);
        assert!(einsum_loops("ii")
            .unwrap()
            .contains("let mut out = 0.0_f64;"));
        assert!(einsum_loops("i-").is_err());
    }
}
