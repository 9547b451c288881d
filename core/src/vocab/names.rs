//! The names of tables, rows, columns and cells as people read them, in both
//! languages, made from the template's labels: in the rules' messages
//! (自然人/予以公开, 行政诉讼（复议后起诉）), and on the page and in its exports
//! (表二 · 行政诉讼·复议后起诉 · 总计). Nothing here is a label of its own: the
//! words are the template's, only their arrangement is.

use crate::vocab::template::{ColumnDef, ColumnKey, Layout, RowDef, RowKey, TableKey, Template};

/// The language of an interface, an export or a message: Chinese first,
/// English beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language's tag (the `lang` attribute of a page): `zh-CN` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The string of this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

// ---------------------------------------------------------------------------
// In messages

/// A label without a trailing parenthesised remark: 部分公开（区分处理的…） → 部分公开;
/// 本年收费金额（单位：万元） → 本年收费金额.
pub fn short_label(label: &str) -> &str {
    match label.find('（') {
        Some(i) if i > 0 => &label[..i],
        _ => label,
    }
}

/// The label of a row, in words a clerk recognises: the official label without
/// its parenthesised remark, prefixed by its group where the label alone is
/// ambiguous (行政诉讼（复议后起诉）).
pub fn row_label(table: TableKey, layout: Layout, row: RowKey) -> String {
    let def = Template::get(layout).table(table);
    let Some(r) = def.row(row) else {
        return row.as_str().to_string();
    };
    let short = short_label(r.label);
    match (table, r.parent) {
        (TableKey::Appeals, Some(p)) => format!("{p}（{short}）"),
        (TableKey::Requests, _) if short.chars().count() <= 2 && !r.number.is_empty() => {
            format!("{} {short}", r.number)
        }
        _ => short.to_string(),
    }
}

/// The label of a column (其他 becomes 法人或其他组织（其他）).
pub fn column_label(table: TableKey, layout: Layout, column: ColumnKey) -> String {
    let def = Template::get(layout).table(table);
    let Some(c) = def.column(column) else {
        return column.as_str().to_string();
    };
    let short = short_label(c.label);
    match c.group {
        Some(g) if short.chars().count() <= 2 => format!("{g}（{short}）"),
        _ => short.to_string(),
    }
}

/// The English label of a row.
pub fn row_label_en(table: TableKey, layout: Layout, row: RowKey) -> String {
    Template::get(layout)
        .table(table)
        .row(row)
        .map(|r| r.label_en.to_string())
        .unwrap_or_else(|| row.as_str().to_string())
}

/// The English label of a column.
pub fn column_label_en(table: TableKey, layout: Layout, column: ColumnKey) -> String {
    Template::get(layout)
        .table(table)
        .column(column)
        .map(|c| c.label_en.to_string())
        .unwrap_or_else(|| column.as_str().to_string())
}

/// The name of a cell, e.g. 自然人/予以公开: column first in table 三, row
/// first in tables 二 and 四.
pub fn cell_name(table: TableKey, layout: Layout, row: RowKey, column: ColumnKey) -> String {
    let (row, column) = (
        row_label(table, layout, row),
        column_label(table, layout, column),
    );
    match table {
        TableKey::Requests => format!("{column}/{row}"),
        TableKey::Proactive | TableKey::Appeals => format!("{row}/{column}"),
    }
}

/// The English name of a cell: `row / column`.
pub fn cell_name_en(table: TableKey, layout: Layout, row: RowKey, column: ColumnKey) -> String {
    format!(
        "{} / {}",
        row_label_en(table, layout, row),
        column_label_en(table, layout, column)
    )
}

/// The Chinese name of a table with its title: 表三（收到和处理政府信息公开申请情况）.
pub fn table_name(key: TableKey) -> String {
    let t = Template::get(Layout::Y2021);
    let number = t
        .sections
        .iter()
        .find(|s| s.ordinal == key.section())
        .map(|s| s.number)
        .unwrap_or("");
    format!("表{number}（{}）", t.table(key).title)
}

/// The English name of a table with what it is about.
pub fn table_name_en(key: TableKey) -> &'static str {
    match key {
        TableKey::Proactive => "table 二 (proactive disclosure)",
        TableKey::Requests => "table 三 (requests)",
        TableKey::Appeals => "table 四 (reviews and lawsuits)",
    }
}

/// A row of table 三 with its group: 本年度办理结果总计, 本年新收政府信息公开申请数量.
pub fn request_row_desc(layout: Layout, row: RowKey) -> String {
    match Template::get(layout).requests.row(row) {
        Some(r) => format!("{}{}", r.parent.unwrap_or(""), short_label(r.label)),
        None => row.as_str().to_string(),
    }
}

// ---------------------------------------------------------------------------
// On the page and in its exports

