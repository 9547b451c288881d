//! The national template of the annual report, as data.
//!
//! Everything the readers, the extractor and the rules know about the layout of
//! a report lives here: the six sections, the three statistical tables, their
//! rows and columns, the official labels, the canonical keys of the export
//! schema, for both the 2021 layout (国办公开办函〔2021〕30号) and the 2019 trial
//! layout (国办公开办函〔2019〕60号). No label string is written anywhere else.

use serde::Serialize;

/// Which national layout a report (or a table of it) follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Layout {
    /// The 2021 layout (国办公开办函〔2021〕30号).
    #[serde(rename = "2021")]
    Y2021,
    /// The 2019 trial layout (国办公开办函〔2019〕60号).
    #[serde(rename = "2019")]
    Y2019,
    /// Neither could be told (no tables).
    #[serde(rename = "unknown")]
    Unknown,
}

impl Layout {
    /// The export's word for it: `2021`, `2019`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Y2021 => "2021",
            Layout::Y2019 => "2019",
            Layout::Unknown => "unknown",
        }
    }

    /// The layout a report for `year` must use.
    pub fn required_for(year: i32) -> Layout {
        if year >= 2021 {
            Layout::Y2021
        } else if year >= 2019 {
            Layout::Y2019
        } else {
            Layout::Unknown
        }
    }
}

/// Declares the canonical keys of one kind as an enum: each variant with its
/// key string, [`Self::as_str`] and [`Self::from_key`] between the two, and
/// serialisation as the string (the export's keys). A key the template lacks
/// is a variant that does not exist: a typo does not compile.
macro_rules! keys {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("`", $key, "`")] $variant,)*
        }

        impl $name {
            /// Every key, in the order declared.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// How many keys there are.
            pub const COUNT: usize = [$($key,)*].len();

            /// The canonical key (the export's string).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                }
            }

            /// The key of a canonical key string, if there is one.
            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($key => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keys! {
    /// A row of one of the three tables, by its canonical key. Rows of
    /// both layouts: a table of one layout has some of them
    /// ([`TableDef::rows`]).
    ///
    /// ```
    /// use nianbao_core::vocab::template::RowKey;
    /// assert_eq!(RowKey::CarriedForward.as_str(), "carried_forward");
    /// assert_eq!(RowKey::from_key("carried_forward"), Some(RowKey::CarriedForward));
    /// ```
    ///
    /// A key the template lacks does not compile:
    ///
    /// ```compile_fail
    /// use nianbao_core::vocab::template::RowKey;
    /// let _ = RowKey::CarriedFwd;
    /// ```
    RowKey {
        // Table 二
        Rules = "rules",
        NormativeDocs = "normative_docs",
        Licensing = "licensing",
        OtherServices = "other_services",
        Penalty = "penalty",
        Coercion = "coercion",
        Fees = "fees",
        Procurement = "procurement",
        // Table 三
        New = "new",
        CarriedOver = "carried_over",
        Disclosed = "disclosed",
        PartiallyDisclosed = "partially_disclosed",
        WithheldStateSecret = "withheld_state_secret",
        WithheldProhibitedByLaw = "withheld_prohibited_by_law",
        WithheldSecurityStability = "withheld_security_stability",
        WithheldThirdParty = "withheld_third_party",
        WithheldInternalAffairs = "withheld_internal_affairs",
        WithheldProcessInfo = "withheld_process_info",
        WithheldEnforcementFile = "withheld_enforcement_file",
        WithheldAdministrativeQuery = "withheld_administrative_query",
        UnavailableNotHeld = "unavailable_not_held",
        UnavailableNeedsCreation = "unavailable_needs_creation",
        UnavailableUnclear = "unavailable_unclear",
        NotProcessedPetition = "not_processed_petition",
        NotProcessedDuplicate = "not_processed_duplicate",
        NotProcessedPublication = "not_processed_publication",
        NotProcessedExcessive = "not_processed_excessive",
        NotProcessedConfirmation = "not_processed_confirmation",
        OtherOverdueCorrection = "other_overdue_correction",
        OtherUnpaidFee = "other_unpaid_fee",
        OtherMisc = "other_misc",
        Other = "other",
        TotalProcessed = "total_processed",
        CarriedForward = "carried_forward",
        // Table 四
        Review = "review",
        LitigationDirect = "litigation_direct",
        LitigationAfterReview = "litigation_after_review",
    }
}

keys! {
    /// A column of one of the three tables, by its canonical key (tables 三
    /// and 四 share `total`; the two layouts of table 二 share `decisions` and
    /// `amount`).
    ColumnKey {
        // Table 二, 2021 layout
        Issued = "issued",
        Repealed = "repealed",
        InForce = "in_force",
        Decisions = "decisions",
        Amount = "amount",
        // Table 二, 2019 layout (also `decisions` and `amount`)
        Made = "made",
        Published = "published",
        TotalPublished = "total_published",
        Previous = "previous",
        Change = "change",
        Projects = "projects",
        // Table 三
        NaturalPerson = "natural_person",
        Commercial = "commercial",
        Research = "research",
        SocialWelfare = "social_welfare",
        LegalService = "legal_service",
        OtherOrg = "other_org",
        Total = "total",
        // Table 四 (also `total`)
        Upheld = "upheld",
        Corrected = "corrected",
        Other = "other",
        Pending = "pending",
    }
}

/// A row or a column, by its key: what a label found in a table was matched
/// to. Serialised as the key string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelKey {
    /// A row.
    Row(RowKey),
    /// A column.
    Column(ColumnKey),
}

