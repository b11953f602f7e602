//! Published aggregates: debiasing of every randomized field, `n` in reports, CSV, and an
//! attack on the suppression: an exhaustive solver that reads only the published JSON (and
//! checks the CSV says the same) must pin no hidden cell.
//!
//! Everything runs on a fixture built here, independent of the built-in questionnaires.

#[path = "../../core/tests/common.rs"]
mod core_common;
use core_common as common;

use screening::aggregate::{Aggregates, aggregate};
use screening_core::payload::{Payload, Privacy, ReportContext};
use screening_core::randomized::{Random, SplitMix64};
use screening_core::{Answer, Answers, Definition, Locale, parse_definition};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Plain `work` (ok/long) and `locked` (no/yes); sensitive `hit` (no/once/often) and `paid`
/// (no/yes); plain multi-select `costs` (none exclusive, visa, ticket). Plain scale
/// `conditions` (none/some), sensitive scale `harm` (low/medium/high: `locked`, `hit`, `paid`
/// move it). Every question offers "I don't know"; none has a condition.
fn fixture() -> Definition {
    let t = common::en;
    let q = |id: &str, opts: &[(&str, &str, u32)], sensitive: bool| {
        common::fixture_question(id, opts, true, sensitive)
    };
    let band = common::fixture_band;
    let mut costs = q(
        "costs",
        &[
            ("none", "conditions", 0),
            ("visa", "conditions", 1),
            ("ticket", "conditions", 1),
        ],
        false,
    );
    costs["type"] = "multi".into();
    costs["options"][0]["exclusive"] = true.into();
    let v = json!({
        "schema": 1, "id": "fixture", "version": 1, "locales": {"en": "draft"},
        "title": t("T"), "intro": t("I"), "minutes": 2, "disclaimer": t("D"),
        "questions": [
            q("work", &[("ok", "conditions", 0), ("long", "conditions", 2)], false),
            q("locked", &[("no", "harm", 0), ("yes", "harm", 1)], false),
            q("hit", &[("no", "harm", 0), ("once", "harm", 1), ("often", "harm", 3)], true),
            q("paid", &[("no", "harm", 0), ("yes", "harm", 1)], true),
            costs
        ],
        "scales": [
            {"id": "conditions", "title": t("C"), "bands": [band("none", 0, "ok"), band("some", 2, "caution")]},
            {"id": "harm", "title": t("H"), "bands": [band("low", 0, "ok"), band("medium", 1, "caution"), band("high", 3, "danger")]}
        ]
    });
    parse_definition(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn build(
    d: &Definition,
    given: &Answers,
    context: &ReportContext,
    rng: &mut SplitMix64,
) -> Payload {
    let given = d.prune(given);
    let outcome = d.score(&given).unwrap();
    Payload::build(d, &given, &outcome, context, rng).unwrap()
}

fn context(partner: &str, month: &str, privacy: Privacy) -> ReportContext {
    ReportContext {
        locale: Locale::En,
        partner: Some(partner.into()),
        month: month.into(),
        privacy,
    }
}

/// Random answers: each question skipped or answered uniformly; `costs` gets "none", or one or
/// two of visa/ticket, or "I don't know".
fn random_answers(d: &Definition, rng: &mut SplitMix64) -> Answers {
    let mut given = Answers::default();
    for q in d.questions() {
        let ids = q.answer_ids();
        let pick = rng.below(ids.len() as u32 + 1).unwrap() as usize;
        let Some(id) = ids.get(pick) else { continue };
        let answer = if q.kind == screening_core::definition::QuestionKind::Multi {
            match rng.below(3).unwrap() {
                0 if !q.is_exclusive(id) => Answer::Many(vec!["visa".into(), "ticket".into()]),
                _ => Answer::Many(vec![(*id).to_owned()]),
            }
        } else {
            Answer::One((*id).to_owned())
        };
        given.set(&q.id, answer);
    }
    given
}

fn table<'a>(
    tables: &'a [screening::aggregate::Table],
    field: &str,
) -> &'a screening::aggregate::Table {
    tables
        .iter()
        .find(|t| t.scale.as_deref() == Some(field) || t.question.as_deref() == Some(field))
        .unwrap()
}

