//! The search index, written into `<dist>/search/<lang>/` after the pages: docs and runbooks by
//! section, presets (opening the composer with the preset) and composer options (opening the
//! composer at the field). The browser fetches nothing of it before the first search.

use anyhow::{Context, Result};
use content::{Lang, Site, Translation, route};
use search::{Builder, Kind, SectionIn};
use std::fmt::Write as _;
use std::path::Path;

/// Label and one-line explanation of a composer field in both languages, with the Spark or
/// Kubernetes keys it sets (so a search for the key finds the field).
struct FieldText {
    path: &'static str,
    en: (&'static str, &'static str),
    ru: (&'static str, &'static str),
    keys: &'static str,
}

const fn f(
    path: &'static str,
    en: (&'static str, &'static str),
    ru: (&'static str, &'static str),
    keys: &'static str,
) -> FieldText {
    FieldText { path, en, ru, keys }
}

#[rustfmt::skip]
const FIELD_TEXT: &[FieldText] = &[
    f("chart", ("Chart line", "Which spark_k8s chart line the Helm values target: Spark 4.1 or 3.5."), ("Линейка чартов", "Под какую линейку чартов spark_k8s пишутся Helm values: Spark 4.1 или 3.5."), "helm chart version"),
    f("backend", ("Backend", "How Spark work is launched: Spark Connect on Kubernetes, Connect on a standalone cluster, spark-submit, or the Spark operator."), ("Бэкенд", "Как запускаются задания Spark: Spark Connect в Kubernetes, Connect на standalone-кластере, spark-submit или Spark operator."), "spark-connect spark-submit operator standalone"),
    f("platform", ("Platform", "Plain Kubernetes or OpenShift with the restricted or anyuid SCC."), ("Платформа", "Обычный Kubernetes или OpenShift с SCC restricted или anyuid."), "openshift scc kubernetes"),
    f("site_url", ("Docs site URL", "Where the generated README links to."), ("Адрес документации", "Куда ведут ссылки из сгенерированного README."), ""),
    f("identity.namespace", ("Namespace", "The Kubernetes namespace everything is installed into."), ("Пространство имён", "Namespace Kubernetes, в который ставится всё."), "namespace"),
    f("identity.release", ("Release name", "The Helm release name; object names start with it."), ("Имя релиза", "Имя Helm-релиза; с него начинаются имена объектов."), "helm release"),
    f("identity.registry", ("Image registry", "The registry the Spark and Jupyter images are pulled from."), ("Реестр образов", "Реестр, из которого тянутся образы Spark и Jupyter."), "image registry imagePullSecrets"),
    f("identity.spark_tag", ("Spark image tag", "The tag of the Spark image."), ("Тег образа Spark", "Тег образа Spark."), "image tag"),
    f("identity.jupyter_tag", ("Jupyter image tag", "The tag of the Jupyter image."), ("Тег образа Jupyter", "Тег образа Jupyter."), "image tag"),
    f("identity.create_namespace", ("Create the namespace", "Whether the install creates the namespace with its Pod Security labels."), ("Создавать namespace", "Создаёт ли установка namespace вместе с метками Pod Security."), "namespace pod-security labels"),
    f("components.jupyter", ("Jupyter", "A JupyterLab connected to Spark."), ("Jupyter", "JupyterLab, подключённый к Spark."), "jupyterlab notebook"),
    f("components.history", ("History Server", "The Spark History Server that shows finished applications from event logs."), ("History Server", "Spark History Server: показывает завершённые приложения по журналам событий."), "history server event log сервер истории"),
    f("components.metastore", ("Hive Metastore", "A Hive Metastore for tables and the Iceberg hive catalog."), ("Hive Metastore", "Hive Metastore для таблиц и каталога Iceberg типа hive."), "hive metastore"),
    f("components.postgresql", ("PostgreSQL", "A PostgreSQL database for the metastore and Airflow."), ("PostgreSQL", "База PostgreSQL для метастора и Airflow."), "postgres database"),
    f("components.storage", ("Object storage", "MinIO in the namespace, an external S3 endpoint, or none."), ("Объектное хранилище", "MinIO в namespace, внешний S3 или ничего."), "minio s3 storage"),
    f("components.airflow", ("Airflow", "Apache Airflow for scheduling Spark jobs."), ("Airflow", "Apache Airflow для расписания заданий Spark."), "airflow scheduler dag"),
    f("components.mlflow", ("MLflow", "An MLflow tracking server."), ("MLflow", "Сервер MLflow tracking."), "mlflow tracking"),
    f("components.celeborn", ("Celeborn", "Apache Celeborn as the remote shuffle service."), ("Celeborn", "Apache Celeborn как удалённый shuffle-сервис."), "remote shuffle service"),
    f("components.operator", ("Spark operator", "The Spark operator that runs SparkApplication resources."), ("Spark operator", "Spark operator, который запускает ресурсы SparkApplication."), "SparkApplication operator"),
    f("features.iceberg", ("Iceberg catalog", "Apache Iceberg with a hadoop, hive or REST catalog, or off."), ("Каталог Iceberg", "Apache Iceberg с каталогом hadoop, hive или REST, либо без него."), "iceberg catalog"),
    f("features.iceberg_rest_uri", ("Iceberg REST URI", "The address of the Iceberg REST catalog."), ("URI Iceberg REST", "Адрес REST-каталога Iceberg."), "iceberg rest catalog uri"),
    f("features.gpu", ("GPUs", "Executors request NVIDIA GPUs and use the RAPIDS accelerator."), ("GPU", "Исполнители запрашивают GPU NVIDIA и используют ускоритель RAPIDS."), "nvidia.com/gpu rapids"),
    f("features.gpu_count", ("GPUs per executor", "How many GPUs each executor requests."), ("GPU на исполнитель", "Сколько GPU запрашивает каждый исполнитель."), "nvidia.com/gpu"),
    f("features.monitoring", ("Monitoring", "Prometheus metrics from Spark and ServiceMonitor or PodMonitor objects."), ("Мониторинг", "Метрики Spark для Prometheus и объекты ServiceMonitor или PodMonitor."), "prometheus metrics servicemonitor podmonitor"),
    f("features.alerts", ("Alerts", "PrometheusRule alerts that link to the runbooks."), ("Алерты", "Алерты PrometheusRule со ссылками на ранбуки."), "prometheusrule alert runbook"),
    f("features.dashboards", ("Dashboards", "Grafana dashboards for Spark."), ("Дашборды", "Дашборды Grafana для Spark."), "grafana dashboard"),
    f("features.exposure", ("Exposure", "How the UIs are reached from outside: none, an Ingress or an OpenShift Route."), ("Доступ снаружи", "Как UI открываются снаружи: никак, через Ingress или Route в OpenShift."), "ingress route"),
    f("features.tls", ("TLS", "TLS on the Ingress or Route."), ("TLS", "TLS на Ingress или Route."), "tls https certificate cert-manager"),
    f("features.domain", ("Domain", "The host name the UIs are exposed under."), ("Домен", "Имя хоста, под которым открываются UI."), "host domain"),
    f("features.network_policies", ("Network policies", "Default-deny NetworkPolicies with only the traffic each component needs."), ("Сетевые политики", "NetworkPolicy с запретом по умолчанию и только нужным компонентам трафиком."), "networkpolicy default-deny egress ingress"),
    f("features.pdb", ("Pod disruption budgets", "PodDisruptionBudgets for the long-running services."), ("PodDisruptionBudget", "PodDisruptionBudget для долгоживущих сервисов."), "pdb poddisruptionbudget"),
    f("features.ha", ("High availability", "More than one replica where a component supports it."), ("Высокая доступность", "Несколько реплик там, где компонент это умеет."), "ha replicas"),
    f("features.dynamic_allocation", ("Dynamic allocation", "Spark adds and removes executors with the load."), ("Динамическое выделение", "Spark добавляет и убирает исполнители по нагрузке."), "spark.dynamicAllocation.enabled"),
    f("features.shuffle_tracking", ("Shuffle tracking", "Keeps executors that hold shuffle data while dynamic allocation scales down."), ("Отслеживание shuffle", "Не убирает исполнители с данными shuffle при уменьшении динамического выделения."), "spark.dynamicAllocation.shuffleTracking.enabled"),
    f("features.secrets", ("Secrets", "Where credentials come from: an existing Secret, External Secrets, or values written inline."), ("Секреты", "Откуда берутся учётные данные: готовый Secret, External Secrets или значения прямо в values."), "secret external-secrets"),
    f("features.secret_store", ("Secret store", "The External Secrets store to read credentials from."), ("Хранилище секретов", "SecretStore External Secrets, из которого читаются учётные данные."), "secretstore external-secrets"),
    f("features.read_only_root", ("Read-only root filesystem", "Containers run with a read-only root filesystem and writable emptyDir mounts."), ("Корневая ФС только для чтения", "Контейнеры работают с корневой файловой системой только для чтения и emptyDir для записи."), "readOnlyRootFilesystem emptyDir securityContext"),
    f("features.run_as_user", ("Run as user", "The UID containers run as."), ("UID пользователя", "UID, под которым работают контейнеры."), "runAsUser runAsNonRoot securityContext uid"),
    f("sizing.workload", ("Workload", "JVM or PySpark jobs: PySpark needs more memory outside the JVM."), ("Тип нагрузки", "Задания на JVM или PySpark: PySpark нужно больше памяти вне JVM."), "pyspark jvm python"),
    f("sizing.driver_memory", ("Driver memory", "The driver JVM heap."), ("Память драйвера", "Куча JVM драйвера."), "spark.driver.memory"),
    f("sizing.driver_cores", ("Driver cores", "CPU cores of the driver."), ("Ядра драйвера", "Ядра CPU драйвера."), "spark.driver.cores"),
    f("sizing.driver_limit", ("Driver memory limit", "The memory limit of the driver pod."), ("Лимит памяти драйвера", "Лимит памяти пода драйвера."), "limits memory"),
    f("sizing.executor_memory", ("Executor memory", "The JVM heap of each executor."), ("Память исполнителя", "Куча JVM каждого исполнителя."), "spark.executor.memory"),
    f("sizing.executor_cores", ("Executor cores", "CPU cores of each executor: tasks that run at once."), ("Ядра исполнителя", "Ядра CPU каждого исполнителя: столько задач идёт одновременно."), "spark.executor.cores"),
    f("sizing.executor_limit", ("Executor memory limit", "The memory limit of each executor pod; above it the pod is OOMKilled."), ("Лимит памяти исполнителя", "Лимит памяти пода исполнителя; выше него под убивается как OOMKilled."), "limits memory OOMKilled"),
    f("sizing.executor_min", ("Minimum executors", "The fewest executors dynamic allocation keeps."), ("Минимум исполнителей", "Меньше скольких исполнителей динамическое выделение не опускается."), "spark.dynamicAllocation.minExecutors"),
    f("sizing.executor_max", ("Maximum executors", "The most executors dynamic allocation starts."), ("Максимум исполнителей", "Больше скольких исполнителей динамическое выделение не запускает."), "spark.dynamicAllocation.maxExecutors"),
    f("sizing.overhead_factor", ("Memory overhead factor", "Memory outside the JVM heap as a share of it; empty means Spark's default for the workload."), ("Доля памяти вне кучи", "Память вне кучи JVM как доля от неё; пусто — значение Spark по умолчанию для типа нагрузки."), "spark.kubernetes.memoryOverheadFactor spark.executor.memoryOverhead"),
    f("sizing.pyspark_memory", ("PySpark memory", "Memory for the Python workers of each executor."), ("Память PySpark", "Память для Python-воркеров каждого исполнителя."), "spark.executor.pyspark.memory"),
    f("sizing.connect_replicas", ("Connect server replicas", "How many Spark Connect servers run."), ("Реплики Connect", "Сколько серверов Spark Connect запущено."), "spark-connect replicas"),
    f("sizing.node_cpu", ("Node CPU", "CPU cores of one worker node, to check pods fit."), ("CPU узла", "Ядра CPU одного рабочего узла: проверка, что поды помещаются."), "node allocatable"),
    f("sizing.node_memory", ("Node memory", "Memory of one worker node, to check pods fit."), ("Память узла", "Память одного рабочего узла: проверка, что поды помещаются."), "node allocatable"),
    f("sizing.quota_cpu", ("CPU quota", "A ResourceQuota on CPU for the namespace; 0 means none."), ("Квота CPU", "ResourceQuota на CPU для namespace; 0 — без квоты."), "resourcequota"),
    f("sizing.quota_memory", ("Memory quota", "A ResourceQuota on memory for the namespace; empty means none."), ("Квота памяти", "ResourceQuota на память для namespace; пусто — без квоты."), "resourcequota"),
    f("s3.endpoint", ("S3 endpoint", "The address of the external S3 storage."), ("Адрес S3", "Адрес внешнего хранилища S3."), "spark.hadoop.fs.s3a.endpoint s3a"),
    f("s3.warehouse_bucket", ("Warehouse bucket", "The bucket for tables."), ("Бакет хранилища таблиц", "Бакет для таблиц."), "warehouse bucket"),
    f("s3.logs_bucket", ("Logs bucket", "The bucket for Spark event logs."), ("Бакет логов", "Бакет для журналов событий Spark."), "bucket event log"),
    f("s3.event_log_dir", ("Event log directory", "Where applications write their event logs."), ("Каталог журналов событий", "Куда приложения пишут журналы событий."), "spark.eventLog.dir"),
    f("s3.history_log_dir", ("History log directory", "Where the History Server reads event logs; must match the event log directory."), ("Каталог логов для History Server", "Откуда History Server читает журналы событий; должен совпадать с каталогом журналов."), "spark.history.fs.logDirectory"),
    f("s3.secret_name", ("S3 credentials Secret", "The Secret with the S3 access and secret keys."), ("Secret с ключами S3", "Secret с ключом доступа и секретным ключом S3."), "secret"),
    f("s3.access_key", ("S3 access key", "The access key, only when secrets are written inline."), ("Ключ доступа S3", "Ключ доступа, только если секреты пишутся прямо в values."), "access key"),
    f("s3.secret_key", ("S3 secret key", "The secret key, only when secrets are written inline."), ("Секретный ключ S3", "Секретный ключ, только если секреты пишутся прямо в values."), "secret key"),
];

