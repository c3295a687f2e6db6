//! Everything a user can decide, with defaults. Field paths are stable: they are share-link keys,
//! `--set` paths and the keys presets are written with. This file is also compiled into build.rs
//! (it depends on serde and std only), so presets and the runtime share one field table.

use serde::{Deserialize, Serialize};

/// Version of the field table; bumped when a path is renamed (old links are migrated in link.rs).
pub const SCHEMA_VERSION: u32 = 1;

macro_rules! choice_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? } default $def:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }
        impl Default for $name { fn default() -> Self { $name::$def } }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($text => Some($name::$variant),)+ _ => None } }
        }
        impl FieldValue for $name {
            fn to_text(&self) -> String { self.as_str().to_string() }
            fn from_text(s: &str) -> Option<Self> { $name::parse(s) }
        }
    };
}

choice_enum!(
    /// Which upstream chart line the Helm values target.
    ChartLine { Spark41 = "4.1", Spark35 = "3.5" } default Spark41
);
choice_enum!(
    /// How Spark work is launched.
    Backend {
        ConnectK8s = "connect-k8s",
        ConnectStandalone = "connect-standalone",
        SubmitK8s = "submit-k8s",
        Operator = "operator",
    } default ConnectK8s
);
choice_enum!(
    /// Where it runs: plain Kubernetes or an OpenShift SCC.
    Platform {
        Kubernetes = "kubernetes",
        OpenShiftRestricted = "openshift-restricted",
        OpenShiftAnyuid = "openshift-anyuid",
    } default Kubernetes
);
choice_enum!(
    /// Object storage: a MinIO in the namespace, an external S3 endpoint, or none.
    Storage { Minio = "minio", External = "external", None = "none" } default Minio
);
choice_enum!(
    /// Iceberg catalog type, or no Iceberg.
    Iceberg { Off = "off", Hadoop = "hadoop", Hive = "hive", Rest = "rest" } default Off
);
choice_enum!(
    /// How UIs are exposed outside the cluster.
    Exposure { None = "none", Ingress = "ingress", Route = "route" } default None
);
choice_enum!(
    /// Where credentials come from.
    SecretsMode {
        Existing = "existing",
        External = "external-secrets",
        Inline = "inline",
    } default Existing
);
choice_enum!(
    /// The language of the Spark jobs: PySpark needs more non-JVM memory.
    Workload { Jvm = "jvm", Python = "python" } default Python
);

/// Conversion between a field's value and its text form (links, `--set`, presets).
pub trait FieldValue: Sized {
    fn to_text(&self) -> String;
    fn from_text(s: &str) -> Option<Self>;
}

impl FieldValue for String {
    fn to_text(&self) -> String {
        self.clone()
    }
    fn from_text(s: &str) -> Option<Self> {
        Some(s.to_string())
    }
}

impl FieldValue for i64 {
    fn to_text(&self) -> String {
        self.to_string()
    }
    fn from_text(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

impl FieldValue for bool {
    fn to_text(&self) -> String {
        if *self { "1".into() } else { "0".into() }
    }
    fn from_text(s: &str) -> Option<Self> {
        match s.trim() {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" => Some(false),
            _ => None,
        }
    }
}

/// Identity: names, images, storage locations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Identity {
    pub namespace: String,
    pub release: String,
    pub registry: String,
    pub spark_tag: String,
    pub jupyter_tag: String,
    pub create_namespace: bool,
}

impl Default for Identity {
    fn default() -> Self {
        Identity {
            namespace: "spark".into(),
            release: "spark".into(),
            registry: "ghcr.io/fall-out-bug".into(),
            spark_tag: "4.1.0".into(),
            jupyter_tag: "4.1-4.1.0".into(),
            create_namespace: true,
        }
    }
}

/// Which components are deployed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Components {
    pub jupyter: bool,
    pub history: bool,
    pub metastore: bool,
    pub postgresql: bool,
    pub storage: Storage,
    pub airflow: bool,
    pub mlflow: bool,
    pub celeborn: bool,
    pub operator: bool,
}

impl Default for Components {
    fn default() -> Self {
        Components {
            jupyter: true,
            history: true,
            metastore: false,
            postgresql: false,
            storage: Storage::Minio,
            airflow: false,
            mlflow: false,
            celeborn: false,
            operator: false,
        }
    }
}

