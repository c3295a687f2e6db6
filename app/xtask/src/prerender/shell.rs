//! The page shell around every prerendered route: head, header, sidebar, article, contents, footer.

mod preview;

use super::{App, Build, nav};
use content::i18n::{Ui, ui};
use content::{Lang, LangSite, NavItem, Page, Translation, route};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// What the `<head>` of one route needs to know.
struct Head<'a> {
    lang: Lang,
    title: &'a str,
    description: &'a str,
    /// The base-free path under the language ("" for the language home), or None for pages
    /// that exist once for both languages (`/`, 404).
    path: Option<&'a str>,
    kind: &'a str,
    app: App,
}

/// Only our own origin, ever: scripts from files (no inline script, no eval; WASM compilation is
/// the one exception it needs), no plugins, no third-party anything. Styles allow inline `style`
/// attributes, which the apps set on SVG charts; style cannot run code. A host should send the
/// same policy as a header (see the hosting page), which also covers `frame-ancestors`.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
    worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

fn head(build: &Build<'_>, h: &Head<'_>) -> Markup {
    let ui = ui(h.lang);
    let full_title = if h.title == ui.site_name {
        h.title.to_string()
    } else {
        format!("{} · {}", h.title, ui.site_name)
    };
    html! {
        meta charset="utf-8";
        meta http-equiv="Content-Security-Policy" content=(CSP);
        meta name="referrer" content="strict-origin-when-cross-origin";
        meta name="viewport" content="width=device-width, initial-scale=1";
        title { (full_title) }
        meta name="description" content=(h.description);
        meta name="color-scheme" content="light dark";
        @if let Some(path) = h.path {
            link rel="canonical" href=(build.absolute(&route(&build.base, h.lang, path)));
            @for lang in Lang::ALL {
                link rel="alternate" hreflang=(lang.code()) href=(build.absolute(&route(&build.base, lang, path)));
            }
            link rel="alternate" hreflang="x-default" href=(build.absolute(&route(&build.base, Lang::En, path)));
        }
        meta property="og:title" content=(h.title);
        meta property="og:description" content=(h.description);
        meta property="og:type" content="website";
        link rel="icon" href=(format!("{}favicon.svg", build.base)) type="image/svg+xml";
        // Applies the stored theme before first paint and picks a language on `/`.
        script src=(format!("{}boot.js", build.base)) {}
        (PreEscaped(build.assets(h.app)))
        meta name="generator" content=(format!("spark_k8s site {}", h.kind));
    }
}

fn document(build: &Build<'_>, h: &Head<'_>, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(h.lang.code()) data-base=(build.base) data-page=(h.kind) {
            head { (head(build, h)) }
            body { (body) }
        }
    }
    .into_string()
}

fn header(build: &Build<'_>, lang: Lang, path: &str, active: &str) -> Markup {
    let ui = ui(lang);
    let home = route(&build.base, lang, "");
    let links = [
        ("docs", ui.nav_docs, home.clone()),
        (
            "runbooks",
            ui.nav_runbooks,
            route(&build.base, lang, "runbooks"),
        ),
        (
            "composer",
            ui.nav_composer,
            route(&build.base, lang, "composer"),
        ),
        (
            "preview",
            ui.nav_preview,
            route(&build.base, lang, "preview"),
        ),
    ];
    let other = lang.other();
    html! {
        a.skip-link href="#main" { (ui.skip_to_content) }
        header.site-header {
            button #menu-toggle .menu-toggle type="button" aria-controls="sidebar" aria-expanded="false" hidden {
                span aria-hidden="true" { "☰" } " " (ui.menu)
            }
            a.brand href=(home) { (ui.site_name) }
            nav.top-nav aria-label=(ui.site_name) {
                ul {
                    @for (key, label, href) in &links {
                        li { a href=(href) aria-current=[(*key == active).then_some("page")] { (label) } }
                    }
                }
            }
            div.header-tools {
                // The search button: the docs, composer and previewer apps all mount it here.
                // Without a script there is no search; the sidebar remains.
                div #search-slot .search-slot {}
                a.lang-switch href=(route(&build.base, other, path)) hreflang=(other.code()) lang=(other.code())
                    data-lang-switch aria-label=(format!("{}: {}", ui.switch_language, other.native_name())) {
                    (other.native_name())
                }
                div #theme-slot .theme-slot {}
            }
        }
    }
}

