//! The query side: parse a query, say which files it needs, rank documents, cut excerpts.
//!
//! Loading is the caller's job (the browser fetches, tests read strings): the engine only asks
//! for chunk and group numbers and takes their text, so it stays pure and testable.

use crate::codec;
use crate::index::{Kind, W_BITS, W_COUNT, W_HEADING};
use crate::token::{self, fold};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Longest query looked at, in characters; anything longer is cut (a pasted log line still works).
const MAX_QUERY_CHARS: usize = 200;
/// Most words a query is split into.
const MAX_WORDS: usize = 8;
/// Longest word kept, in characters.
const MAX_WORD_CHARS: usize = 64;
/// Characters of a section's text the exact-phrase pass and the excerpt look at.
const MAX_SCAN_CHARS: usize = 4000;
/// Most dictionary keys one prefix may expand to.
const MAX_PREFIX_KEYS: usize = 40;

#[derive(Clone, Debug)]
pub struct Page {
    pub kind: Kind,
    pub url: String,
    pub title: String,
}

#[derive(Clone, Debug)]
pub struct Doc {
    pub page: usize,
}

/// A document's line in its text group.
struct DocText<'a> {
    anchor: &'a str,
    heading: &'a str,
    text: &'a str,
}

/// One word of a query and the keys that match it.
#[derive(Clone, Debug)]
struct QueryWord {
    /// Keys that count as this word, best first: the folded word, its stem.
    keys: Vec<String>,
    /// For an identifier made of parts: the parts' keys, used when the whole is not indexed.
    parts: Vec<String>,
    /// The last word while typing: keys starting with this also match, at a discount.
    prefix: Option<String>,
    folded: String,
}

/// A parsed query.
#[derive(Clone, Debug)]
pub struct Query {
    words: Vec<QueryWord>,
    /// The folded words joined by single spaces, for the exact-phrase pass.
    phrase: String,
    /// Looks like an alert name or an error message: runbooks go first.
    symptom: bool,
}

/// Why a query found nothing without searching.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Empty {
    /// Nothing to search for (blank, symbols only).
    Blank,
    /// A single character: too little to mean anything.
    TooShort,
}

fn is_symptom_word(word: &str) -> bool {
    let has_inner_capital =
        word.chars().skip(1).any(char::is_uppercase) && word.chars().any(char::is_lowercase);
    let f = fold(word);
    const SYMPTOMS: &[&str] = &[
        "error",
        "fail",
        "crash",
        "kill",
        "oom",
        "timeout",
        "denied",
        "forbidden",
        "refused",
        "down",
        "empty",
        "missing",
        "stuck",
        "pending",
        "slow",
        "lost",
        "evict",
        "unreachabl",
        "cannot",
        "exception",
        "backoff",
        "ошибк",
        "пад",
        "упал",
        "пуст",
        "нет",
        "не",
        "завис",
        "медлен",
        "недоступ",
        "нехватк",
        "отказ",
        "потер",
        "висит",
        "убит",
    ];
    has_inner_capital
        || f.chars().all(|c| c.is_ascii_digit()) && f.len() == 3
        || SYMPTOMS.iter().any(|s| f.starts_with(s))
}

