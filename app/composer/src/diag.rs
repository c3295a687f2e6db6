//! Diagnostics are data: a stable code, a severity, the field path and arguments. Texts in both
//! languages and the doc page that explains each code live here, in one table.

use crate::Lang;

/// How bad a finding is. Errors mark the output "not ready"; it is still rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

macro_rules! codes {
    ($($variant:ident $code:literal $sev:ident $doc:literal { en: $en:literal, ru: $ru:literal })+) => {
        /// Every diagnostic the engine can emit.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),+ }
        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];
            /// The stable code string (never changes once published).
            pub fn as_str(self) -> &'static str { match self { $(Code::$variant => $code),+ } }
            pub fn severity(self) -> Severity { match self { $(Code::$variant => Severity::$sev),+ } }
            /// The doc page explaining it: a path under /<lang>/ without anchor.
            pub fn doc(self) -> &'static str { match self { $(Code::$variant => $doc),+ } }
            /// The message template; `{name}` is replaced by the argument of that name.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Code::$variant, Lang::En) => $en, (Code::$variant, Lang::Ru) => $ru,)+
                }
            }
            pub fn parse(s: &str) -> Option<Code> { Code::ALL.iter().copied().find(|c| c.as_str() == s) }
        }
    };
}

codes! {
    QuantityInvalid "quantity-invalid" Error "guides/sizing" {
        en: "`{value}` is not a Kubernetes memory quantity: write it like 512Mi or 4Gi.",
        ru: "`{value}` — не объём памяти в формате Kubernetes: пишите 512Mi или 4Gi."
    }
    NumberOutOfRange "number-out-of-range" Error "guides/sizing" {
        en: "{value} is outside the range this field accepts ({min}–{max}).",
        ru: "{value} — вне допустимого диапазона ({min}–{max})."
    }
    FactorInvalid "factor-invalid" Error "guides/sizing" {
        en: "The memory overhead factor `{value}` must be a decimal between 0.06 and 1, like 0.1 or 0.4.",
        ru: "Коэффициент memory overhead `{value}` должен быть десятичной дробью от 0.06 до 1, например 0.1 или 0.4."
    }
    ExecutorExceedsLimit "executor-exceeds-limit" Error "guides/sizing" {
        en: "An executor Pod needs {need} (memory {memory} + overhead {overhead} + PySpark {pyspark}), but the container limit is {limit}: it will be OOMKilled.",
        ru: "Pod executor'а требует {need} (память {memory} + overhead {overhead} + PySpark {pyspark}), а лимит контейнера {limit}: его убьёт OOMKill."
    }
    DriverExceedsLimit "driver-exceeds-limit" Error "guides/sizing" {
        en: "The driver Pod needs {need} (memory {memory} + overhead {overhead} + PySpark {pyspark}), but the container limit is {limit}: it will be OOMKilled.",
        ru: "Pod драйвера требует {need} (память {memory} + overhead {overhead} + PySpark {pyspark}), а лимит контейнера {limit}: его убьёт OOMKill."
    }
    ExecutorExceedsNode "executor-exceeds-node" Error "guides/sizing" {
        en: "An executor Pod asks for {need} of memory, more than a node can allocate ({node}): executors will stay Pending.",
        ru: "Pod executor'а запрашивает {need} памяти — больше, чем allocatable у ноды ({node}): executor'ы зависнут в Pending."
    }
    DriverExceedsNode "driver-exceeds-node" Error "guides/sizing" {
        en: "The driver Pod asks for {need} of memory, more than a node can allocate ({node}): it will stay Pending.",
        ru: "Pod драйвера запрашивает {need} памяти — больше, чем allocatable у ноды ({node}): он зависнет в Pending."
    }
    ExecutorCoresExceedNode "executor-cores-exceed-node" Error "guides/sizing" {
        en: "An executor asks for {cores} cores, but a node has {node} allocatable CPUs: executors will stay Pending.",
        ru: "Executor запрашивает {cores} ядер, а у ноды allocatable {node} CPU: executor'ы зависнут в Pending."
    }
    DriverCoresExceedNode "driver-cores-exceed-node" Error "guides/sizing" {
        en: "The driver asks for {cores} cores, but a node has {node} allocatable CPUs: it will stay Pending.",
        ru: "Драйвер запрашивает {cores} ядер, а у ноды allocatable {node} CPU: он зависнет в Pending."
    }
    PysparkOverheadLow "pyspark-overhead-low" Warning "guides/sizing" {
        en: "Python workers live outside the JVM: an overhead factor of {factor} is below the 0.4 Spark uses for non-JVM jobs, so PySpark executors risk OOMKill.",
        ru: "Python-воркеры живут вне JVM: коэффициент overhead {factor} ниже 0.4, который Spark берёт для не-JVM задач, — PySpark executor'ы рискуют получить OOMKill."
    }
    ExecutorExceedsQuota "executor-exceeds-quota" Error "guides/quotas" {
        en: "One executor Pod ({need}) is larger than the whole namespace quota ({quota}).",
        ru: "Один Pod executor'а ({need}) больше всей квоты namespace ({quota})."
    }
    QuotaMemoryExceeded "quota-memory-exceeded" Error "guides/quotas" {
        en: "At {executors} executors the namespace needs {need} of memory limits (driver {driver}, services {services}), over the quota of {quota}: new Pods will be rejected.",
        ru: "При {executors} executor'ах namespace нужно {need} лимитов памяти (драйвер {driver}, сервисы {services}) — больше квоты {quota}: новые Pod'ы будут отклонены."
    }
    QuotaCpuExceeded "quota-cpu-exceeded" Error "guides/quotas" {
        en: "At {executors} executors the namespace needs {need} CPUs of limits, over the quota of {quota}.",
        ru: "При {executors} executor'ах namespace нужно {need} CPU лимитов — больше квоты {quota}."
    }
    ExecutorMinGtMax "executor-min-gt-max" Error "guides/sizing" {
        en: "The minimum executor count ({min}) is above the maximum ({max}).",
        ru: "Минимальное число executor'ов ({min}) больше максимального ({max})."
    }
    MemoryPerCore "memory-per-core" Warning "guides/sizing" {
        en: "{per_core} per executor core is outside the usual 2–8 GiB per core: expect spills below it and long GC pauses above it.",
        ru: "{per_core} на ядро executor'а — вне привычных 2–8 GiB на ядро: меньше — будут spill'ы, больше — долгие паузы GC."
    }
    DynamicAllocationNeedsShuffle "dynamic-allocation-needs-shuffle" Error "guides/celeborn" {
        en: "Dynamic allocation on Kubernetes needs shuffle tracking or Celeborn: without an external shuffle service, removed executors lose their shuffle files.",
        ru: "Dynamic allocation в Kubernetes требует shuffle tracking или Celeborn: без внешнего shuffle-сервиса удалённые executor'ы уносят с собой shuffle-файлы."
    }
    DynamicAllocationStandalone "dynamic-allocation-standalone" Info "getting-started/index" {
        en: "With the Standalone backend the chart writes no dynamic allocation settings: the workers' capacity bounds the executors.",
        ru: "С бэкендом Standalone chart не пишет настройки dynamic allocation: число executor'ов ограничено ресурсами воркеров."
    }
    IcebergRestNeedsUri "iceberg-rest-needs-uri" Error "guides/iceberg" {
        en: "An Iceberg REST catalog needs its URI (the chart refuses to render without one).",
        ru: "Для REST-каталога Iceberg нужен URI (без него Helm chart не отрендерится)."
    }
    IcebergHiveNeedsMetastore "iceberg-hive-needs-metastore" Error "guides/iceberg" {
        en: "An Iceberg hive catalog needs the Hive Metastore component.",
        ru: "Каталогу Iceberg типа hive нужен Hive Metastore."
    }
    MetastoreNeedsPostgresql "metastore-needs-postgresql" Error "guides/hive-metastore" {
        en: "The Hive Metastore keeps its schema in PostgreSQL: enable PostgreSQL.",
        ru: "Hive Metastore хранит схему в PostgreSQL: включите PostgreSQL."
    }
    NeedsPostgresql "needs-postgresql" Error "guides/hive-metastore" {
        en: "{component} keeps its state in PostgreSQL: enable PostgreSQL.",
        ru: "{component} хранит состояние в PostgreSQL: включите PostgreSQL."
    }
    MetastoreSchemaManual "metastore-schema-manual" Info "guides/hive-metastore" {
        en: "With the Helm chart the metastore schema init Job never renders: initialise the schema once with schematool (see install.sh). In the raw manifests the metastore container initialises it on start.",
        ru: "В Helm chart Job инициализации схемы metastore не рендерится: один раз выполните schematool (см. install.sh). В манифестах схему создаёт сам контейнер metastore при старте."
    }
    HistoryLogDirMismatch "history-log-dir-mismatch" Error "guides/history-server" {
        en: "The History Server reads {history} but jobs write event logs to {eventlog}: the UI will stay empty.",
        ru: "History Server читает {history}, а задачи пишут event log в {eventlog}: UI останется пустым."
    }
    HistoryNeedsStorage "history-needs-storage" Error "guides/history-server" {
        en: "The History Server and event logs need object storage: choose MinIO or an external S3 endpoint.",
        ru: "History Server и event log'ам нужно объектное хранилище: выберите MinIO или внешний S3."
    }
    EventLogNotS3 "event-log-not-s3" Warning "guides/history-server" {
        en: "The event log dir `{value}` is not an s3a:// path: driver and History Server Pods do not share a local disk.",
        ru: "Каталог event log `{value}` — не s3a://: у Pod'ов драйвера и History Server нет общего локального диска."
    }
    OperatorMissing "operator-missing" Error "getting-started/index" {
        en: "The Spark Operator backend needs the operator: enable the Spark Operator component (Airflow's SparkKubernetesOperator submits to it).",
        ru: "Бэкенду Spark Operator нужен сам оператор: включите компонент Spark Operator (SparkKubernetesOperator из Airflow отправляет задачи именно ему)."
    }
    JupyterNeedsConnect "jupyter-needs-connect" Error "getting-started/index" {
        en: "Jupyter talks to Spark through Spark Connect: choose a Connect backend or turn Jupyter off.",
        ru: "Jupyter работает со Spark через Spark Connect: выберите бэкенд с Connect или отключите Jupyter."
    }
    OpenshiftUidOmitted "openshift-uid-omitted" Info "guides/openshift" {
        en: "runAsUser, runAsGroup and fsGroup are left out: restricted-v2 assigns them from the namespace's UID range and rejects fixed values.",
        ru: "runAsUser, runAsGroup и fsGroup не задаются: restricted-v2 сам выдаёт их из диапазона UID namespace и отклоняет фиксированные значения."
    }
    OpenshiftHelmUid "openshift-helm-uid" Warning "guides/openshift" {
        en: "The Helm chart always writes runAsUser/fsGroup {uid}: under restricted-v2 that needs an SCC allowing it, or an image built for the namespace UID range. The raw manifests do not have this problem.",
        ru: "Helm chart всегда пишет runAsUser/fsGroup {uid}: под restricted-v2 нужен SCC, который это разрешает, или образ под диапазон UID namespace. В манифестах этой проблемы нет."
    }
    RunAsRoot "run-as-root" Error "guides/security-pss" {
        en: "UID {value} is root or invalid: restricted Pods must run as a non-zero UID.",
        ru: "UID {value} — root или некорректный: restricted Pod'ы должны работать под ненулевым UID."
    }
    ReadOnlyRootDisabled "read-only-root-disabled" Warning "guides/security-pss" {
        en: "The root filesystem is writable: scanners flag it, and writable paths are already provided as emptyDir volumes.",
        ru: "Корневая ФС доступна на запись: сканеры это отметят, а все нужные каталоги и так смонтированы как emptyDir."
    }
    AnyuidRelaxed "anyuid-relaxed" Info "guides/openshift" {
        en: "anyuid lets images run with their own UID: the Pods still drop capabilities and use RuntimeDefault seccomp, but the namespace cannot enforce PSS restricted.",
        ru: "anyuid разрешает образам работать под своим UID: Pod'ы по-прежнему сбрасывают capabilities и используют seccomp RuntimeDefault, но namespace не может требовать PSS restricted."
    }
    RouteNeedsOpenshift "route-needs-openshift" Error "guides/openshift" {
        en: "Routes exist only on OpenShift: choose Ingress on plain Kubernetes.",
        ru: "Route есть только в OpenShift: в обычном Kubernetes выберите Ingress."
    }
    ExposureNotInChart "exposure-not-in-chart" Info "reference/helm-values" {
        en: "The {chart} chart cannot render this {kind} with TLS: it is only in the raw manifests.",
        ru: "Helm chart {chart} не умеет {kind} с TLS: он есть только в манифестах."
    }
    TlsDisabled "tls-disabled" Warning "guides/security-pss" {
        en: "UIs are exposed without TLS: tokens and notebook contents travel in clear text.",
        ru: "UI опубликованы без TLS: токены и содержимое ноутбуков идут открытым текстом."
    }
    DnsLabelInvalid "dns-label-invalid" Error "reference/helm-values" {
        en: "`{value}` is not a valid DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.",
        ru: "`{value}` — некорректная DNS-1123 метка: строчные латинские буквы, цифры и '-', начало и конец — буква или цифра, не длиннее 63 символов."
    }
    ReleaseTooLong "release-too-long" Error "reference/helm-values" {
        en: "The release name is {len} characters long: names built from it must fit in 63 characters, so it can be at most {max} here (Helm itself allows 53).",
        ru: "Имя release — {len} символов: производные имена должны укладываться в 63 символа, поэтому здесь не длиннее {max} (сам Helm допускает 53)."
    }
    BucketInvalid "bucket-invalid" Error "guides/s3-minio" {
        en: "`{value}` is not a valid S3 bucket name: 3–63 lower-case letters, digits, '-' or '.', starting and ending with a letter or digit, not an IP address.",
        ru: "`{value}` — некорректное имя S3 bucket'а: 3–63 символа из строчных букв, цифр, '-' и '.', начало и конец — буква или цифра, не IP-адрес."
    }
    ImageTagLatest "image-tag-latest" Error "reference/compatibility" {
        en: "The image tag `latest` is not reproducible: pin a version such as {suggest}.",
        ru: "Тег `latest` не даёт воспроизводимости: зафиксируйте версию, например {suggest}."
    }
    ImageTagEmpty "image-tag-empty" Error "reference/compatibility" {
        en: "The image tag is empty: pin a version such as {suggest}.",
        ru: "Тег образа пуст: зафиксируйте версию, например {suggest}."
    }
    ImageTagInvalid "image-tag-invalid" Error "reference/compatibility" {
        en: "`{value}` is not a valid image tag (letters, digits, '.', '_' and '-', at most 128).",
        ru: "`{value}` — некорректный тег образа (буквы, цифры, '.', '_' и '-', не длиннее 128)."
    }
    ImageTagLineMismatch "image-tag-line-mismatch" Error "reference/compatibility" {
        en: "The image tag {tag} does not match the Spark {line} chart line (Scala {scala}, Java 17): use a {line}.x image.",
        ru: "Тег образа {tag} не соответствует линейке Spark {line} (Scala {scala}, Java 17): возьмите образ {line}.x."
    }
    TextInvalid "text-invalid" Error "reference/helm-values" {
        en: "This value contains characters that do not belong in it (line breaks, control characters or spaces) or is too long.",
        ru: "Значение содержит недопустимые символы (переводы строк, управляющие символы, пробелы) или слишком длинное."
    }
    UrlInvalid "url-invalid" Error "reference/helm-values" {
        en: "`{value}` is not an http(s) URL.",
        ru: "`{value}` — не http(s) URL."
    }
    PlaintextSecret "plaintext-secret" Warning "guides/secrets" {
        en: "Credentials are written into the generated files in plain text: reference an existing Secret ({secret}) or use External Secrets instead.",
        ru: "Учётные данные попадут в сгенерированные файлы открытым текстом: лучше сослаться на существующий Secret ({secret}) или использовать External Secrets."
    }
    InlineSecretEmpty "inline-secret-empty" Error "guides/secrets" {
        en: "Inline credentials are chosen but the access key or secret key is empty.",
        ru: "Выбраны учётные данные в открытом виде, но access key или secret key пуст."
    }
    GpuNeedsImage "gpu-needs-image" Error "guides/gpu-rapids" {
        en: "GPU executors need a GPU build of the Spark image (a tag with `gpu`, e.g. {suggest}): CUDA and RAPIDS are not in the plain image.",
        ru: "GPU executor'ам нужен GPU-образ Spark (тег с `gpu`, например {suggest}): в обычном образе нет CUDA и RAPIDS."
    }
    GpuHelmInert "gpu-helm-inert" Info "guides/gpu-rapids" {
        en: "The chart's features.gpu block renders nothing: GPUs are requested through connect.executor.gpu and RAPIDS through connect.sparkConf. The chart also gives the Connect Pod a GPU.",
        ru: "Блок features.gpu в chart ничего не рендерит: GPU запрашиваются через connect.executor.gpu, RAPIDS — через connect.sparkConf. Chart заодно выдаёт GPU и Pod'у Connect."
    }
    RapidsBuild "rapids-build" Info "reference/compatibility" {
        en: "RAPIDS jars must match Scala {scala} (rapids-4-spark_{scala}) and CUDA 12.x on the nodes.",
        ru: "Jar'ы RAPIDS должны быть собраны под Scala {scala} (rapids-4-spark_{scala}), а на нодах — CUDA 12.x."
    }
    IcebergRuntime "iceberg-runtime" Info "reference/compatibility" {
        en: "The Spark image must carry {jar}: the chart does not add Iceberg jars.",
        ru: "В образе Spark должен быть {jar}: chart не добавляет jar'ы Iceberg."
    }
    NetworkPoliciesUpstream "network-policies-upstream" Info "guides/security-pss" {
        en: "The chart's own NetworkPolicies are left off (they miss the driver↔executor, metastore and History edges); the generated ones in manifests/ come with the manifests install path.",
        ru: "Собственные NetworkPolicy chart'а выключены (в них нет рёбер driver↔executor, metastore и History); сгенерированные политики из manifests/ ставятся вместе с манифестами."
    }
    PdbNotInChart "pdb-not-in-chart" Info "reference/helm-values" {
        en: "The chart has no PodDisruptionBudget template: the PDBs are only in the raw manifests.",
        ru: "В chart нет шаблона PodDisruptionBudget: PDB есть только в манифестах."
    }
    ConnectReplicas "connect-replicas" Warning "architecture" {
        en: "Each of the {replicas} Connect replicas is a separate driver and the Service has no session affinity: a client may reconnect to a server without its session.",
        ru: "Каждая из {replicas} реплик Connect — отдельный драйвер, а у Service нет session affinity: клиент может переподключиться к серверу без своей сессии."
    }
    JupyterNoAuth "jupyter-no-auth" Warning "guides/security-pss" {
        en: "The 3.5 chart starts Jupyter with an empty token and password: keep it unexposed or put authentication in front of it.",
        ru: "Chart 3.5 запускает Jupyter с пустым токеном и паролем: не публикуйте его наружу или поставьте перед ним аутентификацию."
    }
    CelebornEndpoints "celeborn-endpoints" Info "guides/celeborn" {
        en: "The chart's default Celeborn endpoints do not match the Celeborn chart's names: they are set to {endpoints}.",
        ru: "Адреса Celeborn по умолчанию в chart не совпадают с именами из chart'а Celeborn: выставлены {endpoints}."
    }
    MonitoringCrds "monitoring-crds" Info "guides/monitoring" {
        en: "ServiceMonitor, PodMonitor and PrometheusRule need the Prometheus Operator CRDs in the cluster.",
        ru: "Для ServiceMonitor, PodMonitor и PrometheusRule в кластере нужны CRD Prometheus Operator."
    }
    AlertsNeedMonitoring "alerts-need-monitoring" Warning "guides/monitoring" {
        en: "Alerts are on but metrics scraping is off: most alert rules will never fire.",
        ru: "Алерты включены, а сбор метрик — нет: большинство правил никогда не сработает."
    }
    NotInChart "not-in-chart" Info "reference/helm-values" {
        en: "{component} is not part of the {chart} chart: it is deployed from the raw manifests only.",
        ru: "{component} не входит в chart {chart}: он разворачивается только из манифестов."
    }
    PlainHttpS3 "plain-http-s3" Warning "guides/s3-minio" {
        en: "The external S3 endpoint uses plain http: credentials and data cross the network unencrypted.",
        ru: "Внешний S3 доступен по http: ключи и данные идут по сети без шифрования."
    }
    StandaloneMaster35 "standalone-master-35" Info "getting-started/index" {
        en: "The 3.5 chart always points Connect at its own Standalone master: sparkStandalone is enabled in the values.",
        ru: "Chart 3.5 всегда направляет Connect на свой Standalone master: в values включён sparkStandalone."
    }
    StandaloneMasterService "standalone-master-service" Info "getting-started/index" {
        en: "Connect is pointed at the Standalone master {service}: install the spark-standalone chart under the matching release.",
        ru: "Connect направлен на Standalone master {service}: установите chart spark-standalone с подходящим именем release."
    }
    GpuOnOpenshiftAnyuid "gpu-node-taints" Info "guides/gpu-rapids" {
        en: "GPU nodes are usually tainted: executor Pods get a toleration for nvidia.com/gpu and a node selector nvidia.com/gpu.present=true in the Pod template.",
        ru: "GPU-ноды обычно с taint'ом: в Pod template executor'ов добавлены toleration nvidia.com/gpu и nodeSelector nvidia.com/gpu.present=true."
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The Choices field path it is about (e.g. `sizing.executor_memory`), or "" for the whole.
    pub path: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Diagnostic {
    pub fn new(code: Code, path: &'static str) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            path,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, k: &'static str, v: impl ToString) -> Diagnostic {
        self.args.push((k, v.to_string()));
        self
    }

    /// The message in a language, with arguments filled in. Arguments are shortened so a 10 KB
    /// hostile value cannot flood the page.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = self.code.template(lang).to_string();
        for (k, v) in &self.args {
            let shown: String = if v.chars().count() > 80 {
                let mut s: String = v.chars().take(77).collect();
                s.push('…');
                s
            } else {
                v.clone()
            };
            let shown: String = shown
                .chars()
                .map(|c| if c.is_control() { '�' } else { c })
                .collect();
            out = out.replace(&format!("{{{k}}}"), &shown);
        }
        out
    }

    pub fn doc(&self) -> &'static str {
        self.code.doc()
    }
}
