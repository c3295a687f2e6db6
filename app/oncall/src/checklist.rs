//! Checklist progress of one runbook page: which steps were ticked, and when. Steps are known
//! by a fingerprint of their text, so progress still lands on the right step after the page
//! gains or loses a step; a step whose text changed starts unticked.

/// The localStorage key of a page's progress.
pub fn storage_key(page_path: &str) -> String {
    format!("checklist:{page_path}")
}

/// Whitespace collapsed, so line wrapping in the source does not change a step's identity.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A stable id per step: a hash of its text, with `-2`, `-3`, ... for repeated texts.
pub fn step_ids<S: AsRef<str>>(texts: &[S]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    texts
        .iter()
        .map(|t| {
            let base = format!("{:08x}", fnv1a(normalize(t.as_ref()).as_bytes()));
            let n = seen.iter().filter(|s| **s == base).count();
            seen.push(base.clone());
            if n == 0 {
                base
            } else {
                format!("{base}-{}", n + 1)
            }
        })
        .collect()
}

fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Ticked steps with the time each was ticked (ISO 8601, from the browser).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checklist {
    done: Vec<(String, String)>,
}

impl Checklist {
    pub fn checked_at(&self, id: &str) -> Option<&str> {
        self.done
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, t)| t.as_str())
    }

    pub fn set(&mut self, id: &str, checked: bool, now: &str) {
        self.done.retain(|(i, _)| i != id);
        if checked {
            self.done.push((id.to_string(), now.to_string()));
        }
    }

    pub fn count(&self) -> usize {
        self.done.len()
    }

    /// Drops the steps the page no longer has.
    pub fn keep_only(&mut self, ids: &[String]) {
        self.done.retain(|(i, _)| ids.contains(i));
    }

    pub fn to_stored(&self) -> String {
        self.done
            .iter()
            .map(|(i, t)| format!("{i}={t}\n"))
            .collect()
    }

    pub fn from_stored(text: &str) -> Checklist {
        let mut out = Checklist::default();
        for line in text.lines() {
            if let Some((id, at)) = line.split_once('=') {
                let ok_id = !id.is_empty()
                    && id.len() <= 16
                    && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
                let ok_time = at.len() <= 40
                    && at
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'.'));
                if ok_id && ok_time {
                    out.set(id, true, at);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_text_not_the_position() {
        let before = step_ids(&["Scale down", "Raise the\n  overhead", "Tell users"]);
        let after = step_ids(&["Tell users first", "Scale down", "Raise the overhead"]);
        assert_eq!(before[0], after[1]);
        assert_eq!(before[1], after[2], "wrapping does not matter");
        assert_ne!(before[2], after[0]);
        let repeated = step_ids(&["Check", "Check", "Check"]);
        assert_eq!(repeated[1], format!("{}-2", repeated[0]));
        assert_eq!(repeated[2], format!("{}-3", repeated[0]));
    }

    #[test]
    fn progress_round_trips_and_forgets_removed_steps() {
        let ids = step_ids(&["a", "b", "c"]);
        let mut c = Checklist::default();
        c.set(&ids[0], true, "2026-11-27T12:00:00.000Z");
        c.set(&ids[2], true, "2026-11-27T12:05:00.000Z");
        c.set(&ids[0], false, "");
        c.set(&ids[1], true, "2026-11-27T12:06:00.000Z");
        let read = Checklist::from_stored(&c.to_stored());
        assert_eq!(read, c);
        assert_eq!(read.checked_at(&ids[2]), Some("2026-11-27T12:05:00.000Z"));
        assert_eq!(read.checked_at(&ids[0]), None);
        let mut kept = read.clone();
        kept.keep_only(&ids[..2]);
        assert_eq!(kept.count(), 1);
    }

    #[test]
    fn hand_edited_storage_is_read_leniently() {
        let read = Checklist::from_stored(
            "zz=now\n0badc0de=<script>\n0badc0de=2026-01-01T00:00:00Z\n\ngarbage",
        );
        assert_eq!(read.count(), 1);
        assert_eq!(read.checked_at("0badc0de"), Some("2026-01-01T00:00:00Z"));
        assert_eq!(
            storage_key("runbooks/job-stuck"),
            "checklist:runbooks/job-stuck"
        );
    }
}
