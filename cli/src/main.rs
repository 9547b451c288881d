//! `nianbao check [--format json|text] [--jobs N] FILE|DIR|ZIP…`
//! `nianbao annotate FILE.docx [-o OUT.docx]`
//!
//! Exit status: 0 when no file has an error-severity finding, 1 when at least
//! one has, 2 when a file could not be read (the other files are still checked).
//!
//! A folder is walked (in name order, into its folders) and an archive of
//! reports (.zip) opened; their files are named by their paths inside, under
//! the folder's or archive's name when several were given. Files that are no
//! reports are skipped and listed. The files are checked on `--jobs` threads
//! (default: one per core), the results in the order above.

use nianbao_core::export::BatchExport;
use nianbao_core::{
    check_guarded, check_input, expand, map_ordered, Input, Limits, Outcome, ReadError, Results,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod workspace;

const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告检查工具 / checker for government information-disclosure annual reports

Usage:
  nianbao check [--format text|json] [--lang zh|en] [--jobs N] [--time-limit S] FILE|DIR|ZIP...
  nianbao annotate FILE.docx [-o OUT.docx]
  nianbao rules [--format text|json]
  nianbao memo | summary ...   (review memo .docx / summary .xlsx; nianbao memo --help)
  nianbao --help | --version

Options:
  --format text   a readable summary per file (default)
  --format json   the result shape of docs/export.md (one object; several files: an array,
                  or {\"reports\": [...], \"cross\": [...]} when two reports of one agency disagree)
  --lang zh|en    language of the text output (default zh)
  --jobs N        check N files at a time (default: one per core)
  --time-limit S  stop checking a file after S seconds and report it unreadable, as the page
                  does (default 20; 0: no limit)
  -o OUT.docx     annotate: where to write the copy with a Word comment at each finding
                  (default: FILE-批注.docx beside FILE)

Files may be .txt, .docx, .doc, .wps, .html, .pdf, .ofd or .xlsx; `-` reads standard input.
A folder is checked with every folder inside it, a .zip with every file in it (and in the
.zip files inside it); each file is named by its path inside; files that are not reports
(pictures and the like) are skipped and listed.
Exit status: 0 no errors found, 1 errors found, 2 a file could not be read.";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Zh,
    En,
}

struct Args {
    format: Format,
    lang: Lang,
    jobs: usize,
    /// Seconds allowed for one file (0: none).
    time_limit: f64,
    files: Vec<String>,
    output: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut out = Args {
        format: Format::Text,
        lang: Lang::Zh,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        time_limit: DEFAULT_TIME_LIMIT_S,
        files: Vec::new(),
        output: None,
    };
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        match flag.as_str() {
            "--format" | "-f" => {
                let v = inline
                    .or_else(|| args.next())
                    .ok_or("--format needs text or json")?;
                out.format = match v.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    other => return Err(format!("unknown format `{other}` (use text or json)")),
                };
            }
            "--lang" => {
                let v = inline
                    .or_else(|| args.next())
                    .ok_or("--lang needs zh or en")?;
                out.lang = match v.as_str() {
                    "zh" | "zh-CN" => Lang::Zh,
                    "en" => Lang::En,
                    other => return Err(format!("unknown language `{other}` (use zh or en)")),
                };
            }
            "--jobs" | "-j" => {
                let v = inline
                    .or_else(|| args.next())
                    .ok_or("--jobs needs a number")?;
                out.jobs = match v.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => return Err(format!("--jobs needs a number from 1 up, not `{v}`")),
                };
            }
            "--time-limit" => {
                let v = inline
                    .or_else(|| args.next())
                    .ok_or("--time-limit needs a number of seconds")?;
                out.time_limit = match v.parse::<f64>() {
                    Ok(n) if n >= 0.0 && n.is_finite() => n,
                    _ => {
                        return Err(format!(
                            "--time-limit needs a number of seconds from 0 up, not `{v}`"
                        ))
                    }
                };
            }
            "--output" | "-o" => {
                let v = inline
                    .or_else(|| args.next())
                    .ok_or("-o needs a file name")?;
                out.output = Some(v);
            }
            "--" => out.files.extend(args.by_ref()),
            f if f.starts_with("--") => return Err(format!("unknown option `{f}`")),
            _ => out.files.push(a),
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    match argv.next().as_deref() {
        Some("check") => match parse(argv) {
            Ok(args) if !args.files.is_empty() => run_check(args),
            Ok(_) => usage_error("check needs at least one file"),
            Err(e) => usage_error(&e),
        },
        Some("annotate") => match parse(argv) {
            Ok(args) if args.files.len() == 1 => run_annotate(args),
            Ok(_) => usage_error("annotate needs one .docx file"),
            Err(e) => usage_error(&e),
        },
        Some("rules") => match parse(argv) {
            Ok(args) => {
                print_rules(args.format);
                ExitCode::SUCCESS
            }
            Err(e) => usage_error(&e),
        },
        Some("memo") => workspace::run_memo(argv),
        Some("summary") => workspace::run_summary(argv),
        Some("--version" | "-V") => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h" | "help") | None => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command `{other}`")),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("nianbao: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

fn read_input(path: &str) -> Result<Vec<u8>, ReadError> {
    let res = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    res.map_err(|e| cannot_open(&e))
}

/// What one argument stands for, to be checked on a worker.
enum Unit {
    /// A file of a folder, read (and opened, when an archive) by the worker.
    Found { name: String, path: PathBuf },
    /// A file named on the command line, or one taken out of an archive so named.
    Given(Input),
}

/// The files of a folder and of every folder inside it, in name order,
/// each with its path relative to `dir` (`/` between parts). Links to files
/// are followed, links to folders not (a link may lead back up the tree).
fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let leaf = e.file_name().to_string_lossy().into_owned();
        let name = if rel.is_empty() {
            leaf
        } else {
            format!("{rel}/{leaf}")
        };
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            walk(&e.path(), &name, out)?;
        } else if kind.is_file() || e.path().is_file() {
            out.push((name, e.path()));
        }
    }
    Ok(())
}

