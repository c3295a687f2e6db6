//! Commands: install.sh (raw manifests or Helm), kustomization.yaml and the bundle README.

use std::fmt::Write as _;

use super::minio::sh_quote;
use super::{secrets, values};
use crate::Lang;
use crate::choices::{Backend, SecretsMode};
use crate::diag::Diagnostic;
use crate::model::ValidConfig;
use crate::quantity::k8s;
use crate::yaml::emit::{Emit, each};
use crate::{emap, eseq};

/// `files` are the manifest files in apply order.
pub fn kustomization(files: &[&'static str]) -> impl Emit {
    emap! {
        "apiVersion" => "kustomize.config.k8s.io/v1beta1",
        "kind" => "Kustomization",
        "resources" => each(files.iter().copied()),
        "labels" => eseq![emap! { "pairs" => emap! { "app.kubernetes.io/part-of" => "spark-k8s" } }],
    }
}

/// Files the Helm path still applies from manifests/ because the chart cannot render them.
fn helm_extras(present: &[&str]) -> Vec<&'static str> {
    // Only label-agnostic objects: NetworkPolicies, PDBs, alerts, exposure, Airflow and MLflow
    // select the generated manifests' labels and names, which the charts do not use.
    ["secrets.yaml"]
        .into_iter()
        .filter(|f| present.contains(f))
        .collect()
}

