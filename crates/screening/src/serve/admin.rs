//! `GET /admin`: the dashboard for the people who read the aggregates (IOM and partners).
//!
//! A login form exchanges the admin token for a session cookie (`HttpOnly`, `SameSite=Strict`,
//! `Path=/admin`, 8 hours, `Secure` with `--secure-cookies` or, behind a trusted proxy, when
//! `X-Forwarded-Proto` is https); sessions live in memory (a restart logs everyone out). The
//! page is HTML rendered here under a strict CSP (no script, no inline style: the CSS is
//! `/admin/dashboard.css`), with SVG charts (see `svg.rs`) each followed by its data table,
//! filters as a plain GET form, English and Russian (`?lang=ru`), and `/admin/export.csv` with
//! the same rows as the page's tables. It shows only the tables `/v1/aggregates` publishes
//! (the same groups, debiasing and suppression): no new sums that could be differenced.

use super::AppState;
use super::svg::{self, Interval, esc};
use crate::aggregate::{Aggregates, Cell, CountRow, PeriodKind, Scope, Table};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

const COOKIE: &str = "screening_admin";
const SESSION: Duration = Duration::from_secs(8 * 3600);
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
pub const CSS: &str = include_str!("dashboard.css");

/// Logged-in sessions: random id → expiry.
#[derive(Default)]
pub struct Sessions(std::sync::Mutex<HashMap<String, Instant>>);

impl Sessions {
    /// A new session, or an error when the system has no random numbers to give.
    fn create(&self) -> Result<String, String> {
        let id = super::token::generate()?;
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        map.retain(|_, expiry| *expiry > now);
        map.insert(id.clone(), now + SESSION);
        Ok(id)
    }

    fn valid(&self, id: &str) -> bool {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(id).is_some_and(|expiry| *expiry > Instant::now())
    }

    fn end(&self, id: &str) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }
}

fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

fn logged_in(state: &AppState, headers: &HeaderMap) -> bool {
    session_id(headers).is_some_and(|id| state.sessions.valid(&id))
}

/// Whether the cookie gets `Secure`: always with `--secure-cookies`, else when a trusted proxy
/// says the visitor came over HTTPS.
fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.secure_cookies
        || (state.trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("https")))
}

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    En,
    Ru,
}

impl Lang {
    fn of(given: Option<&str>) -> Lang {
        match given {
            Some("ru") => Lang::Ru,
            _ => Lang::En,
        }
    }
    fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
}

