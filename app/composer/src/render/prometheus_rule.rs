//! PrometheusRule alerts for the chosen components; each links its runbook page. Expressions use
//! kube-state-metrics, kubelet volume stats and Spark's PrometheusServlet metrics.

use super::blocks::labels_with;
use crate::alerts::{AlertInfo, alert_catalog, runbook_url};
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::{Emit, each};
use crate::{emap, eseq};

/// The PromQL for an alert, or None if its component is not deployed.
fn expr(v: &ValidConfig, name: &str) -> Option<String> {
    let c = v.choices();
    let k = &c.components;
    let ns = v.ns();
    let rel = v.release();
    // Executor Pods are `<rel>-exec-*`; drivers are the Connect Pods or `*-driver` Pods.
    let deploy_down = |d: &str| {
        format!(
            "kube_deployment_status_replicas_available{{namespace=\"{ns}\",deployment=\"{rel}-{d}\"}} < 1"
        )
    };
    let vol_full = |pvc: &str, ratio: &str| {
        format!(
            "kubelet_volume_stats_used_bytes{{namespace=\"{ns}\",persistentvolumeclaim=~\"{pvc}\"}} / kubelet_volume_stats_capacity_bytes{{namespace=\"{ns}\",persistentvolumeclaim=~\"{pvc}\"}} > {ratio}"
        )
    };
    Some(match name {
        "SparkExecutorOOMKilled" => format!(
            "max by (pod) (kube_pod_container_status_last_terminated_reason{{namespace=\"{ns}\",pod=~\"{rel}-exec-.*\",reason=\"OOMKilled\"}}) > 0"
        ),
        "SparkDriverOOMKilled" => format!(
            "max by (pod) (kube_pod_container_status_last_terminated_reason{{namespace=\"{ns}\",pod=~\"{rel}-connect-.*|.*-driver\",reason=\"OOMKilled\"}}) > 0"
        ),
        "SparkDriverPodPending" => format!(
            "max by (pod) (kube_pod_status_phase{{namespace=\"{ns}\",pod=~\"{rel}-connect-.*|.*-driver\",phase=\"Pending\"}}) > 0"
        ),
        "SparkConnectDown" if v.connect() => deploy_down("connect"),
        "SparkConnectCrashLooping" if v.connect() => format!(
            "increase(kube_pod_container_status_restarts_total{{namespace=\"{ns}\",container=\"connect\"}}[15m]) > 3"
        ),
        "SparkConnectLatencyHigh" if v.connect() => format!(
            "histogram_quantile(0.95, sum by (le) (rate(grpc_server_handling_seconds_bucket{{namespace=\"{ns}\",service=\"{rel}-connect\"}}[5m]))) > 10"
        ),
        "SparkConnectErrorRateHigh" if v.connect() => format!(
            "sum(rate(grpc_server_handled_total{{namespace=\"{ns}\",service=\"{rel}-connect\",grpc_code!=\"OK\"}}[5m])) / sum(rate(grpc_server_handled_total{{namespace=\"{ns}\",service=\"{rel}-connect\"}}[5m])) > 0.05"
        ),
        "SparkExecutorsNotLaunching" if v.k8s_executors() => format!(
            "sum(kube_pod_status_phase{{namespace=\"{ns}\",pod=~\"{rel}-exec-.*\",phase=~\"Pending|Failed\"}}) > 0"
        ),
        "SparkDynamicAllocationStuck" if c.features.dynamic_allocation && v.k8s_executors() => {
            format!(
                "max({{__name__=~\"metrics_.*_ExecutorAllocationManager_executors_numberTargetExecutors_Value\",namespace=\"{ns}\"}}) - max({{__name__=~\"metrics_.*_ExecutorAllocationManager_executors_numberAllExecutors_Value\",namespace=\"{ns}\"}}) > 0"
            )
        }
        "SparkJobStuck" => format!(
            "sum(metrics_executor_activeTasks{{namespace=\"{ns}\"}}) > 0 and sum(rate(metrics_executor_completedTasks_total{{namespace=\"{ns}\"}}[15m])) == 0"
        ),
        "SparkShuffleFetchFailures" => format!(
            "sum(increase({{__name__=~\"metrics_.*_DAGScheduler_stage_failedStages_Value\",namespace=\"{ns}\"}}[10m])) > 0"
        ),
        "CelebornMasterDown" if k.celeborn => format!(
            "kube_statefulset_status_replicas_ready{{namespace=\"{ns}\",statefulset=\"{rel}-celeborn-master\"}} < 2"
        ),
        "CelebornWorkerDown" if k.celeborn => format!(
            "kube_statefulset_status_replicas_ready{{namespace=\"{ns}\",statefulset=\"{rel}-celeborn-worker\"}} < kube_statefulset_replicas{{namespace=\"{ns}\",statefulset=\"{rel}-celeborn-worker\"}}"
        ),
        "SparkTaskFailureStorm" => {
            format!("sum(rate(metrics_executor_failedTasks_total{{namespace=\"{ns}\"}}[5m])) > 0.2")
        }
        "SparkS3ConnectionErrors" if v.storage() => format!(
            "sum(rate({{__name__=~\"metrics_.*_s3a_.*(failures|errors).*\",namespace=\"{ns}\"}}[5m])) > 0"
        ),
        "SparkHistoryServerDown" if k.history => deploy_down("history-server"),
        "SparkEventLogStale" if k.history && v.storage() => format!(
            "sum(increase({{__name__=~\"metrics_.*_driver_LiveListenerBus_queue_eventLog_numDroppedEvents_Count\",namespace=\"{ns}\"}}[30m])) > 0"
        ),
        "HiveMetastoreDown" if k.metastore => deploy_down("metastore"),
        "PostgreSQLDown" if k.postgresql => format!(
            "kube_statefulset_status_replicas_ready{{namespace=\"{ns}\",statefulset=\"{rel}-postgresql\"}} < 1"
        ),
        "PostgreSQLVolumeFull" if k.postgresql => {
            vol_full(&format!("data-{rel}-postgresql-.*"), "0.9")
        }
        "MinIOVolumeFull" if v.minio() => vol_full(&format!("{rel}-minio-data"), "0.85"),
        "SparkImagePullFailing" => format!(
            "max by (pod, container) (kube_pod_container_status_waiting_reason{{namespace=\"{ns}\",reason=~\"ErrImagePull|ImagePullBackOff\"}}) > 0"
        ),
        "SparkPVCPending" => format!(
            "max by (persistentvolumeclaim) (kube_persistentvolumeclaim_status_phase{{namespace=\"{ns}\",phase=\"Pending\"}}) > 0"
        ),
        "AirflowTaskStuck" if k.airflow => {
            format!("sum(airflow_executor_queued_tasks{{namespace=\"{ns}\"}}) > 0")
        }
        "AirflowSchedulerDown" if k.airflow => deploy_down("airflow-scheduler"),
        "SparkGPUPodsPending" if c.features.gpu => format!(
            "sum(kube_pod_status_phase{{namespace=\"{ns}\",phase=\"Pending\"}} * on (namespace, pod) group_left () (max by (namespace, pod) (kube_pod_container_resource_requests{{namespace=\"{ns}\",resource=\"nvidia_com_gpu\"}}) > 0)) > 0"
        ),
        "SparkPodsEvicted" => {
            format!("sum(kube_pod_status_reason{{namespace=\"{ns}\",reason=\"Evicted\"}}) > 0")
        }
        "SparkErrorBudgetBurnFast" if v.connect() => format!(
            "(1 - avg_over_time(up{{namespace=\"{ns}\",service=\"{rel}-connect\"}}[1h])) / 0.001 > 10"
        ),
        "SparkErrorBudgetBurnSlow" if v.connect() => format!(
            "(1 - avg_over_time(up{{namespace=\"{ns}\",service=\"{rel}-connect\"}}[6h])) / 0.001 > 2"
        ),
        _ => return None,
    })
}

