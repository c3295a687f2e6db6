//! Build-time code highlighting: syntect grammars (with two-face's extra ones, e.g. TOML),
//! reduced to eight short classes instead of syntect's inline styles or hundreds of scope classes.
//!
//! Eight classes keep the CSS small and themable (light/dark) and the HTML light; a reader needs
//! "this is a key, this is a string, this is a comment", not a full TextMate theme.

use std::collections::HashMap;
use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::markdown::{
    Highlighter, escape_code, escape_html, placeholder_html, placeholder_ranges,
};

/// Loading the grammar dump takes a noticeable fraction of a second: once per process.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

use crate::links::{grammar_token, unknown_language};

pub struct Syntect;

impl Syntect {
    fn syntax(lang: &str) -> Result<Option<&'static SyntaxReference>, String> {
        let Some(token) = grammar_token(lang) else {
            return Ok(None);
        };
        syntaxes()
            .find_syntax_by_token(token)
            .map(Some)
            .ok_or_else(|| unknown_language(lang))
    }

    /// Every token a code block's language can map to (file extensions and grammar names,
    /// lower case, without spaces): what the previewer checks languages against.
    pub fn tokens() -> Vec<String> {
        let mut out: Vec<String> = syntaxes()
            .syntaxes()
            .iter()
            .flat_map(|s| {
                s.file_extensions
                    .iter()
                    .cloned()
                    .chain(std::iter::once(s.name.clone()))
            })
            .map(|t| t.to_lowercase())
            .filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether `lang` is a language a code block may name.
    pub fn knows(lang: &str) -> bool {
        Self::syntax(lang).is_ok()
    }
}

/// Which short class a scope stands for. `Some(None)`: a scope that is deliberately plain and
/// stops the search (operators); `None`: not decisive, look at the enclosing scope.
fn classify(scope: &str) -> Option<Option<&'static str>> {
    let starts = |p: &str| scope == p || scope.starts_with(&format!("{p}."));
    let class = if starts("comment") {
        "tc"
    } else if starts("string") {
        "ts"
    } else if starts("constant") {
        "tn"
    } else if starts("storage.type.numeric") {
        // The `L` of `2L`: part of the number.
        "tn"
    } else if starts("storage.type.primitive") {
        // `Int`, `Long`: types, though grammars file them under storage.
        "tt"
    } else if starts("keyword.operator") {
        return Some(None);
    } else if starts("entity.name.tag")
        || starts("entity.other.attribute-name")
        || starts("support.type.property-name")
        || starts("meta.mapping.key")
        || starts("variable.other.property")
        || starts("keyword.other.key")
        || starts("entity.name.key")
    {
        "tp"
    } else if starts("keyword") || starts("storage") {
        "tk"
    } else if starts("entity.name.function")
        || starts("support.function")
        || starts("variable.function")
    {
        "tf"
    } else if starts("entity.name.type")
        || starts("entity.name.class")
        || starts("entity.other.inherited-class")
        || starts("support.type")
        || starts("support.class")
    {
        "tt"
    } else if starts("variable") {
        "tv"
    } else {
        return None;
    };
    Some(Some(class))
}

fn class_of(
    stack: &[Scope],
    cache: &mut HashMap<Scope, Option<Option<&'static str>>>,
) -> Option<&'static str> {
    for scope in stack.iter().rev() {
        let decided = *cache
            .entry(*scope)
            .or_insert_with(|| classify(&scope.build_string()));
        if let Some(class) = decided {
            return class;
        }
    }
    None
}

/// Appends text runs, merging neighbours of the same class into one span. Whitespace between
/// two runs of the same class joins them; between different classes it stays outside spans.
struct SpanWriter {
    html: String,
    class: Option<&'static str>,
    run: String,
    pending_ws: String,
}

