//! A test-only build of the app in which a panic can be caused on purpose
//! (the cargo feature `panic-trigger`: checking a file named
//! `__nianbao_panic_test__` panics in the core). The end-to-end test
//! `tests/e2e/panic.test.mjs` uses it to prove that the page survives a trap of
//! its wasm. It goes to target/dist-panic, never to dist/.

use crate::run::{run, Result, Steps, MINUTE};
use crate::setup::Env;
use std::fs;
use std::path::{Path, PathBuf};

pub const DIR: &str = "target/dist-panic";

/// The page trunk builds for this: index.html with the feature added, written
/// beside it (its paths are relative) and removed after the build.
const PAGE: &str = "index.panic-trigger.html";

pub fn build(steps: &mut Steps, env: &Env) -> Result<PathBuf> {
    let dist = env.root.join(DIR);
    steps.step(
        "app with panic-trigger (test only): trunk build → target/dist-panic/",
        || {
            let index = fs::read_to_string(env.root.join("index.html"))
                .map_err(|e| format!("index.html: {e}"))?;
            let wanted = r#"data-cargo-features="app""#;
            if !index.contains(wanted) {
                return Err(format!(
                    "index.html has no `{wanted}` to add panic-trigger to"
                ));
            }
            let page = env.root.join(PAGE);
            fs::write(
                &page,
                index.replace(wanted, r#"data-cargo-features="app,panic-trigger""#),
            )
            .map_err(|e| format!("{PAGE}: {e}"))?;
            let built = run(
                env.command("trunk")
                    .args(["build", "--release", "--dist"])
                    .arg(&dist)
                    .arg(&page),
                60 * MINUTE,
            );
            let _ = fs::remove_file(&page);
            let _ = fs::remove_file(dist.join(".trunk-lock"));
            built?;
            Ok(dist)
        },
    )
}

/// `cargo xtask panic-dist`: only this build (for running panic.test.mjs alone).
pub fn build_only(root: &Path) -> Result<()> {
    let mut steps = Steps::new();
    let needs = crate::setup::Needs {
        browser: false,
        e2e: false,
        fuzz: false,
    };
    let env = crate::install(&mut steps, root, needs)?;
    crate::fetch(&mut steps, &env)?;
    build(&mut steps, &env)?;
    crate::finish(steps)
}
