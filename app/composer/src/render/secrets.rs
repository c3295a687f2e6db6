//! Credentials: referenced by name. Existing Secrets render nothing; External Secrets render
//! ExternalSecret objects; inline credentials render a Secret (and a warning).

use super::blocks::meta;
use crate::choices::SecretsMode;
use crate::emap;
use crate::model::ValidConfig;
use crate::yaml::Docs;
use crate::yaml::emit::each;

/// A Secret the bundle expects: name, keys, what it is for.
pub struct NeededSecret {
    pub name: String,
    pub keys: &'static [&'static str],
    pub purpose: &'static str,
}

pub fn postgres_secret(v: &ValidConfig) -> String {
    v.name("postgresql-credentials")
}

pub fn needed(v: &ValidConfig) -> Vec<NeededSecret> {
    let c = v.choices();
    let mut out = Vec::new();
    if v.storage() {
        out.push(NeededSecret {
            name: c.s3.secret_name.clone(),
            keys: &["access-key", "secret-key"],
            purpose: "S3 / MinIO credentials",
        });
    }
    if c.components.postgresql {
        out.push(NeededSecret {
            name: postgres_secret(v),
            keys: &[
                "postgres-password",
                "hive-password",
                "airflow-password",
                "mlflow-password",
            ],
            purpose: "PostgreSQL passwords",
        });
    }
    if c.components.airflow {
        out.push(NeededSecret {
            name: v.name("airflow"),
            keys: &["fernet-key", "webserver-secret-key"],
            purpose: "Airflow keys",
        });
    }
    if c.components.jupyter && v.connect() {
        out.push(NeededSecret {
            name: v.name("jupyter"),
            keys: &["token"],
            purpose: "Jupyter login token",
        });
    }
    out
}

pub fn render(v: &ValidConfig, d: &mut Docs) {
    let c = v.choices();
    for s in needed(v) {
        let name = &s.name;
        match c.features.secrets {
            SecretsMode::Existing => {}
            SecretsMode::External => d.doc(emap! {
                "apiVersion" => "external-secrets.io/v1",
                "kind" => "ExternalSecret",
                "metadata" => meta(v, name, "secrets"),
                "spec" => emap! {
                    "refreshInterval" => "1h",
                    "secretStoreRef" => emap! { "kind" => "SecretStore", "name" => &c.features.secret_store },
                    "target" => emap! { "name" => name, "creationPolicy" => "Owner" },
                    "data" => each(s.keys.iter().map(move |k| emap! {
                        "secretKey" => *k,
                        "remoteRef" => emap! { "key" => format!("{}/{}", v.ns(), name), "property" => *k },
                    })),
                },
            }),
            // Only the S3 keys have inline fields; the others stay references.
            SecretsMode::Inline if *name == c.s3.secret_name && v.storage() => d.doc(emap! {
                "apiVersion" => "v1",
                "kind" => "Secret",
                "metadata" => meta(v, name, "secrets"),
                "type" => "Opaque",
                "stringData" => emap! { "access-key" => &c.s3.access_key, "secret-key" => &c.s3.secret_key },
            }),
            SecretsMode::Inline => {}
        }
    }
}
