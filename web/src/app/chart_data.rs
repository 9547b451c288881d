//! The figures the charts draw, taken from a report's tables.

use super::i18n::{texts, Lang};
use super::state::Entry;
use nianbao_core::report::TableRead;
use nianbao_core::vocab::names::column_heading;
use nianbao_core::vocab::template::{ColumnKey as C, RowKey as R, Template};
use nianbao_core::{Report, Severity};

/// One bar: a label and a value (`None` where the table has no value).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub key: &'static str,
    pub label: String,
    pub value: Option<f64>,
}

/// A bar made of parts (reviews and lawsuits by result; a file's outcomes).
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    pub key: String,
    pub label: String,
    pub parts: Vec<Bar>,
    /// What the end of the bar says instead of the total.
    pub note: Option<String>,
}

/// Sum of the values present; `None` when none is.
fn sum(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    values.into_iter().fold(None, |acc, v| match (acc, v) {
        (None, v) => v,
        (Some(a), Some(v)) => Some(a + v),
        (a, None) => a,
    })
}

fn column_label(lang: Lang, table: &TableRead, column: C) -> String {
    Template::get(table.layout)
        .table(table.key)
        .column(column)
        .map(|c| column_heading(lang, c).to_string())
        .unwrap_or_else(|| column.as_str().to_string())
}

/// New requests of the year by kind of applicant (table 三, row 一, each column
/// but the total).
pub fn applicants(report: &Report, lang: Lang) -> Vec<Bar> {
    let t = &report.requests;
    Template::get(t.layout)
        .requests
        .columns
        .iter()
        .filter(|c| c.key != C::Total)
        .map(|c| Bar {
            key: c.key.as_str(),
            label: column_heading(lang, c).to_string(),
            value: t.value(R::New, c.key),
        })
        .collect()
}

/// Outcomes of the requests handled (table 三, column 总计): 予以公开, 部分公开,
/// 不予公开, 无法提供, 不予处理, 其他处理 — each group the sum of its rows.
pub fn outcomes(report: &Report, lang: Lang) -> Vec<Bar> {
    let t = &report.requests;
    let tx = texts(lang);
    let rows = Template::get(t.layout).requests.rows;
    let group = |prefix: &str| {
        sum(rows
            .iter()
            .filter(|r| {
                let key = r.key.as_str();
                key == prefix || key.starts_with(&format!("{prefix}_"))
            })
            .map(|r| t.value(r.key, C::Total)))
    };
    vec![
        Bar {
            key: R::Disclosed.as_str(),
            label: tx.out_disclosed.into(),
            value: t.value(R::Disclosed, C::Total),
        },
        Bar {
            key: R::PartiallyDisclosed.as_str(),
            label: tx.out_partial.into(),
            value: t.value(R::PartiallyDisclosed, C::Total),
        },
        Bar {
            key: "withheld",
            label: tx.out_withheld.into(),
            value: group("withheld"),
        },
        Bar {
            key: "unavailable",
            label: tx.out_unavailable.into(),
            value: group("unavailable"),
        },
        Bar {
            key: "not_processed",
            label: tx.out_not_processed.into(),
            value: group("not_processed"),
        },
        Bar {
            key: "other",
            label: tx.out_other.into(),
            value: group("other"),
        },
    ]
}

const RESULTS: [C; 4] = [C::Upheld, C::Corrected, C::Other, C::Pending];

/// Reviews and lawsuits (the two lawsuit rows together) by result.
pub fn appeals(report: &Report, lang: Lang) -> Vec<Stack> {
    let t = &report.appeals;
    let tx = texts(lang);
    let parts = |rows: &[R]| {
        RESULTS
            .into_iter()
            .map(|c| Bar {
                key: c.as_str(),
                label: column_label(lang, t, c),
                value: sum(rows.iter().map(|&r| t.value(r, c))),
            })
            .collect()
    };
    vec![
        Stack {
            key: "review".into(),
            label: tx.review.into(),
            parts: parts(&[R::Review]),
            note: None,
        },
        Stack {
            key: "litigation".into(),
            label: tx.litigation.into(),
            parts: parts(&[R::LitigationDirect, R::LitigationAfterReview]),
            note: None,
        },
    ]
}

/// Shares worth a glance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ratios {
    /// (予以公开 + 部分公开) / 三(七) 总计.
    pub disclosed: Option<f64>,
    /// 行政复议 结果纠正 / 行政复议 总计.
    pub corrected: Option<f64>,
}

