//! The collector over real HTTP with a real SQLite file: status codes, nothing stored for bad
//! requests, idempotent duplicates, CORS, rate limiting, aggregates with suppression and
//! debiasing, and logs without addresses. Reports are for the test questionnaire
//! (`common::FIXTURE`), so nothing here depends on the built-in content.

mod common;

use common::{
    Collector, Db, FIXTURE, OTHER_TOKEN, TOKEN, backends, free_port, month, report, temp_dir,
};
use serde_json::{Value, json};

/// A collector on a fresh database of `backend`.
fn on(backend: &str, name: &str, extra: &[&str]) -> Collector {
    Collector::start_on(&Db::fresh(name, backend), free_port(), extra)
}

fn tweak(change: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&report(1, "umed")).unwrap();
    change(&mut v);
    v.to_string()
}

#[test]
fn bad_requests_get_their_status_and_store_nothing() {
    for backend in backends() {
        bad_requests_get_their_status_and_store_nothing_on(backend);
    }
}

fn bad_requests_get_their_status_and_store_nothing_on(backend: &str) {
    let c = on(backend, "bad", &["--rate-per-minute", "0"]);
    let json = [("Content-Type", "application/json")];
    type Case<'a> = (&'a str, u16, Vec<(&'a str, &'a str)>, Vec<u8>);
    let cases: Vec<Case> = vec![
        ("malformed JSON", 400, json.to_vec(), b"{\"v\": 1,".to_vec()),
        ("not JSON at all", 400, json.to_vec(), b"v=1&id=2".to_vec()),
        (
            // A wrong shape early and a syntax error later: still malformed JSON, 400 (review
            // finding 5: the typed parse alone answered 422).
            "malformed after a wrong shape",
            400,
            json.to_vec(),
            {
                let mut body = tweak(|v| v["questionnaire_version"] = json!("one")).into_bytes();
                body.pop();
                body
            },
        ),
        (
            // Well-formed, but the mechanism is not a string: a wrong shape, 422 (it was 400).
            "non-string privacy mechanism",
            422,
            json.to_vec(),
            tweak(|v| v["privacy"]["mechanism"] = json!(7)).into_bytes(),
        ),
        ("too large", 413, json.to_vec(), vec![b' '; 40 * 1024]),
        (
            "wrong content type",
            415,
            vec![("Content-Type", "text/plain")],
            report(1, "a").into_bytes(),
        ),
        ("no content type", 415, vec![], report(1, "a").into_bytes()),
        (
            "form content type",
            415,
            vec![("Content-Type", "application/x-www-form-urlencoded")],
            report(1, "a").into_bytes(),
        ),
        (
            "unknown questionnaire",
            422,
            json.to_vec(),
            tweak(|v| v["questionnaire"] = json!("lottery")).into_bytes(),
        ),
        (
            "unknown version",
            422,
            json.to_vec(),
            tweak(|v| v["questionnaire_version"] = json!(7)).into_bytes(),
        ),
        (
            "unknown question",
            422,
            json.to_vec(),
            tweak(|v| v["answers"]["salary"] = json!("high")).into_bytes(),
        ),
        (
            "unknown option",
            422,
            json.to_vec(),
            tweak(|v| v["answers"]["work"] = json!("pigeon")).into_bytes(),
        ),
        (
            "extra field",
            422,
            json.to_vec(),
            tweak(|v| v["user_agent"] = json!("Mozilla/5.0")).into_bytes(),
        ),
        (
            "extra timestamp",
            422,
            json.to_vec(),
            tweak(|v| v["time"] = json!("2026-11-29T10:00:00Z")).into_bytes(),
        ),
        (
            "wrong type",
            422,
            json.to_vec(),
            tweak(|v| v["questionnaire_version"] = json!("1")).into_bytes(),
        ),
        (
            "wrong answer type",
            422,
            json.to_vec(),
            tweak(|v| v["answers"]["costs"] = json!("visa")).into_bytes(),
        ),
        (
            "day in month",
            422,
            json.to_vec(),
            tweak(|v| v["month"] = json!("2026-11-29")).into_bytes(),
        ),
        (
            "injection in id",
            422,
            json.to_vec(),
            tweak(|v| v["id"] = json!("'; DROP TABLE submissions; --")).into_bytes(),
        ),
        (
            "script in partner",
            422,
            json.to_vec(),
            tweak(|v| v["partner"] = json!("<script>alert(1)</script>")).into_bytes(),
        ),
        (
            "injection in band",
            422,
            json.to_vec(),
            tweak(|v| v["bands"]["conditions"] = json!("high' OR '1'='1")).into_bytes(),
        ),
        (
            "sensitive answer not randomized",
            422,
            json.to_vec(),
            tweak(|v| v["privacy"] = json!({"mechanism": "none"})).into_bytes(),
        ),
        ("empty object", 422, json.to_vec(), b"{}".to_vec()),
        ("array", 422, json.to_vec(), b"[]".to_vec()),
        (
            "month far ahead",
            422,
            json.to_vec(),
            tweak(|v| v["month"] = json!("2150-06")).into_bytes(),
        ),
        (
            "last month of the calendar",
            422,
            json.to_vec(),
            tweak(|v| v["month"] = json!("9999-12")).into_bytes(),
        ),
        (
            "two months ahead",
            422,
            json.to_vec(),
            tweak(|v| v["month"] = json!(month(2))).into_bytes(),
        ),
        (
            "two months back",
            422,
            json.to_vec(),
            tweak(|v| v["month"] = json!(month(-2))).into_bytes(),
        ),
        (
            "two Content-Type headers",
            415,
            vec![
                ("Content-Type", "application/json"),
                ("Content-Type", "application/json"),
            ],
            report(1, "a").into_bytes(),
        ),
        (
            "JSON and another type in one header",
            415,
            vec![("Content-Type", "application/json, text/plain")],
            report(1, "a").into_bytes(),
        ),
        (
            "duplicate top-level key",
            422,
            json.to_vec(),
            report(1, "a")
                .replacen('{', &format!("{{\"month\":\"{}\",", month(0)), 1)
                .into_bytes(),
        ),
        (
            "duplicate answer",
            422,
            json.to_vec(),
            report(1, "a")
                .replacen("\"answers\":{", "\"answers\":{\"work\":\"ok\",", 1)
                .into_bytes(),
        ),
        (
            "hundreds of errors",
            422,
            json.to_vec(),
            tweak(|v| {
                for i in 0..250 {
                    v["answers"][format!("unknown_question_{i}")] = json!("x");
                }
            })
            .into_bytes(),
        ),
    ];
    for (name, status, headers, body) in cases {
        let r = c.request("POST", "/v1/submissions", &headers, &body);
        assert_eq!(r.status, status, "{name}: {}", r.body);
        let v: Value = serde_json::from_str(&r.body)
            .unwrap_or_else(|_| panic!("{name}: JSON error body, got {}", r.body));
        assert!(v["error"].is_string(), "{name}");
        // Details are capped: a bad report never gets a large answer.
        let details = v["details"].as_array().map_or(0, Vec::len);
        assert!(details <= 20, "{name}: {details} details");
        assert!(r.body.len() < 6 * 1024, "{name}: {} bytes", r.body.len());
        if name == "hundreds of errors" {
            assert_eq!(details, 20, "{}", r.body);
            assert_eq!(v["details_omitted"], 230, "{}", r.body);
        }
        if name.contains("month") {
            assert!(r.body.contains("$.month"), "{name}: {}", r.body);
        }
    }
    // Every other status has a JSON body too.
    let others = [
        ("GET", "/nowhere", 404),
        ("GET", "/v1/submissions", 405),
        ("DELETE", "/v1/aggregates", 405),
        ("GET", "/v1/aggregates?questionnaire=a&questionnaire=b", 400),
    ];
    for (method, path, status) in others {
        let r = c.request(method, path, &[], b"");
        assert_eq!(r.status, status, "{method} {path}: {}", r.body);
        assert!(
            r.header("content-type")
                .unwrap_or("")
                .starts_with("application/json"),
            "{method} {path}"
        );
        let v: Value = serde_json::from_str(&r.body)
            .unwrap_or_else(|_| panic!("{method} {path}: JSON error body, got {:?}", r.body));
        assert!(v["error"].is_string(), "{method} {path}");
    }
    // The month window is the server's month and one either side.
    for offset in [-1, 0, 1] {
        let body = tweak(|v| {
            v["month"] = json!(month(offset));
            v["id"] = json!(format!("{:032x}", 100 + offset));
        });
        assert_eq!(c.post_json(&body).status, 201, "month {offset}");
    }
    assert_eq!(
        c.rows(),
        3,
        "no bad request stored anything (the 3 rows are the months)"
    );
    assert_eq!(c.request("GET", "/healthz", &[], b"").status, 200);
    let log = c.terminate();
    // The database's own address (a PostgreSQL URL, password hidden) is no client's.
    let clients: String = log
        .lines()
        .filter(|l| !l.contains("collector starting"))
        .collect();
    assert!(
        !clients.contains("127.0.0.1"),
        "the log holds no address:\n{log}"
    );
    assert!(!log.contains("DROP TABLE"), "the log holds no payload");
    assert!(
        !log.contains("/v1/submissions"),
        "no line per report, not even a rejected one:\n{log}"
    );
    assert!(
        log.contains("path=\"/healthz\" status=200"),
        "other requests get a line:\n{log}"
    );
    assert!(
        log.contains("stored=3 duplicate=0 rejected=32 failed=0"),
        "reports are counted, and the counts logged at shutdown:\n{log}"
    );
}

