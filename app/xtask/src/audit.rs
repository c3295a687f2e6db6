//! Lighthouse 12.2.3 (mobile preset, Debian Chromium) over one route of every kind in both
//! languages. Accessibility, best practices and SEO are deterministic and must be 100;
//! performance depends on the machine, so it is printed and kept in a history file for review.

use anyhow::{Context, Result};
use std::path::PathBuf;

use crate::{repo_root, tools};

/// The routes audited: home, a docs page, a runbook, the composer and the previewer.
pub const ROUTES: &[&str] = &[
    "/en/",
    "/ru/",
    "/en/guides/sizing/",
    "/ru/guides/sizing/",
    "/en/runbooks/executor-oomkilled/",
    "/ru/runbooks/executor-oomkilled/",
    "/en/composer/",
    "/ru/composer/",
    "/en/preview/",
    "/ru/preview/",
];

const HISTORY: &str = "tests/lighthouse-history.tsv";

pub struct Row {
    pub route: String,
    pub performance: u32,
    pub accessibility: u32,
    pub best_practices: u32,
    pub seo: u32,
    /// Binary audits that failed: what to look at when a score drops.
    pub failing: Vec<String>,
}

pub fn lighthouse_all(port: u16) -> Result<Vec<Row>> {
    println!("\n== Lighthouse 12.2.3, mobile preset, Debian Chromium ==");
    println!(
        "  {:<36} {:>5} {:>5} {:>5} {:>5}",
        "route", "perf", "a11y", "bp", "seo"
    );
    let mut rows = Vec::new();
    for route in ROUTES {
        let row = lighthouse(&format!("http://127.0.0.1:{port}{route}"), route)?;
        println!(
            "  {:<36} {:>5} {:>5} {:>5} {:>5}{}",
            row.route,
            row.performance,
            row.accessibility,
            row.best_practices,
            row.seo,
            if row.failing.is_empty() {
                String::new()
            } else {
                format!("  failing: {}", row.failing.join(", "))
            }
        );
        rows.push(row);
    }
    Ok(rows)
}

/// The test tier: every route scores 100 in the three deterministic categories.
pub fn check(port: u16) -> Result<()> {
    let rows = lighthouse_all(port)?;
    compare_with_history(&rows);
    let below: Vec<String> = rows
        .iter()
        .filter(|r| r.accessibility < 100 || r.best_practices < 100 || r.seo < 100)
        .map(|r| {
            format!(
                "{} (a11y {}, bp {}, seo {}; {})",
                r.route,
                r.accessibility,
                r.best_practices,
                r.seo,
                r.failing.join(", ")
            )
        })
        .collect();
    anyhow::ensure!(
        below.is_empty(),
        "Lighthouse scores below 100:\n  {}",
        below.join("\n  ")
    );
    Ok(())
}

fn lighthouse(url: &str, route: &str) -> Result<Row> {
    let bin = tools::e2e_dir().join("node_modules/.bin/lighthouse");
    let profile = std::env::temp_dir().join(format!("spark-k8s-lighthouse-{}", std::process::id()));
    std::fs::create_dir_all(&profile)?;
    let out = tools::command(&bin)
        .arg(url)
        .args([
            "--output=json",
            "--quiet",
            "--only-categories=performance,accessibility,best-practices,seo",
        ])
        .arg(format!(
            "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking \
             --disable-component-update --disable-sync --no-first-run --user-data-dir={}",
            profile.display()
        ))
        .env("CHROME_PATH", "/usr/bin/chromium")
        .output()
        .context("starting lighthouse (cargo xtask setup installs it)")?;
    let _ = std::fs::remove_dir_all(&profile);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).with_context(|| {
        format!(
            "lighthouse printed no report for {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })?;
    let score = |key: &str| {
        report["categories"][key]["score"]
            .as_f64()
            .map(|s| (s * 100.0).round() as u32)
            .unwrap_or(0)
    };
    let failing = report["audits"]
        .as_object()
        .map(|audits| {
            audits
                .iter()
                .filter(|(_, a)| {
                    a["scoreDisplayMode"] == "binary"
                        && a["score"].as_f64().is_some_and(|s| s < 1.0)
                })
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default();
    Ok(Row {
        route: route.to_string(),
        performance: score("performance"),
        accessibility: score("accessibility"),
        best_practices: score("best-practices"),
        seo: score("seo"),
        failing,
    })
}

fn history_path() -> PathBuf {
    repo_root().join(HISTORY)
}

/// Append this run to the history file (`cargo xtask bench` does; commit it with the change).
pub fn record_history(rows: &[Row]) -> Result<()> {
    let path = history_path();
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        "# date\tcommit\troute\tperformance\taccessibility\tbest-practices\tseo\n".to_string()
    });
    let date = tools::command("date")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let commit = tools::command("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    for r in rows {
        text.push_str(&format!(
            "{date}\t{commit}\t{}\t{}\t{}\t{}\t{}\n",
            r.route, r.performance, r.accessibility, r.best_practices, r.seo
        ));
    }
    std::fs::write(&path, text).with_context(|| format!("writing {HISTORY}"))?;
    println!("  (appended to {HISTORY})");
    Ok(())
}

/// Print how each route moved since the last recorded run, so a drop is visible in CI output.
fn compare_with_history(rows: &[Row]) {
    let Ok(text) = std::fs::read_to_string(history_path()) else {
        return;
    };
    for r in rows {
        let last = text.lines().rev().find_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() == 7 && cols[2] == r.route).then(|| cols[3].parse::<i64>().unwrap_or(0))
        });
        if let Some(last) = last {
            let delta = i64::from(r.performance) - last;
            if delta != 0 {
                println!(
                    "  {:<36} performance {last} -> {} ({delta:+})",
                    r.route, r.performance
                );
            }
        }
    }
}
