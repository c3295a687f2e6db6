//! Heading ids: readable, stable, and the same for a heading whatever its script.
//!
//! Cyrillic is transliterated with a fixed table (close to the passport/GOST 2006 rules, without
//! apostrophes for soft and hard signs) rather than percent-encoded, so `#proverka-pamyati` stays
//! readable when a link is pasted into a chat or a ticket.

use std::collections::HashSet;

/// Latin spelling of one lower-case Cyrillic letter; `None` for anything else.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        // Ukrainian and Belarusian letters that show up in names.
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ў' => "u",
        _ => return None,
    })
}

/// The id for a heading text: lower case, Cyrillic transliterated, every run of other
/// characters collapsed to one `-`, no leading or trailing `-`. Never empty.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Start as if a separator was just written, so leading punctuation adds nothing.
    let mut pending_dash = false;
    let push = |piece: &str, out: &mut String, pending: &mut bool| {
        if piece.is_empty() {
            return;
        }
        if *pending && !out.is_empty() {
            out.push('-');
        }
        *pending = false;
        out.push_str(piece);
    };
    for ch in text.chars() {
        for lower in ch.to_lowercase() {
            if let Some(latin) = transliterate(lower) {
                push(latin, &mut out, &mut pending_dash);
            } else if lower.is_ascii_alphanumeric() {
                let mut buf = [0u8; 4];
                push(lower.encode_utf8(&mut buf), &mut out, &mut pending_dash);
            } else if lower.is_alphanumeric() {
                // Other scripts stay as they are: browsers handle them, and a table for every
                // script is not worth it for a two-language site.
                let mut buf = [0u8; 4];
                push(lower.encode_utf8(&mut buf), &mut out, &mut pending_dash);
            } else {
                pending_dash = true;
            }
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// Hands out unique ids on one page: the second "Example" becomes `example-2`, then `example-3`.
#[derive(Debug, Default, Clone)]
pub struct Slugger {
    used: HashSet<String>,
}

impl Slugger {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserve an id that is not derived from a heading (e.g. footnotes), so headings avoid it.
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    pub fn slug(&mut self, text: &str) -> String {
        let base = slugify(text);
        if self.used.insert(base.clone()) {
            return base;
        }
        // A heading literally named "Example 2" may already hold `example-2`: keep counting.
        let mut n = 2;
        loop {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_headings_are_lower_case_and_dashed() {
        assert_eq!(slugify("Worked example"), "worked-example");
        assert_eq!(
            slugify("  Spark 4.1: what's new?  "),
            "spark-4-1-what-s-new"
        );
        assert_eq!(
            slugify("spark.executor.memoryOverhead"),
            "spark-executor-memoryoverhead"
        );
        assert_eq!(slugify("--- A -- B ---"), "a-b");
        assert_eq!(slugify("`values.yaml` keys"), "values-yaml-keys");
    }

    #[test]
    fn cyrillic_is_transliterated_with_the_table() {
        assert_eq!(slugify("Проверка памяти"), "proverka-pamyati");
        assert_eq!(slugify("Жёсткий лимит"), "zhestkiy-limit");
        assert_eq!(slugify("Хранилище и щит"), "khranilishche-i-shchit");
        assert_eq!(slugify("Цель: чистый объём"), "tsel-chistyy-obem");
        assert_eq!(slugify("Эскалация"), "eskalatsiya");
        assert_eq!(slugify("Сьюзи"), "syuzi");
        assert_eq!(slugify("Временное решение"), "vremennoe-reshenie");
        assert_eq!(slugify("См. также"), "sm-takzhe");
    }

    #[test]
    fn mixed_scripts_and_numbers() {
        assert_eq!(
            slugify("OOMKill у экзекьюторов Spark 3.5"),
            "oomkill-u-ekzekyutorov-spark-3-5"
        );
    }

    #[test]
    fn a_heading_without_letters_still_gets_an_id() {
        assert_eq!(slugify("!!!"), "section");
        assert_eq!(slugify(""), "section");
    }

    #[test]
    fn duplicates_get_numbered_suffixes() {
        let mut s = Slugger::new();
        assert_eq!(s.slug("Example"), "example");
        assert_eq!(s.slug("Example"), "example-2");
        assert_eq!(s.slug("example!"), "example-3");
        assert_eq!(s.slug("Пример"), "primer");
        assert_eq!(s.slug("Пример"), "primer-2");
    }

    #[test]
    fn a_literal_suffix_does_not_collide_with_a_generated_one() {
        let mut s = Slugger::new();
        assert_eq!(s.slug("Step 2"), "step-2");
        assert_eq!(s.slug("Step"), "step");
        assert_eq!(s.slug("Step"), "step-3");
    }
}