/// The dashboard's words.
fn t(lang: Lang, key: &str) -> &'static str {
    let (en, ru) = match key {
        "title" => ("Screening reports", "Отчёты скрининга"),
        "login" => ("Log in", "Войти"),
        "logout" => ("Log out", "Выйти"),
        "token" => ("Admin token", "Токен администратора"),
        "wrong" => ("Wrong token.", "Неверный токен."),
        "closed" => (
            "The dashboard is off: start the collector with an admin token.",
            "Панель отключена: запустите сборщик с токеном администратора.",
        ),
        "filters" => ("Filters", "Фильтры"),
        "questionnaire" => ("Questionnaire", "Анкета"),
        "from" => ("From month", "С месяца"),
        "to" => ("To month", "До месяца (включительно)"),
        "period" => ("Tables per", "Таблицы по"),
        "month" => ("month", "месяцам"),
        "quarter" => ("quarter", "кварталам"),
        "year" => ("year", "годам"),
        "all_partners" => ("all partners", "все партнёры"),
        "partner" => ("Partner", "Партнёр"),
        "all" => ("All", "Все"),
        "apply" => ("Show", "Показать"),
        "csv" => ("Download CSV of these tables", "Скачать CSV этих таблиц"),
        "reports" => ("Reports per group", "Отчёты по группам"),
        "bands" => ("Bands per month", "Уровни по месяцам"),
        "answers" => ("Answers", "Ответы"),
        "scale" => ("Scale", "Шкала"),
        "n" => ("reports", "отчёты"),
        "question" => ("Question", "Вопрос"),
        "group" => ("Group", "Группа"),
        "value" => ("Value", "Значение"),
        "reported" => ("Reported", "Получено"),
        "estimated" => ("Estimated", "Оценка"),
        "interval" => ("95% interval", "95% интервал"),
        "status" => ("Status", "Статус"),
        "suppressed" => ("suppressed", "скрыто"),
        "none" => ("none", "нет"),
        "no_partner" => ("no partner", "без партнёра"),
        "empty" => (
            "No reports match these filters.",
            "Нет отчётов для этих фильтров.",
        ),
        "debiased" => (
            "Randomized figures: the estimate undoes the noise, and the whisker is its 95% interval (±1.96 standard errors). Read the interval, not the bar: where it is wider than the whole range, the page says \u{201c}not enough reports yet\u{201d} instead of a number.",
            "Рандомизированные данные: оценка устраняет шум, а «ус» — её 95% интервал (±1,96 стандартной ошибки). Смотрите на интервал, а не на столбец: где он шире всего диапазона, вместо числа написано «пока мало отчётов».",
        ),
        "suppression" => (
            "Cells with fewer reports than the threshold are hidden, with enough others that none can be worked out; grey shows their share.",
            "Ячейки с числом отчётов ниже порога скрыты вместе с другими так, что их нельзя вычислить; серым показана их доля.",
        ),
        "skip" => ("Skip to the figures", "Перейти к данным"),
        "legend" => ("Legend", "Условные обозначения"),
        "total" => ("total", "всего"),
        "chart_reports" => (
            "Bar chart of the number of reports per group; the numbers are in the table below.",
            "Столбчатая диаграмма числа отчётов по группам; числа в таблице ниже.",
        ),
        "chart_bands" => (
            "Stacked bar chart of reports per band for each group; the numbers are in the table below.",
            "Диаграмма с накоплением: отчёты по уровням для каждой группы; числа в таблице ниже.",
        ),
        "chart_answers" => (
            "Bar chart of reports per answer; the numbers and intervals are in the table below.",
            "Столбчатая диаграмма отчётов по ответам; числа и интервалы в таблице ниже.",
        ),
        "language" => ("Русский", "English"),
        "too_few" => ("not enough reports yet", "пока мало отчётов"),
        "too_few_short" => ("too few", "мало"),
        "table" => ("Table", "Таблица"),
        "one_page_each" => (
            "One page per question, with a small chart for each period and partner, and for all partners together.",
            "По странице на вопрос, с маленькой диаграммой для каждого периода и партнёра и для всех партнёров вместе.",
        ),
        "pooled" => (
            "Quarters, years and \u{201c}all partners\u{201d} are computed on the collector from every report, with the same suppression linked across all tables, so there is no need to add months up (and adding them up would not recover a hidden cell).",
            "Кварталы, годы и «все партнёры» считаются на сборщике по всем отчётам, с тем же скрытием, согласованным между всеми таблицами: складывать месяцы не нужно (и сложение не раскроет скрытую ячейку).",
        ),
        "overview" => ("All results", "Все результаты"),
        "previous" => ("Previous question", "Предыдущий вопрос"),
        "next" => ("Next question", "Следующий вопрос"),
        "dont_know" => ("I don't know", "Не знаю"),
        "skipped" => ("skipped", "пропущено"),
        "chart_estimates" => (
            "Bar chart of the estimated number of reports per band for each group, each with its 95% interval as a whisker; the numbers are in the table below.",
            "Столбчатая диаграмма оценок числа отчётов по уровням для каждой группы, у каждой «ус» — 95% интервал; числа в таблице ниже.",
        ),
        "cross_site" => (
            "This form can only be sent from the collector's own page: nothing was changed.",
            "Эту форму можно отправить только со страницы самого сборщика: ничего не изменено.",
        ),
        _ => ("?", "?"),
    };
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}

fn html(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/admin/dashboard.css\"></head>\
         <body>{body}</body></html>",
        lang.tag(),
        esc(title)
    )
}

fn login_page(lang: Lang, wrong: bool) -> String {
    let mut body = format!("<main class=\"login\"><h1>{}</h1>", esc(t(lang, "title")));
    if wrong {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\" id=\"login-error\">{}</p>",
            esc(t(lang, "wrong"))
        );
    }
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/admin/login\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">\
         <label for=\"token\">{}</label>\
         <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required{}>\
         <button type=\"submit\">{}</button></form>\
         <p><a href=\"/admin?lang={}\">{}</a></p></main>",
        lang.tag(),
        esc(t(lang, "token")),
        if wrong {
            " aria-describedby=\"login-error\" aria-invalid=\"true\""
        } else {
            ""
        },
        esc(t(lang, "login")),
        if lang == Lang::En { "ru" } else { "en" },
        esc(t(lang, "language")),
    );
    page(lang, t(lang, "login"), &body)
}

