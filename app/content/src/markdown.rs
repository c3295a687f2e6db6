//! The one markdown renderer: pulldown-cmark events rewritten into the site's article HTML.
//!
//! Used by the static build and, later, by the in-browser previewer on text nobody reviewed, so
//! it never passes raw HTML through and never emits a script-capable URL. What differs between
//! those callers (which pages exist, how code is highlighted) comes in through [`LinkResolver`]
//! and [`Highlighter`].

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options,
    Parser, Tag, TagEnd,
};

use crate::Lang;
use crate::i18n::ui;
use crate::lint::{CodeBlockInfo, Outline, OutlineHeading};
use crate::model::{Heading, Section};
use crate::slug::Slugger;

/// The markdown dialect of every page: CommonMark plus tables, task lists, strikethrough,
/// footnotes and GitHub alerts. Heading attributes and smart punctuation stay off, so what an
/// author types is what readers see.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
}

/// Turns code into the inner HTML of `<code>`.
pub trait Highlighter {
    /// `lang` is the info string's language, lower case. `Err` names what is wrong (an
    /// unknown language); the renderer then shows the code unhighlighted and reports it.
    fn highlight(&self, lang: &str, code: &str) -> Result<String, String>;
}

/// No highlighting, any language accepted: escaping only.
pub struct PlainCode;

impl Highlighter for PlainCode {
    fn highlight(&self, _lang: &str, code: &str) -> Result<String, String> {
        Ok(escape_code(code))
    }
}

/// Placeholders in code, `<namespace>`, `<release>`, `<kube-context>`: byte ranges in `text`.
/// A lower-case letter first, then letters, digits, `-` and `_`, so `<<EOF` and `List<String>`
/// are not placeholders.
pub fn placeholder_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase) {
            let mut j = i + 2;
            while j < bytes.len()
                && (bytes[j].is_ascii_lowercase()
                    || bytes[j].is_ascii_digit()
                    || matches!(bytes[j], b'-' | b'_'))
            {
                j += 1;
            }
            if bytes.get(j) == Some(&b'>') {
                out.push(i..j + 1);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// One placeholder as markup: a single element, never split by highlighting, so the browser
/// can put the reader's own value (their namespace, their release) in its place.
pub fn placeholder_html(placeholder: &str) -> String {
    let name = placeholder.trim_start_matches('<').trim_end_matches('>');
    format!(
        "<span class=\"ph\" data-ph=\"{}\">{}</span>",
        escape_html(name),
        escape_html(placeholder)
    )
}

/// Unhighlighted code: escaped, placeholders marked.
pub fn escape_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 16);
    let mut pos = 0;
    for r in placeholder_ranges(code) {
        out.push_str(&escape_html(&code[pos..r.start]));
        out.push_str(&placeholder_html(&code[r.clone()]));
        pos = r.end;
    }
    out.push_str(&escape_html(&code[pos..]));
    out
}

/// Knows which pages and anchors exist and what their URLs are.
pub trait LinkResolver {
    /// `route_path` is the target page in the current language (as `Page::path`), `anchor`
    /// the fragment without `#`. `Ok(href)` or `Err(why the link is broken)`.
    fn page(&self, route_path: &str, anchor: Option<&str>) -> Result<String, String>;
    /// A root-absolute link (`/img/x.svg`, `/ru/composer/`): the URL under the site's base.
    fn root(&self, path: &str) -> String;
    /// A root-absolute image: its URL, or why it cannot be shown (missing file).
    fn image(&self, path: &str) -> Result<String, String> {
        Ok(self.root(path))
    }
}

/// Every page exists and nothing is checked: for text rendered outside the site's tree.
pub struct AnyPage {
    pub base: String,
    pub lang: Lang,
}

impl LinkResolver for AnyPage {
    fn page(&self, route_path: &str, anchor: Option<&str>) -> Result<String, String> {
        let mut href = crate::model::route(&self.base, self.lang, route_path);
        if let Some(a) = anchor {
            href.push('#');
            href.push_str(a);
        }
        Ok(href)
    }

    fn root(&self, path: &str) -> String {
        root_under_base(&self.base, path)
    }
}

/// `/img/x.svg` under base `/spark_k8s/` → `/spark_k8s/img/x.svg`.
pub fn root_under_base(base: &str, path: &str) -> String {
    let base = crate::model::normalize_base(base);
    format!("{base}{}", path.trim_start_matches('/'))
}

pub struct RenderOptions<'a> {
    /// The language of the site the page is shown in: labels and link targets.
    pub lang: Lang,
    /// Directory of the source file under its language folder ("" or "guides"), for
    /// resolving relative links.
    pub page_dir: &'a str,
    pub links: &'a dyn LinkResolver,
    pub code: &'a dyn Highlighter,
    /// Line of the body's first line in the file (after the front matter).
    pub first_line: usize,
}

/// Something wrong in the markdown, at a line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// h2 and h3.
    pub headings: Vec<Heading>,
    /// Plain text split at h2/h3; the first section's heading is empty (the caller knows the title).
    pub sections: Vec<Section>,
    pub outline: Outline,
    pub problems: Vec<Problem>,
}

/// Every rule that one file can be checked against on its own: front matter, markdown
/// problems (links as far as `links` knows pages, unknown code languages, unsafe URLs) and the
/// single-page lint rules. What the previewer's lint panel and `check-content` on a loose file
/// show; the site build adds the cross-page checks.
///
/// `rel_path` is where the file sits (or would sit) under its language folder,
/// e.g. `runbooks/executor-oom.md`: it decides the runbook rules and resolves relative links.
pub fn check_text(
    lang: Lang,
    rel_path: &str,
    text: &str,
    links: &dyn LinkResolver,
    code: &dyn Highlighter,
) -> Vec<crate::lint::Finding> {
    check_and_render(lang, rel_path, text, links, code).findings
}

