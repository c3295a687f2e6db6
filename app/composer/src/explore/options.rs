//! Which choices are impossible from the current state, and why: an option is unavailable when
//! picking it would add a dependency error the engine reports (Jupyter without Connect, a hive
//! catalog without a metastore, ...). The reason is that diagnostic, so the form and the
//! diagnostics panel always say the same thing.

use crate::choices::{
    Backend, ChartLine, Choices, Exposure, FIELDS, Iceberg, Platform, SecretsMode, Storage,
    Workload,
};
use crate::diag::{Code, Diagnostic};
use crate::validate;

/// The values a field can take when it is a choice list or a switch (None for free text).
pub fn values_of(path: &str) -> Option<Vec<&'static str>> {
    fn all<T: Copy>(a: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
        a.iter().map(|x| f(*x)).collect()
    }
    Some(match path {
        "chart" => all(ChartLine::ALL, ChartLine::as_str),
        "backend" => all(Backend::ALL, Backend::as_str),
        "platform" => all(Platform::ALL, Platform::as_str),
        "components.storage" => all(Storage::ALL, Storage::as_str),
        "features.iceberg" => all(Iceberg::ALL, Iceberg::as_str),
        "features.exposure" => all(Exposure::ALL, Exposure::as_str),
        "features.secrets" => all(SecretsMode::ALL, SecretsMode::as_str),
        "sizing.workload" => all(Workload::ALL, Workload::as_str),
        _ => {
            let f = FIELDS.iter().find(|f| f.path == path)?;
            let probe = (f.get)(&Choices::default());
            if probe == "0" || probe == "1" {
                let mut c = Choices::default();
                // A switch accepts "0" and "1" and nothing numeric beyond.
                if (f.set)(&mut c, "1") && !(f.set)(&mut c, "2") {
                    return Some(vec!["0", "1"]);
                }
            }
            return None;
        }
    })
}

/// Dependency errors: the ones that make an option unavailable.
const DEPENDENCY: &[Code] = &[
    Code::JupyterNeedsConnect,
    Code::OperatorMissing,
    Code::IcebergHiveNeedsMetastore,
    Code::MetastoreNeedsPostgresql,
    Code::NeedsPostgresql,
    Code::HistoryNeedsStorage,
];

/// An option that cannot be picked now.
#[derive(Clone, Debug, PartialEq)]
pub struct Blocked {
    pub path: &'static str,
    pub value: &'static str,
    pub reason: Diagnostic,
}

/// Every (field, value) that would add a dependency error to `c`.
pub fn blocked(c: &Choices) -> Vec<Blocked> {
    let now: Vec<Code> = validate(c)
        .1
        .iter()
        .map(|d| d.code)
        .filter(|code| DEPENDENCY.contains(code))
        .collect();
    let mut out = Vec::new();
    for f in FIELDS {
        let Some(values) = values_of(f.path) else {
            continue;
        };
        let current = (f.get)(c);
        for value in values {
            if value == current {
                continue;
            }
            let mut probe = c.clone();
            if !(f.set)(&mut probe, value) {
                continue;
            }
            let added = validate(&probe)
                .1
                .into_iter()
                .find(|d| DEPENDENCY.contains(&d.code) && !now.contains(&d.code));
            if let Some(reason) = added {
                out.push(Blocked {
                    path: f.path,
                    value,
                    reason,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_and_lists() {
        assert_eq!(values_of("features.gpu"), Some(vec!["0", "1"]));
        assert_eq!(values_of("backend").map(|v| v.len()), Some(4));
        assert_eq!(values_of("sizing.executor_cores"), None);
        assert_eq!(values_of("identity.namespace"), None);
    }

    #[test]
    fn jupyter_blocks_the_connect_less_backends() {
        let c = Choices::default();
        let b = blocked(&c);
        let submit = b
            .iter()
            .find(|b| b.path == "backend" && b.value == "submit-k8s")
            .expect("blocked");
        assert_eq!(submit.reason.code, Code::JupyterNeedsConnect);
        assert!(
            b.iter()
                .any(|b| b.path == "features.iceberg" && b.value == "hive")
        );
        assert!(!b.iter().any(|b| b.path == "features.gpu"));
    }

    #[test]
    fn every_preset_can_be_probed() {
        for p in crate::presets() {
            let c = p.choices();
            for b in blocked(&c) {
                assert_ne!(
                    (crate::field(b.path).map(|f| (f.get)(&c))).as_deref(),
                    Some(b.value)
                );
            }
        }
    }
}
