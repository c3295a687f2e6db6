//! Dependencies between choices: what needs what.

use super::{ArgExt, Out};
use crate::choices::{Backend, Exposure, Iceberg, Platform};
use crate::diag::Code;
use crate::model::ValidConfig;

pub fn check(v: &ValidConfig, out: &mut Out) {
    let c = v.choices();
    let k = &c.components;
    let f = &c.features;
    if f.dynamic_allocation && v.k8s_executors() && !f.shuffle_tracking && !k.celeborn {
        out.push(
            Code::DynamicAllocationNeedsShuffle,
            "features.dynamic_allocation",
        );
    }
    if f.dynamic_allocation && v.standalone() {
        out.push(
            Code::DynamicAllocationStandalone,
            "features.dynamic_allocation",
        );
    }
    match f.iceberg {
        Iceberg::Rest if c.features.iceberg_rest_uri.trim().is_empty() => {
            out.push(Code::IcebergRestNeedsUri, "features.iceberg_rest_uri");
        }
        Iceberg::Hive if !k.metastore => {
            out.push(Code::IcebergHiveNeedsMetastore, "features.iceberg");
        }
        _ => {}
    }
    if k.metastore && !k.postgresql {
        out.push(Code::MetastoreNeedsPostgresql, "components.postgresql");
    }
    for (on, name) in [(k.airflow, "Airflow"), (k.mlflow, "MLflow")] {
        if on && !k.postgresql {
            out.push(Code::NeedsPostgresql, "components.postgresql")
                .a("component", name);
        }
    }
    if (k.history || (v.connect() && !v.storage())) && !v.storage() {
        out.push(Code::HistoryNeedsStorage, "components.storage");
    }
    if k.history && c.s3.history_log_dir != c.s3.event_log_dir {
        out.push(Code::HistoryLogDirMismatch, "s3.history_log_dir")
            .a("history", &c.s3.history_log_dir)
            .a("eventlog", &c.s3.event_log_dir);
    }
    if !c.s3.event_log_dir.starts_with("s3a://") {
        out.push(Code::EventLogNotS3, "s3.event_log_dir")
            .a("value", &c.s3.event_log_dir);
    }
    if c.backend == Backend::Operator && !k.operator {
        out.push(Code::OperatorMissing, "components.operator");
    }
    if k.jupyter && !v.connect() {
        out.push(Code::JupyterNeedsConnect, "components.jupyter");
    }
    if f.exposure == Exposure::Route && c.platform == Platform::Kubernetes {
        out.push(Code::RouteNeedsOpenshift, "features.exposure");
    }
    if f.exposure != Exposure::None && !f.tls {
        out.push(Code::TlsDisabled, "features.tls");
    }
    if f.alerts && !f.monitoring {
        out.push(Code::AlertsNeedMonitoring, "features.alerts");
    }
    if f.monitoring || f.alerts {
        out.push(Code::MonitoringCrds, "features.monitoring");
    }
}
