//! Small helpers over web-sys for the prerendered document.

use content::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Document, Element, Storage};

pub fn document() -> Document {
    leptos::prelude::document()
}

/// The page's language, from `<html lang>`; the prerender always sets it.
pub fn page_lang() -> Lang {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(Lang::En)
}

/// Every element matching `selector`, as a Vec (NodeList is awkward to iterate).
pub fn query_all(selector: &str) -> Vec<Element> {
    let Ok(list) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// localStorage, or None where the browser refuses it (private mode, disabled storage).
pub fn storage() -> Option<Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

pub fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Storage failures are ignored on purpose: a preference that cannot be saved must not
/// break the page.
pub fn store(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Attach a listener for the life of the page.
pub fn on(
    target: &web_sys::EventTarget,
    event: &str,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Runs `f` in a task of its own once the next frame is painted. A page built in parts this way
/// never blocks the main thread for long, and the browser lays out and paints each part as it
/// comes. A hidden tab paints no frames, so there `f` waits for a timer instead.
pub fn after_paint(f: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    let task = move || set_timeout(f, std::time::Duration::ZERO);
    if document().hidden() {
        task();
    } else {
        request_animation_frame(task);
    }
}

/// Runs the jobs in order, each in a task of its own after a paint (see `after_paint`).
pub fn one_per_frame(jobs: Vec<Box<dyn FnOnce()>>) {
    fn next(mut jobs: std::vec::IntoIter<Box<dyn FnOnce()>>) {
        if let Some(job) = jobs.next() {
            after_paint(move || {
                job();
                next(jobs);
            });
        }
    }
    next(jobs.into_iter());
}