fn footer(build: &Build<'_>, lang: Lang) -> Markup {
    let ui = ui(lang);
    html! {
        footer.site-footer {
            p {
                (ui.site_name) " — " (ui.tagline) ". "
                a href=(build.repo_url) { (ui.footer_source) } " · " (ui.footer_license) " · "
                a href=(format!("{}{}", build.base, crate::offline::ARCHIVE)) download { (ui.offline_copy) }
            }
        }
    }
}

fn sidebar(build: &Build<'_>, site: &LangSite, current: &str) -> Markup {
    let ui = ui(site.lang);
    html! {
        nav #sidebar .sidebar aria-label=(ui.sidebar_label) {
            @for section in &site.nav {
                @let open = section.items.iter().any(|item| nav::contains(item, current));
                details.nav-section open[open || site.nav.len() <= 1] {
                    summary { (section.title) }
                    (nav_list(build, site.lang, &section.items, current))
                }
            }
        }
    }
}

fn nav_list(build: &Build<'_>, lang: Lang, items: &[NavItem], current: &str) -> Markup {
    html! {
        ul {
            @for item in items {
                li {
                    a href=(route(&build.base, lang, &item.path)) aria-current=[(item.path == current).then_some("page")] { (item.title) }
                    @if !item.children.is_empty() { (nav_list(build, lang, &item.children, current)) }
                }
            }
        }
    }
}

fn breadcrumbs(build: &Build<'_>, site: &LangSite, page: &Page) -> Markup {
    let ui = ui(site.lang);
    let located = nav::locate(site, &page.path);
    html! {
        nav.breadcrumbs aria-label=(ui.breadcrumbs_label) {
            ol {
                li { a href=(route(&build.base, site.lang, "")) { (ui.home) } }
                @if let Some(located) = &located {
                    @if !page.path.is_empty() { li { span { (located.section) } } }
                    @for (title, path) in &located.parents {
                        li { a href=(route(&build.base, site.lang, path)) { (title) } }
                    }
                }
                @if !page.path.is_empty() { li aria-current="page" { (page.title) } }
            }
        }
    }
}

fn notice(ui: &Ui, page: &Page) -> Markup {
    html! {
        @match page.translation {
            Translation::Fallback { from } => {
                aside.translation-notice role="note" lang=(page.lang.code()) data-state="fallback" data-from=(from.code()) { (ui.fallback_notice) }
            }
            Translation::Stale => {
                aside.translation-notice role="note" data-state="stale" { (ui.stale_notice) }
            }
            _ => {}
        }
    }
}

fn runbook_meta(ui: &Ui, page: &Page) -> Markup {
    html! {
        @if let Some(rb) = &page.runbook {
            dl.runbook-meta {
                div { dt { (ui.runbook_severity) } dd { span.severity data-severity=(rb.severity.as_str()) { (rb.severity.as_str()) } } }
                @if !rb.alerts.is_empty() {
                    div { dt { (ui.runbook_alerts) } dd { @for (i, alert) in rb.alerts.iter().enumerate() { @if i > 0 { ", " } code { (alert) } } } }
                }
                div { dt { (ui.runbook_components) } dd { (rb.components.join(", ")) } }
                div { dt { (ui.runbook_time_to_mitigate) } dd { (rb.time_to_mitigate) } }
            }
        }
    }
}

fn toc(ui: &Ui, page: &Page) -> Markup {
    html! {
        @if page.headings.len() >= 2 {
            aside.toc aria-labelledby="toc-title" {
                h2 #toc-title { (ui.toc_title) }
                ul {
                    @for heading in &page.headings {
                        li.(format!("toc-h{}", heading.level)) { a href=(format!("#{}", heading.id)) { (heading.text) } }
                    }
                }
            }
        }
    }
}

