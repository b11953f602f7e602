//! `cargo xtask test`: every test, in the order that fails fastest, with pass counts at the end.

use crate::bundle;
use crate::cmd::root;
use crate::tools::{self, CHROMEDRIVER, Tools};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The widget's native part (`screening-prerender`), tested and linted with the host crates.
const PRERENDER: &str = "screening-widget/prerender";

/// The stages, by the name `--only` takes.
const STAGES: [&str; 5] = ["lint", "native", "fuzz", "browser", "e2e"];

pub fn run(args: &[String]) -> Result<(), String> {
    let only: Vec<&str> = match args {
        [] => STAGES.to_vec(),
        [flag, list] if flag == "--only" => list.split(',').collect(),
        _ => {
            return Err(format!(
                "usage: cargo xtask test [--only {}]",
                STAGES.join(",")
            ));
        }
    };
    if let Some(bad) = only.iter().find(|s| !STAGES.contains(s)) {
        return Err(format!(
            "unknown stage `{bad}` (stages: {})",
            STAGES.join(", ")
        ));
    }
    let tools = tools::install_build_tools()?;
    tools::install_browser()?;
    // The collector's tests run against SQLite and against this server.
    let postgres = if only.iter().any(|s| *s == "native" || *s == "e2e") {
        Some(PgCluster::start()?)
    } else {
        None
    };
    let mut summary = Vec::new();
    for stage in only {
        let passed = match stage {
            "lint" => lint(&tools)?,
            "native" => counted(
                tools
                    .command("cargo")
                    // With the widget's start-screen prerender, which builds natively.
                    .args(["test", "--workspace", "--features", PRERENDER])
                    .env(POSTGRES_ENV, &postgres.as_ref().expect("started above").url)
                    .env(ALL_ENV, "1"),
            )?,
            "fuzz" => crate::fuzz::fuzz(crate::fuzz::TEST_SECONDS)?,
            "browser" => counted(
                tools
                    .command("cargo")
                    .args([
                        "test",
                        "-p",
                        "screening-widget",
                        "--target",
                        "wasm32-unknown-unknown",
                    ])
                    .env("CHROMEDRIVER", CHROMEDRIVER),
            )?,
            "e2e" => {
                bundle::build_release(&tools)?;
                crate::ratchet::check()?;
                bundle::build_collector(&tools)?;
                counted(
                    tools
                        .command("npx")
                        .args([
                            "playwright",
                            "test",
                            "--config",
                            "tests/e2e/playwright.config.ts",
                        ])
                        .env(POSTGRES_ENV, &postgres.as_ref().expect("started above").url)
                        .env(ALL_ENV, "1"),
                )?
            }
            _ => unreachable!("stages were checked above"),
        };
        summary.push((stage, passed));
    }
    drop(postgres);
    eprintln!("\nxtask: all tests passed");
    for (stage, passed) in summary {
        eprintln!("  {stage:<8} {passed:>4} passed");
    }
    Ok(())
}

/// Formatting and clippy (warnings are errors) on the host and on wasm32.
fn lint(tools: &Tools) -> Result<usize, String> {
    crate::cmd::run(tools.command("cargo").args(["fmt", "--all", "--check"]))?;
    const WASM: &str = "wasm32-unknown-unknown";
    let clippy: [&[&str]; 3] = [
        &["--workspace", "--all-targets", "--features", PRERENDER],
        &["-p", "screening-widget", "--target", WASM, "--all-targets"],
        // Assisted mode's build of the widget (its own wasm).
        &[
            "-p",
            "screening-widget",
            "--target",
            WASM,
            "--features",
            "assisted",
        ],
    ];
    for args in clippy {
        crate::cmd::run(
            tools
                .command("cargo")
                .arg("clippy")
                .args(args)
                .args(["--", "-D", "warnings"]),
        )?;
    }
    check_stand_in(tools)?;
    Ok(5)
}

/// The widget's size depends on `vendor/wasm-streams` replacing the real crate. When Leptos
/// moves to another wasm-streams version the patch stops applying with only a cargo warning
/// and tens of kilobytes come back: fail instead.
fn check_stand_in(tools: &Tools) -> Result<(), String> {
    let tree = crate::cmd::output(tools.command("cargo").args([
        "tree",
        "-p",
        "screening-widget",
        "--target",
        "wasm32-unknown-unknown",
        "-i",
        "wasm-streams",
        "--depth",
        "0",
    ]))
    .unwrap_or_default();
    if tree.contains("vendor/wasm-streams") {
        eprintln!("xtask: the wasm-streams stand-in is in use");
        Ok(())
    } else {
        Err(format!(
            "the vendor/wasm-streams patch is not applied (cargo tree -i wasm-streams says: {}); \
             update the stand-in's version to the one Leptos uses, or remove the patch",
            tree.trim()
        ))
    }
}

