//! ConfigMaps for Spark: spark-defaults.conf and the driver/executor Pod templates. Executors are
//! created by the driver, so the template is the only way they get the restricted context.

use super::blocks::{
    config_map, container_security, labels_role, pod_security, scratch_mounts, scratch_volumes_of,
};
use super::spark_conf;
use crate::model::ValidConfig;
use crate::quantity::k8s;
use crate::yaml::Docs;
use crate::yaml::emit::{Emit, each};
use crate::{emap, eseq};

/// Scratch space of the Pods Spark creates (drivers and executors).
pub const SPARK_SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp"), ("work-dir", "/opt/spark/work-dir")];

pub fn spark_scratch_volumes() -> impl Iterator<Item: Emit> {
    scratch_volumes_of(SPARK_SCRATCH, "4Gi")
}

/// The Pod template for Spark-created Pods (`role` = "driver" or "executor"), as YAML text.
pub fn pod_template(v: &ValidConfig, role: &'static str) -> String {
    let size = if role == "driver" {
        &v.driver
    } else {
        &v.executor
    };
    let component = if role == "driver" {
        "spark-driver"
    } else {
        "spark-executor"
    };
    let gpu = v.choices().features.gpu && role == "executor";
    let ctr = emap! {
        "name" => role,
        "resources" => emap! {
            "requests" => emap! { "cpu" => size.cores.to_string(), "memory" => k8s(size.pod_mib), "ephemeral-storage" => "1Gi" },
            "limits" => emap! {
                "cpu" => (size.cores * 2).to_string(),
                "memory" => k8s(size.limit_mib.max(size.pod_mib)),
                "ephemeral-storage" => "8Gi",
                "nvidia.com/gpu" => gpu.then_some(v.gpu_count as i64),
            },
        },
        "securityContext" => container_security(v),
        "volumeMounts" => each(scratch_mounts(SPARK_SCRATCH)),
    };
    let mut out = String::with_capacity(1536);
    Docs::new(&mut out).doc(emap! {
        "apiVersion" => "v1",
        "kind" => "Pod",
        "metadata" => emap! {
            "labels" => labels_role(v, component, Some(role)),
            // Executors and batch drivers are not services: no probes, on purpose.
            "annotations" => emap! { "kube-score/ignore" => "pod-probes" },
        },
        "spec" => emap! {
            "serviceAccountName" => v.name("spark"),
            "automountServiceAccountToken" => role == "driver",
            "securityContext" => pod_security(v),
            "containers" => eseq![ctr],
            "volumes" => each(spark_scratch_volumes()),
            "nodeSelector" => gpu.then(|| emap! { "nvidia.com/gpu.present" => "true" }),
            "tolerations" => gpu.then(|| eseq![
                emap! { "key" => "nvidia.com/gpu", "operator" => "Exists", "effect" => "NoSchedule" },
            ]),
        },
    });
    out
}

pub fn defaults_name(v: &ValidConfig) -> String {
    v.name("spark-defaults")
}

pub fn templates_name(v: &ValidConfig) -> String {
    v.name("pod-templates")
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let mut props = spark_conf::raw(v);
    props.push((
        "spark.kubernetes.executor.podTemplateContainerName",
        "executor".into(),
    ));
    props.push((
        "spark.kubernetes.driver.podTemplateContainerName",
        "driver".into(),
    ));
    d.doc(config_map(
        v,
        defaults_name(v),
        "spark-config",
        emap! { "spark-defaults.conf" => spark_conf::to_properties(&props) },
    ));
    if v.k8s_executors() {
        d.doc(config_map(
            v,
            templates_name(v),
            "spark-config",
            emap! {
                "driver.yaml" => pod_template(v, "driver"),
                "executor.yaml" => pod_template(v, "executor"),
            },
        ));
    }
}
