//! Ingress or OpenShift Routes with TLS for the UIs.

use super::blocks::meta;
use crate::choices::Exposure;
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::each;
use crate::{emap, eseq};

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

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let c = v.choices();
    let domain = &c.features.domain;
    let tls = c.features.tls;
    let uis = &uis(v);
    if uis.is_empty() {
        return;
    }
    match c.features.exposure {
        Exposure::None => {}
        Exposure::Ingress => {
            let rules = each(uis.iter().map(move |&(host, svc)| {
                emap! {
                    "host" => format!("{host}.{domain}"),
                    "http" => emap! { "paths" => eseq![emap! {
                        "path" => "/",
                        "pathType" => "Prefix",
                        "backend" => emap! { "service" => emap! { "name" => v.name(svc), "port" => emap! { "name" => port_name(svc) } } },
                    }] },
                }
            }));
            let hosts = each(uis.iter().map(move |(h, _)| format!("{h}.{domain}")));
            d.doc(emap! {
                "apiVersion" => "networking.k8s.io/v1",
                "kind" => "Ingress",
                "metadata" => meta(v, v.name("ui"), "exposure"),
                "spec" => emap! {
                    "rules" => rules,
                    "tls" => tls.then_some(eseq![emap! { "hosts" => hosts, "secretName" => v.name("tls") }]),
                },
            });
        }
        Exposure::Route => {
            for &(host, svc) in uis {
                d.doc(emap! {
                    "apiVersion" => "route.openshift.io/v1",
                    "kind" => "Route",
                    "metadata" => meta(v, v.name(svc), "exposure"),
                    "spec" => emap! {
                        "host" => format!("{host}.{domain}"),
                        "to" => emap! { "kind" => "Service", "name" => v.name(svc), "weight" => 100i64 },
                        "port" => emap! { "targetPort" => port_name(svc) },
                        "wildcardPolicy" => "None",
                        "tls" => tls.then_some(emap! { "termination" => "edge", "insecureEdgeTerminationPolicy" => "Redirect" }),
                    },
                });
            }
        }
    }
}
