//! The rule catalogue of FORMAT.md §3. One family per file, each with its cases.
//!
//! | family | file |
//! |---|---|
//! | S sections | [`sections`] |
//! | F format | [`format`] |
//! | A arithmetic | [`arithmetic`] |
//! | N numbers | [`numbers`] |
//! | T text | [`text`] |
//! | Q quality | [`quality`] |
//! | P plausibility | [`plausibility`] |
//! | X across reports | [`cross`] |

use crate::diagnostic::{CellRef, Diagnostic, Location, Severity};
use crate::document::{Block, Document};
use crate::report::{CellProblem, Report, TableRead};
use crate::span::{Span, Trim};
use crate::vocab::names;
pub(crate) use crate::vocab::names::{
    column_label, column_label_en, request_row_desc, row_label, row_label_en, short_label,
    table_name, table_name_en,
};
use crate::vocab::template::{ColumnKey, RowKey, TableKey, Template};
use serde::Serialize;

pub mod arithmetic;
pub mod cross;
pub mod format;
pub mod numbers;
pub mod plausibility;
pub mod quality;
pub mod sections;
pub mod text;

#[cfg(test)]
mod examples;
#[cfg(test)]
pub(crate) mod testing;

/// What the rules need to look at one report.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub report: &'a Report,
    /// Where the lines start and where the tables are, found once for all
    /// the rules that read the prose.
    lines: std::cell::OnceCell<ProseIndex>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, report: &'a Report) -> Self {
        Context {
            doc,
            report,
            lines: std::cell::OnceCell::new(),
        }
    }
}

struct ProseIndex {
    /// The tables of the document and those the report read, by start.
    tables: Vec<Span>,
    /// For each whole line, its prose span, or `None` when it is blank or
    /// inside a table.
    kept: Vec<Option<Span>>,
}

impl ProseIndex {
    /// The text `from..to` (within one line) without its line break, unless
    /// it is blank: the prose span it gives if it is outside every table.
    fn unbroken(text: &str, from: usize, to: usize) -> Option<Span> {
        let line = text.get(from..to)?;
        let trimmed = line.trim_end_matches(['\n', '\r']);
        (!trimmed.trim_start_ws().is_empty()).then(|| Span::new(from, from + trimmed.len()))
    }

    /// The prose span of the text `from..to` (within one line), if any.
    fn piece(&self, text: &str, from: usize, to: usize) -> Option<Span> {
        let s = Self::unbroken(text, from, to)?;
        let inside = self
            .tables
            .iter()
            .any(|t| t.start <= s.start && s.end <= t.end);
        (!inside).then_some(s)
    }

    /// [`ProseIndex::piece`] of every whole line. The lines come in order,
    /// so the tables, sorted by start, are walked once beside them: a line
    /// lies inside a table when one starting at or before it ends at or
    /// after it, that is when the furthest end among them does.
    fn whole_lines(&self, text: &str, line_starts: &[usize]) -> Vec<Option<Span>> {
        debug_assert!(self.tables.is_sorted_by_key(|t| t.start));
        let mut next = 0;
        let mut furthest = 0;
        let ends = line_starts.iter().skip(1).copied().chain([text.len()]);
        line_starts
            .iter()
            .zip(ends)
            .map(|(&from, to)| {
                let s = Self::unbroken(text, from, to)?;
                while let Some(t) = self.tables.get(next).filter(|t| t.start <= from) {
                    furthest = furthest.max(t.end);
                    next += 1;
                }
                (next == 0 || furthest < s.end).then_some(s)
            })
            .collect()
    }
}

/// A rule of the catalogue, as data: id, severity, what it checks.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    pub id: &'static str,
    pub severity: Severity,
    pub family: &'static str,
    /// What the rule checks, in Chinese and in English.
    pub title: &'static str,
    pub title_en: &'static str,
    /// A longer explanation, in Chinese and in English.
    pub description: &'static str,
    pub description_en: &'static str,
    /// A message the rule gives, as an example.
    pub example: &'static str,
}

