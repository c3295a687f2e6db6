//! What a page checked outside the build needs to know about the site: which routes and heading
//! anchors exist, which files `public/` serves, which code languages the highlighter knows.
//!
//! `cargo xtask dist` writes it as a small text file next to the previewer; the previewer and
//! `check-content` on a loose file check links and code languages against it, so both report
//! the same findings for the same text.
//!
//! Format, one record per line, fields separated by tabs:
//! ```text
//! spark_k8s-link-index 1
//! base    /
//! langs   yaml yml bash ...
//! alerts  SparkExecutorOOMKilled SparkDriverPodPending ...
//! public  /img/architecture.svg
//! page    en  guides/sizing  content/en/guides/sizing.md  worked-example other-id ...
//! ```

use std::collections::{BTreeMap, BTreeSet};

use crate::Lang;

const MAGIC: &str = "spark_k8s-link-index 1";

/// Known grammar tokens: what a fenced block's language maps to before the lookup.
/// `None` means "plain text on purpose", always accepted.
pub fn grammar_token(lang: &str) -> Option<&str> {
    match lang {
        "text" | "txt" | "plain" | "plaintext" | "output" | "log" => None,
        // Query languages the docs show but no bundled grammar knows: plain, yet named, so the
        // block's data-lang tells readers what it is.
        "promql" | "logql" => None,
        "sh" | "shell" | "console" | "bash" | "zsh" => Some("bash"),
        "yml" => Some("yaml"),
        "py" => Some("python"),
        "props" => Some("properties"),
        other => Some(other),
    }
}

/// The languages the docs are expected to use; named in the error for an unknown one.
pub const COMMON_LANGUAGES: &str =
    "yaml, bash, python, scala, sql, json, toml, properties, dockerfile, text";

pub fn unknown_language(lang: &str) -> String {
    format!("unknown code block language `{lang}` (known: {COMMON_LANGUAGES}, ...)")
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PageEntry {
    /// The source file readers' links are checked against (named in "no heading" errors).
    file: String,
    anchors: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkIndex {
    base: String,
    pages: BTreeMap<(Lang, String), PageEntry>,
    public: BTreeSet<String>,
    /// Grammar tokens the build's highlighter accepts, lower case.
    tokens: BTreeSet<String>,
    /// Alert names the composer defines (runbooks' `alerts:` are checked against them).
    alerts: BTreeSet<String>,
}

/// Heading ids in rendered article HTML: `<h2 id="x">` ... `<h6 id="x">`.
fn heading_ids(html: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let b = rest.as_bytes();
        if b.len() > 6 && (b'1'..=b'6').contains(&b[0]) && rest[1..].starts_with(" id=\"") {
            let after = &rest[6..];
            if let Some(end) = after.find('"') {
                ids.insert(unescape(&after[..end]));
            }
        }
    }
    ids
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

impl LinkIndex {
    /// From the built site (every route of every language, fallbacks included), the files
    /// under `public/` (as `/img/x.svg`) and the highlighter's grammar tokens.
    pub fn from_site(
        site: &crate::Site,
        base: &str,
        public: impl IntoIterator<Item = String>,
        tokens: impl IntoIterator<Item = String>,
    ) -> Self {
        let mut pages = BTreeMap::new();
        for lang_site in &site.langs {
            for page in &lang_site.pages {
                pages.insert(
                    (lang_site.lang, page.path.clone()),
                    PageEntry {
                        file: page.source.clone(),
                        anchors: heading_ids(&page.html),
                    },
                );
            }
        }
        #[cfg(feature = "alerts")]
        let alerts = crate::lint::composer_alerts()
            .into_iter()
            .map(str::to_string)
            .collect();
        #[cfg(not(feature = "alerts"))]
        let alerts = BTreeSet::new();
        LinkIndex {
            base: crate::model::normalize_base(base),
            pages,
            public: public.into_iter().collect(),
            tokens: tokens.into_iter().map(|t| t.to_lowercase()).collect(),
            alerts,
        }
    }

    /// The alert-name rule with the index's names, for a checker built without the composer
    /// (`lint::ALERTS_BUILT_IN` false); empty otherwise, the rule having run already.
    pub fn alert_findings(
        &self,
        front: &crate::front_matter::FrontMatter,
    ) -> Vec<crate::lint::Finding> {
        if crate::lint::ALERTS_BUILT_IN {
            return Vec::new();
        }
        let known: Vec<&str> = self.alerts.iter().map(String::as_str).collect();
        crate::lint::alert_names(front, &known)
    }

    /// The index of a built site: [`LinkIndex::from_site`] with the files of `public_dir` and
    /// the build highlighter's languages. What `dist` writes and `check-content` uses for files
    /// outside the tree.
    #[cfg(feature = "build")]
    pub fn for_build(site: &crate::Site, base: &str, public_dir: &std::path::Path) -> Self {
        fn walk(dir: &std::path::Path, prefix: &str, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let path = format!("{prefix}/{name}");
                if entry.path().is_dir() {
                    walk(&entry.path(), &path, found);
                } else {
                    found.push(path);
                }
            }
        }
        let mut public = Vec::new();
        walk(public_dir, "", &mut public);
        Self::from_site(site, base, public, crate::highlight::Syntect::tokens())
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Whether the highlighter knows `lang` (already lower case).
    pub fn knows_language(&self, lang: &str) -> bool {
        grammar_token(lang).is_none_or(|t| self.tokens.contains(&t.to_lowercase()))
    }

    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(MAGIC);
        out.push('\n');
        out.push_str(&format!("base\t{}\n", self.base));
        let tokens: Vec<&str> = self.tokens.iter().map(String::as_str).collect();
        out.push_str(&format!("langs\t{}\n", tokens.join(" ")));
        let alerts: Vec<&str> = self.alerts.iter().map(String::as_str).collect();
        out.push_str(&format!("alerts\t{}\n", alerts.join(" ")));
        for p in &self.public {
            out.push_str(&format!("public\t{p}\n"));
        }
        for ((lang, path), entry) in &self.pages {
            let anchors: Vec<&str> = entry.anchors.iter().map(String::as_str).collect();
            out.push_str(&format!(
                "page\t{}\t{path}\t{}\t{}\n",
                lang.code(),
                entry.file,
                anchors.join(" ")
            ));
        }
        out
    }

    /// Read what [`LinkIndex::to_text`] wrote; `Err` names the first bad line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut lines = text.lines();
        if lines.next() != Some(MAGIC) {
            return Err("not a link index (first line)".into());
        }
        let mut index = LinkIndex::default();
        for (n, line) in lines.enumerate() {
            let bad = || format!("link index line {}: `{line}`", n + 2);
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["base", base] => index.base = crate::model::normalize_base(base),
                ["langs", tokens] => {
                    index.tokens = tokens.split_whitespace().map(str::to_string).collect()
                }
                ["alerts", names] => {
                    index.alerts = names.split_whitespace().map(str::to_string).collect()
                }
                ["public", path] => {
                    index.public.insert(path.to_string());
                }
                ["page", lang, path, file, anchors] => {
                    let lang = Lang::from_code(lang).ok_or_else(bad)?;
                    index.pages.insert(
                        (lang, path.to_string()),
                        PageEntry {
                            file: file.to_string(),
                            anchors: anchors.split_whitespace().map(str::to_string).collect(),
                        },
                    );
                }
                [""] => {}
                _ => return Err(bad()),
            }
        }
        Ok(index)
    }
}