/// The units of the arguments: folders walked, archives opened. With one
/// argument its files are named by their paths inside it; with several,
/// under the argument's name.
fn units(args: &[String], limits: &Limits) -> Vec<Unit> {
    let alone = args.len() == 1;
    let mut out = Vec::new();
    for arg in args {
        let under = |inner: &str| {
            if alone {
                inner.to_string()
            } else {
                format!("{}/{inner}", arg.trim_end_matches(['/', '\\']))
            }
        };
        let path = Path::new(arg);
        if arg != "-" && path.is_dir() {
            let mut files = Vec::new();
            match walk(path, "", &mut files) {
                Ok(()) => out.extend(files.into_iter().map(|(name, path)| Unit::Found {
                    name: under(&name),
                    path,
                })),
                Err(e) => out.push(Unit::Given(Input::Refused(arg.clone(), cannot_open(&e)))),
            }
            continue;
        }
        match read_input(arg) {
            Ok(bytes) => {
                let prefix = under("");
                out.extend(
                    expand(arg, &prefix, bytes, false, limits)
                        .into_iter()
                        .map(Unit::Given),
                );
            }
            Err(e) => out.push(Unit::Given(Input::Refused(arg.clone(), e))),
        }
    }
    out
}

/// Check one unit: a file of a folder is read and expanded here, on the worker.
fn check_unit(unit: Unit, limits: &Limits) -> Vec<Outcome> {
    match unit {
        Unit::Given(input) => vec![check_input(input, limits)],
        Unit::Found { name, path } => match std::fs::read(&path) {
            Ok(bytes) => expand(&name, &format!("{name}/"), bytes, true, limits)
                .into_iter()
                .map(|i| check_input(i, limits))
                .collect(),
            Err(e) => vec![Outcome::Checked(name, Err(cannot_open(&e)))],
        },
    }
}

fn cannot_open(e: &std::io::Error) -> ReadError {
    nianbao_core::read::cannot_open(&e.to_string(), &e.to_string())
}

