//! Aggregates the collector publishes: counts per band per scale per month per partner, and
//! answer distributions per question (debiased where answers were randomized). Every cell
//! below the small-cell threshold is suppressed, so no published number points at a person.

use crate::definition::{Definition, Mechanism};
use crate::payload::Payload;
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
    pub bands: Vec<BandCell>,
    pub answers: Vec<Distribution>,
}

/// How many reports landed in one band, for one version, month, partner and scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandCell {
    pub version: u32,
    pub month: String,
    pub partner: Option<String>,
    pub scale: String,
    pub band: String,
    /// `None` when suppressed.
    pub count: Option<u64>,
    pub suppressed: bool,
}

/// The answers to one question, for one version and one privacy setting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub version: u32,
    pub question: String,
    pub mechanism: Mechanism,
    /// The randomized-response parameter, when randomized.
    pub epsilon: Option<f64>,
    /// Reports that answered this question; `None` when suppressed.
    pub n: Option<u64>,
    pub suppressed: bool,
    pub cells: Vec<AnswerCell>,
}

/// One answer's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerCell {
    pub answer: String,
    /// Reports carrying this answer (as sent, so randomized where randomized).
    pub reported: Option<u64>,
    /// The estimated true count: the reported count, or for randomized answers the debiased
    /// estimate (rounded to one decimal, clamped to 0..n).
    pub estimated: Option<f64>,
    pub suppressed: bool,
}

/// Aggregates `payloads` (all of questionnaire `id`); `definition` gives each version's
/// questions and answers. Payloads whose version has no definition are skipped.
pub fn aggregate<'d>(
    id: &str,
    payloads: &[Payload],
    definition: impl Fn(u32) -> Option<&'d Definition>,
    min_cell: u64,
) -> Aggregates {
    type BandKey = (u32, String, Option<String>, String, String);
    let mut bands: BTreeMap<BandKey, u64> = BTreeMap::new();
    // (version, question, mechanism, epsilon bits) -> answer -> count
    type AnswerKey = (u32, String, Mechanism, Option<u64>);
    let mut answers: BTreeMap<AnswerKey, BTreeMap<String, u64>> = BTreeMap::new();
    for p in payloads.iter().filter(|p| p.questionnaire == id) {
        let Some(d) = definition(p.questionnaire_version) else {
            continue;
        };
        for (scale, band) in &p.bands {
            let key = (
                p.questionnaire_version,
                p.month.clone(),
                p.partner.clone(),
                scale.clone(),
                band.clone(),
            );
            *bands.entry(key).or_default() += 1;
        }
        let epsilon = p.privacy.randomized_epsilon();
        for (qid, answer) in &p.answers {
            let Some(q) = d.question(qid) else { continue };
            // Only sensitive answers were randomized; the others are plain in any report.
            let (mechanism, eps) = match (q.sensitive, epsilon) {
                (true, Some(e)) => (Mechanism::RandomizedResponse, Some(e.to_bits())),
                _ => (Mechanism::None, None),
            };
            let counts = answers
                .entry((p.questionnaire_version, qid.clone(), mechanism, eps))
                .or_default();
            for a in answer.ids() {
                *counts.entry(a.clone()).or_default() += 1;
            }
        }
    }
    let suppress = |c: u64| c < min_cell;
    let bands = bands
        .into_iter()
        .map(|((version, month, partner, scale, band), count)| BandCell {
            version,
            month,
            partner,
            scale,
            band,
            count: (!suppress(count)).then_some(count),
            suppressed: suppress(count),
        })
        .collect();
    let mut distributions = Vec::new();
    for ((version, qid, mechanism, eps), counts) in answers {
        let Some(q) = definition(version).and_then(|d| d.question(&qid)) else {
            continue;
        };
        let domain = q.answer_ids();
        let reported: Vec<u64> = domain
            .iter()
            .map(|a| counts.get(*a).copied().unwrap_or(0))
            .collect();
        // For single-choice questions each report answers once; multi-select may tick several.
        let n = reported.iter().sum::<u64>();
        let epsilon = eps.map(f64::from_bits);
        let estimated: Vec<f64> = match epsilon {
            Some(e) => debias(&reported, e)
                .into_iter()
                .map(|x| (x.clamp(0.0, n as f64) * 10.0).round() / 10.0)
                .collect(),
            None => reported.iter().map(|&c| c as f64).collect(),
        };
        let whole = suppress(n);
        let cells = domain
            .iter()
            .zip(reported.iter().zip(estimated))
            .map(|(a, (&r, e))| {
                let hide = whole || suppress(r);
                AnswerCell {
                    answer: (*a).to_owned(),
                    reported: (!hide).then_some(r),
                    estimated: (!hide).then_some(e),
                    suppressed: hide,
                }
            })
            .collect();
        distributions.push(Distribution {
            version,
            question: qid,
            mechanism,
            epsilon,
            n: (!whole).then_some(n),
            suppressed: whole,
            cells,
        });
    }
    Aggregates {
        questionnaire: id.to_owned(),
        min_cell,
        bands,
        answers: distributions,
    }
}

impl Aggregates {
    /// The same figures as CSV, one row per cell, suppressed cells left empty.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "kind,questionnaire,version,month,partner,scale_or_question,band_or_answer,mechanism,epsilon,count,estimated,suppressed\n",
        );
        let opt = |v: Option<String>| v.unwrap_or_default();
        for b in &self.bands {
            out.push_str(&csv_row(&[
                "band",
                &self.questionnaire,
                &b.version.to_string(),
                &b.month,
                &opt(b.partner.clone()),
                &b.scale,
                &b.band,
                "",
                "",
                &opt(b.count.map(|c| c.to_string())),
                "",
                &b.suppressed.to_string(),
            ]));
        }
        for d in &self.answers {
            let mechanism = match d.mechanism {
                Mechanism::None => "none",
                Mechanism::RandomizedResponse => "randomized_response",
            };
            for c in &d.cells {
                out.push_str(&csv_row(&[
                    "answer",
                    &self.questionnaire,
                    &d.version.to_string(),
                    "",
                    "",
                    &d.question,
                    &c.answer,
                    mechanism,
                    &opt(d.epsilon.map(|e| e.to_string())),
                    &opt(c.reported.map(|r| r.to_string())),
                    &opt(c.estimated.map(|e| e.to_string())),
                    &c.suppressed.to_string(),
                ]));
            }
        }
        out
    }
}

/// One CSV line; fields are quoted when needed, and a leading `=`, `+`, `-` or `@` is
/// neutralised so a spreadsheet never runs a cell as a formula.
fn csv_row(fields: &[&str]) -> String {
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