/// Links of a page written in `lang`, resolved against the index: the same answers and
/// messages as the build gives for a page of the tree.
#[cfg(feature = "markdown")]
pub struct IndexLinks<'a> {
    pub index: &'a LinkIndex,
    pub lang: Lang,
}

#[cfg(feature = "markdown")]
impl crate::markdown::LinkResolver for IndexLinks<'_> {
    fn page(&self, route_path: &str, anchor: Option<&str>) -> Result<String, String> {
        let pages = &self.index.pages;
        let Some(entry) = pages
            .get(&(self.lang, route_path.to_string()))
            .or_else(|| pages.get(&(self.lang.other(), route_path.to_string())))
        else {
            return Err(format!(
                "no such page in content/{}/ or content/{}/",
                self.lang.code(),
                self.lang.other().code()
            ));
        };
        let mut href = crate::model::route(&self.index.base, self.lang, route_path);
        if let Some(anchor) = anchor {
            if !entry.anchors.contains(anchor) {
                return Err(format!("{} has no heading with id `{anchor}`", entry.file));
            }
            href.push('#');
            href.push_str(anchor);
        }
        Ok(href)
    }

    fn root(&self, path: &str) -> String {
        crate::markdown::root_under_base(&self.index.base, path)
    }

    fn image(&self, path: &str) -> Result<String, String> {
        if self.index.public.contains(path) {
            Ok(self.root(path))
        } else {
            Err(format!("there is no file public{path}"))
        }
    }
}

/// Code shown unhighlighted (escaped, placeholders marked), with the build's verdict on the
/// language: what the previewer uses, since the build's grammars are too big for the browser.
#[cfg(feature = "markdown")]
pub struct IndexLanguages<'a>(pub &'a LinkIndex);

