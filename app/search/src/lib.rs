//! Bilingual full-text search for the site, built at `cargo xtask dist` time and queried in the
//! browser. Pure Rust, no I/O: the build writes the files [`Builder`] returns, the browser fetches
//! the ones [`Index`] asks for.
//!
//! - [`token`]: words, identifier parts, case and ё/е folding, Snowball stems (EN and RU).
//! - [`index`]: one language's index, split into term chunks and excerpt groups.
//! - [`engine`]: query parsing, ranking, the exact-phrase pass, excerpts and highlighting.

mod codec;
pub mod engine;
pub mod index;
pub mod token;

pub use engine::{Empty, FormatError, Hit, Index, Matcher, Query};
pub use index::{Builder, Kind, Output, SectionIn};

/// Loads every file of a built index: for tests and native tools.
pub fn load_all(output: &Output) -> Result<Index, FormatError> {
    let file = |name: &str| {
        output
            .files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    };
    let mut index = Index::parse_meta(file("meta.txt").unwrap_or(""))?;
    for n in 0..index.chunk_count() {
        index.add_chunk(n, file(&format!("c{n}.txt")).unwrap_or(""));
    }
    for n in 0..index.group_count() {
        index.add_group(n, file(&format!("f{n}.txt")).unwrap_or(""));
    }
    Ok(index)
}

/// Runs a query the way the browser does: search, then the exact-phrase pass with excerpts.
pub fn run(index: &Index, input: &str, limit: usize) -> Result<Vec<Hit>, Empty> {
    let query = Query::parse(input, false)?;
    let hits = index.search(&query, limit);
    Ok(index.refine(&query, hits, limit))
}
