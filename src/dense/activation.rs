//! Activation functions `f` and their derivatives `f'`.

use ndarray::{Array, ArrayBase, Axis, Data, Dimension};

/// The logistic sigmoid `σ(z) = 1 / (1 + e^{-z})`.
///
/// Written so that it never overflows: for `z < 0`, `e^{-z}` could overflow
/// (`e^{1000}` is infinite), so it uses the equal form `e^{z} / (1 + e^{z})`,
/// multiplying top and bottom by `e^{z}`. So `sigmoid(-1000.0)` is `0.0`, not NaN.
///
/// ```
/// use backprop_lab::dense::sigmoid;
/// assert_eq!(sigmoid(0.0), 0.5);
/// assert_eq!(sigmoid(1000.0), 1.0);
/// assert_eq!(sigmoid(-1000.0), 0.0);
/// ```
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// The sigmoid's derivative, `σ'(z) = σ(z)(1 − σ(z))`.
///
/// ```
/// use backprop_lab::dense::sigmoid_prime;
/// assert_eq!(sigmoid_prime(0.0), 0.25);
/// assert_eq!(sigmoid_prime(-1000.0), 0.0);
/// ```
pub fn sigmoid_prime(z: f64) -> f64 {
    let s = sigmoid(z);
    s * (1.0 - s)
}

/// The activation functions the labs use. Each layer of a
/// [`Network`](crate::dense::Network) has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Activation {
    /// `σ(z) = 1/(1+e^{-z})`, `σ'(z) = σ(z)(1−σ(z))`.
    #[default]
    Sigmoid,
    /// The walkthrough's "linear" activation: `f(z) = z`, `f'(z) = 1`.
    Identity,
    /// `f(z) = sin z`, `f'(z) = cos z` (the CS109 exercise).
    Sin,
    /// `f(z) = tanh z`, `f'(z) = 1 − tanh² z`.
    Tanh,
    /// `f(z) = max(0, z)`, `f'(z) = 1` for `z > 0`, else `0` (we take 0 at the kink).
    Relu,
    /// Softmax over a layer's neurons: `a_j = e^{z_j} / Σ_k e^{z_k}`, so the
    /// outputs are positive and sum to 1. Unlike the others it is not
    /// element-wise: `∂a_j/∂z_k = a_j (δ_jk − a_k)`. A network takes it on its
    /// output layer only, paired with [`Cost::CrossEntropy`](crate::dense::Cost), where
    /// the whole Jacobian folds into `δᴸ = aᴸ − y` (see
    /// [`Network::set_output`](crate::dense::Network::set_output)).
    ///
    /// Applied to one number, softmax is a layer of one neuron: value 1,
    /// derivative 0. [`Activation::apply`] normalises along axis 0, the
    /// neurons of a `(k,)` vector or of a `(k, N)` batch.
    Softmax,
}

impl Activation {
    /// The activation's value `f(z)`.
    ///
    /// ```
    /// use backprop_lab::dense::Activation;
    /// assert_eq!(Activation::Relu.value(-2.0), 0.0);
    /// assert_eq!(Activation::Identity.value(-2.0), -2.0);
    /// ```
    pub fn value(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(z),
            Activation::Identity => z,
            Activation::Sin => z.sin(),
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.max(0.0),
            Activation::Softmax => 1.0,
        }
    }

    /// The derivative `f'(z)`, evaluated at the activity `z` (not at `f(z)`).
    ///
    /// ```
    /// use backprop_lab::dense::Activation;
    /// assert_eq!(Activation::Sigmoid.prime(0.0), 0.25);
    /// assert_eq!(Activation::Sin.prime(0.0), 1.0);
    /// assert_eq!(Activation::Tanh.prime(0.0), 1.0);
    /// ```
    pub fn prime(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid_prime(z),
            Activation::Identity => 1.0,
            Activation::Sin => z.cos(),
            Activation::Tanh => {
                let t = z.tanh();
                1.0 - t * t
            }
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Softmax => 0.0,
        }
    }

    /// `f'(z)` given both `z` and `a = f(z)`: from `a` where the derivative is a
    /// function of it (`σ' = a(1 − a)`, `tanh' = 1 − a²`), saving an
    /// exponential per entry; from `z` otherwise. For softmax it is the
    /// Jacobian's diagonal `∂a_j/∂z_j = a_j(1 − a_j)`.
    ///
    /// ```
    /// use backprop_lab::dense::{sigmoid, Activation};
    /// let a = sigmoid(0.3);
    /// assert_eq!(Activation::Sigmoid.prime_given(0.3, a), a * (1.0 - a));
    /// assert_eq!(Activation::Sin.prime_given(0.3, 0.3f64.sin()), 0.3f64.cos());
    /// ```
    #[inline]
    pub fn prime_given(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Sigmoid | Activation::Softmax => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            other => other.prime(z),
        }
    }

    /// `f` applied element-wise to an array of any dimension; softmax normalises
    /// along axis 0 (the neurons of a `(k,)` vector or of a `(k, N)` batch).
    ///
    /// ```
    /// use backprop_lab::{dense::Activation, ndarray::array};
    /// let a = Activation::Sigmoid.apply(&array![[0.0], [1000.0]]);
    /// assert_eq!(a, array![[0.5], [1.0]]);
    /// ```
    pub fn apply<S: Data<Elem = f64>, D: Dimension>(self, z: &ArrayBase<S, D>) -> Array<f64, D> {
        match self {
            Activation::Softmax => softmax_axis0(z),
            other => z.mapv(|v| other.value(v)),
        }
    }

    /// `f'` applied element-wise to an array of any dimension; for softmax, the
    /// Jacobian's diagonal `a_j(1 − a_j)` along axis 0.
    pub fn apply_prime<S: Data<Elem = f64>, D: Dimension>(
        self,
        z: &ArrayBase<S, D>,
    ) -> Array<f64, D> {
        match self {
            Activation::Softmax => self.apply(z).mapv(|a| a * (1.0 - a)),
            other => z.mapv(|v| other.prime(v)),
        }
    }

    /// Whether `f` acts on each entry alone (all but softmax).
    pub(crate) fn is_elementwise(self) -> bool {
        self != Activation::Softmax
    }

    /// The lower-case name used in tables and figures (`"sigmoid"`, `"identity"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Identity => "identity",
            Activation::Sin => "sin",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Softmax => "softmax",
        }
    }

    /// All element-wise activations, for loops and property tests (softmax,
    /// which acts on a whole layer, is not among them).
    pub const ALL: [Activation; 5] = [
        Activation::Sigmoid,
        Activation::Identity,
        Activation::Sin,
        Activation::Tanh,
        Activation::Relu,
    ];
}