/// Sizes of one language's index, for the dist summary and `cargo xtask bench`.
struct Figures {
    lang: Lang,
    out: search::Output,
    brotli_index: usize,
    brotli_all: usize,
}

fn build(site: &Site, base: &str, lang: Lang) -> search::Output {
    let mut builder = Builder::new();
    if let Some(lang_site) = site.lang(lang) {
        for page in &lang_site.pages {
            // A fallback page shows the other language's text: that language's index has it.
            if matches!(page.translation, Translation::Fallback { .. }) {
                continue;
            }
            let kind = if page.runbook.is_some() {
                Kind::Runbook
            } else {
                Kind::Guide
            };
            let mut alerts = String::new();
            if let Some(rb) = &page.runbook {
                alerts = rb.alerts.join(" ");
            }
            let texts: Vec<String> = page
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    // Alert names belong to the top of a runbook: that is where they are shown.
                    if i == 0 && !alerts.is_empty() {
                        format!("{alerts} {}", s.text)
                    } else {
                        s.text.clone()
                    }
                })
                .collect();
            let sections: Vec<SectionIn<'_>> = page
                .sections
                .iter()
                .zip(&texts)
                .map(|(s, text)| SectionIn {
                    id: &s.id,
                    heading: &s.heading,
                    text,
                })
                .collect();
            builder.add(kind, &page.route(base), &page.title, &sections);
        }
    }
    let engine_lang = match lang {
        Lang::En => composer::Lang::En,
        Lang::Ru => composer::Lang::Ru,
    };
    let composer_route = route(base, lang, "composer");
    for preset in composer::presets() {
        let url = format!(
            "{composer_route}#{}",
            composer::encode(preset.id, &preset.choices())
        );
        let title = preset.title.get(engine_lang);
        let text = format!(
            "{} {} {}",
            preset.description.get(engine_lang),
            preset.tags.join(" "),
            preset.id
        );
        builder.add(
            Kind::Preset,
            &url,
            title,
            &[SectionIn {
                id: "",
                heading: title,
                text: &text,
            }],
        );
    }
    for field in composer::FIELDS {
        let Some(t) = FIELD_TEXT.iter().find(|t| t.path == field.path) else {
            continue;
        };
        let (label, explanation) = match lang {
            Lang::En => t.en,
            Lang::Ru => t.ru,
        };
        let url = format!("{composer_route}?focus={}", field.path);
        let text = format!("{explanation} {} {}", t.keys, field.path);
        builder.add(
            Kind::Option,
            &url,
            label,
            &[SectionIn {
                id: "",
                heading: label,
                text: &text,
            }],
        );
    }
    builder.finish()
}