#[test]
fn a_report_is_stored_once_and_a_retry_is_a_duplicate() {
    for backend in backends() {
        a_report_is_stored_once_and_a_retry_is_a_duplicate_on(backend);
    }
}

fn a_report_is_stored_once_and_a_retry_is_a_duplicate_on(backend: &str) {
    let c = on(backend, "dup", &[]);
    let body = report(42, "umed");
    let first = c.post_json(&body);
    assert_eq!(first.status, 201, "{}", first.body);
    let again = c.post_json(&body);
    assert_eq!(again.status, 200, "{}", again.body);
    assert!(again.body.contains("duplicate"));
    assert_eq!(c.rows(), 1);
    assert_eq!(c.request("GET", "/healthz", &[], b"").status, 200);
    if backend == "postgres" {
        // A second collector on the same database knows the report too.
        let other = Collector::start_on(&c.store, free_port(), &[]);
        let third = other.post_json(&body);
        assert_eq!(third.status, 200, "{}", third.body);
        assert_eq!(other.post_json(&report(43, "umed")).status, 201);
        assert_eq!(c.post_json(&report(43, "umed")).status, 200);
        assert_eq!(c.rows(), 2);
    }
}

#[test]
fn cors_allows_only_the_configured_origins_without_credentials() {
    for backend in backends() {
        cors_allows_only_the_configured_origins_without_credentials_on(backend);
    }
}

