//! Installs what the build and the tests need, skipping whatever is already
//! there at the right version, and works out how to build for wasm32 here.
//!
//! Two ways to build for `wasm32-unknown-unknown`:
//! - rustup's toolchain has the wasm32 standard library (the ordinary case, on a
//!   machine that can reach rustup's server): everything runs as usual;
//! - it has not (rustup's server cannot be reached): the system's Rust
//!   (Debian's `rustc-web`, with its std source `rust-web-src`) builds std from
//!   source for wasm32, and rustup's `rust-lld` links. trunk and wasm-pack run
//!   `cargo` from PATH, so a small `cargo` wrapper written under
//!   `target/xtask-shim/` is put first on PATH for them.

use crate::run::{query, run, show, Result, MINUTE};
use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Pinned tool versions (crates.io).
pub const TRUNK: &str = "0.22.1";
pub const WASM_PACK: &str = "0.15.1";
/// cargo-fuzz, for the fuzz smoke run of `cargo xtask test`.
pub const CARGO_FUZZ: &str = "0.13.2";
/// binaryen's wasm-opt, from the npm package (Debian's binaryen is too old to
/// read wasm-bindgen's output). Trunk.toml asks for `version_132`.
pub const BINARYEN: &str = "132.0.0";
pub const LINKER_VAR: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER";

/// The system Rust used when rustup has no wasm32 std (Debian's packages).
const SYSTEM_RUSTC: &str = "/usr/bin/rustc";
const SYSTEM_RUSTDOC: &str = "/usr/bin/rustdoc";
const SYSTEM_CARGO: &str = "/usr/bin/cargo";
const SYSTEM_STD_SRC: &str = "/usr/lib/rustlib/src/rust/library/std";
const SYSTEM_RUST_PACKAGES: [&str; 3] = ["rustc-web", "cargo-web", "rust-web-src"];
/// Headless Chromium and its WebDriver, and a CJK font for screenshots.
const BROWSER_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-noto-cjk"];
/// The programs the native tests hold the checker to: poppler's `pdftotext`
/// (the page of every place in a PDF) and LibreOffice Writer (opening the
/// annotated copies of Word documents). Installed for `cargo xtask test`,
/// which then tells the tests they must be there (`NIANBAO_EXTERNAL_TOOLS`).
const TEST_TOOL_PACKAGES: [&str; 2] = ["poppler-utils", "libreoffice-writer-nogui"];
/// The other browsers the page is tested in, through their WebDriver servers
/// (tests/e2e/browsers.mjs): Firefox ESR (its driver, geckodriver, comes from
/// crates.io), WebKitGTK's WebKitWebDriver with its MiniBrowser, and the
/// virtual X server WebKitGTK needs to draw without a screen.
const OTHER_BROWSER_PACKAGES: [&str; 4] = ["firefox-esr", "webkit2gtk-driver", "xvfb", "xauth"];
/// geckodriver, Firefox's WebDriver server, installed from crates.io when
/// none is on PATH.
pub const GECKODRIVER: &str = "0.37.1";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What a command needs besides the wasm build tools.
#[derive(Clone, Copy, Debug)]
pub struct Needs {
    /// Headless Chromium and chromedriver.
    pub browser: bool,
    /// The end-to-end test packages (playwright-core).
    pub e2e: bool,
    /// cargo-fuzz (the fuzz smoke run).
    pub fuzz: bool,
    /// Firefox, WebKitGTK, their WebDriver servers and Xvfb.
    pub other_browsers: bool,
}

pub enum Wasm {
    /// rustup's toolchain has the wasm32 std.
    Rustup,
    /// The system Rust builds std from source; `linker` is rustup's rust-lld.
    System { linker: PathBuf },
}

/// Where things are, once set up.
pub struct Env {
    pub root: PathBuf,
    /// The cargo that runs this xtask (native builds and `cargo install`).
    pub cargo: PathBuf,
    pub wasm: Wasm,
    /// PATH for the tools: the cargo wrapper (if any), wasm-opt, cargo's bin
    /// directory, then the PATH given.
    pub path: OsString,
    /// The wasm-bindgen version in Cargo.lock.
    pub wasm_bindgen: String,
}

