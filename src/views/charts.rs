//! Charts drawn at build time as inline SVG: no chart script, crisp at any size, printable. Each
//! chart comes with its data as a table, the text equivalent for screen readers and for anyone
//! who wants the numbers.

use crate::escape::html as esc;
use std::fmt::Write;

/// One part of a bar: a value, the CSS class that colours it, and its name.
pub struct Segment {
    pub value: usize,
    pub class: &'static str,
    pub label: String,
}

pub struct Bar {
    pub label: String,
    pub segments: Vec<Segment>,
}

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 200.0;
const VALUE_W: f64 = 56.0;
const ROW_H: f64 = 30.0;
const BAR_H: f64 = 18.0;

/// A horizontal bar chart, stacked when bars have several segments. `id` must be unique on the
/// page; `title` names the chart; `unit` follows each total (e.g. `个园区`).
pub fn bar_chart(id: &str, title: &str, bars: &[Bar], unit: &str) -> String {
    let max = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.value).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW_H * bars.len() as f64 + 8.0;
    let scale = (WIDTH - LABEL_W - VALUE_W - 8.0) / max as f64;
    let mut svg = String::new();
    let desc: Vec<String> = bars
        .iter()
        .map(|b| {
            let parts: Vec<String> = b
                .segments
                .iter()
                .filter(|s| s.value > 0)
                .map(|s| format!("{} {}", s.label, s.value))
                .collect();
            let total: usize = b.segments.iter().map(|s| s.value).sum();
            if b.segments.len() > 1 {
                format!("{}：{total}{unit}（{}）", b.label, parts.join("，"))
            } else {
                format!("{}：{total}{unit}", b.label)
            }
        })
        .collect();
    let _ = write!(
        svg,
        r#"<svg class="chart" id="{id}" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" preserveAspectRatio="xMinYMin meet"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(&desc.join("；"))
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i as f64 * ROW_H + 4.0;
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>"#,
            LABEL_W - 8.0,
            Tenths(y + BAR_H / 2.0),
            esc(&truncate(&bar.label, 14))
        );
        let _ = write!(
            svg,
            r#"<rect class="chart-track" x="{LABEL_W}" y="{}" width="{}" height="{BAR_H}" rx="2"/>"#,
            Tenths(y),
            Tenths(max as f64 * scale)
        );
        let mut x = LABEL_W;
        for seg in bar.segments.iter().filter(|s| s.value > 0) {
            let w = seg.value as f64 * scale;
            let _ = write!(
                svg,
                r#"<rect class="{}" x="{}" y="{}" width="{}" height="{BAR_H}"><title>{}：{}</title></rect>"#,
                seg.class,
                Tenths(x),
                Tenths(y),
                Tenths(w),
                esc(&seg.label),
                seg.value
            );
            x += w;
        }
        let total: usize = bar.segments.iter().map(|s| s.value).sum();
        let _ = write!(
            svg,
            r#"<text class="chart-value" x="{}" y="{}" dominant-baseline="middle">{total}</text>"#,
            Tenths(x + 6.0),
            Tenths(y + BAR_H / 2.0)
        );
    }
    svg.push_str("</svg>");

    // The same numbers as a table.
    let mut table = String::from(
        r#"<details class="chart-data"><summary>数据表</summary><table><thead><tr><th scope="col">项目</th>"#,
    );
    let columns: Vec<&str> = bars
        .first()
        .map(|b| b.segments.iter().map(|s| s.label.as_str()).collect())
        .unwrap_or_default();
    for c in &columns {
        let _ = write!(table, r#"<th scope="col">{}</th>"#, esc(c));
    }
    if columns.len() > 1 {
        table.push_str(r#"<th scope="col">合计</th>"#);
    }
    table.push_str("</tr></thead><tbody>");
    for bar in bars {
        let _ = write!(table, r#"<tr><th scope="row">{}</th>"#, esc(&bar.label));
        for s in &bar.segments {
            let _ = write!(table, "<td>{}</td>", s.value);
        }
        if columns.len() > 1 {
            let _ = write!(
                table,
                "<td>{}</td>",
                bar.segments.iter().map(|s| s.value).sum::<usize>()
            );
        }
        table.push_str("</tr>");
    }
    table.push_str("</tbody></table></details>");
    format!(
        r#"<figure class="chart-figure">{svg}<figcaption>{}</figcaption>{table}</figure>"#,
        esc(title)
    )
}

/// A coordinate to one decimal, as `{:.1}` writes it but for halves, which round away from zero.
/// Formatting floats with a precision is slow (an exact decimal expansion), and a chart writes
/// thousands of them per build.
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let t = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", t / 10, t % 10)
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_labels_and_describe_their_data() {
        let bars = vec![Bar {
            label: "<script>".into(),
            segments: vec![
                Segment {
                    value: 3,
                    class: "seg-met",
                    label: "符合".into(),
                },
                Segment {
                    value: 1,
                    class: "seg-unmet",
                    label: "不符合".into(),
                },
            ],
        }];
        let html = bar_chart("c1", "标题", &bars, "个");
        assert!(!html.contains("<script>"));
        assert!(
            html.contains("&lt;script&gt;：4个（符合 3，不符合 1）"),
            "{html}"
        );
        assert!(html.contains(r#"role="img" aria-labelledby="c1-title c1-desc""#));
        assert!(html.contains("<td>3</td><td>1</td><td>4</td>"));
    }

    #[test]
    fn coordinates_have_one_decimal() {
        for (x, text) in [
            (13.0, "13.0"),
            (376.0, "376.0"),
            (125.33333, "125.3"),
            (0.96, "1.0"),
            (-2.25, "-2.3"),
            (-0.04, "0.0"),
        ] {
            assert_eq!(Tenths(x).to_string(), text);
        }
    }

    #[test]
    fn an_empty_chart_is_still_valid() {
        let html = bar_chart("c2", "空", &[], "个");
        assert!(html.starts_with("<figure") && html.contains("</svg>"));
    }
}
