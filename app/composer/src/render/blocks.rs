//! The shared building blocks of the manifests: labels, metadata, security contexts,
//! containers, Pod specs, Deployments, StatefulSets, Services, PVCs, ConfigMaps and the S3
//! credentials. Each returns a value that writes
//! itself where it is placed (see `yaml::emit`), with its fields in their final order.

use crate::model::ValidConfig;
use crate::yaml::emit::{Emit, Entries};
use crate::{emap, eseq};

/// Labels every object carries; `component` is the stable component id.
pub fn labels(v: &ValidConfig, component: &'static str) -> impl Emit {
    labels_with(v, component, emap! {})
}

/// `labels`, plus `spark-role` for the Pods of a Spark role (NetworkPolicies and PodMonitors
/// select drivers and executors by it).
pub fn labels_role(
    v: &ValidConfig,
    component: &'static str,
    role: Option<&'static str>,
) -> impl Emit {
    labels_with(v, component, emap! { "spark-role" => role })
}

/// `labels` followed by `extra`, labels an object adds for whoever selects it (Pod Security
/// levels, Grafana's sidecar, the Prometheus rule selector).
pub fn labels_with(v: &ValidConfig, component: &'static str, extra: impl Entries) -> impl Emit {
    emap! {
        "app.kubernetes.io/name" => component,
        "app.kubernetes.io/instance" => v.release_text(),
        "app.kubernetes.io/part-of" => "spark-k8s",
        "app.kubernetes.io/managed-by" => "spark-k8s-composer",
        ..extra,
    }
}

/// The labels a selector matches on (a stable subset of `labels`).
pub fn match_labels(v: &ValidConfig, component: &'static str) -> impl Emit + Entries {
    emap! { "app.kubernetes.io/name" => component, "app.kubernetes.io/instance" => v.release_text() }
}

pub fn meta(v: &ValidConfig, name: impl Emit, component: &'static str) -> impl Emit {
    emap! { "name" => name, "namespace" => v.ns_text(), "labels" => labels(v, component) }
}

/// Pod-level security context: restricted PSS; on OpenShift restricted-v2 no fixed UID/GID.
pub fn pod_security(v: &ValidConfig) -> impl Emit {
    let uid = v.choices().features.run_as_user.clamp(1, 2_147_483_647);
    pod_security_ids(v, uid, uid)
}

/// Pod-level context for an image that needs its own UID (PostgreSQL, the metastore).
pub fn pod_security_uid(v: &ValidConfig, uid: i64) -> impl Emit {
    pod_security_ids(v, uid, uid)
}

/// Pod-level context with a separate group (Airflow: any UID in group 0, as its image documents).
pub fn pod_security_ids(v: &ValidConfig, uid: i64, gid: i64) -> impl Emit {
    let fixed = !v.restricted_v2();
    emap! {
        "runAsNonRoot" => true,
        "runAsUser" => fixed.then_some(uid),
        "runAsGroup" => fixed.then_some(gid),
        "fsGroup" => fixed.then_some(gid),
        "seccompProfile" => emap! { "type" => "RuntimeDefault" },
    }
}

/// Container-level security context: restricted PSS fields.
pub fn container_security(v: &ValidConfig) -> impl Emit {
    emap! {
        "allowPrivilegeEscalation" => false,
        "readOnlyRootFilesystem" => v.choices().features.read_only_root,
        "runAsNonRoot" => true,
        "capabilities" => emap! { "drop" => eseq!["ALL"] },
        "seccompProfile" => emap! { "type" => "RuntimeDefault" },
    }
}

