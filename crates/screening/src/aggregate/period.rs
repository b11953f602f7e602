//! The periods and partner scopes a published table covers. Reports are counted per month and
//! partner; a reader also needs quarters, years and all partners together, pooled on the
//! collector so nobody adds months up (and so the pooled figures go through the same
//! suppression as the monthly ones, see [`super::linked`]).

use serde::Serialize;

/// How long a table's period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 3] = [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year];

    /// The period of this kind that holds `month` (`YYYY-MM`): the month itself, `2026-Q4` or
    /// `2026`.
    pub fn of(self, month: &str) -> String {
        match (self, month.split_once('-')) {
            (PeriodKind::Month, _) | (_, None) => month.to_owned(),
            (PeriodKind::Quarter, Some((year, m))) => {
                let quarter = m.parse::<u32>().map_or(0, |m| m.div_ceil(3));
                format!("{year}-Q{quarter}")
            }
            (PeriodKind::Year, Some((year, _))) => year.to_owned(),
        }
    }

    /// The name used in the query string, the JSON and the CSV.
    pub fn name(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    /// The inverse of [`PeriodKind::name`].
    pub fn from_name(name: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The first and last month (`YYYY-MM`) of a period as [`PeriodKind::of`] writes it, so a
/// reader can pick the pooled tables that overlap a range of months.
pub fn months_of(period: &str) -> (String, String) {
    match period.split_once('-') {
        None => (format!("{period}-01"), format!("{period}-12")),
        Some((year, q)) if q.starts_with('Q') => {
            let quarter = q[1..].parse::<u32>().unwrap_or(1).clamp(1, 4);
            (
                format!("{year}-{:02}", quarter * 3 - 2),
                format!("{year}-{:02}", quarter * 3),
            )
        }
        Some(_) => (period.to_owned(), period.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_fall_in_their_quarter_and_year() {
        assert_eq!(PeriodKind::Quarter.of("2026-01"), "2026-Q1");
        assert_eq!(PeriodKind::Quarter.of("2026-03"), "2026-Q1");
        assert_eq!(PeriodKind::Quarter.of("2026-04"), "2026-Q2");
        assert_eq!(PeriodKind::Quarter.of("2026-12"), "2026-Q4");
        assert_eq!(PeriodKind::Year.of("2026-12"), "2026");
        assert_eq!(PeriodKind::Month.of("2026-12"), "2026-12");
        for month in ["2026-01", "2026-05", "2026-09", "2026-12"] {
            for kind in PeriodKind::ALL {
                let (first, last) = months_of(&kind.of(month));
                assert!(first.as_str() <= month && month <= last.as_str());
            }
        }
        assert_eq!(months_of("2026-Q2"), ("2026-04".into(), "2026-06".into()));
    }
}
