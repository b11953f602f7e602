//! A real collector process on a real SQLite file, and a minimal HTTP/1.1 client for it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_screening");

/// An admin token strong enough for the collector (64 hex digits, as `screening admin-token`
/// makes them); only for tests.
pub const TOKEN: &str = "5f0c3e9a1b7d2486c0e4a9f31d6b8e2775a0c4d9e13f6b2a8c5d07e9f4a1b3c6";
/// Another one, for a second collector.
pub const OTHER_TOKEN: &str = "a93e71c0d5f8246b1e0c9a7d3f52b6e8c4019d7a2e6f3b5c8d0a1e4f79b2c635";

/// A fresh directory for one test's database.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("screening-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A free port on 127.0.0.1 (bound and released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where a test collector stores reports.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(PathBuf),
    /// A database of its own on the server `SCREENING_TEST_POSTGRES` names; `dir` holds the
    /// test's files (questionnaires, logs).
    Postgres {
        url: String,
        dir: PathBuf,
    },
}

/// The variable naming a PostgreSQL server the tests may create databases on
/// (`postgres://USER@HOST:PORT/postgres`); `cargo xtask test` always sets it.
pub const POSTGRES_ENV: &str = "SCREENING_TEST_POSTGRES";

/// Set by `cargo xtask test` (and so in CI): every test must run, and a missing prerequisite
/// fails the test instead of skipping part of it.
pub const ALL_ENV: &str = "SCREENING_TEST_ALL";

/// Skips part of a test for a missing prerequisite with a note, or fails when every test must
/// run ([`ALL_ENV`]).
pub fn skip_or_fail(what: &str) {
    assert!(
        std::env::var_os(ALL_ENV).is_none(),
        "{ALL_ENV} is set, so every test must run, but {what}"
    );
    eprintln!("skipped: {what}");
}

/// The backends to run a test against: SQLite, and PostgreSQL when `SCREENING_TEST_POSTGRES`
/// is set (when it is not: a note, or a failure under `cargo xtask test`).
pub fn backends() -> Vec<&'static str> {
    if std::env::var_os(POSTGRES_ENV).is_some() {
        vec!["sqlite", "postgres"]
    } else {
        skip_or_fail(&format!("{POSTGRES_ENV} is not set (no PostgreSQL server)"));
        vec!["sqlite"]
    }
}

/// A small tmpfs mounted for one test (a file system that can be filled), unmounted on drop.
/// Mounting needs root (CI runs as root); `None` after [`skip_or_fail`] otherwise.
pub struct Tmpfs {
    pub path: PathBuf,
}

