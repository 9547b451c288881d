//! Every string of the interface, Chinese first, English on request.
//!
//! Labels of the national template (rows, columns, sections) are not here: they
//! come from `nianbao_core::vocab` (the template holds both languages, and
//! `vocab::names` arranges them into the names of tables, rows and cells).

use nianbao_core::Severity;

/// The language of the page: the core's, which names the template's tables,
/// rows and columns in both.
pub use nianbao_core::vocab::names::Lang;

/// The fixed strings of the interface.
pub struct Texts {
    pub app_title: &'static str,
    pub app_intro: &'static str,
    pub privacy: &'static str,
    pub switch_lang: &'static str,
    pub switch_lang_label: &'static str,
    pub choose_files: &'static str,
    pub choose_files_hint: &'static str,
    pub drop_here: &'static str,
    pub paste_label: &'static str,
    pub paste_placeholder: &'static str,
    pub paste_check: &'static str,
    pub pasted_name: &'static str,
    pub clear: &'static str,
    pub checking: &'static str,
    pub checked_of: &'static str,
    pub batch_title: &'static str,
    pub col_file: &'static str,
    pub col_errors: &'static str,
    pub col_warnings: &'static str,
    pub col_year: &'static str,
    pub col_agency: &'static str,
    pub col_layout: &'static str,
    pub col_time: &'static str,
    pub waiting: &'static str,
    pub unreadable: &'static str,
    pub open_report: &'static str,
    pub sorted_asc: &'static str,
    pub sorted_desc: &'static str,
    pub back_to_list: &'static str,
    pub report_title: &'static str,
    pub summary: &'static str,
    pub findings: &'static str,
    pub no_findings: &'static str,
    pub none_match_filters: &'static str,
    pub filters: &'static str,
    pub severity: &'static str,
    pub family: &'static str,
    pub expected: &'static str,
    pub actual: &'static str,
    pub where_doc: &'static str,
    pub line_col: &'static str,
    pub cross_with: &'static str,
    pub document_text: &'static str,
    pub tables: &'static str,
    pub table_not_found: &'static str,
    pub row: &'static str,
    pub not_applicable: &'static str,
    pub charts: &'static str,
    pub chart_applicants: &'static str,
    pub chart_outcomes: &'static str,
    pub chart_appeals: &'static str,
    pub no_data: &'static str,
    pub ratios: &'static str,
    pub ratio_disclosed: &'static str,
    pub ratio_corrected: &'static str,
    pub batch_charts: &'static str,
    pub batch_charts_limit: &'static str,
    pub chart_batch_findings: &'static str,
    pub chart_batch_outcomes: &'static str,
    pub chart_batch_disclosed: &'static str,
    pub value: &'static str,
    pub category: &'static str,
    pub review: &'static str,
    pub litigation: &'static str,
    pub out_disclosed: &'static str,
    pub out_partial: &'static str,
    pub out_withheld: &'static str,
    pub out_unavailable: &'static str,
    pub out_not_processed: &'static str,
    pub out_other: &'static str,
    pub export: &'static str,
    pub export_json: &'static str,
    pub export_findings_csv: &'static str,
    pub export_values_csv: &'static str,
    pub print: &'static str,
    pub compare_title: &'static str,
    pub compare_intro: &'static str,
    pub last_year: &'static str,
    pub change: &'static str,
    pub cross_findings: &'static str,
    pub meta_agency: &'static str,
    pub meta_year: &'static str,
    pub meta_format: &'static str,
    pub meta_input: &'static str,
    pub meta_published: &'static str,
    pub meta_check_time: &'static str,
    pub unknown: &'static str,
    pub ms: &'static str,
    pub read_failed: &'static str,
    pub skip_to_findings: &'static str,
    pub remove: &'static str,
    pub clear_ask: &'static str,
    pub cancel: &'static str,
    pub annotate_docx: &'static str,
    pub annotate_print: &'static str,
    pub change_title: &'static str,
    pub resolved: &'static str,
    pub new_finding: &'static str,
    pub still_open: &'static str,
    pub unit: &'static str,
    pub compare_open: &'static str,
    pub pair_label: &'static str,
    pub pair_choose: &'static str,
    pub back_to_report: &'static str,
    pub guide: &'static str,
    pub guide_why: &'static str,
    pub guide_fix: &'static str,
    pub loading_module: &'static str,
    pub module_failed: &'static str,
    pub sample: &'static str,
    pub ws_computing: &'static str,
    pub ws_search: &'static str,
    pub ws_search_hint: &'static str,
    pub ws_search_go: &'static str,
    pub ws_summary_xlsx: &'static str,
    pub ws_summary_print: &'static str,
    pub ws_memo_print: &'static str,
    pub ws_overview: &'static str,
}