#[derive(Deserialize)]
struct LoginForm {
    token: String,
    lang: Option<String>,
}

pub async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

/// Whether a form post comes from a page of this collector, not from another site (login and
/// logout CSRF). Browsers say where a request comes from in `Sec-Fetch-Site` (every current
/// browser) or at least `Origin` (on every POST since 2020); a request with neither is not a
/// browser's and cannot be forged by another site.
fn from_own_page(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        return site.eq_ignore_ascii_case("same-origin");
    }
    match (text("origin"), text("host")) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
        (Some(_), None) => false,
    }
}

fn cross_site(lang: Lang) -> Response {
    html(
        StatusCode::FORBIDDEN,
        page(
            lang,
            t(lang, "title"),
            &format!(
                "<main><p role=\"alert\">{}</p><p><a href=\"/admin?lang={}\">{}</a></p></main>",
                esc(t(lang, "cross_site")),
                lang.tag(),
                esc(t(lang, "title"))
            ),
        ),
    )
}

/// `POST /admin/login`: the admin token for a session cookie. The guard in front of this route
/// (`guard.rs`) counts a 401 as a wrong token.
pub async fn login(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let bytes = match super::routes::read_body(body).await {
        Ok(bytes) => bytes,
        Err(e) => return e.response(state.body_timeout),
    };
    let Ok(form) = serde_urlencoded::from_bytes::<LoginForm>(&bytes) else {
        return html(StatusCode::BAD_REQUEST, login_page(Lang::En, false));
    };
    let lang = Lang::of(form.lang.as_deref());
    if !from_own_page(&headers) {
        return cross_site(lang);
    }
    let Some(token) = &state.admin_token else {
        return html(
            StatusCode::FORBIDDEN,
            page(lang, t(lang, "title"), t(lang, "closed")),
        );
    };
    if !super::routes::constant_time_eq(form.token.trim().as_bytes(), token.as_bytes()) {
        return html(StatusCode::UNAUTHORIZED, login_page(lang, true));
    }
    let id = match state.sessions.create() {
        Ok(id) => id,
        Err(e) => {
            tracing::error!(error = %e, "cannot make a session id");
            return html(
                StatusCode::SERVICE_UNAVAILABLE,
                page(lang, t(lang, "title"), &esc(&e)),
            );
        }
    };
    let cookie = format!(
        "{COOKIE}={id}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={}{}",
        SESSION.as_secs(),
        if secure(&state, &headers) {
            "; Secure"
        } else {
            ""
        }
    );
    let mut r = html(StatusCode::SEE_OTHER, String::new());
    r.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&format!("/admin?lang={}", lang.tag())).expect("ascii"),
    );
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("ascii"),
    );
    r
}

/// `POST /admin/logout`: ends the session on the server (its id no longer works anywhere) and
/// clears the cookie. Refused from another site, which could otherwise clear the cookie while
/// the session stayed valid.
pub async fn logout(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<DashboardQuery>,
) -> Response {
    let lang = Lang::of(query.lang.as_deref());
    if !from_own_page(&headers) {
        return cross_site(lang);
    }
    if let Some(id) = session_id(&headers) {
        state.sessions.end(&id);
    }
    let mut r = html(StatusCode::SEE_OTHER, String::new());
    r.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&format!("/admin?lang={}", lang.tag())).expect("ascii"),
    );
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&format!(
            "{COOKIE}=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0{}",
            if secure(&state, &headers) {
                "; Secure"
            } else {
                ""
            }
        ))
        .expect("ascii"),
    );
    r
}

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
    lang: Option<String>,
}

/// One row of a data table (and of the CSV).
struct Row {
    group: String,
    value: String,
    reported: String,
    estimated: String,
    interval: String,
    status: String,
}

struct Chart {
    section: &'static str,
    field: String,
    title: String,
    /// One chart over every group (the reports per group); empty when drawn as `minis`.
    svg: String,
    /// Small multiples: one narrow chart per group, with the group as its heading.
    minis: Vec<(String, String)>,
    rows: Vec<Row>,
}

/// The questionnaire's own words for its ids, in the reader's language: scale titles, band
/// titles, question texts and answer texts (from the newest version that has the id), so the
/// page says "Signs of forced labour or trafficking", not `coercion`. An id no version knows
/// stays as it is.
#[derive(Default)]
struct Labels(std::collections::HashMap<String, String>);

