//! Hand-made reports for the rules' own tests: a builder that writes a small
//! document (title, intro, six sections, the three tables one cell per line)
//! and the [`Report`] extraction would build from it, with every span right.

use crate::document::{Block, Cell, Document, InputInfo, InputKind, Paragraph, Table};
use crate::report::{
    CellProblem, CellRead, Date, LabelRead, Located, Numbering, Period, Report, Section,
    TableAnomaly, TableRead,
};
use crate::rules::Context;
use crate::span::Span;
use crate::vocab::template::{ColumnKey as C, RowKey as R};
use crate::vocab::template::{Layout, TableKey, Template};
use std::collections::HashMap;

pub(crate) struct Fixture {
    pub doc: Document,
    pub report: Report,
}

impl Fixture {
    pub(crate) fn ctx(&self) -> Context<'_> {
        Context::new(&self.doc, &self.report)
    }

    /// The findings of one family's check function.
    pub(crate) fn run(
        &self,
        f: fn(&Context, &mut Vec<crate::Diagnostic>),
    ) -> Vec<crate::Diagnostic> {
        let mut out = Vec::new();
        f(&self.ctx(), &mut out);
        out
    }

    /// Span of the last occurrence of `needle` in the text.
    pub(crate) fn find_last(&self, needle: &str) -> Span {
        let i = self.doc.text.rfind(needle).expect("needle in fixture text");
        Span::new(i, i + needle.len())
    }

    /// Span of the first occurrence of `needle` in the text.
    pub(crate) fn find(&self, needle: &str) -> Span {
        let i = self.doc.text.find(needle).expect("needle in fixture text");
        Span::new(i, i + needle.len())
    }
}

#[derive(Clone)]
pub(crate) enum CellSpec {
    Raw(String),
    Missing,
}

#[derive(Clone)]
pub(crate) struct SectionSpec {
    pub heading: Option<(String, Numbering, String)>,
    pub body: String,
}

#[derive(Clone)]
pub(crate) struct Builder {
    pub title: String,
    pub agency: String,
    pub year: i32,
    pub period_year: i32,
    pub intro: String,
    pub layout: Layout,
    pub published: Option<Date>,
    pub sections: Vec<(u8, SectionSpec)>,
    pub cells: HashMap<(TableKey, R, C), CellSpec>,
    pub anomalies: Vec<(TableKey, TableAnomaly)>,
    pub labels: Vec<(TableKey, LabelRead)>,
}

const OVERVIEW: &str = "（一）主动公开。全年主动公开政府信息100条。\n\
（二）依申请公开。本年共收到政府信息公开申请12件，上年结转1件，办结12件，结转下年度继续办理1件。因政府信息公开引起行政复议3件，行政诉讼0件。\n\
（三）政府信息管理。一是规范公开属性认定，二是加强审核把关，三是定期清理文件。\n\
（四）政府信息公开平台建设。优化政府网站公开平台。\n\
（五）监督保障。开展工作考核、社会评议和责任追究。\n";

const PROBLEMS: &str =
    "一是部分信息更新不及时。二是政策解读形式单一。下一步将加强培训，丰富解读形式。\n";
const OTHER: &str =
    "（一）信息处理费收取情况。本年度未收取信息处理费。\n（二）建议提案办理情况。本年度无。\n";

impl Builder {
    pub(crate) fn new() -> Self {
        let mut sections = Vec::new();
        for def in Template::get(Layout::Y2021).sections {
            let body = match def.ordinal {
                1 => OVERVIEW.to_string(),
                5 => PROBLEMS.to_string(),
                6 => OTHER.to_string(),
                _ => String::new(),
            };
            sections.push((
                def.ordinal,
                SectionSpec {
                    heading: Some((
                        format!("{}、{}", def.number, def.title),
                        Numbering::Chinese,
                        def.number.to_string(),
                    )),
                    body,
                },
            ));
        }
        let mut b = Builder {
            title: String::new(),
            agency: "某某区人民政府办公室".into(),
            year: 2024,
            period_year: 2024,
            intro: String::new(),
            layout: Layout::Y2021,
            published: None,
            sections,
            cells: HashMap::new(),
            anomalies: Vec::new(),
            labels: Vec::new(),
        };
        use TableKey::*;
        for (row, col, v) in [
            (R::New, C::NaturalPerson, "10"),
            (R::New, C::Commercial, "2"),
            (R::New, C::Total, "12"),
            (R::CarriedOver, C::NaturalPerson, "1"),
            (R::CarriedOver, C::Total, "1"),
            (R::Disclosed, C::NaturalPerson, "8"),
            (R::Disclosed, C::Commercial, "1"),
            (R::Disclosed, C::Total, "9"),
            (R::PartiallyDisclosed, C::NaturalPerson, "1"),
            (R::PartiallyDisclosed, C::Total, "1"),
            (R::WithheldThirdParty, C::NaturalPerson, "1"),
            (R::WithheldThirdParty, C::Total, "1"),
            (R::OtherMisc, C::Commercial, "1"),
            (R::OtherMisc, C::Total, "1"),
            (R::TotalProcessed, C::NaturalPerson, "10"),
            (R::TotalProcessed, C::Commercial, "2"),
            (R::TotalProcessed, C::Total, "12"),
            (R::CarriedForward, C::NaturalPerson, "1"),
            (R::CarriedForward, C::Total, "1"),
        ] {
            b = b.cell(Requests, row, col, v);
        }
        b = b
            .cell(Appeals, R::Review, C::Upheld, "2")
            .cell(Appeals, R::Review, C::Corrected, "1")
            .cell(Appeals, R::Review, C::Total, "3")
            .cell(Proactive, R::NormativeDocs, C::Issued, "3")
            .cell(Proactive, R::NormativeDocs, C::Repealed, "1")
            .cell(Proactive, R::NormativeDocs, C::InForce, "20")
            .cell(Proactive, R::Licensing, C::Decisions, "5")
            .cell(Proactive, R::Fees, C::Amount, "1.5");
        b
    }

