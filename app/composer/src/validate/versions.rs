//! Version compatibility from the upstream facts: Spark line vs image tags, Scala builds of
//! Iceberg and RAPIDS, GPU images.

use super::{ArgExt, Out};
use crate::choices::Iceberg;
use crate::diag::Code;
use crate::model::ValidConfig;

pub fn check(v: &ValidConfig, out: &mut Out) {
    let c = v.choices();
    let line = v.spark_version();
    for (path, tag) in [
        ("identity.spark_tag", &c.identity.spark_tag),
        ("identity.jupyter_tag", &c.identity.jupyter_tag),
    ] {
        let t = tag.strip_prefix('v').unwrap_or(tag);
        // Tags look like 4.1.0, 4.1.0-gpu or 4.1-4.1.0 (Jupyter): the Spark version must appear.
        let matches = t.starts_with(&format!("{line}.")) || t.starts_with(&format!("{line}-"));
        if !matches {
            out.push(Code::ImageTagLineMismatch, path)
                .a("tag", tag)
                .a("line", line)
                .a("scala", v.scala());
        }
    }
    if c.features.gpu {
        if !c.identity.spark_tag.contains("gpu") {
            out.push(Code::GpuNeedsImage, "identity.spark_tag").a(
                "suggest",
                format!("{line}.{}-gpu", if v.is35() { "7" } else { "0" }),
            );
        }
        out.push(Code::GpuHelmInert, "features.gpu");
        out.push(Code::RapidsBuild, "features.gpu")
            .a("scala", v.scala());
        out.push(Code::GpuOnOpenshiftAnyuid, "features.gpu");
    }
    if c.features.iceberg != Iceberg::Off {
        let jar = if v.is35() {
            "iceberg-spark-runtime-3.5_2.12 1.6.1"
        } else {
            "iceberg-spark-runtime-4.0_2.13 1.10.1"
        };
        out.push(Code::IcebergRuntime, "features.iceberg")
            .a("jar", jar);
    }
}
