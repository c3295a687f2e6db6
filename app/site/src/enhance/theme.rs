//! Theme switch: follows the OS setting until the reader picks light or dark, then remembers it.
//! `boot.js` applies the stored choice before first paint; this module owns the control.

use crate::dom;
use content::{Lang, i18n};
use leptos::prelude::*;

const KEY: &str = "theme";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn parse(value: &str) -> Theme {
        match value {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    fn value(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

fn apply(theme: Theme) {
    let Some(html) = dom::document().document_element() else {
        return;
    };
    match theme {
        Theme::System => {
            let _ = html.remove_attribute("data-theme");
            dom::forget(KEY);
        }
        chosen => {
            let _ = html.set_attribute("data-theme", chosen.value());
            dom::store(KEY, chosen.value());
        }
    }
}

#[component]
fn ThemeSwitch(lang: Lang) -> impl IntoView {
    let ui = i18n::ui(lang);
    let current = Theme::parse(&dom::stored(KEY).unwrap_or_default());
    let choices = [
        (Theme::System, ui.theme_system),
        (Theme::Light, ui.theme_light),
        (Theme::Dark, ui.theme_dark),
    ];
    view! {
        <label class="theme-switch">
            <span class="visually-hidden">{ui.theme}</span>
            <select on:change=move |ev| apply(Theme::parse(&event_target_value(&ev)))>
                {choices
                    .into_iter()
                    .map(|(theme, label)| {
                        view! {
                            <option value=theme.value() selected=theme == current>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Mount the switch into the header slot the prerendered page reserves for it.
pub fn mount(lang: Lang) {
    use wasm_bindgen::JsCast;
    let Some(slot) = dom::document().get_element_by_id("theme-slot") else {
        return;
    };
    let Ok(slot) = slot.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    leptos::mount::mount_to(slot, move || view! { <ThemeSwitch lang=lang /> }).forget();
}
