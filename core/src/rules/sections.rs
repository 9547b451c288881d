//! S family: the six sections, their headings, numbering and content.
//!
//! - S001 a section is missing
//! - S002 sections out of order
//! - S003 a heading numbered off the format (6、, （六）, no number)
//! - S004 sub-item numbering skips or repeats ((一)(二)(三)(二); 1. 3.; 一是…三是)
//! - S005 a theme of 总体情况 is missing
//! - S006 五 is empty, 无, or a single sentence
//! - S007 the introduction says the report has N parts but it has another number

use super::{missing_section_at, prose, whole, Context};
use crate::diagnostic::{number, Diagnostic, Location};
use crate::report::{Numbering, Section};
use crate::search;
use crate::span::{Span, Trim};
use crate::vocab::numerals::{is_chinese_numeral_char, parse_chinese};
use crate::vocab::template::{Layout, Template};

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("S001", Error, "S", "缺少某一部分", "a section is missing",
        "年度报告应有六个部分（总体情况至其他需要报告的事项），缺少任何一部分即报错；未找到标题、但前后两部分之间有与该部分名称相近的文字（标题改写、只余小标题）时，只作读取不确定的警告。",
        "The report must have all six sections of the national layout. Where a heading is not found but text between the sections around it reads like its name (a reworded heading, sub-headings left alone), a warning that the reading is uncertain.",
        "报告缺少第五部分“存在的主要问题及改进情况”"),
    rule!("S002", Error, "S", "各部分顺序错乱", "sections out of order",
        "六个部分应按一至六的顺序出现。",
        "The six sections must appear in the order 一 to 六.",
        "第三部分“收到和处理政府信息公开申请情况”出现在第四部分“政府信息公开行政复议、行政诉讼情况”之后，顺序应为一至六"),
    rule!("S003", Warning, "S", "部分标题编号不合格式", "section heading numbered off the format",
        "部分标题应以“一、”“二、”……编号；写作“6、”、“（六）”或没有编号都不合格式。",
        "Section headings are numbered 一、 二、 …; Arabic numbers, parenthesised numbers or no number depart from the format.",
        "第六部分标题编号写作“6、”，应为“六、”"),
    rule!("S004", Warning, "S", "小标题编号跳号或重复", "sub-item numbering skips or repeats",
        "同一部分内的（一）（二）（三）……、1. 2. 3.……以及一是、二是……应连续编号，不能跳号或重复。",
        "Sub-items inside a section — (一)(二)…, 1. 2. …, 一是 二是 … — must be numbered consecutively.",
        "第六部分的小标题编号从（一）跳到（三），缺少（二）"),
    rule!("S005", Warning, "S", "总体情况缺少某一方面", "a theme of the overview is missing",
        "总体情况应写明主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面。",
        "The overview should cover the five themes of the format.",
        "总体情况未提及“监督保障”方面的工作"),
    rule!("S006", Warning, "S", "存在的主要问题及改进情况过于简单", "problems section empty or too short",
        "第五部分不应为空、只写“无”或只有一句话。",
        "Section 五 should not be empty, just 无, or a single sentence.",
        "第五部分“存在的主要问题及改进情况”只写了“无”"),
    rule!("S007", Warning, "S", "所称部分数与实际不符", "stated number of parts is wrong",
        "引言中写明“本报告共分N部分”时，N 应等于实际的部分数。",
        "When the introduction says the report has N parts, N must match the sections found.",
        "引言称本报告共分五部分，实际有六部分"),
];

family_finding!();

/// A hand-made report for each rule of the family that makes it fire: the
/// catalogue's example of the rule must be the message it really gives there
/// (the X rules take two: the later report, then the earlier).
#[cfg(test)]
pub(super) fn examples() -> Vec<(&'static str, Vec<super::testing::Fixture>)> {
    use super::testing::Builder;
    use crate::report::Numbering;
    let b = Builder::new;
    vec![
        ("S001", vec![b().without_section(5).build()]),
        ("S002", vec![b().swap_sections(3, 4).build()]),
        ("S003", vec![b().heading(6, "6、 其他需要报告的事项", Numbering::Arabic, "6").build()]),
        (
            "S004",
            vec![b()
                .body(6, "（一）信息处理费。本年度未收取信息处理费。\n本机关落实工作要点情况。\n（三）建议提案办理情况。\n")
                .build()],
        ),
        (
            "S005",
            vec![b()
                .body(1, "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）政府信息公开平台建设。\n")
                .build()],
        ),
        ("S006", vec![b().body(5, "无\n").build()]),
        ("S007", vec![b().intro("本报告共分五部分。").build()]),
    ]
}

