//! The one module that writes YAML. It decides quoting: a string is written plain only when it
//! cannot be read back as anything but the same string, otherwise double-quoted with escapes, so
//! user text can never add keys, documents or comments.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Text in the tree. Keys and most values are literals in the renderers and are borrowed; only
/// text built from the reader's choices is owned, which keeps a bundle to a few allocations.
pub type Text = Cow<'static, str>;

/// A YAML value. Maps keep insertion order.
#[derive(Clone, Debug, PartialEq)]
pub enum Y {
    Null,
    Bool(bool),
    Int(i64),
    /// A number written as is (e.g. `0.25`); only built from our own formatting.
    Num(String),
    Str(Text),
    Seq(Vec<Y>),
    Map(Vec<(Text, Y)>),
}

impl Y {
    pub fn map() -> Y {
        Y::Map(Vec::new())
    }

    /// Adds or replaces `key` in a map (no-op on other values); returns self for chaining.
    pub fn with(mut self, key: impl Into<Text>, v: impl Into<Y>) -> Y {
        self.set(key, v.into());
        self
    }

    pub fn set(&mut self, key: impl Into<Text>, v: Y) {
        if let Y::Map(m) = self {
            let key = key.into();
            if let Some(slot) = m.iter_mut().find(|(k, _)| *k == key) {
                slot.1 = v;
            } else {
                m.push((key, v));
            }
        }
    }

    /// Sets a dotted path (`a.b.c`), creating maps on the way. A key containing dots is passed
    /// with `set_path_keys`. Paths are literals, so the keys are borrowed, not copied.
    pub fn set_path(&mut self, path: &'static str, v: Y) {
        match path.split_once('.') {
            Some((first, rest)) => {
                if let Some(child) = self.child_map(first) {
                    child.set_path(rest, v);
                }
            }
            None => self.set(path, v),
        }
    }