impl LabelKey {
    /// The key string.
    pub fn as_str(self) -> &'static str {
        match self {
            LabelKey::Row(r) => r.as_str(),
            LabelKey::Column(c) => c.as_str(),
        }
    }
}

impl Serialize for LabelKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The three statistical tables, by their export key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKey {
    /// Table 二: 主动公开政府信息情况.
    Proactive,
    /// Table 三: 收到和处理政府信息公开申请情况.
    Requests,
    /// Table 四: 政府信息公开行政复议、行政诉讼情况.
    Appeals,
}

impl TableKey {
    /// The three tables, in the order of the report.
    pub const ALL: [TableKey; 3] = [TableKey::Proactive, TableKey::Requests, TableKey::Appeals];

    /// The export's key: `proactive`, `requests`, `appeals`.
    pub fn as_str(self) -> &'static str {
        match self {
            TableKey::Proactive => "proactive",
            TableKey::Requests => "requests",
            TableKey::Appeals => "appeals",
        }
    }

    /// The section (1-based ordinal) that holds this table.
    pub fn section(self) -> u8 {
        match self {
            TableKey::Proactive => 2,
            TableKey::Requests => 3,
            TableKey::Appeals => 4,
        }
    }
}

/// Whether a cell holds a count (whole number) or an amount (may have decimals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A number of items (whole, not negative).
    Count,
    /// An amount in 万元; decimals allowed.
    Amount,
    /// A change from last year (2019 layout 本年增/减): may be negative.
    Change,
}

/// One of the six sections.
#[derive(Debug, Serialize)]
pub struct SectionDef {
    /// 1-based position.
    pub ordinal: u8,
    /// The Chinese numeral of the heading: 一 … 六.
    pub number: &'static str,
    /// Its key (`overview` … `other`).
    pub key: &'static str,
    /// The official heading.
    pub title: &'static str,
    /// Other headings seen in published reports for the same section.
    pub aliases: &'static [&'static str],
    /// The heading in English.
    pub title_en: &'static str,
}

/// A theme 总体情况 is expected to cover.
#[derive(Debug, Serialize)]
pub struct ThemeDef {
    /// Its key.
    pub key: &'static str,
    /// How the report names it.
    pub label: &'static str,
    /// Words that show the theme is covered.
    pub keywords: &'static [&'static str],
    /// The same in English.
    pub label_en: &'static str,
}

/// A column of a table (or a field of a row).
#[derive(Debug, Serialize)]
pub struct ColumnDef {
    /// Its canonical key.
    pub key: ColumnKey,
    /// The official label.
    pub label: &'static str,
    /// Other wordings seen in published reports.
    pub aliases: &'static [&'static str],
    /// The spanning header above this column, if any (e.g. 法人或其他组织).
    pub group: Option<&'static str>,
    /// The same header in English.
    pub group_en: Option<&'static str>,
    /// What its cells hold.
    pub kind: ValueKind,
    /// The label in English.
    pub label_en: &'static str,
}

/// A row of a table.
#[derive(Debug, Serialize)]
pub struct RowDef {
    /// Its canonical key.
    pub key: RowKey,
    /// The row's number in the official table, in a normalised form:
    /// `一`, `三(三)1`, `三(七)`; empty where the table has none.
    pub number: &'static str,
    /// The official label, without its number.
    pub label: &'static str,
    /// Other wordings seen in published reports (without numbers).
    pub aliases: &'static [&'static str],
    /// The label of the row group this row is nested in (e.g. 不予公开), if any.
    pub parent: Option<&'static str>,
    /// The heading above the row's block in table 二 (e.g. 第二十条第（一）项).
    pub block: Option<&'static str>,
    /// The columns this row has values for (keys into [`TableDef::columns`]).
    pub columns: &'static [ColumnKey],
    /// The label in English.
    pub label_en: &'static str,
}

/// A statistical table.
#[derive(Debug, Serialize)]
pub struct TableDef {
    /// Which table.
    pub key: TableKey,
    /// The layout whose table this is.
    pub layout: Layout,
    /// The official title.
    pub title: &'static str,
    /// The rows, in the official order.
    pub rows: &'static [RowDef],
    /// The columns, in the official order.
    pub columns: &'static [ColumnDef],
    /// The title in English.
    pub title_en: &'static str,
}

