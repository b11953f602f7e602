//! The routes that check the admin token, over real HTTP from several local addresses (each a
//! client on its own network): guessing gets locked out after a few wrong tokens while another
//! network still gets in; slow login bodies at the connection limit leave room for reports;
//! login and logout refuse forms posted from another site; logout ends the session on the
//! server.

mod common;

use common::{
    Collector, TOKEN, connect_from, free_port, read_response, report, request_from, temp_dir,
};
use std::io::Write;
use std::time::{Duration, Instant};

fn collector(name: &str, extra: &[&str]) -> Collector {
    let dir = temp_dir(name);
    let mut args = vec!["--admin-token", TOKEN, "--rate-per-minute", "0"];
    args.extend_from_slice(extra);
    Collector::start(&dir.join("db.sqlite"), free_port(), &args)
}

const AGGREGATES: &str = "/v1/aggregates?questionnaire=collector-fixture";

#[test]
fn a_thousand_wrong_tokens_are_locked_out_and_another_network_still_gets_in() {
    let c = collector("guess", &[]);
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    let mut retry_after = Vec::new();
    for i in 0..1000 {
        let wrong = format!("Bearer {i:064x}");
        let r = request_from(
            "127.0.0.2",
            &c.addr,
            "GET",
            AGGREGATES,
            &[("Authorization", &wrong)],
            b"",
        );
        *statuses.entry(r.status).or_default() += 1;
        if r.status == 429 {
            retry_after.push(
                r.header("retry-after")
                    .and_then(|v| v.parse::<u64>().ok())
                    .expect("429 says when to retry"),
            );
        }
    }
    println!("1,000 wrong tokens from one address: {statuses:?}");
    let tried = statuses.get(&401).copied().unwrap_or(0);
    // Five free tries, then 1 s, 2 s, 4 s ... of lockout: however fast the loop, a handful.
    assert!((5..=8).contains(&tried), "{statuses:?}");
    assert_eq!(
        statuses.get(&429).copied().unwrap_or(0),
        1000 - tried,
        "{statuses:?}"
    );
    assert!(
        retry_after.iter().all(|s| (1..=900).contains(s)),
        "{retry_after:?}"
    );
    // The right token from the locked-out network waits too (no oracle while locked out) ...
    let right = format!("Bearer {TOKEN}");
    let r = request_from(
        "127.0.0.2",
        &c.addr,
        "GET",
        AGGREGATES,
        &[("Authorization", &right)],
        b"",
    );
    assert_eq!(r.status, 429, "{r:?}");
    // ... and from another network it works at once.
    let r = request_from(
        "127.0.0.3",
        &c.addr,
        "GET",
        AGGREGATES,
        &[("Authorization", &right)],
        b"",
    );
    assert_eq!(r.status, 200, "{r:?}");
    // Logins count against the same lockout.
    let login = format!("token={TOKEN}");
    let r = request_from(
        "127.0.0.2",
        &c.addr,
        "POST",
        "/admin/login",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        login.as_bytes(),
    );
    assert_eq!(r.status, 429, "{r:?}");
    assert!(!c.log().contains("127.0.0."), "no address in the log");
}

#[test]
fn parallel_wrong_logins_from_one_network_mostly_wait() {
    let c = collector("parallel", &[]);
    let addr = c.addr.clone();
    let threads: Vec<_> = (0..40)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let body = format!("token=wrong{i}");
                request_from(
                    "127.0.0.4",
                    &addr,
                    "POST",
                    "/admin/login",
                    &[("Content-Type", "application/x-www-form-urlencoded")],
                    body.as_bytes(),
                )
                .status
            })
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let tried = statuses.iter().filter(|s| **s == 401).count();
    println!(
        "40 parallel wrong logins: {tried} compared, {} refused",
        statuses.iter().filter(|s| **s == 429).count()
    );
    // At most two in progress at once, and lockout after the fifth failure: at most six.
    assert!(tried <= 6, "{statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
}

