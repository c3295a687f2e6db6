//! The preset pages of the docs, generated from the preset data and the engine's own output, so a
//! page cannot say something the composer does not do. The content pipeline renders them like
//! hand-written pages (`content::GeneratedPage`): links are checked, code is highlighted.

use std::fmt::Write as _;

use crate::alerts::alert_catalog;
use crate::bundle::{compose, pss_findings};
use crate::choices::{Backend, Iceberg, Platform, SecretsMode, Storage};
use crate::preset::{PresetData, presets};
use crate::quantity::{factor_text, k8s};
use crate::render::values::chart_dir;
use crate::{Lang, link};

/// One generated page: markdown with front matter, as if it were `content/<lang>/<path>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocPage {
    pub lang: Lang,
    /// Relative to the language folder: "presets/minimal-local.md".
    pub path: String,
    /// The repository file to edit to change the page.
    pub source: String,
    pub markdown: String,
}

impl DocPage {
    pub fn lang_code(&self) -> &'static str {
        match self.lang {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
}

/// Every generated page: the presets overview and one page per preset, in both languages.
pub fn pages() -> Vec<DocPage> {
    let mut out = Vec::new();
    for lang in [Lang::En, Lang::Ru] {
        out.push(DocPage {
            lang,
            path: "presets/index.md".into(),
            source: "app/composer/src/docs.rs".into(),
            markdown: index_page(lang),
        });
        for p in presets() {
            out.push(DocPage {
                lang,
                path: page_path(p.id),
                source: format!("presets/{}.yaml", p.id),
                markdown: preset_page(p, lang),
            });
        }
    }
    out
}

/// The page of a preset, relative to a language folder.
pub fn page_path(id: &str) -> String {
    format!("presets/{id}.md")
}

/// The composer URL fragment that opens a preset (`/<lang>/composer/#<fragment>`).
pub fn composer_fragment(p: &PresetData) -> String {
    link::encode(p.id, &p.choices())
}

/// The words of the preset pages, one struct per language so a missing text does not compile.
struct Words {
    index_title: &'static str,
    index_description: &'static str,
    index_lead: &'static str,
    index_how: &'static str,
    col_preset: &'static str,
    col_backend: &'static str,
    col_components: &'static str,
    col_composer: &'static str,
    open: &'static str,
    open_in_composer: &'static str,
    tags: &'static str,
    at_a_glance: &'static str,
    setting: &'static str,
    value: &'static str,
    chart_line: &'static str,
    backend: &'static str,
    platform: &'static str,
    storage: &'static str,
    iceberg: &'static str,
    workload: &'static str,
    dynamic_allocation: &'static str,
    monitoring: &'static str,
    exposure: &'static str,
    secrets: &'static str,
    names: &'static str,
    on: &'static str,
    off: &'static str,
    components: &'static str,
    preset_sets: &'static str,
    preset_sets_lead: &'static str,
    field: &'static str,
    sizing: &'static str,
    sizing_lead: &'static str,
    col_pod: &'static str,
    col_request: &'static str,
    col_limit: &'static str,
    col_cores: &'static str,
    executor_formula: &'static str,
    quota: &'static str,
    files: &'static str,
    files_lead: &'static str,
    values_delta_lead: &'static str,
    security: &'static str,
    pss_clean: &'static str,
    pss_findings: &'static str,
    uid_assigned: &'static str,
    uid_fixed: &'static str,
    read_only_on: &'static str,
    read_only_off: &'static str,
    netpol_on: &'static str,
    netpol_off: &'static str,
    secrets_existing: &'static str,
    secrets_external: &'static str,
    secrets_inline: &'static str,
    tls_on: &'static str,
    tls_off: &'static str,
    findings: &'static str,
    findings_none: &'static str,
    alerts: &'static str,
    alerts_lead: &'static str,
    alerts_none: &'static str,
    install: &'static str,
    install_lead: &'static str,
    related: &'static str,
    status_ready: &'static str,
    status_not_ready: &'static str,
}

const EN: Words = Words {
    index_title: "Presets",
    index_description: "Every preset the composer ships: what it deploys, for whom, and a link that opens it in the composer.",
    index_lead: "A preset is a named starting point: a set of choices for the composer, kept as a file in `presets/`. Each page below is generated from that file and from what the composer renders for it, so it always matches the output.",
    index_how: "Pick the row closest to what you need, open it in the composer and change the rest there. How to choose is explained in",
    col_preset: "Preset",
    col_backend: "Backend",
    col_components: "Components",
    col_composer: "Composer",
    open: "Open",
    open_in_composer: "Open in composer",
    tags: "Tags",
    at_a_glance: "At a glance",
    setting: "Setting",
    value: "Value",
    chart_line: "Chart line",
    backend: "Backend",
    platform: "Platform",
    storage: "Object storage",
    iceberg: "Iceberg catalog",
    workload: "Job language",
    dynamic_allocation: "Dynamic allocation",
    monitoring: "Monitoring, alerts, dashboards",
    exposure: "UI exposure",
    secrets: "Secrets",
    names: "Namespace / release",
    on: "on",
    off: "off",
    components: "Components",
    preset_sets: "What the preset file sets",
    preset_sets_lead: "Everything else keeps the composer's defaults. Field paths are the ones the composer's `--set` and share links use.",
    field: "Field",
    sizing: "Sizing",
    sizing_lead: "Requests and limits of every Pod, as rendered:",
    col_pod: "Pod",
    col_request: "Memory request",
    col_limit: "Memory limit",
    col_cores: "CPU",
    executor_formula: "Executor Pod memory = {heap} heap + {overhead} overhead (factor {factor}, at least 384Mi) + {pyspark} PySpark.",
    quota: "Namespace quota: {cpu} CPU, {mem} memory.",
    files: "Generated files",
    files_lead: "The bundle the composer writes for this preset:",
    values_delta_lead: "What the Helm values change against the chart defaults:",
    security: "Security posture",
    pss_clean: "Every Pod, including the Spark driver and executor Pod templates, passes the composer's restricted Pod Security check.",
    pss_findings: "The composer's restricted Pod Security check reports {n} finding(s); see the composer for details.",
    uid_assigned: "No fixed UID: OpenShift assigns one from the namespace range (restricted-v2).",
    uid_fixed: "Containers run as UID {uid}, never as root.",
    read_only_on: "Root filesystems are read-only; scratch space is an emptyDir.",
    read_only_off: "Root filesystems are writable.",
    netpol_on: "NetworkPolicies allow only the traffic the components need.",
    netpol_off: "No NetworkPolicies are generated.",
    secrets_existing: "Credentials come from Secrets you create before installing; no secret value is in the bundle.",
    secrets_external: "Credentials come from External Secrets (SecretStore `{store}`); no secret value is in the bundle.",
    secrets_inline: "S3 credentials are written inline into the bundle: fine for a laptop, not for a shared cluster.",
    tls_on: "UIs are exposed with TLS.",
    tls_off: "UIs are exposed without TLS.",
    findings: "Composer findings",
    findings_none: "The composer reports nothing for this preset.",
    alerts: "Alerts",
    alerts_lead: "The PrometheusRule in `manifests/alerts.yaml` holds these alerts, each with its runbook:",
    alerts_none: "This preset generates no alert rules; turn on alerts in the composer to get them.",
    install: "Install",
    install_lead: "Write the bundle with the same engine from a checkout, then apply it:",
    related: "Related",
    status_ready: "The composer marks this preset **ready**: no errors.",
    status_not_ready: "The composer reports errors for this preset: fix them in the composer before installing.",
};

const RU: Words = Words {
    index_title: "Пресеты",
    index_description: "Все пресеты конструктора: что разворачивает каждый, кому подходит, и ссылка, открывающая его в конструкторе.",
    index_lead: "Пресет — именованная отправная точка: набор настроек конструктора, который лежит файлом в `presets/`. Каждая страница ниже собирается из этого файла и из того, что конструктор по нему генерирует, поэтому всегда совпадает с результатом.",
    index_how: "Выберите строку, ближе всего к вашей задаче, откройте её в конструкторе и доведите остальное там. Как выбирать, описано в разделе",
    col_preset: "Пресет",
    col_backend: "Бэкенд",
    col_components: "Компоненты",
    col_composer: "Конструктор",
    open: "Открыть",
    open_in_composer: "Открыть в конструкторе",
    tags: "Теги",
    at_a_glance: "Коротко",
    setting: "Настройка",
    value: "Значение",
    chart_line: "Линейка чарта",
    backend: "Бэкенд",
    platform: "Платформа",
    storage: "Объектное хранилище",
    iceberg: "Каталог Iceberg",
    workload: "Язык задач",
    dynamic_allocation: "Динамическая аллокация",
    monitoring: "Мониторинг, алерты, дашборды",
    exposure: "Доступ к UI",
    secrets: "Секреты",
    names: "Namespace / релиз",
    on: "вкл.",
    off: "выкл.",
    components: "Компоненты",
    preset_sets: "Что задаёт файл пресета",
    preset_sets_lead: "Всё остальное — по умолчанию конструктора. Пути полей те же, что в `--set` и в ссылках конструктора.",
    field: "Поле",
    sizing: "Размеры",
    sizing_lead: "Requests и limits каждого пода в том виде, в каком их генерирует конструктор:",
    col_pod: "Pod",
    col_request: "Request памяти",
    col_limit: "Limit памяти",
    col_cores: "CPU",
    executor_formula: "Память пода экзекьютора = {heap} heap + {overhead} overhead (коэффициент {factor}, не меньше 384Mi) + {pyspark} PySpark.",
    quota: "Квота namespace: {cpu} CPU, {mem} памяти.",
    files: "Что генерируется",
    files_lead: "Набор файлов, который конструктор пишет для этого пресета:",
    values_delta_lead: "Что Helm values меняют относительно значений чарта по умолчанию:",
    security: "Безопасность",
    pss_clean: "Все поды, включая шаблоны подов драйвера и экзекьюторов Spark, проходят проверку конструктора на профиль restricted Pod Security.",
    pss_findings: "Проверка конструктора на профиль restricted Pod Security находит замечаний: {n}; подробности — в конструкторе.",
    uid_assigned: "Фиксированного UID нет: OpenShift выдаёт его из диапазона namespace (restricted-v2).",
    uid_fixed: "Контейнеры работают под UID {uid}, никогда не под root.",
    read_only_on: "Корневая файловая система только для чтения; рабочие каталоги — emptyDir.",
    read_only_off: "Корневая файловая система доступна на запись.",
    netpol_on: "NetworkPolicy пропускают только тот трафик, который нужен компонентам.",
    netpol_off: "NetworkPolicy не генерируются.",
    secrets_existing: "Учётные данные берутся из Secret'ов, которые вы создаёте до установки; значений секретов в наборе файлов нет.",
    secrets_external: "Учётные данные приходят через External Secrets (SecretStore `{store}`); значений секретов в наборе файлов нет.",
    secrets_inline: "Ключи S3 записаны прямо в файлы: годится для ноутбука, но не для общего кластера.",
    tls_on: "UI опубликованы с TLS.",
    tls_off: "UI опубликованы без TLS.",
    findings: "Замечания конструктора",
    findings_none: "Для этого пресета у конструктора замечаний нет.",
    alerts: "Алерты",
    alerts_lead: "PrometheusRule в `manifests/alerts.yaml` содержит эти алерты, у каждого свой ранбук:",
    alerts_none: "Этот пресет не генерирует правил алертинга; включите алерты в конструкторе, чтобы их получить.",
    install: "Установка",
    install_lead: "Сгенерируйте набор файлов тем же движком из клона репозитория и примените его:",
    related: "См. также",
    status_ready: "Конструктор считает пресет **готовым**: ошибок нет.",
    status_not_ready: "Конструктор находит в пресете ошибки: исправьте их в конструкторе до установки.",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

/// A component id with what it is for and the page that explains it.
fn component_text(id: &str, lang: Lang) -> (&'static str, &'static str) {
    let (en, ru, page) = match id {
        "connect" => (
            "Spark Connect server: clients send DataFrame plans over gRPC (port 15002)",
            "сервер Spark Connect: клиенты отправляют планы DataFrame по gRPC (порт 15002)",
            "getting-started/first-connect-job.md",
        ),
        "standalone" => (
            "Spark Standalone master and workers run the executors instead of Kubernetes Pods",
            "master и worker'ы Spark Standalone вместо подов-экзекьюторов в Kubernetes",
            "getting-started/index.md",
        ),
        "spark-submit" => (
            "jobs are started with spark-submit in cluster mode; drivers and executors are Pods",
            "задачи запускаются через spark-submit в cluster mode; драйвер и экзекьюторы — поды",
            "getting-started/index.md",
        ),
        "spark-application" => (
            "jobs are SparkApplication objects run by the Spark Operator",
            "задачи — объекты SparkApplication, их запускает Spark Operator",
            "getting-started/index.md",
        ),
        "spark-operator" => (
            "the Spark Operator watches SparkApplication objects",
            "Spark Operator следит за объектами SparkApplication",
            "getting-started/index.md",
        ),
        "jupyter" => (
            "JupyterLab with PySpark, connected to Spark Connect",
            "JupyterLab с PySpark, подключённый к Spark Connect",
            "getting-started/first-connect-job.md",
        ),
        "history-server" => (
            "Spark History Server reads event logs from object storage",
            "Spark History Server читает журналы событий из объектного хранилища",
            "guides/history-server.md",
        ),
        "hive-metastore" => (
            "Hive Metastore keeps table metadata in PostgreSQL",
            "Hive Metastore хранит метаданные таблиц в PostgreSQL",
            "guides/hive-metastore.md",
        ),
        "postgresql" => (
            "PostgreSQL for the metastore, Airflow and MLflow state",
            "PostgreSQL для метастора, Airflow и MLflow",
            "operations/backup-restore.md",
        ),
        "minio" => (
            "MinIO in the namespace as S3-compatible storage",
            "MinIO в namespace как S3-совместимое хранилище",
            "guides/s3-minio.md",
        ),
        "s3" => (
            "an external S3 endpoint, credentials from a Secret",
            "внешний S3, ключи из Secret'а",
            "guides/s3-minio.md",
        ),
        "airflow" => (
            "Airflow schedules DAGs that run Spark work",
            "Airflow запускает DAG'и с задачами Spark",
            "getting-started/first-airflow-dag.md",
        ),
        "mlflow" => (
            "MLflow tracking server, artifacts in object storage",
            "MLflow tracking server, артефакты в объектном хранилище",
            "getting-started/first-mlflow-run.md",
        ),
        "celeborn" => (
            "Celeborn remote shuffle service: executors can go away without losing shuffle data",
            "внешний шафл-сервис Celeborn: экзекьюторы можно убирать без потери данных шафла",
            "guides/celeborn.md",
        ),
        _ => ("", "", "components.md"),
    };
    (if lang == Lang::En { en } else { ru }, page)
}

fn backend_text(b: Backend, lang: Lang) -> &'static str {
    match (b, lang) {
        (Backend::ConnectK8s, Lang::En) => "Spark Connect, executors as Kubernetes Pods",
        (Backend::ConnectK8s, Lang::Ru) => "Spark Connect, экзекьюторы — поды Kubernetes",
        (Backend::ConnectStandalone, Lang::En) => "Spark Connect on a Standalone cluster",
        (Backend::ConnectStandalone, Lang::Ru) => "Spark Connect на кластере Standalone",
        (Backend::SubmitK8s, Lang::En) => "spark-submit on Kubernetes",
        (Backend::SubmitK8s, Lang::Ru) => "spark-submit в Kubernetes",
        (Backend::Operator, Lang::En) => "Spark Operator (SparkApplication)",
        (Backend::Operator, Lang::Ru) => "Spark Operator (SparkApplication)",
    }
}

fn platform_text(p: Platform) -> &'static str {
    match p {
        Platform::Kubernetes => "Kubernetes",
        Platform::OpenShiftRestricted => "OpenShift, SCC restricted-v2",
        Platform::OpenShiftAnyuid => "OpenShift, SCC anyuid",
    }
}

