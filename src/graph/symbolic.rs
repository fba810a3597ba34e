//! Symbolic expressions and derivatives, the lab's SymPy part (docs on [`Expr`]).

use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::dense::activation::sigmoid;
use crate::error::{Error, Result};

/// A symbolic expression.
///
/// Symbolic expressions and derivatives — what the computation-graph lab does
/// with SymPy: build `J = a²`, ask for `∂J/∂a`, get `2 a`.
///
/// Expressions are built from [`sym`] and [`num`] with `+ - * /`, [`Expr::powi`],
/// and the functions `exp`, `ln`, `sin`, `cos`, `sigmoid`. [`Expr::diff`]
/// differentiates and simplifies, [`Expr::subs`] substitutes numbers,
/// [`Expr::eval`] evaluates, and the expression prints as plain text
/// (`Display`, e.g. `2*a`) or as LaTeX ([`Expr::to_latex`], e.g. `2 a`).
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Num(f64),
    /// A symbol, e.g. `w`.
    Sym(String),
    /// `a + b`
    Add(Operand, Operand),
    /// `a − b`
    Sub(Operand, Operand),
    /// `a · b`
    Mul(Operand, Operand),
    /// `a / b`
    Div(Operand, Operand),
    /// `a^n` for an integer `n`
    Pow(Operand, i32),
    /// `−a`
    Neg(Operand),
    /// `e^a`
    Exp(Operand),
    /// `ln a`
    Ln(Operand),
    /// `sin a`
    Sin(Operand),
    /// `cos a`
    Cos(Operand),
    /// `σ(a) = 1/(1+e^{-a})`
    Sigmoid(Operand),
    /// What an operation returns instead of an expression nested more than
    /// [`MAX_EXPR_DEPTH`] deep (the depth it would have had). Such an expression
    /// could not be printed, evaluated, differentiated or even freed without
    /// overflowing the stack; this stands in for it, prints as a note, and
    /// evaluating it is an error.
    TooDeep(usize),
}

/// The deepest an [`Expr`] may nest: operations that would build a deeper one
/// return [`Expr::TooDeep`] instead. The labs' expressions nest fewer than 20
/// deep; the derivative of an expression is at most about three times as deep.
pub const MAX_EXPR_DEPTH: usize = 2_000;

/// One operand of an [`Expr`] operation: the sub-expression, boxed, with its
/// nesting depth kept alongside so that the depth of a new expression is known
/// at once. Read it as an `Expr` through `*` (it dereferences to one); make one
/// from an `Expr` with `Operand::from` or `.into()`.
#[derive(Clone, PartialEq)]
pub struct Operand {
    expr: Box<Expr>,
    depth: usize,
}

impl Operand {
    /// The sub-expression, taken out of its box.
    pub fn into_expr(self) -> Expr {
        *self.expr
    }
}

impl From<Expr> for Operand {
    /// Wraps `e`, or [`Expr::TooDeep`] if `e` nests more than [`MAX_EXPR_DEPTH`] deep.
    fn from(e: Expr) -> Self {
        let depth = e.depth();
        if depth > MAX_EXPR_DEPTH {
            Operand {
                expr: Box::new(Expr::TooDeep(depth)),
                depth: 0,
            }
        } else {
            Operand {
                expr: Box::new(e),
                depth,
            }
        }
    }
}

impl std::ops::Deref for Operand {
    type Target = Expr;
    fn deref(&self) -> &Expr {
        &self.expr
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.expr, f)
    }
}

impl fmt::Debug for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expr.fmt(f)
    }
}

/// A symbol.
///
/// ```
/// use backprop_lab::graph::{sym, num};
/// let j = sym("a").powi(2);
/// assert_eq!(j.diff("a").to_string(), "2*a");
/// assert_eq!(j.diff("a").to_latex(), "2 a");
/// ```
pub fn sym(name: &str) -> Expr {
    Expr::Sym(name.to_string())
}

/// A number.
pub fn num(v: f64) -> Expr {
    Expr::Num(v)
}

fn b(e: Expr) -> Operand {
    Operand::from(e)
}

impl Expr {
    /// How deep the expression nests: 0 for a number or a symbol, one more than
    /// its deepest operand otherwise. Takes constant time.
    pub fn depth(&self) -> usize {
        self.operands()
            .iter()
            .flatten()
            .map(|o| 1 + o.depth)
            .max()
            .unwrap_or(0)
    }

