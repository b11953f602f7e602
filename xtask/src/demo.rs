//! `cargo xtask demo`: the widget on the demo page, served on 127.0.0.1.

use crate::bundle;
use crate::tools::{self, dist_dir};

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
    let dist = dist_dir();
    eprintln!("xtask: demo at http://127.0.0.1:{port}/  (Ctrl-C stops it)");
    crate::cmd::run(tools.command("node").args([
        "demo/server.mjs",
        "--root",
        &dist.to_string_lossy(),
        "--port",
        &port.to_string(),
    ]))
}