/// [`check_text`]'s findings together with the page it rendered on the way, for the previewer:
/// one pass per keystroke, and exactly the findings `check-content` prints.
pub struct Checked {
    pub front: Option<crate::front_matter::FrontMatter>,
    /// The body as rendered. When the front matter does not parse there are no markdown
    /// findings (as in `check_text`), but the text after a `---` block is still shown.
    pub rendered: Rendered,
    pub findings: Vec<crate::lint::Finding>,
}

pub fn check_and_render(
    lang: Lang,
    rel_path: &str,
    text: &str,
    links: &dyn LinkResolver,
    code: &dyn Highlighter,
) -> Checked {
    use crate::lint::{self, Finding};
    let page_dir = rel_path.rsplit_once('/').map_or("", |(d, _)| d);
    let render_body = |body: &str, first_line: usize| {
        render(
            body,
            &RenderOptions {
                lang,
                page_dir,
                links,
                code,
                first_line,
            },
        )
    };
    let parsed = match crate::front_matter::parse(text) {
        Ok(p) => p,
        Err(errors) => {
            let (body, first_line) = body_after_front_block(text);
            return Checked {
                front: None,
                rendered: render_body(body, first_line),
                findings: errors
                    .into_iter()
                    .map(|e| Finding::error(e.line, e.message))
                    .collect(),
            };
        }
    };
    let route = crate::summary::route_path_for_file(rel_path).unwrap_or_default();
    let route_path = route.as_str();
    let mut findings = lint::front_matter_rules(lang, route_path, &parsed.front);
    let rendered = render_body(parsed.body, parsed.body_line);
    findings.extend(
        rendered
            .problems
            .iter()
            .map(|p| Finding::error(p.line, p.message.clone())),
    );
    findings.extend(lint::check_page(lang, route_path, &rendered.outline));
    findings.sort_by_key(|f| f.line);
    Checked {
        front: Some(parsed.front),
        rendered,
        findings,
    }
}

/// Best effort for a file whose front matter has errors: the text after a closed `---` block,
/// else all of it; with the line the body starts on.
fn body_after_front_block(text: &str) -> (&str, usize) {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i == 0 && line.trim_end() != "---" {
            break;
        }
        offset += line.len();
        if i > 0 && line.trim_end() == "---" {
            return (&text[offset..], i + 2);
        }
    }
    (text, 1)
}

/// Byte offset → line number.
struct Lines {
    starts: Vec<usize>,
    first_line: usize,
}

impl Lines {
    fn new(text: &str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts, first_line }
    }

    fn line(&self, offset: usize) -> usize {
        self.first_line
            + self
                .starts
                .partition_point(|&s| s <= offset)
                .saturating_sub(1)
    }
}

type Spanned<'a> = Vec<(Event<'a>, Range<usize>)>;

fn parse(body: &str) -> Spanned<'_> {
    Parser::new_ext(body, markdown_options())
        .into_offset_iter()
        .collect()
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Plain text of the inline events from `start` (just after a Start tag) to its End.
fn plain_text_until_end(events: &Spanned<'_>, start: usize) -> (String, usize) {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut i = start;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return (text, i),
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
        i += 1;
    }
    (text, i)
}

/// Headings (with their ids) and code blocks, without rendering: the first pass of the build.
pub fn outline(body: &str, first_line: usize) -> Outline {
    outline_of(&parse(body), &Lines::new(body, first_line))
}

fn footnote_ids(events: &Spanned<'_>) -> Vec<String> {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::FootnoteDefinition(label)) => Some(label.to_string()),
            _ => None,
        })
        .collect()
}

fn outline_of(events: &Spanned<'_>, lines: &Lines) -> Outline {
    let mut slugger = Slugger::new();
    // pulldown-cmark uses the footnote label as the definition's id: headings must avoid it.
    for id in footnote_ids(events) {
        slugger.reserve(&id);
    }
    let mut outline = Outline::default();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { level, .. }) => {
                let (text, end) = plain_text_until_end(events, i + 1);
                let text = collapse_ws(&text);
                outline.headings.push(OutlineHeading {
                    level: level_number(*level),
                    id: slugger.slug(&text),
                    text,
                    line: lines.line(events[i].1.start),
                });
                i = end;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (lang, _) = match kind {
                    CodeBlockKind::Fenced(info) => parse_info(info),
                    CodeBlockKind::Indented => (None, Vec::new()),
                };
                let mut code = String::new();
                let mut j = i + 1;
                let mut code_start = None;
                while j < events.len() {
                    match &events[j].0 {
                        Event::Text(t) => {
                            code_start.get_or_insert(events[j].1.start);
                            code.push_str(t);
                        }
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                    j += 1;
                }
                let line = lines.line(events[i].1.start);
                let code_line = code_start.map_or(line + 1, |s| lines.line(s));
                outline.code_blocks.push(CodeBlockInfo {
                    lang,
                    line,
                    code_line,
                    code,
                });
                i = j;
            }
            _ => {}
        }
        i += 1;
    }
    outline
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An info string `yaml title="values.yaml"`: the language (lower case) and `key="value"` pairs.
fn parse_info(info: &str) -> (Option<String>, Vec<(String, String)>) {
    let info = info.trim();
    let (lang, mut rest) = match info.find(char::is_whitespace) {
        Some(i) => (&info[..i], info[i..].trim_start()),
        None => (info, ""),
    };
    let lang = if lang.is_empty() || lang.contains('=') {
        if lang.contains('=') {
            rest = info;
        }
        None
    } else {
        Some(lang.to_lowercase())
    };
    let mut attrs = Vec::new();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else {
            attrs.push((rest.to_string(), String::new()));
            break;
        };
        let key = rest[..eq].trim().to_string();
        let after = &rest[eq + 1..];
        let (value, next) = if let Some(q) = after.strip_prefix('"') {
            match q.find('"') {
                Some(end) => (q[..end].to_string(), &q[end + 1..]),
                None => (q.to_string(), ""),
            }
        } else {
            match after.find(char::is_whitespace) {
                Some(end) => (after[..end].to_string(), &after[end..]),
                None => (after.to_string(), ""),
            }
        };
        attrs.push((key, value));
        rest = next.trim_start();
    }
    (lang, attrs)
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The scheme of a URL the way a browser sees it: control characters and whitespace inside
/// are ignored (`java\tscript:` is `javascript:`).
fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    if scheme.is_empty()
        || !scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    // Something like `a/b:c` has a path before the colon: no scheme.
    Some(scheme.to_ascii_lowercase())
}

