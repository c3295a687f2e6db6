//! The output explorer's code views as HTML: highlighted files with selectable lines, and diffs.

use composer::explore::diff::{self, Op};
use composer::explore::highlight::{self, Class};

use super::charts::esc;

fn spans(out: &mut String, lang: highlight::Lang, line: &str) {
    for (class, text) in highlight::line(lang, line) {
        if class == Class::Plain {
            out.push_str(&esc(text));
        } else {
            out.push_str(&format!(
                r#"<span class="{}">{}</span>"#,
                class.css(),
                esc(text)
            ));
        }
    }
}

/// A whole file, one block element per line, the selected one marked.
pub fn file_html(name: &str, text: &str, selected: Option<usize>) -> String {
    let lang = highlight::lang_of(name);
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in text.lines().enumerate() {
        let sel = selected == Some(i);
        out.push_str(&format!(
            r#"<span class="ln{}" data-l="{i}"{}><span class="no" aria-hidden="true">{}</span>"#,
            if sel { " sel" } else { "" },
            if sel { r#" aria-current="true""# } else { "" },
            i + 1
        ));
        spans(&mut out, lang, line);
        out.push_str("</span>");
    }
    out
}

/// A folded diff of two texts; None when they are equal.
pub fn diff_html(name: &str, old: &str, new: &str, unchanged: &str) -> Option<String> {
    let d = diff::lines(old, new);
    if diff::stats(&d) == (0, 0) {
        return None;
    }
    let lang = highlight::lang_of(name);
    let mut out = String::new();
    for item in diff::folded(&d, 3) {
        match item {
            Ok(l) => {
                let (cls, mark) = match l.op {
                    Op::Same => ("ln", " "),
                    Op::Added => ("ln add", "+"),
                    Op::Removed => ("ln del", "−"),
                };
                out.push_str(&format!(
                    r#"<span class="{cls}"><span class="no" aria-hidden="true">{mark}</span>"#
                ));
                spans(&mut out, lang, l.text);
                out.push_str("</span>");
            }
            Err(n) => out.push_str(&format!(
                r#"<span class="ln fold">… {n} {}</span>"#,
                esc(unchanged)
            )),
        }
    }
    Some(out)
}

/// The MIME type a file is downloaded with.
pub fn mime(name: &str) -> &'static str {
    if name.ends_with(".sh") {
        "text/x-shellscript"
    } else if name.ends_with(".md") {
        "text/markdown"
    } else {
        "application/yaml"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_in_code_views() {
        let h = file_html("values.yaml", "a: \"<script>x</script>\"\n", Some(0));
        assert!(!h.contains("<script>"));
        assert!(h.contains("&lt;script&gt;"));
        assert!(h.contains("sel"));
        let d = diff_html("values.yaml", "a: 1\n", "a: <b>\n", "same").expect("differs");
        assert!(d.contains("&lt;b&gt;") && d.contains("add") && d.contains("del"));
        assert!(diff_html("x.yaml", "a\n", "a\n", "same").is_none());
    }
}
