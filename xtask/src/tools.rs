//! Installing the tools the build and the tests need, idempotently: each is checked by version
//! first and installed only when missing or wrong, so a second run takes a second.

use crate::cmd::{self, output, root};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// trunk 0.22 needs a newer rustc than the one here; 0.21.14 is the last that builds.
pub const TRUNK_VERSION: &str = "0.21.14";
/// The dated nightly that builds the release wasm (`-Z build-std` with immediate-abort panics:
/// 12 KB brotli less, docs/performance.md) and runs the fuzzers. Everything else, and every
/// check of the widget (clippy, its browser tests), uses the stable toolchain.
pub const NIGHTLY: &str = "nightly-2026-05-20";
/// The code size profiler the size ratchet uses to explain growth of the wasm.
pub const TWIGGY_VERSION: &str = "0.8.0";
/// Debian's packages for the browser tests (chromedriver drives wasm-bindgen-test), and
/// PostgreSQL for the collector's tests and benchmarks (a throwaway cluster each run), and
/// gettext, whose `msgfmt --check` the PO export tests run (`screening-i18n`).
const APT_PACKAGES: [&str; 5] = [
    "chromium",
    "chromium-driver",
    "brotli",
    "postgresql",
    "gettext",
];
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The environment the build and test commands run with.
pub struct Tools {
    /// `PATH` with the npm tools (`wasm-opt` from binaryen, `playwright`) in front, so Debian's
    /// broken binaryen 108, if present, is never picked.
    pub path: OsString,
}

impl Tools {
    /// A command with the tool `PATH`.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path).current_dir(root());
        command
    }
}

/// Installs everything: build tools, browsers and the npm packages.
pub fn install_all() -> Result<(), String> {
    install_build_tools()?;
    install_browser()?;
    eprintln!("xtask: all tools installed");
    Ok(())
}

/// Installs what `trunk build` needs and returns the environment to run it with.
pub fn install_build_tools() -> Result<Tools, String> {
    ensure_wasm_target()?;
    ensure_nightly()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()?;
    let bin = root().join("node_modules/.bin");
    let mut paths = vec![bin];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(paths).map_err(|e| format!("bad PATH: {e}"))?;
    Ok(Tools { path })
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    cmd::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The pinned nightly with the standard library's source and the wasm32 target (what
/// `-Z build-std` needs), and the standard library's own dependencies in cargo's cache, because
/// trunk builds offline.
pub fn ensure_nightly() -> Result<(), String> {
    let installed = output(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        NIGHTLY,
    ]))
    .unwrap_or_default();
    let has = |c: &str| installed.lines().any(|l| l.trim().starts_with(c));
    if !(has("rust-src") && has("rust-std-wasm32-unknown-unknown")) {
        cmd::run(Command::new("rustup").args([
            "toolchain",
            "install",
            NIGHTLY,
            "--profile",
            "minimal",
            "--component",
            "rust-src",
            "--target",
            "wasm32-unknown-unknown",
        ]))?;
    }
    let sysroot =
        output(Command::new("rustc").args([&format!("+{NIGHTLY}"), "--print", "sysroot"]))
            .ok_or_else(|| format!("rustc +{NIGHTLY} --print sysroot failed"))?;
    let library = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.toml");
    cmd::run(
        Command::new("cargo")
            .arg(format!("+{NIGHTLY}"))
            .args(["fetch", "--quiet", "--manifest-path"])
            .arg(library),
    )
}

fn ensure_trunk() -> Result<(), String> {
    let have = output(Command::new("trunk").arg("--version")).unwrap_or_default();
    if have == format!("trunk {TRUNK_VERSION}") {
        return Ok(());
    }
    cmd::run(Command::new("cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
    ]))
}

/// The `wasm-bindgen` version in `Cargo.lock`: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let version = locked_wasm_bindgen_version()?;
    check_trunk_pin(&version)?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(version.as_str()) {
        return Ok(());
    }
    // Without --locked: the CLI's own lockfile names a crate version the mirror may not serve.
    cmd::run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))
}

/// `Trunk.toml` pins the wasm-bindgen version; a stale pin would make trunk try a download.
fn check_trunk_pin(version: &str) -> Result<(), String> {
    let trunk = std::fs::read_to_string(root().join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    let pin = format!("wasm_bindgen = \"{version}\"");
    if trunk.lines().any(|l| l.trim() == pin) {
        Ok(())
    } else {
        Err(format!(
            "Trunk.toml [tools] must pin `{pin}` to match Cargo.lock; update it"
        ))
    }
}

/// `npm ci` from the committed lockfile, skipped when `node_modules` was made from the same one.
fn ensure_npm_packages() -> Result<(), String> {
    let root = root();
    let lock = root.join("package-lock.json");
    let stamp = root.join("node_modules/.xtask-package-lock.json");
    let wanted =
        std::fs::read(&lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    if std::fs::read(&stamp).ok().as_deref() == Some(wanted.as_slice()) {
        return Ok(());
    }
    cmd::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .current_dir(&root),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// Debian's Chromium and ChromeDriver (never a browser a tool downloads by itself).
pub fn install_browser() -> Result<(), String> {
    let postgres = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin/initdb"))
        .find(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("/usr/lib/postgresql/15/bin/initdb"));
    let postgres = postgres.to_string_lossy().into_owned();
    let missing: Vec<&str> = [
        CHROMIUM,
        CHROMEDRIVER,
        "/usr/bin/brotli",
        postgres.as_str(),
        "/usr/bin/msgfmt",
    ]
    .iter()
    .zip(APT_PACKAGES)
    .filter(|(path, _)| !Path::new(path).exists())
    .map(|(_, package)| package)
    .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let sudo = output(Command::new("id").arg("-u")).as_deref() != Some("0");
    let apt = |args: &[&str]| {
        let mut command = if sudo {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            Command::new("apt-get")
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    cmd::run(&mut apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(&missing);
    cmd::run(&mut install)
}

/// `twiggy` at [`TWIGGY_VERSION`], installed with cargo when missing (only when the size
/// ratchet needs it: a build takes minutes). Returns the program to run.
pub fn ensure_twiggy() -> Result<String, String> {
    // It reports itself as `twiggy-opt 0.8.0`.
    let have = output(Command::new("twiggy").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TWIGGY_VERSION) {
        return Ok("twiggy".into());
    }
    cmd::run(Command::new("cargo").args([
        "install",
        "twiggy",
        "--version",
        TWIGGY_VERSION,
        "--locked",
    ]))?;
    Ok("twiggy".into())
}

/// Where trunk puts the bundle.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}