impl TableDef {
    /// The row of this key, if the table has it.
    pub fn row(&self, key: RowKey) -> Option<&'static RowDef> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// The column of this key, if the table has it.
    pub fn column(&self, key: ColumnKey) -> Option<&'static ColumnDef> {
        self.columns.iter().find(|c| c.key == key)
    }

    /// All (row, column) cells of the table, in reading order.
    pub fn cells(&self) -> impl Iterator<Item = (&'static RowDef, &'static ColumnDef)> + '_ {
        let columns = self.columns;
        self.rows.iter().flat_map(move |r| {
            r.columns.iter().map(move |c| {
                (
                    r,
                    columns
                        .iter()
                        .find(|d| d.key == *c)
                        .expect("template column exists"),
                )
            })
        })
    }

    /// Where each row's first cell is in [`TableDef::cells`] order, row by
    /// row: a row's cells follow one another from there.
    pub fn row_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows.iter().scan(0, |at, r| {
            let start = *at;
            *at += r.columns.len();
            Some(start)
        })
    }

    /// Where the cell (`row`, `column`) is in [`TableDef::cells`] order, if
    /// the table has it: looked up in a table of every (row, column) pair,
    /// made once for the six tables of the two layouts.
    pub fn cell_index(&self, row: RowKey, column: ColumnKey) -> Option<usize> {
        /// No such cell in the table.
        const NONE: u16 = u16::MAX;
        static PLACES: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
        let per_table = RowKey::COUNT * ColumnKey::COUNT;
        let places = PLACES.get_or_init(|| {
            let mut places = vec![NONE; 6 * per_table];
            for (t, def) in Self::all().enumerate() {
                for (i, (r, c)) in def.cells().enumerate() {
                    places[t * per_table + r.key as usize * ColumnKey::COUNT + c.key as usize] =
                        i as u16;
                }
            }
            places
        });
        let table = match self.layout {
            Layout::Y2019 => 3,
            _ => 0,
        } + self.key as usize;
        match places[table * per_table + row as usize * ColumnKey::COUNT + column as usize] {
            NONE => None,
            i => Some(usize::from(i)),
        }
    }

    /// The six tables: those of the 2021 layout, then those of 2019, each in
    /// [`TableKey::ALL`] order.
    fn all() -> impl Iterator<Item = &'static TableDef> {
        [&TEMPLATE_2021, &TEMPLATE_2019]
            .into_iter()
            .flat_map(|t| t.tables())
    }

    /// How many cells the table has.
    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(|r| r.columns.len()).sum()
    }
}

/// The whole template of one layout.
#[derive(Debug, Serialize)]
pub struct Template {
    /// Which layout.
    pub layout: Layout,
    /// The six sections.
    pub sections: &'static [SectionDef],
    /// The themes 总体情况 is expected to cover.
    pub themes: &'static [ThemeDef],
    /// Table 二.
    pub proactive: TableDef,
    /// Table 三.
    pub requests: TableDef,
    /// Table 四.
    pub appeals: TableDef,
}

impl Template {
    /// The template of a layout (the 2021 one for `Unknown`).
    pub fn get(layout: Layout) -> &'static Template {
        match layout {
            Layout::Y2019 => &TEMPLATE_2019,
            _ => &TEMPLATE_2021,
        }
    }

    /// One of its three tables.
    pub fn table(&self, key: TableKey) -> &TableDef {
        match key {
            TableKey::Proactive => &self.proactive,
            TableKey::Requests => &self.requests,
            TableKey::Appeals => &self.appeals,
        }
    }

    /// Its three tables, in the order of the report.
    pub fn tables(&'static self) -> [&'static TableDef; 3] {
        [&self.proactive, &self.requests, &self.appeals]
    }
}

// ---------------------------------------------------------------------------
// Sections and themes (the same in both layouts)

pub(crate) static SECTIONS: &[SectionDef] = &[
    SectionDef {
        ordinal: 1,
        number: "一",
        key: "overview",
        title: "总体情况",
        aliases: &[],
        title_en: "Overview",
    },
    SectionDef {
        ordinal: 2,
        number: "二",
        key: "proactive",
        title: "主动公开政府信息情况",
        aliases: &[],
        title_en: "Proactive disclosure",
    },
    SectionDef {
        ordinal: 3,
        number: "三",
        key: "requests",
        title: "收到和处理政府信息公开申请情况",
        aliases: &[],
        title_en: "Requests received and handled",
    },
    SectionDef {
        ordinal: 4,
        number: "四",
        key: "appeals",
        title: "政府信息公开行政复议、行政诉讼情况",
        aliases: &[
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开行政复议、行政诉讼情况",
        ],
        title_en: "Administrative reviews and lawsuits",
    },
    SectionDef {
        ordinal: 5,
        number: "五",
        key: "problems",
        title: "存在的主要问题及改进情况",
        aliases: &["政府信息公开工作存在的主要问题及改进情况"],
        title_en: "Main problems and improvements",
    },
    SectionDef {
        ordinal: 6,
        number: "六",
        key: "other",
        title: "其他需要报告的事项",
        aliases: &[],
        title_en: "Other matters to report",
    },
];

