//! T family: the text against the tables, the years, the publication date.
//!
//! - T001 a figure stated in the text disagrees with the tables
//! - T002 years disagree (title, statistical period, 结转到 next year)
//! - T003 published after the deadline

use super::{cell_at, fmt_num, prose, row_label, Context};
use crate::diagnostic::{number, Diagnostic, Location, Severity};
use crate::report::{Date, Report};
use crate::search;
use crate::span::{Span, Trim};
use crate::vocab::numerals::find_numbers;
use crate::vocab::template::TableKey;
use crate::vocab::template::{ColumnKey as C, RowKey as R};

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("T001", Warning, "T", "正文数字与表格不一致", "a figure in the text disagrees with the tables",
        "正文所述新收、上年结转、办结、结转下年度的申请数，行政复议、行政诉讼数，制发、现行有效规范性文件数，与表格不符。“共收到”可指新收或新收加上年结转，两者皆可。",
        "A figure the text states (new, carried over, concluded, carried forward, reviews, lawsuits, normative documents) disagrees with the tables.",
        "正文“共收到依申请公开件 12 件”中的“12 件”与表格不一致：表三“本年新收政府信息公开申请数量”总计为 35（加上年结转为 36）"),
    rule!("T002", Error, "T", "年度前后不一致", "years disagree",
        "标题年度、统计期限、正文（如“结转到某年”须为下一年）所写年份应一致。",
        "The years of the title, the statistical period and the body must agree (结转到 must name the next year).",
        "正文称结转到2024年继续办理，报告年度为2024年，应为2025年"),
    rule!("T003", Error, "T", "发布时间晚于规定期限", "published after the deadline",
        "县级以上人民政府部门应于次年1月31日前、人民政府应于次年3月31日前公布年度报告。开发区、实验区等管委会按所在区域政府看待；名称看不出是政府还是部门时，晚于1月31日而不晚于3月31日只作警告。",
        "Departments must publish by 31 January of the next year, governments by 31 March. A zone's administrative committee counts as the area's government; where the name tells neither, a date between the two deadlines is a warning.",
        "发文日期为 2025-02-15，晚于政府部门年度报告的公布期限 2025-01-31"),
];

family_finding!();

/// A hand-made report for each rule of the family that makes it fire: the
/// catalogue's example of the rule must be the message it really gives there
/// (the X rules take two: the later report, then the earlier).
#[cfg(test)]
pub(super) fn examples() -> Vec<(&'static str, Vec<super::testing::Fixture>)> {
    use super::testing::{requests_with, Builder};
    use crate::vocab::template::{ColumnKey as C, RowKey as R};
    let b = Builder::new;
    vec![
        (
            "T001",
            vec![requests_with(
                b().body(1, "（二）依申请公开办理情况。2024 年，共收到依申请公开件 12 件，均及时进行回复。\n"),
                &[(R::New, C::NaturalPerson, "33"), (R::New, C::Total, "35"), (R::Disclosed, C::NaturalPerson, "31"), (R::Disclosed, C::Total, "32"), (R::TotalProcessed, C::NaturalPerson, "33"), (R::TotalProcessed, C::Total, "35")],
            )
            .build()],
        ),
        ("T002", vec![b().body(1, "本年新收政府信息公开申请12件，结转到2024年继续办理1件。\n").build()]),
        ("T003", vec![b().published(2025, 2, 15).build()]),
    ]
}

pub(super) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    t001(ctx, out);
    t002(ctx, out);
    t003(ctx, out);
}

// ---------------------------------------------------------------------------
// T001

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Topic {
    /// 新收: the new requests.
    New,
    /// 收到/受理: new, or new + carried over.
    Received,
    CarriedOver,
    /// 办结: total handled.
    Concluded,
    /// 办理: new, new + carried over, or total handled.
    Handled,
    CarriedForward,
    Review,
    Litigation,
    NormIssued,
    NormInForce,
}