impl Env {
    /// A command run from the repository with the tools' PATH (and, when the
    /// system Rust builds for wasm32, the linker to use).
    pub fn command(&self, program: &str) -> Command {
        let program = find(program, &self.path).unwrap_or_else(|| PathBuf::from(program));
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root).env("PATH", &self.path);
        if let Wasm::System { linker } = &self.wasm {
            cmd.env(LINKER_VAR, linker);
        }
        cmd
    }

    /// The cargo for wasm builds: the wrapper or rustup's cargo.
    pub fn wasm_cargo(&self) -> Command {
        self.command("cargo")
    }

    /// The native cargo (rustup's, the one running this xtask).
    pub fn native_cargo(&self) -> Command {
        let mut cmd = Command::new(&self.cargo);
        cmd.current_dir(&self.root).env("PATH", &self.path);
        cmd
    }

    pub fn describe(&self) -> String {
        match &self.wasm {
            Wasm::Rustup => "wasm32 via rustup's toolchain".to_string(),
            Wasm::System { linker } => format!(
                "wasm32 via the system Rust ({}) building std from source, linked by {}",
                query(SYSTEM_RUSTC, &["--version"])
                    .unwrap_or_default()
                    .trim(),
                linker.display()
            ),
        }
    }
}

/// Install whatever is missing and return the environment to build in.
pub fn setup(root: &Path, needs: Needs) -> Result<Env> {
    let cargo = env::var_os("CARGO")
        .map(PathBuf::from)
        .or_else(|| find("cargo", &env::var_os("PATH").unwrap_or_default()))
        .ok_or("cannot find cargo")?;
    let cargo_bin = cargo_home().join("bin");
    let npm_dir = root.join("target/xtask/npm");
    let shim_dir = root.join("target/xtask-shim");

    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let wasm_bindgen = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen: run `cargo generate-lockfile`")?;
    check_trunk_toml(root, &wasm_bindgen)?;

    // 1. System packages.
    // NIANBAO_WASM_TOOLCHAIN=system forces the system Rust (to test that path).
    let forced_system = env::var("NIANBAO_WASM_TOOLCHAIN").is_ok_and(|v| v == "system");
    let rustup_wasm = !forced_system && (rustup_has_wasm_std() || try_rustup_target_add(root));
    let mut packages: Vec<&str> = Vec::new();
    if !rustup_wasm {
        packages.extend(SYSTEM_RUST_PACKAGES);
    }
    if needs.browser {
        packages.extend(BROWSER_PACKAGES);
    }
    if needs.e2e {
        packages.extend(TEST_TOOL_PACKAGES);
    }
    if needs.other_browsers {
        packages.extend(OTHER_BROWSER_PACKAGES);
    }
    if find("node", &env::var_os("PATH").unwrap_or_default()).is_none() {
        packages.extend(["nodejs", "npm"]);
    }
    apt_install(&packages)?;

    // 2. How to build for wasm32.
    let wasm = if rustup_wasm {
        Wasm::Rustup
    } else {
        for p in [SYSTEM_RUSTC, SYSTEM_RUSTDOC, SYSTEM_CARGO, SYSTEM_STD_SRC] {
            if !Path::new(p).exists() {
                return Err(format!(
                    "rustup has no wasm32 target and {p} is missing: install {} (Debian) or run `rustup target add {WASM_TARGET}`",
                    SYSTEM_RUST_PACKAGES.join(" ")
                ));
            }
        }
        let linker = rust_lld()?;
        write_shim(&shim_dir, &linker)?;
        Wasm::System { linker }
    };

    let mut path_dirs = Vec::new();
    if let Wasm::System { .. } = wasm {
        path_dirs.push(shim_dir);
    }
    path_dirs.push(npm_dir.join("node_modules/.bin"));
    path_dirs.push(cargo_bin);
    path_dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    let path = env::join_paths(path_dirs).map_err(|e| format!("PATH: {e}"))?;
    let env = Env {
        root: root.to_path_buf(),
        cargo,
        wasm,
        path,
        wasm_bindgen,
    };

    // 3. Tools from crates.io, pinned.
    cargo_tool(
        &env,
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &env.wasm_bindgen,
        &[],
    )?;
    if find("wasm-bindgen-test-runner", &env.path).is_none() {
        return Err("wasm-bindgen-test-runner is missing (it comes with wasm-bindgen-cli)".into());
    }
    cargo_tool(&env, "wasm-pack", "wasm-pack", WASM_PACK, &["--locked"])?;
    cargo_tool(
        &env,
        "trunk",
        "trunk",
        TRUNK,
        &["--locked", "--ignore-rust-version"],
    )?;
    if needs.fuzz {
        cargo_tool(&env, "cargo-fuzz", "cargo-fuzz", CARGO_FUZZ, &["--locked"])?;
    }
    // Any geckodriver on PATH will do (it speaks the standard protocol).
    if needs.other_browsers && find("geckodriver", &env.path).is_none() {
        cargo_tool(
            &env,
            "geckodriver",
            "geckodriver",
            GECKODRIVER,
            &["--locked"],
        )?;
    }

    // 4. Tools from npm.
    npm_binaryen(&env, &npm_dir)?;
    if needs.e2e {
        npm_e2e(&env)?;
    }
    Ok(env)
}

