//! Writers of the files a reviewer hands on: a zip archive ([`zip`]), Word
//! documents ([`docx`]), spreadsheets ([`xlsx`]) and printable HTML pages
//! ([`html`]), from small models of their own. Every piece of text is
//! written as text: escaped for XML and HTML, characters XML cannot hold
//! left out, and in a spreadsheet never a formula.
//!
//! Plain utilities: they know nothing of reports. What a review memo or the
//! workspace's summary workbook says is made in `crate::workspace`.

pub mod docx;
pub mod html;
pub mod xlsx;
pub mod xml;
pub mod zip;