/// Words that introduce a figure, longest first where they overlap.
const KEYWORDS: &[(&str, Topic)] = &[
    ("上一年度结转", Topic::CarriedOver),
    ("上年度结转", Topic::CarriedOver),
    ("上年结转", Topic::CarriedOver),
    ("结转下年度", Topic::CarriedForward),
    ("结转到", Topic::CarriedForward),
    ("结转至", Topic::CarriedForward),
    ("继续办理", Topic::CarriedForward),
    ("新收", Topic::New),
    ("新受理", Topic::New),
    ("收到", Topic::Received),
    ("受理", Topic::Received),
    ("接收", Topic::Received),
    ("办结", Topic::Concluded),
    ("办理", Topic::Handled),
    ("行政复议", Topic::Review),
    ("行政诉讼", Topic::Litigation),
    ("制发", Topic::NormIssued),
    ("印发", Topic::NormIssued),
    ("出台", Topic::NormIssued),
    ("现行有效", Topic::NormInForce),
];

/// Whether some keyword occurs in `s`.
fn has_keyword(s: &str) -> bool {
    s.char_indices()
        .any(|(i, c)| keyword_start(c) && KEYWORDS.iter().any(|(k, _)| s[i..].starts_with(k)))
}

/// Whether a keyword may start with this character: no keyword starts with
/// a character this says no to. A set of 4,096 bits holds the low twelve
/// bits of every keyword's first character; the caller compares the
/// keywords themselves where it says yes.
fn keyword_start(c: char) -> bool {
    static STARTS: std::sync::OnceLock<[u64; 64]> = std::sync::OnceLock::new();
    let bit = |c: char| (c as usize) & 0xFFF;
    let starts = STARTS.get_or_init(|| {
        let mut set = [0u64; 64];
        for c in KEYWORDS.iter().filter_map(|(k, _)| k.chars().next()) {
            set[bit(c) >> 6] |= 1 << (bit(c) & 63);
        }
        set
    });
    starts[bit(c) >> 6] >> (bit(c) & 63) & 1 != 0
}

const UNITS: &[char] = &['件', '宗', '起', '个', '次', '份', '条'];

fn is_request_topic(t: Topic) -> bool {
    matches!(
        t,
        Topic::New
            | Topic::Received
            | Topic::CarriedOver
            | Topic::Concluded
            | Topic::Handled
            | Topic::CarriedForward
    )
}

/// A figure the text states: its topic, value and span (number and unit).
#[derive(Clone, Debug, PartialEq)]
struct Figure<'a> {
    topic: Topic,
    value: f64,
    span: Span,
    /// The clause the figure stands in, as the text has it.
    clause: &'a str,
}

/// The figures the text states, one at a time to `each`, in the order of the
/// text. They are handed over line by line, not gathered: a text of
/// hundreds of thousands of such sentences would otherwise hold them all at
/// once (tens of megabytes) while a rule looks at each in turn.
fn figures<'a>(ctx: &'a Context, mut each: impl FnMut(Figure<'a>)) {
    let mut out = Vec::new();
    // The introduction and the narrative sections (not 五, 六).
    let r = ctx.report;
    let mut parts: Vec<Span> = Vec::new();
    let first = r
        .sections
        .iter()
        .map(|s| s.heading.start)
        .min()
        .unwrap_or(ctx.doc.text.len());
    parts.push(Span::new(0, first));
    for s in &r.sections {
        if s.ordinal <= 4 {
            parts.push(s.body);
        }
    }
    if r.sections.is_empty() {
        parts = vec![Span::new(0, ctx.doc.text.len())];
    }
    for part in parts {
        for (span, line) in prose(ctx, part) {
            // A figure follows a keyword; no keyword contains a separator, so
            // a line without one has no figure in any of its clauses.
            if !has_keyword(line) {
                continue;
            }
            let mut sent_start = 0;
            for sentence in line.split_inclusive(['。', '；', ';', '！']) {
                let s_off = sent_start;
                sent_start += sentence.len();
                let about_requests = search::contains(sentence, "申请");
                let about_appeals = search::contains(sentence, "公开");
                let about_norms = search::contains(sentence, "规范性文件");
                let mut c_start = 0;
                for clause in sentence.split_inclusive(['，', ',', '。', '；', ';', '！']) {
                    let c_off = s_off + c_start;
                    c_start += clause.len();
                    scan_clause(
                        clause,
                        span.start + c_off,
                        about_requests,
                        about_appeals,
                        about_norms,
                        &mut out,
                    );
                }
            }
            out.drain(..).for_each(&mut each);
        }
    }
}

