//! Copy buttons on code blocks. The prerendered buttons are hidden, since they need a script.

use crate::dom;
use content::{Lang, i18n};

pub fn enable(lang: Lang) {
    let ui = i18n::ui(lang);
    // The previewer's prerendered preview is re-rendered without them as the reader types: its
    // buttons stay hidden there from the start.
    for button in dom::query_all(".code .copy:not(.pv-body *)") {
        let _ = button.remove_attribute("hidden");
        let target = button.clone();
        dom::on(&button, "click", move |_| {
            let code = target
                .closest(".code")
                .ok()
                .flatten()
                .and_then(|block| block.query_selector("code").ok().flatten())
                .and_then(|code| code.text_content())
                .unwrap_or_default();
            let clipboard = leptos::prelude::window().navigator().clipboard();
            let _ = clipboard.write_text(&code);
            target.set_text_content(Some(ui.copied));
            let _ = target.set_attribute("data-copied", "");
            let reset = target.clone();
            leptos::prelude::set_timeout(
                move || {
                    reset.set_text_content(Some(ui.copy));
                    let _ = reset.remove_attribute("data-copied");
                },
                std::time::Duration::from_millis(1500),
            );
        });
    }
}
