//! Aggregates the collector publishes, in tables that cannot be undone by arithmetic.
//!
//! **Groups.** Reports are grouped by questionnaire version, month, partner and privacy setting
//! (mechanism and ε). Every table belongs to one group: one per scale (reports per band) and one
//! per question (reports per answer). No table spans groups, so no published number is a sum of
//! cells of other tables. Reports with different ε are never mixed, so each randomized table is
//! debiased with the one ε it was sent with.
//!
//! **Debiasing.** Under randomized response a report randomizes every field that depends on a
//! sensitive answer, each with ε_i = ε / (number of randomized fields): a sensitive question
//! over its answers then "skipped", and the band of a sensitive scale over its bands. Those
//! tables say `"debiased": true` with the ε_i used, and `estimated` undoes the noise with
//! [`debias`]; for every other table `estimated` is the count itself.
//!
//! **Suppression.** In each table, every cell below the threshold is hidden (primary), and
//! then, while fewer than two cells are hidden or the hidden cells add up to zero, the smallest
//! visible cell too (complementary). In a multi-select question, whose ticks are tied together
//! by its exclusive answers, one hidden cell hides the whole table. A table's `n` (for a scale, the reports of the group; for
//! a question, the reports that carry it, however many boxes each ticked) is published only
//! when it is at least the threshold. So whatever totals an attacker knows or derives (`n`,
//! the equal totals of every scale of the same reports), the hidden cells of a table only
//! give their sum, which is positive and spread over two or more cells: any hidden cell can
//! trade one report with another hidden cell of its table and every published number stays
//! the same. `tests/aggregates.rs` attacks the published JSON with an exhaustive solver.
//!
//! Not covered: relations that come from the questionnaire's scoring (a band decided by one
//! answer has the same count as that answer, and may be hidden in one table and visible in the
//! other) and the people a group's `n` says skipped a question.

use crate::definition::{Definition, Mechanism};
use crate::payload::{Payload, Privacy};
use crate::randomized::debias;
use serde::Serialize;
use std::collections::BTreeMap;

/// The default small-cell threshold (as in IOM's CTDC practice).
pub const DEFAULT_MIN_CELL: u64 = 5;

/// Everything published for one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregates {
    pub questionnaire: String,
    pub min_cell: u64,
    /// Reports per group (`n` hidden below the threshold).
    pub reports: Vec<GroupReports>,
    /// One table per group and scale: reports per band.
    pub bands: Vec<Table>,
    /// One table per group and question: reports per answer.
    pub answers: Vec<Table>,
}

/// How many reports one group holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReports {
    pub version: u32,
    pub month: String,
    pub partner: Option<String>,
    pub privacy: Privacy,
    /// `None` when below the threshold.
    pub n: Option<u64>,
}

/// The counts of one field (a scale's band or a question's answer) over the reports of one
/// group: one questionnaire version, month, partner and privacy setting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub version: u32,
    pub month: String,
    pub partner: Option<String>,
    /// The privacy setting the reports were sent with (`epsilon`: the whole report's budget).
    pub privacy: Privacy,
    /// The scale, in `bands`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// The question, in `answers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// A multi-select question: a report may count in several cells.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub multi: bool,
    /// Whether the field was randomized and `estimated` undoes the noise.
    pub debiased: bool,
    /// The field's share ε_i of the budget, used for debiasing (`None` when not randomized).
    pub field_epsilon: Option<f64>,
    /// Reports counted in this table; `None` when below the threshold.
    pub n: Option<u64>,
    /// Every cell is hidden.
    pub suppressed: bool,
    /// One per possible value, in the definition's order (randomized answers end with
    /// "skipped").
    pub cells: Vec<Cell>,
}

