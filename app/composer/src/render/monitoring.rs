//! Prometheus Operator scrape objects for Spark drivers (which also serve executor metrics).

use super::{meta, object};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let c = v.choices();
    let mut out = Vec::new();
    let endpoints = |port: &'static str| {
        yseq![
            ymap! { "port" => port, "path" => "/metrics/prometheus", "interval" => "30s" },
            ymap! { "port" => port, "path" => "/metrics/executors/prometheus", "interval" => "30s" },
        ]
    };
    if v.connect() {
        out.push(
            object(
                "monitoring.coreos.com/v1",
                "ServiceMonitor",
                meta(v, v.name("connect"), "monitoring"),
            )
            .with(
                "spec",
                ymap! {
                    "selector" => ymap! { "matchLabels" => super::match_labels(v, "connect") },
                    "endpoints" => endpoints("ui"),
                },
            ),
        );
    } else {
        // Drivers created by spark-submit or the operator name their UI port spark-ui.
        out.push(object("monitoring.coreos.com/v1", "PodMonitor", meta(v, v.name("spark-drivers"), "monitoring")).with(
            "spec",
            ymap! {
                "selector" => ymap! { "matchLabels" => ymap! { "spark-role" => "driver", "app.kubernetes.io/instance" => v.release_text() } },
                "podMetricsEndpoints" => endpoints("spark-ui"),
            },
        ));
    }
    if c.features.dashboards {
        out.push(
            object(
                "v1",
                "ConfigMap",
                meta(v, v.name("grafana-dashboard"), "monitoring").with("labels", {
                    let mut l = super::labels(v, "monitoring");
                    l.set("grafana_dashboard", "1".into());
                    l
                }),
            )
            .with("data", ymap! { "spark-overview.json" => dashboard(v) }),
        );
    }
    out
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