/// The longest run of characters two texts share.
fn common_run(a: &[char], b: &[char]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// A trace of a section whose heading was not found, between the sections
/// found before and after it: a short line (a heading in other words, a
/// sub-heading left where the heading was lost: `（一）主要问题`), or the
/// section's own number with `、` inside a longer line, whose words share
/// four characters in a row with the section's name or one of its aliases.
fn section_trace(ctx: &Context, def: &crate::vocab::template::SectionDef) -> Option<Span> {
    use crate::vocab::label::fold;
    let r = ctx.report;
    let text = ctx.doc.text.as_str();
    let from = r
        .sections
        .iter()
        .filter(|s| s.ordinal < def.ordinal)
        .map(|s| s.heading.end)
        .max()
        .unwrap_or(0);
    let to = r
        .sections
        .iter()
        .filter(|s| s.ordinal > def.ordinal)
        .map(|s| s.heading.start)
        .min()
        .unwrap_or(text.len());
    if from >= to || !text.is_char_boundary(from) || !text.is_char_boundary(to) {
        return None;
    }
    let names: Vec<Vec<char>> = std::iter::once(def.title)
        .chain(def.aliases.iter().copied())
        .map(|n| fold(n).chars().collect())
        .collect();
    let like = |s: &str| {
        let f: Vec<char> = fold(s).chars().collect();
        names.iter().any(|n| common_run(&f, n) >= 4)
    };
    let mark = format!("{}、", def.number);
    let mut first = None;
    let mut at = from;
    for line in text[from..to].split('\n') {
        let span = Span::new(at, at + line.len());
        at += line.len() + 1;
        let t = line.trim_ws();
        // The report's own title shares words with every section's title
        // (政府信息公开): it is never a section's trace.
        if t.is_empty() || t.contains("年度报告") {
            continue;
        }
        if t.chars().count() <= 40 {
            if like(t) {
                // A line with the section's own number wins over a line
                // that only shares words with its title (（一）主动公开).
                if t.starts_with(&mark) {
                    return Some(span);
                }
                first.get_or_insert(span);
            }
            continue;
        }
        for (i, _) in line.match_indices(mark.as_str()) {
            let end = line[i..]
                .char_indices()
                .nth(24)
                .map_or(line.len(), |(j, _)| i + j);
            if like(&line[i + mark.len()..end]) {
                return Some(Span::new(span.start + i, span.start + end));
            }
        }
    }
    first
}

pub(super) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let defs = Template::get(Layout::Y2021).sections;
    let r = ctx.report;
    // S001
    for def in defs {
        if r.section(def.ordinal).is_none() {
            if let Some(trace) = section_trace(ctx, def) {
                let line = ctx.doc.slice(trace).trim_ws();
                out.push(
                    Diagnostic::new(
                        "S001",
                        crate::diagnostic::Severity::Warning,
                        Location::Span(trace),
                        format!(
                            "未找到第{}部分“{}”的标题；此处“{line}”似属该部分，但标题与格式不符或缺失，请核对",
                            def.number, def.title
                        ),
                        format!(
                            "the heading of section {} “{}” ({}) was not found; “{line}” here seems to belong to it, but its heading departs from the format or is missing",
                            def.number, def.title, def.title_en
                        ),
                    )
                    .with_reading(crate::diagnostic::Reading::Uncertain)
                    .with_expected(def.title),
                );
                continue;
            }
            out.push(
                finding(
                    "S001",
                    missing_section_at(ctx, def.ordinal),
                    format!("报告缺少第{}部分“{}”", def.number, def.title),
                    format!(
                        "section {} “{}” ({}) is missing",
                        def.number, def.title, def.title_en
                    ),
                )
                .with_expected(def.title),
            );
        }
    }
    // S002
    let mut ordered: Vec<&Section> = r.sections.iter().collect();
    ordered.sort_by_key(|s| s.heading.start);
    let mut highest: Option<&Section> = None;
    for s in &ordered {
        if let Some(h) = highest {
            if s.ordinal < h.ordinal {
                let name = defs.iter().find(|d| d.ordinal == s.ordinal);
                let hname = defs.iter().find(|d| d.ordinal == h.ordinal);
                if let (Some(d), Some(hd)) = (name, hname) {
                    out.push(finding(
                        "S002",
                        Location::Span(s.heading),
                        format!(
                            "第{}部分“{}”出现在第{}部分“{}”之后，顺序应为一至六",
                            d.number, d.title, hd.number, hd.title
                        ),
                        format!(
                            "section {} “{}” comes after section {}; the order must be 一 to 六",
                            d.number, d.title_en, hd.number
                        ),
                    ));
                }
                continue;
            }
        }
        highest = Some(s);
    }
    // S003
    for s in &ordered {
        let Some(def) = defs.iter().find(|d| d.ordinal == s.ordinal) else {
            continue;
        };
        let expected = format!("{}、", def.number);
        let (zh, en) = match s.numbering {
            Numbering::Chinese if s.number == def.number => continue,
            Numbering::Chinese => (
                format!("第{}部分标题编号写作“{}、”，应为“{expected}”", def.number, s.number),
                format!("the heading of section {} is numbered “{}、”; it should be “{expected}”", def.number, s.number),
            ),
            Numbering::Arabic => (
                format!("第{}部分标题编号写作“{}、”，应为“{expected}”", def.number, s.number),
                format!("the heading of section {} is numbered with an Arabic “{}”; it should be “{expected}”", def.number, s.number),
            ),
            Numbering::Parenthesised => (
                format!("第{}部分标题编号写作“（{}）”，应为“{expected}”", def.number, s.number),
                format!("the heading of section {} is numbered “（{}）” like a sub-item; it should be “{expected}”", def.number, s.number),
            ),
            Numbering::None => (
                format!("第{}部分标题“{}”缺少编号“{expected}”", def.number, s.title.trim_ws()),
                format!("the heading of section {} “{}” has no number; it should start with “{expected}”", def.number, s.title.trim_ws()),
            ),
        };
        out.push(
            finding("S003", Location::Span(s.heading), zh, en)
                .with_expected(expected)
                .with_actual(
                    ctx.doc
                        .slice(s.heading)
                        .trim_ws()
                        .chars()
                        .take(12)
                        .collect::<String>(),
                ),
        );
    }
    // S004
    for s in &ordered {
        sub_items(ctx, s, out);
    }
    s005(ctx, out);
    s006(ctx, out);
    s007(ctx, out);
}