/// One value's count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The band or answer id.
    pub value: String,
    /// Reports carrying this value, as sent (so randomized where randomized); `None` when
    /// suppressed.
    pub reported: Option<u64>,
    /// The estimated true count: the reported count, or for a randomized field the debiased
    /// estimate (rounded to one decimal, clamped to 0..n); `None` when suppressed.
    pub estimated: Option<f64>,
    /// For a debiased cell, the estimate's standard error (rounded to one decimal): the
    /// binomial spread of the reported count, sqrt(n·π(1−π)) with π = reported / n, divided by
    /// p − q, the gap between the probabilities of reporting the truth and one given other
    /// value. `None` for exact counts and when suppressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard_error: Option<f64>,
    /// For a debiased cell, the 95 % interval of the true count: the unclamped estimate ± 1.96
    /// standard errors, then clamped to 0..n (so it still covers a truth in 0..n whenever the
    /// unclamped one does), rounded to one decimal. `None` for exact counts and when suppressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<[f64; 2]>,
    /// False when the debiased cell's unclamped interval is wider than 0..n itself: the reports
    /// cannot tell this value's share yet, and a reader is shown "not enough reports yet"
    /// instead of the estimate. True for exact counts.
    pub enough_reports: bool,
    pub suppressed: bool,
}

/// The normal quantile of a two-sided 95 % interval.
pub const Z95: f64 = 1.96;

/// (version, month, partner, mechanism, ε bits)
type GroupKey = (u32, String, Option<String>, Mechanism, Option<u64>);

/// What a counter counts, within one group (questionnaire, version, month, partner, privacy).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Counter {
    /// Reports of the group.
    Reports,
    /// Reports with this band on this scale.
    Band { scale: String, band: String },
    /// Reports that carry an answer to this question.
    Question { question: String },
    /// Reports with this value among the answer to this question (a multi-select answer counts
    /// once per ticked value).
    Answer { question: String, value: String },
}

impl Counter {
    /// The counter as three strings (kind, field, value), the way the collector stores it:
    /// `r` (reports), `b` (scale, band), `q` (question) and `a` (question, value).
    pub fn to_parts(&self) -> (&'static str, &str, &str) {
        match self {
            Counter::Reports => ("r", "", ""),
            Counter::Band { scale, band } => ("b", scale, band),
            Counter::Question { question } => ("q", question, ""),
            Counter::Answer { question, value } => ("a", question, value),
        }
    }

    /// The inverse of [`Counter::to_parts`]; `None` for an unknown kind.
    pub fn from_parts(kind: &str, field: &str, value: &str) -> Option<Counter> {
        Some(match kind {
            "r" => Counter::Reports,
            "b" => Counter::Band {
                scale: field.to_owned(),
                band: value.to_owned(),
            },
            "q" => Counter::Question {
                question: field.to_owned(),
            },
            "a" => Counter::Answer {
                question: field.to_owned(),
                value: value.to_owned(),
            },
            _ => return None,
        })
    }
}

/// The counters one report adds one to (in its group), given its version's definition. The
/// aggregates are built from the sums of these alone, so a collector can keep the sums as
/// reports arrive instead of reading the reports back.
pub fn counters(p: &Payload, d: &Definition) -> Vec<Counter> {
    let randomized = p.privacy.randomized_epsilon().is_some();
    let mut out = vec![Counter::Reports];
    for scale in &d.scales {
        let Some(band) = p.bands.get(&scale.id) else {
            continue;
        };
        if scale.band_rank(band).is_some() {
            out.push(Counter::Band {
                scale: scale.id.clone(),
                band: band.clone(),
            });
        }
    }
    for q in &d.questions {
        let Some(answer) = p.answers.get(&q.id) else {
            continue;
        };
        out.push(Counter::Question {
            question: q.id.clone(),
        });
        let domain = if q.sensitive && randomized {
            q.report_domain()
        } else {
            q.answer_ids()
        };
        for a in answer.ids() {
            if domain.contains(&a.as_str()) {
                out.push(Counter::Answer {
                    question: q.id.clone(),
                    value: a.to_owned(),
                });
            }
        }
    }
    out
}

/// One summed counter of one group, as a collector stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    pub version: u32,
    pub month: String,
    pub partner: Option<String>,
    pub privacy: Privacy,
    pub counter: Counter,
    pub count: u64,
}

/// The summed counters of one group.
struct Group {
    privacy: Privacy,
    reports: u64,
    counts: BTreeMap<Counter, u64>,
}