pub fn install_sh(v: &ValidConfig, header: &str, present: &[&'static str]) -> String {
    let c = v.choices();
    let chart = values::chart_dir(v);
    let mut s = String::from("#!/usr/bin/env bash\n");
    s.push_str(header);
    s.push_str("#\n# Usage: ./install.sh [manifests|helm]\n#   manifests  apply the generated manifests with kubectl (default)\n#   helm       install the upstream charts with values.yaml, then the objects the charts cannot render\n# SPARK_K8S_CHARTS points at the charts/ folder of a spark_k8s checkout.\nset -euo pipefail\n\n");
    let _ = writeln!(
        s,
        "NAMESPACE={}\nRELEASE={}",
        sh_quote(v.ns()),
        sh_quote(v.release())
    );
    s.push_str("CHARTS=\"${SPARK_K8S_CHARTS:-./spark_k8s/charts}\"\nMODE=\"${1:-manifests}\"\ncd \"$(dirname \"$0\")\"\n\n");
    s.push_str("case \"$MODE\" in\n  manifests)\n");
    if c.components.operator {
        // The operator has no generated manifests: its chart brings the SparkApplication CRD,
        // which must exist before spark-jobs.yaml is applied.
        if c.identity.create_namespace {
            s.push_str("    kubectl apply -f manifests/namespace.yaml\n");
        }
        s.push_str("    helm upgrade --install \"$RELEASE-operator\" \"$CHARTS/spark-operator\" --namespace \"$NAMESPACE\" --set sparkJobNamespace=\"$NAMESPACE\"\n");
    }
    s.push_str("    kubectl apply -k manifests/\n");
    s.push_str("    kubectl -n \"$NAMESPACE\" wait --for=condition=Available deployment --all --timeout=10m\n");
    s.push_str("    ;;\n  helm)\n");
    if c.identity.create_namespace {
        s.push_str("    kubectl apply -f manifests/namespace.yaml\n");
    }
    if v.standalone() && !v.is35() {
        s.push_str("    helm upgrade --install \"$RELEASE-sa\" \"$CHARTS/spark-standalone\" --namespace \"$NAMESPACE\"\n");
    }
    if c.components.celeborn {
        s.push_str("    helm upgrade --install \"$RELEASE-celeborn\" \"$CHARTS/celeborn\" --namespace \"$NAMESPACE\"\n");
    }
    if c.components.operator {
        s.push_str("    helm upgrade --install \"$RELEASE-operator\" \"$CHARTS/spark-operator\" --namespace \"$NAMESPACE\" --set sparkJobNamespace=\"$NAMESPACE\"\n");
    }
    let _ = writeln!(s, "    helm dependency build \"$CHARTS/{chart}\"");
    let _ = writeln!(
        s,
        "    helm upgrade --install \"$RELEASE\" \"$CHARTS/{chart}\" --namespace \"$NAMESPACE\" --values values.yaml --wait --timeout 10m"
    );
    for f in helm_extras(present) {
        let _ = writeln!(s, "    kubectl apply -f manifests/{f}");
    }
    if c.components.metastore {
        s.push_str(
            "    # The chart's schema Job never renders: initialise the metastore schema once.\n",
        );
        s.push_str("    kubectl -n \"$NAMESPACE\" exec deploy/\"$RELEASE-hive-metastore\" -- schematool -dbType postgres -initOrUpgradeSchema\n");
    }
    s.push_str(
        "    ;;\n  *)\n    echo \"usage: $0 [manifests|helm]\" >&2\n    exit 2\n    ;;\nesac\n",
    );
    if c.backend == Backend::SubmitK8s || c.backend == Backend::Operator {
        s.push_str("\n# Smoke test: run SparkPi once.\n");
        if c.backend == Backend::SubmitK8s {
            s.push_str("# kubectl -n \"$NAMESPACE\" patch job \"$RELEASE-spark-pi\" --type merge -p '{\"spec\":{\"suspend\":false}}'\n");
        } else {
            s.push_str(
                "# kubectl -n \"$NAMESPACE\" get sparkapplication \"$RELEASE-spark-pi\" -w\n",
            );
        }
    }
    s
}

pub fn readme(
    v: &ValidConfig,
    preset: &str,
    link: &str,
    diags: &[Diagnostic],
    files: &[&'static str],
) -> String {
    let c = v.choices();
    let mut s = String::with_capacity(8192);
    let _ = writeln!(s, "# Spark on Kubernetes: {preset}\n");
    let _ = writeln!(
        s,
        "Generated by the spark_k8s composer {} for chart line {} (`{}`), backend `{}`, platform `{}`.\n",
        crate::VERSION,
        v.spark_version(),
        values::chart_dir(v),
        c.backend.as_str(),
        c.platform.as_str()
    );
    let _ = writeln!(s, "Share link: `{link}`\n");
    s.push_str(if v.ready() {
        "Status: **ready**.\n\n"
    } else {
        "Status: **not ready** — fix the errors below first.\n\n"
    });
    s.push_str("## Components\n\n");
    for comp in crate::components_of(c) {
        let _ = writeln!(s, "- {comp}");
    }
    s.push_str(
        "\n## Sizing\n\n| Pod | requests memory | limit memory | cores |\n|---|---|---|---|\n",
    );
    s.push_str(&sizing_rows(v));
    let _ = writeln!(
        s,
        "\nExecutor Pod memory = {} heap + {} overhead (factor {}, at least 384Mi) + {} PySpark memory.",
        k8s(v.executor.memory_mib),
        k8s(v.executor.overhead_mib),
        crate::quantity::factor_text(v.overhead_milli),
        k8s(v.executor.pyspark_mib)
    );
    if !diags.is_empty() {
        s.push_str("\n## Findings\n\n");
        for d in diags {
            let _ = writeln!(
                s,
                "- **{}** `{}` ({}): {}",
                d.severity.as_str(),
                d.code.as_str(),
                if d.path.is_empty() { "-" } else { d.path },
                d.text(Lang::En)
            );
        }
    }
    let needed = secrets::needed(v);
    if !needed.is_empty() {
        s.push_str("\n## Secrets\n\n");
        match c.features.secrets {
            SecretsMode::Existing => s.push_str("Create these Secrets before installing (values shown as placeholders):\n\n```bash\n"),
            SecretsMode::External => s.push_str(&format!(
                "ExternalSecret objects in manifests/secrets.yaml read them from the SecretStore `{}` (keys `<namespace>/<secret>`):\n\n```bash\n# For reference, the equivalent manual Secrets:\n",
                c.features.secret_store
            )),
            SecretsMode::Inline => s.push_str("S3 credentials are inline in manifests/secrets.yaml (not recommended). Other Secrets:\n\n```bash\n"),
        }
        for n in &needed {
            let _ = write!(
                s,
                "# {}\nkubectl -n {} create secret generic {}",
                n.purpose,
                v.ns(),
                n.name
            );
            for k in n.keys {
                let _ = write!(s, " --from-literal={k}=<{k}>");
            }
            s.push('\n');
        }
        s.push_str("```\n");
    }
    s.push_str("\n## Files\n\n- `values.yaml`: full Helm values for the upstream chart; `values-delta.yaml`: only what differs from the chart defaults.\n- `manifests/`: raw manifests (restricted Pod Security everywhere, including the executor Pod template) and `kustomization.yaml`.\n- `install.sh`: `./install.sh manifests` or `./install.sh helm`.\n\nThe Helm path installs the upstream charts (and the Secrets); NetworkPolicies, PDBs, alerts, Ingress/Routes, Airflow and MLflow select the generated manifests' labels and names, so they come with the manifests path.\n\n");
    for f in files {
        let _ = writeln!(s, "  - `manifests/{f}`");
    }
    if c.features.alerts {
        s.push_str("\n## Alerts\n\n");
        for a in super::prometheus_rule::emitted(v) {
            let _ = writeln!(
                s,
                "- {}: {}",
                a.name,
                crate::alerts::runbook_url(&c.site_url, a)
            );
        }
    }
    s
}

/// The rows of a sizing table (Pod, requests memory, limit memory, cores): the driver, the
/// executors when Spark starts them as Pods, and every long-running service. The bundle README
/// and the generated preset pages show the same table.
pub fn sizing_rows(v: &ValidConfig) -> String {
    let mut rows = format!(
        "| driver | {} | {} | {} |\n",
        k8s(v.driver.pod_mib),
        k8s(v.driver.limit_mib.max(v.driver.pod_mib)),
        v.driver.cores
    );
    if v.k8s_executors() {
        let _ = writeln!(
            rows,
            "| executor (× {}–{}) | {} | {} | {} |",
            v.executor_min,
            v.executor_max,
            k8s(v.executor.pod_mib),
            k8s(v.executor.limit_mib.max(v.executor.pod_mib)),
            v.executor.cores
        );
    }
    for svc in v.services() {
        let _ = writeln!(
            rows,
            "| {} (× {}) | {} | {} | {} |",
            svc.name,
            svc.replicas,
            k8s(svc.mem_req_mib),
            k8s(svc.mem_lim_mib),
            super::blocks::cpu(svc.cpu_req_milli)
        );
    }
    rows
}
