//! The form: which section each engine field sits in, its label and a one-line help in both
//! languages. Values and validation come from the engine (`composer::FIELDS`, `explore::options`).

use composer::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Platform,
    Backend,
    Components,
    Features,
    Sizing,
    Storage,
    Identity,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Platform,
        Section::Backend,
        Section::Components,
        Section::Features,
        Section::Sizing,
        Section::Storage,
        Section::Identity,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Section::Platform => "platform",
            Section::Backend => "backend",
            Section::Components => "components",
            Section::Features => "features",
            Section::Sizing => "sizing",
            Section::Storage => "storage",
            Section::Identity => "identity",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        let (en, ru) = match self {
            Section::Platform => ("Platform and security", "Платформа и безопасность"),
            Section::Backend => ("Backend", "Бэкенд"),
            Section::Components => ("Components", "Компоненты"),
            Section::Features => ("Features", "Возможности"),
            Section::Sizing => ("Sizing", "Ресурсы"),
            Section::Storage => ("Storage", "Хранилище"),
            Section::Identity => ("Names and images", "Имена и образы"),
        };
        pick(lang, en, ru)
    }
}

pub fn pick(lang: Lang, en: &'static str, ru: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}

/// One form field: engine path, section, label and help (EN, RU).
pub struct Meta {
    pub path: &'static str,
    pub section: Section,
    pub label: (&'static str, &'static str),
    pub help: (&'static str, &'static str),
}

macro_rules! meta {
    ($($path:literal $sec:ident [$len:literal, $lru:literal] [$hen:literal, $hru:literal];)+) => {
        pub static META: &[Meta] = &[$(Meta {
            path: $path, section: Section::$sec, label: ($len, $lru), help: ($hen, $hru),
        }),+];
    };
}

meta! {
    "platform" Platform ["Platform", "Платформа"] ["Plain Kubernetes, or OpenShift with the restricted-v2 or anyuid SCC. restricted-v2 assigns UIDs itself.", "Обычный Kubernetes или OpenShift с SCC restricted-v2 либо anyuid. restricted-v2 сам выдаёт UID."];
    "chart" Platform ["Chart line", "Линия chart'а"] ["Which upstream chart the Helm values target: spark-4.1 or spark-3.5.", "Под какой chart пишутся Helm values: spark-4.1 или spark-3.5."];
    "features.run_as_user" Platform ["Run as UID", "UID процесса"] ["The fixed non-root UID of Spark Pods (185 is spark in the Apache images). Ignored under restricted-v2.", "Фиксированный UID (не root) Pod'ов Spark (185 — spark в образах Apache). Под restricted-v2 не используется."];
    "features.read_only_root" Platform ["Read-only root filesystem", "Корневая ФС только для чтения"] ["Containers write only to emptyDir volumes.", "Контейнеры пишут только в тома emptyDir."];
    "features.network_policies" Platform ["NetworkPolicies", "NetworkPolicy"] ["Default deny plus one allow per connection of the component graph.", "Запрет по умолчанию и по одному разрешению на каждую связь графа компонентов."];
    "features.pdb" Platform ["PodDisruptionBudgets", "PodDisruptionBudget"] ["Keep services up during node drains (raw manifests only).", "Сервисы не падают при drain нод (только в манифестах)."];
    "features.ha" Platform ["High availability", "Высокая доступность"] ["Two replicas of the metastore and the Airflow webserver.", "Две реплики metastore и веб-сервера Airflow."];
    "backend" Backend ["Backend", "Бэкенд"] ["How Spark work starts: a Connect server with Kubernetes or Standalone executors, spark-submit jobs, or the Spark Operator.", "Как запускается работа Spark: сервер Connect с executor'ами в Kubernetes или Standalone, задачи spark-submit или Spark Operator."];
    "features.dynamic_allocation" Backend ["Dynamic allocation", "Dynamic allocation"] ["Executors come and go with the load, between the minimum and the maximum.", "Executor'ы появляются и уходят по нагрузке, от минимума до максимума."];
    "features.shuffle_tracking" Backend ["Shuffle tracking", "Shuffle tracking"] ["Executors holding shuffle data are kept until it is no longer needed.", "Executor'ы с shuffle-данными живут, пока эти данные нужны."];
    "sizing.connect_replicas" Backend ["Connect replicas", "Реплики Connect"] ["Each replica is a separate driver; sessions do not move between them.", "Каждая реплика — отдельный драйвер; сессии между ними не переезжают."];
    "components.jupyter" Components ["Jupyter", "Jupyter"] ["JupyterLab talking to Spark Connect.", "JupyterLab, работающий через Spark Connect."];
    "components.history" Components ["History Server", "History Server"] ["The Spark UI for finished applications, from event logs in S3.", "Spark UI завершённых приложений по event log'ам в S3."];
    "components.metastore" Components ["Hive Metastore", "Hive Metastore"] ["A table catalog shared by every session; keeps its schema in PostgreSQL.", "Каталог таблиц, общий для всех сессий; схема хранится в PostgreSQL."];
    "components.postgresql" Components ["PostgreSQL", "PostgreSQL"] ["The database of the metastore, Airflow and MLflow.", "База данных metastore, Airflow и MLflow."];
    "components.airflow" Components ["Airflow", "Airflow"] ["Schedules Spark jobs.", "Запускает задачи Spark по расписанию."];
    "components.mlflow" Components ["MLflow", "MLflow"] ["Experiment tracking server.", "Сервер учёта экспериментов."];
    "components.celeborn" Components ["Celeborn", "Celeborn"] ["Remote shuffle service: executors can go away without losing shuffle data.", "Удалённый shuffle-сервис: executor'ы уходят, не теряя shuffle-данные."];
    "components.operator" Components ["Spark Operator", "Spark Operator"] ["Runs SparkApplication resources.", "Запускает ресурсы SparkApplication."];
    "features.iceberg" Features ["Iceberg catalog", "Каталог Iceberg"] ["Iceberg tables through a hadoop, hive or REST catalog.", "Таблицы Iceberg через каталог hadoop, hive или REST."];
    "features.iceberg_rest_uri" Features ["Iceberg REST URI", "URI REST-каталога Iceberg"] ["Where the REST catalog listens, like https://catalog.example.com.", "Адрес REST-каталога, например https://catalog.example.com."];
    "features.gpu" Features ["GPUs for executors", "GPU для executor'ов"] ["NVIDIA GPUs with the RAPIDS accelerator.", "GPU NVIDIA с ускорителем RAPIDS."];
    "features.gpu_count" Features ["GPUs per executor", "GPU на executor"] ["Whole GPUs each executor Pod asks for.", "Сколько целых GPU просит каждый Pod executor'а."];
    "features.monitoring" Features ["Metrics scraping", "Сбор метрик"] ["ServiceMonitor and PodMonitor for the Prometheus Operator.", "ServiceMonitor и PodMonitor для Prometheus Operator."];
    "features.alerts" Features ["Alert rules", "Правила алертов"] ["PrometheusRule with the alerts the runbooks describe.", "PrometheusRule с алертами из runbook'ов."];
    "features.dashboards" Features ["Grafana dashboards", "Дашборды Grafana"] ["Dashboards as ConfigMaps for the Grafana sidecar.", "Дашборды в ConfigMap'ах для sidecar'а Grafana."];
    "features.exposure" Features ["Exposure", "Публикация"] ["How UIs are reached from outside: not at all, an Ingress or an OpenShift Route.", "Как UI доступны снаружи: никак, через Ingress или Route OpenShift."];
    "features.tls" Features ["TLS", "TLS"] ["Serve the exposed UIs over HTTPS.", "Отдавать опубликованные UI по HTTPS."];
    "features.domain" Features ["Domain", "Домен"] ["The UIs get host names under this domain.", "UI получают имена хостов в этом домене."];
    "features.secrets" Features ["Credentials", "Учётные данные"] ["An existing Secret, External Secrets Operator, or values written inline (test clusters only).", "Существующий Secret, External Secrets Operator или значения прямо в файлах (только для тестовых кластеров)."];
    "features.secret_store" Features ["Secret store", "Secret store"] ["The SecretStore External Secrets reads from.", "SecretStore, из которого читает External Secrets."];
    "sizing.workload" Sizing ["Job language", "Язык задач"] ["PySpark needs more memory outside the JVM than Scala or Java jobs.", "PySpark нужно больше памяти вне JVM, чем задачам на Scala или Java."];
    "sizing.driver_memory" Sizing ["Driver memory", "Память драйвера"] ["JVM memory of the driver, like 2Gi.", "Память JVM драйвера, например 2Gi."];
    "sizing.driver_cores" Sizing ["Driver cores", "Ядра драйвера"] ["CPU cores the driver requests.", "Сколько ядер CPU запрашивает драйвер."];
    "sizing.driver_limit" Sizing ["Driver memory limit", "Лимит памяти драйвера"] ["Container limit; must cover memory + overhead + PySpark.", "Лимит контейнера; должен покрывать память + overhead + PySpark."];
    "sizing.executor_memory" Sizing ["Executor memory", "Память executor'а"] ["JVM memory of each executor, like 4Gi.", "Память JVM каждого executor'а, например 4Gi."];
    "sizing.executor_cores" Sizing ["Executor cores", "Ядра executor'а"] ["Cores per executor: tasks that run at once in it.", "Ядер на executor: столько задач выполняется в нём одновременно."];
    "sizing.executor_limit" Sizing ["Executor memory limit", "Лимит памяти executor'а"] ["Container limit; must cover memory + overhead + PySpark.", "Лимит контейнера; должен покрывать память + overhead + PySpark."];
    "sizing.executor_min" Sizing ["Minimum executors", "Минимум executor'ов"] ["Executors kept even when idle.", "Сколько executor'ов держать даже без нагрузки."];
    "sizing.executor_max" Sizing ["Maximum executors", "Максимум executor'ов"] ["The most executors one application may have.", "Наибольшее число executor'ов у одного приложения."];
    "sizing.overhead_factor" Sizing ["Memory overhead factor", "Коэффициент memory overhead"] ["Extra non-heap memory as a share of the JVM memory; empty = 0.1 for JVM jobs, 0.4 for PySpark.", "Доля памяти вне кучи от памяти JVM; пусто = 0.1 для JVM, 0.4 для PySpark."];
    "sizing.pyspark_memory" Sizing ["PySpark memory", "Память PySpark"] ["Memory for Python workers, like 1Gi; empty = shared with the overhead.", "Память Python-воркеров, например 1Gi; пусто — делят overhead."];
    "sizing.node_cpu" Sizing ["Node CPUs", "CPU ноды"] ["Allocatable CPUs of one worker node.", "Allocatable CPU одной рабочей ноды."];
    "sizing.node_memory" Sizing ["Node memory", "Память ноды"] ["Allocatable memory of one worker node, like 32Gi.", "Allocatable-память одной рабочей ноды, например 32Gi."];
    "sizing.quota_cpu" Sizing ["CPU quota", "Квота CPU"] ["The namespace's CPU limit quota; 0 = none.", "Квота лимитов CPU namespace; 0 — без квоты."];
    "sizing.quota_memory" Sizing ["Memory quota", "Квота памяти"] ["The namespace's memory limit quota, like 128Gi; empty = none.", "Квота лимитов памяти namespace, например 128Gi; пусто — без квоты."];
    "components.storage" Storage ["Object storage", "Объектное хранилище"] ["A MinIO in the namespace, an external S3 endpoint, or none.", "MinIO в namespace, внешний S3 или ничего."];
    "s3.endpoint" Storage ["S3 endpoint", "Адрес S3"] ["URL of the external S3 service.", "URL внешнего S3."];
    "s3.warehouse_bucket" Storage ["Warehouse bucket", "Бакет warehouse"] ["Where tables live.", "Где лежат таблицы."];
    "s3.logs_bucket" Storage ["Logs bucket", "Бакет логов"] ["Where event logs go.", "Куда пишутся event log'и."];
    "s3.event_log_dir" Storage ["Event log dir", "Каталог event log"] ["Where jobs write event logs, an s3a:// path.", "Куда задачи пишут event log'и, путь s3a://."];
    "s3.history_log_dir" Storage ["History log dir", "Каталог History Server"] ["Where the History Server reads them; must match.", "Откуда их читает History Server; должен совпадать."];
    "s3.secret_name" Storage ["Credentials Secret", "Secret с ключами"] ["Secret holding access-key and secret-key.", "Secret с ключами access-key и secret-key."];
    "s3.access_key" Storage ["Access key (inline)", "Access key (в файлах)"] ["Only with inline credentials.", "Только для учётных данных в файлах."];
    "s3.secret_key" Storage ["Secret key (inline)", "Secret key (в файлах)"] ["Only with inline credentials.", "Только для учётных данных в файлах."];
    "identity.namespace" Identity ["Namespace", "Namespace"] ["Where everything is installed.", "Куда всё устанавливается."];
    "identity.release" Identity ["Release name", "Имя release"] ["Helm release name; prefixes every object name.", "Имя Helm release; префикс имён всех объектов."];
    "identity.registry" Identity ["Image registry", "Registry образов"] ["Registry and owner of the Spark and Jupyter images.", "Registry и владелец образов Spark и Jupyter."];
    "identity.spark_tag" Identity ["Spark image tag", "Тег образа Spark"] ["Pinned tag of the Spark image.", "Закреплённый тег образа Spark."];
    "identity.jupyter_tag" Identity ["Jupyter image tag", "Тег образа Jupyter"] ["Pinned tag of the Jupyter image.", "Закреплённый тег образа Jupyter."];
    "identity.create_namespace" Identity ["Create the namespace", "Создавать namespace"] ["With Pod Security labels.", "С метками Pod Security."];
    "site_url" Identity ["Docs address", "Адрес документации"] ["Links in the README point here.", "Сюда ведут ссылки из README."];
}

pub fn meta(path: &str) -> Option<&'static Meta> {
    META.iter().find(|m| m.path == path)
}

