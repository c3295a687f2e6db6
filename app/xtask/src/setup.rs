//! `cargo xtask setup`: install what the build and the tests need. Idempotent: every step checks
//! first and says what it found.

use anyhow::{Context, Result, bail};
use std::path::Path;

use crate::tools::{self, command, run, version_of};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";

/// What a caller needs: the build alone (serve, dist) or the build plus browser tests.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Build,
    Tests,
}

pub fn run_setup(needs: Needs) -> Result<()> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    binaryen()?;
    if needs == Needs::Tests {
        chromium()?;
        e2e_packages()?;
    }
    Ok(())
}

fn present(what: &str, detail: &str) {
    println!("setup: {what}: present ({detail})");
}

fn installing(what: &str) {
    println!("setup: {what}: installing…");
}

fn wasm_target() -> Result<()> {
    let out = command("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context(
            "rustup is needed to add the wasm32-unknown-unknown target; install Rust with rustup",
        )?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        present("wasm32-unknown-unknown target", "rustup");
        return Ok(());
    }
    installing("wasm32-unknown-unknown target");
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk() -> Result<()> {
    let bin = tools::cargo_bin().join("trunk");
    if let Some(v) = version_of(&bin, "--version").filter(|v| v.contains(TRUNK_VERSION)) {
        present("trunk", &v);
        return Ok(());
    }
    // trunk 0.22 needs a newer rustc than this toolchain; 0.21.14 builds with it.
    installing(&format!(
        "trunk {TRUNK_VERSION} (cargo install, several minutes)"
    ));
    run(command("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

fn wasm_bindgen() -> Result<()> {
    let wanted = tools::locked_wasm_bindgen()?;
    let bin = tools::cargo_bin().join("wasm-bindgen");
    if let Some(v) = version_of(&bin, "--version").filter(|v| v.ends_with(&wanted)) {
        present("wasm-bindgen-cli", &v);
        return Ok(());
    }
    installing(&format!(
        "wasm-bindgen-cli {wanted} (the version Cargo.lock pins)"
    ));
    // Without --locked: the CLI's own lock file pins crates this toolchain cannot build.
    run(command("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))
}

fn binaryen() -> Result<()> {
    let bin = tools::binaryen_bin().join("wasm-opt");
    if let Some(v) = version_of(&bin, "--version").filter(|v| v.contains("version 132")) {
        present("wasm-opt", &v);
        return Ok(());
    }
    installing(&format!(
        "binaryen {BINARYEN_VERSION} from npm into target/tools"
    ));
    let dir = tools::tools_dir();
    std::fs::create_dir_all(&dir)?;
    npm_install(&dir, &[&format!("binaryen@{BINARYEN_VERSION}")])
}

fn npm_install(dir: &Path, packages: &[&str]) -> Result<()> {
    run(command("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--save-exact",
            "--prefix",
        ])
        .arg(dir)
        .args(packages))
    .context("npm is needed (Node.js 20 with npm); install it with your package manager")
}

fn chromium() -> Result<()> {
    let chromium = Path::new("/usr/bin/chromium");
    let driver = Path::new("/usr/bin/chromedriver");
    if chromium.exists() && driver.exists() {
        present(
            "chromium",
            &version_of(chromium, "--version").unwrap_or_default(),
        );
        return Ok(());
    }
    installing("chromium and chromium-driver (Debian packages)");
    let apt = |args: &[&str]| {
        run(command("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive"))
    };
    if apt(&["update"])
        .and_then(|_| apt(&["install", "-y", "chromium", "chromium-driver"]))
        .is_err()
    {
        bail!(
            "could not install Chromium with apt-get. Browser tests need Debian's `chromium` and \
             `chromium-driver` packages at /usr/bin; install them (as root) and run again"
        );
    }
    Ok(())
}

/// playwright-core and friends, exactly as tests/e2e/package-lock.json pins them.
fn e2e_packages() -> Result<()> {
    let dir = tools::e2e_dir();
    let stamp = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => s.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        present("browser test packages", "tests/e2e/node_modules");
        return Ok(());
    }
    installing("browser test packages (npm ci in tests/e2e)");
    run(command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir))
}
