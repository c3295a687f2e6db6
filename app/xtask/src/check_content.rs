//! `cargo xtask check-content [PATH...]`: every content check, printed as `file:line: level: message`.
//!
//! The whole tree is always compiled (a link can only be checked against every page); paths
//! narrow what is printed. A file outside `content/` gets the previewer's check: every single-file
//! rule, its links checked against the tree's pages and anchors (content::links).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use content::build::{check_site, display_path};
use content::highlight::Syntect;
use content::links::{IndexLinks, LinkIndex};
use content::{BuildOptions, Diagnostic, Lang, Level};

const USAGE: &str = "\
usage: cargo xtask check-content [PATH...]

Checks front matter, links and anchors, SUMMARY.md and EN/RU parity, runbook templates, code
blocks. Without PATH: the whole content/ tree. A PATH may be a file or a folder. Exits non-zero
when there are errors; warnings are printed only.
";

pub fn run(args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{USAGE}");
        return Ok(());
    }
    let root = crate::repo_root();
    let content_dir = root.join("content");
    let opts = BuildOptions {
        content_dir: content_dir.clone(),
        repo_root: root.clone(),
        base: "/".into(),
        git_dates: false,
        generated: crate::dist::generated_pages(),
    };
    let (site, all) = check_site(&opts);

    let mut shown: Vec<Diagnostic> = Vec::new();
    if args.is_empty() {
        shown = all;
    } else {
        let canonical_content = content_dir.canonicalize().unwrap_or(content_dir.clone());
        let canonical_root = root.canonicalize().unwrap_or(root.clone());
        for arg in args {
            let path = resolve(arg, &root)?;
            if path.starts_with(&canonical_content) {
                let prefix = display_path(&canonical_root, &path);
                let is_dir = path.is_dir();
                shown.extend(
                    all.iter()
                        .filter(|d| {
                            d.file == prefix
                                || (is_dir && d.file.starts_with(&format!("{prefix}/")))
                        })
                        .cloned(),
                );
            } else {
                if path.is_dir() {
                    bail!("{arg}: folders outside content/ are not checked; name the files");
                }
                let text =
                    std::fs::read_to_string(&path).with_context(|| format!("reading {arg}"))?;
                let lang = guess_lang(&path);
                // Without a place in the tree, the file is checked as a plain page; under a
                // `runbooks/` folder, as a runbook.
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let in_runbooks = path
                    .parent()
                    .and_then(Path::file_name)
                    .is_some_and(|d| d == "runbooks");
                let rel = if in_runbooks && name != "index.md" {
                    format!("runbooks/{name}")
                } else {
                    name
                };
                // The previewer's check: the same rules, links against the tree's pages.
                let index = LinkIndex::for_build(&site, "/", &root.join("public"));
                let links = IndexLinks {
                    index: &index,
                    lang,
                };
                let findings = content::markdown::check_text(lang, &rel, &text, &links, &Syntect);
                shown.extend(findings.into_iter().map(|f| Diagnostic {
                    file: arg.clone(),
                    line: f.line,
                    level: f.level,
                    message: f.message,
                }));
            }
        }
        shown.sort();
        shown.dedup();
    }

    for d in &shown {
        println!("{}:{}: {}: {}", d.file, d.line, d.level.as_str(), d.message);
    }
    let errors = shown.iter().filter(|d| d.level == Level::Error).count();
    let warnings = shown.len() - errors;
    let pages: Vec<String> = site
        .langs
        .iter()
        .map(|l| format!("{} {}", l.pages.len(), l.lang.code()))
        .collect();
    eprintln!(
        "checked content/ ({} pages): {errors} error(s), {warnings} warning(s)",
        pages.join(", ")
    );
    if errors > 0 {
        bail!("content has {errors} error(s)");
    }
    Ok(())
}

/// A path as typed: relative to the current directory, else to the repository root.
pub fn resolve(arg: &str, root: &Path) -> Result<PathBuf> {
    let candidates = [PathBuf::from(arg), root.join(arg)];
    for c in &candidates {
        if let Ok(p) = c.canonicalize() {
            return Ok(p);
        }
    }
    bail!("{arg}: no such file or folder")
}

/// `.../ru/...` is Russian; everything else English.
fn guess_lang(path: &Path) -> Lang {
    if path.components().any(|c| c.as_os_str() == "ru") {
        Lang::Ru
    } else {
        Lang::En
    }
}
