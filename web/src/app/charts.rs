//! Charts drawn as inline SVG, each with its figures as a (visually hidden)
//! table for screen readers and for anyone who prefers numbers.

use super::chart_data::{self, fit, legend_places, scale, Bar, Stack};
use super::i18n::{percent, texts, Lang};
use super::state::Entry;
use super::tables::show_number;
use nianbao_core::decimal::Num;
use nianbao_core::Report;
use yew::prelude::*;

const WIDTH: f64 = 320.0;
const LABEL_W: f64 = 100.0;
const BAR_W: f64 = 180.0;
const ROW_H: f64 = 24.0;
/// Fills from dark to light, each step lighter by about as much, so that
/// they read in greyscale too.
const FILLS: [&str; 6] = [
    "#0b2e4f", "#1f5f99", "#4f8fcc", "#7fb3e0", "#c8d9ea", "#f4f7fa",
];

/// The fill of part `j` of `n`, spread over the fills so that few parts
/// differ by much.
fn fill(j: usize, n: usize) -> &'static str {
    FILLS[((j * 2 * FILLS.len() + n) / (2 * n.max(1))).min(FILLS.len() - 1)]
}

fn value_text(v: Option<f64>, lang: Lang) -> String {
    v.map(show_number)
        .unwrap_or_else(|| texts(lang).no_data.to_string())
}

/// The figures of a chart as a table.
fn data_table(caption: &str, rows: Vec<(String, String)>, lang: Lang) -> Html {
    let t = texts(lang);
    html! {
        <div class="sr-only"><table>
            <caption>{ caption }</caption>
            <thead><tr><th scope="col">{ t.category }</th><th scope="col">{ t.value }</th></tr></thead>
            <tbody>{ for rows.into_iter().map(|(l, v)| html! {
                <tr><th scope="row">{ l }</th><td>{ v }</td></tr>
            }) }</tbody>
        </table></div>
    }
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub bars: Vec<Bar>,
    pub lang: Lang,
}