macro_rules! rule {
    ($id:literal, $sev:ident, $fam:literal, $t:literal, $ten:literal, $d:literal, $den:literal, $ex:literal) => {
        RuleMeta {
            id: $id,
            severity: Severity::$sev,
            family: $fam,
            title: $t,
            title_en: $ten,
            description: $d,
            description_en: $den,
            example: $ex,
        }
    };
}

/// Every rule of the catalogue.
pub static RULES: &[RuleMeta] = &[
    rule!("S001", Error, "S", "缺少某一部分", "a section is missing",
        "年度报告应有六个部分（总体情况至其他需要报告的事项），缺少任何一部分即报错。",
        "The report must have all six sections of the national layout.",
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
    rule!("F001", Error, "F", "表格样式与年度不符", "layout does not match the year",
        "2021年及以后的年度报告应使用国办公开办函〔2021〕30号的新格式（错误）；2021年以前的报告使用新格式给出警告。",
        "Reports for 2021 or later must use the 2021 layout (error); the 2021 layout in an earlier report is a warning.",
        "2023年度报告使用了2019年试行格式（国办公开办函〔2019〕60号）的表格，2023年度应使用2021年格式（国办公开办函〔2021〕30号）"),
    rule!("F002", Warning, "F", "行列名称与国家格式用语不一致", "a row or column label differs from the national wording",
        "表格行名或列名与国家格式用语不同（错字、漏字、改写），指出应为何种写法以及差在哪里。",
        "A row or column label differs from the official wording (typo, missing characters, rewording).",
        "表三（收到和处理政府信息公开申请情况）行名“其他法律行政禁止公开”与国家格式“其他法律行政法规禁止公开”不一致：缺少“法规”二字"),
    rule!("F003", Error, "F", "表格缺少行、列或单元格", "a table row, column or cell is missing",
        "表二应有10个数据格，表三175个，表四15个（2021年格式）；缺少的行、列或单元格逐一指出。",
        "Table 二 has 10 cells, 三 175, 四 15 (2021 layout); every missing row, column or cell is reported.",
        "表三（收到和处理政府信息公开申请情况）缺少“属于行政查询事项”一行（7个单元格）"),
    rule!("F004", Warning, "F", "行被合并或拆分", "rows merged or split",
        "表格行的划分与格式不一致：几行合并为一行（如2021年报告中只有一行“其他处理”），或一行拆成几行，或出现格式中没有的行。",
        "Rows are merged or split against the layout, or a row matches nothing in it.",
        "表三（收到和处理政府信息公开申请情况）中“（六）其他处理”一行代替了格式中的3行（三(六)1、三(六)2、三(六)3），应分行填报"),
    rule!("A001", Error, "A", "表三勾稽关系不平衡（一+二=三+四）", "table 三: new + carried over ≠ handled + carried forward",
        "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理。报告本身无法判断哪一格有误，故同时指出参与计算的各格。",
        "Table 三, per column: new + carried over = total handled + carried forward.",
        "自然人一列：本年新收政府信息公开申请数量（10）+ 上年结转政府信息公开申请数量（1）= 11，而三(七) 总计（10）+ 结转下年度继续办理（2）= 12，两边应相等（第一项加第二项之和，等于第三项加第四项之和）。仅凭报告无法判断是总计填错还是某一分项填错"),
    rule!("A002", Error, "A", "表三办理结果总计与各项之和不符", "table 三: total handled ≠ sum of outcomes",
        "表三每一列：三(七)总计 = 三(一)至三(六)各项办理结果之和。",
        "Table 三, per column: 三(七) total equals the sum of all outcome rows.",
        "自然人一列的三(七) 总计应为 10（各项办理结果之和），报告填写为 11。仅凭报告无法判断是总计填错还是某一分项填错"),
    rule!("A003", Error, "A", "表三行总计与各类申请人之和不符", "table 三: row total ≠ sum of applicants",
        "表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。",
        "Table 三, per row: total = natural persons + the five kinds of organisations.",
        "予以公开一行的总计应为 9（8+1+0+0+0+0），报告填写为 10。若将 总计/予以公开 改为 9，则两处均平衡"),
    rule!("A004", Error, "A", "表四总计与各项之和不符", "table 四: total ≠ sum of results",
        "表四每一组（行政复议、未经复议直接起诉、复议后起诉）：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。",
        "Table 四, per group: total = upheld + corrected + other + pending.",
        "行政诉讼（复议后起诉）总计应为 0（0+0+0+0），报告填写为 1。仅凭报告无法判断是总计填错还是某一分项填错"),
    rule!("N001", Error, "N", "单元格不是合格的数字", "a cell is not a valid number",
        "单元格内容不是数字、为负数，或件数中出现小数（收费金额可有小数，2019年格式的“本年增/减”可为负数）。",
        "A cell is not a number, is negative, or has decimals where a count is expected.",
        "表三（收到和处理政府信息公开申请情况）“科研机构/予以公开”填写为“约5”，不是数字"),
    rule!("N002", Warning, "N", "单元格空白或为占位符", "a cell is blank or a placeholder",
        "单元格为空，或填写“/”“-”“无”；如无数据应填 0。计算合计时按 0 处理。",
        "A cell is blank or holds “/”, “-”, “无”; 0 should be written. Counted as 0 in sums.",
        "表四（政府信息公开行政复议、行政诉讼情况）“行政复议/其他结果”为“/”，如无数据应填写 0（合计时按 0 计算）"),
    rule!("T001", Warning, "T", "正文数字与表格不一致", "a figure in the text disagrees with the tables",
        "正文所述新收、上年结转、办结、结转下年度的申请数，行政复议、行政诉讼数，制发、现行有效规范性文件数，与表格不符。“共收到”可指新收或新收加上年结转，两者皆可。",
        "A figure the text states (new, carried over, concluded, carried forward, reviews, lawsuits, normative documents) disagrees with the tables.",
        "正文“共收到依申请公开件 12 件”中的“12 件”与表格不一致：表三“本年新收政府信息公开申请数量”总计为 35（加上年结转为 36）"),
    rule!("T002", Error, "T", "年度前后不一致", "years disagree",
        "标题年度、统计期限、正文（如“结转到某年”须为下一年）所写年份应一致。",
        "The years of the title, the statistical period and the body must agree (结转到 must name the next year).",
        "正文称结转到2024年继续办理，报告年度为2024年，应为2025年"),
    rule!("T003", Error, "T", "发布时间晚于规定期限", "published after the deadline",
        "县级以上人民政府部门应于次年1月31日前、人民政府应于次年3月31日前公布年度报告。",
        "Departments must publish by 31 January of the next year, governments by 31 March.",
        "发文日期为 2025-02-15，晚于政府部门年度报告的公布期限 2025-01-31"),
    rule!("Q001", Warning, "Q", "未说明信息处理费收取情况", "no statement on information processing fees",
        "2021年及以后的报告，第六部分应说明信息处理费的收取情况（国办函〔2020〕109号），未收取也应写明。",
        "From 2021, section 六 must state whether information processing fees were charged.",
        "第六部分未说明信息处理费的收取情况（国办函〔2020〕109号），未收取也应写明"),
    rule!("Q002", Warning, "Q", "有逾期未缴费不再处理的申请，但未说明收费", "unpaid-fee requests but no word on fee notices",
        "表三“申请人逾期未按收费通知要求缴纳费用”大于0，第六部分却未提及收费通知或信息处理费。",
        "Table 三 counts requests dropped for unpaid fees, but section 六 never mentions fee notices.",
        "表三有 2 件申请因申请人逾期未按收费通知要求缴纳费用而不再处理，但第六部分未提及收费通知或信息处理费"),
    rule!("Q003", Warning, "Q", "政府报告缺少工作考核、社会评议和责任追究情况", "government report lacks assessment, public evaluation and accountability",
        "人民政府（不是部门）的年度报告应写明政府信息公开工作考核、社会评议和责任追究结果情况。",
        "The report of a government itself must state the results of assessment, public evaluation and accountability.",
        "人民政府的年度报告应写明政府信息公开工作考核、社会评议和责任追究结果情况，本报告未提及“工作考核”“社会评议”“责任追究”"),
    rule!("P001", Warning, "P", "无规章制定权的机关填报了规章", "rules reported by a body that cannot make rules",
        "只有省、自治区、直辖市和设区的市人民政府及国务院部门可以制定规章；县、乡镇和大多数部门的规章栏应为 0。",
        "Only provincial and districted-city governments and State Council departments make rules (规章).",
        "某某区人民政府办公室无规章制定权，表二“规章”“本年制发件数”却填写为 2"),
    rule!("P002", Warning, "P", "规范性文件件数不合常理", "implausible document counts",
        "本年制发且未废止的文件应仍现行有效：现行有效件数不应少于本年制发件数减去本年废止件数。",
        "Documents issued this year and not repealed are still in force: in force ≥ issued − repealed.",
        "行政规范性文件本年制发 5 件、废止 0 件，现行有效却只有 3 件：本年制发且未废止的文件应仍现行有效"),
    rule!("X001", Warning, "X", "上年结转与上年报告的结转下年度不一致", "carried over ≠ last year's carried forward",
        "同一机关相邻两年的报告：本年“上年结转”应等于上一年报告“结转下年度继续办理”（逐列比较）。",
        "Across two reports of one agency: this year's carried over equals last year's carried forward, per column.",
        "本年“上年结转政府信息公开申请数量”（自然人）为 1，而2023年报告“结转下年度继续办理”为 3，两者应相等"),
    rule!("X002", Info, "X", "现行有效件数与上年不衔接", "in force does not follow from last year",
        "相邻两年：本年现行有效件数 = 上年现行有效 + 本年制发 − 本年废止。",
        "Across two years: in force = last year's in force + issued − repealed.",
        "行政规范性文件“现行有效件数”应为 12（上年 10 + 制发 3 − 废止 1），报告填写为 20"),
    rule!("X003", Warning, "X", "与上年报告雷同", "copied from last year's report",
        "相邻两年的报告表格数字完全相同，或正文大部分照抄上年。",
        "Across two years: all table cells identical, or most of the text copied.",
        "本报告三张统计表的数字与2023年报告完全相同，请核实是否照搬上年数据"),
];

pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|r| r.id == id)
}