    /// The operands of the outermost operation: none for a number, a symbol or
    /// a stand-in, one for a function or power, two for an arithmetic operation.
    fn operands(&self) -> [Option<&Operand>; 2] {
        match self {
            Expr::Num(_) | Expr::Sym(_) | Expr::TooDeep(_) => [None, None],
            Expr::Add(a, c) | Expr::Sub(a, c) | Expr::Mul(a, c) | Expr::Div(a, c) => {
                [Some(a), Some(c)]
            }
            Expr::Pow(a, _)
            | Expr::Neg(a)
            | Expr::Exp(a)
            | Expr::Ln(a)
            | Expr::Sin(a)
            | Expr::Cos(a)
            | Expr::Sigmoid(a) => [Some(a), None],
        }
    }

    /// `self^n`.
    pub fn powi(self, n: i32) -> Expr {
        Expr::Pow(b(self), n)
    }
    /// `e^self`.
    pub fn exp(self) -> Expr {
        Expr::Exp(b(self))
    }
    /// `ln self`.
    pub fn ln(self) -> Expr {
        Expr::Ln(b(self))
    }
    /// `sin self`.
    pub fn sin(self) -> Expr {
        Expr::Sin(b(self))
    }
    /// `cos self`.
    pub fn cos(self) -> Expr {
        Expr::Cos(b(self))
    }
    /// `σ(self)`.
    pub fn sigmoid(self) -> Expr {
        Expr::Sigmoid(b(self))
    }

    /// The number of parts (numbers, symbols, operations) in the expression.
    pub fn size(&self) -> usize {
        let mut n = 0;
        self.walk(&mut |_| n += 1);
        n
    }

    /// The symbols that appear, sorted and without repeats.
    pub fn symbols(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.visit_symbols(&mut |s| {
            if !out.iter().any(|o: &String| o == s) {
                out.push(s.to_string());
            }
        });
        out.sort();
        out
    }

    fn visit_symbols(&self, f: &mut dyn FnMut(&str)) {
        self.walk(&mut |e| {
            if let Expr::Sym(s) = e {
                f(s)
            }
        });
    }