impl Labels {
    fn of(versions: &[&screening_core::Definition], lang: Lang) -> Labels {
        let locale = match lang {
            Lang::En => screening_core::Locale::En,
            Lang::Ru => screening_core::Locale::Ru,
        };
        let mut map = std::collections::HashMap::new();
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

    fn question(&self, id: &str) -> String {
        self.get(format!("q:{id}"), id)
    }

    fn answer(&self, lang: Lang, question: &str, id: &str) -> String {
        match id {
            screening_core::definition::DONT_KNOW => t(lang, "dont_know").to_owned(),
            screening_core::definition::SKIPPED => t(lang, "skipped").to_owned(),
            _ => self.get(format!("a:{question}:{id}"), id),
        }
    }
}

/// What the filters selected, and the tables for it.
struct View {
    lang: Lang,
    questionnaire: String,
    questionnaires: Vec<String>,
    months: Vec<String>,
    partners: Vec<String>,
    from: String,
    to: String,
    partner: String,
    period: PeriodKind,
    /// The question whose page this is; empty on the overview.
    question: String,
    aggregates: Aggregates,
    labels: Labels,
}

/// What a group or pool covers, as its charts and rows are headed: period, partner (or all
/// partners), version and privacy setting.
fn group_label(lang: Lang, scope: &Scope) -> String {
    let partner = if scope.all_partners {
        t(lang, "all_partners").to_owned()
    } else {
        scope
            .partner
            .clone()
            .unwrap_or_else(|| t(lang, "no_partner").to_owned())
    };
    let privacy = match scope.privacy.randomized_epsilon() {
        Some(e) => format!("ε {e}"),
        None => t(lang, "none").to_owned(),
    };
    format!(
        "{} · {partner} · v{} · {privacy}",
        scope.period, scope.version
    )
}

fn table_label(lang: Lang, t_: &Table) -> String {
    group_label(lang, &t_.scope)
}

fn num(v: Option<u64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn est(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

/// A debiased cell's 95 % interval, as the aggregates publish it.
fn interval(c: &Cell) -> Option<(f64, f64)> {
    c.interval.map(|[lo, hi]| (lo, hi))
}

/// A cell's estimate as the page shows it: the number, or "not enough reports yet" when its
/// interval is wider than the whole range (the estimate would say nothing).
fn shown_estimate(lang: Lang, c: &Cell) -> String {
    match c.estimated {
        Some(_) if !c.enough_reports => t(lang, "too_few").to_owned(),
        e => est(e),
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
            (None, _) => t(lang, "suppressed").to_owned(),
            (Some(_), None) => t(lang, "too_few_short").to_owned(),
            (Some(e), Some(_)) => format!("{e}"),
        },
    }
}

fn charts(view: &View) -> Vec<Chart> {
    let lang = view.lang;
    let a = &view.aggregates;
    let labels = &view.labels;
    let suppressed = t(lang, "suppressed");
    let mut out = Vec::new();
    if view.question.is_empty() {
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
                value: t(lang, "n").to_owned(),
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
                section: "reports",
                field: String::new(),
                title: t(lang, "reports").to_owned(),
                svg: svg::intervals(
                    "chart-reports",
                    t(lang, "reports"),
                    t(lang, "chart_reports"),
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
                        t(lang, "chart_estimates")
                    } else {
                        t(lang, "chart_bands")
                    }
                },
            );
            out.push(Chart {
                section: "bands",
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
    let question = view.question.as_str();
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
        |_| t(lang, "chart_answers"),
    );
    out.push(Chart {
        section: "answers",
        field: question.to_owned(),
        title,
        svg: String::new(),
        minis,
        rows,
    });
    out
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
        let group = table_label(lang, tb);
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
            t(lang, "suppressed").to_owned()
        } else {
            String::new()
        },
    }
}

const CSV_HEAD: [&str; 8] = [
    "section",
    "field",
    "group",
    "value",
    "reported",
    "estimated",
    "interval",
    "status",
];

fn csv(charts: &[Chart]) -> String {
    let mut out = CSV_HEAD.join(",") + "\n";
    for c in charts {
        for r in &c.rows {
            let fields = [
                c.section,
                &c.field,
                &r.group,
                &r.value,
                &r.reported,
                &r.estimated,
                &r.interval,
                &r.status,
            ];
            out.push_str(&crate::aggregate::csv_row(&fields));
        }
    }
    out
}

