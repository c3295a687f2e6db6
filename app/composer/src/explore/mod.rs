//! What the composer page shows around the bundle: why a line is there, the sizing chart, the
//! component graph, line diffs, syntax classes for highlighting, a zip of the bundle and a side
//! by side comparison of two configurations. Pure functions, tested natively.

pub mod compare;
pub mod diff;
pub mod explain;
pub mod graph;
pub mod highlight;
pub mod options;
pub mod sizing;
pub mod zip;
