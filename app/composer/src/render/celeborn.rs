//! Celeborn remote shuffle: 3 masters (Raft) and 3 workers with shuffle volumes.

use super::blocks::{
    config_map, config_volume, container, env, mount, pod_spec, port, scratch_mounts,
    scratch_volumes, service, service_resources, stateful_set, tcp_probe,
};
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::{emap, eseq};

pub const IMAGE: &str = "apache/celeborn:0.6.1";

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp"), ("logs", "/opt/celeborn/logs")];

pub fn master_name(v: &ValidConfig) -> String {
    v.name("celeborn-master")
}

/// Master endpoints through the headless Service (the Spark client and workers use these).
pub fn endpoints(v: &ValidConfig) -> String {
    let m = master_name(v);
    (0..3)
        .map(|i| format!("{m}-{i}.{m}.{}.svc:9097", v.ns()))
        .collect::<Vec<_>>()
        .join(",")
}

fn conf(v: &ValidConfig) -> String {
    let m = master_name(v);
    let mut s = String::new();
    s.push_str("celeborn.master.ha.enabled=true\n");
    for i in 0..3 {
        s.push_str(&format!(
            "celeborn.master.ha.node.{i}.host={m}-{i}.{m}.{}.svc\n",
            v.ns()
        ));
        s.push_str(&format!("celeborn.master.ha.node.{i}.port=9097\n"));
    }
    s.push_str(&format!("celeborn.master.endpoints={}\n", endpoints(v)));
    s.push_str("celeborn.master.ha.ratis.raft.server.storage.dir=/mnt/ratis\n");
    s.push_str("celeborn.worker.storage.dirs=/mnt/celeborn\n");
    s.push_str("celeborn.worker.rpc.port=9098\n");
    s.push_str("celeborn.metrics.enabled=true\n");
    s
}

/// A StatefulSet for `role` ("master" or "worker"); `component` is `celeborn-<role>`.
fn sts(
    v: &ValidConfig,
    d: &mut Docs,
    role: &'static str,
    component: &'static str,
    port_n: i64,
    storage: &'static str,
    mount_path: &'static str,
) {
    let name = &v.name(component);
    let ctr = container(
        v,
        role,
        IMAGE,
        eseq![port("rpc", port_n)],
        eseq![
            env("CELEBORN_NO_DAEMONIZE", "true"),
            env("CELEBORN_CONF_DIR", "/opt/celeborn/conf"),
        ],
        eseq![
            ..scratch_mounts(SCRATCH),
            mount("conf", "/opt/celeborn/conf", true),
            mount("data", mount_path, false),
        ],
        service_resources(v, component),
        emap! {
            "command" => eseq![format!("/opt/celeborn/sbin/start-{role}.sh")],
            "readinessProbe" => tcp_probe("rpc", 20, 10),
            "livenessProbe" => tcp_probe("rpc", 60, 30),
        },
    );
    let volumes = eseq![
        ..scratch_volumes(SCRATCH),
        config_volume("conf", v.name("celeborn-config")),
    ];
    d.doc(stateful_set(
        v,
        name,
        component,
        3,
        emap! { "podManagementPolicy" => "Parallel" },
        pod_spec(v, false, eseq![ctr], volumes),
        storage,
    ));
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    d.doc(config_map(
        v,
        v.name("celeborn-config"),
        "celeborn",
        emap! { "celeborn-defaults.conf" => conf(v) },
    ));
    sts(
        v,
        d,
        "master",
        "celeborn-master",
        9097,
        "10Gi",
        "/mnt/ratis",
    );
    d.doc(service(
        v,
        master_name(v),
        "celeborn-master",
        &[("rpc", 9097)],
        true,
    ));
    sts(
        v,
        d,
        "worker",
        "celeborn-worker",
        9098,
        "100Gi",
        "/mnt/celeborn",
    );
    d.doc(service(
        v,
        v.name("celeborn-worker"),
        "celeborn-worker",
        &[("rpc", 9098)],
        true,
    ));
}
