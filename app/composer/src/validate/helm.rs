//! What the upstream chart cannot do: said as info instead of emitted as if it worked.

use super::{ArgExt, Out};
use crate::choices::Exposure;
use crate::diag::Code;
use crate::model::ValidConfig;

pub fn check(v: &ValidConfig, out: &mut Out) {
    let c = v.choices();
    let chart = if v.is35() { "spark-3.5" } else { "spark-4.1" };
    if c.components.metastore {
        out.push(Code::MetastoreSchemaManual, "components.metastore");
    }
    if c.features.network_policies {
        out.push(Code::NetworkPoliciesUpstream, "features.network_policies");
    }
    if c.features.pdb {
        out.push(Code::PdbNotInChart, "features.pdb");
    }
    match c.features.exposure {
        Exposure::Ingress => {
            out.push(Code::ExposureNotInChart, "features.exposure")
                .a("chart", chart)
                .a("kind", "Ingress");
        }
        Exposure::Route if !v.is35() => {
            out.push(Code::ExposureNotInChart, "features.exposure")
                .a("chart", chart)
                .a("kind", "Route");
        }
        _ => {}
    }
    if v.is35() && c.components.jupyter && v.connect() {
        out.push(Code::JupyterNoAuth, "components.jupyter");
    }
    if c.components.celeborn {
        out.push(Code::CelebornEndpoints, "components.celeborn")
            .a("endpoints", crate::render::values::celeborn_endpoints(v));
    }
    for (on, name) in [
        (c.components.airflow, "Airflow"),
        (c.components.mlflow, "MLflow"),
    ] {
        if on {
            out.push(Code::NotInChart, "components")
                .a("component", name)
                .a("chart", chart);
        }
    }
    if v.standalone() {
        if v.is35() {
            out.push(Code::StandaloneMaster35, "backend");
        } else {
            out.push(Code::StandaloneMasterService, "backend")
                .a("service", crate::render::values::standalone_master(v));
        }
    }
}
