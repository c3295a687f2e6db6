//! Compiles the `content/` tree into the page model: every page of both languages, checked,
//! rendered, with navigation, translation states and last-updated dates.
//!
//! Two passes: the first parses front matter and collects every page's heading ids, the second
//! renders, so a link to any page or anchor in the tree can be checked. Every problem in the
//! tree is collected (not only the first), each as `file:line: message`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
#[cfg(test)]
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::front_matter::{self, FrontMatter};
use crate::highlight::Syntect;
use crate::lint::{self, Outline};
use crate::markdown::{self, AnyPage, Highlighter, LinkResolver, RenderOptions, root_under_base};
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
    /// Pages produced from data rather than written by hand (the preset pages). They go through
    /// the same pipeline as files: checked, rendered, and listed in SUMMARY.md like any page.
    pub generated: Vec<GeneratedPage>,
}

/// One page produced by code: its markdown as if it were the file `content/<lang>/<path>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedPage {
    pub lang: Lang,
    /// Relative to the language folder, like a file: "presets/minimal-local.md".
    pub path: String,
    /// The repo-relative file a reader should edit to change the page (`Page::source`).
    pub source: String,
    /// Front matter and body, exactly as a hand-written page.
    pub markdown: String,
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
        // Generated pages date from the data they are made of (e.g. a preset file).
        let mut specs = vec![display_path(&opts.repo_root, &opts.content_dir)];
        for g in &opts.generated {
            if !specs.contains(&g.source) {
                specs.push(g.source.clone());
            }
        }
        git::last_commit_dates(&opts.repo_root, &specs)
    } else {
        HashMap::new()
    };

    // Highlighting dominates the build, and nearly every code block appears in both languages:
    // highlight each distinct block once, spread over the cores, then render (cheap) per language.
    let code = Prehighlighted::new(&b.sources);
    let rendered: Vec<(Vec<Page>, Vec<Diagnostic>)> = Lang::ALL
        .iter()
        .map(|&lang| b.render_lang(lang, summaries.get(&lang), &states, &dates, &code))
        .collect();
    let mut langs = Vec::new();
    for (lang, (pages, mut diags)) in Lang::ALL.into_iter().zip(rendered) {
        b.diags.append(&mut diags);
        langs.push(LangSite {
            lang,
            nav: summaries
                .get(&lang)
                .map(|s| s.nav.clone())
                .unwrap_or_default(),
            pages,
        });
    }

    let diags = tidy(b.diags);
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
/// `rel_path` as in [`markdown::check_text`].
pub fn check_standalone(file: &str, text: &str, lang: Lang, rel_path: &str) -> Vec<Diagnostic> {
    let links = AnyPage {
        base: "/".into(),
        lang,
    };
    let diags: Vec<Diagnostic> = markdown::check_text(lang, rel_path, text, &links, &Syntect)
        .into_iter()
        .map(|f| Diagnostic {
            file: file.to_string(),
            line: f.line,
            level: f.level,
            message: f.message,
        })
        .collect();
    tidy(diags)
}

