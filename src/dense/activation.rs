//! Activation functions `f` and their derivatives `f'`.

use ndarray::{Array, ArrayBase, Data, Dimension};

use crate::engine::sigmoid::{sigmoid, sigmoid_prime, sigmoid_slice};

/// The activation functions the labs use. Each layer of a
/// [`Network`](crate::Network) has one.
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
}

impl Activation {
    /// The activation's value `f(z)`.
    ///
    /// ```
    /// use backprop_lab::Activation;
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
        }
    }

    /// The derivative `f'(z)`, evaluated at the activity `z` (not at `f(z)`).
    ///
    /// ```
    /// use backprop_lab::Activation;
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
        }
    }

    /// `f'(z)` given both `z` and `a = f(z)`: from `a` where the derivative is a
    /// function of it (`σ' = a(1 − a)`, `tanh' = 1 − a²`), saving an
    /// exponential per entry; from `z` otherwise.
    ///
    /// ```
    /// use backprop_lab::{sigmoid, Activation};
    /// let a = sigmoid(0.3);
    /// assert_eq!(Activation::Sigmoid.prime_given(0.3, a), a * (1.0 - a));
    /// assert_eq!(Activation::Sin.prime_given(0.3, 0.3f64.sin()), 0.3f64.cos());
    /// ```
    #[inline]
    pub fn prime_given(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            other => other.prime(z),
        }
    }

    /// `f` applied element-wise to an array of any dimension.
    ///
    /// ```
    /// use backprop_lab::{Activation, ndarray::array};
    /// let a = Activation::Sigmoid.apply(&array![[0.0], [1000.0]]);
    /// assert_eq!(a, array![[0.5], [1.0]]);
    /// ```
    pub fn apply<S: Data<Elem = f64>, D: Dimension>(self, z: &ArrayBase<S, D>) -> Array<f64, D> {
        match z.as_slice() {
            Some(zs) => {
                let mut a = Array::zeros(z.raw_dim());
                let out = a.as_slice_mut().expect("a new array is in standard layout");
                self.apply_slice(zs, out);
                a
            }
            // `value` runs the same sigmoid, one entry at a time.
            None => z.mapv(|v| self.value(v)),
        }
    }

    /// `a = f(z)` entry by entry on slices of equal length, with the match outside
    /// the loop: the whole-layer step every forward pass runs.
    pub(crate) fn apply_slice(self, z: &[f64], a: &mut [f64]) {
        match self {
            Activation::Sigmoid => sigmoid_slice(z, a),
            other => {
                for (o, v) in a.iter_mut().zip(z) {
                    *o = other.value(*v);
                }
            }
        }
    }

    /// `f'` applied element-wise to an array of any dimension.
    pub fn apply_prime<S: Data<Elem = f64>, D: Dimension>(
        self,
        z: &ArrayBase<S, D>,
    ) -> Array<f64, D> {
        z.mapv(|v| self.prime(v))
    }

    /// The lower-case name used in tables and figures (`"sigmoid"`, `"identity"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Identity => "identity",
            Activation::Sin => "sin",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
        }
    }

    /// All activations, for loops and property tests.
    pub const ALL: [Activation; 5] = [
        Activation::Sigmoid,
        Activation::Identity,
        Activation::Sin,
        Activation::Tanh,
        Activation::Relu,
    ];
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
