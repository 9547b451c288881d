//! Charts drawn as inline SVG, each with its figures as a (visually hidden)
//! table for screen readers and for anyone who prefers numbers.

use super::chart_data::{self, scale, Bar, Stack};
use super::i18n::{percent, texts, Lang};
use super::tables::show_number;
use nianbao_core::decimal::Num;
use nianbao_core::Report;
use yew::prelude::*;

const WIDTH: f64 = 320.0;
const LABEL_W: f64 = 100.0;
const BAR_W: f64 = 180.0;
const ROW_H: f64 = 24.0;
/// Fills that differ in lightness, so that they read in greyscale too.
const FILLS: [&str; 4] = ["#1f5f99", "#7fb3e0", "#c8d9ea", "#4d4d4d"];

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
                    fill={FILLS[0]} stroke="#0b2e4f" stroke-width="0.5" />
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
}

/// Horizontal stacked bars, with a legend whose swatches match the fills.
#[function_component(StackChart)]
pub fn stack_chart(props: &StackChartProps) -> Html {
    let totals: Vec<f64> = props
        .stacks
        .iter()
        .map(|s| {
            s.parts
                .iter()
                .filter_map(|p| p.value)
                .map(|v| v.max(0.0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().fold(1.0_f64, f64::max);
    let legend_h = 22.0;
    let height = legend_h + ROW_H * props.stacks.len() as f64 + 8.0;
    let title_id = format!("{}-title", props.id);
    let legend = props.stacks.first().map(|s| {
        s.parts.iter().enumerate().map(|(i, p)| {
            let x = 2.0 + 80.0 * i as f64;
            html! {
                <g class="legend">
                    <rect x={Num(x).to_string()} y="4" width="11" height="11" fill={FILLS[i % FILLS.len()]} stroke="#333" stroke-width="0.5" />
                    <text x={Num(x + 15.0).to_string()} y="14" class="label">{ &p.label }</text>
                </g>
            }
        }).collect::<Html>()
    });
    let rows = props.stacks.iter().zip(&totals).enumerate().map(|(i, (s, total))| {
        let y = legend_h + 4.0 + ROW_H * i as f64;
        let mut x = LABEL_W;
        let parts = s.parts.iter().enumerate().map(|(j, p)| {
            let w = p.value.map(|v| v.max(0.0) / max * BAR_W).unwrap_or(0.0);
            let r = html! {
                <rect x={format!("{:.1}", Num(x))} y={Num(y + 3.0).to_string()} width={format!("{:.1}", Num(w))} height="15"
                    fill={FILLS[j % FILLS.len()]} stroke="#333" stroke-width="0.5">
                    <title>{ format!("{} {}", p.label, value_text(p.value, props.lang)) }</title>
                </rect>
            };
            x += w;
            r
        }).collect::<Html>();
        html! {
            <g class="stack" data-key={s.key}>
                <text x={Num(LABEL_W - 6.0).to_string()} y={Num(y + 15.0).to_string()} text-anchor="end" class="label">{ &s.label }</text>
                { parts }
                <text x={Num(LABEL_W + total / max * BAR_W + 4.0).to_string()} y={Num(y + 15.0).to_string()} class="value">
                    { show_number(*total) }
                </text>
            </g>
        }
    });
    let table_rows = props
        .stacks
        .iter()
        .flat_map(|s| {
            s.parts.iter().map(move |p| {
                (
                    format!("{} · {}", s.label, p.label),
                    value_text(p.value, props.lang),
                )
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
    let ratios = chart_data::ratios(r);
    html! {
        <section class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">{ t.charts }</h2>
            <div class="chart-grid">
                <BarChart id="chart-applicants" title={t.chart_applicants} bars={chart_data::applicants(r, lang)} {lang} />
                <BarChart id="chart-outcomes" title={t.chart_outcomes} bars={chart_data::outcomes(r, lang)} {lang} />
                <StackChart id="chart-appeals" title={t.chart_appeals} stacks={chart_data::appeals(r, lang)} {lang} />
                <div class="ratios">
                    <h3>{ t.ratios }</h3>
                    <dl>
                        <dt>{ t.ratio_disclosed }</dt>
                        <dd data-ratio="disclosed">{ percent(ratios.disclosed) }</dd>
                        <dt>{ t.ratio_corrected }</dt>
                        <dd data-ratio="corrected">{ percent(ratios.corrected) }</dd>
                    </dl>
                </div>
            </div>
        </section>
    }
}
