//! The namespace ResourceQuota, when the user sets one: the same figures the sizing rules check.

use super::blocks::meta;
use crate::emap;
use crate::model::ValidConfig;
use crate::quantity::k8s;
use crate::yaml::Docs;

pub fn render(v: &ValidConfig, d: &mut Docs) {
    if v.quota_cpu.is_none() && v.quota_mib.is_none() {
        return;
    }
    let cpu = &v.quota_cpu.map(|cpu| cpu.to_string());
    let memory = &v.quota_mib.map(k8s);
    d.doc(emap! {
        "apiVersion" => "v1",
        "kind" => "ResourceQuota",
        "metadata" => meta(v, v.name("quota"), "quota"),
        "spec" => emap! {
            "hard" => emap! {
                "requests.cpu" => cpu.as_ref(),
                "limits.cpu" => cpu.as_ref(),
                "requests.memory" => memory.as_ref(),
                "limits.memory" => memory.as_ref(),
            },
        },
    });
}
