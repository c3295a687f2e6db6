//! SUMMARY.md: the sidebar order of one language, parsed line by line so every error has a line.

use crate::model::{NavItem, NavSection};

/// One listed page, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryEntry {
    pub title: String,
    /// Route path, as [`crate::Page::path`].
    pub path: String,
    /// The link target as written (`guides/sizing.md`).
    pub target: String,
    pub line: usize,
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Sections with at least one page.
    pub nav: Vec<NavSection>,
    /// Every listed page, flattened in order.
    pub entries: Vec<SummaryEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryError {
    pub line: usize,
    pub message: String,
}

/// The route path a content file is served at: `index.md` → "", `a/index.md` → "a",
/// `a/b.md` → "a/b". `None` for anything that is not a plain relative `.md` path.
pub fn route_path_for_file(rel: &str) -> Option<String> {
    let stem = rel.strip_suffix(".md")?;
    if stem.is_empty() || rel.starts_with('/') || rel.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in stem.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    if parts.last() == Some(&"index") {
        parts.pop();
    }
    Some(parts.join("/"))
}

/// Parse one language's SUMMARY.md. Every problem is reported.
pub fn parse(text: &str) -> Result<Summary, Vec<SummaryError>> {
    let mut errors = Vec::new();
    let mut sections: Vec<NavSection> = Vec::new();
    let mut entries = Vec::new();
    let mut prev_depth: Option<usize> = None;
    for (idx, raw) in text.split('\n').enumerate() {
        let line = idx + 1;
        let raw = raw.trim_end_matches('\r').trim_end();
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || (trimmed.starts_with("<!--") && trimmed.ends_with("-->")) {
            continue;
        }
        if let Some(title) = raw.strip_prefix("## ") {
            sections.push(NavSection {
                title: title.trim().to_string(),
                items: Vec::new(),
            });
            prev_depth = None;
            continue;
        }
        if raw.starts_with("# ") {
            if !sections.is_empty() || !entries.is_empty() {
                errors.push(SummaryError {
                    line,
                    message: "the `# ` title belongs at the top, before the first `## ` section"
                        .into(),
                });
            }
            continue;
        }
        let indent = raw.len() - trimmed.len();
        let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        else {
            errors.push(SummaryError {
                line,
                message: format!(
                    "unexpected line `{trimmed}`: SUMMARY.md holds `## Section` lines and `- [Title](page.md)` items"
                ),
            });
            continue;
        };
        let Some((title, target)) = split_link(item.trim()) else {
            errors.push(SummaryError {
                line,
                message: "a SUMMARY item is a single link: `- [Title](path/to/page.md)`".into(),
            });
            continue;
        };
        if indent % 2 != 0 || raw.starts_with('\t') {
            errors.push(SummaryError {
                line,
                message: "nest SUMMARY items by two spaces".into(),
            });
            continue;
        }
        let depth = indent / 2;
        if depth > prev_depth.map_or(0, |d| d + 1) {
            errors.push(SummaryError {
                line,
                message: "this item is nested deeper than the item above it".into(),
            });
            continue;
        }
        let Some(section) = sections.last_mut() else {
            errors.push(SummaryError {
                line,
                message: "a page is listed before the first `## Section` line".into(),
            });
            continue;
        };
        let path = if target.contains('#') || target.contains("://") || target.starts_with('/') {
            None
        } else {
            route_path_for_file(target)
        };
        let Some(path) = path else {
            errors.push(SummaryError {
                line,
                message: format!(
                    "`{target}` is not a relative link to a `.md` page in this language's folder"
                ),
            });
            continue;
        };
        if let Some(first) = entries.iter().find(|e: &&SummaryEntry| e.path == path) {
            errors.push(SummaryError {
                line,
                message: format!("`{target}` is already listed on line {}", first.line),
            });
            continue;
        }
        insert_at(
            &mut section.items,
            depth,
            NavItem {
                title: title.to_string(),
                path: path.clone(),
                children: Vec::new(),
            },
        );
        entries.push(SummaryEntry {
            title: title.to_string(),
            path,
            target: target.to_string(),
            line,
            depth,
        });
        prev_depth = Some(depth);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    sections.retain(|s| !s.items.is_empty());
    Ok(Summary {
        nav: sections,
        entries,
    })
}

/// Append under the last item `depth` levels down (depth was checked against the item above).
fn insert_at(items: &mut Vec<NavItem>, depth: usize, item: NavItem) {
    match items.last_mut() {
        Some(parent) if depth > 0 => insert_at(&mut parent.children, depth - 1, item),
        _ => items.push(item),
    }
}

/// `[Title](target)` filling the whole item.
fn split_link(item: &str) -> Option<(&str, &str)> {
    let inner = item.strip_prefix('[')?.strip_suffix(')')?;
    let (title, target) = inner.rsplit_once("](")?;
    let title = title.trim();
    let target = target.trim();
    if title.is_empty() || target.is_empty() {
        return None;
    }
    Some((title, target))
}

/// EN and RU must list the same pages in the same order. Errors point into `other`'s file.
pub fn parity(reference: &Summary, other: &Summary) -> Vec<SummaryError> {
    let mut errors = Vec::new();
    let n = reference.entries.len().max(other.entries.len());
    for i in 0..n {
        match (reference.entries.get(i), other.entries.get(i)) {
            (Some(r), Some(o)) if r.path == o.path && r.depth == o.depth => {}
            (Some(r), Some(o)) => {
                errors.push(SummaryError {
                    line: o.line,
                    message: format!(
                        "SUMMARY order differs: `{}` here, but the other language lists `{}` at this position (its line {})",
                        o.target, r.target, r.line
                    ),
                });
                // Once out of step, every later item would differ too: one error is enough.
                break;
            }
            (Some(r), None) => {
                errors.push(SummaryError {
                    line: other.entries.last().map_or(1, |e| e.line),
                    message: format!(
                        "`{}` is missing here: the other language lists it (its line {})",
                        r.target, r.line
                    ),
                });
                break;
            }
            (None, Some(o)) => {
                errors.push(SummaryError {
                    line: o.line,
                    message: format!("`{}` is not listed in the other language", o.target),
                });
                break;
            }
            (None, None) => {}
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "# Summary\n\n## Start here\n- [Why](index.md)\n- [Getting started](getting-started/index.md)\n  - [Local](getting-started/local.md)\n\n## Empty\n\n## Guides\n- [Sizing](guides/sizing.md)\n";

    #[test]
    fn sections_items_and_nesting() {
        let s = parse(EN).expect("parses");
        assert_eq!(s.nav.len(), 2, "the empty section is dropped");
        assert_eq!(s.nav[0].title, "Start here");
        assert_eq!(s.nav[0].items[1].path, "getting-started");
        assert_eq!(s.nav[0].items[1].children[0].path, "getting-started/local");
        assert_eq!(s.nav[1].items[0].title, "Sizing");
        let paths: Vec<_> = s
            .entries
            .iter()
            .map(|e| (e.path.as_str(), e.line))
            .collect();
        assert_eq!(
            paths,
            vec![
                ("", 4),
                ("getting-started", 5),
                ("getting-started/local", 6),
                ("guides/sizing", 11)
            ]
        );
    }

    #[test]
    fn malformed_lines_are_reported_with_their_line() {
        let text = "## A\n- [x](x.md)\n      - [deep](deep.md)\nsome prose\n- [ext](https://example.com)\n- [x again](./x.md)\n - [odd](odd.md)\n";
        let e = parse(text).expect_err("errors");
        let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7], "{e:?}");
    }

    #[test]
    fn items_before_a_section_are_rejected() {
        let e = parse("- [x](x.md)\n").expect_err("errors");
        assert_eq!(e[0].line, 1);
    }

    #[test]
    fn parity_reports_the_first_difference_in_the_other_file() {
        let en = parse(EN).expect("parses");
        let ru_text = "# Оглавление\n\n## С чего начать\n- [Зачем](index.md)\n- [Локально](getting-started/local.md)\n- [Быстрый старт](getting-started/index.md)\n\n## Руководства\n- [Размеры](guides/sizing.md)\n";
        let ru = parse(ru_text).expect("parses");
        let e = parity(&en, &ru);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 5);
        assert!(
            e[0].message.contains("getting-started/index.md"),
            "{}",
            e[0].message
        );

        let short = parse("## A\n- [Зачем](index.md)\n").expect("parses");
        let e = parity(&en, &short);
        assert_eq!(e[0].line, 2);
        assert!(e[0].message.contains("missing here"));
        assert!(parity(&en, &en).is_empty());
    }

    #[test]
    fn file_to_route_path() {
        assert_eq!(route_path_for_file("index.md").as_deref(), Some(""));
        assert_eq!(route_path_for_file("a/index.md").as_deref(), Some("a"));
        assert_eq!(route_path_for_file("./a/b.md").as_deref(), Some("a/b"));
        assert_eq!(route_path_for_file("a/../b.md").as_deref(), Some("b"));
        assert_eq!(route_path_for_file("../b.md"), None);
        assert_eq!(route_path_for_file("b.html"), None);
    }
}
