//! `cargo xtask test`: every tier, in order of cost — native (unit, golden, content),
//! external validators, then real headless Chromium against the built site.

use anyhow::{Context, Result, bail};
use std::time::Instant;

use crate::dist::{self, DistOptions};
use crate::setup::{self, Needs};
use crate::{repo_root, serve, tools};

pub fn run(args: &[String]) -> Result<()> {
    let only = args.first().map(String::as_str);
    setup::run_setup(Needs::Tests)?;
    let mut tiers: Vec<(&str, f32)> = Vec::new();
    let mut tier = |name: &'static str, f: &dyn Fn() -> Result<()>| -> Result<()> {
        if only.is_some_and(|o| o != name) {
            return Ok(());
        }
        println!("\n== test tier: {name} ==");
        let started = Instant::now();
        f().with_context(|| format!("test tier `{name}` failed"))?;
        tiers.push((name, started.elapsed().as_secs_f32()));
        Ok(())
    };
    tier("native", &native)?;
    tier("content", &|| crate::check_content::run(&[]))?;
    tier("validators", &crate::validate::run)?;
    tier("browser", &browser)?;
    println!("\n== all test tiers passed ==");
    for (name, secs) in &tiers {
        println!("  {name:<11} {secs:>7.1}s");
    }
    Ok(())
}

/// Unit, golden and content-suite tests of every native crate.
fn native() -> Result<()> {
    tools::run(tools::command("cargo").args(["test", "--workspace", "--exclude", "site"]))
}

/// Build the site twice (served from the domain root and from a sub-path, as on GitHub Pages),
/// serve both on 127.0.0.1 and run the browser suites against them.
fn browser() -> Result<()> {
    let root = repo_root();
    let at_root = root.join("target/e2e/site-root");
    let at_sub = root.join("target/e2e/site-sub");
    dist::run(&DistOptions {
        base: "/".into(),
        out: at_root.clone(),
    })?;
    dist::run(&DistOptions {
        base: "/spark_k8s/".into(),
        out: at_sub.clone(),
    })?;
    let root_server = serve::start(&at_root, "/", 0)?;
    let sub_server = serve::start(&at_sub, "/spark_k8s/", 0)?;
    let status = tools::command("node")
        .args(["--test", "--test-concurrency=1"])
        .arg(tools::e2e_dir())
        .env(
            "SITE_URL",
            format!("http://127.0.0.1:{}/", root_server.port),
        )
        .env(
            "SITE_URL_SUB",
            format!("http://127.0.0.1:{}/spark_k8s/", sub_server.port),
        )
        .env("SITE_DIST", &at_root)
        .status()
        .context("could not start node for the browser tests")?;
    if !status.success() {
        bail!("browser tests failed");
    }
    // Bytes are deterministic, so budgets are enforced here, unlike timings.
    crate::bench::check_budgets(&at_root)?;
    crate::audit::check(root_server.port)
}