/// The severity of a rule of the registry (Warning for an unknown id).
pub fn severity(id: &str) -> Severity {
    meta(id).map(|m| m.severity).unwrap_or(Severity::Warning)
}

/// A finding of rule `id`, with the registry's severity.
pub(crate) fn finding(
    id: &'static str,
    at: Location,
    message: impl Into<String>,
    message_en: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(id, severity(id), at, message, message_en)
}

/// Run every single-report rule.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A spreadsheet holds the tables alone: judging its sections and narrative
    // would only report, rule after rule, that they are absent.
    let tables_only = ctx.doc.input.kind == crate::document::InputKind::Xlsx;
    if !tables_only {
        sections::check(ctx, &mut out);
    }
    format::check(ctx, &mut out);
    arithmetic::check(ctx, &mut out);
    numbers::check(ctx, &mut out);
    if !tables_only {
        text::check(ctx, &mut out);
        quality::check(ctx, &mut out);
    }
    plausibility::check(ctx, &mut out);
    out
}

/// A finding that compares two reports (the X rules).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossFinding {
    /// Index of the later report (the one the finding is located in).
    pub report: usize,
    /// Index of the earlier report it is compared with.
    pub other: usize,
    pub diagnostic: Diagnostic,
    /// Places in the earlier report that take part (e.g. last year's
    /// 结转下年度 cell).
    pub other_related: Vec<Location>,
}

