//! The phone menu: below the sidebar breakpoint the sidebar is a panel opened by a button.

use crate::dom;

pub fn enable() {
    let Some(button) = dom::document().get_element_by_id("menu-toggle") else {
        return;
    };
    // Composer and previewer pages have no sidebar to open.
    if dom::document().get_element_by_id("sidebar").is_none() {
        return;
    }
    let _ = button.remove_attribute("hidden");
    let toggle = button.clone();
    dom::on(&button, "click", move |_| {
        let open = toggle.get_attribute("aria-expanded").as_deref() == Some("true");
        set_open(&toggle, !open);
    });
    // Escape closes the panel and gives focus back to the button that opened it.
    let escape_target = button.clone();
    dom::on(&dom::document(), "keydown", move |event| {
        use wasm_bindgen::JsCast;
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key()) else {
            return;
        };
        if key == "Escape"
            && escape_target.get_attribute("aria-expanded").as_deref() == Some("true")
        {
            set_open(&escape_target, false);
            if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&escape_target)
            {
                let _ = el.focus();
            }
        }
    });
}

fn set_open(button: &web_sys::Element, open: bool) {
    let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    if let Some(body) = dom::document().body() {
        let _ = body.class_list().toggle_with_force("nav-open", open);
    }
}
