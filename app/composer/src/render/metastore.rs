//! Hive Metastore on PostgreSQL. The image must carry the PostgreSQL JDBC driver (the upstream
//! `-pg` builds do); the container initialises or upgrades the schema on start.

use super::blocks::{
    config_map, config_volume, container, deployment, env, env_secret, pod_security_uid,
    pod_spec_as, port, s3_env, scratch_mounts, scratch_volumes, service, service_resources,
    tcp_probe,
};
use super::secrets::postgres_secret;
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::{emap, eseq};

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp"), ("logs", "/opt/hive/logs")];

pub fn image(v: &ValidConfig) -> String {
    let tag = if v.is35() { "3.1.3-pg" } else { "4.0.0-pg" };
    format!("{}/spark-k8s-hive:{tag}", v.choices().identity.registry)
}

fn site_xml(v: &ValidConfig) -> String {
    let c = v.choices();
    let props = [
        (
            "metastore.warehouse.dir",
            format!("s3a://{}/hive", c.s3.warehouse_bucket),
        ),
        ("fs.s3a.endpoint", v.s3_endpoint()),
        ("fs.s3a.path.style.access", "true".to_string()),
        ("metastore.thrift.port", "9083".to_string()),
    ];
    let mut s = String::from("<?xml version=\"1.0\"?>\n<configuration>\n");
    for (k, val) in props {
        let val = val
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        s.push_str(&format!(
            "  <property><name>{k}</name><value>{val}</value></property>\n"
        ));
    }
    s.push_str("</configuration>\n");
    s
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let name = &v.name("metastore");
    let cm = &v.name("metastore-config");
    let replicas = if v.choices().features.ha { 2 } else { 1 };
    let db = format!("jdbc:postgresql://{}:5432/metastore", v.name("postgresql"));
    let ctr = container(
        v,
        "metastore",
        image(v),
        eseq![port("thrift", 9083)],
        eseq![
            env("SERVICE_NAME", "metastore"),
            env("DB_DRIVER", "postgres"),
            env_secret("HIVE_DB_PASSWORD", postgres_secret(v), "hive-password"),
            env(
                "SERVICE_OPTS",
                format!(
                    "-Djavax.jdo.option.ConnectionDriverName=org.postgresql.Driver -Djavax.jdo.option.ConnectionURL={db} -Djavax.jdo.option.ConnectionUserName=hive -Djavax.jdo.option.ConnectionPassword=$(HIVE_DB_PASSWORD)"
                ),
            ),
            env("HADOOP_CLIENT_OPTS", "-Djava.io.tmpdir=/tmp"),
            ..s3_env(v),
        ],
        eseq![
            ..scratch_mounts(SCRATCH),
            emap! { "name" => "config", "mountPath" => "/opt/hive/conf/metastore-site.xml", "subPath" => "metastore-site.xml", "readOnly" => true },
        ],
        service_resources(v, "metastore"),
        emap! {
            "readinessProbe" => tcp_probe("thrift", 30, 10),
            "livenessProbe" => tcp_probe("thrift", 120, 30),
        },
    );
    let volumes = eseq![..scratch_volumes(SCRATCH), config_volume("config", cm)];
    // The Hive image runs as its hive user (1000).
    let spec = pod_spec_as(
        v.name("workload"),
        false,
        pod_security_uid(v, 1000),
        eseq![ctr],
        volumes,
        emap! {},
    );
    d.doc(config_map(
        v,
        cm,
        "metastore",
        emap! { "metastore-site.xml" => site_xml(v) },
    ));
    d.doc(deployment(v, name, "metastore", None, replicas, spec));
    d.doc(service(v, name, "metastore", &[("thrift", 9083)], false));
}
