//! Credentials: referenced by name. Existing Secrets render nothing; External Secrets render
//! ExternalSecret objects; inline credentials render a Secret (and a warning).

use super::{meta, object};
use crate::choices::SecretsMode;
use crate::model::ValidConfig;
use crate::yaml::Y;
use crate::{ymap, yseq};

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

pub fn render(v: &ValidConfig, d: &mut crate::yaml::Docs) {
    super::put(d, trees(v));
}

fn trees(v: &ValidConfig) -> Vec<Y> {
    let c = v.choices();
    let mut out = Vec::new();
    for s in needed(v) {
        match c.features.secrets {
            SecretsMode::Existing => {}
            SecretsMode::External => {
                let data = s
                    .keys
                    .iter()
                    .map(|k| ymap! { "secretKey" => *k, "remoteRef" => ymap! { "key" => format!("{}/{}", v.ns(), s.name), "property" => *k } })
                    .collect();
                out.push(object("external-secrets.io/v1", "ExternalSecret", meta(v, &s.name, "secrets")).with(
                    "spec",
                    ymap! {
                        "refreshInterval" => "1h",
                        "secretStoreRef" => ymap! { "kind" => "SecretStore", "name" => &c.features.secret_store },
                        "target" => ymap! { "name" => &s.name, "creationPolicy" => "Owner" },
                        "data" => Y::Seq(data),
                    },
                ));
            }
            SecretsMode::Inline => {
                // Only the S3 keys have inline fields; the others stay references.
                if s.name == c.s3.secret_name && v.storage() {
                    out.push(
                        object("v1", "Secret", meta(v, &s.name, "secrets"))
                            .with("type", "Opaque")
                            .with("stringData", ymap! { "access-key" => &c.s3.access_key, "secret-key" => &c.s3.secret_key }),
                    );
                }
            }
        }
    }
    let _ = yseq![];
    out
}
