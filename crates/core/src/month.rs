//! Months as reports carry them (`YYYY-MM`, UTC), counted from year 0 so that neighbours differ
//! by one: the collector checks a report's month against its clock with them, and the load
//! generator dates its reports. The clock itself is the caller's (no clock in the core, which
//! also runs in the browser).

/// Months from year 0 to the month of a `YYYY-MM` string.
pub fn number(month: &str) -> Option<i64> {
    let (y, m) = month.split_once('-')?;
    let m = m.parse::<i64>().ok().filter(|m| (1..=12).contains(m))?;
    Some(y.parse::<i64>().ok()? * 12 + m - 1)
}

/// The `YYYY-MM` of a month number.
pub fn format(number: i64) -> String {
    format!(
        "{:04}-{:02}",
        number.div_euclid(12),
        number.rem_euclid(12) + 1
    )
}

/// The month number (UTC) of a moment given in seconds since 1970-01-01.
pub fn of_unix_seconds(seconds: u64) -> i64 {
    let (year, month, _) = date_of_unix_seconds(seconds);
    year * 12 + month - 1
}

/// Year, month (1-12) and day (1-31), UTC, of a moment given in seconds since 1970-01-01.
pub fn date_of_unix_seconds(seconds: u64) -> (i64, i64, i64) {
    civil_from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// Year, month (1-12) and day of a day counted from 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_counted_from_the_calendar() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(31), (1970, 2, 1));
        assert_eq!(civil_from_days(20_513), (2026, 3, 1)); // 2026-03-01 is day 20,513
        assert_eq!(civil_from_days(20_512), (2026, 2, 28));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(number("2026-11"), Some(2026 * 12 + 10));
        assert_eq!(number("2026-13"), None);
        assert_eq!(format(2026 * 12 + 10), "2026-11");
        assert_eq!(format(number("2026-01").unwrap() - 1), "2025-12");
        assert_eq!(of_unix_seconds(20_513 * 86_400 + 5), 2026 * 12 + 2);
    }
}
