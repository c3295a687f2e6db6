//! MLflow tracking server: runs in PostgreSQL, artifacts in S3.

use super::blocks::{
    container, deployment, env, env_secret, http_probe, pod_spec, port, s3_env, scratch_mounts,
    scratch_volumes, service, service_resources,
};
use super::secrets::postgres_secret;
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::{emap, eseq};

const SCRATCH: &[(&str, &str)] = &[("tmp", "/tmp")];

/// The image must include psycopg2 and boto3 (the stock image does not ship psycopg2).
pub fn image(v: &ValidConfig) -> String {
    format!("{}/spark-k8s-mlflow:2.17.2", v.choices().identity.registry)
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let c = v.choices();
    let name = &v.name("mlflow");
    let ctr = container(
        v,
        "mlflow",
        image(v),
        eseq![port("http", 5000)],
        eseq![
            env_secret("MLFLOW_DB_PASSWORD", postgres_secret(v), "mlflow-password"),
            env("MLFLOW_S3_ENDPOINT_URL", v.s3_endpoint()),
            env("HOME", "/tmp"),
            ..s3_env(v),
        ],
        eseq![..scratch_mounts(SCRATCH)],
        service_resources(v, "mlflow"),
        emap! {
            "command" => eseq![
                "mlflow",
                "server",
                "--host",
                "0.0.0.0",
                "--port",
                "5000",
                "--backend-store-uri",
                format!(
                    "postgresql://mlflow:$(MLFLOW_DB_PASSWORD)@{}:5432/mlflow",
                    v.name("postgresql")
                ),
                "--artifacts-destination",
                format!("s3://{}/mlflow", c.s3.warehouse_bucket),
            ],
            "readinessProbe" => http_probe("/health", "http", 20, 10),
            "livenessProbe" => http_probe("/health", "http", 60, 30),
        },
    );
    let volumes = eseq![..scratch_volumes(SCRATCH)];
    d.doc(deployment(
        v,
        name,
        "mlflow",
        None,
        1,
        pod_spec(v, false, eseq![ctr], volumes),
    ));
    d.doc(service(v, name, "mlflow", &[("http", 5000)], false));
}
