//! MinIO in the namespace, plus a Job that creates the buckets and the event-log prefix.

use super::{
    container, deployment, env, env_secret, http_probe, meta, object, pod_security, port, pvc,
    scratch, service, service_resources,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

pub const IMAGE: &str = "quay.io/minio/minio:RELEASE.2024-01-01T16-36-33Z";

/// Single-quotes a word for sh.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// (bucket, prefix) of an s3a:// path.
pub fn split_s3(path: &str) -> Option<(String, String)> {
    let rest = path.strip_prefix("s3a://")?;
    let (b, p) = rest.split_once('/').unwrap_or((rest, ""));
    Some((b.to_string(), p.trim_end_matches('/').to_string()))
}

fn creds(v: &ValidConfig, user: &'static str, pass: &'static str) -> Vec<Y> {
    let s = &v.choices().s3.secret_name;
    vec![
        env_secret(user, s, "access-key"),
        env_secret(pass, s, "secret-key"),
    ]
}

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let c = v.choices();
    let name = v.name("minio");
    let data = v.name("minio-data");
    let (mut vols, mut mounts) = scratch(&[("tmp", "/tmp")]);
    vols.push(
        ymap! { "name" => "data", "persistentVolumeClaim" => ymap! { "claimName" => &data } },
    );
    mounts.push(ymap! { "name" => "data", "mountPath" => "/data" });
    let mut envs = creds(v, "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD");
    envs.push(env("HOME", "/tmp"));
    let mut ctr = container(
        v,
        "minio",
        IMAGE,
        vec![port("api", 9000), port("console", 9001)],
        envs,
        mounts,
        service_resources(v, "minio"),
    );
    ctr.set(
        "args",
        yseq!["server", "/data", "--console-address", ":9001"],
    );
    ctr.set(
        "readinessProbe",
        http_probe("/minio/health/ready", "api", 10, 10),
    );
    ctr.set(
        "livenessProbe",
        http_probe("/minio/health/live", "api", 30, 30),
    );

    let mut buckets = vec![c.s3.warehouse_bucket.clone(), c.s3.logs_bucket.clone()];
    let mut keep = Vec::new();
    for dir in [&c.s3.event_log_dir, &c.s3.history_log_dir] {
        if let Some((b, p)) = split_s3(dir) {
            if super::super::validate::bucket_ok(&b) && !buckets.contains(&b) {
                buckets.push(b.clone());
            }
            if !p.is_empty() {
                keep.push(format!("{b}/{p}/.keep"));
            }
        }
    }
    let mut script = String::from("set -eu\nmc alias set local \"http://");
    script.push_str(&name);
    script.push_str(":9000\" \"$MINIO_ROOT_USER\" \"$MINIO_ROOT_PASSWORD\"\n");
    for b in &buckets {
        script.push_str(&format!(
            "mc mb --ignore-existing {}\n",
            sh_quote(&format!("local/{b}"))
        ));
    }
    // History Server and drivers fail when the event-log prefix does not exist yet.
    for k in &keep {
        script.push_str(&format!(
            "printf '' | mc pipe {}\n",
            sh_quote(&format!("local/{k}"))
        ));
    }
    let mut job_envs = creds(v, "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD");
    job_envs.push(env("HOME", "/tmp"));
    job_envs.push(env("MC_CONFIG_DIR", "/tmp/.mc"));
    let (jv, jm) = scratch(&[("tmp", "/tmp")]);
    let mut job_ctr = container(
        v,
        "buckets",
        IMAGE,
        vec![],
        job_envs,
        jm,
        super::resources(50, 64, 200, 256),
    );
    job_ctr.set("command", yseq!["/bin/sh", "-c", script]);
    let job_spec = ymap! {
        "serviceAccountName" => v.name("workload"),
        "automountServiceAccountToken" => false,
        "restartPolicy" => "OnFailure",
        "securityContext" => pod_security(v),
        "containers" => yseq![job_ctr],
        "volumes" => Y::Seq(jv),
    };
    vec![
        pvc(v, &data, "minio", "20Gi"),
        deployment(v, &name, "minio", 1, super::pod_spec(v, false, vec![ctr], vols)),
        service(v, &name, "minio", &[("api", 9000), ("console", 9001)], false),
        object("batch/v1", "Job", meta(v, v.name("minio-buckets"), "minio-buckets")).with(
            "spec",
            ymap! {
                "backoffLimit" => 10i64,
                "ttlSecondsAfterFinished" => 86400i64,
                "template" => ymap! { "metadata" => ymap! { "labels" => super::labels(v, "minio-buckets") }, "spec" => job_spec },
            },
        ),
    ]
}
