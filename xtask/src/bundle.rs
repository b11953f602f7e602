//! Building the release bundle with trunk, offline.

use crate::cmd;
use crate::tools::{Tools, dist_dir};

/// Files of the bundle a partner deploys, in load order.
pub const LOADER: &str = "screening-form.js";
pub const GLUE: &str = "screening-widget.js";
pub const WASM: &str = "screening-widget_bg.wasm";

/// `trunk build --release --offline` into `dist/`, then checks the bundle is complete.
pub fn build_release(tools: &Tools) -> Result<(), String> {
    cmd::run(tools.command("trunk").args([
        "build",
        "--release",
        "--offline",
        "--skip-version-check",
    ]))?;
    let dist = dist_dir();
    for file in [LOADER, GLUE, WASM, "index.html"] {
        if !dist.join(file).is_file() {
            return Err(format!("trunk did not produce dist/{file}"));
        }
    }
    Ok(())
}