    /// Calls `f` on every part of the expression, with an explicit stack rather
    /// than recursion, so the depth of the expression does not matter.
    fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        let mut todo = vec![self];
        while let Some(e) = todo.pop() {
            f(e);
            // Right operand first on the stack, so the left one is visited first.
            for o in e.operands().iter().rev().flatten() {
                todo.push(o);
            }
        }
    }

    /// True if `var` appears in the expression.
    pub fn depends_on(&self, var: &str) -> bool {
        let mut found = false;
        self.walk(&mut |e| match e {
            Expr::Sym(s) => found |= s == var,
            // Unknown contents: assume they do, so a derivative is never a silent 0.
            Expr::TooDeep(_) => found = true,
            _ => {}
        });
        found
    }

    /// The derivative with respect to the symbol `var`, simplified.
    ///
    /// Each rule is the textbook one: `(u+v)' = u'+v'`, `(uv)' = u'v + uv'`,
    /// `(u/v)' = (u'v − uv')/v²` (just `u'/v` when `v` is free of `var`),
    /// `(uⁿ)' = n uⁿ⁻¹ u'`, `(eᵘ)' = eᵘ u'`, `(ln u)' = u'/u`, `(sin u)' = cos u · u'`,
    /// `(cos u)' = −sin u · u'`, `σ(u)' = σ(u)(1 − σ(u)) u'`.
    ///
    /// ```
    /// use backprop_lab::graph::{sym, num};
    /// // The lab's SymPy results.
    /// assert_eq!((num(3.0) * sym("w") + num(2.0)).diff("w").to_string(), "3");
    /// assert_eq!((sym("d").powi(2) / num(2.0)).diff("d").to_string(), "d");
    /// assert_eq!((sym("w") * sym("x")).diff("w").to_string(), "x");
    /// assert_eq!((sym("c") + sym("b")).diff("c").to_string(), "1");
    /// ```
    pub fn diff(&self, var: &str) -> Expr {
        self.diff_raw(var).simplify()
    }

    fn diff_raw(&self, var: &str) -> Expr {
        if !self.depends_on(var) {
            return num(0.0);
        }
        let d = |e: &Expr| e.diff_raw(var);
        match self {
            Expr::TooDeep(_) => self.clone(),
            Expr::Num(_) => num(0.0),
            Expr::Sym(s) => num(if s == var { 1.0 } else { 0.0 }),
            Expr::Add(u, v) => d(u) + d(v),
            Expr::Sub(u, v) => d(u) - d(v),
            Expr::Mul(u, v) => d(u) * (**v).clone() + (**u).clone() * d(v),
            Expr::Div(u, v) => {
                if v.depends_on(var) {
                    (d(u) * (**v).clone() - (**u).clone() * d(v)) / (**v).clone().powi(2)
                } else {
                    d(u) / (**v).clone()
                }
            }
            Expr::Pow(u, n) => {
                // u^(n−1), written u^n / u when n − 1 does not fit an i32.
                let lower = match n.checked_sub(1) {
                    Some(m) => (**u).clone().powi(m),
                    None => self.clone() / (**u).clone(),
                };
                num(*n as f64) * lower * d(u)
            }
            Expr::Neg(u) => -d(u),
            Expr::Exp(u) => self.clone() * d(u),
            Expr::Ln(u) => d(u) / (**u).clone(),
            Expr::Sin(u) => (**u).clone().cos() * d(u),
            Expr::Cos(u) => -(**u).clone().sin() * d(u),
            Expr::Sigmoid(u) => self.clone() * (num(1.0) - self.clone()) * d(u),
        }
    }

    /// Replaces symbols by numbers and simplifies; symbols not listed stay.
    ///
    /// ```
    /// use backprop_lab::graph::sym;
    /// let e = sym("d") * sym("x");
    /// assert_eq!(e.subs(&[("x", 2.0)]).to_string(), "2*d");
    /// assert_eq!(e.subs(&[("x", 2.0), ("d", 3.0)]).to_string(), "6");
    /// ```
    pub fn subs(&self, values: &[(&str, f64)]) -> Expr {
        self.map_symbols(&|s| values.iter().find(|(n, _)| *n == s).map(|&(_, v)| num(v)))
            .simplify()
    }

    /// Renames symbols (`from → to` for each pair); others stay.
    pub fn rename(&self, names: &[(&str, &str)]) -> Expr {
        self.map_symbols(&|s| names.iter().find(|(n, _)| *n == s).map(|&(_, to)| sym(to)))
    }

    fn map_symbols(&self, f: &dyn Fn(&str) -> Option<Expr>) -> Expr {
        let m = |e: &Expr| b(e.map_symbols(f));
        match self {
            Expr::Num(_) | Expr::TooDeep(_) => self.clone(),
            Expr::Sym(s) => f(s).unwrap_or_else(|| self.clone()),
            Expr::Add(u, v) => Expr::Add(m(u), m(v)),
            Expr::Sub(u, v) => Expr::Sub(m(u), m(v)),
            Expr::Mul(u, v) => Expr::Mul(m(u), m(v)),
            Expr::Div(u, v) => Expr::Div(m(u), m(v)),
            Expr::Pow(u, n) => Expr::Pow(m(u), *n),
            Expr::Neg(u) => Expr::Neg(m(u)),
            Expr::Exp(u) => Expr::Exp(m(u)),
            Expr::Ln(u) => Expr::Ln(m(u)),
            Expr::Sin(u) => Expr::Sin(m(u)),
            Expr::Cos(u) => Expr::Cos(m(u)),
            Expr::Sigmoid(u) => Expr::Sigmoid(m(u)),
        }
    }

    /// The value with every symbol given in `values`.
    ///
    /// # Errors
    /// [`Error::Unknown`] for a symbol without a value; [`Error::Domain`] for a
    /// division by zero, the log of a number ≤ 0, or `0` to a negative power.
    ///
    /// ```
    /// use backprop_lab::graph::{sym, num};
    /// let j = (num(2.0) + num(3.0) * sym("w")).powi(2);
    /// assert_eq!(j.eval(&[("w", 3.0)])?, 121.0);
    /// assert!(j.eval(&[("x", 3.0)]).is_err());
    /// assert!((num(1.0) / sym("w")).eval(&[("w", 0.0)]).is_err());
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn eval(&self, values: &[(&str, f64)]) -> Result<f64> {
        self.eval_as("Expr::eval", &|s| {
            values.iter().find(|(n, _)| *n == s).map(|&(_, v)| v)
        })
    }

    /// [`Expr::eval`] with values looked up by a function.
    ///
    /// # Errors
    /// As [`Expr::eval`].
    pub fn eval_with(&self, lookup: &dyn Fn(&str) -> Option<f64>) -> Result<f64> {
        self.eval_as("Expr::eval_with", lookup)
    }

    /// [`Expr::eval_with`] for the public operation `op`, which its errors name.
    pub(crate) fn eval_as(
        &self,
        op: &'static str,
        lookup: &dyn Fn(&str) -> Option<f64>,
    ) -> Result<f64> {
        // A TooDeep stand-in reports itself when the evaluation reaches it.
        let value = self.eval_checked(op, lookup)?;
        if !value.is_finite() {
            return Err(Error::Diverged {
                op,
                what: format!("the value of {}", short(self)),
                at: format!("the given values ({value})"),
            });
        }
        Ok(value)
    }

    fn eval_checked(&self, op: &'static str, lookup: &dyn Fn(&str) -> Option<f64>) -> Result<f64> {
        let e = |x: &Expr| x.eval_checked(op, lookup);
        Ok(match self {
            Expr::TooDeep(d) => return Err(too_deep_err(op, *d)),
            Expr::Num(v) => {
                crate::error::check_finite_scalar(op, "a number in the expression", *v)?;
                *v
            }
            Expr::Sym(s) => {
                let v = lookup(s).ok_or_else(|| Error::Unknown {
                    op,
                    kind: "symbol",
                    name: s.clone(),
                    hint: String::new(),
                })?;
                crate::error::check_finite_scalar(op, s, v)?;
                v
            }
            Expr::Add(u, v) => e(u)? + e(v)?,
            Expr::Sub(u, v) => e(u)? - e(v)?,
            Expr::Mul(u, v) => e(u)? * e(v)?,
            Expr::Div(u, v) => {
                let den = e(v)?;
                if den == 0.0 {
                    return Err(Error::Domain {
                        op,
                        detail: format!("division by zero: {v} = 0 in {self}"),
                    });
                }
                e(u)? / den
            }
            Expr::Pow(u, n) => {
                let base = e(u)?;
                if base == 0.0 && *n < 0 {
                    return Err(Error::Domain {
                        op,
                        detail: format!("0 to the power {n} in {self}"),
                    });
                }
                base.powi(*n)
            }
            Expr::Neg(u) => -e(u)?,
            Expr::Exp(u) => e(u)?.exp(),
            Expr::Ln(u) => {
                let x = e(u)?;
                if x <= 0.0 {
                    return Err(Error::Domain {
                        op,
                        detail: format!("ln of {x} (≤ 0) in {self}"),
                    });
                }
                x.ln()
            }
            Expr::Sin(u) => e(u)?.sin(),
            Expr::Cos(u) => e(u)?.cos(),
            Expr::Sigmoid(u) => sigmoid(e(u)?),
        })
    }

    /// An equal, simpler expression: numbers folded, like terms and like factors
    /// collected, `x·1`, `x+0`, `x¹` removed, terms and factors in a fixed order
    /// (symbols alphabetically, numbers first in products and last in sums, as
    /// SymPy prints them).
    ///
    /// ```
    /// use backprop_lab::graph::{sym, num};
    /// let chain = num(3.0) * (num(2.0) * sym("a"));
    /// assert_eq!(chain.simplify().to_string(), "6*a");
    /// assert_eq!((sym("x") * sym("d")).simplify().to_latex(), "d x");
    /// ```
    pub fn simplify(&self) -> Expr {
        let mut cur = self.simplify_once();
        // A few passes reach a fixed point for the expressions the labs build.
        for _ in 0..4 {
            let next = cur.simplify_once();
            if next == cur {
                break;
            }
            cur = next;
        }
        cur
    }

    fn simplify_once(&self) -> Expr {
        match self {
            Expr::Num(_) | Expr::Sym(_) | Expr::TooDeep(_) => self.clone(),
            Expr::Add(..) | Expr::Sub(..) | Expr::Neg(_) => {
                let mut terms = Vec::new();
                collect_terms(self, 1.0, &mut terms);
                build_sum(terms)
            }
            Expr::Mul(..) | Expr::Div(..) | Expr::Pow(..) => {
                let mut coeff = 1.0;
                let mut factors = Vec::new();
                collect_factors(self, 1, &mut coeff, &mut factors)
                    .and_then(|()| build_product(coeff, factors))
                    .unwrap_or_else(|| self.clone())
            }
            Expr::Exp(u) => fold_fn(u, Expr::Exp, f64::exp),
            Expr::Ln(u) => match u.simplify_once() {
                Expr::Num(v) if v > 0.0 => num(v.ln()),
                Expr::Exp(inner) => inner.into_expr(),
                s => Expr::Ln(b(s)),
            },
            Expr::Sin(u) => fold_fn(u, Expr::Sin, f64::sin),
            Expr::Cos(u) => fold_fn(u, Expr::Cos, f64::cos),
            Expr::Sigmoid(u) => fold_fn(u, Expr::Sigmoid, sigmoid),
        }
    }

    /// The expression as LaTeX, in SymPy's style: `2 a`, `\frac{d^{2}}{2}`, `a - y`.
    pub fn to_latex(&self) -> String {
        render(self, true)
    }

    /// Shows the expression in a notebook cell as typeset LaTeX (the evcxr kernel
    /// calls this for a value left at the end of a cell).
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT text/latex\n$\\displaystyle {}$\nEVCXR_END_CONTENT",
            self.to_latex()
        );
    }
}