pub(crate) static THEMES: &[ThemeDef] = &[
    ThemeDef {
        key: "proactive",
        label: "主动公开",
        keywords: &["主动公开"],
        label_en: "proactive disclosure",
    },
    ThemeDef {
        key: "requests",
        label: "依申请公开",
        keywords: &["依申请公开", "依申请", "公开申请"],
        label_en: "disclosure on request",
    },
    ThemeDef {
        key: "management",
        label: "政府信息管理",
        keywords: &["政府信息管理", "信息管理"],
        label_en: "information management",
    },
    ThemeDef {
        key: "platforms",
        label: "政府信息公开平台建设",
        keywords: &["平台建设", "公开平台"],
        label_en: "disclosure platforms",
    },
    ThemeDef {
        key: "oversight",
        label: "监督保障",
        keywords: &["监督保障", "监督", "保障"],
        label_en: "oversight and safeguards",
    },
];

// ---------------------------------------------------------------------------
// Table 二, 2021 layout

const PROACTIVE_BLOCK_1: &str = "第二十条第（一）项";
const PROACTIVE_BLOCK_5: &str = "第二十条第（五）项";
const PROACTIVE_BLOCK_6: &str = "第二十条第（六）项";
const PROACTIVE_BLOCK_8: &str = "第二十条第（八）项";
const PROACTIVE_BLOCK_9: &str = "第二十条第（九）项";

static PROACTIVE_2021_COLUMNS: &[ColumnDef] = &[
    ColumnDef {
        key: ColumnKey::Issued,
        label: "本年制发件数",
        aliases: &["本年新制发件数"],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "issued this year",
    },
    ColumnDef {
        key: ColumnKey::Repealed,
        label: "本年废止件数",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "repealed this year",
    },
    ColumnDef {
        key: ColumnKey::InForce,
        label: "现行有效件数",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "in force",
    },
    ColumnDef {
        key: ColumnKey::Decisions,
        label: "本年处理决定数量",
        aliases: &["处理决定数量"],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "decisions this year",
    },
    ColumnDef {
        key: ColumnKey::Amount,
        label: "本年收费金额（单位：万元）",
        aliases: &["本年收费金额", "收费金额（万元）"],
        group: None,
        group_en: None,
        kind: ValueKind::Amount,
        label_en: "fees collected this year (10,000 yuan)",
    },
];

static PROACTIVE_2021_ROWS: &[RowDef] = &[
    RowDef {
        key: RowKey::Rules,
        number: "",
        label: "规章",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_1),
        columns: &[ColumnKey::Issued, ColumnKey::Repealed, ColumnKey::InForce],
        label_en: "rules (规章)",
    },
    RowDef {
        key: RowKey::NormativeDocs,
        number: "",
        label: "行政规范性文件",
        aliases: &["规范性文件"],
        parent: None,
        block: Some(PROACTIVE_BLOCK_1),
        columns: &[ColumnKey::Issued, ColumnKey::Repealed, ColumnKey::InForce],
        label_en: "normative documents",
    },
    RowDef {
        key: RowKey::Licensing,
        number: "",
        label: "行政许可",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_5),
        columns: &[ColumnKey::Decisions],
        label_en: "administrative licensing",
    },
    RowDef {
        key: RowKey::Penalty,
        number: "",
        label: "行政处罚",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_6),
        columns: &[ColumnKey::Decisions],
        label_en: "administrative penalties",
    },
    RowDef {
        key: RowKey::Coercion,
        number: "",
        label: "行政强制",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_6),
        columns: &[ColumnKey::Decisions],
        label_en: "administrative coercion",
    },
    RowDef {
        key: RowKey::Fees,
        number: "",
        label: "行政事业性收费",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_8),
        columns: &[ColumnKey::Amount],
        label_en: "administrative fees",
    },
];

// ---------------------------------------------------------------------------
// Table 二, 2019 trial layout. Keys chosen in the style of the 2021 ones:
// `made` 本年新制作数量, `published` 本年新公开数量, `total_published` 对外公开总数量;
// `previous` 上一年项目数量, `change` 本年增/减, `decisions` 处理决定数量;
// `projects` 采购项目数量, `amount` 采购总金额.

static PROACTIVE_2019_COLUMNS: &[ColumnDef] = &[
    ColumnDef {
        key: ColumnKey::Made,
        label: "本年新制作数量",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "newly made this year",
    },
    ColumnDef {
        key: ColumnKey::Published,
        label: "本年新公开数量",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "newly published this year",
    },
    ColumnDef {
        key: ColumnKey::TotalPublished,
        label: "对外公开总数量",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "published in total",
    },
    ColumnDef {
        key: ColumnKey::Previous,
        label: "上一年项目数量",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "items last year",
    },
    ColumnDef {
        key: ColumnKey::Change,
        label: "本年增/减",
        aliases: &["本年增减"],
        group: None,
        group_en: None,
        kind: ValueKind::Change,
        label_en: "change this year",
    },
    ColumnDef {
        key: ColumnKey::Decisions,
        label: "处理决定数量",
        aliases: &["本年处理决定数量"],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "decisions",
    },
    ColumnDef {
        key: ColumnKey::Projects,
        label: "采购项目数量",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "procurement projects",
    },
    ColumnDef {
        key: ColumnKey::Amount,
        label: "采购总金额",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Amount,
        label_en: "procurement total (10,000 yuan)",
    },
];

