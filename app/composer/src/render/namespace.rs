//! The Namespace with Pod Security Admission labels.

use super::blocks::labels_with;
use crate::choices::Platform;
use crate::emap;
use crate::model::ValidConfig;
use crate::yaml::Docs;

pub fn render(v: &ValidConfig, d: &mut Docs) {
    // anyuid exists for images that need their own UID: enforce baseline there, warn on restricted.
    let enforce = if v.choices().platform == Platform::OpenShiftAnyuid {
        "baseline"
    } else {
        "restricted"
    };
    let labels = labels_with(
        v,
        "namespace",
        emap! {
            "pod-security.kubernetes.io/enforce" => enforce,
            "pod-security.kubernetes.io/enforce-version" => "latest",
            "pod-security.kubernetes.io/audit" => "restricted",
            "pod-security.kubernetes.io/audit-version" => "latest",
            "pod-security.kubernetes.io/warn" => "restricted",
            "pod-security.kubernetes.io/warn-version" => "latest",
            // Keep OpenShift's label syncer from overwriting the levels set here.
            "security.openshift.io/scc.podSecurityLabelSync" => v.openshift().then_some("false"),
        },
    );
    d.doc(emap! {
        "apiVersion" => "v1",
        "kind" => "Namespace",
        "metadata" => emap! { "name" => v.ns_text(), "labels" => labels },
    });
}
