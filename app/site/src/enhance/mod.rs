//! What every prerendered page gets once the app runs: the theme switch, copy buttons, the phone
//! menu, a table of contents that follows scrolling, and remembering the reader's language.

mod copy_buttons;
mod language;
mod menu;
mod theme;
mod toc;

/// Attach behaviour to the prerendered page. Each part checks for its markup and does nothing
/// where the page has none.
pub fn page() {
    crate::crash::install();
    let lang = crate::dom::page_lang();
    theme::mount(lang);
    copy_buttons::enable(lang);
    menu::enable();
    toc::follow_scrolling();
    language::remember_choice();
    crate::search::mount(lang);
}
