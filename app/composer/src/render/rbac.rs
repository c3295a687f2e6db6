//! ServiceAccounts and a namespaced least-privilege Role for Spark drivers (no exec/attach, no
//! cluster scope). Other workloads get an account without an API token.

use super::blocks::meta;
use crate::choices::Backend;
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::{Emit, each};
use crate::{emap, eseq};

const RBAC_API: &str = "rbac.authorization.k8s.io/v1";

fn rule(
    groups: &'static [&'static str],
    resources: &'static [&'static str],
    verbs: &'static [&'static str],
) -> impl Emit {
    emap! {
        "apiGroups" => each(groups.iter().copied()),
        "resources" => each(resources.iter().copied()),
        "verbs" => each(verbs.iter().copied()),
    }
}

fn account(v: &ValidConfig, name: &String, automount: bool) -> impl Emit {
    emap! {
        "apiVersion" => "v1",
        "kind" => "ServiceAccount",
        "metadata" => meta(v, name, "rbac"),
        "automountServiceAccountToken" => automount,
    }
}

fn role(v: &ValidConfig, name: &String, rules: impl Emit) -> impl Emit {
    emap! { "apiVersion" => RBAC_API, "kind" => "Role", "metadata" => meta(v, name, "rbac"), "rules" => rules }
}

/// Binds the Role `name` to the ServiceAccount `sa`; the binding carries the Role's name.
fn binding(v: &ValidConfig, name: &String, sa: &String) -> impl Emit {
    emap! {
        "apiVersion" => RBAC_API,
        "kind" => "RoleBinding",
        "metadata" => meta(v, name, "rbac"),
        "roleRef" => emap! { "apiGroup" => "rbac.authorization.k8s.io", "kind" => "Role", "name" => name },
        "subjects" => eseq![emap! { "kind" => "ServiceAccount", "name" => sa, "namespace" => v.ns_text() }],
    }
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let c = v.choices();
    let spark = &v.name("spark");
    let workload = &v.name("workload");
    d.doc(account(v, spark, true));
    d.doc(account(v, workload, false));
    let driver_role = &v.name("spark-driver");
    d.doc(role(
        v,
        driver_role,
        eseq![
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
                &[
                    "create",
                    "get",
                    "list",
                    "watch",
                    "delete",
                    "deletecollection"
                ]
            ),
        ],
    ));
    d.doc(binding(v, driver_role, spark));
    if c.components.airflow && c.backend == Backend::Operator {
        let sa = &v.name("airflow");
        let submit = &v.name("airflow-submit");
        d.doc(account(v, sa, true));
        d.doc(role(
            v,
            submit,
            eseq![
                rule(
                    &["sparkoperator.k8s.io"],
                    &["sparkapplications"],
                    &["create", "get", "list", "watch", "delete", "patch"]
                ),
                rule(&[""], &["pods", "pods/log"], &["get", "list", "watch"]),
            ],
        ));
        d.doc(binding(v, submit, sa));
    }
}