/// `$CARGO_HOME`, or `~/.cargo`.
fn cargo_home() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

/// The first executable `name` on `path`.
pub fn find(name: &str, path: &OsString) -> Option<PathBuf> {
    if name.contains('/') {
        return Some(PathBuf::from(name));
    }
    env::split_paths(path)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// The version of package `name` in a Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let v = lines.next()?.trim();
            return Some(
                v.strip_prefix("version = \"")?
                    .strip_suffix('"')?
                    .to_string(),
            );
        }
    }
    None
}

/// The value of `key = "…"` in a TOML text (first occurrence).
pub fn toml_string(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        if k.trim() != key {
            return None;
        }
        let v = v.trim();
        Some(v.strip_prefix('"')?.split('"').next()?.to_string())
    })
}

/// Trunk.toml must ask for the tools this xtask installs.
fn check_trunk_toml(root: &Path, wasm_bindgen: &str) -> Result<()> {
    let text = fs::read_to_string(root.join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    let want_opt = format!("version_{}", BINARYEN.split('.').next().unwrap_or(BINARYEN));
    match toml_string(&text, "wasm_bindgen") {
        Some(v) if v == wasm_bindgen => {}
        v => {
            return Err(format!(
                "Trunk.toml has wasm_bindgen = {v:?} but Cargo.lock has wasm-bindgen {wasm_bindgen}: make them equal"
            ))
        }
    }
    match toml_string(&text, "wasm_opt") {
        Some(v) if v == want_opt => Ok(()),
        v => Err(format!(
            "Trunk.toml has wasm_opt = {v:?}; this xtask installs binaryen {BINARYEN} ({want_opt})"
        )),
    }
}

/// Whether rustup's active toolchain has the wasm32 standard library.
fn rustup_has_wasm_std() -> bool {
    let Some(dir) = query(
        "rustc",
        &["--print", "target-libdir", "--target", WASM_TARGET],
    ) else {
        return false;
    };
    fs::read_dir(dir.trim())
        .map(|entries| {
            entries.filter_map(|e| e.ok()).any(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with("libstd-") && n.ends_with(".rlib")
            })
        })
        .unwrap_or(false)
}

/// Ask rustup for the wasm32 target, briefly: its server may be out of reach,
/// where it would wait forever. A failure is remembered under target/ so that
/// later runs do not wait again.
fn try_rustup_target_add(root: &Path) -> bool {
    let marker = root.join("target/xtask/rustup-has-no-wasm32");
    if marker.exists() || find("rustup", &env::var_os("PATH").unwrap_or_default()).is_none() {
        return false;
    }
    println!("rustup has no {WASM_TARGET} standard library; asking rustup for it (20 s at most)");
    let mut cmd = Command::new("rustup");
    cmd.args(["target", "add", WASM_TARGET]);
    let ok = run(&mut cmd, Duration::from_secs(20)).is_ok() && rustup_has_wasm_std();
    if !ok {
        println!("rustup cannot add {WASM_TARGET} here; building std from source with the system Rust instead");
        let _ = fs::create_dir_all(root.join("target/xtask"));
        let _ = fs::write(
            &marker,
            "rustup target add wasm32-unknown-unknown failed or timed out\n",
        );
    }
    ok
}

fn is_root() -> bool {
    query("id", &["-u"]).is_some_and(|s| s.trim() == "0")
}

