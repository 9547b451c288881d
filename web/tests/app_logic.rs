//! The logic of the web app: the reducer, the exports, the highlighting of
//! findings in the text, the figures of the charts. Runs in the browser
//! (`wasm-bindgen-test`) and natively.
#![cfg(feature = "app")]

use nianbao_core::report::Located;
use nianbao_core::vocab::template::{ColumnKey as C, RowKey as R};
use nianbao_core::{
    Block, CellRef, Checked, Diagnostic, Document, InputInfo, InputKind, Location, Paragraph,
    Report, Severity, Span, TableKey,
};
use nianbao_web::app::check::{check_file, Outcome};
use nianbao_web::app::export::{findings_csv, json, values_csv};
use nianbao_web::app::highlight::{cell_marks, marks, segments, target_id};
use nianbao_web::app::i18n::export_name;
use nianbao_web::app::i18n::Lang;
use nianbao_web::app::state::{cross_items, Action, Entry, SortKey, State};
use nianbao_web::app::{chart_data, findings::Finding};
use std::rc::Rc;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::*;
use yew::Reducible;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str =
    "某县人民政府2024年政府信息公开工作年度报告\n共收到申请<script>12</script>件。\n";

/// A checked report made by hand: one paragraph, a few table values, an A004
/// in table 四 and a T001 on the figure in the text.
fn checked(agency: &str, year: i32) -> Checked {
    let twelve = TEXT.find("12").unwrap();
    let mut report = Report::empty();
    report.agency = Some(Located::new(agency.to_string(), Span::new(0, 6)));
    report.year = Some(Located::new(year, Span::new(0, 4)));
    for (row, col, v) in [
        (R::New, C::NaturalPerson, 30.0),
        (R::New, C::Total, 35.0),
        (R::CarriedOver, C::Total, 0.0),
        (R::Disclosed, C::Total, 20.0),
        (R::TotalProcessed, C::Total, 35.0),
    ] {
        let c = report.requests.cell_mut(row, col).unwrap();
        c.value = Some(v);
        c.raw = Some(v.to_string().into());
        c.problem = None;
    }
    for (col, v) in [(C::Upheld, 0.0), (C::Total, 1.0)] {
        let c = report
            .appeals
            .cell_mut(R::LitigationAfterReview, col)
            .unwrap();
        c.value = Some(v);
        c.problem = None;
    }
    let total = CellRef::new(TableKey::Appeals, R::LitigationAfterReview, C::Total);
    let upheld = CellRef::new(TableKey::Appeals, R::LitigationAfterReview, C::Upheld);
    let a004 = Diagnostic::new(
        "A004",
        Severity::Error,
        Location::Cell(total),
        "总计应为 0，报告填写为 1",
        "total should be 0, the report says 1",
    )
    .with_related([Location::Cell(upheld)])
    .with_expected(0)
    .with_actual(1);
    let t001 = Diagnostic::new(
        "T001",
        Severity::Warning,
        Location::Span(Span::new(twelve, twelve + 2)),
        "正文 12 件，表格 35 件",
        "the text says 12, the table 35",
    )
    .with_related([Location::Cell(CellRef::new(
        TableKey::Requests,
        R::New,
        C::Total,
    ))])
    .with_expected(35)
    .with_actual(12);
    Checked {
        document: Document::new(
            TEXT.to_string(),
            vec![Block::Paragraph(Paragraph {
                span: Span::new(0, TEXT.len()),
            })],
            InputInfo {
                kind: InputKind::Text,
                encoding: "utf-8".into(),
                layout: "tsv".into(),
            },
        ),
        report,
        diagnostics: vec![a004, t001],
    }
}

fn outcome(c: Checked) -> Rc<Outcome> {
    Rc::new(Outcome {
        result: Ok(c),
        check_ms: 1.0,
        total_ms: 2.0,
        given_ms: 0.0,
    })
}

