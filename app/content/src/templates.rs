//! Starting points for a new page in the previewer, in both languages, with the front matter
//! and sections the checks expect (tested below: a template passes every check).

use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Runbook,
    Guide,
}

impl Template {
    pub const ALL: [Template; 2] = [Template::Runbook, Template::Guide];

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
  components: [connect]
  time_to_mitigate: 15m
---

## Symptoms

- Jobs never start; the driver pod stays `Pending`.

## Impact

No job of this release runs until the driver is scheduled.

## Diagnosis

```bash
kubectl -n <namespace> get pods -l spark-role=driver --field-selector=status.phase=Pending
```

```text
NAME                 READY   STATUS    RESTARTS   AGE
app-driver           0/1     Pending   0          4m
```

## Mitigation

- [ ] Free quota: stop finished jobs that still hold pods.

## Resolution

```yaml title="values.yaml"
connect:
  sparkConf:
    spark.driver.memory: 2g
```

## Verification

- [ ] The driver pod reaches `Running` within a minute.

## Escalation

> [!WARNING]
> Escalate to the platform team when the quota cannot be raised.

## Related

- [Resource quotas](../guides/quotas.md)
"#;

const RUNBOOK_RU: &str = r#"---
title: Под драйвера завис в Pending
description: Под драйвера остаётся в Pending: квота namespace или узлы не вмещают его.
runbook:
  severity: warning
  alerts: [SparkDriverPodPending]
  components: [connect]
  time_to_mitigate: 15m
---

## Симптомы

- Задания не стартуют: под драйвера остаётся в `Pending`.

## Влияние

Пока драйвер не запланирован, ни одно задание релиза не выполняется.

## Диагностика

```bash
kubectl -n <namespace> get pods -l spark-role=driver --field-selector=status.phase=Pending
```

```text
NAME                 READY   STATUS    RESTARTS   AGE
app-driver           0/1     Pending   0          4m
```

## Временное решение

- [ ] Освободите квоту: остановите завершённые задания, которые всё ещё держат поды.

## Устранение причины

```yaml title="values.yaml"
connect:
  sparkConf:
    spark.driver.memory: 2g
```

## Проверка

- [ ] Под драйвера переходит в `Running` в течение минуты.

## Эскалация

> [!WARNING]
> Если квоту поднять нельзя, передайте задачу команде платформы.

## См. также

- [Квоты ресурсов](../guides/quotas.md)
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

#[cfg(all(test, feature = "check"))]
mod tests {
    use super::*;
    use crate::markdown::{AnyPage, PlainCode, check_and_render};

    #[test]
    fn every_template_passes_every_check_and_both_languages_share_a_skeleton() {
        for template in Template::ALL {
            let mut outlines = Vec::new();
            for lang in Lang::ALL {
                let links = AnyPage {
                    base: "/".into(),
                    lang,
                };
                let c = check_and_render(
                    lang,
                    template.path(),
                    template.text(lang),
                    &links,
                    &PlainCode,
                );
                // With feature `build` this includes the alert names against the composer's.
                let findings = c.findings;
                assert!(findings.is_empty(), "{template:?} {lang:?}: {findings:#?}");
                outlines.push(c.rendered.outline);
            }
            assert!(
                crate::lint::structure_mismatch(&outlines[0], &outlines[1], crate::Level::Error)
                    .is_empty(),
                "{template:?}"
            );
        }
    }
}