fn share(part: Option<f64>, whole: Option<f64>) -> Option<f64> {
    match (part, whole) {
        (Some(p), Some(w)) if w > 0.0 => Some(p / w),
        _ => None,
    }
}

pub fn ratios(report: &Report) -> Ratios {
    let r = &report.requests;
    let a = &report.appeals;
    Ratios {
        disclosed: share(
            sum([
                r.value(R::Disclosed, C::Total),
                r.value(R::PartiallyDisclosed, C::Total),
            ]),
            r.value(R::TotalProcessed, C::Total),
        ),
        corrected: share(
            a.value(R::Review, C::Corrected),
            a.value(R::Review, C::Total),
        ),
    }
}

/// A bar of one part.
fn single(key: &str, label: &str, part: &'static str, value: Option<f64>) -> Stack {
    Stack {
        key: key.into(),
        label: label.into(),
        parts: vec![Bar {
            key: part,
            label: label.into(),
            value,
        }],
        note: None,
    }
}

/// The key ratios as bars (shares, 0 to 1).
pub fn ratio_bars(report: &Report, lang: Lang) -> Vec<Stack> {
    let (t, r) = (texts(lang), ratios(report));
    vec![
        single("disclosed", t.ratio_disclosed, "disclosed", r.disclosed),
        single("corrected", t.ratio_corrected, "corrected", r.corrected),
    ]
}

/// One bar per file read, in the order given, made by `f` from the file's
/// name (its key and label) and what was read.
fn per_file(entries: &[Entry], f: impl Fn(&Entry, &Report) -> Stack) -> Vec<Stack> {
    entries
        .iter()
        .filter_map(|e| Some(f(e, &e.checked()?.report)))
        .collect()
}

/// Errors and warnings of each file, the end of the bar saying both.
pub fn findings_per_file(entries: &[Entry], lang: Lang) -> Vec<Stack> {
    let t = texts(lang);
    per_file(entries, |e, _| {
        let n = |s| e.count(s).unwrap_or(0);
        let (errors, warnings) = (n(Severity::Error), n(Severity::Warning));
        let bar = |key, label: &str, v: usize| Bar {
            key,
            label: label.into(),
            value: Some(v as f64),
        };
        Stack {
            key: e.name.clone(),
            label: e.name.clone(),
            parts: vec![
                bar("errors", t.col_errors, errors),
                bar("warnings", t.col_warnings, warnings),
            ],
            note: Some(format!("✖{errors} ▲{warnings}")),
        }
    })
}

/// The outcomes of requests of each file, in the groups of [`outcomes`].
pub fn outcomes_per_file(entries: &[Entry], lang: Lang) -> Vec<Stack> {
    per_file(entries, |e, r| Stack {
        key: e.name.clone(),
        label: e.name.clone(),
        parts: outcomes(r, lang),
        note: None,
    })
}

/// The share disclosed in full or in part of each file (0 to 1).
pub fn disclosed_per_file(entries: &[Entry], lang: Lang) -> Vec<Stack> {
    let t = texts(lang);
    per_file(entries, |e, r| {
        let mut s = single(&e.name, &e.name, "disclosed", ratios(r).disclosed);
        s.parts[0].label = t.ratio_disclosed.into();
        s
    })
}