#[test]
fn randomized_answers_and_bands_are_debiased_with_the_field_epsilon() {
    let d = fixture();
    assert_eq!(d.randomized_fields(), 3, "hit, paid and the harm band");
    let n = 20_000u64;
    let mut rng = SplitMix64(20261129);
    let ctx = context("big", "2026-11", Privacy::randomized(3.0));
    let mut payloads = Vec::new();
    let mut true_harm = [0f64; 3];
    for i in 0..n {
        // hit: 45 % no, 25 % once, 20 % often, 10 % skipped; paid: 60 % no, 40 % yes.
        let hit = match i % 20 {
            0..9 => Some("no"),
            9..14 => Some("once"),
            14..18 => Some("often"),
            _ => None,
        };
        let mut given = Answers::default();
        if let Some(h) = hit {
            given.set("hit", Answer::One(h.into()));
        }
        given.set(
            "paid",
            Answer::One(if i % 5 < 3 { "no" } else { "yes" }.into()),
        );
        given.set(
            "work",
            Answer::One(["ok", "long", "dont_know"][i as usize % 3].into()),
        );
        let costs = match i % 4 {
            0 => vec!["none".into()],
            1 => vec!["dont_know".into()],
            _ => vec!["visa".into(), "ticket".into()],
        };
        given.set("costs", Answer::Many(costs));
        let outcome = d.score(&d.prune(&given)).unwrap();
        let band = &outcome.scale("harm").unwrap().band;
        true_harm[d.scale("harm").unwrap().band_rank(band).unwrap()] += 1.0;
        payloads.push(build(&d, &given, &ctx, &mut rng));
    }
    let agg = aggregate("fixture", &payloads, |v| (v == 1).then_some(&d), 5);
    let share = |t: &screening::aggregate::Table, value: &str| {
        t.cells
            .iter()
            .find(|c| c.value == value)
            .unwrap()
            .estimated
            .unwrap()
            / n as f64
    };
    let hit = table(&agg.answers, "hit");
    assert!(hit.debiased);
    assert_eq!(hit.field_epsilon, Some(1.0));
    assert_eq!(
        hit.n,
        Some(n),
        "every report carries a shown sensitive question"
    );
    for (value, truth) in [
        ("no", 0.45),
        ("once", 0.25),
        ("often", 0.2),
        ("dont_know", 0.0),
        ("skipped", 0.1),
    ] {
        let s = share(hit, value);
        assert!(
            (s - truth).abs() < 0.035,
            "hit {value}: estimated {s}, true {truth}"
        );
    }
    // The noise is real: the raw "skipped" share is far from the truth.
    let raw = hit
        .cells
        .iter()
        .find(|c| c.value == "skipped")
        .unwrap()
        .reported
        .unwrap();
    assert!((raw as f64 / n as f64 - 0.1).abs() > 0.05);
    let harm = table(&agg.bands, "harm");
    assert!(harm.debiased);
    assert_eq!(harm.field_epsilon, Some(1.0));
    for (i, value) in ["low", "medium", "high"].iter().enumerate() {
        let truth = true_harm[i] / n as f64;
        let s = share(harm, value);
        assert!(
            (s - truth).abs() < 0.03,
            "harm {value}: estimated {s}, true {truth}"
        );
    }
    // Plain fields are counted as sent, and say so.
    let conditions = table(&agg.bands, "conditions");
    assert!(!conditions.debiased && conditions.field_epsilon.is_none());
    let work = table(&agg.answers, "work");
    assert!(!work.debiased);
    let third = n.div_ceil(3);
    assert_eq!(work.cells[0].reported, Some(third));
    assert_eq!(work.cells[0].estimated, Some(third as f64));
    // Multi-select: n counts reports, not ticks.
    let costs = table(&agg.answers, "costs");
    assert!(costs.multi);
    assert_eq!(costs.n, Some(n));
    assert_eq!(
        costs.cells.iter().filter_map(|c| c.reported).sum::<u64>(),
        3 * n / 2
    );
}

#[test]
fn reports_with_different_privacy_are_never_mixed() {
    let d = fixture();
    let mut rng = SplitMix64(3);
    let mut payloads = Vec::new();
    for (privacy, count) in [
        (Privacy::NONE, 7),
        (Privacy::randomized(1.5), 9),
        (Privacy::randomized(3.0), 6),
    ] {
        for _ in 0..count {
            let given = random_answers(&d, &mut rng);
            payloads.push(build(
                &d,
                &given,
                &context("p", "2026-11", privacy),
                &mut rng,
            ));
        }
    }
    let agg = aggregate("fixture", &payloads, |v| (v == 1).then_some(&d), 5);
    let conditions: Vec<_> = agg
        .bands
        .iter()
        .filter(|t| t.scale.as_deref() == Some("conditions"))
        .collect();
    assert_eq!(
        conditions.iter().map(|t| t.n).collect::<Vec<_>>(),
        [Some(7), Some(9), Some(6)]
    );
    // Under none, the sensitive scale and questions are absent; under randomized response
    // each table is debiased with its own share.
    let harm: Vec<_> = agg
        .bands
        .iter()
        .filter(|t| t.scale.as_deref() == Some("harm"))
        .collect();
    assert_eq!(
        harm.iter().map(|t| t.field_epsilon).collect::<Vec<_>>(),
        [Some(0.5), Some(1.0)]
    );
    assert!(
        agg.answers
            .iter()
            .filter(|t| t.question.as_deref() == Some("hit"))
            .all(|t| t.debiased)
    );
    assert_eq!(
        agg.answers
            .iter()
            .filter(|t| t.question.as_deref() == Some("hit"))
            .count(),
        2
    );
}

#[test]
fn csv_matches_the_json_and_cells_cannot_become_formulas() {
    let d = fixture();
    let mut rng = SplitMix64(9);
    let payloads: Vec<Payload> = (0..30)
        .map(|i| {
            let given = random_answers(&d, &mut rng);
            let partner = if i % 3 == 0 { "-x" } else { "umed" };
            build(
                &d,
                &given,
                &context(partner, "2026-11", Privacy::randomized(2.0)),
                &mut rng,
            )
        })
        .collect();
    let agg = aggregate("fixture", &payloads, |_| Some(&d), 5);
    let csv = agg.to_csv();
    assert!(csv.contains(",'-x,"));
    assert_csv_matches(&agg, &csv);
}