#[test]
fn slow_login_bodies_at_the_connection_limit_leave_room_for_reports() {
    let c = collector(
        "slow-login",
        &["--max-connections", "8", "--body-timeout-secs", "3"],
    );
    // Eight login requests from eight networks, each with a body that never finishes.
    let started = Instant::now();
    let mut slow: Vec<_> = (0..8)
        .map(|i| {
            let mut s = connect_from(&format!("127.0.1.{}", i + 1), &c.addr);
            s.write_all(
                b"POST /admin/login HTTP/1.1\r\nHost: x\r\n\
                  Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\ntoken=",
            )
            .unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    for s in &mut slow {
        let _ = s.write_all(b"a");
    }
    // A report still gets in, at once.
    let sent = Instant::now();
    let r = c.post_json(&report(1, "umed"));
    let took = sent.elapsed();
    assert_eq!(r.status, 201, "{r:?}");
    assert!(took < Duration::from_secs(1), "the report waited {took:?}");
    // The slow logins: most refused at once (503, every admin slot taken), the admitted ones
    // cut off by the body deadline (408) however they trickle.
    let answers: Vec<(u16, Duration)> = slow
        .into_iter()
        .map(|s| {
            let r = read_response(s);
            (r.status, started.elapsed())
        })
        .collect();
    println!("8 slow logins at --max-connections 8: {answers:?}; a report got 201 in {took:?}");
    let timed_out = answers.iter().filter(|(s, _)| *s == 408).count();
    let busy = answers.iter().filter(|(s, _)| *s == 503).count();
    assert_eq!(
        timed_out, 2,
        "a quarter of the connections for admin requests: {answers:?}"
    );
    assert_eq!(busy, 6, "{answers:?}");
    for (status, at) in &answers {
        if *status == 408 {
            assert!(*at < Duration::from_secs(5), "the deadline holds: {at:?}");
        }
    }
    assert_eq!(c.rows(), 1);
}

fn login_from(c: &Collector, headers: &[(&str, &str)]) -> common::Response {
    let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
    all.extend_from_slice(headers);
    let body = format!("token={TOKEN}&lang=en");
    c.request("POST", "/admin/login", &all, body.as_bytes())
}

fn session_cookie(r: &common::Response) -> String {
    let set = r.header("set-cookie").expect("a session cookie");
    set.split(';').next().unwrap().to_owned()
}

#[test]
fn login_and_logout_refuse_other_sites_and_logout_ends_the_session() {
    let c = collector("csrf", &[]);
    let host = c.addr.clone();
    let own_origin = format!("http://{host}");
    // From another site: refused, no cookie, whichever header the browser sends.
    for headers in [
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Sec-Fetch-Site", "same-site")],
        vec![("Origin", "https://evil.example")],
        vec![("Origin", "null")],
        vec![
            ("Sec-Fetch-Site", "cross-site"),
            ("Origin", own_origin.as_str()),
        ],
    ] {
        let r = login_from(&c, &headers);
        assert_eq!(r.status, 403, "{headers:?}: {r:?}");
        assert!(r.header("set-cookie").is_none(), "{headers:?}");
        assert!(r.body.contains("nothing was changed"), "{}", r.body);
    }
    // From its own page (or from a client that is not a browser): a session.
    let r = login_from(
        &c,
        &[("Sec-Fetch-Site", "same-origin"), ("Origin", &own_origin)],
    );
    assert_eq!(r.status, 303, "{r:?}");
    let r = login_from(&c, &[("Origin", &own_origin)]);
    assert_eq!(r.status, 303, "{r:?}");
    let cookie = session_cookie(&login_from(&c, &[]));
    let dashboard =
        |cookie: &str| c.request("GET", "/admin/export.csv", &[("Cookie", cookie)], b"");
    assert_eq!(dashboard(&cookie).status, 200);
    // Logout from another site changes nothing: the session stays, and the cookie too.
    let r = c.request(
        "POST",
        "/admin/logout",
        &[("Cookie", &cookie), ("Sec-Fetch-Site", "cross-site")],
        b"",
    );
    assert_eq!(r.status, 403, "{r:?}");
    assert!(r.header("set-cookie").is_none());
    assert_eq!(dashboard(&cookie).status, 200);
    // Logout from its own page ends the session on the server: the old id is worthless.
    let r = c.request(
        "POST",
        "/admin/logout",
        &[("Cookie", &cookie), ("Sec-Fetch-Site", "same-origin")],
        b"",
    );
    assert_eq!(r.status, 303, "{r:?}");
    assert!(r.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(dashboard(&cookie).status, 401);
}