    pub(crate) fn agency(mut self, a: &str) -> Self {
        self.agency = a.into();
        self
    }
    pub(crate) fn year(mut self, y: i32) -> Self {
        self.year = y;
        self.period_year = y;
        self
    }
    pub(crate) fn title(mut self, t: &str) -> Self {
        self.title = t.into();
        self
    }
    pub(crate) fn intro(mut self, t: &str) -> Self {
        self.intro = t.into();
        self
    }
    pub(crate) fn layout(mut self, l: Layout) -> Self {
        self.layout = l;
        self
    }
    pub(crate) fn published(mut self, y: i32, m: u32, d: u32) -> Self {
        self.published = Some(Date::new(y, m, d));
        self
    }
    pub(crate) fn cell(mut self, t: TableKey, row: R, col: C, raw: &str) -> Self {
        self.cells.insert((t, row, col), CellSpec::Raw(raw.into()));
        self
    }
    pub(crate) fn missing(mut self, t: TableKey, row: R, col: C) -> Self {
        self.cells.insert((t, row, col), CellSpec::Missing);
        self
    }
    pub(crate) fn body(mut self, ordinal: u8, text: &str) -> Self {
        if let Some((_, s)) = self.sections.iter_mut().find(|(o, _)| *o == ordinal) {
            s.body = text.into();
        }
        self
    }
    /// Replace a section's heading as written.
    pub(crate) fn heading(
        mut self,
        ordinal: u8,
        line: &str,
        numbering: Numbering,
        number: &str,
    ) -> Self {
        if let Some((_, s)) = self.sections.iter_mut().find(|(o, _)| *o == ordinal) {
            s.heading = Some((line.into(), numbering, number.into()));
        }
        self
    }
    pub(crate) fn without_section(mut self, ordinal: u8) -> Self {
        self.sections.retain(|(o, _)| *o != ordinal);
        self
    }
    pub(crate) fn swap_sections(mut self, a: u8, b: u8) -> Self {
        let ia = self.sections.iter().position(|(o, _)| *o == a);
        let ib = self.sections.iter().position(|(o, _)| *o == b);
        if let (Some(ia), Some(ib)) = (ia, ib) {
            self.sections.swap(ia, ib);
        }
        self
    }
    pub(crate) fn anomaly(mut self, t: TableKey, a: TableAnomaly) -> Self {
        self.anomalies.push((t, a));
        self
    }
    pub(crate) fn label(mut self, t: TableKey, l: LabelRead) -> Self {
        self.labels.push((t, l));
        self
    }

