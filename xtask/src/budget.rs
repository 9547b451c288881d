//! The size budget of the page: what a person downloads to open it.
//!
//! The figure is the sum, gzip -9 compressed, of every `.wasm`, `.js` and `.css`
//! that `dist/index.html` loads to open the page (the hashed app glue and wasm,
//! the stylesheets, the loaders and the modules they import). The checker
//! (its glue and wasm, and the workers' script) comes when the first file is
//! given, and has a limit of its own (`checker_limit`). The limits are in
//! `xtask/budget.txt`; `cargo xtask test` fails when a figure exceeds its own.

use crate::run::Result;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The file holding the limit (first number on a line that is not a comment).
pub const BUDGET_FILE: &str = "xtask/budget.txt";

/// The attributes naming what the page loads to open.
const AT_START: [&str; 4] = ["src=\"", "href=\"", "data-js=\"", "data-wasm=\""];

/// The attributes naming what it loads when the first file is given.
const WITH_FIRST_FILE: [&str; 3] = [
    "data-checker-js=\"",
    "data-checker-wasm=\"",
    "data-worker=\"",
];

/// The attributes naming the workspace part, loaded with the checker.
const WORKSPACE_PART: [&str; 2] = ["data-workspace-js=\"", "data-workspace-wasm=\""];

/// The files `index.html` refers to (`src`, `href`, `data-js`, `data-wasm`)
/// that end in `.wasm`, `.js` or `.css`, each once, in order of appearance.
pub fn loaded_files(index_html: &str) -> Vec<String> {
    files_named(index_html, &AT_START)
}

/// The checker's files, which the page loads when the first file is given.
pub fn checker_files(index_html: &str) -> Vec<String> {
    files_named(index_html, &WITH_FIRST_FILE)
}

/// The modules a script imports from beside it (`from "./x.js"`).
pub fn imports(script: &str) -> Vec<String> {
    script
        .split("from \"./")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|name| name.ends_with(".js") && !name.contains('/'))
        .map(str::to_string)
        .collect()
}

fn files_named(index_html: &str, attrs: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for attr in attrs {
        let mut rest = index_html;
        while let Some(at) = rest.find(attr) {
            // Only a whole attribute name (not `data-src=` inside another).
            let before = rest[..at].chars().last();
            rest = &rest[at + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            // `data-js=` also ends `data-checker-js=`: the character before
            // the name tells them apart.
            let value = &rest[..end];
            rest = &rest[end..];
            if !matches!(before, Some(c) if c.is_whitespace()) {
                continue;
            }
            let path = value.trim_start_matches('/');
            let path = path.split(['?', '#']).next().unwrap_or(path);
            let wanted = [".wasm", ".js", ".css"].iter().any(|e| path.ends_with(e));
            if wanted && !path.contains("://") && !out.iter().any(|p| p == path) {
                out.push(path.to_string());
            }
        }
    }
    out
}

/// The number after `key` on a line of the budget file's text (`limit 594000`).
pub fn parse_value(text: &str, key: &str) -> Result<u64> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let mut words = l.split_whitespace();
            (words.next()? == key).then(|| words.next()?.parse::<u64>().ok())?
        })
        .ok_or_else(|| format!("{BUDGET_FILE}: no `{key} BYTES` line"))
}

/// Compare the figure with the limit: an error naming both when over.
pub fn verdict(gzip_total: u64, limit: u64) -> Result<()> {
    if gzip_total > limit {
        Err(format!(
            "the page's download is {gzip_total} bytes gzipped, over the budget of {limit} bytes \
             ({BUDGET_FILE}) by {} bytes",
            gzip_total - limit
        ))
    } else {
        Ok(())
    }
}

/// The size of `file` compressed by `gzip -9`.
pub(crate) fn gzip_len(file: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", file.display()));
    }
    Ok(out.stdout.len() as u64)
}

/// Sum raw and gzip sizes of `files` in `dist`, printing each.
fn measure(dist: &Path, files: &[String]) -> Result<(u64, u64)> {
    let (mut raw_total, mut gz_total) = (0u64, 0u64);
    for f in files {
        let path: PathBuf = dist.join(f);
        let raw = fs::metadata(&path)
            .map_err(|e| format!("dist/{f} (loaded by index.html): {e}"))?
            .len();
        let gz = gzip_len(&path)?;
        raw_total += raw;
        gz_total += gz;
        println!("  {raw:>9} {gz:>9}  {f}");
    }
    Ok((raw_total, gz_total))
}

