//! `screening serve` refuses to start on an operator's mistake, with a clear message and a
//! non-zero exit, instead of starting and failing every report: a read-only or unusable
//! database, an origin that is not one (`*` included), a questionnaire id and version defined
//! twice, an empty token file or two tokens.

mod common;

use common::{BIN, fixture_json, free_port, temp_dir};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `screening serve` and expects it to exit on its own within 10 s: (code, stderr).
fn refused(args: &[&str], as_nobody: bool) -> (i32, String) {
    let port = free_port().to_string();
    let mut command = Command::new(if as_nobody {
        bin_for_nobody()
    } else {
        Path::new(BIN).to_owned()
    });
    command
        .args(["serve", "--addr"])
        .arg(format!("127.0.0.1:{port}"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if as_nobody {
        command.uid(65534).gid(65534);
    }
    let mut child = command.spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("screening serve {args:?} started instead of refusing");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stderr)
}

/// A copy of the binary that `nobody` can run: the checkout may sit under a directory only root
/// can enter (a `mktemp -d` clone is mode 0700).
fn bin_for_nobody() -> std::path::PathBuf {
    static COPY: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        let dir = temp_dir("startup-bin");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let copy = dir.join("screening");
        std::fs::copy(BIN, &copy).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        copy
    })
    .clone()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Makes `path` read-only for the collector: root ignores file modes, so as root the collector
/// runs as `nobody` (and the file, owned by root, is not its to write).
fn read_only(path: &Path) -> bool {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let dir = path.parent().unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    is_root()
}

#[test]
fn a_read_only_or_unusable_database_is_refused_at_startup() {
    // A collector database, made and migrated by a collector that stored a report and
    // stopped, that can no longer be written (nothing left to migrate: only writing fails).
    let dir = temp_dir("readonly");
    let db = dir.join("db.sqlite");
    let c = common::Collector::start(&db, free_port(), &[]);
    assert_eq!(c.post_json(&common::report(1, "umed")).status, 201);
    c.terminate();
    std::fs::remove_dir_all(dir.join("questionnaires")).unwrap();
    let as_nobody = read_only(&db);
    let (code, err) = refused(&["--db", db.to_str().unwrap()], as_nobody);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is read-only for this process"), "{err}");
    assert!(err.contains(db.to_str().unwrap()), "{err}");

    // A new database in a directory the collector cannot write.
    let dir = temp_dir("readonly-dir");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let db = dir.join("new.sqlite");
    let (code, err) = refused(&["--db", db.to_str().unwrap()], is_root());
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot use the database"), "{err}");

    // A file that is not a database at all.
    let dir = temp_dir("not-a-db");
    let db = dir.join("notes.sqlite");
    std::fs::write(
        &db,
        "these are not the reports you are looking for\n".repeat(40),
    )
    .unwrap();
    let (code, err) = refused(&["--db", db.to_str().unwrap()], false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("cannot use the database") && err.contains("not a database"),
        "{err}"
    );
}

#[test]
fn origins_that_are_not_origins_are_refused_not_aborted_on() {
    let dir = temp_dir("origins");
    let db = dir.join("db.sqlite");
    for origin in [
        "*",
        "https://partner.example.org/embed",
        "partner.example.org",
        "ftp://x.org",
    ] {
        let (code, err) = refused(
            &["--db", db.to_str().unwrap(), "--allowed-origin", origin],
            false,
        );
        assert_eq!(code, 1, "{origin}: {err}");
        assert!(err.contains("scheme://host[:port]"), "{origin}: {err}");
    }
    assert!(
        !db.exists(),
        "nothing was created before the arguments were checked"
    );
}

#[test]
fn an_extra_definition_cannot_replace_a_built_in_one() {
    let dir = temp_dir("dup-questionnaire");
    let extra = dir.join("extra");
    std::fs::create_dir_all(&extra).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../questionnaires/job-offer.json"
        ),
        extra.join("my-job-offer.json"),
    )
    .unwrap();
    let db = dir.join("db.sqlite");
    let args = [
        "--db",
        db.to_str().unwrap(),
        "--questionnaires",
        extra.to_str().unwrap(),
    ];
    let (code, err) = refused(&args, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("my-job-offer.json defines questionnaire \"job-offer\"")
            && err.contains("the built-in job-offer already defines"),
        "{err}"
    );
    // Two extra files with the same id and version are refused the same way.
    std::fs::remove_file(extra.join("my-job-offer.json")).unwrap();
    std::fs::write(extra.join("a.json"), fixture_json()).unwrap();
    std::fs::write(extra.join("b.json"), fixture_json()).unwrap();
    let (code, err) = refused(&args, false);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("b.json defines") && err.contains("a.json already defines"),
        "{err}"
    );
}

#[test]
fn the_admin_token_comes_from_one_place() {
    let dir = temp_dir("token");
    let db = dir.join("db.sqlite");
    let empty = dir.join("empty-token");
    std::fs::write(&empty, "\n").unwrap();
    let (code, err) = refused(
        &[
            "--db",
            db.to_str().unwrap(),
            "--admin-token-file",
            empty.to_str().unwrap(),
        ],
        false,
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the file is empty"), "{err}");
    let token = dir.join("token");
    std::fs::write(&token, format!("{}\n", common::TOKEN)).unwrap();
    let (code, err) = refused(
        &[
            "--db",
            db.to_str().unwrap(),
            "--admin-token-file",
            token.to_str().unwrap(),
            "--admin-token",
            "other",
        ],
        false,
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("give the admin token once"), "{err}");
}

#[test]
fn a_guessable_admin_token_is_refused_with_how_to_make_one() {
    let dir = temp_dir("weak-token");
    let db = dir.join("db.sqlite");
    for weak in ["demo", "e2e-dashboard-token", &"0123456789abcdef".repeat(3)] {
        let (code, err) = refused(
            &["--db", db.to_str().unwrap(), "--admin-token", weak],
            false,
        );
        assert_eq!(code, 1, "{weak}: {err}");
        assert!(err.contains("too weak"), "{weak}: {err}");
        assert!(err.contains("screening admin-token"), "{err}");
        assert!(
            !err.contains(weak),
            "the token itself is not printed: {err}"
        );
    }
    // What `screening admin-token` prints is accepted.
    let out = Command::new(BIN).arg("admin-token").output().unwrap();
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout).unwrap();
    assert_eq!(token.trim().len(), 64, "{token}");
    let file = dir.join("admin-token");
    std::fs::write(&file, &token).unwrap();
    let c = common::Collector::start(
        &db,
        free_port(),
        &["--admin-token-file", file.to_str().unwrap()],
    );
    let r = c.request(
        "GET",
        "/v1/aggregates?questionnaire=collector-fixture",
        &[("Authorization", &format!("Bearer {}", token.trim()))],
        b"",
    );
    assert_eq!(r.status, 200, "{r:?}");
}