fn pager(build: &Build<'_>, site: &LangSite, page: &Page) -> Markup {
    let ui = ui(site.lang);
    let (prev, next) = nav::neighbours(site, &page.path);
    html! {
        @if prev.is_some() || next.is_some() {
            nav.pager aria-label=(format!("{} / {}", ui.previous, ui.next)) {
                @if let Some((title, path)) = prev {
                    a.prev href=(route(&build.base, site.lang, path)) rel="prev" { span.pager-label { "← " (ui.previous) } span.pager-title { (title) } }
                }
                @if let Some((title, path)) = next {
                    a.next href=(route(&build.base, site.lang, path)) rel="next" { span.pager-label { (ui.next) " →" } span.pager-title { (title) } }
                }
            }
        }
    }
}

/// A documentation page or runbook.
pub fn doc_page(build: &Build<'_>, site: &LangSite, page: &Page) -> String {
    let ui = ui(site.lang);
    let active = if page.path == "runbooks" || page.path.starts_with("runbooks/") {
        "runbooks"
    } else {
        "docs"
    };
    let kind = if page.runbook.is_some() {
        "runbook"
    } else {
        "doc"
    };
    // A fallback page's text is in the other language: mark it so screen readers switch voice.
    let body_lang = match page.translation {
        Translation::Fallback { from } => from,
        _ => page.lang,
    };
    let body = html! {
        (header(build, site.lang, &page.path, active))
        div.layout {
            (sidebar(build, site, &page.path))
            main #main tabindex="-1" {
                (breadcrumbs(build, site, page))
                article lang=[(body_lang != page.lang).then_some(body_lang.code())] {
                    h1 { (page.title) }
                    (notice(ui, page))
                    (runbook_meta(ui, page))
                    @if page.runbook.is_some() {
                        // The place of the parameters panel the docs app mounts, reserved so the
                        // text below does not jump when it appears. Its heading and introduction
                        // are static, so they paint with the page (shown only where scripts run);
                        // the app adds the form under them.
                        @let rt = oncall::i18n::text(site.lang);
                        section #runbook-tools .runbook-tools aria-labelledby="runbook-tools-title" {
                            p.rt-title #runbook-tools-title { (rt.panel_title) }
                            p.rt-intro { (rt.panel_intro) }
                        }
                    }
                    (PreEscaped(&page.html))
                }
                div.page-meta {
                    span.last-updated {
                        (ui.last_updated) ": "
                        @match &page.last_updated {
                            Some(date) => time datetime=(date) { (date) },
                            None => span { (ui.last_updated_unknown) },
                        }
                    }
                    @if page.path.starts_with("runbooks") {
                        a.print-link href=(route(&build.base, site.lang, "runbooks/print")) { (ui.print_runbooks) }
                    }
                    a.edit-link href=(format!("{}/edit/main/{}", build.repo_url.trim_end_matches('/'), page.source)) { (ui.edit_page) }
                }
                (pager(build, site, page))
            }
            (toc(ui, page))
        }
        (footer(build, site.lang))
    };
    document(
        build,
        &Head {
            lang: site.lang,
            title: &page.title,
            description: &page.description,
            path: Some(&page.path),
            kind,
            app: App::Docs,
        },
        body,
    )
}

/// `/`: the reader's language is picked by boot.js; without a script, both are offered.
pub fn language_chooser(build: &Build<'_>) -> String {
    let en = ui(Lang::En);
    let body = html! {
        main #main .chooser {
            h1 { (en.site_name) }
            @for lang in Lang::ALL {
                p lang=(lang.code()) { (ui(lang).tagline) }
            }
            nav aria-label=(format!("{} / {}", en.choose_language, ui(Lang::Ru).choose_language)) {
                ul.chooser-langs {
                    @for lang in Lang::ALL {
                        li { a href=(route(&build.base, lang, "")) hreflang=(lang.code()) lang=(lang.code()) data-lang-switch { (lang.native_name()) } }
                    }
                }
            }
        }
    };
    document(
        build,
        &Head {
            lang: Lang::En,
            title: en.site_name,
            description: en.tagline,
            path: None,
            kind: "root",
            app: App::Docs,
        },
        body,
    )
}