/// Every CSV row is one cell of the JSON, with the same numbers (empty where hidden).
fn assert_csv_matches(agg: &Aggregates, csv: &str) {
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "kind,questionnaire,version,period_kind,period,partner,all_partners,mechanism,report_epsilon,scale_or_question,value,n,reported,estimated,interval_low,interval_high,enough_reports,debiased,field_epsilon,suppressed"
    );
    let tables = agg.bands.iter().chain(&agg.answers);
    let cells = tables.flat_map(|t| t.cells.iter().map(move |c| (t, c)));
    let mut rows = 0;
    for ((t, c), line) in cells.zip(lines.by_ref()) {
        let f: Vec<&str> = line.split(',').collect();
        let opt = |v: Option<String>| v.unwrap_or_default();
        assert_eq!(f[3], t.scope.period_kind.name());
        assert_eq!(f[4], t.scope.period);
        assert_eq!(f[6], t.scope.all_partners.to_string());
        assert_eq!(f[10], c.value);
        assert_eq!(f[11], opt(t.n.map(|n| n.to_string())), "{line}");
        assert_eq!(f[12], opt(c.reported.map(|n| n.to_string())), "{line}");
        assert_eq!(f[13], opt(c.estimated.map(|n| n.to_string())), "{line}");
        assert_eq!(
            f[14],
            opt(c.interval.map(|[lo, _]| lo.to_string())),
            "{line}"
        );
        assert_eq!(
            f[15],
            opt(c.interval.map(|[_, hi]| hi.to_string())),
            "{line}"
        );
        assert_eq!(f[16], c.enough_reports.to_string());
        assert_eq!(f[17], t.debiased.to_string());
        assert_eq!(f[19], c.suppressed.to_string());
        // Every debiased, visible figure carries its interval, around its estimate.
        if t.debiased && !c.suppressed {
            let [lo, hi] = c.interval.expect("an interval");
            let e = c.estimated.unwrap();
            assert!(lo <= e && e <= hi, "{line}");
        } else {
            assert!(c.interval.is_none(), "{line}");
        }
        rows += 1;
    }
    assert!(lines.next().is_none());
    assert_eq!(
        rows,
        agg.bands
            .iter()
            .chain(&agg.answers)
            .map(|t| t.cells.len())
            .sum::<usize>()
    );
}

// ---- The attack ----------------------------------------------------------------------------

/// One published table as the attacker reads it from the JSON.
struct Published {
    /// The table's total is the group's report count (a scale; or a sensitive question with no
    /// condition under randomized response, which every report carries).
    whole_group: bool,
    multi: bool,
    n: Option<u64>,
    cells: Vec<Option<u64>>,
    exclusive: Vec<bool>,
    /// The true values (for the sanity check only; the solver never reads them).
    truth: Vec<u64>,
    true_n: u64,
}

/// What the solver found for one group: per hidden cell (table, cell) its range over every
/// solution consistent with the published numbers, and the same for hidden totals.
struct Ranges {
    cells: BTreeMap<(usize, usize), (u64, u64)>,
    totals: BTreeMap<usize, (u64, u64)>,
}

/// Every value of a hidden cell the published figures allow, over every integer solution of:
/// each table's cells sum to its `n` (single choice) or at least to it with each cell at most
/// `n` and the exclusive answers plus the reports with any other answer making `n` (multi);
/// every scale's `n`, and every always-carried sensitive question's, is the group's size T;
/// every other `n` is at most T; a hidden `n` is below the threshold; hidden cells are
/// non-negative. (Suppression linked across pooled tables may hide any cell, so the solver
/// assumes nothing about hidden cells' sizes beyond that.)
fn solve(tables: &[Published], min_cell: u64) -> Option<Ranges> {
    const T_MAX: u64 = 60;
    let known_t = tables.iter().filter(|t| t.whole_group).find_map(|t| t.n);
    let (lo, hi) = match known_t {
        Some(t) => (t, t),
        None if tables.iter().any(|t| t.whole_group) => (1, min_cell - 1),
        None => (1, T_MAX),
    };
    let mut ranges = Ranges {
        cells: BTreeMap::new(),
        totals: BTreeMap::new(),
    };
    let mut feasible_any = false;
    let widen = |r: &mut (u64, u64), v: u64| {
        r.0 = r.0.min(v);
        r.1 = r.1.max(v);
    };
    for t in lo..=hi {
        let mut per_t = Vec::new();
        let mut ok = true;
        for (ti, table) in tables.iter().enumerate() {
            let ns: Vec<u64> = match (table.n, table.whole_group) {
                (Some(n), true) if n == t => vec![n],
                (Some(n), false) if n <= t => vec![n],
                (Some(_), _) => vec![],
                (None, true) if t < min_cell => vec![t],
                (None, true) => vec![],
                (None, false) => (1..=t.min(min_cell - 1)).collect(),
            };
            let mut found: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
            let mut n_range: Option<(u64, u64)> = None;
            for n in ns {
                let solutions = solutions(table, n);
                if solutions.is_empty() {
                    continue;
                }
                let r = n_range.get_or_insert((n, n));
                widen(r, n);
                for s in solutions {
                    for (ci, v) in s {
                        widen(found.entry(ci).or_insert((v, v)), v);
                    }
                }
            }
            let Some(n_range) = n_range else {
                ok = false;
                break;
            };
            per_t.push((ti, found, n_range));
        }
        if !ok {
            continue;
        }
        feasible_any = true;
        for (ti, found, n_range) in per_t {
            for (ci, (a, b)) in found {
                let r = ranges.cells.entry((ti, ci)).or_insert((a, b));
                widen(r, a);
                widen(r, b);
            }
            if tables[ti].n.is_none() {
                let r = ranges.totals.entry(ti).or_insert(n_range);
                widen(r, n_range.0);
                widen(r, n_range.1);
            }
        }
    }
    feasible_any.then_some(ranges)
}

