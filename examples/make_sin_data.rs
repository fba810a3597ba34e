//! Writes `notebooks/data/backprop.csv`, our stand-in for the CS109 exercise's
//! missing data file: `sin_chain_data(SIN_DATA_N, SIN_DATA_SEED)`.
//! Run with `cargo run --example make_sin_data`.

use backprop_lab::{
    sin_chain::{write_sin_chain_csv, SIN_DATA_N, SIN_DATA_SEED},
    Result,
};

fn main() -> Result<()> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/notebooks/data/backprop.csv");
    if let Some(dir) = std::path::Path::new(path).parent() {
        std::fs::create_dir_all(dir).map_err(|source| backprop_lab::Error::Io {
            op: "make_sin_data",
            path: dir.to_path_buf(),
            source,
        })?;
    }
    write_sin_chain_csv(path, SIN_DATA_N, SIN_DATA_SEED)?;
    println!("wrote {path}");
    Ok(())
}