/// A sub-item marker found in a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// （一）
    Paren,
    /// 1.
    Arabic,
    /// 一是
    Shi,
}

fn show(style: Style, n: u64) -> String {
    let cn = chinese(n);
    match style {
        Style::Paren => format!("（{cn}）"),
        Style::Arabic => format!("{n}."),
        Style::Shi => format!("{cn}是"),
    }
}

fn chinese(n: u64) -> String {
    crate::vocab::numerals::to_chinese(n)
}

/// The marker at the start of a line: （一） / (一) / 1. / 1、
fn line_marker(line: &str) -> Option<(Style, u64, usize, usize)> {
    let mut lead = line.len() - line.trim_start_ws().len();
    let mut t = line.trim_start_ws();
    // Word-processor debris before the number: [bookmark: _GoBack]（四）…
    if t.starts_with("[bookmark") {
        let close = t.find(']')? + 1;
        let rest = &t[close..];
        lead += close + (rest.len() - rest.trim_start_ws().len());
        t = rest.trim_start_ws();
    }
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    if first == '（' || first == '(' {
        let inner_start = first.len_utf8();
        let close = t.find(['）', ')'])?;
        let inner = t.get(inner_start..close)?.trim_ws();
        let n = parse_chinese(inner)?;
        let close_len = t[close..].chars().next()?.len_utf8();
        return Some((Style::Paren, n, lead, lead + close + close_len));
    }
    if first.is_ascii_digit() {
        let digits_end = t.find(|c: char| !c.is_ascii_digit())?;
        let rest = &t[digits_end..];
        let sep = rest.chars().next()?;
        if sep == '.' || sep == '．' || sep == '、' {
            let after = rest[sep.len_utf8()..].chars().next();
            if after.is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            let n: u64 = t[..digits_end].parse().ok()?;
            return Some((Style::Arabic, n, lead, lead + digits_end + sep.len_utf8()));
        }
    }
    None
}