pub static ZH: Texts = Texts {
    app_title: "政府信息公开工作年度报告检查",
    app_intro: "检查年度报告是否符合国家格式：章节、三张统计表的勾稽关系、正文数字与表格是否一致。",
    privacy: "全部在本机浏览器中完成，文件不会上传。",
    switch_lang: "English",
    switch_lang_label: "Switch the interface to English",
    choose_files: "选择文件",
    choose_files_hint: "支持 .txt .docx .doc .wps .html .pdf .ofd .xlsx，可多选；也可选择文件夹或 .zip 压缩包，或把文件、文件夹拖放到页面任意位置。",
    drop_here: "松开鼠标即开始检查",
    paste_label: "或粘贴报告全文",
    paste_placeholder: "在此粘贴年度报告的文字……",
    paste_check: "检查粘贴的文字",
    pasted_name: "粘贴的文字.txt",
    clear: "清空",
    checking: "正在检查",
    checked_of: "已检查",
    batch_title: "已检查的报告",
    col_file: "文件",
    col_errors: "错误",
    col_warnings: "警告",
    col_year: "年度",
    col_agency: "机关",
    col_layout: "版式",
    col_time: "用时",
    waiting: "等待中",
    unreadable: "无法读取",
    open_report: "打开报告",
    sorted_asc: "升序",
    sorted_desc: "降序",
    back_to_list: "返回列表",
    report_title: "检查结果",
    summary: "概要",
    findings: "发现的问题",
    no_findings: "未发现问题。",
    none_match_filters: "没有符合筛选条件的问题。",
    filters: "筛选",
    severity: "严重程度",
    family: "类别",
    expected: "应为",
    actual: "实际",
    where_doc: "全文",
    line_col: "行/列",
    cross_with: "对比",
    document_text: "报告原文",
    tables: "统计表",
    table_not_found: "报告中未找到此表。",
    row: "项目",
    not_applicable: "—",
    charts: "图表",
    chart_applicants: "本年新收申请：按申请人类型",
    chart_outcomes: "申请办理结果",
    chart_appeals: "行政复议、行政诉讼：按结果",
    no_data: "无数据",
    ratios: "关键比例",
    ratio_disclosed: "予以公开或部分公开占办结总数",
    ratio_corrected: "行政复议结果纠正占比",
    batch_charts: "各报告对比",
    batch_charts_limit: "对比图表最多比较 100 份报告；请分批检查以查看图表。",
    chart_batch_findings: "各文件的错误和警告",
    chart_batch_outcomes: "各文件的申请办理结果",
    chart_batch_disclosed: "各文件予以公开或部分公开的比例",
    value: "数量",
    category: "类别",
    review: "行政复议",
    litigation: "行政诉讼",
    out_disclosed: "予以公开",
    out_partial: "部分公开",
    out_withheld: "不予公开",
    out_unavailable: "无法提供",
    out_not_processed: "不予处理",
    out_other: "其他处理",
    export: "导出",
    export_json: "导出 JSON",
    export_findings_csv: "问题清单 CSV",
    export_values_csv: "表格数据 CSV",
    print: "打印",
    compare_title: "与上一年度对比",
    compare_intro: "同一机关两个年度的报告：每格显示本年数值、上年数值和变化。",
    last_year: "上年",
    change: "变化",
    cross_findings: "跨年度问题",
    meta_agency: "机关",
    meta_year: "年度",
    meta_format: "格式",
    meta_input: "读取方式",
    meta_published: "发布日期",
    meta_check_time: "检查用时",
    unknown: "未识别",
    ms: "毫秒",
    read_failed: "无法读取此文件",
    skip_to_findings: "跳到问题清单",
    remove: "移除",
    clear_ask: "清空全部检查结果？",
    cancel: "取消",
    annotate_docx: "下载批注副本（.docx）",
    annotate_print: "打印批注版",
    change_title: "与上次检查相比",
    resolved: "已解决",
    new_finding: "新出现",
    still_open: "仍存在",
    unit: " 项",
    compare_open: "查看与上一年度的对比",
    pair_label: "与另一份报告对比：",
    pair_choose: "选择报告",
    back_to_report: "返回报告",
    guide: "规则说明",
    guide_why: "依据",
    guide_fix: "怎样改正",
    loading_module: "正在载入……",
    module_failed: "无法载入此功能。",
    sample: "试一试：检查一份示例报告",
    ws_computing: "正在计算……",
    ws_search: "搜索机关或正文",
    ws_search_hint: "机关名称或报告中的一句话",
    ws_search_go: "搜索",
    ws_summary_xlsx: "汇总表 .xlsx",
    ws_summary_print: "通报打印版",
    ws_memo_print: "整改意见打印版",
    ws_overview: "工作区概览",
};

