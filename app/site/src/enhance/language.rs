//! Remembers the language a reader picks, so `/` sends them there next time.

use crate::dom;

pub fn remember_choice() {
    for link in dom::query_all("a[data-lang-switch]") {
        let chosen = link.get_attribute("hreflang").unwrap_or_default();
        dom::on(&link, "click", move |_| dom::store("lang", &chosen));
    }
    // Reading a page is a choice too: a reader who followed a /ru/ link stays in Russian.
    if let Some(lang) = dom::document()
        .document_element()
        .and_then(|h| h.get_attribute("lang"))
        && dom::document()
            .document_element()
            .and_then(|h| h.get_attribute("data-page"))
            .as_deref()
            != Some("not-found")
    {
        dom::store("lang", &lang);
    }
}
