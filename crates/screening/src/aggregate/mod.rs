//! Aggregates the collector publishes, in tables that cannot be undone by arithmetic.
//!
//! **Groups and pools.** Reports are grouped by questionnaire version, month, partner and
//! privacy setting (mechanism and ε). A table counts one field (a scale's bands, a question's
//! answers) over one group, or over a pool of groups of the same version and privacy setting:
//! a quarter or a year of one partner, or a month, quarter or year of all partners (the
//! [`Scope`] says which). Reports with different ε are never mixed, so each randomized table is
//! debiased with the one ε it was sent with, pooled or not.
//!
//! **Debiasing.** Under randomized response a report randomizes every field that depends on a
//! sensitive answer, each with ε_i = ε / (number of randomized fields): a sensitive question
//! over its answers then "skipped", and the band of a sensitive scale over its bands. Those
//! tables say `"debiased": true` with the ε_i used, and `estimated` undoes the noise with
//! [`debias`]; for every other table `estimated` is the count itself.
//!
//! **Suppression.** In each table, every cell below the threshold is hidden (primary), and
//! then, while fewer than two cells are hidden or the hidden cells add up to zero, the smallest
//! visible cell too (complementary). A pooled cell is a sum of monthly cells, so the tables of
//! one field are then suppressed together: every hidden cell, in any table, gets a witness, a
//! different set of monthly counts that keeps every published number and changes that cell
//! (see [`linked`]). So whatever totals an attacker knows or derives (every `n`, the equal
//! totals of every scale of the same reports), no sum or difference of published tables pins a
//! hidden cell. A table's `n` (for a scale, the reports of the group or pool; for a question,
//! the reports that carry it, however many boxes each ticked) is published only when it is at
//! least the threshold, but it is not what is protected: a small group's `n` can be the
//! difference of pooled and monthly totals. In a multi-select question, whose ticks are tied
//! together by its exclusive answers, one hidden cell hides the whole table, and it is
//! published per month and partner only. `tests/aggregates.rs` attacks the published JSON with
//! exhaustive solvers: one per group with everything the group's tables say, one over every
//! table of a field, monthly and pooled, together.
//!
//! Not covered: relations that come from the questionnaire's scoring (a band decided by one
//! answer has the same count as that answer, and may be hidden in one table and visible in the
//! other) and the people a group's `n` says skipped a question.

use screening_core::definition::{Definition, Mechanism};
use screening_core::payload::{Payload, Privacy};
use screening_core::randomized::debias;
use serde::Serialize;
use std::collections::BTreeMap;

mod linked;
pub mod period;

pub use period::PeriodKind;

/// The default small-cell threshold (as in IOM's CTDC practice).
pub const DEFAULT_MIN_CELL: u64 = 5;

/// Everything published for one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregates {
    pub questionnaire: String,
    pub min_cell: u64,
    /// Reports per group and pool (`n` hidden below the threshold).
    pub reports: Vec<GroupReports>,
    /// One table per group or pool and scale: reports per band.
    pub bands: Vec<Table>,
    /// One table per group or pool and question: reports per answer.
    pub answers: Vec<Table>,
}

/// Which reports a table counts: one questionnaire version and privacy setting, over a month
/// (as reports are grouped), a quarter or a year, of one partner or of all partners together.
/// Reports with different versions or privacy settings are never pooled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scope {
    pub version: u32,
    pub period_kind: PeriodKind,
    /// `2026-11`, `2026-Q4` or `2026`.
    pub period: String,
    /// The month, for a monthly table (the period itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// The partner tag (`None`: reports sent without one, or every partner when
    /// `all_partners`).
    pub partner: Option<String>,
    /// The table pools every partner's reports (and those without a partner).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub all_partners: bool,
    /// The privacy setting the reports were sent with (`epsilon`: the whole report's budget).
    pub privacy: Privacy,
}

/// How many reports one group or pool holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReports {
    #[serde(flatten)]
    pub scope: Scope,
    /// `None` when below the threshold.
    pub n: Option<u64>,
}