/// About how wide a text is drawn at 12 px: 7 for ASCII, 12 for the rest
/// (CJK is square).
pub fn text_width(s: &str) -> f64 {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> f64 {
    if c.is_ascii() {
        7.0
    } else {
        12.0
    }
}

/// The text, shortened in the middle with “…” when wider than `width`, so
/// that both the start and the end of a file name stay.
pub fn fit(s: &str, width: f64) -> String {
    if text_width(s) <= width {
        return s.to_string();
    }
    let side = (width - 12.0) / 2.0;
    let take = |it: &mut dyn Iterator<Item = char>| {
        let mut w = 0.0;
        it.take_while(|c| {
            w += char_width(*c);
            w <= side
        })
        .collect::<Vec<char>>()
    };
    let head: String = take(&mut s.chars()).into_iter().collect();
    let tail: String = take(&mut s.chars().rev()).into_iter().rev().collect();
    format!("{head}…{tail}")
}

/// Where the entries of a legend go, wrapping at `width`: for each label its
/// x and its line.
pub fn legend_places(labels: &[&str], width: f64) -> Vec<(f64, usize)> {
    let mut line = 0;
    let mut x = 2.0;
    labels
        .iter()
        .map(|l| {
            let w = 15.0 + text_width(l) + 10.0;
            if x > 2.0 && x + w > width {
                line += 1;
                x = 2.0;
            }
            let at = (x, line);
            x += w;
            at
        })
        .collect()
}

/// The largest value, at least 1 (the scale of a bar chart).
pub fn scale(bars: &[Bar]) -> f64 {
    bars.iter().filter_map(|b| b.value).fold(1.0_f64, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::report::CellRead;

    fn set(t: &mut TableRead, row: R, column: C, v: f64) {
        let c: &mut CellRead = t.cell_mut(row, column).expect("template cell");
        c.value = Some(v);
        c.problem = None;
    }

    #[test]
    fn groups_outcomes_and_computes_ratios() {
        let mut r = Report::empty();
        set(&mut r.requests, R::Disclosed, C::Total, 20.0);
        set(&mut r.requests, R::PartiallyDisclosed, C::Total, 5.0);
        set(&mut r.requests, R::WithheldStateSecret, C::Total, 1.0);
        set(&mut r.requests, R::WithheldThirdParty, C::Total, 2.0);
        set(&mut r.requests, R::OtherMisc, C::Total, 4.0);
        set(&mut r.requests, R::TotalProcessed, C::Total, 50.0);
        set(&mut r.requests, R::New, C::NaturalPerson, 30.0);
        set(&mut r.appeals, R::Review, C::Corrected, 1.0);
        set(&mut r.appeals, R::Review, C::Total, 4.0);
        set(&mut r.appeals, R::LitigationDirect, C::Upheld, 2.0);
        set(&mut r.appeals, R::LitigationAfterReview, C::Upheld, 3.0);

        let o = outcomes(&r, Lang::Zh);
        let v: Vec<_> = o.iter().map(|b| (b.label.as_str(), b.value)).collect();
        assert_eq!(
            v,
            vec![
                ("予以公开", Some(20.0)),
                ("部分公开", Some(5.0)),
                ("不予公开", Some(3.0)),
                ("无法提供", None),
                ("不予处理", None),
                ("其他处理", Some(4.0)),
            ]
        );
        let a = applicants(&r, Lang::En);
        assert_eq!(a.len(), 6);
        assert_eq!(a[0].label, "natural persons");
        assert_eq!(a[0].value, Some(30.0));
        let s = appeals(&r, Lang::Zh);
        assert_eq!(s[1].parts[0].label, "结果维持");
        assert_eq!(s[1].parts[0].value, Some(5.0));
        let q = ratios(&r);
        assert_eq!(q.disclosed, Some(0.5));
        assert_eq!(q.corrected, Some(0.25));
        assert_eq!(scale(&o), 20.0);
    }

    #[test]
    fn fits_names_and_wraps_legends() {
        assert_eq!(fit("a.txt", 100.0), "a.txt");
        let name = "2024年某某县人民政府信息公开工作年度报告（正式版）.pdf";
        let short = fit(name, 160.0);
        assert!(text_width(&short) <= 160.0, "{short}");
        assert_eq!(short, "2024年某某…式版）.pdf");
        // Six Chinese labels take two lines of a 320 wide chart; English, three.
        let zh = [
            "予以公开",
            "部分公开",
            "不予公开",
            "无法提供",
            "不予处理",
            "其他处理",
        ];
        let lines = |p: Vec<(f64, usize)>| p.iter().map(|p| p.1).max().unwrap() + 1;
        assert_eq!(lines(legend_places(&zh, 320.0)), 2);
        let en = [
            "disclosed",
            "partially disclosed",
            "withheld",
            "unavailable",
            "not processed",
            "other handling",
        ];
        let p = legend_places(&en, 320.0);
        assert!(p.iter().all(|(x, _)| *x < 320.0));
        assert_eq!(p[0], (2.0, 0));
        assert_eq!(lines(p), 3);
    }

    #[test]
    fn no_values_no_ratios() {
        let r = Report::empty();
        assert_eq!(
            ratios(&r),
            Ratios {
                disclosed: None,
                corrected: None
            }
        );
        assert!(outcomes(&r, Lang::Zh).iter().all(|b| b.value.is_none()));
        assert_eq!(scale(&applicants(&r, Lang::Zh)), 1.0);
    }
}
