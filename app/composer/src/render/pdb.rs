//! PodDisruptionBudgets for services that run more than one replica (never for executors).

use super::blocks::{match_labels, meta};
use crate::emap;
use crate::model::ValidConfig;
use crate::yaml::Docs;

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let connect = (v.connect() && v.connect_replicas > 1).then_some("connect");
    let services = v.services().into_iter().filter(|s| s.replicas > 1);
    for component in connect.into_iter().chain(services.map(|s| s.name)) {
        d.doc(emap! {
            "apiVersion" => "policy/v1",
            "kind" => "PodDisruptionBudget",
            "metadata" => meta(v, v.name(component), component),
            "spec" => emap! {
                "maxUnavailable" => 1i64,
                "selector" => emap! { "matchLabels" => match_labels(v, component) },
            },
        });
    }
}
