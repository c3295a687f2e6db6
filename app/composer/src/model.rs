//! `ValidConfig`: the choices after validation, with every number parsed and every invalid value
//! replaced by its default. Only `validate` builds one, so renderers never see unparsed input.

use crate::choices::{Backend, ChartLine, Choices, Platform, Storage, Workload};
use crate::quantity;
use crate::yaml::Text;

/// Memory and CPU of one Spark Pod (driver or executor).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodSize {
    pub memory_mib: u64,
    pub overhead_mib: u64,
    pub pyspark_mib: u64,
    /// memory + overhead + PySpark: what the Pod requests.
    pub pod_mib: u64,
    /// The container memory limit.
    pub limit_mib: u64,
    pub cores: u64,
}

/// A long-running service Pod's resources (for manifests and quota totals).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceSize {
    pub name: &'static str,
    pub replicas: u64,
    pub cpu_req_milli: u64,
    pub cpu_lim_milli: u64,
    pub mem_req_mib: u64,
    pub mem_lim_mib: u64,
}

/// Validated choices. Renderers take `&ValidConfig` only.
#[derive(Clone, Debug)]
pub struct ValidConfig {
    pub(crate) c: Choices,
    pub driver: PodSize,
    pub executor: PodSize,
    /// The effective overhead factor in thousandths.
    pub overhead_milli: u64,
    pub executor_min: u64,
    pub executor_max: u64,
    pub connect_replicas: u64,
    pub node_cpu: u64,
    pub node_mib: u64,
    pub quota_cpu: Option<u64>,
    pub quota_mib: Option<u64>,
    pub gpu_count: u64,
    /// The release and namespace names as YAML text, classified once: nearly every object
    /// repeats them, and the renderers borrow them.
    release_text: Text,
    ns_text: Text,
    /// Number of error diagnostics: the output is "not ready" when > 0.
    pub errors: usize,
}

impl ValidConfig {
    pub(crate) fn new(c: Choices) -> ValidConfig {
        let z = PodSize {
            memory_mib: 0,
            overhead_mib: 0,
            pyspark_mib: 0,
            pod_mib: 0,
            limit_mib: 0,
            cores: 1,
        };
        ValidConfig {
            release_text: Text::shared(&c.identity.release),
            ns_text: Text::shared(&c.identity.namespace),
            c,
            driver: z.clone(),
            executor: z,
            overhead_milli: 100,
            executor_min: 0,
            executor_max: 1,
            connect_replicas: 1,
            node_cpu: 8,
            node_mib: 32768,
            quota_cpu: None,
            quota_mib: None,
            gpu_count: 1,
            errors: 0,
        }
    }

    /// The (sanitised) choices.
    pub fn choices(&self) -> &Choices {
        &self.c
    }

    pub fn ready(&self) -> bool {
        self.errors == 0
    }

    pub fn ns(&self) -> &str {
        &self.c.identity.namespace
    }

    pub fn release(&self) -> &str {
        &self.c.identity.release
    }

    /// The namespace name as YAML text, classified once.
    pub fn ns_text(&self) -> &Text {
        &self.ns_text
    }

    /// The release name as YAML text, classified once.
    pub fn release_text(&self) -> &Text {
        &self.release_text
    }

    /// `<release>-<suffix>`: the name every object we render carries.
    pub fn name(&self, suffix: &str) -> String {
        [self.release(), "-", suffix].concat()
    }

    pub fn is35(&self) -> bool {
        self.c.chart == ChartLine::Spark35
    }

    pub fn connect(&self) -> bool {
        matches!(
            self.c.backend,
            Backend::ConnectK8s | Backend::ConnectStandalone
        )
    }

    pub fn standalone(&self) -> bool {
        self.c.backend == Backend::ConnectStandalone
    }

    pub fn k8s_executors(&self) -> bool {
        self.c.backend != Backend::ConnectStandalone
    }

    pub fn minio(&self) -> bool {
        self.c.components.storage == Storage::Minio
    }

    pub fn storage(&self) -> bool {
        self.c.components.storage != Storage::None
    }

    pub fn openshift(&self) -> bool {
        self.c.platform != Platform::Kubernetes
    }

    pub fn restricted_v2(&self) -> bool {
        self.c.platform == Platform::OpenShiftRestricted
    }

    pub fn python(&self) -> bool {
        self.c.sizing.workload == Workload::Python
    }

    pub fn scala(&self) -> &'static str {
        if self.is35() { "2.12" } else { "2.13" }
    }

    pub fn spark_version(&self) -> &'static str {
        if self.is35() { "3.5" } else { "4.1" }
    }

    /// The Spark image, pinned.
    pub fn spark_image(&self) -> String {
        format!(
            "{}/spark-k8s-spark-custom:{}",
            self.c.identity.registry, self.c.identity.spark_tag
        )
    }

    pub fn jupyter_image(&self) -> String {
        format!(
            "{}/spark-k8s-jupyter:{}",
            self.c.identity.registry, self.c.identity.jupyter_tag
        )
    }

    /// S3 endpoint the Pods use.
    pub fn s3_endpoint(&self) -> String {
        if self.minio() {
            format!("http://{}:9000", self.name("minio"))
        } else {
            self.c.s3.endpoint.clone()
        }
    }

    pub fn connect_service(&self) -> String {
        self.name("connect")
    }

    pub fn metastore_uri(&self) -> String {
        format!("thrift://{}.{}.svc:9083", self.name("metastore"), self.ns())
    }

    /// Long-running service Pods and their resources.
    pub fn services(&self) -> Vec<ServiceSize> {
        let k = &self.c.components;
        let ha = self.c.features.ha;
        let s =
            |name, replicas, cpu_req_milli, cpu_lim_milli, mem_req_mib, mem_lim_mib| ServiceSize {
                name,
                replicas,
                cpu_req_milli,
                cpu_lim_milli,
                mem_req_mib,
                mem_lim_mib,
            };
        let mut out = Vec::new();
        if k.jupyter {
            out.push(s("jupyter", 1, 500, 2000, 1024, 4096));
        }
        if k.history {
            out.push(s("history-server", 1, 200, 1000, 512, 2048));
        }
        if k.metastore {
            out.push(s(
                "metastore",
                if ha { 2 } else { 1 },
                200,
                1000,
                1024,
                2048,
            ));
        }
        if k.postgresql {
            out.push(s("postgresql", 1, 250, 1000, 512, 1024));
        }
        if self.minio() {
            out.push(s("minio", 1, 250, 1000, 512, 1024));
        }
        if k.airflow {
            out.push(s(
                "airflow-webserver",
                if ha { 2 } else { 1 },
                250,
                1000,
                1024,
                2048,
            ));
            out.push(s("airflow-scheduler", 1, 250, 1000, 1024, 2048));
        }
        if k.mlflow {
            out.push(s("mlflow", 1, 200, 1000, 512, 1024));
        }
        if k.celeborn {
            out.push(s("celeborn-master", 3, 500, 1000, 1024, 2048));
            out.push(s("celeborn-worker", 3, 1000, 4000, 2048, 8192));
        }
        if self.standalone() {
            out.push(s("standalone-master", 1, 500, 1000, 1024, 2048));
        }
        out
    }
}

/// Parses a quantity or falls back; returns (value, ok).
pub(crate) fn mib_or(s: &str, fallback: &str) -> (u64, bool) {
    match quantity::parse_mib(s) {
        Some(v) => (v, true),
        None => (quantity::parse_mib(fallback).unwrap_or(1024), false),
    }
}
