//! Referential integrity of every bundle: what one object names, another provides. Services
//! select Pods, Ingress/Route backends and ports exist, ConfigMaps, PVCs and ServiceAccounts that
//! Pods mount or use are in the bundle, and custom resources (which kubernetes-validate cannot
//! check) have the fields their operators require.

use composer::render::Manifest;
use composer::yaml::Y;
use composer::{compose, presets, sample};

fn s<'a>(y: &'a Y, path: &str) -> &'a str {
    y.get_path(path).and_then(Y::as_str).unwrap_or("")
}

fn seq(y: Option<&Y>) -> &[Y] {
    match y {
        Some(Y::Seq(v)) => v,
        _ => &[],
    }
}

fn find<'a>(ms: &'a [Manifest], kind: &str, name: &str) -> Option<&'a Manifest> {
    ms.iter().find(|m| m.kind() == kind && m.name() == name)
}

/// Does `labels` contain every pair of `selector`?
fn selects(selector: &Y, labels: &Y) -> bool {
    match selector {
        Y::Map(m) => m.iter().all(|(k, v)| labels.get(k) == Some(v)),
        _ => false,
    }
}

fn check(name: &str, comp: &composer::Composition) {
    let ms = &comp.manifests();
    let workloads: Vec<&Manifest> = ms
        .iter()
        .filter(|m| composer::pss::pod_spec(&m.doc).is_some())
        .collect();
    let pod_labels = |m: &Manifest| {
        m.doc
            .get_path("spec.template.metadata.labels")
            .cloned()
            .unwrap_or(Y::Null)
    };
    for m in ms {
        let ctx = format!("{name}: {} {}", m.kind(), m.name());
        match m.kind() {
            "Service" => {
                let sel = m.doc.get_path("spec.selector").cloned().unwrap_or(Y::Null);
                let target = workloads.iter().find(|w| selects(&sel, &pod_labels(w)));
                let target = target.unwrap_or_else(|| panic!("{ctx}: selects no Pods"));
                let ports: Vec<&str> =
                    seq(composer::pss::pod_spec(&target.doc).and_then(|p| p.get("containers")))
                        .iter()
                        .flat_map(|c| seq(c.get("ports")).iter().map(|p| s(p, "name")))
                        .collect();
                for p in seq(m.doc.get_path("spec.ports")) {
                    assert!(
                        ports.contains(&s(p, "targetPort")),
                        "{ctx}: targetPort {} is not a container port",
                        s(p, "targetPort")
                    );
                }
            }
            "Ingress" => {
                for r in seq(m.doc.get_path("spec.rules")) {
                    for p in seq(r.get_path("http.paths")) {
                        let svc = s(p, "backend.service.name");
                        let port = s(p, "backend.service.port.name");
                        let svc = find(ms, "Service", svc)
                            .unwrap_or_else(|| panic!("{ctx}: no Service {svc}"));
                        assert!(
                            seq(svc.doc.get_path("spec.ports"))
                                .iter()
                                .any(|x| s(x, "name") == port),
                            "{ctx}: no port {port}"
                        );
                    }
                }
            }
            "Route" => {
                let svc = s(&m.doc, "spec.to.name");
                let port = s(&m.doc, "spec.port.targetPort");
                let svc =
                    find(ms, "Service", svc).unwrap_or_else(|| panic!("{ctx}: no Service {svc}"));
                assert!(
                    seq(svc.doc.get_path("spec.ports"))
                        .iter()
                        .any(|x| s(x, "name") == port),
                    "{ctx}: no port {port}"
                );
                assert_eq!(s(&m.doc, "spec.to.kind"), "Service", "{ctx}");
            }
            "PrometheusRule" => {
                let rules: Vec<&Y> = seq(m.doc.get_path("spec.groups"))
                    .iter()
                    .flat_map(|g| seq(g.get("rules")).iter())
                    .collect();
                assert!(!rules.is_empty(), "{ctx}: no rules");
                for r in rules {
                    for f in [
                        "alert",
                        "expr",
                        "labels.severity",
                        "annotations.summary",
                        "annotations.runbook_url",
                    ] {
                        assert!(!s(r, f).is_empty(), "{ctx}: rule without {f}");
                    }
                    let known = composer::alert_catalog()
                        .iter()
                        .any(|a| a.name == s(r, "alert"));
                    assert!(known, "{ctx}: {} is not in the catalogue", s(r, "alert"));
                    assert!(
                        s(r, "annotations.runbook_url").contains("/en/runbooks/"),
                        "{ctx}"
                    );
                }
            }
            "ServiceMonitor" | "PodMonitor" => {
                let sel = m
                    .doc
                    .get_path("spec.selector.matchLabels")
                    .cloned()
                    .unwrap_or(Y::Null);
                let eps = if m.kind() == "ServiceMonitor" {
                    "spec.endpoints"
                } else {
                    "spec.podMetricsEndpoints"
                };
                assert!(!seq(m.doc.get_path(eps)).is_empty(), "{ctx}: no endpoints");
                if m.kind() == "ServiceMonitor" {
                    assert!(
                        ms.iter().any(|x| x.kind() == "Service"
                            && selects(
                                &sel,
                                x.doc.get_path("metadata.labels").unwrap_or(&Y::Null)
                            )),
                        "{ctx}: selects no Service"
                    );
                }
            }
            "ExternalSecret" => {
                for f in ["spec.secretStoreRef.name", "spec.target.name"] {
                    assert!(!s(&m.doc, f).is_empty(), "{ctx}: no {f}");
                }
                for d in seq(m.doc.get_path("spec.data")) {
                    assert!(
                        !s(d, "secretKey").is_empty() && !s(d, "remoteRef.key").is_empty(),
                        "{ctx}"
                    );
                }
            }
            "SparkApplication" => {
                for f in [
                    "spec.type",
                    "spec.mode",
                    "spec.image",
                    "spec.mainApplicationFile",
                    "spec.sparkVersion",
                    "spec.driver.serviceAccount",
                ] {
                    assert!(!s(&m.doc, f).is_empty(), "{ctx}: no {f}");
                }
                let sa = s(&m.doc, "spec.driver.serviceAccount");
                assert!(
                    find(ms, "ServiceAccount", sa).is_some(),
                    "{ctx}: no ServiceAccount {sa}"
                );
            }
            "RoleBinding" => {
                let role = s(&m.doc, "roleRef.name");
                assert!(find(ms, "Role", role).is_some(), "{ctx}: no Role {role}");
                for subj in seq(m.doc.get("subjects")) {
                    assert!(
                        find(ms, "ServiceAccount", s(subj, "name")).is_some(),
                        "{ctx}: no ServiceAccount {}",
                        s(subj, "name")
                    );
                }
            }
            "PodDisruptionBudget" => {
                let sel = m
                    .doc
                    .get_path("spec.selector.matchLabels")
                    .cloned()
                    .unwrap_or(Y::Null);
                assert!(
                    workloads.iter().any(|w| selects(&sel, &pod_labels(w))),
                    "{ctx}: selects no Pods"
                );
            }
            _ => {}
        }
        if let Some(spec) = composer::pss::pod_spec(&m.doc) {
            let sa = s(spec, "serviceAccountName");
            assert!(
                find(ms, "ServiceAccount", sa).is_some(),
                "{ctx}: no ServiceAccount {sa}"
            );
            let claims: Vec<&str> = seq(spec.get("volumes"))
                .iter()
                .map(|v| s(v, "persistentVolumeClaim.claimName"))
                .filter(|c| !c.is_empty())
                .collect();
            for c in claims {
                assert!(
                    find(ms, "PersistentVolumeClaim", c).is_some(),
                    "{ctx}: no PVC {c}"
                );
            }
            for v in seq(spec.get("volumes")) {
                let cm = s(v, "configMap.name");
                if !cm.is_empty() {
                    assert!(
                        find(ms, "ConfigMap", cm).is_some(),
                        "{ctx}: no ConfigMap {cm}"
                    );
                }
            }
            // Every mount has its volume (or a volumeClaimTemplate).
            let mut vols: Vec<&str> = seq(spec.get("volumes"))
                .iter()
                .map(|v| s(v, "name"))
                .collect();
            vols.extend(
                seq(m.doc.get_path("spec.volumeClaimTemplates"))
                    .iter()
                    .map(|t| s(t, "metadata.name")),
            );
            for c in seq(spec.get("containers"))
                .iter()
                .chain(seq(spec.get("initContainers")))
            {
                for mnt in seq(c.get("volumeMounts")) {
                    assert!(
                        vols.contains(&s(mnt, "name")),
                        "{ctx}: mount {} has no volume",
                        s(mnt, "name")
                    );
                }
            }
        }
    }
}

#[test]
fn every_bundle_is_wired_up() {
    // The presets exercise each branch above.
    let kinds: Vec<String> = presets()
        .iter()
        .flat_map(|p| {
            compose(p.id, &p.choices())
                .manifests()
                .into_iter()
                .map(|m| m.kind().to_string())
        })
        .collect();
    for k in [
        "Service",
        "Ingress",
        "Route",
        "PrometheusRule",
        "ServiceMonitor",
        "PodMonitor",
        "ExternalSecret",
        "SparkApplication",
        "RoleBinding",
        "PodDisruptionBudget",
    ] {
        assert!(kinds.iter().any(|x| x == k), "no preset renders a {k}");
    }
    for p in presets() {
        check(p.id, &compose(p.id, &p.choices()));
    }
    for seed in 0..120 {
        check(
            &format!("sample {seed}"),
            &compose("", &sample::random_choices(seed, 0)),
        );
    }
}
