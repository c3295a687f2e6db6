//! One data-driven case per validation rule: choices in, diagnostic code out. A rule without a
//! case fails `every_code_has_a_case`.

use composer::{Choices, Code, Severity, field, validate};

/// (expected code, edits applied to the default choices).
const CASES: &[(Code, &[(&str, &str)])] = &[
    (Code::QuantityInvalid, &[("sizing.executor_memory", "8gb")]),
    (Code::NumberOutOfRange, &[("sizing.executor_cores", "-1")]),
    (Code::FactorInvalid, &[("sizing.overhead_factor", "2")]),
    (
        Code::ExecutorExceedsLimit,
        &[
            ("sizing.executor_memory", "8Gi"),
            ("sizing.executor_limit", "4Gi"),
        ],
    ),
    (
        Code::DriverExceedsLimit,
        &[
            ("sizing.driver_memory", "8Gi"),
            ("sizing.driver_limit", "4Gi"),
        ],
    ),
    (
        Code::ExecutorExceedsNode,
        &[
            ("sizing.executor_memory", "40Gi"),
            ("sizing.executor_limit", "64Gi"),
        ],
    ),
    (
        Code::DriverExceedsNode,
        &[
            ("sizing.driver_memory", "40Gi"),
            ("sizing.driver_limit", "64Gi"),
        ],
    ),
    (
        Code::ExecutorCoresExceedNode,
        &[("sizing.executor_cores", "16")],
    ),
    (
        Code::DriverCoresExceedNode,
        &[("sizing.driver_cores", "16")],
    ),
    (
        Code::PysparkOverheadLow,
        &[("sizing.overhead_factor", "0.1")],
    ),
    (
        Code::ExecutorExceedsQuota,
        &[("sizing.quota_memory", "2Gi")],
    ),
    (
        Code::QuotaMemoryExceeded,
        &[("sizing.quota_memory", "20Gi")],
    ),
    (Code::QuotaCpuExceeded, &[("sizing.quota_cpu", "4")]),
    (Code::ExecutorMinGtMax, &[("sizing.executor_min", "20")]),
    (Code::MemoryPerCore, &[("sizing.executor_cores", "4")]),
    (
        Code::DynamicAllocationNeedsShuffle,
        &[("features.shuffle_tracking", "0")],
    ),
    (
        Code::DynamicAllocationStandalone,
        &[("backend", "connect-standalone")],
    ),
    (Code::IcebergRestNeedsUri, &[("features.iceberg", "rest")]),
    (
        Code::IcebergHiveNeedsMetastore,
        &[("features.iceberg", "hive")],
    ),
    (
        Code::MetastoreNeedsPostgresql,
        &[("components.metastore", "1")],
    ),
    (Code::NeedsPostgresql, &[("components.airflow", "1")]),
    (
        Code::MetastoreSchemaManual,
        &[
            ("components.metastore", "1"),
            ("components.postgresql", "1"),
        ],
    ),
    (
        Code::HistoryLogDirMismatch,
        &[("s3.history_log_dir", "s3a://spark-logs/other")],
    ),
    (Code::HistoryNeedsStorage, &[("components.storage", "none")]),
    (
        Code::EventLogNotS3,
        &[
            ("s3.event_log_dir", "file:/tmp/events"),
            ("s3.history_log_dir", "file:/tmp/events"),
        ],
    ),
    (
        Code::OperatorMissing,
        &[("backend", "operator"), ("components.jupyter", "0")],
    ),
    (Code::JupyterNeedsConnect, &[("backend", "submit-k8s")]),
    (
        Code::OpenshiftUidOmitted,
        &[("platform", "openshift-restricted")],
    ),
    (
        Code::OpenshiftHelmUid,
        &[("platform", "openshift-restricted")],
    ),
    (Code::RunAsRoot, &[("features.run_as_user", "0")]),
    (
        Code::ReadOnlyRootDisabled,
        &[("features.read_only_root", "0")],
    ),
    (Code::AnyuidRelaxed, &[("platform", "openshift-anyuid")]),
    (Code::RouteNeedsOpenshift, &[("features.exposure", "route")]),
    (
        Code::ExposureNotInChart,
        &[("features.exposure", "ingress")],
    ),
    (
        Code::TlsDisabled,
        &[("features.exposure", "ingress"), ("features.tls", "0")],
    ),
    (Code::DnsLabelInvalid, &[("identity.namespace", "Bad_Name")]),
    (
        Code::ReleaseTooLong,
        &[(
            "identity.release",
            "a-very-long-release-name-that-goes-on-and-on-x",
        )],
    ),
    (Code::BucketInvalid, &[("s3.warehouse_bucket", "ab")]),
    (Code::ImageTagLatest, &[("identity.spark_tag", "latest")]),
    (Code::ImageTagEmpty, &[("identity.spark_tag", "")]),
    (Code::ImageTagInvalid, &[("identity.spark_tag", "4.1.0;rm")]),
    (
        Code::ImageTagLineMismatch,
        &[("identity.spark_tag", "3.5.7")],
    ),
    (Code::TextInvalid, &[("identity.registry", "ghcr.io/x y")]),
    (Code::UrlInvalid, &[("site_url", "ftp://example.com")]),
    (
        Code::PlaintextSecret,
        &[
            ("features.secrets", "inline"),
            ("s3.access_key", "a"),
            ("s3.secret_key", "b"),
        ],
    ),
    (Code::InlineSecretEmpty, &[("features.secrets", "inline")]),
    (Code::GpuNeedsImage, &[("features.gpu", "1")]),
    (
        Code::GpuHelmInert,
        &[("features.gpu", "1"), ("identity.spark_tag", "4.1.0-gpu")],
    ),
    (Code::RapidsBuild, &[("features.gpu", "1")]),
    (Code::IcebergRuntime, &[("features.iceberg", "hadoop")]),
    (Code::NetworkPoliciesUpstream, &[]),
    (Code::PdbNotInChart, &[("features.pdb", "1")]),
    (Code::ConnectReplicas, &[("sizing.connect_replicas", "2")]),
    (
        Code::JupyterNoAuth,
        &[
            ("chart", "3.5"),
            ("identity.spark_tag", "3.5.7"),
            ("identity.jupyter_tag", "3.5-3.5.7"),
        ],
    ),
    (Code::CelebornEndpoints, &[("components.celeborn", "1")]),
    (Code::MonitoringCrds, &[("features.monitoring", "1")]),
    (Code::AlertsNeedMonitoring, &[("features.alerts", "1")]),
    (
        Code::NotInChart,
        &[("components.airflow", "1"), ("components.postgresql", "1")],
    ),
    (
        Code::PlainHttpS3,
        &[
            ("components.storage", "external"),
            ("s3.endpoint", "http://s3.local:9000"),
        ],
    ),
    (
        Code::StandaloneMaster35,
        &[
            ("chart", "3.5"),
            ("identity.spark_tag", "3.5.7"),
            ("backend", "connect-standalone"),
        ],
    ),
    (
        Code::StandaloneMasterService,
        &[("backend", "connect-standalone")],
    ),
    (Code::GpuOnOpenshiftAnyuid, &[("features.gpu", "1")]),
];