pub fn resources(
    cpu_req_milli: u64,
    mem_req_mib: u64,
    cpu_lim_milli: u64,
    mem_lim_mib: u64,
) -> impl Emit {
    emap! {
        "requests" => emap! { "cpu" => cpu(cpu_req_milli), "memory" => crate::quantity::k8s(mem_req_mib), "ephemeral-storage" => "1Gi" },
        "limits" => emap! { "cpu" => cpu(cpu_lim_milli), "memory" => crate::quantity::k8s(mem_lim_mib.max(mem_req_mib)), "ephemeral-storage" => "4Gi" },
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
pub fn service_resources(v: &ValidConfig, name: &str) -> impl Emit {
    match v.services().into_iter().find(|s| s.name == name) {
        Some(s) => resources(
            s.cpu_req_milli,
            s.mem_req_mib,
            s.cpu_lim_milli,
            s.mem_lim_mib,
        ),
        None => resources(100, 256, 500, 512),
    }
}

pub fn port(name: &'static str, n: i64) -> impl Emit {
    emap! { "name" => name, "containerPort" => n, "protocol" => "TCP" }
}

/// Probe timing after the handler: `initial` and `period` seconds, fixed timeout and threshold.
fn probe_timing(initial: i64, period: i64) -> impl Entries {
    emap! { "initialDelaySeconds" => initial, "periodSeconds" => period, "timeoutSeconds" => 5i64, "failureThreshold" => 6i64 }
}

pub fn tcp_probe(port_name: &'static str, initial: i64, period: i64) -> impl Emit {
    emap! { "tcpSocket" => emap! { "port" => port_name }, ..probe_timing(initial, period) }
}

pub fn http_probe(
    path: &'static str,
    port_name: &'static str,
    initial: i64,
    period: i64,
) -> impl Emit {
    emap! { "httpGet" => emap! { "path" => path, "port" => port_name }, ..probe_timing(initial, period) }
}

pub fn env(name: &'static str, value: impl Emit) -> impl Emit {
    emap! { "name" => name, "value" => value }
}

pub fn env_secret(name: &'static str, secret: impl Emit, key: &'static str) -> impl Emit {
    emap! { "name" => name, "valueFrom" => emap! { "secretKeyRef" => emap! { "name" => secret, "key" => key } } }
}

pub fn env_field(name: &'static str, path: &'static str) -> impl Emit {
    emap! { "name" => name, "valueFrom" => emap! { "fieldRef" => emap! { "fieldPath" => path } } }
}

/// emptyDir volumes, so a read-only root filesystem works; `scratch_mounts` mounts them.
pub fn scratch_volumes(dirs: &'static [(&'static str, &'static str)]) -> impl Iterator<Item: Emit> {
    scratch_volumes_of(dirs, "2Gi")
}

/// `scratch_volumes` of `size` each (Spark-created Pods spill to them, so they get more).
pub fn scratch_volumes_of(
    dirs: &'static [(&'static str, &'static str)],
    size: &'static str,
) -> impl Iterator<Item: Emit> {
    dirs.iter()
        .map(move |(n, _)| emap! { "name" => *n, "emptyDir" => emap! { "sizeLimit" => size } })
}

pub fn scratch_mounts(dirs: &'static [(&'static str, &'static str)]) -> impl Iterator<Item: Emit> {
    dirs.iter()
        .map(|(n, p)| emap! { "name" => *n, "mountPath" => *p })
}

pub fn mount(name: &'static str, path: &'static str, read_only: bool) -> impl Emit {
    emap! { "name" => name, "mountPath" => path, "readOnly" => read_only.then_some(true) }
}

/// A volume from a ConfigMap.
pub fn config_volume(name: &'static str, config_map: impl Emit) -> impl Emit {
    emap! { "name" => name, "configMap" => emap! { "name" => config_map } }
}

/// A container with the restricted security context and pinned image. `ports`, `env` and
/// `mounts` are left out when absent; `rest` (command, args, probes) comes last.
#[allow(clippy::too_many_arguments)]
pub fn container(
    v: &ValidConfig,
    name: &'static str,
    image: impl Emit,
    ports: impl Emit,
    env: impl Emit,
    mounts: impl Emit,
    resources: impl Emit,
    rest: impl Entries,
) -> impl Emit {
    emap! {
        "name" => name,
        "image" => image,
        "imagePullPolicy" => "IfNotPresent",
        "ports" => ports,
        "env" => env,
        "resources" => resources,
        "securityContext" => container_security(v),
        "volumeMounts" => mounts,
        ..rest,
    }
}

/// Pod spec with the right service account: only Spark drivers call the API server.
pub fn pod_spec(
    v: &ValidConfig,
    spark_sa: bool,
    containers: impl Emit,
    volumes: impl Emit,
) -> impl Emit {
    let account = if spark_sa { "spark" } else { "workload" };
    pod_spec_as(
        v.name(account),
        spark_sa,
        pod_security(v),
        containers,
        volumes,
        emap! {},
    )
}

/// A Pod spec with its own account and security context; `rest` (init containers, node
/// selectors) comes last.
pub fn pod_spec_as(
    account: impl Emit,
    automount: bool,
    security: impl Emit,
    containers: impl Emit,
    volumes: impl Emit,
    rest: impl Entries,
) -> impl Emit {
    emap! {
        "serviceAccountName" => account,
        "automountServiceAccountToken" => automount,
        "securityContext" => security,
        "containers" => containers,
        "volumes" => volumes,
        ..rest,
    }
}

/// A Deployment whose Pods carry `labels_role(component, role)`.
pub fn deployment(
    v: &ValidConfig,
    name: impl Emit,
    component: &'static str,
    role: Option<&'static str>,
    replicas: u64,
    spec: impl Emit,
) -> impl Emit {
    emap! {
        "apiVersion" => "apps/v1",
        "kind" => "Deployment",
        "metadata" => meta(v, name, component),
        "spec" => emap! {
            "replicas" => replicas as i64,
            "selector" => emap! { "matchLabels" => match_labels(v, component) },
            "template" => emap! {
                "metadata" => emap! { "labels" => labels_role(v, component, role) },
                "spec" => spec,
            },
        },
    }
}

pub fn service(
    v: &ValidConfig,
    name: impl Emit,
    component: &'static str,
    ports: &'static [(&'static str, i64)],
    headless: bool,
) -> impl Emit {
    emap! {
        "apiVersion" => "v1",
        "kind" => "Service",
        "metadata" => meta(v, name, component),
        "spec" => emap! {
            "type" => "ClusterIP",
            "clusterIP" => headless.then_some("None"),
            "publishNotReadyAddresses" => headless.then_some(true),
            "selector" => match_labels(v, component),
            "ports" => crate::yaml::emit::each(ports.iter().map(|(n, p)| {
                emap! { "name" => *n, "port" => *p, "targetPort" => *n, "protocol" => "TCP" }
            })),
        },
    }
}