enum Href {
    /// Use as is; `external` links get `rel="noopener"`.
    Ok { href: String, external: bool },
    /// Never emitted: a script-capable or unknown scheme.
    Blocked,
}

struct Renderer<'o, 'a> {
    opts: &'o RenderOptions<'a>,
    lines: Lines,
    own_ids: HashSet<String>,
    problems: Vec<Problem>,
}

impl Renderer<'_, '_> {
    fn problem(&mut self, offset: usize, message: String) {
        let line = self.lines.line(offset);
        self.problems.push(Problem { line, message });
    }

    fn link_href(&mut self, dest: &str, link_type: LinkType, offset: usize) -> Href {
        if matches!(link_type, LinkType::Email) {
            return Href::Ok {
                href: format!("mailto:{dest}"),
                external: false,
            };
        }
        let dest = dest.trim();
        if let Some(anchor) = dest.strip_prefix('#') {
            if !self.own_ids.contains(anchor) {
                self.problem(
                    offset,
                    format!("broken link `{dest}`: no heading with that id on this page"),
                );
            }
            return Href::Ok {
                href: dest.to_string(),
                external: false,
            };
        }
        if dest.starts_with("//") {
            return Href::Ok {
                href: dest.to_string(),
                external: true,
            };
        }
        if let Some(scheme) = scheme_of(dest) {
            return match scheme.as_str() {
                "http" | "https" => Href::Ok {
                    href: dest.to_string(),
                    external: true,
                },
                "mailto" | "tel" => Href::Ok {
                    href: dest.to_string(),
                    external: false,
                },
                other => {
                    self.problem(
                        offset,
                        format!("link with a `{other}:` URL is not allowed and was removed"),
                    );
                    Href::Blocked
                }
            };
        }
        if dest.starts_with('/') {
            return Href::Ok {
                href: self.opts.links.root(dest),
                external: false,
            };
        }
        // A relative link: to another page's .md file, with an optional anchor.
        let (path_part, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (dest, None),
        };
        if !path_part.ends_with(".md") {
            self.problem(
                offset,
                format!(
                    "relative link `{dest}` does not point to a `.md` page: link pages by their .md file, files from the site root (`/img/...`)"
                ),
            );
            return Href::Ok {
                href: dest.to_string(),
                external: false,
            };
        }
        let joined = if self.opts.page_dir.is_empty() {
            path_part.to_string()
        } else {
            format!("{}/{path_part}", self.opts.page_dir)
        };
        let Some(route) = crate::summary::route_path_for_file(&joined) else {
            self.problem(
                offset,
                format!("broken link `{dest}`: it leads outside the language's folder"),
            );
            return Href::Ok {
                href: dest.to_string(),
                external: false,
            };
        };
        let anchor = anchor.filter(|a| !a.is_empty());
        match self.opts.links.page(&route, anchor) {
            Ok(href) => Href::Ok {
                href,
                external: false,
            },
            Err(why) => {
                self.problem(offset, format!("broken link `{dest}`: {why}"));
                Href::Ok {
                    href: dest.to_string(),
                    external: false,
                }
            }
        }
    }

    fn image_src(&mut self, dest: &str, offset: usize) -> Option<String> {
        let dest = dest.trim();
        if let Some(scheme) = scheme_of(dest) {
            if scheme == "http" || scheme == "https" {
                return Some(dest.to_string());
            }
            self.problem(
                offset,
                format!("image with a `{scheme}:` URL is not allowed and was removed"),
            );
            return None;
        }
        if dest.starts_with("//") {
            return Some(dest.to_string());
        }
        if dest.starts_with('/') {
            return match self.opts.links.image(dest) {
                Ok(src) => Some(src),
                Err(why) => {
                    self.problem(offset, format!("broken image `{dest}`: {why}"));
                    Some(self.opts.links.root(dest))
                }
            };
        }
        self.problem(
            offset,
            format!("image `{dest}` must be referenced from the site root, e.g. `/img/diagram.svg` (files live in public/)"),
        );
        Some(dest.to_string())
    }
}

/// Whether a fenced block's source (opening fence to its end) ends with a closing fence. An
/// unclosed fence silently swallows the rest of the page, so it is worth an error.
fn fence_is_closed(block: &str) -> bool {
    let strip = |l: &str| {
        l.trim_start_matches([' ', '\t', '>'])
            .trim_end()
            .to_string()
    };
    let mut lines = block.trim_end().lines();
    let Some(open) = lines.next().map(strip) else {
        return false;
    };
    let fence_char = if open.starts_with('~') { '~' } else { '`' };
    let fence_len = open.chars().take_while(|&c| c == fence_char).count();
    let Some(last) = lines.last().map(strip) else {
        return false;
    };
    last.chars().take_while(|&c| c == fence_char).count() >= fence_len
        && last.chars().all(|c| c == fence_char)
}

