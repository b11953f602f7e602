//! The dashboard's HTML, through maud's templates: every text inserted is escaped by the
//! template; the only markup inserted as is comes from `svg.rs`, which escapes its own labels.
//! No script and no inline style (the page's CSP allows neither).

use super::view::{COLUMNS, Chart, Filters, View};
use super::words::{Lang, Word};
use crate::aggregate::PeriodKind;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// A whole page around `body`.
pub fn page(lang: Lang, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href="/admin/dashboard.css";
            }
            body { (body) }
        }
    }
    .into_string()
}

/// A page that only says something (the dashboard is off, a store error, a cross-site post),
/// with a way back to the dashboard.
pub fn message(lang: Lang, text: &str, alert: bool) -> String {
    page(
        lang,
        Word::Title.text(lang),
        html! {
            main {
                p role=[alert.then_some("alert")] { (text) }
                p { a href={ "/admin?lang=" (lang.tag()) } { (Word::Title.text(lang)) } }
            }
        },
    )
}

pub fn login(lang: Lang, wrong: bool) -> String {
    let body = html! {
        main.login {
            h1 { (Word::Title.text(lang)) }
            @if wrong {
                p.error role="alert" id="login-error" { (Word::Wrong.text(lang)) }
            }
            form method="post" action="/admin/login" {
                input type="hidden" name="lang" value=(lang.tag());
                label for="token" { (Word::Token.text(lang)) }
                input id="token" name="token" type="password" autocomplete="current-password" required
                    aria-describedby=[wrong.then_some("login-error")]
                    aria-invalid=[wrong.then_some("true")];
                button type="submit" { (Word::Login.text(lang)) }
            }
            p { a href={ "/admin?lang=" (lang.other().tag()) } { (Word::Language.text(lang)) } }
        }
    };
    page(lang, Word::Login.text(lang), body)
}

fn options(values: &[String], selected: &str, all: Option<&str>) -> Markup {
    html! {
        @if let Some(all) = all {
            option value="" selected[selected.is_empty()] { (all) }
        }
        @for v in values {
            option value=(v) selected[v == selected] { (v) }
        }
    }
}

/// The answers, one page per question: on the overview a list of every question with reports;
/// on a question's page the way back and to the questions before and after it.
fn question_index(view: &View) -> Markup {
    let lang = view.filters.lang;
    let questions = view.questions();
    let link = |q: &str| {
        let target = Filters {
            question: q.to_owned(),
            ..view.filters.clone()
        };
        format!("/admin?{}", target.query())
    };
    if questions.is_empty() {
        return html! {};
    }
    if view.filters.question.is_empty() {
        return html! {
            section aria-labelledby="s-answers" {
                h2 id="s-answers" { (Word::Answers.text(lang)) }
                p.note { (Word::OnePageEach.text(lang)) }
                ol.questions {
                    @for q in &questions {
                        li { a href=(link(q)) { (view.labels.question(q)) } }
                    }
                }
            }
        };
    }
    let at = questions
        .iter()
        .position(|q| *q == view.filters.question)
        .unwrap_or(0);
    html! {
        nav.pager aria-label=(Word::Answers.text(lang)) {
            a href=(link("")) { (Word::Overview.text(lang)) }
            @if at > 0 {
                a href=(link(questions[at - 1])) rel="prev" { (Word::Previous.text(lang)) }
            }
            @if let Some(next) = questions.get(at + 1) {
                a href=(link(next)) rel="next" { (Word::Next.text(lang)) }
            }
        }
    }
}