static PROACTIVE_2019_ROWS: &[RowDef] = &[
    RowDef {
        key: RowKey::Rules,
        number: "",
        label: "规章",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_1),
        columns: &[
            ColumnKey::Made,
            ColumnKey::Published,
            ColumnKey::TotalPublished,
        ],
        label_en: "rules (规章)",
    },
    RowDef {
        key: RowKey::NormativeDocs,
        number: "",
        label: "规范性文件",
        aliases: &["行政规范性文件"],
        parent: None,
        block: Some(PROACTIVE_BLOCK_1),
        columns: &[
            ColumnKey::Made,
            ColumnKey::Published,
            ColumnKey::TotalPublished,
        ],
        label_en: "normative documents",
    },
    RowDef {
        key: RowKey::Licensing,
        number: "",
        label: "行政许可",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_5),
        columns: &[ColumnKey::Previous, ColumnKey::Change, ColumnKey::Decisions],
        label_en: "administrative licensing",
    },
    RowDef {
        key: RowKey::OtherServices,
        number: "",
        label: "其他对外管理服务事项",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_5),
        columns: &[ColumnKey::Previous, ColumnKey::Change, ColumnKey::Decisions],
        label_en: "other public administration services",
    },
    RowDef {
        key: RowKey::Penalty,
        number: "",
        label: "行政处罚",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_6),
        columns: &[ColumnKey::Previous, ColumnKey::Change, ColumnKey::Decisions],
        label_en: "administrative penalties",
    },
    RowDef {
        key: RowKey::Coercion,
        number: "",
        label: "行政强制",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_6),
        columns: &[ColumnKey::Previous, ColumnKey::Change, ColumnKey::Decisions],
        label_en: "administrative coercion",
    },
    RowDef {
        key: RowKey::Fees,
        number: "",
        label: "行政事业性收费",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_8),
        columns: &[ColumnKey::Previous, ColumnKey::Change],
        label_en: "administrative fees",
    },
    RowDef {
        key: RowKey::Procurement,
        number: "",
        label: "政府集中采购",
        aliases: &[],
        parent: None,
        block: Some(PROACTIVE_BLOCK_9),
        columns: &[ColumnKey::Projects, ColumnKey::Amount],
        label_en: "centralised government procurement",
    },
];

// ---------------------------------------------------------------------------
// Table 三 (columns the same in both layouts)

const LEGAL_PERSONS: &str = "法人或其他组织";
const LEGAL_PERSONS_EN: &str = "legal persons or other organisations";
const ALL_REQUEST_COLUMNS: &[ColumnKey] = &[
    ColumnKey::NaturalPerson,
    ColumnKey::Commercial,
    ColumnKey::Research,
    ColumnKey::SocialWelfare,
    ColumnKey::LegalService,
    ColumnKey::OtherOrg,
    ColumnKey::Total,
];

static REQUEST_COLUMNS: &[ColumnDef] = &[
    ColumnDef {
        key: ColumnKey::NaturalPerson,
        label: "自然人",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "natural persons",
    },
    ColumnDef {
        key: ColumnKey::Commercial,
        label: "商业企业",
        aliases: &[],
        group: Some(LEGAL_PERSONS),
        group_en: Some(LEGAL_PERSONS_EN),
        kind: ValueKind::Count,
        label_en: "businesses",
    },
    ColumnDef {
        key: ColumnKey::Research,
        label: "科研机构",
        aliases: &[],
        group: Some(LEGAL_PERSONS),
        group_en: Some(LEGAL_PERSONS_EN),
        kind: ValueKind::Count,
        label_en: "research institutions",
    },
    ColumnDef {
        key: ColumnKey::SocialWelfare,
        label: "社会公益组织",
        aliases: &[],
        group: Some(LEGAL_PERSONS),
        group_en: Some(LEGAL_PERSONS_EN),
        kind: ValueKind::Count,
        label_en: "public-interest organisations",
    },
    ColumnDef {
        key: ColumnKey::LegalService,
        label: "法律服务机构",
        aliases: &[],
        group: Some(LEGAL_PERSONS),
        group_en: Some(LEGAL_PERSONS_EN),
        kind: ValueKind::Count,
        label_en: "legal service providers",
    },
    ColumnDef {
        key: ColumnKey::OtherOrg,
        label: "其他",
        aliases: &[],
        group: Some(LEGAL_PERSONS),
        group_en: Some(LEGAL_PERSONS_EN),
        kind: ValueKind::Count,
        label_en: "other organisations",
    },
    ColumnDef {
        key: ColumnKey::Total,
        label: "总计",
        aliases: &["合计"],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "total",
    },
];

