//! The alert catalogue: every alert the composer can emit, with its runbook slug. The content
//! tests check that a runbook page exists for each slug.

/// One alert rule as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AlertInfo {
    pub name: &'static str,
    /// The runbook page: `<site>/en/runbooks/<slug>/`.
    pub runbook: &'static str,
    pub severity: &'static str,
    /// How long the condition must hold.
    pub for_: &'static str,
    pub summary: &'static str,
}

const fn a(
    name: &'static str,
    runbook: &'static str,
    severity: &'static str,
    for_: &'static str,
    summary: &'static str,
) -> AlertInfo {
    AlertInfo {
        name,
        runbook,
        severity,
        for_,
        summary,
    }
}

static CATALOG: &[AlertInfo] = &[
    a(
        "SparkExecutorOOMKilled",
        "executor-oomkilled",
        "critical",
        "0m",
        "An executor container was OOMKilled",
    ),
    a(
        "SparkDriverOOMKilled",
        "driver-oom",
        "critical",
        "0m",
        "A Spark driver container was OOMKilled",
    ),
    a(
        "SparkDriverPodPending",
        "driver-pending",
        "warning",
        "10m",
        "A Spark driver Pod has been Pending for 10 minutes",
    ),
    a(
        "SparkConnectDown",
        "connect-server-down",
        "critical",
        "2m",
        "No Spark Connect server is available",
    ),
    a(
        "SparkConnectCrashLooping",
        "connect-server-down",
        "critical",
        "5m",
        "The Spark Connect server keeps restarting",
    ),
    a(
        "SparkConnectLatencyHigh",
        "connect-latency-high",
        "warning",
        "15m",
        "Spark Connect p95 request latency is above 10 s",
    ),
    a(
        "SparkConnectErrorRateHigh",
        "connect-latency-high",
        "warning",
        "10m",
        "More than 5 % of Spark Connect requests fail",
    ),
    a(
        "SparkExecutorsNotLaunching",
        "executors-not-launching",
        "warning",
        "10m",
        "Executor Pods stay Pending or fail to start",
    ),
    a(
        "SparkDynamicAllocationStuck",
        "dynamic-allocation-not-scaling",
        "warning",
        "15m",
        "Dynamic allocation wants more executors than are running",
    ),
    a(
        "SparkJobStuck",
        "job-stuck",
        "warning",
        "15m",
        "Tasks are active but none completed for 15 minutes",
    ),
    a(
        "SparkShuffleFetchFailures",
        "shuffle-fetch-failures",
        "warning",
        "10m",
        "Stages are failing, usually on shuffle fetch failures",
    ),
    a(
        "CelebornMasterDown",
        "celeborn-down",
        "critical",
        "2m",
        "Celeborn masters lost quorum",
    ),
    a(
        "CelebornWorkerDown",
        "celeborn-down",
        "warning",
        "5m",
        "A Celeborn worker is not ready",
    ),
    a(
        "SparkTaskFailureStorm",
        "task-failure-storm",
        "warning",
        "5m",
        "Tasks fail at more than 12 per minute",
    ),
    a(
        "SparkS3ConnectionErrors",
        "s3-connection-failed",
        "warning",
        "10m",
        "S3A requests are failing",
    ),
    a(
        "SparkHistoryServerDown",
        "history-server-empty",
        "warning",
        "5m",
        "The Spark History Server is not available",
    ),
    a(
        "SparkEventLogStale",
        "event-log-not-written",
        "warning",
        "30m",
        "Drivers drop events instead of writing them to the event log",
    ),
    a(
        "HiveMetastoreDown",
        "metastore-unreachable",
        "critical",
        "2m",
        "No Hive Metastore replica is available",
    ),
    a(
        "PostgreSQLDown",
        "postgresql-down",
        "critical",
        "2m",
        "PostgreSQL is not ready",
    ),
    a(
        "PostgreSQLVolumeFull",
        "postgresql-disk-full",
        "warning",
        "10m",
        "The PostgreSQL volume is more than 90 % full",
    ),
    a(
        "MinIOVolumeFull",
        "minio-volume-full",
        "warning",
        "10m",
        "The MinIO volume is more than 85 % full",
    ),
    a(
        "SparkImagePullFailing",
        "image-pull-failures",
        "warning",
        "5m",
        "A container image cannot be pulled",
    ),
    a(
        "SparkPVCPending",
        "pvc-pending",
        "warning",
        "10m",
        "A PersistentVolumeClaim is still Pending",
    ),
    a(
        "AirflowTaskStuck",
        "airflow-task-stuck",
        "warning",
        "30m",
        "Airflow tasks have been queued for 30 minutes",
    ),
    a(
        "AirflowSchedulerDown",
        "airflow-task-stuck",
        "critical",
        "5m",
        "The Airflow scheduler is not available",
    ),
    a(
        "SparkGPUPodsPending",
        "gpu-pods-not-scheduled",
        "warning",
        "10m",
        "Pods requesting GPUs cannot be scheduled",
    ),
    a(
        "SparkPodsEvicted",
        "node-pressure-evictions",
        "warning",
        "0m",
        "Pods were evicted by node pressure",
    ),
    a(
        "SparkErrorBudgetBurnFast",
        "error-budget-burn",
        "critical",
        "5m",
        "Spark Connect burns its availability budget more than 10x too fast",
    ),
    a(
        "SparkErrorBudgetBurnSlow",
        "error-budget-burn",
        "warning",
        "30m",
        "Spark Connect burns its availability budget 2-10x too fast",
    ),
];

/// Every alert the composer can emit.
pub fn alert_catalog() -> &'static [AlertInfo] {
    CATALOG
}

/// Runbook slugs that exist for symptoms without an alert.
pub const SYMPTOM_RUNBOOKS: &[&str] = &[
    "s3-credentials-missing",
    "driver-host-resolution",
    "jupyter-missing-python-deps",
];

/// The runbook URL an alert's annotation points at.
pub fn runbook_url(site: &str, alert: &AlertInfo) -> String {
    [
        site.trim_end_matches('/'),
        "/en/runbooks/",
        alert.runbook,
        "/",
    ]
    .concat()
}
