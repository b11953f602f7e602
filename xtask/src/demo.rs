//! `cargo xtask demo`: the demo page with both built-in questionnaires on 127.0.0.1, reporting
//! (with consent) to a local collector, so a newcomer sees the whole path.

use crate::bundle;
use crate::cmd::root;
use crate::tools::{self, dist_dir};
use std::process::{Command, Stdio};

/// The demo page's widgets post to this address (see index.html).
const COLLECTOR: &str = "127.0.0.1:8787";
const ADMIN_TOKEN: &str = "demo";

pub fn run(args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => 8080,
        [flag, port] if flag == "--port" => port
            .parse::<u16>()
            .map_err(|_| format!("--port: `{port}` is not a port number"))?,
        _ => return Err("usage: cargo xtask demo [--port N]".into()),
    };
    let tools = tools::install_build_tools()?;
    bundle::build_release(&tools)?;
    crate::cmd::run(
        tools
            .command("cargo")
            .args(["build", "--release", "-p", "screening"]),
    )?;
    let db = root().join("target/demo.sqlite");
    let mut collector = Command::new(root().join("target/release/screening"))
        .args([
            "serve",
            "--addr",
            COLLECTOR,
            "--min-cell",
            "1",
            "--admin-token",
            ADMIN_TOKEN,
        ])
        .arg("--db")
        .arg(&db)
        .args(["--allowed-origin", &format!("http://127.0.0.1:{port}")])
        .stdout(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("could not start the collector: {e}"))?;
    eprintln!(
        "\nxtask: demo at http://127.0.0.1:{port}/  (Ctrl-C stops it)\n\
         xtask: collector at http://{COLLECTOR}/ storing in {}\n\
         xtask: aggregates: curl -H 'Authorization: Bearer {ADMIN_TOKEN}' \
         'http://{COLLECTOR}/v1/aggregates?questionnaire=job-offer'  (small-cell threshold 1 for the demo)\n\
         xtask: dashboard: http://{COLLECTOR}/admin  (token: {ADMIN_TOKEN}; SQLite, no setup)\n",
        db.display()
    );
    let served = crate::cmd::run(tools.command("node").args([
        "demo/server.mjs",
        "--root",
        &dist_dir().to_string_lossy(),
        "--port",
        &port.to_string(),
    ]));
    let _ = collector.kill();
    let _ = collector.wait();
    served
}
