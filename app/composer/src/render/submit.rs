//! Batch entry points: a suspended spark-submit Job (submit backend) or a SparkApplication
//! (operator backend) that runs SparkPi, as a smoke test and a template for real jobs.

use super::connect::conf_volumes;
use super::{
    container, container_security, labels, meta, object, pod_security, resources, scratch,
};
use crate::choices::Backend;
use crate::model::ValidConfig;
use crate::quantity::spark as mem;
use crate::yaml::Y;
use crate::{ymap, yseq};

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

fn submit_job(v: &ValidConfig) -> Y {
    let (mut vols, mut mounts) = conf_volumes(v);
    let (sv, sm) = scratch(&[("tmp", "/tmp")]);
    vols.extend(sv);
    mounts.extend(sm);
    let mut ctr = container(
        v,
        "spark-submit",
        v.spark_image(),
        vec![],
        vec![super::env("HOME", "/tmp")],
        mounts,
        resources(100, 512, 500, 1024),
    );
    ctr.set(
        "command",
        yseq![
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
    );
    let spec = ymap! {
        "serviceAccountName" => v.name("spark"),
        "automountServiceAccountToken" => true,
        "restartPolicy" => "Never",
        "securityContext" => pod_security(v),
        "containers" => yseq![ctr],
        "volumes" => Y::Seq(vols),
    };
    object("batch/v1", "Job", meta(v, v.name("spark-pi"), "spark-submit")).with(
        "spec",
        ymap! {
            // Suspended: resume it to run the smoke test (see README).
            "suspend" => true,
            "backoffLimit" => 0i64,
            "ttlSecondsAfterFinished" => 86400i64,
            "template" => ymap! { "metadata" => ymap! { "labels" => labels(v, "spark-submit") }, "spec" => spec },
        },
    )
}

fn spark_application(v: &ValidConfig) -> Y {
    let c = v.choices();
    let pod_ctx = pod_security(v);
    let ctr_ctx = container_security(v);
    let mut dyn_alloc = ymap! { "enabled" => c.features.dynamic_allocation };
    if c.features.dynamic_allocation {
        dyn_alloc.set("minExecutors", Y::Int(v.executor_min as i64));
        dyn_alloc.set("maxExecutors", Y::Int(v.executor_max as i64));
    }
    let mut conf = Y::map();
    for (k, val) in super::spark_conf::raw(v) {
        if k.starts_with("spark.hadoop.")
            || k.starts_with("spark.eventLog.")
            || k.starts_with("spark.sql.")
        {
            conf.set(k, Y::from(val));
        }
    }
    let env_from_s3 = super::connect::s3_env(v);
    let volume = yseq![
        ymap! { "name" => "tmp", "emptyDir" => ymap! { "sizeLimit" => "4Gi" } },
        ymap! { "name" => "work-dir", "emptyDir" => ymap! { "sizeLimit" => "4Gi" } },
    ];
    let vm = yseq![
        ymap! { "name" => "tmp", "mountPath" => "/tmp" },
        ymap! { "name" => "work-dir", "mountPath" => "/opt/spark/work-dir" },
    ];
    let role = |r: &'static str, component: &'static str, size: &crate::model::PodSize| {
        let mut l = labels(v, component);
        l.set("spark-role", r.into());
        let mut y = ymap! {
            "cores" => Y::Int(size.cores as i64),
            "coreLimit" => (size.cores * 2).to_string(),
            "memory" => mem(size.memory_mib),
            "memoryOverhead" => mem(size.overhead_mib),
            "labels" => l,
            "serviceAccount" => v.name("spark"),
            "podSecurityContext" => pod_ctx.clone(),
            "securityContext" => ctr_ctx.clone(),
            "volumeMounts" => vm.clone(),
        };
        if !env_from_s3.is_empty() {
            y.set("env", Y::Seq(env_from_s3.clone()));
        }
        y
    };
    let mut executor = role("executor", "spark-executor", &v.executor);
    executor.set("instances", Y::Int(v.executor_min.max(1) as i64));
    if c.features.gpu {
        executor.set(
            "gpu",
            ymap! { "name" => "nvidia.com/gpu", "quantity" => Y::Int(v.gpu_count as i64) },
        );
    }
    object("sparkoperator.k8s.io/v1beta2", "SparkApplication", meta(v, v.name("spark-pi"), "spark-application")).with(
        "spec",
        ymap! {
            "type" => "Scala",
            "mode" => "cluster",
            "image" => v.spark_image(),
            "imagePullPolicy" => "IfNotPresent",
            "mainClass" => "org.apache.spark.examples.SparkPi",
            "mainApplicationFile" => examples_jar(v),
            "arguments" => yseq!["100"],
            "sparkVersion" => c.identity.spark_tag.chars().take_while(|ch| ch.is_ascii_digit() || *ch == '.').collect::<String>(),
            "sparkConf" => conf,
            "dynamicAllocation" => dyn_alloc,
            "volumes" => volume,
            "driver" => role("driver", "spark-driver", &v.driver),
            "executor" => executor,
            "restartPolicy" => ymap! { "type" => "Never" },
        },
    )
}

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    match v.choices().backend {
        Backend::SubmitK8s => vec![submit_job(v)],
        Backend::Operator => vec![spark_application(v)],
        _ => Vec::new(),
    }
}