/// Run the cross-report rules over several reports (any order); `None` stands
/// for a file that could not be read. Indices in the findings are positions in
/// `reports`.
pub fn run_cross(reports: &[Option<Context>]) -> Vec<CrossFinding> {
    cross::check(reports)
}

// ---------------------------------------------------------------------------
// Helpers shared by the rule families.

/// The template of a table as it was read.
pub(crate) fn table_def(t: &TableRead) -> &'static crate::vocab::template::TableDef {
    Template::get(t.layout).table(t.key)
}

/// “列/行” name of a cell of a table as read, e.g. 自然人/予以公开
/// ([`names::cell_name`]).
pub(crate) fn cell_name(t: &TableRead, row: RowKey, column: ColumnKey) -> String {
    names::cell_name(t.key, t.layout, row, column)
}

/// The English name of a cell of a table as read ([`names::cell_name_en`]).
pub(crate) fn cell_name_en(t: &TableRead, row: RowKey, column: ColumnKey) -> String {
    names::cell_name_en(t.key, t.layout, row, column)
}

/// A cell location.
pub(crate) fn cell_at(table: TableKey, row: RowKey, column: ColumnKey) -> Location {
    Location::Cell(CellRef::new(table, row, column))
}

/// The value a cell counts for in sums: its number, 0 when blank, `None` when
/// missing or unreadable.
pub(crate) fn sum_value(t: &TableRead, row: RowKey, column: ColumnKey) -> Option<f64> {
    t.cell(row, column).and_then(counted)
}

