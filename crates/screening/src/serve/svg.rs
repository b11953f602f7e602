//! A tiny SVG chart module for the dashboard: horizontal stacked bars and horizontal bars with
//! an interval. No script, no `style` attribute (the page's CSP allows neither): colours are
//! presentation attributes. Each chart is `role="img"` with a `<title>` and `<desc>`; the
//! numbers themselves are in the data table the page puts under every chart.

use std::fmt::Write;

/// Colours for the segments, in order (dark enough for white text, told apart by lightness
/// too, so the legend and the data table are not the only way to read them).
pub const PALETTE: [&str; 6] = [
    "#1b5e20", "#f9a825", "#b71c1c", "#0d47a1", "#6a1b9a", "#4e342e",
];
/// The colour of a suppressed share.
pub const SUPPRESSED: &str = "#9e9e9e";

const WIDTH: f64 = 700.0;
const LABEL: f64 = 250.0;
const ROW: f64 = 26.0;
const BAR: f64 = 18.0;

/// Escapes text for XML (element content and attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One bar of a stacked chart.
pub struct Stack {
    pub label: String,
    /// (value, colour) per segment, left to right; values below 0 count as 0.
    pub segments: Vec<(f64, &'static str)>,
    /// Text after the bar (its total, or why there is none).
    pub note: String,
}

fn open(id: &str, title: &str, desc: &str, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{WIDTH}\" \
         height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" aria-labelledby=\"{id}-t {id}-d\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    )
}

/// Horizontal stacked bars, all on one scale (the largest bar fills the width).
pub fn stacked(id: &str, title: &str, desc: &str, bars: &[Stack]) -> String {
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let mut out = open(id, title, desc, height);
    let max = bars
        .iter()
        .map(|b| b.segments.iter().map(|(v, _)| v.max(0.0)).sum::<f64>())
        .fold(0.0, f64::max);
    let span = WIDTH - LABEL - 90.0;
    for (i, bar) in bars.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\" fill=\"#212121\">{}</text>",
            LABEL - 6.0,
            y + BAR - 5.0,
            esc(&bar.label)
        );
        let mut x = LABEL;
        for (value, colour) in &bar.segments {
            let w = if max > 0.0 {
                value.max(0.0) / max * span
            } else {
                0.0
            };
            if w > 0.0 {
                let _ = write!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR}\" fill=\"{colour}\"/>"
                );
            }
            x += w;
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#212121\">{}</text>",
            x + 6.0,
            y + BAR - 5.0,
            esc(&bar.note)
        );
    }
    out.push_str("</svg>");
    out
}

/// One bar with an optional interval (a whisker from low to high).
pub struct Interval {
    pub label: String,
    /// `None`: suppressed (a grey placeholder is drawn).
    pub value: Option<f64>,
    pub interval: Option<(f64, f64)>,
    pub note: String,
}

/// Horizontal bars from 0 to `max` (or the largest value or interval end).
pub fn intervals(id: &str, title: &str, desc: &str, bars: &[Interval]) -> String {
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let mut out = open(id, title, desc, height);
    let max = bars
        .iter()
        .flat_map(|b| [b.value.unwrap_or(0.0), b.interval.map_or(0.0, |(_, h)| h)])
        .fold(0.0, f64::max);
    let span = WIDTH - LABEL - 110.0;
    let at = |v: f64| {
        LABEL
            + if max > 0.0 {
                v.clamp(0.0, max) / max * span
            } else {
                0.0
            }
    };
    for (i, bar) in bars.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\" fill=\"#212121\">{}</text>",
            LABEL - 6.0,
            y + BAR - 5.0,
            esc(&bar.label)
        );
        let end = match bar.value {
            Some(v) => {
                let w = at(v) - LABEL;
                let _ = write!(
                    out,
                    "<rect x=\"{LABEL:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR}\" fill=\"{}\"/>",
                    PALETTE[3]
                );
                at(v)
            }
            None => {
                let _ = write!(
                    out,
                    "<rect x=\"{LABEL:.1}\" y=\"{y:.1}\" width=\"12\" height=\"{BAR}\" fill=\"{SUPPRESSED}\"/>"
                );
                LABEL + 12.0
            }
        };
        let mut end = end;
        if let Some((lo, hi)) = bar.interval {
            let mid = y + BAR / 2.0;
            let (x1, x2) = (at(lo), at(hi));
            let _ = write!(
                out,
                "<path d=\"M{x1:.1} {:.1}V{:.1}M{x1:.1} {mid:.1}H{x2:.1}M{x2:.1} {:.1}V{:.1}\" \
                 stroke=\"#212121\" stroke-width=\"1.5\" fill=\"none\"/>",
                mid - 5.0,
                mid + 5.0,
                mid - 5.0,
                mid + 5.0
            );
            end = end.max(x2);
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#212121\">{}</text>",
            end + 6.0,
            y + BAR - 5.0,
            esc(&bar.note)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .map(|r| {
                let w = r.split("width=\"").nth(1).unwrap();
                w[..w.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn stacked_bars_share_one_scale_and_escape_their_text() {
        let svg = stacked(
            "c1",
            "Bands <harm>",
            "two \"bars\"",
            &[
                Stack {
                    label: "2026-11 & co".into(),
                    segments: vec![(30.0, PALETTE[0]), (10.0, PALETTE[1])],
                    note: "40".into(),
                },
                Stack {
                    label: "2026-12".into(),
                    segments: vec![(20.0, PALETTE[0]), (-3.0, PALETTE[1])],
                    note: "20".into(),
                },
            ],
        );
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
        assert!(svg.contains("<title id=\"c1-t\">Bands &lt;harm&gt;</title>"));
        assert!(svg.contains("<desc id=\"c1-d\">two &quot;bars&quot;</desc>"));
        assert!(svg.contains("2026-11 &amp; co"));
        assert!(!svg.contains("style"), "no style attribute under the CSP");
        let w = widths(&svg);
        // 30 + 10 fill the span; 20 is half of it; the negative segment is not drawn.
        assert_eq!(w.len(), 3);
        assert!((w[0] + w[1] - 360.0).abs() < 0.2, "{w:?}");
        assert!((w[2] - 180.0).abs() < 0.2, "{w:?}");
        assert!((w[0] / w[1] - 3.0).abs() < 0.01);
    }

    #[test]
    fn intervals_draw_a_whisker_and_a_placeholder_for_suppressed() {
        let svg = intervals(
            "c2",
            "t",
            "d",
            &[
                Interval {
                    label: "yes".into(),
                    value: Some(50.0),
                    interval: Some((40.0, 100.0)),
                    note: "50 (40–100)".into(),
                },
                Interval {
                    label: "no".into(),
                    value: None,
                    interval: None,
                    note: "suppressed".into(),
                },
            ],
        );
        let w = widths(&svg);
        // The interval's end (100) fills the span (340), so 50 is half.
        assert!((w[0] - 170.0).abs() < 0.2, "{w:?}");
        assert_eq!(w[1], 12.0);
        assert!(svg.contains("<path d=\"M386.0 "), "{svg}");
        assert!(svg.contains(">suppressed</text>"));
    }
}
