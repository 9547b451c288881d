//! `nianbao memo` and `nianbao summary`: the reviewer's review memo
//! (整改意见, .docx or printable .html) for one agency and the summary
//! workbook (.xlsx) of a set of reports, from the command line.
//!
//! Both check the files given (a folder stands for the files directly in
//! it), pair consecutive years of one agency (the X rules) and write one
//! file. Decisions come from `--decisions FILE.json` (an array of decisions
//! as the workspace keeps them, docs/workspace.md); without it every finding
//! of severity error counts as confirmed, since an error is a certainty.

use nianbao_core::vocab::agency;
use nianbao_core::vocab::names::Lang;
use nianbao_core::workspace::decisions::{Decision, Verdict};
use nianbao_core::workspace::matrix::{Entry, MatrixOptions};
use nianbao_core::workspace::memo::{memo_docx, memo_html, MemoOptions, MemoReport};
use nianbao_core::workspace::stored::{self, DiagnosticView, ResultView};
use nianbao_core::workspace::summary::summary_workbook;
use nianbao_core::workspace::{groups, record};
use nianbao_core::{check_guarded, Batch, Checked, Limits, ReadError};
use serde_json::Value;
use std::path::Path;
use std::process::ExitCode;

pub const USAGE: &str = "\
  nianbao memo [--agency NAME] [--decisions FILE.json] [--lang zh|en]
               [--reviewer TEXT] [--date TEXT] -o MEMO.docx|MEMO.html FILE|DIR...
  nianbao summary [--title TEXT] -o SUMMARY.xlsx FILE|DIR...";

const HELP: &str = "\
A folder stands for the files directly in it. memo writes the review memo (整改意见) of one
agency (--agency when the files are of several): every confirmed finding, where it is and
what would put it right; the decisions are those of --decisions (a JSON array, see
docs/workspace.md), else every error-severity finding counts as confirmed. A name ending in
.html gives a printable page instead of a .docx. summary writes the summary workbook: one
row per agency and year (missing reports too), counts by rule, key figures, medians.";

struct Args {
    out: Option<String>,
    agency: Option<String>,
    decisions: Option<String>,
    lang: Lang,
    reviewer: String,
    date: String,
    title: Option<String>,
    inputs: Vec<String>,
}

fn parse(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args {
        out: None,
        agency: None,
        decisions: None,
        lang: Lang::Zh,
        reviewer: String::new(),
        date: String::new(),
        title: None,
        inputs: Vec::new(),
    };
    while let Some(arg) = argv.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| argv.next())
                .ok_or(format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-o" | "--output" => a.out = Some(value("-o")?),
            "--agency" => a.agency = Some(value("--agency")?),
            "--decisions" => a.decisions = Some(value("--decisions")?),
            "--reviewer" => a.reviewer = value("--reviewer")?,
            "--date" => a.date = value("--date")?,
            "--title" => a.title = Some(value("--title")?),
            "--lang" => {
                a.lang = match value("--lang")?.as_str() {
                    "zh" | "zh-CN" => Lang::Zh,
                    "en" => Lang::En,
                    other => return Err(format!("unknown language `{other}` (use zh or en)")),
                }
            }
            "-h" | "--help" => return Err("usage".into()),
            "--" => a.inputs.extend(argv.by_ref()),
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown option `{f}`")),
            _ => a.inputs.push(arg),
        }
    }
    if a.inputs.is_empty() {
        return Err("no file or folder given".into());
    }
    if a.out.is_none() {
        return Err("-o FILE is needed (where to write)".into());
    }
    Ok(a)
}

/// The files named: a folder stands for the files directly in it (hidden
/// ones left out), in the order of their names.
fn expand(inputs: &[String]) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    for i in inputs {
        let p = Path::new(i);
        if p.is_dir() {
            let mut inside: Vec<String> = std::fs::read_dir(p)
                .map_err(|e| format!("{i}: {e}"))?
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path().to_string_lossy().into_owned())
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(i.clone());
        }
    }
    Ok(files)
}

/// One report as the workspace sees it.
struct Checked1 {
    result: ResultView,
    cross: Vec<DiagnosticView>,
    entry: Entry,
}

/// Check the files together and make their workspace entries.
fn check_all(files: &[String]) -> (Vec<Checked1>, bool) {
    std::panic::set_hook(Box::new(|_| {}));
    let checked: Vec<(String, Result<Checked, ReadError>)> = files
        .iter()
        .map(|f| {
            let r = std::fs::read(f)
                .map_err(|e| nianbao_core::read::cannot_open(&e.to_string(), &e.to_string()))
                .and_then(|b| check_guarded(f, &b, &Limits::default()));
            (f.clone(), r)
        })
        .collect();
    let batch = Batch::new(checked.iter().map(|(n, r)| (n.as_str(), r)));
    let export = serde_json::to_value(batch.export()).expect("the export is JSON");
    let mut unreadable = false;
    let mut out = Vec::new();
    for (i, ((name, r), result)) in checked
        .iter()
        .zip(export["reports"].as_array().into_iter().flatten())
        .enumerate()
    {
        if let Err(e) = r {
            unreadable = true;
            eprintln!("nianbao: {name}: {} / {}", e.message, e.message_en);
        }
        let cross = Value::Array(
            export["cross"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|c| c["file"] == result["file"])
                .cloned()
                .collect(),
        );
        let text = r.as_ref().ok().map(|c| c.document.text.as_str());
        let (Some(rec), Some(view)) = (
            record(i as u32, result, text, &cross, 0.0),
            stored::view(result),
        ) else {
            continue;
        };
        out.push(Checked1 {
            result: view,
            cross: stored::cross_view(&cross),
            entry: rec.entry,
        });
    }
    (out, unreadable)
}

