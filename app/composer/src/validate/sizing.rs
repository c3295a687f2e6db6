//! Sizing: Pod memory = memory + overhead (max(384 MiB, factor × memory)) + PySpark memory,
//! checked against the container limit, node allocatable and the namespace quota.

use super::{ArgExt, Out};
use crate::choices::Choices;
use crate::diag::Code;
use crate::model::{PodSize, ValidConfig, mib_or};
use crate::quantity::{self, k8s, parse_factor_milli};

/// Spark's overhead floor.
pub const MIN_OVERHEAD_MIB: u64 = 384;
/// Spark's default factor for JVM jobs and the one used for non-JVM (PySpark) jobs.
pub const JVM_FACTOR_MILLI: u64 = 100;
pub const PYTHON_FACTOR_MILLI: u64 = 400;

fn qty(out: &mut Out, path: &'static str, raw: &str, fallback: &str) -> u64 {
    let (v, ok) = mib_or(raw, fallback);
    if !ok {
        out.push(Code::QuantityInvalid, path).a("value", raw);
    }
    v
}

fn num(out: &mut Out, path: &'static str, raw: i64, min: i64, max: i64, fallback: i64) -> u64 {
    if raw < min || raw > max {
        out.push(Code::NumberOutOfRange, path)
            .a("value", raw)
            .a("min", min)
            .a("max", max);
        return fallback.max(0) as u64;
    }
    raw.max(0) as u64
}

fn pod(
    memory_mib: u64,
    factor_milli: u64,
    pyspark_mib: u64,
    limit_mib: u64,
    cores: u64,
) -> PodSize {
    let overhead = (memory_mib * factor_milli / 1000).max(MIN_OVERHEAD_MIB);
    PodSize {
        memory_mib,
        overhead_mib: overhead,
        pyspark_mib,
        pod_mib: memory_mib + overhead + pyspark_mib,
        limit_mib,
        cores,
    }
}

