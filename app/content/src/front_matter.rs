//! Page front matter: a strict, small YAML subset with line numbers in every error.
//!
//! Our own parser rather than serde_yaml: the set of keys is tiny, authors need `file:line` for
//! every mistake (unknown key, duplicate, missing title), and it stays usable in the browser
//! previewer without a YAML library.

use crate::model::{RunbookMeta, RunbookSeverity};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    pub title: String,
    pub description: String,
    /// On RU pages: the hash of the EN text this page translates.
    pub translated_from: Option<String>,
    /// Line of `translated_from:`, to point errors at it.
    pub translated_from_line: Option<usize>,
    pub runbook: Option<RunbookMeta>,
    /// Line of `runbook:`.
    pub runbook_line: Option<usize>,
    /// Line of `alerts:` inside `runbook:`, to point alert-name findings at it.
    pub alerts_line: Option<usize>,
    /// Line of `description:`.
    pub description_line: Option<usize>,
}

/// A source split into front matter and markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// 1-based line number of the body's first line in the file.
    pub body_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> FrontMatterError {
    FrontMatterError {
        line,
        message: message.into(),
    }
}

const TOP_KEYS: &[&str] = &["title", "description", "translated_from", "runbook"];
const RUNBOOK_KEYS: &[&str] = &["severity", "alerts", "components", "time_to_mitigate"];

/// Whether a page at this route path must carry a `runbook:` block: everything under
/// `runbooks/` except the section's own index page.
pub fn expects_runbook(route_path: &str) -> bool {
    route_path.starts_with("runbooks/")
}

/// Where the front matter sits: (lines of the file, index of the closing `---` line).
fn locate(source: &str) -> Result<(Vec<&str>, usize), FrontMatterError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let lines: Vec<&str> = source.split('\n').collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(err(
            1,
            "missing front matter: the file must start with a `---` line, then `title:` and `description:`, then `---`",
        ));
    }
    let close = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| l.trim_end() == "---")
        .map(|(i, _)| i)
        .ok_or_else(|| err(1, "front matter is not closed: add a `---` line after it"))?;
    Ok((lines, close))
}

/// Split a page into front matter and body, checking the front matter strictly.
/// Every problem is reported, not only the first.
pub fn parse(source: &str) -> Result<Parsed<'_>, Vec<FrontMatterError>> {
    let (lines, close) = locate(source).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let mut front = FrontMatter::default();
    let mut seen: Vec<&str> = Vec::new();
    let mut title_line = None;
    let mut description_line = None;

    let mut i = 1;
    while i < close {
        let line_no = i + 1;
        let raw = lines[i].trim_end_matches('\r');
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        if raw.starts_with([' ', '\t']) {
            errors.push(err(
                line_no,
                "unexpected indentation: only `runbook:` has nested keys",
            ));
            i += 1;
            continue;
        }
        let Some((key, rest)) = split_key(raw) else {
            errors.push(err(
                line_no,
                format!("expected `key: value`, found `{trimmed}`"),
            ));
            i += 1;
            continue;
        };
        if !TOP_KEYS.contains(&key) {
            errors.push(err(
                line_no,
                format!(
                    "unknown front matter key `{key}` (allowed: {})",
                    TOP_KEYS.join(", ")
                ),
            ));
            i = skip_block(&lines, i + 1, close);
            continue;
        }
        if seen.contains(&key) {
            errors.push(err(line_no, format!("duplicate front matter key `{key}`")));
            i = skip_block(&lines, i + 1, close);
            continue;
        }
        seen.push(key);
        match key {
            "runbook" => {
                front.runbook_line = Some(line_no);
                if !strip_comment(rest).trim().is_empty() {
                    errors.push(err(
                        line_no,
                        "`runbook:` takes nested keys on the following lines, indented",
                    ));
                }
                let end = skip_block(&lines, i + 1, close);
                front.alerts_line = (i + 1..end)
                    .find(|&j| lines[j].trim_start().starts_with("alerts:"))
                    .map(|j| j + 1);
                match parse_runbook(&lines, i + 1, end, line_no) {
                    Ok(meta) => front.runbook = Some(meta),
                    Err(mut e) => errors.append(&mut e),
                }
                i = end;
                continue;
            }
            _ => match scalar(rest) {
                Ok(value) => match key {
                    "title" => {
                        front.title = value;
                        title_line = Some(line_no);
                    }
                    "description" => {
                        front.description = value;
                        description_line = Some(line_no);
                    }
                    _ => {
                        front.translated_from_line = Some(line_no);
                        if is_hash(&value) {
                            front.translated_from = Some(value);
                        } else {
                            errors.push(err(
                                line_no,
                                "`translated_from` must be the 12 hex characters written by `cargo xtask stamp-translation`",
                            ));
                        }
                    }
                },
                Err(message) => errors.push(err(line_no, message)),
            },
        }
        i += 1;
    }

    if front.title.trim().is_empty() {
        errors.push(err(
            title_line.unwrap_or(1),
            "front matter needs a non-empty `title`",
        ));
    }
    front.description_line = description_line;
    if front.description.trim().is_empty() {
        errors.push(err(
            description_line.unwrap_or(1),
            "front matter needs a non-empty `description`",
        ));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    let body_start: usize = lines[..=close].iter().map(|l| l.len() + 1).sum();
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let body = source.get(body_start.min(source.len())..).unwrap_or("");
    Ok(Parsed {
        front,
        body,
        body_line: close + 2,
    })
}