/// Runs a test command, echoing its output, and returns how many tests it reported passed
/// (cargo's `test result: ok. N passed` lines and Playwright's `N passed`).
fn counted(command: &mut Command) -> Result<usize, String> {
    eprintln!("xtask: $ {command:?}");
    let mut child = command
        .stdout(Stdio::piped())
        .current_dir(root())
        .spawn()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut passed = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading test output: {e}"))?;
        println!("{line}");
        passed += passed_in(&line);
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(passed)
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

fn passed_in(line: &str) -> usize {
    let line = line.trim();
    let text = line.strip_prefix("test result: ok.").unwrap_or(line);
    let mut words = text.split_whitespace();
    match (words.next(), words.next()) {
        (Some(n), Some(w)) if w.trim_end_matches([';', ',']) == "passed" => n.parse().unwrap_or(0),
        _ => 0,
    }
}

/// A throwaway PostgreSQL cluster for the collector's tests and benchmarks: `initdb` in a
/// temporary directory (as the `postgres` user when running as root, since PostgreSQL refuses
/// to run as root), trust authentication, listening on 127.0.0.1 on a free port and on a
/// socket in that directory. Stopped (`pg_ctl -m fast stop`) and deleted when dropped.
pub struct PgCluster {
    dir: std::path::PathBuf,
    bin: std::path::PathBuf,
    as_postgres: bool,
    /// `postgres://screening@127.0.0.1:PORT/postgres`: tests create their databases from it.
    pub url: String,
}

/// The variable that gives the collector tests a PostgreSQL server (they skip PostgreSQL
/// cases without it; `cargo xtask test` always sets it).
pub const POSTGRES_ENV: &str = "SCREENING_TEST_POSTGRES";
/// Set for every test this command runs: a test whose prerequisite is missing (the PostgreSQL
/// server, a file system it may mount) fails instead of skipping.
pub const ALL_ENV: &str = "SCREENING_TEST_ALL";

impl PgCluster {
    pub fn start() -> Result<PgCluster, String> {
        let bin = postgres_bin()?;
        let as_postgres = crate::cmd::output(Command::new("id").arg("-u")).as_deref() == Some("0");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let dir = std::env::temp_dir().join(format!("screening-pg-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if as_postgres {
            crate::cmd::run(Command::new("chown").arg("postgres:").arg(&dir))?;
        }
        let cluster = PgCluster {
            url: format!("postgres://screening@127.0.0.1:{port}/postgres"),
            dir,
            bin,
            as_postgres,
        };
        let data = cluster.dir.join("data");
        let mut initdb = cluster.command("initdb");
        initdb
            .arg("-D")
            .arg(&data)
            .args(["-U", "screening", "-A", "trust", "-E", "UTF8", "--no-sync"])
            .stdout(Stdio::null());
        crate::cmd::run(&mut initdb)?;
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -k {} -c max_connections=200 \
             -c shared_buffers=256MB -c log_statement=none -c log_min_duration_statement=-1",
            cluster.dir.display()
        );
        crate::cmd::run(
            cluster
                .command("pg_ctl")
                .arg("-D")
                .arg(&data)
                .args(["-o", &options, "-w", "-t", "60", "-l"])
                .arg(cluster.dir.join("server.log"))
                .arg("start")
                .stdout(Stdio::null()),
        )?;
        eprintln!("xtask: PostgreSQL test cluster at {}", cluster.url);
        Ok(cluster)
    }

    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c.current_dir(&self.dir);
            c
        } else {
            Command::new(program)
        }
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "fast", "-w", "stop"])
            .stdout(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest PostgreSQL server binaries (Debian keeps them out of PATH).
fn postgres_bin() -> Result<std::path::PathBuf, String> {
    let mut versions: Vec<(u32, std::path::PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| {
                    let v = e.file_name().to_string_lossy().parse().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("initdb").exists().then_some((v, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| {
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): \
         cargo xtask install-tools installs Debian's postgresql"
            .into()
    })
}

#[cfg(test)]
mod tests {
    use super::passed_in;

    #[test]
    fn counts_cargo_and_playwright_summaries() {
        assert_eq!(
            passed_in("test result: ok. 12 passed; 0 failed; 0 ignored"),
            12
        );
        assert_eq!(passed_in("  3 passed (4.2s)"), 3);
        assert_eq!(passed_in("running 3 tests"), 0);
    }
}
