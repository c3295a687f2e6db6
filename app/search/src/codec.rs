//! Compact text encodings for the index files: posting lists as base-32 digits without
//! separators, and keys front-coded against the previous key of their chunk.

/// Digits that end a number, and digits that say more follow. Both are URL- and UTF-8-safe ASCII.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const MORE: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*";

/// Appends `value` as big-endian base-32 digits: all but the last from `MORE`.
pub fn push_number(out: &mut String, mut value: u32) {
    let mut digits = [0u8; 7];
    let mut n = 0;
    loop {
        digits[n] = (value % 32) as u8;
        n += 1;
        value /= 32;
        if value == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let table = if i == 0 { LAST } else { MORE };
        out.push(table[digits[i] as usize] as char);
    }
}

/// Reads the numbers written by [`push_number`]; stops quietly at anything else.
pub fn numbers(text: &str) -> impl Iterator<Item = u32> + '_ {
    let mut bytes = text.bytes();
    std::iter::from_fn(move || {
        let mut value: u32 = 0;
        for b in bytes.by_ref() {
            if let Some(d) = LAST.iter().position(|&c| c == b) {
                return Some(value.saturating_mul(32).saturating_add(d as u32));
            }
            let d = MORE.iter().position(|&c| c == b)?;
            value = value.saturating_mul(32).saturating_add(d as u32);
        }
        None
    })
}

/// Prefix lengths are one character: 0–9, a–z, A–Z (up to 61).
const PREFIX: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// `key` written against `previous`: the length of their common prefix (in bytes, on a char
/// boundary, at most 61) as one character, then the rest.
pub fn push_key(out: &mut String, previous: &str, key: &str) {
    let mut shared = 0;
    for ((i, a), b) in key.char_indices().zip(previous.chars()) {
        if a != b || i + a.len_utf8() > 61 {
            break;
        }
        shared = i + a.len_utf8();
    }
    out.push(PREFIX[shared] as char);
    out.push_str(&key[shared..]);
}

/// The key a front-coded entry stands for, given the previous key; None if it is malformed.
pub fn read_key(previous: &str, entry: &str) -> Option<String> {
    let first = *entry.as_bytes().first()?;
    let shared = PREFIX.iter().position(|&c| c == first)?;
    let prefix = previous.get(..shared)?;
    let rest = entry.get(1..)?;
    Some(format!("{prefix}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_without_separators() {
        let values = [0, 1, 31, 32, 33, 1023, 1024, 26080, u32::MAX];
        let mut s = String::new();
        for v in values {
            push_number(&mut s, v);
        }
        assert_eq!(numbers(&s).collect::<Vec<_>>(), values);
        assert_eq!(numbers("").count(), 0);
        // Garbage ends the list instead of panicking.
        assert_eq!(numbers("1\u{1F525}2").collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn keys_front_code_on_char_boundaries() {
        for (prev, key) in [
            ("", "commit"),
            ("commit", "committ"),
            ("память", "памяти"),
            ("abc", "b"),
        ] {
            let mut s = String::new();
            push_key(&mut s, prev, key);
            assert_eq!(
                read_key(prev, &s).as_deref(),
                Some(key),
                "{prev} -> {key}: {s}"
            );
        }
        let mut s = String::new();
        push_key(&mut s, "commit", "committ");
        assert_eq!(s, "6t");
        assert_eq!(read_key("ab", "9x"), None);
        assert_eq!(read_key("ab", ""), None);
    }
}
