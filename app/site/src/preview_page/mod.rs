//! The runbook previewer: EN and RU markdown drafts beside their preview, checked as you type
//! with the same rules as `cargo xtask check-content` (`content::markdown::check_and_render`).
//! Mounted into `#preview-app`, replacing the no-JavaScript note.
//!
//! The preview is the pipeline's own article HTML: raw HTML in a draft is escaped and unsafe
//! URLs dropped by the renderer, and the page's Content-Security-Policy forbids inline script
//! on top of that. Code is not highlighted here (the build's grammars are megabytes); the
//! build's list of languages still decides which ones are accepted.

mod editor;
mod store;
mod text;

use std::sync::Arc;

use content::links::{IndexLanguages, IndexLinks, LinkIndex};
use content::lint::{Finding, Outline};
use content::markdown::{AnyPage, PlainCode, check_and_render};
use content::{Lang, Level};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use content::templates::Template;
use text::{Text, text};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    One(Lang),
    Both,
}

#[derive(Clone, PartialEq, Eq)]
enum IndexState {
    Loading,
    Ready(Arc<LinkIndex>),
    Failed,
}

/// One draft: its text, its path under `content/<lang>/`, and what the checks last said.
#[derive(Clone, Copy)]
struct Doc {
    lang: Lang,
    text: RwSignal<String>,
    path: RwSignal<String>,
    findings: RwSignal<Vec<Finding>>,
    outline: RwSignal<Outline>,
    front_html: RwSignal<String>,
    preview: NodeRef<html::Div>,
    editor: NodeRef<html::Textarea>,
}

pub fn mount() {
    let Some(root) = crate::dom::document().get_element_by_id("preview-app") else {
        return;
    };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, App).forget();
}

fn base() -> String {
    crate::dom::document()
        .document_element()
        .and_then(|h| h.get_attribute("data-base"))
        .unwrap_or_else(|| "/".into())
}

/// Fetch `link-index.txt` written by `cargo xtask dist`.
fn load_index(state: RwSignal<IndexState>) {
    let url = format!("{}link-index.txt", base());
    let window = leptos::prelude::window();
    let fail = move |_: wasm_bindgen::JsValue| state.set(IndexState::Failed);
    let on_text = Closure::once(move |body: wasm_bindgen::JsValue| {
        match body.as_string().map(|t| LinkIndex::parse(&t)) {
            Some(Ok(index)) => state.set(IndexState::Ready(Arc::new(index))),
            _ => state.set(IndexState::Failed),
        }
    });
    let on_response = Closure::once(move |resp: wasm_bindgen::JsValue| {
        let resp: web_sys::Response = resp.unchecked_into();
        match resp.text() {
            Ok(body) if resp.ok() => {
                let _ = body.then(&on_text);
                on_text.forget();
            }
            _ => state.set(IndexState::Failed),
        }
    });
    let on_fail = Closure::once(fail);
    let _ = window
        .fetch_with_str(&url)
        .then(&on_response)
        .catch(&on_fail);
    on_response.forget();
    on_fail.forget();
}

fn performance() -> Option<web_sys::Performance> {
    leptos::prelude::window().performance()
}

