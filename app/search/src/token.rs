//! Text to index terms: case and ё/е folding, code identifiers split into parts and kept whole,
//! Snowball stemming chosen per word by its script (Russian pages quote English identifiers).

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Lower case, `ё` read as `е`. Everything that compares text goes through this.
pub fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|l| if l == 'ё' { 'е' } else { l })
}

/// [`fold_char`] with fast paths for ASCII and Russian letters, which are nearly all the text.
fn push_folded(out: &mut String, c: char) {
    match c {
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        'а'..='я' => out.push(c),
        'А'..='Я' => out.push(char::from_u32(c as u32 + 32).unwrap_or(c)),
        'ё' | 'Ё' => out.push('е'),
        _ => out.extend(fold_char(c)),
    }
}

pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(&mut out, c);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Cyrillic,
    Other,
}

fn script(c: char) -> Script {
    if c.is_ascii_alphanumeric() || ('\u{00C0}'..='\u{024F}').contains(&c) {
        Script::Latin
    } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
        Script::Cyrillic
    } else {
        Script::Other
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Punctuation that joins the parts of a code identifier when it sits between two word
/// characters: `spark.executor.memory`, `run_as_user`, `history-server`.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '_' | '-')
}

/// One word of running text as written, with where it is (byte offsets into the source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
}

/// Splits text into words: runs of letters and digits, joined by `.`, `_` or `-` when those sit
/// between two word characters. Anything else (spaces, emoji, brackets, regex syntax) separates.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let joins = is_joiner(c) && chars.peek().is_some_and(|&(_, next)| is_word_char(next));
            if joins {
                continue;
            }
            out.push(Word {
                text: &text[s..i],
                start: s,
            });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
        });
    }
    out
}

/// The simple parts of one word: split at joiners, at camelCase humps (`runAsNonRoot`,
/// `OOMKilled` -> `OOM`, `Killed`) and where the script changes. Digits stay with their letters
/// (`k8s`, `s3`, `log4j`).
pub fn parts(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for segment in word.split(is_joiner).filter(|s| !s.is_empty()) {
        let chars: Vec<(usize, char)> = segment.char_indices().collect();
        let mut begin = 0;
        for k in 1..chars.len() {
            let (i, c) = chars[k];
            let prev = chars[k - 1].1;
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let hump = c.is_uppercase() && prev.is_lowercase();
            // The last capital of an acronym starts the next word: OOM|Killed, HTTPServer.
            let acronym_end =
                c.is_uppercase() && prev.is_uppercase() && next.is_some_and(|n| n.is_lowercase());
            let script_change = c.is_alphabetic()
                && prev.is_alphabetic()
                && script(c) != script(prev)
                && script(c) != Script::Other
                && script(prev) != Script::Other;
            if hump || acronym_end || script_change {
                out.push(&segment[begin..i]);
                begin = i;
            }
        }
        out.push(&segment[begin..]);
    }
    out
}

/// Words too common to help find anything; skipped in the index and in queries with other words.
pub fn is_stop_word(folded: &str) -> bool {
    const STOP: &[&str] = &[
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "if", "in", "into", "is",
        "it", "its", "of", "on", "or", "so", "that", "the", "then", "this", "to", "with", "was",
        "we", "you", "your", "can", "will", "в", "во", "и", "на", "с", "со", "к", "ко", "по", "из",
        "у", "о", "об", "от", "до", "за", "для", "что", "это", "как", "а", "но", "или", "же", "ли",
        "бы", "то", "так", "его", "её", "ее", "их", "при",
    ];
    STOP.contains(&folded)
}

fn stemmers() -> &'static (Stemmer, Stemmer) {
    static STEMMERS: OnceLock<(Stemmer, Stemmer)> = OnceLock::new();
    STEMMERS.get_or_init(|| {
        (
            Stemmer::create(Algorithm::English),
            Stemmer::create(Algorithm::Russian),
        )
    })
}

/// The Snowball stem of one folded simple part, by its script; other scripts and words with
/// digits are kept as they are.
pub fn stem(folded: &str) -> String {
    let has_digit = folded.chars().any(|c| c.is_ascii_digit());
    if has_digit || folded.chars().count() < 3 {
        return folded.to_string();
    }
    let (en, ru) = stemmers();
    let first = folded.chars().next().map(script).unwrap_or(Script::Other);
    match first {
        Script::Latin => en.stem(folded).into_owned(),
        Script::Cyrillic => ru.stem(folded).into_owned(),
        Script::Other => folded.to_string(),
    }
}

