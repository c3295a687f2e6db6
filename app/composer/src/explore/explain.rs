//! "Why is this line here?": for a line of the bundle, the choice that produced it and a short
//! reason in both languages, with the doc page that explains more. Covers security contexts,
//! resources and NetworkPolicies (manifests), and the matching keys of the Helm values.

use crate::bundle::Composition;
use crate::model::{PodSize, ValidConfig};
use crate::quantity::{factor_text, k8s};

/// The answer for one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The Choices field path that produced the line, if one did.
    pub field: Option<&'static str>,
    pub en: String,
    pub ru: String,
    /// Doc page path under /<lang>/.
    pub doc: &'static str,
}

impl Explanation {
    pub fn text(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::En => &self.en,
            crate::Lang::Ru => &self.ru,
        }
    }
}

fn ex(
    field: Option<&'static str>,
    doc: &'static str,
    en: String,
    ru: String,
) -> Option<Explanation> {
    Some(Explanation { field, en, ru, doc })
}

/// Where a line sits: its key, the keys above it, the document's kind and component.
#[derive(Debug, Default)]
struct Ctx<'a> {
    key: &'a str,
    value: &'a str,
    /// Nearest first.
    parents: Vec<&'a str>,
    kind: &'a str,
    name: &'a str,
    component: &'a str,
}

impl Ctx<'_> {
    fn under(&self, k: &str) -> bool {
        self.key == k || self.parents.contains(&k)
    }
}

/// (indent of the key, key, value, is a list item)
fn parse(line: &str) -> (usize, &str, &str, bool) {
    let body = line.trim_start();
    let mut indent = line.len() - body.len();
    let mut rest = body;
    let mut item = false;
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r;
        indent += 2;
        item = true;
    }
    match rest
        .split_once(": ")
        .or_else(|| rest.strip_suffix(':').map(|k| (k, "")))
    {
        Some((k, v)) if !k.starts_with('#') => (indent, k.trim_matches('"'), v.trim(), item),
        _ => (indent, "", rest, item),
    }
}

fn context<'a>(text: &'a str, at: usize) -> Option<Ctx<'a>> {
    let lines: Vec<&str> = text.lines().collect();
    let here = *lines.get(at)?;
    let start = lines[..at]
        .iter()
        .rposition(|l| *l == "---")
        .map_or(0, |i| i + 1);
    let end = lines[at..]
        .iter()
        .position(|l| *l == "---")
        .map_or(lines.len(), |i| at + i);
    let doc = &lines[start..end];
    let (ind, key, value, item) = parse(here);
    let mut cx = Ctx {
        key,
        value,
        ..Ctx::default()
    };
    // `col` is the column our line hangs from; inside a list it is the dash's column, and the
    // list's own key may sit at that same column (our writer puts list items flush with it).
    let (mut col, mut in_list) = if item { (ind - 2, true) } else { (ind, false) };
    for l in lines[start..at].iter().rev() {
        if col == 0 && !in_list {
            break;
        }
        let (i, k, _, it) = parse(l);
        if k.is_empty() {
            continue;
        }
        let own_col = if it { i - 2 } else { i };
        if own_col < col || (!it && in_list && i == col) {
            if i < col || (in_list && i == col) {
                cx.parents.push(k);
            }
            (col, in_list) = (own_col, it);
        }
    }
    for l in doc {
        if let Some(k) = l.strip_prefix("kind: ") {
            cx.kind = k;
        }
    }
    if let Some(m) = doc.iter().position(|l| *l == "metadata:") {
        cx.name = doc[m + 1..]
            .iter()
            .take_while(|l| l.starts_with(' '))
            .find_map(|l| l.strip_prefix("  name: "))
            .unwrap_or("");
    }
    cx.component = lines[start..=at]
        .iter()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix("app.kubernetes.io/name: "))
        .unwrap_or("");
    Some(cx)
}

