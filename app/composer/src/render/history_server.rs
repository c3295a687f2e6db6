//! The Spark History Server, reading the same event log dir the drivers write.

use super::blocks::{
    container, deployment, env, http_probe, pod_spec, port, s3_env, scratch_mounts,
    scratch_volumes, service, service_resources,
};
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::each;
use crate::{emap, eseq};

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp"), ("work-dir", "/opt/spark/work-dir")];

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let c = v.choices();
    let name = &v.name("history-server");
    let endpoint = v.s3_endpoint();
    let opts = format!(
        "-Dspark.history.fs.logDirectory={} -Dspark.hadoop.fs.s3a.endpoint={endpoint} -Dspark.hadoop.fs.s3a.path.style.access=true -Dspark.hadoop.fs.s3a.connection.ssl.enabled={} -Dspark.history.fs.cleaner.enabled=true -Dspark.history.fs.cleaner.maxAge=7d",
        c.s3.history_log_dir,
        endpoint.starts_with("https://"),
    );
    let ctr = container(
        v,
        "history-server",
        v.spark_image(),
        eseq![port("http", 18080)],
        eseq![
            env("SPARK_NO_DAEMONIZE", "true"),
            env("HOME", "/tmp"),
            env("SPARK_HISTORY_OPTS", opts),
            ..s3_env(v),
        ],
        each(scratch_mounts(SCRATCH)),
        service_resources(v, "history-server"),
        emap! {
            "command" => eseq![
                "/opt/spark/bin/spark-class",
                "org.apache.spark.deploy.history.HistoryServer",
            ],
            "readinessProbe" => http_probe("/", "http", 20, 10),
            "livenessProbe" => http_probe("/", "http", 60, 30),
        },
    );
    d.doc(deployment(
        v,
        name,
        "history-server",
        None,
        1,
        pod_spec(v, false, eseq![ctr], each(scratch_volumes(SCRATCH))),
    ));
    d.doc(service(
        v,
        name,
        "history-server",
        &[("http", 18080)],
        false,
    ));
}
