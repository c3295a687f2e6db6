//! A Spark Standalone master and workers for the Connect-on-Standalone backend. Workers carry
//! the executors, so they are sized like executors and labelled `spark-role: executor`.

use super::blocks::{
    container, deployment, env, http_probe, pod_spec, port, resources, s3_env, scratch_mounts,
    scratch_volumes, service, service_resources, tcp_probe,
};
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::{Emit, each};
use crate::{emap, eseq};

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp"), ("work-dir", "/opt/spark/work")];

fn common() -> impl Iterator<Item: Emit> {
    [env("SPARK_NO_DAEMONIZE", "true"), env("HOME", "/tmp")].into_iter()
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let master = &v.name("standalone-master");
    let worker = &v.name("standalone-worker");
    let m = container(
        v,
        "master",
        v.spark_image(),
        eseq![port("rpc", 7077), port("http", 8080)],
        each(common()),
        each(scratch_mounts(SCRATCH)),
        service_resources(v, "standalone-master"),
        emap! {
            "command" => eseq![
                "/opt/spark/bin/spark-class",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "0.0.0.0",
                "--port",
                "7077",
                "--webui-port",
                "8080",
            ],
            "readinessProbe" => tcp_probe("rpc", 10, 10),
            "livenessProbe" => http_probe("/", "http", 30, 30),
        },
    );
    let e = &v.executor;
    let w = container(
        v,
        "worker",
        v.spark_image(),
        eseq![
            port("http", 8081),
            port("rpc", 7080),
            port("blockmanager", 7079),
        ],
        eseq![..common(), ..s3_env(v)],
        each(scratch_mounts(SCRATCH)),
        resources(e.cores * 1000, e.pod_mib, e.cores * 2000, e.limit_mib),
        emap! {
            "command" => eseq![
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
            "readinessProbe" => http_probe("/", "http", 10, 10),
            "livenessProbe" => http_probe("/", "http", 30, 30),
        },
    );
    d.doc(deployment(
        v,
        master,
        "standalone-master",
        None,
        1,
        pod_spec(v, false, eseq![m], each(scratch_volumes(SCRATCH))),
    ));
    d.doc(service(
        v,
        master,
        "standalone-master",
        &[("rpc", 7077), ("http", 8080)],
        false,
    ));
    d.doc(deployment(
        v,
        worker,
        "standalone-worker",
        Some("executor"),
        v.executor_max,
        pod_spec(v, false, eseq![w], each(scratch_volumes(SCRATCH))),
    ));
}