/// Aggregates `payloads` (all of questionnaire `id`); `definition` gives each version's
/// questions and answers. Payloads whose version has no definition are skipped. The same as
/// [`aggregate_counts`] over the sums of every payload's [`counters`].
pub fn aggregate<'d>(
    id: &str,
    payloads: &[Payload],
    definition: impl Fn(u32) -> Option<&'d Definition>,
    min_cell: u64,
) -> Aggregates {
    let mut sums: BTreeMap<(GroupKey, Counter), (Privacy, u64)> = BTreeMap::new();
    for p in payloads.iter().filter(|p| p.questionnaire == id) {
        let Some(d) = definition(p.questionnaire_version) else {
            continue;
        };
        for counter in counters(p, d) {
            let key = (
                group_key(p.questionnaire_version, &p.month, &p.partner, &p.privacy),
                counter,
            );
            sums.entry(key).or_insert((p.privacy, 0)).1 += 1;
        }
    }
    let rows = sums
        .into_iter()
        .map(|((key, counter), (privacy, count))| CountRow {
            version: key.0,
            month: key.1,
            partner: key.2,
            privacy,
            counter,
            count,
        });
    aggregate_counts(id, rows, definition, min_cell)
}

fn group_key(version: u32, month: &str, partner: &Option<String>, privacy: &Privacy) -> GroupKey {
    (
        version,
        month.to_owned(),
        partner.clone(),
        privacy.mechanism,
        privacy.randomized_epsilon().map(f64::to_bits),
    )
}

/// The published tables of questionnaire `id` from its summed counters (see [`counters`]):
/// the work depends on the number of groups and cells, not of reports. Rows of a version
/// without a definition, and counters the definition does not know, are skipped.
pub fn aggregate_counts<'d>(
    id: &str,
    rows: impl IntoIterator<Item = CountRow>,
    definition: impl Fn(u32) -> Option<&'d Definition>,
    min_cell: u64,
) -> Aggregates {
    let mut groups: BTreeMap<GroupKey, Group> = BTreeMap::new();
    for row in rows {
        if definition(row.version).is_none() {
            continue;
        }
        let key = group_key(row.version, &row.month, &row.partner, &row.privacy);
        let group = groups.entry(key).or_insert_with(|| Group {
            privacy: row.privacy,
            reports: 0,
            counts: BTreeMap::new(),
        });
        if row.counter == Counter::Reports {
            group.reports += row.count;
        } else {
            *group.counts.entry(row.counter).or_insert(0) += row.count;
        }
    }
    let mut bands = Vec::new();
    let mut answers = Vec::new();
    let mut reports = Vec::new();
    for ((version, month, partner, _, _), group) in groups {
        let Some(d) = definition(version) else {
            continue;
        };
        reports.push(GroupReports {
            version,
            month: month.clone(),
            partner: partner.clone(),
            privacy: group.privacy,
            n: (group.reports >= min_cell).then_some(group.reports),
        });
        let randomized = group.privacy.randomized_epsilon().is_some();
        let field_epsilon = group.privacy.field_epsilon(d);
        let get = |c: Counter| group.counts.get(&c).copied();
        let table =
            |values: Vec<&str>, n: u64, counts: &[u64], epsilon: Option<f64>, multi: bool| {
                Table {
                    version,
                    month: month.clone(),
                    partner: partner.clone(),
                    privacy: group.privacy,
                    scale: None,
                    question: None,
                    multi,
                    debiased: epsilon.is_some(),
                    field_epsilon: epsilon,
                    n: None,
                    suppressed: false,
                    cells: Vec::new(),
                }
                .fill(&values, n, counts, min_cell)
            };
        for scale in &d.scales {
            let counts: Vec<Option<u64>> = scale
                .bands
                .iter()
                .map(|b| {
                    get(Counter::Band {
                        scale: scale.id.clone(),
                        band: b.id.clone(),
                    })
                })
                .collect();
            if counts.iter().all(Option::is_none) {
                continue;
            }
            let counts: Vec<u64> = counts.into_iter().map(Option::unwrap_or_default).collect();
            let epsilon = field_epsilon.filter(|_| d.is_sensitive_scale(scale));
            let values = scale.bands.iter().map(|b| b.id.as_str()).collect();
            let mut t = table(values, counts.iter().sum(), &counts, epsilon, false);
            t.scale = Some(scale.id.clone());
            bands.push(t);
        }
        for q in &d.questions {
            let Some(n) = get(Counter::Question {
                question: q.id.clone(),
            }) else {
                continue;
            };
            let epsilon = field_epsilon.filter(|_| q.sensitive);
            let values = if q.sensitive && randomized {
                q.report_domain()
            } else {
                q.answer_ids()
            };
            let counts: Vec<u64> = values
                .iter()
                .map(|v| {
                    get(Counter::Answer {
                        question: q.id.clone(),
                        value: (*v).to_owned(),
                    })
                    .unwrap_or(0)
                })
                .collect();
            let multi = q.kind == crate::definition::QuestionKind::Multi;
            let mut t = table(values, n, &counts, epsilon, multi);
            t.question = Some(q.id.clone());
            answers.push(t);
        }
    }
    Aggregates {
        questionnaire: id.to_owned(),
        min_cell,
        reports,
        bands,
        answers,
    }
}