fn cors_allows_only_the_configured_origins_without_credentials_on(backend: &str) {
    let c = on(
        backend,
        "cors",
        &["--allowed-origin", "https://partner.example.org"],
    );
    let preflight = |origin: &str| {
        c.request(
            "OPTIONS",
            "/v1/submissions",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
    };
    let allowed = preflight("https://partner.example.org");
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://partner.example.org")
    );
    assert!(
        allowed
            .header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );
    assert_eq!(allowed.header("access-control-allow-credentials"), None);
    let refused = preflight("https://evil.example.com");
    assert_eq!(refused.header("access-control-allow-origin"), None);
    let post = c.request(
        "POST",
        "/v1/submissions",
        &[
            ("Content-Type", "application/json"),
            ("Origin", "https://partner.example.org"),
        ],
        report(7, "umed").as_bytes(),
    );
    assert_eq!(post.status, 201);
    assert_eq!(
        post.header("access-control-allow-origin"),
        Some("https://partner.example.org")
    );
}

#[test]
fn too_many_reports_from_one_client_get_429() {
    for backend in backends() {
        too_many_reports_from_one_client_get_429_on(backend);
    }
}

fn too_many_reports_from_one_client_get_429_on(backend: &str) {
    let c = on(backend, "rate", &["--rate-per-minute", "3"]);
    for seed in 0..3 {
        assert_eq!(c.post_json(&report(seed, "umed")).status, 201);
    }
    let limited = c.post_json(&report(99, "umed"));
    assert_eq!(limited.status, 429);
    // At 3 a minute the next token comes 20 s after the first report: the wait, rounded up.
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((19..=20).contains(&retry), "Retry-After: {retry}");
    assert!(limited.body.contains("too many"), "{}", limited.body);
    assert_eq!(c.rows(), 3);
}

