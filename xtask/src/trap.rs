//! A test-only build of the app in which a panic can be caused on purpose
//! (the cargo feature `panic-trigger`: checking a file named
//! `__nianbao_panic_test__` panics in the core). The end-to-end test
//! `tests/e2e/panic.test.mjs` uses it to prove that the page survives a trap of
//! its checker's wasm. The feature is given to the checker alone (the app's
//! wasm reads nothing). It goes to target/dist-panic, never to dist/.

use crate::run::{Result, Steps};
use crate::setup::Env;
use std::fs;
use std::path::{Path, PathBuf};

pub const DIR: &str = "target/dist-panic";

/// Where the checker with panic-trigger is built.
const CHECKER: &str = "target/checker-panic";

/// The page of dist/ (built before) copied to target/dist-panic, with the
/// checker built with panic-trigger in place of its own: only the checker
/// reads and checks, so only it needs the feature.
pub fn build(steps: &mut Steps, env: &Env) -> Result<PathBuf> {
    let dist = env.root.join(DIR);
    crate::build_checker(steps, env, CHECKER, "panic-trigger")?;
    steps.step("the page of dist/ → target/dist-panic/", || {
        let _ = fs::remove_dir_all(&dist);
        copy_dir(&env.root.join("dist"), &dist)
    })?;
    crate::pack_into(steps, env, DIR, CHECKER)?;
    Ok(dist)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// `cargo xtask panic-dist`: only this build (for running panic.test.mjs alone).
pub fn build_only(root: &Path) -> Result<()> {
    let mut steps = Steps::new();
    let needs = crate::setup::Needs {
        browser: false,
        e2e: false,
        fuzz: false,
        other_browsers: false,
    };
    let env = crate::install(&mut steps, root, needs)?;
    crate::fetch(&mut steps, &env)?;
    crate::build_app(&mut steps, &env)?;
    crate::build_checker(&mut steps, &env, crate::CHECKER_DIR, "")?;
    crate::pack(&mut steps, &env)?;
    build(&mut steps, &env)?;
    crate::finish(steps)
}