/// Install the Debian packages of `packages` that are not installed yet.
fn apt_install(packages: &[&str]) -> Result<()> {
    let have_dpkg = find("dpkg-query", &env::var_os("PATH").unwrap_or_default()).is_some();
    if !have_dpkg {
        // Not Debian: say what is needed, check what can be checked.
        if packages.iter().any(|p| BROWSER_PACKAGES.contains(p)) && !Path::new(CHROMIUM).exists() {
            return Err(format!(
                "no {CHROMIUM}: install Chromium and its chromedriver ({CHROMEDRIVER})"
            ));
        }
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            !query("dpkg-query", &["-W", "-f=${db:Status-Abbrev}", p])
                .is_some_and(|s| s.starts_with("ii"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("installing system packages: {}", missing.join(" "));
    let apt = |args: &[&str]| {
        let mut cmd = if is_root() {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.args(["-n", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            c
        };
        cmd.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        cmd
    };
    run(&mut apt(&["update", "-q"]), 10 * MINUTE)?;
    let mut install = apt(&["install", "-y", "-q", "-o", "Dpkg::Use-Pty=0"]);
    install.args(&missing);
    run(&mut install, 30 * MINUTE).map_err(|e| {
        format!(
            "{e}\n(as root: apt-get update && apt-get install -y {})",
            missing.join(" ")
        )
    })
}

/// rustup's rust-lld, which links wasm32 for the system Rust.
fn rust_lld() -> Result<PathBuf> {
    let sysroot = query("rustc", &["--print", "sysroot"]).unwrap_or_default();
    let host = query("rustc", &["-vV"])
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .unwrap_or_default();
    let lld = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(host.trim())
        .join("bin/rust-lld");
    if is_executable(&lld) {
        return Ok(lld);
    }
    let path = env::var_os("PATH").unwrap_or_default();
    find("rust-lld", &path)
        .or_else(|| find("wasm-ld", &path))
        .ok_or_else(|| {
            format!(
                "no linker for wasm32: rustup's rust-lld ({}) is missing and neither rust-lld nor wasm-ld is on PATH",
                lld.display()
            )
        })
}

/// The `cargo` wrapper for trunk and wasm-pack: the system Rust, with std built
/// from source only when the target is wasm32.
fn write_shim(dir: &Path, linker: &Path) -> Result<()> {
    let text = format!(
        r#"#!/bin/sh
# Written by `cargo xtask` (do not edit, do not commit): cargo with the system
# Rust, building std from source when the target is {WASM_TARGET}.
export RUSTC={SYSTEM_RUSTC} RUSTDOC={SYSTEM_RUSTDOC} RUSTC_BOOTSTRAP=1
export {LINKER_VAR}='{linker}'
wasm=
[ "${{CARGO_BUILD_TARGET:-}}" = {WASM_TARGET} ] && wasm=1
prev=
for arg in "$@"; do
  [ "$arg" = --target={WASM_TARGET} ] && wasm=1
  [ "$prev" = --target ] && [ "$arg" = {WASM_TARGET} ] && wasm=1
  prev=$arg
done
[ -n "$wasm" ] && export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
exec {SYSTEM_CARGO} "$@"
"#,
        linker = linker.display()
    );
    let file = dir.join("cargo");
    if fs::read_to_string(&file).ok().as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&file, fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("{}: {e}", file.display()))
}

/// The version a tool prints for `--version` (its second word).
fn tool_version(env: &Env, bin: &str) -> Option<String> {
    let path = find(bin, &env.path)?;
    let out = query(path, &["--version"])?;
    out.split_whitespace().nth(1).map(str::to_string)
}

/// `cargo install` a crate unless its binary is there at the version wanted.
fn cargo_tool(env: &Env, bin: &str, krate: &str, version: &str, flags: &[&str]) -> Result<()> {
    match tool_version(env, bin) {
        Some(v) if v == version => return Ok(()),
        Some(v) => println!("{bin} {v} is installed; {version} is wanted"),
        None => println!("{bin} is missing"),
    }
    let mut cmd = env.native_cargo();
    cmd.args([
        "install",
        krate,
        "--version",
        &format!("={version}"),
        "--force",
    ])
    .args(flags);
    run(&mut cmd, 45 * MINUTE)?;
    match tool_version(env, bin) {
        Some(v) if v == version => Ok(()),
        v => Err(format!(
            "after `{}`, {bin} is {v:?}, not {version}: is another {bin} earlier on PATH?",
            show(&cmd)
        )),
    }
}

/// The `"version"` of an installed npm package.
fn npm_version(package_json: &Path) -> Option<String> {
    json_string(&fs::read_to_string(package_json).ok()?, "version")
}

/// The first `"key": "value"` in a JSON text (enough for package.json files).
pub fn json_string(text: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    let at = text.find(&pat)? + pat.len();
    let rest = text[at..].trim_start().strip_prefix(':')?.trim_start();
    Some(rest.strip_prefix('"')?.split('"').next()?.to_string())
}

fn npm(env: &Env) -> Command {
    let mut cmd = env.command("npm");
    cmd.args([
        "--no-audit",
        "--no-fund",
        "--no-update-notifier",
        "--fetch-timeout=60000",
        "--fetch-retries=2",
    ]);
    cmd
}

/// binaryen (wasm-opt) from npm, under target/xtask/npm.
fn npm_binaryen(env: &Env, dir: &Path) -> Result<()> {
    let installed = npm_version(&dir.join("node_modules/binaryen/package.json"));
    if installed.as_deref() != Some(BINARYEN) {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut cmd = npm(env);
        cmd.arg("install")
            .arg("--prefix")
            .arg(dir)
            .args(["--no-save", "--no-package-lock"])
            .arg(format!("binaryen@{BINARYEN}"));
        run(&mut cmd, 10 * MINUTE)?;
    }
    let out = find("wasm-opt", &env.path)
        .and_then(|p| query(p, &["--version"]))
        .unwrap_or_default();
    let major = BINARYEN.split('.').next().unwrap_or(BINARYEN);
    if !out.contains(&format!("version {major}")) {
        return Err(format!(
            "wasm-opt on PATH says {:?}; binaryen {major} is wanted",
            out.trim()
        ));
    }
    Ok(())
}

/// playwright-core for the end-to-end tests, as locked in tests/e2e.
fn npm_e2e(env: &Env) -> Result<()> {
    let dir = env.root.join("tests/e2e");
    let wanted = fs::read_to_string(dir.join("package.json"))
        .ok()
        .and_then(|t| json_string(&t, "playwright-core"))
        .ok_or("tests/e2e/package.json names no playwright-core")?;
    let installed = npm_version(&dir.join("node_modules/playwright-core/package.json"));
    if installed.as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    let mut cmd = npm(env);
    cmd.current_dir(&dir).arg("ci");
    run(&mut cmd, 10 * MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.80\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "yew"), None);
    }

    #[test]
    fn the_workspace_lock_pins_what_trunk_asks_for() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap();
        let trunk = fs::read_to_string(root.join("Trunk.toml")).unwrap();
        let locked = locked_version(&lock, "wasm-bindgen").expect("wasm-bindgen in Cargo.lock");
        assert_eq!(toml_string(&trunk, "wasm_bindgen"), Some(locked));
        assert_eq!(
            toml_string(&trunk, "wasm_opt").as_deref(),
            Some("version_132")
        );
        assert!(check_trunk_toml(&root, &locked_version(&lock, "wasm-bindgen").unwrap()).is_ok());
    }

    #[test]
    fn reads_package_json_strings() {
        let text = r#"{ "name": "x", "devDependencies": { "playwright-core": "1.65.1" }, "version" : "2.0.0" }"#;
        assert_eq!(
            json_string(text, "playwright-core").as_deref(),
            Some("1.65.1")
        );
        assert_eq!(json_string(text, "version").as_deref(), Some("2.0.0"));
        assert_eq!(json_string(text, "missing"), None);
    }

    #[test]
    fn the_shim_asks_for_build_std_only_for_wasm() {
        let dir = env::temp_dir().join(format!("xtask-shim-test-{}", std::process::id()));
        write_shim(&dir, Path::new("/opt/lld/rust-lld")).unwrap();
        let text = fs::read_to_string(dir.join("cargo")).unwrap();
        assert!(text.contains("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER='/opt/lld/rust-lld'"));
        // Run the wrapper's argument logic with `exec` replaced by printing.
        let probe = text.replace(
            &format!("exec {SYSTEM_CARGO} \"$@\""),
            "echo \"${CARGO_UNSTABLE_BUILD_STD:-none}\"",
        );
        fs::write(dir.join("probe"), probe).unwrap();
        let out = |args: &[&str], target: Option<&str>| {
            let mut c = Command::new("sh");
            c.arg(dir.join("probe"))
                .args(args)
                .env_remove("CARGO_BUILD_TARGET")
                .env_remove("CARGO_UNSTABLE_BUILD_STD");
            if let Some(t) = target {
                c.env("CARGO_BUILD_TARGET", t);
            }
            String::from_utf8(c.output().unwrap().stdout)
                .unwrap()
                .trim()
                .to_string()
        };
        assert_eq!(
            out(&["build", "--target=wasm32-unknown-unknown"], None),
            "std,panic_abort"
        );
        assert_eq!(
            out(&["build", "--target", "wasm32-unknown-unknown"], None),
            "std,panic_abort"
        );
        assert_eq!(
            out(&["build"], Some("wasm32-unknown-unknown")),
            "std,panic_abort"
        );
        assert_eq!(out(&["metadata", "--format-version", "1"], None), "none");
        assert_eq!(
            out(&["build", "--target", "x86_64-unknown-linux-gnu"], None),
            "none"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
