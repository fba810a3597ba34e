//! Reading data, writing files, and the seeded random numbers every lab uses.
//!
//! * [`read_csv_columns`] / [`parse_csv_columns`]: numeric columns by header name
//!   (the CS109 lab's `backprop.csv`).
//! * [`seeded_rng`], [`uniform`], [`normal`], [`permutation`]: all randomness in
//!   the crate comes from a [`SeededRng`], so every figure and number is
//!   reproducible to the byte.
//!
//! Files the crate writes (figures, the stand-in CSV) are written atomically: a
//! failed write leaves the old file as it was.

pub(crate) mod csv;
pub(crate) mod fsio;
pub(crate) mod random;

pub use csv::{parse_csv_columns, read_csv_columns};
pub use random::{normal, normal_scalar, permutation, seeded_rng, uniform, SeededRng};