impl SpanWriter {
    fn push(&mut self, class: Option<&'static str>, text: &str) {
        if text.trim().is_empty() {
            self.pending_ws.push_str(text);
            return;
        }
        if class == self.class {
            let ws = std::mem::take(&mut self.pending_ws);
            self.run.push_str(&ws);
        } else {
            self.flush_run();
            let ws = std::mem::take(&mut self.pending_ws);
            self.html.push_str(&escape_html(&ws));
            self.class = class;
        }
        self.run.push_str(text);
    }

    fn flush_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let escaped = escape_html(&self.run);
        match self.class {
            Some(c) => {
                self.html.push_str("<span class=\"");
                self.html.push_str(c);
                self.html.push_str("\">");
                self.html.push_str(&escaped);
                self.html.push_str("</span>");
            }
            None => self.html.push_str(&escaped),
        }
        self.run.clear();
    }

    /// A placeholder stands alone, outside any highlighting span.
    fn placeholder(&mut self, text: &str) {
        self.flush_run();
        let ws = std::mem::take(&mut self.pending_ws);
        self.html.push_str(&escape_html(&ws));
        self.html.push_str(&placeholder_html(text));
        self.class = None;
    }

    fn finish(mut self) -> String {
        self.flush_run();
        let ws = std::mem::take(&mut self.pending_ws);
        self.html.push_str(&escape_html(&ws));
        self.html
    }
}