/// The batch done at `now_ms`: the page asks for the cross-report findings,
/// and they come (worked out here at once, as the page does between frames).
fn finish(s: Rc<State>, now_ms: f64) -> Rc<State> {
    let (progress, last) = (s.progress.clone(), s.last_batch_ms);
    let s = reduce(s, Action::Finished);
    let due = s.cross_due.expect("the cross-report findings asked for");
    // The batch is not done before they come.
    assert_eq!((&s.progress, s.last_batch_ms), (&progress, last));
    let cross = cross_items(&s.entries, &s.pairs);
    let s = reduce(
        s,
        Action::Crossed {
            due,
            cross: cross.clone(),
            now_ms,
        },
    );
    assert!(s.cross_due.is_none());
    // An answer to a request made before counts no more.
    let again = reduce(s.clone(), Action::Crossed { due, cross, now_ms });
    assert!(Rc::ptr_eq(&s, &again));
    s
}

fn reduce(s: Rc<State>, a: Action) -> Rc<State> {
    s.reduce(a)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn reducer_queues_checks_sorts_filters_and_clears() {
    let s = Rc::new(State::default());
    let s = reduce(
        s,
        Action::Queue {
            files: vec![(1, "b.txt".into(), None), (2, "a.doc".into(), None)],
            now_ms: 100.0,
        },
    );
    assert_eq!(s.entries.len(), 2);
    assert_eq!(s.selected, None, "several files show the list first");
    assert_eq!(s.progress.as_ref().map(|p| (p.done, p.total)), Some((0, 2)));

    let s = reduce(
        s,
        Action::Done {
            id: 1,
            outcome: outcome(checked("某县人民政府", 2024)),
        },
    );
    // A legacy Word file is refused with a message, not a panic.
    let doc = check_file(
        "a.doc",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    );
    assert!(doc.result.is_err());
    let s = reduce(
        s,
        Action::Done {
            id: 2,
            outcome: Rc::new(doc),
        },
    );
    assert_eq!(s.progress.as_ref().map(|p| p.done), Some(2));
    let s = finish(s, 150.0);
    assert!(s.progress.is_none());
    assert_eq!(s.last_batch_ms, Some(50.0));

    // Sorting by errors: the unreadable file (no count) goes last; again: reversed.
    let s = reduce(s, Action::Sort(SortKey::Errors));
    let order: Vec<_> = s.sorted().iter().map(|e| e.id).collect();
    assert_eq!(order, vec![1, 2]);
    let s = reduce(s, Action::Sort(SortKey::File));
    let order: Vec<_> = s.sorted().iter().map(|e| e.name.as_str()).collect();
    assert_eq!(order, vec!["a.doc", "b.txt"]);
    let s = reduce(s, Action::Sort(SortKey::File));
    assert!(!s.ascending);
    let order: Vec<_> = s.sorted().iter().map(|e| e.name.as_str()).collect();
    assert_eq!(order, vec!["b.txt", "a.doc"]);

    let s = reduce(s, Action::Select(Some(1)));
    assert_eq!(s.selected_entry().map(|e| e.name.as_str()), Some("b.txt"));
    let diags = &s.selected_entry().unwrap().checked().unwrap().diagnostics;
    let s = reduce(s.clone(), Action::ToggleSeverity(Severity::Error));
    assert_eq!(diags.iter().filter(|d| s.filter.shows(d)).count(), 1);
    let s = reduce(s, Action::ToggleFamily('T'));
    assert_eq!(diags.iter().filter(|d| s.filter.shows(d)).count(), 0);
    let s = reduce(s, Action::ToggleSeverity(Severity::Error));
    assert_eq!(
        diags
            .iter()
            .filter(|d| s.filter.shows(d))
            .map(|d| d.rule)
            .collect::<Vec<_>>(),
        vec!["A004"]
    );

    let s = reduce(s, Action::SetLang(Lang::En));
    let s = reduce(s, Action::Clear);
    assert!(s.entries.is_empty());
    assert_eq!(s.lang, Lang::En, "clearing keeps the language");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_single_file_opens_at_once_and_years_pair_up() {
    let s = Rc::new(State::default());
    let s = reduce(
        s,
        Action::Queue {
            files: vec![(10, "2024.txt".into(), None)],
            now_ms: 0.0,
        },
    );
    assert_eq!(s.selected, Some(10));
    let s = reduce(
        s,
        Action::Done {
            id: 10,
            outcome: outcome(checked("某县人民政府", 2024)),
        },
    );
    let s = reduce(
        s,
        Action::Queue {
            files: vec![(11, "2023.txt".into(), None)],
            now_ms: 0.0,
        },
    );
    let s = reduce(
        s,
        Action::Done {
            id: 11,
            outcome: outcome(checked("某县人民政府", 2023)),
        },
    );
    assert_eq!(s.previous_year_of(10).map(|e| e.id), Some(11));
    assert_eq!(s.previous_year_of(11).map(|e| e.id), None);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn findings_are_marked_in_the_text_and_the_cells() {
    let c = checked("某县人民政府", 2024);
    let m = marks(&c.report, &c.diagnostics);
    // T001 sits on “12”; the cells have no span in the text here.
    assert_eq!(m.len(), 1);
    let segs = segments(&c.document.text, Span::new(0, c.document.text.len()), &m);
    let marked: Vec<_> = segs
        .iter()
        .filter(|s| !s.marks.is_empty())
        .map(|s| (s.text(&c.document.text), s.marks.clone()))
        .collect();
    assert_eq!(marked, vec![("12", vec![(1, true)])]);
    // The markup in the text stays text: it is in the segments as written.
    assert!(segs
        .iter()
        .any(|s| s.text(&c.document.text).ends_with("<script>")));

    let cells = cell_marks(&c.diagnostics);
    let total = CellRef::new(TableKey::Appeals, R::LitigationAfterReview, C::Total);
    let upheld = CellRef::new(TableKey::Appeals, R::LitigationAfterReview, C::Upheld);
    assert_eq!(cells.get(&total), Some(&vec![(0, true)]));
    assert_eq!(cells.get(&upheld), Some(&vec![(0, false)]));
    assert_eq!(
        target_id(0, &c.diagnostics[0].at),
        "cell-appeals-litigation_after_review-total"
    );
    assert_eq!(target_id(1, &c.diagnostics[1].at), "mark-1");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn exports_findings_values_and_json() {
    let s = Rc::new(State::default());
    let s = reduce(
        s,
        Action::Queue {
            files: vec![(1, "=evil,\"name\".txt".into(), None)],
            now_ms: 0.0,
        },
    );
    let s = reduce(
        s,
        Action::Done {
            id: 1,
            outcome: outcome(checked("某县人民政府", 2024)),
        },
    );
    let csv = findings_csv(Lang::Zh, &s.entries, &[]);
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines.len(), 3);
    // The headers, the severities and the places in the page's language.
    assert!(
        lines[0].starts_with("文件,规则,严重程度,问题,表,行,列,行号,字,应为,实际,对比文件,位置")
    );
    assert!(lines[1].starts_with("\"'=evil,\"\"name\"\".txt\",A004,错误,"));
    assert!(
        lines[1].ends_with(",0,1,,表四 · 行政诉讼·复议后起诉 · 总计"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("政府信息公开行政复议、行政诉讼情况,行政诉讼·复议后起诉,总计"));
    // T001 is in the text: line 2, character 14.
    assert!(lines[2].contains(",T001,警告,"));
    assert!(lines[2].ends_with(",第 2 行第 14 字"), "{}", lines[2]);
    assert!(lines[2].contains(",2,14,35,12,"), "{}", lines[2]);
    let en = findings_csv(Lang::En, &s.entries, &[]);
    assert!(en.starts_with("file,rule,severity,message,table,row,column,line,char,expected,actual,other_file,place\r\n"));
    assert!(en.contains(",\"line 2, character 14\"\r\n"), "{en}");

    let values = values_csv(Lang::En, &s.entries);
    assert!(values.contains(",Table 3,new,total,new requests this year,total,35,35,\r\n"));
    let zh = values_csv(Lang::Zh, &s.entries);
    assert!(zh.starts_with("文件,机关,年度,表,行代码,列代码,行,列,数值,原文,问题\r\n"));
    assert!(zh.contains(",表三,new,total,"));
    assert!(
        zh.contains(",缺失\r\n"),
        "a cell not found is named in words"
    );

    // The names of the exports come from the report.
    assert_eq!(
        export_name(Lang::Zh, &s.entries, 0),
        "某县人民政府-2024-问题清单.csv"
    );
    assert_eq!(
        export_name(Lang::En, &s.entries, 2),
        "某县人民政府-2024-result.json"
    );
    // 10 + 175 + 15 cells and a header.
    assert_eq!(values.lines().count(), 201);

    let j: serde_json::Value = serde_json::from_str(&json(&s.entries)).unwrap();
    assert_eq!(j["file"], "=evil,\"name\".txt");
    assert_eq!(j["summary"]["errors"], 1);
    assert_eq!(j["diagnostics"][0]["rule"], "A004");
    assert_eq!(
        j["diagnostics"][0]["at"]["cell"]["row"],
        "litigation_after_review"
    );
    assert_eq!(j["report"]["requests"]["new"]["total"], 35);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn chart_figures_come_from_the_tables() {
    let c = checked("某县人民政府", 2024);
    let a = chart_data::applicants(&c.report, Lang::Zh);
    assert_eq!(a[0].label, "自然人");
    assert_eq!(a[0].value, Some(30.0));
    let o = chart_data::outcomes(&c.report, Lang::Zh);
    assert_eq!(o[0].value, Some(20.0));
    let r = chart_data::ratios(&c.report);
    assert_eq!(r.disclosed.map(|v| (v * 35.0).round()), Some(20.0));
    assert_eq!(r.corrected, None, "no reviews, no share");
    let ap = chart_data::appeals(&c.report, Lang::En);
    assert_eq!(ap[1].label, "Lawsuits");
    assert_eq!(ap[1].parts[0].value, Some(0.0));
    // Findings carry their rule id into the title of a highlight.
    let f = Finding {
        diag: c.diagnostics[0].clone(),
        other: None,
        new: false,
    };
    assert_eq!(
        f.title(Lang::En),
        "A004 total should be 0, the report says 1"
    );
}

/// The batch charts: one bar per file read, in the order of the table; a file
/// unreadable or still waiting has none.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn batch_charts_have_one_bar_per_file_read() {
    let mut other = checked("另一县人民政府", 2024);
    other.diagnostics.clear();
    let c = other
        .report
        .requests
        .cell_mut(R::PartiallyDisclosed, C::Total);
    c.unwrap().value = Some(15.0);
    let unreadable = check_file("b.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0]);
    let entry = |id, name: &str, outcome: Option<Rc<Outcome>>| Entry {
        outcome,
        ..Entry::new(id, name.into())
    };
    let entries = vec![
        entry(
            1,
            "<b>甲</b>.txt",
            Some(outcome(checked("某县人民政府", 2024))),
        ),
        entry(2, "b.doc", Some(Rc::new(unreadable))),
        entry(3, "waiting.txt", None),
        entry(4, "乙.txt", Some(outcome(other))),
    ];
    let names = |v: &[chart_data::Stack]| v.iter().map(|s| s.label.clone()).collect::<Vec<_>>();
    let want = vec!["<b>甲</b>.txt".to_string(), "乙.txt".to_string()];

    let f = chart_data::findings_per_file(&entries, Lang::Zh);
    assert_eq!(names(&f), want);
    let counts = |s: &chart_data::Stack| s.parts.iter().map(|p| p.value).collect::<Vec<_>>();
    assert_eq!(counts(&f[0]), vec![Some(1.0), Some(1.0)], "A004 and T001");
    assert_eq!(counts(&f[1]), vec![Some(0.0), Some(0.0)]);
    assert_eq!(f[0].note.as_deref(), Some("✖1 ▲1"));
    assert_eq!(f[0].parts[1].label, "警告");
    assert_eq!(
        chart_data::findings_per_file(&entries, Lang::En)[0].parts[0].label,
        "Errors"
    );

    let o = chart_data::outcomes_per_file(&entries, Lang::Zh);
    assert_eq!(names(&o), want);
    assert_eq!(o[1].parts.len(), 6);
    assert_eq!(o[1].parts[1].label, "部分公开");
    assert_eq!(counts(&o[1])[..2], [Some(20.0), Some(15.0)]);

    let d = chart_data::disclosed_per_file(&entries, Lang::Zh);
    assert_eq!(names(&d), want);
    assert_eq!(d[0].parts[0].value, Some(20.0 / 35.0));
    assert_eq!(d[1].parts[0].value, Some(1.0), "(20 + 15) / 35");

    let r = chart_data::ratio_bars(&entries[0].checked().unwrap().report, Lang::En);
    assert_eq!(r[0].label, "Disclosed in full or in part, of all handled");
    assert_eq!(r[0].parts[0].value, Some(20.0 / 35.0));
    assert_eq!(r[1].key, "corrected");
    assert_eq!(r[1].parts[0].value, None, "no reviews");
    assert!(chart_data::findings_per_file(&entries[1..3], Lang::Zh).is_empty());
}

const SEED_003: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/seeds/003_988e673ff9f8f84e.txt"
));

/// Seed 003 through the app's own checking step: its A004 lands on the cell,
/// its T001 on the figure in the text, and the charts take the table's values.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn seed_003_findings_land_where_they_sit() {
    let o = check_file("003.txt", SEED_003.as_bytes());
    let c = o.checked().expect("seed 003 reads");
    let rules: Vec<_> = c.diagnostics.iter().map(|d| d.rule).collect();
    assert!(
        rules.contains(&"A004") && rules.contains(&"T001"),
        "{rules:?}"
    );

    let cells = cell_marks(&c.diagnostics);
    let total = CellRef::new(TableKey::Appeals, R::LitigationAfterReview, C::Total);
    let a004 = rules.iter().position(|r| *r == "A004").unwrap();
    assert!(cells.get(&total).unwrap().contains(&(a004, true)));
    for col in [C::Upheld, C::Corrected, C::Other, C::Pending] {
        let at = CellRef::new(TableKey::Appeals, R::LitigationAfterReview, col);
        assert!(cells.get(&at).unwrap().contains(&(a004, false)), "{col}");
    }

    let t001 = rules.iter().position(|r| *r == "T001").unwrap();
    let text = &c.document.text;
    let m = marks(&c.report, &c.diagnostics);
    let segs = segments(text, Span::new(0, text.len()), &m);
    let joined: String = segs.iter().map(|s| s.text(text)).collect();
    assert_eq!(&joined, text, "segments cover the text exactly");
    let marked: String = segs
        .iter()
        .filter(|s| s.marks.contains(&(t001, true)))
        .map(|s| s.text(text))
        .collect();
    assert!(marked.starts_with("12"), "T001 marks {marked:?}");

    let a = chart_data::applicants(&c.report, Lang::Zh);
    assert_eq!(a[0].value, Some(35.0));
    let ap = chart_data::appeals(&c.report, Lang::Zh);
    assert_eq!(
        ap[0].parts.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![Some(6.0), Some(1.0), Some(0.0), Some(0.0)]
    );
    let r = chart_data::ratios(&c.report);
    assert_eq!(r.corrected.map(|v| (v * 7.0).round()), Some(1.0));
}

/// Results delivered together (as the batch runner groups them) count each
/// file once, in whatever order the workers finished them.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn results_delivered_together() {
    let s = reduce(
        Rc::new(State::default()),
        Action::Queue {
            files: vec![
                (1, "a.txt".into(), None),
                (2, "b.txt".into(), None),
                (3, "c.txt".into(), None),
            ],
            now_ms: 0.0,
        },
    );
    let s = reduce(
        s,
        Action::DoneMany(vec![
            (3, outcome(checked("某县人民政府", 2024))),
            (1, outcome(checked("某县人民政府", 2023))),
        ]),
    );
    assert_eq!(s.progress.as_ref().map(|p| (p.done, p.total)), Some((2, 3)));
    assert!(s.entry(2).unwrap().outcome.is_none());
    assert_eq!(s.entry(3).unwrap().year(), Some(2024));
    assert_eq!(s.entry(1).unwrap().year(), Some(2023));
    let s = reduce(
        s,
        Action::DoneMany(vec![(2, outcome(checked("某市人民政府", 2024)))]),
    );
    let s = finish(s, 10.0);
    assert!(s.progress.is_none());
    // Two years of one agency: the cross-report rules ran once, at the end.
    assert!(
        s.cross.iter().all(|c| c.report == 3 || c.report == 1),
        "{:?}",
        s.cross
    );
}

/// What a worker sends back becomes the same result as a check on the page;
/// a file stopped for its time, a trapped worker and damaged bytes become
/// errors for that file alone.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn answers_of_a_worker() {
    use nianbao_core::ReadErrorKind;
    use nianbao_web::app::check::from_worker;
    use nianbao_web::wire;
    let here = checked("某县人民政府", 2024);
    let there = from_worker(Ok(&wire::encode(&Ok(here.clone())))).unwrap();
    assert_eq!(there.report, here.report);
    assert_eq!(there.diagnostics, here.diagnostics);
    assert_eq!(there.document, here.document);

    let late = from_worker(Err(("timeout", 20_000.0))).unwrap_err();
    assert_eq!(late.kind, ReadErrorKind::TimedOut);
    assert!(late.message.contains("超过 20 秒"), "{}", late.message);
    assert!(late.message_en.contains("20 s"), "{}", late.message_en);
    let trapped = from_worker(Err(("trap", 0.0))).unwrap_err();
    assert_eq!(trapped.kind, ReadErrorKind::Internal);
    let garbage = from_worker(Ok(&[7, 7, 7])).unwrap_err();
    assert_eq!(garbage.kind, ReadErrorKind::Internal);
    // A file the browser could not read is said to be so, not checked as
    // empty nor blamed on the checker.
    let gone = from_worker(Err(("unreadable", 0.0))).unwrap_err();
    assert_eq!(gone.kind, ReadErrorKind::Unreadable);
    assert!(gone.message.starts_with("无法打开文件"), "{}", gone.message);
    assert!(
        gone.message_en.contains("choose it again"),
        "{}",
        gone.message_en
    );
}

