//! The real content/ tree builds: no errors, EN/RU parity, links under the base, runbook template.
//!
//! Written against rules, not against today's pages: it holds for a tree of three pages as well
//! as for one of three hundred.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use content::lint::{self, OutlineHeading};
use content::{BuildOptions, Lang, NavItem, Page, Site, Translation, compile_site};

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// The tree is compiled once per base for the whole suite: highlighting every code block is
/// the slow part, and the answer does not change between tests.
pub(crate) fn build(base: &str) -> &'static Site {
    static ROOT_BASE: OnceLock<Result<Site, String>> = OnceLock::new();
    static SUB_PATH: OnceLock<Result<Site, String>> = OnceLock::new();
    let cell = if base == "/" { &ROOT_BASE } else { &SUB_PATH };
    let built = cell.get_or_init(|| {
        let root = repo_root();
        let opts = BuildOptions {
            content_dir: root.join("content"),
            repo_root: root,
            base: base.into(),
            git_dates: false,
            generated: crate::docs::generated_pages(),
        };
        compile_site(&opts).map_err(|e| e.to_string())
    });
    match built {
        Ok(site) => site,
        Err(errors) => panic!("content/ does not build:\n{errors}"),
    }
}

fn flatten<'a>(items: &'a [NavItem], out: &mut Vec<&'a str>) {
    for item in items {
        out.push(&item.path);
        flatten(&item.children, out);
    }
}

fn nav_paths(site: &Site, lang: Lang) -> Vec<&str> {
    let mut out = Vec::new();
    if let Some(l) = site.lang(lang) {
        for section in &l.nav {
            flatten(&section.items, &mut out);
        }
    }
    out
}

#[test]
fn the_real_content_builds_without_errors() {
    let site = build("/");
    for w in &site.warnings {
        eprintln!("warning: {w}");
    }
    assert_eq!(
        site.langs.iter().map(|l| l.lang).collect::<Vec<_>>(),
        Lang::ALL.to_vec()
    );
}

#[test]
fn both_languages_serve_the_same_routes_in_the_same_order() {
    let site = build("/");
    let routes = |lang: Lang| -> Vec<String> {
        site.lang(lang)
            .map(|l| l.pages.iter().map(|p| p.path.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(routes(Lang::En), routes(Lang::Ru));
    assert_eq!(nav_paths(site, Lang::En), nav_paths(site, Lang::Ru));
    // Every route is in the sidebar, and the sidebar lists exactly the routes.
    let mut listed: Vec<&str> = nav_paths(site, Lang::En);
    listed.sort_unstable();
    let mut served: Vec<String> = routes(Lang::En);
    served.sort_unstable();
    assert_eq!(
        listed,
        served.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[test]
fn every_page_is_complete_and_fallbacks_are_marked() {
    let site = build("/");
    // Pages made from data name the data file they come from instead of a file in content/.
    let generated: std::collections::HashMap<(Lang, String), String> =
        crate::docs::generated_pages()
            .into_iter()
            .filter_map(|g| {
                let route = content::summary::route_path_for_file(&g.path)?;
                Some(((g.lang, route), g.source))
            })
            .collect();
    for l in &site.langs {
        let mut seen = std::collections::HashSet::new();
        for p in &l.pages {
            assert!(
                seen.insert(p.route("/")),
                "duplicate route {}",
                p.route("/")
            );
            assert!(!p.title.trim().is_empty(), "{} has no title", p.source);
            assert!(
                !p.description.trim().is_empty(),
                "{} has no description",
                p.source
            );
            assert!(
                !p.html.contains("<h1"),
                "{} has an h1 in its body",
                p.source
            );
            let own = format!("content/{}/", l.lang.code());
            if let Some(source) = generated.get(&(l.lang, p.path.clone())) {
                assert_eq!(&p.source, source, "{}", p.route("/"));
                continue;
            }
            match p.translation {
                Translation::Fallback { from } => {
                    assert_ne!(from, l.lang);
                    assert!(
                        p.source.starts_with(&format!("content/{}/", from.code())),
                        "{}",
                        p.source
                    );
                }
                _ => assert!(
                    p.source.starts_with(&own),
                    "{} served as {}",
                    p.source,
                    p.route("/")
                ),
            }
            if l.lang == Lang::En {
                assert!(
                    matches!(
                        p.translation,
                        Translation::Original | Translation::Fallback { .. }
                    ),
                    "{}: English pages are originals",
                    p.source
                );
            }
        }
    }
}

fn template_lang(page: &Page) -> Lang {
    match page.translation {
        Translation::Fallback { from } => from,
        _ => page.lang,
    }
}

#[test]
fn every_runbook_follows_the_template() {
    let site = build("/");
    for l in &site.langs {
        for page in l.pages.iter().filter(|p| p.path.starts_with("runbooks/")) {
            assert!(
                page.runbook.is_some(),
                "{}: runbooks carry a runbook: block",
                page.source
            );
            let headings: Vec<OutlineHeading> = page
                .headings
                .iter()
                .map(|h| OutlineHeading {
                    level: h.level,
                    id: h.id.clone(),
                    text: h.text.clone(),
                    line: 0,
                })
                .collect();
            let findings = lint::runbook_template(template_lang(page), &headings);
            assert!(findings.is_empty(), "{}: {findings:#?}", page.source);
        }
    }
}

#[test]
fn internal_links_and_images_stay_under_a_sub_path_base() {
    let base = "/spark_k8s/";
    assert_ne!(base, "/", "the sub-path build is cached separately");
    let site = build(base);
    for l in &site.langs {
        for page in &l.pages {
            for attr in ["href=\"/", "src=\"/"] {
                for (at, _) in page.html.match_indices(attr) {
                    let url = &page.html[at + attr.len() - 1..];
                    assert!(
                        url.starts_with(base) || url.starts_with("//"),
                        "{} ({}): root link outside the base: {}",
                        page.source,
                        l.lang.code(),
                        url.chars().take(80).collect::<String>()
                    );
                }
            }
            for (at, _) in page.html.match_indices(&format!("href=\"{base}")) {
                let url = &page.html[at + 6..];
                let lang_segment = &url[base.len()..];
                let other = l.lang.other().code();
                assert!(
                    !lang_segment.starts_with(&format!("{other}/")),
                    "{} ({}): links into the other language",
                    page.source,
                    l.lang.code()
                );
            }
        }
    }
}