/// The short name of a table: 表二 / Table 2.
pub fn table_short(lang: Lang, key: TableKey) -> String {
    let number = Template::get(Layout::Y2021)
        .sections
        .iter()
        .find(|s| s.ordinal == key.section())
        .map_or("", |s| s.number);
    match lang {
        Lang::Zh => format!("表{number}"),
        Lang::En => format!("Table {}", key.section()),
    }
}

/// A row's heading in a table: its number and label (三(七) 总计), or its
/// English label.
pub fn row_heading(lang: Lang, row: &RowDef) -> String {
    match lang {
        Lang::Zh if !row.number.is_empty() => format!("{} {}", row.number, row.label),
        Lang::Zh => row.label.to_string(),
        Lang::En => row.label_en.to_string(),
    }
}

/// A column's heading in a table: its label.
pub fn column_heading(lang: Lang, column: &ColumnDef) -> &'static str {
    lang.pick(column.label, column.label_en)
}

/// The heading over a group of columns (法人或其他组织), if the column is in one.
pub fn column_group(lang: Lang, column: &ColumnDef) -> Option<&'static str> {
    match lang {
        Lang::Zh => column.group,
        Lang::En => column.group_en,
    }
}

/// The names of a cell in a list of cells (the findings' export, the values'
/// export, the place of a finding): its table's title, its row with its
/// number or group (三(三)1 属于国家秘密, 行政诉讼·复议后起诉), its column.
pub fn cell_labels(
    lang: Lang,
    layout: Layout,
    table: TableKey,
    row: RowKey,
    column: ColumnKey,
) -> (String, String, String) {
    let def = Template::get(layout).table(table);
    let t = lang.pick(def.title, def.title_en).to_string();
    let r = def
        .row(row)
        .map(|r| {
            let label = lang.pick(r.label, r.label_en);
            match (lang, r.parent) {
                (Lang::Zh, Some(p)) if r.number.is_empty() => format!("{p}·{label}"),
                (Lang::Zh, _) if !r.number.is_empty() => format!("{} {label}", r.number),
                _ => label.to_string(),
            }
        })
        .unwrap_or_else(|| row.as_str().to_string());
    let c = def
        .column(column)
        .map(|c| lang.pick(c.label, c.label_en).to_string())
        .unwrap_or_else(|| column.as_str().to_string());
    (t, r, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_the_template() {
        assert_eq!(
            row_label(
                TableKey::Appeals,
                Layout::Y2021,
                RowKey::LitigationAfterReview
            ),
            "行政诉讼（复议后起诉）"
        );
        assert_eq!(
            row_label(
                TableKey::Requests,
                Layout::Y2021,
                RowKey::PartiallyDisclosed
            ),
            "部分公开"
        );
        assert_eq!(
            row_label(TableKey::Requests, Layout::Y2021, RowKey::TotalProcessed),
            "三(七) 总计"
        );
        assert_eq!(
            column_label(TableKey::Requests, Layout::Y2021, ColumnKey::OtherOrg),
            "法人或其他组织（其他）"
        );
        assert_eq!(
            cell_name(
                TableKey::Requests,
                Layout::Y2021,
                RowKey::Disclosed,
                ColumnKey::NaturalPerson
            ),
            "自然人/予以公开"
        );
        assert_eq!(
            cell_name(
                TableKey::Appeals,
                Layout::Y2021,
                RowKey::Review,
                ColumnKey::Other
            ),
            "行政复议/其他结果"
        );
        assert_eq!(
            table_name(TableKey::Requests),
            "表三（收到和处理政府信息公开申请情况）"
        );
    }

    #[test]
    fn names_on_the_page() {
        assert_eq!(table_short(Lang::Zh, TableKey::Proactive), "表二");
        assert_eq!(table_short(Lang::En, TableKey::Appeals), "Table 4");
        let (t, r, c) = cell_labels(
            Lang::Zh,
            Layout::Y2021,
            TableKey::Appeals,
            RowKey::LitigationAfterReview,
            ColumnKey::Total,
        );
        assert_eq!(t, "政府信息公开行政复议、行政诉讼情况");
        assert_eq!(r, "行政诉讼·复议后起诉");
        assert_eq!(c, "总计");
        let (_, r, _) = cell_labels(
            Lang::Zh,
            Layout::Y2021,
            TableKey::Requests,
            RowKey::WithheldStateSecret,
            ColumnKey::Total,
        );
        assert_eq!(r, "三(三)1 属于国家秘密");
        let requests = &Template::get(Layout::Y2021).requests;
        let other = requests.column(ColumnKey::OtherOrg).unwrap();
        assert_eq!(column_group(Lang::Zh, other), Some("法人或其他组织"));
        assert_eq!(
            column_group(Lang::En, other),
            Some("legal persons or other organisations")
        );
        assert_eq!(
            row_heading(Lang::Zh, requests.row(RowKey::TotalProcessed).unwrap()),
            "三(七) 总计"
        );
    }
}
