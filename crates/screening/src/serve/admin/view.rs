//! What the dashboard shows, before it is HTML or CSV: the filters chosen, the published
//! tables they select, the questionnaire's own words for its ids, and each chart with the
//! rows of its data table.

use super::super::AppState;
use super::super::svg::{self, Interval};
use super::words::{Lang, Word};
use crate::aggregate::{Aggregates, Cell, CountRow, PeriodKind, Scope, Table};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// The query string of `/admin` and `/admin/export.csv`.
#[derive(Deserialize, Default)]
pub struct DashboardQuery {
    questionnaire: Option<String>,
    from: Option<String>,
    to: Option<String>,
    partner: Option<String>,
    /// `month` (the default), `quarter` or `year`: which tables to show.
    period: Option<String>,
    /// One question's page (its answers, a small chart per group); without it, the overview.
    question: Option<String>,
    pub lang: Option<String>,
}

/// The filters in force, checked against what exists (what a link to another page keeps).
#[derive(Clone)]
pub struct Filters {
    pub lang: Lang,
    pub questionnaire: String,
    pub from: String,
    pub to: String,
    pub partner: String,
    pub period: PeriodKind,
    /// The question whose page this is; empty on the overview.
    pub question: String,
}

impl Filters {
    /// The query string that shows these filters again.
    pub fn query(&self) -> String {
        let mut pairs = vec![
            ("questionnaire", self.questionnaire.as_str()),
            ("from", &self.from),
            ("to", &self.to),
            ("partner", &self.partner),
            ("period", self.period.name()),
            ("lang", self.lang.tag()),
        ];
        if !self.question.is_empty() {
            pairs.push(("question", &self.question));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// What the filters selected, and the tables for it.
pub struct View {
    pub filters: Filters,
    pub questionnaires: Vec<String>,
    pub months: Vec<String>,
    pub partners: Vec<String>,
    pub aggregates: Aggregates,
    pub labels: Labels,
}

/// The part of the page a chart belongs to (also its `data-section` and its CSV `section`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Reports,
    Bands,
    Answers,
}

impl Section {
    pub fn name(self) -> &'static str {
        match self {
            Section::Reports => "reports",
            Section::Bands => "bands",
            Section::Answers => "answers",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Section::Reports => Word::Reports,
            Section::Bands => Word::Bands,
            Section::Answers => Word::Answers,
        }
        .text(lang)
    }
}

/// One row of a data table (and of the CSV).
pub struct Row {
    pub group: String,
    pub value: String,
    pub reported: String,
    pub estimated: String,
    pub interval: String,
    pub status: String,
}

/// The columns of a data table, in order.
pub const COLUMNS: [Word; 6] = [
    Word::Group,
    Word::Value,
    Word::Reported,
    Word::Estimated,
    Word::Interval,
    Word::Status,
];

pub struct Chart {
    pub section: Section,
    pub field: String,
    pub title: String,
    /// One chart over every group (the reports per group); empty when drawn as `minis`.
    pub svg: String,
    /// Small multiples: one narrow chart per group, with the group as its heading.
    pub minis: Vec<(String, String)>,
    pub rows: Vec<Row>,
}

/// The questionnaire's own words for its ids, in the reader's language: scale titles, band
/// titles, question texts and answer texts (from the newest version that has the id), so the
/// page says "Signs of forced labour or trafficking", not `coercion`. An id no version knows
/// stays as it is.
#[derive(Default)]
pub struct Labels(HashMap<String, String>);

impl Labels {
    fn of(versions: &[&screening_core::Definition], lang: Lang) -> Labels {
        let locale = lang.locale();
        let mut map = HashMap::new();
        let mut put = |key: String, text: &str| {
            map.entry(key).or_insert_with(|| text.to_owned());
        };
        for d in versions {
            for scale in d.scales() {
                put(format!("s:{}", scale.id), scale.title.get(locale));
                for band in &scale.bands {
                    put(
                        format!("b:{}:{}", scale.id, band.id),
                        band.title.get(locale),
                    );
                }
            }
            for q in d.questions() {
                put(format!("q:{}", q.id), q.text.get(locale));
                for c in &q.options {
                    put(format!("a:{}:{}", q.id, c.id), c.text.get(locale));
                }
            }
        }
        Labels(map)
    }

    fn get(&self, key: String, id: &str) -> String {
        self.0.get(&key).cloned().unwrap_or_else(|| id.to_owned())
    }

    fn scale(&self, id: &str) -> String {
        self.get(format!("s:{id}"), id)
    }

    fn band(&self, scale: &str, id: &str) -> String {
        self.get(format!("b:{scale}:{id}"), id)
    }

    pub fn question(&self, id: &str) -> String {
        self.get(format!("q:{id}"), id)
    }