/// 一是 / 二是 … inside a line.
fn shi_markers(line: &str) -> Vec<(u64, usize, usize)> {
    let mut out = Vec::new();
    for (i, _) in line.match_indices('是') {
        // Up to three numerals right before 是, not after 第 or another 是.
        let mut start = i;
        let mut numerals = 0;
        let mut before = None;
        for (k, c) in line[..i].char_indices().rev() {
            if numerals < 3 && is_chinese_numeral_char(c) {
                start = k;
                numerals += 1;
            } else {
                before = Some(c);
                break;
            }
        }
        if numerals == 0 || matches!(before, Some('第' | '是')) {
            continue;
        }
        if let Some(n) = parse_chinese(&line[start..i]) {
            if (1..=20).contains(&n) {
                out.push((n, start, i + '是'.len_utf8()));
            }
        }
    }
    out
}

struct Chain {
    style: Style,
    last: Option<u64>,
}

impl Chain {
    fn new(style: Style) -> Self {
        Chain { style, last: None }
    }

    /// Feed a marker; a finding when it skips or repeats.
    fn feed(&mut self, n: u64, span: Span, section: &str, out: &mut Vec<Diagnostic>) {
        if self.style == Style::Shi && n == 1 {
            self.last = Some(1);
            return;
        }
        if let Some(prev) = self.last {
            if n == prev + 1 {
            } else if n > prev + 1 {
                let missing: Vec<String> = (prev + 1..n).map(|k| show(self.style, k)).collect();
                out.push(
                    finding(
                        "S004",
                        Location::Span(span),
                        format!(
                            "第{section}部分的小标题编号从{}跳到{}，缺少{}",
                            show(self.style, prev),
                            show(self.style, n),
                            missing.join("")
                        ),
                        format!(
                            "in section {section} the sub-item numbers jump from {} to {}; {} is missing",
                            show(self.style, prev),
                            show(self.style, n),
                            missing.join("")
                        ),
                    )
                    .with_expected(show(self.style, prev + 1))
                    .with_actual(show(self.style, n)),
                );
            } else {
                out.push(
                    finding(
                        "S004",
                        Location::Span(span),
                        format!(
                            "第{section}部分的小标题编号在{}之后又出现{}，编号重复",
                            show(self.style, prev),
                            show(self.style, n)
                        ),
                        format!(
                            "in section {section} the sub-item {} follows {}: the numbering repeats",
                            show(self.style, n),
                            show(self.style, prev)
                        ),
                    )
                    .with_expected(show(self.style, prev + 1))
                    .with_actual(show(self.style, n)),
                );
            }
        }
        self.last = Some(n);
    }
}

fn sub_items(ctx: &Context, s: &Section, out: &mut Vec<Diagnostic>) {
    let number = Template::get(Layout::Y2021)
        .sections
        .iter()
        .find(|d| d.ordinal == s.ordinal)
        .map(|d| d.number)
        .unwrap_or("");
    let mut paren = Chain::new(Style::Paren);
    let mut arabic = Chain::new(Style::Arabic);
    let mut shi = Chain::new(Style::Shi);
    for (span, line) in prose(ctx, s.body) {
        if let Some((style, n, a, b)) = line_marker(line) {
            let at = Span::new(span.start + a, span.start + b);
            match style {
                Style::Paren => {
                    paren.feed(n, at, number, out);
                    arabic = Chain::new(Style::Arabic);
                    shi = Chain::new(Style::Shi);
                }
                Style::Arabic => {
                    arabic.feed(n, at, number, out);
                    shi = Chain::new(Style::Shi);
                }
                Style::Shi => {}
            }
        }
        for (n, a, b) in shi_markers(line) {
            shi.feed(n, Span::new(span.start + a, span.start + b), number, out);
        }
    }
}

