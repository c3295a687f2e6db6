//! What an on-call reader enters and records on runbook pages, as plain data: the parameters
//! substituted into commands (and `kubectl` or `oc`), the checklist progress kept per page, and
//! the Markdown incident record. The site's islands only move these between the page and localStorage.

pub mod checklist;
pub mod cli;
pub mod i18n;
pub mod params;
pub mod record;

pub use checklist::Checklist;
pub use params::{Cli, Param, Params};