fn scan_clause<'a>(
    clause: &'a str,
    base: usize,
    requests: bool,
    appeals: bool,
    norms: bool,
    out: &mut Vec<Figure<'a>>,
) {
    // Keywords, non-overlapping, longest first at each position.
    let mut kws: Vec<(usize, usize, Topic)> = Vec::new();
    let mut next = 0;
    for (i, c) in clause.char_indices() {
        // Most characters start no keyword: ruled out before any comparison.
        if i < next || !keyword_start(c) {
            continue;
        }
        let rest = &clause[i..];
        if let Some((k, t)) = KEYWORDS.iter().find(|(k, _)| rest.starts_with(k)) {
            kws.push((i, i + k.len(), *t));
            next = i + k.len();
        }
    }
    // A figure belongs to the keyword before it: no keyword, no figure.
    if kws.is_empty() {
        return;
    }
    let allowed = |t: Topic| match t {
        t if is_request_topic(t) => requests,
        Topic::Review | Topic::Litigation => appeals,
        Topic::NormIssued | Topic::NormInForce => norms,
        _ => false,
    };
    // 办理 alone is too common (建议提案办理, 投诉办理): only where the clause
    // itself is about requests.
    let handled_ok = search::contains(clause, "申请") || search::contains(clause, "公开");
    let allowed = |t: Topic| allowed(t) && (t != Topic::Handled || handled_ok);
    let mut used = vec![false; kws.len()];
    for n in find_numbers(clause) {
        let after = &clause[n.end..];
        let trimmed = after.trim_start_ws();
        let Some(unit) = trimmed.chars().next().filter(|c| UNITS.contains(c)) else {
            continue;
        };
        let unit_end = n.end + (after.len() - trimmed.len()) + unit.len_utf8();
        // Numbers that count nothing the tables hold: an ordinal (第二十条 of
        // table 二's headings when a crawler runs the table into the text), the
        // number of the report's parts (六个部分), a slogan in quotes
        // (“三个一”).
        let before = &clause[..n.start];
        let rest = &clause[unit_end..];
        if before.ends_with('第') || before.ends_with('“') || rest.starts_with("部分") {
            continue;
        }
        // The nearest keyword before the number.
        let Some(k) = kws.iter().rposition(|(_, e, _)| *e <= n.start) else {
            continue;
        };
        let topic = kws[k].2;
        if !allowed(topic) || n.value < 0.0 || n.value.fract() != 0.0 {
            continue;
        }
        // 办理 … 件 in sentences about suggestions or complaints are no figures of requests.
        used[k] = true;
        out.push(Figure {
            topic,
            value: n.value,
            span: Span::new(base + n.start, base + unit_end),
            clause: clause
                .trim_end_matches(['，', ',', '。', '；', ';', '！'])
                .trim_ws(),
        });
    }
    // “未收到…申请”, “无行政复议”: a figure of 0.
    for (k, (s, e, topic)) in kws.iter().enumerate() {
        if used[k] || !allowed(*topic) {
            continue;
        }
        if !matches!(
            topic,
            Topic::Received | Topic::New | Topic::Review | Topic::Litigation
        ) {
            continue;
        }
        let before = &clause[..*s];
        let neg = ["未", "无", "没有"].iter().find(|w| before.ends_with(*w));
        if let Some(w) = neg {
            if find_numbers(&clause[*e..])
                .iter()
                .any(|n| clause[*e + n.end..].trim_start_ws().starts_with(UNITS))
            {
                continue;
            }
            // What was not received must be a request for information: “未收到该
            // 申请人提交的补正” (no supplement from the applicant) and “未收到…行政
            // 复议申请” (no appeal) say nothing of the requests.
            let rest = &clause[*e..];
            if is_request_topic(*topic)
                && (!rest
                    .match_indices("申请")
                    .any(|(i, m)| !rest[i + m.len()..].starts_with('人'))
                    || search::contains(rest, "复议")
                    || search::contains(rest, "诉讼"))
            {
                continue;
            }
            out.push(Figure {
                topic: *topic,
                value: 0.0,
                span: Span::new(base + s - w.len(), base + e),
                clause: clause
                    .trim_end_matches(['，', ',', '。', '；', ';', '！'])
                    .trim_ws(),
            });
        }
    }
}

fn total(r: &Report, t: TableKey, row: R) -> Option<f64> {
    let c = r.table(t).cell(row, C::Total)?;
    c.value
}

