//! [`Payload::to_json`]: the report as the JSON the collector reads, written by hand.
//!
//! Why not `serde_json::to_string`: its writer and its float formatting cost the widget's wasm
//! about 3 KB of brotli, for one small object. The collector still reads reports with serde, so
//! the tests check that what is written here reads back as the same payload.

use crate::payload::Payload;
use crate::{Answer, SmallMap};

impl Payload {
    /// The report as compact JSON, fields in the order of [`Payload`]. `None` only if epsilon is
    /// not a decimal of at most 15 digits after the point, which a validated setting always is
    /// (`settings::parse_decimal`): the report is then not sent rather than sent wrong.
    pub fn to_json(&self) -> Option<String> {
        let mut out = String::with_capacity(512);
        out.push_str("{\"v\":");
        out.push_str(&self.v.to_string());
        key(&mut out, "id");
        string(&mut out, &self.id);
        key(&mut out, "questionnaire");
        string(&mut out, &self.questionnaire);
        key(&mut out, "questionnaire_version");
        out.push_str(&self.questionnaire_version.to_string());
        key(&mut out, "locale");
        string(&mut out, self.locale.tag());
        if let Some(partner) = &self.partner {
            key(&mut out, "partner");
            string(&mut out, partner);
        }
        key(&mut out, "month");
        string(&mut out, &self.month);
        key(&mut out, "bands");
        object(&mut out, &self.bands, |out, band| string(out, band));
        key(&mut out, "answers");
        object(&mut out, &self.answers, |out, answer| match answer {
            Answer::One(id) => string(out, id),
            Answer::Many(ids) => {
                out.push('[');
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(out, id);
                }
                out.push(']');
            }
        });
        key(&mut out, "privacy");
        out.push_str("{\"mechanism\":");
        string(&mut out, self.privacy.mechanism.name());
        if let Some(epsilon) = self.privacy.epsilon {
            out.push_str(",\"epsilon\":");
            decimal(&mut out, epsilon)?;
        }
        out.push_str("}}");
        Some(out)
    }
}

/// `,"name":`
fn key(out: &mut String, name: &str) {
    out.push(',');
    string(out, name);
    out.push(':');
}

fn object<V>(out: &mut String, map: &SmallMap<String, V>, mut value: impl FnMut(&mut String, &V)) {
    out.push('{');
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, k);
        out.push(':');
        value(out, v);
    }
    out.push('}');
}

/// A JSON string: quotes, backslashes and control characters escaped (RFC 8259, section 7).
fn string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `x` as the shortest decimal with at most 15 digits after the point that reads back as
/// exactly `x`; `None` when there is none (or `x` is negative, huge or not finite).
fn decimal(out: &mut String, x: f64) -> Option<()> {
    if !(x.is_finite() && (0.0..1e15).contains(&x)) {
        return None;
    }
    let mut scale = 1.0f64;
    for places in 0..=15usize {
        let m = (x * scale).round();
        // Both are exact in an f64 (m < 2^53, scale = 10^places), so the division rounds once.
        if m / scale == x && m < 9.0e15 {
            let digits = (m as u64).to_string();
            if places == 0 {
                out.push_str(&digits);
            } else {
                let padded = format!("{digits:0>width$}", width = places + 1);
                let (whole, fraction) = padded.split_at(padded.len() - places);
                out.push_str(whole);
                out.push('.');
                out.push_str(fraction);
            }
            return Some(());
        }
        scale *= 10.0;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::parse_decimal;

    fn written(x: f64) -> Option<String> {
        let mut out = String::new();
        decimal(&mut out, x).map(|()| out)
    }

    #[test]
    fn decimals_are_written_short_and_exact() {
        assert_eq!(written(1.0).as_deref(), Some("1"));
        assert_eq!(written(0.1).as_deref(), Some("0.1"));
        assert_eq!(written(2.25).as_deref(), Some("2.25"));
        assert_eq!(written(0.05).as_deref(), Some("0.05"));
        assert_eq!(written(5.0).as_deref(), Some("5"));
        assert_eq!(written(f64::NAN), None);
        assert_eq!(written(-1.0), None);
        assert_eq!(written(1.0 / 3.0), None);
    }

    #[test]
    fn strings_escape_what_json_requires() {
        let mut out = String::new();
        string(&mut out, "a\"b\\c\nd\u{1}é");
        assert_eq!(out, r#""a\"b\\c\nd\u0001é""#);
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a\"b\\c\nd\u{1}é");
    }

    proptest::proptest! {
        /// Every epsilon a setting can give (a decimal read by `parse_decimal`) is written so
        /// that it reads back as the same number.
        #[test]
        fn any_setting_epsilon_reads_back_exactly(whole in 0u64..6, fraction in "[0-9]{0,14}") {
            let text = if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") };
            let x = parse_decimal(&text).unwrap();
            let w = written(x).unwrap();
            proptest::prop_assert_eq!(w.parse::<f64>().unwrap(), x);
        }

        /// Any string reads back as itself.
        #[test]
        fn any_string_reads_back(s in "\\PC*|[\\x00-\\x1f\"\\\\]*") {
            let mut out = String::new();
            string(&mut out, &s);
            proptest::prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
        }
    }
}
