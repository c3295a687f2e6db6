//! Celeborn remote shuffle: 3 masters (Raft) and 3 workers with shuffle volumes.

use super::{
    container, env, labels, match_labels, meta, mount, object, pod_security, port, scratch,
    service, service_resources, tcp_probe,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

pub const IMAGE: &str = "apache/celeborn:0.6.1";

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
    role: &'static str,
    component: &'static str,
    port_n: i64,
    storage: &'static str,
    mount_path: &'static str,
) -> Y {
    let name = v.name(component);
    let (mut vols, mut mounts) = scratch(&[("tmp", "/tmp"), ("logs", "/opt/celeborn/logs")]);
    vols.push(
        ymap! { "name" => "conf", "configMap" => ymap! { "name" => v.name("celeborn-config") } },
    );
    mounts.push(mount("conf", "/opt/celeborn/conf", true));
    mounts.push(mount("data", mount_path, false));
    let envs = vec![
        env("CELEBORN_NO_DAEMONIZE", "true"),
        env("CELEBORN_CONF_DIR", "/opt/celeborn/conf"),
    ];
    let mut ctr = container(
        v,
        role,
        IMAGE,
        vec![port("rpc", port_n)],
        envs,
        mounts,
        service_resources(v, component),
    );
    ctr.set(
        "command",
        yseq![format!("/opt/celeborn/sbin/start-{role}.sh")],
    );
    ctr.set("readinessProbe", tcp_probe("rpc", 20, 10));
    ctr.set("livenessProbe", tcp_probe("rpc", 60, 30));
    let spec = ymap! {
        "serviceAccountName" => v.name("workload"),
        "automountServiceAccountToken" => false,
        "securityContext" => pod_security(v),
        "containers" => yseq![ctr],
        "volumes" => Y::Seq(vols),
    };
    object("apps/v1", "StatefulSet", meta(v, &name, component)).with(
        "spec",
        ymap! {
            "serviceName" => name,
            "replicas" => 3i64,
            "podManagementPolicy" => "Parallel",
            "selector" => ymap! { "matchLabels" => match_labels(v, component) },
            "template" => ymap! { "metadata" => ymap! { "labels" => labels(v, component) }, "spec" => spec },
            "volumeClaimTemplates" => yseq![ymap! {
                "metadata" => ymap! { "name" => "data" },
                "spec" => ymap! { "accessModes" => yseq!["ReadWriteOnce"], "resources" => ymap! { "requests" => ymap! { "storage" => storage } } },
            }],
        },
    )
}

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    vec![
        object(
            "v1",
            "ConfigMap",
            meta(v, v.name("celeborn-config"), "celeborn"),
        )
        .with("data", ymap! { "celeborn-defaults.conf" => conf(v) }),
        sts(v, "master", "celeborn-master", 9097, "10Gi", "/mnt/ratis"),
        service(v, master_name(v), "celeborn-master", &[("rpc", 9097)], true),
        sts(
            v,
            "worker",
            "celeborn-worker",
            9098,
            "100Gi",
            "/mnt/celeborn",
        ),
        service(
            v,
            v.name("celeborn-worker"),
            "celeborn-worker",
            &[("rpc", 9098)],
            true,
        ),
    ]
}
