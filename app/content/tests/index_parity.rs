//! The previewer and `check-content` on a loose file check links through the link index; the
//! build checks them through its own tree. On the real content, every problem the index-based
//! check reports for a page must be one the build reports for that page too.
#![cfg(feature = "build")]

use std::collections::HashSet;
use std::path::Path;

use content::highlight::Syntect;
use content::links::{IndexLinks, LinkIndex};
use content::{BuildOptions, Lang, check_site};

#[test]
fn the_index_check_never_reports_what_the_build_does_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let opts = BuildOptions {
        content_dir: root.join("content"),
        repo_root: root.clone(),
        base: "/".into(),
        git_dates: false,
        generated: Vec::new(),
    };
    let (site, diags) = check_site(&opts);
    let index = LinkIndex::for_build(&site, "/", &root.join("public"));
    assert!(index.page_count() > 20, "{}", index.page_count());
    let reported: HashSet<(String, usize, String)> = diags
        .iter()
        .map(|d| (d.file.clone(), d.line, d.message.clone()))
        .collect();
    let mut checked = 0;
    for lang in Lang::ALL {
        let dir = root.join("content").join(lang.code());
        let mut files = Vec::new();
        walk(&dir, &mut files);
        for path in files {
            let rel = path
                .strip_prefix(&dir)
                .expect("under its folder")
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "SUMMARY.md" || !rel.ends_with(".md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            let file = format!("content/{}/{rel}", lang.code());
            let links = IndexLinks {
                index: &index,
                lang,
            };
            for f in content::markdown::check_text(lang, &rel, &text, &links, &Syntect) {
                assert!(
                    reported.contains(&(file.clone(), f.line, f.message.clone())),
                    "{file}:{}: {} (the build does not report this)",
                    f.line,
                    f.message
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked}");
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}
