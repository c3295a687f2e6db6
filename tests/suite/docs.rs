//! The docs against the engine: generated preset pages, alert runbooks, preset links and the
//! values keys the reference pages name. Written against rules, so a new preset or alert is
//! checked without touching this file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use content::{GeneratedPage, Lang};

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// The pages the build adds from data: the same list `cargo xtask dist` passes
/// (`xtask::dist::generated_pages`), from the one generator `composer::docs::pages`.
pub fn generated_pages() -> Vec<GeneratedPage> {
    composer::docs::pages()
        .into_iter()
        .filter_map(|p| {
            Some(GeneratedPage {
                lang: Lang::from_code(p.lang_code())?,
                path: p.path,
                source: p.source,
                markdown: p.markdown,
            })
        })
        .collect()
}