/// A readable name for a choice value.
pub fn value_label(lang: Lang, path: &str, value: &str) -> String {
    let named = match (path, value) {
        ("backend", "connect-k8s") => Some((
            "Spark Connect, Kubernetes executors",
            "Spark Connect, executor'ы в Kubernetes",
        )),
        ("backend", "connect-standalone") => Some((
            "Spark Connect, Standalone cluster",
            "Spark Connect, кластер Standalone",
        )),
        ("backend", "submit-k8s") => Some(("spark-submit jobs", "Задачи spark-submit")),
        ("backend", "operator") => Some(("Spark Operator", "Spark Operator")),
        ("platform", "kubernetes") => Some(("Kubernetes", "Kubernetes")),
        ("platform", "openshift-restricted") => Some((
            "OpenShift, restricted-v2 SCC",
            "OpenShift, SCC restricted-v2",
        )),
        ("platform", "openshift-anyuid") => {
            Some(("OpenShift, anyuid SCC", "OpenShift, SCC anyuid"))
        }
        ("components.storage", "minio") => Some(("MinIO in the namespace", "MinIO в namespace")),
        ("components.storage", "external") => Some(("External S3", "Внешний S3")),
        ("components.storage", "none") => Some(("None", "Нет")),
        ("features.iceberg", "off") => Some(("Off", "Выкл.")),
        ("features.exposure", "none") => Some(("Not exposed", "Не публиковать")),
        ("features.exposure", "ingress") => Some(("Ingress", "Ingress")),
        ("features.exposure", "route") => Some(("OpenShift Route", "Route OpenShift")),
        ("features.secrets", "existing") => Some(("Existing Secret", "Существующий Secret")),
        ("features.secrets", "external-secrets") => {
            Some(("External Secrets Operator", "External Secrets Operator"))
        }
        ("features.secrets", "inline") => {
            Some(("Inline (test clusters)", "В файлах (тестовые кластеры)"))
        }
        ("sizing.workload", "python") => Some(("PySpark", "PySpark")),
        ("sizing.workload", "jvm") => Some(("Scala / Java", "Scala / Java")),
        _ => None,
    };
    named.map_or_else(
        || value.to_string(),
        |(en, ru)| pick(lang, en, ru).to_string(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_engine_field_has_a_place_on_the_form() {
        for f in composer::FIELDS {
            assert!(super::meta(f.path).is_some(), "{}", f.path);
        }
        assert_eq!(super::META.len(), composer::FIELDS.len());
    }
}
