//! The speed machinery under every form: small matrix products as plain loops
//! and the vectorised sigmoid.
//!
//! Nothing here is lab material, and nothing here is public: the teaching code
//! above calls it so that a notebook's training run is fast. It depends on no
//! other module of the crate.

pub(crate) mod matmul;
pub(crate) mod sigmoid;
