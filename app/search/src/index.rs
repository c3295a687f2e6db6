//! Building one language's index and its file format.
//!
//! Files (all UTF-8 text; brotli does the rest):
//! - `meta.txt`: `P` lines (kind, url, title) for pages, presets and composer options; `S` lines
//!   (page, section id, heading), one per document in document order; `G` lines (first document
//!   of each excerpt group) and `C` lines (first key of each term chunk).
//! - `c<n>.txt`: sorted `key \t postings`, postings `delta[:weight]` separated by spaces.
//! - `f<n>.txt`: the plain text of the group's documents, one line each, for excerpts and the
//!   exact-phrase pass. Fetched only for documents that made the result list.

use crate::token;
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

/// Posting weight bits: body term count (capped at 7), then heading and title hits.
pub const W_HEADING: u32 = 8;
pub const W_TITLE: u32 = 16;

/// Target size of one term chunk before compression: a query touches one chunk per word.
const CHUNK_BYTES: usize = 12 * 1024;
/// Target size of one excerpt group.
const GROUP_BYTES: usize = 6 * 1024;

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
                let w = weights.entry(term).or_insert(0);
                if *w & 7 < 7 {
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
                    *weights.entry(term).or_insert(0) |= W_TITLE;
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
        for (key, docs) in &self.postings {
            if chunk.is_empty() {
                chunk_starts.push(key.clone());
            }
            chunk.push_str(key);
            chunk.push('\t');
            let mut last = 0u32;
            for (n, (&doc, &w)) in docs.iter().enumerate() {
                if n > 0 {
                    chunk.push(' ');
                }
                let delta = doc - last;
                last = doc;
                chunk.push_str(&delta.to_string());
                if w != 1 {
                    chunk.push(':');
                    chunk.push_str(&w.to_string());
                }
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
            group.push_str(&doc.text);
            group.push('\n');
            if group.len() >= GROUP_BYTES {
                groups.push(std::mem::take(&mut group));
            }
        }
        if !group.is_empty() {
            groups.push(group);
        }

        let mut meta = String::from("v1\n");
        for page in &self.pages {
            meta.push_str(&format!(
                "P\t{}\t{}\t{}\n",
                page.kind.code(),
                page.url,
                page.title
            ));
        }
        for doc in &self.docs {
            meta.push_str(&format!("S\t{}\t{}\t{}\n", doc.page, doc.id, doc.heading));
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