fn storage_text(s: Storage, lang: Lang) -> &'static str {
    match (s, lang) {
        (Storage::Minio, Lang::En) => "MinIO in the namespace",
        (Storage::Minio, Lang::Ru) => "MinIO в namespace",
        (Storage::External, Lang::En) => "external S3",
        (Storage::External, Lang::Ru) => "внешний S3",
        (Storage::None, Lang::En) => "none",
        (Storage::None, Lang::Ru) => "нет",
    }
}

/// A table cell: pipes and line breaks would end the cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A quoted front matter value.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Text that goes into markdown as prose: angle brackets would become HTML.
fn prose(s: &str) -> String {
    // Inside `code spans` the text is shown as is; outside, `<` and `>` are escaped.
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for ch in s.chars() {
        match ch {
            '`' => {
                in_code = !in_code;
                out.push(ch);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
    out
}

fn composer_href(lang: Lang, p: &PresetData) -> String {
    let code = if lang == Lang::En { "en" } else { "ru" };
    format!("/{code}/composer/#{}", composer_fragment(p))
}

/// The overview: one row per preset.
pub fn index_page(lang: Lang) -> String {
    let w = words(lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "---\ntitle: {}\ndescription: {}\n---\n",
        quoted(w.index_title),
        quoted(w.index_description)
    );
    let _ = writeln!(s, "{}\n", w.index_lead);
    let _ = writeln!(
        s,
        "{} [{}](../getting-started/choose-preset.md).\n",
        w.index_how,
        if lang == Lang::En {
            "Choose a preset"
        } else {
            "Выбор пресета"
        }
    );
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        w.col_preset, w.col_backend, w.col_components, w.col_composer
    );
    for p in presets() {
        let c = p.choices();
        let _ = writeln!(
            s,
            "| [{}]({}.md) | {} | {} | [{}]({}) |",
            cell(p.title.get(lang)),
            p.id,
            cell(backend_text(c.backend, lang)),
            cell(&p.components().join(", ")),
            w.open,
            composer_href(lang, p)
        );
    }
    s
}

/// The page of one preset.
pub fn preset_page(p: &PresetData, lang: Lang) -> String {
    let w = words(lang);
    let choices = p.choices();
    let comp = compose(p.id, &choices);
    let v = &comp.config;
    let c = v.choices();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "---\ntitle: {}\ndescription: {}\n---\n",
        quoted(p.title.get(lang)),
        quoted(p.description.get(lang))
    );
    let _ = writeln!(s, "{}\n", prose(p.description.get(lang)));
    let _ = writeln!(
        s,
        "**[{}]({})** · {}: {}\n",
        w.open_in_composer,
        composer_href(lang, p),
        w.tags,
        p.tags
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let _ = writeln!(
        s,
        "{}\n",
        if v.ready() {
            w.status_ready
        } else {
            w.status_not_ready
        }
    );

    // At a glance.
    let onoff = |b: bool| if b { w.on } else { w.off };
    let _ = writeln!(
        s,
        "## {}\n\n| {} | {} |\n|---|---|",
        w.at_a_glance, w.setting, w.value
    );
    let rows: Vec<(&str, String)> = vec![
        (
            w.chart_line,
            format!("{} (`{}`)", v.spark_version(), chart_dir(v)),
        ),
        (w.backend, backend_text(c.backend, lang).to_string()),
        (w.platform, platform_text(c.platform).to_string()),
        (
            w.storage,
            storage_text(c.components.storage, lang).to_string(),
        ),
        (
            w.iceberg,
            match c.features.iceberg {
                Iceberg::Off => w.off.to_string(),
                other => format!("`{}`", other.as_str()),
            },
        ),
        (w.workload, format!("`{}`", c.sizing.workload.as_str())),
        (
            w.dynamic_allocation,
            if c.features.dynamic_allocation && v.k8s_executors() {
                format!("{} ({}–{})", w.on, v.executor_min, v.executor_max)
            } else {
                w.off.to_string()
            },
        ),
        (
            w.monitoring,
            format!(
                "{} / {} / {}",
                onoff(c.features.monitoring),
                onoff(c.features.alerts),
                onoff(c.features.dashboards)
            ),
        ),
        (w.exposure, format!("`{}`", c.features.exposure.as_str())),
        (w.secrets, format!("`{}`", c.features.secrets.as_str())),
        (w.names, format!("`{}` / `{}`", v.ns(), v.release())),
    ];
    for (k, val) in rows {
        let _ = writeln!(s, "| {} | {} |", cell(k), cell(&val));
    }
    s.push('\n');

    // Components.
    let _ = writeln!(s, "## {}\n", w.components);
    for id in crate::components_of(c) {
        let (text, page) = component_text(id, lang);
        let _ = writeln!(s, "- [**{id}**](../{page}): {text}.");
    }
    s.push('\n');

    // What the preset file sets.
    let _ = writeln!(
        s,
        "## {}\n\n{}\n\n| {} | {} |\n|---|---|",
        w.preset_sets, w.preset_sets_lead, w.field, w.value
    );
    for (k, val) in p.edits {
        let _ = writeln!(s, "| `{k}` | `{}` |", cell(val));
    }
    s.push('\n');

    // Sizing.
    let _ = writeln!(
        s,
        "## {}\n\n{}\n\n| {} | {} | {} | {} |\n|---|---|---|---|",
        w.sizing, w.sizing_lead, w.col_pod, w.col_request, w.col_limit, w.col_cores
    );
    s.push_str(&crate::render::commands::sizing_rows(v));
    let _ = writeln!(
        s,
        "\n{}",
        w.executor_formula
            .replace("{heap}", &k8s(v.executor.memory_mib))
            .replace("{overhead}", &k8s(v.executor.overhead_mib))
            .replace("{factor}", &factor_text(v.overhead_milli))
            .replace("{pyspark}", &k8s(v.executor.pyspark_mib))
    );
    if let (Some(qc), Some(qm)) = (v.quota_cpu, v.quota_mib) {
        let _ = writeln!(
            s,
            "\n{}",
            w.quota
                .replace("{cpu}", &qc.to_string())
                .replace("{mem}", &k8s(qm))
        );
    }
    let _ = writeln!(
        s,
        "\n[{}](../guides/sizing.md)\n",
        if lang == Lang::En {
            "Sizing executors without OOMKill"
        } else {
            "Размер экзекьюторов без OOMKill"
        }
    );

    // Generated files.
    let _ = writeln!(s, "## {}\n\n{}\n", w.files, w.files_lead);
    for name in comp.files.keys() {
        let _ = writeln!(s, "- `{name}`");
    }
    if let Some(delta) = comp.files.get("values-delta.yaml") {
        let body: String = delta
            .lines()
            .filter(|l| !l.starts_with("# "))
            .map(|l| format!("{l}\n"))
            .collect();
        let _ = writeln!(
            s,
            "\n{}\n\n```yaml title=\"values-delta.yaml\"\n{}```\n",
            w.values_delta_lead,
            body.trim_start_matches('\n')
        );
    }

    // Security posture.
    let _ = writeln!(s, "## {}\n", w.security);
    let findings = pss_findings(&comp);
    let mut points = vec![if findings.is_empty() {
        w.pss_clean.to_string()
    } else {
        w.pss_findings.replace("{n}", &findings.len().to_string())
    }];
    points.push(if v.restricted_v2() {
        w.uid_assigned.to_string()
    } else {
        w.uid_fixed
            .replace("{uid}", &c.features.run_as_user.to_string())
    });
    points.push(
        if c.features.read_only_root {
            w.read_only_on
        } else {
            w.read_only_off
        }
        .to_string(),
    );
    points.push(
        if c.features.network_policies {
            w.netpol_on
        } else {
            w.netpol_off
        }
        .to_string(),
    );
    points.push(match c.features.secrets {
        SecretsMode::Existing => w.secrets_existing.to_string(),
        SecretsMode::External => w
            .secrets_external
            .replace("{store}", &c.features.secret_store),
        SecretsMode::Inline => w.secrets_inline.to_string(),
    });
    if c.features.exposure != crate::choices::Exposure::None {
        points.push(if c.features.tls { w.tls_on } else { w.tls_off }.to_string());
    }
    for point in points {
        let _ = writeln!(s, "- {point}");
    }
    let _ = writeln!(
        s,
        "\n[{}](../guides/security-pss.md)\n",
        if lang == Lang::En {
            "Security and Pod Security Standards"
        } else {
            "Безопасность и Pod Security Standards"
        }
    );

    // Findings.
    let _ = writeln!(s, "## {}\n", w.findings);
    if comp.diagnostics.is_empty() {
        let _ = writeln!(s, "{}\n", w.findings_none);
    } else {
        for d in &comp.diagnostics {
            let _ = writeln!(
                s,
                "- **{}** [`{}`](../{}.md): {}",
                d.severity.as_str(),
                d.code.as_str(),
                d.doc(),
                prose(&d.text(lang))
            );
        }
        s.push('\n');
    }

    // Alerts and their runbooks.
    let _ = writeln!(s, "## {}\n", w.alerts);
    let alert_names: Vec<&str> = comp
        .files
        .get("manifests/alerts.yaml")
        .map(|text| {
            text.lines()
                .filter_map(|l| l.trim().strip_prefix("- alert: "))
                .collect()
        })
        .unwrap_or_default();
    if alert_names.is_empty() {
        let _ = writeln!(s, "{}\n", w.alerts_none);
    } else {
        let _ = writeln!(s, "{}\n", w.alerts_lead);
        for name in alert_names {
            match alert_catalog().iter().find(|a| a.name == name) {
                Some(a) => {
                    let _ = writeln!(
                        s,
                        "- `{}` ({}): [{}](../runbooks/{}.md)",
                        a.name, a.severity, a.runbook, a.runbook
                    );
                }
                None => {
                    let _ = writeln!(s, "- `{name}`");
                }
            }
        }
        s.push('\n');
    }

    // Install.
    let _ = writeln!(
        s,
        "## {}\n\n{}\n\n```bash\ncargo xtask compose --preset {} --out bundle/\ncd bundle\n./install.sh manifests\n```\n",
        w.install, w.install_lead, p.id
    );

    // Related pages.
    let _ = writeln!(s, "## {}\n", w.related);
    for (title_en, title_ru, page) in related(p) {
        let _ = writeln!(
            s,
            "- [{}](../{page})",
            if lang == Lang::En { title_en } else { title_ru }
        );
    }
    s
}

/// The guides that matter for a preset, most general first.
fn related(p: &PresetData) -> Vec<(&'static str, &'static str, &'static str)> {
    let c = p.choices();
    let mut out = vec![(
        "Choose a preset",
        "Выбор пресета",
        "getting-started/choose-preset.md",
    )];
    if c.platform != Platform::Kubernetes {
        out.push((
            "OpenShift (restricted-v2 vs anyuid)",
            "OpenShift (restricted-v2 и anyuid)",
            "guides/openshift.md",
        ));
    }
    if c.features.iceberg != Iceberg::Off {
        out.push(("Apache Iceberg", "Apache Iceberg", "guides/iceberg.md"));
    }
    if c.features.gpu {
        out.push(("GPU and RAPIDS", "GPU и RAPIDS", "guides/gpu-rapids.md"));
    }
    if c.features.monitoring {
        out.push((
            "Monitoring and dashboards",
            "Мониторинг и дашборды",
            "guides/monitoring.md",
        ));
    }
    if c.features.secrets != SecretsMode::Existing {
        out.push((
            "Secrets management",
            "Управление секретами",
            "guides/secrets.md",
        ));
    }
    if c.chart == crate::choices::ChartLine::Spark35 {
        out.push((
            "Spark 3.5 and 4.1 side by side",
            "Spark 3.5 и 4.1 рядом",
            "guides/side-by-side.md",
        ));
    }
    if !c.sizing.quota_memory.is_empty() || c.sizing.quota_cpu > 0 {
        out.push((
            "Resource quotas for teams",
            "Квоты ресурсов для команд",
            "guides/quotas.md",
        ));
    }
    out.push((
        "Helm values reference",
        "Справочник Helm values",
        "reference/helm-values.md",
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_page_in_both_languages() {
        let pages = pages();
        for p in presets() {
            for lang in [Lang::En, Lang::Ru] {
                assert!(
                    pages
                        .iter()
                        .any(|d| d.lang == lang && d.path == page_path(p.id)),
                    "{} {lang:?}",
                    p.id
                );
            }
        }
        assert_eq!(pages.len(), 2 * (presets().len() + 1));
    }

    #[test]
    fn both_languages_have_the_same_headings() {
        let outline = |md: &str| -> Vec<String> {
            md.lines()
                .filter(|l| l.starts_with('#'))
                .map(|l| l.split(' ').next().unwrap_or("").to_string())
                .collect()
        };
        for p in presets() {
            let en = preset_page(p, Lang::En);
            let ru = preset_page(p, Lang::Ru);
            assert_eq!(outline(&en), outline(&ru), "{}", p.id);
            assert!(en.starts_with("---\ntitle: \""), "{en}");
        }
    }

    #[test]
    fn the_composer_link_opens_the_preset() {
        for p in presets() {
            let page = preset_page(p, Lang::Ru);
            let fragment = composer_fragment(p);
            assert!(
                page.contains(&format!("(/ru/composer/#{fragment})")),
                "{page}"
            );
            let (preset, choices) = link::decode(&fragment).expect("the link decodes");
            assert_eq!(preset, p.id);
            assert_eq!(choices, p.choices());
        }
    }

    #[test]
    fn prose_escapes_angle_brackets_outside_code() {
        assert_eq!(prose("a <b> `<c>` d"), "a &lt;b&gt; `<c>` d");
    }

    #[test]
    fn front_matter_values_are_quoted_safely() {
        assert_eq!(quoted("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
    }
}