impl Highlighter for Syntect {
    fn highlight(&self, lang: &str, code: &str) -> Result<String, String> {
        let Some(syntax) = Self::syntax(lang)? else {
            return Ok(escape_code(code));
        };
        let set = syntaxes();
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut cache = HashMap::new();
        let mut out = SpanWriter {
            html: String::with_capacity(code.len() * 2),
            class: None,
            run: String::new(),
            pending_ws: String::new(),
        };
        let mut segments: Vec<(std::ops::Range<usize>, Option<&'static str>)> = Vec::new();
        for line in LinesWithEndings::from(code) {
            let ops = state
                .parse_line(line, set)
                .map_err(|e| format!("highlighting `{lang}` failed: {e}"))?;
            segments.clear();
            let mut pos = 0;
            for (offset, op) in ops {
                let offset = offset.min(line.len());
                if offset > pos {
                    segments.push((pos..offset, class_of(stack.as_slice(), &mut cache)));
                    pos = offset;
                }
                stack
                    .apply(&op)
                    .map_err(|e| format!("highlighting `{lang}` failed: {e:?}"))?;
            }
            if pos < line.len() {
                segments.push((pos..line.len(), class_of(stack.as_slice(), &mut cache)));
            }
            // A placeholder is one element whatever the grammar made of it (`<` may be a
            // redirection to bash): cut the segments around it.
            let placeholders = placeholder_ranges(line);
            let mut next_ph = 0;
            for (range, class) in &segments {
                let mut at = range.start;
                while at < range.end {
                    while next_ph < placeholders.len() && placeholders[next_ph].end <= at {
                        next_ph += 1;
                    }
                    match placeholders.get(next_ph) {
                        Some(ph) if ph.start <= at => {
                            if ph.start == at {
                                out.placeholder(&line[ph.clone()]);
                            }
                            // ph.end > at (passed ones were skipped above): always advances.
                            at = ph.end.min(range.end);
                        }
                        Some(ph) if ph.start < range.end => {
                            out.push(*class, &line[at..ph.start]);
                            at = ph.start;
                        }
                        _ => {
                            out.push(*class, &line[at..range.end]);
                            at = range.end;
                        }
                    }
                }
            }
        }
        Ok(out.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_tags(h: &str) -> String {
        let mut s = String::new();
        let mut in_tag = false;
        for c in h.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => s.push(c),
                _ => {}
            }
        }
        s
    }

    fn spans(lang: &str, code: &str) -> String {
        Syntect.highlight(lang, code).expect("highlights")
    }

    #[test]
    fn yaml_keys_strings_numbers_comments() {
        let h = spans(
            "yaml",
            "# sizing\nspark:\n  executor:\n    memory: \"4g\"\n    instances: 3\n    enabled: true\n",
        );
        assert!(h.contains("<span class=\"tc\"># sizing"), "{h}");
        assert!(h.contains("<span class=\"tp\">spark</span>"), "{h}");
        assert!(
            h.contains("<span class=\"ts\">&quot;4g&quot;</span>"),
            "{h}"
        );
        assert!(h.contains("<span class=\"tn\">3</span>"), "{h}");
        assert!(h.contains("<span class=\"tn\">true</span>"), "{h}");
        assert!(!h.contains("style="));
    }

    #[test]
    fn placeholders_are_never_split_by_highlighting() {
        for (lang, code) in [
            (
                "bash",
                "kubectl -n <namespace> logs deploy/<release>-spark-41-connect > out.txt\n",
            ),
            (
                "yaml",
                "image: <registry>/spark:4.1\nnamespace: \"<namespace>\"\n",
            ),
            ("text", "<namespace>\n"),
        ] {
            let h = spans(lang, code);
            assert!(
                h.contains("<span class=\"ph\" data-ph=\"namespace\">&lt;namespace&gt;</span>")
                    || h.contains("data-ph=\"registry\""),
                "{lang}: {h}"
            );
            let plain: String = strip_tags(&h);
            assert_eq!(plain, escape_html(code), "{lang}");
        }
    }

    #[test]
    fn property_keys_and_primitive_types() {
        let h = spans("properties", "spark.executor.memory=4g\n");
        assert!(
            h.contains("<span class=\"tp\">spark.executor.memory</span>"),
            "{h}"
        );
        let h = spans("scala", "def g(n: Int): Long = 2L\n");
        assert!(h.contains("<span class=\"tt\">Int</span>"), "{h}");
        assert!(h.contains("<span class=\"tk\">def</span>"), "{h}");
        assert!(h.contains("<span class=\"tn\">2L</span>"), "{h}");
    }

    #[test]
    fn every_class_is_one_of_the_eight() {
        let samples = [
            (
                "bash",
                "helm install spark ./charts/spark-4.1 -n \"$NS\" --set a=1 # go\nif [ -z \"$X\" ]; then echo hi; fi\n",
            ),
            (
                "python",
                "def f(x: int) -> str:\n    return \"a\" + str(1)  # c\n",
            ),
            (
                "scala",
                "object A { def main(args: Array[String]): Unit = println(\"hi\") }\n",
            ),
            ("sql", "SELECT count(*) FROM t WHERE x = 'a' -- c\n"),
            ("json", "{\"a\": [1, true, null, \"s\"]}\n"),
            ("toml", "[server]\nport = 8080 # c\nname = \"x\"\n"),
            ("properties", "spark.executor.memory=4g\n# comment\n"),
            ("console", "kubectl get pods -n spark\n"),
        ];
        let allowed = ["tk", "ts", "tn", "tc", "tp", "tf", "tt", "tv"];
        for (lang, code) in samples {
            let h = spans(lang, code);
            assert!(h.contains("<span class="), "{lang}: {h}");
            for part in h.split("<span class=\"").skip(1) {
                let class = &part[..part.find('"').expect("closing quote")];
                assert!(allowed.contains(&class), "{lang}: class {class} in {h}");
            }
        }
    }

    #[test]
    fn the_text_survives_highlighting() {
        let code = "a: <b> & 'c'\n";
        let h = spans("yaml", code);
        let stripped = strip_tags(&h);
        assert_eq!(stripped, escape_html(code));
    }

    #[test]
    fn text_is_plain_and_unknown_languages_are_errors() {
        assert_eq!(spans("text", "<X>"), "&lt;X&gt;");
        assert_eq!(spans("promql", "rate(x[5m])"), "rate(x[5m])");
        let e = Syntect.highlight("klingon", "x").expect_err("unknown");
        assert!(e.contains("`klingon`"));
        assert!(Syntect::knows("sh") && Syntect::knows("toml") && Syntect::knows("properties"));
    }
}