/// Sorted by file and line, duplicates dropped; findings on one line keep the order the
/// rules produced them in (a runbook's missing sections in template order, not alphabetical).
fn tidy(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    let mut out: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| seen.insert(d.clone()))
        .collect();
    out.sort_by(|a, b| (&a.file, a.line, a.level).cmp(&(&b.file, b.line, b.level)));
    out
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
    /// For a generated page, the data file it comes from (shown as `Page::source`).
    generated_from: Option<String>,
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
                    format!(
                        "the folder for {} pages is missing (with its SUMMARY.md)",
                        lang.native_name()
                    ),
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
                let text = match std::fs::read_to_string(&path) {
                    Ok(t) => t,
                    Err(e) => {
                        self.error(&file, 1, format!("cannot read the file: {e}"));
                        continue;
                    }
                };
                self.add_source(lang, file, rel, text, None);
            }
            for g in self.opts.generated.iter().filter(|g| g.lang == lang) {
                let file = format!(
                    "{}/{}/{} (generated from {})",
                    self.rel(&self.opts.content_dir),
                    lang.code(),
                    g.path,
                    g.source
                );
                self.add_source(
                    lang,
                    file,
                    g.path.clone(),
                    g.markdown.clone(),
                    Some(g.source.clone()),
                );
            }
        }
    }

    /// Parse one page (a file or a generated page) and register its route.
    fn add_source(
        &mut self,
        lang: Lang,
        file: String,
        rel: String,
        text: String,
        generated_from: Option<String>,
    ) {
        let Some(route) = summary::route_path_for_file(&rel) else {
            if generated_from.is_some() {
                self.error(&file, 1, format!("`{rel}` is not a page path"));
            }
            return;
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
            return;
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
            for f in lint::front_matter_rules(lang, &route, front) {
                self.diag(&file, f.line, f.level, f.message);
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
            generated_from,
            front,
            body_start,
            body_line,
            outline,
        });
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
            } else if src.generated_from.is_some() {
                // Both languages come from the same data in one run: never behind the English.
                Translation::Current
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

    /// Render every route of one language.
    fn render_lang(
        &self,
        lang: Lang,
        summary: Option<&Summary>,
        states: &HashMap<(Lang, String), Translation>,
        dates: &HashMap<String, String>,
        code: &Prehighlighted,
    ) -> (Vec<Page>, Vec<Diagnostic>) {
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
                    code,
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
                source: src
                    .generated_from
                    .clone()
                    .unwrap_or_else(|| src.file.clone()),
                title: front.title.clone(),
                description: front.description.clone(),
                runbook: front.runbook.clone(),
                headings: rendered.headings,
                sections,
                html: rendered.html,
                translation,
                last_updated: dates
                    .get(src.generated_from.as_ref().unwrap_or(&src.file))
                    .cloned(),
            });
        }
        (pages, new_diags)
    }
}

/// Every distinct code block of the tree, highlighted once, in parallel.
struct Prehighlighted {
    done: HashMap<(String, String), Result<String, String>>,
}

