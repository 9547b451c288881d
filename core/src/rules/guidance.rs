//! What a clerk does about a finding: for each rule of the catalogue, what
//! it rests on (the regulations and the national format) and how to fix the
//! report, in Chinese and in English. Read into [`super::RuleMeta`] by the
//! `rule!` macro, shown in docs/rules.md and in `nianbao rules --format json`.

/// The guidance for one rule.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Guidance {
    pub(crate) id: &'static str,
    pub(crate) basis: &'static str,
    pub(crate) basis_en: &'static str,
    pub(crate) fix: &'static str,
    pub(crate) fix_en: &'static str,
}

/// The regulations, article 50: what a report contains.
const ART50: &str =
    "《中华人民共和国政府信息公开条例》第五十条；年度报告格式（国办公开办函〔2021〕30号）";
const ART50_EN: &str =
    "Regulations on Open Government Information, article 50; the national report format (2021)";
/// The national format of the tables.
const FORMAT: &str = "政府信息公开工作年度报告格式（国办公开办函〔2021〕30号；2020年及以前为国办公开办函〔2019〕60号）";
const FORMAT_EN: &str = "The national format of the annual report (2021 notice; the 2019 trial format for 2020 and earlier)";
const TABLE3: &str = "年度报告格式（国办公开办函〔2021〕30号）表三的填报关系";
const TABLE3_EN: &str = "How table 三 of the national format adds up";

const fn g(
    id: &'static str,
    basis: &'static str,
    basis_en: &'static str,
    fix: &'static str,
    fix_en: &'static str,
) -> Guidance {
    Guidance {
        id,
        basis,
        basis_en,
        fix,
        fix_en,
    }
}

