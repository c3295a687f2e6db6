//! Drafts in localStorage, written on every edit so a reload or a crash loses nothing. A write
//! the browser refuses (quota, disabled storage) is reported, never fatal.

use content::Lang;

fn key(lang: Lang, what: &str) -> String {
    format!("preview.{}.{what}", lang.code())
}

/// The stored text and path of a language's draft.
pub fn load(lang: Lang) -> (Option<String>, Option<String>) {
    (
        crate::dom::stored(&key(lang, "text")),
        crate::dom::stored(&key(lang, "path")),
    )
}

/// Whether both writes succeeded.
pub fn save(lang: Lang, text: &str, path: &str) -> bool {
    let Some(storage) = crate::dom::storage() else {
        return false;
    };
    storage.set_item(&key(lang, "text"), text).is_ok()
        && storage.set_item(&key(lang, "path"), path).is_ok()
}

pub fn load_show() -> Option<String> {
    crate::dom::stored("preview.show")
}

pub fn save_show(code: &str) {
    crate::dom::store("preview.show", code);
}
