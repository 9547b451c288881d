//! The rule catalogue (docs/format.md, docs/rules.md). One family per file: its
//! catalogue entries (`RULES`), its rules, the report each rule's example
//! message comes from (`examples`, tested below) and its snapshot tests.
//!
//! | family | file |
//! |---|---|
//! | S sections | `sections` |
//! | F format | `format` |
//! | A arithmetic | `arithmetic` |
//! | N numbers | `numbers` |
//! | T text | `text` |
//! | Q quality | `quality` |
//! | P plausibility | `plausibility` |
//! | X across reports | `cross` |
//! | R reading | `reading` |

use crate::diagnostic::{Diagnostic, Severity};
pub(crate) use context::{
    cell_at, cell_name, cell_name_en, column_label, column_label_en, counted, fmt_num,
    in_section_at, missing_section_at, prose, request_row_desc, row_label, row_label_en,
    short_label, sum_value, table_def, table_name, table_name_en, whole,
};
pub use context::{Context, CrossFinding, RuleMeta};
pub use cross::CrossRun;
pub use reading::MAX_FINDINGS;

/// A catalogue entry ([`RuleMeta`]), written in each family's file.
macro_rules! rule {
    ($id:literal, $sev:ident, $fam:literal, $t:literal, $ten:literal, $d:literal, $den:literal, $ex:literal) => {
        $crate::rules::RuleMeta {
            id: $id,
            severity: $crate::diagnostic::Severity::$sev,
            family: $fam,
            title: $t,
            title_en: $ten,
            description: $crate::rules::doc($d),
            description_en: $crate::rules::doc($den),
            example: $crate::rules::doc($ex),
            basis: $crate::rules::doc($crate::rules::guidance::of($id).basis),
            basis_en: $crate::rules::doc($crate::rules::guidance::of($id).basis_en),
            fix: $crate::rules::doc($crate::rules::guidance::of($id).fix),
            fix_en: $crate::rules::doc($crate::rules::guidance::of($id).fix_en),
        }
    };
}

/// A family's `finding`: a finding of one of the rules in its `RULES`, with the
/// severity the catalogue gives that rule.
macro_rules! family_finding {
    () => {
        fn finding(
            id: &'static str,
            at: $crate::diagnostic::Location,
            message: impl Into<String>,
            message_en: impl Into<String>,
        ) -> $crate::diagnostic::Diagnostic {
            $crate::rules::context::finding(RULES, id, at, message, message_en)
        }
    };
}

/// A catalogue entry's longer text: itself with the feature `rule-docs`, else
/// empty (evaluated while compiling, so the text is not in the build).
#[doc(hidden)]
pub const fn doc(text: &'static str) -> &'static str {
    if cfg!(feature = "rule-docs") {
        text
    } else {
        ""
    }
}

mod arithmetic;
mod certainty;
mod context;
mod cross;
mod format;
mod guidance;
mod numbers;
mod plausibility;
mod quality;
mod reading;
mod sections;
mod text;

#[cfg(test)]
pub(crate) mod testing;

/// The catalogue, family by family: each family's entries sit in its own
/// file beside its rules ([`sections::RULES`], …), in this order.
const FAMILIES: [&[RuleMeta]; 9] = [
    sections::RULES,
    format::RULES,
    arithmetic::RULES,
    numbers::RULES,
    text::RULES,
    quality::RULES,
    plausibility::RULES,
    cross::RULES,
    reading::RULES,
];

/// How many rules the catalogue has.
const COUNT: usize = {
    let (mut n, mut f) = (0, 0);
    while f < FAMILIES.len() {
        n += FAMILIES[f].len();
        f += 1;
    }
    n
};

/// The families' entries one after the other.
const ALL: [RuleMeta; COUNT] = {
    let mut out = [FAMILIES[0][0]; COUNT];
    let (mut at, mut f) = (0, 0);
    while f < FAMILIES.len() {
        let mut i = 0;
        while i < FAMILIES[f].len() {
            out[at] = FAMILIES[f][i];
            at += 1;
            i += 1;
        }
        f += 1;
    }
    out
};

/// Every rule of the catalogue.
pub static RULES: &[RuleMeta] = &ALL;

/// The catalogue entry of a rule id.
pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|r| r.id == id)
}

/// The severity of a rule of the registry (Warning for an unknown id).
pub fn severity(id: &str) -> Severity {
    meta(id).map(|m| m.severity).unwrap_or(Severity::Warning)
}