#[cfg(feature = "markdown")]
impl crate::markdown::Highlighter for IndexLanguages<'_> {
    fn highlight(&self, lang: &str, code: &str) -> Result<String, String> {
        if self.0.knows_language(lang) {
            Ok(crate::markdown::escape_code(code))
        } else {
            Err(unknown_language(lang))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> LinkIndex {
        let mut index = LinkIndex {
            base: "/spark_k8s/".into(),
            ..Default::default()
        };
        index.pages.insert(
            (Lang::En, "guides/sizing".into()),
            PageEntry {
                file: "content/en/guides/sizing.md".into(),
                anchors: ["worked-example".to_string()].into(),
            },
        );
        index.pages.insert(
            (Lang::En, String::new()),
            PageEntry {
                file: "content/en/index.md".into(),
                anchors: BTreeSet::new(),
            },
        );
        index.public.insert("/img/architecture.svg".into());
        index.tokens = ["yaml", "bash", "python"].map(String::from).into();
        index.alerts = ["SparkExecutorOOMKilled".to_string()].into();
        index
    }

    #[test]
    fn text_round_trip() {
        let index = sample();
        let text = index.to_text();
        assert_eq!(LinkIndex::parse(&text), Ok(index));
        assert!(LinkIndex::parse("nope").is_err());
        assert!(LinkIndex::parse(&format!("{MAGIC}\npage\txx\ta\tb\t\n")).is_err());
    }

    #[test]
    fn heading_ids_from_html() {
        let ids = heading_ids(
            "<h2 id=\"a\">A <a class=\"anchor\" href=\"#a\">#</a></h2><h4 id=\"deep&amp;x\">D</h4><hr id=\"no\"><h2>none</h2>",
        );
        assert_eq!(ids, ["a".to_string(), "deep&x".to_string()].into());
    }

    #[cfg(feature = "markdown")]
    #[test]
    fn links_and_languages_are_checked_like_the_build() {
        use crate::markdown::{Highlighter, LinkResolver};
        let index = sample();
        // A Russian draft links to a page that exists only in English: the fallback route.
        let links = IndexLinks {
            index: &index,
            lang: Lang::Ru,
        };
        assert_eq!(
            links.page("guides/sizing", Some("worked-example")),
            Ok("/spark_k8s/ru/guides/sizing/#worked-example".into())
        );
        assert!(links.page("guides/sizing", Some("nope")).is_err_and(|e| {
            e.contains("content/en/guides/sizing.md has no heading with id `nope`")
        }));
        assert!(links.page("guides/nowhere", None).is_err());
        assert!(links.image("/img/architecture.svg").is_ok());
        assert!(links.image("/img/missing.svg").is_err());
        let code = IndexLanguages(&index);
        assert!(code.highlight("yml", "a: 1").is_ok());
        assert!(code.highlight("promql", "up").is_ok());
        assert!(
            code.highlight("klingon", "x")
                .is_err_and(|e| e.contains("klingon"))
        );
    }

    #[cfg(feature = "markdown")]
    #[test]
    fn check_text_against_the_index_finds_missing_pages_and_anchors() {
        let index = sample();
        let text = "---\ntitle: t\ndescription: d\n---\n\n## Here\n\n[a](guides/sizing.md#worked-example) [b](guides/sizing.md#gone) [c](missing.md) [d](#here) [e](#there)\n\n```klingon\nx\n```\n";
        let f = crate::markdown::check_text(
            Lang::En,
            "page.md",
            text,
            &IndexLinks {
                index: &index,
                lang: Lang::En,
            },
            &IndexLanguages(&index),
        );
        let lines: Vec<usize> = f.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![8, 8, 8, 10], "{f:#?}");
    }

    #[test]
    fn alert_names_come_from_the_index_when_not_built_in() {
        let index = sample();
        let text = "---\ntitle: t\ndescription: d\nrunbook:\n  severity: info\n  alerts: [Nope]\n  components: [x]\n  time_to_mitigate: 5m\n---\n";
        let front = crate::front_matter::parse(text).expect("parses").front;
        assert_eq!(
            index.alert_findings(&front).len(),
            usize::from(!crate::lint::ALERTS_BUILT_IN)
        );
    }

    #[cfg(feature = "build")]
    #[test]
    fn the_index_knows_exactly_the_languages_the_build_highlights() {
        let index = LinkIndex {
            tokens: crate::highlight::Syntect::tokens().into_iter().collect(),
            ..Default::default()
        };
        for lang in [
            "yaml",
            "yml",
            "bash",
            "sh",
            "console",
            "python",
            "py",
            "scala",
            "sql",
            "json",
            "toml",
            "properties",
            "props",
            "dockerfile",
            "text",
            "promql",
            "java",
            "xml",
            "klingon",
            "ini",
            "hcl",
            "go",
            "rust",
            "diff",
            "makefile",
            "groovy",
            "nope-lang",
        ] {
            assert_eq!(
                index.knows_language(lang),
                crate::highlight::Syntect::knows(lang),
                "{lang}"
            );
        }
    }
}
