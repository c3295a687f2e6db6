//! Site search: a button in the header opens a dialog (`/` or Ctrl+K too); the index is
//! fetched on the first query, in chunks, and results are grouped by kind. A page opened from a
//! result highlights the words it was found by.

mod highlight;
mod load;
mod text;

use ::search::{Empty, Hit, Kind, Query};
use content::Lang;
use leptos::prelude::*;
use load::Outcome;
use std::time::Duration;
use text::text;
use wasm_bindgen::JsCast;

/// How long a query may take before the loading line shows: shorter is a blink.
const LOADING_DELAY: Duration = Duration::from_millis(150);

#[derive(Clone)]
enum State {
    Idle,
    Loading,
    Empty(Empty),
    Found { hits: Vec<Hit>, lang: Lang },
    Nothing,
    Failed,
}

/// Mount the search into the header slot and highlight terms a result link brought.
pub fn mount(lang: Lang) {
    highlight::from_url(text(lang).clear_highlight);
    let Some(slot) = crate::dom::document().get_element_by_id("search-slot") else {
        return;
    };
    let Ok(slot) = slot.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    leptos::mount::mount_to(slot, move || view! { <Search lang=lang /> }).forget();
}

fn kind_label(lang: Lang, kind: Kind) -> &'static str {
    let t = text(lang);
    match kind {
        Kind::Runbook => t.runbooks,
        Kind::Guide => t.guides,
        Kind::Preset => t.presets,
        Kind::Option => t.options,
    }
}

/// Hits in display order: grouped by kind, best first within a group.
fn ordered(hits: &[Hit]) -> Vec<Hit> {
    let mut out = Vec::with_capacity(hits.len());
    for kind in Kind::ALL {
        out.extend(hits.iter().filter(|h| h.kind == kind).cloned());
    }
    out
}

/// Where a result leads: docs and runbooks carry the words to highlight and the section.
fn href(hit: &Hit, words: &[String]) -> String {
    match hit.kind {
        Kind::Runbook | Kind::Guide => {
            let mut url = hit.url.clone();
            if !words.is_empty() {
                url.push_str("?highlight=");
                url.push_str(&String::from(js_sys::encode_uri_component(
                    &words.join(" "),
                )));
            }
            if !hit.anchor.is_empty() {
                url.push('#');
                url.push_str(&hit.anchor);
            }
            url
        }
        Kind::Preset | Kind::Option => hit.url.clone(),
    }
}

