//! The hostile corpus the previewer's browser test pastes (tests/fixtures/hostile), checked
//! natively too: whatever the browser would do, the renderer's output holds nothing that runs.
#![cfg(feature = "markdown")]

use content::Lang;
use content::markdown::{AnyPage, PlainCode, check_and_render};

#[test]
fn hostile_markdown_renders_to_inert_html() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hostile");
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let links = AnyPage {
            base: "/".into(),
            lang: Lang::En,
        };
        let checked = check_and_render(Lang::En, "page.md", &text, &links, &PlainCode);
        let html = checked.rendered.html.to_lowercase();
        let name = path.display();
        for tag in live_tags(&html) {
            let tag_name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(ALLOWED.contains(&tag_name.as_str()), "{name}: <{tag}>");
            for (attr, value) in attributes(&tag) {
                assert!(
                    !attr.starts_with("on") && attr != "style" && attr != "srcdoc",
                    "{name}: <{tag}>"
                );
                let v = value.trim_start();
                assert!(
                    !["javascript:", "vbscript:", "data:"]
                        .iter()
                        .any(|s| v.starts_with(s)),
                    "{name}: <{tag}>"
                );
            }
        }
        assert!(
            checked.findings.iter().all(|f| f.line >= 1),
            "{name}: {:?}",
            checked.findings
        );
        seen += 1;
    }
    assert!(seen >= 6, "only {seen} hostile fixtures");
}

/// Elements the renderer writes; anything else in the output came from the input.
const ALLOWED: &[&str] = &[
    "p",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "div",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "aside",
    "em",
    "strong",
    "del",
    "img",
    "input",
    "label",
    "button",
    "hr",
    "br",
    "sup",
    "section",
];

/// The inside of every live start tag (`<` followed by a letter: text `<` is escaped).
fn live_tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let end = rest.find('>').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// `name="value"` pairs of a tag (values are escaped, so a `"` always ends one).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.split_once(' ').map_or("", |(_, r)| r);
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_string();
        let after = &rest[eq + 1..];
        let Some(v) = after.strip_prefix('"') else {
            break;
        };
        let end = v.find('"').unwrap_or(v.len());
        out.push((name, v[..end].to_string()));
        rest = v.get(end + 1..).unwrap_or("");
    }
    out
}
