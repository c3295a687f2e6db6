//! The preset composer engine: pure Rust, no browser APIs, compiled to native and wasm32 alike.