/// `404.html`: a host serves it for any unknown path, so it carries both languages and
/// boot.js shows the one matching the path (or the stored choice).
pub fn not_found(build: &Build<'_>) -> String {
    let body = html! {
        main #main .not-found {
            @for lang in Lang::ALL {
                @let ui = ui(lang);
                section lang=(lang.code()) data-lang=(lang.code()) {
                    h1 { (ui.not_found_title) }
                    p { (ui.not_found_text) }
                    p { a href=(route(&build.base, lang, "")) { (ui.not_found_home) } }
                }
            }
        }
    };
    let en = ui(Lang::En);
    document(
        build,
        &Head {
            lang: Lang::En,
            title: en.not_found_title,
            description: en.not_found_text,
            path: None,
            kind: "not-found",
            app: App::Docs,
        },
        body,
    )
}

/// The composer and the previewer: an app page whose WASM mounts into `#<app>-app`. What is
/// prerendered there is what a reader without JavaScript gets.
pub fn app_page(build: &Build<'_>, lang: Lang, app: App) -> String {
    let ui = ui(lang);
    let (title, description, fallback) = match app {
        App::Composer => (
            ui.composer_title,
            ui.composer_description,
            composer_fallback(build, lang),
        ),
        _ => (
            ui.preview_title,
            ui.preview_description,
            preview::first_screen(&build.base, lang, ui.preview_nojs),
        ),
    };
    let body = html! {
        (header(build, lang, app.name(), app.name()))
        main #main .app-main tabindex="-1" {
            h1 { (title) }
            p.app-lead { (description) }
            div id=(format!("{}-app", app.name())) .app-root { (fallback) }
        }
        (footer(build, lang))
    };
    document(
        build,
        &Head {
            lang,
            title,
            description,
            path: Some(app.name()),
            kind: app.name(),
            app,
        },
        body,
    )
}

/// Without a script the composer cannot run, but its presets and the CLI that renders them can
/// still be shown.
fn composer_fallback(build: &Build<'_>, lang: Lang) -> Markup {
    let ui = ui(lang);
    let engine_lang = match lang {
        Lang::En => composer::Lang::En,
        Lang::Ru => composer::Lang::Ru,
    };
    html! {
        p.app-nojs { (ui.composer_nojs) }
        ul.preset-list {
            @for preset in composer::presets() {
                li {
                    strong { (preset.title.get(engine_lang)) }
                    " — " (preset.description.get(engine_lang)) " "
                    code { "cargo xtask compose --preset " (preset.id) " --out bundle/" }
                }
            }
        }
        @let _ = build;
    }
}

/// Every runbook on one page, for printing an incident binder. Heading ids are prefixed with the
/// runbook's slug so the page's anchors stay unique.
pub fn runbooks_print(build: &Build<'_>, site: &LangSite) -> String {
    let ui = ui(site.lang);
    let runbooks: Vec<&Page> = nav::reading_order(site)
        .into_iter()
        .filter_map(|(_, path)| site.page(path))
        .filter(|page| page.runbook.is_some())
        .collect();
    let body = html! {
        (header(build, site.lang, "runbooks/print", "runbooks"))
        main #main .print-all tabindex="-1" {
            h1 { (ui.print_runbooks_title) }
            nav aria-label=(ui.toc_title) {
                ol.print-index {
                    @for page in &runbooks {
                        li { a href=(format!("#{}", slug_of(page))) { (page.title) } }
                    }
                }
            }
            @for page in &runbooks {
                @let slug = slug_of(page);
                article.print-runbook id=(slug) {
                    h2.print-runbook-title { (page.title) }
                    (runbook_meta(ui, page))
                    (PreEscaped(prefix_ids(&page.html, &slug)))
                }
            }
        }
        (footer(build, site.lang))
    };
    document(
        build,
        &Head {
            lang: site.lang,
            title: ui.print_runbooks_title,
            description: ui.print_runbooks_title,
            path: Some("runbooks/print"),
            kind: "print",
            app: App::Docs,
        },
        body,
    )
}

fn slug_of(page: &Page) -> String {
    page.path
        .rsplit('/')
        .next()
        .unwrap_or(&page.path)
        .to_string()
}

