//! `validate(&Choices) -> (ValidConfig, Vec<Diagnostic>)`: never panics. One file per rule family.

mod deps;
mod helm;
mod names;
mod security;
mod sizing;
mod versions;

use crate::choices::Choices;
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::ValidConfig;

/// Collects diagnostics for one run.
pub(crate) struct Out(pub Vec<Diagnostic>);

impl Out {
    pub fn push(&mut self, code: Code, path: &'static str) -> &mut Diagnostic {
        self.0.push(Diagnostic::new(code, path));
        let last = self.0.len() - 1;
        &mut self.0[last]
    }
}

/// Adds an argument to a diagnostic in place.
pub(crate) trait ArgExt {
    fn a(&mut self, k: &'static str, v: impl ToString) -> &mut Self;
}

impl ArgExt for Diagnostic {
    fn a(&mut self, k: &'static str, v: impl ToString) -> &mut Self {
        self.args.push((k, v.to_string()));
        self
    }
}

/// Validates choices: the sanitised model plus every finding, errors first.
pub fn validate(c: &Choices) -> (ValidConfig, Vec<Diagnostic>) {
    let mut out = Out(Vec::new());
    let mut sanitized = c.clone();
    names::check(&mut sanitized, &mut out);
    let mut v = ValidConfig::new(sanitized);
    sizing::check(c, &mut v, &mut out);
    deps::check(&v, &mut out);
    security::check(c, &v, &mut out);
    versions::check(&v, &mut out);
    helm::check(&v, &mut out);
    let mut diags = out.0;
    diags.sort_by_key(|d| (d.severity, d.code));
    v.errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (v, diags)
}

/// S3 bucket naming rules (shared with renderers that derive bucket names from paths).
pub fn bucket_ok(s: &str) -> bool {
    names::bucket(s)
}