/// The choice of period, each option in the reader's language.
fn period_options(lang: Lang, selected: PeriodKind) -> String {
    PeriodKind::ALL
        .iter()
        .map(|k| {
            format!(
                "<option value=\"{}\"{}>{}</option>",
                k.name(),
                if *k == selected { " selected" } else { "" },
                esc(t(lang, k.name()))
            )
        })
        .collect()
}

fn options(values: &[String], selected: &str, all: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(all) = all {
        let _ = write!(
            out,
            "<option value=\"\"{}>{}</option>",
            if selected.is_empty() { " selected" } else { "" },
            esc(all)
        );
    }
    for v in values {
        let _ = write!(
            out,
            "<option value=\"{0}\"{1}>{0}</option>",
            esc(v),
            if v == selected { " selected" } else { "" }
        );
    }
    out
}

fn query_string(view: &View) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    let mut q = format!(
        "questionnaire={}&from={}&to={}&partner={}&period={}&lang={}",
        enc(&view.questionnaire),
        enc(&view.from),
        enc(&view.to),
        enc(&view.partner),
        view.period.name(),
        view.lang.tag()
    );
    if !view.question.is_empty() {
        q.push_str("&question=");
        q.push_str(&enc(&view.question));
    }
    q
}

/// The answers, one page per question: on the overview a list of every question with reports;
/// on a question's page the way back and to the questions before and after it.
fn question_index(view: &View) -> String {
    let lang = view.lang;
    let mut questions: Vec<&str> = Vec::new();
    for tb in &view.aggregates.answers {
        let q = tb.question.as_deref().unwrap_or_default();
        if !questions.contains(&q) {
            questions.push(q);
        }
    }
    if questions.is_empty() {
        return String::new();
    }
    let link = |q: &str| {
        let target = View {
            question: q.to_owned(),
            ..clone_view(view)
        };
        format!("/admin?{}", query_string(&target))
    };
    let mut b = String::new();
    if view.question.is_empty() {
        let _ = write!(
            b,
            "<section aria-labelledby=\"s-answers\"><h2 id=\"s-answers\">{}</h2><p class=\"note\">{}</p><ol class=\"questions\">",
            esc(t(lang, "answers")),
            esc(t(lang, "one_page_each"))
        );
        for q in &questions {
            let _ = write!(
                b,
                "<li><a href=\"{}\">{}</a></li>",
                esc(&link(q)),
                esc(&view.labels.question(q))
            );
        }
        b.push_str("</ol></section>");
        return b;
    }
    let at = questions
        .iter()
        .position(|q| *q == view.question)
        .unwrap_or(0);
    let _ = write!(
        b,
        "<nav class=\"pager\" aria-label=\"{}\">",
        esc(t(lang, "answers"))
    );
    let _ = write!(
        b,
        "<a href=\"{}\">{}</a>",
        esc(&link("")),
        esc(t(lang, "overview"))
    );
    if at > 0 {
        let _ = write!(
            b,
            "<a href=\"{}\" rel=\"prev\">{}</a>",
            esc(&link(questions[at - 1])),
            esc(t(lang, "previous"))
        );
    }
    if let Some(next) = questions.get(at + 1) {
        let _ = write!(
            b,
            "<a href=\"{}\" rel=\"next\">{}</a>",
            esc(&link(next)),
            esc(t(lang, "next"))
        );
    }
    b.push_str("</nav>");
    b
}

