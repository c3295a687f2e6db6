//! Content model shared by the build and the browser; the markdown pipeline lives behind feature `build`.

pub mod i18n;
pub mod lang;

pub use lang::Lang;
