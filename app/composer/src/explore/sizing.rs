//! Figures for the sizing chart: every Pod's memory request and limit against what a node can
//! allocate, and the namespace total at the executor maximum against the quota. The risks are
//! the same ones `validate` reports, so the chart and the diagnostics never disagree.

use crate::model::ValidConfig;

/// What happens to a Pod of this size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Risk {
    Ok,
    /// Needs more than its memory limit: OOMKilled.
    Oom,
    /// Requests more memory or CPU than one node has: stays Pending.
    Pending,
}

impl Risk {
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Ok => "ok",
            Risk::Oom => "oom",
            Risk::Pending => "pending",
        }
    }
}

/// One kind of Pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodBar {
    /// Stable id: `driver`, `executor` or a service name.
    pub id: &'static str,
    /// How many of these Pods can run at once (executors: the maximum).
    pub count: u64,
    /// What the Pod needs: JVM heap + overhead + PySpark for Spark Pods, the request otherwise.
    pub need_mib: u64,
    pub limit_mib: u64,
    pub cpu_milli: u64,
    pub risk: Risk,
}

/// The namespace at full scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Total {
    pub services_mib: u64,
    pub drivers_mib: u64,
    pub executors_mib: u64,
    pub executors: u64,
    pub quota_mib: Option<u64>,
    pub cpu: u64,
    pub quota_cpu: Option<u64>,
}

impl Total {
    pub fn mib(&self) -> u64 {
        self.services_mib + self.drivers_mib + self.executors_mib
    }
    /// Over the memory or the CPU quota: Pods beyond it are rejected.
    pub fn over(&self) -> bool {
        self.quota_mib.is_some_and(|q| self.mib() > q)
            || self.quota_cpu.is_some_and(|q| self.cpu > q)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    pub node_mib: u64,
    pub node_cpu: u64,
    pub pods: Vec<PodBar>,
    pub total: Total,
}

impl Chart {
    /// The largest memory figure among Pods and the node: the per-Pod axis goes up to it.
    pub fn pod_axis_mib(&self) -> u64 {
        self.pods
            .iter()
            .map(|p| p.need_mib.max(p.limit_mib))
            .chain([self.node_mib])
            .max()
            .unwrap_or(1)
            .max(1)
    }
    /// The namespace axis: the total or the quota, whichever is larger.
    pub fn total_axis_mib(&self) -> u64 {
        self.total
            .mib()
            .max(self.total.quota_mib.unwrap_or(0))
            .max(1)
    }
    pub fn any_risk(&self) -> bool {
        self.pods.iter().any(|p| p.risk != Risk::Ok) || self.total.over()
    }
}

/// The chart figures for a validated configuration.
pub fn chart(v: &ValidConfig) -> Chart {
    let mut pods = Vec::new();
    let spark = |id, size: &crate::model::PodSize, count| {
        let risk = if size.pod_mib > v.node_mib || size.cores > v.node_cpu {
            Risk::Pending
        } else if size.pod_mib > size.limit_mib {
            Risk::Oom
        } else {
            Risk::Ok
        };
        PodBar {
            id,
            count,
            need_mib: size.pod_mib,
            limit_mib: size.limit_mib.max(size.pod_mib),
            cpu_milli: size.cores * 1000,
            risk,
        }
    };
    let drivers = if v.connect() { v.connect_replicas } else { 1 };
    pods.push(spark("driver", &v.driver, drivers));
    if v.k8s_executors() {
        pods.push(spark("executor", &v.executor, v.executor_max));
    }
    let services = v.services();
    for s in &services {
        pods.push(PodBar {
            id: s.name,
            count: s.replicas,
            need_mib: s.mem_req_mib,
            limit_mib: s.mem_lim_mib,
            cpu_milli: s.cpu_req_milli,
            risk: if s.mem_req_mib > v.node_mib {
                Risk::Pending
            } else {
                Risk::Ok
            },
        });
    }
    // The same sums as validate's quota rule: limits count, executors at their maximum.
    let emax = if v.k8s_executors() { v.executor_max } else { 0 };
    let svc_cpu_milli: u64 = services.iter().map(|s| s.cpu_lim_milli * s.replicas).sum();
    let total = Total {
        services_mib: services.iter().map(|s| s.mem_lim_mib * s.replicas).sum(),
        drivers_mib: v.driver.limit_mib.max(v.driver.pod_mib) * drivers,
        executors_mib: v.executor.limit_mib.max(v.executor.pod_mib) * emax,
        executors: emax,
        quota_mib: v.quota_mib,
        cpu: (svc_cpu_milli + (2 * v.driver.cores * drivers + 2 * v.executor.cores * emax) * 1000)
            .div_ceil(1000),
        quota_cpu: v.quota_cpu,
    };
    Chart {
        node_mib: v.node_mib,
        node_cpu: v.node_cpu,
        pods,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    fn with(edit: impl Fn(&mut crate::Choices)) -> (Chart, Vec<Code>) {
        let mut c = crate::Choices::default();
        edit(&mut c);
        let (v, d) = crate::validate(&c);
        (chart(&v), d.iter().map(|d| d.code).collect())
    }

    #[test]
    fn defaults_fit() {
        let (ch, _) = with(|_| {});
        assert!(!ch.any_risk());
        assert_eq!(ch.pods[0].id, "driver");
        assert_eq!(ch.pods[1].id, "executor");
        assert_eq!(ch.pods[1].count, 10);
        assert!(ch.pod_axis_mib() >= ch.node_mib);
    }

    #[test]
    fn executor_above_the_node_is_pending_like_the_diagnostic() {
        let (ch, codes) = with(|c| {
            c.sizing.executor_memory = "40Gi".into();
            c.sizing.executor_limit = "64Gi".into();
        });
        assert_eq!(ch.pods[1].risk, Risk::Pending);
        assert!(codes.contains(&Code::ExecutorExceedsNode));
    }

    #[test]
    fn executor_above_its_limit_is_oom_like_the_diagnostic() {
        let (ch, codes) = with(|c| c.sizing.executor_memory = "6Gi".into());
        assert_eq!(ch.pods[1].risk, Risk::Oom);
        assert!(codes.contains(&Code::ExecutorExceedsLimit));
    }

    #[test]
    fn quota_total_matches_the_diagnostic() {
        let (ch, codes) = with(|c| c.sizing.quota_memory = "16Gi".into());
        assert!(ch.total.over());
        assert!(codes.contains(&Code::QuotaMemoryExceeded));
        let (ch, codes) = with(|c| c.sizing.quota_memory = "1000Gi".into());
        assert!(!ch.total.over());
        assert!(!codes.contains(&Code::QuotaMemoryExceeded));
    }
}