fn chart(i: usize, c: &Chart, lang: Lang) -> Markup {
    html! {
        figure.chart data-section=(c.section.name()) data-field=(c.field) {
            figcaption { h3 { (c.title) } }
            (PreEscaped(&c.svg))
            @if !c.minis.is_empty() {
                div.minis {
                    @for (group, svg) in &c.minis {
                        div.mini { h4 { (group) } (PreEscaped(svg)) }
                    }
                }
            }
            // The table may be wider than a phone: it scrolls in a region a keyboard can reach.
            div.table role="region" tabindex="0" aria-label={ (Word::Table.text(lang)) ": " (c.title) } {
                table id={ "table-" (i) } data-section=(c.section.name()) data-field=(c.field) {
                    caption { (c.title) }
                    thead { tr { @for h in COLUMNS { th scope="col" { (h.text(lang)) } } } }
                    tbody {
                        @for r in &c.rows {
                            tr class=[(!r.status.is_empty()).then_some("suppressed")] {
                                th scope="row" { (r.group) }
                                td { (r.value) }
                                td { (r.reported) }
                                td { (r.estimated) }
                                td { (r.interval) }
                                td { (r.status) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn dashboard(view: &View, charts: &[Chart], min_cell: u64) -> String {
    let f = &view.filters;
    let lang = f.lang;
    let other = Filters {
        lang: lang.other(),
        ..f.clone()
    };
    // The charts grouped by section, in order, each section once.
    let mut sections: Vec<(super::view::Section, Vec<(usize, &Chart)>)> = Vec::new();
    for (i, c) in charts.iter().enumerate() {
        match sections.last_mut() {
            Some((s, list)) if *s == c.section => list.push((i, c)),
            _ => sections.push((c.section, vec![(i, c)])),
        }
    }
    let body = html! {
        a.skip href="#figures" { (Word::Skip.text(lang)) }
        header {
            h1 { (Word::Title.text(lang)) }
            nav {
                a href={ "/admin?" (other.query()) } lang=(other.lang.tag()) { (Word::Language.text(lang)) }
                form method="post" action={ "/admin/logout?lang=" (lang.tag()) } {
                    button type="submit" { (Word::Logout.text(lang)) }
                }
            }
        }
        form.filters method="get" action="/admin" aria-label=(Word::Filters.text(lang)) {
            input type="hidden" name="lang" value=(lang.tag());
            @if !f.question.is_empty() {
                input type="hidden" name="question" value=(f.question);
            }
            label { (Word::Questionnaire.text(lang)) select name="questionnaire" { (options(&view.questionnaires, &f.questionnaire, None)) } }
            label { (Word::From.text(lang)) select name="from" { (options(&view.months, &f.from, Some(Word::All.text(lang)))) } }
            label { (Word::To.text(lang)) select name="to" { (options(&view.months, &f.to, Some(Word::All.text(lang)))) } }
            label { (Word::Partner.text(lang)) select name="partner" { (options(&view.partners, &f.partner, Some(Word::All.text(lang)))) } }
            label {
                (Word::Period.text(lang))
                select name="period" {
                    @for k in PeriodKind::ALL {
                        option value=(k.name()) selected[k == f.period] { (Word::period(k).text(lang)) }
                    }
                }
            }
            button type="submit" { (Word::Apply.text(lang)) }
        }
        main id="figures" tabindex="-1" {
            p { a.csv href={ "/admin/export.csv?" (f.query()) } download { (Word::Csv.text(lang)) } }
            p.note { (Word::Suppression.text(lang)) " (< " (min_cell) ") " (Word::Pooled.text(lang)) }
            p.note { (Word::Debiased.text(lang)) }
            @if charts.is_empty() {
                p.empty { (Word::Empty.text(lang)) }
            }
            @for (section, list) in &sections {
                section aria-labelledby={ "s-" (section.name()) } {
                    h2 id={ "s-" (section.name()) } { (section.title(lang)) }
                    @for (i, c) in list {
                        (chart(*i, c, lang))
                    }
                }
            }
            (question_index(view))
        }
    };
    page(lang, Word::Title.text(lang), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_definitions_and_errors_is_escaped_by_the_templates() {
        let hostile = "<script>alert(1)</script>\"'&";
        let page = message(Lang::Ru, hostile, true);
        assert!(!page.contains("<script>"), "{page}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;"),
            "{page}"
        );
        let opts = options(&[hostile.to_owned()], "", Some(hostile)).into_string();
        assert!(!opts.contains("<script>"), "{opts}");
        assert_eq!(opts.matches("<option").count(), 2);
    }

    #[test]
    fn a_wrong_token_is_announced_and_tied_to_the_field() {
        let page = login(Lang::En, true);
        assert!(page.contains(r#"aria-describedby="login-error""#));
        assert!(page.contains(r#"aria-invalid="true""#));
        assert!(!login(Lang::En, false).contains("aria-invalid"));
    }
}