    pub fn set_path_keys(&mut self, keys: &[&'static str], v: Y) {
        match keys {
            [] => {}
            [last] => self.set(*last, v),
            [first, rest @ ..] => {
                if let Some(child) = self.child_map(first) {
                    child.set_path_keys(rest, v);
                }
            }
        }
    }

    /// The map under `key` in a map, created (or replacing a scalar) when needed; None when self
    /// is not a map.
    fn child_map(&mut self, key: &'static str) -> Option<&mut Y> {
        let Y::Map(m) = self else {
            return None;
        };
        let at = match m.iter().position(|(k, _)| k == key) {
            Some(at) => {
                if !matches!(m[at].1, Y::Map(_)) {
                    m[at].1 = Y::map();
                }
                at
            }
            None => {
                m.push((Text::Borrowed(key), Y::map()));
                m.len() - 1
            }
        };
        Some(&mut m[at].1)
    }

    pub fn get(&self, key: &str) -> Option<&Y> {
        match self {
            Y::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn get_path(&self, path: &str) -> Option<&Y> {
        path.split('.').try_fold(self, |y, k| y.get(k))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Y::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Deep merge in place: values of `over` win; maps merge recursively. `over` is consumed, so
    /// nothing is copied.
    pub fn merge(&mut self, over: Y) {
        match (self, over) {
            (Y::Map(a), Y::Map(b)) => {
                for (k, v) in b {
                    match a.iter_mut().find(|(ak, _)| *ak == k) {
                        Some(slot) => slot.1.merge(v),
                        None => a.push((k, v)),
                    }
                }
            }
            (slot, o) => *slot = o,
        }
    }

    /// The part of `self` that differs from `base` (maps compared key by key); None if equal.
    pub fn delta(&self, base: &Y) -> Option<Y> {
        match (self, base) {
            (Y::Map(a), Y::Map(_)) => {
                let mut out = Vec::new();
                for (k, v) in a {
                    match base.get(k) {
                        Some(b) => {
                            if let Some(d) = v.delta(b) {
                                out.push((k.clone(), d));
                            }
                        }
                        None => out.push((k.clone(), v.clone())),
                    }
                }
                (!out.is_empty()).then_some(Y::Map(out))
            }
            (a, b) if a == b => None,
            (a, _) => Some(a.clone()),
        }
    }
}

/// Literals are borrowed, not copied: most values in a bundle are fixed text.
impl From<&'static str> for Y {
    fn from(s: &'static str) -> Y {
        Y::Str(Cow::Borrowed(s))
    }
}
impl From<String> for Y {
    fn from(s: String) -> Y {
        Y::Str(Cow::Owned(s))
    }
}
impl From<&String> for Y {
    fn from(s: &String) -> Y {
        Y::Str(Cow::Owned(s.clone()))
    }
}
impl From<Text> for Y {
    fn from(s: Text) -> Y {
        Y::Str(s)
    }
}
impl From<bool> for Y {
    fn from(b: bool) -> Y {
        Y::Bool(b)
    }
}
impl From<i64> for Y {
    fn from(n: i64) -> Y {
        Y::Int(n)
    }
}
impl From<u32> for Y {
    fn from(n: u32) -> Y {
        Y::Int(i64::from(n))
    }
}
impl From<Vec<Y>> for Y {
    fn from(v: Vec<Y>) -> Y {
        Y::Seq(v)
    }
}

/// Builds a map from (key, value) pairs. `ymap! { +n; ... }` leaves room for `n` more entries
/// that the caller adds with `set`, so the map is allocated once.
#[macro_export]
macro_rules! ymap {
    (+$room:expr; $($k:expr => $v:expr),* $(,)?) => {{
        // Literal maps have distinct keys (checked in debug builds), so entries are pushed
        // into a vector of the right size instead of searched for one by one.
        #[allow(unused_mut)]
        let mut m: Vec<($crate::yaml::Text, $crate::yaml::Y)> =
            Vec::with_capacity(<[&str]>::len(&[$($crate::ymap!(@key $k)),*]) + $room);
        $( m.push(($crate::yaml::Text::from($k), ::core::convert::Into::<$crate::yaml::Y>::into($v))); )*
        debug_assert!(
            (1..m.len()).all(|i| m[..i].iter().all(|(k, _)| *k != m[i].0)),
            "duplicate key in ymap!"
        );
        $crate::yaml::Y::Map(m)
    }};
    ($($k:expr => $v:expr),* $(,)?) => { $crate::ymap!(+0; $($k => $v),*) };
    (@key $k:expr) => { "" };
}

/// Builds a sequence.
#[macro_export]
macro_rules! yseq {
    ($($v:expr),* $(,)?) => {
        $crate::yaml::Y::Seq(vec![$(::core::convert::Into::<$crate::yaml::Y>::into($v)),*])
    };
}

/// Scalars YAML 1.1 or 1.2 would read as something other than a string.
fn ambiguous(s: &str) -> bool {
    let b = s.as_bytes();
    // Anything that starts like a number (ints, floats, octal, hex, sexagesimal, dates) is quoted.
    let first = b[0];
    if first.is_ascii_digit() || ((first == b'-' || first == b'+' || first == b'.') && b.len() > 1)
    {
        return true;
    }
    if b.len() > 5 {
        return false;
    }
    let mut lower = [0u8; 5];
    for (l, c) in lower.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    matches!(
        &lower[..b.len()],
        b"y" | b"n"
            | b"yes"
            | b"no"
            | b"on"
            | b"off"
            | b"true"
            | b"false"
            | b"null"
            | b"~"
            | b"nan"
            | b".nan"
            | b".inf"
            | b"-.inf"
            | b"+.inf"
    )
}

// Every scalar is scanned once: each byte's class is looked up in a table and the classes are
// OR-ed together, and the writer picks plain, block or quoted form from the result. Characters
// are decoded only where a multi-byte one appears.

/// Outside the plain alphabet: a conservative set with no `: ` or ` #`, no flow indicators,
/// quotes or whitespace at all.
const NOT_PLAIN: u8 = 1;
/// A line break: the string is a candidate for a literal block.
const NEWLINE: u8 = 2;
/// Needs an escape between double quotes: `"`, `\`, control characters and DEL.
const ESCAPE: u8 = 4;
/// A control character other than the line break: never inside a literal block.
const CONTROL: u8 = 8;
/// A byte of a multi-byte character: such characters are checked one by one.
const NON_ASCII: u8 = 16;

const CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'/' | b'=' | b'@' | b'+' | b':')
        {
            0
        } else if b == b'\n' {
            NOT_PLAIN | NEWLINE | ESCAPE
        } else if b < b' ' || b == 0x7f {
            NOT_PLAIN | ESCAPE | CONTROL
        } else if b == b'"' || b == b'\\' {
            NOT_PLAIN | ESCAPE
        } else if b >= 0x80 {
            NOT_PLAIN | NON_ASCII
        } else {
            NOT_PLAIN
        };
        c += 1;
    }
    t
};

