//! Reads what this module writes back into trees, for the views that inspect a bundle rather
//! than print it (the restricted checker, the schema validator, the tests). Only the writer's own
//! forms are read: block maps and sequences, plain and double-quoted scalars, literal blocks,
//! `{}` and `[]`, and whole-line comments before the first document. Anything else is an error
//! with its line number, never a guess.

use super::{Text, Y};

/// The documents of one file.
pub fn documents(text: &str) -> Result<Vec<Y>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| !l.starts_with('#'))
        .unwrap_or(lines.len());
    let mut docs = Vec::new();
    let mut from = start;
    for at in start..=lines.len() {
        if at == lines.len() || lines[at] == "---" {
            if at > from {
                let mut r = Reader {
                    lines: &lines[..at],
                    at: from,
                };
                let doc = r.node(0)?;
                if r.at != at {
                    return Err(r.error("unexpected line"));
                }
                docs.push(doc);
            }
            from = at + 1;
        }
    }
    Ok(docs)
}

struct Reader<'a> {
    lines: &'a [&'a str],
    at: usize,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_item(rest: &str) -> bool {
    rest == "-" || rest.starts_with("- ")
}

impl<'a> Reader<'a> {
    fn error(&self, what: &str) -> String {
        format!("line {}: {what}", self.at + 1)
    }

    /// The rest of the current line after `ind` spaces, if it is indented exactly so.
    fn line_at(&self, ind: usize) -> Option<&'a str> {
        let line: &'a str = self.lines.get(self.at)?;
        (indent_of(line) == ind && !line.is_empty()).then(|| &line[ind..])
    }

    /// A block node whose first line is indented `ind`.
    fn node(&mut self, ind: usize) -> Result<Y, String> {
        let Some(rest) = self.line_at(ind) else {
            return Err(self.error("expected a value"));
        };
        if is_item(rest) {
            self.seq(ind)
        } else if split_key(rest)?.is_some() {
            self.map(ind, None)
        } else {
            self.at += 1;
            self.scalar(rest, ind + 2)
        }
    }

    fn seq(&mut self, ind: usize) -> Result<Y, String> {
        let mut items = Vec::new();
        while let Some(rest) = self.line_at(ind).filter(|r| is_item(r)) {
            if rest == "-" {
                self.at += 1;
                items.push(self.node(ind + 2)?);
                continue;
            }
            let after = &rest[2..];
            if split_key(after)?.is_some() {
                items.push(self.map(ind + 2, Some(after))?);
            } else {
                // An item's literal block sits two deeper than the text after its `- `.
                self.at += 1;
                items.push(self.scalar(after, ind + 4)?);
            }
        }
        Ok(Y::Seq(items))
    }

    /// A map at indent `ind`; `first` is its first entry when that sits on a `- ` line.
    fn map(&mut self, ind: usize, first: Option<&'a str>) -> Result<Y, String> {
        let mut entries = Vec::new();
        let mut next = first;
        loop {
            let line = match next.take() {
                Some(line) => line,
                None => match self.line_at(ind) {
                    Some(rest) if !is_item(rest) => rest,
                    _ => break,
                },
            };
            let Some((key, value)) = split_key(line)? else {
                return Err(self.error("expected `key:`"));
            };
            self.at += 1;
            let v = if value.is_empty() {
                // A collection on the next lines: a sequence at the key's indent, a map deeper.
                match self.lines.get(self.at) {
                    Some(l) if indent_of(l) == ind && is_item(&l[ind..]) => self.seq(ind)?,
                    Some(l) if indent_of(l) > ind => self.node(indent_of(l))?,
                    _ => return Err(self.error("a key without a value")),
                }
            } else {
                self.scalar(value, ind + 2)?
            };
            entries.push((Text::Owned(key), v));
        }
        Ok(Y::Map(entries))
    }

    /// One scalar; the line is consumed, and a literal block's lines (indented `block`) too.
    fn scalar(&mut self, s: &str, block: usize) -> Result<Y, String> {
        Ok(match s {
            "{}" => Y::map(),
            "[]" => Y::Seq(Vec::new()),
            "null" => Y::Null,
            "true" => Y::Bool(true),
            "false" => Y::Bool(false),
            "|" | "|-" => {
                let mut body = Vec::new();
                while let Some(line) = self.lines.get(self.at) {
                    if !line.is_empty() && indent_of(line) < block {
                        break;
                    }
                    body.push(line.get(block..).unwrap_or(""));
                    self.at += 1;
                }
                let mut text = body.join("\n");
                if s == "|" {
                    text.push('\n');
                }
                Y::from(text)
            }
            _ if s.starts_with('"') => match quoted(s) {
                Some((text, "")) => Y::from(text),
                _ => return Err(self.error("a broken quoted string")),
            },
            _ => match number(s) {
                Some(n) => n,
                None => Y::from(s.to_string()),
            },
        })
    }
}