/// `nianbao annotate`: the clerk's .docx with a comment at each finding.
/// Exit status as for `check`: 0 or 1 by the findings once the copy is
/// written, 2 when it cannot be.
fn run_annotate(args: Args) -> ExitCode {
    let path = &args.files[0];
    let out_path = args.output.clone().unwrap_or_else(|| {
        let stem = path.strip_suffix(".docx").unwrap_or(path);
        format!("{stem}-批注.docx")
    });
    let done = read_input(path).and_then(|bytes| {
        let checked = check_guarded(path, &bytes, &Limits::default())?;
        let copy = nianbao_core::annotate_docx(&bytes, &checked)?;
        Ok((checked, copy))
    });
    let (checked, copy) = match done {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{path}: {} / {}", e.message, e.message_en);
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::write(&out_path, &copy.bytes) {
        eprintln!("{out_path}: 无法写出文件：{e} / cannot write the file: {e}");
        return ExitCode::from(2);
    }
    eprintln!(
        "{out_path}: 已写出 {} 条批注 / {} comments written",
        copy.comments, copy.comments
    );
    if checked.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The time a file is given by default: the page's workers give the same.
const DEFAULT_TIME_LIMIT_S: f64 = 20.0;

/// Milliseconds since the first reading of this clock (the core wants only
/// differences).
fn monotonic_ms() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
        * 1000.0
}

/// The core's time limit for `seconds` (none for 0).
fn time_limit(seconds: f64) -> Option<nianbao_core::TimeLimit> {
    (seconds > 0.0).then_some(nianbao_core::TimeLimit {
        clock: monotonic_ms,
        ms: seconds * 1000.0,
    })
}

fn run_check(args: Args) -> ExitCode {
    // Keep panics quiet: a failing file is reported as an error for that file.
    std::panic::set_hook(Box::new(|_| {}));
    let limits = Limits {
        time_limit: time_limit(args.time_limit),
        ..Limits::default()
    };
    let units = units(&args.files, &limits);
    let mut results = Results::default();
    for outcomes in map_ordered(units, args.jobs, |u| check_unit(u, &limits)) {
        outcomes.into_iter().for_each(|o| results.push(o));
    }
    let checked = results.batch();
    let batch = checked.export();
    let files = &results.files;

    let mut unreadable = false;
    for (name, r) in files {
        if let Err(e) = r {
            unreadable = true;
            eprintln!(
                "nianbao: {name}: {}",
                if args.lang == Lang::En {
                    &e.message_en
                } else {
                    &e.message
                }
            );
        }
    }
    // Standard output is line-buffered: a batch's JSON would cost a write
    // per line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &batch.shape())
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        Format::Text => write_text(&mut out, &batch, args.lang),
    }
    .and_then(|_| out.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("nianbao: {e}");
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if checked.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_text(out: &mut impl Write, batch: &BatchExport, lang: Lang) -> std::io::Result<()> {
    let zh = lang == Lang::Zh;
    for r in &batch.reports {
        writeln!(out, "== {}", r.file)?;
        if let Some(e) = &r.error {
            writeln!(out, "   {}", if zh { &e.message } else { &e.message_en })?;
            continue;
        }
        if let Some(rep) = &r.report {
            let input = r.input.as_ref();
            writeln!(
                out,
                "   {} {} · {} {} · {} {} · {} {}",
                if zh { "机关" } else { "agency" },
                rep.agency.as_deref().unwrap_or("?"),
                if zh { "年度" } else { "year" },
                rep.year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "?".into()),
                if zh { "格式" } else { "layout" },
                rep.format,
                if zh { "读取" } else { "read as" },
                input
                    .map(|i| format!("{}/{}/{}", i.kind.as_str(), i.encoding, i.layout))
                    .unwrap_or_default(),
            )?;
        }
        for d in &r.diagnostics {
            let place =
                d.at.cell
                    .map(|c| format!("{}.{}.{}", c.table.as_str(), c.row, c.column))
                    .or_else(|| d.at.span.map(|s| format!("{}:{}", s.line, s.column)))
                    .unwrap_or_default()
                    + &d.at
                        .span
                        .map(|s| original_place(&s, zh))
                        .unwrap_or_default();
            let sev = if zh {
                d.severity.label_zh()
            } else {
                d.severity.as_str()
            };
            writeln!(
                out,
                "   {} {} [{}] {}",
                d.rule,
                sev,
                place,
                if zh { &d.message } else { &d.message_en }
            )?;
        }
        let s = r.summary;
        if zh {
            writeln!(
                out,
                "   共 {} 个错误，{} 个警告，{} 个提示",
                s.errors, s.warnings, s.infos
            )?;
        } else {
            writeln!(
                out,
                "   {} errors, {} warnings, {} infos",
                s.errors, s.warnings, s.infos
            )?;
        }
    }
    for s in &batch.skipped {
        writeln!(out, "== {}", s.file)?;
        writeln!(out, "   {}", if zh { s.message } else { s.message_en })?;
    }
    if !batch.skipped.is_empty() {
        let n = batch.skipped.len();
        if zh {
            writeln!(out, "-- 跳过 {n} 个不是报告的文件")?;
        } else {
            writeln!(out, "-- {n} files that are not reports skipped")?;
        }
    }
    for c in &batch.cross {
        let d = &c.diagnostic;
        writeln!(out, "== {} ⟷ {}", c.file, c.other_file)?;
        writeln!(
            out,
            "   {} {}",
            d.rule,
            if zh { &d.message } else { &d.message_en }
        )?;
    }
    Ok(())
}

/// Where a span lies in the original file, for a person holding it: the
/// page of a PDF, the paragraph or table cell of a Word document.
fn original_place(s: &nianbao_core::ResolvedSpan, zh: bool) -> String {
    if let Some(p) = s.page {
        return if zh {
            format!(" 第{p}页")
        } else {
            format!(" p. {p}")
        };
    }
    if let Some(t) = &s.table {
        return match (t.row, t.column, zh) {
            (Some(r), Some(c), true) => format!(" 表格{}第{r}行第{c}列", t.number),
            (Some(r), Some(c), false) => format!(" table {} row {r} col {c}", t.number),
            (_, _, true) => format!(" 表格{}", t.number),
            (_, _, false) => format!(" table {}", t.number),
        };
    }
    match s.paragraph {
        Some(n) if zh => format!(" 第{n}段"),
        Some(n) => format!(" para. {n}"),
        None => String::new(),
    }
}

fn print_rules(format: Format) {
    let rules = nianbao_core::rules::RULES;
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(rules).unwrap_or_default()
        ),
        Format::Text => {
            for r in rules {
                println!(
                    "{} {:<7} {}  ({})",
                    r.id,
                    r.severity.as_str(),
                    r.title,
                    r.title_en
                );
            }
        }
    }
}