/// Run every single-report rule.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A spreadsheet holds the tables alone: judging its sections and narrative
    // would only report, rule after rule, that they are absent.
    let tables_only = ctx.doc.input.kind == crate::document::InputKind::Xlsx;
    if !tables_only {
        sections::check(ctx, &mut out);
    }
    format::check(ctx, &mut out);
    arithmetic::check(ctx, &mut out);
    numbers::check(ctx, &mut out);
    if !tables_only {
        text::check(ctx, &mut out);
        quality::check(ctx, &mut out);
    }
    plausibility::check(ctx, &mut out);
    certainty::settle(ctx.report, &mut out);
    reading::check(ctx, &mut out);
    reading::cap(&mut out, MAX_FINDINGS, ctx.unlisted());
    out
}

/// Run the cross-report rules over several reports (any order); `None` stands
/// for a file that could not be read. Indices in the findings are positions in
/// `reports`.
pub fn run_cross(reports: &[Option<Context>]) -> Vec<CrossFinding> {
    cross::check(reports)
}

/// Run the cross-report rules on two reports a person has paired by hand, as
/// if `later` were the report of the year after `earlier`'s, whatever their
/// names and years say. In the findings `later` is index 0, `earlier` 1.
pub fn run_pair(later: &Context, earlier: &Context) -> Vec<CrossFinding> {
    let mut out = Vec::new();
    cross::pair(0, later, 1, earlier, &mut out);
    out
}

/// docs/rules.md, generated from [`RULES`].
pub fn rules_markdown() -> String {
    let mut s = String::new();
    s.push_str("# Rules\n\n");
    s.push_str("<!-- Generated from core/src/rules/mod.rs (RULES); do not edit by hand.\n");
    s.push_str(
        "     Regenerate with: UPDATE_RULE_DOCS=1 cargo test -p nianbao-core rules_doc -->\n\n",
    );
    s.push_str("Severity: **E** error (the report is wrong), **W** warning (probably wrong, or off the format), **I** information.\n\n");
    s.push_str(
        "Every finding says where it sits (`at`: a table cell by its canonical keys, or a span \
         of the text), which other cells take part (`related`: for a sum, the total and each \
         addend), and, where a number is involved, what was `expected` and what was found \
         (`actual`). Messages are in Chinese, with an English version; row and column labels \
         in them come from the national template. The canonical keys and the list of rule ids \
         are in [format.md](format.md), the shape of the whole result in [export.md](export.md).\n\n\
         In sums a blank cell (空白, “/”, “-”, “无”) counts as 0 (N002 reports it); a sum that \
         involves a missing or unreadable cell is not checked (F003 and N001 report those). A \
         failed sum cannot tell which of its cells is wrong, so the finding names them all; \
         where a row sum and a column sum of table 三 fail at once and changing one cell would \
         balance both, the finding names that cell and its value.\n\n\
         The X rules compare reports of one agency (same name, with or without its city) for \
         consecutive years, checked together.\n\n",
    );
    s.push_str("| id | sev | what is checked |\n|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| [{}](#{}) | {} | {} — {} |\n",
            r.id,
            r.id.to_lowercase(),
            sev_letter(r.severity),
            r.title,
            r.title_en
        ));
    }
    let families = [
        ("S", "Sections"),
        ("F", "Format of the tables"),
        ("A", "Arithmetic of the tables"),
        ("N", "Numbers in cells"),
        ("T", "Text against tables, years, dates"),
        ("Q", "Quality of content"),
        ("P", "Plausibility"),
        ("X", "Across reports of one agency"),
    ];
    for (f, name) in families {
        s.push_str(&format!("\n## {f} — {name}\n"));
        for r in RULES.iter().filter(|r| r.family == f) {
            s.push_str(&format!(
                "\n### {}\n\n**{}** · {} · {}\n\n{}\n\n{}\n\nExample: “{}”\n\n\
                 依据 Basis: {} ({})\n\n\
                 如何改正 How to fix: {}\n\n{}\n",
                r.id,
                sev_letter(r.severity),
                r.title,
                r.title_en,
                r.description,
                r.description_en,
                r.example,
                r.basis,
                r.basis_en,
                r.fix,
                r.fix_en
            ));
        }
    }
    s
}