impl Tmpfs {
    pub fn mount(name: &str, size: &str) -> Option<Tmpfs> {
        let path = temp_dir(name);
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(&path)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { path }),
            Ok(o) => {
                skip_or_fail(&format!(
                    "cannot mount a tmpfs on {}: {}",
                    path.display(),
                    String::from_utf8_lossy(&o.stderr).trim()
                ));
                None
            }
            Err(e) => {
                skip_or_fail(&format!("cannot run mount: {e}"));
                None
            }
        }
    }

    /// Writes a file until the file system is full; returns the bytes written.
    pub fn fill(&self, name: &str) -> u64 {
        let mut file = std::fs::File::create(self.path.join(name)).unwrap();
        let mut written = 0;
        for chunk in [65_536, 4096, 512, 1] {
            let bytes = vec![0u8; chunk];
            while file
                .write_all(&bytes)
                .and_then(|()| file.sync_all())
                .is_ok()
            {
                written += chunk as u64;
            }
        }
        written
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// Runs a future to completion on a small runtime of its own.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// Runs SQL on a PostgreSQL database and returns the rows (of a query; none for a command).
pub fn pg(url: &str, sql: &str) -> Vec<tokio_postgres::Row> {
    block_on(async {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        let task = tokio::spawn(connection);
        let rows = if sql.trim_start().to_ascii_uppercase().starts_with("SELECT") {
            client.query(sql, &[]).await
        } else {
            client.batch_execute(sql).await.map(|()| Vec::new())
        }
        .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        drop(client);
        let _ = task.await;
        rows
    })
}

impl Db {
    /// A fresh, empty database for one test on `backend` ("sqlite" or "postgres").
    pub fn fresh(name: &str, backend: &str) -> Db {
        let dir = temp_dir(&format!("{name}-{backend}"));
        match backend {
            "sqlite" => Db::Sqlite(dir.join("db.sqlite")),
            _ => {
                let admin = std::env::var(POSTGRES_ENV).expect("SCREENING_TEST_POSTGRES");
                let db = format!("t_{}_{}", name.replace('-', "_"), std::process::id());
                pg(
                    &admin,
                    &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
                );
                pg(&admin, &format!("CREATE DATABASE {db}"));
                let base = admin.rsplit_once('/').expect("a URL with a database").0;
                Db::Postgres {
                    url: format!("{base}/{db}"),
                    dir,
                }
            }
        }
    }

    /// The value of `--db`.
    pub fn arg(&self) -> String {
        match self {
            Db::Sqlite(path) => path.to_string_lossy().into_owned(),
            Db::Postgres { url, .. } => url.clone(),
        }
    }

    /// The directory of the test's files.
    pub fn dir(&self) -> PathBuf {
        match self {
            Db::Sqlite(path) => path.parent().unwrap().to_owned(),
            Db::Postgres { dir, .. } => dir.clone(),
        }
    }

    /// The ids of every stored report (with repeats, if any).
    pub fn ids(&self) -> Vec<String> {
        match self {
            Db::Sqlite(path) => {
                let conn = rusqlite::Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                )
                .unwrap();
                conn.prepare("SELECT id FROM submissions")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            }
            Db::Postgres { url, .. } => pg(url, "SELECT id FROM submissions")
                .iter()
                .map(|r| r.get(0))
                .collect(),
        }
    }

    /// Rows in the submissions table.
    pub fn rows(&self) -> i64 {
        match self {
            Db::Sqlite(path) => rows(path),
            Db::Postgres { url, .. } => pg(url, "SELECT COUNT(*) FROM submissions")[0].get(0),
        }
    }
}

pub struct Collector {
    pub child: Child,
    pub addr: String,
    pub db: PathBuf,
    pub store: Db,
    /// Where its log goes (a file: a full pipe would block the server).
    pub log: PathBuf,
}

impl Collector {
    /// Starts `screening serve` and waits until it accepts connections. It also accepts the
    /// test questionnaire [`FIXTURE`] (written next to the database).
    pub fn start(db: &Path, port: u16, extra: &[&str]) -> Collector {
        Collector::start_with_env(db, port, extra, &[])
    }

    /// The same, with environment variables for the collector (such as `SCREENING_LOG`).
    pub fn start_with_env(db: &Path, port: u16, extra: &[&str], env: &[(&str, &str)]) -> Collector {
        Collector::start_full(db, port, extra, env, None)
    }

    /// The same, under an open-file limit (`ulimit -n`) when `nofile` is given.
    pub fn start_full(
        db: &Path,
        port: u16,
        extra: &[&str],
        env: &[(&str, &str)],
        nofile: Option<u32>,
    ) -> Collector {
        Collector::launch(&Db::Sqlite(db.to_owned()), port, extra, env, nofile)
    }

    /// Starts a collector on any backend.
    pub fn start_on(store: &Db, port: u16, extra: &[&str]) -> Collector {
        Collector::launch(store, port, extra, &[], None)
    }

