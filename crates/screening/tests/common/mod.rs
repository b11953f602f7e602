//! A real collector process on a real SQLite file, and a minimal HTTP/1.1 client for it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_screening");

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

pub struct Collector {
    pub child: Child,
    pub addr: String,
    pub db: PathBuf,
    /// Where its log goes (a file: a full pipe would block the server).
    pub log: PathBuf,
}

impl Collector {
    /// Starts `screening serve` and waits until it accepts connections.
    pub fn start(db: &Path, port: u16, extra: &[&str]) -> Collector {
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
        let child = Command::new(BIN)
            .args(["serve", "--db"])
            .arg(db)
            .args(["--addr", &addr])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("the screening binary starts");
        let started = Instant::now();
        while TcpStream::connect(&addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "collector did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Collector {
            child,
            addr,
            db: db.to_owned(),
            log,
        }
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
        rows(&self.db)
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
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
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
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
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

/// A valid report for the built-in job-offer questionnaire, as JSON.
pub fn report(seed: u64, partner: &str) -> String {
    use screening_core::payload::{Payload, Privacy, ReportContext};
    use screening_core::randomized::SplitMix64;
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../questionnaires/job-offer.json"
    ))
    .unwrap();
    let d = screening_core::parse_definition(&json).unwrap();
    let answers: screening_core::Answers =
        serde_json::from_str(r#"{"channel": "online", "passport": "them", "contract": "no"}"#)
            .unwrap();
    let outcome = d.score(&answers).unwrap();
    let context = ReportContext {
        locale: screening_core::Locale::Ru,
        partner: Some(partner.to_owned()),
        month: "2026-11".into(),
        privacy: Privacy::randomized(1.0),
    };
    serde_json::to_string(
        &Payload::build(&d, &answers, &outcome, &context, &mut SplitMix64(seed)).unwrap(),
    )
    .unwrap()
}