impl Table {
    /// Fills in the cells: estimates and their intervals, then suppression.
    fn fill(mut self, values: &[&str], n: u64, counts: &[u64], min_cell: u64) -> Table {
        let round = |x: f64| (x * 10.0).round() / 10.0;
        let total = n as f64;
        // (estimate, standard error) before any clamping or rounding.
        let raw: Vec<(f64, Option<f64>)> = match self.field_epsilon {
            Some(e) => debias(counts, e)
                .into_iter()
                .zip(standard_errors_exact(counts, e))
                .map(|(x, se)| (x, Some(se)))
                .collect(),
            None => counts.iter().map(|&c| (c as f64, None)).collect(),
        };
        let mut hidden = suppressed(counts, min_cell);
        if self.multi && hidden.contains(&true) {
            // The ticks of a multi-select question are tied together through its exclusive
            // answers (a report that ticks "none" ticks nothing else), so a visible tick count
            // can pin a hidden one: hide them all.
            hidden.iter_mut().for_each(|h| *h = true);
        }
        self.n = (n >= min_cell).then_some(n);
        self.suppressed = hidden.iter().all(|h| *h);
        self.cells = values
            .iter()
            .zip(counts.iter().zip(raw))
            .zip(hidden)
            .map(|((value, (&c, (x, se))), hide)| {
                let interval = se.map(|se| (x - Z95 * se, x + Z95 * se));
                Cell {
                    value: (*value).to_owned(),
                    reported: (!hide).then_some(c),
                    estimated: (!hide).then_some(round(x.clamp(0.0, total))),
                    standard_error: se.filter(|_| !hide).map(round),
                    interval: interval
                        .filter(|_| !hide)
                        .map(|(lo, hi)| [round(lo.clamp(0.0, total)), round(hi.clamp(0.0, total))]),
                    enough_reports: interval.is_none_or(|(lo, hi)| hi - lo <= total),
                    suppressed: hide,
                }
            })
            .collect();
        self
    }
}

/// The standard error of each debiased count (see [`Cell::standard_error`]), rounded to one
/// decimal. The reports of a randomized field are spread over all `k` values (the domain
/// `counts` covers), so `n` here is their sum.
pub fn standard_errors(counts: &[u64], epsilon: f64) -> Vec<f64> {
    standard_errors_exact(counts, epsilon)
        .into_iter()
        .map(|se| (se * 10.0).round() / 10.0)
        .collect()
}

/// The same, unrounded: sqrt(n·λ(1−λ)) / (p − q) with λ the reported share, the standard error
/// of the debiased count when the n reports are drawn from a population (so the interval is one
/// for the population's share times n).
fn standard_errors_exact(counts: &[u64], epsilon: f64) -> Vec<f64> {
    let k = counts.len();
    let n: u64 = counts.iter().sum();
    if k < 2 || n == 0 {
        return vec![0.0; k];
    }
    let p = crate::randomized::truth_probability(epsilon, k);
    let q = (1.0 - p) / (k as f64 - 1.0);
    let n = n as f64;
    counts
        .iter()
        .map(|&c| {
            let lambda = c as f64 / n;
            (n * lambda * (1.0 - lambda)).sqrt() / (p - q)
        })
        .collect()
}