#[function_component(BarChart)]
pub fn bar_chart(props: &BarChartProps) -> Html {
    let max = scale(&props.bars);
    let height = ROW_H * props.bars.len() as f64 + 8.0;
    let title_id = format!("{}-title", props.id);
    let rows = props.bars.iter().enumerate().map(|(i, b)| {
        let y = 4.0 + ROW_H * i as f64;
        let w = b.value.map(|v| (v.max(0.0) / max) * BAR_W).unwrap_or(0.0);
        html! {
            <g class="bar" data-key={b.key}>
                <text x={Num(LABEL_W - 6.0).to_string()} y={Num(y + 15.0).to_string()} text-anchor="end" class="label">{ &b.label }</text>
                <rect x={Num(LABEL_W).to_string()} y={Num(y + 3.0).to_string()} width={format!("{:.1}", Num(w))} height="15"
                    fill={FILLS[1]} stroke="#0b2e4f" stroke-width="0.5" />
                <text x={Num(LABEL_W + w + 4.0).to_string()} y={Num(y + 15.0).to_string()} class="value">
                    { value_text(b.value, props.lang) }
                </text>
            </g>
        }
    });
    html! {
        <figure class="chart" id={props.id.clone()}>
            <figcaption id={title_id.clone()}>{ &props.title }</figcaption>
            <svg viewBox={format!("0 0 {} {}", Num(WIDTH), Num(height))} role="img" aria-labelledby={title_id}
                preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
                <line x1={Num(LABEL_W).to_string()} x2={Num(LABEL_W).to_string()} y1="0" y2={Num(height).to_string()} stroke="#666" stroke-width="1" />
                { for rows }
            </svg>
            { data_table(&props.title, props.bars.iter().map(|b| (b.label.clone(), value_text(b.value, props.lang))).collect(), props.lang) }
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct StackChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub stacks: Vec<Stack>,
    pub lang: Lang,
    /// Each label on a line of its own above its bar (long labels: file names).
    #[prop_or_default]
    pub above: bool,
    /// Shares, drawn on a scale of 0 to 100 %.
    #[prop_or_default]
    pub percent: bool,
}

/// Horizontal stacked bars, with a legend whose swatches match the fills
/// (none for bars of one part).
#[function_component(StackChart)]
pub fn stack_chart(props: &StackChartProps) -> Html {
    let lang = props.lang;
    let show = |v: Option<f64>| match v {
        Some(_) if props.percent => percent(v),
        _ => value_text(v, lang),
    };
    let totals: Vec<Option<f64>> = props
        .stacks
        .iter()
        .map(|s| {
            s.parts
                .iter()
                .filter_map(|p| p.value)
                .map(|v| v.max(0.0))
                .reduce(|a, b| a + b)
        })
        .collect();
    let max = if props.percent {
        1.0
    } else {
        totals.iter().flatten().copied().fold(1.0_f64, f64::max)
    };
    // Where the bars start, how long the longest is, the height of a row.
    let (x0, bar_w, row_h) = if props.above {
        (2.0, WIDTH - 84.0, 38.0)
    } else {
        (LABEL_W, BAR_W, ROW_H)
    };
    let labels: Vec<&str> = props
        .stacks
        .first()
        .map(|s| s.parts.iter().map(|p| p.label.as_str()).collect())
        .unwrap_or_default();
    let places = if labels.len() > 1 {
        legend_places(&labels, WIDTH)
    } else {
        Vec::new()
    };
    let legend_h = places.last().map_or(0.0, |p| 16.0 * (p.1 + 1) as f64 + 6.0);
    let height = legend_h + row_h * props.stacks.len() as f64 + 8.0;
    let title_id = format!("{}-title", props.id);
    let legend = labels.iter().zip(&places).enumerate().map(|(i, (l, (x, line)))| {
        let y = 4.0 + 16.0 * *line as f64;
        html! {
            <g class="legend">
                <rect x={Num(*x).to_string()} y={Num(y).to_string()} width="11" height="11" fill={fill(i, labels.len())} stroke="#333" stroke-width="0.5" />
                <text x={Num(x + 15.0).to_string()} y={Num(y + 10.0).to_string()} class="label">{ *l }</text>
            </g>
        }
    });
    let rows = props.stacks.iter().zip(&totals).enumerate().map(|(i, (s, total))| {
        let y = legend_h + 4.0 + row_h * i as f64;
        // The label above the bar, or right-aligned before it.
        let (lx, ly, anchor, label, by) = if props.above {
            (2.0, y + 11.0, "start", fit(&s.label, WIDTH - 4.0), y + 17.0)
        } else {
            (LABEL_W - 6.0, y + 15.0, "end", s.label.clone(), y + 3.0)
        };
        let mut x = x0;
        let parts = s.parts.iter().enumerate().map(|(j, p)| {
            let w = p.value.map(|v| v.max(0.0) / max * bar_w).unwrap_or(0.0);
            let r = html! {
                <rect x={format!("{:.1}", Num(x))} y={Num(by).to_string()} width={format!("{:.1}", Num(w))} height="15"
                    fill={fill(j, s.parts.len())} stroke="#333" stroke-width="0.5">
                    <title>{ format!("{} {}", p.label, show(p.value)) }</title>
                </rect>
            };
            x += w;
            r
        }).collect::<Html>();
        let end = total.unwrap_or(0.0) / max * bar_w;
        html! {
            <g class="stack" data-key={s.key.clone()}>
                <title>{ &s.label }</title>
                <text x={Num(lx).to_string()} y={Num(ly).to_string()} text-anchor={anchor} class="label">{ label }</text>
                if props.percent {
                    <rect class="track" x={Num(x0).to_string()} y={Num(by).to_string()} width={Num(bar_w).to_string()} height="15"
                        fill="#f1f3f5" stroke="#8f98a3" stroke-width="0.5" />
                }
                { parts }
                <text x={format!("{:.1}", Num(x0 + end + 4.0))} y={Num(by + 12.0).to_string()} class="value">
                    { s.note.clone().unwrap_or_else(|| show(*total)) }
                </text>
            </g>
        }
    });
    let table_rows = props
        .stacks
        .iter()
        .flat_map(|s| {
            let one = s.parts.len() == 1;
            s.parts.iter().map(move |p| {
                let label = if one {
                    s.label.clone()
                } else {
                    format!("{} · {}", s.label, p.label)
                };
                (label, show(p.value))
            })
        })
        .collect();
    html! {
        <figure class="chart" id={props.id.clone()}>
            <figcaption id={title_id.clone()}>{ &props.title }</figcaption>
            <svg viewBox={format!("0 0 {} {}", Num(WIDTH), Num(height))} role="img" aria-labelledby={title_id}
                preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
                { for legend }
                { for rows }
            </svg>
            { data_table(&props.title, table_rows, props.lang) }
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub lang: Lang,
    pub report: Report,
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let lang = props.lang;
    let t = texts(lang);
    let r = &props.report;
    html! {
        <section class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">{ t.charts }</h2>
            <div class="chart-grid">
                <BarChart id="chart-applicants" title={t.chart_applicants} bars={chart_data::applicants(r, lang)} {lang} />
                <BarChart id="chart-outcomes" title={t.chart_outcomes} bars={chart_data::outcomes(r, lang)} {lang} />
                <StackChart id="chart-appeals" title={t.chart_appeals} stacks={chart_data::appeals(r, lang)} {lang} />
                <StackChart id="chart-ratios" title={t.ratios} stacks={chart_data::ratio_bars(r, lang)} {lang} above=true percent=true />
            </div>
        </section>
    }
}

/// The most files the batch charts compare.
pub const BATCH_CHART_FILES: usize = 100;

/// The files of a batch side by side (`entries` in display order): one bar
/// per file read in each chart (up to [`BATCH_CHART_FILES`] of them).
pub fn batch_charts(lang: Lang, e: &[Entry]) -> Html {
    let t = texts(lang);
    let findings = chart_data::findings_per_file(e, lang);
    if findings.is_empty() {
        return Html::default();
    }
    if findings.len() > BATCH_CHART_FILES {
        // Hundreds of bars tell nothing and cost the page seconds to draw.
        return html! {
            <section class="charts batch-charts" aria-labelledby="batch-charts-title">
                <h3 id="batch-charts-title">{ t.batch_charts }</h3>
                <p class="note">{ t.batch_charts_limit }</p>
            </section>
        };
    }
    html! {
        <section class="charts batch-charts" aria-labelledby="batch-charts-title">
            <h3 id="batch-charts-title">{ t.batch_charts }</h3>
            <div class="chart-grid">
                <StackChart id="chart-batch-findings" title={t.chart_batch_findings} stacks={findings} {lang} above=true />
                <StackChart id="chart-batch-outcomes" title={t.chart_batch_outcomes} stacks={chart_data::outcomes_per_file(e, lang)} {lang} above=true />
                <StackChart id="chart-batch-disclosed" title={t.chart_batch_disclosed} stacks={chart_data::disclosed_per_file(e, lang)} {lang} above=true percent=true />
            </div>
        </section>
    }
}