impl Prehighlighted {
    fn new(sources: &[Source]) -> Self {
        let unique: BTreeSet<(String, String)> = sources
            .iter()
            .filter(|s| s.front.is_some())
            .flat_map(|s| &s.outline.code_blocks)
            .map(|c| {
                let lang = c.lang.clone().unwrap_or_else(|| "text".to_string());
                (lang, c.code.clone())
            })
            .collect();
        let unique: Vec<(String, String)> = unique.into_iter().collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 4);
        let chunk = unique.len().div_ceil(threads).max(1);
        let done = std::thread::scope(|scope| {
            let handles: Vec<_> = unique
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(lang, code)| {
                                ((lang.clone(), code.clone()), Syntect.highlight(lang, code))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        Prehighlighted { done }
    }
}

impl Highlighter for Prehighlighted {
    fn highlight(&self, lang: &str, code: &str) -> Result<String, String> {
        match self.done.get(&(lang.to_string(), code.to_string())) {
            Some(result) => result.clone(),
            None => Syntect.highlight(lang, code),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn fixture_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/content/site")
    }

    /// A private copy of the fixture tree, to break one thing at a time.
    struct Tree(PathBuf);

    impl Tree {
        fn fixture() -> Tree {
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "content-build-test-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            let _ = std::fs::remove_dir_all(&dir);
            copy_dir(&fixture_dir(), &dir);
            Tree(dir)
        }

        fn write(&self, rel: &str, text: &str) {
            let path = self.0.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }

        fn read(&self, rel: &str) -> String {
            std::fs::read_to_string(self.0.join(rel)).expect("read")
        }

        fn edit(&self, rel: &str, from: &str, to: &str) {
            let text = self.read(rel);
            assert!(text.contains(from), "{rel} does not contain {from:?}");
            self.write(rel, &text.replacen(from, to, 1));
        }

        fn remove(&self, rel: &str) {
            std::fs::remove_file(self.0.join(rel)).expect("remove");
        }

        fn opts(&self, base: &str) -> BuildOptions {
            BuildOptions {
                content_dir: self.0.join("content"),
                repo_root: self.0.clone(),
                base: base.into(),
                git_dates: false,
                generated: Vec::new(),
            }
        }

        fn errors(&self) -> Vec<String> {
            match compile_site(&self.opts("/")) {
                Ok(_) => Vec::new(),
                Err(e) => e.errors.iter().map(ToString::to_string).collect(),
            }
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }

    fn has(errors: &[String], needle: &str) -> bool {
        errors.iter().any(|e| e.contains(needle))
    }

    fn site() -> Site {
        let tree = Tree::fixture();
        compile_site(&tree.opts("/spark_k8s/"))
            .unwrap_or_else(|e| panic!("fixture must build:\n{e}"))
    }

    #[test]
    fn the_fixture_builds_without_errors_or_warnings() {
        let site = site();
        assert!(site.warnings.is_empty(), "{:?}", site.warnings);
        assert_eq!(
            site.langs.iter().map(|l| l.lang).collect::<Vec<_>>(),
            Lang::ALL.to_vec()
        );
        for l in &site.langs {
            let paths: Vec<&str> = l.pages.iter().map(|p| p.path.as_str()).collect();
            assert_eq!(
                paths,
                vec![
                    "",
                    "only-en",
                    "only-ru",
                    "guides/sizing",
                    "runbooks",
                    "runbooks/executor-oom"
                ]
            );
        }
    }

    #[test]
    fn translation_states_are_detected() {
        let site = site();
        let state = |lang: Lang, path: &str| {
            site.lang(lang)
                .and_then(|l| l.page(path))
                .map(|p| p.translation)
                .unwrap_or_else(|| panic!("{lang:?} {path}"))
        };
        assert_eq!(state(Lang::En, ""), Translation::Original);
        assert_eq!(
            state(Lang::En, "only-ru"),
            Translation::Fallback { from: Lang::Ru }
        );
        assert_eq!(state(Lang::Ru, ""), Translation::Current);
        assert_eq!(
            state(Lang::Ru, "runbooks/executor-oom"),
            Translation::Current
        );
        assert_eq!(state(Lang::Ru, "guides/sizing"), Translation::Stale);
        assert_eq!(state(Lang::Ru, "runbooks"), Translation::Untracked);
        assert_eq!(
            state(Lang::Ru, "only-en"),
            Translation::Fallback { from: Lang::En }
        );
        assert_eq!(state(Lang::Ru, "only-ru"), Translation::Original);
    }

    #[test]
    fn a_changed_english_page_makes_its_translation_stale() {
        let tree = Tree::fixture();
        tree.edit(
            "content/en/index.md",
            "Platform teams",
            "Platform and SRE teams",
        );
        let site = compile_site(&tree.opts("/")).expect("builds");
        let ru = site
            .lang(Lang::Ru)
            .and_then(|l| l.page(""))
            .expect("ru index");
        assert_eq!(ru.translation, Translation::Stale);
    }

    #[test]
    fn fallback_pages_use_the_other_source_with_this_language_links_and_labels() {
        let site = site();
        let ru = site.lang(Lang::Ru).expect("ru");
        let page = ru.page("only-en").expect("fallback page");
        assert_eq!(page.source, "content/en/only-en.md");
        assert_eq!(page.title, "English only");
        // The RU sizing page has no #worked-example: the fallback links to the page top.
        assert!(
            page.html.contains("href=\"/spark_k8s/ru/guides/sizing/\""),
            "{}",
            page.html
        );
        assert!(page.html.contains("href=\"#details\""));
        let en = site.lang(Lang::En).expect("en");
        let page = en.page("only-en").expect("page");
        assert!(
            page.html
                .contains("href=\"/spark_k8s/en/guides/sizing/#worked-example\""),
            "{}",
            page.html
        );
        let sizing_ru = ru.page("guides/sizing").expect("ru sizing");
        assert!(
            sizing_ru
                .html
                .contains("<p class=\"admonition-title\">Опасно</p>")
        );
        assert!(sizing_ru.html.contains(">Копировать</button>"));
        let sizing_en = en.page("guides/sizing").expect("en sizing");
        assert!(sizing_en.html.contains(">Copy</button>"));
        assert!(
            sizing_en
                .html
                .contains("<span class=\"code-title\">values.yaml</span>")
        );
        assert!(
            sizing_en.html.contains("<span class=\"tp\">spark</span>"),
            "{}",
            sizing_en.html
        );
    }

    #[test]
    fn page_model_fields() {
        let site = site();
        let ru = site.lang(Lang::Ru).expect("ru");
        let index = ru.page("").expect("index");
        assert_eq!(index.route("/spark_k8s/"), "/spark_k8s/ru/");
        assert_eq!(index.source, "content/ru/index.md");
        let ids: Vec<&str> = index.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, vec!["dlya-kogo-eto", "dlya-kogo-eto-2"]);
        assert_eq!(index.sections[0].heading, "Зачем spark_k8s");
        assert!(index.html.contains(
            "<img src=\"/spark_k8s/img/arch.svg\" alt=\"Архитектура\" loading=\"lazy\">"
        ));
        assert!(!index.html.contains("<h1"));
        let rb = ru.page("runbooks/executor-oom").expect("runbook");
        let meta = rb.runbook.as_ref().expect("runbook meta");
        assert_eq!(meta.alerts, vec!["SparkExecutorOOMKilled"]);
        assert!(ru.page("runbooks").expect("index").runbook.is_none());
        assert_eq!(ru.nav.len(), 3);
        assert_eq!(ru.nav[0].title, "С чего начать");
        assert_eq!(ru.nav[2].items[0].children[0].path, "runbooks/executor-oom");
        assert!(index.last_updated.is_none(), "git dates are off");
    }

    #[test]
    fn broken_links_and_anchors_fail_with_file_and_line() {
        let tree = Tree::fixture();
        tree.edit(
            "content/en/guides/sizing.md",
            "Back to [the start](../index.md#who-it-is-for).",
            "Back to [the start](../index.md#nobody).\n\nAnd [gone](../gone.md).",
        );
        let errors = tree.errors();
        assert!(
            has(
                &errors,
                "content/en/guides/sizing.md:6: broken link `../index.md#nobody`: content/en/index.md has no heading with id `nobody`"
            ),
            "{errors:#?}"
        );
        assert!(
            has(
                &errors,
                "content/en/guides/sizing.md:8: broken link `../gone.md`: no such page"
            ),
            "{errors:#?}"
        );
        assert_eq!(errors.len(), 2, "{errors:#?}");
    }

    #[test]
    fn summary_and_pages_must_agree() {
        let tree = Tree::fixture();
        tree.write(
            "content/en/extra.md",
            "---\ntitle: Extra\ndescription: Not in the summary.\n---\n\nText.\n",
        );
        tree.edit(
            "content/en/SUMMARY.md",
            "- [Sizing](guides/sizing.md)",
            "- [Sizing](guides/sizing.md)\n- [Missing](guides/missing.md)",
        );
        let errors = tree.errors();
        assert!(
            has(
                &errors,
                "content/en/extra.md:1: this page is not listed in content/en/SUMMARY.md"
            ),
            "{errors:#?}"
        );
        assert!(
            has(
                &errors,
                "content/en/SUMMARY.md:10: `guides/missing.md` does not exist"
            ),
            "{errors:#?}"
        );
        assert!(
            has(&errors, "content/ru/SUMMARY.md:12: SUMMARY order differs"),
            "{errors:#?}"
        );
    }

    #[test]
    fn parity_of_order_is_checked() {
        let tree = Tree::fixture();
        tree.edit(
            "content/ru/SUMMARY.md",
            "- [Только по-английски](only-en.md)\n- [Только по-русски](only-ru.md)",
            "- [Только по-русски](only-ru.md)\n- [Только по-английски](only-en.md)",
        );
        let errors = tree.errors();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(
            errors[0].starts_with("content/ru/SUMMARY.md:5: SUMMARY order differs"),
            "{errors:#?}"
        );
    }

    #[test]
    fn front_matter_errors_carry_file_and_line() {
        let tree = Tree::fixture();
        tree.edit(
            "content/en/only-en.md",
            "description: A page",
            "summary: x\ndescription: A page",
        );
        tree.edit(
            "content/en/guides/sizing.md",
            "title: Sizing executors\n",
            "",
        );
        let errors = tree.errors();
        assert!(
            has(
                &errors,
                "content/en/only-en.md:3: unknown front matter key `summary`"
            ),
            "{errors:#?}"
        );
        assert!(
            has(
                &errors,
                "content/en/guides/sizing.md:1: front matter needs a non-empty `title`"
            ),
            "{errors:#?}"
        );
    }

    #[test]
    fn runbook_rules() {
        let tree = Tree::fixture();
        tree.edit(
            "content/en/runbooks/executor-oom.md",
            "## Mitigation\n",
            "## Workaround\n",
        );
        tree.edit("content/ru/runbooks/executor-oom.md", "runbook:\n  severity: critical\n  alerts: [SparkExecutorOOMKilled]\n  components: [executor]\n  time_to_mitigate: 15m\n", "");
        tree.edit("content/en/only-en.md", "description: A page that has no Russian translation yet.\n", "description: A page that has no Russian translation yet.\nrunbook:\n  severity: info\n  alerts: []\n  components: [x]\n  time_to_mitigate: 1h\n");
        let errors = tree.errors();
        assert!(
            has(
                &errors,
                "content/en/runbooks/executor-oom.md:29: runbook is missing the `## Mitigation` section"
            ),
            "{errors:#?}"
        );
        assert!(
            has(
                &errors,
                "content/ru/runbooks/executor-oom.md:1: pages under runbooks/ need a `runbook:` block"
            ),
            "{errors:#?}"
        );
        assert!(
            has(
                &errors,
                "content/en/only-en.md:4: only pages under runbooks/"
            ),
            "{errors:#?}"
        );
    }

    #[test]
    fn a_current_translation_with_a_different_structure_is_an_error_a_stale_one_a_warning() {
        let tree = Tree::fixture();
        tree.edit(
            "content/ru/index.md",
            "## Для кого это\n\nТот же",
            "### Для кого это\n\nТот же",
        );
        tree.edit("content/ru/guides/sizing.md", "### Чек-лист", "## Чек-лист");
        let (_, diags) = check_site(&tree.opts("/"));
        let find = |file: &str| {
            diags
                .iter()
                .find(|d| d.file == file && d.message.contains("structure differs"))
        };
        assert_eq!(
            find("content/ru/index.md").map(|d| (d.line, d.level)),
            Some((15, Level::Error)),
            "{diags:#?}"
        );
        assert_eq!(
            find("content/ru/guides/sizing.md").map(|d| d.level),
            Some(Level::Warning),
            "{diags:#?}"
        );
    }

    #[test]
    fn code_images_and_yaml_problems() {
        let tree = Tree::fixture();
        tree.edit("content/en/guides/sizing.md", "```bash\n", "```klingon\n");
        tree.edit(
            "content/en/guides/sizing.md",
            "    instances: 3\n",
            "    instances: [3\n",
        );
        tree.edit(
            "content/en/index.md",
            "![Architecture](/img/arch.svg)",
            "![Architecture](/img/missing.svg) ![](/img/arch.svg)\n\n```\nno language\n```",
        );
        let (_, diags) = check_site(&tree.opts("/"));
        let shown: Vec<String> = diags
            .iter()
            .map(|d| format!("{}:{}: {}: {}", d.file, d.line, d.level.as_str(), d.message))
            .collect();
        assert!(
            has(
                &shown,
                "content/en/guides/sizing.md:17: error: unknown code block language `klingon`"
            ),
            "{shown:#?}"
        );
        assert!(
            has(
                &shown,
                "content/en/guides/sizing.md:15: error: YAML code block does not parse"
            ),
            "{shown:#?}"
        );
        assert!(
            has(
                &shown,
                "content/en/index.md:8: error: broken image `/img/missing.svg`: there is no file public/img/missing.svg"
            ),
            "{shown:#?}"
        );
        assert!(
            has(
                &shown,
                "content/en/index.md:8: error: image `/img/arch.svg` has no alt text"
            ),
            "{shown:#?}"
        );
        assert!(
            has(
                &shown,
                "content/en/index.md:10: warning: code block without a language"
            ),
            "{shown:#?}"
        );
    }

    #[test]
    fn translated_from_without_an_english_page_is_an_error() {
        let tree = Tree::fixture();
        tree.edit(
            "content/ru/only-ru.md",
            "---\ntitle:",
            "---\ntranslated_from: 0123456789ab\ntitle:",
        );
        let errors = tree.errors();
        assert!(
            has(
                &errors,
                "content/ru/only-ru.md:2: `translated_from` is set but there is no English page"
            ),
            "{errors:#?}"
        );
    }

    #[test]
    fn errors_display_one_per_line_and_all_are_collected() {
        let tree = Tree::fixture();
        tree.write("content/en/guides/sizing.md", "no front matter\n");
        tree.remove("content/ru/SUMMARY.md");
        let err = compile_site(&tree.opts("/")).expect_err("fails");
        let text = err.to_string();
        assert!(text.lines().count() >= 2, "{text}");
        assert!(
            text.contains("content/en/guides/sizing.md:1: missing front matter"),
            "{text}"
        );
        assert!(
            text.contains("content/ru/SUMMARY.md:1: SUMMARY.md is missing"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_language_folder_is_one_clear_error() {
        let tree = Tree::fixture();
        std::fs::remove_dir_all(tree.0.join("content/ru")).expect("remove ru");
        let errors = tree.errors();
        assert!(
            has(
                &errors,
                "content/ru:1: the folder for Русский pages is missing"
            ),
            "{errors:#?}"
        );
        assert!(!has(&errors, "SUMMARY.md is missing"), "{errors:#?}");
    }

    fn generated(lang: Lang, path: &str, body: &str) -> GeneratedPage {
        GeneratedPage {
            lang,
            path: path.into(),
            source: "presets/demo.yaml".into(),
            markdown: format!(
                "---\ntitle: Demo {}\ndescription: A page made from data.\n---\n\n{body}\n",
                lang.code()
            ),
        }
    }

    fn with_generated(tree: &Tree, pages: Vec<GeneratedPage>) -> Result<Site, Vec<String>> {
        let mut opts = tree.opts("/");
        opts.generated = pages;
        compile_site(&opts).map_err(|e| e.errors.iter().map(ToString::to_string).collect())
    }

    fn list_demo(tree: &Tree) {
        for (lang, section) in [("en", "## Guides"), ("ru", "## Руководства")] {
            tree.edit(
                &format!("content/{lang}/SUMMARY.md"),
                section,
                &format!("## Demo\n- [Demo](presets/demo.md)\n\n{section}"),
            );
        }
    }

    #[test]
    fn generated_pages_go_through_the_same_pipeline() {
        let tree = Tree::fixture();
        list_demo(&tree);
        let body = "## Sizing\n\nSee [sizing](../guides/sizing.md).\n\n```bash\nkubectl -n <namespace> get pods\n```";
        let site = with_generated(
            &tree,
            vec![
                generated(Lang::En, "presets/demo.md", body),
                generated(Lang::Ru, "presets/demo.md", body),
            ],
        )
        .unwrap_or_else(|e| panic!("{e:#?}"));
        for l in &site.langs {
            let page = l
                .pages
                .iter()
                .find(|p| p.path == "presets/demo")
                .expect("the generated page is served");
            assert_eq!(page.source, "presets/demo.yaml");
            assert!(
                page.html
                    .contains(&format!("href=\"/{}/guides/sizing/\"", l.lang.code())),
                "{}",
                page.html
            );
            assert!(page.html.contains("data-ph=\"namespace\""), "{}", page.html);
            let expected = match l.lang {
                Lang::En => Translation::Original,
                Lang::Ru => Translation::Current,
            };
            assert_eq!(page.translation, expected);
            assert_eq!(l.nav[1].title, "Demo");
        }
    }

    #[test]
    fn generated_pages_are_checked_like_files() {
        let tree = Tree::fixture();
        // Not listed in SUMMARY.md, a broken link, and a route a file already has.
        let errors = with_generated(
            &tree,
            vec![
                generated(Lang::En, "presets/demo.md", "See [nothing](../gone.md)."),
                generated(Lang::En, "guides/sizing.md", "Twice."),
            ],
        )
        .err()
        .unwrap_or_default();
        let file = "content/en/presets/demo.md (generated from presets/demo.yaml)";
        assert!(
            has(&errors, &format!("{file}:1: this page is not listed in")),
            "{errors:#?}"
        );
        assert!(
            has(&errors, &format!("{file}:6: broken link `../gone.md`")),
            "{errors:#?}"
        );
        assert!(
            has(
                &errors,
                "content/en/guides/sizing.md (generated from presets/demo.yaml):1: this page and content/en/guides/sizing.md both want the route"
            ),
            "{errors:#?}"
        );
    }

    #[test]
    fn the_hash_ignores_line_endings() {
        assert_eq!(translation_hash("a\nb\n"), translation_hash("a\r\nb\r\n"));
        assert_eq!(translation_hash("a\nb\n").len(), 12);
        assert_ne!(translation_hash("a"), translation_hash("b"));
    }

    #[test]
    fn last_updated_comes_from_one_git_walk() {
        if Command::new("git").arg("--version").output().is_err() {
            eprintln!("git is not installed: skipped");
            return;
        }
        let tree = Tree::fixture();
        let git = |args: &[&str]| {
            let out = Command::new("git")
                .arg("-C")
                .arg(&tree.0)
                .args(args)
                .env("GIT_AUTHOR_DATE", "2025-03-04T10:00:00Z")
                .env("GIT_COMMITTER_DATE", "2025-03-04T10:00:00Z")
                .env("GIT_AUTHOR_NAME", "t")
                .env("GIT_AUTHOR_EMAIL", "t@example.com")
                .env("GIT_COMMITTER_NAME", "t")
                .env("GIT_COMMITTER_EMAIL", "t@example.com")
                .output()
                .expect("git runs");
            assert!(
                out.status.success(),
                "git {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        git(&["init", "-q"]);
        git(&["add", "content/en/index.md"]);
        tree.write("presets/demo.yaml", "id: demo\n");
        git(&["add", "presets/demo.yaml"]);
        git(&["commit", "-q", "-m", "one page and one preset"]);
        list_demo(&tree);
        let mut opts = tree.opts("/");
        opts.git_dates = true;
        opts.generated = vec![
            generated(Lang::En, "presets/demo.md", "Made from data."),
            generated(Lang::Ru, "presets/demo.md", "Made from data."),
        ];
        let site = compile_site(&opts).unwrap_or_else(|e| panic!("{:#?}", e.errors));
        let en = site.lang(Lang::En).expect("en");
        assert_eq!(
            en.page("presets/demo")
                .and_then(|p| p.last_updated.clone())
                .as_deref(),
            Some("2025-03-04"),
            "a generated page dates from its data file"
        );
        assert_eq!(
            en.page("").and_then(|p| p.last_updated.clone()).as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(
            en.page("guides/sizing")
                .and_then(|p| p.last_updated.clone()),
            None
        );
    }
}
