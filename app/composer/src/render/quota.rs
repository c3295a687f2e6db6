//! The namespace ResourceQuota, when the user sets one: the same figures the sizing rules check.

use super::{meta, object};
use crate::model::ValidConfig;
use crate::quantity::k8s;
use crate::yaml::Y;
use crate::ymap;

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    if v.quota_cpu.is_none() && v.quota_mib.is_none() {
        return Vec::new();
    }
    let mut hard = Y::map();
    if let Some(cpu) = v.quota_cpu {
        hard.set("requests.cpu", Y::from(cpu.to_string()));
        hard.set("limits.cpu", Y::from(cpu.to_string()));
    }
    if let Some(mib) = v.quota_mib {
        hard.set("requests.memory", Y::from(k8s(mib)));
        hard.set("limits.memory", Y::from(k8s(mib)));
    }
    vec![
        object("v1", "ResourceQuota", meta(v, v.name("quota"), "quota"))
            .with("spec", ymap! { "hard" => hard }),
    ]
}
