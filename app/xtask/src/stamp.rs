//! `cargo xtask stamp-translation content/ru/<path>.md ...`: record in a Russian page which
//! English text it translates (`translated_from:`), so a later English edit marks it stale.

use anyhow::{Context, Result, bail};
use content::build::display_path;
use content::front_matter;
use content::translation_hash;

const USAGE: &str = "\
usage: cargo xtask stamp-translation content/ru/<path>.md|content/ru/<folder> [...]

Writes `translated_from: <hash of content/en/<path>.md>` into each Russian page's front matter.
Run it after reviewing the translation against the current English page. A folder stamps every
page under it that has an English original.
";

pub fn run(args: &[String]) -> Result<()> {
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{USAGE}");
        if args.is_empty() {
            bail!("name at least one Russian page");
        }
        return Ok(());
    }
    let root = crate::repo_root();
    let content_dir = root.join("content");
    let canonical_content = content_dir.canonicalize().context("finding content/")?;
    let mut failed = 0;
    for arg in args {
        let path = crate::check_content::resolve(arg, &root)?;
        let files = if path.is_dir() {
            let mut files = Vec::new();
            collect_pages(&path, &mut files);
            files.sort();
            // Pages written in Russian first have nothing to be stamped against.
            files.retain(|f| {
                f.strip_prefix(canonical_content.join("ru"))
                    .is_ok_and(|rel| canonical_content.join("en").join(rel).is_file())
            });
            files
        } else {
            vec![path]
        };
        for file in files {
            let shown = file.display().to_string();
            if let Err(e) = stamp_one(&shown, &root, &canonical_content) {
                eprintln!("{arg}: {e:#}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        bail!("{failed} page(s) not stamped");
    }
    Ok(())
}

fn collect_pages(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|n| n != "SUMMARY.md")
        {
            out.push(path);
        }
    }
}

fn stamp_one(arg: &str, root: &std::path::Path, content: &std::path::Path) -> Result<()> {
    let path = crate::check_content::resolve(arg, root)?;
    let rel = path
        .strip_prefix(content)
        .with_context(|| format!("not under {}", content.display()))?;
    let rel = display_path(std::path::Path::new(""), rel);
    let Some(inner) = rel.strip_prefix("ru/") else {
        bail!("only Russian pages (content/ru/...) are stamped; English pages are the originals");
    };
    let english_path = content.join("en").join(inner);
    let english = std::fs::read_to_string(&english_path).with_context(|| {
        format!("there is no English page content/en/{inner} to translate from")
    })?;
    let hash = translation_hash(&english);
    let russian = std::fs::read_to_string(&path).context("reading the page")?;
    let stamped = front_matter::set_translated_from(&russian, &hash)
        .map_err(|e| anyhow::anyhow!("line {}: {}", e.line, e.message))?;
    if let Err(errors) = front_matter::parse(&stamped) {
        let first = &errors[0];
        bail!(
            "front matter has errors, fix them first (line {}: {})",
            first.line,
            first.message
        );
    }
    if stamped == russian {
        println!("content/ru/{inner}: already stamped with {hash}");
        return Ok(());
    }
    std::fs::write(&path, stamped).context("writing the page")?;
    println!("content/ru/{inner}: translated_from {hash}");
    Ok(())
}