fn section_text(ctx: &Context, s: &Section) -> String {
    prose(ctx, s.body)
        .into_iter()
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
}

fn s005(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(s) = ctx.report.section(1) else {
        return;
    };
    let text = section_text(ctx, s);
    for theme in Template::get(Layout::Y2021).themes {
        if !theme.keywords.iter().any(|k| search::contains(&text, k)) {
            out.push(
                finding(
                    "S005",
                    Location::Span(s.heading),
                    format!("总体情况未提及“{}”方面的工作", theme.label),
                    format!("the overview does not mention {}", theme.label_en),
                )
                .with_expected(theme.label),
            );
        }
    }
}

fn s006(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(s) = ctx.report.section(5) else {
        return;
    };
    let text = section_text(ctx, s);
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_end_matches(['。', '.', '；']);
    let sentences = t
        .split(['。', '！', '；', '!', ';'])
        .filter(|x| x.chars().count() > 1)
        .count();
    let (zh, en) = if t.is_empty() {
        (
            "第五部分“存在的主要问题及改进情况”没有内容".to_string(),
            "section 五 (problems and improvements) is empty".to_string(),
        )
    } else if ["无", "暂无", "没有", "无。"].contains(&core) {
        (
            format!("第五部分“存在的主要问题及改进情况”只写了“{core}”"),
            format!("section 五 (problems and improvements) only says “{core}”"),
        )
    } else if sentences <= 1 {
        (
            "第五部分“存在的主要问题及改进情况”只有一句话，应具体写明存在的问题和改进措施".to_string(),
            "section 五 (problems and improvements) is a single sentence; it should state the problems and the improvements".to_string(),
        )
    } else {
        return;
    };
    out.push(finding("S006", Location::Span(s.heading), zh, en));
}

