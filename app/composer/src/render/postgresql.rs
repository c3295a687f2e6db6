//! PostgreSQL for the metastore, Airflow and MLflow: one StatefulSet, databases created on init.

use super::secrets::postgres_secret;
use super::{
    container, env, env_secret, labels, match_labels, meta, mount, object, pod_security_uid,
    scratch, service, service_resources,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

pub const IMAGE: &str = "postgres:15.10-alpine";
/// The postgres user of the Alpine image.
const UID: i64 = 70;

/// Passwords reach SQL only as psql variables (`:'pw'` quotes a literal, `:"role"` an
/// identifier) and the heredoc is quoted, so no character in a password can end the string,
/// run a second statement or be expanded by the shell.
const INIT: &str = r#"#!/bin/sh
# Creates one role and database per component; passwords come from the mounted Secret env.
set -eu
create() {
  psql -v ON_ERROR_STOP=1 --username postgres -v role="$1" -v pw="$2" -v db="$3" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"role";
SQL
}
create hive "$HIVE_PASSWORD" metastore
create airflow "$AIRFLOW_PASSWORD" airflow
create mlflow "$MLFLOW_PASSWORD" mlflow
"#;

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let name = v.name("postgresql");
    let secret = postgres_secret(v);
    let init = v.name("postgresql-init");
    let (mut vols, mut mounts) = scratch(&[("tmp", "/tmp"), ("run", "/var/run/postgresql")]);
    vols.push(ymap! { "name" => "init", "configMap" => ymap! { "name" => &init, "defaultMode" => 0o555i64 } });
    mounts.push(mount("init", "/docker-entrypoint-initdb.d", true));
    mounts.push(mount("data", "/var/lib/postgresql/data", false));
    let envs = vec![
        env("PGDATA", "/var/lib/postgresql/data/pgdata"),
        env_secret("POSTGRES_PASSWORD", &secret, "postgres-password"),
        env_secret("HIVE_PASSWORD", &secret, "hive-password"),
        env_secret("AIRFLOW_PASSWORD", &secret, "airflow-password"),
        env_secret("MLFLOW_PASSWORD", &secret, "mlflow-password"),
    ];
    let mut ctr = container(
        v,
        "postgresql",
        IMAGE,
        vec![super::port("postgresql", 5432)],
        envs,
        mounts,
        service_resources(v, "postgresql"),
    );
    let ready = ymap! {
        "exec" => ymap! { "command" => yseq!["pg_isready", "-U", "postgres", "-h", "127.0.0.1"] },
        "initialDelaySeconds" => 10i64, "periodSeconds" => 10i64, "timeoutSeconds" => 5i64, "failureThreshold" => 6i64,
    };
    ctr.set("readinessProbe", ready.clone());
    ctr.set("livenessProbe", ready.with("initialDelaySeconds", 60i64));
    let spec = ymap! {
        "serviceAccountName" => v.name("workload"),
        "automountServiceAccountToken" => false,
        "securityContext" => pod_security_uid(v, UID),
        "containers" => yseq![ctr],
        "volumes" => Y::Seq(vols),
    };
    vec![
        object("v1", "ConfigMap", meta(v, &init, "postgresql")).with("data", ymap! { "10-databases.sh" => INIT }),
        object("apps/v1", "StatefulSet", meta(v, &name, "postgresql")).with(
            "spec",
            ymap! {
                "serviceName" => &name,
                "replicas" => 1i64,
                "selector" => ymap! { "matchLabels" => match_labels(v, "postgresql") },
                "template" => ymap! { "metadata" => ymap! { "labels" => labels(v, "postgresql") }, "spec" => spec },
                "volumeClaimTemplates" => yseq![ymap! {
                    "metadata" => ymap! { "name" => "data" },
                    "spec" => ymap! {
                        "accessModes" => yseq!["ReadWriteOnce"],
                        "resources" => ymap! { "requests" => ymap! { "storage" => "8Gi" } },
                    },
                }],
            },
        ),
        service(v, &name, "postgresql", &[("postgresql", 5432)], false),
    ]
}
