//! The Spark History Server, reading the same event log dir the drivers write.

use super::{
    connect::s3_env, container, deployment, env, http_probe, pod_spec, port, scratch, service,
    service_resources,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::yseq;

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let c = v.choices();
    let name = v.name("history-server");
    let (vols, mounts) = scratch(&[("tmp", "/tmp"), ("work-dir", "/opt/spark/work-dir")]);
    let endpoint = v.s3_endpoint();
    let opts = format!(
        "-Dspark.history.fs.logDirectory={} -Dspark.hadoop.fs.s3a.endpoint={endpoint} -Dspark.hadoop.fs.s3a.path.style.access=true -Dspark.hadoop.fs.s3a.connection.ssl.enabled={} -Dspark.history.fs.cleaner.enabled=true -Dspark.history.fs.cleaner.maxAge=7d",
        c.s3.history_log_dir,
        endpoint.starts_with("https://"),
    );
    let mut envs = vec![
        env("SPARK_NO_DAEMONIZE", "true"),
        env("HOME", "/tmp"),
        env("SPARK_HISTORY_OPTS", opts),
    ];
    envs.extend(s3_env(v));
    let mut ctr = container(
        v,
        "history-server",
        v.spark_image(),
        vec![port("http", 18080)],
        envs,
        mounts,
        service_resources(v, "history-server"),
    );
    ctr.set(
        "command",
        yseq![
            "/opt/spark/bin/spark-class",
            "org.apache.spark.deploy.history.HistoryServer"
        ],
    );
    ctr.set("readinessProbe", http_probe("/", "http", 20, 10));
    ctr.set("livenessProbe", http_probe("/", "http", 60, 30));
    vec![
        deployment(
            v,
            &name,
            "history-server",
            1,
            pod_spec(v, false, vec![ctr], vols),
        ),
        service(v, &name, "history-server", &[("http", 18080)], false),
    ]
}