fn dashboard_html(view: &View, charts: &[Chart], min_cell: u64) -> String {
    let lang = view.lang;
    let mut b = String::new();
    let _ = write!(
        b,
        "<a class=\"skip\" href=\"#figures\">{}</a><header><h1>{}</h1>\
         <nav><a href=\"/admin?{}\" lang=\"{}\">{}</a>\
         <form method=\"post\" action=\"/admin/logout?lang={}\"><button type=\"submit\">{}</button></form></nav></header>",
        esc(t(lang, "skip")),
        esc(t(lang, "title")),
        query_string(&View {
            lang: if lang == Lang::En { Lang::Ru } else { Lang::En },
            ..clone_view(view)
        }),
        if lang == Lang::En { "ru" } else { "en" },
        esc(t(lang, "language")),
        lang.tag(),
        esc(t(lang, "logout")),
    );
    let _ = write!(
        b,
        "<form class=\"filters\" method=\"get\" action=\"/admin\" aria-label=\"{}\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">{}\
         <label>{}<select name=\"questionnaire\">{}</select></label>\
         <label>{}<select name=\"from\">{}</select></label>\
         <label>{}<select name=\"to\">{}</select></label>\
         <label>{}<select name=\"partner\">{}</select></label>\
         <label>{}<select name=\"period\">{}</select></label>\
         <button type=\"submit\">{}</button></form>",
        esc(t(lang, "filters")),
        lang.tag(),
        if view.question.is_empty() {
            String::new()
        } else {
            format!(
                "<input type=\"hidden\" name=\"question\" value=\"{}\">",
                esc(&view.question)
            )
        },
        esc(t(lang, "questionnaire")),
        options(&view.questionnaires, &view.questionnaire, None),
        esc(t(lang, "from")),
        options(&view.months, &view.from, Some(t(lang, "all"))),
        esc(t(lang, "to")),
        options(&view.months, &view.to, Some(t(lang, "all"))),
        esc(t(lang, "partner")),
        options(&view.partners, &view.partner, Some(t(lang, "all"))),
        esc(t(lang, "period")),
        period_options(lang, view.period),
        esc(t(lang, "apply")),
    );
    let _ = write!(
        b,
        "<main id=\"figures\" tabindex=\"-1\"><p><a class=\"csv\" href=\"/admin/export.csv?{}\" download>{}</a></p>\
         <p class=\"note\">{} (&lt; {min_cell}) {}</p><p class=\"note\">{}</p>",
        query_string(view),
        esc(t(lang, "csv")),
        esc(t(lang, "suppression")),
        esc(t(lang, "pooled")),
        esc(t(lang, "debiased")),
    );
    if charts.is_empty() {
        let _ = write!(b, "<p class=\"empty\">{}</p>", esc(t(lang, "empty")));
    }
    let mut section = "";
    for (i, c) in charts.iter().enumerate() {
        if c.section != section {
            if !section.is_empty() {
                b.push_str("</section>");
            }
            section = c.section;
            let _ = write!(
                b,
                "<section aria-labelledby=\"s-{section}\"><h2 id=\"s-{section}\">{}</h2>",
                esc(t(lang, section))
            );
        }
        let _ = write!(
            b,
            "<figure class=\"chart\" data-section=\"{}\" data-field=\"{}\"><figcaption><h3>{}</h3></figcaption>{}",
            c.section,
            esc(&c.field),
            esc(&c.title),
            c.svg
        );
        if !c.minis.is_empty() {
            b.push_str("<div class=\"minis\">");
            for (group, svg) in &c.minis {
                let _ = write!(b, "<div class=\"mini\"><h4>{}</h4>{svg}</div>", esc(group));
            }
            b.push_str("</div>");
        }
        let _ = write!(
            b,
            // The table may be wider than a phone: it scrolls in a region a keyboard can reach.
            "<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"{}: {}\">\
             <table id=\"table-{i}\" data-section=\"{}\" data-field=\"{}\"><caption>{}</caption><thead><tr>",
            esc(t(lang, "table")),
            esc(&c.title),
            c.section,
            esc(&c.field),
            esc(&c.title)
        );
        for h in [
            "group",
            "value",
            "reported",
            "estimated",
            "interval",
            "status",
        ] {
            let _ = write!(b, "<th scope=\"col\">{}</th>", esc(t(lang, h)));
        }
        b.push_str("</tr></thead><tbody>");
        for r in &c.rows {
            let _ = write!(
                b,
                "<tr{}><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if r.status.is_empty() {
                    ""
                } else {
                    " class=\"suppressed\""
                },
                esc(&r.group),
                esc(&r.value),
                esc(&r.reported),
                esc(&r.estimated),
                esc(&r.interval),
                esc(&r.status)
            );
        }
        b.push_str("</tbody></table></div></figure>");
    }
    if !section.is_empty() {
        b.push_str("</section>");
    }
    b.push_str(&question_index(view));
    b.push_str("</main>");
    page(lang, t(lang, "title"), &b)
}

fn clone_view(v: &View) -> View {
    View {
        lang: v.lang,
        questionnaire: v.questionnaire.clone(),
        questionnaires: Vec::new(),
        months: Vec::new(),
        partners: Vec::new(),
        from: v.from.clone(),
        to: v.to.clone(),
        partner: v.partner.clone(),
        period: v.period,
        question: v.question.clone(),
        aggregates: Aggregates {
            questionnaire: String::new(),
            min_cell: 0,
            reports: Vec::new(),
            bands: Vec::new(),
            answers: Vec::new(),
        },
        labels: Labels::default(),
    }
}

