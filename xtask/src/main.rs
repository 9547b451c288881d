//! `cargo xtask`: build, serve and test nianbao, installing what is missing.
//!
//! Dependency-free on purpose (std only), so that it compiles in seconds.

mod bench;
mod budget;
mod fuzz;
mod run;
mod setup;
mod trap;

use run::{run, Result, Steps, MINUTE};
use setup::{setup, Env, Needs, CHROMEDRIVER, CHROMIUM};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use std::{env, fs};

const USAGE: &str = "\
cargo xtask — build, serve and test nianbao

USAGE:
    cargo xtask serve [--port N] [--no-build]
        Build the app into dist/ and serve it at http://127.0.0.1:8080 (loopback only).
    cargo xtask test
        Install what is missing, then run every test: cargo test --workspace (core,
        CLI, cross-crate tests, the web crate's logic, xtask; with pdftotext and
        LibreOffice), a short fuzz smoke run of every fuzz target,
        the wasm-bindgen tests in headless Chromium, the end-to-end tests
        (Playwright) against a fresh dist/, and the page in Firefox and
        WebKitGTK (WebDriver).
    cargo xtask dist
        Build everything shipped into dist/: the app (dist/index.html), the
        JavaScript module (dist/pkg/nianbao.js with its .wasm and .d.ts), the
        widget loader (dist/nianbao-embed.js) and the single-file offline page
        (dist/nianbao-offline.html).
    cargo xtask bench [--iterations N] [--runs R]
        Time the same files natively and in headless Chromium (JS module,
        dist/bench.html; N timed checks of each file, 200 unless given; the
        two sides take turns R times, 3 unless given, and each counts its
        best run), then
        give the page 1,000 of them at once (its web workers, frame gaps, long
        tasks); writes the tables to target/bench.md.
    cargo xtask budget
        Check the page's download in dist/ (gzip) against xtask/budget.txt.
    cargo xtask setup
        Only install what is missing (system packages, pinned tools).

Each command first installs whatever is missing and skips what is there.";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = repo_root();
    let rest = args.get(1..).unwrap_or(&[]);
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&root, rest),
        Some("test") => test(&root),
        Some("dist") => dist(&root),
        Some("setup") => setup_only(&root),
        Some("bench") => bench::bench(&root, rest),
        Some("budget") => budget::check(&root),
        Some("panic-dist") => trap::build_only(&root),
        Some("fuzz-smoke") => fuzz::smoke_only(&root),
        None | Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn repo_root() -> PathBuf {
    let xtask = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().map(Path::to_path_buf).unwrap_or(xtask)
}

/// Steps done at the end of a command: print the times, fail if any failed.
fn finish(steps: Steps) -> Result<()> {
    steps.print_summary();
    let failed = steps.failed();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed: {}", failed.join("; ")))
    }
}

fn install(steps: &mut Steps, root: &Path, needs: Needs) -> Result<Env> {
    let env = steps.step("install what is missing", || setup(root, needs))?;
    println!("building {}", env.describe());
    Ok(env)
}

fn setup_only(root: &Path) -> Result<()> {
    let mut steps = Steps::new();
    let _ = install(
        &mut steps,
        root,
        Needs {
            browser: true,
            e2e: true,
            fuzz: true,
            other_browsers: true,
        },
    );
    finish(steps)
}

/// Download every crate the build needs (trunk builds offline).
fn fetch(steps: &mut Steps, env: &Env) -> Result<()> {
    steps.step("cargo fetch", || {
        run(env.native_cargo().arg("fetch"), 15 * MINUTE)?;
        if let setup::Wasm::System { .. } = env.wasm {
            // The standard library's own dependencies, for building it from source.
            run(
                env.wasm_cargo()
                    .args(["fetch", "--target", setup::WASM_TARGET]),
                15 * MINUTE,
            )?;
        }
        Ok(())
    })
}

/// The app: trunk builds web/ (profile `wasm`: opt-level z) into dist/, runs
/// wasm-bindgen and `wasm-opt -Oz`, and hashes the file names.
fn build_app(steps: &mut Steps, env: &Env) -> Result<()> {
    let inputs = [
        "core",
        "web",
        "www",
        "index.html",
        "Trunk.toml",
        "Cargo.toml",
        "Cargo.lock",
    ];
    if up_to_date(&env.root, "dist/index.html", &inputs) {
        println!("\n==> app: dist/ is newer than its sources; not rebuilt");
        return Ok(());
    }
    // trunk replaces dist/ as a whole: the module must be built again after it.
    let _ = fs::remove_dir_all(env.root.join("dist/pkg"));
    steps.step("app: trunk build --release → dist/", || {
        run(
            env.command("trunk").args(["build", "--release"]),
            60 * MINUTE,
        )?;
        // trunk's lock on dist/ is of no use to what is shipped.
        let _ = fs::remove_file(env.root.join("dist/.trunk-lock"));
        Ok(())
    })
}

