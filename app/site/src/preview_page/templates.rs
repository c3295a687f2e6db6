//! Starting points for a new page, in both languages, with the front matter and sections the
//! checks expect.

use content::Lang;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Runbook,
    Guide,
}

impl Template {
    pub fn path(self) -> &'static str {
        match self {
            Template::Runbook => "runbooks/new-runbook.md",
            Template::Guide => "guides/new-guide.md",
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Template::Runbook, Lang::En) => RUNBOOK_EN,
            (Template::Runbook, Lang::Ru) => RUNBOOK_RU,
            (Template::Guide, Lang::En) => GUIDE_EN,
            (Template::Guide, Lang::Ru) => GUIDE_RU,
        }
    }
}

const RUNBOOK_EN: &str = r#"---
title: Driver pod stuck in Pending
description: The driver pod stays Pending because the namespace quota or the nodes cannot fit it.
runbook:
  severity: warning
  alerts: [SparkDriverPodPending]
  components: [executor]
  time_to_mitigate: 15m
---

## Symptoms

- Jobs run with fewer executors than requested.

## Impact

Jobs are slower; with dynamic allocation off they may not start.

## Diagnosis

```bash
kubectl -n <namespace> get pods -l spark-role=executor --field-selector=status.phase=Pending
```

```text
NAME                 READY   STATUS    RESTARTS   AGE
app-exec-3           0/1     Pending   0          4m
```

## Mitigation

- [ ] Lower `spark.executor.instances` for the running job.

## Resolution

```yaml title="values.yaml"
connect:
  sparkConf:
    spark.executor.memory: 4g
```

## Verification

- [ ] No executor pod stays Pending for more than a minute.

## Escalation

> [!WARNING]
> Escalate to the platform team when the quota cannot be raised.

## Related

- [Sizing executors](../guides/sizing.md)
"#;

const RUNBOOK_RU: &str = r#"---
title: Под драйвера завис в Pending
description: Под драйвера остаётся в Pending: квота namespace или узлы не вмещают его.
runbook:
  severity: warning
  alerts: [SparkDriverPodPending]
  components: [executor]
  time_to_mitigate: 15m
---

## Симптомы

- Задания работают с меньшим числом executor, чем запрошено.

## Влияние

Задания идут медленнее; без динамического выделения могут не стартовать.

## Диагностика

```bash
kubectl -n <namespace> get pods -l spark-role=executor --field-selector=status.phase=Pending
```

```text
NAME                 READY   STATUS    RESTARTS   AGE
app-exec-3           0/1     Pending   0          4m
```

## Временное решение

- [ ] Уменьшите `spark.executor.instances` у работающего задания.

## Устранение причины

```yaml title="values.yaml"
connect:
  sparkConf:
    spark.executor.memory: 4g
```

## Проверка

- [ ] Ни один под executor не висит в Pending дольше минуты.

## Эскалация

> [!WARNING]
> Если квоту поднять нельзя, передайте задачу команде платформы.

## См. также

- [Размер executor](../guides/sizing.md)
"#;

const GUIDE_EN: &str = r#"---
title: A new guide
description: One sentence for search results and link previews.
---

What the reader will have at the end, in one or two sentences.

## Before you start

- A cluster and `kubectl` access to `<namespace>`.

## Steps

```bash
helm upgrade --install <release> charts/spark-4.1 -n <namespace>
```

> [!TIP]
> Keep one command per block: readers copy blocks whole.

## Check the result

| What | Expected |
|---|---|
| Connect pod | `Running` |
"#;

const GUIDE_RU: &str = r#"---
title: Новое руководство
description: Одно предложение для поиска и превью ссылок.
---

Что читатель получит в конце, в одном-двух предложениях.

## Что нужно заранее

- Кластер и доступ `kubectl` к `<namespace>`.

## Шаги

```bash
helm upgrade --install <release> charts/spark-4.1 -n <namespace>
```

> [!TIP]
> Одна команда на блок: читатели копируют блок целиком.

## Проверка результата

| Что | Ожидается |
|---|---|
| Под Connect | `Running` |
"#;
