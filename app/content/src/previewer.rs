//! What the runbook previewer shows both before and after its app starts: its UI text (one
//! struct per language, so a missing string does not compile), the editor's line numbers, and
//! what a draft looks like before the list of published pages arrives. The WASM app and the
//! prerender of the previewer's first screen both take them from here, so the page the reader
//! sees first is the one the app then builds, to the character.

use crate::Lang;

pub struct Text {
    pub view_label: &'static str,
    pub both: &'static str,
    pub template_label: &'static str,
    pub template_none: &'static str,
    pub template_runbook: &'static str,
    pub template_guide: &'static str,
    pub replace_confirm: &'static str,
    pub path_label: &'static str,
    pub path_hint: &'static str,
    pub open: &'static str,
    pub export: &'static str,
    pub editor_label: &'static str,
    pub editor_hint: &'static str,
    pub preview_label: &'static str,
    pub findings_title: &'static str,
    pub no_findings: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub line: &'static str,
    pub index_loading: &'static str,
    pub index_failed: &'static str,
    pub index_ready: &'static str,
    pub saved: &'static str,
    pub not_saved: &'static str,
    pub drop_hint: &'static str,
    pub highlight_note: &'static str,
    pub structure_of: &'static str,
    pub read_failed: &'static str,
    /// Shown from the first paint until the app starts: the editors are read-only till then.
    pub starting: &'static str,
}

const EN: Text = Text {
    view_label: "Show",
    both: "EN + RU",
    template_label: "Start from",
    template_none: "Choose a template…",
    template_runbook: "Runbook template",
    template_guide: "Guide template",
    replace_confirm: "Replace both drafts with the template? Export them first if you need them.",
    path_label: "Path under content/",
    path_hint: "Decides the rules: files under runbooks/ are checked as runbooks; relative links resolve from here.",
    open: "Open file…",
    export: "Download",
    editor_label: "Markdown",
    editor_hint: "Tab indents, Shift+Tab outdents. Press Esc, then Tab, to leave the editor.",
    preview_label: "Preview",
    findings_title: "Checks",
    no_findings: "No findings: the page passes every check.",
    error: "error",
    warning: "warning",
    line: "line",
    index_loading: "Loading the list of pages: links are checked once it arrives.",
    index_failed: "The list of pages could not be loaded: links to other pages are not checked here; run cargo xtask check-content.",
    index_ready: "Links, anchors and code languages are checked against the published site.",
    saved: "Draft saved in this browser.",
    not_saved: "This browser refused to store the draft (storage full or disabled): download it to keep it.",
    drop_hint: "Drop a .md file here",
    highlight_note: "Code is shown without colours here; published pages highlight it. Languages are still checked.",
    structure_of: "the English draft",
    read_failed: "The file could not be read.",
    starting: "Starting the editor: the drafts are read-only until it is ready.",
};

const RU: Text = Text {
    view_label: "Показать",
    both: "EN + RU",
    template_label: "Начать с",
    template_none: "Выберите шаблон…",
    template_runbook: "Шаблон ранбука",
    template_guide: "Шаблон руководства",
    replace_confirm: "Заменить оба черновика шаблоном? Если они нужны, сначала скачайте их.",
    path_label: "Путь в content/",
    path_hint: "От пути зависят проверки: файлы в runbooks/ проверяются как ранбуки, относительные ссылки считаются от этой папки.",
    open: "Открыть файл…",
    export: "Скачать",
    editor_label: "Markdown",
    editor_hint: "Tab добавляет отступ, Shift+Tab убирает. Чтобы выйти из редактора, нажмите Esc, затем Tab.",
    preview_label: "Предпросмотр",
    findings_title: "Проверки",
    no_findings: "Замечаний нет: страница проходит все проверки.",
    error: "ошибка",
    warning: "предупреждение",
    line: "строка",
    index_loading: "Загружаем список страниц: ссылки проверятся, когда он придёт.",
    index_failed: "Список страниц не загрузился: ссылки на другие страницы здесь не проверяются, запустите cargo xtask check-content.",
    index_ready: "Ссылки, якоря и языки блоков кода проверяются по опубликованному сайту.",
    saved: "Черновик сохранён в этом браузере.",
    not_saved: "Браузер не дал сохранить черновик (хранилище заполнено или отключено): скачайте файл, чтобы не потерять текст.",
    drop_hint: "Перетащите сюда файл .md",
    highlight_note: "Здесь код показан без подсветки, на опубликованных страницах она есть. Языки блоков всё равно проверяются.",
    structure_of: "английский черновик",
    read_failed: "Не удалось прочитать файл.",
    starting: "Редактор запускается: пока он не готов, черновики только для чтения.",
};

pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

/// How many lines the editor's gutter numbers: one more than there are line breaks.
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The gutter's text: "1\n2\n...n\n".
pub fn line_numbers(n: usize) -> String {
    let mut out = String::with_capacity(n * 5);
    for i in 1..=n {
        out.push_str(&i.to_string());
        out.push('\n');
    }
    out
}

/// Title, description and the runbook block, as the published page shows them above the body.
#[cfg(feature = "markdown")]
pub fn front_html(lang: Lang, front: Option<&crate::front_matter::FrontMatter>) -> String {
    use crate::markdown::escape_html as e;
    let Some(front) = front else {
        return String::new();
    };
    let ui = crate::i18n::ui(lang);
    let mut out = format!("<h1>{}</h1>", e(&front.title));
    if let Some(rb) = &front.runbook {
        out.push_str("<dl class=\"runbook-meta\">");
        out.push_str(&format!(
            "<div><dt>{}</dt><dd><span class=\"severity\" data-severity=\"{s}\">{s}</span></dd></div>",
            e(ui.runbook_severity),
            s = rb.severity.as_str()
        ));
        if !rb.alerts.is_empty() {
            let alerts: Vec<String> = rb
                .alerts
                .iter()
                .map(|a| format!("<code>{}</code>", e(a)))
                .collect();
            out.push_str(&format!(
                "<div><dt>{}</dt><dd>{}</dd></div>",
                e(ui.runbook_alerts),
                alerts.join(", ")
            ));
        }
        out.push_str(&format!(
            "<div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div></dl>",
            e(ui.runbook_components),
            e(&rb.components.join(", ")),
            e(ui.runbook_time_to_mitigate),
            e(&rb.time_to_mitigate)
        ));
    }
    out
}

/// A draft checked and rendered before the list of published pages arrives: any link to a page
/// is taken as it is, and code in any language is shown plain. `base` is the site's base path.
#[cfg(feature = "markdown")]
pub fn check_without_index(
    lang: Lang,
    rel_path: &str,
    text: &str,
    base: &str,
) -> crate::markdown::Checked {
    use crate::markdown::{AnyPage, PlainCode, check_and_render};
    check_and_render(
        lang,
        rel_path.trim().trim_start_matches('/'),
        text,
        &AnyPage {
            base: base.to_string(),
            lang,
        },
        &PlainCode,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gutter_numbers_every_line_including_the_last_one_after_a_break() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a\nb"), 2);
        assert_eq!(line_count("a\nb\n"), 3);
        assert_eq!(line_numbers(3), "1\n2\n3\n");
    }
}
