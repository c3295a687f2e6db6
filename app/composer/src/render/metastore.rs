//! Hive Metastore on PostgreSQL. The image must carry the PostgreSQL JDBC driver (the upstream
//! `-pg` builds do); the container initialises or upgrades the schema on start.

use super::secrets::postgres_secret;
use super::{
    container, deployment, env, env_secret, meta, mount, object, pod_spec, port, scratch, service,
    service_resources, tcp_probe,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::ymap;

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

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let name = v.name("metastore");
    let cm = v.name("metastore-config");
    let replicas = if v.choices().features.ha { 2 } else { 1 };
    let (mut vols, mut mounts) = scratch(&[("tmp", "/tmp"), ("logs", "/opt/hive/logs")]);
    vols.push(ymap! { "name" => "config", "configMap" => ymap! { "name" => &cm } });
    mounts.push(ymap! { "name" => "config", "mountPath" => "/opt/hive/conf/metastore-site.xml", "subPath" => "metastore-site.xml", "readOnly" => true });
    let _ = mount;
    let db = format!("jdbc:postgresql://{}:5432/metastore", v.name("postgresql"));
    let mut envs = vec![
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
    ];
    envs.extend(super::connect::s3_env(v));
    let mut ctr = container(
        v,
        "metastore",
        image(v),
        vec![port("thrift", 9083)],
        envs,
        mounts,
        service_resources(v, "metastore"),
    );
    ctr.set("readinessProbe", tcp_probe("thrift", 30, 10));
    ctr.set("livenessProbe", tcp_probe("thrift", 120, 30));
    // The Hive image runs as its hive user (1000).
    let mut spec = pod_spec(v, false, vec![ctr], vols);
    spec.set("securityContext", super::pod_security_uid(v, 1000));
    vec![
        object("v1", "ConfigMap", meta(v, &cm, "metastore"))
            .with("data", ymap! { "metastore-site.xml" => site_xml(v) }),
        deployment(v, &name, "metastore", replicas, spec),
        service(v, &name, "metastore", &[("thrift", 9083)], false),
    ]
}
