//! The runbook previewer: EN and RU markdown drafts beside their preview, checked as you type
//! with the same rules as `cargo xtask check-content` (`content::markdown::check_and_render`).
//!
//! The prerendered page already shows the first screen (toolbar, both editors read-only with the
//! template, its preview): the app takes it over in parts. The toolbar and the shown pane are
//! built in the first task; the other pane keeps its prerendered markup for one more frame and
//! is built after a paint. Where the reader's text is still the prerendered one, the preview
//! the page came with is kept instead of being rendered again.
//!
//! The preview is the pipeline's own article HTML: raw HTML in a draft is escaped and unsafe
//! URLs dropped by the renderer, and the page's Content-Security-Policy forbids inline script
//! on top of that. Code is not highlighted here (the build's grammars are megabytes); the
//! build's list of languages still decides which ones are accepted.

mod editor;
mod store;

use std::sync::Arc;

use std::cell::Cell;
use std::rc::Rc;

use content::links::{IndexLanguages, IndexLinks, LinkIndex};
use content::lint::{Finding, Outline};
use content::markdown::check_and_render;
use content::previewer::{Text, text};
use content::{Lang, Level};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlTextAreaElement};

use content::templates::Template;

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
    shown: StoredValue<Shown>,
}

/// What a draft's preview holds, as far as checking it goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// What the last check rendered, or nothing yet.
    Checked,
    /// The prerendered page's rendering of this very text and path: checking it before the page
    /// list arrives would render the same, so that check is skipped.
    Page,
    /// A check ran before the pane was built: the pane runs it again once it exists.
    Missed,
}

pub fn mount() {
    let Some(root) = crate::dom::document().get_element_by_id("preview-app") else {
        return;
    };
    // The prerendered first screen; a page without it gets its empty frame.
    let pv = match root.query_selector(".pv") {
        Ok(Some(pv)) => pv,
        _ => {
            root.set_inner_html(SKELETON);
            let Ok(Some(pv)) = root.query_selector(".pv") else {
                return;
            };
            pv
        }
    };
    // Nothing is built in the task that starts the app: the page is complete meanwhile, and
    // the parts come one per frame.
    crate::dom::after_paint(move || start(&pv));
}

/// Builds the toolbar in the prerendered one's place, then each pane after a paint, in a task
/// of its own, the shown one first. Until then the prerendered pane stands in its place.
fn start(pv: &Element) {
    let (Ok(Some(old_toolbar)), Ok(Some(panes))) = (
        pv.query_selector(".pv-toolbar"),
        pv.query_selector(".pv-panes"),
    ) else {
        return;
    };
    // The toolbar is built off the page and put in the prerendered one's place; the frame around
    // it (the root, the panes' grid) stays, following the state.
    let Ok(holder) = crate::dom::document().create_element("div") else {
        return;
    };
    let made = Rc::new(Cell::new(None));
    let keep = made.clone();
    let root = pv.clone();
    leptos::mount::mount_to(holder.clone().unchecked_into(), move || {
        let s = State::new();
        keep.set(Some(s));
        Effect::new(move |_| {
            let state = s.index.with(|i| match i {
                IndexState::Loading => "loading",
                IndexState::Ready(_) => "ready",
                IndexState::Failed => "failed",
            });
            let _ = root.set_attribute("data-index", state);
        });
        Effect::new(move |_| {
            let _ = panes
                .class_list()
                .toggle_with_force("pv-both", s.show.get() == Show::Both);
        });
        toolbar(s)
    })
    .forget();
    let Some(s) = made.take() else {
        return;
    };
    if let Some(toolbar) = holder.first_element_child() {
        let _ = old_toolbar.replace_with_with_node_1(&toolbar);
    }
    // A prerendered pane the reader chose not to see is already hidden (the page's start script
    // applies the stored choice before the first paint); once built, a pane follows the choice.
    let (first, second) = s.order();
    crate::dom::one_per_frame(vec![
        Box::new(move || build_pane(s, first)),
        Box::new(move || build_pane(s, second)),
    ]);
}

/// The frame of the first screen, for a page that was not prerendered with it.
const SKELETON: &str = "<div class=\"pv\" data-index=\"loading\"><div class=\"pv-toolbar\"></div>\
    <div class=\"pv-panes pv-both\"><div class=\"pv-slot\" data-lang=\"en\"></div>\
    <div class=\"pv-slot\" data-lang=\"ru\"></div></div></div>";

/// The slot a language's pane is built into (`display: contents`, so the pane is the grid item).
fn slot(lang: Lang) -> Option<Element> {
    crate::dom::document()
        .query_selector(&format!(".pv-slot[data-lang={}]", lang.code()))
        .ok()
        .flatten()
}

