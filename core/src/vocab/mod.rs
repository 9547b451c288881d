//! The report's vocabulary: what the readers, extraction and the rules all
//! stand on, and nothing above it.
//!
//! - [`template`]: the national template as data — the six sections, the three
//!   tables with their rows and columns, the official labels and their
//!   aliases, the canonical keys of the export, both layouts. No label is
//!   written anywhere else.
//! - [`label`]: labels as reports write them — folding to a comparison form,
//!   numbering (一、 （三） 2.), fuzzy matching against the official wording.
//! - `headings`: the section names prepared for comparison, and what a
//!   heading line looks like.
//! - `terms`: every label of the template in comparison form, and the
//!   markers that tell a text is an annual report at all.
//! - `value`: what looks like a value and how it parses (figures,
//!   placeholders, dates).
//! - `numerals`: Chinese and Arabic numerals in running text.
//! - [`normal`]: compatibility code points (Kangxi radicals, compatibility
//!   ideographs) to the unified ideographs the template is written with, in
//!   place, every offset kept.
//! - [`agency`]: agencies' names folded for comparison, and when two names
//!   are one body (the cross-report rules and the reviewer's workspace).
//! - [`names`]: the display names of tables, rows, columns and cells in both
//!   languages, for messages and for the page.

pub mod agency;
pub(crate) mod headings;
pub mod label;
pub mod names;
pub mod normal;
pub(crate) mod numerals;
pub mod template;
pub(crate) mod terms;
pub(crate) mod value;