/// Every rule's guidance, by id.
pub(crate) const GUIDANCE: &[Guidance] = &[
    g("S001", ART50, ART50_EN,
        "按格式补上缺少的部分：标题用格式中的名称和编号；确无内容的，写明本年度无相关情况，不要删去该部分。",
        "Add the missing section with the format's title and number; if there is nothing to report, say so in it rather than leave it out."),
    g("S002", ART50, ART50_EN,
        "按一至六的顺序调整各部分，编号与内容对应。",
        "Put the sections in the order 一 to 六, each number with its own content."),
    g("S003", FORMAT, FORMAT_EN,
        "部分标题改为“一、”“二、”……的汉字编号，不用阿拉伯数字或括号。",
        "Number the section headings 一、 二、 …, not with Arabic or parenthesised numbers."),
    g("S004", FORMAT, FORMAT_EN,
        "检查该部分的小标题，补上缺的编号或改正重复的编号，使之连续。",
        "Renumber the sub-items of the section so that no number is skipped or repeated."),
    g("S005", FORMAT, FORMAT_EN,
        "在总体情况中补写缺少的方面（主动公开、依申请公开、政府信息管理、平台建设、监督保障），各用一段说明本年度的做法和成效。",
        "Add the missing theme to the overview, a paragraph on what was done this year."),
    g("S006", ART50, ART50_EN,
        "写明本年度工作中存在的具体问题和相应的改进措施、完成情况，不要只写“无”。",
        "State the actual problems of the year and what was or will be done about them; “无” alone does not do."),
    g("S007", ART50, ART50_EN,
        "改正引言中所称的部分数，使之与正文实际的部分数一致。",
        "Correct the number of parts the introduction states so that it matches the sections."),
    g("F001", FORMAT, FORMAT_EN,
        "按报告年度适用的格式重新填制三张统计表：2021年及以后用2021年格式。",
        "Redo the three tables in the layout of the report's year: the 2021 layout from 2021 on."),
    g("F002", FORMAT, FORMAT_EN,
        "把行名、列名改回格式原文的用语，不增删、不改写。",
        "Restore the row or column label to the format's exact wording."),
    g("F003", FORMAT, FORMAT_EN,
        "按格式补齐缺少的表格、行、列或单元格；没有数据的格填 0。",
        "Add the missing table, row, column or cell as the format has it; write 0 where there is nothing to count."),
    g("F004", FORMAT, FORMAT_EN,
        "按格式分行填报：合并的行拆开分别填写，拆分或自加的行并回格式中的行。",
        "Fill in the rows as the format divides them: split merged rows, fold added or split rows back."),
    g("A001", TABLE3, TABLE3_EN,
        "核对该列的本年新收、上年结转、办理结果总计和结转下年度四个数，找出填错的一格并改正，使一+二=三+四。",
        "Check the column's new, carried-over, total-handled and carried-forward figures, and correct the wrong one so that they balance."),
    g("A002", TABLE3, TABLE3_EN,
        "逐项核对该列各项办理结果，改正分项或总计，使总计等于各项之和。",
        "Check each outcome in the column, then correct the item or the total so that the total is their sum."),
    g("A003", TABLE3, TABLE3_EN,
        "核对该行各类申请人的件数，改正分项或总计，使总计等于各类申请人之和。",
        "Check the row's figures per kind of applicant, then correct an item or the total so that the total is their sum."),
    g("A004", FORMAT, FORMAT_EN,
        "核对该组的结果维持、结果纠正、其他结果和尚未审结四项，改正分项或总计，使总计等于四项之和。",
        "Check the group's upheld, corrected, other and pending figures, then correct an item or the total so that the total is their sum."),
    g("N001", FORMAT, FORMAT_EN,
        "单元格只填非负整数（收费金额可有小数），去掉“约”“余”等字和单位。",
        "Write a whole, non-negative number in the cell (amounts of fees may have decimals), without words or units."),
    g("N002", FORMAT, FORMAT_EN,
        "没有数据的单元格填 0，不填“/”“-”“无”或留空。",
        "Write 0 in a cell with nothing to count, not “/”, “-”, “无” or nothing."),
    g("T001", ART50, ART50_EN,
        "核对正文所述数字与统计表，以核实后的数字为准，改正正文或表格。",
        "Check the figure against the tables and correct the text or the table, whichever is wrong."),
    g("T002", ART50, ART50_EN,
        "统一标题、统计期限和正文中的年份；“结转到”应写报告年度的下一年。",
        "Make the years of the title, the period and the text agree; 结转到 names the year after the report's."),
    g("T003",
        "《中华人民共和国政府信息公开条例》第四十九条",
        "Regulations on Open Government Information, article 49",
        "按期公布年度报告：政府部门在每年1月31日前，人民政府在每年3月31日前；如发文日期有误，改正日期。",
        "Publish on time: departments by 31 January, governments by 31 March; if the date is wrong, correct it."),
    g("Q001",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；年度报告格式（国办公开办函〔2021〕30号）第六部分",
        "Measures on information processing fees (2020); section 六 of the national format (2021)",
        "在第六部分写明本年度信息处理费的收取情况，未收取的写明“未收取信息处理费”。",
        "State in section 六 whether information processing fees were charged this year, and say so when none were."),
    g("Q002",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "Measures on information processing fees (2020)",
        "在第六部分说明本年度发出收费通知和收取信息处理费的情况，与表三该行的件数对应。",
        "State in section 六 the fee notices sent and the fees charged, matching the count in table 三."),
    g("Q003",
        "《中华人民共和国政府信息公开条例》第五十条第四项",
        "Regulations on Open Government Information, article 50(4)",
        "在总体情况（监督保障部分）或第五部分写明本年度政府信息公开工作考核、社会评议和责任追究的结果。",
        "State the results of assessment, public evaluation and accountability, in the oversight part of the overview or in section 五."),
    g("P001",
        "《中华人民共和国立法法》关于规章制定权的规定",
        "The Legislation Law on who may make rules (规章)",
        "核实本机关是否有规章制定权；没有的，表二“规章”各格应填 0，本机关制发的文件填入“行政规范性文件”一行。",
        "Check whether the body may make rules; if not, the 规章 row is 0 and its documents belong in the normative-documents row."),
    g("P002", FORMAT, FORMAT_EN,
        "核对表二的制发、废止和现行有效件数，改正填错的一格。",
        "Check table 二's issued, repealed and in-force counts and correct the wrong one."),
    g("R001",
        "读取限制（docs/limits.md）：超过上限或无法解码的页面不读，检查只针对已读取的内容",
        "The reading limits (docs/limits.md): a page over a limit or one that cannot be decoded is not read, and the checks cover the rest",
        "查看所列页面：如是扫描图片或异常大的插图，换用文字版文件（Word 或由文字生成的 PDF）再检查。",
        "Look at the pages named: if they are scans or unusually large pictures, check a text version of the file (Word, or a PDF made from text) instead."),
    g("R002",
        "每份报告最多列出 1000 条发现",
        "At most 1,000 findings are listed for one report",
        "先确认所选文件是政府信息公开工作年度报告、表格能被正确读取，再逐条处理已列出的问题。",
        "First make sure the file is an annual report and its tables were read, then work through the findings listed."),
    g("X001", TABLE3, TABLE3_EN,
        "核对上年报告的“结转下年度继续办理”，本年“上年结转”应与之逐列相同；如上年报告有误，在本年报告中说明。",
        "Check last year's carried-forward figures: this year's carried over repeats them column by column; if last year's were wrong, say so in this report."),
    g("X002", FORMAT, FORMAT_EN,
        "以上年现行有效件数加本年制发、减本年废止核对本年现行有效件数，并改正。",
        "Recount in force as last year's in force plus issued minus repealed, and correct it."),
    g("X003", ART50, ART50_EN,
        "按本年度实际情况重新统计表格数字、撰写正文，不要沿用上年报告。",
        "Count this year's figures and write this year's text anew rather than carry last year's over."),
];

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The guidance of rule `id` (empty for an id without any).
pub(crate) const fn of(id: &str) -> Guidance {
    let mut i = 0;
    while i < GUIDANCE.len() {
        if same(GUIDANCE[i].id, id) {
            return GUIDANCE[i];
        }
        i += 1;
    }
    g("", "", "", "", "")
}
