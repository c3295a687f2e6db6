//! The docs against the engine: generated preset pages, alert runbooks, preset links and the
//! values keys the reference pages name. Written against rules, so a new preset or alert is
//! checked without touching this file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use content::{GeneratedPage, Lang};

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// The pages the build adds from data: the same list `cargo xtask dist` passes
/// (`xtask::dist::generated_pages`), from the one generator `composer::docs::pages`.
pub fn generated_pages() -> Vec<GeneratedPage> {
    composer::docs::pages()
        .into_iter()
        .filter_map(|p| {
            Some(GeneratedPage {
                lang: Lang::from_code(p.lang_code())?,
                path: p.path,
                source: p.source,
                markdown: p.markdown,
            })
        })
        .collect()
}

fn site() -> &'static content::Site {
    crate::content::build("/")
}

fn page<'a>(site: &'a content::Site, lang: Lang, path: &str) -> Option<&'a content::Page> {
    site.lang(lang)?.pages.iter().find(|p| p.path == path)
}

#[test]
fn every_generated_alert_has_its_runbook_listing_it() {
    let site = site();
    for alert in composer::alert_catalog() {
        let url = composer::alerts::runbook_url(composer::choices::DEFAULT_SITE_URL, alert);
        let path = url
            .strip_prefix(composer::choices::DEFAULT_SITE_URL)
            .unwrap_or(&url);
        for lang in Lang::ALL {
            let runbook = format!("runbooks/{}", alert.runbook);
            let page = page(site, lang, &runbook)
                .unwrap_or_else(|| panic!("{}: no runbook page {runbook} ({lang:?})", alert.name));
            if lang == Lang::En {
                assert_eq!(page.route("/"), path, "{}", alert.name);
            }
            let meta = page
                .runbook
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no runbook: block", page.source));
            assert!(
                meta.alerts.iter().any(|a| a == alert.name),
                "{} does not list {} in its front matter alerts {:?}",
                page.source,
                alert.name,
                meta.alerts
            );
        }
    }
}

#[test]
fn every_preset_has_a_page_with_an_open_in_composer_link() {
    let site = site();
    for preset in composer::presets() {
        let fragment = composer::docs::composer_fragment(preset);
        for lang in Lang::ALL {
            let path = format!("presets/{}", preset.id);
            let page = page(site, lang, &path)
                .unwrap_or_else(|| panic!("no page {path} in {}", lang.code()));
            let engine_lang = if lang == Lang::En {
                composer::Lang::En
            } else {
                composer::Lang::Ru
            };
            assert_eq!(page.title, preset.title.get(engine_lang));
            assert_eq!(page.source, format!("presets/{}.yaml", preset.id));
            let href = format!("href=\"/{}/composer/#{fragment}\"", lang.code());
            assert!(page.html.contains(&href), "{path}: no {href}");
            assert!(
                matches!(
                    page.translation,
                    content::Translation::Original | content::Translation::Current
                ),
                "{path}: {:?}",
                page.translation
            );
        }
    }
}

#[test]
fn the_presets_section_lists_every_preset_under_its_own_title() {
    let site = site();
    for lang in Lang::ALL {
        let l = site.lang(lang).expect("language");
        let items: Vec<&content::NavItem> = l
            .nav
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|i| i.path == "presets")
            .flat_map(|i| i.children.iter())
            .collect();
        let listed: Vec<&str> = items.iter().map(|i| i.path.as_str()).collect();
        let expected: Vec<String> = composer::presets()
            .iter()
            .map(|p| format!("presets/{}", p.id))
            .collect();
        assert_eq!(
            listed,
            expected.iter().map(String::as_str).collect::<Vec<_>>(),
            "{}: SUMMARY.md lists under presets/index.md exactly the presets, in the composer's order",
            lang.code()
        );
        for item in items {
            let p = page(site, lang, &item.path).expect("listed page");
            assert_eq!(item.title, p.title, "SUMMARY title of {}", item.path);
        }
    }
}

/// Every `.md` file of content/, with its text.
fn content_files() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).expect("read");
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo_root().join("content"), &mut out);
    out.sort();
    out
}