/// Every assignment of a table's hidden cells consistent with total `n`.
fn solutions(table: &Published, n: u64) -> Vec<Vec<(usize, u64)>> {
    let hidden: Vec<usize> = (0..table.cells.len())
        .filter(|&i| table.cells[i].is_none())
        .collect();
    let bound = n;
    let visible_sum: u64 = table.cells.iter().flatten().sum();
    let mut out = Vec::new();
    let mut current = vec![0u64; hidden.len()];
    fn walk(
        i: usize,
        current: &mut Vec<u64>,
        bound: u64,
        budget: Option<u64>,
        accept: &dyn Fn(&[u64]) -> bool,
        out: &mut Vec<Vec<u64>>,
    ) {
        if i == current.len() {
            if accept(current) {
                out.push(current.clone());
            }
            return;
        }
        let top = budget.map_or(bound, |b| b.min(bound));
        for v in 0..=top {
            current[i] = v;
            walk(i + 1, current, bound, budget.map(|b| b - v), accept, out);
        }
    }
    let accept = |values: &[u64]| -> bool {
        let mut all = table.cells.clone();
        for (&i, &v) in hidden.iter().zip(values) {
            all[i] = Some(v);
        }
        let all: Vec<u64> = all.into_iter().map(Option::unwrap).collect();
        if table.multi {
            if all.iter().any(|&c| c > n) || all.iter().sum::<u64>() < n {
                return false;
            }
            let exclusive: u64 = all
                .iter()
                .zip(&table.exclusive)
                .filter(|(_, e)| **e)
                .map(|(c, _)| c)
                .sum();
            let others: Vec<u64> = all
                .iter()
                .zip(&table.exclusive)
                .filter(|(_, e)| !**e)
                .map(|(c, _)| *c)
                .collect();
            let (lo, hi) = (
                others.iter().copied().max().unwrap_or(0),
                others.iter().sum::<u64>(),
            );
            exclusive <= n && (lo..=hi).contains(&(n - exclusive))
        } else {
            all.iter().sum::<u64>() == n
        }
    };
    let budget = if table.multi {
        None
    } else if n >= visible_sum {
        Some(n - visible_sum)
    } else {
        return out;
    };
    let mut raw = Vec::new();
    walk(0, &mut current, bound, budget, &accept, &mut raw);
    for values in raw {
        out.push(hidden.iter().copied().zip(values).collect());
    }
    out
}

