//! Compiles the `content/` tree into the page model: every page of both languages, checked,
//! rendered, with navigation, translation states and last-updated dates.
//!
//! Two passes: the first parses front matter and collects every page's heading ids, the second
//! renders, so a link to any page or anchor in the tree can be checked. Every problem in the
//! tree is collected (not only the first), each as `file:line: message`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::front_matter::{self, FrontMatter};
use crate::highlight::Syntect;
use crate::lint::{self, Outline};
use crate::markdown::{self, AnyPage, LinkResolver, RenderOptions, root_under_base};
use crate::model::{Diagnostic, LangSite, Level, Page, Site, Translation};
use crate::summary::{self, Summary};
use crate::{Lang, git};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The repository's `content/` folder (holding `en/` and `ru/`).
    pub content_dir: PathBuf,
    /// Paths in diagnostics and `Page::source` are relative to this; `public/` is found here.
    pub repo_root: PathBuf,
    /// "/" or "/spark_k8s/": the sub-path the site is served from.
    pub base: String,
    /// Read last-updated dates from git (off in tests: dates change with every commit).
    pub git_dates: bool,
}

/// Every error found in the tree; `Display` prints one `file:line: message` per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildErrors {
    pub errors: Vec<Diagnostic>,
}

impl std::fmt::Display for BuildErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildErrors {}

