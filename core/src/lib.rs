//! nianbao-core: reads Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告) and checks them against the national format.
//!
//! Plain Rust with no knowledge of browsers or files on disk: bytes in, a
//! [`Document`], a typed [`Report`] and [`Diagnostic`]s out. The command
//! line, the JavaScript module and the web app are thin layers over
//! [`check`] and [`Batch`].
//!
//! ```text
//! bytes ──read──▶ Document ──extract──▶ Report ──rules──▶ Vec<Diagnostic>
//!                (text + blocks with spans)  (canonical keys)     (located findings)
//! ```
//!
//! # Example
//!
//! ```
//! use nianbao_core::vocab::template::{ColumnKey, RowKey};
//! use nianbao_core::{check, Export, Location, Severity};
//!
//! // Table 三 of a report whose first row does not add up: 3 requests from
//! // natural persons, none from organisations, but a total of 4.
//! let text = "某县人民政府2024年政府信息公开工作年度报告\n\
//!     三、收到和处理政府信息公开申请情况\n\
//!     \t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n\
//!     一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t4\n";
//! let checked = check("report.txt", text.as_bytes()).expect("a report");
//!
//! // What was read, by canonical keys…
//! let requests = &checked.report.requests;
//! assert_eq!(requests.value(RowKey::New, ColumnKey::Total), Some(4.0));
//! assert_eq!(checked.report.year.as_ref().map(|y| y.value), Some(2024));
//!
//! // …what is wrong with it, located in the table (rule A003: a row's total
//! // is the sum of its applicants)…
//! let a003 = checked.diagnostics.iter().find(|d| d.rule == "A003").unwrap();
//! assert_eq!(a003.severity, Severity::Error);
//! let Location::Cell(at) = a003.at else { panic!() };
//! assert_eq!((at.row, at.column), (RowKey::New, ColumnKey::Total));
//!
//! // …and the export of EXPORT.md, as the command line prints it.
//! let json = serde_json::to_value(Export::of("report.txt", &checked)).unwrap();
//! assert_eq!(json["report"]["requests"]["new"]["total"], 4);
//! assert_eq!(json["diagnostics"][0]["severity"], "error");
//! ```
//!
//! # What is public
//!
//! - At the root: checking a file ([`check`], [`check_with_limits`],
//!   [`check_guarded`], [`check_document`], [`Checked`]), files checked
//!   together ([`Batch`], [`check_each`], [`check_cross`]), and the main
//!   types of each step.
//! - [`read`]: the readers behind one signature, [`read::read`] for any
//!   file, the [`Limits`] and the [`ReadError`]s.
//! - [`document`]: the one model every reader makes.
//! - [`extract`]: [`extract::extract`], a [`Document`] in, a [`Report`] out.
//! - [`report`]: the typed report, its tables by canonical keys.
//! - [`rules`]: the catalogue ([`rules::RULES`]) and running it.
//! - [`diagnostic`]: findings and where they sit.
//! - [`export`]: the JSON shape of a result ([`Export`], [`BatchExport`]).
//! - [`vocab`]: the national template as data, its canonical keys
//!   ([`vocab::template::RowKey`], [`vocab::template::ColumnKey`]) and the
//!   names of tables, rows and cells in both languages.
//! - `workspace` (cargo feature `workspace`, on by default): the reviewer's
//!   workspace — agencies grouped, finding fingerprints, key figures, the
//!   agencies × years matrix, search, review memos, the summary workbook and
//!   the workspace file (docs/workspace.md); `write`: the zip, .docx, .xlsx
//!   and HTML writers they use.
//! - [`span`] and [`decimal`]: places in the text, and numbers as the
//!   reports and the export write them.

#![warn(missing_docs, unreachable_pub)]

pub mod annotate;
mod batch;
pub mod decimal;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod extract;
mod pipeline;
pub mod read;
pub mod report;
pub mod rules;
mod search;
pub mod span;
pub mod vocab;
#[cfg(feature = "workspace")]
pub mod workspace;
#[cfg(feature = "workspace")]
pub mod write;

pub use annotate::{annotate_docx, Annotated};
pub use batch::{
    check_cross, check_each, check_input, check_inputs, cross_run, expand, map_ordered, Batch,
    Input, Outcome, Results, Skipped,
};
pub use diagnostic::{CellRef, Diagnostic, Location, Severity};
pub use document::{Block, Cell, Document, InputInfo, InputKind, Paragraph, Place, Places, Table};
pub use export::{BatchExport, Export};
pub use pipeline::{
    check, check_document, check_guarded, check_with_limits, Checked, PANIC_TEST_NAME,
};
pub use read::{Limits, ReadError, ReadErrorKind, TimeLimit};
pub use report::Report;
pub use rules::CrossFinding;
pub use span::{LineIndex, ResolvedSpan, Span};
pub use vocab::template::{Layout, TableKey, Template};
