//! Renderers: one small function per produced object, all taking `&ValidConfig`. `manifests`
//! is the one place that decides which files exist.

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
use crate::{ymap, yseq};

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

/// Writes a renderer's trees, leaving out the null ones (objects a choice turns off).
pub(crate) fn put(d: &mut Docs, docs: Vec<Y>) {
    for doc in docs.iter().filter(|y| !matches!(y, Y::Null)) {
        d.doc(doc);
    }
}

// ---- shared building blocks -------------------------------------------------------------

/// Labels every object carries; `component` is the stable component id. Room is left for the
/// one label Pods of a role add (`spark-role`).
pub fn labels(v: &ValidConfig, component: &'static str) -> Y {
    ymap! { +1;
        "app.kubernetes.io/name" => component,
        "app.kubernetes.io/instance" => v.release_text(),
        "app.kubernetes.io/part-of" => "spark-k8s",
        "app.kubernetes.io/managed-by" => "spark-k8s-composer",
    }
}

/// The labels a selector matches on (a stable subset of `labels`).
pub fn match_labels(v: &ValidConfig, component: &'static str) -> Y {
    ymap! { "app.kubernetes.io/name" => component, "app.kubernetes.io/instance" => v.release_text() }
}

pub fn meta(v: &ValidConfig, name: impl Into<Y>, component: &'static str) -> Y {
    ymap! { "name" => name, "namespace" => v.ns_text(), "labels" => labels(v, component) }
}

/// An object; room is left for the body (`spec`, `data`, ...) callers add `with`.
pub fn object(api: &'static str, kind: &'static str, metadata: Y) -> Y {
    ymap! { +2; "apiVersion" => api, "kind" => kind, "metadata" => metadata }
}

/// Pod-level security context: restricted PSS; on OpenShift restricted-v2 no fixed UID/GID.
pub fn pod_security(v: &ValidConfig) -> Y {
    let uid = v.choices().features.run_as_user.clamp(1, 2_147_483_647);
    pod_security_uid(v, uid)
}

/// Pod-level context for an image that needs its own UID (PostgreSQL 70, MinIO/others as set).
pub fn pod_security_uid(v: &ValidConfig, uid: i64) -> Y {
    pod_security_ids(v, uid, uid)
}

/// Pod-level context with a separate group (Airflow: any UID in group 0, as its image documents).
pub fn pod_security_ids(v: &ValidConfig, uid: i64, gid: i64) -> Y {
    let seccomp = ymap! { "type" => "RuntimeDefault" };
    if v.restricted_v2() {
        ymap! { "runAsNonRoot" => true, "seccompProfile" => seccomp }
    } else {
        ymap! {
            "runAsNonRoot" => true,
            "runAsUser" => uid,
            "runAsGroup" => gid,
            "fsGroup" => gid,
            "seccompProfile" => seccomp,
        }
    }
}

/// Container-level security context: restricted PSS fields.
pub fn container_security(v: &ValidConfig) -> Y {
    ymap! {
        "allowPrivilegeEscalation" => false,
        "readOnlyRootFilesystem" => v.choices().features.read_only_root,
        "runAsNonRoot" => true,
        "capabilities" => ymap! { "drop" => yseq!["ALL"] },
        "seccompProfile" => ymap! { "type" => "RuntimeDefault" },
    }
}

pub fn resources(cpu_req_milli: u64, mem_req_mib: u64, cpu_lim_milli: u64, mem_lim_mib: u64) -> Y {
    ymap! {
        "requests" => ymap! { "cpu" => cpu(cpu_req_milli), "memory" => crate::quantity::k8s(mem_req_mib), "ephemeral-storage" => "1Gi" },
        "limits" => ymap! { "cpu" => cpu(cpu_lim_milli), "memory" => crate::quantity::k8s(mem_lim_mib.max(mem_req_mib)), "ephemeral-storage" => "4Gi" },
    }
}

pub fn cpu(milli: u64) -> String {
    if milli.is_multiple_of(1000) {
        (milli / 1000).to_string()
    } else {
        format!("{milli}m")
    }
}

/// Resources of a named service from the model's table.
pub fn service_resources(v: &ValidConfig, name: &str) -> Y {
    let s = v.services().into_iter().find(|s| s.name == name);
    match s {
        Some(s) => resources(
            s.cpu_req_milli,
            s.mem_req_mib,
            s.cpu_lim_milli,
            s.mem_lim_mib,
        ),
        None => resources(100, 256, 500, 512),
    }
}

pub fn port(name: &'static str, n: i64) -> Y {
    ymap! { "name" => name, "containerPort" => n, "protocol" => "TCP" }
}

pub fn tcp_probe(port_name: &'static str, initial: i64, period: i64) -> Y {
    ymap! {
        "tcpSocket" => ymap! { "port" => port_name },
        "initialDelaySeconds" => initial,
        "periodSeconds" => period,
        "timeoutSeconds" => 5i64,
        "failureThreshold" => 6i64,
    }
}

pub fn http_probe(path: &'static str, port_name: &'static str, initial: i64, period: i64) -> Y {
    ymap! {
        "httpGet" => ymap! { "path" => path, "port" => port_name },
        "initialDelaySeconds" => initial,
        "periodSeconds" => period,
        "timeoutSeconds" => 5i64,
        "failureThreshold" => 6i64,
    }
}