/// The classes of all bytes of `s`, OR-ed.
fn scan(s: &str) -> u8 {
    s.bytes().fold(0, |acc, b| acc | CLASS[b as usize])
}

/// Whether `s`, whose bytes are all in the plain alphabet, can be written plain and read back
/// unchanged.
fn plain_shape(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 200
        && (b[0].is_ascii_alphanumeric() || b[0] == b'/' || b[0] == b'_')
        // `:` only inside URLs like s3a://x or k8s://https://...; never followed by a space (no
        // spaces are allowed at all), never at the end.
        && b[b.len() - 1] != b':'
        && !ambiguous(s)
}

/// Writes a string as a YAML scalar.
pub fn scalar(s: &str) -> String {
    let mut out = String::new();
    push_scalar(&mut out, s);
    out
}

fn push_scalar(out: &mut String, s: &str) {
    let class = scan(s);
    if class == 0 && plain_shape(s) {
        out.push_str(s);
    } else {
        push_quoted(out, s, class);
    }
}

/// Double-quoted scalar with every character that could matter escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, s, scan(s));
    out
}

/// `class` is `scan(s)`: without escapes or multi-byte characters the text goes in as is.
fn push_quoted(out: &mut String, s: &str, class: u8) {
    out.push('"');
    if class & (ESCAPE | NON_ASCII) == 0 {
        out.push_str(s);
        out.push('"');
        return;
    }
    // Runs of ordinary characters are copied in one go; only bytes whose class asks for it are
    // looked at, and a multi-byte character is decoded where it starts.
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        if CLASS[b[i] as usize] & (ESCAPE | NON_ASCII) == 0 {
            i += 1;
            continue;
        }
        let Some(ch) = s[i..].chars().next() else {
            break;
        };
        let named = match ch {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if needs_code_escape(c) => "",
            c => {
                i += c.len_utf8();
                continue;
            }
        };
        out.push_str(&s[run..i]);
        if named.is_empty() {
            let _ = write!(out, "\\u{:04x}", ch as u32);
        } else {
            out.push_str(named);
        }
        i += ch.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Control characters, C1 controls, line/paragraph separators and the BOM: written as `\uXXXX`
/// so a reader sees them and no parser treats them as structure.
fn needs_code_escape(c: char) -> bool {
    (c as u32) < 0x20 || matches!(c as u32, 0x7f..=0x9f | 0x2028 | 0x2029 | 0xfeff)
}

/// Whether a multi-line string (`class` is `scan(s)`) can be written as a literal block (`|`)
/// safely.
fn block_ok(s: &str, class: u8) -> bool {
    let b = s.as_bytes();
    class & NEWLINE != 0
        && class & CONTROL == 0
        && !matches!(b.first(), Some(b' ' | b'\n'))
        && b.last() != Some(&b' ')
        && !s.contains(" \n")
        && (class & NON_ASCII == 0 || !s.chars().any(|c| c != '\n' && needs_code_escape(c)))
}

/// Writes one YAML document (no `---`).
pub fn to_string(y: &Y) -> String {
    let mut out = String::with_capacity(4096);
    write_doc(&mut out, y);
    out
}

/// Appends one YAML document (no `---`) to `out`.
pub fn write_doc(out: &mut String, y: &Y) {
    match y {
        Y::Map(m) if !m.is_empty() => write_map(out, m, 0),
        Y::Seq(v) if !v.is_empty() => write_seq(out, v, 0),
        other => {
            write_inline(out, other, 0);
            out.push('\n');
        }
    }
}

fn indent(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

fn write_inline(out: &mut String, y: &Y, ind: usize) {
    match y {
        Y::Null => out.push_str("null"),
        Y::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Y::Int(n) => push_int(out, *n),
        Y::Num(n) => out.push_str(&scalar_num(n)),
        Y::Str(s) => {
            let class = scan(s);
            if class == 0 && plain_shape(s) {
                out.push_str(s);
            } else if block_ok(s, class) {
                out.push_str(if s.ends_with('\n') { "|" } else { "|-" });
                for line in s.trim_end_matches('\n').split('\n') {
                    out.push('\n');
                    if !line.is_empty() {
                        indent(out, ind + 2);
                        out.push_str(line);
                    }
                }
            } else {
                push_quoted(out, s, class);
            }
        }
        Y::Seq(_) => out.push_str("[]"),
        Y::Map(_) => out.push_str("{}"),
    }
}

/// Numbers we format ourselves; anything unexpected is quoted rather than trusted.
fn scalar_num(n: &str) -> String {
    if !n.is_empty()
        && n.bytes()
            .all(|c| c.is_ascii_digit() || c == b'.' || c == b'-')
        && n.bytes().filter(|c| *c == b'.').count() <= 1
        && n.bytes().skip(1).all(|c| c != b'-')
        && n.bytes().any(|c| c.is_ascii_digit())
    {
        n.to_string()
    } else {
        quoted(n)
    }
}

/// Decimal digits without the formatting machinery (every replica count and port is one).
fn push_int(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

fn write_map(out: &mut String, m: &[(Text, Y)], ind: usize) {
    for (k, v) in m {
        indent(out, ind);
        push_scalar(out, k);
        write_value_after_key(out, v, ind);
    }
}

/// The `:` after a key and the value: nested collections on the next lines, the rest inline.
fn write_value_after_key(out: &mut String, v: &Y, ind: usize) {
    match v {
        Y::Map(m) if !m.is_empty() => {
            out.push_str(":\n");
            write_map(out, m, ind + 2);
        }
        Y::Seq(s) if !s.is_empty() => {
            out.push_str(":\n");
            write_seq(out, s, ind);
        }
        other => {
            out.push_str(": ");
            write_inline(out, other, ind);
            out.push('\n');
        }
    }
}

fn write_seq(out: &mut String, s: &[Y], ind: usize) {
    for item in s {
        indent(out, ind);
        match item {
            Y::Map(m) if !m.is_empty() => {
                // First entry on the dash line, the rest aligned under it.
                let (k0, v0) = &m[0];
                out.push_str("- ");
                push_scalar(out, k0);
                write_value_after_key(out, v0, ind + 2);
                write_map(out, &m[1..], ind + 2);
            }
            Y::Seq(inner) if !inner.is_empty() => {
                out.push_str("-\n");
                write_seq(out, inner, ind + 2);
            }
            other => {
                out.push_str("- ");
                write_inline(out, other, ind + 2);
                out.push('\n');
            }
        }
    }
}

/// Appends several documents separated by `---` to `out`.
pub fn write_documents<'a>(out: &mut String, docs: impl IntoIterator<Item = &'a Y>) {
    for (i, d) in docs.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        write_doc(out, d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_strings_are_quoted() {
        for s in [
            "a: b", "#x", "{{ x }}", "yes", "1e3", "0x1f", "- x", "x\ny: 1", "", " lead", "a'b",
            "\"", "08", "~",
        ] {
            assert!(scalar(s).starts_with('"'), "{s:?} -> {}", scalar(s));
        }
        for s in [
            "spark",
            "s3a://spark-logs/events",
            "apps/v1",
            "ghcr.io/x/y:4.1.0",
        ] {
            assert_eq!(scalar(s), s);
        }
    }

    #[test]
    fn writes_nested() {
        let y = ymap! { "a" => ymap!{ "b" => 1i64 }, "l" => yseq![ymap!{"x" => "1", "y" => true}, "z"], "e" => Y::map() };
        assert_eq!(
            to_string(&y),
            "a:\n  b: 1\nl:\n- x: \"1\"\n  \"y\": true\n- z\ne: {}\n"
        );
    }

    #[test]
    fn integers_as_format_writes_them() {
        for n in [0, 7, -7, 86400, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn block_scalars() {
        let y = ymap! { "f" => "a=1\nb=2\n" };
        assert_eq!(to_string(&y), "f: |\n  a=1\n  b=2\n");
    }
}
