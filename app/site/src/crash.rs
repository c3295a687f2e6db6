//! When the app panics, the reader gets a message in their language and a way back, never a
//! page that silently stopped responding. The prerendered content stays readable, and the
//! composer and the previewer save their state on every edit, so a reload loses nothing.

use crate::dom;
use content::i18n;
use wasm_bindgen::JsCast;

/// Install the hook. It runs before the WASM instance aborts, so it may only touch the DOM.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("spark_k8s site: {info}").into());
        show_message();
    }));
    // A deliberate panic for the browser test of this very path; nothing else sends this event.
    dom::on(&leptos::prelude::window(), "site-test-panic", |_| {
        panic!("test panic requested")
    });
}

fn show_message() {
    let document = dom::document();
    if document.get_element_by_id("crash-message").is_some() {
        return;
    }
    let ui = i18n::ui(dom::page_lang());
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_id("crash-message");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "crash-message");
    let title = document.create_element("strong").ok();
    let text = document.create_element("p").ok();
    let button = document.create_element("a").ok();
    if let (Some(title), Some(text), Some(button)) = (title, text, button) {
        title.set_text_content(Some(ui.crash_title));
        text.set_text_content(Some(ui.crash_text));
        button.set_text_content(Some(ui.crash_reload));
        // A link to the page itself reloads it without needing a script (the WASM is dead now).
        let href = leptos::prelude::window()
            .location()
            .href()
            .unwrap_or_default();
        let _ = button.set_attribute("href", &href);
        let _ = banner.append_child(&title);
        let _ = banner.append_child(&text);
        let _ = banner.append_child(&button);
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
        if let Some(el) = banner.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.set_attribute("tabindex", "-1");
            let _ = el.focus();
        }
    }
}
