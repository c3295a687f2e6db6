//! The browser app. Every page arrives prerendered; this binary adds what needs a script:
//! the theme switch, copy buttons, the phone menu, the table of contents that follows
//! scrolling, and remembering the reader's language.

mod copy_buttons;
mod dom;
mod language;
mod menu;
mod theme;
mod toc;

fn main() {
    let lang = dom::page_lang();
    theme::mount(lang);
    copy_buttons::enable(lang);
    menu::enable();
    toc::follow_scrolling();
    language::remember_choice();
}