fn rule(v: &ValidConfig, a: &'static AlertInfo, expr: String) -> impl Emit {
    emap! {
        "alert" => a.name,
        "expr" => expr,
        "for" => (a.for_ != "0m").then_some(a.for_),
        "labels" => emap! { "severity" => a.severity, "namespace" => v.ns_text() },
        "annotations" => emap! {
            "summary" => a.summary,
            "description" => format!("{} (namespace {}, release {}).", a.summary, v.ns(), v.release()),
            "runbook_url" => runbook_url(&v.choices().site_url, a),
        },
    }
}

/// The alerts emitted for a configuration, in catalogue order.
pub fn emitted(v: &ValidConfig) -> Vec<&'static AlertInfo> {
    alert_catalog()
        .iter()
        .filter(|a| expr(v, a.name).is_some())
        .collect()
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let rules = each(
        alert_catalog()
            .iter()
            .filter_map(move |a| expr(v, a.name).map(|e| rule(v, a, e))),
    );
    d.doc(emap! {
        "apiVersion" => "monitoring.coreos.com/v1",
        "kind" => "PrometheusRule",
        "metadata" => emap! {
            "name" => v.name("alerts"),
            "namespace" => v.ns_text(),
            "labels" => labels_with(v, "alerts", emap! { "role" => "alert-rules" }),
        },
        "spec" => emap! { "groups" => eseq![emap! { "name" => "spark-k8s", "rules" => rules }] },
    });
}
