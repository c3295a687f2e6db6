//! Deterministic random choices for validators and tests (native only): each field gets either a
//! value from a pool of plausible ones or, sometimes, a hostile one.

use crate::choices::{Choices, FIELDS};

/// A small xorshift generator: reproducible across platforms, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// Plausible values per field (by path suffix), used by `random_choices`.
fn pool(path: &str) -> &'static [&'static str] {
    match path {
        "chart" => &["4.1", "3.5"],
        "backend" => &[
            "connect-k8s",
            "connect-standalone",
            "submit-k8s",
            "operator",
        ],
        "platform" => &["kubernetes", "openshift-restricted", "openshift-anyuid"],
        "components.storage" => &["minio", "external", "none"],
        "features.iceberg" => &["off", "hadoop", "hive", "rest"],
        "features.exposure" => &["none", "ingress", "route"],
        "features.secrets" => &["existing", "external-secrets", "inline"],
        "sizing.workload" => &["jvm", "python"],
        "identity.spark_tag" => &["4.1.0", "3.5.7", "4.1.0-gpu", "latest", ""],
        "identity.jupyter_tag" => &["4.1-4.1.0", "3.5-3.5.7"],
        "identity.namespace" | "identity.release" => {
            &["spark", "team-a", "data-platform", "Bad_Name", "x"]
        }
        "features.iceberg_rest_uri" => &["", "https://catalog.example.com/api", "http://rest:8181"],
        "s3.endpoint" => &[
            "https://s3.example.com",
            "http://minio.storage:9000",
            "not a url",
        ],
        "features.gpu_count" => &["1", "2", "0"],
        "features.run_as_user" => &["185", "1000000000", "0"],
        "sizing.driver_cores" | "sizing.executor_cores" => &["1", "2", "4", "16"],
        "sizing.executor_min" => &["0", "1", "2", "50"],
        "sizing.executor_max" => &["1", "4", "10", "100"],
        "sizing.connect_replicas" => &["1", "2"],
        "sizing.node_cpu" => &["4", "8", "16", "64"],
        "sizing.quota_cpu" => &["0", "16", "200"],
        "sizing.overhead_factor" => &["", "0.1", "0.4", "0.25", "2"],
        "sizing.driver_memory" | "sizing.executor_memory" => {
            &["1Gi", "2Gi", "4Gi", "8Gi", "16Gi", "512Mi", "8gb"]
        }
        "sizing.driver_limit" | "sizing.executor_limit" => &["2Gi", "4Gi", "8Gi", "24Gi"],
        "sizing.pyspark_memory" => &["", "512Mi", "1Gi"],
        "sizing.node_memory" => &["8Gi", "32Gi", "64Gi", "256Gi"],
        "sizing.quota_memory" => &["", "64Gi", "400Gi"],
        "s3.warehouse_bucket" | "s3.logs_bucket" => &["warehouse", "spark-logs", "data.lake"],
        "s3.event_log_dir" | "s3.history_log_dir" => {
            &["s3a://spark-logs/events", "s3a://spark-logs/4.1/events"]
        }
        "s3.access_key" | "s3.secret_key" => &["AKIAEXAMPLE", "key: with # and \"quotes\""],
        "features.domain" => &["spark.example.com", "apps.cluster.local"],
        _ => &["1", "0"],
    }
}

/// Strings that must never break the output.
pub const HOSTILE: &[&str] = &[
    "a: b",
    "x\ny: 1",
    "#comment",
    "{{ .Values.x }}",
    "\"quoted\"",
    "$(rm -rf /)",
    "`id`; echo",
    "'single'",
    "-1",
    "1e99Gi",
    "8gb",
    "",
    " ",
    "\u{0}\u{7}",
    "..",
    "latest",
];

/// Random choices: mostly plausible values, with a `hostile_per_mille` chance per field of a
/// hostile string (applied only to text fields; typed fields reject it and keep their value).
pub fn random_choices(seed: u64, hostile_per_mille: u64) -> Choices {
    let mut rng = Rng::new(seed);
    let mut c = Choices::default();
    for f in FIELDS {
        if rng.next_u64().is_multiple_of(3) {
            continue;
        }
        let v: String = if rng.next_u64() % 1000 < hostile_per_mille {
            if rng.next_u64().is_multiple_of(8) {
                "n".repeat(10_000)
            } else {
                rng.pick(HOSTILE).to_string()
            }
        } else if f.path == "site_url"
            || f.path == "identity.registry"
            || f.path == "features.secret_store"
            || f.path == "s3.secret_name"
        {
            continue;
        } else {
            rng.pick(pool(f.path)).to_string()
        };
        (f.set)(&mut c, &v);
    }
    c
}