fn read_decisions(path: &str) -> Result<Vec<Decision>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        format!("{path}: 不是决定列表（JSON 数组）/ not a list of decisions (a JSON array): {e}")
    })
}

/// Every error-severity finding confirmed: the decisions the memo uses when
/// the reviewer gives none.
fn errors_confirmed(reports: &[Checked1]) -> Vec<Decision> {
    let mut out = Vec::new();
    for r in reports {
        let report = r.result.report.as_ref();
        for (d, f) in r
            .result
            .diagnostics
            .iter()
            .chain(&r.cross)
            .zip(&r.entry.fingerprints)
        {
            if d.severity == "error" {
                out.push(Decision {
                    agency: report.and_then(|x| x.agency.clone()),
                    year: report.and_then(|x| x.year()),
                    file: r.result.file.clone(),
                    fingerprint: f.clone(),
                    rule: d.rule.clone(),
                    message: d.message.clone(),
                    verdict: Verdict::Confirmed,
                    note: String::new(),
                    at: 0.0,
                });
            }
        }
    }
    out
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("nianbao: {msg}");
    ExitCode::from(2)
}

fn write_out(path: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))
}

/// `nianbao memo …`
pub fn run_memo(argv: impl Iterator<Item = String>) -> ExitCode {
    let a = match parse(argv) {
        Ok(a) => a,
        Err(e) if e == "usage" => {
            println!("Usage:\n{USAGE}\n\n{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&format!("memo: {e}\nUsage:\n{USAGE}")),
    };
    let files = match expand(&a.inputs) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let (reports, _) = check_all(&files);
    let names: Vec<Option<&str>> = reports.iter().map(|r| r.entry.agency.as_deref()).collect();
    let g = groups::group(&names, &Default::default());
    let chosen = match &a.agency {
        Some(q) => match groups::search(&g, q).as_slice() {
            [one] => one.key.clone(),
            [] => return fail(&format!("没有机关名称含“{q}” / no agency named like `{q}`")),
            many => {
                let list: Vec<&str> = many.iter().map(|g| g.name.as_str()).collect();
                return fail(&format!(
                    "“{q}”可指多个机关 / `{q}` names several agencies: {}",
                    list.join(", ")
                ));
            }
        },
        None => match g.groups.as_slice() {
            [one] => one.key.clone(),
            [] => return fail("没有识别出机关名称 / no report names its agency"),
            many => {
                let list: Vec<&str> = many.iter().map(|g| g.name.as_str()).collect();
                return fail(&format!(
                    "报告属于多个机关，请用 --agency 指定 / the reports are of several agencies, choose one with --agency: {}",
                    list.join(", ")
                ));
            }
        },
    };
    let group = g.groups.iter().find(|x| x.key == chosen).expect("chosen");
    let decisions = match &a.decisions {
        Some(p) => match read_decisions(p) {
            Ok(d) => d,
            Err(e) => return fail(&e),
        },
        None => errors_confirmed(&reports),
    };
    let mut mine: Vec<&Checked1> = reports
        .iter()
        .zip(&g.of)
        .filter(|(_, gi)| gi.is_some_and(|i| g.groups[i].key == chosen))
        .map(|(r, _)| r)
        .collect();
    mine.sort_by_key(|r| r.entry.year);
    let memo_reports: Vec<MemoReport> = mine
        .iter()
        .map(|r| MemoReport {
            result: &r.result,
            cross: &r.cross,
            fingerprints: &r.entry.fingerprints,
            decisions: decisions
                .iter()
                .filter(|d| {
                    d.file == r.result.file
                        || (d.year.is_some()
                            && d.year == r.entry.year
                            && d.agency
                                .as_deref()
                                .is_some_and(|x| group.names.contains(&agency::fold(x))))
                })
                .collect(),
        })
        .collect();
    let o = MemoOptions {
        lang: a.lang,
        reviewer: a.reviewer,
        date: a.date,
        created: String::new(),
    };
    let out = a.out.expect("checked by parse");
    let written = if out.to_ascii_lowercase().ends_with(".html") {
        write_out(&out, memo_html(&group.name, &memo_reports, &o).as_bytes())
    } else {
        match memo_docx(&group.name, &memo_reports, &o) {
            Ok(b) => write_out(&out, &b),
            Err(e) => Err(format!("{e:?}")),
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// `nianbao summary …`
pub fn run_summary(argv: impl Iterator<Item = String>) -> ExitCode {
    let a = match parse(argv) {
        Ok(a) => a,
        Err(e) if e == "usage" => {
            println!("Usage:\n{USAGE}\n\n{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&format!("summary: {e}\nUsage:\n{USAGE}")),
    };
    let files = match expand(&a.inputs) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let (reports, _) = check_all(&files);
    let entries: Vec<Entry> = reports.into_iter().map(|r| r.entry).collect();
    let decisions = match &a.decisions {
        Some(p) => match read_decisions(p) {
            Ok(d) => d,
            Err(e) => return fail(&e),
        },
        None => Vec::new(),
    };
    let title = a
        .title
        .unwrap_or_else(|| "政府信息公开工作年度报告审核汇总".into());
    let out = a.out.expect("checked by parse");
    match summary_workbook(&entries, &decisions, &MatrixOptions::default(), &title, "") {
        Ok(b) => match write_out(&out, &b) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        Err(e) => fail(&format!("{e:?}")),
    }
}
