//! The runbook previewer page (issue: previewer). Mounted into `#preview-app`.

pub fn mount() {}
