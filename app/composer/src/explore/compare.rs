//! Two configurations side by side: what they deploy, what they cost at full scale, how locked
//! down they are and what they expose. The values diff comes from `diff`.

use super::{graph, sizing};
use crate::Lang;
use crate::bundle::{Composition, pss_findings};
use crate::diag::Severity;
use crate::quantity::k8s;

/// One compared property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub label: &'static str,
    pub a: String,
    pub b: String,
}

impl Row {
    pub fn differs(&self) -> bool {
        self.a != self.b
    }
}

fn t(lang: Lang, en: &'static str, ru: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}

fn side(c: &Composition, lang: Lang) -> Vec<(&'static str, String)> {
    let v = &c.config;
    let ch = v.choices();
    let chart = sizing::chart(v);
    let g = graph::graph(v);
    let on = |b: bool| {
        t(
            lang,
            if b { "on" } else { "off" },
            if b { "вкл." } else { "выкл." },
        )
        .to_string()
    };
    let findings = pss_findings(c).len();
    let exposed = if ch.features.exposure == crate::choices::Exposure::None {
        t(lang, "none", "нет").to_string()
    } else {
        let list: Vec<String> = g
            .exposed()
            .iter()
            .map(|(n, p)| format!("{n}:{p}"))
            .collect();
        format!("{} ({})", ch.features.exposure.as_str(), list.join(", "))
    };
    let count = |s: Severity| {
        c.diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
            .to_string()
    };
    vec![
        (
            t(lang, "Components", "Компоненты"),
            crate::components_of(ch).join(", "),
        ),
        (
            t(lang, "Platform", "Платформа"),
            ch.platform.as_str().to_string(),
        ),
        (t(lang, "Chart", "Chart"), ch.chart.as_str().to_string()),
        (
            t(lang, "Executors (max)", "Executor'ов (макс.)"),
            chart.total.executors.to_string(),
        ),
        (
            t(lang, "Executor Pod memory", "Память Pod'а executor'а"),
            k8s(v.executor.pod_mib),
        ),
        (
            t(
                lang,
                "Memory limits at full scale",
                "Лимиты памяти на полном масштабе",
            ),
            k8s(chart.total.mib()),
        ),
        (
            t(
                lang,
                "CPU limits at full scale",
                "Лимиты CPU на полном масштабе",
            ),
            chart.total.cpu.to_string(),
        ),
        (
            t(lang, "Quota", "Квота"),
            chart
                .total
                .quota_mib
                .map_or_else(|| t(lang, "none", "нет").to_string(), k8s),
        ),
        (
            t(lang, "Process UID", "UID процесса"),
            if v.restricted_v2() {
                t(lang, "assigned by OpenShift", "выдаёт OpenShift").to_string()
            } else {
                ch.features.run_as_user.to_string()
            },
        ),
        (
            t(
                lang,
                "Read-only root filesystem",
                "Корневая ФС только для чтения",
            ),
            on(ch.features.read_only_root),
        ),
        (
            t(lang, "NetworkPolicies", "NetworkPolicy"),
            on(ch.features.network_policies),
        ),
        (
            t(lang, "Restricted PSS check", "Проверка restricted PSS"),
            if findings == 0 {
                t(lang, "passes", "пройдена").to_string()
            } else {
                format!("{findings} {}", t(lang, "findings", "замечаний"))
            },
        ),
        (
            t(lang, "Secrets", "Секреты"),
            ch.features.secrets.as_str().to_string(),
        ),
        (t(lang, "TLS", "TLS"), on(ch.features.tls)),
        (
            t(
                lang,
                "Exposed outside the cluster",
                "Доступно снаружи кластера",
            ),
            exposed,
        ),
        (
            t(lang, "Errors / warnings", "Ошибки / предупреждения"),
            format!("{} / {}", count(Severity::Error), count(Severity::Warning)),
        ),
    ]
}

/// The comparison table of two compositions, in the reader's language.
pub fn rows(a: &Composition, b: &Composition, lang: Lang) -> Vec<Row> {
    side(a, lang)
        .into_iter()
        .zip(side(b, lang))
        .map(|((label, a), (_, b))| Row { label, a, b })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str) -> Composition {
        let p = crate::preset(id).expect("preset");
        crate::compose(p.id, &p.choices())
    }

    #[test]
    fn restricted_against_minimal() {
        let r = rows(&c("minimal-local"), &c("openshift-restricted"), Lang::En);
        let uid = r.iter().find(|r| r.label == "Process UID").expect("row");
        assert!(uid.differs());
        assert_eq!(uid.b, "assigned by OpenShift");
        let pss = r
            .iter()
            .find(|r| r.label == "Restricted PSS check")
            .expect("row");
        assert_eq!(pss.b, "passes");
        let ru = rows(&c("minimal-local"), &c("openshift-restricted"), Lang::Ru);
        assert_eq!(ru.len(), r.len());
    }

    #[test]
    fn a_preset_against_itself_differs_nowhere() {
        for p in crate::presets() {
            let x = c(p.id);
            assert!(
                rows(&x, &x, Lang::En).iter().all(|r| !r.differs()),
                "{}",
                p.id
            );
        }
    }
}
