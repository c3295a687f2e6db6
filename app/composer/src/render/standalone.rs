//! A Spark Standalone master and workers for the Connect-on-Standalone backend. Workers carry
//! the executors, so they are sized like executors and labelled `spark-role: executor`.

use super::{
    container, deployment, deployment_with, env, http_probe, pod_spec, port, resources, scratch,
    service, service_resources, tcp_probe,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::yseq;

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let master = v.name("standalone-master");
    let worker = v.name("standalone-worker");
    let (vols, mounts) = scratch(&[("tmp", "/tmp"), ("work-dir", "/opt/spark/work")]);
    let common = vec![env("SPARK_NO_DAEMONIZE", "true"), env("HOME", "/tmp")];
    let mut m = container(
        v,
        "master",
        v.spark_image(),
        vec![port("rpc", 7077), port("http", 8080)],
        common.clone(),
        mounts.clone(),
        service_resources(v, "standalone-master"),
    );
    m.set(
        "command",
        yseq![
            "/opt/spark/bin/spark-class",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "0.0.0.0",
            "--port",
            "7077",
            "--webui-port",
            "8080"
        ],
    );
    m.set("readinessProbe", tcp_probe("rpc", 10, 10));
    m.set("livenessProbe", http_probe("/", "http", 30, 30));
    let e = &v.executor;
    let mut envs = common;
    envs.extend(super::connect::s3_env(v));
    let mut w = container(
        v,
        "worker",
        v.spark_image(),
        vec![
            port("http", 8081),
            port("rpc", 7080),
            port("blockmanager", 7079),
        ],
        envs,
        mounts,
        resources(e.cores * 1000, e.pod_mib, e.cores * 2000, e.limit_mib),
    );
    w.set(
        "command",
        yseq![
            "/opt/spark/bin/spark-class",
            "org.apache.spark.deploy.worker.Worker",
            "--cores",
            e.cores.to_string(),
            "--memory",
            format!("{}m", e.memory_mib + e.overhead_mib),
            "--webui-port",
            "8081",
            "--port",
            "7080",
            format!("spark://{master}:7077"),
        ],
    );
    w.set("readinessProbe", http_probe("/", "http", 10, 10));
    w.set("livenessProbe", http_probe("/", "http", 30, 30));
    vec![
        deployment(
            v,
            &master,
            "standalone-master",
            1,
            pod_spec(v, false, vec![m], vols.clone()),
        ),
        service(
            v,
            &master,
            "standalone-master",
            &[("rpc", 7077), ("http", 8080)],
            false,
        ),
        deployment_with(
            v,
            &worker,
            "standalone-worker",
            v.executor_max,
            pod_spec(v, false, vec![w], vols),
            &[("spark-role", "executor")],
        ),
    ]
}