/// The published JSON as the attacker reads it, grouped; each table paired with the truth
/// from an unsuppressed run (`min_cell` 0) for the sanity check.
fn published(d: &Definition, json: &Value, truth: &Aggregates) -> BTreeMap<String, Vec<Published>> {
    let truth = serde_json::to_value(truth).unwrap();
    let mut groups: BTreeMap<String, Vec<Published>> = BTreeMap::new();
    for kind in ["bands", "answers"] {
        for (t, real) in json[kind]
            .as_array()
            .unwrap()
            .iter()
            .zip(truth[kind].as_array().unwrap())
        {
            if t["period_kind"] != "month" || t["all_partners"] == true {
                continue;
            }
            let key = format!(
                "{}/{}/{}/{}",
                t["version"], t["month"], t["partner"], t["privacy"]
            );
            assert_eq!(t["scale"], real["scale"]);
            assert_eq!(t["question"], real["question"]);
            let question = t["question"].as_str().and_then(|q| d.question(q));
            let whole_group = match question {
                None => true,
                Some(q) => q.sensitive && q.show_if.is_none() && t["debiased"] == true,
            };
            let cells = t["cells"].as_array().unwrap();
            groups.entry(key).or_default().push(Published {
                whole_group,
                multi: t["multi"] == true,
                n: t["n"].as_u64(),
                cells: cells.iter().map(|c| c["reported"].as_u64()).collect(),
                exclusive: cells
                    .iter()
                    .map(|c| question.is_some_and(|q| q.is_exclusive(c["value"].as_str().unwrap())))
                    .collect(),
                truth: real["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["reported"].as_u64().unwrap())
                    .collect(),
                true_n: real["n"].as_u64().unwrap(),
            });
        }
    }
    groups
}

/// A random small data set: 1-2 months, 1-3 partners, each with reports under one or two
/// privacy settings, 1-16 reports per group.
fn data_set(d: &Definition, rng: &mut SplitMix64) -> Vec<Payload> {
    let months: Vec<String> = (0..1 + rng.below(2).unwrap())
        .map(|m| format!("2026-1{m}"))
        .collect();
    let partners = 1 + rng.below(3).unwrap();
    groups_of_reports(d, rng, &months, partners)
}

/// For each month and partner `p0`, `p1`…, and each of two privacy settings, in two cases out
/// of three a group of 1-16 random reports.
fn groups_of_reports(
    d: &Definition,
    rng: &mut SplitMix64,
    months: &[String],
    partners: u32,
) -> Vec<Payload> {
    let mut payloads = Vec::new();
    for m in months {
        for p in 0..partners {
            for privacy in [Privacy::NONE, Privacy::randomized(2.0)] {
                if rng.below(3).unwrap() == 0 {
                    continue;
                }
                let size = 1 + rng.below(16).unwrap();
                let ctx = context(&format!("p{p}"), m, privacy);
                for _ in 0..size {
                    let given = random_answers(d, rng);
                    payloads.push(build(d, &given, &ctx, rng));
                }
            }
        }
    }
    payloads
}

struct Tally {
    data_sets: usize,
    tables: usize,
    hidden_cells: usize,
    hidden_totals: usize,
    complementary: usize,
    pinned: Vec<String>,
}

fn attack(data_sets: usize, min_cell: u64) -> Tally {
    let d = fixture();
    let mut rng = SplitMix64(0x5EED_0009);
    let mut tally = Tally {
        data_sets,
        tables: 0,
        hidden_cells: 0,
        hidden_totals: 0,
        complementary: 0,
        pinned: Vec::new(),
    };
    for set in 0..data_sets {
        let payloads = data_set(&d, &mut rng);
        let agg = aggregate("fixture", &payloads, |v| (v == 1).then_some(&d), min_cell);
        let csv = agg.to_csv();
        assert_csv_matches(&agg, &csv);
        let json = serde_json::to_value(&agg).unwrap();
        let truth = aggregate("fixture", &payloads, |v| (v == 1).then_some(&d), 0);
        for (key, tables) in published(&d, &json, &truth) {
            tally.tables += tables.len();
            let ranges = solve(&tables, min_cell)
                .unwrap_or_else(|| panic!("data set {set}, {key}: the truth must be a solution"));
            for (ti, t) in tables.iter().enumerate() {
                for (ci, c) in t.cells.iter().enumerate() {
                    if c.is_some() {
                        continue;
                    }
                    tally.hidden_cells += 1;
                    if t.truth[ci] >= min_cell {
                        tally.complementary += 1;
                    }
                    let (lo, hi) = ranges.cells[&(ti, ci)];
                    assert!((lo..=hi).contains(&t.truth[ci]), "solver lost the truth");
                    if lo == hi {
                        tally.pinned.push(format!(
                            "data set {set}, {key}, table {ti}, cell {ci} = {lo}"
                        ));
                    }
                }
                if t.n.is_none() {
                    tally.hidden_totals += 1;
                    let (lo, hi) = ranges.totals[&ti];
                    assert!((lo..=hi).contains(&t.true_n), "solver lost the truth");
                    if lo == hi {
                        tally
                            .pinned
                            .push(format!("data set {set}, {key}, table {ti}, n = {lo}"));
                    }
                }
            }
        }
    }
    tally
}

#[test]
fn no_suppressed_cell_can_be_recovered_from_the_published_figures() {
    for min_cell in [5, 3] {
        let tally = attack(150, min_cell);
        println!(
            "min_cell {min_cell}: {} data sets, {} tables, {} hidden cells ({} complementary), {} hidden totals, {} pinned",
            tally.data_sets,
            tally.tables,
            tally.hidden_cells,
            tally.complementary,
            tally.hidden_totals,
            tally.pinned.len()
        );
        assert!(tally.hidden_cells > 1000, "the data sets have small cells");
        assert!(
            tally.complementary > 50,
            "complementary suppression was exercised"
        );
        assert_none_pinned(&tally.pinned);
    }
}

/// Fails with the first ten hidden values an attack recovered, if any.
#[track_caller]
fn assert_none_pinned(pinned: &[String]) {
    assert!(
        pinned.is_empty(),
        "{} hidden values recovered exactly, e.g.:\n{}",
        pinned.len(),
        pinned[..pinned.len().min(10)].join("\n")
    );
}

/// The collector keeps only the sums of every report's counters (updated as reports arrive);
/// the tables built from those sums, in whatever order they are read, are the tables built
/// from the reports themselves.
#[test]
fn aggregates_from_summed_counters_equal_aggregates_from_reports() {
    use screening::aggregate::{CountRow, Counter, aggregate_counts, counters};
    let d = fixture();
    let mut rng = SplitMix64(7);
    let mut payloads = Vec::new();
    for i in 0..3_000u32 {
        let privacy = match i % 3 {
            0 => Privacy::randomized(1.0),
            1 => Privacy::randomized(2.0),
            _ => Privacy::NONE,
        };
        let partner = ["a", "b", "c", "d"][i as usize % 4];
        let month = ["2026-10", "2026-11"][(i / 7) as usize % 2];
        let mut given = random_answers(&d, &mut rng);
        if privacy == Privacy::NONE {
            // Sensitive answers are not sent without randomization.
            given = Answers::default();
            given.set("work", Answer::One("long".into()));
        }
        payloads.push(build(
            &d,
            &given,
            &context(partner, month, privacy),
            &mut rng,
        ));
    }
    type Key = (u32, String, Option<String>, String, Counter);
    let mut sums: BTreeMap<Key, (Privacy, u64)> = BTreeMap::new();
    for p in &payloads {
        for c in counters(p, &d) {
            let privacy = format!("{:?}", p.privacy);
            let key = (
                p.questionnaire_version,
                p.month.clone(),
                p.partner.clone(),
                privacy,
                c,
            );
            sums.entry(key).or_insert((p.privacy, 0)).1 += 1;
        }
    }
    // Stored as strings and read back in reverse order.
    let rows: Vec<CountRow> = sums
        .into_iter()
        .rev()
        .map(
            |((version, month, partner, _, counter), (privacy, count))| {
                let (kind, field, value) = counter.to_parts();
                CountRow {
                    version,
                    month,
                    partner,
                    privacy,
                    counter: Counter::from_parts(kind, field, value).unwrap(),
                    count,
                }
            },
        )
        .collect();
    for min_cell in [0, 5, 40] {
        let scanned = aggregate("fixture", &payloads, |v| (v == 1).then_some(&d), min_cell);
        let summed = aggregate_counts(
            "fixture",
            rows.clone(),
            |v| (v == 1).then_some(&d),
            min_cell,
        );
        assert_eq!(scanned, summed, "min_cell {min_cell}");
        let monthly: Vec<_> = summed
            .reports
            .iter()
            .filter(|g| g.scope.month.is_some() && !g.scope.all_partners)
            .collect();
        assert_eq!(monthly.len(), 4 * 2 * 3);
        let total: u64 = monthly.iter().map(|g| g.n.unwrap_or(0)).sum();
        if min_cell <= 5 {
            assert_eq!(total, 3_000);
        }
    }
}

/// The standard error published with a debiased count is the spread of that estimate over
/// repeated randomizations of the same true answers (within 15 %).
#[test]
fn the_standard_error_of_a_debiased_count_matches_its_spread() {
    let d = fixture();
    let mut rng = SplitMix64(99);
    let ctx = context("p", "2026-11", Privacy::randomized(2.0));
    let runs = 200;
    let mut estimates = Vec::new();
    let mut errors = Vec::new();
    for _ in 0..runs {
        let payloads: Vec<Payload> = (0..400)
            .map(|i| {
                let mut given = Answers::default();
                given.set("hit", Answer::One(["no", "once", "often"][i % 3].into()));
                build(&d, &given, &ctx, &mut rng)
            })
            .collect();
        let agg = aggregate("fixture", &payloads, |_| Some(&d), 0);
        let hit = table(&agg.answers, "hit");
        assert!(hit.debiased);
        let once = hit.cells.iter().find(|c| c.value == "once").unwrap();
        estimates.push(once.estimated.unwrap());
        errors.push(
            once.standard_error
                .expect("a debiased cell has a standard error"),
        );
        let work = table(&agg.bands, "conditions");
        assert!(work.cells.iter().all(|c| c.standard_error.is_none()));
    }
    let mean = estimates.iter().sum::<f64>() / runs as f64;
    let spread =
        (estimates.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / (runs as f64 - 1.0)).sqrt();
    let said = errors.iter().sum::<f64>() / runs as f64;
    assert!(
        (said / spread - 1.0).abs() < 0.15,
        "standard error {said:.1}, observed spread {spread:.1}"
    );
}

// ---- The attack on linked tables -------------------------------------------------------------

/// Integer equalities over bounded non-negative variables: the hidden monthly cells of one
/// field, with everything the published tables say about them.
struct System {
    upper: Vec<u64>,
    /// (variables, their sum).
    equations: Vec<(Vec<usize>, u64)>,
}

/// What [`System::feasible`] found: a solution, none, or it gave up.
#[derive(PartialEq, Debug)]
enum Found {
    Yes,
    No,
    GaveUp,
}

impl System {
    /// Whether some solution also satisfies `extra`; a depth-first search that tries each
    /// variable's values nearest to `guide` first (which only orders the search) and prunes on
    /// every equation's bounds.
    fn feasible(&self, extra: &(Vec<usize>, u64), guide: &[u64]) -> Found {
        let mut equations: Vec<&(Vec<usize>, u64)> = self.equations.iter().collect();
        equations.push(extra);
        let mut of_var: Vec<Vec<usize>> = vec![Vec::new(); self.upper.len()];
        for (e, (vars, _)) in equations.iter().enumerate() {
            for &v in vars {
                of_var[v].push(e);
            }
        }
        let mut sum = vec![0u64; equations.len()];
        let mut room: Vec<u64> = equations
            .iter()
            .map(|(vars, _)| vars.iter().map(|&v| self.upper[v]).sum())
            .collect();
        // Variables in breadth-first order from the extra equation's, so that the few a
        // different solution changes come early and backtracking reaches them soon.
        let mut order: Vec<usize> = Vec::new();
        let mut seen = vec![false; self.upper.len()];
        let mut queue: std::collections::VecDeque<usize> = extra.0.iter().copied().collect();
        loop {
            while let Some(v) = queue.pop_front() {
                if std::mem::replace(&mut seen[v], true) {
                    continue;
                }
                order.push(v);
                for &e in &of_var[v] {
                    queue.extend(equations[e].0.iter().copied().filter(|&w| !seen[w]));
                }
            }
            match seen.iter().position(|s| !s) {
                Some(v) => queue.push_back(v),
                None => break,
            }
        }
        let mut budget = 2_000_000u64;
        #[allow(clippy::too_many_arguments)]
        fn walk(
            k: usize,
            order: &[usize],
            s: &System,
            eqs: &[&(Vec<usize>, u64)],
            of_var: &[Vec<usize>],
            sum: &mut [u64],
            room: &mut [u64],
            guide: &[u64],
            budget: &mut u64,
        ) -> Found {
            let Some(&i) = order.get(k) else {
                return Found::Yes;
            };
            let top = s.upper[i];
            let g = guide[i].min(top) as i64;
            let mut values: Vec<u64> = (0..=top).collect();
            values.sort_by_key(|&v| (v as i64 - g).abs());
            let mut gave_up = false;
            for v in values {
                if *budget == 0 {
                    return Found::GaveUp;
                }
                *budget -= 1;
                let ok = of_var[i].iter().all(|&e| {
                    let total = sum[e] + v;
                    let left = room[e] - top;
                    total <= eqs[e].1 && total + left >= eqs[e].1
                });
                if !ok {
                    continue;
                }
                for &e in &of_var[i] {
                    sum[e] += v;
                    room[e] -= top;
                }
                let r = walk(k + 1, order, s, eqs, of_var, sum, room, guide, budget);
                for &e in &of_var[i] {
                    sum[e] -= v;
                    room[e] += top;
                }
                match r {
                    Found::Yes => return Found::Yes,
                    Found::GaveUp => gave_up = true,
                    Found::No => {}
                }
            }
            if gave_up { Found::GaveUp } else { Found::No }
        }
        walk(
            0,
            &order,
            self,
            &equations,
            &of_var,
            &mut sum,
            &mut room,
            guide,
            &mut budget,
        )
    }
}

/// A random data set over a quarter's and a year's end: 1-4 of the months 2026-11 to 2027-02,
/// 1-3 partners, reports under two privacy settings, 1-16 reports per group.
fn linked_data_set(d: &Definition, rng: &mut SplitMix64) -> Vec<Payload> {
    let months: Vec<String> = ["2026-11", "2026-12", "2027-01", "2027-02"]
        .into_iter()
        .filter(|_| rng.below(3).unwrap() > 0)
        .map(str::to_owned)
        .collect();
    let partners = 1 + rng.below(3).unwrap();
    groups_of_reports(d, rng, &months, partners)
}

/// Tallies of [`linked_attack`].
#[derive(Default, Debug)]
struct LinkedTally {
    fields: usize,
    pooled_tables: usize,
    hidden_monthly: usize,
    hidden_pooled: usize,
    pinned: Vec<String>,
    gave_up: usize,
}

/// For every field of every family (version and privacy setting): the hidden monthly cells as
/// unknowns bounded by their table's `n` (which the attacker is given, for every group), each
/// monthly table's cells summing to its `n`, and every visible pooled cell the sum of the
/// monthly cells it covers (which the attacker reads from its scope). A hidden cell, monthly or
/// pooled, is pinned when no solution gives it another value.
fn linked_attack(data_sets: usize, min_cell: u64, seed: u64) -> LinkedTally {
    let d = fixture();
    let mut rng = SplitMix64(seed);
    let mut tally = LinkedTally::default();
    for set in 0..data_sets {
        let payloads = linked_data_set(&d, &mut rng);
        let agg = aggregate("fixture", &payloads, |v| (v == 1).then_some(&d), min_cell);
        let truth = aggregate("fixture", &payloads, |v| (v == 1).then_some(&d), 0);
        assert_csv_matches(&agg, &agg.to_csv());
        let tables: Vec<(&screening::aggregate::Table, &screening::aggregate::Table)> = agg
            .bands
            .iter()
            .zip(&truth.bands)
            .chain(agg.answers.iter().zip(&truth.answers))
            .filter(|(t, _)| !t.multi)
            .collect();
        // Fields: (version, privacy, scale or question).
        let mut fields: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, (t, real)) in tables.iter().enumerate() {
            assert_eq!(t.scope, real.scope);
            let key = format!(
                "{}/{:?}/{:?}/{:?}",
                t.scope.version, t.scope.privacy, t.scale, t.question
            );
            fields.entry(key).or_default().push(i);
        }
        for (key, members) in fields {
            tally.fields += 1;
            let monthly: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| {
                    let s = &tables[i].0.scope;
                    s.period_kind == screening::aggregate::PeriodKind::Month && !s.all_partners
                })
                .collect();
            // Unknowns: the hidden monthly cells.
            let mut var: BTreeMap<(usize, usize), usize> = BTreeMap::new();
            let mut system = System {
                upper: Vec::new(),
                equations: Vec::new(),
            };
            let mut guide = Vec::new();
            for &i in &monthly {
                let (t, real) = tables[i];
                let n = real.n.unwrap();
                let mut vars = Vec::new();
                let mut visible = 0;
                for (c, cell) in t.cells.iter().enumerate() {
                    match cell.reported {
                        Some(r) => visible += r,
                        None => {
                            var.insert((i, c), system.upper.len());
                            vars.push(system.upper.len());
                            system.upper.push(n);
                            guide.push(real.cells[c].reported.unwrap());
                        }
                    }
                }
                if !vars.is_empty() {
                    system.equations.push((vars, n - visible));
                }
            }
            // Which monthly tables a pooled one covers, from the scopes alone.
            let covers = |pool: &screening::aggregate::Scope| -> Vec<usize> {
                monthly
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let s = &tables[i].0.scope;
                        pool.period_kind.of(s.month.as_deref().unwrap()) == pool.period
                            && (pool.all_partners || pool.partner == s.partner)
                    })
                    .collect()
            };
            // Each hidden cell's unknowns and known part, and its true value.
            let mut targets: Vec<(String, Vec<usize>, u64, u64)> = Vec::new();
            for &i in &members {
                let (t, real) = tables[i];
                let is_monthly = monthly.contains(&i);
                if !is_monthly {
                    tally.pooled_tables += 1;
                }
                let covered = if is_monthly {
                    vec![i]
                } else {
                    covers(&t.scope)
                };
                for (c, cell) in t.cells.iter().enumerate() {
                    let mut vars = Vec::new();
                    let mut known = 0;
                    for &j in &covered {
                        match var.get(&(j, c)) {
                            Some(&x) => vars.push(x),
                            None => known += tables[j].0.cells[c].reported.unwrap(),
                        }
                    }
                    let true_value = real.cells[c].reported.unwrap();
                    match cell.reported {
                        Some(r) => {
                            assert_eq!(r, true_value);
                            if !vars.is_empty() {
                                system.equations.push((vars, r - known));
                            } else {
                                assert_eq!(known, r, "{key}: a pooled cell is its months' sum");
                            }
                        }
                        None => {
                            if is_monthly {
                                tally.hidden_monthly += 1;
                            } else {
                                tally.hidden_pooled += 1;
                            }
                            let name = format!(
                                "data set {set}, {key}, {} {} {:?}{}, cell {}",
                                t.scope.period_kind.name(),
                                t.scope.period,
                                t.scope.partner,
                                if t.scope.all_partners { " (all)" } else { "" },
                                cell.value
                            );
                            targets.push((name, vars, known, true_value));
                        }
                    }
                }
            }
            assert_eq!(
                system.feasible(&(Vec::new(), 0), &guide),
                Found::Yes,
                "{key}: the truth must be a solution"
            );
            for (name, vars, known, true_value) in targets {
                let unknown_truth = true_value - known;
                let top: u64 = vars.iter().map(|&v| system.upper[v]).sum();
                let mut other = None;
                for step in 1..=top {
                    let candidates = [unknown_truth.checked_sub(step), Some(unknown_truth + step)];
                    for w in candidates.into_iter().flatten().filter(|w| *w <= top) {
                        match system.feasible(&(vars.clone(), w), &guide) {
                            Found::Yes => {
                                other = Some(Found::Yes);
                                break;
                            }
                            Found::GaveUp => other = Some(Found::GaveUp),
                            Found::No => {}
                        }
                    }
                    if other == Some(Found::Yes) {
                        break;
                    }
                }
                match other {
                    Some(Found::Yes) => {}
                    Some(Found::GaveUp) => tally.gave_up += 1,
                    _ => tally.pinned.push(format!("{name} = {true_value}")),
                }
            }
        }
    }
    tally
}

