//! Key figures of a report's tables, for comparing agencies.
//!
//! | figure | what | from |
//! |---|---|---|
//! | `new_requests` 新收申请 | requests received this year | 三 一 总计 |
//! | `disclosure_rate` 实质公开率 | (予以公开 + 部分公开) / 办结 | 三(三)1, 三(三)2, 三(七) 总计 |
//! | `review_correction_rate` 复议纠错率 | 纠正 / (总计 − 尚未审结) | 四 行政复议 |
//! | `litigation_correction_rate` 诉讼纠错率 | the same over both kinds of suit | 四 未经复议直接起诉 + 复议后起诉 |
//! | `carryover_rate` 结转率 | 结转下年度 / (新收 + 上年结转) | 三(四), 三 一, 三 二 |
//!
//! A rate whose base is under [`SMALL_BASE`] cases carries a caution: one
//! case more or less moves it by ten points or more. A rate with a base of
//! zero, or with a cell that was not read, has no value.

use super::stored::ReportView;
use crate::vocab::template::{ColumnKey as C, RowKey as R, TableKey as T};
use serde::{Deserialize, Serialize};

/// A rate resting on fewer cases than this carries a caution.
pub const SMALL_BASE: f64 = 10.0;

/// One rate: its value (0–1), what it was computed from, and whether it
/// rests on few cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    /// numerator / denominator, when both were read and the base is not 0.
    pub value: Option<f64>,
    /// The cases counted.
    pub numerator: Option<f64>,
    /// The cases they are counted among (the base).
    pub denominator: Option<f64>,
    /// True when the base is under [`SMALL_BASE`] (and not 0).
    pub caution: bool,
}

impl Rate {
    fn of(numerator: Option<f64>, denominator: Option<f64>) -> Rate {
        let value = match (numerator, denominator) {
            (Some(n), Some(d)) if d > 0.0 => Some(n / d),
            _ => None,
        };
        Rate {
            value,
            numerator,
            denominator,
            caution: value.is_some() && denominator.is_some_and(|d| d < SMALL_BASE),
        }
    }
}

/// The key figures of one report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyFigures {
    /// 新收政府信息公开申请数量 (总计).
    pub new_requests: Option<f64>,
    /// 实质公开率: (予以公开 + 部分公开) / 办结.
    pub disclosure_rate: Rate,
    /// 复议纠错率: 纠正 / (总计 − 尚未审结).
    pub review_correction_rate: Rate,
    /// 诉讼纠错率: the same for both kinds of suit together.
    pub litigation_correction_rate: Rate,
    /// 结转率: 结转下年度 / (新收 + 上年结转).
    pub carryover_rate: Rate,
}

fn add(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? + b?)
}

fn sub(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? - b?)
}

impl KeyFigures {
    /// The figures of what was read of a report.
    pub fn of(r: &ReportView) -> KeyFigures {
        let req = |row| r.value(T::Requests, row, C::Total);
        let app = |row, col| r.value(T::Appeals, row, col);
        let decided = |row| sub(app(row, C::Total), app(row, C::Pending));
        KeyFigures {
            new_requests: req(R::New),
            disclosure_rate: Rate::of(
                add(req(R::Disclosed), req(R::PartiallyDisclosed)),
                req(R::TotalProcessed),
            ),
            review_correction_rate: Rate::of(app(R::Review, C::Corrected), decided(R::Review)),
            litigation_correction_rate: Rate::of(
                add(
                    app(R::LitigationDirect, C::Corrected),
                    app(R::LitigationAfterReview, C::Corrected),
                ),
                add(
                    decided(R::LitigationDirect),
                    decided(R::LitigationAfterReview),
                ),
            ),
            carryover_rate: Rate::of(
                req(R::CarriedForward),
                add(req(R::New), req(R::CarriedOver)),
            ),
        }
    }

    /// The figures as numbers, in the order of [`FIGURES`] (rates 0–1).
    pub fn values(&self) -> [Option<f64>; 5] {
        [
            self.new_requests,
            self.disclosure_rate.value,
            self.review_correction_rate.value,
            self.litigation_correction_rate.value,
            self.carryover_rate.value,
        ]
    }

    /// Which figures rest on few cases, in the order of [`FIGURES`].
    pub fn cautions(&self) -> [bool; 5] {
        [
            false,
            self.disclosure_rate.caution,
            self.review_correction_rate.caution,
            self.litigation_correction_rate.caution,
            self.carryover_rate.caution,
        ]
    }
}