fn s007(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let first = ctx
        .report
        .sections
        .iter()
        .map(|s| s.heading.start)
        .min()
        .unwrap_or(ctx.doc.text.len().min(2000));
    let found = ctx.report.sections.len();
    let intro = Span::new(0, first);
    let _ = whole(ctx.doc);
    for (span, line) in prose(ctx, intro) {
        let mut from = 0;
        while let Some(i) = line[from..].find("部分") {
            let at = from + i;
            from = at + "部分".len();
            let before: Vec<(usize, char)> = line[..at].char_indices().collect();
            let mut k = before.len();
            if k > 0 && before[k - 1].1 == '个' {
                k -= 1;
            }
            let num_end = k;
            while k > 0
                && (is_chinese_numeral_char(before[k - 1].1) || before[k - 1].1.is_ascii_digit())
            {
                k -= 1;
            }
            if k == num_end {
                continue;
            }
            let ctx_start = k.saturating_sub(4);
            let lead: String = before[ctx_start..k].iter().map(|x| x.1).collect();
            if !(lead.contains('共')
                || lead.contains('分')
                || lead.contains("包括")
                || lead.contains('由'))
            {
                continue;
            }
            let ns = before[k].0;
            let ne = before.get(num_end).map(|x| x.0).unwrap_or(at);
            // “一部分” is “some”, not a count of parts.
            let Some(n) = crate::vocab::numerals::parse_number(&line[ns..ne]).filter(|n| *n >= 3.0)
            else {
                continue;
            };
            if n as usize != found && found > 0 {
                out.push(
                    finding(
                        "S007",
                        Location::Span(Span::new(span.start + ns, span.start + at + "部分".len())),
                        format!(
                            "引言称本报告共分{}部分，实际有{}部分",
                            &line[ns..ne],
                            chinese(found as u64)
                        ),
                        format!(
                            "the introduction says the report has {} parts, but it has {found}",
                            crate::decimal::Num(n)
                        ),
                    )
                    .with_expected(number(found as f64))
                    .with_actual(number(n)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// shi_markers as first written, on a vector of characters.
    fn shi_markers_by_chars(line: &str) -> Vec<(u64, usize, usize)> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for i in 0..chars.len() {
            if chars[i].1 != '是' || i == 0 {
                continue;
            }
            let mut j = i;
            while j > 0 && is_chinese_numeral_char(chars[j - 1].1) && i - (j - 1) <= 3 {
                j -= 1;
            }
            if j == i || (j > 0 && (chars[j - 1].1 == '第' || chars[j - 1].1 == '是')) {
                continue;
            }
            let (start, end) = (chars[j].0, chars[i].0 + '是'.len_utf8());
            if let Some(n) = line.get(start..chars[i].0).and_then(parse_chinese) {
                if (1..=20).contains(&n) {
                    out.push((n, start, end));
                }
            }
        }
        out
    }

    #[test]
    fn shi_markers_agree_with_the_character_walk() {
        let mut lines: Vec<String> = [
            "是",
            "一是加强领导，二是完善制度；三是强化监督",
            "第一是不算，是是，十一是，二十是，一百二十三是，四十五六是",
            "这是一项工作，十是",
            "一二三四是",
        ]
        .map(String::from)
        .to_vec();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds");
        for entry in std::fs::read_dir(dir).expect("the seeds of tests/fixtures") {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().map(String::from));
        }
        let mut found = 0;
        for line in &lines {
            assert_eq!(shi_markers(line), shi_markers_by_chars(line), "{line}");
            found += shi_markers(line).len();
        }
        assert!(found > 5, "{found}");
    }

    use crate::report::Numbering;
    use crate::rules::testing::{clean, Builder};

    fn ids(d: &[Diagnostic]) -> Vec<&'static str> {
        d.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn a_section_with_its_heading_reworded_or_lost_is_a_warning() {
        for body4 in ["五、存在的主要问题及整改措施\n", "（一）主要问题\n"] {
            let f = Builder::new()
                .without_section(5)
                .body(4, &format!("本年度无行政复议。\n{body4}人员力量不足。\n"))
                .build();
            let d: Vec<_> = f
                .run(check)
                .into_iter()
                .filter(|d| d.rule == "S001")
                .collect();
            assert_eq!(d.len(), 1, "{d:?}");
            assert_eq!(d[0].severity, crate::diagnostic::Severity::Warning);
            assert_eq!(d[0].reading, crate::diagnostic::Reading::Uncertain);
        }
        // Nothing like it: the error stands.
        let f = Builder::new()
            .without_section(5)
            .body(4, "本年度无行政复议。\n")
            .build();
        let d: Vec<_> = f
            .run(check)
            .into_iter()
            .filter(|d| d.rule == "S001")
            .collect();
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Error);
    }

    #[test]
    fn pass_clean_report() {
        assert!(clean().run(check).is_empty(), "{:?}", clean().run(check));
    }

    #[test]
    fn fail_s001_s002() {
        let f = Builder::new().without_section(5).build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["S001"]);
        assert_eq!(d[0].message, "报告缺少第五部分“存在的主要问题及改进情况”");
        let f = Builder::new().swap_sections(3, 4).build();
        assert_eq!(ids(&f.run(check)), ["S002"]);
    }

    #[test]
    fn a_missing_section_is_placed_where_it_should_be() {
        // Before the heading of the section that follows it…
        let f = Builder::new().without_section(5).build();
        let d = f.run(check);
        let six = f.report.section(6).map(|s| s.heading);
        assert_eq!(Some(d[0].at), six.map(Location::Span));
        // …after the last line of the one before it when none follows…
        let f = Builder::new().without_section(6).build();
        let d = f.run(check);
        let Location::Span(at) = d[0].at else {
            panic!("{:?}", d[0].at)
        };
        let five = f.report.section(5).unwrap();
        assert!(five.body.contains(at) && !f.doc.slice(at).trim().is_empty());
        assert!(f.doc.text[at.end..five.body.end].trim().is_empty());
        // …and, when no heading was taken for a section at all though the
        // text still shows them, each is pointed at as an unsure reading,
        // never at the report's title.
        let mut f = Builder::new().build();
        f.report.sections.clear();
        let d = f.run(check);
        assert_eq!(d.len(), 6);
        for (d, number) in d.iter().zip(["一", "二", "三", "四", "五", "六"]) {
            let Location::Span(at) = d.at else {
                panic!("{:?}", d.at)
            };
            assert_eq!(d.severity, crate::diagnostic::Severity::Warning);
            assert!(
                f.doc.slice(at).starts_with(&format!("{number}、")),
                "{}",
                d.message
            );
        }
    }

    #[test]
    fn fail_s003_arabic_and_none() {
        let f = Builder::new()
            .heading(6, "6、 其他需要报告的事项", Numbering::Arabic, "6")
            .heading(5, "存在的主要问题及改进情况", Numbering::None, "")
            .build();
        let d = f.run(check);
        let msgs: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "第五部分标题“存在的主要问题及改进情况”缺少编号“五、”",
                "第六部分标题编号写作“6、”，应为“六、”"
            ]
        );
        assert_eq!(d[1].at, Location::Span(f.find("6、 其他需要报告的事项")));
    }

    #[test]
    fn fail_s004_skip_repeat_and_shi() {
        let f = Builder::new()
            .body(6, "（一）信息处理费。本年度未收取信息处理费。\n本机关落实工作要点情况。\n（三）建议提案办理情况。\n（四）创新实践。\n")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["S004"]);
        assert_eq!(
            d[0].message,
            "第六部分的小标题编号从（一）跳到（三），缺少（二）"
        );
        assert_eq!(d[0].at, Location::Span(f.find_last("（三）")));
        let f = Builder::new()
            .body(6, "(一)信息处理费。未收取信息处理费。\n(二)建议提案。\n(三)创新实践。\n(二)落实工作要点。\n")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["S004"]);
        assert!(
            d[0].message.contains("（三）之后又出现（二）"),
            "{}",
            d[0].message
        );
        let f = Builder::new()
            .body(5, "一是信息更新不及时，三是解读单一。下一步加强培训。\n")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["S004"]);
        assert!(d[0].message.contains("从一是跳到三是"), "{}", d[0].message);
    }

    #[test]
    fn fail_s004_after_bookmark_debris() {
        let f = Builder::new()
            .body(
                6,
                "（一）信息处理费。未收取信息处理费。\n[bookmark: _GoBack]（三）创新实践。\n",
            )
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["S004"]);
        assert_eq!(d[0].at, Location::Span(f.find_last("（三）")));
    }

    #[test]
    fn pass_s004_restarting_lists() {
        let f = Builder::new()
            .body(5, "（一）存在问题。一是A。二是B。\n（二）改进措施。一是C。二是D。三是E。\n1.甲。\n2.乙。\n")
            .build();
        assert!(f.run(check).is_empty(), "{:?}", f.run(check));
    }

    #[test]
    fn fail_s005_s006() {
        let f = Builder::new()
            .body(
                1,
                "本年主动公开信息100条，依申请公开办理及时，加强政府信息管理，优化公开平台。\n",
            )
            .body(5, "无\n")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["S005", "S006"]);
        assert_eq!(d[0].message, "总体情况未提及“监督保障”方面的工作");
        assert_eq!(d[1].message, "第五部分“存在的主要问题及改进情况”只写了“无”");
        let f = Builder::new().body(5, "本年度工作有待加强。\n").build();
        assert_eq!(ids(&f.run(check)), ["S006"]);
    }

    #[test]
    fn fail_s007() {
        let f = Builder::new().intro("本报告共分五个部分。").build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["S007"]);
        assert_eq!(d[0].message, "引言称本报告共分五部分，实际有六部分");
        let f = Builder::new().intro("本报告共分六部分。").build();
        assert!(f.run(check).is_empty());
        let f = Builder::new().intro("本报告分为以下七个部分。").build();
        assert_eq!(ids(&f.run(check)), ["S007"]);
        let f = Builder::new().intro("其中分类信息有一部分已公开。").build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn snapshot_findings() {
        let f = Builder::new()
            .heading(6, "6、 其他需要报告的事项", Numbering::Arabic, "6")
            .body(6, "(一)信息处理费。未收取信息处理费。\n(二)建议提案。\n(三)创新实践。\n(二)落实工作要点。\n")
            .build();
        insta::assert_json_snapshot!(f.run(check));
    }
}
