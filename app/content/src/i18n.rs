//! UI text in both languages. One struct per language, so a missing string does not compile.

use crate::Lang;

/// Every piece of interface text the site shows, outside the pages themselves.
pub struct Ui {
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub nav_docs: &'static str,
    pub nav_runbooks: &'static str,
    pub nav_composer: &'static str,
    pub nav_preview: &'static str,
    pub skip_to_content: &'static str,
    pub menu: &'static str,
    pub sidebar_label: &'static str,
    pub toc_title: &'static str,
    pub breadcrumbs_label: &'static str,
    pub home: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub edit_page: &'static str,
    pub last_updated: &'static str,
    pub last_updated_unknown: &'static str,
    pub switch_language: &'static str,
    pub theme: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub theme_system: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub note: &'static str,
    pub tip: &'static str,
    pub warning: &'static str,
    pub danger: &'static str,
    pub fallback_notice: &'static str,
    pub stale_notice: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_home: &'static str,
    pub footer_license: &'static str,
    pub footer_source: &'static str,
    pub choose_language: &'static str,
    pub runbook_severity: &'static str,
    pub runbook_alerts: &'static str,
    pub runbook_components: &'static str,
    pub runbook_time_to_mitigate: &'static str,
    pub composer_title: &'static str,
    pub composer_description: &'static str,
    pub composer_nojs: &'static str,
    pub preview_title: &'static str,
    pub preview_description: &'static str,
    pub preview_nojs: &'static str,
    pub crash_title: &'static str,
    pub crash_text: &'static str,
    pub crash_reload: &'static str,
    pub offline_copy: &'static str,
    pub print_runbooks: &'static str,
    pub print_runbooks_title: &'static str,
}

pub const EN: Ui = Ui {
    site_name: "spark_k8s",
    tagline: "Apache Spark on Kubernetes: production-ready, not production-hostile",
    nav_docs: "Docs",
    nav_runbooks: "Runbooks",
    nav_composer: "Composer",
    nav_preview: "Preview",
    skip_to_content: "Skip to content",
    menu: "Menu",
    sidebar_label: "Documentation",
    toc_title: "On this page",
    breadcrumbs_label: "Breadcrumbs",
    home: "Home",
    previous: "Previous",
    next: "Next",
    edit_page: "Edit this page",
    last_updated: "Last updated",
    last_updated_unknown: "not yet in version history",
    switch_language: "Language",
    theme: "Theme",
    theme_light: "Light",
    theme_dark: "Dark",
    theme_system: "System",
    copy: "Copy",
    copied: "Copied",
    note: "Note",
    tip: "Tip",
    warning: "Warning",
    danger: "Danger",
    fallback_notice: "This page has not been translated into English yet. You are reading the Russian original.",
    stale_notice: "The English original of this page has changed since this translation was made. It may be out of date.",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. It may have moved, or the link may be mistyped.",
    not_found_home: "Go to the documentation home",
    footer_license: "Apache License 2.0",
    footer_source: "Source on GitHub",
    choose_language: "Choose a language",
    runbook_severity: "Severity",
    runbook_alerts: "Alerts",
    runbook_components: "Components",
    runbook_time_to_mitigate: "Time to mitigate",
    composer_title: "Preset composer",
    composer_description: "Pick a preset, combine components and size resources: get Helm values, manifests and install commands that are checked as you go.",
    composer_nojs: "The composer runs in your browser and needs JavaScript. Every preset also renders from the command line with the same engine:",
    preview_title: "Runbook previewer",
    preview_description: "Write or paste a page and see it exactly as readers will, with the runbook template and links checked as you type.",
    preview_nojs: "The previewer runs in your browser and needs JavaScript. The same checks run from the command line: cargo xtask check-content PATH",
    crash_title: "Something went wrong on this page",
    crash_text: "The page's script stopped after an internal error. Your work is saved in this browser: reload the page to continue where you left off.",
    crash_reload: "Reload the page",
    offline_copy: "Offline copy of the site (zip)",
    print_runbooks: "Print all runbooks",
    print_runbooks_title: "All runbooks",
};