/// Where the page's checker is built (xtask/pack.mjs copies it into dist/
/// under content-hashed names).
pub const CHECKER_DIR: &str = "target/checker";

/// The page's checker (web/src/checker.rs): the web crate with the feature
/// `checker` alone and the page's profile (`wasm`: opt-level z), then
/// wasm-bindgen (`--target web`) and `wasm-opt -Oz` with the arguments trunk
/// gives the app's wasm (index.html). `features` adds test-only features.
pub fn build_checker(steps: &mut Steps, env: &Env, out: &str, features: &str) -> Result<()> {
    build_part(steps, env, out, "checker", features, "nianbao-checker")
}

/// Where the page's workspace part is built (xtask/pack.mjs copies it too).
pub const WORKSPACE_DIR: &str = "target/workspace";

/// The page's workspace part (web/src/workspace.rs), built as the checker is,
/// with the feature `workspace` alone.
pub fn build_workspace(steps: &mut Steps, env: &Env) -> Result<()> {
    build_part(
        steps,
        env,
        WORKSPACE_DIR,
        "workspace",
        "",
        "nianbao-workspace",
    )
}

/// A wasm of the page other than the app: the web crate with the feature
/// `part` (and `features`), written as `{out}/{name}.js` and `…_bg.wasm`.
fn build_part(
    steps: &mut Steps,
    env: &Env,
    out: &str,
    part: &str,
    features: &str,
    name: &str,
) -> Result<()> {
    let inputs = ["core", "web", "Cargo.toml", "Cargo.lock"];
    let wasm = format!("{out}/{name}_bg.wasm");
    if features.is_empty() && up_to_date(&env.root, &wasm, &inputs) {
        println!("\n==> {part}: {out}/ is newer than its sources; not rebuilt");
        return Ok(());
    }
    let features = if features.is_empty() {
        part.to_string()
    } else {
        format!("{part},{features}")
    };
    steps.step(
        &format!("{part}: cargo build --features {features}, wasm-bindgen, wasm-opt → {out}/"),
        || {
            run(
                env.wasm_cargo().args([
                    "build",
                    "--offline",
                    "-p",
                    "nianbao-web",
                    "--lib",
                    "--target",
                    setup::WASM_TARGET,
                    "--profile",
                    "wasm",
                    "--no-default-features",
                    "--features",
                    &features,
                ]),
                60 * MINUTE,
            )?;
            let target = target_dir(&env.root);
            let built = target
                .join(setup::WASM_TARGET)
                .join("wasm/nianbao_web.wasm");
            let dir = env.root.join(out);
            let _ = fs::remove_dir_all(&dir);
            run(
                env.command("wasm-bindgen")
                    .args([
                        "--target",
                        "web",
                        "--no-typescript",
                        "--out-name",
                        name,
                        "--out-dir",
                    ])
                    .arg(&dir)
                    .arg(&built),
                10 * MINUTE,
            )?;
            let wasm = dir.join(format!("{name}_bg.wasm"));
            run(
                env.command("wasm-opt")
                    .args([
                        "-Oz",
                        "--converge",
                        "--strip-producers",
                        "--strip-target-features",
                        "-o",
                    ])
                    .arg(&wasm)
                    .arg(&wasm),
                20 * MINUTE,
            )
        },
    )
}

/// The embeddable JavaScript module: the API alone (no Yew), for `<script type=module>`.
fn build_pkg(steps: &mut Steps, env: &Env) -> Result<()> {
    let inputs = ["core", "web", "Cargo.toml", "Cargo.lock"];
    if up_to_date(&env.root, "dist/pkg/nianbao_bg.wasm", &inputs) {
        println!("\n==> JS module: dist/pkg/ is newer than its sources; not rebuilt");
        return Ok(());
    }
    steps.step(
        "JS module: wasm-pack build --target web → dist/pkg/",
        || {
            let mut cmd = env.command("wasm-pack");
            cmd.args([
                "build",
                "web",
                "--target",
                "web",
                "--out-dir",
                "../dist/pkg",
                "--out-name",
                "nianbao",
                "--profile",
                "wasm-module",
                "--mode",
                "force",
                "--no-gitignore",
                "--",
                "--no-default-features",
                // The API with the core's GB18030 table (the page goes
                // without it and uses the browser's TextDecoder).
                "--features",
                "api",
            ]);
            run(&mut cmd, 60 * MINUTE)
        },
    )
}

