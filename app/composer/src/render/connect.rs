//! The Spark Connect server: the driver for every Connect session, with its Services.

use super::{
    container, deployment_with, env, env_field, env_secret, mount, pod_spec, port, resources,
    scratch, service, spark_config, tcp_probe,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

/// Environment for Spark Pods that read S3.
pub fn s3_env(v: &ValidConfig) -> Vec<Y> {
    if !v.storage() {
        return Vec::new();
    }
    let s = &v.choices().s3.secret_name;
    vec![
        env_secret("AWS_ACCESS_KEY_ID", s, "access-key"),
        env_secret("AWS_SECRET_ACCESS_KEY", s, "secret-key"),
    ]
}

/// Config volumes shared by Pods that run spark-submit.
pub fn conf_volumes(v: &ValidConfig) -> (Vec<Y>, Vec<Y>) {
    let mut vols = vec![
        ymap! { "name" => "spark-defaults", "configMap" => ymap! { "name" => spark_config::defaults_name(v) } },
    ];
    let mut mounts = vec![mount("spark-defaults", "/opt/spark/conf-ro", true)];
    if v.k8s_executors() {
        vols.push(ymap! { "name" => "pod-templates", "configMap" => ymap! { "name" => spark_config::templates_name(v) } });
        mounts.push(mount("pod-templates", "/opt/spark/pod-templates", true));
    }
    (vols, mounts)
}

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let name = v.connect_service();
    let driver_svc = v.name("connect-driver");
    // One replica: executors reach the driver by its headless Service; more: by Pod IP.
    let host = if v.connect_replicas == 1 {
        format!("{driver_svc}.{}.svc", v.ns())
    } else {
        "$(POD_IP)".into()
    };
    let (mut vols, mut mounts) = conf_volumes(v);
    let (sv, sm) = scratch(&[("tmp", "/tmp"), ("work-dir", "/opt/spark/work-dir")]);
    vols.extend(sv);
    mounts.extend(sm);
    let mut envs = vec![
        env_field("POD_IP", "status.podIP"),
        env("SPARK_NO_DAEMONIZE", "true"),
        env("HOME", "/tmp"),
        env("SPARK_USER", "spark"),
    ];
    envs.extend(s3_env(v));
    let mut ctr = container(
        v,
        "connect",
        v.spark_image(),
        vec![
            port("grpc", 15002),
            port("driver", 7078),
            port("blockmanager", 7079),
            port("ui", 4040),
        ],
        envs,
        mounts,
        resources(
            v.driver.cores * 1000,
            v.driver.pod_mib,
            v.driver.cores * 2000,
            v.driver.limit_mib,
        ),
    );
    ctr.set(
        "command",
        yseq![
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
    );
    ctr.set("readinessProbe", tcp_probe("grpc", 30, 10));
    ctr.set("livenessProbe", tcp_probe("grpc", 60, 30));
    let spec = pod_spec(v, true, vec![ctr], vols);
    // The Connect Pod is the driver: NetworkPolicies and PodMonitors select it by spark-role.
    let dep = deployment_with(
        v,
        &name,
        "connect",
        v.connect_replicas,
        spec,
        &[("spark-role", "driver")],
    );
    vec![
        dep,
        service(v, &name, "connect", &[("grpc", 15002), ("ui", 4040)], false),
        service(
            v,
            &driver_svc,
            "connect",
            &[("driver", 7078), ("blockmanager", 7079)],
            true,
        ),
    ]
}