impl Query {
    /// Parses what the reader typed. `typing` means the last word may be incomplete.
    pub fn parse(input: &str, typing: bool) -> Result<Query, Empty> {
        let cut: String = input.chars().take(MAX_QUERY_CHARS).collect();
        let ends_open = typing && !cut.ends_with(char::is_whitespace);
        let mut raw: Vec<&str> = token::words(&cut).into_iter().map(|w| w.text).collect();
        if raw.is_empty() {
            return Err(Empty::Blank);
        }
        if raw.len() == 1 && raw[0].chars().count() < 2 {
            return Err(Empty::TooShort);
        }
        let symptom = raw.iter().any(|w| is_symptom_word(w));
        // Stop words only go when something else is left.
        if raw.iter().any(|w| !token::is_stop_word(&fold(w))) {
            let last_open = ends_open.then(|| raw.last().copied()).flatten();
            raw.retain(|w| !token::is_stop_word(&fold(w)) || Some(*w) == last_open);
        }
        raw.truncate(MAX_WORDS);
        let n = raw.len();
        let mut words = Vec::new();
        for (i, w) in raw.iter().enumerate() {
            let w: String = w.chars().take(MAX_WORD_CHARS).collect();
            let folded = fold(&w);
            let mut keys = Vec::new();
            let mut parts = Vec::new();
            let split = token::parts(&w);
            if split.len() > 1 {
                keys.push(folded.clone());
                let mut all = Vec::new();
                token::terms_of_word(&w, &mut all);
                for p in split {
                    let f = fold(p);
                    if !token::is_stop_word(&f) {
                        parts.push(token::stem(&f));
                    }
                }
                // The camelCase segments of a dotted identifier are indexed whole too.
                for t in all {
                    if t != folded && !parts.contains(&t) && !keys.contains(&t) {
                        keys.push(t);
                    }
                }
            } else {
                let stem = token::stem(&folded);
                keys.push(folded.clone());
                if stem != folded {
                    keys.push(stem);
                }
            }
            let prefix =
                (ends_open && i + 1 == n && folded.chars().count() >= 2).then(|| folded.clone());
            words.push(QueryWord {
                keys,
                parts,
                prefix,
                folded,
            });
        }
        let phrase = words
            .iter()
            .map(|w| w.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Query {
            words,
            phrase,
            symptom,
        })
    }

    /// Every key and prefix the query looks up.
    fn lookups(&self) -> (Vec<&str>, Vec<&str>) {
        let mut keys = Vec::new();
        let mut prefixes = Vec::new();
        for w in &self.words {
            keys.extend(w.keys.iter().map(String::as_str));
            keys.extend(w.parts.iter().map(String::as_str));
            if let Some(p) = &w.prefix {
                prefixes.push(p.as_str());
            }
        }
        (keys, prefixes)
    }

    /// The words to highlight on the target page, as typed but folded.
    pub fn highlight_words(&self) -> Vec<String> {
        self.words.iter().map(|w| w.folded.clone()).collect()
    }

    pub fn is_symptom(&self) -> bool {
        self.symptom
    }
}

/// One language's index as far as it is loaded.
#[derive(Default)]
pub struct Index {
    pub pages: Vec<Page>,
    pub docs: Vec<Doc>,
    groups: Vec<usize>,
    chunks: Vec<String>,
    loaded_chunks: HashMap<usize, HashMap<String, Vec<(u32, u32)>>>,
    loaded_groups: HashMap<usize, Vec<String>>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct FormatError(pub String);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "search index: {}", self.0)
    }
}

/// One ranked result.
#[derive(Clone, Debug)]
pub struct Hit {
    pub doc: usize,
    pub kind: Kind,
    /// The page's URL and the section's anchor ("" for the top).
    pub url: String,
    pub anchor: String,
    pub title: String,
    /// The section heading when it is not the page title.
    pub heading: String,
    pub score: f32,
    /// Text around the first match: (text, is a match) runs. Empty until the group is loaded.
    pub excerpt: Vec<(String, bool)>,
}