/// Writes `search/<lang>/*.txt` and `search/stats.json` under `out`; prints the sizes.
pub fn write(site: &Site, base: &str, out: &Path) -> Result<()> {
    let mut figures = Vec::new();
    for lang in Lang::ALL {
        let output = build(site, base, lang);
        let dir = out.join("search").join(lang.code());
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut brotli_index = 0;
        let mut brotli_all = 0;
        for (name, text) in &output.files {
            std::fs::write(dir.join(name), text)
                .with_context(|| format!("writing search/{}/{name}", lang.code()))?;
            let br = crate::compress::brotli(text.as_bytes()).len();
            brotli_all += br;
            if !name.starts_with('f') {
                brotli_index += br;
            }
        }
        figures.push(Figures {
            lang,
            out: output,
            brotli_index,
            brotli_all,
        });
    }
    let mut json = String::from("{");
    for (i, f) in figures.iter().enumerate() {
        let all_raw: usize = f.out.files.iter().map(|(_, t)| t.len()).sum();
        let chunks = f
            .out
            .files
            .iter()
            .filter(|(n, _)| n.starts_with('c'))
            .count();
        let groups = f
            .out
            .files
            .iter()
            .filter(|(n, _)| n.starts_with('f'))
            .count();
        let _ = write!(
            json,
            "{}\"{}\":{{\"text_bytes\":{},\"index_raw\":{},\"index_brotli\":{},\"all_raw\":{},\"all_brotli\":{},\"documents\":{},\"terms\":{},\"chunks\":{},\"groups\":{}}}",
            if i > 0 { "," } else { "" },
            f.lang.code(),
            f.out.text_bytes,
            f.out.index_bytes,
            f.brotli_index,
            all_raw,
            f.brotli_all,
            f.out.documents,
            f.out.terms,
            chunks,
            groups,
        );
        println!(
            "search {}: {} documents, {} terms; index {} B raw / {} B brotli = {:.1}% / {:.1}% of {} B text",
            f.lang.code(),
            f.out.documents,
            f.out.terms,
            f.out.index_bytes,
            f.brotli_index,
            100.0 * f.out.index_bytes as f64 / f.out.text_bytes.max(1) as f64,
            100.0 * f.brotli_index as f64 / f.out.text_bytes.max(1) as f64,
            f.out.text_bytes,
        );
    }
    json.push('}');
    std::fs::write(out.join("search/stats.json"), json).context("writing search/stats.json")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_composer_field_has_search_text() {
        for field in composer::FIELDS {
            assert!(
                FIELD_TEXT.iter().any(|t| t.path == field.path),
                "no search text for {}",
                field.path
            );
        }
        for t in FIELD_TEXT {
            assert!(
                composer::field(t.path).is_some(),
                "unknown field {}",
                t.path
            );
        }
    }
}