/// What a cell read counts for in sums ([`sum_value`]).
pub(crate) fn counted(c: &crate::report::CellRead) -> Option<f64> {
    match (c.value, c.problem) {
        (Some(v), _) => Some(v),
        (None, Some(CellProblem::Blank)) => Some(0.0),
        _ => None,
    }
}

/// A number for messages: 12, 1.5.
pub(crate) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        let s = crate::decimal::fixed(v, 4);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The spans of the document's tables.
pub(crate) fn table_spans(doc: &Document) -> Vec<Span> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.span),
            _ => None,
        })
        .collect()
}

/// The lines of a part of the document that lie outside every table (and
/// outside every table the report read), each as (span, text).
/// A line cut by the span's ends where they fall inside it.
pub(crate) fn prose<'a>(ctx: &'a Context, span: Span) -> Vec<(Span, &'a str)> {
    let text: &'a str = &ctx.doc.text;
    let index = ctx.lines.get_or_init(|| {
        let mut tables = table_spans(ctx.doc);
        for t in [
            &ctx.report.proactive,
            &ctx.report.requests,
            &ctx.report.appeals,
        ] {
            if let Some(s) = t.span {
                tables.push(s);
            }
        }
        tables.sort_unstable_by_key(|t| t.start);
        let mut index = ProseIndex {
            tables,
            kept: Vec::new(),
        };
        index.kept = index.whole_lines(text, ctx.doc.line_starts());
        index
    });
    let start = span.start.min(text.len());
    let end = span.end.min(text.len());
    if text.get(start..end).is_none() {
        return Vec::new();
    }
    let starts = ctx.doc.line_starts();
    // The line holding `start`, then every line that begins before `end`.
    let first = starts.partition_point(|&s| s <= start).saturating_sub(1);
    let mut out = Vec::new();
    for (i, &line_start) in starts.iter().enumerate().skip(first) {
        let from = line_start.max(start);
        if from >= end {
            break;
        }
        let line_end = starts.get(i + 1).map_or(text.len(), |&next| next);
        let to = line_end.min(end);
        // A whole line was looked at once for all; a cut one is looked at now.
        let kept = if from == line_start && to == line_end {
            index.kept[i]
        } else {
            index.piece(text, from, to)
        };
        if let Some(s) = kept {
            out.push((s, s.slice(text)));
        }
    }
    out
}