fn t001(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let q = TableKey::Requests;
    let new = total(r, q, R::New);
    let co = total(r, q, R::CarriedOver);
    let done = total(r, q, R::TotalProcessed);
    let fwd = total(r, q, R::CarriedForward);
    let both = new.zip(co).map(|(a, b)| a + b);
    let appeal_total = |row: R| -> Option<f64> {
        let t = &r.appeals;
        let tot = t.value(row, C::Total);
        tot.or_else(|| {
            [C::Upheld, C::Corrected, C::Other, C::Pending]
                .into_iter()
                .map(|c| super::sum_value(t, row, c))
                .sum::<Option<f64>>()
        })
    };
    let review = appeal_total(R::Review);
    let litigation = appeal_total(R::LitigationDirect)
        .zip(appeal_total(R::LitigationAfterReview))
        .map(|(a, b)| a + b);
    let label = |row: R| row_label(q, r.requests.layout, row);
    figures(ctx, |f| {
        // The values the table accepts (the first is quoted); what the table
        // says and its cells are put into words only when the text disagrees.
        let accept: Vec<f64> = match f.topic {
            Topic::New | Topic::Received if new.is_none() => return,
            Topic::New => vec![new.unwrap_or_default()],
            Topic::Received => {
                let v = new.unwrap_or_default();
                let mut a = vec![v];
                a.extend(both.filter(|b| (b - v).abs() > 1e-9));
                a
            }
            Topic::CarriedOver => co.into_iter().collect(),
            Topic::Concluded => done.into_iter().collect(),
            Topic::Handled => [done, new, both].into_iter().flatten().collect(),
            Topic::CarriedForward => fwd.into_iter().collect(),
            Topic::Review => review.into_iter().collect(),
            Topic::Litigation => litigation.into_iter().collect(),
            Topic::NormIssued => r
                .proactive
                .value(R::NormativeDocs, C::Issued)
                .into_iter()
                .collect(),
            Topic::NormInForce => r
                .proactive
                .value(R::NormativeDocs, C::InForce)
                .into_iter()
                .collect(),
        };
        if accept.is_empty() || accept.iter().any(|a| (a - f.value).abs() < 1e-9) {
            return;
        }
        // Past the findings a report lists, the rest are counted, not put
        // into words: a text of a hundred thousand such sentences would
        // otherwise hold hundreds of megabytes of messages for nothing.
        if !ctx.room_for(RULES, "T001", super::MAX_FINDINGS) {
            return;
        }
        let v = accept[0];
        let (zh_table, en_table, cells): (String, String, Vec<Location>) = match f.topic {
            Topic::New => (
                format!("表三“{}”总计为 {}", label(R::New), fmt_num(v)),
                format!("table 三 says {} new requests", fmt_num(v)),
                vec![cell_at(q, R::New, C::Total)],
            ),
            Topic::Received => {
                let mut zh = format!("表三“{}”总计为 {}", label(R::New), fmt_num(v));
                let mut en = format!("table 三 says {} new requests", fmt_num(v));
                if let Some(b) = accept.get(1) {
                    zh.push_str(&format!("（加上年结转为 {}）", fmt_num(*b)));
                    en.push_str(&format!(" ({} with those carried over)", fmt_num(*b)));
                }
                (
                    zh,
                    en,
                    vec![
                        cell_at(q, R::New, C::Total),
                        cell_at(q, R::CarriedOver, C::Total),
                    ],
                )
            }
            Topic::CarriedOver => (
                format!("表三“{}”总计为 {}", label(R::CarriedOver), fmt_num(v)),
                format!("table 三 says {} carried over", fmt_num(v)),
                vec![cell_at(q, R::CarriedOver, C::Total)],
            ),
            Topic::Concluded => (
                format!(
                    "表三“{}”为 {}",
                    super::request_row_desc(r.requests.layout, R::TotalProcessed),
                    fmt_num(v)
                ),
                format!("table 三 says {} handled", fmt_num(v)),
                vec![cell_at(q, R::TotalProcessed, C::Total)],
            ),
            Topic::Handled => (
                format!(
                    "表三“{}”为 {}，“{}”为 {}",
                    super::request_row_desc(r.requests.layout, R::TotalProcessed),
                    done.map(fmt_num).unwrap_or_else(|| "?".into()),
                    label(R::New),
                    new.map(fmt_num).unwrap_or_else(|| "?".into())
                ),
                format!(
                    "table 三 says {} handled and {} new",
                    done.map(fmt_num).unwrap_or_else(|| "?".into()),
                    new.map(fmt_num).unwrap_or_else(|| "?".into())
                ),
                vec![
                    cell_at(q, R::TotalProcessed, C::Total),
                    cell_at(q, R::New, C::Total),
                ],
            ),
            Topic::CarriedForward => (
                format!("表三“{}”总计为 {}", label(R::CarriedForward), fmt_num(v)),
                format!("table 三 says {} carried forward", fmt_num(v)),
                vec![cell_at(q, R::CarriedForward, C::Total)],
            ),
            Topic::Review => (
                format!(
                    "表四“{}”总计为 {}",
                    row_label(TableKey::Appeals, r.appeals.layout, R::Review),
                    fmt_num(v)
                ),
                format!("table 四 says {} administrative reviews", fmt_num(v)),
                vec![cell_at(TableKey::Appeals, R::Review, C::Total)],
            ),
            Topic::Litigation => (
                format!(
                    "表四“{}”与“{}”总计之和为 {}",
                    row_label(TableKey::Appeals, r.appeals.layout, R::LitigationDirect),
                    row_label(
                        TableKey::Appeals,
                        r.appeals.layout,
                        R::LitigationAfterReview
                    ),
                    fmt_num(v)
                ),
                format!("table 四 says {} lawsuits", fmt_num(v)),
                vec![
                    cell_at(TableKey::Appeals, R::LitigationDirect, C::Total),
                    cell_at(TableKey::Appeals, R::LitigationAfterReview, C::Total),
                ],
            ),
            Topic::NormIssued | Topic::NormInForce => {
                let col = if f.topic == Topic::NormIssued {
                    C::Issued
                } else {
                    C::InForce
                };
                let cl = super::column_label(TableKey::Proactive, r.proactive.layout, col);
                (
                    format!(
                        "表二“{}”“{cl}”为 {}",
                        row_label(TableKey::Proactive, r.proactive.layout, R::NormativeDocs),
                        fmt_num(v)
                    ),
                    format!(
                        "table 二 says {} normative documents ({})",
                        fmt_num(v),
                        super::column_label_en(TableKey::Proactive, r.proactive.layout, col)
                    ),
                    vec![cell_at(TableKey::Proactive, R::NormativeDocs, col)],
                )
            }
        };
        let shown = ctx.doc.slice(f.span);
        out.push(
            finding(
                "T001",
                Location::Span(f.span),
                format!("正文“{}”中的“{shown}”与表格不一致：{zh_table}", f.clause),
                format!(
                    "the text “{}” states {} but {en_table}",
                    f.clause,
                    fmt_num(f.value)
                ),
            )
            .with_related(cells)
            .with_expected(number(accept[0]))
            .with_actual(number(f.value)),
        );
    });
}

