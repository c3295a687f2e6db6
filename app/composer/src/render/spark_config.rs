//! ConfigMaps for Spark: spark-defaults.conf and the driver/executor Pod templates. Executors are
//! created by the driver, so the template is the only way they get the restricted context.

use super::{container_security, labels, meta, object, pod_security, spark_conf};
use crate::model::ValidConfig;
use crate::quantity::k8s;
use crate::yaml::{self, Y};
use crate::{ymap, yseq};

/// A Pod template for Spark-created Pods (`role` = "driver" or "executor").
pub fn pod_template(v: &ValidConfig, role: &'static str) -> Y {
    let c = v.choices();
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
    let mut l = labels(v, component);
    l.set("spark-role", role.into());
    let mut limits = ymap! {
        "cpu" => (size.cores * 2).to_string(),
        "memory" => k8s(size.limit_mib.max(size.pod_mib)),
        "ephemeral-storage" => "8Gi",
    };
    if c.features.gpu && role == "executor" {
        limits.set("nvidia.com/gpu", Y::Int(v.gpu_count as i64));
    }
    let ctr = ymap! {
        "name" => role,
        "resources" => ymap! {
            "requests" => ymap! { "cpu" => size.cores.to_string(), "memory" => k8s(size.pod_mib), "ephemeral-storage" => "1Gi" },
            "limits" => limits,
        },
        "securityContext" => container_security(v),
        "volumeMounts" => yseq![
            ymap! { "name" => "tmp", "mountPath" => "/tmp" },
            ymap! { "name" => "work-dir", "mountPath" => "/opt/spark/work-dir" },
        ],
    };
    let mut spec = ymap! {
        "serviceAccountName" => v.name("spark"),
        "automountServiceAccountToken" => role == "driver",
        "securityContext" => pod_security(v),
        "containers" => yseq![ctr],
        "volumes" => yseq![
            ymap! { "name" => "tmp", "emptyDir" => ymap! { "sizeLimit" => "4Gi" } },
            ymap! { "name" => "work-dir", "emptyDir" => ymap! { "sizeLimit" => "4Gi" } },
        ],
    };
    if c.features.gpu && role == "executor" {
        spec.set("nodeSelector", ymap! { "nvidia.com/gpu.present" => "true" });
        spec.set(
            "tolerations",
            yseq![ymap! { "key" => "nvidia.com/gpu", "operator" => "Exists", "effect" => "NoSchedule" }],
        );
    }
    object(
        "v1",
        "Pod",
        ymap! {
            "labels" => l,
            // Executors and batch drivers are not services: no probes, on purpose.
            "annotations" => ymap! { "kube-score/ignore" => "pod-probes" },
        },
    )
    .with("spec", spec)
}

pub fn defaults_name(v: &ValidConfig) -> String {
    v.name("spark-defaults")
}

pub fn templates_name(v: &ValidConfig) -> String {
    v.name("pod-templates")
}

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let mut props = spark_conf::raw(v);
    props.push((
        "spark.kubernetes.executor.podTemplateContainerName",
        "executor".into(),
    ));
    props.push((
        "spark.kubernetes.driver.podTemplateContainerName",
        "driver".into(),
    ));
    let mut out = vec![
        object("v1", "ConfigMap", meta(v, defaults_name(v), "spark-config")).with(
            "data",
            ymap! { "spark-defaults.conf" => spark_conf::to_properties(&props) },
        ),
    ];
    if v.k8s_executors() {
        out.push(
            object(
                "v1",
                "ConfigMap",
                meta(v, templates_name(v), "spark-config"),
            )
            .with(
                "data",
                ymap! {
                    "driver.yaml" => yaml::to_string(&pod_template(v, "driver")),
                    "executor.yaml" => yaml::to_string(&pod_template(v, "executor")),
                },
            ),
        );
    }
    out
}