/// A checked report like [`checked`] whose three tables count as found (so
/// that the cross-report rules compare them: identical tables, X003).
fn found(mut c: Checked) -> Checked {
    for t in [
        &mut c.report.proactive,
        &mut c.report.requests,
        &mut c.report.appeals,
    ] {
        t.found = true;
    }
    c
}

/// A checked report like [`checked`], with its findings replaced.
fn with_findings(mut c: Checked, keep: &[&str]) -> Checked {
    c.diagnostics.retain(|d| keep.contains(&d.rule));
    c
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_file_checked_again_replaces_its_earlier_result() {
    use nianbao_web::app::state::View;
    let queue = |s, id: usize, name: &str| {
        reduce(
            s,
            Action::Queue {
                files: vec![(id, name.into(), None)],
                now_ms: 0.0,
            },
        )
    };
    let s = Rc::new(State::default());
    let s = queue(s, 1, "2024.txt");
    let s = reduce(
        s,
        Action::Done {
            id: 1,
            outcome: outcome(checked("某县人民政府", 2024)),
        },
    );
    let s = finish(s, 1.0);
    assert_eq!(s.view(), View::Report(1));
    assert!(
        s.announce.contains("错误 1 项，警告 1 项"),
        "{}",
        s.announce
    );

    // The same name again: one row, the new file in it, the report open.
    let s = queue(s, 2, "2024.txt");
    assert_eq!(s.entries.len(), 1);
    assert_eq!(s.view(), View::Report(2));
    let fixed = with_findings(checked("某县人民政府", 2024), &["T001"]);
    let mut fixed = fixed;
    // A finding the corrected file has that the first had not.
    let mut new = fixed.diagnostics[0].clone();
    new.rule = "Q003";
    new.at = Location::Document;
    fixed.diagnostics.push(new);
    let s = reduce(
        s,
        Action::Done {
            id: 2,
            outcome: outcome(fixed),
        },
    );
    let s = finish(s, 2.0);
    let c = s.entry(2).unwrap().change.clone().expect("what changed");
    assert_eq!(
        (
            c.resolved.iter().map(|d| d.rule).collect::<Vec<_>>(),
            c.new.clone(),
            c.open
        ),
        (vec!["A004"], vec![1], 1)
    );
    assert!(
        s.announce.contains("已解决 1 项，新出现 1 项，仍存在 1 项"),
        "{}",
        s.announce
    );

    // Another name, the same agency (named with its city) and year: it
    // replaces that report too, in its place.
    let s = queue(s, 3, "other.txt");
    let s = queue(s, 4, "淮安市某县人民政府-2024.docx");
    assert_eq!(s.entries.len(), 3);
    let s = reduce(
        s,
        Action::DoneMany(vec![
            (3, outcome(checked("另一个局", 2024))),
            (4, outcome(checked("淮安市某县人民政府", 2024))),
        ]),
    );
    let s = finish(s, 3.0);
    let ids: Vec<_> = s.entries.iter().map(|e| e.id).collect();
    assert_eq!(ids, vec![4, 3]);
    let c = s.entry(4).unwrap().change.clone().unwrap();
    assert_eq!((c.resolved.len(), c.new.len(), c.open), (1, 1, 1));

    // One report removed from the list; its view goes with it.
    let s = reduce(s, Action::Select(Some(3)));
    let s = reduce(s, Action::Remove(3));
    assert_eq!(s.entries.len(), 1);
    assert_eq!(s.view(), View::List);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn views_travel_in_the_address_and_pairs_are_made_by_hand() {
    use nianbao_web::app::state::View;
    for v in [View::List, View::Report(3), View::Compare(3, 12)] {
        assert_eq!(View::from_hash(&v.hash()), Some(v));
    }
    assert_eq!(View::from_hash("#findings"), None);
    assert_eq!(View::from_hash(""), Some(View::List));

    let s = reduce(
        Rc::new(State::default()),
        Action::Queue {
            files: vec![
                (1, "a.txt".into(), None),
                (2, "b.txt".into(), None),
                (3, "c.txt".into(), None),
            ],
            now_ms: 0.0,
        },
    );
    let s = reduce(
        s,
        Action::DoneMany(vec![
            // Two real names of one body: the rules' agency matching pairs them.
            (1, outcome(found(checked("淮安市洪泽区人民政府", 2024)))),
            (2, outcome(found(checked("洪泽区人民政府", 2023)))),
            (3, outcome(found(checked("洪泽区政府办公室", 2022)))),
        ]),
    );
    let s = finish(s, 1.0);
    assert_eq!(s.previous_year_of(1).map(|e| e.id), Some(2));
    assert!(s.cross.iter().any(|c| c.report == 1 && c.other == 2));
    // Names beyond the matching: paired by hand, compared, and checked
    // across the two years.
    assert_eq!(s.previous_year_of(2).map(|e| e.id), None);
    let s = reduce(s, Action::Pair(2, 3));
    assert_eq!(s.view(), View::Compare(2, 3));
    assert_eq!(s.previous_year_of(2).map(|e| e.id), Some(3));
    assert!(s.cross.iter().any(|c| c.report == 2 && c.other == 3));
    // Back and Forward: views of files that are gone show the list.
    let s = reduce(s, Action::Go(View::Report(1)));
    assert_eq!(s.view(), View::Report(1));
    let s = reduce(s, Action::Go(View::Compare(1, 99)));
    assert_eq!(s.view(), View::List);
}
