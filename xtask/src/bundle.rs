//! Building the release bundle with trunk, offline.

use crate::cmd;
use crate::tools::{Tools, dist_dir};

/// Files of the bundle a partner deploys, in load order.
pub const LOADER: &str = "screening-form.js";
pub const GLUE: &str = "screening-widget.js";
pub const WASM: &str = "screening-widget_bg.wasm";
/// Assisted mode's build of the widget (`--features assisted`): the loader fetches these
/// instead of GLUE and WASM only for an element with `mode="assisted"`.
pub const ASSISTED_GLUE: &str = "screening-assisted.js";
pub const ASSISTED_WASM: &str = "screening-assisted_bg.wasm";
/// The widget's stylesheet: the loader adopts it into each shadow root, before the wasm has
/// arrived (the pre-rendered start screen needs it) and for the live widget.
pub const CSS: &str = "screening-form.css";

/// `trunk build --release --offline` into `dist/`, then checks the bundle is complete.
/// The collector, its development tools and the translators' tools, release build: the
/// end-to-end tests run a real collector (the dashboard's test fills it with the load generator,
/// the review pack's test runs `screening-i18n review`), and so does the bench.
pub fn build_collector(tools: &Tools) -> Result<(), String> {
    crate::cmd::run(tools.command("cargo").args([
        "build",
        "--release",
        "-p",
        "screening",
        "-p",
        "screening-devtools",
        "-p",
        "screening-i18n",
    ]))
}

/// `trunk build --release` with the pinned nightly into `dist`, with `features`.
fn trunk(tools: &Tools, dist: &std::path::Path, features: Option<&str>) -> Result<(), String> {
    // The pinned nightly builds the shipped wasm with its own standard library and panics that
    // abort at once (no formatting or location code): 12 KB brotli less. Only this build.
    let mut command = tools.command("trunk");
    command
        .args([
            "build",
            "--release",
            "--offline",
            "--skip-version-check",
            "--dist",
        ])
        .arg(dist)
        .env("RUSTUP_TOOLCHAIN", crate::tools::NIGHTLY)
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT", "true")
        .env("CARGO_PROFILE_RELEASE_PANIC", "immediate-abort");
    if let Some(features) = features {
        command.args(["--features", features]);
    }
    cmd::run(&mut command)
}

/// The assisted build, into `target/assisted-dist`, then its glue and wasm copied into `dist`
/// under their own names (the glue's default wasm URL renamed to match).
fn build_assisted(tools: &Tools, dist: &std::path::Path) -> Result<(), String> {
    let out = dist
        .parent()
        .ok_or("dist/ has no parent")?
        .join("target/assisted-dist");
    trunk(tools, &out, Some("assisted"))?;
    let glue = std::fs::read_to_string(out.join(GLUE)).map_err(|e| format!("{GLUE}: {e}"))?;
    std::fs::write(dist.join(ASSISTED_GLUE), glue.replace(WASM, ASSISTED_WASM))
        .map_err(|e| format!("{ASSISTED_GLUE}: {e}"))?;
    std::fs::copy(out.join(WASM), dist.join(ASSISTED_WASM))
        .map_err(|e| format!("{ASSISTED_WASM}: {e}"))?;
    Ok(())
}

pub fn build_release(tools: &Tools) -> Result<(), String> {
    let dist = dist_dir();
    trunk(tools, &dist, None)?;
    build_assisted(tools, &dist)?;
    strip_trunk_links(&dist.join("index.html"))?;
    // One file per questionnaire and locale, and the loader told which exist.
    let manifest = crate::content::split(&dist.join(""))?;
    embed_manifest(&dist.join(LOADER), &manifest)?;
    crate::shared::embed(&dist.join(LOADER))?;
    write_stylesheet(&dist.join(CSS))?;
    prerender(tools, &dist)?;
    // Minify the JavaScript a partner serves (the sources stay readable in src/).
    for file in [LOADER, GLUE, ASSISTED_GLUE] {
        let path = dist.join(file);
        cmd::run(
            tools
                .command("terser")
                .arg(&path)
                .args(["--module", "--compress", "--mangle", "--output"])
                .arg(&path),
        )?;
    }
    for file in [
        LOADER,
        GLUE,
        WASM,
        ASSISTED_GLUE,
        ASSISTED_WASM,
        CSS,
        "index.html",
    ] {
        if !dist.join(file).is_file() {
            return Err(format!("trunk did not produce dist/{file}"));
        }
    }
    Ok(())
}

/// With `inject_scripts = false` trunk leaves its `<link data-trunk rel="rust">` in the page;
/// a partner page would not have it, so the demo page should not either.
fn strip_trunk_links(index: &std::path::Path) -> Result<(), String> {
    let html = std::fs::read_to_string(index).map_err(|e| format!("{}: {e}", index.display()))?;
    let kept: Vec<&str> = html
        .lines()
        .filter(|l| !l.contains("data-trunk") && !l.trim().is_empty())
        .collect();
    std::fs::write(index, kept.join("\n") + "\n").map_err(|e| format!("{}: {e}", index.display()))
}

/// The loader picks a questionnaire's locale file before the wasm has loaded: it needs each
/// built-in questionnaire's locales, written into it here (`const BUILT_IN = {};`).
fn embed_manifest(loader: &std::path::Path, manifest: &serde_json::Value) -> Result<(), String> {
    const MARKER: &str = "const BUILT_IN = {};";
    let js = std::fs::read_to_string(loader).map_err(|e| format!("{}: {e}", loader.display()))?;
    if !js.contains(MARKER) {
        return Err(format!("{} has no `{MARKER}`", loader.display()));
    }
    let js = js.replacen(MARKER, &format!("const BUILT_IN = {manifest};"), 1);
    std::fs::write(loader, js).map_err(|e| format!("{}: {e}", loader.display()))
}

/// Each built-in questionnaire's start screen in each locale, rendered by the widget's own
/// components (`screening-prerender`, natively) beside its one-locale file.
fn prerender(tools: &Tools, dist: &std::path::Path) -> Result<(), String> {
    cmd::run(
        tools
            .command("cargo")
            .args([
                "run",
                "--quiet",
                "--features",
                "prerender",
                "--bin",
                "screening-prerender",
                "--",
            ])
            .arg(dist),
    )
}

/// `style/screening-form.css` without its comments and indentation (the readable file, with
/// the documented theming properties, stays in style/).
fn write_stylesheet(out: &std::path::Path) -> Result<(), String> {
    let source = crate::cmd::root().join("style/screening-form.css");
    let css = std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    std::fs::write(out, minify_css(&css)).map_err(|e| format!("{}: {e}", out.display()))
}

fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let mut minified = String::with_capacity(out.len());
    for line in out.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !minified.is_empty() && !minified.ends_with(['{', '}', ';', ',']) {
            minified.push(' ');
        }
        minified.push_str(line);
    }
    minified
}

#[cfg(test)]
mod tests {
    #[test]
    fn minifying_drops_comments_and_indentation_only() {
        let css = "/* theming */\n:host {\n  color: red; /* why */\n}\n@media (a) and\n  (b) {\n  p { x: y }\n}\n";
        assert_eq!(
            super::minify_css(css),
            ":host {color: red;}@media (a) and (b) {p { x: y }}"
        );
    }
}
