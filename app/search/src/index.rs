//! Building one language's index and its file format.
//!
//! Files (all UTF-8 text; brotli does the rest):
//! - `meta.txt`: `v2`, then `P` lines (kind, number of sections, url, title) for pages, presets
//!   and composer options; a document is one section, numbered in page order. `G` lines give
//!   the first document of each text group, `C` lines the first key of each term chunk.
//! - `c<n>.txt`: sorted, front-coded `key \t postings`; a posting is `delta * 8 + weight` in the
//!   base-32 digits of `codec`, no separators.
//! - `f<n>.txt`: `anchor \t heading \t text` of the group's documents, one line each, for result
//!   links, excerpts and the exact-phrase pass. Fetched only for documents in the result list.

use crate::{codec, token};
use std::collections::BTreeMap;

/// What a result is, which decides its group in the result list.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum Kind {
    Runbook,
    Guide,
    Preset,
    Option,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Runbook, Kind::Guide, Kind::Preset, Kind::Option];

    pub fn code(self) -> char {
        match self {
            Kind::Runbook => 'r',
            Kind::Guide => 'g',
            Kind::Preset => 'p',
            Kind::Option => 'o',
        }
    }

    pub fn from_code(c: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| c.starts_with(k.code()))
    }
}

/// Posting weight: the body term count (capped at 3) in the low bits, and whether the term is
/// in the section heading or the page title.
pub const W_COUNT: u32 = 3;
pub const W_HEADING: u32 = 4;
/// Bits a weight takes in a posting.
pub const W_BITS: u32 = 3;

/// Target size of one term chunk before compression: a query touches one chunk per word.
const CHUNK_BYTES: usize = 12 * 1024;
/// Target size of one excerpt group.
const GROUP_BYTES: usize = 4 * 1024;

struct DocIn {
    page: usize,
    id: String,
    heading: String,
    text: String,
}

struct PageIn {
    kind: Kind,
    url: String,
    title: String,
}

/// Collects one language's pages and writes its index files.
#[derive(Default)]
pub struct Builder {
    pages: Vec<PageIn>,
    docs: Vec<DocIn>,
    postings: BTreeMap<String, BTreeMap<u32, u32>>,
}

/// One section to index: its anchor id ("" for the top), heading and plain text.
pub struct SectionIn<'a> {
    pub id: &'a str,
    pub heading: &'a str,
    pub text: &'a str,
}

/// The files of one language's index, by name, and the figures about them.
pub struct Output {
    pub files: Vec<(String, String)>,
    /// Bytes of plain text covered (titles, headings and section text).
    pub text_bytes: usize,
    /// Bytes of `meta.txt` and the term chunks: what ranking needs.
    pub index_bytes: usize,
    pub documents: usize,
    pub terms: usize,
}

fn clean_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Terms that only cost bytes: long numbers (ports and versions stay), hashes.
fn is_noise(term: &str) -> bool {
    let digits = term.chars().filter(char::is_ascii_digit).count();
    (digits == term.len() && digits > 5) || (term.len() >= 16 && digits * 4 >= term.len())
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Adds one page (or preset, or composer option) and its sections. The title's words count
    /// for the first section: that is where a title match lands the reader.
    pub fn add(&mut self, kind: Kind, url: &str, title: &str, sections: &[SectionIn<'_>]) {
        let page = self.pages.len();
        self.pages.push(PageIn {
            kind,
            url: clean_line(url),
            title: clean_line(title),
        });
        for (i, section) in sections.iter().enumerate() {
            let doc = self.docs.len() as u32;
            let mut weights: BTreeMap<String, u32> = BTreeMap::new();
            for term in token::terms(section.text) {
                if is_noise(&term) {
                    continue;
                }
                let w = weights.entry(term).or_insert(0);
                if *w & W_COUNT < W_COUNT {
                    *w += 1;
                }
            }
            if !section.id.is_empty() || section.heading != title {
                for term in token::terms(section.heading) {
                    *weights.entry(term).or_insert(0) |= W_HEADING;
                }
            }
            if i == 0 {
                for term in token::terms(title) {
                    *weights.entry(term).or_insert(0) |= W_HEADING;
                }
            }
            for (term, w) in weights {
                self.postings.entry(term).or_default().insert(doc, w);
            }
            self.docs.push(DocIn {
                page,
                id: clean_line(section.id),
                heading: clean_line(section.heading),
                text: clean_line(section.text),
            });
        }
    }

    pub fn finish(self) -> Output {
        let mut text_bytes = 0;
        for page in &self.pages {
            text_bytes += page.title.len();
        }
        for doc in &self.docs {
            text_bytes += doc.text.len();
            if !doc.id.is_empty() {
                text_bytes += doc.heading.len();
            }
        }

        let mut files = Vec::new();
        // Term chunks: contiguous key ranges, so a prefix lives in one or two neighbours.
        let mut chunk_starts = Vec::new();
        let mut chunk = String::new();
        let mut chunks = Vec::new();
        let mut previous = "";
        for (key, docs) in &self.postings {
            if chunk.is_empty() {
                chunk_starts.push(key.clone());
                previous = "";
            }
            codec::push_key(&mut chunk, previous, key);
            previous = key;
            chunk.push('\t');
            let mut last = 0u32;
            for (&doc, &w) in docs {
                codec::push_number(&mut chunk, ((doc - last) << W_BITS) | w);
                last = doc;
            }
            chunk.push('\n');
            if chunk.len() >= CHUNK_BYTES {
                chunks.push(std::mem::take(&mut chunk));
            }
        }
        if !chunk.is_empty() {
            chunks.push(chunk);
        }

        // Excerpt groups: consecutive documents up to a size.
        let mut group_starts = Vec::new();
        let mut groups = Vec::new();
        let mut group = String::new();
        for (n, doc) in self.docs.iter().enumerate() {
            if group.is_empty() {
                group_starts.push(n);
            }
            let title = &self.pages[doc.page].title;
            group.push_str(&doc.id);
            group.push('\t');
            if doc.heading != *title {
                group.push_str(&doc.heading);
            }
            group.push('\t');
            group.push_str(&doc.text);
            group.push('\n');
            if group.len() >= GROUP_BYTES {
                groups.push(std::mem::take(&mut group));
            }
        }
        if !group.is_empty() {
            groups.push(group);
        }

        let mut meta = String::from("v2\n");
        for (n, page) in self.pages.iter().enumerate() {
            let sections = self.docs.iter().filter(|d| d.page == n).count();
            meta.push_str(&format!(
                "P\t{}\t{sections}\t{}\t{}\n",
                page.kind.code(),
                page.url,
                page.title
            ));
        }
        for start in &group_starts {
            meta.push_str(&format!("G\t{start}\n"));
        }
        for start in &chunk_starts {
            meta.push_str(&format!("C\t{start}\n"));
        }

        let index_bytes = meta.len() + chunks.iter().map(String::len).sum::<usize>();
        files.push(("meta.txt".to_string(), meta));
        for (n, c) in chunks.into_iter().enumerate() {
            files.push((format!("c{n}.txt"), c));
        }
        for (n, g) in groups.into_iter().enumerate() {
            files.push((format!("f{n}.txt"), g));
        }
        Output {
            files,
            text_bytes,
            index_bytes,
            documents: self.docs.len(),
            terms: self.postings.len(),
        }
    }
}