/// Explains line `line` (0-based) of bundle file `file`, or None when the line is not one this
/// covers.
pub fn explain(c: &Composition, file: &str, line: usize) -> Option<Explanation> {
    let text = c.files.get(file)?;
    let cx = context(text, line)?;
    let v = &c.config;
    let values = file.starts_with("values");
    if cx.kind == "NetworkPolicy" {
        return network_policy(v, &cx);
    }
    if values && cx.under("networkPolicies") {
        return ex(
            Some("features.network_policies"),
            "guides/security-pss",
            "The chart's own NetworkPolicies stay off: they miss the driver↔executor, metastore and History Server connections. The policies in manifests/network-policies.yaml allow exactly the connections of the component graph.".into(),
            "Собственные NetworkPolicy chart'а выключены: в них нет связей driver↔executor, metastore и History Server. Политики из manifests/network-policies.yaml разрешают ровно те связи, что на графе компонентов.".into(),
        );
    }
    if (cx.under("securityContext") || (values && cx.under("security")))
        && let Some(e) = security(v, &cx, values)
    {
        return Some(e);
    }
    if cx.under("resources") {
        return resources(v, &cx, values);
    }
    if values && cx.parents.first() == Some(&"executor") {
        return resources(v, &cx, values);
    }
    None
}

fn security(v: &ValidConfig, cx: &Ctx<'_>, values: bool) -> Option<Explanation> {
    let uid = v.choices().features.run_as_user;
    match cx.key {
        "securityContext" if v.restricted_v2() => ex(
            Some("platform"),
            "guides/openshift",
            "No runAsUser, runAsGroup or fsGroup here: OpenShift's restricted-v2 SCC gives every Pod a UID from the namespace's range and rejects Pods that fix one. The rest of the restricted profile stays: non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp.".into(),
            "Здесь нет runAsUser, runAsGroup и fsGroup: SCC restricted-v2 в OpenShift выдаёт каждому Pod'у UID из диапазона namespace и отклоняет Pod'ы с фиксированным UID. Остальное из профиля restricted на месте: не root, без повышения привилегий, без capabilities, seccomp RuntimeDefault.".into(),
        ),
        "securityContext" => ex(
            Some("platform"),
            "guides/security-pss",
            "Every Pod meets the restricted Pod Security Standard: it runs as a non-root user, cannot gain privileges, drops all Linux capabilities and uses the runtime's default seccomp profile.".into(),
            "Каждый Pod соответствует профилю restricted Pod Security Standards: работает не от root, не может повысить привилегии, сбрасывает все capabilities Linux и использует seccomp-профиль среды выполнения по умолчанию.".into(),
        ),
        "runAsUser" | "runAsGroup" | "fsGroup" if values && v.restricted_v2() => ex(
            Some("features.run_as_user"),
            "guides/openshift",
            format!("The Helm chart always writes {} = {uid}; under restricted-v2 a fixed UID needs an SCC that allows it. The raw manifests leave it out.", cx.key),
            format!("Helm chart всегда пишет {} = {uid}; под restricted-v2 фиксированный UID требует SCC, который его разрешает. В манифестах его нет.", cx.key),
        ),
        "runAsUser" | "runAsGroup" | "fsGroup" => {
            let fixed = cx.value.parse::<i64>().ok() != Some(uid);
            if fixed {
                ex(
                    None,
                    "guides/security-pss",
                    format!("{} = {}: the UID this component's image is built to run as (its data directory belongs to it), not the Spark UID.", cx.key, cx.value),
                    format!("{} = {}: UID, под которым собран образ этого компонента (ему принадлежит каталог данных), а не UID Spark.", cx.key, cx.value),
                )
            } else {
                ex(
                    Some("features.run_as_user"),
                    "guides/security-pss",
                    format!("{} = {uid} from the run-as-user choice: 185 is the spark user of the Apache Spark images. A fixed non-root UID lets files written to volumes keep one owner.", cx.key),
                    format!("{} = {uid} из выбора «UID процесса»: 185 — пользователь spark в образах Apache Spark. Фиксированный UID не root сохраняет одного владельца у файлов на томах.", cx.key),
                )
            }
        }
        "runAsNonRoot" => ex(
            Some("platform"),
            "guides/security-pss",
            "The kubelet refuses to start the container if its image would run as root (UID 0).".into(),
            "Kubelet не запустит контейнер, если образ запускается от root (UID 0).".into(),
        ),
        "allowPrivilegeEscalation" => ex(
            Some("platform"),
            "guides/security-pss",
            "No process in the container can gain more privileges than its parent (setuid binaries do not elevate). Required by the restricted profile.".into(),
            "Ни один процесс в контейнере не получит больше привилегий, чем родитель (setuid-бинарники не повышают права). Этого требует профиль restricted.".into(),
        ),
        "readOnlyRootFilesystem" => ex(
            Some("features.read_only_root"),
            "guides/security-pss",
            format!(
                "From the read-only root filesystem choice ({}): where it is on, everything the process writes goes to emptyDir volumes (/tmp, work dirs), so a compromised process cannot change the image's files.",
                if v.choices().features.read_only_root { "on" } else { "off" }
            ),
            format!(
                "Из выбора «корневая ФС только для чтения» ({}): когда включено, всё, что пишет процесс, попадает в тома emptyDir (/tmp, рабочие каталоги), и взломанный процесс не изменит файлы образа.",
                if v.choices().features.read_only_root { "вкл." } else { "выкл." }
            ),
        ),
        _ if cx.under("capabilities") => ex(
            Some("platform"),
            "guides/security-pss",
            "All Linux capabilities are dropped: Spark and the services need none of them, and the restricted profile allows none but NET_BIND_SERVICE.".into(),
            "Все capabilities Linux сброшены: ни Spark, ни сервисам они не нужны, а профиль restricted разрешает только NET_BIND_SERVICE.".into(),
        ),
        _ if cx.under("seccompProfile") => ex(
            Some("platform"),
            "guides/security-pss",
            "The container runtime's default seccomp profile blocks rarely used, dangerous system calls. The restricted profile requires it.".into(),
            "Seccomp-профиль среды выполнения по умолчанию запрещает редкие опасные системные вызовы. Профиль restricted требует его.".into(),
        ),
        _ => None,
    }
}

