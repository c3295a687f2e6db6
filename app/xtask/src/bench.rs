//! `cargo xtask bench`: figures, printed. Byte counts are deterministic; timings and scores are
//! reported for review, never asserted (tests must not fail on wall-clock time).

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::dist::{self, DistOptions};
use crate::{compress, repo_root, serve, setup, tools};

/// Routes whose first load is measured, with the brotli budget for everything that load
/// fetches (HTML, CSS, JS, WASM). `cargo xtask test` fails when a build goes over a budget.
pub const ROUTES: &[(&str, &str, usize)] = &[
    ("/", "language chooser", 150 * 1024),
    ("/en/guides/sizing/", "docs page (en)", 150 * 1024),
    ("/ru/guides/sizing/", "docs page (ru)", 150 * 1024),
    (
        "/en/runbooks/executor-oomkilled/",
        "runbook (en)",
        150 * 1024,
    ),
    (
        "/ru/runbooks/executor-oomkilled/",
        "runbook (ru)",
        150 * 1024,
    ),
    ("/en/composer/", "composer (en)", 250 * 1024),
    // The markdown renderer and the YAML parser behind the YAML block check load on this route
    // only (search and the runbook islands stay in the docs binary).
    ("/ru/preview/", "previewer (ru)", 250 * 1024),
];

pub fn run(args: &[String]) -> Result<()> {
    let skip_lighthouse = args.iter().any(|a| a == "--no-lighthouse");
    setup::run_setup(setup::Needs::Tests)?;
    let out = repo_root().join("target/bench/site");
    dist::run(&DistOptions {
        base: "/".into(),
        out: out.clone(),
    })?;

    println!("\n== first-load bytes (HTML + every asset it loads before interaction) ==");
    for (route, label, budget) in ROUTES {
        let load = first_load(&out, route)?;
        print_load(label, route, &load, *budget);
    }

    content_figures()?;
    composer_figures();

    let server = serve::start(&out, "/", 0)?;
    browser_figures(server.port)?;
    if !skip_lighthouse {
        let rows = crate::audit::lighthouse_all(server.port)?;
        crate::audit::record_history(&rows)?;
    }
    Ok(())
}

/// Sizes of one file: raw, gzip, brotli.
#[derive(Default, Clone, Copy)]
pub struct Size {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, other: Size) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

fn size_of(file: &Path) -> Result<Size> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    Ok(Size {
        raw: bytes.len(),
        gzip: compress::gzip(&bytes).len(),
        brotli: compress::brotli(&bytes).len(),
    })
}

