//! One integration-test binary: each module is a suite over the real repository data.

mod content;
mod docs;
mod presets;
