//! Cutting a stretch of the document's text into segments at the edges of the
//! findings that touch it, so that each segment can be shown highlighted.

use nianbao_core::{CellRef, Diagnostic, Location, Report, Span};
use std::collections::BTreeMap;

/// A finding's place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    /// Index of the finding in the list shown.
    pub finding: usize,
    /// True where the finding sits (`at`), false for the places that take part
    /// (`related`).
    pub strong: bool,
}

/// A piece of text and the findings covering it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    /// (finding index, strong), in the order of the marks given.
    pub marks: Vec<(usize, bool)>,
}

impl Segment {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_strong(&self) -> bool {
        self.marks.iter().any(|(_, s)| *s)
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Cut `range` of `text` into segments at every edge of the marks that overlap
/// it. Edges are moved back to character boundaries; the segments cover the
/// range exactly, in order, none empty.
pub fn segments(text: &str, range: Span, marks: &[Mark]) -> Vec<Segment> {
    let start = floor_boundary(text, range.start);
    let end = floor_boundary(text, range.end.max(start));
    if start >= end {
        return Vec::new();
    }
    let mut edges = vec![start, end];
    for m in marks {
        for e in [m.span.start, m.span.end] {
            if e > start && e < end {
                edges.push(floor_boundary(text, e));
            }
        }
    }
    edges.sort_unstable();
    edges.dedup();
    edges
        .windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| Segment {
            start: w[0],
            end: w[1],
            marks: marks
                .iter()
                .filter(|m| m.span.start < w[1] && m.span.end > w[0] && !m.span.is_empty())
                .map(|m| (m.finding, m.strong))
                .collect(),
        })
        .collect()
}

/// The span of a location in the document's text, if it has one.
pub fn span_of(report: &Report, at: &Location) -> Option<Span> {
    match at {
        Location::Span(s) => Some(*s),
        Location::Cell(c) => report.cell(c).and_then(|r| r.span),
        Location::Document => None,
    }
}

/// The marks of the findings in the text: where each sits (strong) and the
/// places that take part (light).
pub fn marks<'a>(report: &Report, findings: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Mark> {
    let mut out = Vec::new();
    for (i, d) in findings.into_iter().enumerate() {
        if let Some(span) = span_of(report, &d.at) {
            out.push(Mark {
                span,
                finding: i,
                strong: true,
            });
        }
        for r in &d.related {
            if let Some(span) = span_of(report, r) {
                out.push(Mark {
                    span,
                    finding: i,
                    strong: false,
                });
            }
        }
    }
    out
}

/// The findings touching each table cell: (finding index, strong).
pub type CellMarks = BTreeMap<CellRef, Vec<(usize, bool)>>;

pub fn cell_marks<'a>(findings: impl IntoIterator<Item = &'a Diagnostic>) -> CellMarks {
    let mut out: CellMarks = BTreeMap::new();
    for (i, d) in findings.into_iter().enumerate() {
        if let Location::Cell(c) = d.at {
            out.entry(c).or_default().push((i, true));
        }
        for r in &d.related {
            if let Location::Cell(c) = r {
                let v = out.entry(*c).or_default();
                if !v.iter().any(|(f, _)| *f == i) {
                    v.push((i, false));
                }
            }
        }
    }
    out
}

/// The id of the element a finding scrolls to.
pub fn target_id(index: usize, at: &Location) -> String {
    match at {
        Location::Cell(c) => cell_id(c),
        Location::Span(_) => format!("mark-{index}"),
        Location::Document => "report-top".to_string(),
    }
}

pub fn cell_id(c: &CellRef) -> String {
    format!("cell-{}-{}-{}", c.table.as_str(), c.row, c.column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_mark_edges_and_keeps_all_text() {
        let text = "共收到申请12件，办结10件。";
        let twelve = text.find("12").unwrap();
        let ten = text.find("10").unwrap();
        let marks = [
            Mark {
                span: Span::new(twelve, twelve + 2),
                finding: 0,
                strong: true,
            },
            Mark {
                span: Span::new(twelve, ten + 2),
                finding: 1,
                strong: false,
            },
        ];
        let segs = segments(text, Span::new(0, text.len()), &marks);
        let joined: String = segs.iter().map(|s| s.text(text)).collect();
        assert_eq!(joined, text);
        let pieces: Vec<_> = segs
            .iter()
            .map(|s| (s.text(text), s.marks.clone()))
            .collect();
        assert_eq!(
            pieces,
            vec![
                ("共收到申请", vec![]),
                ("12", vec![(0, true), (1, false)]),
                ("件，办结10", vec![(1, false)]),
                ("件。", vec![]),
            ]
        );
    }

    #[test]
    fn edges_inside_characters_and_outside_the_range_are_safe() {
        let text = "一二三四";
        // 4 is inside 二 (bytes 3..6): moved back to 3.
        let marks = [Mark {
            span: Span::new(4, 100),
            finding: 0,
            strong: true,
        }];
        let segs = segments(text, Span::new(0, 9), &marks);
        let pieces: Vec<_> = segs.iter().map(|s| s.text(text)).collect();
        assert_eq!(pieces, vec!["一", "二三"]);
        assert!(segments(text, Span::new(20, 30), &marks).is_empty());
        assert!(segments(text, Span::new(6, 3), &marks).is_empty());
    }
}