fn sev_letter(s: Severity) -> &'static str {
    match s {
        Severity::Error => "E",
        Severity::Warning => "W",
        Severity::Info => "I",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use crate::document::Document;
    use crate::report::Report;
    use crate::span::Span;

    #[test]
    fn registry_is_complete_and_unique() {
        let ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), 30);
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        for r in RULES {
            assert_eq!(&r.id[..1], r.family);
            assert!(!r.description.is_empty() && !r.example.is_empty());
        }
        // Each family's file holds its own entries, and only those.
        for family in FAMILIES {
            assert!(family.iter().all(|r| r.family == family[0].family));
        }
        assert_eq!(meta("A004").map(|m| m.severity), Some(Severity::Error));
        assert_eq!(meta("X002").map(|m| m.severity), Some(Severity::Info));
    }

    /// The first message of each rule on its example report.
    fn example_messages() -> Vec<(&'static str, Option<String>)> {
        [
            sections::examples,
            format::examples,
            arithmetic::examples,
            numbers::examples,
            text::examples,
            quality::examples,
            plausibility::examples,
            cross::examples,
            reading::examples,
        ]
        .into_iter()
        .flat_map(|examples| examples())
        .map(|(id, fx)| {
            let found: Vec<Diagnostic> = if id.starts_with('X') {
                let ctxs: Vec<_> = fx.iter().map(|f| Some(f.ctx())).collect();
                run_cross(&ctxs).into_iter().map(|f| f.diagnostic).collect()
            } else {
                fx.first().map(|f| run(&f.ctx())).unwrap_or_default()
            };
            (
                id,
                found.into_iter().find(|d| d.rule == id).map(|d| d.message),
            )
        })
        .chain(std::iter::once({
            // R002: five findings more than a report lists.
            let one = Diagnostic::new("N002", Severity::Warning, Location::Document, "", "");
            let mut found = vec![one; MAX_FINDINGS + 5];
            reading::cap(&mut found, MAX_FINDINGS, 0);
            (
                "R002",
                found
                    .into_iter()
                    .find(|d| d.rule == "R002")
                    .map(|d| d.message),
            )
        }))
        .collect()
    }

    #[test]
    fn every_rule_has_an_example_report_and_its_example_is_real() {
        let got = example_messages();
        assert_eq!(got.len(), RULES.len());
        let mut wrong = Vec::new();
        for (id, message) in &got {
            let m = meta(id).expect("rule in registry");
            match message {
                None => wrong.push(format!("{id}: the example report gives no {id}")),
                Some(msg) if msg != m.example => wrong.push(format!("{id}: {msg}")),
                _ => {}
            }
        }
        assert!(
            wrong.is_empty(),
            "examples differ from the rules' messages:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn nothing_found_gives_missing_sections_and_tables() {
        let doc = Document {
            lines: Default::default(),
            skipped: Vec::new(),
            places: Default::default(),
            text: String::new(),
            blocks: Vec::new(),
            input: crate::document::InputInfo {
                kind: crate::document::InputKind::Text,
                encoding: "utf-8".into(),
                layout: "unknown".into(),
            },
        };
        let report = Report::empty();
        let d = run(&Context::new(&doc, &report));
        let ids: Vec<_> = d.iter().map(|d| d.rule).collect();
        assert_eq!(
            ids,
            ["S001", "S001", "S001", "S001", "S001", "S001", "F003", "F003", "F003"]
        );
    }

    #[test]
    fn spans_off_the_text_do_not_panic() {
        let mut f = testing::clean();
        let len = f.doc.text.len();
        for s in f.report.sections.iter_mut() {
            s.body = Span::new(s.body.start + 1, len + 100);
            s.heading = Span::new(len + 5, len + 1);
        }
        if let Some(c) = f.report.requests.cells.first_mut() {
            c.span = Some(Span::new(1, 2));
        }
        f.doc.text.push_str("一是二是十是百是是（（（)）1.2.3、");
        let _ = run(&f.ctx());
        let _ = run_cross(&[Some(f.ctx()), Some(f.ctx()), None]);
    }

    /// docs/rules.md is generated from the registry; run with
    /// `UPDATE_RULE_DOCS=1` to rewrite it.
    #[test]
    fn every_rule_says_what_it_rests_on_and_how_to_fix_it() {
        for r in RULES {
            for (what, text) in [
                ("basis", r.basis),
                ("basis_en", r.basis_en),
                ("fix", r.fix),
                ("fix_en", r.fix_en),
            ] {
                assert!(!text.trim().is_empty(), "{}: no {what}", r.id);
            }
            // The reading family rests on the checker's own limits, not on
            // a regulation; every other rule cites one.
            assert!(
                r.id.starts_with('R') || r.basis.contains('《') || r.basis.contains('〔'),
                "{}",
                r.id
            );
        }
        for g in guidance::GUIDANCE {
            assert!(RULES.iter().any(|r| r.id == g.id), "{}: no such rule", g.id);
        }
        assert_eq!(guidance::GUIDANCE.len(), RULES.len());
    }

    #[test]
    fn rules_doc() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
        let generated = rules_markdown();
        if std::env::var_os("UPDATE_RULE_DOCS").is_some() {
            std::fs::create_dir_all(path.parent().expect("docs dir")).expect("create docs/");
            std::fs::write(&path, &generated).expect("write docs/rules.md");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/rules.md is stale: run `UPDATE_RULE_DOCS=1 cargo test -p nianbao-core rules_doc`"
        );
    }
}
