//! MinIO in the namespace, plus a Job that creates the buckets and the event-log prefix.

use super::blocks::{
    container, deployment, env, http_probe, labels, meta, mount, pod_security, pod_spec, port, pvc,
    resources, s3_creds, scratch_mounts, scratch_volumes, service, service_resources,
};
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::ABSENT;
use crate::{emap, eseq};

pub const IMAGE: &str = "quay.io/minio/minio:RELEASE.2024-01-01T16-36-33Z";

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp")];

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

/// The script that creates the buckets and the event-log prefixes.
fn script(v: &ValidConfig, name: &str) -> String {
    let c = v.choices();
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
    script.push_str(name);
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
    script
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let name = &v.name("minio");
    let data = &v.name("minio-data");
    let ctr = container(
        v,
        "minio",
        IMAGE,
        eseq![port("api", 9000), port("console", 9001)],
        eseq![
            ..s3_creds(v, "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"),
            env("HOME", "/tmp"),
        ],
        eseq![..scratch_mounts(SCRATCH), mount("data", "/data", false)],
        service_resources(v, "minio"),
        emap! {
            "args" => eseq!["server", "/data", "--console-address", ":9001"],
            "readinessProbe" => http_probe("/minio/health/ready", "api", 10, 10),
            "livenessProbe" => http_probe("/minio/health/live", "api", 30, 30),
        },
    );
    let volumes = eseq![
        ..scratch_volumes(SCRATCH),
        emap! { "name" => "data", "persistentVolumeClaim" => emap! { "claimName" => data } },
    ];
    let job_ctr = container(
        v,
        "buckets",
        IMAGE,
        ABSENT,
        eseq![
            ..s3_creds(v, "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"),
            env("HOME", "/tmp"),
            env("MC_CONFIG_DIR", "/tmp/.mc"),
        ],
        eseq![..scratch_mounts(SCRATCH)],
        resources(50, 64, 200, 256),
        emap! { "command" => eseq!["/bin/sh", "-c", script(v, name)] },
    );
    let job_spec = emap! {
        "serviceAccountName" => v.name("workload"),
        "automountServiceAccountToken" => false,
        "restartPolicy" => "OnFailure",
        "securityContext" => pod_security(v),
        "containers" => eseq![job_ctr],
        "volumes" => eseq![..scratch_volumes(SCRATCH)],
    };
    d.doc(pvc(v, data, "minio", "20Gi"));
    d.doc(deployment(
        v,
        name,
        "minio",
        None,
        1,
        pod_spec(v, false, eseq![ctr], volumes),
    ));
    d.doc(service(
        v,
        name,
        "minio",
        &[("api", 9000), ("console", 9001)],
        false,
    ));
    d.doc(emap! {
        "apiVersion" => "batch/v1",
        "kind" => "Job",
        "metadata" => meta(v, v.name("minio-buckets"), "minio-buckets"),
        "spec" => emap! {
            "backoffLimit" => 10i64,
            "ttlSecondsAfterFinished" => 86400i64,
            "template" => emap! {
                "metadata" => emap! { "labels" => labels(v, "minio-buckets") },
                "spec" => job_spec,
            },
        },
    });
}