impl Index {
    pub fn parse_meta(text: &str) -> Result<Index, FormatError> {
        let mut lines = text.lines();
        if lines.next() != Some("v2") {
            return Err(FormatError("unknown version".into()));
        }
        let mut index = Index::default();
        for line in lines {
            let mut f = line.split('\t');
            match f.next() {
                Some("P") => {
                    let kind = f.next().and_then(Kind::from_code);
                    let sections = f.next().and_then(|n| n.parse::<usize>().ok());
                    let url = f.next();
                    let title = f.next();
                    let (Some(kind), Some(sections), Some(url), Some(title)) =
                        (kind, sections, url, title)
                    else {
                        return Err(FormatError(format!("bad page line `{line}`")));
                    };
                    let page = index.pages.len();
                    index.pages.push(Page {
                        kind,
                        url: url.into(),
                        title: title.into(),
                    });
                    if index.docs.len() + sections > 1_000_000 {
                        return Err(FormatError("too many sections".into()));
                    }
                    index
                        .docs
                        .extend(std::iter::repeat_n(Doc { page }, sections));
                }
                Some("G") => {
                    let start = f.next().and_then(|p| p.parse::<usize>().ok());
                    index
                        .groups
                        .push(start.ok_or_else(|| FormatError("bad group".into()))?);
                }
                Some("C") => index.chunks.push(f.next().unwrap_or("").to_string()),
                _ => return Err(FormatError(format!("unknown line `{line}`"))),
            }
        }
        Ok(index)
    }

    /// Which chunk holds `key` (the last chunk starting at or before it).
    fn chunk_of(&self, key: &str) -> usize {
        self.chunks
            .partition_point(|start| start.as_str() <= key)
            .saturating_sub(1)
    }

    /// The term chunks `query` needs that are not loaded yet.
    pub fn missing_chunks(&self, query: &Query) -> Vec<usize> {
        if self.chunks.is_empty() {
            return Vec::new();
        }
        let (keys, prefixes) = query.lookups();
        let mut need = BTreeSet::new();
        for key in keys {
            need.insert(self.chunk_of(key));
        }
        for p in prefixes {
            let first = self.chunk_of(p);
            need.insert(first);
            let mut n = first + 1;
            while n < self.chunks.len() && self.chunks[n].starts_with(p) {
                need.insert(n);
                n += 1;
            }
        }
        need.into_iter()
            .filter(|n| !self.loaded_chunks.contains_key(n))
            .collect()
    }

    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    pub fn add_chunk(&mut self, n: usize, text: &str) {
        let mut terms = HashMap::new();
        let mut previous = String::new();
        for line in text.lines() {
            let Some((entry, postings)) = line.split_once('\t') else {
                continue;
            };
            let Some(key) = codec::read_key(&previous, entry) else {
                continue;
            };
            let mut doc = 0u32;
            let list: Vec<(u32, u32)> = codec::numbers(postings)
                .map(|n| {
                    doc = doc.saturating_add(n >> W_BITS);
                    (doc, n & ((1 << W_BITS) - 1))
                })
                .collect();
            previous.clone_from(&key);
            terms.insert(key, list);
        }
        self.loaded_chunks.insert(n, terms);
    }

    fn postings(&self, key: &str) -> Option<&Vec<(u32, u32)>> {
        self.loaded_chunks.get(&self.chunk_of(key))?.get(key)
    }

