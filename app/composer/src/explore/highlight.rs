//! A small highlighter for the bundle's own files: YAML (values, manifests), shell (install.sh)
//! and markdown (README). It classifies spans of one line; the page wraps them in `<span>`s.

/// What a span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Plain,
    Comment,
    Key,
    Str,
    Num,
    /// true/false/null, shell keywords.
    Lit,
    /// `---`, list dashes, block scalar markers, `#` headings.
    Punct,
    /// `$VAR`, `${VAR}`, command flags.
    Var,
}

impl Class {
    /// The CSS class the page gives the span (empty for plain text).
    pub fn css(self) -> &'static str {
        match self {
            Class::Plain => "",
            Class::Comment => "hl-c",
            Class::Key => "hl-k",
            Class::Str => "hl-s",
            Class::Num => "hl-n",
            Class::Lit => "hl-l",
            Class::Punct => "hl-p",
            Class::Var => "hl-v",
        }
    }
}

/// Which grammar a file gets, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Yaml,
    Shell,
    Markdown,
}

pub fn lang_of(file: &str) -> Lang {
    if file.ends_with(".sh") {
        Lang::Shell
    } else if file.ends_with(".md") {
        Lang::Markdown
    } else {
        Lang::Yaml
    }
}

pub type Spans<'a> = Vec<(Class, &'a str)>;

/// Splits one line into classified spans. Concatenating the spans gives the line back.
pub fn line(lang: Lang, text: &str) -> Spans<'_> {
    match lang {
        Lang::Yaml => yaml(text),
        Lang::Shell => shell(text),
        Lang::Markdown => markdown(text),
    }
}

fn scalar_class(v: &str) -> Class {
    let t = v.trim();
    if t.starts_with('"') || t.starts_with('\'') {
        Class::Str
    } else if matches!(t, "true" | "false" | "null" | "~" | "{}" | "[]") {
        Class::Lit
    } else if is_number(t) {
        Class::Num
    } else if t == "|" || t == ">" || t == "|-" {
        Class::Punct
    } else {
        Class::Plain
    }
}

/// Integers and plain decimals; parsing as f64 would pull float parsing into the WASM.
fn is_number(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let mut parts = t.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn yaml(text: &str) -> Spans<'_> {
    let mut out = Vec::new();
    let body_start = text.len() - text.trim_start().len();
    let (indent, mut rest) = text.split_at(body_start);
    if !indent.is_empty() {
        out.push((Class::Plain, indent));
    }
    if rest.starts_with('#') {
        out.push((Class::Comment, rest));
        return out;
    }
    if rest == "---" {
        out.push((Class::Punct, rest));
        return out;
    }
    while let Some(r) = rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))
    {
        out.push((Class::Punct, &rest[..rest.len() - r.len()]));
        rest = r;
    }
    // A key ends at the first `: ` or a trailing `:` outside quotes; our writer quotes keys
    // that contain either.
    let key_end = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.find("\":").map(|i| i + 2)
    } else {
        rest.find(": ")
            .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))
    };
    if let Some(k) = key_end.filter(|&k| k > 0) {
        out.push((Class::Key, &rest[..k]));
        out.push((Class::Punct, &rest[k..k + 1]));
        rest = &rest[k + 1..];
    }
    if !rest.is_empty() {
        out.push((scalar_class(rest), rest));
    }
    out
}