pub fn pvc(
    v: &ValidConfig,
    name: impl Emit,
    component: &'static str,
    size: &'static str,
) -> impl Emit {
    emap! {
        "apiVersion" => "v1",
        "kind" => "PersistentVolumeClaim",
        "metadata" => meta(v, name, component),
        "spec" => emap! {
            "accessModes" => eseq!["ReadWriteOnce"],
            "resources" => emap! { "requests" => emap! { "storage" => size } },
        },
    }
}

/// The storage Secret's keys as the variables `user` and `pass`.
pub fn s3_creds(
    v: &ValidConfig,
    user: &'static str,
    pass: &'static str,
) -> impl Iterator<Item: Emit> {
    let s = &v.choices().s3.secret_name;
    [
        env_secret(user, s, "access-key"),
        env_secret(pass, s, "secret-key"),
    ]
    .into_iter()
}

/// AWS credentials from the storage Secret, when there is object storage.
pub fn s3_env(v: &ValidConfig) -> impl Iterator<Item: Emit> {
    v.storage()
        .then(|| s3_creds(v, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"))
        .into_iter()
        .flatten()
}

/// A StatefulSet with one `data` claim of `storage` per Pod; `rest` (e.g.
/// `podManagementPolicy`) comes after `replicas`.
pub fn stateful_set(
    v: &ValidConfig,
    name: &String,
    component: &'static str,
    replicas: i64,
    rest: impl Entries,
    spec: impl Emit,
    storage: &'static str,
) -> impl Emit {
    emap! {
        "apiVersion" => "apps/v1",
        "kind" => "StatefulSet",
        "metadata" => meta(v, name, component),
        "spec" => emap! {
            "serviceName" => name,
            "replicas" => replicas,
            ..rest,
            "selector" => emap! { "matchLabels" => match_labels(v, component) },
            "template" => emap! {
                "metadata" => emap! { "labels" => labels(v, component) },
                "spec" => spec,
            },
            "volumeClaimTemplates" => eseq![emap! {
                "metadata" => emap! { "name" => "data" },
                "spec" => emap! {
                    "accessModes" => eseq!["ReadWriteOnce"],
                    "resources" => emap! { "requests" => emap! { "storage" => storage } },
                },
            }],
        },
    }
}

/// A ConfigMap; `data` maps file names to their text.
pub fn config_map(
    v: &ValidConfig,
    name: impl Emit,
    component: &'static str,
    data: impl Emit,
) -> impl Emit {
    emap! {
        "apiVersion" => "v1",
        "kind" => "ConfigMap",
        "metadata" => meta(v, name, component),
        "data" => data,
    }
}