pub const RU: Ui = Ui {
    site_name: "spark_k8s",
    tagline: "Apache Spark в Kubernetes: готов к продакшену и не мешает в нём жить",
    nav_docs: "Документация",
    nav_runbooks: "Ранбуки",
    nav_composer: "Конструктор",
    nav_preview: "Предпросмотр",
    skip_to_content: "Перейти к содержимому",
    menu: "Меню",
    sidebar_label: "Документация",
    toc_title: "На этой странице",
    breadcrumbs_label: "Навигационная цепочка",
    home: "Главная",
    previous: "Назад",
    next: "Далее",
    edit_page: "Править страницу",
    last_updated: "Обновлено",
    last_updated_unknown: "ещё нет в истории репозитория",
    switch_language: "Язык",
    theme: "Тема",
    theme_light: "Светлая",
    theme_dark: "Тёмная",
    theme_system: "Как в системе",
    copy: "Копировать",
    copied: "Скопировано",
    note: "Примечание",
    tip: "Совет",
    warning: "Внимание",
    danger: "Опасно",
    fallback_notice: "Эту страницу ещё не перевели на русский. Ниже — английский оригинал.",
    stale_notice: "Английский оригинал изменился после перевода — текст может быть неактуален.",
    not_found_title: "Страница не найдена",
    not_found_text: "По этому адресу ничего нет. Возможно, страницу перенесли или в ссылке опечатка.",
    not_found_home: "На главную документации",
    footer_license: "Лицензия Apache 2.0",
    footer_source: "Исходники на GitHub",
    choose_language: "Выберите язык",
    runbook_severity: "Критичность",
    runbook_alerts: "Алерты",
    runbook_components: "Компоненты",
    runbook_time_to_mitigate: "Время на устранение",
    composer_title: "Конструктор пресетов",
    composer_description: "Выберите пресет, добавьте компоненты и задайте ресурсы — и получите Helm values, манифесты и команды установки, проверенные на лету.",
    composer_nojs: "Конструктор работает в браузере, и ему нужен JavaScript. Любой пресет можно собрать и из командной строки — тем же движком:",
    preview_title: "Предпросмотр ранбуков",
    preview_description: "Напишите или вставьте страницу и посмотрите, как её увидят читатели: шаблон ранбука и ссылки проверяются прямо при наборе.",
    preview_nojs: "Предпросмотр работает в браузере, и ему нужен JavaScript. Те же проверки запускаются из командной строки: cargo xtask check-content PATH",
    crash_title: "На странице что-то сломалось",
    crash_text: "Скрипт страницы остановился из-за внутренней ошибки. Ваша работа сохранена в браузере — перезагрузите страницу, и всё останется на месте.",
    crash_reload: "Перезагрузить страницу",
    offline_copy: "Офлайн-копия сайта (zip)",
    print_runbooks: "Распечатать все ранбуки",
    print_runbooks_title: "Все ранбуки",
};

/// The interface text of a language.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

/// The form of a counted word for `n`: English one/other (forms 0 and 1), Russian
/// one/few/many (1, 21, 101 → form 0; 2–4, 22–24 → form 1; 0, 5–20, 25–30, 111–114 → form 2).
pub fn plural(lang: Lang, n: usize, forms: [&str; 3]) -> &str {
    match lang {
        Lang::En => forms[usize::from(n != 1)],
        Lang::Ru => {
            let (last, last_two) = (n % 10, n % 100);
            if last == 1 && last_two != 11 {
                forms[0]
            } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                forms[1]
            } else {
                forms[2]
            }
        }
    }
}

/// `n` followed by the right form of the counted word: "1 ошибка", "5 ошибок", "2 errors".
pub fn count(lang: Lang, n: usize, forms: [&str; 3]) -> String {
    format!("{n} {}", plural(lang, n, forms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_follow_one_few_many() {
        let forms = ["ошибка", "ошибки", "ошибок"];
        let got: Vec<String> = [0, 1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112]
            .iter()
            .map(|n| count(Lang::Ru, *n, forms))
            .collect();
        assert_eq!(
            got,
            [
                "0 ошибок",
                "1 ошибка",
                "2 ошибки",
                "5 ошибок",
                "11 ошибок",
                "12 ошибок",
                "14 ошибок",
                "21 ошибка",
                "22 ошибки",
                "25 ошибок",
                "101 ошибка",
                "111 ошибок",
                "112 ошибок",
            ]
        );
    }

    #[test]
    fn english_counts_use_singular_for_one_only() {
        let forms = ["error", "errors", "errors"];
        assert_eq!(count(Lang::En, 1, forms), "1 error");
        assert_eq!(count(Lang::En, 0, forms), "0 errors");
        assert_eq!(count(Lang::En, 21, forms), "21 errors");
    }
}
