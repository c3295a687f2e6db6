//! The Spark Connect server: the driver for every Connect session, with its Services.

use std::iter::once;

use super::blocks::{
    config_volume, container, deployment, env, env_field, mount, pod_spec, port, resources, s3_env,
    scratch_mounts, scratch_volumes, service, tcp_probe,
};
use super::spark_config;
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::Emit;
use crate::{emap, eseq};

/// Config volumes shared by Pods that run spark-submit; `conf_mounts` mounts them.
pub fn conf_volumes(v: &ValidConfig) -> impl Iterator<Item: Emit> {
    let templates = v
        .k8s_executors()
        .then(|| config_volume("pod-templates", spark_config::templates_name(v)));
    once(config_volume(
        "spark-defaults",
        spark_config::defaults_name(v),
    ))
    .chain(templates)
}

pub fn conf_mounts(v: &ValidConfig) -> impl Iterator<Item: Emit> {
    let templates = v
        .k8s_executors()
        .then(|| mount("pod-templates", "/opt/spark/pod-templates", true));
    once(mount("spark-defaults", "/opt/spark/conf-ro", true)).chain(templates)
}

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp"), ("work-dir", "/opt/spark/work-dir")];

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let name = &v.connect_service();
    let driver_svc = &v.name("connect-driver");
    // One replica: executors reach the driver by its headless Service; more: by Pod IP.
    let host = if v.connect_replicas == 1 {
        format!("{driver_svc}.{}.svc", v.ns())
    } else {
        "$(POD_IP)".into()
    };
    let ctr = container(
        v,
        "connect",
        v.spark_image(),
        eseq![
            port("grpc", 15002),
            port("driver", 7078),
            port("blockmanager", 7079),
            port("ui", 4040),
        ],
        eseq![
            env_field("POD_IP", "status.podIP"),
            env("SPARK_NO_DAEMONIZE", "true"),
            env("HOME", "/tmp"),
            env("SPARK_USER", "spark"),
            ..s3_env(v),
        ],
        eseq![..conf_mounts(v), ..scratch_mounts(SCRATCH)],
        resources(
            v.driver.cores * 1000,
            v.driver.pod_mib,
            v.driver.cores * 2000,
            v.driver.limit_mib,
        ),
        emap! {
            "command" => eseq![
                "/opt/spark/bin/spark-submit",
                "--properties-file",
                "/opt/spark/conf-ro/spark-defaults.conf",
                "--conf",
                format!("spark.driver.host={host}"),
                "--class",
                "org.apache.spark.sql.connect.service.SparkConnectServer",
                "--name",
                "spark-connect",
                "spark-internal",
            ],
            "readinessProbe" => tcp_probe("grpc", 30, 10),
            "livenessProbe" => tcp_probe("grpc", 60, 30),
        },
    );
    let volumes = eseq![..conf_volumes(v), ..scratch_volumes(SCRATCH)];
    // The Connect Pod is the driver: NetworkPolicies and PodMonitors select it by spark-role.
    d.doc(deployment(
        v,
        name,
        "connect",
        Some("driver"),
        v.connect_replicas,
        pod_spec(v, true, eseq![ctr], volumes),
    ));
    d.doc(service(
        v,
        name,
        "connect",
        &[("grpc", 15002), ("ui", 4040)],
        false,
    ));
    d.doc(service(
        v,
        driver_svc,
        "connect",
        &[("driver", 7078), ("blockmanager", 7079)],
        true,
    ));
}