fn fold_fn(u: &Expr, wrap: fn(Operand) -> Expr, f: fn(f64) -> f64) -> Expr {
    // One pass on the operand (the caller repeats passes): simplifying it fully
    // here would repeat the passes at every level, exponentially in the depth.
    match u.simplify_once() {
        Expr::Num(v) => num(f(v)),
        s => wrap(b(s)),
    }
}

/// Flattens sums: `scale · e` as `(coefficient, rest)` terms; `rest = None` is a number.
fn collect_terms(e: &Expr, scale: f64, out: &mut Vec<(f64, Option<Expr>)>) {
    match e {
        Expr::Add(u, v) => {
            collect_terms(u, scale, out);
            collect_terms(v, scale, out);
        }
        Expr::Sub(u, v) => {
            collect_terms(u, scale, out);
            collect_terms(v, -scale, out);
        }
        Expr::Neg(u) => collect_terms(u, -scale, out),
        _ => {
            let s = e.simplify_once();
            match s {
                Expr::Num(v) => out.push((scale * v, None)),
                Expr::Add(..) | Expr::Sub(..) | Expr::Neg(_) => collect_terms(&s, scale, out),
                other => {
                    let (c, rest) = split_coeff(other);
                    out.push((scale * c, rest));
                }
            }
        }
    }
}

