//! The search dialog's words, one struct per language (a missing string does not compile).

use content::Lang;

pub struct Text {
    pub open: &'static str,
    pub placeholder: &'static str,
    pub label: &'static str,
    pub close: &'static str,
    pub loading: &'static str,
    pub too_short: &'static str,
    pub nothing: &'static str,
    pub failed: &'static str,
    pub hint: &'static str,
    pub other_language: &'static str,
    pub runbooks: &'static str,
    pub guides: &'static str,
    pub presets: &'static str,
    pub options: &'static str,
    pub keys: &'static str,
    pub clear_highlight: &'static str,
    /// "1 result", "2 results": forms for 1, few (2–4) and many (5+).
    pub results: [&'static str; 3],
}

const EN: Text = Text {
    open: "Search",
    placeholder: "OOMKilled, seccomp, history server…",
    label: "Search the docs, runbooks, presets and composer options",
    close: "Close",
    loading: "Loading the index…",
    too_short: "Type at least two characters.",
    nothing: "Nothing found.",
    failed: "The search index could not be loaded. Check the connection and try again.",
    hint: "Search by error, alert name, setting or topic.",
    other_language: "Nothing in English; found on the Russian pages:",
    runbooks: "Runbooks",
    guides: "Guides",
    presets: "Presets",
    options: "Composer options",
    keys: "↑ ↓ to move, Enter to open, Esc to close",
    clear_highlight: "Clear highlighting",
    results: ["result", "results", "results"],
};

const RU: Text = Text {
    open: "Поиск",
    placeholder: "OOMKilled, seccomp, сервер истории…",
    label: "Поиск по документации, ранбукам, пресетам и настройкам композера",
    close: "Закрыть",
    loading: "Загружаем индекс…",
    too_short: "Введите хотя бы два символа.",
    nothing: "Ничего не найдено.",
    failed: "Не удалось загрузить поисковый индекс. Проверьте соединение и повторите.",
    hint: "Ищите по тексту ошибки, имени алерта, настройке или теме.",
    other_language: "На русском ничего нет; нашлось на английских страницах:",
    runbooks: "Ранбуки",
    guides: "Руководства",
    presets: "Пресеты",
    options: "Настройки композера",
    keys: "↑ ↓ — выбор, Enter — открыть, Esc — закрыть",
    clear_highlight: "Убрать подсветку",
    results: ["результат", "результата", "результатов"],
};

pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}
