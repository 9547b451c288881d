//! nianbao-core: reads Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告) and checks them against the national format.
//!
//! Plain Rust with no knowledge of browsers or files on disk: bytes in, a
//! [`Document`], a typed [`Report`] and [`Diagnostic`]s out. The CLI, the WASM
//! bindings and the web app are thin layers over [`check`].
//!
//! ```text
//! bytes ──read──▶ Document ──extract──▶ Report ──rules──▶ Vec<Diagnostic>
//!                (text + blocks with spans)  (canonical keys)     (located findings)
//! ```

pub mod batch;
pub mod decimal;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod extract;
pub mod pipeline;
pub mod read;
pub mod report;
pub mod rules;
pub(crate) mod search;
pub mod span;
pub mod vocab;

pub use batch::{check_cross, check_each, Batch};
pub use diagnostic::{CellRef, Diagnostic, Location, Severity};
pub use document::{Block, Cell, Document, InputInfo, InputKind, Paragraph, Table};
pub use export::{BatchExport, Export};
pub use pipeline::{
    check, check_document, check_guarded, check_with_limits, Checked, PANIC_TEST_NAME,
};
pub use read::{Limits, ReadError, ReadErrorKind};
pub use report::Report;
pub use rules::CrossFinding;
pub use span::{LineIndex, ResolvedSpan, Span};
pub use vocab::template::{Layout, TableKey, Template};