#[test]
fn aggregates_need_the_token_suppress_small_cells_and_say_what_is_debiased() {
    for backend in backends() {
        aggregates_need_the_token_suppress_small_cells_and_say_what_is_debiased_on(backend);
    }
}

fn aggregates_need_the_token_suppress_small_cells_and_say_what_is_debiased_on(backend: &str) {
    // The token from a file (docs/collector.md's way: not on the command line, where ps shows it).
    let db = Db::fresh("agg", backend);
    let token_file = db.dir().join("admin-token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let c = Collector::start_on(
        &db,
        free_port(),
        &[
            "--admin-token-file",
            token_file.to_str().unwrap(),
            "--rate-per-minute",
            "0",
        ],
    );
    for seed in 0..6 {
        assert_eq!(c.post_json(&report(seed, "big")).status, 201);
    }
    for seed in 100..102 {
        assert_eq!(c.post_json(&report(seed, "small")).status, 201);
    }
    let path = format!("/v1/aggregates?questionnaire={FIXTURE}");
    assert_eq!(c.request("GET", &path, &[], b"").status, 401);
    assert_eq!(
        c.request("GET", &path, &[("Authorization", "Bearer wrong")], b"")
            .status,
        401
    );
    // The scheme is case-insensitive.
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let value = format!("{scheme} {TOKEN}");
        let r = c.request("GET", &path, &[("Authorization", value.as_str())], b"");
        assert_eq!(r.status, 200, "{scheme}: {}", r.body);
    }
    assert_eq!(
        c.request(
            "GET",
            &path,
            &[("Authorization", &format!("Basic {TOKEN}"))],
            b""
        )
        .status,
        401
    );
    let bearer = format!("Bearer {TOKEN}");
    let auth = [("Authorization", bearer.as_str())];
    assert_eq!(
        c.request("GET", "/v1/aggregates?questionnaire=lottery", &auth, b"")
            .status,
        404
    );
    assert_eq!(c.request("GET", "/v1/aggregates", &auth, b"").status, 400);
    let r = c.request("GET", &path, &auth, b"");
    assert_eq!(r.status, 200, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["min_cell"], 5);
    let table = |kind: &str, partner: &str, field: &str| {
        v[kind]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["partner"] == partner && (t["scale"] == field || t["question"] == field))
            .cloned()
            .unwrap_or_else(|| panic!("no {kind} table {field} for {partner}: {v}"))
    };
    // Every report of a group has a band on every scale: n is the group's size.
    for scale in ["conditions", "harm"] {
        assert_eq!(table("bands", "big", scale)["n"], 6);
        let small = table("bands", "small", scale);
        assert_eq!(small["n"], Value::Null, "2 reports: below the threshold");
        assert_eq!(small["suppressed"], true);
        assert!(
            small["cells"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["reported"].is_null())
        );
    }
    // Randomized fields (the sensitive question, the scale it moves) are debiased with the
    // field's share of ε = 1: two randomized fields, 0.5 each.
    let harm = table("bands", "big", "harm");
    assert_eq!(harm["debiased"], true);
    assert_eq!(harm["field_epsilon"], 0.5);
    assert_eq!(
        harm["privacy"],
        json!({"mechanism": "randomized_response", "epsilon": 1.0})
    );
    let hit = table("answers", "big", "hit");
    assert_eq!(hit["debiased"], true);
    assert_eq!(
        hit["cells"].as_array().unwrap().last().unwrap()["value"],
        "skipped"
    );
    let work = table("answers", "big", "work");
    assert_eq!(work["debiased"], false);
    assert_eq!(work["field_epsilon"], Value::Null);
    // All partners together: the month's pooled table counts both partners' reports, and so
    // does the year's only when it covers other groups than the month's (here it does not).
    let pooled: Vec<&Value> = v["bands"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["all_partners"] == true && t["scale"] == "harm")
        .collect();
    assert_eq!(pooled.len(), 1, "{pooled:?}");
    assert_eq!(pooled[0]["period_kind"], "month");
    assert_eq!(pooled[0]["partner"], Value::Null);
    assert_eq!(pooled[0]["n"], 8);
    assert_eq!(table("bands", "big", "harm")["period"], common::month(0));
    // A table with a hidden cell hides at least two.
    for kind in ["bands", "answers"] {
        for t in v[kind].as_array().unwrap() {
            let hidden = t["cells"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["suppressed"] == true)
                .count();
            assert!(hidden != 1, "{t}");
        }
    }
    let csv = c.request(
        "GET",
        &format!("/v1/aggregates.csv?questionnaire={FIXTURE}"),
        &auth,
        b"",
    );
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.body.starts_with(
        "kind,questionnaire,version,period_kind,period,partner,all_partners,mechanism,report_epsilon,scale_or_question,value,n,"
    ));
    assert!(
        csv.body.lines().any(|l| l.starts_with(&format!(
            "band,{FIXTURE},1,month,{},big,false,randomized_response,1,harm,low,6,",
            common::month(0)
        )) && l.contains(",true,0.5,")),
        "{}",
        csv.body
    );
    // The tables are kept while the counts are unchanged (they can take seconds to compute),
    // never after: three more small reports make that group 5, shown at once.
    let again: Value = serde_json::from_str(&c.request("GET", &path, &auth, b"").body).unwrap();
    assert_eq!(again, v, "the same counts give the same tables");
    for seed in 102..105 {
        assert_eq!(c.post_json(&report(seed, "small")).status, 201);
    }
    let after: Value = serde_json::from_str(&c.request("GET", &path, &auth, b"").body).unwrap();
    let small = after["bands"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["partner"] == "small" && t["scale"] == "harm")
        .unwrap();
    assert_eq!(small["n"], 5, "new reports are counted at once: {small}");
    // The token from the environment works the same.
    let from_env = Collector::start_with_env(
        &temp_dir("agg-env").join("db.sqlite"),
        free_port(),
        &[],
        &[("SCREENING_ADMIN_TOKEN", OTHER_TOKEN)],
    );
    assert_eq!(
        from_env
            .request(
                "GET",
                &path,
                &[("Authorization", &format!("Bearer {OTHER_TOKEN}"))],
                b"",
            )
            .status,
        200
    );
    // Without a token configured, aggregates are not served at all.
    let closed = on(backend, "agg-closed", &[]);
    assert_eq!(
        closed
            .request("GET", &path, &[("Authorization", "Bearer ")], b"")
            .status,
        403
    );
}

