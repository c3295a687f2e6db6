//! Paths of the tools the build and tests use, and running them with clear errors.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::repo_root;

/// Tools installed per checkout (npm packages, the Python venv) live here, never globally.
pub fn tools_dir() -> PathBuf {
    repo_root().join("target/tools")
}

/// The folder holding binaryen's `wasm-opt` from npm (Debian's binaryen is too old: its output
/// fails to start in Chromium).
pub fn binaryen_bin() -> PathBuf {
    tools_dir().join("node_modules/.bin")
}

pub fn e2e_dir() -> PathBuf {
    repo_root().join("tests/e2e")
}

pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"))
        .join("bin")
}

/// PATH with our tool folders first, so trunk finds the pinned wasm-opt and wasm-bindgen.
pub fn tool_path() -> std::ffi::OsString {
    let mut parts = vec![binaryen_bin(), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(parts).unwrap_or_default()
}

/// A command with our PATH, run from the repository root.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("PATH", tool_path()).current_dir(repo_root());
    cmd
}

/// Run to completion; fail with the command line when it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("could not start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// The first line a tool prints for `--version`, or None when it is missing.
pub fn version_of(program: &Path, arg: &str) -> Option<String> {
    let out = command(program).arg(arg).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    text.lines().next().map(|l| l.trim().to_string())
}

/// The wasm-bindgen version Cargo.lock pins: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock =
        std::fs::read_to_string(repo_root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_string());
        }
    }
    bail!("Cargo.lock does not pin wasm-bindgen")
}
