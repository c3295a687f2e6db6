//! The composer page's own words, one struct per language (a missing string does not compile).

use composer::Lang;

pub struct Text {
    pub gallery: &'static str,
    pub filter: &'static str,
    pub filter_placeholder: &'static str,
    pub all_tags: &'static str,
    pub no_match: &'static str,
    pub brings: &'static str,
    pub preset: &'static str,
    pub custom_based_on: &'static str,
    pub reset_all: &'static str,
    pub reset: &'static str,
    pub changed: &'static str,
    pub share: &'static str,
    pub copy_link: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub recent: &'static str,
    pub recent_empty: &'static str,
    pub open: &'static str,
    pub diagnostics: &'static str,
    pub no_diagnostics: &'static str,
    pub ready: &'static str,
    pub not_ready: &'static str,
    /// Plural forms: one, few, many (English uses the first two).
    pub errors: [&'static str; 3],
    pub warnings: [&'static str; 3],
    /// Severity names: error, warning, info.
    pub severity: [&'static str; 3],
    pub read_more: &'static str,
    pub go_to_field: &'static str,
    pub unavailable: &'static str,
    pub output: &'static str,
    pub files: &'static str,
    pub view_file: &'static str,
    pub view_base: &'static str,
    pub view_last: &'static str,
    pub no_changes: &'static str,
    pub unchanged_lines: &'static str,
    pub copy_file: &'static str,
    pub download_file: &'static str,
    pub download_zip: &'static str,
    pub why: &'static str,
    pub why_hint: &'static str,
    pub why_none: &'static str,
    pub from_choice: &'static str,
    pub sizing: &'static str,
    pub sizing_pods: &'static str,
    pub sizing_total: &'static str,
    pub node: &'static str,
    pub quota: &'static str,
    pub need: &'static str,
    pub limit: &'static str,
    pub risk_oom: &'static str,
    pub risk_pending: &'static str,
    pub over_quota: &'static str,
    pub services: &'static str,
    pub drivers: &'static str,
    pub executors: &'static str,
    pub graph: &'static str,
    pub graph_desc: &'static str,
    pub compare: &'static str,
    pub compare_a: &'static str,
    pub compare_b: &'static str,
    pub current: &'static str,
    pub property: &'static str,
    pub values_diff: &'static str,
    pub keys: &'static str,
    pub keys_intro: &'static str,
    pub key_copy: &'static str,
    pub key_download: &'static str,
    pub key_zip: &'static str,
    pub key_link: &'static str,
    pub key_lines: &'static str,
    pub link_bad: &'static str,
    pub link_ignored: &'static str,
    pub not_number: &'static str,
}

pub static EN: Text = Text {
    gallery: "Presets",
    filter: "Filter presets",
    filter_placeholder: "gpu, airflow, openshift…",
    all_tags: "All",
    no_match: "No preset matches this filter.",
    brings: "Deploys",
    preset: "Preset",
    custom_based_on: "Custom, based on",
    reset_all: "Reset all to the preset",
    reset: "Reset",
    changed: "changed",
    share: "Share link",
    copy_link: "Copy link",
    copied: "Copied",
    copy_failed: "The browser refused the clipboard: select the text and copy it.",
    recent: "Recent configurations",
    recent_empty: "Nothing yet: configurations you copy, share or download appear here.",
    open: "Open",
    diagnostics: "Checks",
    no_diagnostics: "No findings.",
    ready: "Ready to install",
    not_ready: "Not ready: fix the errors below",
    errors: ["error", "errors", "errors"],
    warnings: ["warning", "warnings", "warnings"],
    severity: ["error", "warning", "info"],
    read_more: "Read more",
    go_to_field: "Go to the field",
    unavailable: "Unavailable",
    output: "Output",
    files: "Files",
    view_file: "File",
    view_base: "Diff against the preset",
    view_last: "What the last edit changed",
    no_changes: "No changes.",
    unchanged_lines: "unchanged lines",
    copy_file: "Copy file",
    download_file: "Download file",
    download_zip: "Download all (.zip)",
    why: "Why this line",
    why_hint: "Select a line of the output (click it, or focus the code and use the arrow keys) to see which choice produced it and why.",
    why_none: "Nothing to explain for this line: it follows from the component itself.",
    from_choice: "Choice",
    sizing: "Sizing",
    sizing_pods: "Each Pod's memory against one node",
    sizing_total: "The namespace at full scale against the quota",
    node: "node",
    quota: "quota",
    need: "needs",
    limit: "limit",
    risk_oom: "OOMKill: needs more than its limit",
    risk_pending: "Pending: larger than a node",
    over_quota: "over the quota: new Pods are rejected",
    services: "services",
    drivers: "drivers",
    executors: "executors",
    graph: "Components and connections",
    graph_desc: "Arrows are the connections the NetworkPolicies allow, labelled with their ports.",
    compare: "Compare two configurations",
    compare_a: "Left",
    compare_b: "Right",
    current: "Current configuration",
    property: "Property",
    values_diff: "values.yaml, left to right",
    keys: "Keyboard",
    keys_intro: "Outside text fields:",
    key_copy: "copy the shown file",
    key_download: "download the shown file",
    key_zip: "download the whole bundle as a zip",
    key_link: "copy the share link",
    key_lines: "in the code: move the selected line and show why it is there",
    link_bad: "The link in the address could not be read, so the composer opened the default preset instead:",
    link_ignored: "Some settings in the link were not understood and were skipped:",
    not_number: "Write a whole number.",
};

pub static RU: Text = Text {
    gallery: "Пресеты",
    filter: "Фильтр пресетов",
    filter_placeholder: "gpu, airflow, openshift…",
    all_tags: "Все",
    no_match: "Под этот фильтр не подходит ни один пресет.",
    brings: "Разворачивает",
    preset: "Пресет",
    custom_based_on: "Своя конфигурация на основе",
    reset_all: "Вернуть всё как в пресете",
    reset: "Сбросить",
    changed: "изменено",
    share: "Ссылка на конфигурацию",
    copy_link: "Скопировать ссылку",
    copied: "Скопировано",
    copy_failed: "Браузер не дал доступ к буферу обмена: выделите текст и скопируйте вручную.",
    recent: "Недавние конфигурации",
    recent_empty: "Пока пусто: здесь появятся конфигурации, которые вы скопируете, отправите или скачаете.",
    open: "Открыть",
    diagnostics: "Проверки",
    no_diagnostics: "Замечаний нет.",
    ready: "Можно устанавливать",
    not_ready: "Не готово: исправьте ошибки ниже",
    errors: ["ошибка", "ошибки", "ошибок"],
    warnings: ["предупреждение", "предупреждения", "предупреждений"],
    severity: ["ошибка", "предупреждение", "справка"],
    read_more: "Подробнее",
    go_to_field: "К полю",
    unavailable: "Недоступно",
    output: "Результат",
    files: "Файлы",
    view_file: "Файл",
    view_base: "Отличия от пресета",
    view_last: "Что изменила последняя правка",
    no_changes: "Изменений нет.",
    unchanged_lines: "строк без изменений",
    copy_file: "Скопировать файл",
    download_file: "Скачать файл",
    download_zip: "Скачать всё (.zip)",
    why: "Откуда эта строка",
    why_hint: "Выберите строку результата (щелчком или стрелками, когда фокус на коде) — и увидите, какой выбор её породил и зачем она нужна.",
    why_none: "Для этой строки объяснения нет: она следует из самого компонента.",
    from_choice: "Выбор",
    sizing: "Ресурсы",
    sizing_pods: "Память каждого Pod'а на фоне одной ноды",
    sizing_total: "Namespace на полном масштабе на фоне квоты",
    node: "нода",
    quota: "квота",
    need: "нужно",
    limit: "лимит",
    risk_oom: "OOMKill: нужно больше лимита",
    risk_pending: "Pending: больше ноды",
    over_quota: "больше квоты: новые Pod'ы будут отклонены",
    services: "сервисы",
    drivers: "драйверы",
    executors: "executor'ы",
    graph: "Компоненты и связи",
    graph_desc: "Стрелки — связи, которые разрешают NetworkPolicy, с номерами портов.",
    compare: "Сравнить две конфигурации",
    compare_a: "Слева",
    compare_b: "Справа",
    current: "Текущая конфигурация",
    property: "Свойство",
    values_diff: "values.yaml: слева направо",
    keys: "Клавиатура",
    keys_intro: "Вне текстовых полей:",
    key_copy: "скопировать показанный файл",
    key_download: "скачать показанный файл",
    key_zip: "скачать весь набор zip-архивом",
    key_link: "скопировать ссылку на конфигурацию",
    key_lines: "в коде: выбрать соседнюю строку и показать, откуда она",
    link_bad: "Ссылку из адресной строки прочитать не удалось, поэтому открыт пресет по умолчанию:",
    link_ignored: "Часть настроек из ссылки не распознана и пропущена:",
    not_number: "Введите целое число.",
};

pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

/// `n` with the right form of a counted word: English one/other, Russian one/few/many.
pub fn count(lang: Lang, n: usize, forms: [&str; 3]) -> String {
    let form = match lang {
        Lang::En => forms[usize::from(n != 1)],
        Lang::Ru => {
            let (d, h) = (n % 10, n % 100);
            if d == 1 && h != 11 {
                forms[0]
            } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                forms[1]
            } else {
                forms[2]
            }
        }
    };
    format!("{n} {form}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals() {
        let f = RU.errors;
        let got: Vec<String> = [0, 1, 2, 5, 11, 21, 22, 25, 112]
            .iter()
            .map(|n| count(Lang::Ru, *n, f))
            .collect();
        assert_eq!(
            got,
            [
                "0 ошибок",
                "1 ошибка",
                "2 ошибки",
                "5 ошибок",
                "11 ошибок",
                "21 ошибка",
                "22 ошибки",
                "25 ошибок",
                "112 ошибок"
            ]
        );
        assert_eq!(count(Lang::En, 1, EN.warnings), "1 warning");
        assert_eq!(count(Lang::En, 0, EN.warnings), "0 warnings");
    }
}