/// The whole document.
pub(crate) fn whole(doc: &Document) -> Span {
    Span::new(0, doc.text.len())
}

/// docs/rules.md, generated from [`RULES`].
pub fn rules_markdown() -> String {
    let mut s = String::new();
    s.push_str("# Rules\n\n");
    s.push_str("<!-- Generated from core/src/rules/mod.rs (RULES); do not edit by hand.\n");
    s.push_str(
        "     Regenerate with: UPDATE_RULE_DOCS=1 cargo test -p nianbao-core rules_doc -->\n\n",
    );
    s.push_str("Severity: **E** error (the report is wrong), **W** warning (probably wrong, or off the format), **I** information.\n\n");
    s.push_str(
        "Every finding says where it sits (`at`: a table cell by its canonical keys, or a span \
         of the text), which other cells take part (`related`: for a sum, the total and each \
         addend), and, where a number is involved, what was `expected` and what was found \
         (`actual`). Messages are in Chinese, with an English version; row and column labels \
         in them come from the national template.\n\n\
         In sums a blank cell (空白, “/”, “-”, “无”) counts as 0 (N002 reports it); a sum that \
         involves a missing or unreadable cell is not checked (F003 and N001 report those). A \
         failed sum cannot tell which of its cells is wrong, so the finding names them all; \
         where a row sum and a column sum of table 三 fail at once and changing one cell would \
         balance both, the finding names that cell and its value.\n\n\
         The X rules compare reports of one agency (same name, with or without its city) for \
         consecutive years, checked together.\n\n",
    );
    s.push_str("| id | sev | what is checked |\n|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| [{}](#{}) | {} | {} — {} |\n",
            r.id,
            r.id.to_lowercase(),
            sev_letter(r.severity),
            r.title,
            r.title_en
        ));
    }
    let families = [
        ("S", "Sections"),
        ("F", "Format of the tables"),
        ("A", "Arithmetic of the tables"),
        ("N", "Numbers in cells"),
        ("T", "Text against tables, years, dates"),
        ("Q", "Quality of content"),
        ("P", "Plausibility"),
        ("X", "Across reports of one agency"),
    ];
    for (f, name) in families {
        s.push_str(&format!("\n## {f} — {name}\n"));
        for r in RULES.iter().filter(|r| r.family == f) {
            s.push_str(&format!(
                "\n### {}\n\n**{}** · {} · {}\n\n{}\n\n{}\n\nExample: “{}”\n",
                r.id,
                sev_letter(r.severity),
                r.title,
                r.title_en,
                r.description,
                r.description_en,
                r.example
            ));
        }
    }
    s
}