    fn answer(&self, lang: Lang, question: &str, id: &str) -> String {
        match id {
            screening_core::definition::DONT_KNOW => Word::DontKnow.text(lang).to_owned(),
            screening_core::definition::SKIPPED => Word::Skipped.text(lang).to_owned(),
            _ => self.get(format!("a:{question}:{id}"), id),
        }
    }
}

impl View {
    /// Reads the counters, aggregates all of them (every published table, pooled ones
    /// included, comes from the same run of the linked suppression, whatever the filters:
    /// tables computed from a filtered subset could be subtracted from the full ones) and keeps
    /// the tables the filters select.
    pub async fn load(state: &Arc<AppState>, query: DashboardQuery) -> Result<View, String> {
        let lang = Lang::of(query.lang.as_deref());
        let questionnaires = state.registry.ids();
        let questionnaire = query
            .questionnaire
            .filter(|q| questionnaires.contains(q))
            .or_else(|| questionnaires.first().cloned())
            .unwrap_or_default();
        let rows: Vec<CountRow> = state.store.counts(&questionnaire).await?;
        let months: Vec<String> = rows
            .iter()
            .map(|r| r.month.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let partners: Vec<String> = rows
            .iter()
            .filter_map(|r| r.partner.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let from = query
            .from
            .filter(|m| months.contains(m))
            .unwrap_or_default();
        let to = query.to.filter(|m| months.contains(m)).unwrap_or_default();
        let partner = query
            .partner
            .filter(|p| partners.contains(p))
            .unwrap_or_default();
        let period = query
            .period
            .as_deref()
            .and_then(PeriodKind::from_name)
            .unwrap_or(PeriodKind::Month);
        let mut aggregates = super::super::published::Published::of(state, &questionnaire, rows)
            .await
            .map(|a| (*a).clone())?;
        // A pooled table is shown when its period overlaps the months chosen; with one partner
        // chosen, only that partner's tables.
        let shown = |s: &Scope| {
            let (first, last) = crate::aggregate::period::months_of(&s.period);
            s.period_kind == period
                && (from.is_empty() || last >= from)
                && (to.is_empty() || first <= to)
                && (partner.is_empty()
                    || (!s.all_partners && s.partner.as_deref() == Some(partner.as_str())))
        };
        aggregates.reports.retain(|g| shown(&g.scope));
        aggregates.bands.retain(|tb| shown(&tb.scope));
        aggregates.answers.retain(|tb| shown(&tb.scope));
        let labels = Labels::of(&state.registry.versions(&questionnaire), lang);
        let question = query
            .question
            .filter(|q| {
                aggregates
                    .answers
                    .iter()
                    .any(|t| t.question.as_ref() == Some(q))
            })
            .unwrap_or_default();
        Ok(View {
            filters: Filters {
                lang,
                questionnaire,
                from,
                to,
                partner,
                period,
                question,
            },
            questionnaires,
            months,
            partners,
            aggregates,
            labels,
        })
    }

    /// The questions with answers in the tables shown, in order.
    pub fn questions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for tb in &self.aggregates.answers {
            let q = tb.question.as_deref().unwrap_or_default();
            if !out.contains(&q) {
                out.push(q);
            }
        }
        out
    }

    /// The charts of this page, each with its data table's rows.
    pub fn charts(&self) -> Vec<Chart> {
        let lang = self.filters.lang;
        let a = &self.aggregates;
        let labels = &self.labels;
        let suppressed = Word::Suppressed.text(lang);
        let mut out = Vec::new();
        if self.filters.question.is_empty() {
            // Reports per group.
            let mut rows = Vec::new();
            let mut bars = Vec::new();
            for g in &a.reports {
                let label = group_label(lang, &g.scope);
                bars.push(Interval {
                    label: label.clone(),
                    value: g.n.map(|n| n as f64),
                    interval: None,
                    note: g.n.map_or(suppressed.to_owned(), |n| n.to_string()),
                });
                rows.push(Row {
                    group: label,
                    value: Word::N.text(lang).to_owned(),
                    reported: num(g.n),
                    estimated: num(g.n),
                    interval: String::new(),
                    status: if g.n.is_none() {
                        suppressed.to_owned()
                    } else {
                        String::new()
                    },
                });
            }
            if !bars.is_empty() {
                out.push(Chart {
                    section: Section::Reports,
                    field: String::new(),
                    title: Word::Reports.text(lang).to_owned(),
                    svg: svg::intervals(
                        "chart-reports",
                        Word::Reports.text(lang),
                        Word::ChartReports.text(lang),
                        &bars,
                    ),
                    minis: Vec::new(),
                    rows,
                });
            }
            // Bands: one figure per scale, a small chart per group.
            let mut scales: Vec<&str> = Vec::new();
            for tb in &a.bands {
                let s = tb.scale.as_deref().unwrap_or_default();
                if !scales.contains(&s) {
                    scales.push(s);
                }
            }
            for (si, scale) in scales.iter().enumerate() {
                let title = labels.scale(scale);
                let tables = a
                    .bands
                    .iter()
                    .filter(|tb| tb.scale.as_deref() == Some(scale));
                let (minis, rows) = small_multiples(
                    lang,
                    tables,
                    &format!("chart-band-{si}"),
                    &title,
                    |value| labels.band(scale, value),
                    |tb| {
                        if tb.debiased {
                            Word::ChartEstimates.text(lang)
                        } else {
                            Word::ChartBands.text(lang)
                        }
                    },
                );
                out.push(Chart {
                    section: Section::Bands,
                    field: (*scale).to_owned(),
                    title,
                    svg: String::new(),
                    minis,
                    rows,
                });
            }
            return out;
        }
        // One question's page: a small chart per group.
        let question = self.filters.question.as_str();
        let title = labels.question(question);
        let tables = a
            .answers
            .iter()
            .filter(|tb| tb.question.as_deref() == Some(question));
        let (minis, rows) = small_multiples(
            lang,
            tables,
            "chart-q",
            &title,
            |value| labels.answer(lang, question, value),
            |_| Word::ChartAnswers.text(lang),
        );
        out.push(Chart {
            section: Section::Answers,
            field: question.to_owned(),
            title,
            svg: String::new(),
            minis,
            rows,
        });
        out
    }
}

/// What a group or pool covers, as its charts and rows are headed: period, partner (or all
/// partners), version and privacy setting.
fn group_label(lang: Lang, scope: &Scope) -> String {
    let partner = if scope.all_partners {
        Word::AllPartners.text(lang).to_owned()
    } else {
        scope
            .partner
            .clone()
            .unwrap_or_else(|| Word::NoPartner.text(lang).to_owned())
    };
    let privacy = match scope.privacy.randomized_epsilon() {
        Some(e) => format!("ε {e}"),
        None => Word::None.text(lang).to_owned(),
    };
    format!(
        "{} · {partner} · v{} · {privacy}",
        scope.period, scope.version
    )
}

fn num(v: Option<u64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A debiased cell's 95 % interval, as the aggregates publish it.
fn interval(c: &Cell) -> Option<(f64, f64)> {
    c.interval.map(|[lo, hi]| (lo, hi))
}

/// A cell's estimate as the page shows it: the number, or "not enough reports yet" when its
/// interval is wider than the whole range (the estimate would say nothing).
fn shown_estimate(lang: Lang, c: &Cell) -> String {
    match c.estimated {
        Some(_) if !c.enough_reports => Word::TooFew.text(lang).to_owned(),
        e => e.map(|v| format!("{v}")).unwrap_or_default(),
    }
}

/// The bar of one cell in a small multiple: its count or estimate with the interval's whisker;
/// no bar (a grey placeholder) when hidden or when there are not enough reports yet. The note
/// after it is short (the table under the charts has the interval in figures).
fn estimate_bar(lang: Lang, label: String, c: &Cell) -> Interval {
    let value = c.estimated.filter(|_| c.enough_reports);
    Interval {
        label,
        value,
        interval: interval(c),
        note: match (c.estimated, value) {
            (None, _) => Word::Suppressed.text(lang).to_owned(),
            (Some(_), None) => Word::TooFewShort.text(lang).to_owned(),
            (Some(e), Some(_)) => format!("{e}"),
        },
    }
}

/// One narrow chart per table (each a group), its cells labelled by `label(value)` and headed
/// by the group, and the rows of the one data table under them.
fn small_multiples<'a>(
    lang: Lang,
    tables: impl Iterator<Item = &'a Table>,
    id: &str,
    title: &str,
    label: impl Fn(&str) -> String,
    desc: impl Fn(&Table) -> &'static str,
) -> (Vec<(String, String)>, Vec<Row>) {
    let mut minis = Vec::new();
    let mut rows = Vec::new();
    for (gi, tb) in tables.enumerate() {
        let group = group_label(lang, &tb.scope);
        let bars: Vec<Interval> = tb
            .cells
            .iter()
            .map(|c| {
                let value = label(&c.value);
                rows.push(row(lang, &group, value.clone(), c));
                estimate_bar(lang, value, c)
            })
            .collect();
        minis.push((
            group.clone(),
            svg::mini(
                &format!("{id}-{gi}"),
                &format!("{title}: {group}"),
                desc(tb),
                &bars,
            ),
        ));
    }
    (minis, rows)
}

/// One cell as a row of the data table (and of the CSV).
fn row(lang: Lang, group: &str, value: String, c: &Cell) -> Row {
    Row {
        group: group.to_owned(),
        value,
        reported: num(c.reported),
        estimated: shown_estimate(lang, c),
        interval: interval(c)
            .map(|(lo, hi)| format!("{lo}–{hi}"))
            .unwrap_or_default(),
        status: if c.suppressed {
            Word::Suppressed.text(lang).to_owned()
        } else {
            String::new()
        },
    }
}
