//! The Namespace with Pod Security Admission labels.

use super::{labels, object};
use crate::choices::Platform;
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::ymap;

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let mut l = labels(v, "namespace");
    // anyuid exists for images that need their own UID: enforce baseline there, warn on restricted.
    let enforce = if v.choices().platform == Platform::OpenShiftAnyuid {
        "baseline"
    } else {
        "restricted"
    };
    for mode in ["enforce", "audit", "warn"] {
        let level = if mode == "enforce" {
            enforce
        } else {
            "restricted"
        };
        l.set(format!("pod-security.kubernetes.io/{mode}"), level.into());
        l.set(
            format!("pod-security.kubernetes.io/{mode}-version"),
            "latest".into(),
        );
    }
    if v.openshift() {
        // Keep OpenShift's label syncer from overwriting the levels set here.
        l.set(
            "security.openshift.io/scc.podSecurityLabelSync",
            "false".into(),
        );
    }
    vec![object(
        "v1",
        "Namespace",
        ymap! { "name" => v.ns_text(), "labels" => l },
    )]
}