const OUTCOMES: &str = "本年度办理结果";
const WITHHELD: &str = "不予公开";
const UNAVAILABLE: &str = "无法提供";
const NOT_PROCESSED: &str = "不予处理";
const OTHER_HANDLING: &str = "其他处理";

macro_rules! request_row {
    ($key:ident, $number:literal, $label:literal, [$($alias:literal),*], $parent:expr, $en:literal) => {
        RowDef {
            key: RowKey::$key,
            number: $number,
            label: $label,
            aliases: &[$($alias),*],
            parent: $parent,
            block: None,
            columns: ALL_REQUEST_COLUMNS,
            label_en: $en,
        }
    };
}

/// Table 三's rows: 一 … 三(五) and 三(七), 四 are the same in both layouts; the
/// rows of 三(六) differ and are passed in.
macro_rules! request_rows {
    ($($middle:expr),* $(,)?) => {
        &[
            request_row!(New, "一", "本年新收政府信息公开申请数量", ["本年新收申请数量"], None, "new requests this year"),
            request_row!(CarriedOver, "二", "上年结转政府信息公开申请数量", ["上年结转申请数量"], None, "carried over from last year"),
            request_row!(Disclosed, "三(一)", "予以公开", [], Some(OUTCOMES), "disclosed"),
            request_row!(
                PartiallyDisclosed,
                "三(二)",
                "部分公开（区分处理的，只计这一情形，不计其他情形）",
                ["部分公开"],
                Some(OUTCOMES),
                "partially disclosed"
            ),
            request_row!(WithheldStateSecret, "三(三)1", "属于国家秘密", [], Some(WITHHELD), "withheld: state secret"),
            request_row!(
                WithheldProhibitedByLaw,
                "三(三)2",
                "其他法律行政法规禁止公开",
                [],
                Some(WITHHELD),
                "withheld: prohibited by other laws"
            ),
            request_row!(
                WithheldSecurityStability,
                "三(三)3",
                "危及“三安全一稳定”",
                ["危及三安全一稳定"],
                Some(WITHHELD),
                "withheld: endangers security or stability"
            ),
            request_row!(
                WithheldThirdParty,
                "三(三)4",
                "保护第三方合法权益",
                [],
                Some(WITHHELD),
                "withheld: third-party rights"
            ),
            request_row!(
                WithheldInternalAffairs,
                "三(三)5",
                "属于三类内部事务信息",
                [],
                Some(WITHHELD),
                "withheld: internal affairs"
            ),
            request_row!(
                WithheldProcessInfo,
                "三(三)6",
                "属于四类过程性信息",
                [],
                Some(WITHHELD),
                "withheld: process information"
            ),
            request_row!(
                WithheldEnforcementFile,
                "三(三)7",
                "属于行政执法案卷",
                [],
                Some(WITHHELD),
                "withheld: enforcement file"
            ),
            request_row!(
                WithheldAdministrativeQuery,
                "三(三)8",
                "属于行政查询事项",
                [],
                Some(WITHHELD),
                "withheld: administrative query"
            ),
            request_row!(
                UnavailableNotHeld,
                "三(四)1",
                "本机关不掌握相关政府信息",
                [],
                Some(UNAVAILABLE),
                "unavailable: not held"
            ),
            request_row!(
                UnavailableNeedsCreation,
                "三(四)2",
                "没有现成信息需要另行制作",
                [],
                Some(UNAVAILABLE),
                "unavailable: would need to be created"
            ),
            request_row!(
                UnavailableUnclear,
                "三(四)3",
                "补正后申请内容仍不明确",
                [],
                Some(UNAVAILABLE),
                "unavailable: still unclear after correction"
            ),
            request_row!(
                NotProcessedPetition,
                "三(五)1",
                "信访举报投诉类申请",
                [],
                Some(NOT_PROCESSED),
                "not processed: petition or complaint"
            ),
            request_row!(NotProcessedDuplicate, "三(五)2", "重复申请", [], Some(NOT_PROCESSED), "not processed: duplicate"),
            request_row!(
                NotProcessedPublication,
                "三(五)3",
                "要求提供公开出版物",
                [],
                Some(NOT_PROCESSED),
                "not processed: asks for publications"
            ),
            request_row!(
                NotProcessedExcessive,
                "三(五)4",
                "无正当理由大量反复申请",
                [],
                Some(NOT_PROCESSED),
                "not processed: excessive repeated requests"
            ),
            request_row!(
                NotProcessedConfirmation,
                "三(五)5",
                "要求行政机关确认或重新出具已获取信息",
                [],
                Some(NOT_PROCESSED),
                "not processed: confirmation of information already held"
            ),
            $($middle,)*
            request_row!(TotalProcessed, "三(七)", "总计", ["合计"], Some(OUTCOMES), "total handled"),
            request_row!(
                CarriedForward,
                "四",
                "结转下年度继续办理",
                ["结转下年度办理"],
                None,
                "carried forward to next year"
            ),
        ]
    };
}