/// The hash an RU page records in `translated_from:`: 12 hex characters of the SHA-256 of the
/// EN file. Line endings are normalised so a Windows checkout does not make every page stale.
pub fn translation_hash(english_source: &str) -> String {
    let normalized = english_source.replace("\r\n", "\n");
    let digest = Sha256::digest(normalized.as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Build the site, or fail with every error found. Warnings travel in `Site::warnings`.
pub fn compile_site(opts: &BuildOptions) -> Result<Site, BuildErrors> {
    let (mut site, diagnostics) = check_site(opts);
    let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics
        .into_iter()
        .partition(|d| d.level == Level::Error);
    if !errors.is_empty() {
        return Err(BuildErrors { errors });
    }
    site.warnings = warnings;
    Ok(site)
}

/// Build as much of the site as possible and return it with every diagnostic, errors and
/// warnings alike, sorted by file and line. Pages that cannot be parsed are left out.
pub fn check_site(opts: &BuildOptions) -> (Site, Vec<Diagnostic>) {
    let mut b = Builder {
        opts,
        diags: Vec::new(),
        sources: Vec::new(),
        index: HashMap::new(),
    };
    b.collect_sources();
    let summaries: HashMap<Lang, Summary> = Lang::ALL
        .iter()
        .filter_map(|&lang| b.summary(lang).map(|s| (lang, s)))
        .collect();
    b.check_summaries(&summaries);
    let states = b.translation_states();
    b.check_structure(&states);

    let dates = if opts.git_dates {
        let spec = display_path(&opts.repo_root, &opts.content_dir);
        git::last_commit_dates(&opts.repo_root, &spec)
    } else {
        HashMap::new()
    };

    let mut langs = Vec::new();
    for lang in Lang::ALL {
        let pages = b.render_lang(lang, summaries.get(&lang), &states, &dates);
        langs.push(LangSite {
            lang,
            nav: summaries
                .get(&lang)
                .map(|s| s.nav.clone())
                .unwrap_or_default(),
            pages,
        });
    }

    let mut diags: Vec<Diagnostic> = b
        .diags
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    diags.sort_by(|a, b| (&a.file, a.line, a.level).cmp(&(&b.file, b.line, b.level)));
    (
        Site {
            langs,
            warnings: Vec::new(),
        },
        diags,
    )
}

/// Lint one file that is not part of the tree (no cross-page link checks): front matter,
/// markdown problems and the single-page rules.
pub fn check_standalone(file: &str, text: &str, lang: Lang, route_path: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let d = |line: usize, level: Level, message: String| Diagnostic {
        file: file.to_string(),
        line,
        level,
        message,
    };
    match front_matter::parse(text) {
        Err(errors) => {
            diags.extend(
                errors
                    .into_iter()
                    .map(|e| d(e.line, Level::Error, e.message)),
            );
        }
        Ok(parsed) => {
            let links = AnyPage {
                base: "/".into(),
                lang,
            };
            let rendered = markdown::render(
                parsed.body,
                &RenderOptions {
                    lang,
                    page_dir: "",
                    links: &links,
                    code: &Syntect,
                    first_line: parsed.body_line,
                },
            );
            diags.extend(
                rendered
                    .problems
                    .into_iter()
                    .map(|p| d(p.line, Level::Error, p.message)),
            );
            diags.extend(
                lint::check_page(lang, route_path, &rendered.outline)
                    .into_iter()
                    .map(|f| d(f.line, f.level, f.message)),
            );
        }
    }
    diags.sort();
    diags
}

/// `path` relative to `root` with `/` separators, or as given when it is elsewhere.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

struct Source {
    lang: Lang,
    route: String,
    /// Repo-relative file.
    file: String,
    /// Relative to the language folder: "guides/sizing.md".
    rel: String,
    text: String,
    /// `None` when the front matter has errors (reported already).
    front: Option<FrontMatter>,
    body_start: usize,
    body_line: usize,
    outline: Outline,
}

impl Source {
    fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }

    fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

struct Builder<'o> {
    opts: &'o BuildOptions,
    diags: Vec<Diagnostic>,
    sources: Vec<Source>,
    index: HashMap<(Lang, String), usize>,
}

impl Builder<'_> {
    fn diag(&mut self, file: &str, line: usize, level: Level, message: impl Into<String>) {
        self.diags.push(Diagnostic {
            file: file.to_string(),
            line: line.max(1),
            level,
            message: message.into(),
        });
    }

    fn error(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.diag(file, line, Level::Error, message);
    }

    fn rel(&self, path: &Path) -> String {
        display_path(&self.opts.repo_root, path)
    }

    fn lang_dir(&self, lang: Lang) -> PathBuf {
        self.opts.content_dir.join(lang.code())
    }

    fn collect_sources(&mut self) {
        for lang in Lang::ALL {
            let dir = self.lang_dir(lang);
            if !dir.is_dir() {
                let shown = self.rel(&dir);
                self.error(
                    &shown,
                    1,
                    format!("the {} content folder is missing", lang.native_name()),
                );
                continue;
            }
            let mut files = Vec::new();
            walk(&dir, &mut files);
            files.sort();
            for path in files {
                let file = self.rel(&path);
                let rel = display_path(&dir, &path);
                if rel == "SUMMARY.md" || !rel.ends_with(".md") {
                    continue;
                }
                let Some(route) = summary::route_path_for_file(&rel) else {
                    continue;
                };
                let text = match std::fs::read_to_string(&path) {
                    Ok(t) => t,
                    Err(e) => {
                        self.error(&file, 1, format!("cannot read the file: {e}"));
                        continue;
                    }
                };
                if let Some(&other) = self.index.get(&(lang, route.clone())) {
                    let other_file = self.sources[other].file.clone();
                    self.error(
                        &file,
                        1,
                        format!(
                            "this page and {other_file} both want the route `/{}/{route}/`",
                            lang.code()
                        ),
                    );
                    continue;
                }
                let (front, body_start, body_line) = match front_matter::parse(&text) {
                    Ok(parsed) => {
                        let start = text.len() - parsed.body.len();
                        (Some(parsed.front), start, parsed.body_line)
                    }
                    Err(errors) => {
                        for e in errors {
                            self.error(&file, e.line, e.message);
                        }
                        (None, text.len(), 1)
                    }
                };
                if let Some(front) = &front {
                    let wants_runbook = front_matter::expects_runbook(&route);
                    match (&front.runbook, wants_runbook) {
                        (None, true) => self.error(
                            &file,
                            1,
                            "pages under runbooks/ need a `runbook:` block (severity, alerts, components, time_to_mitigate)",
                        ),
                        (Some(_), false) => self.error(
                            &file,
                            front.runbook_line.unwrap_or(1),
                            "only pages under runbooks/ (other than runbooks/index.md) take a `runbook:` block",
                        ),
                        _ => {}
                    }
                    if lang == Lang::En && front.translated_from.is_some() {
                        self.error(
                            &file,
                            front.translated_from_line.unwrap_or(1),
                            "`translated_from` belongs on Russian pages: English pages are the originals",
                        );
                    }
                }
                let outline = if front.is_some() {
                    markdown::outline(text.get(body_start..).unwrap_or(""), body_line)
                } else {
                    Outline::default()
                };
                self.index.insert((lang, route.clone()), self.sources.len());
                self.sources.push(Source {
                    lang,
                    route,
                    file,
                    rel,
                    text,
                    front,
                    body_start,
                    body_line,
                    outline,
                });
            }
        }
    }

    fn summary(&mut self, lang: Lang) -> Option<Summary> {
        let path = self.lang_dir(lang).join("SUMMARY.md");
        let file = self.rel(&path);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(_) => {
                if self.lang_dir(lang).is_dir() {
                    self.error(
                        &file,
                        1,
                        "SUMMARY.md is missing: it orders the sidebar and lists every page",
                    );
                }
                return None;
            }
        };
        match summary::parse(&text) {
            Ok(s) => Some(s),
            Err(errors) => {
                for e in errors {
                    self.error(&file, e.line, e.message);
                }
                None
            }
        }
    }

    fn check_summaries(&mut self, summaries: &HashMap<Lang, Summary>) {
        for lang in Lang::ALL {
            let Some(s) = summaries.get(&lang) else {
                continue;
            };
            let summary_file = self.rel(&self.lang_dir(lang).join("SUMMARY.md"));
            for entry in &s.entries {
                let exists = self.index.contains_key(&(lang, entry.path.clone()))
                    || self.index.contains_key(&(lang.other(), entry.path.clone()));
                if !exists {
                    self.error(
                        &summary_file,
                        entry.line,
                        format!(
                            "`{}` does not exist in content/{}/ or content/{}/",
                            entry.target,
                            lang.code(),
                            lang.other().code()
                        ),
                    );
                }
            }
            let listed: HashSet<&str> = s.entries.iter().map(|e| e.path.as_str()).collect();
            let unlisted: Vec<String> = self
                .sources
                .iter()
                .filter(|src| src.lang == lang && !listed.contains(src.route.as_str()))
                .map(|src| src.file.clone())
                .collect();
            for file in unlisted {
                self.error(
                    &file,
                    1,
                    format!("this page is not listed in {summary_file}"),
                );
            }
        }
        if let (Some(en), Some(ru)) = (summaries.get(&Lang::En), summaries.get(&Lang::Ru)) {
            let ru_file = self.rel(&self.lang_dir(Lang::Ru).join("SUMMARY.md"));
            for e in summary::parity(en, ru) {
                self.error(&ru_file, e.line, e.message);
            }
        }
    }

    /// The state of every page that exists in its language (fallbacks are decided at render).
    fn translation_states(&mut self) -> HashMap<(Lang, String), Translation> {
        let mut states = HashMap::new();
        let mut errors = Vec::new();
        for src in &self.sources {
            let state = if src.lang == Lang::En {
                Translation::Original
            } else {
                let english = self
                    .index
                    .get(&(Lang::En, src.route.clone()))
                    .map(|&i| &self.sources[i]);
                let stamp = src.front.as_ref().and_then(|f| f.translated_from.clone());
                match (english, stamp) {
                    (Some(en), Some(hash)) if hash == translation_hash(&en.text) => {
                        Translation::Current
                    }
                    (Some(_), Some(_)) => Translation::Stale,
                    (Some(_), None) => Translation::Untracked,
                    (None, Some(_)) => {
                        let line = src
                            .front
                            .as_ref()
                            .and_then(|f| f.translated_from_line)
                            .unwrap_or(1);
                        errors.push((
                            src.file.clone(),
                            line,
                            format!("`translated_from` is set but there is no English page content/en/{}", src.rel),
                        ));
                        Translation::Original
                    }
                    (None, None) => Translation::Original,
                }
            };
            states.insert((src.lang, src.route.clone()), state);
        }
        for (file, line, message) in errors {
            self.error(&file, line, message);
        }
        states
    }

    /// EN and RU skeletons match. A mismatch is an error on a page stamped as current (the
    /// stamp claims a full translation), a warning while a translation is in progress.
    fn check_structure(&mut self, states: &HashMap<(Lang, String), Translation>) {
        let mut found = Vec::new();
        for src in self
            .sources
            .iter()
            .filter(|s| s.lang == Lang::Ru && s.front.is_some())
        {
            let Some(&en) = self.index.get(&(Lang::En, src.route.clone())) else {
                continue;
            };
            let en = &self.sources[en];
            if en.front.is_none() {
                continue;
            }
            let level = match states.get(&(Lang::Ru, src.route.clone())) {
                Some(Translation::Current) => Level::Error,
                _ => Level::Warning,
            };
            for f in lint::structure_mismatch(&en.outline, &src.outline, level) {
                found.push((
                    src.file.clone(),
                    f.line,
                    f.level,
                    format!("{} ({})", f.message, en.file),
                ));
            }
        }
        for (file, line, level, message) in found {
            self.diag(&file, line, level, message);
        }
    }

    fn render_lang(
        &mut self,
        lang: Lang,
        summary: Option<&Summary>,
        states: &HashMap<(Lang, String), Translation>,
        dates: &HashMap<String, String>,
    ) -> Vec<Page> {
        // SUMMARY order first, then anything unlisted (already an error) in a stable order.
        let mut routes: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        if let Some(s) = summary {
            for e in &s.entries {
                if seen.insert(e.path.clone()) {
                    routes.push(e.path.clone());
                }
            }
        }
        let mut rest: Vec<String> = self
            .sources
            .iter()
            .map(|s| s.route.clone())
            .filter(|r| !seen.contains(r))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        routes.append(&mut rest);

        let pages_info: HashMap<(Lang, String), PageInfo> = self
            .sources
            .iter()
            .map(|s| {
                let anchors = s
                    .front
                    .as_ref()
                    .map(|_| s.outline.headings.iter().map(|h| h.id.clone()).collect());
                (
                    (s.lang, s.route.clone()),
                    PageInfo {
                        file: s.file.clone(),
                        anchors,
                    },
                )
            })
            .collect();

        let mut pages = Vec::new();
        let mut new_diags = Vec::new();
        for route in routes {
            let (idx, fallback) = match self.index.get(&(lang, route.clone())) {
                Some(&i) => (i, false),
                None => match self.index.get(&(lang.other(), route.clone())) {
                    Some(&i) => (i, true),
                    None => continue,
                },
            };
            let src = &self.sources[idx];
            let Some(front) = &src.front else { continue };
            let links = SiteLinks {
                base: &self.opts.base,
                lang,
                fallback,
                pages: &pages_info,
                public_dir: self.opts.repo_root.join("public"),
            };
            let rendered = markdown::render(
                src.body(),
                &RenderOptions {
                    lang,
                    page_dir: src.dir(),
                    links: &links,
                    code: &Syntect,
                    first_line: src.body_line,
                },
            );
            // A fallback renders a source already checked in its own language.
            if !fallback {
                for p in &rendered.problems {
                    new_diags.push(Diagnostic {
                        file: src.file.clone(),
                        line: p.line,
                        level: Level::Error,
                        message: p.message.clone(),
                    });
                }
                for f in lint::check_page(src.lang, &src.route, &rendered.outline) {
                    new_diags.push(Diagnostic {
                        file: src.file.clone(),
                        line: f.line,
                        level: f.level,
                        message: f.message,
                    });
                }
            }
            let mut sections = rendered.sections;
            if let Some(first) = sections.first_mut()
                && first.id.is_empty()
            {
                first.heading = front.title.clone();
            }
            let translation = if fallback {
                Translation::Fallback { from: src.lang }
            } else {
                states
                    .get(&(lang, route.clone()))
                    .copied()
                    .unwrap_or(Translation::Original)
            };
            pages.push(Page {
                lang,
                path: route,
                source: src.file.clone(),
                title: front.title.clone(),
                description: front.description.clone(),
                runbook: front.runbook.clone(),
                headings: rendered.headings,
                sections,
                html: rendered.html,
                translation,
                last_updated: dates.get(&src.file).cloned(),
            });
        }
        self.diags.append(&mut new_diags);
        pages
    }
}

