//! The few browser calls the composer needs: clipboard, file downloads, the address fragment,
//! and the page's base path.

use wasm_bindgen::JsCast;

/// Copies text; `done(true)` runs when the browser accepted it, `done(false)` when it refused.
pub fn copy(text: &str, done: impl Fn(bool) + Clone + 'static) {
    use wasm_bindgen::closure::Closure;
    let promise = leptos::prelude::window()
        .navigator()
        .clipboard()
        .write_text(text);
    let d2 = done.clone();
    let ok = Closure::once(move |_: wasm_bindgen::JsValue| done(true));
    let err = Closure::once(move |_: wasm_bindgen::JsValue| d2(false));
    let _ = promise.then2(&ok, &err);
    ok.forget();
    err.forget();
}

/// Offers `bytes` as a file download.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = crate::dom::document();
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The fragment without `#` (already percent-decoded by nobody: links are URL-safe).
pub fn fragment() -> String {
    let hash = leptos::prelude::window()
        .location()
        .hash()
        .unwrap_or_default();
    hash.trim_start_matches('#').to_string()
}

/// The `focus` query parameter, if any.
pub fn focus_param() -> Option<String> {
    let search = leptos::prelude::window().location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("focus="))
        .map(|v| v.replace("%2E", ".").replace("%2e", "."))
}

/// Replaces the fragment without adding a history entry or scrolling.
pub fn set_fragment(link: &str) {
    let w = leptos::prelude::window();
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{link}")),
        );
    }
}

/// The path prefix before `/<lang>/composer/` (empty at the site root, `/docs` under a sub-path).
pub fn base_path() -> String {
    let path = leptos::prelude::window()
        .location()
        .pathname()
        .unwrap_or_default();
    for marker in ["/en/composer", "/ru/composer"] {
        if let Some(i) = path.find(marker) {
            return path[..i].to_string();
        }
    }
    String::new()
}

/// Points the language switch at the same configuration in the other language.
pub fn update_language_links(link: &str) {
    for a in crate::dom::query_all("a[data-lang-switch]") {
        let Some(href) = a.get_attribute("href") else {
            continue;
        };
        let plain = href.split('#').next().unwrap_or("").to_string();
        if plain.ends_with("/composer/") {
            let _ = a.set_attribute("href", &format!("{plain}#{link}"));
        }
    }
}

pub fn mark(name: &str) {
    if let Some(p) = leptos::prelude::window().performance() {
        let _ = p.mark(name);
    }
}

pub fn measure(name: &str, start: &str) {
    if let Some(p) = leptos::prelude::window().performance()
        && p.get_entries_by_name(start).length() > 0
    {
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}
