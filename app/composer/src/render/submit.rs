//! Batch entry points: a suspended spark-submit Job (submit backend) or a SparkApplication
//! (operator backend) that runs SparkPi, as a smoke test and a template for real jobs.

use super::blocks::{
    container, container_security, env, labels, labels_role, meta, pod_security, resources, s3_env,
    scratch_mounts, scratch_volumes,
};
use super::connect::{conf_mounts, conf_volumes};
use super::spark_config::{SPARK_SCRATCH, spark_scratch_volumes};
use crate::choices::Backend;
use crate::model::{PodSize, ValidConfig};
use crate::quantity::spark as mem;
use crate::yaml::emit::{ABSENT, Emit, Entries, each, map};
use crate::yaml::{Docs, Text};
use crate::{emap, eseq};

fn examples_jar(v: &ValidConfig) -> String {
    let tag = &v.choices().identity.spark_tag;
    let version: String = tag
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    format!(
        "local:///opt/spark/examples/jars/spark-examples_{}-{}.jar",
        v.scala(),
        version.trim_end_matches('.')
    )
}

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp")];

fn submit_job(v: &ValidConfig) -> impl Emit {
    let ctr = container(
        v,
        "spark-submit",
        v.spark_image(),
        ABSENT,
        eseq![env("HOME", "/tmp")],
        eseq![..conf_mounts(v), ..scratch_mounts(SCRATCH)],
        resources(100, 512, 500, 1024),
        emap! {
            "command" => eseq![
                "/opt/spark/bin/spark-submit",
                "--properties-file",
                "/opt/spark/conf-ro/spark-defaults.conf",
                "--deploy-mode",
                "cluster",
                "--name",
                "spark-pi",
                "--class",
                "org.apache.spark.examples.SparkPi",
                examples_jar(v),
                "100",
            ],
        },
    );
    let spec = emap! {
        "serviceAccountName" => v.name("spark"),
        "automountServiceAccountToken" => true,
        "restartPolicy" => "Never",
        "securityContext" => pod_security(v),
        "containers" => eseq![ctr],
        "volumes" => eseq![..conf_volumes(v), ..scratch_volumes(SCRATCH)],
    };
    emap! {
        "apiVersion" => "batch/v1",
        "kind" => "Job",
        "metadata" => meta(v, v.name("spark-pi"), "spark-submit"),
        "spec" => emap! {
            // Suspended: resume it to run the smoke test (see README).
            "suspend" => true,
            "backoffLimit" => 0i64,
            "ttlSecondsAfterFinished" => 86400i64,
            "template" => emap! { "metadata" => emap! { "labels" => labels(v, "spark-submit") }, "spec" => spec },
        },
    }
}

/// The driver or executor section of a SparkApplication; `rest` comes last.
fn role<'a>(
    v: &'a ValidConfig,
    r: &'static str,
    component: &'static str,
    size: &'a PodSize,
    rest: impl Entries + 'a,
) -> impl Emit + 'a {
    emap! {
        "cores" => size.cores as i64,
        "coreLimit" => (size.cores * 2).to_string(),
        "memory" => mem(size.memory_mib),
        "memoryOverhead" => mem(size.overhead_mib),
        "labels" => labels_role(v, component, Some(r)),
        "serviceAccount" => v.name("spark"),
        "podSecurityContext" => pod_security(v),
        "securityContext" => container_security(v),
        "volumeMounts" => each(scratch_mounts(SPARK_SCRATCH)),
        "env" => v.storage().then(|| each(s3_env(v))),
        ..rest,
    }
}

fn spark_application(v: &ValidConfig) -> impl Emit {
    let c = v.choices();
    let dynamic = c.features.dynamic_allocation;
    let gpu = c.features.gpu;
    emap! {
        "apiVersion" => "sparkoperator.k8s.io/v1beta2",
        "kind" => "SparkApplication",
        "metadata" => meta(v, v.name("spark-pi"), "spark-application"),
        "spec" => emap! {
            "type" => "Scala",
            "mode" => "cluster",
            "image" => v.spark_image(),
            "imagePullPolicy" => "IfNotPresent",
            "mainClass" => "org.apache.spark.examples.SparkPi",
            "mainApplicationFile" => examples_jar(v),
            "arguments" => eseq!["100"],
            "sparkVersion" => c.identity.spark_tag.chars().take_while(|ch| ch.is_ascii_digit() || *ch == '.').collect::<String>(),
            "sparkConf" => map(|m| {
                for (k, val) in super::spark_conf::raw(v) {
                    if k.starts_with("spark.hadoop.")
                        || k.starts_with("spark.eventLog.")
                        || k.starts_with("spark.sql.")
                    {
                        m.entry(Text::from(k), val);
                    }
                }
            }),
            "dynamicAllocation" => emap! {
                "enabled" => dynamic,
                "minExecutors" => dynamic.then_some(v.executor_min as i64),
                "maxExecutors" => dynamic.then_some(v.executor_max as i64),
            },
            "volumes" => each(spark_scratch_volumes()),
            "driver" => role(v, "driver", "spark-driver", &v.driver, emap! {}),
            "executor" => role(v, "executor", "spark-executor", &v.executor, emap! {
                "instances" => v.executor_min.max(1) as i64,
                "gpu" => gpu.then(|| emap! { "name" => "nvidia.com/gpu", "quantity" => v.gpu_count as i64 }),
            }),
            "restartPolicy" => emap! { "type" => "Never" },
        },
    }
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    match v.choices().backend {
        Backend::SubmitK8s => d.doc(submit_job(v)),
        Backend::Operator => d.doc(spark_application(v)),
        _ => {}
    }
}
