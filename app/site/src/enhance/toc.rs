//! The on-page table of contents marks the section being read.

use crate::dom;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

pub fn follow_scrolling() {
    let links = dom::query_all(".toc a[href^='#']");
    if links.is_empty() {
        return;
    }
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The topmost heading entering the upper part of the viewport is the current section.
        let visible = entries
            .iter()
            .filter_map(|entry| entry.dyn_into::<IntersectionObserverEntry>().ok())
            .filter(|entry| entry.is_intersecting())
            .map(|entry| entry.target().id())
            .next();
        if let Some(id) = visible {
            mark(&id);
        }
    });
    let options = IntersectionObserverInit::new();
    // Only the top fifth of the viewport counts as "being read".
    options.set_root_margin("0px 0px -80% 0px");
    let Ok(observer) =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
    else {
        return;
    };
    callback.forget();
    for heading in dom::query_all("article h2[id], article h3[id]") {
        observer.observe(&heading);
    }
}

fn mark(id: &str) {
    let wanted = format!("#{id}");
    for link in dom::query_all(".toc a[href^='#']") {
        if link.get_attribute("href").as_deref() == Some(wanted.as_str()) {
            let _ = link.set_attribute("aria-current", "true");
        } else {
            let _ = link.remove_attribute("aria-current");
        }
    }
}