/// The key figures' ids and names (Chinese, English), in the order of
/// [`KeyFigures::values`].
pub const FIGURES: [(&str, &str, &str); 5] = [
    ("new_requests", "新收申请", "new requests"),
    ("disclosure_rate", "实质公开率", "disclosure rate"),
    (
        "review_correction_rate",
        "复议纠错率",
        "review correction rate",
    ),
    (
        "litigation_correction_rate",
        "诉讼纠错率",
        "litigation correction rate",
    ),
    ("carryover_rate", "结转率", "carry-over rate"),
];

/// The median of some values (the mean of the middle two for an even
/// count); `None` for none.
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// The median of each key figure over some reports, and how many reports
/// had a value for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Medians {
    /// The medians, in the order of [`FIGURES`].
    pub values: [Option<f64>; 5],
    /// How many reports each rests on.
    pub counts: [usize; 5],
}

impl Medians {
    /// The medians of these reports' figures.
    pub fn of<'a>(figures: impl IntoIterator<Item = &'a KeyFigures> + Clone) -> Medians {
        let mut m = Medians::default();
        for (i, (value, count)) in m.values.iter_mut().zip(&mut m.counts).enumerate() {
            let vals: Vec<f64> = figures
                .clone()
                .into_iter()
                .filter_map(|f| f.values()[i])
                .collect();
            *count = vals.len();
            *value = median(vals);
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::stored::view;

    fn figures_of_seed(prefix: &str) -> KeyFigures {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
        let name = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|f| f.starts_with(prefix))
            .unwrap();
        let bytes = std::fs::read(format!("{dir}{name}")).unwrap();
        let c = crate::check(&name, &bytes).unwrap();
        let json = serde_json::to_value(crate::Export::of(&name, &c)).unwrap();
        KeyFigures::of(&view(&json).unwrap().report.unwrap())
    }

    #[test]
    fn figures_of_a_real_report() {
        // Seed 000 (博山区政府办 2024), read cell by cell in its truth
        // (tests/fixtures/real/seed-000-boshan-2024.truth.json).
        let truth: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/fixtures/real/seed-000-boshan-2024.truth.json"
            ))
            .unwrap(),
        )
        .unwrap();
        let t = |table: &str, row: &str, col: &str| {
            truth["tables"][table][row][col]
                .as_f64()
                .unwrap_or_else(|| panic!("{table}.{row}.{col} in the truth"))
        };
        let f = figures_of_seed("000");
        assert_eq!(f.new_requests, Some(t("requests", "new", "total")));
        let processed = t("requests", "total_processed", "total");
        let disclosed =
            t("requests", "disclosed", "total") + t("requests", "partially_disclosed", "total");
        assert_eq!(f.disclosure_rate.numerator, Some(disclosed));
        assert_eq!(f.disclosure_rate.denominator, Some(processed));
        assert_eq!(f.disclosure_rate.value, Some(disclosed / processed));
        assert_eq!(f.disclosure_rate.caution, processed < SMALL_BASE);
        let base = t("requests", "new", "total") + t("requests", "carried_over", "total");
        assert_eq!(f.carryover_rate.denominator, Some(base));
        assert_eq!(
            f.carryover_rate.numerator,
            Some(t("requests", "carried_forward", "total"))
        );
        let decided = t("appeals", "review", "total") - t("appeals", "review", "pending");
        assert_eq!(f.review_correction_rate.denominator, Some(decided));
        if decided == 0.0 {
            assert_eq!(f.review_correction_rate.value, None);
            assert!(!f.review_correction_rate.caution);
        }
    }

    #[test]
    fn few_cases_carry_a_caution_and_none_give_no_rate() {
        let r = Rate::of(Some(1.0), Some(3.0));
        assert_eq!(r.value, Some(1.0 / 3.0));
        assert!(r.caution);
        let r = Rate::of(Some(9.0), Some(12.0));
        assert!(!r.caution);
        assert_eq!(Rate::of(Some(0.0), Some(0.0)).value, None);
        assert!(!Rate::of(Some(0.0), Some(0.0)).caution);
        assert_eq!(Rate::of(None, Some(5.0)).value, None);
    }

    #[test]
    fn medians() {
        assert_eq!(median([3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median([4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median([]), None);
        let all: Vec<KeyFigures> = ["000", "001", "002", "003", "004"]
            .iter()
            .map(|s| figures_of_seed(s))
            .collect();
        let m = Medians::of(&all);
        let news: Vec<f64> = all.iter().filter_map(|f| f.new_requests).collect();
        assert_eq!(m.counts[0], news.len());
        assert_eq!(m.values[0], median(news));
    }
}