/// Check and render one draft, put the HTML in its preview. Timed as `preview-update` for the
/// bench (performance.measure), from reading the text to the preview's DOM being replaced.
fn update(doc: Doc, index: &IndexState) {
    let perf = performance();
    if let Some(p) = &perf {
        let _ = p.mark("preview-update-start");
    }
    let text = doc.text.get_untracked();
    let path = doc.path.get_untracked();
    let rel = path.trim().trim_start_matches('/');
    let mut checked = match index {
        IndexState::Ready(index) => check_and_render(
            doc.lang,
            rel,
            &text,
            &IndexLinks {
                index,
                lang: doc.lang,
            },
            &IndexLanguages(index),
        ),
        _ => check_and_render(
            doc.lang,
            rel,
            &text,
            &AnyPage {
                base: base(),
                lang: doc.lang,
            },
            &PlainCode,
        ),
    };
    if let (IndexState::Ready(index), Some(front)) = (index, &checked.front) {
        checked.findings.extend(index.alert_findings(front));
        checked.findings.sort_by_key(|f| f.line);
    }
    if let Some(el) = doc.preview.get_untracked() {
        el.set_inner_html(&checked.rendered.html);
    }
    doc.front_html
        .set(front_html(doc.lang, checked.front.as_ref()));
    doc.outline.set(checked.rendered.outline);
    doc.findings.set(checked.findings);
    if let Some(perf) = perf {
        // A long editing session must not grow the timeline without bound.
        thread_local!(static MEASURED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        if MEASURED.with(|n| n.replace(n.get() + 1)) >= 1000 {
            MEASURED.with(|n| n.set(0));
            perf.clear_measures_with_measure_name("preview-update");
        }
        let _ = perf.measure_with_start_mark("preview-update", "preview-update-start");
        perf.clear_marks_with_mark_name("preview-update-start");
    }
}

/// Title, description and the runbook block, as the published page shows them above the body.
fn front_html(lang: Lang, front: Option<&content::front_matter::FrontMatter>) -> String {
    use content::markdown::escape_html as e;
    let Some(front) = front else {
        return String::new();
    };
    let ui = content::i18n::ui(lang);
    let mut out = format!("<h1>{}</h1>", e(&front.title));
    if let Some(rb) = &front.runbook {
        out.push_str("<dl class=\"runbook-meta\">");
        out.push_str(&format!(
            "<div><dt>{}</dt><dd><span class=\"severity\" data-severity=\"{s}\">{s}</span></dd></div>",
            e(ui.runbook_severity),
            s = rb.severity.as_str()
        ));
        if !rb.alerts.is_empty() {
            let alerts: Vec<String> = rb
                .alerts
                .iter()
                .map(|a| format!("<code>{}</code>", e(a)))
                .collect();
            out.push_str(&format!(
                "<div><dt>{}</dt><dd>{}</dd></div>",
                e(ui.runbook_alerts),
                alerts.join(", ")
            ));
        }
        out.push_str(&format!(
            "<div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div></dl>",
            e(ui.runbook_components),
            e(&rb.components.join(", ")),
            e(ui.runbook_time_to_mitigate),
            e(&rb.time_to_mitigate)
        ));
    }
    out
}

#[component]
fn App() -> impl IntoView {
    let page_lang = crate::dom::page_lang();
    let t = text(page_lang);
    let index = RwSignal::new(IndexState::Loading);
    let saved = RwSignal::new(true);
    let make_doc = |lang: Lang| {
        let (stored_text, stored_path) = store::load(lang);
        let (text, path) = match stored_text {
            Some(text) => (text, stored_path.unwrap_or_default()),
            None => (
                Template::Runbook.text(lang).to_string(),
                Template::Runbook.path().to_string(),
            ),
        };
        Doc {
            lang,
            text: RwSignal::new(text),
            path: RwSignal::new(path),
            findings: RwSignal::new(Vec::new()),
            outline: RwSignal::new(Outline::default()),
            front_html: RwSignal::new(String::new()),
            preview: NodeRef::new(),
            editor: NodeRef::new(),
        }
    };
    let en = make_doc(Lang::En);
    let ru = make_doc(Lang::Ru);
    let show = RwSignal::new(store::load_show().map_or(Show::Both, |code| {
        Lang::from_code(&code).map_or(Show::Both, Show::One)
    }));

    // Re-check both drafts when the page list arrives, and once the previews exist: each in a
    // task of its own after a paint (the shown draft first), since checking and rendering both
    // at once blocks a phone's main thread for long. Each uses the page list as it is by then.
    Effect::new(move |_| {
        index.track();
        let (first, second) = match show.get_untracked() {
            Show::One(Lang::Ru) => (ru, en),
            _ => (en, ru),
        };
        crate::dom::after_paint(move || {
            update(first, &index.get_untracked());
            crate::dom::after_paint(move || update(second, &index.get_untracked()));
        });
    });
    load_index(index);

    let on_edit = move |doc: Doc| {
        saved.set(store::save(
            doc.lang,
            &doc.text.get_untracked(),
            &doc.path.get_untracked(),
        ));
        update(doc, &index.get_untracked());
    };

    // EN/RU skeleton: the same rule `check-content` runs on a translation, pointing into RU.
    let pair = Memo::new(move |_| {
        let a = en.outline.get();
        let b = ru.outline.get();
        content::lint::structure_mismatch(&a, &b, Level::Warning)
    });

    let apply_template = move |template: Template| {
        let has_text = !en.text.get_untracked().trim().is_empty()
            || !ru.text.get_untracked().trim().is_empty();
        if has_text
            && !leptos::prelude::window()
                .confirm_with_message(t.replace_confirm)
                .unwrap_or(false)
        {
            return;
        }
        for doc in [en, ru] {
            doc.text.set(template.text(doc.lang).to_string());
            doc.path.set(template.path().to_string());
            if let Some(area) = doc.editor.get_untracked() {
                area.set_value(template.text(doc.lang));
            }
            on_edit(doc);
        }
    };

    let status = move || match index.get() {
        IndexState::Loading => t.index_loading,
        IndexState::Ready(_) => t.index_ready,
        IndexState::Failed => t.index_failed,
    };

    view! {
        <div class="pv" data-index=move || match index.get() {
            IndexState::Loading => "loading",
            IndexState::Ready(_) => "ready",
            IndexState::Failed => "failed",
        }>
            <div class="pv-toolbar">
                <fieldset class="pv-show">
                    <legend>{t.view_label}</legend>
                    {[Show::One(Lang::En), Show::One(Lang::Ru), Show::Both].into_iter().map(|s| {
                        let label = match s {
                            Show::One(l) => l.code().to_uppercase(),
                            Show::Both => t.both.to_string(),
                        };
                        view! {
                            <label>
                                <input type="radio" name="pv-show"
                                    prop:checked=move || show.get() == s
                                    on:change=move |_| {
                                        show.set(s);
                                        store::save_show(match s { Show::One(l) => l.code(), Show::Both => "both" });
                                    }/>
                                {label}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label class="pv-template">
                    {t.template_label} " "
                    <select on:change=move |ev| {
                        let select: web_sys::HtmlSelectElement = event_target(&ev);
                        match select.value().as_str() {
                            "runbook" => apply_template(Template::Runbook),
                            "guide" => apply_template(Template::Guide),
                            _ => {}
                        }
                        select.set_value("");
                    }>
                        <option value="">{t.template_none}</option>
                        <option value="runbook">{t.template_runbook}</option>
                        <option value="guide">{t.template_guide}</option>
                    </select>
                </label>
                // The status changes once the page list arrives. Hidden copies of both texts hold
                // the place of the longer one, so the panes below never move when it does.
                <p class="pv-status">
                    <span class="pv-status-now" role="status">
                        {status} " "
                        <span class="pv-saved" class:pv-warn=move || !saved.get()>
                            {move || if saved.get() { t.saved } else { t.not_saved }}
                        </span>
                    </span>
                    <span class="pv-status-room" aria-hidden="true">{t.index_loading} " " {t.saved}</span>
                    <span class="pv-status-room" aria-hidden="true">{t.index_ready} " " {t.saved}</span>
                </p>
                <p class="pv-note">{t.highlight_note}</p>
            </div>
            <div class="pv-panes" class:pv-both=move || show.get() == Show::Both>
                {[en, ru].into_iter().map(|doc| {
                    let visible = move || match show.get() {
                        Show::Both => true,
                        Show::One(l) => l == doc.lang,
                    };
                    let other = if doc.lang == Lang::En { ru } else { en };
                    let extra = move || if doc.lang == Lang::Ru { pair.get() } else { Vec::new() };
                    view! {
                        <section class="pv-pane" lang=doc.lang.code() data-lang=doc.lang.code()
                            hidden=move || !visible()
                            aria-label=doc.lang.native_name()>
                            {editor::Editor(editor::EditorProps { doc, t, on_edit: Callback::new(on_edit), other, show })}
                            <Findings doc=doc extra=Signal::derive(extra) t=t/>
                            <div class="pv-preview" tabindex="0" aria-label=t.preview_label
                                on:scroll=move |_| editor::sync_from_preview(doc, other, show)
                                on:click=editor::keep_links_inside>
                                <article>
                                    <div class="pv-front" inner_html=move || doc.front_html.get()></div>
                                    <div class="pv-body" node_ref=doc.preview></div>
                                </article>
                            </div>
                        </section>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}

#[component]
fn Findings(doc: Doc, extra: Signal<Vec<Finding>>, t: &'static Text) -> impl IntoView {
    let all = move || {
        let mut all: Vec<(Finding, bool)> =
            doc.findings.get().into_iter().map(|f| (f, false)).collect();
        all.extend(extra.get().into_iter().map(|f| (f, true)));
        all.sort_by_key(|(f, _)| f.line);
        all
    };
    view! {
        // One region per language pane: the label names the pane, so landmarks stay unique.
        <div class="pv-findings" role="region"
            aria-label=format!("{} ({})", t.findings_title, doc.lang.native_name())>
            <h2 class="pv-findings-title">
                {t.findings_title} " "
                <span class="pv-count">{move || all().len()}</span>
            </h2>
            <Show when=move || !all().is_empty()
                fallback=move || view! { <p class="pv-clean">{t.no_findings}</p> }>
                <ul>
                    {move || all().into_iter().map(|(f, pair)| {
                        let line = f.line;
                        let level = match f.level {
                            Level::Error => t.error,
                            Level::Warning => t.warning,
                        };
                        let class = match f.level {
                            Level::Error => "pv-finding pv-error",
                            Level::Warning => "pv-finding pv-warning",
                        };
                        let message = if pair {
                            format!("{} ({})", f.message, t.structure_of)
                        } else {
                            f.message
                        };
                        view! {
                            <li>
                                <button type="button" class=class data-line=line
                                    on:click=move |_| editor::go_to_line(doc, line)>
                                    <span class="pv-line">{t.line} " " {line}</span>
                                    <span class="pv-level">{level}</span>
                                    <span class="pv-message">{message}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}