/// Softmax along axis 0, for every lane of it (each column of a `(k, N)`
/// batch): `a_j = e^{z_j − max z} / Σ_k e^{z_k − max z}`. Subtracting the
/// largest `z` first changes nothing (it cancels) but keeps `e^{z}` from
/// overflowing.
fn softmax_axis0<S: Data<Elem = f64>, D: Dimension>(z: &ArrayBase<S, D>) -> Array<f64, D> {
    let mut a = z.to_owned();
    if a.ndim() == 0 {
        // One number is a layer of one neuron.
        a.fill(1.0);
        return a;
    }
    for mut lane in a.lanes_mut(Axis(0)) {
        let top = lane.fold(f64::NEG_INFINITY, |t, v| t.max(*v));
        lane.mapv_inplace(|v| (v - top).exp());
        let total = lane.sum();
        lane /= total;
    }
    a
}

impl std::fmt::Display for Activation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn sigmoid_is_stable_at_extremes() {
        for z in [-1000.0, -745.0, -50.0, 50.0, 745.0, 1000.0] {
            let s = sigmoid(z);
            assert!(
                s.is_finite() && (0.0..=1.0).contains(&s),
                "sigmoid({z}) = {s}"
            );
            assert!(sigmoid_prime(z).is_finite());
        }
        // Symmetry σ(−z) = 1 − σ(z), a hand identity.
        for z in [-3.0, -0.5, 0.25, 2.0] {
            assert_relative_eq!(sigmoid(-z), 1.0 - sigmoid(z), epsilon = 1e-15);
        }
    }

    #[test]
    fn softmax_normalises_each_column_and_survives_huge_z() {
        // Column 0: z = (0, ln 3) gives (1/4, 3/4) by hand; column 1 is shifted
        // by 1000, which softmax ignores (and a naive e^{1000} would overflow).
        let z = ndarray::array![[0.0, 1000.0], [3f64.ln(), 1000.0 + 3f64.ln()]];
        let a = Activation::Softmax.apply(&z);
        for e in 0..2 {
            assert_relative_eq!(a[[0, e]], 0.25, epsilon = 1e-12);
            assert_relative_eq!(a[[1, e]], 0.75, epsilon = 1e-12);
        }
        // A one-neuron layer: 1, with derivative 0.
        assert_eq!(Activation::Softmax.value(-7.0), 1.0);
        assert_eq!(Activation::Softmax.prime(-7.0), 0.0);
        // The Jacobian's diagonal, against a central difference of a_0 in z_0.
        let h = 1e-6;
        let at = |z0: f64| Activation::Softmax.apply(&ndarray::array![z0, 0.4, -1.0])[0];
        let numeric = (at(0.3 + h) - at(0.3 - h)) / (2.0 * h);
        let diag = Activation::Softmax.apply_prime(&ndarray::array![0.3, 0.4, -1.0])[0];
        assert_relative_eq!(diag, numeric, epsilon = 1e-9);
    }

    #[test]
    fn derivatives_match_central_differences() {
        let h = 1e-6;
        for act in Activation::ALL {
            for z in [-2.3, -0.7, 0.4, 1.9] {
                let numeric = (act.value(z + h) - act.value(z - h)) / (2.0 * h);
                assert_relative_eq!(act.prime(z), numeric, epsilon = 1e-8);
            }
        }
    }
}