fn sev_letter(s: Severity) -> &'static str {
    match s {
        Severity::Error => "E",
        Severity::Warning => "W",
        Severity::Info => "I",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_lines_agree_with_each_line_looked_at_alone() {
        let text = "一、总体情况\n\n  \t\n第一行\r\n表格\t1\n表格\t2\n之间\n表格\t3\n末行";
        let starts = crate::span::line_starts(text);
        let line = |i: usize| Span::new(starts[i], starts.get(i + 1).map_or(text.len(), |&n| n));
        let n = starts.len();
        // Tables over any run of lines, overlapping and out of order, and
        // spans that end inside a line.
        let mut layouts: Vec<Vec<Span>> = vec![Vec::new()];
        for a in 0..n {
            for b in a..n {
                layouts.push(vec![line(a).cover(line(b))]);
                layouts.push(vec![line(b), line(a).cover(line(b)), line(a)]);
                layouts.push(vec![Span::new(line(a).start, line(b).end - 1), line(a)]);
            }
        }
        for tables in layouts {
            let mut sorted = tables.clone();
            sorted.sort_unstable_by_key(|t| t.start);
            let index = ProseIndex {
                tables: sorted,
                kept: Vec::new(),
            };
            let one_by_one: Vec<Option<Span>> = (0..n)
                .map(|i| index.piece(text, line(i).start, line(i).end))
                .collect();
            assert_eq!(index.whole_lines(text, &starts), one_by_one, "{tables:?}");
        }
    }

    #[test]
    fn registry_is_complete_and_unique() {
        let ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), 28);
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        for r in RULES {
            assert_eq!(&r.id[..1], r.family);
            assert!(!r.description.is_empty() && !r.example.is_empty());
        }
        assert_eq!(meta("A004").map(|m| m.severity), Some(Severity::Error));
        assert_eq!(meta("X002").map(|m| m.severity), Some(Severity::Info));
    }

    /// The first message of each rule on its example report.
    fn example_messages() -> Vec<(&'static str, Option<String>)> {
        examples::fixtures()
            .into_iter()
            .map(|(id, fx)| {
                let found: Vec<Diagnostic> = if id.starts_with('X') {
                    let ctxs: Vec<_> = fx.iter().map(|f| Some(f.ctx())).collect();
                    run_cross(&ctxs).into_iter().map(|f| f.diagnostic).collect()
                } else {
                    fx.first().map(|f| run(&f.ctx())).unwrap_or_default()
                };
                (
                    id,
                    found.into_iter().find(|d| d.rule == id).map(|d| d.message),
                )
            })
            .collect()
    }

    #[test]
    fn every_rule_has_an_example_report_and_its_example_is_real() {
        let got = example_messages();
        assert_eq!(got.len(), RULES.len());
        let mut wrong = Vec::new();
        for (id, message) in &got {
            let m = meta(id).expect("rule in registry");
            match message {
                None => wrong.push(format!("{id}: the example report gives no {id}")),
                Some(msg) if msg != m.example => wrong.push(format!("{id}: {msg}")),
                _ => {}
            }
        }
        assert!(
            wrong.is_empty(),
            "examples differ from the rules' messages:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn nothing_found_gives_missing_sections_and_tables() {
        let doc = Document {
            lines: Default::default(),
            text: String::new(),
            blocks: Vec::new(),
            input: crate::document::InputInfo {
                kind: crate::document::InputKind::Text,
                encoding: "utf-8".into(),
                layout: "unknown".into(),
            },
        };
        let report = Report::empty();
        let d = run(&Context::new(&doc, &report));
        let ids: Vec<_> = d.iter().map(|d| d.rule).collect();
        assert_eq!(
            ids,
            ["S001", "S001", "S001", "S001", "S001", "S001", "F003", "F003", "F003"]
        );
    }

    #[test]
    fn spans_off_the_text_do_not_panic() {
        let mut f = testing::clean();
        let len = f.doc.text.len();
        for s in f.report.sections.iter_mut() {
            s.body = Span::new(s.body.start + 1, len + 100);
            s.heading = Span::new(len + 5, len + 1);
        }
        if let Some(c) = f.report.requests.cells.first_mut() {
            c.span = Some(Span::new(1, 2));
        }
        f.doc.text.push_str("一是二是十是百是是（（（)）1.2.3、");
        let _ = run(&f.ctx());
        let _ = run_cross(&[Some(f.ctx()), Some(f.ctx()), None]);
    }

    /// docs/rules.md is generated from the registry; run with
    /// `UPDATE_RULE_DOCS=1` to rewrite it.
    #[test]
    fn rules_doc() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
        let generated = rules_markdown();
        if std::env::var_os("UPDATE_RULE_DOCS").is_some() {
            std::fs::create_dir_all(path.parent().expect("docs dir")).expect("create docs/");
            std::fs::write(&path, &generated).expect("write docs/rules.md");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/rules.md is stale: run `UPDATE_RULE_DOCS=1 cargo test -p nianbao-core rules_doc`"
        );
    }
}
