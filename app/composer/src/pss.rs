//! Our own Pod Security "restricted" checker over rendered objects (plus the hardening checks
//! the composer promises: read-only root, resources, pinned images). It runs in the browser too.

use crate::yaml::Y;

/// One finding: which object, which rule, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub object: String,
    pub rule: &'static str,
    pub detail: String,
}

/// What to check beyond the PSS restricted profile.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// OpenShift restricted-v2: no fixed runAsUser/runAsGroup/fsGroup.
    pub no_fixed_uid: bool,
    pub read_only_root: bool,
}

const ALLOWED_VOLUMES: &[&str] = &[
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

fn bool_at(y: Option<&Y>, key: &str) -> Option<bool> {
    match y.and_then(|y| y.get(key)) {
        Some(Y::Bool(b)) => Some(*b),
        _ => None,
    }
}

/// The Pod spec inside a workload object, if it has one.
pub fn pod_spec(doc: &Y) -> Option<&Y> {
    match doc.get("kind").and_then(Y::as_str)? {
        "Pod" => doc.get("spec"),
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" => {
            doc.get_path("spec.template.spec")
        }
        "CronJob" => doc.get_path("spec.jobTemplate.spec.template.spec"),
        _ => None,
    }
}

/// Checks one object; non-workloads yield nothing.
pub fn check(doc: &Y, opts: Options) -> Vec<Finding> {
    let Some(spec) = pod_spec(doc) else {
        return Vec::new();
    };
    let name = format!(
        "{}/{}",
        doc.get("kind").and_then(Y::as_str).unwrap_or("?"),
        doc.get_path("metadata.name")
            .and_then(Y::as_str)
            .unwrap_or("(template)")
    );
    let mut out = Vec::new();
    let mut bad = |rule: &'static str, detail: String| {
        out.push(Finding {
            object: name.clone(),
            rule,
            detail,
        })
    };
    for host in ["hostNetwork", "hostPID", "hostIPC"] {
        if bool_at(Some(spec), host) == Some(true) {
            bad("host-namespaces", host.to_string());
        }
    }
    if let Some(Y::Seq(vols)) = spec.get("volumes") {
        for vol in vols {
            if let Y::Map(m) = vol {
                for (k, _) in m {
                    if k != "name" && !ALLOWED_VOLUMES.contains(&k.as_ref()) {
                        bad("volume-types", k.to_string());
                    }
                }
            }
        }
    }
    let pod_ctx = spec.get("securityContext");
    let pod_non_root = bool_at(pod_ctx, "runAsNonRoot") == Some(true);
    let pod_seccomp = pod_ctx
        .and_then(|c| c.get_path("seccompProfile.type"))
        .and_then(Y::as_str);
    if opts.no_fixed_uid {
        for k in ["runAsUser", "runAsGroup", "fsGroup"] {
            if pod_ctx.and_then(|c| c.get(k)).is_some() {
                bad("openshift-fixed-uid", format!("pod {k}"));
            }
        }
    }
    if let Some(Y::Int(0)) = pod_ctx.and_then(|c| c.get("runAsUser")) {
        bad("run-as-non-root", "pod runAsUser 0".into());
    }
    let mut containers: Vec<&Y> = Vec::new();
    for key in ["initContainers", "containers"] {
        if let Some(Y::Seq(cs)) = spec.get(key) {
            containers.extend(cs.iter());
        }
    }
    if containers.is_empty() {
        bad("containers", "no containers".into());
    }
    for c in containers {
        let cname = c.get("name").and_then(Y::as_str).unwrap_or("?").to_string();
        let ctx = c.get("securityContext");
        if bool_at(ctx, "privileged") == Some(true) {
            bad("privileged", cname.clone());
        }
        if bool_at(ctx, "allowPrivilegeEscalation") != Some(false) {
            bad("allow-privilege-escalation", cname.clone());
        }
        if !(pod_non_root || bool_at(ctx, "runAsNonRoot") == Some(true))
            || bool_at(ctx, "runAsNonRoot") == Some(false)
        {
            bad("run-as-non-root", cname.clone());
        }
        if let Some(Y::Int(0)) = ctx.and_then(|x| x.get("runAsUser")) {
            bad("run-as-non-root", format!("{cname} runAsUser 0"));
        }
        if opts.no_fixed_uid && ctx.and_then(|x| x.get("runAsUser")).is_some() {
            bad("openshift-fixed-uid", format!("{cname} runAsUser"));
        }
        let seccomp = ctx
            .and_then(|x| x.get_path("seccompProfile.type"))
            .and_then(Y::as_str)
            .or(pod_seccomp);
        if !matches!(seccomp, Some("RuntimeDefault" | "Localhost")) {
            bad("seccomp", cname.clone());
        }
        let drop_all = matches!(ctx.and_then(|x| x.get_path("capabilities.drop")), Some(Y::Seq(d)) if d.iter().any(|x| x.as_str() == Some("ALL")));
        if !drop_all {
            bad("capabilities-drop-all", cname.clone());
        }
        if let Some(Y::Seq(add)) = ctx.and_then(|x| x.get_path("capabilities.add")) {
            for a in add {
                if a.as_str() != Some("NET_BIND_SERVICE") {
                    bad(
                        "capabilities-add",
                        format!("{cname} {}", a.as_str().unwrap_or("?")),
                    );
                }
            }
        }
        if opts.read_only_root && bool_at(ctx, "readOnlyRootFilesystem") != Some(true) {
            bad("read-only-root", cname.clone());
        }
        if let Some(Y::Seq(ports)) = c.get("ports")
            && ports.iter().any(|p| p.get("hostPort").is_some())
        {
            bad("host-ports", cname.clone());
        }
        for part in ["requests", "limits"] {
            for res in ["cpu", "memory"] {
                if c.get("resources")
                    .and_then(|r| r.get(part))
                    .and_then(|r| r.get(res))
                    .is_none()
                {
                    bad("resources", format!("{cname} {part}.{res}"));
                }
            }
        }
        // Spark-created Pods take their image from Spark; templates have none.
        if let Some(img) = c.get("image").and_then(Y::as_str) {
            let tag = img
                .rsplit_once(':')
                .map(|(_, t)| t)
                .filter(|t| !t.contains('/'));
            if !img.contains('@') && !matches!(tag, Some(t) if !t.is_empty() && t != "latest") {
                bad("image-pinned", format!("{cname} {img}"));
            }
        }
    }
    out
}
