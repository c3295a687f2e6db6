//! Renderers: one module per manifest file, each writing its objects straight into the file's
//! text from `&ValidConfig` with the building blocks in `blocks`. `manifest_files` is the one
//! place that decides which files exist; the Helm values (`values`) are trees, because they are
//! merged and compared with the chart defaults.

pub mod airflow;
pub mod blocks;
pub mod celeborn;
pub mod commands;
pub mod connect;
pub mod exposure;
pub mod history_server;
pub mod jupyter;
pub mod metastore;
pub mod minio;
pub mod mlflow;
pub mod monitoring;
pub mod namespace;
pub mod network_policy;
pub mod pdb;
pub mod postgresql;
pub mod prometheus_rule;
pub mod quota;
pub mod rbac;
pub mod secrets;
pub mod spark_conf;
pub mod spark_config;
pub mod standalone;
pub mod submit;
pub mod values;

use crate::model::ValidConfig;
use crate::yaml::{Docs, Y};

/// One Kubernetes object and the manifest file it goes into.
#[derive(Clone, Debug)]
pub struct Manifest {
    pub file: &'static str,
    pub doc: Y,
}

impl Manifest {
    pub fn kind(&self) -> &str {
        self.doc.get("kind").and_then(Y::as_str).unwrap_or("")
    }
    pub fn name(&self) -> &str {
        self.doc
            .get_path("metadata.name")
            .and_then(Y::as_str)
            .unwrap_or("")
    }
}

/// A renderer writes the documents of one manifest file.
pub type Render = fn(&ValidConfig, &mut Docs);

/// Every manifest file for a configuration, in apply order, with its renderer: the one place
/// that decides which files exist. A renderer may write no document (e.g. no Secret is needed);
/// such a file is left out of the bundle.
pub fn manifest_files(v: &ValidConfig) -> Vec<(&'static str, Render)> {
    let c = v.choices();
    let mut out: Vec<(&'static str, Render)> = Vec::with_capacity(24);
    if c.identity.create_namespace {
        out.push(("namespace.yaml", namespace::render));
    }
    out.push(("quota.yaml", quota::render));
    out.push(("rbac.yaml", rbac::render));
    out.push(("secrets.yaml", secrets::render));
    out.push(("spark-config.yaml", spark_config::render));
    if v.connect() {
        out.push(("connect.yaml", connect::render));
    }
    if v.standalone() {
        out.push(("standalone.yaml", standalone::render));
    }
    out.push(("spark-jobs.yaml", submit::render));
    if c.components.jupyter {
        out.push(("jupyter.yaml", jupyter::render));
    }
    if c.components.history {
        out.push(("history-server.yaml", history_server::render));
    }
    if c.components.postgresql {
        out.push(("postgresql.yaml", postgresql::render));
    }
    if c.components.metastore {
        out.push(("metastore.yaml", metastore::render));
    }
    if v.minio() {
        out.push(("minio.yaml", minio::render));
    }
    if c.components.airflow {
        out.push(("airflow.yaml", airflow::render));
    }
    if c.components.mlflow {
        out.push(("mlflow.yaml", mlflow::render));
    }
    if c.components.celeborn {
        out.push(("celeborn.yaml", celeborn::render));
    }
    if c.features.network_policies {
        out.push(("network-policies.yaml", network_policy::render));
    }
    if c.features.pdb {
        out.push(("pdb.yaml", pdb::render));
    }
    if c.features.monitoring {
        out.push(("monitoring.yaml", monitoring::render));
    }
    if c.features.alerts {
        out.push(("alerts.yaml", prometheus_rule::render));
    }
    out.push(("exposure.yaml", exposure::render));
    out
}