struct PageInfo {
    file: String,
    /// `None` for a page whose front matter failed: its anchors are unknown, so not checked.
    anchors: Option<HashSet<String>>,
}

struct SiteLinks<'a> {
    base: &'a str,
    lang: Lang,
    fallback: bool,
    pages: &'a HashMap<(Lang, String), PageInfo>,
    public_dir: PathBuf,
}

impl LinkResolver for SiteLinks<'_> {
    fn page(&self, route_path: &str, anchor: Option<&str>) -> Result<String, String> {
        let key = (self.lang, route_path.to_string());
        let other = (self.lang.other(), route_path.to_string());
        let Some(info) = self.pages.get(&key).or_else(|| self.pages.get(&other)) else {
            return Err(format!(
                "no such page in content/{}/ or content/{}/",
                self.lang.code(),
                self.lang.other().code()
            ));
        };
        let mut href = crate::model::route(self.base, self.lang, route_path);
        if let Some(anchor) = anchor {
            match &info.anchors {
                Some(ids) if !ids.contains(anchor) => {
                    // Text shown as a fallback links by the other language's anchors: go to
                    // the page's top rather than to a fragment that is not there.
                    if !self.fallback {
                        return Err(format!("{} has no heading with id `{anchor}`", info.file));
                    }
                }
                _ => {
                    href.push('#');
                    href.push_str(anchor);
                }
            }
        }
        Ok(href)
    }

    fn root(&self, path: &str) -> String {
        root_under_base(self.base, path)
    }

    fn image(&self, path: &str) -> Result<String, String> {
        let file = self.public_dir.join(path.trim_start_matches('/'));
        if file.is_file() {
            Ok(self.root(path))
        } else {
            Err(format!("there is no file public{path}"))
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}
