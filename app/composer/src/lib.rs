//! The preset composer engine: pure Rust, no browser APIs, compiled to native and wasm32 alike.
//!
//! `Choices` (from a preset, a share link or form edits) -> [`validate`] -> `ValidConfig` plus
//! diagnostics -> [`render`] -> a [`Bundle`] of files (Helm values, manifests, commands).

pub mod alerts;
pub mod bundle;
pub mod choices;
pub mod diag;
#[cfg(not(target_arch = "wasm32"))]
pub mod docs;
pub mod explore;
pub mod link;
pub mod model;
pub mod preset;
pub mod pss;
pub mod quantity;
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
pub mod sample;
pub mod validate;
pub mod yaml;

#[cfg(feature = "bench")]
pub mod bench;

pub use alerts::{AlertInfo, alert_catalog};
pub use bundle::{Bundle, Composition, compose};
pub use choices::{Choices, FIELDS, Field, field};
pub use diag::{Code, Diagnostic, Severity};
pub use link::{LinkError, decode, encode};
pub use model::ValidConfig;
pub use preset::{PresetData, preset, presets};
pub use validate::validate;

/// The site languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ru,
}

/// The engine version written into provenance headers.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Stable ids of the components a set of choices deploys.
pub fn components_of(c: &Choices) -> Vec<&'static str> {
    use choices::{Backend, Storage};
    let mut out = Vec::new();
    match c.backend {
        Backend::ConnectK8s => out.push("connect"),
        Backend::ConnectStandalone => out.extend(["connect", "standalone"]),
        Backend::SubmitK8s => out.push("spark-submit"),
        Backend::Operator => out.push("spark-application"),
    }
    let k = &c.components;
    for (on, id) in [
        (k.operator, "spark-operator"),
        (k.jupyter, "jupyter"),
        (k.history, "history-server"),
        (k.metastore, "hive-metastore"),
        (k.postgresql, "postgresql"),
        (k.storage == Storage::Minio, "minio"),
        (k.storage == Storage::External, "s3"),
        (k.airflow, "airflow"),
        (k.mlflow, "mlflow"),
        (k.celeborn, "celeborn"),
    ] {
        if on {
            out.push(id);
        }
    }
    out
}