#[cfg(test)]
mod real_content {
    use super::*;

    fn top(lang: Lang, queries: &[&str]) -> Vec<(String, Vec<String>)> {
        let site = crate::dist::compile_content("/", false).expect("the content builds");
        let out = build(&site, "/", lang);
        let index = search::load_all(&out).expect("the index loads");
        queries
            .iter()
            .map(|q| {
                let hits = search::run(&index, q, 10).unwrap_or_default();
                (
                    q.to_string(),
                    hits.iter()
                        .map(|h| format!("{}#{}", h.url, h.anchor))
                        .collect(),
                )
            })
            .collect()
    }

    /// The examples on the real content: a named query and the page it must put first.
    #[test]
    fn real_queries_land_on_the_right_page_and_the_index_stays_small() {
        let cases: &[(Lang, &str, &str)] = &[
            (Lang::En, "OOMKilled", "/en/runbooks/executor-oomkilled/"),
            (
                Lang::En,
                "exit code 137",
                "/en/runbooks/executor-oomkilled/",
            ),
            (
                Lang::En,
                "ImagePullBackOff",
                "/en/runbooks/image-pull-failures/",
            ),
            (
                Lang::En,
                "history server empty",
                "/en/runbooks/history-server-empty/",
            ),
            (Lang::En, "seccomp", "/en/guides/security-pss/"),
            (
                Lang::En,
                "executor memory",
                "/en/composer/?focus=sizing.executor_memory",
            ),
            (
                Lang::Ru,
                "нехватка памяти",
                "/ru/runbooks/executor-oomkilled/",
            ),
            (
                Lang::Ru,
                "историй сервер пустой",
                "/ru/runbooks/history-server-empty/",
            ),
            (Lang::Ru, "seccomp", "/ru/guides/security-pss/"),
            (Lang::Ru, "OOMKilled", "/ru/runbooks/executor-oomkilled/"),
        ];
        let site = crate::dist::compile_content("/", false).expect("the content builds");
        let mut failed = Vec::new();
        for lang in Lang::ALL {
            let out = build(&site, "/", lang);
            let share = out.index_bytes as f64 / out.text_bytes as f64;
            assert!(
                share <= 0.30,
                "{} index is {:.1}% of its text",
                lang.code(),
                share * 100.0
            );
            let index = search::load_all(&out).expect("the index loads");
            for (_, query, want) in cases.iter().filter(|c| c.0 == lang) {
                let hits = search::run(&index, query, 10).unwrap_or_default();
                let got = hits.first().map(|h| h.url.as_str()).unwrap_or("(nothing)");
                if got != *want {
                    failed.push(format!("{query}: want {want}, got {got}"));
                }
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    #[ignore = "prints; run with --ignored --nocapture to look at rankings"]
    fn print_rankings() {
        for lang in Lang::ALL {
            let qs: &[&str] = match lang {
                Lang::En => &[
                    "OOMKilled",
                    "history server empty",
                    "seccomp",
                    "executor memory",
                    "spark.executor.memoryOverhead",
                    "runAsNonRoot",
                    "ImagePullBackOff",
                    "exit code 137",
                    "network policy",
                ],
                Lang::Ru => &[
                    "нехватка памяти",
                    "историй сервер пустой",
                    "seccomp",
                    "память исполнителя",
                    "OOMKilled",
                    "сетевые политики",
                ],
            };
            for (q, hits) in top(lang, qs) {
                println!("{q}:");
                for h in hits.iter().take(4) {
                    println!("    {h}");
                }
            }
        }
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    #[test]
    #[ignore = "prints native timings of the two query passes"]
    fn print_pass_timings() {
        let site = crate::dist::compile_content("/", false).expect("the content builds");
        for lang in Lang::ALL {
            let out = build(&site, "/", lang);
            let index = search::load_all(&out).expect("the index loads");
            let queries = [
                "OOMKilled",
                "нехватка памяти",
                "history server empty",
                "сервер истории",
                "память исполнителя",
                "spark",
                "s",
                "executor memory overhead",
                "сетевые политики",
                "pod",
            ];
            for q in queries {
                let Ok(query) = search::Query::parse(q, true) else {
                    continue;
                };
                let t0 = std::time::Instant::now();
                let hits = index.search(&query, 12);
                let n = hits.len();
                let t1 = std::time::Instant::now();
                let hits: Vec<_> = hits.into_iter().take(16).collect();
                let _ = index.refine(&query, hits, 12);
                let t2 = std::time::Instant::now();
                println!(
                    "{} {q}: {n} hits, search {:?}, refine {:?}",
                    lang.code(),
                    t1 - t0,
                    t2 - t1
                );
            }
        }
    }
}
