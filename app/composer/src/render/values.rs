//! Helm values for the upstream chart of the chosen line, with its real key paths. Traps from the
//! upstream chart are handled here: infra toggles under `spark-base.core.*`, security set twice,
//! the Jupyter Connect URL overridden, INERT and BROKEN keys never switched on.

use std::sync::OnceLock;

use super::spark_conf;
use crate::choices::{Exposure, SecretsMode};
use crate::model::ValidConfig;
use crate::quantity::k8s;
use crate::yaml::Y;
use crate::ymap;

/// The chart's full name prefix: `<rel>-spark-41` / `<rel>-spark-35`.
pub fn fullname(v: &ValidConfig) -> String {
    format!(
        "{}-spark-{}",
        v.release(),
        if v.is35() { "35" } else { "41" }
    )
}

pub fn chart_dir(v: &ValidConfig) -> &'static str {
    if v.is35() { "spark-3.5" } else { "spark-4.1" }
}

/// Celeborn masters as the Celeborn chart names them when installed as release `<rel>-celeborn`.
pub fn celeborn_endpoints(v: &ValidConfig) -> String {
    let sts = format!("{}-celeborn-celeborn-master", v.release());
    (0..3)
        .map(|i| format!("{sts}-{i}.{sts}.{}.svc:9097", v.ns()))
        .collect::<Vec<_>>()
        .join(",")
}

/// The spark-standalone chart's master Service when installed as release `<rel>-sa`.
pub fn standalone_master(v: &ValidConfig) -> String {
    format!("{}-sa-spark-standalone-master", v.release())
}

/// The upstream defaults of every key we write (facts file, section 2), for the delta.
pub fn chart_defaults(v: &ValidConfig) -> Y {
    let is35 = v.is35();
    let tag = if is35 { "3.5.7" } else { "4.1.0" };
    let sa = if is35 { "spark-35" } else { "spark-41" };
    let mut y = Y::map();
    y.set_path("global.s3.enabled", true.into());
    y.set_path("global.s3.endpoint", "http://minio:9000".into());
    y.set_path("global.s3.pathStyleAccess", true.into());
    y.set_path("global.s3.existingSecret", "".into());
    y.set_path("rbac.create", true.into());
    y.set_path("rbac.serviceAccountName", sa.into());
    y.set_path_keys(
        &["spark-base", "core", "hiveMetastore", "enabled"],
        true.into(),
    );
    y.set_path_keys(
        &["spark-base", "core", "postgresql", "enabled"],
        false.into(),
    );
    y.set_path_keys(&["spark-base", "minio", "enabled"], false.into());
    y.set_path_keys(
        &["spark-base", "security", "podSecurityStandards"],
        (!is35).into(),
    );
    y.set_path_keys(&["spark-base", "security", "runAsUser"], 185i64.into());
    y.set_path_keys(&["spark-base", "security", "runAsGroup"], 185i64.into());
    y.set_path_keys(&["spark-base", "security", "fsGroup"], 185i64.into());
    y.set_path_keys(
        &["spark-base", "security", "readOnlyRootFilesystem"],
        false.into(),
    );
    y.set_path("core.hiveMetastore.enabled", true.into());
    y.set_path("connect.enabled", true.into());
    y.set_path("connect.replicas", 1i64.into());
    y.set_path("connect.backendMode", "k8s".into());
    y.set_path(
        "connect.image.repository",
        "ghcr.io/fall-out-bug/spark-k8s-spark-custom".into(),
    );
    y.set_path("connect.image.tag", tag.into());
    y.set_path("connect.resources", ymap! { "requests" => ymap!{"cpu" => "1", "memory" => "2Gi"}, "limits" => ymap!{"cpu" => "2", "memory" => "4Gi"} });
    y.set_path("connect.executor.cores", "1".into());
    y.set_path("connect.executor.coresLimit", "2".into());
    y.set_path("connect.executor.memory", "1Gi".into());
    y.set_path("connect.executor.memoryLimit", "2Gi".into());
    y.set_path("connect.executor.gpu.enabled", false.into());
    y.set_path("connect.executor.gpu.count", "1".into());
    y.set_path("connect.executor.gpu.vendor", "nvidia.com/gpu".into());
    y.set_path("connect.dynamicAllocation.enabled", true.into());
    y.set_path("connect.dynamicAllocation.minExecutors", 0i64.into());
    y.set_path("connect.dynamicAllocation.maxExecutors", 10i64.into());
    y.set_path("connect.eventLog.enabled", true.into());
    y.set_path("connect.eventLog.dir", "s3a://spark-logs/events".into());
    y.set_path(
        "connect.standalone.masterService",
        "spark-sa-spark-standalone-master".into(),
    );
    y.set_path("connect.standalone.masterPort", 7077i64.into());
    y.set_path("connect.sparkConf", Y::map());
    y.set_path("historyServer.enabled", true.into());
    y.set_path(
        "historyServer.logDirectory",
        "s3a://spark-logs/events".into(),
    );
    y.set_path("jupyter.enabled", true.into());
    y.set_path(
        "jupyter.env.SPARK_CONNECT_URL",
        "sc://spark-connect:15002".into(),
    );
    y.set_path("celeborn.enabled", false.into());
    y.set_path("celeborn.masterEndpoints", "celeborn-master-0.celeborn-master:9097,celeborn-master-1.celeborn-master:9097,celeborn-master-2.celeborn-master:9097".into());
    y.set_path("security.podSecurityStandards", true.into());
    y.set_path("security.runAsUser", 185i64.into());
    y.set_path("security.runAsGroup", 185i64.into());
    y.set_path("security.fsGroup", 185i64.into());
    y.set_path("security.readOnlyRootFilesystem", false.into());
    y.set_path("security.pssProfile", "restricted".into());
    y.set_path("security.createNamespace", false.into());
    y.set_path("security.networkPolicies.enabled", false.into());
    y.set_path("monitoring.serviceMonitor.enabled", false.into());
    y.set_path("monitoring.podMonitor.enabled", false.into());
    y.set_path("monitoring.grafanaDashboards.enabled", false.into());
    y.set_path("ingress.enabled", false.into());
    if is35 {
        y.set_path("hiveMetastore.enabled", false.into());
        y.set_path("sparkStandalone.enabled", false.into());
        y.set_path("routes.enabled", false.into());
        y.set_path("routes.tlsTerminationType", "edge".into());
    } else {
        y.set_path("features.iceberg.enabled", false.into());
        y.set_path("secrets.externalSecrets.enabled", false.into());
    }
    y
}

