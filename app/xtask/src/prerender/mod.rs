//! Prerender: one real HTML file per route in both languages, around the app trunk built.
//!
//! Every page is complete without JavaScript; the WASM app only adds behaviour to it, so there
//! is nothing to hydrate and nothing can flash or render twice.

mod nav;
mod shell;
mod sitemap;

use anyhow::{Context, Result, bail};
use content::{Lang, Site, normalize_base, route};
use std::collections::BTreeMap;
use std::path::Path;

/// The browser apps, one WASM binary each, so a page downloads only the code it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum App {
    /// Docs pages, runbooks, `/` and 404.
    Docs,
    Composer,
    Preview,
}

impl App {
    pub const ALL: [App; 3] = [App::Docs, App::Composer, App::Preview];

    pub fn name(self) -> &'static str {
        match self {
            App::Docs => "docs",
            App::Composer => "composer",
            App::Preview => "preview",
        }
    }

    /// The trunk entry under app/site/.
    pub fn html_name(self) -> &'static str {
        match self {
            App::Docs => "index.html",
            App::Composer => "composer.html",
            App::Preview => "preview.html",
        }
    }
}

/// What every page of a build shares.
pub struct Build<'a> {
    pub site: &'a Site,
    pub base: String,
    pub origin: String,
    pub repo_url: String,
    /// Per app, the `<head>` tags trunk emitted: stylesheets, module preloads and the WASM loader.
    pub assets: BTreeMap<App, AppAssets>,
}

impl Build<'_> {
    fn assets(&self, app: App) -> &str {
        self.assets.get(&app).map(|a| a.tags.as_str()).unwrap_or("")
    }

    fn absolute(&self, route: &str) -> String {
        format!("{}{}", self.origin.trim_end_matches('/'), route)
    }
}

/// Write every route, the language chooser at `/`, `404.html`, `sitemap.xml` and `robots.txt`.
pub fn write_all(build: &Build<'_>, dist: &Path) -> Result<usize> {
    let mut written = 0;
    for lang_site in &build.site.langs {
        for page in &lang_site.pages {
            let html = shell::doc_page(build, lang_site, page);
            write(dist, &page.route("/"), &html)?;
            written += 1;
        }
    }
    for lang_site in &build.site.langs {
        let route = route("/", lang_site.lang, "runbooks/print");
        write(dist, &route, &shell::runbooks_print(build, lang_site))?;
        written += 1;
    }
    for lang in Lang::ALL {
        for app in [App::Composer, App::Preview] {
            write(
                dist,
                &route("/", lang, app.name()),
                &shell::app_page(build, lang, app),
            )?;
            written += 1;
        }
    }
    for assets in build.assets.values() {
        let (name, script) = &assets.loader;
        std::fs::write(dist.join(name), script).with_context(|| format!("writing {name}"))?;
    }
    write(dist, "/", &shell::language_chooser(build))?;
    std::fs::write(dist.join("404.html"), shell::not_found(build)).context("writing 404.html")?;
    std::fs::write(dist.join("sitemap.xml"), sitemap::sitemap(build))
        .context("writing sitemap.xml")?;
    std::fs::write(dist.join("robots.txt"), sitemap::robots(build))
        .context("writing robots.txt")?;
    Ok(written + 2)
}

/// `route` is base-free ("/ru/guides/sizing/"): files are laid out as the host serves them.
fn write(dist: &Path, route: &str, html: &str) -> Result<()> {
    let dir = dist.join(route.trim_matches('/'));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let file = dir.join("index.html");
    std::fs::write(&file, html).with_context(|| format!("writing {}", file.display()))
}

/// The tags one app needs in every page's head, and the loader script to write beside them.
pub struct AppAssets {
    /// Stylesheets and preloads, plus a `<script type="module" src>` for the loader.
    pub tags: String,
    /// The loader's file name under the base, and its text.
    pub loader: (String, String),
}

