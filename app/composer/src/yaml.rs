//! The one module that writes YAML. It decides quoting: a string is written plain only when it
//! cannot be read back as anything but the same string, otherwise double-quoted with escapes, so
//! user text can never add keys, documents or comments. `emit` writes the structure (renderers
//! write through it directly, trees are walked through it); `read` reads its output back.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub mod emit;
pub mod read;

pub use emit::{Docs, Emit, Scalar};

/// Text to write. Keys and most values are literals in the renderers: they are borrowed, and
/// the ones the macros see are classified when the program is compiled, so the writer copies
/// them without looking at a byte. The release and namespace names, which every object repeats,
/// are shared rather than copied; only other text built from the reader's choices is owned.
#[derive(Clone)]
pub enum Text {
    /// A literal known (at compile time) to read back as itself when written plain.
    Plain(&'static str),
    /// Any other literal: classified when first written (`classify_static`).
    Static(&'static str),
    /// Text every object repeats (the release and namespace names): reference-counted and
    /// classified once, when made by `Text::shared`.
    Shared(Arc<str>),
    SharedPlain(Arc<str>),
    Owned(String),
}

impl Text {
    /// Whether a literal can be written plain: the macros ask in a `const` block, so the
    /// compiler answers.
    pub const fn lit_plain(s: &'static str) -> bool {
        plain(s.as_bytes())
    }

    /// A literal whose classification is known (`plain`, usually decided at compile time).
    #[inline(always)]
    pub const fn literal(s: &'static str, plain: bool) -> Text {
        if plain {
            Text::Plain(s)
        } else {
            Text::Static(s)
        }
    }

    /// Shared text, classified now so the writer does not look at it again.
    pub fn shared(s: &str) -> Text {
        if plain(s.as_bytes()) {
            Text::SharedPlain(Arc::from(s))
        } else {
            Text::Shared(Arc::from(s))
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Text::Plain(s) | Text::Static(s) => s,
            Text::Shared(s) | Text::SharedPlain(s) => s,
            Text::Owned(s) => s,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Text {
        Text::Static(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Owned(s)
    }
}

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
                m.push((Text::Static(key), Y::map()));
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
        Y::Str(Text::Static(s))
    }
}
impl From<String> for Y {
    fn from(s: String) -> Y {
        Y::Str(Text::Owned(s))
    }
}
impl From<&String> for Y {
    fn from(s: &String) -> Y {
        Y::Str(Text::Owned(s.clone()))
    }
}

impl From<&Text> for Y {
    fn from(s: &Text) -> Y {
        Y::Str(s.clone())
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

/// A literal value in `ymap!`/`yseq!`. Whether a string literal can be written plain is decided
/// in a `const` block (`plain`), so by the compiler; `y` then makes the value with that answer
/// folded in.
pub struct Lit<T>(pub T);

impl Lit<&'static str> {
    pub const fn plain(&self) -> bool {
        plain(self.0.as_bytes())
    }
    #[inline(always)]
    pub fn y(self, plain: bool) -> Y {
        Y::Str(Text::literal(self.0, plain))
    }
    #[inline(always)]
    pub fn e(self, plain: bool) -> Text {
        Text::literal(self.0, plain)
    }
}
impl Lit<bool> {
    pub const fn plain(&self) -> bool {
        false
    }
    #[inline(always)]
    pub fn y(self, _: bool) -> Y {
        Y::Bool(self.0)
    }
    #[inline(always)]
    pub fn e(self, _: bool) -> bool {
        self.0
    }
}
impl Lit<i64> {
    pub const fn plain(&self) -> bool {
        false
    }
    #[inline(always)]
    pub fn y(self, _: bool) -> Y {
        Y::Int(self.0)
    }
    #[inline(always)]
    pub fn e(self, _: bool) -> i64 {
        self.0
    }
}

/// Builds a map from (key, value) pairs. `ymap! { +n; ... }` leaves room for `n` more entries
/// that the caller adds with `set`, so the map is allocated once. Whether a literal key or value
/// can be written plain is decided in a `const` block, so by the compiler.
#[macro_export]
macro_rules! ymap {
    (+$room:expr; $($body:tt)*) => {{
        // Literal maps have distinct keys (checked in debug builds), so entries are pushed
        // into a vector of the right size instead of searched for one by one.
        #[allow(unused_mut)]
        let mut m: Vec<($crate::yaml::Text, $crate::yaml::Y)> =
            Vec::with_capacity($crate::ymap!(@count $($body)*) + $room);
        $crate::ymap!(@push m; $($body)*);
        debug_assert!(
            (1..m.len()).all(|i| m[..i].iter().all(|(k, _)| *k != m[i].0)),
            "duplicate key in ymap!"
        );
        $crate::yaml::Y::Map(m)
    }};
    (@count) => { 0usize };
    (@count $k:expr => $v:expr $(, $($rest:tt)*)?) => { 1usize + $crate::ymap!(@count $($($rest)*)?) };
    (@push $m:ident;) => {};
    (@push $m:ident; $k:literal => $v:literal $(, $($rest:tt)*)?) => {
        $m.push(($crate::yaml::Text::literal($k, const { $crate::yaml::Text::lit_plain($k) }), $crate::yaml::Lit($v).y(const { $crate::yaml::Lit($v).plain() })));
        $crate::ymap!(@push $m; $($($rest)*)?);
    };
    (@push $m:ident; $k:literal => $v:expr $(, $($rest:tt)*)?) => {
        $m.push(($crate::yaml::Text::literal($k, const { $crate::yaml::Text::lit_plain($k) }), ::core::convert::Into::<$crate::yaml::Y>::into($v)));
        $crate::ymap!(@push $m; $($($rest)*)?);
    };
    (@push $m:ident; $k:expr => $v:expr $(, $($rest:tt)*)?) => {
        $m.push(($crate::yaml::Text::from($k), ::core::convert::Into::<$crate::yaml::Y>::into($v)));
        $crate::ymap!(@push $m; $($($rest)*)?);
    };
    ($($body:tt)*) => { $crate::ymap!(+0; $($body)*) };
}

/// Builds a sequence; literal items are classified by the compiler, like `ymap!` values.
#[macro_export]
macro_rules! yseq {
    (@count) => { 0usize };
    (@count $v:expr $(, $($rest:tt)*)?) => { 1usize + $crate::yseq!(@count $($($rest)*)?) };
    (@push $s:ident;) => {};
    (@push $s:ident; $v:literal $(, $($rest:tt)*)?) => {
        $s.push($crate::yaml::Lit($v).y(const { $crate::yaml::Lit($v).plain() }));
        $crate::yseq!(@push $s; $($($rest)*)?);
    };
    (@push $s:ident; $v:expr $(, $($rest:tt)*)?) => {
        $s.push(::core::convert::Into::<$crate::yaml::Y>::into($v));
        $crate::yseq!(@push $s; $($($rest)*)?);
    };
    ($($body:tt)*) => {{
        #[allow(unused_mut)]
        let mut s: Vec<$crate::yaml::Y> = Vec::with_capacity($crate::yseq!(@count $($body)*));
        $crate::yseq!(@push s; $($body)*);
        $crate::yaml::Y::Seq(s)
    }};
}

/// A map written in place when its turn comes (see [`emit`]): `emap! { "k" => v, ... }` takes
/// the same entries as `ymap!`, where a value is anything that implements [`Emit`] and an absent
/// `Option` leaves its key out. `..e` adds the entries of `e` (another `emap!`, or a `map(|m| ...)`) at that point. Like
/// `ymap!`, literal keys and values are classified by the compiler.
#[macro_export]
macro_rules! emap {
    (@entry $m:ident;) => {};
    (@entry $m:ident; ..$f:expr $(, $($rest:tt)*)?) => {
        $crate::yaml::emit::Entries::add_to($f, &mut *$m);
        $crate::emap!(@entry $m; $($($rest)*)?);
    };
    (@entry $m:ident; $k:literal => $v:literal $(, $($rest:tt)*)?) => {
        $m.entry($crate::yaml::Text::literal($k, const { $crate::yaml::Text::lit_plain($k) }), $crate::yaml::Lit($v).e(const { $crate::yaml::Lit($v).plain() }));
        $crate::emap!(@entry $m; $($($rest)*)?);
    };
    (@entry $m:ident; $k:literal => $v:expr $(, $($rest:tt)*)?) => {
        $m.entry($crate::yaml::Text::literal($k, const { $crate::yaml::Text::lit_plain($k) }), $v);
        $crate::emap!(@entry $m; $($($rest)*)?);
    };
    (@entry $m:ident; $k:expr => $v:expr $(, $($rest:tt)*)?) => {
        $m.entry($crate::yaml::Text::from($k), $v);
        $crate::emap!(@entry $m; $($($rest)*)?);
    };
    ($($body:tt)*) => {
        $crate::yaml::emit::map(move |_m| { $crate::emap!(@entry _m; $($body)*); })
    };
}

/// A sequence written in place when its turn comes: items as in `yseq!`, any [`Emit`] value;
/// `..iter` adds every item of an iterator at that point, and an absent `Option` is left out.
#[macro_export]
macro_rules! eseq {
    (@item $s:ident;) => {};
    (@item $s:ident; ..$v:expr $(, $($rest:tt)*)?) => {
        for item in $v {
            $s.item(item);
        }
        $crate::eseq!(@item $s; $($($rest)*)?);
    };
    (@item $s:ident; $v:literal $(, $($rest:tt)*)?) => {
        $s.item($crate::yaml::Lit($v).e(const { $crate::yaml::Lit($v).plain() }));
        $crate::eseq!(@item $s; $($($rest)*)?);
    };
    (@item $s:ident; $v:expr $(, $($rest:tt)*)?) => {
        $s.item($v);
        $crate::eseq!(@item $s; $($($rest)*)?);
    };
    ($($body:tt)*) => {
        $crate::yaml::emit::seq(move |_s| { $crate::eseq!(@item _s; $($body)*); })
    };
}

/// Up to five bytes, lower-cased, and their count packed into one number: the short words
/// below are then compared in one step each.
const fn pack(b: &[u8]) -> u64 {
    let mut packed = (b.len() as u64) << 40;
    let mut i = 0;
    while i < b.len() && i < 5 {
        packed |= (b[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    packed
}

/// Scalars YAML 1.1 or 1.2 would read as something other than a string.
const fn ambiguous(b: &[u8]) -> bool {
    // Anything that starts like a number (ints, floats, octal, hex, sexagesimal, dates) is quoted.
    let first = b[0];
    if first.is_ascii_digit() || ((first == b'-' || first == b'+' || first == b'.') && b.len() > 1)
    {
        return true;
    }
    if b.len() > 5 {
        return false;
    }
    // Booleans, null and the special floats, in any case.
    const WORDS: [u64; 15] = [
        pack(b"y"),
        pack(b"n"),
        pack(b"yes"),
        pack(b"no"),
        pack(b"on"),
        pack(b"off"),
        pack(b"true"),
        pack(b"false"),
        pack(b"null"),
        pack(b"~"),
        pack(b"nan"),
        pack(b".nan"),
        pack(b".inf"),
        pack(b"-.inf"),
        pack(b"+.inf"),
    ];
    let packed = pack(b);
    let mut i = 0;
    while i < WORDS.len() {
        if WORDS[i] == packed {
            return true;
        }
        i += 1;
    }
    false
}

// A scalar not classified before (see `Text`) is scanned once: each byte's class is looked up
// in a table and the classes are OR-ed together, and the writer picks plain, block or quoted
// form from the result. Characters are decoded only where a multi-byte one appears.

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

/// The classes of all bytes of `b`, OR-ed.
const fn scan_bytes(b: &[u8]) -> u8 {
    let (mut acc, mut i) = (0, 0);
    while i < b.len() {
        acc |= CLASS[b[i] as usize];
        i += 1;
    }
    acc
}

/// `scan_bytes` at run time. Names and other short text go through the table; in longer text
/// (prose, scripts, configuration files) the first bytes almost always include one outside the
/// plain alphabet, and the classes left to find after that are tested eight bytes at a time.
fn scan(s: &str) -> u8 {
    let b = s.as_bytes();
    let (head, rest) = b.split_at(b.len().min(16));
    let acc = table_class(head);
    if acc & NOT_PLAIN == 0 {
        return acc | table_class(rest);
    }
    // Per-byte marks are OR-ed over all words and turned into classes once, so the loop has no
    // branches.
    let (mut high, mut newline, mut control, mut escape) = (0, 0, 0, 0);
    let mut words = rest.chunks_exact(8);
    for w in &mut words {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(w);
        let x = u64::from_le_bytes(bytes);
        // Bytes below 0x20 (with the high bit clear): adding 0x60 to the low seven bits reaches
        // 0x80 only from 0x20 up.
        let below_space = !(((x & !HIGH) + 0x60 * ONES) | x) & HIGH;
        let nl = bytes_eq(x, b'\n');
        high |= x & HIGH;
        newline |= nl;
        control |= below_space & !nl | bytes_eq(x, 0x7f);
        escape |= bytes_eq(x, b'"') | bytes_eq(x, b'\\');
    }
    let marked = |marks: u64, class: u8| if marks != 0 { class } else { 0 };
    acc | table_class(words.remainder())
        | marked(high, NON_ASCII)
        | marked(newline, NEWLINE | ESCAPE)
        | marked(control, ESCAPE | CONTROL)
        | marked(escape, ESCAPE)
}

/// `scan_bytes` for the run-time paths: the same table, as a fold the compiler unrolls (a
/// `const fn` cannot fold, and its loop measured a few percent slower here).
fn table_class(b: &[u8]) -> u8 {
    b.iter().fold(0, |acc, &c| acc | CLASS[c as usize])
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `x` that equals `v`, exactly (no carries between bytes).
const fn bytes_eq(x: u64, v: u8) -> u64 {
    let y = x ^ (v as u64 * ONES);
    !(((y & !HIGH) + !HIGH) | y | !HIGH)
}

/// Whether `b`, whose bytes are all in the plain alphabet, can be written plain and read back
/// unchanged.
const fn plain_shape(b: &[u8]) -> bool {
    !b.is_empty()
        && b.len() <= 200
        && (b[0].is_ascii_alphanumeric() || b[0] == b'/' || b[0] == b'_')
        // `:` only inside URLs like s3a://x or k8s://https://...; never followed by a space (no
        // spaces are allowed at all), never at the end.
        && b[b.len() - 1] != b':'
        && !ambiguous(b)
}

/// Whether `b` can be written plain and read back unchanged.
const fn plain(b: &[u8]) -> bool {
    scan_bytes(b) == 0 && plain_shape(b)
}

/// Writes a string as a YAML scalar.
pub fn scalar(s: &str) -> String {
    let mut out = String::new();
    push_plain_or_quoted(&mut out, s, classify_str(s));
    out
}

/// `s` as it is when `class` (from `classify`) says plain, otherwise double-quoted.
#[inline(always)]
fn push_plain_or_quoted(out: &mut String, s: &str, class: u8) {
    if class == PLAIN {
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

/// Whether a multi-line string (`class` is `scan(s)`) may be a literal block (`|`); the lines
/// themselves are checked while `push_block` writes them.
fn block_candidate(s: &str, class: u8) -> bool {
    class & NEWLINE != 0
        && class & CONTROL == 0
        && !matches!(s.as_bytes().first(), Some(b' ' | b'\n'))
        // `|` keeps exactly one final line break; more would be lost on reading.
        && !s.ends_with("\n\n")
        && (class & NON_ASCII == 0 || !s.chars().any(|c| c != '\n' && needs_code_escape(c)))
}

/// Writes `s` as a literal block, each line indented by `ind`, or writes nothing and returns
/// false when a line ends in a space: a block would keep it, but an editor or a reviewer would
/// not see it.
fn push_block(out: &mut String, s: &str, ind: usize) -> bool {
    let start_len = out.len();
    let body = s.trim_end_matches('\n');
    out.push_str(if body.len() < s.len() { "|" } else { "|-" });
    let line = |out: &mut String, line: &str| {
        out.push('\n');
        if !line.is_empty() {
            indent(out, ind);
            out.push_str(line);
        }
        !line.ends_with(' ')
    };
    // Line breaks are found eight bytes at a time; `\n` is ASCII, so every cut is a char
    // boundary.
    let b = body.as_bytes();
    let (mut start, mut at, mut ok) = (0, 0, true);
    while ok && at + 8 <= b.len() {
        let mut word = [0; 8];
        word.copy_from_slice(&b[at..at + 8]);
        let mut breaks = bytes_eq(u64::from_le_bytes(word), b'\n');
        while ok && breaks != 0 {
            let end = at + (breaks.trailing_zeros() / 8) as usize;
            ok = line(out, &body[start..end]);
            start = end + 1;
            breaks &= breaks - 1;
        }
        at += 8;
    }
    for end in (at..b.len()).filter(|&i| b[i] == b'\n') {
        ok = ok && line(out, &body[start..end]);
        start = end + 1;
    }
    ok = ok && line(out, &body[start..]);
    if !ok {
        out.truncate(start_len);
    }
    ok
}

/// Writes one YAML document (no `---`).
pub fn to_string(y: &Y) -> String {
    let mut out = String::with_capacity(4096);
    write_doc(&mut out, y);
    out
}

/// Appends one YAML document (no `---`) to `out`.
pub fn write_doc(out: &mut String, y: &Y) {
    Docs::new(out).doc(y);
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

// Inlined into the few places that write a value in native builds: most values are plain
// literals, and a call per value costs more than writing one (a call in wasm, for size).
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn write_scalar(out: &mut String, s: Scalar<'_>, ind: usize) {
    match s {
        Scalar::Null => out.push_str("null"),
        Scalar::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Scalar::Int(n) => push_int(out, n),
        Scalar::Num(n) => out.push_str(&scalar_num(n)),
        Scalar::Text(t, class) => {
            let class = class.unwrap_or_else(|| classify_str(t));
            if class == PLAIN {
                out.push_str(t);
            } else if !(block_candidate(t, class) && push_block(out, t, ind + 2)) {
                push_quoted(out, t, class);
            }
        }
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

/// A key: plain or double-quoted.
#[inline(always)]
fn push_text(out: &mut String, t: &Text) {
    push_plain_or_quoted(out, t, classify(t));
}

/// `classify` says this text is written plain (a bit beside the byte classes).
const PLAIN: u8 = 128;

/// The byte classes of `t`, or `PLAIN`: from the variant when it was classified before.
#[inline(always)]
fn classify(t: &Text) -> u8 {
    match t {
        Text::Plain(_) | Text::SharedPlain(_) => PLAIN,
        Text::Static(s) => classify_static(s),
        Text::Shared(s) => classify_str(s),
        Text::Owned(s) => classify_str(s),
    }
}

fn classify_str(s: &str) -> u8 {
    let class = scan(s);
    if class == 0 && plain_shape(s.as_bytes()) {
        PLAIN
    } else {
        class
    }
}

/// Literal text the macros did not see (passed through helpers as `&'static str`) is classified
/// once per run: its address and length name it for good. Each slot holds the address, length
/// and result of one literal; a literal whose slot another holds is simply classified again.
fn classify_static(s: &'static str) -> u8 {
    static SEEN: [AtomicU64; 512] = [const { AtomicU64::new(0) }; 512];
    let addr = s.as_ptr() as usize as u64;
    if s.len() > 0xff || addr >> 47 != 0 {
        return classify_str(s);
    }
    let id = addr << 16 | (s.len() as u64) << 8;
    let slot = &SEEN[(addr as usize >> 2) % SEEN.len()];
    let seen = slot.load(Ordering::Relaxed);
    if seen & !0xff == id {
        return seen as u8;
    }
    let class = classify_str(s);
    slot.store(id | u64::from(class), Ordering::Relaxed);
    class
}

/// Appends several documents separated by `---` to `out`.
pub fn write_documents<'a>(out: &mut String, docs: impl IntoIterator<Item = &'a Y>) {
    let mut d = Docs::new(out);
    for y in docs {
        d.doc(y);
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

    /// Written in place, a structure comes out as its tree does and as YAML has it: empty
    /// collections, sequences of sequences, block text in items, and absent values left out.
    #[test]
    fn emitted_matches_tree() {
        let text = "line one\nline two\n";
        let tree = ymap! {
            "a" => ymap! { "b" => 1i64, "e" => Y::map(), "s" => Y::Seq(vec![]) },
            "l" => yseq![ymap! { "x" => "1", "y" => true }, "z", yseq!["p", yseq![]], Y::map(), text],
            "t" => text,
            "k" => ymap! { "m" => yseq![ymap! { "deep" => yseq![ymap! { "q" => text }] }] },
        };
        let direct = emap! {
            "a" => emap! { "b" => 1i64, "e" => emap! {}, "s" => eseq![], "gone" => None::<i64> },
            "l" => eseq![emap! { "x" => "1", "y" => true }, "z", eseq!["p", eseq![]], emap! {}, text, None::<bool>],
            "t" => text,
            "k" => emap! { "m" => eseq![emap! { "deep" => eseq![emap! { "q" => text }] }] },
        };
        let mut out = String::new();
        Docs::new(&mut out).doc(direct);
        assert_eq!(out, to_string(&tree));
        assert_eq!(
            out,
            "a:\n  b: 1\n  e: {}\n  s: []\nl:\n- x: \"1\"\n  \"y\": true\n- z\n-\n  - p\n  - []\n- {}\n- |\n    line one\n    line two\nt: |\n  line one\n  line two\nk:\n  m:\n  - deep:\n    - q: |\n        line one\n        line two\n"
        );
        // And a YAML library reads it as meant.
        let read: serde_yaml::Value = serde_yaml::from_str(&out).expect("parses");
        assert_eq!(read["l"][4].as_str(), Some(text));
        assert_eq!(read["k"]["m"][0]["deep"][0]["q"].as_str(), Some(text));
        assert_eq!(read["l"][2][1], serde_yaml::Value::Sequence(vec![]));
        assert_eq!(
            read["a"]["e"],
            serde_yaml::Value::Mapping(Default::default())
        );
        assert!(read["a"].get("gone").is_none());
        for doc in [
            Y::Null,
            Y::map(),
            Y::Seq(vec![]),
            Y::from(text),
            yseq![yseq!["a"]],
        ] {
            let mut out = String::new();
            Docs::new(&mut out).doc(&doc);
            let want = match &doc {
                Y::Null => "null\n",
                Y::Map(_) => "{}\n",
                Y::Seq(s) if s.is_empty() => "[]\n",
                Y::Seq(_) => "-\n  - a\n",
                _ => "|\n  line one\n  line two\n",
            };
            assert_eq!(out, want);
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

    /// Blocks cut by the word-at-a-time search match a plain line-by-line reference, at every
    /// offset of the line breaks within a word.
    #[test]
    fn block_lines_at_every_offset() {
        for n in 0..40 {
            for gap in 1..12 {
                let mut s = String::new();
                for i in 0..n {
                    s.push(char::from(b'a' + (i % 26) as u8));
                    if i % gap == gap - 1 {
                        s.push('\n');
                    }
                }
                s.push_str("z\n");
                let body = s.trim_end_matches('\n');
                let mut want = String::from(if body.len() < s.len() { "|" } else { "|-" });
                for line in body.split('\n') {
                    want.push('\n');
                    if !line.is_empty() {
                        want.push_str("    ");
                        want.push_str(line);
                    }
                }
                let mut got = String::new();
                assert!(push_block(&mut got, &s, 4));
                assert_eq!(got, want, "{s:?}");
                let spaced = s.replacen('\n', " \n", 1);
                if spaced != s {
                    let mut got = String::from("x");
                    assert!(!push_block(&mut got, &spaced, 4), "{spaced:?}");
                    assert_eq!(got, "x");
                }
            }
        }
    }

    /// The word-at-a-time scan finds exactly the classes the table does.
    #[test]
    fn fast_scan_matches_the_table() {
        let pieces = [
            "a", "Z", "0", "-", ":", " ", "\n", "\t", "\r", "\"", "\\", "\u{7f}", "\u{1}", "é",
            "\u{2028}", "#", "{", "~", "'",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            for k in 0..len {
                let r = (seed.rotate_left(k as u32 * 5) % 64) as usize;
                // Mostly plain bytes, so special ones land at every offset of a word.
                s.push_str(if r < pieces.len() { pieces[r] } else { "x" });
            }
            assert_eq!(scan(&s), scan_bytes(s.as_bytes()), "{s:?}");
        }
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
        // Blank lines stay blank (no trailing indentation); no final newline means `|-`.
        let y = ymap! { "s" => yseq![String::from("a\n\n  b")] };
        assert_eq!(to_string(&y), "s:\n- |-\n    a\n\n      b\n");
        // A line ending in a space is not a block, nor is text whose final line breaks `|`
        // would fold into one.
        for t in ["a \nb", "a\nb ", "a\nb \n", "a\n \nb", "a\nb\n\n"] {
            assert_eq!(
                to_string(&ymap! { "t" => t }),
                format!("t: {}\n", quoted(t)),
                "{t:?}"
            );
        }
    }

    /// What the compiler decides for a literal is what the writer decides at run time.
    #[test]
    fn literals_classified_at_compile_time_match_the_writer() {
        for s in [
            "spark",
            "y",
            "Yes",
            "NULL",
            "~",
            "1e3",
            "0x1f",
            "-x",
            "-",
            "+1",
            ".inf",
            "a: b",
            "#x",
            "",
            "s3a://b/p",
            "app.kubernetes.io/name",
            "http://minio:9000",
            "x:",
            "_a",
            "/data",
            "ALL",
            "RuntimeDefault",
            "a b",
        ] {
            let plain = Text::lit_plain(s);
            assert_eq!(plain, scalar(s) == s, "{s:?}");
            let shared_plain = matches!(Text::shared(s), Text::SharedPlain(_));
            assert_eq!(shared_plain, plain, "{s:?}");
            assert_eq!(
                to_string(&Y::Str(Text::shared(s))),
                to_string(&Y::from(s)),
                "{s:?}"
            );
        }
        // The same answer in const context, where the macros ask.
        const _: () = assert!(!Text::lit_plain("yes") && Text::lit_plain("spark"));
        // Literal keys and values from the macros are written exactly like run-time text.
        let lit = ymap! { "y" => "no", "k" => "08", "ok" => "v", "n" => 3i64, "b" => false };
        let run = ymap! {
            String::from("y") => String::from("no"), String::from("k") => String::from("08"),
            String::from("ok") => String::from("v"), String::from("n") => 3i64,
            String::from("b") => false,
        };
        assert_eq!(to_string(&lit), to_string(&run));
        assert_eq!(
            to_string(&lit),
            "\"y\": \"no\"\nk: \"08\"\nok: v\n\"n\": 3\nb: false\n"
        );
        assert_eq!(
            to_string(&yseq!["on", 7i64, true]),
            "- \"on\"\n- 7\n- true\n"
        );
    }
}