/// The index terms of one word as written. Every simple part is stemmed; a word made of several
/// parts is also kept whole (folded, unstemmed) so `spark.executor.memoryOverhead` is found by
/// `memoryOverhead`, by `overhead`, and by itself. A camelCase segment is kept whole too.
pub fn terms_of_word(word: &str, out: &mut Vec<String>) {
    let folded_whole = fold(word);
    let segments: Vec<&str> = word.split(is_joiner).filter(|s| !s.is_empty()).collect();
    let ps = parts(word);
    if ps.len() > 1 {
        out.push(folded_whole);
        if segments.len() > 1 {
            for seg in &segments {
                if parts(seg).len() > 1 {
                    out.push(fold(seg));
                }
            }
        }
    }
    for part in ps {
        let f = fold(part);
        if !f.is_empty() && !is_stop_word(&f) {
            out.push(stem(&f));
        }
    }
}

/// Every index term of a text, in order, duplicates kept (counts matter for ranking).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in words(text) {
        terms_of_word(w.text, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_keep_identifiers_whole_and_drop_trailing_punctuation() {
        assert_eq!(
            texts("Set spark.executor.memoryOverhead. Then (runAsNonRoot)!"),
            vec![
                "Set",
                "spark.executor.memoryOverhead",
                "Then",
                "runAsNonRoot"
            ]
        );
        assert_eq!(texts("history-server -- _x_"), vec!["history-server", "x"]);
        assert_eq!(texts("🔥 .* [a-z]+ ^$"), vec!["a-z"]);
    }

    #[test]
    fn camel_case_and_acronyms_split() {
        assert_eq!(parts("runAsNonRoot"), vec!["run", "As", "Non", "Root"]);
        assert_eq!(parts("OOMKilled"), vec!["OOM", "Killed"]);
        assert_eq!(
            parts("CrashLoopBackOff"),
            vec!["Crash", "Loop", "Back", "Off"]
        );
        assert_eq!(parts("k8s"), vec!["k8s"]);
        assert_eq!(
            parts("spark.executor.memoryOverhead"),
            vec!["spark", "executor", "memory", "Overhead"]
        );
        assert_eq!(parts("Sparkприложение"), vec!["Spark", "приложение"]);
    }

    #[test]
    fn identifiers_are_indexed_by_parts_and_whole() {
        let t = terms("spark.executor.memoryOverhead");
        for want in [
            "spark.executor.memoryoverhead",
            "memoryoverhead",
            "spark",
            "executor",
            "memori",
            "overhead",
        ] {
            assert!(t.contains(&want.to_string()), "{want} missing from {t:?}");
        }
        let t = terms("OOMKilled");
        assert_eq!(t, vec!["oomkilled", "oom", "kill"]);
        let t = terms("runAsNonRoot");
        assert!(t.contains(&"runasnonroot".to_string()));
        assert!(t.contains(&"root".to_string()));
    }

    #[test]
    fn case_and_yo_fold() {
        assert_eq!(fold("Ёлка ЕЩЁ"), "елка еще");
        assert_eq!(fold("ABCxyz АЯая ÄÖ Σ"), "abcxyz аяая äö σ");
        assert_eq!(terms("ещё"), terms("еще"));
        // One part: stemmed; queries also try the folded word, which is the key `OOMKilled` keeps.
        assert_eq!(terms("OOMKILLED"), terms("oomkilled"));
    }

    #[test]
    fn english_stems() {
        assert_eq!(stem("running"), "run");
        assert_eq!(stem("executors"), "executor");
        assert_eq!(terms("Killed pods"), terms("kill pod"));
    }

    #[test]
    fn russian_word_forms_share_a_stem() {
        assert_eq!(stem("историй"), stem("история"));
        assert_eq!(stem("памяти"), stem("памятью"));
        assert_eq!(stem("сервера"), stem("сервер"));
        assert_eq!(stem("пустой"), stem("пустая"));
        assert_eq!(terms("нехватка памяти"), terms("нехватки памяти"));
    }

    #[test]
    fn stop_words_and_symbols_give_no_terms() {
        assert!(terms("the and и в").is_empty());
        assert!(terms("🔥🔥 ((( ))) .*?").is_empty());
        assert!(terms("").is_empty());
    }

    #[test]
    fn mixed_script_words_are_stemmed_per_script() {
        let t = terms("executors исполнителей");
        assert_eq!(t, vec![stem("executor"), stem("исполнитель")]);
    }
}