/// A simplified product `c · rest` split into `(c, rest)`.
fn split_coeff(e: Expr) -> (f64, Option<Expr>) {
    match e {
        Expr::Num(v) => (v, None),
        Expr::Mul(u, v) => match u.into_expr() {
            Expr::Num(c) => (c, Some(v.into_expr())),
            u => (1.0, Some(Expr::Mul(b(u), v))),
        },
        Expr::Div(u, v) => {
            if let Expr::Num(den) = *v {
                let (c, rest) = split_coeff(u.into_expr());
                (c / den, rest)
            } else {
                (1.0, Some(Expr::Div(u, v)))
            }
        }
        other => (1.0, Some(other)),
    }
}

fn build_sum(terms: Vec<(f64, Option<Expr>)>) -> Expr {
    let mut constant = 0.0;
    let mut like: BTreeMap<String, (f64, Expr)> = BTreeMap::new();
    for (c, rest) in terms {
        match rest {
            None => constant += c,
            Some(r) => {
                let key = r.to_string();
                like.entry(key).or_insert((0.0, r)).0 += c;
            }
        }
    }
    // Terms with positive coefficients first, so `y - s` does not print as `-s + y`.
    let mut terms: Vec<(f64, Expr)> = like.into_values().filter(|(c, _)| *c != 0.0).collect();
    terms.sort_by_key(|(c, _)| *c < 0.0);
    let terms_all_negative = !terms.is_empty() && terms.iter().all(|(c, _)| *c < 0.0);
    let mut parts: Vec<Expr> = terms.into_iter().map(|(c, r)| scale_expr(c, r)).collect();
    // Constants go last (`3 w + 2`), except before terms that are all negative,
    // so `1 - sigmoid(z)` does not print as `-sigmoid(z) + 1`.
    if constant != 0.0 && !parts.is_empty() && terms_all_negative {
        parts.insert(0, num(constant));
    } else if constant != 0.0 || parts.is_empty() {
        parts.push(num(constant));
    }
    let mut it = parts.into_iter();
    let first = it.next().expect("at least one part");
    it.fold(first, |acc, t| match t {
        Expr::Num(v) if v < 0.0 => Expr::Sub(b(acc), b(num(-v))),
        Expr::Neg(r) => Expr::Sub(b(acc), r),
        Expr::Mul(c, r) if matches!(*c, Expr::Num(v) if v < 0.0) => {
            let Expr::Num(v) = *c else { unreachable!() };
            Expr::Sub(b(acc), b(scale_expr(-v, r.into_expr())))
        }
        Expr::Div(u, d) if matches!(&*u, Expr::Mul(c, _) if matches!(**c, Expr::Num(v) if v < 0.0)) => {
            let Expr::Mul(c, r) = u.into_expr() else { unreachable!() };
            let Expr::Num(v) = *c else { unreachable!() };
            Expr::Sub(b(acc), b(Expr::Div(b(scale_expr(-v, r.into_expr())), d)))
        }
        t => Expr::Add(b(acc), b(t)),
    })
}

/// `c · r` in canonical form (a rational `c` becomes `p·r/q`).
fn scale_expr(c: f64, r: Expr) -> Expr {
    if c == 1.0 {
        return r;
    }
    if c == -1.0 {
        return Expr::Neg(b(r));
    }
    match small_fraction(c) {
        Some((p, q)) if q != 1 => {
            let top = if p == 1 {
                r
            } else {
                Expr::Mul(b(num(p as f64)), b(r))
            };
            Expr::Div(b(top), b(num(q as f64)))
        }
        _ => Expr::Mul(b(num(c)), b(r)),
    }
}

