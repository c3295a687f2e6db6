//! The share-link codec: `1~<preset>~<key>_<value>~...` with only the fields that differ from the
//! preset, short keys, and values percent-encoded outside `[A-Za-z0-9.-]`. All characters are
//! URL-safe. Decoding is lenient (unknown keys and bad values are skipped) and bounded.

use crate::choices::{Choices, FIELDS, field};
use crate::preset::preset;

/// The current link version.
pub const LINK_VERSION: u32 = 1;
/// Links longer than this are refused before any parsing.
pub const MAX_LINK_LEN: usize = 4096;
/// At most this many entries are read.
pub const MAX_ENTRIES: usize = 128;

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    TooLong(usize),
    /// The first segment is not a version number.
    NotALink,
    /// A version newer than this build understands.
    UnsupportedVersion(u32),
    UnknownPreset(String),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Empty => write!(f, "the share link is empty"),
            LinkError::TooLong(n) => write!(
                f,
                "the share link is {n} characters long (at most {MAX_LINK_LEN})"
            ),
            LinkError::NotALink => write!(f, "this is not a composer share link"),
            LinkError::UnsupportedVersion(v) => write!(
                f,
                "the share link has version {v}; this composer reads up to {LINK_VERSION}"
            ),
            LinkError::UnknownPreset(p) => {
                write!(f, "the share link names an unknown preset `{p}`")
            }
        }
    }
}

impl std::error::Error for LinkError {}

/// A decoded link, with the entries that were skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub preset: String,
    pub choices: Choices,
    /// Keys that were unknown or had values that did not parse.
    pub ignored: Vec<String>,
}

/// Old paths renamed since links were first published: (old, new). Applied before lookup.
const RENAMED: &[(&str, &str)] = &[];

fn escape(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'-' {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[(b >> 4) as usize]));
            out.push(char::from(b"0123456789ABCDEF"[(b & 15) as usize]));
        }
    }
}

fn unescape(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let h = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Encodes the fields of `c` that differ from preset `preset_id` (or from the defaults when the
/// preset is unknown).
pub fn encode(preset_id: &str, c: &Choices) -> String {
    let base = preset(preset_id).map(|p| p.choices()).unwrap_or_default();
    let mut out = format!("{LINK_VERSION}~");
    escape(preset_id, &mut out);
    for f in FIELDS.iter().filter(|f| !(f.same)(c, &base)) {
        out.push('~');
        out.push_str(f.short);
        out.push('_');
        escape(&(f.get)(c), &mut out);
    }
    out
}

/// Decodes a link: the preset id and the choices it describes.
pub fn decode(link: &str) -> Result<(String, Choices), LinkError> {
    decode_verbose(link).map(|d| (d.preset, d.choices))
}

pub fn decode_verbose(link: &str) -> Result<Decoded, LinkError> {
    if link.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong(link.len()));
    }
    // A whole pasted URL works too: the link is what follows the last `#`.
    let link = link.trim().rsplit('#').next().unwrap_or("");
    if link.is_empty() {
        return Err(LinkError::Empty);
    }
    let mut parts = link.split('~');
    let version: u32 = parts
        .next()
        .and_then(|v| v.parse().ok())
        .ok_or(LinkError::NotALink)?;
    if version == 0 {
        return Err(LinkError::NotALink);
    }
    if version > LINK_VERSION {
        return Err(LinkError::UnsupportedVersion(version));
    }
    let preset_id = parts.next().and_then(unescape).unwrap_or_default();
    let mut choices = match preset(&preset_id) {
        Some(p) => p.choices(),
        None if preset_id.is_empty() || preset_id == "custom" => Choices::default(),
        None => {
            return Err(LinkError::UnknownPreset(
                preset_id.chars().take(40).collect(),
            ));
        }
    };
    let mut ignored = Vec::new();
    for entry in parts.take(MAX_ENTRIES) {
        let Some((k, raw)) = entry.split_once('_') else {
            if !entry.is_empty() {
                ignored.push(entry.chars().take(40).collect());
            }
            continue;
        };
        let k = RENAMED
            .iter()
            .find(|(old, _)| *old == k)
            .map_or(k, |(_, new)| *new);
        let ok = match (field(k), unescape(raw)) {
            (Some(f), Some(v)) if v.len() <= 1024 => (f.set)(&mut choices, &v),
            _ => false,
        };
        if !ok {
            ignored.push(k.chars().take(40).collect());
        }
    }
    Ok(Decoded {
        preset: preset_id,
        choices,
        ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link lists a field exactly when its text differs from the preset's.
    #[test]
    fn fields_agree_exactly_when_their_text_does() {
        let mut differing = 0;
        for seed in 0..300 {
            let a = crate::sample::random_choices(seed, 200);
            let b = crate::sample::random_choices(seed + 1000, 0);
            for f in FIELDS {
                assert_eq!((f.same)(&a, &b), (f.get)(&a) == (f.get)(&b), "{}", f.path);
                assert!((f.same)(&a, &a), "{}", f.path);
                differing += usize::from(!(f.same)(&a, &b));
            }
        }
        assert!(differing > 0);
    }

    #[test]
    fn round_trip_with_edits() {
        let mut c = Choices::default();
        c.sizing.executor_memory = "8Gi".into();
        c.features.gpu = true;
        c.identity.namespace = "a b~c_d%".into();
        let l = encode("", &c);
        assert!(
            l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"~_.-%".contains(&b)),
            "{l}"
        );
        let (p, d) = decode(&l).expect("decodes");
        assert_eq!(p, "");
        assert_eq!(d, c);
    }

    #[test]
    fn lenient_and_bounded() {
        assert_eq!(decode(""), Err(LinkError::Empty));
        assert_eq!(decode("hello"), Err(LinkError::NotALink));
        assert_eq!(decode("9~x"), Err(LinkError::UnsupportedVersion(9)));
        assert!(matches!(
            decode(&"1~".repeat(5000)),
            Err(LinkError::TooLong(_))
        ));
        let d = decode_verbose("1~~zz_1~em_%ZZ~ec_4").expect("lenient");
        assert_eq!(d.choices.sizing.executor_cores, 4);
        assert_eq!(d.ignored, vec!["zz".to_string(), "em".to_string()]);
        let (p, _) = decode("https://example.org/composer/#1~~ec_2").expect("from a URL");
        assert_eq!(p, "");
    }
}