    pub(crate) fn build(self) -> Fixture {
        let mut text = String::new();
        let mut blocks = Vec::new();
        let title_line = if self.title.is_empty() {
            format!("{}{}年政府信息公开工作年度报告", self.agency, self.year)
        } else {
            self.title.clone()
        };
        let title_span = push_line(&mut text, &mut blocks, &title_line);
        let agency_span = Span::new(
            title_span.start,
            title_span.start + self.agency.len().min(title_line.len()),
        );
        let period_line = format!(
            "{}本年度报告中所列数据的统计期限自{}年1月1日起，至{}年12月31日止。",
            self.intro, self.period_year, self.period_year
        );
        let period_span = push_line(&mut text, &mut blocks, &period_line);
        let mut published = None;
        if let Some(d) = self.published {
            let s = push_line(&mut text, &mut blocks, &format!("发文日期：{d}"));
            published = Some(Located::new(d, s));
        }
        let mut sections = Vec::new();
        let mut tables: HashMap<TableKey, TableRead> = HashMap::new();
        let n = self.sections.len();
        for i in 0..n {
            let (ordinal, spec) = self.sections[i].clone();
            let heading = spec.heading.as_ref().map(|(line, numbering, number)| {
                (
                    push_line(&mut text, &mut blocks, line),
                    *numbering,
                    number.clone(),
                    line.clone(),
                )
            });
            let body_start = text.len();
            for line in spec.body.lines() {
                push_line(&mut text, &mut blocks, line);
            }
            if let Some(key) = TableKey::ALL
                .iter()
                .copied()
                .find(|k| k.section() == ordinal)
            {
                tables.insert(key, self.write_table(key, &mut text, &mut blocks));
            }
            if let Some((hspan, numbering, number, line)) = heading {
                let title = line
                    .trim_start_matches(|c: char| !is_title_char(c))
                    .to_string();
                sections.push(Section {
                    ordinal,
                    number,
                    numbering,
                    title,
                    heading: hspan,
                    body: Span::new(body_start, text.len()),
                });
            }
        }
        // Section bodies end where the next one starts.
        let ends: Vec<usize> = sections.iter().skip(1).map(|s| s.heading.start).collect();
        for (s, e) in sections
            .iter_mut()
            .zip(ends.into_iter().chain(std::iter::once(text.len())))
        {
            s.body.end = e;
        }
        let mut report = Report::empty();
        report.title = Some(Located::new(title_line.clone(), title_span));
        report.agency = Some(Located::new(self.agency.clone(), agency_span));
        report.year = Some(Located::new(self.year, title_span));
        report.format = self.layout;
        report.published = published;
        report.period = Some(Located::new(
            Period {
                start: Date::new(self.period_year, 1, 1),
                end: Date::new(self.period_year, 12, 31),
            },
            period_span,
        ));
        report.sections = sections;
        for key in TableKey::ALL {
            let t = tables
                .remove(&key)
                .unwrap_or_else(|| TableRead::missing(key, self.layout));
            *report.table_mut(key) = t;
        }
        for (k, a) in self.anomalies {
            report.table_mut(k).anomalies.push(a);
        }
        for (k, l) in self.labels {
            report.table_mut(k).labels.push(l);
        }
        Fixture {
            doc: Document {
                lines: Default::default(),
                skipped: Vec::new(),
                places: Default::default(),
                text,
                blocks,
                input: InputInfo {
                    kind: InputKind::Text,
                    encoding: "utf-8".into(),
                    layout: "cell-per-line".into(),
                },
            },
            report,
        }
    }

    fn write_table(&self, key: TableKey, text: &mut String, blocks: &mut Vec<Block>) -> TableRead {
        let def = Template::get(self.layout).table(key);
        let start = text.len();
        let mut rows = Vec::new();
        let mut cells = Vec::new();
        for (r, c) in def.cells() {
            let spec = self
                .cells
                .get(&(key, r.key, c.key))
                .cloned()
                .unwrap_or(CellSpec::Raw("0".into()));
            match spec {
                CellSpec::Missing => cells.push(CellRead {
                    row: r.key,
                    column: c.key,
                    value: None,
                    raw: None,
                    span: None,
                    problem: Some(CellProblem::Missing),
                    reading: Default::default(),
                }),
                CellSpec::Raw(raw) => {
                    let line_start = text.len();
                    text.push_str(&raw);
                    let span = Span::new(line_start, text.len());
                    text.push('\n');
                    rows.push(vec![Cell::new(raw.clone(), span)]);
                    let value = crate::vocab::numerals::parse_arabic(&raw);
                    let t = raw.trim();
                    let problem = if value.is_some() {
                        None
                    } else if t.is_empty() || ["/", "-", "无", "—", "／"].contains(&t) {
                        Some(CellProblem::Blank)
                    } else {
                        Some(CellProblem::NotNumber)
                    };
                    cells.push(CellRead {
                        row: r.key,
                        column: c.key,
                        value,
                        raw: Some(raw.into()),
                        span: Some(span),
                        problem,
                        reading: Default::default(),
                    });
                }
            }
        }
        let span = Span::new(start, text.len());
        blocks.push(Block::Table(Table { rows, span }));
        TableRead {
            key,
            layout: self.layout,
            found: true,
            span: Some(span),
            cells,
            labels: Vec::new(),
            anomalies: Vec::new(),
        }
    }
}

fn is_title_char(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_ascii_digit()
        || crate::vocab::numerals::is_chinese_numeral_char(c)
        || "、.．（）()".contains(c))
}

fn push_line(text: &mut String, blocks: &mut Vec<Block>, line: &str) -> Span {
    let start = text.len();
    text.push_str(line);
    let span = Span::new(start, text.len());
    text.push('\n');
    blocks.push(Block::Paragraph(Paragraph { span }));
    span
}

/// A consistent report.
pub(crate) fn clean() -> Fixture {
    Builder::new().build()
}

/// Cells of table 三 set on a report: (row, column, as written).
pub(crate) fn requests_with(b: Builder, cells: &[(R, C, &str)]) -> Builder {
    cells
        .iter()
        .fold(b, |b, &(r, c, v)| b.cell(TableKey::Requests, r, c, v))
}