/// The counts of one field (a scale's band or a question's answer) over the reports of one
/// group or pool.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    #[serde(flatten)]
    pub scope: Scope,
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
    for scale in d.scales() {
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
    for q in d.questions() {
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
///
/// Besides a table per month and partner, every scale and single-choice question gets pooled
/// tables per quarter and year, and per month, quarter and year over all partners, with
/// suppression linked across all of them (see [`linked`]). A pooled table that covers the same
/// groups as a finer one (a quarter with one month of reports) is not repeated. Multi-select
/// questions are published per month and partner only: their ticks are tied together within a
/// report, which sums over groups do not show, so no witness could be checked for them.
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
    // Families: the groups that may be pooled (one version and privacy setting).
    type FamilyKey = (u32, Mechanism, Option<u64>);
    let mut families: BTreeMap<FamilyKey, Vec<(String, Option<String>, Group)>> = BTreeMap::new();
    for ((version, month, partner, mechanism, epsilon), group) in groups {
        families
            .entry((version, mechanism, epsilon))
            .or_default()
            .push((month, partner, group));
    }
    let mut out = Aggregates {
        questionnaire: id.to_owned(),
        min_cell,
        reports: Vec::new(),
        bands: Vec::new(),
        answers: Vec::new(),
    };
    for ((version, _, _), mut members) in families {
        let Some(d) = definition(version) else {
            continue;
        };
        members.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let family = Family::new(version, members[0].2.privacy, &members);
        let all: Vec<usize> = (0..members.len()).collect();
        for (scope, covered) in family.pools(&all) {
            let n: u64 = covered.iter().map(|&g| members[g].2.reports).sum();
            out.reports.push(GroupReports {
                scope,
                n: (n >= min_cell).then_some(n),
            });
        }
        let randomized = family.privacy.randomized_epsilon().is_some();
        let field_epsilon = family.privacy.field_epsilon(d);
        let get = |g: usize, c: Counter| members[g].2.counts.get(&c).copied();
        for scale in d.scales() {
            let counts: Vec<Vec<u64>> = scale
                .bands
                .iter()
                .map(|b| {
                    let c = Counter::Band {
                        scale: scale.id.clone(),
                        band: b.id.clone(),
                    };
                    (0..members.len())
                        .map(|g| get(g, c.clone()).unwrap_or(0))
                        .collect()
                })
                .collect();
            let present: Vec<usize> = (0..members.len())
                .filter(|&g| counts.iter().any(|c| c[g] > 0))
                .collect();
            let blank = Table::blank(
                &scale
                    .bands
                    .iter()
                    .map(|b| b.id.as_str())
                    .collect::<Vec<_>>(),
                field_epsilon.filter(|_| d.is_sensitive_scale(scale)),
            );
            for mut t in family.linked(&counts, &present, None, &blank, min_cell) {
                t.scale = Some(scale.id.clone());
                out.bands.push(t);
            }
        }
        for q in d.questions() {
            let question = Counter::Question {
                question: q.id.clone(),
            };
            let present: Vec<usize> = (0..members.len())
                .filter(|&g| get(g, question.clone()).is_some())
                .collect();
            if present.is_empty() {
                continue;
            }
            let values = if q.sensitive && randomized {
                q.report_domain()
            } else {
                q.answer_ids()
            };
            let counts: Vec<Vec<u64>> = values
                .iter()
                .map(|v| {
                    let c = Counter::Answer {
                        question: q.id.clone(),
                        value: (*v).to_owned(),
                    };
                    (0..members.len())
                        .map(|g| get(g, c.clone()).unwrap_or(0))
                        .collect()
                })
                .collect();
            let n: Vec<u64> = (0..members.len())
                .map(|g| get(g, question.clone()).unwrap_or(0))
                .collect();
            let mut blank = Table::blank(&values, field_epsilon.filter(|_| q.sensitive));
            blank.question = Some(q.id.clone());
            if q.kind == screening_core::definition::QuestionKind::Multi {
                blank.multi = true;
                for &g in &present {
                    let cells: Vec<u64> = counts.iter().map(|c| c[g]).collect();
                    // The ticks of a multi-select question are tied together through its
                    // exclusive answers (a report that ticks "none" ticks nothing else), so
                    // a visible tick count can pin a hidden one: one hidden, all hidden.
                    let mut hidden = suppressed(&cells, min_cell);
                    if hidden.contains(&true) {
                        hidden.iter_mut().for_each(|h| *h = true);
                    }
                    let mut t = blank.clone();
                    t.scope = family.scope(PeriodKind::Month, g, false);
                    out.answers.push(t.fill(n[g], &cells, hidden, min_cell));
                }
            } else {
                out.answers
                    .extend(family.linked(&counts, &present, Some(&n), &blank, min_cell));
            }
        }
    }
    let order = |s: &Scope| {
        (
            s.version,
            s.period_kind,
            s.period.clone(),
            s.all_partners,
            s.partner.clone(),
            s.privacy.mechanism,
            s.privacy.randomized_epsilon().map(f64::to_bits),
        )
    };
    out.reports.sort_by_key(|g| order(&g.scope));
    // Stable: within a scope, fields stay in the definition's order.
    out.bands.sort_by_key(|t| order(&t.scope));
    out.answers.sort_by_key(|t| order(&t.scope));
    out
}

/// The groups (month × partner) of one version and privacy setting, and the tables pooled
/// from them.
struct Family {
    version: u32,
    privacy: Privacy,
    months: Vec<String>,
    partners: Vec<Option<String>>,
    /// Each group's month and partner.
    place: Vec<(usize, usize)>,
    /// Per period kind and month: the first month of the same period.
    period_start: [Vec<usize>; 3],
}

impl Family {
    fn new(version: u32, privacy: Privacy, members: &[(String, Option<String>, Group)]) -> Family {
        let mut months: Vec<String> = members.iter().map(|m| m.0.clone()).collect();
        months.dedup();
        let mut partners: Vec<Option<String>> = members.iter().map(|m| m.1.clone()).collect();
        partners.sort();
        partners.dedup();
        let place = members
            .iter()
            .map(|m| {
                (
                    months.iter().position(|x| *x == m.0).unwrap_or(0),
                    partners.iter().position(|x| *x == m.1).unwrap_or(0),
                )
            })
            .collect();
        let period_start = PeriodKind::ALL.map(|kind| {
            (0..months.len())
                .map(|m| {
                    let period = kind.of(&months[m]);
                    (0..=m)
                        .find(|&f| kind.of(&months[f]) == period)
                        .unwrap_or(m)
                })
                .collect()
        });
        Family {
            version,
            privacy,
            months,
            partners,
            place,
            period_start,
        }
    }

    /// The scope of a `kind` table holding group `g` (of its partner, or of all).
    fn scope(&self, kind: PeriodKind, g: usize, all_partners: bool) -> Scope {
        let (m, p) = self.place[g];
        Scope {
            version: self.version,
            period_kind: kind,
            period: kind.of(&self.months[m]),
            month: (kind == PeriodKind::Month).then(|| self.months[m].clone()),
            partner: if all_partners {
                None
            } else {
                self.partners[p].clone()
            },
            all_partners,
            privacy: self.privacy,
        }
    }

    /// Every table over the groups `present`: per month and partner, then the pools (quarter
    /// and year per partner; month, quarter and year over all partners), each with the groups
    /// it covers, leaving out a pool that covers the same groups as a table before it.
    fn pools(&self, present: &[usize]) -> Vec<(Scope, Vec<usize>)> {
        let mut out: Vec<(Scope, Vec<usize>)> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for all_partners in [false, true] {
            for (k, kind) in PeriodKind::ALL.into_iter().enumerate() {
                // (period, partner) → groups; periods numbered by their first month.
                let mut pools: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
                for &g in present {
                    let (m, p) = self.place[g];
                    let partner = if all_partners { usize::MAX } else { p };
                    pools
                        .entry((self.period_start[k][m], partner))
                        .or_default()
                        .push(g);
                }
                for covered in pools.into_values() {
                    if seen.insert(covered.clone()) {
                        out.push((self.scope(kind, covered[0], all_partners), covered));
                    }
                }
            }
        }
        out
    }

    /// The tables of one field over its groups `present`, suppressed together. `counts` per
    /// value and group; `n` per group when the field's total is not the sum of its cells'.
    fn linked(
        &self,
        counts: &[Vec<u64>],
        present: &[usize],
        n: Option<&[u64]>,
        blank: &Table,
        min_cell: u64,
    ) -> Vec<Table> {
        if present.is_empty() {
            return Vec::new();
        }
        let pools = self.pools(present);
        let tables: Vec<Vec<usize>> = pools.iter().map(|(_, c)| c.clone()).collect();
        let field = linked::Field {
            counts,
            tables: &tables,
            place: &self.place,
        };
        let hidden = linked::suppress(&field, min_cell);
        pools
            .into_iter()
            .zip(hidden)
            .map(|((scope, covered), hidden)| {
                let cells: Vec<u64> = counts
                    .iter()
                    .map(|c| covered.iter().map(|&g| c[g]).sum())
                    .collect();
                let total = match n {
                    Some(n) => covered.iter().map(|&g| n[g]).sum(),
                    None => cells.iter().sum(),
                };
                let mut t = blank.clone();
                t.scope = scope;
                t.fill(total, &cells, hidden, min_cell)
            })
            .collect()
    }
}

impl Table {
    /// A table of `values` with no scope or cells yet.
    fn blank(values: &[&str], field_epsilon: Option<f64>) -> Table {
        Table {
            scope: Scope {
                version: 0,
                period_kind: PeriodKind::Month,
                period: String::new(),
                month: None,
                partner: None,
                all_partners: false,
                privacy: Privacy::NONE,
            },
            scale: None,
            question: None,
            multi: false,
            debiased: field_epsilon.is_some(),
            field_epsilon,
            n: None,
            suppressed: false,
            cells: values
                .iter()
                .map(|v| Cell {
                    value: (*v).to_owned(),
                    reported: None,
                    estimated: None,
                    standard_error: None,
                    interval: None,
                    enough_reports: true,
                    suppressed: true,
                })
                .collect(),
        }
    }

    /// Fills in the cells from their counts and which are hidden: estimates and their
    /// intervals.
    fn fill(mut self, n: u64, counts: &[u64], hidden: Vec<bool>, min_cell: u64) -> Table {
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
        self.n = (n >= min_cell).then_some(n);
        self.suppressed = hidden.iter().all(|h| *h);
        let values = std::mem::take(&mut self.cells);
        self.cells = values
            .into_iter()
            .zip(counts.iter().zip(raw))
            .zip(hidden)
            .map(|((cell, (&c, (x, se))), hide)| {
                let interval = se.map(|se| (x - Z95 * se, x + Z95 * se));
                Cell {
                    value: cell.value,
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
    let p = screening_core::randomized::truth_probability(epsilon, k);
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
        let mut out = Csv::new(&[
            "kind",
            "questionnaire",
            "version",
            "period_kind",
            "period",
            "partner",
            "all_partners",
            "mechanism",
            "report_epsilon",
            "scale_or_question",
            "value",
            "n",
            "reported",
            "estimated",
            "interval_low",
            "interval_high",
            "enough_reports",
            "debiased",
            "field_epsilon",
            "suppressed",
        ]);
        let opt = |v: Option<String>| v.unwrap_or_default();
        let tables = self
            .bands
            .iter()
            .map(|t| ("band", t))
            .chain(self.answers.iter().map(|t| ("answer", t)));
        for (kind, t) in tables {
            let scope = &t.scope;
            let mechanism = scope.privacy.mechanism.name();
            let field = t.scale.as_ref().or(t.question.as_ref()).cloned();
            for c in &t.cells {
                out.row(&[
                    kind,
                    &self.questionnaire,
                    &scope.version.to_string(),
                    scope.period_kind.name(),
                    &scope.period,
                    &opt(scope.partner.clone()),
                    &scope.all_partners.to_string(),
                    mechanism,
                    &opt(scope.privacy.randomized_epsilon().map(|e| e.to_string())),
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
                ]);
            }
        }
        out.finish()
    }
}

/// CSV through the `csv` crate (quoting as RFC 4180 asks), with one rule of our own: a
/// leading `=`, `+`, `-` or `@` is neutralised with a `'`, so a spreadsheet never runs a cell
/// as a formula (OWASP's advice for CSV exports).
pub struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    /// A CSV with this header row.
    pub fn new(head: &[&str]) -> Csv {
        let mut out = Csv(csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new()));
        out.row(head);
        out
    }

    pub fn row(&mut self, fields: &[&str]) {
        let cells = fields.iter().map(|f| {
            if f.starts_with(['=', '+', '-', '@']) {
                format!("'{f}")
            } else {
                (*f).to_owned()
            }
        });
        // Writing into memory cannot fail.
        let _ = self.0.write_record(cells);
    }

    pub fn finish(self) -> String {
        let bytes = self.0.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::suppressed;

    #[test]
    fn csv_quotes_as_rfc_4180_and_never_starts_a_cell_with_a_formula() {
        let mut c = super::Csv::new(&["a", "b"]);
        c.row(&["=1+1", "x,\"y\""]);
        c.row(&["-2", ""]);
        assert_eq!(c.finish(), "a,b\n'=1+1,\"x,\"\"y\"\"\"\n'-2,\n");
    }

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