/// `key: rest` with a bare key of letters, digits and `_`.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    let key = key.trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((key, rest))
}

/// First line after `from` that is not indented (or blank-then-unindented): the end of a block.
fn skip_block(lines: &[&str], from: usize, close: usize) -> usize {
    let mut i = from;
    while i < close {
        let raw = lines[i].trim_end_matches('\r');
        if !raw.trim().is_empty() && !raw.starts_with([' ', '\t']) {
            break;
        }
        i += 1;
    }
    i
}

fn strip_comment(s: &str) -> &str {
    // A `#` starts a comment only at the start or after whitespace, as in YAML.
    let bytes = s.as_bytes();
    for (idx, &b) in bytes.iter().enumerate() {
        if b == b'#' && (idx == 0 || bytes[idx - 1] == b' ' || bytes[idx - 1] == b'\t') {
            return &s[..idx];
        }
    }
    s
}

/// A plain, 'single' or "double" quoted scalar.
fn scalar(rest: &str) -> Result<String, String> {
    let t = rest.trim();
    if let Some(inner) = t.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => {
                        return Err(format!("unsupported escape `\\{other}` in a quoted value"));
                    }
                    None => return Err("unterminated double-quoted value".into()),
                },
                '"' => {
                    let after = strip_comment(chars.as_str()).trim();
                    if !after.is_empty() {
                        return Err(format!("unexpected `{after}` after a quoted value"));
                    }
                    return Ok(out);
                }
                c => out.push(c),
            }
        }
        return Err("unterminated double-quoted value".into());
    }
    if let Some(inner) = t.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    out.push('\'');
                    continue;
                }
                let after: String = chars.collect();
                let after = strip_comment(&after).trim().to_string();
                if !after.is_empty() {
                    return Err(format!("unexpected `{after}` after a quoted value"));
                }
                return Ok(out);
            }
            out.push(c);
        }
        return Err("unterminated single-quoted value".into());
    }
    let plain = strip_comment(t).trim();
    if plain.starts_with(['[', '{', '&', '*', '!', '|', '>', '@', '`']) {
        return Err(format!(
            "`{plain}` is not a plain text value here: quote it with \"...\""
        ));
    }
    Ok(plain.to_string())
}

/// `[a, b]` on the line itself, or `- a` items on the following, deeper-indented lines.
fn list(
    rest: &str,
    lines: &[&str],
    from: usize,
    end: usize,
    indent: usize,
    line_no: usize,
) -> Result<(Vec<String>, usize), FrontMatterError> {
    let t = strip_comment(rest).trim();
    if let Some(inner) = t.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return Err(err(
                line_no,
                "a list written `[a, b]` must close with `]` on the same line",
            ));
        };
        let items = inner
            .split(',')
            .map(|s| scalar(s).map_err(|m| err(line_no, m)))
            .collect::<Result<Vec<_>, _>>()?;
        let items: Vec<String> = items.into_iter().filter(|s| !s.is_empty()).collect();
        return Ok((items, from));
    }
    if !t.is_empty() {
        return Err(err(
            line_no,
            "expected a list: `[a, b]` or `- a` items on the next lines",
        ));
    }
    let mut items = Vec::new();
    let mut i = from;
    while i < end {
        let raw = lines[i].trim_end_matches('\r');
        if raw.trim().is_empty() || raw.trim().starts_with('#') {
            i += 1;
            continue;
        }
        let this_indent = raw.len() - raw.trim_start().len();
        if this_indent <= indent {
            break;
        }
        let Some(item) = raw.trim().strip_prefix('-') else {
            return Err(err(i + 1, "expected a list item `- value`"));
        };
        items.push(scalar(item).map_err(|m| err(i + 1, m))?);
        i += 1;
    }
    Ok((items, i))
}

