//! Shared helpers for the cross-crate tests: where the seeds and fixtures are.

use std::path::PathBuf;

/// The repository's root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The shared seeds: `../shared/seeds` beside the repository (or `$NIANBAO_SHARED/seeds`).
pub fn seeds_dir() -> PathBuf {
    shared_dir().join("seeds")
}

pub fn shared_dir() -> PathBuf {
    match std::env::var_os("NIANBAO_SHARED") {
        Some(p) => PathBuf::from(p),
        None => repo_root()
            .parent()
            .expect("repo has a parent")
            .join("shared"),
    }
}

/// The five seeds, by their three-digit prefix (`"000"` … `"004"`).
pub fn seed(prefix: &str) -> (String, Vec<u8>) {
    let dir = seeds_dir();
    let entry = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix} in {}", dir.display()));
    let name = entry.file_name().to_string_lossy().into_owned();
    (name, std::fs::read(entry.path()).expect("seed readable"))
}

/// A fixture file of this repository (under `tests/fixtures`).
pub fn fixture(path: &str) -> Vec<u8> {
    let p = repo_root().join("tests/fixtures").join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}