/// `c = p/q` with a small denominator, if it is one.
fn small_fraction(c: f64) -> Option<(i64, i64)> {
    if !c.is_finite() || c.fract() == 0.0 {
        return None;
    }
    for q in 2..=12i64 {
        let p = c * q as f64;
        if (p - p.round()).abs() < 1e-12 && p.abs() < 1e9 {
            return Some((p.round() as i64, q));
        }
    }
    None
}

/// Flattens products: factors `base^power`, numbers into `coeff`. `None` when an
/// exponent would overflow an `i32`; the product is then left as it is.
fn collect_factors(
    e: &Expr,
    power: i32,
    coeff: &mut f64,
    out: &mut Vec<(Expr, i32)>,
) -> Option<()> {
    match e {
        Expr::Mul(u, v) => {
            collect_factors(u, power, coeff, out)?;
            collect_factors(v, power, coeff, out)
        }
        Expr::Div(u, v) => {
            collect_factors(u, power, coeff, out)?;
            collect_factors(v, power.checked_neg()?, coeff, out)
        }
        Expr::Pow(u, n) => collect_factors(u, power.checked_mul(*n)?, coeff, out),
        _ => match e.simplify_once() {
            // 0 to a negative power stays unevaluated, so evaluating it reports
            // the division by zero instead of producing infinity.
            Expr::Num(v) if v == 0.0 && power < 0 => {
                out.push((num(0.0), power));
                Some(())
            }
            Expr::Num(v) => {
                *coeff *= v.powi(power);
                Some(())
            }
            s @ (Expr::Mul(..) | Expr::Div(..) | Expr::Pow(..)) => {
                collect_factors(&s, power, coeff, out)
            }
            Expr::Neg(u) => {
                *coeff *= (-1f64).powi(power);
                collect_factors(&u, power, coeff, out)
            }
            s => {
                // A simplified sum with a common numeric factor is left whole.
                out.push((s, power));
                Some(())
            }
        },
    }
}

fn build_product(coeff: f64, factors: Vec<(Expr, i32)>) -> Option<Expr> {
    if coeff == 0.0 {
        return Some(num(0.0));
    }
    let mut like: BTreeMap<String, (Expr, i32)> = BTreeMap::new();
    for (base, p) in factors {
        let entry = like.entry(base.to_string()).or_insert((base, 0));
        entry.1 = entry.1.checked_add(p)?;
    }
    let mut top: Vec<Expr> = Vec::new();
    let mut bottom: Vec<Expr> = Vec::new();
    for (base, p) in like.into_values() {
        match p.cmp(&0) {
            std::cmp::Ordering::Greater => {
                top.push(if p == 1 { base } else { Expr::Pow(b(base), p) })
            }
            std::cmp::Ordering::Less => bottom.push(if p == -1 {
                base
            } else {
                Expr::Pow(b(base), p.checked_neg()?)
            }),
            std::cmp::Ordering::Equal => {}
        }
    }
    let join = |v: Vec<Expr>| v.into_iter().reduce(|a, c| Expr::Mul(b(a), b(c)));
    let body = match (join(top), join(bottom)) {
        (None, None) => return Some(num(coeff)),
        (Some(t), None) => t,
        (t, Some(d)) => Expr::Div(b(t.unwrap_or(num(1.0))), b(d)),
    };
    Some(match body {
        Expr::Div(t, d) if !matches!(*t, Expr::Num(_)) && coeff != 1.0 => {
            Expr::Div(b(scale_top(coeff, t.into_expr())), d)
        }
        Expr::Div(t, d) if matches!(*t, Expr::Num(_)) => Expr::Div(b(num(coeff)), d),
        body => scale_expr(coeff, body),
    })
}