/// The stylesheet, preload and loader tags trunk put into its index.html (which it may minify,
/// dropping optional tags such as `<head>`). Trunk's loader is an inline module script; a strict
/// Content-Security-Policy forbids inline scripts, so it becomes a file of its own, named after
/// its content so a new build never reuses an old name.
pub fn trunk_assets(index_html: &str, app: App, base: &str) -> Result<AppAssets> {
    let head = index_html.split("<body").next().unwrap_or(index_html);
    let mut tags = String::new();
    let mut loader = None;
    for tag in split_tags(head) {
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("<script") {
            let body_start = tag.find('>').map(|i| i + 1).unwrap_or(tag.len());
            let body_end = lower.rfind("</script>").unwrap_or(tag.len());
            loader = Some(tag[body_start..body_end].trim().to_string());
        } else if lower.starts_with("<link") {
            // The WASM is fetched by the loader once the page has painted (see PAINT_FIRST);
            // a preload would start it at once, competing with the page's own stylesheets.
            let preload = lower.contains("rel=preload") || lower.contains("rel=\"preload\"");
            if preload && lower.contains(".wasm") {
                continue;
            }
            tags.push_str(tag);
        }
    }
    let Some(script) = loader else {
        bail!("trunk's index.html has no loader script");
    };
    let script = format!("{PAINT_FIRST}\n{script}");
    let name = format!("{}-loader-{:016x}.js", app.name(), fnv1a(script.as_bytes()));
    tags.push_str(&format!(
        r#"<script type="module" src="{base}{name}"></script>"#
    ));
    Ok(AppAssets {
        tags,
        loader: (name, script),
    })
}

/// Put before trunk's loader. Every page is complete without its app, so the page paints first
/// and only then does the app's WASM start downloading: on a slow network the large binary never
/// shares the connection with the stylesheets the first paint waits for. A hidden tab paints
/// nothing, so a timer starts the app there too. (The module's static import of the small JS glue
/// still loads at once.) Two frames: the first callback runs before the first paint, the second
/// only once it has happened.
const PAINT_FIRST: &str = "await new Promise((start) => { \
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(start, 0))); \
    setTimeout(start, 500); });";

/// A stable 64-bit content hash for file names (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Split head markup into elements. Trunk's head holds only void tags, `<title>`, `<script>`
/// and `<style>`, so a scan for the closing tag of those suffices.
fn split_tags(head: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = head.trim();
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        let lower = rest.to_ascii_lowercase();
        let closing = ["title", "script", "style"]
            .iter()
            .find(|name| lower.starts_with(&format!("<{name}")))
            .map(|name| format!("</{name}>"));
        let end = match closing {
            Some(close) => lower.find(&close).map(|i| i + close.len()),
            None => lower.find('>').map(|i| i + 1),
        };
        let Some(end) = end else { break };
        out.push(rest[..end].trim());
        rest = rest[end..].trim_start();
    }
    out
}

pub fn base_of(base: &str) -> String {
    normalize_base(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_head_keeps_assets_and_drops_what_pages_write_themselves() {
        let index = r#"<!doctype html><html><head><meta charset="utf-8"><title>x</title>
<link rel="stylesheet" href="/site-1.css"><link rel="modulepreload" href="/site-2.js">
<link rel="preload" as="fetch" href="/site-2_bg.wasm" type="application/wasm" crossorigin>
<script type="module">import init from '/site-2.js';
init('/site-2_bg.wasm');</script></head><body></body></html>"#;
        let assets = trunk_assets(index, App::Docs, "/base/").expect("the loader is read");
        assert!(assets.tags.contains(r#"href="/site-1.css""#));
        assert!(assets.tags.contains(r#"rel="modulepreload""#));
        assert!(!assets.tags.contains("<title>"));
        assert!(!assets.tags.contains("<meta"));
        assert!(!assets.tags.contains("init("), "no inline script is left");
        assert!(
            !assets.tags.contains("_bg.wasm"),
            "the WASM is not preloaded: it loads after the first paint"
        );
        let (name, script) = &assets.loader;
        assert!(name.starts_with("docs-loader-") && name.ends_with(".js"));
        assert!(assets.tags.contains(&format!(
            r#"<script type="module" src="/base/{name}"></script>"#
        )));
        assert!(script.starts_with("await new Promise"), "{script}");
        assert!(script.ends_with("import init from '/site-2.js';\ninit('/site-2_bg.wasm');"));
    }
}