pub static EN: Texts = Texts {
    app_title: "Annual disclosure report checker",
    app_intro: "Checks a government information-disclosure annual report against the national format: sections, the arithmetic of the three tables, figures in the text against the tables.",
    privacy: "Everything runs in this browser; no file is uploaded.",
    switch_lang: "中文",
    switch_lang_label: "切换为中文界面",
    choose_files: "Choose files",
    choose_files_hint: ".txt .docx .doc .wps .html .pdf .ofd .xlsx, several at once; or a folder or a .zip; or drop files and folders anywhere on the page.",
    drop_here: "Release to check",
    paste_label: "Or paste the text of a report",
    paste_placeholder: "Paste the text of an annual report here…",
    paste_check: "Check pasted text",
    pasted_name: "pasted-text.txt",
    clear: "Clear",
    checking: "Checking",
    checked_of: "Checked",
    batch_title: "Reports checked",
    col_file: "File",
    col_errors: "Errors",
    col_warnings: "Warnings",
    col_year: "Year",
    col_agency: "Agency",
    col_layout: "Layout",
    col_time: "Time",
    waiting: "waiting",
    unreadable: "unreadable",
    open_report: "Open report",
    sorted_asc: "ascending",
    sorted_desc: "descending",
    back_to_list: "Back to the list",
    report_title: "Result",
    summary: "Summary",
    findings: "Findings",
    no_findings: "No findings.",
    none_match_filters: "No finding matches the filters.",
    filters: "Filters",
    severity: "Severity",
    family: "Family",
    expected: "expected",
    actual: "found",
    where_doc: "whole document",
    line_col: "line/column",
    cross_with: "compared with",
    document_text: "The report as read",
    tables: "Tables",
    table_not_found: "This table was not found in the report.",
    row: "Item",
    not_applicable: "—",
    charts: "Charts",
    chart_applicants: "New requests by applicant",
    chart_outcomes: "Outcomes of requests",
    chart_appeals: "Reviews and lawsuits by result",
    no_data: "no data",
    ratios: "Key ratios",
    ratio_disclosed: "Disclosed in full or in part, of all handled",
    ratio_corrected: "Reviews with the decision corrected",
    batch_charts: "The reports side by side",
    batch_charts_limit: "The comparison charts compare up to 100 reports; check smaller batches to see them.",
    chart_batch_findings: "Errors and warnings per file",
    chart_batch_outcomes: "Outcomes of requests per file",
    chart_batch_disclosed: "Disclosed in full or in part, per file",
    value: "Count",
    category: "Category",
    review: "Administrative review",
    litigation: "Lawsuits",
    out_disclosed: "disclosed",
    out_partial: "partially disclosed",
    out_withheld: "withheld",
    out_unavailable: "unavailable",
    out_not_processed: "not processed",
    out_other: "other handling",
    export: "Export",
    export_json: "Export JSON",
    export_findings_csv: "Findings CSV",
    export_values_csv: "Table values CSV",
    print: "Print",
    compare_title: "Compared with the year before",
    compare_intro: "Two years of one agency: each cell shows this year's value, last year's and the change.",
    last_year: "last year",
    change: "change",
    cross_findings: "Findings across years",
    meta_agency: "Agency",
    meta_year: "Year",
    meta_format: "Format",
    meta_input: "Read as",
    meta_published: "Published",
    meta_check_time: "Check time",
    unknown: "not found",
    ms: "ms",
    read_failed: "This file could not be read",
    skip_to_findings: "Skip to findings",
    remove: "Remove",
    clear_ask: "Clear every result?",
    cancel: "Cancel",
    annotate_docx: "Annotated copy (.docx)",
    annotate_print: "Print with notes",
    change_title: "Against the last check",
    resolved: "resolved",
    new_finding: "new",
    still_open: "still open",
    unit: "",
    compare_open: "Compare with the year before",
    pair_label: "Compare with another report: ",
    pair_choose: "choose a report",
    back_to_report: "Back to the report",
    guide: "About this rule",
    guide_why: "Why",
    guide_fix: "How to fix it",
    loading_module: "Loading…",
    module_failed: "This could not be loaded.",
    sample: "Try it: check a sample report",
    ws_computing: "Computing…",
    ws_search: "Search agencies or text",
    ws_search_hint: "an agency's name, or words in a report",
    ws_search_go: "Search",
    ws_summary_xlsx: "Summary workbook .xlsx",
    ws_summary_print: "Printable summary for a notice",
    ws_memo_print: "Printable memo",
    ws_overview: "Overview of the workspace",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The word for a severity, in the interface language.
pub fn severity_label(lang: Lang, s: Severity) -> &'static str {
    match (lang, s) {
        (Lang::Zh, s) => s.label_zh(),
        (Lang::En, Severity::Error) => "Error",
        (Lang::En, Severity::Warning) => "Warning",
        (Lang::En, Severity::Info) => "Info",
    }
}

