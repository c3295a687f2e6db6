//! The page model: what the pipeline hands to the page shell, the prerenderer and the browser app.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Every language's pages and navigation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    /// One per [`Lang`], in [`Lang::ALL`] order.
    pub langs: Vec<LangSite>,
    /// Problems that do not fail the build (lint warnings), `file:line` like errors.
    #[serde(default)]
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    pub fn lang(&self, lang: Lang) -> Option<&LangSite> {
        self.langs.iter().find(|l| l.lang == lang)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LangSite {
    pub lang: Lang,
    pub nav: Vec<NavSection>,
    /// Every route of this language, fallbacks included, in SUMMARY order.
    pub pages: Vec<Page>,
}

impl LangSite {
    pub fn page(&self, path: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.path == path)
    }
}

/// A `## ` group of SUMMARY.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavSection {
    pub title: String,
    pub items: Vec<NavItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavItem {
    pub title: String,
    /// Route path under the language, as [`Page::path`].
    pub path: String,
    pub children: Vec<NavItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub lang: Lang,
    /// Route path under the language: "" for `index.md`, "guides/sizing" for `guides/sizing.md`,
    /// "getting-started" for `getting-started/index.md`.
    pub path: String,
    /// Repo-relative source file actually rendered (the other language's file for a fallback).
    pub source: String,
    pub title: String,
    pub description: String,
    pub runbook: Option<RunbookMeta>,
    /// h2 and h3, in document order.
    pub headings: Vec<Heading>,
    /// Plain text split at h2/h3, for the search index.
    pub sections: Vec<Section>,
    /// The article body; no h1 (the title comes from front matter).
    pub html: String,
    pub translation: Translation,
    /// YYYY-MM-DD of the last commit touching `source`.
    pub last_updated: Option<String>,
}

impl Page {
    /// The page's URL under `base` ("/" or "/spark_k8s/"): "/spark_k8s/ru/guides/sizing/".
    pub fn route(&self, base: &str) -> String {
        route(base, self.lang, &self.path)
    }

    /// Words of running text (headings and code included), for content size figures.
    pub fn word_count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| {
                let heading = if s.id.is_empty() { "" } else { &s.heading };
                heading.split_whitespace().count() + s.text.split_whitespace().count()
            })
            .sum()
    }
}

/// The URL of a route path in a language under `base`; a base without slashes is accepted too.
pub fn route(base: &str, lang: Lang, path: &str) -> String {
    let mut out = normalize_base(base);
    out.push_str(lang.code());
    out.push('/');
    if !path.is_empty() {
        out.push_str(path);
        out.push('/');
    }
    out
}

/// "spark_k8s", "/spark_k8s" and "/spark_k8s/" all mean "/spark_k8s/"; "" means "/".
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunbookMeta {
    pub severity: RunbookSeverity,
    pub alerts: Vec<String>,
    pub components: Vec<String>,
    pub time_to_mitigate: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunbookSeverity {
    Critical,
    Warning,
    Info,
}

impl RunbookSeverity {
    pub fn as_str(self) -> &'static str {
        match self {
            RunbookSeverity::Critical => "critical",
            RunbookSeverity::Warning => "warning",
            RunbookSeverity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "critical" => Some(RunbookSeverity::Critical),
            "warning" => Some(RunbookSeverity::Warning),
            "info" => Some(RunbookSeverity::Info),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// 2 or 3.
    pub level: u8,
    pub id: String,
    /// Plain text, without markup.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// "" for the text before the first heading.
    pub id: String,
    /// The heading text; the page title for the text before the first heading.
    pub heading: String,
    pub text: String,
}

/// How a page relates to its counterpart in the other language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum Translation {
    /// Written in this language: every EN page, and an RU page with no EN counterpart.
    Original,
    /// An RU page stamped with the hash of the current EN text.
    Current,
    /// An RU page stamped with the hash of an older EN text: show the "may be out of date" notice.
    Stale,
    /// No page in this language: the text shown is `from`'s, with this language's links and labels.
    Fallback { from: Lang },
    /// An RU page that does not record which EN text it translates.
    Untracked,
}

/// One problem found in a content file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Repo-relative path with `/` separators.
    pub file: String,
    /// 1-based; 1 when the problem concerns the whole file.
    pub line: usize,
    pub level: Level,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_count_covers_headings_and_text_not_the_title() {
        let section = |id: &str, heading: &str, text: &str| Section {
            id: id.into(),
            heading: heading.into(),
            text: text.into(),
        };
        let page = Page {
            lang: Lang::Ru,
            path: "x".into(),
            source: "content/ru/x.md".into(),
            title: "Заголовок страницы".into(),
            description: "d".into(),
            runbook: None,
            headings: vec![],
            sections: vec![
                section("", "Заголовок страницы", "Вводный текст из четырёх"),
                section("dva", "Два слова", "и ещё три"),
            ],
            html: String::new(),
            translation: Translation::Original,
            last_updated: None,
        };
        assert_eq!(page.word_count(), 4 + 2 + 3);
    }

    #[test]
    fn routes_carry_the_base_and_a_trailing_slash() {
        assert_eq!(route("/", Lang::Ru, "guides/sizing"), "/ru/guides/sizing/");
        assert_eq!(
            route("/spark_k8s/", Lang::Ru, "guides/sizing"),
            "/spark_k8s/ru/guides/sizing/"
        );
        assert_eq!(route("spark_k8s", Lang::En, ""), "/spark_k8s/en/");
        assert_eq!(route("", Lang::En, ""), "/en/");
    }
}
