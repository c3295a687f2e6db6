//! Runbook steps as a checklist: the prerendered task items (disabled checkboxes) become real
//! checkboxes whose state survives a reload (per page, in localStorage), with progress, "uncheck
//! all" and an incident record export (Markdown: page, parameters, each step and when it was
//! checked).

use crate::dom;
use content::Lang;
use leptos::prelude::*;
use oncall::checklist::{self, Checklist};
use oncall::i18n::text;
use oncall::record::{self, Record, Step};
use wasm_bindgen::JsValue;
use web_sys::Element;

/// One task item of the page.
#[derive(Clone)]
struct Item {
    id: String,
    section: String,
    text: String,
    input: Element,
}

fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

fn is_checked(input: &Element) -> bool {
    js_sys::Reflect::get(input, &JsValue::from_str("checked"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn set_checked(input: &Element, checked: bool) {
    let _ = js_sys::Reflect::set(
        input,
        &JsValue::from_str("checked"),
        &JsValue::from_bool(checked),
    );
}

/// The page's path without base and slashes: "en/runbooks/job-stuck" (each language keeps its
/// own progress, since step texts differ).
fn page_key() -> String {
    let base = dom::document()
        .document_element()
        .and_then(|h| h.get_attribute("data-base"))
        .unwrap_or_else(|| "/".into());
    let path = leptos::prelude::window()
        .location()
        .pathname()
        .unwrap_or_default();
    path.strip_prefix(&base)
        .unwrap_or(&path)
        .trim_matches('/')
        .to_string()
}

/// Task items with the h2 each is under, in document order.
fn items() -> Vec<Item> {
    let mut section = String::new();
    let mut found: Vec<(String, String, Element)> = Vec::new();
    for el in dom::query_all("main article h2, main article li.task") {
        if el.tag_name().eq_ignore_ascii_case("h2") {
            // The heading's text without its "#" anchor link.
            section = el
                .first_child()
                .and_then(|n| n.text_content())
                .unwrap_or_default()
                .trim()
                .to_string();
            continue;
        }
        let Some(input) = el.query_selector("input[type=checkbox]").ok().flatten() else {
            continue;
        };
        let label = el
            .query_selector("label")
            .ok()
            .flatten()
            .and_then(|l| l.text_content())
            .unwrap_or_default();
        found.push((section.clone(), label, input));
    }
    let texts: Vec<&str> = found.iter().map(|(_, t, _)| t.as_str()).collect();
    let ids = checklist::step_ids(&texts);
    found
        .into_iter()
        .zip(ids)
        .map(|((section, text, input), id)| Item {
            id,
            section,
            text: checklist::normalize(&text),
            input,
        })
        .collect()
}

fn save(key: &str, state: &Checklist) {
    if state.count() == 0 {
        dom::forget(key);
    } else {
        dom::store(key, &state.to_stored());
    }
}

fn export(lang: Lang, page: &str, items: &[Item], state: &Checklist) {
    let doc = dom::document();
    let title = doc
        .query_selector("main article h1")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    let location = leptos::prelude::window().location();
    let url = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let at = now();
    let params = super::runbook_params::stored();
    let steps: Vec<Step> = items
        .iter()
        .map(|i| Step {
            section: i.section.clone(),
            text: i.text.clone(),
            checked_at: state.checked_at(&i.id).map(str::to_string),
        })
        .collect();
    let markdown = record::markdown(&Record {
        lang,
        title: &title,
        url: &url,
        exported_at: &at,
        params: &params,
        steps: &steps,
    });
    let href = format!(
        "data:text/markdown;charset=utf-8,{}",
        js_sys::encode_uri_component(&markdown)
    );
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let _ = a.set_attribute("href", &href);
    let _ = a.set_attribute("download", &record::file_name(lang, page, &at));
    let _ = a.set_attribute("hidden", "");
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        if let Some(html_a) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&a) {
            html_a.click();
        }
        a.remove();
    }
}

#[component]
fn Tools(lang: Lang, page: String, items: Vec<Item>, state: RwSignal<Checklist>) -> impl IntoView {
    let t = text(lang);
    let total = items.len();
    let progress = move || t.progress(state.get().count(), total);
    let export_items = items.clone();
    let export_page = page.clone();
    let uncheck_items = items;
    let uncheck_page = page;
    view! {
        <p class="rt-title">{t.checklist}</p>
        <div class="rt-actions">
            <p class="rt-progress" role="status">{progress}</p>
            <button
                type="button"
                class="rt-export"
                on:click=move |_| export(lang, &export_page, &export_items, &state.get_untracked())
            >
                {t.export}
            </button>
            <button
                type="button"
                class="rt-uncheck"
                on:click=move |_| {
                    let sure = leptos::prelude::window()
                        .confirm_with_message(t.uncheck_confirm)
                        .unwrap_or(false);
                    if sure {
                        for item in &uncheck_items {
                            set_checked(&item.input, false);
                        }
                        state.set(Checklist::default());
                        save(&checklist::storage_key(&uncheck_page), &Checklist::default());
                    }
                }
            >
                {t.uncheck_all}
            </button>
        </div>
    }
}

/// Turns the page's task items into a checklist. Runs after the parameters form is mounted,
/// whose panel holds the checklist's controls.
pub fn enable(lang: Lang) {
    use wasm_bindgen::JsCast;
    if !super::runbook_params::is_runbook_page() {
        return;
    }
    let items = items();
    if items.is_empty() {
        return;
    }
    let page = page_key();
    let key = checklist::storage_key(&page);
    let mut loaded = Checklist::from_stored(&dom::stored(&key).unwrap_or_default());
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    loaded.keep_only(&ids);
    let state = RwSignal::new(loaded);

    for item in &items {
        let _ = item.input.remove_attribute("disabled");
        set_checked(
            &item.input,
            state.get_untracked().checked_at(&item.id).is_some(),
        );
        let id = item.id.clone();
        let input = item.input.clone();
        let key = key.clone();
        dom::on(&item.input, "change", move |_| {
            let mut next = state.get_untracked();
            next.set(&id, is_checked(&input), &now());
            save(&key, &next);
            state.set(next);
        });
    }

    let Some(slot) = dom::document().get_element_by_id("checklist-tools") else {
        return;
    };
    let _ = slot.remove_attribute("hidden");
    let Ok(slot) = slot.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    leptos::mount::mount_to(slot, move || {
        view! { <Tools lang=lang page=page items=items state=state /> }
    })
    .forget();
}
