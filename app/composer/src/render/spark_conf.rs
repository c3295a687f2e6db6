//! Spark properties. `raw` is the complete spark-defaults.conf for our manifests; `helm_extra`
//! is what the chart does not write itself and must come through `connect.sparkConf`.

use crate::choices::{Backend, Iceberg};
use crate::model::ValidConfig;
use crate::quantity::spark as mem;

/// (property, value); property names are literals.
pub type Props = Vec<(&'static str, String)>;

fn p(out: &mut Props, k: &'static str, v: impl ToString) {
    out.push((k, v.to_string()));
}

/// Where the Hive Metastore lives: the chart's spark-base names it `<rel>-hive-metastore`.
pub fn metastore_uri(v: &ValidConfig, helm: bool) -> String {
    if helm {
        format!(
            "thrift://{}-hive-metastore.{}.svc:9083",
            v.release(),
            v.ns()
        )
    } else {
        v.metastore_uri()
    }
}

/// Memory, cores and overhead: set explicitly so what the Pod gets is what we computed.
fn sizing(v: &ValidConfig, out: &mut Props) {
    p(out, "spark.driver.memory", mem(v.driver.memory_mib));
    p(
        out,
        "spark.driver.memoryOverhead",
        mem(v.driver.overhead_mib),
    );
    p(out, "spark.executor.memory", mem(v.executor.memory_mib));
    p(
        out,
        "spark.executor.memoryOverhead",
        mem(v.executor.overhead_mib),
    );
    p(out, "spark.executor.cores", v.executor.cores);
    if v.executor.pyspark_mib > 0 {
        p(
            out,
            "spark.executor.pyspark.memory",
            mem(v.executor.pyspark_mib),
        );
    }
}

fn features(v: &ValidConfig, helm: bool, out: &mut Props) {
    let c = v.choices();
    if c.components.metastore {
        p(out, "spark.sql.catalogImplementation", "hive");
        p(
            out,
            "spark.hadoop.hive.metastore.uris",
            metastore_uri(v, helm),
        );
        p(
            out,
            "spark.sql.warehouse.dir",
            format!(
                "s3a://{}/spark-{}",
                c.s3.warehouse_bucket,
                v.spark_version().replace('.', "")
            ),
        );
    }
    if c.features.iceberg != Iceberg::Off {
        p(
            out,
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
        );
        p(
            out,
            "spark.sql.catalog.iceberg",
            "org.apache.iceberg.spark.SparkCatalog",
        );
        p(
            out,
            "spark.sql.catalog.iceberg.type",
            c.features.iceberg.as_str(),
        );
        p(
            out,
            "spark.sql.catalog.iceberg.warehouse",
            format!("s3a://{}/iceberg", c.s3.warehouse_bucket),
        );
        match c.features.iceberg {
            Iceberg::Hive => p(out, "spark.sql.catalog.iceberg.uri", metastore_uri(v, helm)),
            Iceberg::Rest => p(
                out,
                "spark.sql.catalog.iceberg.uri",
                &c.features.iceberg_rest_uri,
            ),
            _ => {}
        }
        p(
            out,
            "spark.sql.catalog.iceberg.io-impl",
            "org.apache.iceberg.hadoop.HadoopFileIO",
        );
        p(out, "spark.sql.defaultCatalog", "iceberg");
    }
    if c.features.gpu {
        p(out, "spark.plugins", "com.nvidia.spark.SQLPlugin");
        p(out, "spark.rapids.sql.enabled", "true");
        p(out, "spark.executor.resource.gpu.amount", v.gpu_count);
        p(out, "spark.executor.resource.gpu.vendor", "nvidia.com");
        p(
            out,
            "spark.executor.resource.gpu.discoveryScript",
            "/opt/spark/gpu-discovery.sh",
        );
        // One GPU shared by the executor's task slots: 1/cores, written with two decimals.
        let hundredths = 100 / v.executor.cores.max(1);
        p(
            out,
            "spark.task.resource.gpu.amount",
            format!("{}.{:02}", hundredths / 100, hundredths % 100),
        );
        p(out, "spark.rapids.memory.pinnedPool.size", "2g");
        p(out, "spark.rapids.sql.concurrentGpuTasks", "2");
    }
    if c.features.monitoring {
        p(out, "spark.ui.prometheus.enabled", "true");
        p(out, "spark.executor.processTreeMetrics.enabled", "true");
        p(
            out,
            "spark.metrics.conf.*.sink.prometheusServlet.class",
            "org.apache.spark.metrics.sink.PrometheusServlet",
        );
        p(
            out,
            "spark.metrics.conf.*.sink.prometheusServlet.path",
            "/metrics/prometheus",
        );
    }
}

/// Celeborn Spark client settings for given master endpoints.
fn celeborn(endpoints: &str, out: &mut Props) {
    p(
        out,
        "spark.shuffle.manager",
        "org.apache.spark.shuffle.celeborn.SparkShuffleManager",
    );
    p(out, "spark.celeborn.master.endpoints", endpoints);
    p(out, "spark.celeborn.client.spark.shuffle.writer", "hash");
    p(out, "spark.celeborn.push.replicate.enabled", "true");
    p(out, "spark.shuffle.service.enabled", "false");
}

/// Extra properties for the chart's `connect.sparkConf` (the chart writes master, ports, DA,
/// event log and S3A itself).
pub fn helm_extra(v: &ValidConfig) -> Props {
    let mut out = Vec::new();
    sizing(v, &mut out);
    features(v, true, &mut out);
    if v.is35() && v.choices().components.celeborn {
        celeborn(&super::values::celeborn_endpoints(v), &mut out);
    }
    out
}

/// The complete spark-defaults.conf for the raw manifests.
pub fn raw(v: &ValidConfig) -> Props {
    let c = v.choices();
    // Room for every property a configuration can set.
    let mut out = Vec::with_capacity(64);
    let tmpl = "/opt/spark/pod-templates";
    if v.standalone() {
        p(
            &mut out,
            "spark.master",
            format!("spark://{}:7077", v.name("standalone-master")),
        );
    } else {
        p(
            &mut out,
            "spark.master",
            "k8s://https://kubernetes.default.svc.cluster.local:443",
        );
        p(&mut out, "spark.kubernetes.namespace", v.ns());
        p(
            &mut out,
            "spark.kubernetes.container.image",
            v.spark_image(),
        );
        p(
            &mut out,
            "spark.kubernetes.container.image.pullPolicy",
            "IfNotPresent",
        );
        p(
            &mut out,
            "spark.kubernetes.authenticate.driver.serviceAccountName",
            v.name("spark"),
        );
        p(
            &mut out,
            "spark.kubernetes.executor.podTemplateFile",
            format!("{tmpl}/executor.yaml"),
        );
        p(
            &mut out,
            "spark.kubernetes.driver.podTemplateFile",
            format!("{tmpl}/driver.yaml"),
        );
        p(
            &mut out,
            "spark.kubernetes.executor.podNamePrefix",
            v.name("exec"),
        );
        p(
            &mut out,
            "spark.kubernetes.executor.request.cores",
            v.executor.cores,
        );
        p(
            &mut out,
            "spark.kubernetes.executor.limit.cores",
            v.executor.cores * 2,
        );
        p(
            &mut out,
            "spark.kubernetes.driver.request.cores",
            v.driver.cores,
        );
        p(
            &mut out,
            "spark.kubernetes.driver.limit.cores",
            v.driver.cores * 2,
        );
        if v.storage() {
            p(
                &mut out,
                "spark.kubernetes.executor.secretKeyRef.AWS_ACCESS_KEY_ID",
                format!("{}:access-key", c.s3.secret_name),
            );
            p(
                &mut out,
                "spark.kubernetes.executor.secretKeyRef.AWS_SECRET_ACCESS_KEY",
                format!("{}:secret-key", c.s3.secret_name),
            );
        }
    }
    p(&mut out, "spark.driver.bindAddress", "0.0.0.0");
    p(&mut out, "spark.driver.port", 7078);
    p(&mut out, "spark.driver.blockManager.port", 7079);
    p(&mut out, "spark.blockManager.port", 7079);
    p(&mut out, "spark.ui.port", 4040);
    sizing(v, &mut out);
    if c.backend != Backend::ConnectStandalone && c.features.dynamic_allocation {
        p(&mut out, "spark.dynamicAllocation.enabled", "true");
        p(
            &mut out,
            "spark.dynamicAllocation.shuffleTracking.enabled",
            c.features.shuffle_tracking && !c.components.celeborn,
        );
        p(
            &mut out,
            "spark.dynamicAllocation.minExecutors",
            v.executor_min,
        );
        p(
            &mut out,
            "spark.dynamicAllocation.maxExecutors",
            v.executor_max,
        );
    } else if v.standalone() {
        p(
            &mut out,
            "spark.cores.max",
            v.executor.cores * v.executor_max,
        );
    } else {
        p(&mut out, "spark.executor.instances", v.executor_max);
    }
    if v.connect() {
        p(&mut out, "spark.connect.grpc.binding.address", "0.0.0.0");
        p(&mut out, "spark.connect.grpc.binding.port", 15002);
    }
    p(&mut out, "spark.sql.adaptive.enabled", "true");
    if v.storage() {
        p(&mut out, "spark.eventLog.enabled", "true");
        p(&mut out, "spark.eventLog.dir", &c.s3.event_log_dir);
        let endpoint = v.s3_endpoint();
        p(&mut out, "spark.hadoop.fs.s3a.endpoint", &endpoint);
        p(&mut out, "spark.hadoop.fs.s3a.path.style.access", "true");
        p(
            &mut out,
            "spark.hadoop.fs.s3a.connection.ssl.enabled",
            endpoint.starts_with("https://"),
        );
    }
    features(v, false, &mut out);
    if c.components.celeborn {
        celeborn(&super::celeborn::endpoints(v), &mut out);
    }
    out
}

/// `key=value` lines; values never contain line breaks (they come from validated fields).
pub fn to_properties(props: &Props) -> String {
    let mut s = String::with_capacity(4096);
    for (k, v) in props {
        s.push_str(k);
        s.push('=');
        if v.contains(['\n', '\r']) {
            s.push_str(&v.replace(['\n', '\r'], " "));
        } else {
            s.push_str(v);
        }
        s.push('\n');
    }
    s
}
