//! MLflow tracking server: runs in PostgreSQL, artifacts in S3.

use super::secrets::postgres_secret;
use super::{
    container, deployment, env, env_secret, http_probe, pod_spec, port, scratch, service,
    service_resources,
};
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::yseq;

/// The image must include psycopg2 and boto3 (the stock image does not ship psycopg2).
pub fn image(v: &ValidConfig) -> String {
    format!("{}/spark-k8s-mlflow:2.17.2", v.choices().identity.registry)
}

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let c = v.choices();
    let name = v.name("mlflow");
    let (vols, mounts) = scratch(&[("tmp", "/tmp")]);
    let mut envs = vec![
        env_secret("MLFLOW_DB_PASSWORD", postgres_secret(v), "mlflow-password"),
        env("MLFLOW_S3_ENDPOINT_URL", v.s3_endpoint()),
        env("HOME", "/tmp"),
    ];
    envs.extend(super::connect::s3_env(v));
    let mut ctr = container(
        v,
        "mlflow",
        image(v),
        vec![port("http", 5000)],
        envs,
        mounts,
        service_resources(v, "mlflow"),
    );
    ctr.set(
        "command",
        yseq![
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
    );
    ctr.set("readinessProbe", http_probe("/health", "http", 20, 10));
    ctr.set("livenessProbe", http_probe("/health", "http", 60, 30));
    vec![
        deployment(v, &name, "mlflow", 1, pod_spec(v, false, vec![ctr], vols)),
        service(v, &name, "mlflow", &[("http", 5000)], false),
    ]
}