fn is_typing_target(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event.target() else {
        return false;
    };
    let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// Keeps the selected result visible in a list longer than the dialog.
fn reveal(i: usize) {
    if let Some(el) = crate::dom::document().get_element_by_id(&format!("search-opt-{i}")) {
        let list = el.closest(".search-results").ok().flatten();
        if let Some(list) = list {
            let (top, bottom) = (
                el.get_bounding_client_rect().top(),
                el.get_bounding_client_rect().bottom(),
            );
            let (ltop, lbottom) = (
                list.get_bounding_client_rect().top(),
                list.get_bounding_client_rect().bottom(),
            );
            if top < ltop || bottom > lbottom {
                el.scroll_into_view_with_bool(top < ltop);
            }
        }
    }
}

#[component]
fn Search(lang: Lang) -> impl IntoView {
    let t = text(lang);
    let open = RwSignal::new(false);
    let input = RwSignal::new(String::new());
    let state = RwSignal::new(State::Idle);
    let active = RwSignal::new(0usize);
    // The input the shown state answers (tests and tools wait on it).
    let answered = RwSignal::new(String::new());
    // Only the latest query may write results: an older one finishing late is ignored.
    let seq = StoredValue::new(0u32);
    let done = StoredValue::new(0u32);
    let field = NodeRef::<leptos::html::Input>::new();
    let opener = NodeRef::<leptos::html::Button>::new();

    // Focus the input as soon as the open dialog's input is in the page: the effect runs in
    // the same microtask flush as the render, so no keystroke typed right after the shortcut
    // can land anywhere else.
    Effect::new(move |_| {
        if open.get() {
            if let Some(el) = field.get() {
                let _ = el.focus();
                el.select();
            }
        }
    });
    let show = move || open.set(true);
    let hide = move || {
        open.set(false);
        if let Some(el) = opener.get_untracked() {
            let _ = el.focus();
        }
    };

    let document: web_sys::EventTarget = crate::dom::document().into();
    crate::dom::on(&document, "keydown", move |ev| {
        let Ok(ev) = ev.dyn_into::<web_sys::KeyboardEvent>() else {
            return;
        };
        let ctrl_k = (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k");
        let slash = ev.key() == "/" && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key();
        if ctrl_k || (slash && !is_typing_target(&ev) && !open.get_untracked()) {
            ev.prevent_default();
            show();
        }
    });

    let run_query = move |value: String| {
        input.set(value.clone());
        active.set(0);
        let id = seq.get_value().wrapping_add(1);
        seq.set_value(id);
        if Query::parse(&value, true).is_err() {
            state.set(match Query::parse(&value, true) {
                Err(Empty::TooShort) => State::Empty(Empty::TooShort),
                _ => State::Idle,
            });
            answered.set(value);
            return;
        }
        if !load::is_loaded(lang) {
            set_timeout(
                move || {
                    if seq.get_value() == id && done.get_value() != id {
                        state.set(State::Loading);
                    }
                },
                LOADING_DELAY,
            );
        }
        leptos::task::spawn_local(async move {
            let outcome = load::run(lang, value.clone()).await;
            if seq.get_value() != id {
                return;
            }
            done.set_value(id);
            answered.set(value);
            state.set(match outcome {
                Outcome::Empty(e) => State::Empty(e),
                Outcome::Found { hits, lang } => State::Found {
                    hits: ordered(&hits),
                    lang,
                },
                Outcome::Nothing => State::Nothing,
                Outcome::Failed => State::Failed,
            });
        });
    };

    let hits_now = move || match state.get_untracked() {
        State::Found { hits, .. } => hits,
        _ => Vec::new(),
    };
    let words_now = move || {
        Query::parse(&input.get_untracked(), false)
            .map(|q| q.highlight_words())
            .unwrap_or_default()
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let count = match &*state.read_untracked() {
            State::Found { hits, .. } => hits.len(),
            _ => 0,
        };
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % count);
                reveal(active.get_untracked());
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + count - 1) % count);
                reveal(active.get_untracked());
            }
            "Enter" => {
                ev.prevent_default();
                let hits = hits_now();
                if let Some(hit) = hits.get(active.get_untracked()) {
                    let _ = window().location().set_href(&href(hit, &words_now()));
                }
            }
            "Escape" => {
                ev.prevent_default();
                hide();
            }
            _ => {}
        }
    };

    let status = move || match state.get() {
        State::Idle => t.hint.to_string(),
        State::Loading => t.loading.to_string(),
        State::Empty(Empty::TooShort) => t.too_short.to_string(),
        State::Empty(Empty::Blank) => t.hint.to_string(),
        State::Nothing => t.nothing.to_string(),
        State::Failed => t.failed.to_string(),
        State::Found { hits, lang: found } => {
            let n = hits.len();
            let count = content::i18n::count(lang, n, t.results);
            if found == lang {
                count
            } else {
                format!("{} {count}", t.other_language)
            }
        }
    };

    let results = move || {
        let State::Found { hits, lang: found } = state.get() else {
            return None;
        };
        let words = words_now();
        let current = active.get();
        let groups = Kind::ALL
            .into_iter()
            .filter(|k| hits.iter().any(|h| h.kind == *k))
            .map(|kind| {
                let label_id = format!("search-group-{}", kind.code());
                let items = hits
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| h.kind == kind)
                    .map(|(i, hit)| {
                        let link = href(hit, &words);
                        let excerpt = hit
                            .excerpt
                            .iter()
                            .map(|(run, hit)| {
                                if *hit {
                                    view! { <mark>{run.clone()}</mark> }.into_any()
                                } else {
                                    run.clone().into_any()
                                }
                            })
                            .collect_view();
                        let heading = (!hit.heading.is_empty()).then(|| {
                            view! { <span class="search-heading">{hit.heading.clone()}</span> }
                        });
                        view! {
                            <li
                                role="option"
                                id=format!("search-opt-{i}")
                                aria-selected=if i == current { "true" } else { "false" }
                                class="search-item"
                                on:mousemove=move |_| active.set(i)
                            >
                                <a href=link tabindex="-1">
                                    <span class="search-title">{hit.title.clone()}</span>
                                    {heading}
                                    <span class="search-excerpt">{excerpt}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li role="presentation" class="search-group">
                        <div id=label_id.clone() class="search-group-label" aria-hidden="true">
                            {kind_label(lang, kind)}
                        </div>
                        <ul role="group" aria-labelledby=label_id>
                            {items}
                        </ul>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <ul id="search-results" class="search-results" role="listbox" aria-label=t.label lang=found.code()>
                {groups}
            </ul>
        })
    };

    let active_id = move || {
        matches!(state.get(), State::Found { .. }).then(|| format!("search-opt-{}", active.get()))
    };
    let expanded = move || {
        if matches!(state.get(), State::Found { .. }) {
            "true"
        } else {
            "false"
        }
    };

    view! {
        <button
            type="button"
            class="search-open"
            node_ref=opener
            aria-haspopup="dialog"
            aria-keyshortcuts="/ Control+K"
            on:click=move |_| show()
        >
            <span class="search-icon" aria-hidden="true"></span>
            <span class="search-open-label">{t.open}</span>
            <kbd aria-hidden="true">"/"</kbd>
        </button>
        <Show when=move || open.get()>
            <div
                class="search-backdrop"
                on:click=move |ev| {
                    let on_backdrop = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|e| e.class_list().contains("search-backdrop"));
                    if on_backdrop {
                        hide();
                    }
                }
            >
                <div class="search-dialog" role="dialog" aria-modal="true" aria-label=t.label>
                    <div class="search-bar">
                        <span class="search-icon" aria-hidden="true"></span>
                        <input
                            type="search"
                            class="search-input"
                            node_ref=field
                            role="combobox"
                            aria-label=t.label
                            aria-autocomplete="list"
                            aria-controls="search-results"
                            aria-expanded=expanded
                            aria-activedescendant=active_id
                            autocomplete="off"
                            spellcheck="false"
                            maxlength="10240"
                            placeholder=t.placeholder
                            prop:value=move || input.get()
                            on:input=move |ev| run_query(event_target_value(&ev))
                            on:keydown=on_keydown
                        />
                        <button type="button" class="search-close" on:click=move |_| hide()>
                            {t.close}
                        </button>
                    </div>
                    <p
                        class="search-status"
                        role="status"
                        aria-live="polite"
                        data-query=move || answered.get()
                        data-state=move || match state.get() {
                            State::Idle => "idle",
                            State::Loading => "loading",
                            State::Empty(_) => "empty",
                            State::Found { .. } => "found",
                            State::Nothing => "nothing",
                            State::Failed => "failed",
                        }
                    >
                        {status}
                    </p>
                    {results}
                    <p class="search-keys" aria-hidden="true">{t.keys}</p>
                </div>
            </div>
        </Show>
    }
}