/// A symbol for a severity, so that it never depends on colour alone.
pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    }
}

/// The rule families of the catalogue, with what they are about.
pub const FAMILIES: [(char, &str, &str); 9] = [
    ('S', "章节结构", "sections"),
    ('F', "表格格式", "table format"),
    ('A', "勾稽关系", "arithmetic"),
    ('N', "数值", "values"),
    ('T', "正文与表格", "text vs tables"),
    ('Q', "必报事项", "required statements"),
    ('P', "合理性", "plausibility"),
    ('X', "跨年度", "across years"),
    ('R', "读取", "reading"),
];

/// The label of a family.
pub fn family_label(lang: Lang, family: char) -> &'static str {
    FAMILIES
        .iter()
        .find(|(c, _, _)| *c == family)
        .map(|(_, zh, en)| lang.pick(zh, en))
        .unwrap_or("")
}

/// “已检查 3 / 5” / “Checked 3 / 5”.
pub fn progress(lang: Lang, done: usize, total: usize) -> String {
    format!("{} {done} / {total}", texts(lang).checked_of)
}

/// A share as a percentage with one decimal.
pub fn percent(share: Option<f64>) -> String {
    match share {
        Some(v) if v.is_finite() => format!("{:.1}%", nianbao_core::decimal::Num(v * 100.0)),
        _ => "—".to_string(),
    }
}

/// The colon after a label: full-width in Chinese, ASCII in English.
pub fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

/// Words in brackets after others: full-width in Chinese, ASCII in English.
pub fn paren(lang: Lang, inner: impl std::fmt::Display) -> String {
    match lang {
        Lang::Zh => format!("（{inner}）"),
        Lang::En => format!(" ({inner})"),
    }
}

/// The national format a report follows, in words.
pub fn format_name(lang: Lang, layout: nianbao_core::Layout) -> &'static str {
    match layout.as_str() {
        "2021" => lang.pick("2021 年格式", "2021 format"),
        "2019" => lang.pick("2019 年格式", "2019 format"),
        _ => lang.pick("格式未识别", "format not recognised"),
    }
}

/// How the tables were laid out in the file (the export's `input.layout`),
/// in words; a layout without words here is shown as the export names it.
pub fn layout_name(lang: Lang, layout: &str) -> String {
    let (zh, en) = match layout {
        "cell-per-line" => ("每格一行", "a cell per line"),
        "tsv" => ("制表符分隔", "tab-separated"),
        "pipe" => ("竖线分隔", "pipe-separated"),
        "table" => ("表格", "tables"),
        "positioned" => ("按位置还原", "rebuilt from positions"),
        "plain" => ("无表格", "no tables"),
        other => return other.to_string(),
    };
    lang.pick(zh, en).to_string()
}

/// How a file was read: its kind, the encoding of its text, its layout
/// (“文字 · UTF-8 · 每格一行”).
pub fn input_words(lang: Lang, input: &nianbao_core::InputInfo) -> String {
    let kind = match input.kind.as_str() {
        "text" => lang.pick("文字", "text"),
        "docx" => lang.pick("Word 文档", "Word document"),
        "doc" => lang.pick("Word 97–2003/WPS 文档", "Word 97–2003/WPS document"),
        "ofd" => "OFD",
        "html" => lang.pick("网页", "web page"),
        "pdf" => "PDF",
        "xlsx" => lang.pick("Excel 表格", "spreadsheet"),
        other => other,
    };
    format!(
        "{kind} · {} · {}",
        input.encoding.to_ascii_uppercase(),
        layout_name(lang, &input.layout)
    )
}

/// What a cell's problem is, in words.
pub fn problem_name(lang: Lang, p: nianbao_core::report::CellProblem) -> &'static str {
    use nianbao_core::report::CellProblem as P;
    match p {
        P::Missing => lang.pick("缺失", "missing"),
        P::Blank => lang.pick("空白", "blank"),
        P::NotNumber => lang.pick("不是数字", "not a number"),
    }
}