/// The widget loader, the offline page, the service worker and the module's
/// extras, made from what trunk and wasm-pack built (xtask/pack.mjs).
fn pack(steps: &mut Steps, env: &Env) -> Result<()> {
    pack_into(steps, env, "dist", CHECKER_DIR)
}

/// xtask/pack.mjs on the page built in `dist` with the checker built in `checker`.
pub fn pack_into(steps: &mut Steps, env: &Env, dist: &str, checker: &str) -> Result<()> {
    steps.step(
        &format!("checker, embed, offline page, service worker: node xtask/pack.mjs {dist}"),
        || {
            let mut cmd = env.command("node");
            cmd.arg(env.root.join("xtask/pack.mjs"))
                .arg(env.root.join(dist))
                .arg(env.root.join(checker));
            run(&mut cmd, 5 * MINUTE)
        },
    )
}

/// The whole of dist/, as `cargo xtask dist` and `cargo xtask test` build
/// it: the app, its checker and workspace part, the JavaScript module, then
/// the pack step and the benchmark page.
fn build_dist(steps: &mut Steps, env: &Env) -> Result<()> {
    build_app(steps, env)?;
    build_checker(steps, env, CHECKER_DIR, "")?;
    build_workspace(steps, env)?;
    build_pkg(steps, env)?;
    pack(steps, env)?;
    bench::copy_page(&env.root)
}

fn dist(root: &Path) -> Result<()> {
    let mut steps = Steps::new();
    let built = (|| {
        let env = install(
            &mut steps,
            root,
            Needs {
                browser: false,
                e2e: false,
                fuzz: false,
                other_browsers: false,
            },
        )?;
        fetch(&mut steps, &env)?;
        build_dist(&mut steps, &env)
    })();
    if built.is_ok() {
        print_sizes(&root.join("dist"));
    }
    finish(steps)
}

fn serve(root: &Path, args: &[String]) -> Result<()> {
    let mut port = 8080u16;
    let mut build = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => {
                port = it
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port wants a number")?
            }
            "--no-build" => build = false,
            other => return Err(format!("serve: unknown option `{other}`")),
        }
    }
    let mut steps = Steps::new();
    let env = install(
        &mut steps,
        root,
        Needs {
            browser: false,
            e2e: false,
            fuzz: false,
            other_browsers: false,
        },
    )?;
    if build {
        fetch(&mut steps, &env)?;
        build_app(&mut steps, &env)?;
        build_checker(&mut steps, &env, CHECKER_DIR, "")?;
        build_workspace(&mut steps, &env)?;
        pack(&mut steps, &env)?;
        steps.print_summary();
    }
    if !root.join("dist/index.html").exists() {
        return Err("dist/index.html is missing: run without --no-build".into());
    }
    println!("\nnianbao is served at http://127.0.0.1:{port}/  (loopback only; Ctrl-C stops)");
    let mut node = env.command("node");
    node.arg("tests/e2e/serve.mjs")
        .arg("dist")
        .arg(port.to_string());
    run(&mut node, Duration::MAX)
}

