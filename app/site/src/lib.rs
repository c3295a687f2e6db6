//! The browser side of the site. Every page arrives prerendered; each binary of this crate adds
//! behaviour to one kind of page, so a docs page never downloads the composer or the markdown
//! renderer:
//! - `site` (src/main.rs, feature `docs`): docs pages, runbooks, `/` and 404, with search;
//! - `composer` (src/bin/composer.rs, feature `composer`): the preset composer;
//! - `preview` (src/bin/preview.rs, feature `preview`): the runbook previewer.

pub mod crash;
pub mod dom;
pub mod enhance;

#[cfg(feature = "composer")]
pub mod composer_page;
#[cfg(feature = "preview")]
pub mod preview_page;
#[cfg(feature = "docs")]
pub mod search;