pub fn check(raw: &Choices, v: &mut ValidConfig, out: &mut Out) {
    let s = &raw.sizing;
    let d = Choices::default().sizing;
    let dm = qty(
        out,
        "sizing.driver_memory",
        &s.driver_memory,
        &d.driver_memory,
    );
    let dl = qty(out, "sizing.driver_limit", &s.driver_limit, &d.driver_limit);
    let em = qty(
        out,
        "sizing.executor_memory",
        &s.executor_memory,
        &d.executor_memory,
    );
    let el = qty(
        out,
        "sizing.executor_limit",
        &s.executor_limit,
        &d.executor_limit,
    );
    let nm = qty(out, "sizing.node_memory", &s.node_memory, &d.node_memory);
    let pm = if s.pyspark_memory.trim().is_empty() {
        0
    } else {
        qty(out, "sizing.pyspark_memory", &s.pyspark_memory, "1Gi")
    };
    let qm = if s.quota_memory.trim().is_empty() {
        None
    } else {
        quantity::parse_mib(&s.quota_memory).or_else(|| {
            out.push(Code::QuantityInvalid, "sizing.quota_memory")
                .a("value", &s.quota_memory);
            None
        })
    };
    let dc = num(out, "sizing.driver_cores", s.driver_cores, 1, 64, 1);
    let ec = num(out, "sizing.executor_cores", s.executor_cores, 1, 64, 1);
    let emin = num(out, "sizing.executor_min", s.executor_min, 0, 1000, 0);
    let emax = num(out, "sizing.executor_max", s.executor_max, 1, 1000, 10);
    let replicas = num(out, "sizing.connect_replicas", s.connect_replicas, 1, 10, 1);
    let ncpu = num(out, "sizing.node_cpu", s.node_cpu, 1, 512, 8);
    let qcpu = num(out, "sizing.quota_cpu", s.quota_cpu, 0, 100_000, 0);
    v.gpu_count = num(out, "features.gpu_count", raw.features.gpu_count, 1, 16, 1);

    let default_factor = if v.python() {
        PYTHON_FACTOR_MILLI
    } else {
        JVM_FACTOR_MILLI
    };
    let factor = if s.overhead_factor.trim().is_empty() {
        default_factor
    } else {
        match parse_factor_milli(&s.overhead_factor) {
            Some(f) if (60..=1000).contains(&f) => f,
            _ => {
                out.push(Code::FactorInvalid, "sizing.overhead_factor")
                    .a("value", &s.overhead_factor);
                default_factor
            }
        }
    };
    if v.python() && factor < PYTHON_FACTOR_MILLI && pm == 0 {
        out.push(Code::PysparkOverheadLow, "sizing.overhead_factor")
            .a("factor", quantity::factor_text(factor));
    }
    v.overhead_milli = factor;
    v.driver = pod(dm, factor, pm, dl, dc);
    v.executor = pod(em, factor, pm, el, ec);
    v.executor_min = emin.min(emax);
    v.executor_max = emax;
    v.connect_replicas = replicas;
    v.node_cpu = ncpu;
    v.node_mib = nm;
    v.quota_cpu = (qcpu > 0).then_some(qcpu);
    v.quota_mib = qm;

    if emin > emax {
        out.push(Code::ExecutorMinGtMax, "sizing.executor_min")
            .a("min", emin)
            .a("max", emax);
    }
    for (p, code, path) in [
        (
            &v.executor,
            Code::ExecutorExceedsLimit,
            "sizing.executor_limit",
        ),
        (&v.driver, Code::DriverExceedsLimit, "sizing.driver_limit"),
    ] {
        if p.pod_mib > p.limit_mib {
            out.push(code, path)
                .a("need", k8s(p.pod_mib))
                .a("memory", k8s(p.memory_mib))
                .a("overhead", k8s(p.overhead_mib))
                .a("pyspark", k8s(p.pyspark_mib))
                .a("limit", k8s(p.limit_mib));
        }
    }
    for (p, code, path) in [
        (
            &v.executor,
            Code::ExecutorExceedsNode,
            "sizing.executor_memory",
        ),
        (&v.driver, Code::DriverExceedsNode, "sizing.driver_memory"),
    ] {
        if p.pod_mib > nm {
            out.push(code, path)
                .a("need", k8s(p.pod_mib))
                .a("node", k8s(nm));
        }
    }
    if ec > ncpu {
        out.push(Code::ExecutorCoresExceedNode, "sizing.executor_cores")
            .a("cores", ec)
            .a("node", ncpu);
    }
    if dc > ncpu {
        out.push(Code::DriverCoresExceedNode, "sizing.driver_cores")
            .a("cores", dc)
            .a("node", ncpu);
    }
    let per_core = em / ec.max(1);
    if !(2048..=8192).contains(&per_core) {
        out.push(Code::MemoryPerCore, "sizing.executor_memory")
            .a("per_core", k8s(per_core));
    }

    // Quota: every Pod's limit counts. Executors at their maximum, the driver per Connect replica.
    let services = v.services();
    let svc_mib: u64 = services.iter().map(|s| s.mem_lim_mib * s.replicas).sum();
    let svc_cpu_milli: u64 = services.iter().map(|s| s.cpu_lim_milli * s.replicas).sum();
    let drivers = if v.connect() { replicas } else { 1 };
    let driver_mib = v.driver.limit_mib.max(v.driver.pod_mib) * drivers;
    let exec_mib = v.executor.limit_mib.max(v.executor.pod_mib) * emax;
    if let Some(q) = qm {
        if v.executor.pod_mib > q {
            out.push(Code::ExecutorExceedsQuota, "sizing.quota_memory")
                .a("need", k8s(v.executor.pod_mib))
                .a("quota", k8s(q));
        }
        let need = svc_mib + driver_mib + exec_mib;
        if need > q {
            out.push(Code::QuotaMemoryExceeded, "sizing.quota_memory")
                .a("executors", emax)
                .a("need", k8s(need))
                .a("driver", k8s(driver_mib))
                .a("services", k8s(svc_mib))
                .a("quota", k8s(q));
        }
    }
    if qcpu > 0 {
        // CPU limits: executors and drivers get 2 × their cores as limit (see render), services as listed.
        let need_milli = svc_cpu_milli + (2 * dc * drivers + 2 * ec * emax) * 1000;
        let need = need_milli.div_ceil(1000);
        if need > qcpu {
            out.push(Code::QuotaCpuExceeded, "sizing.quota_cpu")
                .a("executors", emax)
                .a("need", need)
                .a("quota", qcpu);
        }
    }
    if v.connect() && replicas > 1 {
        out.push(Code::ConnectReplicas, "sizing.connect_replicas")
            .a("replicas", replicas);
    }
}
