//! Content model shared by the build and the browser; the markdown pipeline lives behind feature `build`.
//!
//! Always compiled (also to wasm32, serde only): the page model, slugs, front matter, SUMMARY
//! parsing and the pure lint rules. Feature `markdown` adds the renderer (pulldown-cmark), feature
//! `build` adds highlighting, YAML checks, hashing and the file/git walk that compiles `content/`.

pub mod front_matter;
pub mod i18n;
pub mod lang;
pub mod links;
pub mod lint;
pub mod model;
pub mod previewer;
pub mod slug;
pub mod summary;
pub mod templates;

#[cfg(feature = "markdown")]
pub mod markdown;

#[cfg(feature = "build")]
pub mod build;
#[cfg(feature = "build")]
mod git;
#[cfg(feature = "build")]
pub mod highlight;

pub use lang::Lang;
pub use model::*;

#[cfg(feature = "build")]
pub use build::{
    BuildErrors, BuildOptions, GeneratedPage, check_site, compile_site, translation_hash,
};
#[cfg(feature = "markdown")]
pub use markdown::markdown_options;