/// Which Spark Pod a resources line belongs to, if it is one.
fn spark_role<'v>(
    v: &'v ValidConfig,
    cx: &Ctx<'_>,
    values: bool,
) -> Option<(&'static str, &'v PodSize)> {
    if values {
        if cx.parents.contains(&"executor") {
            return Some(("executor", &v.executor));
        }
        if cx.parents.contains(&"connect") {
            return Some(("driver", &v.driver));
        }
        return None;
    }
    match cx.component {
        "spark-executor" => Some(("executor", &v.executor)),
        "spark-driver" | "connect" | "spark-submit" => Some(("driver", &v.driver)),
        _ => None,
    }
}

fn component_field(component: &str) -> Option<&'static str> {
    Some(match component {
        "jupyter" => "components.jupyter",
        "history-server" | "historyServer" => "components.history",
        "metastore" => "components.metastore",
        "postgresql" => "components.postgresql",
        "minio" => "components.storage",
        "mlflow" => "components.mlflow",
        c if c.starts_with("airflow") => "components.airflow",
        c if c.starts_with("celeborn") => "components.celeborn",
        c if c.starts_with("standalone") => "backend",
        _ => return None,
    })
}

fn resources(v: &ValidConfig, cx: &Ctx<'_>, values: bool) -> Option<Explanation> {
    let in_limits = cx.under("limits") || cx.key.ends_with("Limit");
    let is_mem = cx.key.starts_with("memory");
    let is_cpu = cx.key == "cpu" || cx.key.starts_with("cores");
    if let Some((role, size)) = spark_role(v, cx, values) {
        let (ru_role, f_mem, f_lim, f_cores): (&str, &'static str, &'static str, &'static str) =
            if role == "executor" {
                (
                    "executor'а",
                    "sizing.executor_memory",
                    "sizing.executor_limit",
                    "sizing.executor_cores",
                )
            } else {
                (
                    "драйвера",
                    "sizing.driver_memory",
                    "sizing.driver_limit",
                    "sizing.driver_cores",
                )
            };
        let factor = factor_text(v.overhead_milli);
        return if is_mem && !in_limits {
            ex(
                Some(f_mem),
                "guides/sizing",
                format!(
                    "The {role} Pod requests {need}: JVM memory {mem} + overhead {over} (factor {factor}) + PySpark {py}. The scheduler places it only on a node with that much memory free.",
                    need = k8s(size.pod_mib),
                    mem = k8s(size.memory_mib),
                    over = k8s(size.overhead_mib),
                    py = k8s(size.pyspark_mib)
                ),
                format!(
                    "Pod {ru_role} запрашивает {need}: память JVM {mem} + overhead {over} (коэффициент {factor}) + PySpark {py}. Планировщик поставит его только на ноду, где столько памяти свободно.",
                    need = k8s(size.pod_mib),
                    mem = k8s(size.memory_mib),
                    over = k8s(size.overhead_mib),
                    py = k8s(size.pyspark_mib)
                ),
            )
        } else if is_mem {
            ex(
                Some(f_lim),
                "guides/sizing",
                format!(
                    "The {role} container's memory limit ({}), never below what the Pod requests ({}). Above it the kernel OOM-kills the container: keep headroom for off-heap and Python memory.",
                    k8s(size.limit_mib.max(size.pod_mib)),
                    k8s(size.pod_mib)
                ),
                format!(
                    "Лимит памяти контейнера {ru_role} ({}), не меньше запроса Pod'а ({}). При превышении ядро убьёт контейнер (OOMKill): оставляйте запас на off-heap и память Python.",
                    k8s(size.limit_mib.max(size.pod_mib)),
                    k8s(size.pod_mib)
                ),
            )
        } else if is_cpu && in_limits {
            ex(
                Some(f_cores),
                "guides/sizing",
                format!(
                    "The CPU limit is twice the {} requested cores, so GC and Python bursts are throttled later rather than at once.",
                    size.cores
                ),
                format!(
                    "Лимит CPU — вдвое больше запрошенных ядер ({}): GC и всплески Python упираются в троттлинг не сразу.",
                    size.cores
                ),
            )
        } else if is_cpu {
            ex(
                Some(f_cores),
                "guides/sizing",
                format!(
                    "{} cores from the {role} cores choice: one task runs per core.",
                    size.cores
                ),
                format!(
                    "{} ядер из выбора «ядра {ru_role}»: на одном ядре выполняется одна задача.",
                    size.cores
                ),
            )
        } else {
            ex(
                Some(f_mem),
                "guides/sizing",
                format!(
                    "Resources of the {role} Pod come from the sizing choices; the sizing chart shows them against a node and the quota."
                ),
                format!(
                    "Ресурсы Pod'а {ru_role} берутся из выбора размеров; диаграмма размеров показывает их на фоне ноды и квоты."
                ),
            )
        };
    }
    let component = if values {
        cx.parents.last().copied().unwrap_or("")
    } else {
        cx.component
    };
    let svc = v
        .services()
        .into_iter()
        .find(|s| s.name == component || component.starts_with(s.name));
    let (req, lim) = svc.map_or((String::new(), String::new()), |s| {
        (k8s(s.mem_req_mib), k8s(s.mem_lim_mib))
    });
    ex(
        component_field(component),
        "guides/quotas",
        format!(
            "{component} gets a fixed size from the composer's table (memory request {req}, limit {lim}); its limits count toward the namespace quota."
        ),
        format!(
            "{component} получает фиксированный размер из таблицы composer'а (запрос памяти {req}, лимит {lim}); его лимиты входят в квоту namespace."
        ),
    )
}

fn network_policy(v: &ValidConfig, cx: &Ctx<'_>) -> Option<Explanation> {
    let rel = format!("{}-", v.release());
    let name = cx.name.strip_prefix(&rel).unwrap_or(cx.name);
    let field = Some("features.network_policies");
    let doc = "guides/security-pss";
    if name == "default-deny" {
        return ex(field, doc,
            "Default deny: no Pod in the namespace may send or receive anything unless another policy allows that connection.".into(),
            "Запрет по умолчанию: ни один Pod в namespace ничего не отправит и не примет, пока связь не разрешит другая политика.".into());
    }
    if name == "allow-dns" {
        return ex(field, doc,
            "Every Pod may query DNS (port 53, and 5353 for OpenShift's DNS): without it no Service name resolves.".into(),
            "Любой Pod может обращаться к DNS (порт 53 и 5353 для DNS OpenShift): без этого не разрешится ни одно имя Service.".into());
    }
    if let Some(rest) = name.strip_prefix("allow-") {
        let (from, to) = rest.split_once("-to-").unwrap_or((rest, "?"));
        return ex(
            field,
            doc,
            format!(
                "{to} accepts connections from {from}, only on the listed ports: one arrow of the component graph."
            ),
            format!(
                "{to} принимает соединения от {from}, только на перечисленные порты: одна стрелка графа компонентов."
            ),
        );
    }
    if let Some(src) = name.strip_prefix("egress-") {
        return ex(
            field,
            doc,
            format!(
                "Where {src} may connect to: every destination of its arrows in the component graph, and nothing else."
            ),
            format!(
                "Куда может подключаться {src}: все адресаты его стрелок на графе компонентов, и больше никуда."
            ),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(c: &Composition, file: &str, pred: impl Fn(&str) -> bool) -> Vec<usize> {
        c.files[file]
            .lines()
            .enumerate()
            .filter(|(_, l)| pred(l))
            .map(|(i, _)| i)
            .collect()
    }

    fn compose(id: &str) -> Composition {
        let p = crate::preset(id).expect("preset");
        crate::compose(p.id, &p.choices())
    }

    #[test]
    fn restricted_security_context_says_why_there_is_no_uid() {
        let c = compose("openshift-restricted");
        for (file, text) in &c.files {
            if file.starts_with("manifests/") {
                assert!(!text.contains("runAsUser"), "{file}");
            }
        }
        let lines = find(&c, "manifests/connect.yaml", |l| {
            l.trim() == "securityContext:"
        });
        assert!(!lines.is_empty());
        for l in lines {
            let e = explain(&c, "manifests/connect.yaml", l).expect("explained");
            assert!(e.en.contains("restricted-v2"), "{}", e.en);
            assert!(e.ru.contains("restricted-v2"));
            assert_eq!(e.doc, "guides/openshift");
        }
    }

    #[test]
    fn every_security_and_resources_line_of_every_preset_is_explained() {
        for p in crate::presets() {
            let c = crate::compose(p.id, &p.choices());
            for (file, text) in &c.files {
                if !file.starts_with("manifests/") {
                    continue;
                }
                let mut in_block: Option<usize> = None;
                for (i, l) in text.lines().enumerate() {
                    let ind = l.len() - l.trim_start().len();
                    if in_block.is_some_and(|b| ind <= b && !l.trim_start().starts_with("- ")) {
                        in_block = None;
                    }
                    if l.trim() == "securityContext:" || l.trim() == "resources:" {
                        in_block = Some(ind);
                    }
                    if in_block.is_some() {
                        let e = explain(&c, file, i);
                        assert!(e.is_some(), "{}: {file}:{} `{l}`", p.id, i + 1);
                    }
                }
            }
        }
    }

    #[test]
    fn resources_name_the_choice() {
        let c = compose("jupyter-connect-k8s");
        let f = "manifests/spark-config.yaml";
        let text = &c.files[f];
        let lines: Vec<&str> = text.lines().collect();
        let exec = lines
            .iter()
            .position(|l| l.trim() == "executor.yaml: |")
            .expect("template");
        let req = exec
            + lines[exec..]
                .iter()
                .position(|l| l.trim_start().starts_with("memory:"))
                .expect("memory");
        let e = explain(&c, f, req).expect("explained");
        assert_eq!(e.field, Some("sizing.executor_memory"), "{}", lines[req]);
        let lim = req
            + lines[req + 1..]
                .iter()
                .position(|l| l.trim_start().starts_with("memory:"))
                .expect("limit")
            + 1;
        assert_eq!(
            explain(&c, f, lim).expect("explained").field,
            Some("sizing.executor_limit")
        );
        let v = find(&c, "values.yaml", |l| {
            l.trim_start().starts_with("memoryLimit:")
        });
        assert_eq!(
            explain(&c, "values.yaml", v[0]).and_then(|e| e.field),
            Some("sizing.executor_limit")
        );
    }

    #[test]
    fn every_network_policy_line_is_explained() {
        let c = compose("production-ha");
        let f = "manifests/network-policies.yaml";
        for (i, l) in c.files[f].lines().enumerate() {
            if l.starts_with('#') || l == "---" {
                continue;
            }
            let e = explain(&c, f, i).unwrap_or_else(|| panic!("line {} `{l}`", i + 1));
            assert_eq!(e.field, Some("features.network_policies"));
        }
    }

    #[test]
    fn out_of_range_and_unknown_files_are_none() {
        let c = compose("minimal-local");
        assert!(explain(&c, "nope", 0).is_none());
        assert!(explain(&c, "values.yaml", 1_000_000).is_none());
    }
}
