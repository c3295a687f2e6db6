//! What every prerendered page gets once the app runs: the theme switch, copy buttons, the phone
//! menu, a table of contents that follows scrolling, remembering the reader's language, and on
//! runbook pages the reader's parameters in every command and the steps as a checklist.

#[cfg(feature = "docs")]
mod checklist;
mod copy_buttons;
mod language;
mod menu;
#[cfg(feature = "docs")]
mod runbook_params;
mod theme;
mod toc;

/// Attach behaviour to the prerendered page. Each part checks for its markup and does nothing
/// where the page has none. The parts run in tasks of their own, one per painted frame, so
/// starting never blocks a phone's main thread for long; the theme switch comes last, so its
/// appearance means the whole app is running.
pub fn page() {
    crate::crash::install();
    let lang = crate::dom::page_lang();
    let mut parts: Vec<Box<dyn FnOnce()>> = Vec::new();
    // Placeholders are filled before the copy buttons appear: a copy gives the reader's command.
    #[cfg(feature = "docs")]
    {
        parts.push(Box::new(move || runbook_params::mount(lang)));
        parts.push(Box::new(move || checklist::enable(lang)));
    }
    parts.push(Box::new(move || {
        copy_buttons::enable(lang);
        menu::enable();
        toc::follow_scrolling();
        language::remember_choice();
    }));
    #[cfg(feature = "docs")]
    parts.push(Box::new(move || crate::search::mount(lang)));
    parts.push(Box::new(move || theme::mount(lang)));
    crate::dom::one_per_frame(parts);
}
