//! PostgreSQL for the metastore, Airflow and MLflow: one StatefulSet, databases created on init.

use super::blocks::{
    config_map, container, env, env_secret, mount, pod_security_uid, pod_spec_as, port,
    scratch_mounts, scratch_volumes, service, service_resources, stateful_set,
};
use super::secrets::postgres_secret;
use crate::model::ValidConfig;
use crate::yaml::{Docs, Emit};
use crate::{emap, eseq};

pub const IMAGE: &str = "postgres:15.10-alpine";
/// The postgres user of the Alpine image.
const UID: i64 = 70;

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp"), ("run", "/var/run/postgresql")];

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

/// `pg_isready` against the local server, first after `initial` seconds.
fn ready(initial: i64) -> impl Emit {
    emap! {
        "exec" => emap! { "command" => eseq!["pg_isready", "-U", "postgres", "-h", "127.0.0.1"] },
        "initialDelaySeconds" => initial, "periodSeconds" => 10i64, "timeoutSeconds" => 5i64, "failureThreshold" => 6i64,
    }
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let name = &v.name("postgresql");
    let secret = &postgres_secret(v);
    let init = &v.name("postgresql-init");
    let ctr = container(
        v,
        "postgresql",
        IMAGE,
        eseq![port("postgresql", 5432)],
        eseq![
            env("PGDATA", "/var/lib/postgresql/data/pgdata"),
            env_secret("POSTGRES_PASSWORD", secret, "postgres-password"),
            env_secret("HIVE_PASSWORD", secret, "hive-password"),
            env_secret("AIRFLOW_PASSWORD", secret, "airflow-password"),
            env_secret("MLFLOW_PASSWORD", secret, "mlflow-password"),
        ],
        eseq![
            ..scratch_mounts(SCRATCH),
            mount("init", "/docker-entrypoint-initdb.d", true),
            mount("data", "/var/lib/postgresql/data", false),
        ],
        service_resources(v, "postgresql"),
        emap! { "readinessProbe" => ready(10), "livenessProbe" => ready(60) },
    );
    let volumes = eseq![
        ..scratch_volumes(SCRATCH),
        emap! { "name" => "init", "configMap" => emap! { "name" => init, "defaultMode" => 0o555i64 } },
    ];
    let spec = pod_spec_as(
        v.name("workload"),
        false,
        pod_security_uid(v, UID),
        eseq![ctr],
        volumes,
        emap! {},
    );
    d.doc(config_map(
        v,
        init,
        "postgresql",
        emap! { "10-databases.sh" => INIT },
    ));
    d.doc(stateful_set(
        v,
        name,
        "postgresql",
        1,
        emap! {},
        spec,
        "8Gi",
    ));
    d.doc(service(
        v,
        name,
        "postgresql",
        &[("postgresql", 5432)],
        false,
    ));
}