/// Reads the counters, aggregates all of them (every published table, pooled ones included,
/// comes from the same run of the linked suppression, whatever the filters: tables computed
/// from a filtered subset could be subtracted from the full ones) and keeps the tables the
/// filters select.
async fn view(state: &Arc<AppState>, query: DashboardQuery) -> Result<View, Response> {
    let lang = Lang::of(query.lang.as_deref());
    let questionnaires = state.registry.ids();
    let questionnaire = query
        .questionnaire
        .filter(|q| questionnaires.contains(q))
        .or_else(|| questionnaires.first().cloned())
        .unwrap_or_default();
    let rows: Vec<CountRow> = state.store.counts(&questionnaire).await.map_err(|e| {
        html(
            StatusCode::SERVICE_UNAVAILABLE,
            page(lang, t(lang, "title"), &esc(&e)),
        )
    })?;
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
    let mut aggregates = super::published::Published::of(state, &questionnaire, rows)
        .await
        .map(|a| (*a).clone())
        .map_err(|e| {
            html(
                StatusCode::SERVICE_UNAVAILABLE,
                page(lang, t(lang, "title"), &esc(&e)),
            )
        })?;
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
        labels,
        question,
        lang,
        questionnaire: questionnaire.clone(),
        questionnaires,
        months,
        partners,
        from,
        to,
        partner,
        period,
        aggregates,
    })
}

pub async fn dashboard(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<DashboardQuery>,
) -> Response {
    let lang = Lang::of(query.lang.as_deref());
    if state.admin_token.is_none() {
        return html(
            StatusCode::FORBIDDEN,
            page(
                lang,
                t(lang, "title"),
                &format!("<main><p>{}</p></main>", esc(t(lang, "closed"))),
            ),
        );
    }
    if !logged_in(&state, &headers) {
        return html(StatusCode::OK, login_page(lang, false));
    }
    let view = match view(&state, query).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let charts = charts(&view);
    html(
        StatusCode::OK,
        dashboard_html(&view, &charts, state.min_cell),
    )
}

pub async fn export(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<DashboardQuery>,
) -> Response {
    if state.admin_token.is_none() || !logged_in(&state, &headers) {
        return (StatusCode::UNAUTHORIZED, "log in at /admin").into_response();
    }
    let view = match view(&state, query).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let name = format!(
        "attachment; filename=\"{}-{}-{}.csv\"",
        view.questionnaire,
        if view.from.is_empty() {
            "all"
        } else {
            &view.from
        },
        if view.to.is_empty() { "all" } else { &view.to }
    );
    let mut r = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        csv(&charts(&view)),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&name) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_read_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; screening_admin=abc; b=2"),
        );
        assert_eq!(session_id(&h).as_deref(), Some("abc"));
        let s = Sessions::default();
        let id = s.create().unwrap();
        assert_eq!(id.len(), 64);
        assert!(s.valid(&id));
        assert!(!s.valid("abc"));
        s.end(&id);
        assert!(!s.valid(&id));
    }

    #[test]
    fn every_word_has_both_languages() {
        for key in [
            "title",
            "login",
            "logout",
            "token",
            "wrong",
            "closed",
            "filters",
            "questionnaire",
            "from",
            "to",
            "partner",
            "period",
            "month",
            "quarter",
            "year",
            "all_partners",
            "pooled",
            "all",
            "apply",
            "csv",
            "reports",
            "bands",
            "answers",
            "scale",
            "question",
            "group",
            "value",
            "reported",
            "estimated",
            "interval",
            "status",
            "suppressed",
            "none",
            "no_partner",
            "empty",
            "debiased",
            "suppression",
            "skip",
            "legend",
            "total",
            "chart_reports",
            "chart_bands",
            "chart_answers",
            "language",
            "cross_site",
            "too_few",
            "too_few_short",
            "table",
            "one_page_each",
            "overview",
            "previous",
            "next",
            "chart_estimates",
            "dont_know",
            "skipped",
        ] {
            assert_ne!(t(Lang::En, key), "?", "{key}");
            assert_ne!(t(Lang::Ru, key), t(Lang::En, key), "{key}");
        }
    }
}