#[test]
fn no_hidden_cell_can_be_recovered_from_monthly_and_pooled_tables_together() {
    for (min_cell, seed) in [(5, 0x5EED_0010), (3, 0x5EED_0011)] {
        let tally = linked_attack(120, min_cell, seed);
        println!(
            "min_cell {min_cell}: {} fields, {} pooled tables, {} hidden monthly cells, {} hidden pooled cells, {} pinned",
            tally.fields,
            tally.pooled_tables,
            tally.hidden_monthly,
            tally.hidden_pooled,
            tally.pinned.len()
        );
        assert!(tally.pooled_tables > 1000, "pooled tables were published");
        assert!(
            tally.hidden_monthly > 500 && tally.hidden_pooled > 100,
            "small cells were hidden"
        );
        assert_eq!(tally.gave_up, 0, "the solver decided every cell");
        assert_none_pinned(&tally.pinned);
    }
}

/// What pooling is for: a partner's three months, each too small to show, make a quarter that
/// shows (the months trade reports among themselves, so the quarter gives none of them away);
/// the same holds for all partners together.
#[test]
fn a_quarter_shows_what_its_months_are_too_small_to_show() {
    use screening::aggregate::PeriodKind;
    let d = fixture();
    let mut rng = SplitMix64(4);
    let mut payloads = Vec::new();
    for month in ["2026-10", "2026-11", "2026-12"] {
        for partner in ["a", "b"] {
            for i in 0..4 {
                let mut given = Answers::default();
                given.set("work", Answer::One(["ok", "long"][i % 2].into()));
                payloads.push(build(
                    &d,
                    &given,
                    &context(partner, month, Privacy::NONE),
                    &mut rng,
                ));
            }
        }
    }
    let agg = aggregate("fixture", &payloads, |_| Some(&d), 5);
    let work: Vec<_> = agg
        .answers
        .iter()
        .filter(|t| t.question.as_deref() == Some("work"))
        .collect();
    let cells = |kind: PeriodKind, all: bool, partner: Option<&str>| -> Vec<Option<u64>> {
        let t = work
            .iter()
            .find(|t| {
                t.scope.period_kind == kind
                    && t.scope.all_partners == all
                    && t.scope.partner.as_deref() == partner
            })
            .unwrap_or_else(|| panic!("no {kind:?} table for {partner:?}"));
        t.cells.iter().map(|c| c.reported).collect()
    };
    assert_eq!(
        cells(PeriodKind::Month, false, Some("a")),
        [None, None, None]
    );
    // ok 6, long 6, "I don't know" 0: the zero is hidden, and one more with it (a lone
    // hidden zero would be pinned by the total).
    assert_eq!(
        cells(PeriodKind::Quarter, false, Some("a")),
        [None, Some(6), None]
    );
    assert_eq!(
        cells(PeriodKind::Quarter, true, None),
        [None, Some(12), None]
    );
    // The year covers the same reports as the quarter: not repeated.
    assert!(work.iter().all(|t| t.scope.period_kind != PeriodKind::Year));
}