fn textarea(pane: &Element) -> Option<HtmlTextAreaElement> {
    pane.query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// Builds a draft's pane into its slot, in place of the prerendered one, and takes over from it
/// what the reader sees: the preview when the text is still the prerendered one, and the caret.
/// Runs after a paint, so reading the old editor's scrolling finds the layout done.
fn build_pane(s: State, doc: Doc) {
    let Some(slot) = slot(doc.lang) else {
        return;
    };
    let old = slot.first_element_child();
    let caret = old.as_ref().map(Caret::of);
    let old_text = old.as_ref().and_then(textarea).map(|a| a.value());
    let old_path = old
        .as_ref()
        .and_then(|o| o.query_selector(".pv-path input").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value());
    let same = old_text.as_deref() == Some(doc.text.get_untracked().as_str())
        && old_path.as_deref() == Some(doc.path.get_untracked().as_str());
    // The prerendered preview's nodes, kept while the slot is emptied.
    let kept = old.as_ref().filter(|_| same).and_then(|old| {
        let body = old.query_selector(".pv-body").ok().flatten()?;
        let front = old.query_selector(".pv-front").ok().flatten()?;
        let nodes = crate::dom::document().create_document_fragment();
        while let Some(child) = body.first_child() {
            let _ = nodes.append_child(&child);
        }
        Some((nodes, front.inner_html()))
    });
    slot.set_inner_html("");
    let slot: web_sys::HtmlElement = slot.unchecked_into();
    leptos::mount::mount_to(slot, move || pane(s, doc)).forget();
    if doc.shown.get_value() == Shown::Missed {
        update(doc, &s.index.get_untracked());
    } else if let (Some((nodes, front)), Some(body)) = (kept, doc.preview.get_untracked()) {
        let _ = body.append_child(&nodes);
        doc.front_html.set(front);
        doc.shown.set_value(Shown::Page);
    }
    if let (Some(area), Some(caret)) = (doc.editor.get_untracked(), caret) {
        // The view gives the editor its text only after this task; the reader's place needs the
        // text now (setting the same text again later moves nothing).
        doc.text.with_untracked(|text| {
            if area.value() != *text {
                area.set_value(text);
            }
        });
        caret.restore(&area, same);
    }
}

/// Where the reader was in a prerendered editor: it is read-only, but can be focused, selected
/// and scrolled before the app starts.
#[derive(Clone, Copy)]
struct Caret {
    focused: bool,
    start: u32,
    end: u32,
    scroll: i32,
}

impl Caret {
    fn of(pane: &Element) -> Caret {
        let area = textarea(pane);
        let focused = match (&area, crate::dom::document().active_element()) {
            (Some(area), Some(active)) => {
                let area: &Element = area.as_ref();
                *area == active
            }
            _ => false,
        };
        let at = |r: Result<Option<u32>, _>| r.ok().flatten().unwrap_or(0);
        Caret {
            focused,
            start: area.as_ref().map_or(0, |a| at(a.selection_start())),
            end: area.as_ref().map_or(0, |a| at(a.selection_end())),
            scroll: area.as_ref().map_or(0, |a| a.scroll_top()),
        }
    }

    /// Selection and scrolling carry over only onto the same text.
    fn restore(self, area: &HtmlTextAreaElement, same_text: bool) {
        if same_text {
            let _ = area.set_selection_range(self.start, self.end);
            if self.scroll != 0 {
                area.set_scroll_top(self.scroll);
            }
        }
        if self.focused {
            let _ = area.focus();
        }
    }
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
        // What the prerender shows too (see `Shown::Page`).
        _ => content::previewer::check_without_index(doc.lang, rel, &text, &base()),
    };
    if let (IndexState::Ready(index), Some(front)) = (index, &checked.front) {
        checked.findings.extend(index.alert_findings(front));
        checked.findings.sort_by_key(|f| f.line);
    }
    match doc.preview.get_untracked() {
        Some(el) => {
            el.set_inner_html(&checked.rendered.html);
            doc.shown.set_value(Shown::Checked);
        }
        None => doc.shown.set_value(Shown::Missed),
    }
    doc.front_html.set(content::previewer::front_html(
        doc.lang,
        checked.front.as_ref(),
    ));
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

/// The app's state: both drafts, which of them are shown, the page list.
#[derive(Clone, Copy)]
struct State {
    t: &'static Text,
    index: RwSignal<IndexState>,
    saved: RwSignal<bool>,
    show: RwSignal<Show>,
    en: Doc,
    ru: Doc,
    /// The EN/RU skeleton check, reported in the Russian pane.
    pair: Memo<Vec<Finding>>,
}

impl State {
    fn new() -> State {
        let t = text(crate::dom::page_lang());
        let index = RwSignal::new(IndexState::Loading);
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
                shown: StoredValue::new(Shown::Checked),
            }
        };
        let en = make_doc(Lang::En);
        let ru = make_doc(Lang::Ru);
        let show = RwSignal::new(store::load_show().map_or(Show::Both, |code| {
            Lang::from_code(&code).map_or(Show::Both, Show::One)
        }));
        // EN/RU skeleton: the same rule `check-content` runs on a translation, pointing into RU.
        let pair = Memo::new(move |_| {
            let a = en.outline.get();
            let b = ru.outline.get();
            content::lint::structure_mismatch(&a, &b, Level::Warning)
        });
        let s = State {
            t,
            index,
            saved: RwSignal::new(true),
            show,
            en,
            ru,
            pair,
        };

        // Check both drafts at start and again when the page list arrives: each in a task of its
        // own after a paint (the shown draft first), since checking and rendering both at once
        // blocks a phone's main thread for long. Each uses the page list as it is by then. A
        // draft still showing the prerendered preview needs no check until the list arrives.
        Effect::new(move |_| {
            let loading = index.with(|i| matches!(i, IndexState::Loading));
            let (first, second) = s.order();
            let check = move |doc: Doc| {
                if !(loading && doc.shown.get_value() == Shown::Page) {
                    update(doc, &index.get_untracked());
                }
            };
            crate::dom::after_paint(move || {
                check(first);
                crate::dom::after_paint(move || check(second));
            });
        });
        load_index(index);
        s
    }

    /// The shown draft first.
    fn order(self) -> (Doc, Doc) {
        match self.show.get_untracked() {
            Show::One(Lang::Ru) => (self.ru, self.en),
            _ => (self.en, self.ru),
        }
    }

    fn other(self, doc: Doc) -> Doc {
        if doc.lang == Lang::En {
            self.ru
        } else {
            self.en
        }
    }

    fn edit(self, doc: Doc) {
        self.saved.set(store::save(
            doc.lang,
            &doc.text.get_untracked(),
            &doc.path.get_untracked(),
        ));
        update(doc, &self.index.get_untracked());
    }

    fn apply_template(self, template: Template) {
        let has_text = !self.en.text.get_untracked().trim().is_empty()
            || !self.ru.text.get_untracked().trim().is_empty();
        if has_text
            && !leptos::prelude::window()
                .confirm_with_message(self.t.replace_confirm)
                .unwrap_or(false)
        {
            return;
        }
        for doc in [self.en, self.ru] {
            doc.text.set(template.text(doc.lang).to_string());
            doc.path.set(template.path().to_string());
            if let Some(area) = doc.editor.get_untracked() {
                area.set_value(template.text(doc.lang));
            }
            self.edit(doc);
        }
    }
}