    fn prefix_keys(&self, prefix: &str) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for terms in self.loaded_chunks.values() {
            keys.extend(
                terms
                    .keys()
                    .filter(|k| k.starts_with(prefix) && k.len() > prefix.len())
                    .map(String::as_str),
            );
        }
        keys.sort_unstable_by_key(|k| (k.len(), *k));
        keys.truncate(MAX_PREFIX_KEYS);
        keys
    }

    fn group_of(&self, doc: usize) -> usize {
        self.groups.partition_point(|&s| s <= doc).saturating_sub(1)
    }

    /// Excerpt groups the given hits need that are not loaded yet.
    pub fn missing_groups(&self, hits: &[Hit]) -> Vec<usize> {
        let need: BTreeSet<usize> = hits.iter().map(|h| self.group_of(h.doc)).collect();
        need.into_iter()
            .filter(|g| !self.loaded_groups.contains_key(g))
            .collect()
    }

    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    pub fn add_group(&mut self, n: usize, text: &str) {
        self.loaded_groups
            .insert(n, text.lines().map(str::to_string).collect());
    }

    fn text(&self, doc: usize) -> Option<DocText<'_>> {
        let g = self.group_of(doc);
        let start = *self.groups.get(g)?;
        let line = self.loaded_groups.get(&g)?.get(doc.checked_sub(start)?)?;
        let mut f = line.splitn(3, '\t');
        Some(DocText {
            anchor: f.next()?,
            heading: f.next()?,
            text: f.next()?,
        })
    }

    /// Ranks documents for `query` with the chunks loaded so far. Every document that matches
    /// at least one word is a candidate; more matched words rank first, then the score.
    pub fn search(&self, query: &Query, limit: usize) -> Vec<Hit> {
        let n_docs = self.docs.len().max(1) as f32;
        // doc -> (words matched, score)
        let mut acc: HashMap<u32, (u32, f32)> = HashMap::new();
        for word in &query.words {
            let mut best: HashMap<u32, f32> = HashMap::new();
            let add = |best: &mut HashMap<u32, f32>, list: &Vec<(u32, u32)>, factor: f32| {
                let idf = (1.0 + n_docs / list.len() as f32).ln();
                for &(doc, w) in list {
                    let s = term_score(w) * idf * factor;
                    let e = best.entry(doc).or_insert(0.0);
                    if s > *e {
                        *e = s;
                    }
                }
            };
            let mut whole_found = false;
            for (i, key) in word.keys.iter().enumerate() {
                if let Some(list) = self.postings(key) {
                    whole_found |= i == 0;
                    // The word as typed beats its stem a little: exact above stemmed.
                    add(&mut best, list, if i == 0 { 1.0 } else { 0.9 });
                }
            }
            if whole_found {
                // The identifier's parts in a heading (`Memory overhead` for `memoryOverhead`)
                // add to the documents that have the whole.
                for part in &word.parts {
                    if let Some(list) = self.postings(part) {
                        let idf = (1.0 + n_docs / list.len() as f32).ln();
                        for &(doc, w) in list {
                            if w & W_HEADING != 0
                                && let Some(e) = best.get_mut(&doc)
                            {
                                *e += 0.3 * term_score(W_HEADING) * idf;
                            }
                        }
                    }
                }
            }
            if !whole_found && !word.parts.is_empty() {
                // An identifier that is not indexed whole: all its parts must be there.
                let lists: Vec<_> = word.parts.iter().map(|p| self.postings(p)).collect();
                if lists.iter().all(Option::is_some) {
                    let mut common: Option<HashMap<u32, f32>> = None;
                    for list in lists.into_iter().flatten() {
                        let idf = (1.0 + n_docs / list.len() as f32).ln();
                        let this: HashMap<u32, f32> = list
                            .iter()
                            .map(|&(d, w)| (d, term_score(w) * idf * 0.7))
                            .collect();
                        common = Some(match common {
                            None => this,
                            Some(prev) => prev
                                .into_iter()
                                .filter_map(|(d, s)| this.get(&d).map(|t| (d, s + t)))
                                .collect(),
                        });
                    }
                    for (d, s) in common.unwrap_or_default() {
                        let e = best.entry(d).or_insert(0.0);
                        if s > *e {
                            *e = s;
                        }
                    }
                }
            }
            if let Some(prefix) = &word.prefix {
                for key in self.prefix_keys(prefix) {
                    if let Some(list) = self.postings(key) {
                        add(&mut best, list, 0.6);
                    }
                }
            }
            for (doc, s) in best {
                let e = acc.entry(doc).or_insert((0, 0.0));
                e.0 += 1;
                e.1 += s;
            }
        }
        let mut ranked: Vec<(u32, u32, f32)> = acc
            .into_iter()
            .filter_map(|(doc, (matched, score))| {
                let d = self.docs.get(doc as usize)?;
                let page = self.pages.get(d.page)?;
                let boost = if query.symptom && page.kind == Kind::Runbook {
                    1.6
                } else {
                    1.0
                };
                Some((doc, matched, score * boost))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
        // Fewer matched words than the best result: keep only if nothing else is found.
        if let Some(&(_, top, _)) = ranked.first() {
            ranked.retain(|r| r.1 == top);
        }
        // At most two sections of one page.
        let mut per_page: HashMap<usize, u32> = HashMap::new();
        let mut hits = Vec::new();
        for (doc, _, score) in ranked {
            let d = &self.docs[doc as usize];
            let seen = per_page.entry(d.page).or_insert(0);
            if *seen >= 2 {
                continue;
            }
            *seen += 1;
            let page = &self.pages[d.page];
            hits.push(Hit {
                doc: doc as usize,
                kind: page.kind,
                url: page.url.clone(),
                anchor: String::new(),
                title: page.title.clone(),
                heading: String::new(),
                score,
                excerpt: Vec::new(),
            });
            if hits.len() >= limit * 2 {
                break;
            }
        }
        hits
    }

    /// The second pass, once the hits' text groups are loaded: an exact phrase in the heading or
    /// the text moves a hit up, and each hit gets its excerpt.
    pub fn refine(&self, query: &Query, mut hits: Vec<Hit>, limit: usize) -> Vec<Hit> {
        let matcher = Matcher::new(&query.highlight_words());
        let multi = query.words.len() > 1;
        for hit in &mut hits {
            let doc = self.text(hit.doc);
            if let Some(doc) = &doc {
                hit.anchor = doc.anchor.to_string();
                hit.heading = doc.heading.to_string();
            }
            let text = doc.map(|d| d.text).unwrap_or("");
            // A long section is looked at up to here: the cost of a query stays flat.
            let text = match text.char_indices().nth(MAX_SCAN_CHARS) {
                Some((cut, _)) => &text[..cut],
                None => text,
            };
            let heading = fold(&format!("{} {}", hit.title, hit.heading));
            let folded_text = fold(text);
            let mut factor = 1.0;
            if multi && heading.contains(&query.phrase) {
                factor *= 2.0;
            } else if multi && folded_text.contains(&query.phrase) {
                factor *= 1.5;
            }
            // A title or heading that is exactly the query: the page about it.
            if fold(&hit.title) == query.phrase
                || !hit.heading.is_empty() && fold(&hit.heading) == query.phrase
            {
                factor *= 1.3;
            }
            // The share of the title's words that match: a short title about the query wins.
            let title_words = token::words(&hit.title);
            if !title_words.is_empty() {
                let matched = title_words
                    .iter()
                    .filter(|w| matcher.matches(w.text))
                    .count();
                factor *= 1.0 + 0.3 * matched as f32 / title_words.len() as f32;
            }
            let exact = query
                .words
                .iter()
                .filter(|w| heading.contains(&w.folded) || folded_text.contains(&w.folded))
                .count();
            factor *= 1.0 + 0.1 * exact as f32;
            hit.score *= factor;
            hit.excerpt = matcher.excerpt(text, 160);
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits.truncate(limit);
        hits
    }
}

fn term_score(w: u32) -> f32 {
    let tf = (w & W_COUNT) as f32;
    let body = tf * 2.2 / (tf + 1.2);
    let heading = if w & W_HEADING != 0 { 4.0 } else { 0.0 };
    body + heading
}

/// Decides which words of a text match a query: by stem, by the whole folded word, or by a
/// prefix of the last word. Used for excerpts and for highlighting on the target page.
pub struct Matcher {
    keys: HashSet<String>,
    prefixes: Vec<String>,
    /// The first two folded characters of every key: a simple word starting otherwise cannot
    /// match, so most words of a text are rejected without folding or stemming them. Few enough
    /// for a linear scan.
    heads: Vec<(char, char)>,
}

fn head(word: &str) -> (char, char) {
    let mut folded = word.chars().flat_map(token::fold_char);
    (folded.next().unwrap_or('\0'), folded.next().unwrap_or('\0'))
}

/// A word of one part (no joiners, no inner capitals): its terms are its stem alone.
fn is_simple(word: &str) -> bool {
    !word
        .chars()
        .skip(1)
        .any(|c| c.is_uppercase() || matches!(c, '.' | '_' | '-'))
}

impl Matcher {
    pub fn new(words: &[String]) -> Matcher {
        let mut keys = HashSet::new();
        let mut prefixes = Vec::new();
        for w in words.iter().take(MAX_WORDS) {
            let f = fold(w);
            if f.is_empty() || token::is_stop_word(&f) && words.len() > 1 {
                continue;
            }
            let mut t = Vec::new();
            token::terms_of_word(w, &mut t);
            keys.extend(t);
            keys.insert(token::stem(&f));
            keys.insert(f.clone());
            if f.chars().count() >= 3 {
                prefixes.push(f);
            }
        }
        let mut heads: Vec<(char, char)> = keys.iter().map(|k| head(k)).collect();
        heads.sort_unstable();
        heads.dedup();
        Matcher {
            keys,
            prefixes,
            heads,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether one word as written matches.
    pub fn matches(&self, word: &str) -> bool {
        let simple = is_simple(word);
        if simple && !self.heads.contains(&head(word)) {
            return false;
        }
        let f = fold(word);
        if self.keys.contains(&f) || self.prefixes.iter().any(|p| f.starts_with(p.as_str())) {
            return true;
        }
        if simple {
            return self.keys.contains(&token::stem(&f));
        }
        let mut t = Vec::new();
        token::terms_of_word(word, &mut t);
        // An alert name holds the reason it is about: `SparkExecutorOOMKilled` shows `OOMKilled`.
        t.iter().any(|k| self.keys.contains(k))
            || self
                .prefixes
                .iter()
                .any(|p| p.chars().count() >= 5 && f.contains(p.as_str()))
    }

    /// Byte ranges of matching words in `text`.
    pub fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        token::words(text)
            .into_iter()
            .filter(|w| self.matches(w.text))
            .map(|w| (w.start, w.start + w.text.len()))
            .collect()
    }

    /// About `width` characters around the first match, as (text, is a match) runs.
    pub fn excerpt(&self, text: &str, width: usize) -> Vec<(String, bool)> {
        let words = token::words(text);
        let first = words
            .iter()
            .position(|w| self.matches(w.text))
            .unwrap_or(words.len());
        let first_at = words.get(first).map(|w| w.start).unwrap_or(0);
        // Start a few words before the match, on a character boundary.
        let before: Vec<(usize, char)> = text[..first_at].char_indices().collect();
        let back = width / 4;
        let mut start = if before.len() > back {
            before[before.len() - back].0
        } else {
            0
        };
        if start > 0
            && let Some(space) = text[start..first_at].find(' ')
        {
            start += space + 1;
        }
        let mut end = text.len();
        if let Some((i, _)) = text[start..].char_indices().nth(width) {
            end = start + i;
            if let Some(space) = text[end..].find(' ').filter(|&s| s < 20) {
                end += space;
            }
        }
        // Only the words inside the window are looked at past the first match.
        let ranges: Vec<(usize, usize)> = words
            .iter()
            .skip(first)
            .take_while(|w| w.start + w.text.len() <= end)
            .enumerate()
            .filter(|(i, w)| *i == 0 || self.matches(w.text))
            .map(|(_, w)| (w.start, w.start + w.text.len()))
            .filter(|_| first < words.len())
            .collect();
        let mut out = Vec::new();
        if start > 0 {
            out.push(("… ".to_string(), false));
        }
        let mut at = start;
        for &(s, e) in &ranges {
            if s > at {
                out.push((text[at..s].to_string(), false));
            }
            out.push((text[s..e].to_string(), true));
            at = e;
        }
        if at < end {
            out.push((text[at..end].to_string(), false));
        }
        if end < text.len() {
            out.push((" …".to_string(), false));
        }
        out
    }
}
