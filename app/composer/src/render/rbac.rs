//! ServiceAccounts and a namespaced least-privilege Role for Spark drivers (no exec/attach, no
//! cluster scope). Other workloads get an account without an API token.

use super::{meta, object};
use crate::choices::Backend;
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

fn rule(groups: &[&'static str], resources: &[&'static str], verbs: &[&'static str]) -> Y {
    ymap! {
        "apiGroups" => Y::Seq(groups.iter().map(|g| Y::from(*g)).collect()),
        "resources" => Y::Seq(resources.iter().map(|g| Y::from(*g)).collect()),
        "verbs" => Y::Seq(verbs.iter().map(|g| Y::from(*g)).collect()),
    }
}

/// Binds the Role `name` to the ServiceAccount `sa`; the binding carries the Role's name.
fn binding(v: &ValidConfig, name: &str, sa: &str) -> Y {
    object(
        "rbac.authorization.k8s.io/v1",
        "RoleBinding",
        meta(v, name.to_owned(), "rbac"),
    )
    .with(
        "roleRef",
        ymap! { "apiGroup" => "rbac.authorization.k8s.io", "kind" => "Role", "name" => name.to_owned() },
    )
    .with(
        "subjects",
        yseq![ymap! { "kind" => "ServiceAccount", "name" => sa.to_owned(), "namespace" => v.ns_text() }],
    )
}

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let c = v.choices();
    let spark = v.name("spark");
    let workload = v.name("workload");
    let mut out = vec![
        object("v1", "ServiceAccount", meta(v, &spark, "rbac"))
            .with("automountServiceAccountToken", true),
        object("v1", "ServiceAccount", meta(v, &workload, "rbac"))
            .with("automountServiceAccountToken", false),
    ];
    let crud = [
        "create",
        "get",
        "list",
        "watch",
        "delete",
        "deletecollection",
    ];
    let driver_role = v.name("spark-driver");
    out.push(
        object(
            "rbac.authorization.k8s.io/v1",
            "Role",
            meta(v, &driver_role, "rbac"),
        )
        .with(
            "rules",
            yseq![
                rule(
                    &[""],
                    &["pods"],
                    &[
                        "create",
                        "get",
                        "list",
                        "watch",
                        "delete",
                        "deletecollection",
                        "patch"
                    ]
                ),
                rule(
                    &[""],
                    &["services", "configmaps", "persistentvolumeclaims"],
                    &crud
                ),
            ],
        ),
    );
    out.push(binding(v, &driver_role, &spark));
    if c.components.airflow && c.backend == Backend::Operator {
        let sa = v.name("airflow");
        let role = v.name("airflow-submit");
        out.push(
            object("v1", "ServiceAccount", meta(v, &sa, "rbac"))
                .with("automountServiceAccountToken", true),
        );
        out.push(
            object(
                "rbac.authorization.k8s.io/v1",
                "Role",
                meta(v, &role, "rbac"),
            )
            .with(
                "rules",
                yseq![
                    rule(
                        &["sparkoperator.k8s.io"],
                        &["sparkapplications"],
                        &["create", "get", "list", "watch", "delete", "patch"]
                    ),
                    rule(&[""], &["pods", "pods/log"], &["get", "list", "watch"]),
                ],
            ),
        );
        out.push(binding(v, &role, &sa));
    }
    out
}