/// `[!DANGER]` and other markers GitHub does not know: text of a blockquote's first line.
/// Returns the marker word and how many events it spans (from the paragraph start).
fn custom_alert(events: &Spanned<'_>, quote_start: usize) -> Option<(String, usize, bool)> {
    if !matches!(events.get(quote_start + 1)?.0, Event::Start(Tag::Paragraph)) {
        return None;
    }
    let mut text = String::new();
    let mut j = quote_start + 2;
    while let Some((e, _)) = events.get(j) {
        match e {
            Event::Text(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => {
                let word = marker_word(&text)?;
                return Some((word, j - quote_start, false));
            }
            Event::End(TagEnd::Paragraph) => {
                let word = marker_word(&text)?;
                return Some((word, j - quote_start, true));
            }
            _ => return None,
        }
        j += 1;
    }
    None
}

fn marker_word(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix("[!")?.strip_suffix(']')?;
    (!inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| inner.to_ascii_uppercase())
}

fn admonition_open(lang: Lang, kind: &str) -> String {
    let t = ui(lang);
    let title = match kind {
        "tip" => t.tip,
        "warning" => t.warning,
        "danger" => t.danger,
        _ => t.note,
    };
    format!(
        "<aside class=\"admonition {kind}\" role=\"note\"><p class=\"admonition-title\">{}</p>\n",
        escape_html(title)
    )
}

fn is_block_start(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
    )
}