/// `key: value` (value possibly empty) or None when the line is not a map entry.
fn split_key(line: &str) -> Result<Option<(String, &str)>, String> {
    let (key, rest) = if line.starts_with('"') {
        match quoted(line) {
            Some((key, rest)) => (key, rest),
            None => return Err(format!("a broken quoted key in `{line}`")),
        }
    } else {
        // A plain scalar never holds `: ` nor ends in `:`, so the first one ends the key.
        match line.find(": ") {
            Some(at) => (line[..at].to_string(), &line[at..]),
            None if line.ends_with(':') => (line[..line.len() - 1].to_string(), ":"),
            None => return Ok(None),
        }
    };
    Ok(match rest {
        ":" => Some((key, "")),
        _ => rest.strip_prefix(": ").map(|v| (key, v)),
    })
}

/// A double-quoted string at the start of `s`, unescaped, and what follows it.
fn quoted(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &s[i + 1..])),
            '\\' => match chars.next()?.1 {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = (0..4).filter_map(|_| chars.next().map(|c| c.1)).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// Integers and the decimals the writer leaves plain; any other plain text is a string.
fn number(s: &str) -> Option<Y> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
        return None;
    }
    match s.parse::<i64>() {
        Ok(n) => Some(Y::Int(n)),
        Err(_) if digits.bytes().filter(|c| *c == b'.').count() == 1 => Some(Y::Num(s.into())),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{to_string, write_documents};
    use crate::{ymap, yseq};

    #[test]
    fn reads_back_what_is_written() {
        let block = "first\n\n  indented\nlast\n";
        let docs = vec![
            ymap! {
                "a" => ymap! { "b" => 1i64, "e" => Y::map(), "s" => Y::Seq(vec![]), "n" => Y::Null },
                "l" => yseq![ymap! { "x" => "1", "y" => true }, "z", yseq!["p", yseq![]], Y::map(), block],
                "hostile: key" => "a: b # c\n\"quoted\"\ttab \u{2028}",
                "k" => ymap! { "m" => yseq![ymap! { "deep" => yseq![ymap! { "q" => block, "r" => "no newline\nat end" }] }] },
                "num" => Y::Num("0.25".into()),
                "neg" => -3i64,
                "colon:inside" => "s3a://bucket/path",
            },
            Y::from(block),
            yseq![yseq!["a"], "b"],
            Y::Null,
        ];
        let mut text = String::from("# header\n# more\n");
        write_documents(&mut text, &docs);
        let back = documents(&text).expect("reads");
        assert_eq!(back, docs, "{text}");
        let mut again = String::from("# header\n# more\n");
        write_documents(&mut again, &back);
        assert_eq!(again, text);
    }

    #[test]
    fn rejects_what_it_does_not_write() {
        for bad in ["a: \"open", "- \"x\" y", "a:\nb: 1", "a: 1\n  b: 2"] {
            assert!(documents(bad).is_err(), "{bad:?}");
        }
        assert_eq!(documents(""), Ok(Vec::<Y>::new()));
        assert_eq!(
            documents("x: 1\n").map(|d| to_string(&d[0])),
            Ok("x: 1\n".into())
        );
    }
}