static REQUEST_2021_ROWS: &[RowDef] = request_rows!(
    request_row!(
        OtherOverdueCorrection,
        "三(六)1",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        [],
        Some(OTHER_HANDLING),
        "other: applicant did not complete the request"
    ),
    request_row!(
        OtherUnpaidFee,
        "三(六)2",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        [],
        Some(OTHER_HANDLING),
        "other: applicant did not pay the fee"
    ),
    request_row!(
        OtherMisc,
        "三(六)3",
        "其他",
        [],
        Some(OTHER_HANDLING),
        "other: miscellaneous"
    ),
);

static REQUEST_2019_ROWS: &[RowDef] = request_rows!(request_row!(
    Other,
    "三(六)",
    "其他处理",
    [],
    Some(OUTCOMES),
    "other handling"
));

// ---------------------------------------------------------------------------
// Table 四 (the same in both layouts)

const LITIGATION: &str = "行政诉讼";
const ALL_APPEAL_COLUMNS: &[ColumnKey] = &[
    ColumnKey::Upheld,
    ColumnKey::Corrected,
    ColumnKey::Other,
    ColumnKey::Pending,
    ColumnKey::Total,
];

static APPEAL_COLUMNS: &[ColumnDef] = &[
    ColumnDef {
        key: ColumnKey::Upheld,
        label: "结果维持",
        aliases: &["维持"],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "upheld",
    },
    ColumnDef {
        key: ColumnKey::Corrected,
        label: "结果纠正",
        aliases: &["纠正"],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "corrected",
    },
    ColumnDef {
        key: ColumnKey::Other,
        label: "其他结果",
        aliases: &["其他"],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "other result",
    },
    ColumnDef {
        key: ColumnKey::Pending,
        label: "尚未审结",
        aliases: &[],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "pending",
    },
    ColumnDef {
        key: ColumnKey::Total,
        label: "总计",
        aliases: &["合计"],
        group: None,
        group_en: None,
        kind: ValueKind::Count,
        label_en: "total",
    },
];

static APPEAL_ROWS: &[RowDef] = &[
    RowDef {
        key: RowKey::Review,
        number: "",
        label: "行政复议",
        aliases: &[],
        parent: None,
        block: None,
        columns: ALL_APPEAL_COLUMNS,
        label_en: "administrative review",
    },
    RowDef {
        key: RowKey::LitigationDirect,
        number: "",
        label: "未经复议直接起诉",
        aliases: &[],
        parent: Some(LITIGATION),
        block: None,
        columns: ALL_APPEAL_COLUMNS,
        label_en: "lawsuit without prior review",
    },
    RowDef {
        key: RowKey::LitigationAfterReview,
        number: "",
        label: "复议后起诉",
        aliases: &[],
        parent: Some(LITIGATION),
        block: None,
        columns: ALL_APPEAL_COLUMNS,
        label_en: "lawsuit after review",
    },
];

// ---------------------------------------------------------------------------

pub(crate) static TEMPLATE_2021: Template = Template {
    layout: Layout::Y2021,
    sections: SECTIONS,
    themes: THEMES,
    proactive: TableDef {
        layout: Layout::Y2021,
        key: TableKey::Proactive,
        title: "主动公开政府信息情况",
        rows: PROACTIVE_2021_ROWS,
        columns: PROACTIVE_2021_COLUMNS,
        title_en: "Proactive disclosure",
    },
    requests: TableDef {
        layout: Layout::Y2021,
        key: TableKey::Requests,
        title: "收到和处理政府信息公开申请情况",
        rows: REQUEST_2021_ROWS,
        columns: REQUEST_COLUMNS,
        title_en: "Requests received and handled",
    },
    appeals: TableDef {
        layout: Layout::Y2021,
        key: TableKey::Appeals,
        title: "政府信息公开行政复议、行政诉讼情况",
        rows: APPEAL_ROWS,
        columns: APPEAL_COLUMNS,
        title_en: "Administrative reviews and lawsuits",
    },
};

pub(crate) static TEMPLATE_2019: Template = Template {
    layout: Layout::Y2019,
    sections: SECTIONS,
    themes: THEMES,
    proactive: TableDef {
        layout: Layout::Y2019,
        key: TableKey::Proactive,
        title: "主动公开政府信息情况",
        rows: PROACTIVE_2019_ROWS,
        columns: PROACTIVE_2019_COLUMNS,
        title_en: "Proactive disclosure",
    },
    requests: TableDef {
        layout: Layout::Y2019,
        key: TableKey::Requests,
        title: "收到和处理政府信息公开申请情况",
        rows: REQUEST_2019_ROWS,
        columns: REQUEST_COLUMNS,
        title_en: "Requests received and handled",
    },
    appeals: TableDef {
        layout: Layout::Y2019,
        key: TableKey::Appeals,
        title: "政府信息公开行政复议、行政诉讼情况",
        rows: APPEAL_ROWS,
        columns: APPEAL_COLUMNS,
        title_en: "Administrative reviews and lawsuits",
    },
};

