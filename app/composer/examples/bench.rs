//! Placeholder: the composer benchmark lands here.

fn main() {}