/// Measure dist/, print the figure per file and in total, and fail when the
/// page or its checker is over its budget.
pub fn check(root: &Path) -> Result<()> {
    let dist = root.join("dist");
    let index =
        fs::read_to_string(dist.join("index.html")).map_err(|e| format!("dist/index.html: {e}"))?;
    let mut files = loaded_files(&index);
    for script in files.clone().iter().filter(|f| f.ends_with(".js")) {
        for module in fs::read_to_string(dist.join(script))
            .map(|t| imports(&t))
            .unwrap_or_default()
        {
            if !files.contains(&module) {
                files.push(module);
            }
        }
    }
    if !files.iter().any(|f| f.ends_with(".wasm")) {
        return Err("dist/index.html loads no .wasm: cannot measure the page".into());
    }
    let checker = checker_files(&index);
    if !checker.iter().any(|f| f.ends_with(".wasm")) {
        return Err("dist/index.html names no checker .wasm: cannot measure it".into());
    }
    let text =
        fs::read_to_string(root.join(BUDGET_FILE)).map_err(|e| format!("{BUDGET_FILE}: {e}"))?;
    let limit = parse_value(&text, "limit")?;
    let goal = parse_value(&text, "goal")?;
    let checker_limit = parse_value(&text, "checker_limit")?;
    println!("the page's first download (bytes, raw and gzip -9):");
    let (raw_total, gz_total) = measure(&dist, &files)?;
    println!("  {raw_total:>9} {gz_total:>9}  total; budget {limit} gzip ({BUDGET_FILE})");
    println!("the checker, loaded when the first file is given:");
    let (raw_checker, gz_checker) = measure(&dist, &checker)?;
    println!(
        "  {raw_checker:>9} {gz_checker:>9}  total; budget {checker_limit} gzip ({BUDGET_FILE})"
    );
    if gz_total > goal {
        println!(
            "warning: {gz_total} bytes gzipped is still {} bytes over the goal of {goal}",
            gz_total - goal
        );
    }
    verdict(gz_total, limit)?;
    verdict(gz_checker, checker_limit).map_err(|e| format!("the checker: {e}"))?;
    // The workspace part (web/src/workspace.rs), fetched with the checker.
    let part = files_named(&index, &WORKSPACE_PART);
    if part.is_empty() {
        return Ok(());
    }
    let part_limit = parse_value(&text, "workspace_limit")?;
    println!("the workspace part, loaded with the checker:");
    let (raw_part, gz_part) = measure(&dist, &part)?;
    println!("  {raw_part:>9} {gz_part:>9}  total; budget {part_limit} gzip ({BUDGET_FILE})");
    verdict(gz_part, part_limit).map_err(|e| format!("the workspace part: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_the_page_loads() {
        let html = r#"<link rel="stylesheet" href="/style-1.css" />
<link rel="icon" href="/favicon-2.svg" />
<link rel="modulepreload" href="/nianbao-web-3.js" />
<script type="module" src="/boot.js" data-checker-js="/nianbao-checker-5.js" data-checker-wasm="/nianbao-checker-5_bg.wasm" data-js="/nianbao-web-3.js" data-wasm="/nianbao-web-4_bg.wasm" data-worker="/worker.js"></script>
<script type="module" src="offline.js"></script>
<a href="https://example.org/x.js">x</a>"#;
        assert_eq!(
            loaded_files(html),
            [
                "boot.js",
                "offline.js",
                "style-1.css",
                "nianbao-web-3.js",
                "nianbao-web-4_bg.wasm"
            ]
        );
        assert_eq!(
            checker_files(html),
            [
                "nianbao-checker-5.js",
                "nianbao-checker-5_bg.wasm",
                "worker.js"
            ]
        );
        assert_eq!(
            imports("import { a } from \"./checker.js\";\nimport x from \"./lib/y.js\";"),
            ["checker.js"]
        );
    }

    #[test]
    fn over_the_budget_fails_and_under_passes() {
        assert!(verdict(400_000, 400_000).is_ok());
        assert!(verdict(1, 400_000).is_ok());
        let err = verdict(400_001, 400_000).unwrap_err();
        assert!(
            err.contains("400001") && err.contains("over the budget"),
            "{err}"
        );
    }

    #[test]
    fn the_committed_budget_reads() {
        let text = include_str!("../budget.txt");
        let limit = parse_value(text, "limit").unwrap();
        let goal = parse_value(text, "goal").unwrap();
        // 400 KB, in the stricter reading.
        assert!(goal <= 400_000, "{goal}");
        assert!(limit >= goal && limit <= 400_000, "{limit}");
        assert!(parse_value("# limit 5\n", "limit").is_err());
        assert_eq!(parse_value("goal 7\nlimit 9\n", "limit"), Ok(9));
        assert!(parse_value(text, "checker_limit").is_ok());
    }
}