// ---------------------------------------------------------------------------
// Metadata: the words that label the fields extraction reads around the
// tables (a header table of a web page, or lines of the text).

/// Labels of a report's metadata fields.
#[derive(Debug, Serialize)]
pub(crate) struct MetadataDef {
    /// Labels of the title field (标题: …).
    pub title: &'static [&'static str],
    /// Labels of a publication date (发文日期: 2025-01-15).
    pub published: &'static [&'static str],
    /// Words that introduce the statistical period (统计期限自…起，至…止).
    pub period: &'static [&'static str],
    /// Words a title must contain to be taken for one.
    pub title_words: &'static [&'static str],
    /// Words that start the subject of a title after the agency's name
    /// (2024年度某某局 | 政府信息公开工作年度报告).
    pub title_subject: &'static [&'static str],
    /// Words around the agency's name in the body, when the title lacks it
    /// (请与博山区人民政府办公室联系): (before, after).
    pub agency_context: &'static [(&'static str, &'static str)],
}

pub(crate) static METADATA: MetadataDef = MetadataDef {
    title: &["标题", "题名", "名称"],
    published: &[
        "发文日期",
        "成文日期",
        "发布日期",
        "印发日期",
        "公开日期",
        "发布时间",
    ],
    period: &["统计期限", "统计期间", "统计时限", "统计周期"],
    title_words: &["年度报告", "报告"],
    title_subject: &["政府信息公开", "信息公开", "政务公开", "年度报告"],
    agency_context: &[("请与", "联系"), ("请联系", "")],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_places_agree_with_the_walk() {
        for t in [&TEMPLATE_2021, &TEMPLATE_2019] {
            for def in t.tables() {
                assert_eq!(def.layout, t.layout);
                for (i, (r, c)) in def.cells().enumerate() {
                    assert_eq!(def.cell_index(r.key, c.key), Some(i), "{} {}", r.key, c.key);
                }
                for (r, start) in def.rows.iter().zip(def.row_starts()) {
                    for (k, c) in r.columns.iter().enumerate() {
                        assert_eq!(def.cell_index(r.key, *c), Some(start + k), "{} {c}", r.key);
                    }
                }
                // Every other pair is no cell of the table.
                let cells = RowKey::ALL
                    .iter()
                    .flat_map(|r| ColumnKey::ALL.iter().map(move |c| (*r, *c)))
                    .filter(|(r, c)| def.cell_index(*r, *c).is_some())
                    .count();
                assert_eq!(cells, def.cell_count());
            }
        }
        let requests = &Template::get(Layout::Y2021).requests;
        assert_eq!(requests.cell_index(RowKey::Review, ColumnKey::Total), None);
        assert_eq!(requests.cell_index(RowKey::Other, ColumnKey::Total), None);
    }

    #[test]
    fn cell_counts_match_the_national_format() {
        let t = Template::get(Layout::Y2021);
        assert_eq!(t.proactive.cell_count(), 10);
        assert_eq!(t.requests.cell_count(), 175);
        assert_eq!(t.appeals.cell_count(), 15);
        assert_eq!(t.requests.rows.len(), 25);
        let t = Template::get(Layout::Y2019);
        assert_eq!(t.requests.rows.len(), 23);
        assert!(t.requests.row(RowKey::Other).is_some());
        assert!(t.requests.row(RowKey::OtherMisc).is_none());
    }

    #[test]
    fn keys_are_unique_and_columns_exist() {
        for t in [&TEMPLATE_2021, &TEMPLATE_2019] {
            for table in t.tables() {
                let mut keys: Vec<_> = table.rows.iter().map(|r| r.key).collect();
                keys.sort();
                keys.dedup();
                assert_eq!(keys.len(), table.rows.len(), "{:?}", table.key);
                // cells() panics if a row names a column the table lacks.
                assert_eq!(table.cells().count(), table.cell_count());
            }
        }
    }

    /// Every key is a row or column of some table of the template, and its
    /// string is the key of no other.
    #[test]
    fn every_key_is_the_template_s() {
        let all = || TableDef::all();
        for r in RowKey::ALL {
            assert!(all().any(|d| d.row(*r).is_some()), "{r}");
            assert_eq!(RowKey::from_key(r.as_str()), Some(*r));
        }
        for c in ColumnKey::ALL {
            assert!(all().any(|d| d.column(*c).is_some()), "{c}");
            assert_eq!(ColumnKey::from_key(c.as_str()), Some(*c));
        }
        assert_eq!(RowKey::ALL.len(), RowKey::COUNT);
        assert_eq!(RowKey::from_key("carried_fwd"), None);
        assert_eq!(
            serde_json::to_string(&(RowKey::CarriedForward, ColumnKey::NaturalPerson)).unwrap(),
            r#"["carried_forward","natural_person"]"#
        );
    }
}