/// The headers of the findings CSV.
pub fn findings_header(lang: Lang) -> [&'static str; 13] {
    match lang {
        Lang::Zh => [
            "文件",
            "规则",
            "严重程度",
            "问题",
            "表",
            "行",
            "列",
            "行号",
            "字",
            "应为",
            "实际",
            "对比文件",
            "位置",
        ],
        Lang::En => [
            "file",
            "rule",
            "severity",
            "message",
            "table",
            "row",
            "column",
            "line",
            "char",
            "expected",
            "actual",
            "other_file",
            "place",
        ],
    }
}

/// The headers of the table values CSV.
pub fn values_header(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Zh => [
            "文件",
            "机关",
            "年度",
            "表",
            "行代码",
            "列代码",
            "行",
            "列",
            "数值",
            "原文",
            "问题",
        ],
        Lang::En => [
            "file",
            "agency",
            "year",
            "table",
            "row",
            "column",
            "row_label",
            "column_label",
            "value",
            "as_written",
            "problem",
        ],
    }
}

/// The names of the exports, from the reports they hold: one report by its
/// agency and year (`博爱县人民政府-2024-问题清单.csv`), several by their
/// number. `what` is 0 for the findings CSV, 1 the values CSV, 2 the JSON.
pub fn export_name(lang: Lang, entries: &[super::state::Entry], what: usize) -> String {
    let stem = match entries {
        [e] => match (e.agency(), e.year()) {
            (Some(a), Some(y)) => format!("{a}-{y}"),
            (Some(a), None) => a.to_string(),
            _ => e
                .name
                .rsplit_once('.')
                .map_or(e.name.as_str(), |(s, _)| s)
                .to_string(),
        },
        many => match lang {
            Lang::Zh => format!("年报检查-{}份报告", many.len()),
            Lang::En => format!("nianbao-{}-reports", many.len()),
        },
    };
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let suffix = [
        lang.pick("问题清单.csv", "findings.csv"),
        lang.pick("表格数据.csv", "table-values.csv"),
        lang.pick("检查结果.json", "result.json"),
    ][what.min(2)];
    format!("{stem}-{suffix}")
}

/// The note in place of the part of a very long document that is not shown
/// (`blocks` paragraphs and tables left out).
pub fn document_cut(lang: Lang, blocks: usize) -> String {
    match lang {
        Lang::Zh => format!("原文过长，以下 {blocks} 个段落或表格未显示；其中的问题仍列在上方的问题清单中。"),
        Lang::En => format!(
            "The document is very long: the {blocks} paragraphs or tables after this are not shown; their findings are still in the list above."
        ),
    }
}

/// What a screen reader is told when one file is checked: its counts, and
/// what changed from the result it replaced.
pub fn announce_one(lang: Lang, e: &super::state::Entry) -> String {
    let t = texts(lang);
    let Some(_) = e.checked() else {
        return format!("{}{}{}", e.name, colon(lang), t.read_failed);
    };
    let errors = e.count(Severity::Error).unwrap_or(0);
    let warnings = e.count(Severity::Warning).unwrap_or(0);
    let mut out = match lang {
        Lang::Zh => format!(
            "{}：检查完毕，错误 {errors} 项，警告 {warnings} 项。",
            e.name
        ),
        Lang::En => format!("{}: checked, {errors} errors, {warnings} warnings.", e.name),
    };
    if let Some(c) = &e.change {
        out.push(' ');
        out.push_str(&change_words(lang, c));
    }
    out
}

/// “与上次检查相比：已解决 2 项，新出现 1 项，仍存在 3 项。”
pub fn change_words(lang: Lang, c: &super::state::Change) -> String {
    let t = texts(lang);
    let sep = lang.pick("，", ", ");
    let parts = [
        (t.resolved, c.resolved.len()),
        (t.new_finding, c.new.len()),
        (t.still_open, c.open),
    ]
    .map(|(w, n)| match lang {
        Lang::Zh => format!("{w} {n}{}", t.unit),
        Lang::En => format!("{n} {w}"),
    });
    format!(
        "{}{}{}{}",
        t.change_title,
        colon(lang),
        parts.join(sep),
        lang.pick("。", ".")
    )
}

/// What a screen reader is told when several files are checked.
pub fn announce_many(lang: Lang, files: usize, errors: usize, unreadable: usize) -> String {
    match lang {
        Lang::Zh => format!("已检查 {files} 份报告：{errors} 份有错误，{unreadable} 份无法读取。"),
        Lang::En => {
            format!("{files} reports checked: {errors} with errors, {unreadable} unreadable.")
        }
    }
}
