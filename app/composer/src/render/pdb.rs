//! PodDisruptionBudgets for services that run more than one replica (never for executors).

use super::{match_labels, meta, object};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::ymap;

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let mut targets: Vec<(&str, u64)> = Vec::new();
    if v.connect() && v.connect_replicas > 1 {
        targets.push(("connect", v.connect_replicas));
    }
    for s in v.services() {
        if s.replicas > 1 {
            targets.push((s.name, s.replicas));
        }
    }
    targets
        .into_iter()
        .map(|(component, _)| {
            object("policy/v1", "PodDisruptionBudget", meta(v, v.name(component), component)).with(
                "spec",
                ymap! { "maxUnavailable" => 1i64, "selector" => ymap! { "matchLabels" => match_labels(v, component) } },
            )
        })
        .collect()
}