/// The toolbar: view, template and status.
fn toolbar(s: State) -> impl IntoView {
    let State {
        t,
        index,
        saved,
        show,
        ..
    } = s;
    let status = move || match index.get() {
        IndexState::Loading => t.index_loading,
        IndexState::Ready(_) => t.index_ready,
        IndexState::Failed => t.index_failed,
    };

    view! {
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
                            "runbook" => s.apply_template(Template::Runbook),
                            "guide" => s.apply_template(Template::Guide),
                            _ => {}
                        }
                        select.set_value("");
                    }>
                        <option value="">{t.template_none}</option>
                        <option value="runbook">{t.template_runbook}</option>
                        <option value="guide">{t.template_guide}</option>
                    </select>
                </label>
                // The status changes as the app starts and once the page list arrives. Hidden
                // copies of every text hold the place of the longest, so the panes below never
                // move when it does (the prerendered page has the same copies). The note on the
                // draft comes first, so a change of status never moves it.
                <p class="pv-status">
                    <span class="pv-status-now" role="status">
                        <span class="pv-saved" class:pv-warn=move || !saved.get()>
                            {move || if saved.get() { t.saved } else { t.not_saved }}
                        </span>
                        " " {status}
                    </span>
                    <span class="pv-status-room" aria-hidden="true">{t.starting}</span>
                    <span class="pv-status-room" aria-hidden="true">{t.saved} " " {t.index_loading}</span>
                    <span class="pv-status-room" aria-hidden="true">{t.saved} " " {t.index_ready}</span>
                </p>
                <p class="pv-note">{t.highlight_note}</p>
            </div>
    }
}

/// One draft: its editor, its checks and its preview.
fn pane(s: State, doc: Doc) -> impl IntoView {
    let State { t, show, pair, .. } = s;
    let visible = move || match show.get() {
        Show::Both => true,
        Show::One(l) => l == doc.lang,
    };
    let other = s.other(doc);
    let extra = move || {
        if doc.lang == Lang::Ru {
            pair.get()
        } else {
            Vec::new()
        }
    };
    let on_edit = Callback::new(move |doc| s.edit(doc));
    view! {
        <section class="pv-pane" lang=doc.lang.code() data-lang=doc.lang.code()
            hidden=move || !visible()
            aria-label=doc.lang.native_name()>
            {editor::Editor(editor::EditorProps { doc, t, on_edit, other, show })}
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
