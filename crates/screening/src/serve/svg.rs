//! A tiny SVG chart module for the dashboard: horizontal bars with an interval, full size or as
//! small multiples. No script, no `style` attribute (the page's CSP allows neither): colours are
//! presentation attributes. Each chart is `role="img"` with a `<title>` and `<desc>`; the
//! numbers themselves are in the data table the page puts under every chart.

use std::fmt::Write;

/// The colour of a bar (dark blue: 8.6:1 against the white background).
const BAR_COLOUR: &str = "#0d47a1";
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

/// The width of one small multiple: one fits a 390 px phone at full size.
const MINI_WIDTH: f64 = 340.0;
const MINI_LABEL: f64 = 150.0;
/// Characters of a bar's label a small multiple shows (the table under it has the whole text).
/// Its notes should be short too: the space after the bars is 70 px.
const MINI_LABEL_CHARS: usize = 18;

fn open_sized(id: &str, title: &str, desc: &str, width: f64, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-labelledby=\"{id}-t {id}-d\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    )
}

/// One bar: a value (a count or an estimate), its interval if it has one, and a note after it.
pub struct Interval {
    pub label: String,
    /// `None`: suppressed (a grey placeholder is drawn).
    pub value: Option<f64>,
    pub interval: Option<(f64, f64)>,
    pub note: String,
}

/// Horizontal bars from 0 to `max` (or the largest value or interval end).
pub fn intervals(id: &str, title: &str, desc: &str, bars: &[Interval]) -> String {
    intervals_sized(id, title, desc, bars, WIDTH, LABEL, 110.0)
}

/// The same as one small multiple (one group's values, side by side with the other groups'):
/// 340 px wide, labels cut to 20 characters, so it reads at full size on a 390 px phone.
pub fn mini(id: &str, title: &str, desc: &str, bars: &[Interval]) -> String {
    let short: Vec<Interval> = bars
        .iter()
        .map(|b| Interval {
            label: match b.label.char_indices().nth(MINI_LABEL_CHARS) {
                Some((cut, _)) => format!("{}…", b.label[..cut].trim_end()),
                None => b.label.clone(),
            },
            value: b.value,
            interval: b.interval,
            note: b.note.clone(),
        })
        .collect();
    intervals_sized(id, title, desc, &short, MINI_WIDTH, MINI_LABEL, 70.0)
}

fn intervals_sized(
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Interval],
    width: f64,
    label_width: f64,
    note_width: f64,
) -> String {
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let mut out = open_sized(id, title, desc, width, height);
    let max = bars
        .iter()
        .flat_map(|b| [b.value.unwrap_or(0.0), b.interval.map_or(0.0, |(_, h)| h)])
        .fold(0.0, f64::max);
    let span = width - label_width - note_width;
    let at = |v: f64| {
        label_width
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
            label_width - 6.0,
            y + BAR - 5.0,
            esc(&bar.label)
        );
        let end = match bar.value {
            Some(v) => {
                let w = at(v) - label_width;
                let _ = write!(
                    out,
                    "<rect x=\"{label_width:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR}\" fill=\"{}\"/>",
                    BAR_COLOUR
                );
                at(v)
            }
            None => {
                let _ = write!(
                    out,
                    "<rect x=\"{label_width:.1}\" y=\"{y:.1}\" width=\"12\" height=\"{BAR}\" fill=\"{SUPPRESSED}\"/>"
                );
                label_width + 12.0
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

    #[test]
    fn small_multiples_are_narrow_and_cut_long_labels() {
        let svg = mini(
            "m1",
            "t",
            "d",
            &[Interval {
                label: "From a private employment agency, at its office".into(),
                value: Some(3.0),
                interval: None,
                note: "3".into(),
            }],
        );
        assert!(svg.contains("width=\"340\""), "{svg}");
        assert!(svg.contains(">From a private emp…</text>"), "{svg}");
    }
}