fn test(root: &Path) -> Result<()> {
    let mut steps = Steps::new();
    let Ok(env) = install(
        &mut steps,
        root,
        Needs {
            browser: true,
            e2e: true,
            fuzz: true,
            other_browsers: true,
        },
    ) else {
        return finish(steps);
    };
    let fetched = fetch(&mut steps, &env);

    let native = steps.step("native tests: cargo test --workspace", || {
        run(
            env.native_cargo()
                .args(["test", "--workspace"])
                // pdftotext and LibreOffice were installed above: the tests
                // that compare with them must not pass without them.
                .env("NIANBAO_EXTERNAL_TOOLS", "1"),
            60 * MINUTE,
        )
    });
    let _ = fuzz::smoke(&mut steps, &env);

    let built = fetched.and_then(|_| build_dist(&mut steps, &env));
    if built.is_ok() {
        print_sizes(&root.join("dist"));
        let _ = steps.step("size budget of the page (xtask/budget.txt)", || {
            budget::check(root)
        });
    }
    let panic_dist = built
        .as_ref()
        .ok()
        .and_then(|_| trap::build(&mut steps, &env).ok());

    let _ = steps.step(
        "browser tests: wasm-pack test --headless --chrome web",
        || {
            let mut cmd = env.command("wasm-pack");
            cmd.args([
                "test",
                "--headless",
                "--chrome",
                "--chromedriver",
                CHROMEDRIVER,
                "--mode",
                "no-install",
                "web",
            ])
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env(
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                root.join("web/webdriver.json"),
            );
            run(&mut cmd, 60 * MINUTE)
        },
    );

    let cli = native
        .ok()
        .map(|_| {
            target_dir(root)
                .join("debug")
                .join(format!("nianbao{}", env::consts::EXE_SUFFIX))
        })
        .filter(|p| p.is_file());
    if built.is_ok() {
        let _ = steps.step("end-to-end tests: node --test tests/e2e", || {
            let dir = root.join("tests/e2e");
            let mut files: Vec<String> = fs::read_dir(&dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".test.mjs"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err("no tests/e2e/*.test.mjs".into());
            }
            let mut cmd = env.command("node");
            cmd.current_dir(&dir)
                .arg("--test")
                // A test that hangs fails by its name, and the others still run.
                .arg("--test-timeout=240000")
                .args(&files)
                .env("NIANBAO_DIST", root.join("dist"))
                .env(
                    "NIANBAO_PANIC_DIST",
                    panic_dist.as_deref().unwrap_or(Path::new("")),
                )
                // The native cargo, for the command line's JSON (the PATH may
                // start with the wasm wrapper).
                .env("NIANBAO_CARGO", &env.cargo)
                // The command line the native tests just built and ran (a
                // `cargo run` of it alone would build it again with other
                // features: some 45 s).
                .env("NIANBAO_CLI", cli.as_deref().unwrap_or(Path::new("")))
                .env("CHROMIUM", CHROMIUM);
            run(&mut cmd, 15 * MINUTE)
        });
        let _ = steps.step(
            "other browsers: Firefox and WebKitGTK through WebDriver (tests/e2e/browsers.mjs)",
            || {
                let mut cmd = env.command("node");
                cmd.current_dir(root.join("tests/e2e"))
                    .args(["--test", "browsers.mjs"])
                    .env("NIANBAO_DIST", root.join("dist"));
                if let Some(gecko) = setup::find("geckodriver", &env.path) {
                    cmd.env("GECKODRIVER", gecko);
                }
                run(&mut cmd, 10 * MINUTE)
            },
        );
    }
    finish(steps)
}

/// Whether `output` (under `root`) is newer than every file of `inputs`.
/// `NIANBAO_REBUILD=1` says no.
fn up_to_date(root: &Path, output: &str, inputs: &[&str]) -> bool {
    fn newest(p: &Path) -> Option<std::time::SystemTime> {
        let meta = fs::metadata(p).ok()?;
        if !meta.is_dir() {
            return meta.modified().ok();
        }
        fs::read_dir(p)
            .ok()?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name() != "target" && e.file_name() != "node_modules")
            .filter_map(|e| newest(&e.path()))
            .max()
    }
    if env::var_os("NIANBAO_REBUILD").is_some() {
        return false;
    }
    let Some(built) = fs::metadata(root.join(output))
        .and_then(|m| m.modified())
        .ok()
    else {
        return false;
    };
    inputs
        .iter()
        .filter_map(|i| newest(&root.join(i)))
        .all(|t| t < built)
}

/// Raw and gzip sizes of what dist/ holds.
fn print_sizes(dist: &Path) {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.filter_map(|e| e.ok()) {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(dist, &mut files);
    files.sort();
    println!("\ndist/ (bytes, raw and gzip -9):");
    for f in files {
        let raw = fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
        let gz = budget::gzip_len(&f)
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        let name = f.strip_prefix(dist).unwrap_or(&f).display().to_string();
        println!("  {raw:>9} {gz:>9}  {name}");
    }
}

/// Where cargo puts what it builds: `CARGO_TARGET_DIR` when set, else target/.
fn target_dir(root: &Path) -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root.join("target"), |t| root.join(t))
}