/// The planned doc pages a diagnostic may link to.
const DOC_PAGES: &[&str] = &[
    "index",
    "architecture",
    "components",
    "personas",
    "getting-started/index",
    "getting-started/choose-preset",
    "getting-started/local",
    "guides/sizing",
    "guides/s3-minio",
    "guides/hive-metastore",
    "guides/history-server",
    "guides/iceberg",
    "guides/gpu-rapids",
    "guides/celeborn",
    "guides/security-pss",
    "guides/openshift",
    "guides/monitoring",
    "guides/secrets",
    "guides/side-by-side",
    "guides/upgrade-35-to-41",
    "guides/quotas",
    "reference/compatibility",
    "reference/ports",
    "reference/helm-values",
    "reference/spark-properties",
];

fn with(edits: &[(&str, &str)]) -> Choices {
    let mut c = Choices::default();
    for (k, v) in edits {
        let f = field(k).unwrap_or_else(|| panic!("no field {k}"));
        assert!((f.set)(&mut c, v), "{k}={v} did not apply");
    }
    c
}

#[test]
fn every_rule_fires_on_its_case() {
    for (code, edits) in CASES {
        let (_, diags) = validate(&with(edits));
        assert!(
            diags.iter().any(|d| d.code == *code),
            "{} not reported for {edits:?}; got {:?}",
            code.as_str(),
            diags.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_code_has_a_case() {
    for code in Code::ALL {
        assert!(
            CASES.iter().any(|(c, _)| c == code),
            "no test case for {}",
            code.as_str()
        );
    }
    assert!(Code::ALL.len() >= 30, "at least 30 rules");
}

#[test]
fn defaults_have_no_errors() {
    let (v, diags) = validate(&Choices::default());
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code.as_str())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(v.ready());
}

#[test]
fn codes_are_stable_texts_complete_and_docs_planned() {
    let mut seen = std::collections::HashSet::new();
    for code in Code::ALL {
        let s = code.as_str();
        assert!(seen.insert(s), "duplicate code {s}");
        assert!(
            s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{s}"
        );
        assert_eq!(Code::parse(s), Some(*code));
        assert!(
            DOC_PAGES.contains(&code.doc()),
            "{s}: doc {} is not a planned page",
            code.doc()
        );
        for lang in [composer::Lang::En, composer::Lang::Ru] {
            assert!(!code.template(lang).trim().is_empty());
        }
        // Russian text is Russian, with placeholders matching the English ones.
        let en = code.template(composer::Lang::En);
        let ru = code.template(composer::Lang::Ru);
        assert!(
            ru.chars().any(|c| ('а'..='я').contains(&c)),
            "{s}: RU text is not Russian"
        );
        let holes = |t: &str| {
            let mut v: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(a, _)| a.to_string()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            holes(en),
            holes(ru),
            "{s}: placeholders differ between EN and RU"
        );
    }
}

#[test]
fn arguments_fill_every_placeholder() {
    for (code, edits) in CASES {
        let (_, diags) = validate(&with(edits));
        for d in diags.iter().filter(|d| d.code == *code) {
            for lang in [composer::Lang::En, composer::Lang::Ru] {
                let t = d.text(lang);
                assert!(
                    !t.contains('{'),
                    "{}: unfilled placeholder in {t:?}",
                    code.as_str()
                );
            }
        }
    }
}
