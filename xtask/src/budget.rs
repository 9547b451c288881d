//! The size budget of the page: what a person downloads to open it.
//!
//! The figure is the sum, gzip -9 compressed, of every `.wasm`, `.js` and `.css`
//! that `dist/index.html` loads (the hashed app glue and wasm, the stylesheets,
//! the loaders). The limit is in `xtask/budget.txt`; `cargo xtask test` fails
//! when the figure exceeds it.

use crate::run::Result;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The file holding the limit (first number on a line that is not a comment).
pub const BUDGET_FILE: &str = "xtask/budget.txt";

/// The files `index.html` refers to (`src`, `href`, `data-js`, `data-wasm`, `data-worker`)
/// that end in `.wasm`, `.js` or `.css`, each once, in order of appearance.
pub fn loaded_files(index_html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for attr in [
        "src=\"",
        "href=\"",
        "data-js=\"",
        "data-wasm=\"",
        "data-worker=\"",
    ] {
        let mut rest = index_html;
        while let Some(at) = rest.find(attr) {
            // Only a whole attribute name (not `data-src=` inside another).
            let before = rest[..at].chars().last();
            rest = &rest[at + attr.len()..];
            let Some(end) = rest.find('"') else { break };
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

fn gzip_len(file: &Path) -> Result<u64> {
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

/// Measure dist/, print the figure per file and in total, and fail when it is
/// over the budget.
pub fn check(root: &Path) -> Result<()> {
    let dist = root.join("dist");
    let index =
        fs::read_to_string(dist.join("index.html")).map_err(|e| format!("dist/index.html: {e}"))?;
    let files = loaded_files(&index);
    if !files.iter().any(|f| f.ends_with(".wasm")) {
        return Err("dist/index.html loads no .wasm: cannot measure the page".into());
    }
    let text =
        fs::read_to_string(root.join(BUDGET_FILE)).map_err(|e| format!("{BUDGET_FILE}: {e}"))?;
    let limit = parse_value(&text, "limit")?;
    let goal = parse_value(&text, "goal")?;
    let (mut raw_total, mut gz_total) = (0u64, 0u64);
    println!("the page's download (bytes, raw and gzip -9):");
    for f in &files {
        let path: PathBuf = dist.join(f);
        let raw = fs::metadata(&path)
            .map_err(|e| format!("dist/{f} (loaded by index.html): {e}"))?
            .len();
        let gz = gzip_len(&path)?;
        raw_total += raw;
        gz_total += gz;
        println!("  {raw:>9} {gz:>9}  {f}");
    }
    println!("  {raw_total:>9} {gz_total:>9}  total; budget {limit} gzip ({BUDGET_FILE})");
    if gz_total > goal {
        println!(
            "warning: {gz_total} bytes gzipped is still {} bytes over the goal of {goal}",
            gz_total - goal
        );
    }
    verdict(gz_total, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_the_page_loads() {
        let html = r#"<link rel="stylesheet" href="/style-1.css" />
<link rel="icon" href="/favicon-2.svg" />
<link rel="modulepreload" href="/nianbao-web-3.js" />
<script type="module" src="/boot.js" data-js="/nianbao-web-3.js" data-wasm="/nianbao-web-4_bg.wasm"></script>
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
    }
}