    pub fn launch(
        store: &Db,
        port: u16,
        extra: &[&str],
        env: &[(&str, &str)],
        nofile: Option<u32>,
    ) -> Collector {
        let db = &store.dir().join("db.sqlite");
        let questionnaires = db.parent().unwrap().join("questionnaires");
        std::fs::create_dir_all(&questionnaires).unwrap();
        std::fs::write(questionnaires.join("fixture.json"), fixture_json()).unwrap();
        let addr = format!("127.0.0.1:{port}");
        let log = db.with_extension(format!(
            "{port}.{}.log",
            Instant::now().elapsed().as_nanos()
        ));
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let mut command = match nofile {
            Some(n) => {
                let mut sh = Command::new("sh");
                sh.args(["-c", &format!("ulimit -n {n} && exec \"$0\" \"$@\""), BIN]);
                sh
            }
            None => Command::new(BIN),
        };
        let mut child = command
            .args(["serve", "--db"])
            .arg(store.arg())
            .args(["--addr", &addr])
            .arg("--questionnaires")
            .arg(&questionnaires)
            .args(extra)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .expect("the screening binary starts");
        // Ready when *this* collector says it listens: a probe of the port could reach another
        // test's collector that was handed the same free port, and talk to the wrong server.
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().expect("stdout is piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("screening collector listening on ") {
                    let _ = ready_tx.send(());
                }
            }
        });
        let started = Instant::now();
        loop {
            if ready_rx.recv_timeout(Duration::from_millis(20)).is_ok() {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(&log).unwrap_or_default();
                panic!("collector exited before listening on {addr} ({status}):\n{log}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "collector did not start"
            );
        }
        Collector {
            child,
            addr,
            db: db.to_owned(),
            store: store.clone(),
            log,
        }
    }

    /// What it logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends SIGTERM and returns at once.
    pub fn signal_term(&self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
    }

    /// Waits up to `limit` for the process to exit; its exit code.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<i32> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status.code().unwrap_or(-1));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        request(&self.addr, method, path, headers, body)
    }

    pub fn post_json(&self, body: &str) -> Response {
        self.request(
            "POST",
            "/v1/submissions",
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
    }

    /// Rows in the submissions table.
    pub fn rows(&self) -> i64 {
        self.store.rows()
    }

    /// Stops the process the way a service manager does (SIGTERM), waits for it to exit, and
    /// returns what it logged.
    pub fn terminate(mut self) -> String {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let started = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "collector did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stops the process (SIGKILL) and returns what it logged.
    pub fn kill(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Rows in a database's submissions table.
pub fn rows(db: &Path) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0))
        .unwrap()
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request on a fresh connection (`Connection: close`).
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    request_from("127.0.0.1", addr, method, path, headers, body)
}

/// A connection to `addr` from the local address `from` (any of 127.0.0.0/8 on Linux): how
/// the tests play clients on other networks.
pub fn connect_from(from: &str, addr: &str) -> TcpStream {
    let local: std::net::SocketAddr = format!("{from}:0").parse().unwrap();
    let remote: std::net::SocketAddr = addr.parse().unwrap();
    let stream = block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(local).unwrap();
        let connected = socket.connect(remote).await;
        connected.and_then(tokio::net::TcpStream::into_std)
    })
    .unwrap_or_else(|e| panic!("connect from {from} to {addr}: {e}"));
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
}

/// One request on a fresh connection from the local address `from`.
pub fn request_from(
    from: &str,
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = connect_from(from, addr);
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading a large body; ignore a broken pipe then.
    let _ = stream.write_all(body);
    read_response(stream)
}

/// A connection that sends `bytes` as they are (a request cut short, badly framed, or slow).
pub fn raw(addr: &str, bytes: &[u8]) -> TcpStream {
    let mut stream = connect_from("127.0.0.1", addr);
    stream.write_all(bytes).unwrap();
    stream
}

/// Reads one response (status line, headers, then the body to the end of the connection).
pub fn read_response(stream: TcpStream) -> Response {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line
        .split_whitespace()
        .nth(1)
        .unwrap_or_else(|| panic!("no status line: {line:?}"))
        .parse()
        .unwrap();
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let h = line.trim_end();
        if h.is_empty() {
            break;
        }
        let (n, v) = h.split_once(':').unwrap();
        headers.push((n.trim().to_owned(), v.trim().to_owned()));
    }
    let mut body = String::new();
    let _ = reader.read_to_string(&mut body);
    Response {
        status,
        headers,
        body,
    }
}

