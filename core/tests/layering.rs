//! The layering of the core, read from its source: every path a file of
//! `core/src` names inside the crate (`use crate::…`, `super::…`, a child
//! module's items) is an edge from that file to the file of the module it
//! names. The test fails on
//!
//! - a circle of such edges between files;
//! - a reader (`read/**`) naming extraction (`extract/**`), or extraction
//!   naming a reader;
//! - the vocabulary (`vocab/**`) naming anything but itself and the plain
//!   utilities (`span.rs`, `decimal.rs`, `search.rs`), or those utilities
//!   naming anything but one another;
//! - the writers (`write/**`) naming anything but one another, or anything
//!   but the reviewer's workspace (`workspace/**`) naming the workspace or
//!   the writers: the checker never depends on them (cargo feature
//!   `workspace`).
//!
//! `NIANBAO_LAYERS=1 cargo test -p nianbao-core --test layering -- --nocapture`
//! prints every edge.
//!
//! Test code is left out (`#[cfg(test)]` modules and files): a test may
//! build its input with any part of the crate. The crate root (`lib.rs`)
//! only declares and re-exports, so code inside the crate names the module
//! an item lives in, never the root's re-export of it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A source file: its module path (`["read", "text"]`) and its text.
struct Source {
    module: Vec<String>,
    /// `mod.rs` or `lib.rs`: the file of a module that has children.
    has_children_dir: bool,
    text: String,
}

fn module_of(relative: &Path) -> (Vec<String>, bool) {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let file = parts.pop().unwrap_or_default();
    match file.as_str() {
        "lib.rs" | "mod.rs" => (parts, true),
        other => {
            parts.push(other.trim_end_matches(".rs").to_string());
            (parts, false)
        }
    }
}

