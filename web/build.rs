//! Tells the browser tests where the shared seeds are: `NIANBAO_SHARED/seeds`
//! when that variable is set, else `../shared/seeds` beside the repository.
//! (The tests run inside a browser and cannot read files; they embed the seeds
//! they use at compile time.)

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=NIANBAO_SHARED");
    let shared = match std::env::var_os("NIANBAO_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    };
    let corpus = shared.join("corpus");
    let corpus = corpus.canonicalize().unwrap_or(corpus);
    println!("cargo:rustc-env=NIANBAO_CORPUS_DIR={}", corpus.display());
    let seeds = shared.join("seeds");
    let seeds = seeds.canonicalize().unwrap_or(seeds);
    println!("cargo:rustc-env=NIANBAO_SEEDS_DIR={}", seeds.display());
}