/// The page's HTML plus the local files its markup makes the browser fetch at load
/// (stylesheets, scripts, module preloads) and the files those scripts name (the loader's JS glue
/// and WASM, which it fetches after the first paint), grouped by type.
pub fn first_load(dist: &Path, route: &str) -> Result<BTreeMap<String, Size>> {
    let page = dist.join(route.trim_matches('/')).join("index.html");
    let html =
        std::fs::read_to_string(&page).with_context(|| format!("reading {}", page.display()))?;
    let mut by_type: BTreeMap<String, Size> = BTreeMap::new();
    *by_type.entry("html".into()).or_default() += size_of(&page)?;
    let head = html.split("<body").next().unwrap_or(&html);
    let mut urls = Vec::new();
    for attr in ["href=\"", "src=\"", "href=", "src="] {
        for piece in head.split(attr).skip(1) {
            let end = piece.find(['"', ' ', '>']).unwrap_or(piece.len());
            urls.push(piece[..end].to_string());
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    while let Some(url) = urls.pop() {
        if !url.starts_with('/') || url.starts_with("//") || !seen.insert(url.clone()) {
            continue;
        }
        let file = dist.join(url.trim_start_matches('/'));
        // Canonical and alternate links point at pages, not at assets loaded now.
        if !file.is_file() || url.ends_with("favicon.svg") {
            continue;
        }
        let kind = file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("other")
            .to_string();
        if kind == "js" {
            urls.extend(quoted_paths(&std::fs::read_to_string(&file)?));
        }
        *by_type.entry(kind).or_default() += size_of(&file)?;
    }
    Ok(by_type)
}

/// Absolute paths in quotes in a script (`'/composer-1.js'`): what a loader imports or fetches.
fn quoted_paths(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    for quote in ['\'', '"'] {
        let opening = format!("{quote}/");
        for piece in script.split(opening.as_str()).skip(1) {
            if let Some(end) = piece.find(quote) {
                let path = &piece[..end];
                if !path.contains(char::is_whitespace) {
                    out.push(format!("/{path}"));
                }
            }
        }
    }
    out
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn print_load(label: &str, route: &str, load: &BTreeMap<String, Size>, budget: usize) {
    println!("  {label} {route}");
    let mut total = Size::default();
    for (kind, size) in load {
        println!(
            "    {kind:<6} raw {:>10}  gzip {:>10}  brotli {:>10}",
            kb(size.raw),
            kb(size.gzip),
            kb(size.brotli)
        );
        total += *size;
    }
    println!(
        "    {:<6} raw {:>10}  gzip {:>10}  brotli {:>10}  (budget {})",
        "total",
        kb(total.raw),
        kb(total.gzip),
        kb(total.brotli),
        kb(budget)
    );
}

/// Page and word counts per language and section (the content issue's figures).
fn content_figures() -> Result<()> {
    let site = dist::compile_content("/", false)?;
    println!("\n== content ==");
    for lang_site in &site.langs {
        let mut sections: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut fallbacks = 0;
        for page in &lang_site.pages {
            if matches!(page.translation, content::Translation::Fallback { .. }) {
                fallbacks += 1;
            }
            let section = page
                .path
                .split('/')
                .next()
                .filter(|s| page.path.contains('/') || *s == "runbooks");
            let section = section.unwrap_or("(top level)").to_string();
            let words: usize = page
                .sections
                .iter()
                .map(|s| s.text.split_whitespace().count())
                .sum();
            let entry = sections.entry(section).or_default();
            entry.0 += 1;
            entry.1 += words;
        }
        let pages: usize = sections.values().map(|v| v.0).sum();
        let words: usize = sections.values().map(|v| v.1).sum();
        println!(
            "  {}: {pages} pages, {words} words, {fallbacks} shown from the other language",
            lang_site.lang.code()
        );
        for (section, (count, words)) in &sections {
            println!("    {section:<16} {count:>3} pages {words:>7} words");
        }
    }
    Ok(())
}

/// Figures measured in Chromium: every script in tests/e2e/bench/ runs against the served site
/// and prints its own lines (edit-to-output times, search latency, preview update time, ...).
fn browser_figures(port: u16) -> Result<()> {
    let dir = tools::e2e_dir().join("bench");
    let mut scripts: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "mjs"))
            .collect(),
        Err(_) => return Ok(()),
    };
    scripts.sort();
    for script in scripts {
        let name = script
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        println!("\n== {name} (Chromium) ==");
        let status = tools::command("node")
            .arg(&script)
            .env("SITE_URL", format!("http://127.0.0.1:{port}/"))
            .status()
            .with_context(|| format!("running {}", script.display()))?;
        if !status.success() {
            println!("  ({name} did not finish)");
        }
    }
    Ok(())
}

/// The composer engine's own figures (validate + render timing, share-link lengths), from a
/// speed-optimised native build: with mimalloc, then with the system allocator for comparison.
fn composer_figures() {
    println!("\n== composer engine ==");
    for (features, extra) in [("bench,mimalloc", None), ("bench", Some("timing"))] {
        let status = tools::command("cargo")
            .args([
                "run",
                "--quiet",
                "--profile",
                "native",
                "-p",
                "composer",
                "--example",
                "bench",
                "--features",
                features,
            ])
            .args(extra)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            println!("  (composer bench did not run with features {features})");
        }
    }
}

/// Every route within its first-load budget, or an error naming each breach with its figure.
pub fn check_budgets(dist: &Path) -> Result<()> {
    let mut breaches = Vec::new();
    for (route, label, budget) in ROUTES {
        let total: usize = first_load(dist, route)?.values().map(|s| s.brotli).sum();
        let verdict = if total > *budget { "OVER BUDGET" } else { "ok" };
        println!(
            "budget: {label:<18} {route:<36} {:>9} of {:>9} brotli  {verdict}",
            kb(total),
            kb(*budget)
        );
        if total > *budget {
            breaches.push(format!(
                "{label} ({route}): {} brotli, budget {}",
                kb(total),
                kb(*budget)
            ));
        }
    }
    anyhow::ensure!(
        breaches.is_empty(),
        "first-load budgets exceeded:\n  {}",
        breaches.join("\n  ")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_loader_names_its_glue_and_its_wasm() {
        let loader = "await new Promise((s) => setTimeout(s, 0));\n\
            import init, * as bindings from '/composer-1.js';\n\
            const wasm = await init({ module_or_path: \"/composer-1_bg.wasm\" });";
        assert_eq!(
            super::quoted_paths(loader),
            ["/composer-1.js", "/composer-1_bg.wasm"]
        );
    }
}