fn sources(dir: &Path) -> Vec<Source> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let (module, has_children_dir) = module_of(p.strip_prefix(root).unwrap());
                let text = std::fs::read_to_string(&p).unwrap();
                out.push(Source {
                    module,
                    has_children_dir,
                    text,
                });
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// The text without comments, and with the contents of string and character
/// literals blanked (so that braces and paths inside them do not count).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(text.len(), |n| i + n);
            i = end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(text.len(), |n| i + n + 2);
            out.push(' ');
            i = end;
        } else if rest.starts_with("r#\"") || rest.starts_with("r\"") {
            let hashes = rest[1..].bytes().take_while(|&c| c == b'#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let body = 2 + hashes;
            let end = rest[body..]
                .find(&close)
                .map_or(text.len(), |n| i + body + n + close.len());
            out.push_str("\"\"");
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = (j + 1).min(b.len());
        } else if b[i] == b'\'' {
            // A character literal ('x', '\n', '\u{3000}', '\''), or a lifetime.
            let after = &rest[1..];
            let len = if after.starts_with("\\'") {
                Some(4)
            } else if let Some(escaped) = after.strip_prefix('\\') {
                escaped.find('\'').map(|k| k + 3)
            } else {
                after
                    .chars()
                    .next()
                    .filter(|c| after[c.len_utf8()..].starts_with('\''))
                    .map(|c| c.len_utf8() + 2)
            };
            match len {
                Some(n) => {
                    out.push_str("' '");
                    i += n;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The code without its `#[cfg(test)]` items (modules, functions, `use`s),
/// and the names of the child modules declared `#[cfg(test)] mod name;`.
fn without_tests(code: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut test_children = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        // The item ends at its first `;` outside braces, or where its first
        // brace closes.
        let mut depth = 0usize;
        let mut end = after.len();
        for (k, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        let item = &after[..end];
        let words: Vec<&str> = item
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(k) = words.iter().position(|w| *w == "mod") {
            if item.trim_end().ends_with(';') {
                if let Some(name) = words.get(k + 1) {
                    test_children.push(name.to_string());
                }
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    (out, test_children)
}

/// The names a file's `use` declarations bring in, with the paths they
/// stand for (`use a::{b, c::d as e}` gives `b` for `a::b` and `e` for
/// `a::c::d`), and every other `x::y` path of its code.
#[allow(clippy::type_complexity)]
fn paths(code: &str) -> (Vec<(String, Vec<String>)>, Vec<Vec<String>>) {
    fn split(path: &str) -> Vec<String> {
        path.split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }
    fn expand(tree: &str, prefix: &[String], out: &mut Vec<(String, Vec<String>)>) {
        let tree = tree.trim();
        if tree.is_empty() {
            return;
        }
        if let Some(open) = tree.find('{') {
            let mut p = prefix.to_vec();
            p.extend(split(&tree[..open]));
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            // split the inner list at top-level commas
            let (mut depth, mut from) = (0, 0);
            for (k, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&inner[from..k], &p, out);
                        from = k + 1;
                    }
                    _ => {}
                }
            }
            expand(&inner[from..], &p, out);
        } else {
            let mut words = tree.split(" as ");
            let mut p = prefix.to_vec();
            p.extend(
                split(words.next().unwrap_or(""))
                    .into_iter()
                    .filter(|s| s != "self"),
            );
            let name = match words.next() {
                Some(alias) => alias.trim().to_string(),
                None => p.last().cloned().unwrap_or_default(),
            };
            out.push((name, p));
        }
    }
    let mut uses = Vec::new();
    let mut rest = code;
    let mut others = String::new();
    while let Some(at) = find_word(rest, "use") {
        others.push_str(&rest[..at]);
        let end = rest[at..].find(';').map_or(rest.len(), |k| at + k);
        expand(&rest[at + 3..end], &[], &mut uses);
        rest = &rest[end..];
    }
    others.push_str(rest);
    // paths elsewhere: identifiers joined by `::`
    let mut out = Vec::new();
    let bytes = others.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if ident(bytes[i]) && (i == 0 || !(ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            let mut segs = Vec::new();
            let mut j = i;
            loop {
                let s = j;
                while j < bytes.len() && ident(bytes[j]) {
                    j += 1;
                }
                segs.push(others[s..j].to_string());
                if others[j..].starts_with("::") && bytes.get(j + 2).is_some_and(|&c| ident(c)) {
                    j += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1 {
                out.push(segs);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    (uses, out)
}

/// Where the word `w` starts in `s` as a whole word, at a statement's start.
fn find_word(s: &str, w: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = s[from..].find(w) {
        let at = from + k;
        let before = at == 0
            || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_' || b[at - 1] == b':');
        let after = b.get(at + w.len()).is_some_and(|c| c.is_ascii_whitespace());
        if before && after {
            return Some(at);
        }
        from = at + w.len();
    }
    None
}

/// The edges between files: `files[i]` names `files[j]`.
struct Graph {
    names: Vec<String>,
    edges: BTreeMap<usize, BTreeSet<usize>>,
}

fn graph(sources: &[Source]) -> Graph {
    let name = |s: &Source| {
        if s.module.is_empty() {
            "lib.rs".to_string()
        } else if s.has_children_dir {
            format!("{}/mod.rs", s.module.join("/"))
        } else {
            format!("{}.rs", s.module.join("/"))
        }
    };
    let index: BTreeMap<&[String], usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.module.as_slice(), i))
        .collect();
    let mut test_only: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut found = Vec::new();
    for s in sources {
        let (code, children) = without_tests(&code_only(&s.text));
        for c in children {
            // `mod x;` in a/b.rs (or a/b/mod.rs) is the module a::b::x.
            let mut m = s.module.clone();
            m.push(c);
            test_only.insert(m);
        }
        found.push(paths(&code));
    }
    // A path as the segments after the crate's root, or `None` for one that
    // leaves the crate (`std::…`, a local variable's field).
    let absolute = |i: usize, path: &[String]| -> Option<Vec<String>> {
        let s = &sources[i];
        let first = path.first()?;
        let is_child = {
            let mut m = s.module.clone();
            m.push(first.clone());
            index.contains_key(m.as_slice())
        };
        let (mut at, mut segs) = match first.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (s.module.clone(), &path[1..]),
            "super" => (s.module.clone(), path),
            _ if is_child => (s.module.clone(), path),
            _ => return None,
        };
        while segs.first().is_some_and(|s| s == "super") {
            at.pop();
            segs = &segs[1..];
        }
        at.extend(segs.iter().cloned());
        Some(at)
    };
    // What each file's `use` declarations name, for following re-exports.
    let imports: Vec<BTreeMap<String, Vec<String>>> = (0..sources.len())
        .map(|i| {
            found[i]
                .0
                .iter()
                .filter_map(|(name, path)| Some((name.clone(), absolute(i, path)?)))
                .collect()
        })
        .collect();
    // The file an absolute path leads to: the deepest module it names, or,
    // where it goes on with an item that module imports, where that leads.
    fn resolve(
        path: &[String],
        index: &BTreeMap<&[String], usize>,
        imports: &[BTreeMap<String, Vec<String>>],
        depth: usize,
    ) -> Option<usize> {
        let mut at = 0;
        while at < path.len() && index.contains_key(&path[..=at]) {
            at += 1;
        }
        let file = *index.get(&path[..at])?;
        match path.get(at).and_then(|item| imports[file].get(item)) {
            Some(target) if depth < 8 && target.as_slice() != path => {
                let mut next = target.clone();
                next.extend(path[at + 1..].iter().cloned());
                resolve(&next, index, imports, depth + 1).or(Some(file))
            }
            _ => Some(file),
        }
    }
    let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (i, s) in sources.iter().enumerate() {
        if test_only.iter().any(|t| s.module.starts_with(t)) {
            continue;
        }
        let (uses, others) = &found[i];
        for path in uses.iter().map(|(_, p)| p).chain(others) {
            let Some(abs) = absolute(i, path) else {
                continue;
            };
            if let Some(j) = resolve(&abs, &index, &imports, 0) {
                if j != i {
                    edges.entry(i).or_default().insert(j);
                }
            }
        }
    }
    Graph {
        names: sources.iter().map(name).collect(),
        edges,
    }
}

/// A circle of edges, as the files along it, if there is one.
fn circle(g: &Graph) -> Option<Vec<String>> {
    fn visit(g: &Graph, n: usize, state: &mut [u8], stack: &mut Vec<usize>) -> Option<Vec<usize>> {
        state[n] = 1;
        stack.push(n);
        for &m in g.edges.get(&n).into_iter().flatten() {
            match state[m] {
                1 => {
                    let from = stack.iter().position(|&x| x == m).unwrap();
                    let mut c = stack[from..].to_vec();
                    c.push(m);
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(g, m, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state[n] = 2;
        None
    }
    let mut state = vec![0u8; g.names.len()];
    for n in 0..g.names.len() {
        if state[n] == 0 {
            if let Some(c) = visit(g, n, &mut state, &mut Vec::new()) {
                return Some(c.into_iter().map(|i| g.names[i].clone()).collect());
            }
        }
    }
    None
}

/// The edges the layering forbids, as “from → to”.
fn forbidden(g: &Graph) -> Vec<String> {
    let utility = |n: &str| matches!(n, "span.rs" | "decimal.rs" | "search.rs");
    let mut out = Vec::new();
    for (&i, to) in &g.edges {
        let from = g.names[i].as_str();
        for &j in to {
            let to = g.names[j].as_str();
            let bad = (from.starts_with("read/") && to.starts_with("extract/"))
                || (from.starts_with("extract/") && to.starts_with("read/"))
                || (from.starts_with("vocab/") && !(to.starts_with("vocab/") || utility(to)))
                || (utility(from) && !utility(to))
                || (from.starts_with("write/") && !to.starts_with("write/"))
                || (!from.starts_with("workspace/")
                    && !from.starts_with("write/")
                    && from != "lib.rs"
                    && (to.starts_with("workspace/") || to.starts_with("write/")));
            if bad {
                out.push(format!("{from} → {to}"));
            }
        }
    }
    out
}

#[test]
fn the_core_is_layered() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&sources(&src));
    // The analysis sees the crate: the pipeline's main edges are there.
    let has = |a: &str, b: &str| {
        let (i, j) = (
            g.names.iter().position(|n| n == a).unwrap(),
            g.names.iter().position(|n| n == b).unwrap(),
        );
        g.edges.get(&i).is_some_and(|t| t.contains(&j))
    };
    assert!(has("read/text.rs", "vocab/headings.rs"));
    assert!(has("extract/tables.rs", "vocab/value.rs"));
    assert!(has("rules/arithmetic.rs", "vocab/template.rs"));
    assert!(has("workspace/memo.rs", "write/docx.rs"));
    assert!(has("workspace/groups.rs", "vocab/agency.rs"));
    if std::env::var_os("NIANBAO_LAYERS").is_some() {
        for (i, to) in &g.edges {
            for j in to {
                println!("{} -> {}", g.names[*i], g.names[*j]);
            }
        }
    }
    if let Some(c) = circle(&g) {
        panic!(
            "an import circle between files of the core: {}",
            c.join(" → ")
        );
    }
    let bad = forbidden(&g);
    assert!(
        bad.is_empty(),
        "imports the layering forbids:\n{}",
        bad.join("\n")
    );
}

/// The analysis itself, on a made-up crate: it finds the circle and the
/// forbidden edges it is there to find.
#[test]
fn the_analysis_finds_circles_and_forbidden_imports() {
    let file = |module: &[&str], dir: bool, text: &str| Source {
        module: module.iter().map(|s| s.to_string()).collect(),
        has_children_dir: dir,
        text: text.to_string(),
    };
    let crate_ = [
        file(
            &[],
            true,
            "pub mod read; pub mod extract; pub mod vocab; pub use read::read;",
        ),
        file(
            &["read"],
            true,
            "pub mod text;\npub fn read() { text::read() }",
        ),
        file(
            &["read", "text"],
            false,
            "use super::super::vocab::label; // crate::extract::x in a comment\n\
             pub fn read() { let _ = \"crate::extract\"; }\n\
             #[cfg(test)]\nmod tests { use crate::extract::tables; }",
        ),
        file(&["extract"], true, "pub mod tables;"),
        file(
            &["extract", "tables"],
            false,
            "use crate::{vocab::{label::fold}};",
        ),
        file(&["vocab"], true, "pub mod label;"),
        file(&["vocab", "label"], false, "pub fn fold() {}"),
    ];
    let g = graph(&crate_);
    assert_eq!(circle(&g), None);
    assert!(forbidden(&g).is_empty(), "{:?}", forbidden(&g));

    // A reader that names extraction, and a vocabulary that names a reader,
    // which closes a circle.
    let mut bad = crate_;
    bad[2]
        .text
        .push_str("\nfn f() { crate::extract::tables::x() }");
    bad[6].text.push_str("\nuse crate::read::text;");
    let g = graph(&bad);
    assert_eq!(
        forbidden(&g),
        [
            "read/text.rs → extract/tables.rs",
            "vocab/label.rs → read/text.rs"
        ]
    );
    assert_eq!(
        circle(&g).unwrap(),
        [
            "read/text.rs",
            "extract/tables.rs",
            "vocab/label.rs",
            "read/text.rs"
        ]
    );
}

/// The checker never names the workspace or the writers; the writers name
/// only one another.
#[test]
fn the_checker_does_not_depend_on_the_workspace() {
    let file = |module: &[&str], dir: bool, text: &str| Source {
        module: module.iter().map(|s| s.to_string()).collect(),
        has_children_dir: dir,
        text: text.to_string(),
    };
    let mut crate_ = vec![
        file(
            &[],
            true,
            "pub mod rules; pub mod workspace; pub mod write;",
        ),
        file(&["rules"], true, "pub fn run() {}"),
        file(&["workspace"], true, "pub mod memo;"),
        file(
            &["workspace", "memo"],
            false,
            "use crate::write::docx; use crate::rules::run;",
        ),
        file(&["write"], true, "pub mod docx;"),
        file(&["write", "docx"], false, "pub fn docx() {}"),
    ];
    assert!(forbidden(&graph(&crate_)).is_empty());
    crate_[1].text.push_str("\nuse crate::workspace::memo;");
    crate_[5].text.push_str("\nuse crate::rules::run;");
    assert_eq!(
        forbidden(&graph(&crate_)),
        [
            "rules/mod.rs → workspace/memo.rs",
            "write/docx.rs → rules/mod.rs"
        ]
    );
}