fn scale_top(c: f64, t: Expr) -> Expr {
    if c == 1.0 {
        t
    } else {
        Expr::Mul(b(num(c)), b(t))
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn too_deep_err(op: &'static str, depth: usize) -> Error {
    Error::InvalidParameter {
        op,
        name: "expression",
        value: format!("an expression {depth} deep"),
        reason: format!(
            "expressions may nest at most {MAX_EXPR_DEPTH} deep; an operation that would go deeper stands in Expr::TooDeep"
        ),
    }
}

/// The expression for a message, cut short if long.
fn short(e: &Expr) -> String {
    let s = e.to_string();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Precedence: sums 1, products 2, powers 3, atoms and calls 4.
fn prec(e: &Expr) -> u8 {
    match e {
        Expr::Add(..) | Expr::Sub(..) => 1,
        Expr::Neg(_) | Expr::Mul(..) | Expr::Div(..) => 2,
        Expr::Num(v) if *v < 0.0 => 1,
        Expr::Pow(..) => 3,
        _ => 4,
    }
}

fn render(e: &Expr, latex: bool) -> String {
    let wrap = |x: &Expr, min: u8| {
        let s = render(x, latex);
        if prec(x) < min {
            if latex {
                format!("\\left({s}\\right)")
            } else {
                format!("({s})")
            }
        } else {
            s
        }
    };
    let call = |name: &str, ltx: &str, x: &Expr| {
        if latex {
            format!("{ltx}{{\\left({}\\right)}}", render(x, true))
        } else {
            format!("{name}({})", render(x, false))
        }
    };
    match e {
        Expr::TooDeep(d) => {
            if latex {
                format!("\\langle\\text{{an expression {d} deep, over the limit of {MAX_EXPR_DEPTH}}}\\rangle")
            } else {
                format!("<an expression {d} deep, over the limit of {MAX_EXPR_DEPTH}>")
            }
        }
        Expr::Num(v) => fmt_num(*v),
        Expr::Sym(s) => s.clone(),
        Expr::Add(u, v) => format!("{} + {}", render(u, latex), wrap(v, 2)),
        Expr::Sub(u, v) => format!("{} - {}", render(u, latex), wrap(v, 2)),
        Expr::Mul(u, v) => {
            let sep = if latex { " " } else { "*" };
            format!("{}{sep}{}", wrap(u, 2), wrap(v, 3))
        }
        Expr::Div(u, v) => {
            if latex {
                format!("\\frac{{{}}}{{{}}}", render(u, true), render(v, true))
            } else {
                format!("{}/{}", wrap(u, 2), wrap(v, 3))
            }
        }
        Expr::Pow(u, n) => {
            if latex {
                format!("{}^{{{n}}}", wrap(u, 4))
            } else {
                format!("{}^{n}", wrap(u, 4))
            }
        }
        Expr::Neg(u) => format!("-{}", wrap(u, 3)),
        Expr::Exp(u) => {
            if latex {
                format!("e^{{{}}}", render(u, true))
            } else {
                format!("exp({})", render(u, false))
            }
        }
        Expr::Ln(u) => call("ln", "\\log", u),
        Expr::Sin(u) => call("sin", "\\sin", u),
        Expr::Cos(u) => call("cos", "\\cos", u),
        Expr::Sigmoid(u) => call("sigmoid", "\\sigma", u),
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(self, false))
    }
}

macro_rules! binop {
    ($tr:ident, $method:ident, $variant:ident) => {
        impl $tr for Expr {
            type Output = Expr;
            fn $method(self, rhs: Expr) -> Expr {
                Expr::$variant(b(self), b(rhs))
            }
        }
        impl $tr<f64> for Expr {
            type Output = Expr;
            fn $method(self, rhs: f64) -> Expr {
                Expr::$variant(b(self), b(num(rhs)))
            }
        }
        impl $tr<Expr> for f64 {
            type Output = Expr;
            fn $method(self, rhs: Expr) -> Expr {
                Expr::$variant(b(num(self)), b(rhs))
            }
        }
    };
}
binop!(Add, add, Add);
binop!(Sub, sub, Sub);
binop!(Mul, mul, Mul);
binop!(Div, div, Div);

impl Neg for Expr {
    type Output = Expr;
    fn neg(self) -> Expr {
        Expr::Neg(b(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_results_in_simple_form() {
        // The lab's SymPy outputs: d(a^2)/da = 2a; d(3w+2)/dw = 3; 3·2a = 6a;
        // d(d^2/2)/dd = d; d(a-y)/da = 1; d(c+b)/dc = d(c+b)/db = 1; d(wx)/dw = x.
        let a2 = sym("a").powi(2);
        assert_eq!(a2.to_latex(), "a^{2}");
        assert_eq!(a2.diff("a").to_latex(), "2 a");
        let lin = num(2.0) + num(3.0) * sym("w");
        assert_eq!(lin.simplify().to_latex(), "3 w + 2");
        assert_eq!(lin.diff("w").to_string(), "3");
        assert_eq!((lin.diff("w") * a2.diff("a")).simplify().to_latex(), "6 a");
        let j = sym("d").powi(2) / num(2.0);
        assert_eq!(j.simplify().to_latex(), "\\frac{d^{2}}{2}");
        assert_eq!(j.diff("d").to_latex(), "d");
        assert_eq!((sym("a") - sym("y")).simplify().to_latex(), "a - y");
        assert_eq!((sym("a") - sym("y")).diff("a").to_string(), "1");
        assert_eq!((sym("c") + sym("b")).simplify().to_latex(), "b + c");
        assert_eq!((sym("w") * sym("x")).diff("w").to_string(), "x");
        assert_eq!((sym("x") * sym("d")).simplify().to_latex(), "d x");
        // J = 9/2 after substituting d = 3, as SymPy prints.
        assert_eq!(j.subs(&[("d", 3.0)]).to_latex(), "4.5");
    }

    #[test]
    fn simplification_rules() {
        let x = sym("x");
        assert_eq!((x.clone() + x.clone()).simplify().to_string(), "2*x");
        assert_eq!((x.clone() - x.clone()).simplify().to_string(), "0");
        assert_eq!((x.clone() * x.clone()).simplify().to_string(), "x^2");
        assert_eq!((x.clone() / x.clone()).simplify().to_string(), "1");
        assert_eq!((num(0.0) * x.clone()).simplify().to_string(), "0");
        assert_eq!(
            (x.clone().powi(3) / x.clone()).simplify().to_string(),
            "x^2"
        );
        assert_eq!((num(1.0) / x.clone()).simplify().to_string(), "1/x");
        assert_eq!(x.clone().exp().ln().simplify().to_string(), "x");
        assert_eq!((-(-x.clone())).simplify().to_string(), "x");
    }

    #[test]
    fn derivatives_of_functions() {
        let x = sym("x");
        assert_eq!(x.clone().sin().diff("x").to_string(), "cos(x)");
        assert_eq!(x.clone().cos().diff("x").to_string(), "-sin(x)");
        assert_eq!(x.clone().exp().diff("x").to_string(), "exp(x)");
        assert_eq!(x.clone().ln().diff("x").to_string(), "1/x");
        let s = x.clone().sigmoid().diff("x");
        assert_eq!(s.eval(&[("x", 0.0)]).unwrap(), 0.25);
    }

    #[test]
    fn eval_errors_name_the_problem() {
        let err = (sym("a") + sym("q")).eval(&[("a", 1.0)]).unwrap_err();
        assert_eq!(err.to_string(), "Expr::eval: unknown symbol 'q'");
        let err = sym("x").ln().eval(&[("x", -1.0)]).unwrap_err();
        assert!(err.to_string().contains("ln of -1"), "{err}");
        let err = (num(1.0) / (sym("x") - num(2.0)))
            .eval(&[("x", 2.0)])
            .unwrap_err();
        assert!(err.to_string().contains("division by zero"), "{err}");
    }
}

#[cfg(test)]
mod depth_tests {
    use super::*;

    /// A chain as deep as allowed, built the way a learner's loop would.
    fn chain(depth: usize) -> Expr {
        let mut e = sym("x");
        for i in 0..depth {
            e = match i % 3 {
                0 => e + 1.0,
                1 => e * 0.5,
                _ => e.sigmoid(),
            };
        }
        e
    }

    #[test]
    fn the_deepest_allowed_expression_works_everywhere() {
        // Runs on a test thread (2 MiB of stack by default, less than a kernel's 8).
        let e = chain(MAX_EXPR_DEPTH);
        assert_eq!(e.depth(), MAX_EXPR_DEPTH);
        let v = e.eval(&[("x", 0.3)]).unwrap();
        assert!(v.is_finite());
        let d = e.diff("x");
        // The derivative is deeper than the limit allows, so parts of it stand in
        // TooDeep, and evaluating it says so instead of returning a wrong number.
        let msg = d.eval(&[("x", 0.3)]).unwrap_err().to_string();
        assert!(msg.contains("deep"), "{msg}");
        assert!(e.to_string().len() > MAX_EXPR_DEPTH);
        assert!(!e.to_latex().is_empty());
        let _ = e.simplify();
        let _ = e.subs(&[("x", 1.0)]);
        assert_eq!(e.clone(), e);
    }

    #[test]
    fn a_million_updates_never_nest_past_the_limit() {
        let e = chain(1_000_000);
        assert!(e.depth() <= MAX_EXPR_DEPTH + 1);
        let msg = e.eval(&[("x", 0.3)]).unwrap_err().to_string();
        assert!(msg.contains("at most 2000 deep"), "{msg}");
        assert!(e.to_string().contains("over the limit"));
        // Dropping it is the other half of the test: no stack overflow.
        drop(e);
    }

    #[test]
    fn nested_functions_simplify_in_polynomial_time() {
        // 5 passes at every level used to make this 5^40 steps.
        let mut e = sym("x");
        for _ in 0..40 {
            e = e.exp().sin().ln().cos();
        }
        let s = e.simplify();
        assert!(s.depth() <= e.depth());
        let _ = e.diff("x");
    }

    #[test]
    fn non_finite_numbers_and_overflow_are_errors() {
        assert!(num(f64::NAN).eval(&[]).is_err());
        assert!((sym("x") * 2.0).eval(&[("x", f64::INFINITY)]).is_err());
        let big = (sym("x") * sym("x")).eval(&[("x", 1e200)]).unwrap_err();
        assert!(big.to_string().contains("non-finite"), "{big}");
    }
}