fn parse_runbook(
    lines: &[&str],
    from: usize,
    end: usize,
    runbook_line: usize,
) -> Result<RunbookMeta, Vec<FrontMatterError>> {
    let mut errors = Vec::new();
    let mut severity = None;
    let mut alerts = None;
    let mut components = None;
    let mut ttm = None;
    let mut seen: Vec<String> = Vec::new();
    let mut indent = None;
    let mut i = from;
    while i < end {
        let line_no = i + 1;
        let raw = lines[i].trim_end_matches('\r');
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let this_indent = raw.len() - raw.trim_start().len();
        let expected = *indent.get_or_insert(this_indent);
        if this_indent != expected {
            errors.push(err(line_no, "inconsistent indentation inside `runbook:`"));
            i += 1;
            continue;
        }
        let Some((key, rest)) = split_key(raw.trim_start()) else {
            errors.push(err(
                line_no,
                format!("expected `key: value` inside `runbook:`, found `{trimmed}`"),
            ));
            i += 1;
            continue;
        };
        if !RUNBOOK_KEYS.contains(&key) {
            errors.push(err(
                line_no,
                format!(
                    "unknown runbook key `{key}` (allowed: {})",
                    RUNBOOK_KEYS.join(", ")
                ),
            ));
            i += 1;
            continue;
        }
        if seen.iter().any(|s| s == key) {
            errors.push(err(line_no, format!("duplicate runbook key `{key}`")));
            i += 1;
            continue;
        }
        seen.push(key.to_string());
        match key {
            "alerts" | "components" => match list(rest, lines, i + 1, end, this_indent, line_no) {
                Ok((items, next)) => {
                    if key == "alerts" {
                        alerts = Some(items);
                    } else if items.is_empty() {
                        errors.push(err(
                            line_no,
                            "`components` must name at least one component",
                        ));
                    } else {
                        components = Some(items);
                    }
                    i = next;
                    continue;
                }
                Err(e) => errors.push(e),
            },
            "severity" => match scalar(rest) {
                Ok(v) => match RunbookSeverity::parse(&v) {
                    Some(s) => severity = Some(s),
                    None => errors.push(err(
                        line_no,
                        format!("runbook severity `{v}` is not one of critical, warning, info"),
                    )),
                },
                Err(m) => errors.push(err(line_no, m)),
            },
            _ => match scalar(rest) {
                Ok(v) if is_duration(&v) => ttm = Some(v),
                Ok(v) => errors.push(err(
                    line_no,
                    format!("time_to_mitigate `{v}` is not a duration like `15m`, `1h` or `1h30m`"),
                )),
                Err(m) => errors.push(err(line_no, m)),
            },
        }
        i += 1;
    }
    for (name, missing) in [
        ("severity", severity.is_none()),
        ("alerts", alerts.is_none()),
        ("components", components.is_none()),
        ("time_to_mitigate", ttm.is_none()),
    ] {
        if missing && !seen.iter().any(|s| s == name) {
            errors.push(err(runbook_line, format!("`runbook:` needs `{name}`")));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    match (severity, alerts, components, ttm) {
        (Some(severity), Some(alerts), Some(components), Some(time_to_mitigate)) => {
            Ok(RunbookMeta {
                severity,
                alerts,
                components,
                time_to_mitigate,
            })
        }
        _ => Err(vec![err(runbook_line, "incomplete `runbook:` block")]),
    }
}

/// `15m`, `1h`, `1h30m`, `2d`: one or more number+unit pairs.
fn is_duration(s: &str) -> bool {
    let mut saw_pair = false;
    let mut digits = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if matches!(c, 's' | 'm' | 'h' | 'd') && digits > 0 {
            digits = 0;
            saw_pair = true;
        } else {
            return false;
        }
    }
    saw_pair && digits == 0
}

fn is_hash(s: &str) -> bool {
    s.len() == 12
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

/// Write or replace `translated_from: <hash>` in a page's front matter, keeping everything else.
pub fn set_translated_from(source: &str, hash: &str) -> Result<String, FrontMatterError> {
    let (lines, close) = locate(source)?;
    let newline = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let new_line = format!("translated_from: {hash}");
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 1);
    let mut replaced = false;
    for (i, line) in lines.iter().enumerate() {
        let bare = line.trim_end_matches('\r');
        if i > 0 && i < close && split_key(bare).is_some_and(|(k, _)| k == "translated_from") {
            if !replaced {
                out.push(new_line.clone());
                replaced = true;
            }
            continue;
        }
        if i == close && !replaced {
            out.push(new_line.clone());
            replaced = true;
        }
        out.push(bare.to_string());
    }
    let mut text = out.join(newline);
    if source.starts_with('\u{feff}') && !text.starts_with('\u{feff}') {
        text.insert(0, '\u{feff}');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(src: &str) -> Vec<(usize, String)> {
        parse(src)
            .expect_err("expected errors")
            .into_iter()
            .map(|e| (e.line, e.message))
            .collect()
    }

    #[test]
    fn a_plain_page_parses_and_the_body_starts_after_the_fence() {
        let src = "---\ntitle: Sizing: executors\ndescription: \"Say \\\"hi\\\"\" # comment\n---\n\nBody\n";
        let p = parse(src).expect("parses");
        assert_eq!(p.front.title, "Sizing: executors");
        assert_eq!(p.front.description, "Say \"hi\"");
        assert_eq!(p.body, "\nBody\n");
        assert_eq!(p.body_line, 5);
        assert!(p.front.runbook.is_none());
    }

    #[test]
    fn runbook_block_with_flow_and_block_lists() {
        let src = "---\ntitle: OOM\ndescription: d\nrunbook:\n  severity: critical   # paged\n  alerts: [SparkExecutorOOMKilled, Other]\n  components:\n    - executor\n    - connect\n  time_to_mitigate: 15m\n---\n";
        let rb = parse(src).expect("parses").front.runbook.expect("runbook");
        assert_eq!(rb.severity, RunbookSeverity::Critical);
        assert_eq!(rb.alerts, vec!["SparkExecutorOOMKilled", "Other"]);
        assert_eq!(rb.components, vec!["executor", "connect"]);
        assert_eq!(rb.time_to_mitigate, "15m");
    }

    #[test]
    fn unknown_and_duplicate_keys_are_errors_with_lines() {
        let e = errors("---\ntitle: A\ntitel: B\ndescription: d\ntitle: C\n---\n");
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].0, 3);
        assert!(e[0].1.contains("unknown front matter key `titel`"));
        assert_eq!(e[1].0, 5);
        assert!(e[1].1.contains("duplicate"));
    }

    #[test]
    fn missing_title_and_description() {
        let e = errors("---\ndescription:\n---\n");
        assert!(
            e.iter().any(|(l, m)| *l == 1 && m.contains("`title`")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|(l, m)| *l == 2 && m.contains("`description`")),
            "{e:?}"
        );
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert_eq!(errors("# Title\n")[0].0, 1);
        assert!(errors("---\ntitle: a\n")[0].1.contains("not closed"));
    }

    #[test]
    fn runbook_field_errors_point_at_their_lines() {
        let src = "---\ntitle: t\ndescription: d\nrunbook:\n  severity: urgent\n  alerts: []\n  owner: me\n  time_to_mitigate: soon\n---\n";
        let e = errors(src);
        assert!(
            e.iter().any(|(l, m)| *l == 5 && m.contains("urgent")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|(l, m)| *l == 7 && m.contains("unknown runbook key `owner`")),
            "{e:?}"
        );
        assert!(
            e.iter().any(|(l, m)| *l == 8 && m.contains("soon")),
            "{e:?}"
        );
        assert!(
            e.iter().any(|(l, m)| *l == 4 && m.contains("components")),
            "{e:?}"
        );
    }

    #[test]
    fn translated_from_must_look_like_a_hash() {
        let e = errors("---\ntitle: t\ndescription: d\ntranslated_from: nope\n---\n");
        assert_eq!(e[0].0, 4);
    }

    #[test]
    fn stamping_inserts_then_replaces() {
        let src = "---\ntitle: t\ndescription: d\n---\nbody\n";
        let once = set_translated_from(src, "0123456789ab").expect("stamps");
        assert_eq!(
            once,
            "---\ntitle: t\ndescription: d\ntranslated_from: 0123456789ab\n---\nbody\n"
        );
        let twice = set_translated_from(&once, "ba9876543210").expect("stamps");
        assert_eq!(
            twice,
            "---\ntitle: t\ndescription: d\ntranslated_from: ba9876543210\n---\nbody\n"
        );
        assert_eq!(
            parse(&twice)
                .expect("parses")
                .front
                .translated_from
                .as_deref(),
            Some("ba9876543210")
        );
    }

    #[test]
    fn durations() {
        for ok in ["15m", "1h", "1h30m", "2d", "90s"] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in ["", "m", "15", "15 m", "fast", "1.5h"] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    #[test]
    fn runbook_paths() {
        assert!(expects_runbook("runbooks/executor-oom"));
        assert!(!expects_runbook("runbooks"));
        assert!(!expects_runbook("guides/runbooks-howto"));
    }
}