// ---------------------------------------------------------------------------
// T002

/// The first four-digit year followed by 年 in `s`, with its byte range.
fn years_in(s: &str) -> Vec<(i32, usize, usize)> {
    find_numbers(s)
        .into_iter()
        .filter(|n| n.value >= 1990.0 && n.value <= 2100.0 && n.value.fract() == 0.0)
        .filter(|n| s[n.end..].trim_start_ws().starts_with('年'))
        .map(|n| (n.value as i32, n.start, n.end))
        .collect()
}

fn t002(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let title_year = r.title.as_ref().and_then(|t| {
        let text = ctx.doc.slice(t.span);
        let (text, base) = if text.is_empty() {
            (t.value.as_str(), None)
        } else {
            (text, Some(t.span.start))
        };
        years_in(text)
            .first()
            .map(|(y, a, b)| (*y, base.map(|o| Span::new(o + a, o + b)).unwrap_or(t.span)))
    });
    let year = r.year.as_ref().map(|y| y.value).or(title_year.map(|t| t.0));
    let Some(year) = year else { return };
    if let (Some((ty, span)), Some(ry)) = (title_year, r.year.as_ref()) {
        if ty != ry.value {
            out.push(
                finding(
                    "T002",
                    Location::Span(span),
                    format!("标题写的是{ty}年，报告年度为{}年", ry.value),
                    format!("the title says {ty}, the report is for {}", ry.value),
                )
                .with_expected(ry.value)
                .with_actual(ty),
            );
        }
    }
    if let Some(p) = &r.period {
        let (s, e) = (p.value.start, p.value.end);
        if s.year != year || e.year != year {
            let bad = if s.year != year { s.year } else { e.year };
            out.push(
                finding(
                    "T002",
                    Location::Span(p.span),
                    format!("统计期限为{}至{}，与报告年度{year}年不符", s, e),
                    format!(
                        "the statistical period {s} to {e} does not match the report year {year}"
                    ),
                )
                .with_expected(year)
                .with_actual(bad),
            );
        }
    }
    // 结转到 / 结转至 YYYY 年 must name the next year.
    for (span, line) in prose(ctx, super::whole(ctx.doc)) {
        // Both words start with 结转: one search spares most lines the two.
        if !search::contains(line, "结转") {
            continue;
        }
        for kw in ["结转到", "结转至"] {
            let mut from = 0;
            while let Some(i) = search::find_from(line, kw, from) {
                let at = i + kw.len();
                from = at;
                let window: String = line[at..].chars().take(8).collect();
                if let Some((y, a, b)) = years_in(&window).first().copied() {
                    if window[..a].chars().count() <= 2 && y != year + 1 {
                        out.push(
                            finding(
                                "T002",
                                Location::Span(Span::new(span.start + at + a, span.start + at + b)),
                                format!("正文称{kw}{y}年继续办理，报告年度为{year}年，应为{}年", year + 1),
                                format!("the text carries requests forward to {y}; for a report on {year} that must be {}", year + 1),
                            )
                            .with_expected(year + 1)
                            .with_actual(y),
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// T003

/// What kind of body publishes the report, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AgencyKind {
    /// A people's government itself (…人民政府).
    Government,
    /// A township government or sub-district office: deadlines vary.
    Township,
    /// A department of a government (…办公室, …局, …委员会, …).
    Department,
    /// A name that tells neither (no 人民政府, no mark of a department).
    Unknown,
}

/// Zones and development areas whose administrative committee reports as
/// the area's government (平潭综合实验区, …开发区管委会).
fn is_zone(n: &str) -> bool {
    let n = n
        .trim_end_matches("管理委员会")
        .trim_end_matches("管委会")
        .trim_end_matches("党工委");
    [
        "实验区",
        "试验区",
        "开发区",
        "高新区",
        "新区",
        "示范区",
        "合作区",
        "自贸区",
        "保税区",
        "园区",
    ]
    .iter()
    .any(|z| n.ends_with(z))
}

pub(super) fn agency_kind(name: &str) -> AgencyKind {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let n = n.trim_end_matches(['）', ')']);
    if n.ends_with("街道办事处")
        || n.ends_with("乡人民政府")
        || n.ends_with("镇人民政府")
        || n.ends_with("街道")
    {
        return AgencyKind::Township;
    }
    if n.ends_with("人民政府") || is_zone(n) {
        return AgencyKind::Government;
    }
    let department = n.ends_with("委员会")
        || n.ends_with("公司")
        || n.chars()
            .last()
            .is_some_and(|c| "局委厅室办心院署处所站队部会馆社台行司团狱库".contains(c));
    if department {
        AgencyKind::Department
    } else {
        AgencyKind::Unknown
    }
}

fn t003(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let (Some(p), Some(y)) = (&r.published, &r.year) else {
        return;
    };
    let Some(agency) = &r.agency else { return };
    let kind = agency_kind(&agency.value);
    let (deadline, who, who_en) = match kind {
        AgencyKind::Township => return,
        AgencyKind::Government => (Date::new(y.value + 1, 3, 31), "人民政府", "a government"),
        AgencyKind::Unknown => {
            // Past both deadlines: late whoever reports. Between them: it
            // depends on who reports, which the name does not tell.
            let government = Date::new(y.value + 1, 3, 31);
            let department = Date::new(y.value + 1, 1, 31);
            if p.value > government {
                (government, "人民政府", "a government")
            } else {
                if p.value > department {
                    out.push(
                        Diagnostic::new(
                            "T003",
                            Severity::Warning,
                            Location::Span(p.span),
                            format!(
                                "发文日期为 {}，晚于政府部门年度报告的公布期限 {department}；未能从名称“{}”判断报告机关是人民政府（期限 {government}）还是政府部门，请核对",
                                p.value, agency.value
                            ),
                            format!(
                                "published on {}, after a department's deadline ({department}); the name “{}” does not tell whether a government (deadline {government}) or a department reports",
                                p.value, agency.value
                            ),
                        )
                        .with_reading(crate::diagnostic::Reading::Uncertain)
                        .with_expected(department.to_string())
                        .with_actual(p.value.to_string()),
                    );
                }
                return;
            }
        }
        AgencyKind::Department => (
            Date::new(y.value + 1, 1, 31),
            "政府部门",
            "a government department",
        ),
    };
    if p.value > deadline {
        out.push(
            finding(
                "T003",
                Location::Span(p.span),
                format!(
                    "发文日期为 {}，晚于{who}年度报告的公布期限 {deadline}",
                    p.value
                ),
                format!(
                    "published on {}, after the deadline for {who_en} ({deadline})",
                    p.value
                ),
            )
            .with_expected(deadline.to_string())
            .with_actual(p.value.to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean, Builder};
    use crate::vocab::template::TableKey::*;

    fn ids(d: &[Diagnostic]) -> Vec<&'static str> {
        d.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn pass_clean_report() {
        assert!(clean().run(check).is_empty(), "{:?}", clean().run(check));
    }

    #[test]
    fn pass_received_may_include_carried_over() {
        let f = Builder::new()
            .body(
                1,
                "2024年，共收到政府信息公开申请13件，比去年减少5件，办理2件人大代表建议。\n",
            )
            .build();
        assert!(f.run(check).is_empty(), "{:?}", f.run(check));
    }

    #[test]
    fn pass_scope_of_a_city_report() {
        // As written in a city's report: received = new; answered includes the
        // carried-over ones; the carried-forward figure precedes its words.
        let f = Builder::new()
            .body(
                1,
                "（一）主动公开情况。全年新增公开市政府规章 1件、政策性文件 11件。\n\
                 （二）依申请公开情况。2024年，全市共受理政府信息公开申请 12件，答复 12件（含上年度结转申请 1件，另有 1件顺延到下年度答复），均在法定期限内予以答复。政府信息公开行政复议 3件，其中结果维持2件；政府信息公开行政诉讼 0件。\n",
            )
            .build();
        assert!(f.run(check).is_empty(), "{:?}", f.run(check));
    }

    #[test]
    fn pass_ordinals_parts_and_slogans_count_nothing() {
        // As crawled pages run them into the text: table 二's headings after
        // 现行有效, the number of parts after 行政诉讼, a slogan after 受理;
        // and a supplement or an appeal not received.
        let f = Builder::new()
            .body(
                1,
                "本报告包括总体情况、因政府信息公开申请行政复议、提起行政诉讼的情况等六个部分。坚持第一时间登记受理申请的“三个一”工作机制。作出补正告知，目前未收到该申请人提交的补正。未收到政府信息公开类行政复议申请及行政诉讼案件。\n",
            )
            .body(
                2,
                "现行有效件数规章000行政规范性文件008第二十条第（五）项信息内容本年处理决定数量行政许可1\n",
            )
            .cell(Proactive, R::NormativeDocs, C::InForce, "8")
            .build();
        assert!(f.run(check).is_empty(), "{:?}", f.run(check));
    }

    #[test]
    fn fail_t001_received_figure_located() {
        let f = Builder::new()
            .body(
                1,
                "（二）依申请公开办理情况。2024 年，共收到依申请公开件 12 件，均及时进行回复。\n",
            )
            .cell(Requests, R::New, C::NaturalPerson, "35")
            .cell(Requests, R::New, C::Total, "35")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["T001"]);
        assert_eq!(d[0].at, Location::Span(f.find("12 件")));
        assert_eq!(d[0].expected, Some(35.into()));
        assert_eq!(d[0].actual, Some(12.into()));
        assert!(d[0].message.contains("“12 件”"), "{}", d[0].message);
    }

    #[test]
    fn fail_t001_chinese_numerals_and_appeals() {
        let f = Builder::new()
            .body(1, "本年新收政府信息公开申请十二件，上年结转一件，办结十二件，结转下年度继续办理一件。因政府信息公开引起行政复议两件，行政诉讼一件。\n")
            .build();
        let d = f.run(check);
        let got: Vec<_> = d.iter().map(|d| (d.rule, d.actual.clone())).collect();
        assert_eq!(
            got,
            vec![("T001", Some(2.into())), ("T001", Some(1.into()))]
        );
    }

    #[test]
    fn fail_t001_none_received() {
        let f = Builder::new()
            .body(1, "2024年，本机关未收到政府信息公开申请。\n")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["T001"]);
        assert_eq!(d[0].at, Location::Span(f.find("未收到")));
    }

    #[test]
    fn fail_t001_normative_documents() {
        let f = Builder::new()
            .body(1, "全年制发行政规范性文件4件，现行有效规范性文件20件。\n")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["T001"]);
        assert_eq!(d[0].at, Location::Span(f.find("4件")));
    }

    #[test]
    fn fail_t002_years() {
        let f = Builder::new()
            .body(
                1,
                "本年新收政府信息公开申请12件，结转到2024年继续办理1件。\n",
            )
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["T002"]);
        assert_eq!(
            d[0].message,
            "正文称结转到2024年继续办理，报告年度为2024年，应为2025年"
        );
        let mut b = Builder::new();
        b.period_year = 2023;
        assert_eq!(ids(&b.build().run(check)), ["T002"]);
        let f = Builder::new()
            .title("某某区人民政府办公室2023年政府信息公开工作年度报告")
            .build();
        assert_eq!(ids(&f.run(check)), ["T002"]);
    }

    #[test]
    fn t003_deadlines_by_kind_of_agency() {
        assert_eq!(agency_kind("博爱县人民政府"), AgencyKind::Government);
        assert_eq!(agency_kind("博山区人民政府办公室"), AgencyKind::Department);
        assert_eq!(
            agency_kind("淄博高新技术产业开发区发展改革局"),
            AgencyKind::Department
        );
        // A zone's administrative committee reports as the area's government.
        assert_eq!(agency_kind("平潭综合实验区"), AgencyKind::Government);
        assert_eq!(
            agency_kind("某某经济技术开发区管委会"),
            AgencyKind::Government
        );
        assert_eq!(agency_kind("某某"), AgencyKind::Unknown);
        let f = Builder::new()
            .agency("平潭综合实验区")
            .published(2025, 3, 10)
            .build();
        assert!(f.run(check).is_empty());
        // Who reports cannot be told: a warning between the deadlines, an
        // error past both.
        let f = Builder::new().agency("某某").published(2025, 3, 10).build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["T003"]);
        assert_eq!(d[0].severity, Severity::Warning);
        let f = Builder::new().agency("某某").published(2025, 4, 10).build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["T003"]);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(agency_kind("某某镇人民政府"), AgencyKind::Township);
        let f = Builder::new().published(2025, 1, 15).build();
        assert!(f.run(check).is_empty());
        let f = Builder::new().published(2025, 2, 15).build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["T003"]);
        assert_eq!(
            d[0].message,
            "发文日期为 2025-02-15，晚于政府部门年度报告的公布期限 2025-01-31"
        );
        let f = Builder::new()
            .agency("某某县人民政府")
            .published(2025, 2, 15)
            .build();
        assert!(f.run(check).is_empty());
        let f = Builder::new()
            .agency("某某县人民政府")
            .published(2025, 4, 1)
            .build();
        assert_eq!(ids(&f.run(check)), ["T003"]);
    }

    #[test]
    fn no_keyword_holds_a_separator() {
        // figures() skips lines without a keyword on this premise.
        for (k, _) in KEYWORDS {
            assert!(!k.contains(['，', ',', '。', '；', ';', '！']), "{k}");
        }
    }

    #[test]
    fn every_keyword_start_is_let_through() {
        for (k, _) in KEYWORDS {
            assert!(k.chars().next().is_some_and(keyword_start), "{k}");
        }
        // Most characters are turned away (the point of the set).
        let text = "本机关严格落实政府信息公开工作要求，持续完善制度";
        let through = text.chars().filter(|c| keyword_start(*c)).count();
        assert!(through * 4 < text.chars().count(), "{through}");
    }

    #[test]
    fn figures_after_characters_of_any_width() {
        // one-, two- and four-byte characters before a keyword and a figure
        let f = Builder::new()
            .body(
                1,
                "（二）依申请公开。2024 年，共（é ü 𝄞）收到申请 12 件。\n",
            )
            .build();
        let ctx = f.ctx();
        let mut found = Vec::new();
        figures(&ctx, |x| found.push(x));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].topic, found[0].value), (Topic::Received, 12.0));
    }

    #[test]
    fn snapshot_findings() {
        let f = Builder::new()
            .body(
                1,
                "（二）依申请公开。2024 年，共收到依申请公开件 12 件，结转到2024年继续办理1件。\n",
            )
            .published(2025, 2, 1)
            .build();
        insta::assert_json_snapshot!(f.run(check));
    }
}
