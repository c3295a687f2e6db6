//! Golden snapshots of every preset's bundle (values, delta, manifests, commands), plus the
//! preset and alert catalogues the site relies on. Refresh with `UPDATE_SNAPSHOTS=1`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn snapshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots/presets")
}

fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(dir) {
                out.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

#[test]
fn preset_bundles_match_snapshots() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut problems = Vec::new();
    for p in composer::presets() {
        let comp = composer::compose(p.id, &p.choices());
        let dir = snapshots().join(p.id);
        let existing = files_under(&dir);
        for (name, text) in &comp.files {
            let path = dir.join(name);
            if update {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).expect("create snapshot dir");
                }
                std::fs::write(&path, text).expect("write snapshot");
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(old) if &old == text => {}
                Ok(old) => {
                    let line = old
                        .lines()
                        .zip(text.lines())
                        .position(|(a, b)| a != b)
                        .map_or(0, |i| i + 1);
                    problems.push(format!("{}/{name} differs (first at line {line})", p.id));
                }
                Err(_) => problems.push(format!("{}/{name} has no snapshot", p.id)),
            }
        }
        for stale in existing.iter().filter(|f| !comp.files.contains_key(*f)) {
            if update {
                let _ = std::fs::remove_file(dir.join(stale));
            } else {
                problems.push(format!("{}/{stale} is no longer produced", p.id));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "snapshots out of date (review, then UPDATE_SNAPSHOTS=1):\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn preset_catalogue_is_complete() {
    let all = composer::presets();
    assert!(all.len() >= 14);
    let mut ids = BTreeSet::new();
    for p in all {
        assert!(ids.insert(p.id), "duplicate id {}", p.id);
        assert!(!p.tags.is_empty(), "{} has no tags", p.id);
        assert!(!p.components().is_empty());
        for t in [p.title.en, p.title.ru, p.description.en, p.description.ru] {
            assert!(!t.trim().is_empty(), "{}", p.id);
        }
        assert!(
            p.title
                .ru
                .chars()
                .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
                || p.title.ru == p.title.en
        );
    }
    // The upstream catalogue is covered.
    let has = |f: &dyn Fn(&composer::Choices) -> bool| all.iter().any(|p| f(&p.choices()));
    use composer::choices::{Backend, Platform};
    assert!(has(
        &|c| c.components.jupyter && c.backend == Backend::ConnectK8s
    ));
    assert!(has(
        &|c| c.components.jupyter && c.backend == Backend::ConnectStandalone
    ));
    assert!(has(
        &|c| c.components.airflow && c.backend == Backend::ConnectK8s
    ));
    assert!(has(
        &|c| c.components.airflow && c.backend == Backend::ConnectStandalone
    ));
    assert!(has(
        &|c| c.components.airflow && c.backend == Backend::SubmitK8s
    ));
    assert!(has(
        &|c| c.components.airflow && c.backend == Backend::Operator
    ));
    assert!(has(&|c| c.components.airflow && c.components.mlflow));
    assert!(has(
        &|c| c.features.gpu && c.features.iceberg != composer::choices::Iceberg::Off
    ));
    assert!(has(&|c| c.platform == Platform::OpenShiftRestricted));
    assert!(has(&|c| c.platform == Platform::OpenShiftAnyuid));
}

/// The alert table of the runbook plan: alert name -> runbook slug.
const ALERTS: &[(&str, &str)] = &[
    ("SparkExecutorOOMKilled", "executor-oomkilled"),
    ("SparkDriverOOMKilled", "driver-oom"),
    ("SparkDriverPodPending", "driver-pending"),
    ("SparkConnectDown", "connect-server-down"),
    ("SparkConnectCrashLooping", "connect-server-down"),
    ("SparkConnectLatencyHigh", "connect-latency-high"),
    ("SparkConnectErrorRateHigh", "connect-latency-high"),
    ("SparkExecutorsNotLaunching", "executors-not-launching"),
    (
        "SparkDynamicAllocationStuck",
        "dynamic-allocation-not-scaling",
    ),
    ("SparkJobStuck", "job-stuck"),
    ("SparkShuffleFetchFailures", "shuffle-fetch-failures"),
    ("CelebornMasterDown", "celeborn-down"),
    ("CelebornWorkerDown", "celeborn-down"),
    ("SparkTaskFailureStorm", "task-failure-storm"),
    ("SparkS3ConnectionErrors", "s3-connection-failed"),
    ("SparkHistoryServerDown", "history-server-empty"),
    ("SparkEventLogStale", "event-log-not-written"),
    ("HiveMetastoreDown", "metastore-unreachable"),
    ("PostgreSQLDown", "postgresql-down"),
    ("PostgreSQLVolumeFull", "postgresql-disk-full"),
    ("MinIOVolumeFull", "minio-volume-full"),
    ("SparkImagePullFailing", "image-pull-failures"),
    ("SparkPVCPending", "pvc-pending"),
    ("AirflowTaskStuck", "airflow-task-stuck"),
    ("AirflowSchedulerDown", "airflow-task-stuck"),
    ("SparkGPUPodsPending", "gpu-pods-not-scheduled"),
    ("SparkPodsEvicted", "node-pressure-evictions"),
    ("SparkErrorBudgetBurnFast", "error-budget-burn"),
    ("SparkErrorBudgetBurnSlow", "error-budget-burn"),
];

#[test]
fn alert_catalogue_matches_the_runbook_plan() {
    let got: Vec<(&str, &str)> = composer::alert_catalog()
        .iter()
        .map(|a| (a.name, a.runbook))
        .collect();
    assert_eq!(got, ALERTS);
    // Every emitted rule links its runbook under the chosen site URL.
    let p = composer::preset("production-ha").expect("production-ha preset");
    let comp = composer::compose(p.id, &p.choices());
    let alerts = &comp.files["manifests/alerts.yaml"];
    for (name, slug) in ALERTS
        .iter()
        .filter(|(n, _)| alerts.contains(&format!("alert: {n}\n")))
    {
        assert!(
            alerts.contains(&format!(
                "runbook_url: https://fall-out-bug.github.io/spark_k8s/en/runbooks/{slug}/"
            )),
            "{name} does not link runbooks/{slug}"
        );
    }
}