/// The word after `marker` up to the first character that cannot be in a preset id.
fn ids_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.match_indices(marker)
        .map(|(at, _)| {
            let rest = &text[at + marker.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn pages_name_only_presets_that_exist() {
    let mut checked = 0;
    for (path, text) in content_files() {
        // Links to a preset page, `--preset <id>` commands and composer share links.
        let named = ids_after(&text, "presets/")
            .into_iter()
            .filter(|id| text.contains(&format!("presets/{id}.md")))
            .chain(ids_after(&text, "--preset "))
            .chain(ids_after(&text, "composer/#1~"));
        for id in named {
            if id.is_empty() || id == "index" || id.starts_with('<') {
                continue;
            }
            checked += 1;
            assert!(
                composer::preset(id).is_some(),
                "{}: names preset `{id}`, which is not in presets/",
                path.display()
            );
        }
    }
    assert!(
        checked > 0,
        "no preset references found: the scan is broken"
    );
}

#[test]
fn a_yaml_block_that_does_not_parse_fails_the_check() {
    // Guards the rule the whole tree relies on: YAML examples are parsed, not only highlighted.
    let text = "---\ntitle: T\ndescription: D.\n---\n\n```yaml\na: [1\n```\n";
    let found = content::build::check_standalone("page.md", text, Lang::En, "guides/x.md");
    assert!(
        found
            .iter()
            .any(|d| d.message.contains("YAML code block does not parse")),
        "{found:#?}"
    );
}

/// Dotted key paths of a values tree.
fn key_paths(y: &composer::yaml::Y, prefix: &str, out: &mut BTreeSet<String>) {
    if let composer::yaml::Y::Map(entries) = y {
        for (k, v) in entries {
            let path = if prefix.is_empty() {
                k.to_string()
            } else {
                format!("{prefix}.{k}")
            };
            out.insert(path.clone());
            key_paths(v, &path, out);
        }
    }
}

/// Every values key the composer can write: the full values of every preset, on both chart
/// lines and with each secrets mode.
fn composer_keys() -> BTreeSet<String> {
    use composer::choices::{ChartLine, SecretsMode};
    let mut keys = BTreeSet::new();
    for preset in composer::presets() {
        for chart in ChartLine::ALL {
            for secrets in SecretsMode::ALL {
                let mut c = preset.choices();
                c.chart = *chart;
                c.features.secrets = *secrets;
                let (config, _) = composer::validate(&c);
                let (full, _) = composer::render::values::render(&config);
                key_paths(&full, "", &mut keys);
            }
        }
    }
    keys
}

/// The keys a "Key | Default | Composer | Notes" table row names: `a.b.c` / `d` / `e` means
/// `a.b.c`, `a.b.d`, `a.b.e`. Rows whose Composer column says the key is not written are
/// skipped (they document what the composer leaves alone).
fn documented_keys(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_table = false;
    for (n, line) in text.lines().enumerate() {
        let cells: Vec<&str> = line.split(" | ").collect();
        if line.starts_with("| ") && cells.len() >= 4 && !line.starts_with("| `") {
            // A header row: only the four-column key tables are about written keys.
            in_table = line.split('|').filter(|c| !c.trim().is_empty()).count() == 4;
            continue;
        }
        if !line.starts_with("| `") {
            if !line.starts_with('|') {
                in_table = false;
            }
            continue;
        }
        if !in_table || cells.len() < 4 {
            continue;
        }
        let composer_col = cells[2];
        if ["not written", "не пишет", "не записывает", "не задаёт"]
            .iter()
            .any(|s| composer_col.contains(s))
        {
            continue;
        }
        let first = cells[0].trim_start_matches("| ");
        let names: Vec<&str> = first
            .split(" / ")
            .map(|s| s.trim().trim_matches('`'))
            .collect();
        let Some(full) = names.first() else { continue };
        if full.contains(' ') || full.contains('*') {
            continue;
        }
        out.push((n + 1, full.to_string()));
        let parent = full.rsplit_once('.').map_or("", |(p, _)| p);
        for sibling in &names[1..] {
            if !sibling.contains(' ') {
                out.push((n + 1, format!("{parent}.{sibling}")));
            }
        }
    }
    out
}

#[test]
fn the_helm_values_reference_names_only_keys_the_composer_writes() {
    let keys = composer_keys();
    let mut per_lang = Vec::new();
    for lang in ["en", "ru"] {
        let file = repo_root().join(format!("content/{lang}/reference/helm-values.md"));
        let text = std::fs::read_to_string(&file).expect("helm-values.md");
        let documented = documented_keys(&text);
        assert!(documented.len() >= 20, "{lang}: only {documented:?}");
        for (line, key) in &documented {
            assert!(
                keys.contains(key),
                "content/{lang}/reference/helm-values.md:{line}: `{key}` is not a key the composer writes"
            );
        }
        per_lang.push(
            documented
                .into_iter()
                .map(|(_, k)| k)
                .collect::<BTreeSet<_>>(),
        );
    }
    assert_eq!(per_lang[0], per_lang[1], "EN and RU document the same keys");
}

#[test]
fn documented_keys_reads_rows_siblings_and_skips_unwritten_keys() {
    let text = "\
| Key | Default | Composer | Notes |
|---|---|---|---|
| `connect.executor.memory` / `memoryLimit` | `1Gi` | computed | x |
| `global.s3.sslEnabled` | `false` | not written | INERT |
| `features.gpu.*` (both lines) | INERT | y |

| Key | What | Notes |
|---|---|---|
| `a.b` | c | d |
";
    let keys: Vec<String> = documented_keys(text).into_iter().map(|(_, k)| k).collect();
    assert_eq!(
        keys,
        vec!["connect.executor.memory", "connect.executor.memoryLimit"]
    );
}
