//! Prometheus Operator scrape objects for Spark drivers (which also serve executor metrics).

use super::blocks::{labels_with, match_labels, meta};
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::Emit;
use crate::{emap, eseq};

/// Spark's own metrics and the executors' it aggregates, on the given port.
fn endpoints(port: &'static str) -> impl Emit {
    eseq![
        emap! { "port" => port, "path" => "/metrics/prometheus", "interval" => "30s" },
        emap! { "port" => port, "path" => "/metrics/executors/prometheus", "interval" => "30s" },
    ]
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    if v.connect() {
        d.doc(emap! {
            "apiVersion" => "monitoring.coreos.com/v1",
            "kind" => "ServiceMonitor",
            "metadata" => meta(v, v.name("connect"), "monitoring"),
            "spec" => emap! {
                "selector" => emap! { "matchLabels" => match_labels(v, "connect") },
                "endpoints" => endpoints("ui"),
            },
        });
    } else {
        // Drivers created by spark-submit or the operator name their UI port spark-ui.
        d.doc(emap! {
            "apiVersion" => "monitoring.coreos.com/v1",
            "kind" => "PodMonitor",
            "metadata" => meta(v, v.name("spark-drivers"), "monitoring"),
            "spec" => emap! {
                "selector" => emap! { "matchLabels" => emap! { "spark-role" => "driver", "app.kubernetes.io/instance" => v.release_text() } },
                "podMetricsEndpoints" => endpoints("spark-ui"),
            },
        });
    }
    if v.choices().features.dashboards {
        d.doc(emap! {
            "apiVersion" => "v1",
            "kind" => "ConfigMap",
            "metadata" => emap! {
                "name" => v.name("grafana-dashboard"),
                "namespace" => v.ns_text(),
                "labels" => labels_with(v, "monitoring", emap! { "grafana_dashboard" => "1" }),
            },
            "data" => emap! { "spark-overview.json" => dashboard(v) },
        });
    }
}

fn dashboard(v: &ValidConfig) -> String {
    let ns = v.ns();
    let panel = |id: u32, title: &str, expr: &str| {
        format!(
            "{{\"id\":{id},\"type\":\"timeseries\",\"title\":\"{title}\",\"gridPos\":{{\"h\":8,\"w\":12,\"x\":{},\"y\":{}}},\"targets\":[{{\"expr\":\"{}\"}}]}}",
            (id % 2) * 12,
            (id / 2) * 8,
            expr.replace('"', "\\\"")
        )
    };
    let panels = [
        panel(
            0,
            "Active executors",
            &format!("count(kube_pod_labels{{namespace=\"{ns}\",label_spark_role=\"executor\"}})"),
        ),
        panel(
            1,
            "Executor memory used",
            &format!(
                "sum(container_memory_working_set_bytes{{namespace=\"{ns}\",pod=~\".*-exec-.*\"}})"
            ),
        ),
        panel(
            2,
            "Pod restarts",
            &format!(
                "sum by (pod) (increase(kube_pod_container_status_restarts_total{{namespace=\"{ns}\"}}[15m]))"
            ),
        ),
        panel(
            3,
            "OOMKilled containers",
            &format!(
                "sum(kube_pod_container_status_last_terminated_reason{{namespace=\"{ns}\",reason=\"OOMKilled\"}})"
            ),
        ),
    ];
    format!(
        "{{\"title\":\"Spark overview ({ns})\",\"uid\":\"spark-overview-{}\",\"schemaVersion\":39,\"panels\":[{}]}}\n",
        v.release(),
        panels.join(",")
    )
}