/// Render a page body. Problems (broken links, h1, unknown code language, unsafe URLs,
/// images without alt text) are collected, never fatal: the caller decides.
pub fn render(body: &str, opts: &RenderOptions<'_>) -> Rendered {
    let events = parse(body);
    let lines = Lines::new(body, opts.first_line);
    let outline = outline_of(&events, &lines);
    let mut own_ids: HashSet<String> = outline.headings.iter().map(|h| h.id.clone()).collect();
    own_ids.extend(footnote_ids(&events));
    let mut r = Renderer {
        opts,
        lines,
        own_ids,
        problems: Vec::new(),
    };

    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + 16);
    let mut headings = Vec::new();
    let mut sections = vec![Section {
        id: String::new(),
        heading: String::new(),
        text: String::new(),
    }];
    let mut heading_idx = 0usize;
    let mut code_idx = 0usize;
    // Per open blockquote: is it rendered as an admonition?
    let mut quotes: Vec<bool> = Vec::new();
    // Per open list item: is its task label still open?
    let mut items: Vec<bool> = Vec::new();
    let mut in_heading = false;
    // Column alignment as classes, not pulldown-cmark's inline styles, so a strict
    // Content-Security-Policy (no 'unsafe-inline' styles) keeps tables aligned.
    let mut table_aligns: Vec<Alignment> = Vec::new();
    let mut in_table_head = false;
    let mut table_col = 0usize;

    let push_text = |sections: &mut Vec<Section>, t: &str| {
        if let Some(s) = sections.last_mut() {
            s.text.push_str(t);
        }
    };

    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        let offset = range.start;

        // A task item's label ends where its first block starts, or at the end of its paragraph.
        if let Some(open) = items.last_mut()
            && *open
        {
            let closes = match event {
                Event::Start(tag) => is_block_start(tag),
                Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => true,
                _ => false,
            };
            if closes {
                out.push(Event::Html("</label>".into()));
                *open = false;
            }
        }

        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let info = &outline.headings[heading_idx];
                heading_idx += 1;
                if *level == HeadingLevel::H1 {
                    r.problem(
                        offset,
                        "h1 in the page body: the title comes from front matter; start sections at `##`".into(),
                    );
                }
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    headings.push(Heading {
                        level: info.level,
                        id: info.id.clone(),
                        text: info.text.clone(),
                    });
                    sections.push(Section {
                        id: info.id.clone(),
                        heading: info.text.clone(),
                        text: String::new(),
                    });
                } else {
                    push_text(&mut sections, &format!(" {} ", info.text));
                }
                in_heading = true;
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(info.id.clone())),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                let id = &outline.headings[heading_idx - 1].id;
                out.push(Event::Html(
                    format!(
                        " <a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
                        escape_html(id)
                    )
                    .into(),
                ));
                out.push(Event::End(TagEnd::Heading(*level)));
            }

            // Raw HTML is shown as text: the previewer renders markdown nobody reviewed.
            Event::Html(html) | Event::InlineHtml(html) => {
                out.push(Event::Text(html.clone()));
            }
            Event::Start(Tag::HtmlBlock) => out.push(Event::Html("<p class=\"raw-html\">".into())),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::Html("</p>\n".into())),

            Event::Start(Tag::Table(aligns)) => {
                table_aligns = aligns.clone();
                out.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\">\n".into(),
                ));
                out.push(event.clone());
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                in_table_head |= matches!(event, Event::Start(Tag::TableHead));
                table_col = 0;
                out.push(event.clone());
            }
            Event::End(TagEnd::TableHead) => {
                in_table_head = false;
                out.push(event.clone());
            }
            Event::Start(Tag::TableCell) => {
                let class = match table_aligns.get(table_col) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                let cell = if in_table_head { "th" } else { "td" };
                // pulldown-cmark still writes the matching closing tag at the cell's end.
                out.push(Event::Html(format!("<{cell}{class}>").into()));
            }
            Event::End(TagEnd::Table) => {
                out.push(event.clone());
                out.push(Event::Html("</div>\n".into()));
            }

            Event::Start(Tag::BlockQuote(kind)) => {
                let gfm = kind.map(|k| match k {
                    BlockQuoteKind::Note | BlockQuoteKind::Important => "note",
                    BlockQuoteKind::Tip => "tip",
                    BlockQuoteKind::Warning => "warning",
                    BlockQuoteKind::Caution => "danger",
                });
                if let Some(kind) = gfm {
                    out.push(Event::Html(admonition_open(opts.lang, kind).into()));
                    quotes.push(true);
                } else if let Some((word, span, whole_paragraph)) = custom_alert(&events, i) {
                    if word == "DANGER" {
                        out.push(Event::Html(admonition_open(opts.lang, "danger").into()));
                        quotes.push(true);
                        if whole_paragraph {
                            // The marker was the paragraph: drop it whole.
                            i += span + 1;
                        } else {
                            // Keep the paragraph, drop the marker line and its line break.
                            out.push(Event::Start(Tag::Paragraph));
                            i += span + 1;
                        }
                        continue;
                    }
                    r.problem(
                        offset,
                        format!("unknown admonition `[!{word}]`: use NOTE, TIP, WARNING or DANGER"),
                    );
                    out.push(event.clone());
                    quotes.push(false);
                } else {
                    out.push(event.clone());
                    quotes.push(false);
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                if quotes.pop() == Some(true) {
                    out.push(Event::Html("</aside>\n".into()));
                } else {
                    out.push(event.clone());
                }
            }

            Event::Start(Tag::CodeBlock(kind)) => {
                let info = &outline.code_blocks[code_idx];
                code_idx += 1;
                if matches!(kind, CodeBlockKind::Fenced(_))
                    && !fence_is_closed(body.get(range.clone()).unwrap_or(""))
                {
                    r.problem(
                        offset,
                        "this code block is never closed: it runs to the end of the page; add the closing fence".into(),
                    );
                }
                let attrs = match kind {
                    CodeBlockKind::Fenced(s) => parse_info(s).1,
                    CodeBlockKind::Indented => Vec::new(),
                };
                let mut title = None;
                for (k, v) in attrs {
                    if k == "title" && !v.is_empty() {
                        title = Some(v);
                    } else {
                        r.problem(
                            offset,
                            format!("unknown code block attribute `{k}`: only `title=\"...\"` is supported"),
                        );
                    }
                }
                let lang = info.lang.clone().unwrap_or_else(|| "text".to_string());
                let inner = match opts.code.highlight(&lang, &info.code) {
                    Ok(html) => html,
                    Err(why) => {
                        r.problem(offset, why);
                        escape_html(&info.code)
                    }
                };
                let title_html = title
                    .map(|t| format!("<span class=\"code-title\">{}</span>", escape_html(&t)))
                    .unwrap_or_default();
                out.push(Event::Html(
                    format!(
                        "<div class=\"code\" data-lang=\"{lang}\"><div class=\"code-head\">{title_html}<button type=\"button\" class=\"copy\" hidden>{copy}</button></div><pre tabindex=\"0\"><code>{inner}</code></pre></div>\n",
                        lang = escape_html(&lang),
                        copy = escape_html(ui(opts.lang).copy),
                    )
                    .into(),
                ));
                push_text(&mut sections, &format!(" {} ", info.code));
                // Skip the code's own events.
                while i < events.len() && !matches!(events[i].0, Event::End(TagEnd::CodeBlock)) {
                    i += 1;
                }
            }

            Event::Start(Tag::Item) => {
                let marker_at = match (events.get(i + 1), events.get(i + 2)) {
                    (Some((Event::TaskListMarker(_), _)), _) => Some((i + 1, false)),
                    (
                        Some((Event::Start(Tag::Paragraph), _)),
                        Some((Event::TaskListMarker(_), _)),
                    ) => Some((i + 2, true)),
                    _ => None,
                };
                match marker_at {
                    Some((at, loose)) => {
                        let checked = matches!(events[at].0, Event::TaskListMarker(true));
                        let input = format!(
                            "<label><input type=\"checkbox\" disabled{}> ",
                            if checked { " checked" } else { "" }
                        );
                        out.push(Event::Html("<li class=\"task\">".into()));
                        if loose {
                            out.push(Event::Start(Tag::Paragraph));
                        }
                        out.push(Event::Html(input.into()));
                        items.push(true);
                        i = at + 1;
                        continue;
                    }
                    None => {
                        items.push(false);
                        out.push(event.clone());
                    }
                }
            }
            Event::End(TagEnd::Item) => {
                items.pop();
                out.push(event.clone());
                push_text(&mut sections, " ");
            }

            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let attrs_title = if title.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", escape_html(title))
                };
                let html = match r.link_href(dest_url, *link_type, offset) {
                    Href::Ok { href, external } => format!(
                        "<a href=\"{}\"{attrs_title}{}>",
                        escape_html(&href),
                        if external { " rel=\"noopener\"" } else { "" }
                    ),
                    Href::Blocked => format!("<a{attrs_title}>"),
                };
                out.push(Event::Html(html.into()));
            }

            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let (alt, end) = plain_text_until_end(&events, i + 1);
                let alt = collapse_ws(&alt);
                if alt.is_empty() {
                    r.problem(
                        offset,
                        format!("image `{dest_url}` has no alt text: describe it in `![...]`"),
                    );
                }
                match r.image_src(dest_url, offset) {
                    Some(src) => {
                        let title_attr = if title.is_empty() {
                            String::new()
                        } else {
                            format!(" title=\"{}\"", escape_html(title))
                        };
                        out.push(Event::Html(
                            format!(
                                "<img src=\"{}\" alt=\"{}\"{title_attr} loading=\"lazy\">",
                                escape_html(&src),
                                escape_html(&alt)
                            )
                            .into(),
                        ));
                    }
                    None => out.push(Event::Text(alt.clone().into())),
                }
                push_text(&mut sections, &format!(" {alt} "));
                i = end + 1;
                continue;
            }

            Event::Text(t) | Event::Code(t) => {
                if !in_heading {
                    push_text(&mut sections, t);
                }
                out.push(event.clone());
            }
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut sections, " ");
                out.push(event.clone());
            }
            Event::End(TagEnd::TableCell) => {
                table_col += 1;
                push_text(&mut sections, " ");
                out.push(event.clone());
            }
            Event::End(TagEnd::Paragraph) => {
                push_text(&mut sections, " ");
                out.push(event.clone());
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }

    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    for s in &mut sections {
        s.text = collapse_ws(&s.text);
    }
    if sections.len() > 1 && sections[0].text.is_empty() {
        sections.remove(0);
    }
    let mut problems = r.problems;
    problems.sort_by_key(|p| p.line);
    Rendered {
        html,
        headings,
        sections,
        outline,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    struct Pages;

    impl LinkResolver for Pages {
        fn page(&self, route_path: &str, anchor: Option<&str>) -> Result<String, String> {
            let known: &[(&str, &[&str])] = &[
                ("guides/sizing", &["worked-example"]),
                ("", &[]),
                ("getting-started", &["install"]),
            ];
            let Some((_, anchors)) = known.iter().find(|(p, _)| *p == route_path) else {
                return Err(format!("no page `{route_path}`"));
            };
            let mut href = crate::model::route("/spark_k8s/", Lang::Ru, route_path);
            if let Some(a) = anchor {
                if !anchors.contains(&a) {
                    return Err(format!("no heading `#{a}`"));
                }
                href.push('#');
                href.push_str(a);
            }
            Ok(href)
        }
        fn root(&self, path: &str) -> String {
            root_under_base("/spark_k8s/", path)
        }
    }

    fn render_ru(body: &str) -> Rendered {
        render(
            body,
            &RenderOptions {
                lang: Lang::Ru,
                page_dir: "guides",
                links: &Pages,
                code: &PlainCode,
                first_line: 5,
            },
        )
    }

    #[test]
    fn headings_get_ids_anchors_and_duplicates() {
        let r = render_ru("## Проверка памяти\n\ntext\n\n### Example\n\n## Example\n\n#### Deep\n");
        assert!(r.html.contains("<h2 id=\"proverka-pamyati\">Проверка памяти <a class=\"anchor\" href=\"#proverka-pamyati\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>"), "{}", r.html);
        let ids: Vec<_> = r
            .headings
            .iter()
            .map(|h| (h.level, h.id.as_str()))
            .collect();
        assert_eq!(
            ids,
            vec![(2, "proverka-pamyati"), (3, "example"), (2, "example-2")]
        );
        assert!(r.html.contains("<h4 id=\"deep\">"));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn an_h1_in_the_body_is_a_problem_on_its_line() {
        let r = render_ru("intro\n\n# Title again\n");
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 7);
        assert!(r.problems[0].message.contains("front matter"));
    }

    #[test]
    fn relative_links_become_routes_under_the_base() {
        let r = render_ru(
            "See [sizing](sizing.md#worked-example), [home](../index.md) and [start](../getting-started/index.md).\n",
        );
        assert!(
            r.html
                .contains("href=\"/spark_k8s/ru/guides/sizing/#worked-example\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"/spark_k8s/ru/\""));
        assert!(r.html.contains("href=\"/spark_k8s/ru/getting-started/\""));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn broken_links_and_anchors_are_reported_with_lines() {
        let r = render_ru(
            "ok\n\n[a](missing.md)\n\nline\n[b](sizing.md#nope) [c](#nowhere)\n\n[d](../../outside.md) [e](sizing)\n",
        );
        let got: Vec<(usize, bool)> = r
            .problems
            .iter()
            .map(|p| {
                (
                    p.line,
                    p.message.contains("broken link") || p.message.contains("relative link"),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![(7, true), (10, true), (10, true), (12, true), (12, true)],
            "{:?}",
            r.problems
        );
    }

    #[test]
    fn same_page_anchor_that_exists_is_fine() {
        let r = render_ru("## Шаги\n\n[вверх](#shagi)\n");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.html.contains("href=\"#shagi\""));
    }

    #[test]
    fn root_and_external_links() {
        let r = render_ru(
            "[c](/ru/composer/) [gh](https://github.com/x) <https://a.example> <me@example.com>\n",
        );
        assert!(r.html.contains("href=\"/spark_k8s/ru/composer/\""));
        assert!(
            r.html
                .contains("<a href=\"https://github.com/x\" rel=\"noopener\">")
        );
        assert!(
            r.html
                .contains("<a href=\"https://a.example\" rel=\"noopener\">")
        );
        assert!(r.html.contains("href=\"mailto:me@example.com\""));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn raw_html_is_escaped_and_script_urls_are_neutralised() {
        let r = render_ru(
            "<script>alert(1)</script>\n\nInline <b onclick=\"x()\">bold</b>.\n\n[x](javascript:alert(1)) [y](<JaVa\tScRiPt:alert(1)>) [w](&#106;avascript:alert(1)) [z](vbscript:x) ![i](data:image/png;base64,AAA)\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<b "));
        assert!(r.html.contains("&lt;b onclick="));
        let lower = r.html.to_lowercase();
        assert!(
            !lower.contains("javascript:") || !lower.contains("href=\"javascript"),
            "{}",
            r.html
        );
        assert!(!lower.contains("href=\"java"));
        assert!(!lower.contains("vbscript"));
        assert!(!lower.contains("src=\"data:"));
        assert_eq!(r.problems.len(), 5, "{:?}", r.problems);
    }

    #[test]
    fn admonitions_of_every_kind() {
        let r = render_ru(
            "> [!NOTE]\n> Заметка.\n\n> [!CAUTION]\n> Осторожно.\n\n> [!DANGER]\n> Удалит данные.\n\n> [!danger]\n\n> [!IMPORTANT]\n> Важно.\n\n> [!TIP]\n> Совет.\n\n> [!WARNING]\n> Внимание.\n\n> Просто цитата.\n",
        );
        assert!(r.html.contains("<aside class=\"admonition note\" role=\"note\"><p class=\"admonition-title\">Примечание</p>"), "{}", r.html);
        assert_eq!(
            r.html.matches("<aside class=\"admonition danger\"").count(),
            3,
            "{}",
            r.html
        );
        assert_eq!(
            r.html.matches("<aside class=\"admonition note\"").count(),
            2
        );
        assert!(r.html.contains(
            "<aside class=\"admonition tip\" role=\"note\"><p class=\"admonition-title\">Совет</p>"
        ));
        assert!(r.html.contains("admonition warning"));
        assert!(r.html.contains("<p>Удалит данные.</p>"), "{}", r.html);
        assert!(!r.html.contains("[!DANGER]"));
        assert!(r.html.contains("<blockquote>"));
        assert_eq!(r.html.matches("</aside>").count(), 7);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn unknown_admonitions_are_reported() {
        let r = render_ru("> [!INFO]\n> x\n");
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 5);
    }

    #[test]
    fn code_blocks_tables_tasks_images() {
        let body = "```yaml title=\"values.yaml\"\na: <b>\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] open\n- [x] done\n  - nested\n\n![Архитектура](/img/arch.svg)\n";
        let r = render_ru(body);
        assert!(r.html.contains("<div class=\"code\" data-lang=\"yaml\"><div class=\"code-head\"><span class=\"code-title\">values.yaml</span><button type=\"button\" class=\"copy\" hidden>Копировать</button></div><pre tabindex=\"0\"><code>a: <span class=\"ph\" data-ph=\"b\">&lt;b&gt;</span>\n</code></pre></div>"), "{}", r.html);
        assert!(
            r.html
                .contains("<div class=\"table-wrap\" tabindex=\"0\">\n<table>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(
                "<li class=\"task\"><label><input type=\"checkbox\" disabled> open</label></li>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<li class=\"task\"><label><input type=\"checkbox\" disabled checked> done</label>\n<ul>"), "{}", r.html);
        assert!(
            r.html.contains(
                "<img src=\"/spark_k8s/img/arch.svg\" alt=\"Архитектура\" loading=\"lazy\">"
            ),
            "{}",
            r.html
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn loose_task_items_keep_their_paragraph() {
        let r = render_ru("- [ ] first\n\n- [x] second\n");
        assert!(r.html.contains("<li class=\"task\">\n<p><label><input type=\"checkbox\" disabled> first</label></p>"), "{}", r.html);
    }

    #[test]
    fn images_need_alt_text_and_a_root_path() {
        let r = render_ru("![](/img/a.svg)\n\n![b](img/b.svg)\n");
        let lines: Vec<usize> = r.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![5, 7], "{:?}", r.problems);
    }

    #[test]
    fn code_without_language_is_plain_text_and_in_the_outline() {
        let r = render_ru("```\nplain\n```\n\n    indented\n");
        assert!(r.html.contains("data-lang=\"text\""));
        assert_eq!(r.outline.code_blocks.len(), 2);
        assert!(r.outline.code_blocks.iter().all(|c| c.lang.is_none()));
        assert_eq!(r.outline.code_blocks[0].line, 5);
        assert_eq!(r.outline.code_blocks[0].code_line, 6);
    }

    #[test]
    fn sections_split_plain_text_at_h2_and_h3() {
        let r = render_ru("Intro *text*.\n\n## One\n\nFirst `code`.\n\n### Two\n\n- a\n- b\n");
        let s: Vec<_> = r
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.heading.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            s,
            vec![
                ("", "", "Intro text."),
                ("one", "One", "First code."),
                ("two", "Two", "a b")
            ]
        );
    }

    #[test]
    fn footnotes_strikethrough_and_autolinks() {
        let r = render_ru(
            "~~old~~ new[^why] <javascript:alert(1)>\n\n[^why]: Because.\n\n[up](#why)\n",
        );
        assert!(r.html.contains("<del>old</del>"), "{}", r.html);
        assert!(
            r.html.contains("class=\"footnote-definition\""),
            "{}",
            r.html
        );
        assert!(
            !r.html.to_lowercase().contains("href=\"javascript"),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(r.problems[0].message.contains("`javascript:`"));
    }

    #[test]
    fn placeholders_in_prose_show_as_written() {
        // `<namespace>` parses as inline HTML; escaping it is what makes it readable.
        let r = render_ru("Run it in <namespace> and <release>.\n");
        assert!(
            r.html.contains("in &lt;namespace&gt; and &lt;release&gt;."),
            "{}",
            r.html
        );
        assert!(r.problems.is_empty());
    }

    #[test]
    fn table_alignment_uses_classes_not_inline_styles() {
        let r = render_ru(
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\nText style=\"text-align: left\" stays.\n",
        );
        assert!(
            r.html.contains("<th class=\"align-left\">a</th>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<td class=\"align-center\">2</td>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<td class=\"align-right\">3</td>"),
            "{}",
            r.html
        );
        assert!(
            !r.html.contains("<td style") && !r.html.contains("<th style"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<p>Text style=\"text-align: left\" stays.</p>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn hostile_token_soup_never_panics_or_leaks_markup() {
        // Deterministic pseudo-random documents from pieces that stress the rewriting paths.
        const PIECES: &[&str] = &[
            "# ",
            "## ",
            "### ",
            "> ",
            "> [!DANGER]\n",
            "> [!NOTE]\n",
            "> [!BOGUS]\n",
            "- ",
            "- [ ] ",
            "- [x] ",
            "  ",
            "\n",
            "\n\n",
            "```yaml title=\"a\"\n",
            "```\n",
            "```klingon\n",
            "| a | b |\n",
            "|:--|--:|\n",
            "[l](x.md#y)",
            "[l](#nowhere)",
            "[l](javascript:alert(1))",
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "![](data:x)",
            "![a](/img/a.svg)",
            "[^1]",
            "[^1]: note\n",
            "~~s~~",
            "`c`",
            "**b**",
            "Проверка ",
            "word ",
            "<namespace>",
            "&amp;",
            "\\",
            "[",
            "]",
            "(",
            ")",
            "!",
            "\t",
            "<!-- c -->",
            "<https://a.example>",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            let mut doc = String::new();
            for _ in 0..40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                doc.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            let r = render_ru(&doc);
            let lower = r.html.to_lowercase();
            assert!(!lower.contains("<script"), "{doc:?}\n{}", r.html);
            assert!(!lower.contains("<img src=x"), "{doc:?}\n{}", r.html);
            assert!(!lower.contains("href=\"javascript"), "{doc:?}\n{}", r.html);
            assert!(!lower.contains("src=\"data:"), "{doc:?}\n{}", r.html);
            assert_eq!(
                r.html.matches("<aside").count(),
                r.html.matches("</aside>").count(),
                "{doc:?}"
            );
            assert_eq!(
                r.html.matches("<label>").count(),
                r.html.matches("</label>").count(),
                "{doc:?}\n{}",
                r.html
            );
        }
    }

    #[test]
    fn placeholders_in_code_are_marked() {
        assert_eq!(
            escape_code("kubectl -n <namespace> get pods <<EOF List<String> <a_b-1>"),
            "kubectl -n <span class=\"ph\" data-ph=\"namespace\">&lt;namespace&gt;</span> get pods &lt;&lt;EOF List&lt;String&gt; <span class=\"ph\" data-ph=\"a_b-1\">&lt;a_b-1&gt;</span>"
        );
        assert_eq!(placeholder_ranges("<x> <y"), vec![0..3]);
    }

    #[test]
    fn check_text_runs_every_single_file_rule() {
        let text = "---\ntitle: OOM\ndescription: d\n---\n\n## Symptoms\n\n[x](nowhere.md)\n\n```\nno lang\n```\n";
        let f = check_text(Lang::En, "runbooks/oom.md", text, &Pages, &PlainCode);
        let got: Vec<(usize, Level)> = f.iter().map(|f| (f.line, f.level)).collect();
        assert!(
            got.contains(&(1, Level::Error)),
            "runbook block missing: {f:#?}"
        );
        assert!(got.contains(&(8, Level::Error)), "broken link: {f:#?}");
        assert!(
            got.contains(&(10, Level::Warning)),
            "code without language: {f:#?}"
        );
        assert!(f.iter().any(|f| f.message.contains("## Impact")), "{f:#?}");
        let bad = check_text(Lang::En, "x.md", "no front matter", &Pages, &PlainCode);
        assert_eq!(bad.len(), 1);
        // A runbook section's own index is not a runbook; its links resolve from runbooks/.
        let index = "---\ntitle: Runbooks\ndescription: d\n---\n\n[s](../guides/sizing.md)\n";
        assert!(check_text(Lang::En, "runbooks/index.md", index, &Pages, &PlainCode).is_empty());
    }

    #[test]
    fn check_and_render_renders_once_and_still_shows_a_page_with_bad_front_matter() {
        let text = "---\ntitle: t\n---\n\n## Body\n";
        let c = check_and_render(Lang::En, "x.md", text, &Pages, &PlainCode);
        assert!(c.front.is_none());
        assert_eq!(
            c.findings,
            check_text(Lang::En, "x.md", text, &Pages, &PlainCode)
        );
        assert!(
            c.rendered.html.contains("<h2 id=\"body\">"),
            "{}",
            c.rendered.html
        );
        assert_eq!(c.rendered.outline.headings[0].line, 5);
        let plain = check_and_render(Lang::En, "x.md", "## A\n", &Pages, &PlainCode);
        assert!(plain.rendered.html.contains("<h2 id=\"a\">"));
        assert_eq!(body_after_front_block("---\nopen"), ("---\nopen", 1));
    }

    #[test]
    fn unclosed_code_fences_are_reported_where_they_open() {
        let r = render_ru("text\n\n```yaml\na: 1\n\n## Swallowed\n");
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, 7);
        for closed in [
            "```yaml\na: 1\n```\n",
            "~~~~\nx\n~~~~~\n",
            "> ```bash\n> ls\n> ```\n",
            "- item\n\n  ```bash\n  ls\n  ```\n",
            "```\n```\n",
        ] {
            let r = render_ru(closed);
            assert!(r.problems.is_empty(), "{closed:?}: {:?}", r.problems);
        }
    }

    #[test]
    fn info_strings() {
        assert_eq!(
            parse_info("yaml title=\"values.yaml\""),
            (
                Some("yaml".into()),
                vec![("title".into(), "values.yaml".into())]
            )
        );
        assert_eq!(parse_info("Bash"), (Some("bash".into()), vec![]));
        assert_eq!(parse_info(""), (None, vec![]));
    }
}