/// Our settings for the chart (only keys we decide).
fn overrides(v: &ValidConfig) -> Y {
    let c = v.choices();
    let k = &c.components;
    let mut y = Y::map();
    let uid = c.features.run_as_user.clamp(1, 2_147_483_647);

    // Storage: the chart's S3 settings; MinIO only through spark-base (trap 2).
    y.set_path("global.s3.enabled", v.storage().into());
    y.set_path(
        "global.s3.endpoint",
        if v.minio() {
            "http://minio:9000".to_string()
        } else {
            c.s3.endpoint.clone()
        }
        .into(),
    );
    y.set_path("global.s3.pathStyleAccess", true.into());
    match c.features.secrets {
        SecretsMode::Inline => {
            y.set_path("global.s3.existingSecret", "".into());
            y.set_path("global.s3.accessKey", c.s3.access_key.clone().into());
            y.set_path("global.s3.secretKey", c.s3.secret_key.clone().into());
        }
        _ => y.set_path("global.s3.existingSecret", c.s3.secret_name.clone().into()),
    }
    y.set_path("rbac.create", true.into());
    y.set_path("rbac.serviceAccountName", v.name("spark").into());

    // Infra toggles land in spark-base.core.* (trap 1); the top-level copy only feeds NOTES.
    y.set_path_keys(
        &["spark-base", "core", "hiveMetastore", "enabled"],
        k.metastore.into(),
    );
    y.set_path_keys(
        &["spark-base", "core", "postgresql", "enabled"],
        k.postgresql.into(),
    );
    y.set_path_keys(&["spark-base", "minio", "enabled"], v.minio().into());
    y.set_path("core.hiveMetastore.enabled", k.metastore.into());

    // Security twice (trap 4): parent and spark-base.
    for prefix in [vec!["security"], vec!["spark-base", "security"]] {
        let at = |key: &'static str| {
            let mut p = prefix.clone();
            p.push(key);
            p
        };
        y.set_path_keys(&at("podSecurityStandards"), true.into());
        y.set_path_keys(&at("runAsUser"), uid.into());
        y.set_path_keys(&at("runAsGroup"), uid.into());
        y.set_path_keys(&at("fsGroup"), uid.into());
        y.set_path_keys(&at("readOnlyRootFilesystem"), false.into());
    }
    y.set_path(
        "security.pssProfile",
        if c.platform == crate::choices::Platform::OpenShiftAnyuid {
            "baseline"
        } else {
            "restricted"
        }
        .into(),
    );
    y.set_path(
        "security.createNamespace",
        c.identity.create_namespace.into(),
    );
    // Upstream NetworkPolicies are malformed and miss Spark's own edges: ours are in manifests/.
    y.set_path("security.networkPolicies.enabled", false.into());

    // Connect.
    y.set_path("connect.enabled", v.connect().into());
    if v.connect() {
        y.set_path("connect.replicas", (v.connect_replicas as i64).into());
        y.set_path(
            "connect.backendMode",
            if v.standalone() { "standalone" } else { "k8s" }.into(),
        );
        y.set_path(
            "connect.image.repository",
            format!("{}/spark-k8s-spark-custom", c.identity.registry).into(),
        );
        y.set_path("connect.image.tag", c.identity.spark_tag.clone().into());
        y.set_path(
            "connect.resources",
            ymap! {
                "requests" => ymap!{ "cpu" => v.driver.cores.to_string(), "memory" => k8s(v.driver.pod_mib) },
                "limits" => ymap!{ "cpu" => (v.driver.cores * 2).to_string(), "memory" => k8s(v.driver.limit_mib.max(v.driver.pod_mib)) },
            },
        );
        y.set_path(
            "connect.executor.cores",
            v.executor.cores.to_string().into(),
        );
        y.set_path(
            "connect.executor.coresLimit",
            (v.executor.cores * 2).to_string().into(),
        );
        y.set_path("connect.executor.memory", k8s(v.executor.pod_mib).into());
        y.set_path(
            "connect.executor.memoryLimit",
            k8s(v.executor.limit_mib.max(v.executor.pod_mib)).into(),
        );
        y.set_path("connect.executor.gpu.enabled", c.features.gpu.into());
        if c.features.gpu {
            y.set_path("connect.executor.gpu.count", v.gpu_count.to_string().into());
            y.set_path("connect.executor.gpu.vendor", "nvidia.com/gpu".into());
        }
        let da = c.features.dynamic_allocation && !v.standalone();
        y.set_path("connect.dynamicAllocation.enabled", da.into());
        y.set_path(
            "connect.dynamicAllocation.minExecutors",
            (v.executor_min as i64).into(),
        );
        y.set_path(
            "connect.dynamicAllocation.maxExecutors",
            (v.executor_max as i64).into(),
        );
        y.set_path("connect.eventLog.enabled", v.storage().into());
        y.set_path("connect.eventLog.dir", c.s3.event_log_dir.clone().into());
        if v.standalone() {
            if v.is35() {
                y.set_path("sparkStandalone.enabled", true.into());
            } else {
                y.set_path(
                    "connect.standalone.masterService",
                    standalone_master(v).into(),
                );
                y.set_path("connect.standalone.masterPort", 7077i64.into());
            }
        }
        let mut conf = Y::map();
        for (key, val) in spark_conf::helm_extra(v) {
            conf.set(key, Y::from(val));
        }
        y.set_path("connect.sparkConf", conf);
    }

    y.set_path("historyServer.enabled", k.history.into());
    if k.history {
        y.set_path(
            "historyServer.logDirectory",
            c.s3.history_log_dir.clone().into(),
        );
    }
    y.set_path("jupyter.enabled", (k.jupyter && v.connect()).into());
    if k.jupyter && v.connect() {
        // Trap 7: the chart's default env points at a short name; the right Service wins here.
        y.set_path(
            "jupyter.env.SPARK_CONNECT_URL",
            format!("sc://{}-connect:15002", fullname(v)).into(),
        );
    }
    if !v.is35() {
        y.set_path("celeborn.enabled", k.celeborn.into());
        if k.celeborn {
            y.set_path("celeborn.masterEndpoints", celeborn_endpoints(v).into());
        }
    }
    y.set_path(
        "monitoring.serviceMonitor.enabled",
        c.features.monitoring.into(),
    );
    y.set_path(
        "monitoring.podMonitor.enabled",
        c.features.monitoring.into(),
    );
    y.set_path(
        "monitoring.grafanaDashboards.enabled",
        (c.features.monitoring && c.features.dashboards).into(),
    );
    // The chart's Ingress has no TLS and no class: the generated one is in manifests/.
    y.set_path("ingress.enabled", false.into());
    if v.is35() {
        y.set_path("hiveMetastore.enabled", false.into());
        let route = c.features.exposure == Exposure::Route;
        y.set_path("routes.enabled", route.into());
        if route {
            y.set_path("routes.tlsTerminationType", "edge".into());
            y.set_path(
                "routes.hosts",
                ymap! {
                    "historyServer" => format!("history.{}", c.features.domain),
                    "jupyter" => format!("jupyter.{}", c.features.domain),
                    "sparkConnect" => format!("connect.{}", c.features.domain),
                },
            );
        }
    } else {
        // Iceberg goes through sparkConf (the chart's hive URI lacks thrift://); GPU likewise
        // (features.gpu is INERT); ExternalSecret objects are ours, referencing a store you own.
        y.set_path("features.iceberg.enabled", false.into());
        y.set_path("secrets.externalSecrets.enabled", false.into());
    }
    y
}

/// (full values, minimal delta against the chart defaults).
pub fn render(v: &ValidConfig) -> (Y, Y) {
    // The defaults depend on the chart line alone: built once per line, not per edit.
    static DEFAULTS: [OnceLock<Y>; 2] = [OnceLock::new(), OnceLock::new()];
    let defaults = DEFAULTS[usize::from(v.is35())].get_or_init(|| chart_defaults(v));
    let mut full = defaults.clone();
    full.merge(overrides(v));
    let delta = full.delta(defaults).unwrap_or_else(Y::map);
    (full, delta)
}
