//! Phone numbers inside advice and steps: a person in danger must be able to tap a number,
//! not copy it out of a sentence. The result splits its texts with [`segments`] and renders
//! each number as a `tel:` link.
//!
//! Recognised, so that ordinary figures ("12 hours", "2012") never turn into links:
//! - an international number: `+`, then digits with single spaces or hyphens between them,
//!   7 to 15 digits in all, not starting with 0;
//! - a short emergency or service number: a word of exactly three digits starting with `10`
//!   or `11` (101-104, 111, 112 in Tajikistan, Russia and Kazakhstan).

/// A piece of a text: plain words, or a phone number to link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Phone(&'a str),
}

impl Segment<'_> {
    /// The `tel:` link of a number (see [`tel_href`]).
    pub fn href(number: &str) -> String {
        tel_href(number)
    }
}

/// The `tel:` link of a number: its digits, with the `+` kept. Contact channels and numbers
/// found in text are linked by this one rule.
pub fn tel_href(number: &str) -> String {
    let digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// Splits a text into plain parts and phone numbers, in order; joined again, the parts give
/// back the text.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || !is_word_byte(bytes[i - 1]);
        let found = if at_word_start {
            international_at(bytes, i).or_else(|| short_at(bytes, i))
        } else {
            None
        };
        match found {
            Some(end) => {
                if plain_from < i {
                    out.push(Segment::Text(&text[plain_from..i]));
                }
                out.push(Segment::Phone(&text[i..end]));
                i = end;
                plain_from = end;
            }
            None => i += 1,
        }
    }
    if plain_from < text.len() {
        out.push(Segment::Text(&text[plain_from..]));
    }
    out
}

/// Whether the text holds a number that [`segments`] would link.
pub fn has_phone(text: &str) -> bool {
    segments(text)
        .iter()
        .any(|s| matches!(s, Segment::Phone(_)))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 || b == b'+'
}

/// The end of an international number starting at `i`, if one does.
fn international_at(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'+') || !b.get(i + 1).is_some_and(|c| (b'1'..=b'9').contains(c)) {
        return None;
    }
    let mut digits = 0;
    let mut end = i + 1;
    let mut j = i + 1;
    while j < b.len() {
        if b[j].is_ascii_digit() {
            digits += 1;
            j += 1;
            end = j;
        } else if (b[j] == b' ' || b[j] == b'-') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
        } else {
            break;
        }
    }
    let bounded = b.get(end).is_none_or(|c| !is_word_byte(*c));
    ((7..=15).contains(&digits) && bounded).then_some(end)
}

/// The end of a three-digit short number (10x, 11x) starting at `i`, if one does.
fn short_at(b: &[u8], i: usize) -> Option<usize> {
    let word = b.get(i..i + 3)?;
    let bounded = match b.get(i + 3) {
        None => true,
        // "112." at the end of a sentence is a number; "112.5" is not.
        Some(b'.') => !b.get(i + 4).is_some_and(u8::is_ascii_digit),
        Some(c) => !is_word_byte(*c),
    };
    let ok = word[0] == b'1'
        && (word[1] == b'0' || word[1] == b'1')
        && word[2].is_ascii_digit()
        && bounded;
    ok.then_some(i + 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn phones(text: &str) -> Vec<&str> {
        segments(text)
            .into_iter()
            .filter_map(|s| match s {
                Segment::Phone(p) => Some(p),
                Segment::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn finds_emergency_and_international_numbers() {
        assert_eq!(
            phones("In an emergency, call 112 (or 103 for an ambulance)."),
            ["112", "103"]
        );
        assert_eq!(phones("Call 112."), ["112"]);
        assert_eq!(
            phones("IOM: +992 918 85 34 34, or +7-495-967-98-44"),
            ["+992 918 85 34 34", "+7-495-967-98-44"]
        );
        assert_eq!(phones("Звоните 112 — в России и Казахстане"), ["112"]);
    }

    #[test]
    fn ordinary_figures_are_not_numbers() {
        for text in [
            "12 hours a day",
            "published in 2012",
            "at least 1 strong sign",
            "room 1120",
            "x112",
            "112.5 roubles",
            "ТБ112",
            "+0 123 456 789",
            "+12 34",
            "a 10-day course",
            "200 or 150",
        ] {
            assert!(phones(text).is_empty(), "{text:?} -> {:?}", phones(text));
        }
    }

    #[test]
    fn href_keeps_the_plus_and_digits() {
        assert_eq!(Segment::href("+992 918 85 34 34"), "tel:+992918853434");
        assert_eq!(Segment::href("112"), "tel:112");
    }

    proptest! {
        #[test]
        fn segments_join_back_to_the_text(text in "[ a-z0-9+.,()ҳқ-]{0,60}") {
            let joined: String = segments(&text)
                .iter()
                .map(|s| match s { Segment::Text(t) | Segment::Phone(t) => *t })
                .collect();
            prop_assert_eq!(joined, text);
        }
    }
}