/// Which cells of one table to hide: every cell below `min_cell` (primary suppression); then,
/// while fewer than two cells are hidden or the hidden ones add up to zero, also the smallest
/// visible cell (complementary suppression, first in order on a tie). Afterwards the hidden
/// cells of a table are none, or two or more with a positive sum: a total, however learnt,
/// gives only their sum, and one report can move between two of them without changing any
/// published number. Every hidden cell is at most the smallest visible one.
pub fn suppressed(counts: &[u64], min_cell: u64) -> Vec<bool> {
    let mut hidden: Vec<bool> = counts.iter().map(|&c| c < min_cell).collect();
    if !hidden.contains(&true) {
        return hidden;
    }
    loop {
        let (count, sum) = counts
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .fold((0, 0), |(k, s), (c, _)| (k + 1, s + c));
        if count >= 2 && sum > 0 {
            return hidden;
        }
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, _)| !hidden[*i])
            .min_by_key(|(_, c)| **c)
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            None => return hidden,
        }
    }
}

impl Aggregates {
    /// The same figures as CSV, one row per cell, suppressed numbers left empty.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "kind,questionnaire,version,month,partner,mechanism,report_epsilon,scale_or_question,value,n,reported,estimated,interval_low,interval_high,enough_reports,debiased,field_epsilon,suppressed\n",
        );
        let opt = |v: Option<String>| v.unwrap_or_default();
        let tables = self
            .bands
            .iter()
            .map(|t| ("band", t))
            .chain(self.answers.iter().map(|t| ("answer", t)));
        for (kind, t) in tables {
            let mechanism = t.privacy.mechanism.name();
            let field = t.scale.as_ref().or(t.question.as_ref()).cloned();
            for c in &t.cells {
                out.push_str(&csv_row(&[
                    kind,
                    &self.questionnaire,
                    &t.version.to_string(),
                    &t.month,
                    &opt(t.partner.clone()),
                    mechanism,
                    &opt(t.privacy.randomized_epsilon().map(|e| e.to_string())),
                    &opt(field.clone()),
                    &c.value,
                    &opt(t.n.map(|n| n.to_string())),
                    &opt(c.reported.map(|r| r.to_string())),
                    &opt(c.estimated.map(|e| e.to_string())),
                    &opt(c.interval.map(|[lo, _]| lo.to_string())),
                    &opt(c.interval.map(|[_, hi]| hi.to_string())),
                    &c.enough_reports.to_string(),
                    &t.debiased.to_string(),
                    &opt(t.field_epsilon.map(|e| e.to_string())),
                    &c.suppressed.to_string(),
                ]));
            }
        }
        out
    }
}

/// One CSV line; fields are quoted when needed, and a leading `=`, `+`, `-` or `@` is
/// neutralised so a spreadsheet never runs a cell as a formula.
pub fn csv_row(fields: &[&str]) -> String {
    let cells: Vec<String> = fields
        .iter()
        .map(|f| {
            let f = if f.starts_with(['=', '+', '-', '@']) {
                format!("'{f}")
            } else {
                (*f).to_owned()
            };
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f
            }
        })
        .collect();
    cells.join(",") + "\n"
}

#[cfg(test)]
mod tests {
    use super::suppressed;

    #[test]
    fn complementary_suppression_hides_two_cells_with_a_positive_sum() {
        assert_eq!(suppressed(&[9, 7, 12], 5), [false, false, false]);
        // One small cell: the next smallest goes too.
        assert_eq!(suppressed(&[3, 7, 12], 5), [true, true, false]);
        // Two zeros would be pinned by the total: a non-zero cell goes too.
        assert_eq!(suppressed(&[0, 0, 12, 8], 5), [true, true, false, true]);
        // Nothing left to hide with: everything is hidden.
        assert_eq!(suppressed(&[0, 12], 5), [true, true]);
        assert_eq!(suppressed(&[4, 4], 5), [true, true]);
    }
}
