//! `cargo xtask demo`: the demo page with both built-in questionnaires on 127.0.0.1, reporting
//! (with consent) to a local collector, so a newcomer sees the whole path.

use crate::bundle;
use crate::cmd::root;
use crate::tools::{self, dist_dir};
use std::process::{Command, Stdio};

/// The demo page's widgets post to this address (see index.html).
const COLLECTOR: &str = "127.0.0.1:8787";

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
    let screening = root().join("target/release/screening");
    let token = demo_token(&screening)?;
    let mut collector = Command::new(&screening)
        .args(["serve", "--addr", COLLECTOR, "--min-cell", "1"])
        .arg("--admin-token-file")
        .arg(root().join(TOKEN_FILE))
        .arg("--db")
        .arg(&db)
        .args(["--allowed-origin", &format!("http://127.0.0.1:{port}")])
        .stdout(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("could not start the collector: {e}"))?;
    eprintln!(
        "\nxtask: demo at http://127.0.0.1:{port}/  (Ctrl-C stops it); assisted mode at http://127.0.0.1:{port}/assisted.html\n\
         xtask: collector at http://{COLLECTOR}/ storing in {}\n\
         xtask: aggregates: curl -H 'Authorization: Bearer {token}' \
         'http://{COLLECTOR}/v1/aggregates?questionnaire=job-offer'  (small-cell threshold 1 for the demo)\n\
         xtask: dashboard: http://{COLLECTOR}/admin  (token: {token}, kept in {TOKEN_FILE}; SQLite, no setup)\n",
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

/// The demo collector's admin token, made once by `screening admin-token` (the collector refuses
/// a guessable one, in the demo too) and kept for the next demo.
const TOKEN_FILE: &str = "target/demo-admin-token";

fn demo_token(screening: &std::path::Path) -> Result<String, String> {
    let file = root().join(TOKEN_FILE);
    if let Ok(token) = std::fs::read_to_string(&file)
        && token.trim().len() == 64
    {
        return Ok(token.trim().to_owned());
    }
    let out = Command::new(screening)
        .arg("admin-token")
        .output()
        .map_err(|e| format!("screening admin-token: {e}"))?;
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || token.len() != 64 {
        return Err(format!(
            "screening admin-token failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    std::fs::write(&file, format!("{token}\n")).map_err(|e| format!("{}: {e}", file.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600));
    }
    Ok(token)
}