pub fn env(name: &'static str, value: impl Into<Y>) -> Y {
    ymap! { "name" => name, "value" => value.into() }
}

pub fn env_secret(name: &'static str, secret: impl Into<Y>, key: &'static str) -> Y {
    ymap! { "name" => name, "valueFrom" => ymap! { "secretKeyRef" => ymap! { "name" => secret, "key" => key } } }
}

pub fn env_field(name: &'static str, path: &'static str) -> Y {
    ymap! { "name" => name, "valueFrom" => ymap! { "fieldRef" => ymap! { "fieldPath" => path } } }
}

/// emptyDir volumes and their mounts, so a read-only root filesystem works.
pub fn scratch(dirs: &[(&'static str, &'static str)]) -> (Vec<Y>, Vec<Y>) {
    let vols = dirs
        .iter()
        .map(|(n, _)| ymap! { "name" => *n, "emptyDir" => ymap! { "sizeLimit" => "2Gi" } })
        .collect();
    let mounts = dirs
        .iter()
        .map(|(n, p)| ymap! { "name" => *n, "mountPath" => *p })
        .collect();
    (vols, mounts)
}

pub fn mount(name: &'static str, path: &'static str, read_only: bool) -> Y {
    if read_only {
        ymap! { "name" => name, "mountPath" => path, "readOnly" => true }
    } else {
        ymap! { "name" => name, "mountPath" => path }
    }
}

/// A container with the restricted security context and pinned image.
#[allow(clippy::too_many_arguments)]
pub fn container(
    v: &ValidConfig,
    name: &'static str,
    image: impl Into<Y>,
    ports: Vec<Y>,
    env: Vec<Y>,
    mounts: Vec<Y>,
    resources: Y,
) -> Y {
    // Room for the five fields below and the command, args and probes callers add.
    let mut y = ymap! { +8; "name" => name, "image" => image, "imagePullPolicy" => "IfNotPresent" };
    if !ports.is_empty() {
        y.set("ports", Y::Seq(ports));
    }
    if !env.is_empty() {
        y.set("env", Y::Seq(env));
    }
    y.set("resources", resources);
    y.set("securityContext", container_security(v));
    if !mounts.is_empty() {
        y.set("volumeMounts", Y::Seq(mounts));
    }
    y
}

/// Pod spec with the right service account: only Spark drivers call the API server.
pub fn pod_spec(v: &ValidConfig, spark_sa: bool, containers: Vec<Y>, volumes: Vec<Y>) -> Y {
    let account = if spark_sa { "spark" } else { "workload" };
    // Room for volumes and the init containers some callers add.
    let mut y = ymap! { +2;
        "serviceAccountName" => v.name(account),
        "automountServiceAccountToken" => spark_sa,
        "securityContext" => pod_security(v),
        "containers" => Y::Seq(containers),
    };
    if !volumes.is_empty() {
        y.set("volumes", Y::Seq(volumes));
    }
    y
}

pub fn deployment(
    v: &ValidConfig,
    name: impl Into<Y>,
    component: &'static str,
    replicas: u64,
    spec: Y,
) -> Y {
    deployment_with(v, name, component, replicas, spec, &[])
}

/// A Deployment whose Pods carry extra labels (e.g. `spark-role`).
pub fn deployment_with(
    v: &ValidConfig,
    name: impl Into<Y>,
    component: &'static str,
    replicas: u64,
    spec: Y,
    extra: &[(&'static str, &'static str)],
) -> Y {
    let mut l = labels(v, component);
    for (k, val) in extra {
        l.set(*k, (*val).into());
    }
    let tmpl_meta = ymap! { "labels" => l };
    object("apps/v1", "Deployment", meta(v, name, component)).with(
        "spec",
        ymap! {
            "replicas" => replicas as i64,
            "selector" => ymap! { "matchLabels" => match_labels(v, component) },
            "template" => ymap! { "metadata" => tmpl_meta, "spec" => spec },
        },
    )
}

pub fn service(
    v: &ValidConfig,
    name: impl Into<Y>,
    component: &'static str,
    ports: &[(&'static str, i64)],
    headless: bool,
) -> Y {
    let mut spec = ymap! { +4; "type" => "ClusterIP" };
    if headless {
        spec.set("clusterIP", "None".into());
        spec.set("publishNotReadyAddresses", true.into());
    }
    spec.set("selector", match_labels(v, component));
    spec.set(
        "ports",
        Y::Seq(
            ports
                .iter()
                .map(|(n, p)| ymap! { "name" => *n, "port" => *p, "targetPort" => *n, "protocol" => "TCP" })
                .collect(),
        ),
    );
    object("v1", "Service", meta(v, name, component)).with("spec", spec)
}

pub fn pvc(v: &ValidConfig, name: impl Into<Y>, component: &'static str, size: &'static str) -> Y {
    object("v1", "PersistentVolumeClaim", meta(v, name, component)).with(
        "spec",
        ymap! {
            "accessModes" => yseq!["ReadWriteOnce"],
            "resources" => ymap! { "requests" => ymap! { "storage" => size } },
        },
    )
}

/// A comment-free explanation line for README: which security fields each Pod carries.
pub fn annotations_why(text: &'static str) -> Y {
    ymap! { "spark-k8s.io/why" => text }
}