/// Optional features.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Features {
    pub iceberg: Iceberg,
    pub iceberg_rest_uri: String,
    pub gpu: bool,
    pub gpu_count: i64,
    pub monitoring: bool,
    pub alerts: bool,
    pub dashboards: bool,
    pub exposure: Exposure,
    pub tls: bool,
    pub domain: String,
    pub network_policies: bool,
    pub pdb: bool,
    pub ha: bool,
    pub dynamic_allocation: bool,
    pub shuffle_tracking: bool,
    pub secrets: SecretsMode,
    pub secret_store: String,
    pub read_only_root: bool,
    pub run_as_user: i64,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            iceberg: Iceberg::Off,
            iceberg_rest_uri: String::new(),
            gpu: false,
            gpu_count: 1,
            monitoring: false,
            alerts: false,
            dashboards: false,
            exposure: Exposure::None,
            tls: true,
            domain: "spark.example.com".into(),
            network_policies: true,
            pdb: false,
            ha: false,
            dynamic_allocation: true,
            shuffle_tracking: true,
            secrets: SecretsMode::Existing,
            secret_store: "spark-secret-store".into(),
            read_only_root: true,
            run_as_user: 185,
        }
    }
}

/// Sizing. Quantities are Kubernetes quantities (`4Gi`, `512Mi`); empty quota = no quota.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sizing {
    pub workload: Workload,
    pub driver_memory: String,
    pub driver_cores: i64,
    pub driver_limit: String,
    pub executor_memory: String,
    pub executor_cores: i64,
    pub executor_limit: String,
    pub executor_min: i64,
    pub executor_max: i64,
    /// Empty = Spark's default for the workload (0.10 JVM, 0.40 PySpark).
    pub overhead_factor: String,
    pub pyspark_memory: String,
    pub connect_replicas: i64,
    pub node_cpu: i64,
    pub node_memory: String,
    pub quota_cpu: i64,
    pub quota_memory: String,
}

impl Default for Sizing {
    fn default() -> Self {
        Sizing {
            workload: Workload::Python,
            driver_memory: "2Gi".into(),
            driver_cores: 1,
            driver_limit: "4Gi".into(),
            executor_memory: "2Gi".into(),
            executor_cores: 1,
            executor_limit: "4Gi".into(),
            executor_min: 0,
            executor_max: 10,
            overhead_factor: String::new(),
            pyspark_memory: String::new(),
            connect_replicas: 1,
            node_cpu: 8,
            node_memory: "32Gi".into(),
            quota_cpu: 0,
            quota_memory: String::new(),
        }
    }
}

/// Object storage and event logs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct S3 {
    pub endpoint: String,
    pub warehouse_bucket: String,
    pub logs_bucket: String,
    pub event_log_dir: String,
    pub history_log_dir: String,
    pub secret_name: String,
    pub access_key: String,
    pub secret_key: String,
}

impl Default for S3 {
    fn default() -> Self {
        S3 {
            endpoint: "http://minio:9000".into(),
            warehouse_bucket: "warehouse".into(),
            logs_bucket: "spark-logs".into(),
            event_log_dir: "s3a://spark-logs/events".into(),
            history_log_dir: "s3a://spark-logs/events".into(),
            secret_name: "s3-credentials".into(),
            access_key: String::new(),
            secret_key: String::new(),
        }
    }
}

/// The whole set of choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Choices {
    pub chart: ChartLine,
    pub backend: Backend,
    pub platform: Platform,
    pub site_url: String,
    pub identity: Identity,
    pub components: Components,
    pub features: Features,
    pub sizing: Sizing,
    pub s3: S3,
}

pub const DEFAULT_SITE_URL: &str = "https://fall-out-bug.github.io/spark_k8s";

impl Default for Choices {
    fn default() -> Self {
        Choices {
            chart: ChartLine::Spark41,
            backend: Backend::ConnectK8s,
            platform: Platform::Kubernetes,
            site_url: DEFAULT_SITE_URL.into(),
            identity: Identity::default(),
            components: Components::default(),
            features: Features::default(),
            sizing: Sizing::default(),
            s3: S3::default(),
        }
    }
}

/// One addressable field: its stable path, a short link key, and text accessors.
pub struct Field {
    pub path: &'static str,
    pub short: &'static str,
    pub get: fn(&Choices) -> String,
    pub set: fn(&mut Choices, &str) -> bool,
    /// Whether two sets of choices agree on this field (what `get` would show, without the text).
    pub same: fn(&Choices, &Choices) -> bool,
}