/// Make a page's ids and same-page links unique inside a page holding many.
fn prefix_ids(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}--"))
        .replace("href=\"#", &format!("href=\"#{prefix}--"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use content::{Heading, LangSite, NavItem, NavSection, Site};
    use std::collections::BTreeMap;

    fn page(lang: Lang, path: &str, translation: Translation) -> Page {
        Page {
            lang,
            path: path.to_string(),
            source: format!("content/{}/{path}.md", lang.code()),
            title: format!("Title {path}"),
            description: "About <this> page".to_string(),
            runbook: None,
            headings: vec![
                Heading {
                    level: 2,
                    id: "one".into(),
                    text: "One".into(),
                },
                Heading {
                    level: 3,
                    id: "two".into(),
                    text: "Two".into(),
                },
            ],
            sections: Vec::new(),
            html: "<p>Body</p>".to_string(),
            translation,
            last_updated: None,
        }
    }

    fn site(pages: Vec<Page>) -> Site {
        let lang = pages[0].lang;
        let items = pages
            .iter()
            .map(|p| NavItem {
                title: p.title.clone(),
                path: p.path.clone(),
                children: Vec::new(),
            })
            .collect();
        Site {
            langs: vec![LangSite {
                lang,
                nav: vec![NavSection {
                    title: "Guides".into(),
                    items,
                }],
                pages,
            }],
            warnings: Vec::new(),
        }
    }

    fn build(site: &Site) -> Build<'_> {
        Build {
            site,
            base: "/spark_k8s/".into(),
            origin: "https://example.org".into(),
            repo_url: "https://example.org/repo".into(),
            assets: BTreeMap::new(),
        }
    }

    #[test]
    fn a_fallback_page_says_so_and_marks_its_text_with_the_source_language() {
        let site = site(vec![page(
            Lang::Ru,
            "guides/a",
            Translation::Fallback { from: Lang::En },
        )]);
        let html = doc_page(&build(&site), &site.langs[0], &site.langs[0].pages[0]);
        assert!(html.contains(ui(Lang::Ru).fallback_notice));
        assert!(html.contains(r#"<article lang="en">"#));
        assert!(html.contains(r#"<html lang="ru""#));
    }

    #[test]
    fn a_stale_translation_warns_and_a_current_one_does_not() {
        let stale = site(vec![page(Lang::Ru, "guides/a", Translation::Stale)]);
        let html = doc_page(&build(&stale), &stale.langs[0], &stale.langs[0].pages[0]);
        assert!(html.contains(ui(Lang::Ru).stale_notice));
        let current = site(vec![page(Lang::Ru, "guides/a", Translation::Current)]);
        let html = doc_page(
            &build(&current),
            &current.langs[0],
            &current.langs[0].pages[0],
        );
        assert!(!html.contains(ui(Lang::Ru).stale_notice));
        assert!(!html.contains("translation-notice"));
    }

    #[test]
    fn links_carry_the_base_and_the_page_knows_its_neighbours_and_alternates() {
        let site = site(vec![
            page(Lang::En, "guides/a", Translation::Original),
            page(Lang::En, "guides/b", Translation::Original),
        ]);
        let b = build(&site);
        let html = doc_page(&b, &site.langs[0], &site.langs[0].pages[0]);
        assert!(html.contains(
            r#"<link rel="canonical" href="https://example.org/spark_k8s/en/guides/a/">"#
        ));
        assert!(
            html.contains(r#"hreflang="ru" href="https://example.org/spark_k8s/ru/guides/a/""#)
        );
        assert!(html.contains(r#"href="/spark_k8s/en/guides/b/" rel="next""#));
        assert!(
            html.contains(r#"href="/spark_k8s/ru/guides/a/" hreflang="ru""#),
            "the switcher keeps the page"
        );
        assert!(html.contains(r#"<a href="/spark_k8s/en/guides/a/" aria-current="page">"#));
        assert!(html.contains("About &lt;this&gt; page"), "text is escaped");
        assert!(
            html.contains(ui(Lang::En).last_updated_unknown),
            "no git history has a fallback"
        );
        assert!(
            html.contains(r#"href="https://example.org/repo/edit/main/content/en/guides/a.md""#)
        );
        assert!(
            html.contains(r##"<a href="#two">Two</a>"##),
            "the contents list h3 too"
        );
    }
}
