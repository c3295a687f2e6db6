//! The preset composer page (issue: composer page). Mounted into `#composer-app`.

pub fn mount() {}