macro_rules! fields {
    ($($path:literal $short:literal => $($f:ident).+;)+) => {
        /// Every field, in a stable order (links are written in this order).
        pub static FIELDS: &[Field] = &[$(Field {
            path: $path,
            short: $short,
            get: |c| FieldValue::to_text(&c.$($f).+),
            set: |c, s| match FieldValue::from_text(s) { Some(v) => { c.$($f).+ = v; true } None => false },
            same: |a, b| a.$($f).+ == b.$($f).+,
        }),+];
    };
}

fields! {
    "chart" "c" => chart;
    "backend" "b" => backend;
    "platform" "p" => platform;
    "site_url" "u" => site_url;
    "identity.namespace" "ns" => identity.namespace;
    "identity.release" "r" => identity.release;
    "identity.registry" "reg" => identity.registry;
    "identity.spark_tag" "st" => identity.spark_tag;
    "identity.jupyter_tag" "jt" => identity.jupyter_tag;
    "identity.create_namespace" "cn" => identity.create_namespace;
    "components.jupyter" "j" => components.jupyter;
    "components.history" "h" => components.history;
    "components.metastore" "hms" => components.metastore;
    "components.postgresql" "pg" => components.postgresql;
    "components.storage" "s" => components.storage;
    "components.airflow" "af" => components.airflow;
    "components.mlflow" "ml" => components.mlflow;
    "components.celeborn" "cb" => components.celeborn;
    "components.operator" "op" => components.operator;
    "features.iceberg" "ice" => features.iceberg;
    "features.iceberg_rest_uri" "iru" => features.iceberg_rest_uri;
    "features.gpu" "gpu" => features.gpu;
    "features.gpu_count" "gc" => features.gpu_count;
    "features.monitoring" "mon" => features.monitoring;
    "features.alerts" "al" => features.alerts;
    "features.dashboards" "db" => features.dashboards;
    "features.exposure" "ex" => features.exposure;
    "features.tls" "tls" => features.tls;
    "features.domain" "dom" => features.domain;
    "features.network_policies" "np" => features.network_policies;
    "features.pdb" "pdb" => features.pdb;
    "features.ha" "ha" => features.ha;
    "features.dynamic_allocation" "da" => features.dynamic_allocation;
    "features.shuffle_tracking" "stk" => features.shuffle_tracking;
    "features.secrets" "sec" => features.secrets;
    "features.secret_store" "ss" => features.secret_store;
    "features.read_only_root" "ro" => features.read_only_root;
    "features.run_as_user" "uid" => features.run_as_user;
    "sizing.workload" "w" => sizing.workload;
    "sizing.driver_memory" "dm" => sizing.driver_memory;
    "sizing.driver_cores" "dc" => sizing.driver_cores;
    "sizing.driver_limit" "dl" => sizing.driver_limit;
    "sizing.executor_memory" "em" => sizing.executor_memory;
    "sizing.executor_cores" "ec" => sizing.executor_cores;
    "sizing.executor_limit" "el" => sizing.executor_limit;
    "sizing.executor_min" "emin" => sizing.executor_min;
    "sizing.executor_max" "emax" => sizing.executor_max;
    "sizing.overhead_factor" "of" => sizing.overhead_factor;
    "sizing.pyspark_memory" "pm" => sizing.pyspark_memory;
    "sizing.connect_replicas" "cr" => sizing.connect_replicas;
    "sizing.node_cpu" "ncpu" => sizing.node_cpu;
    "sizing.node_memory" "nmem" => sizing.node_memory;
    "sizing.quota_cpu" "qcpu" => sizing.quota_cpu;
    "sizing.quota_memory" "qmem" => sizing.quota_memory;
    "s3.endpoint" "se" => s3.endpoint;
    "s3.warehouse_bucket" "wb" => s3.warehouse_bucket;
    "s3.logs_bucket" "lb" => s3.logs_bucket;
    "s3.event_log_dir" "eld" => s3.event_log_dir;
    "s3.history_log_dir" "hld" => s3.history_log_dir;
    "s3.secret_name" "sn" => s3.secret_name;
    "s3.access_key" "ak" => s3.access_key;
    "s3.secret_key" "sk" => s3.secret_key;
}

/// Looks a field up by its path or its short link key.
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.path == name || f.short == name)
}

/// Fields whose value differs between `base` and `c`, as (path, value) pairs in table order.
pub fn diff(base: &Choices, c: &Choices) -> Vec<(&'static str, String)> {
    FIELDS
        .iter()
        .filter_map(|f| {
            let v = (f.get)(c);
            ((f.get)(base) != v).then_some((f.path, v))
        })
        .collect()
}
