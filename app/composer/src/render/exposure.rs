//! Ingress or OpenShift Routes with TLS for the UIs.

use super::{meta, object};
use crate::choices::Exposure;
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

/// (host prefix, Service suffix) of every exposed UI.
fn uis(v: &ValidConfig) -> Vec<(&'static str, &'static str)> {
    let k = &v.choices().components;
    let mut out = Vec::new();
    if k.jupyter && v.connect() {
        out.push(("jupyter", "jupyter"));
    }
    if k.history {
        out.push(("history", "history-server"));
    }
    if v.connect() {
        out.push(("spark-ui", "connect"));
    }
    if k.airflow {
        out.push(("airflow", "airflow-webserver"));
    }
    if k.mlflow {
        out.push(("mlflow", "mlflow"));
    }
    out
}

/// The Service port each UI is served on.
fn port_name(svc: &str) -> &'static str {
    if svc == "connect" { "ui" } else { "http" }
}

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let c = v.choices();
    let domain = &c.features.domain;
    let uis = uis(v);
    if uis.is_empty() {
        return Vec::new();
    }
    match c.features.exposure {
        Exposure::None => Vec::new(),
        Exposure::Ingress => {
            let rules = uis
                .iter()
                .map(|(host, svc)| {
                    ymap! {
                        "host" => format!("{host}.{domain}"),
                        "http" => ymap! { "paths" => yseq![ymap! {
                            "path" => "/",
                            "pathType" => "Prefix",
                            "backend" => ymap! { "service" => ymap! { "name" => v.name(svc), "port" => ymap! { "name" => port_name(svc) } } },
                        }] },
                    }
                })
                .collect();
            let mut spec = ymap! { "rules" => Y::Seq(rules) };
            if c.features.tls {
                spec.set(
                    "tls",
                    yseq![ymap! {
                        "hosts" => Y::Seq(uis.iter().map(|(h, _)| Y::from(format!("{h}.{domain}"))).collect()),
                        "secretName" => v.name("tls"),
                    }],
                );
            }
            vec![object("networking.k8s.io/v1", "Ingress", meta(v, v.name("ui"), "exposure")).with("spec", spec)]
        }
        Exposure::Route => uis
            .iter()
            .map(|(host, svc)| {
                let mut spec = ymap! {
                    "host" => format!("{host}.{domain}"),
                    "to" => ymap! { "kind" => "Service", "name" => v.name(svc), "weight" => 100i64 },
                    "port" => ymap! { "targetPort" => port_name(svc) },
                    "wildcardPolicy" => "None",
                };
                if c.features.tls {
                    spec.set("tls", ymap! { "termination" => "edge", "insecureEdgeTerminationPolicy" => "Redirect" });
                }
                object("route.openshift.io/v1", "Route", meta(v, v.name(svc), "exposure")).with("spec", spec)
            })
            .collect(),
    }
}