fn shell(text: &str) -> Spans<'_> {
    let mut out = Vec::new();
    let t = text.trim_start();
    if t.starts_with('#') {
        let i = text.len() - t.len();
        if i > 0 {
            out.push((Class::Plain, &text[..i]));
        }
        out.push((Class::Comment, t));
        return out;
    }
    let b = text.as_bytes();
    let mut i = 0;
    let mut start = 0;
    let mut word_start = true;
    while i < b.len() {
        let c = b[i];
        let (class, end) = if c == b'\'' || c == b'"' {
            let close = text[i + 1..].find(c as char).map_or(b.len(), |j| i + 2 + j);
            (Class::Str, close)
        } else if c == b'$' {
            let mut e = i + 1;
            if b.get(e) == Some(&b'{') {
                e = text[e..].find('}').map_or(b.len(), |j| e + j + 1);
            } else {
                while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'_') {
                    e += 1;
                }
            }
            (Class::Var, e)
        } else if word_start && c == b'-' {
            let e = text[i..].find([' ', '=']).map_or(b.len(), |j| i + j);
            (Class::Var, e)
        } else if word_start && c.is_ascii_alphabetic() {
            let e = text[i..]
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                .map_or(b.len(), |j| i + j);
            let w = &text[i..e];
            let kw = matches!(
                w,
                "if" | "then"
                    | "else"
                    | "fi"
                    | "for"
                    | "do"
                    | "done"
                    | "set"
                    | "export"
                    | "echo"
                    | "exit"
                    | "until"
                    | "while"
                    | "case"
                    | "esac"
                    | "in"
            );
            (if kw { Class::Lit } else { Class::Plain }, e)
        } else {
            word_start = c == b' ' || c == b'|' || c == b';' || c == b'(';
            i += 1;
            continue;
        };
        if start < i {
            out.push((Class::Plain, &text[start..i]));
        }
        out.push((class, &text[i..end.min(b.len())]));
        i = end.min(b.len());
        start = i;
        word_start = false;
    }
    if start < b.len() {
        out.push((Class::Plain, &text[start..]));
    }
    out
}

fn markdown(text: &str) -> Spans<'_> {
    if text.starts_with('#') {
        vec![(Class::Key, text)]
    } else if text.starts_with("<!--") || text.starts_with("    ") || text.starts_with("```") {
        vec![(Class::Comment, text)]
    } else {
        vec![(Class::Plain, text)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(s: &Spans<'_>) -> String {
        s.iter().map(|(_, t)| *t).collect()
    }

    #[test]
    fn yaml_keys_values_and_comments() {
        let s = line(Lang::Yaml, "  runAsUser: 185");
        assert_eq!(
            s,
            vec![
                (Class::Plain, "  "),
                (Class::Key, "runAsUser"),
                (Class::Punct, ":"),
                (Class::Num, " 185")
            ]
        );
        assert_eq!(line(Lang::Yaml, "# Share link: 1~x")[0].0, Class::Comment);
        let s = line(Lang::Yaml, "    - name: \"a: b\"");
        assert!(s.contains(&(Class::Key, "name")));
        assert!(s.contains(&(Class::Str, " \"a: b\"")));
        assert_eq!(line(Lang::Yaml, "  x: true")[3], (Class::Lit, " true"));
        assert_eq!(
            line(Lang::Yaml, "  spark-defaults.conf: |")[3].0,
            Class::Punct
        );
    }

    #[test]
    fn shell_words() {
        let s = line(
            Lang::Shell,
            "helm upgrade --install \"$RELEASE\" x -n ${NS}",
        );
        assert!(s.contains(&(Class::Var, "--install")));
        assert!(s.contains(&(Class::Str, "\"$RELEASE\"")));
        assert!(s.contains(&(Class::Var, "${NS}")));
        assert_eq!(
            line(Lang::Shell, "set -euo pipefail")[0],
            (Class::Lit, "set")
        );
    }

    #[test]
    fn spans_always_give_the_line_back() {
        let p = crate::preset("airflow-mlflow").expect("preset");
        let c = crate::compose(p.id, &p.choices());
        for (name, text) in &c.files {
            for l in text.lines() {
                assert_eq!(joined(&line(lang_of(name), l)), l, "{name}");
            }
        }
        for l in [
            "'unclosed",
            "\"x",
            "${",
            "$",
            "-",
            "- -",
            "\"k\": v",
            "a:",
            "é: ü",
        ] {
            for lang in [Lang::Yaml, Lang::Shell, Lang::Markdown] {
                assert_eq!(joined(&line(lang, l)), l);
            }
        }
    }
}