/// A report as a widget of `version` of a built-in questionnaire sends it (all questions
/// skipped but the first, answered with its first option), from the archived definition.
fn old_report(json: &str, seed: u64) -> String {
    use screening_core::payload::{Payload, Privacy, ReportContext};
    use screening_core::randomized::SplitMix64;
    use screening_core::{Answer, Answers, definition::QuestionKind};
    let d = screening_core::parse_definition(json).unwrap();
    let mut answers = Answers::default();
    let q = &d.questions()[0];
    let first = q.answer_ids()[0].to_owned();
    answers.set(
        &q.id,
        match q.kind {
            QuestionKind::Single => Answer::One(first),
            QuestionKind::Multi => Answer::Many(vec![first]),
        },
    );
    let outcome = d.score(&answers).unwrap();
    let context = ReportContext {
        locale: screening_core::Locale::Tg,
        partner: None,
        month: month(0),
        privacy: Privacy::NONE,
    };
    serde_json::to_string(
        &Payload::build(&d, &answers, &outcome, &context, &mut SplitMix64(seed)).unwrap(),
    )
    .unwrap()
}

#[test]
fn widgets_cached_at_an_older_version_still_deliver_and_their_reports_count() {
    // Review finding 10: the v2 collector refused v1 reports with 422 and left v1 rows out of
    // the aggregates.
    let dir = temp_dir("old-versions");
    let c = Collector::start(
        &dir.join("db.sqlite"),
        free_port(),
        &[
            "--admin-token",
            TOKEN,
            "--rate-per-minute",
            "0",
            "--min-cell",
            "1",
        ],
    );
    let archived = [
        (
            "job-offer",
            1,
            include_str!("../../../questionnaires/archive/job-offer.v1.json"),
        ),
        (
            "job-offer",
            2,
            include_str!("../../../questionnaires/archive/job-offer.v2.json"),
        ),
        (
            "returnee",
            1,
            include_str!("../../../questionnaires/archive/returnee.v1.json"),
        ),
        (
            "returnee",
            2,
            include_str!("../../../questionnaires/archive/returnee.v2.json"),
        ),
        (
            "returnee",
            3,
            include_str!("../../../questionnaires/archive/returnee.v3.json"),
        ),
    ];
    for (seed, (id, version, json)) in archived.iter().enumerate() {
        let body = old_report(json, seed as u64);
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (
                v["questionnaire"].as_str(),
                v["questionnaire_version"].as_u64()
            ),
            (Some(*id), Some(*version))
        );
        let r = c.post_json(&body);
        assert_eq!(r.status, 201, "{id} v{version}: {}", r.body);
    }
    // A v1 widget in Uzbek said `uz` (it was Latin).
    let mut uz: Value = serde_json::from_str(&old_report(archived[2].2, 9)).unwrap();
    uz["locale"] = json!("uz");
    assert_eq!(c.post_json(&uz.to_string()).status, 201);
    let bearer = format!("Bearer {TOKEN}");
    for id in ["job-offer", "returnee"] {
        let r = c.request(
            "GET",
            &format!("/v1/aggregates?questionnaire={id}"),
            &[("Authorization", &bearer)],
            b"",
        );
        assert_eq!(r.status, 200, "{r:?}");
        let a: Value = serde_json::from_str(&r.body).unwrap();
        let versions: std::collections::BTreeSet<u64> = a["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["version"].as_u64().unwrap())
            .collect();
        let expected: std::collections::BTreeSet<u64> = if id == "returnee" {
            [1, 2, 3].into()
        } else {
            [1, 2].into()
        };
        assert_eq!(versions, expected, "{id}: {}", r.body);
    }
    // A version that was never released is refused, saying so.
    let mut future: Value = serde_json::from_str(&old_report(archived[0].2, 11)).unwrap();
    future["questionnaire_version"] = json!(9);
    let r = c.post_json(&future.to_string());
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body.contains("version"), "{}", r.body);
}