/// Whether the server has closed this connection (end of stream or reset), checked without
/// waiting.
pub fn closed_by_server(mut stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut byte = [0u8; 1];
    let closed = match stream.read(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    };
    stream.set_nonblocking(false).unwrap();
    closed
}

/// The id of the test questionnaire every test collector accepts.
pub const FIXTURE: &str = "collector-fixture";

/// A questionnaire for the collector's tests, independent of the built-in content: plain
/// `work` (ok/long), sensitive `hit` (no/once/often), plain multi-select `costs` (none
/// exclusive, visa, ticket); plain scale `conditions` (none/some), sensitive scale `harm`
/// (low/medium/high, moved by `hit`). Every question offers "I don't know".
pub fn fixture_json() -> String {
    use serde_json::{Value, json};
    let t = |s: &str| json!({"en": s, "ru": s});
    let q = |id: &str, opts: &[(&str, &str, u32)], sensitive: bool| {
        let options: Vec<Value> = opts
            .iter()
            .map(|(o, scale, w)| {
                if *w > 0 {
                    json!({"id": o, "text": t(o), "weights": {*scale: w}, "reason": t("r")})
                } else {
                    json!({"id": o, "text": t(o)})
                }
            })
            .collect();
        json!({"id": id, "type": "single", "text": t(id),
            "indicator": {"other": "x", "source": "s"}, "options": options,
            "report": true, "sensitive": sensitive})
    };
    let band = |id: &str, min: u32, level: &str| {
        json!({"id": id, "min": min, "level": level, "title": t(id), "advice": t("a"),
            "steps": [t("s")], "contact_topics": ["labour_rights"]})
    };
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
    json!({
        "schema": 1, "id": FIXTURE, "version": 1, "locales": {"en": "draft", "ru": "draft"},
        "title": t("T"), "intro": t("I"), "minutes": 2, "disclaimer": t("D"),
        "questions": [
            q("work", &[("ok", "conditions", 0), ("long", "conditions", 2)], false),
            q("hit", &[("no", "harm", 0), ("once", "harm", 1), ("often", "harm", 3)], true),
            costs
        ],
        "scales": [
            {"id": "conditions", "title": t("C"), "bands": [band("none", 0, "ok"), band("some", 2, "caution")]},
            {"id": "harm", "title": t("H"), "bands": [band("low", 0, "ok"), band("medium", 1, "caution"), band("high", 3, "danger")]}
        ]
    })
    .to_string()
}

/// The month `offset` months from now (UTC) as `YYYY-MM`: the collector accepts the current
/// month and one either side.
pub fn month(offset: i64) -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    // H. Hinnant's civil_from_days.
    let z = days + 719_468;
    let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let n = y * 12 + m - 1 + offset;
    format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
}

/// A valid report for [`FIXTURE`], as JSON: every question answered (chosen by `seed`),
/// randomized response with ε = 1, this month.
pub fn report(seed: u64, partner: &str) -> String {
    use screening_core::payload::{Payload, Privacy, ReportContext};
    use screening_core::randomized::SplitMix64;
    use screening_core::{Answer, Answers, definition::QuestionKind};
    let d = screening_core::parse_definition(&fixture_json()).unwrap();
    let mut answers = Answers::default();
    for (i, q) in d.questions().iter().enumerate() {
        let ids = q.answer_ids();
        let id = ids[(seed as usize + i) % ids.len()].to_owned();
        let answer = match q.kind {
            QuestionKind::Single => Answer::One(id),
            QuestionKind::Multi => Answer::Many(vec![id]),
        };
        answers.set(&q.id, answer);
    }
    let answers = d.prune(&answers);
    let outcome = d.score(&answers).unwrap();
    let context = ReportContext {
        locale: screening_core::Locale::Ru,
        partner: Some(partner.to_owned()),
        month: month(0),
        privacy: Privacy::randomized(1.0),
    };
    serde_json::to_string(
        &Payload::build(&d, &answers, &outcome, &context, &mut SplitMix64(seed)).unwrap(),
    )
    .unwrap()
}
