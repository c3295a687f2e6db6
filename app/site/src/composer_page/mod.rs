//! The preset composer page, mounted into `#composer-app` over the no-JavaScript fallback.
//! State: the base preset and the choices. Every edit composes the bundle once (engine), and the
//! views read that composition: form, checks, sizing chart, graph, output explorer, comparison.

mod browser;
mod charts;
mod fields;
mod output;
mod text;

use std::sync::Arc;

use composer::explore::{compare, explain, graph, options, sizing, zip};
use composer::link::{LinkError, decode_verbose};
use composer::{Choices, Composition, FIELDS, Lang, Severity, compose, preset, presets};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use charts::esc;
use fields::{META, Section, pick, value_label};
use text::{Text, text};

const LAST: &str = "composer.last";
const RECENT: &str = "composer.recent";
const DEFAULT_PRESET: &str = "jupyter-connect-k8s";

/// Output views.
#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    File,
    Base,
    Last,
}

#[derive(Clone, Copy)]
struct State {
    lang: Lang,
    base: RwSignal<String>,
    choices: RwSignal<Choices>,
    comp: RwSignal<Arc<Composition>>,
    base_comp: RwSignal<Arc<Composition>>,
    prev_files: RwSignal<Arc<composer::Bundle>>,
    blocked: RwSignal<Arc<Vec<options::Blocked>>>,
    file: RwSignal<String>,
    line: RwSignal<Option<usize>>,
    view: RwSignal<View>,
    status: RwSignal<String>,
    notice: RwSignal<String>,
    recent: RwSignal<Vec<String>>,
}

impl State {
    fn t(&self) -> &'static Text {
        text(self.lang)
    }

    /// Applies new choices: one compose, then everything else follows from the signals.
    fn apply(&self, c: Choices) {
        let base = self.base.get_untracked();
        let next = Arc::new(compose(&base, &c));
        let prev = self.comp.get_untracked();
        self.prev_files.set(Arc::new(prev.files.clone()));
        // Which options are unavailable takes dozens of validations: it follows right after the
        // output, so an edit shows its result first.
        let (blocked, later) = (self.blocked, c.clone());
        set_timeout(
            move || blocked.set(Arc::new(options::blocked(&later))),
            std::time::Duration::ZERO,
        );
        publish(&next.link);
        if !next.files.contains_key(&self.file.get_untracked()) {
            self.file.set("values.yaml".into());
            self.line.set(None);
        }
        self.comp.set(next);
        self.choices.set(c);
    }

    fn pick_preset(&self, id: &str) {
        let Some(p) = preset(id) else { return };
        self.remember();
        self.base.set(p.id.to_string());
        let c = p.choices();
        self.base_comp.set(Arc::new(compose(p.id, &c)));
        self.apply(c);
    }

    fn edit(&self, path: &str, value: &str) -> bool {
        browser::mark("composer-edit");
        let mut c = self.choices.get_untracked();
        let Some(f) = composer::field(path) else {
            return false;
        };
        if !(f.set)(&mut c, value) {
            return false;
        }
        self.apply(c);
        true
    }

    /// Puts the current configuration at the top of the recent list.
    fn remember(&self) {
        let link = self.comp.get_untracked().link.clone();
        let mut list = self.recent.get_untracked();
        list.retain(|l| l != &link);
        list.insert(0, link);
        list.truncate(8);
        crate::dom::store(RECENT, &list.join("\n"));
        self.recent.set(list);
    }

    fn doc_href(&self, doc: &str) -> String {
        let lang = match self.lang {
            Lang::En => "en",
            Lang::Ru => "ru",
        };
        // An `index` page is served at its folder.
        let doc = doc
            .strip_suffix("index")
            .unwrap_or(doc)
            .trim_end_matches('/');
        if doc.is_empty() {
            format!("{}/{lang}/", browser::base_path())
        } else {
            format!("{}/{lang}/{doc}/", browser::base_path())
        }
    }

    fn share_url(&self) -> String {
        let w = window();
        let loc = w.location();
        format!(
            "{}{}#{}",
            loc.origin().unwrap_or_default(),
            loc.pathname().unwrap_or_default(),
            self.comp.get_untracked().link
        )
    }

    fn copy_link(&self) {
        let s = *self;
        self.remember();
        browser::copy(&self.share_url(), move |ok| {
            s.status
                .set(if ok { s.t().copied } else { s.t().copy_failed }.to_string())
        });
    }

    fn copy_file(&self) {
        let s = *self;
        let comp = self.comp.get_untracked();
        if let Some(text) = comp.files.get(&self.file.get_untracked()) {
            browser::copy(text, move |ok| {
                s.status
                    .set(if ok { s.t().copied } else { s.t().copy_failed }.to_string())
            });
        }
    }

    fn download_file(&self) {
        let comp = self.comp.get_untracked();
        let name = self.file.get_untracked();
        if let Some(text) = comp.files.get(&name) {
            let short = name.rsplit('/').next().unwrap_or(&name);
            browser::download(short, text.as_bytes(), output::mime(&name));
        }
    }

    fn download_zip(&self) {
        self.remember();
        let comp = self.comp.get_untracked();
        let root = format!("spark-k8s-{}", self.base.get_untracked());
        let bytes = zip::write(
            &root,
            comp.files.iter().map(|(k, v)| (k.as_str(), v.as_bytes())),
        );
        browser::download(&format!("{root}.zip"), &bytes, "application/zip");
    }
}

fn field_id(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

fn link_error(lang: Lang, e: &LinkError) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Ru => match e {
            LinkError::Empty => "ссылка пуста".into(),
            LinkError::TooLong(n) => format!(
                "ссылка длиной {n} символов (допустимо не больше {})",
                composer::link::MAX_LINK_LEN
            ),
            LinkError::NotALink => "это не ссылка конструктора".into(),
            LinkError::UnsupportedVersion(v) => format!(
                "у ссылки версия {v}, а этот конструктор понимает версии до {}",
                composer::link::LINK_VERSION
            ),
            LinkError::UnknownPreset(p) => format!("в ссылке неизвестный пресет «{p}»"),
        },
    }
}

pub fn mount() {
    let Some(root) = crate::dom::document().get_element_by_id("composer-app") else {
        return;
    };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    let lang = match crate::dom::page_lang() {
        content::Lang::Ru => Lang::Ru,
        _ => Lang::En,
    };
    // The configuration is composed in this task and the page built in the next, after a paint:
    // together they would block a phone's main thread for too long.
    let start = Start::new(lang);
    crate::dom::after_paint(move || {
        root.set_inner_html("");
        let handle = leptos::mount::mount_to(root, move || view! { <Composer start=start/> });
        handle.forget();
    });
}

/// What the page starts from: the configuration (from the address, the last visit or the default
/// preset), its composition and its preset's.
struct Start {
    lang: Lang,
    base: String,
    choices: Choices,
    notice: String,
    first: Arc<Composition>,
    base_comp: Arc<Composition>,
}

impl Start {
    fn new(lang: Lang) -> Start {
        let (base, choices, notice) = initial(lang);
        let base_choices = preset(&base).map(|p| p.choices()).unwrap_or_default();
        let first = Arc::new(compose(&base, &choices));
        // A preset opened as it is (the usual start) is its own base: one compose instead of two.
        let base_comp = if choices == base_choices {
            first.clone()
        } else {
            Arc::new(compose(&base, &base_choices))
        };
        Start {
            lang,
            base,
            choices,
            notice,
            first,
            base_comp,
        }
    }
}

fn initial(lang: Lang) -> (String, Choices, String) {
    let fallback = || {
        let p = preset(DEFAULT_PRESET)
            .or_else(|| presets().first())
            .expect("at least one preset");
        (p.id.to_string(), p.choices())
    };
    let t = text(lang);
    let frag = browser::fragment();
    let from_store = crate::dom::stored(LAST).filter(|_| frag.is_empty());
    let link = if frag.is_empty() {
        from_store.unwrap_or_default()
    } else {
        frag.clone()
    };
    if link.is_empty() {
        let (p, c) = fallback();
        return (p, c, String::new());
    }
    match decode_verbose(&link) {
        Ok(d) => {
            let id = if preset(&d.preset).is_some() {
                d.preset
            } else {
                fallback().0
            };
            let notice = if d.ignored.is_empty() {
                String::new()
            } else {
                format!("{} {}", t.link_ignored, d.ignored.join(", "))
            };
            (id, d.choices, notice)
        }
        Err(e) if !frag.is_empty() => {
            let (p, c) = fallback();
            (p, c, format!("{} {}.", t.link_bad, link_error(lang, &e)))
        }
        Err(_) => {
            let (p, c) = fallback();
            (p, c, String::new())
        }
    }
}

#[component]
fn Composer(start: Start) -> impl IntoView {
    let Start {
        lang,
        base,
        choices,
        notice,
        first,
        base_comp,
    } = start;
    let recent: Vec<String> = crate::dom::stored(RECENT)
        .map(|s| {
            s.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let s = State {
        lang,
        base: RwSignal::new(base.clone()),
        choices: RwSignal::new(choices.clone()),
        comp: RwSignal::new(first.clone()),
        base_comp: RwSignal::new(base_comp),
        prev_files: RwSignal::new(Arc::new(first.files.clone())),
        // Filled in with the first part built after the presets (see `step` below).
        blocked: RwSignal::new(Arc::new(Vec::new())),
        file: RwSignal::new("values.yaml".into()),
        line: RwSignal::new(None),
        view: RwSignal::new(View::File),
        status: RwSignal::new(String::new()),
        notice: RwSignal::new(notice),
        recent: RwSignal::new(recent),
    };
    // Starting the composer on a phone's CPU takes long enough to make the page unresponsive if
    // done in one go. What needs no building waits for the first paint: the address shows the
    // current configuration and the language switch carries it; which options are unavailable.
    crate::dom::after_paint(move || {
        s.comp.with_untracked(|c| publish(&c.link));
        let now = s.choices.get_untracked();
        s.blocked.set(Arc::new(options::blocked(&now)));
    });
    // Then the presets and the status are built at once; the form one section per frame, then
    // the checks, the pictures, the output and the comparison, each into its slot.
    const SIDE: usize = Section::ALL.len();
    const GRAPH: usize = SIDE + 1;
    const OUTPUT: usize = GRAPH + 1;
    const REST: usize = OUTPUT + 1;
    let slots: [NodeRef<leptos::html::Div>; REST + 1] = std::array::from_fn(|_| NodeRef::new());
    let mut parts: Vec<Box<dyn FnOnce()>> = Vec::new();
    for (i, sec) in Section::ALL.into_iter().enumerate() {
        parts.push(fill(slots[i], move || view! { <FormSection s=s sec=sec/> }));
    }
    parts.push(fill(slots[SIDE], move || side(s)));
    parts.push(fill(slots[GRAPH], move || graph_box(s)));
    parts.push(fill(slots[OUTPUT], move || view! { <Output s=s/> }));
    parts.push(fill(slots[REST], move || rest(s)));
    // `?focus=` names a field: focus it once the whole form is built.
    if let Some(path) = browser::focus_param() {
        parts.insert(SIDE, Box::new(move || focus_field(&path)));
    }
    crate::dom::one_per_frame(parts);
    shortcuts(s);
    crate::dom::on(&window(), "hashchange", move |_| {
        let frag = browser::fragment();
        if frag == s.comp.get_untracked().link {
            return;
        }
        match decode_verbose(&frag) {
            Ok(d) => {
                if let Some(p) = preset(&d.preset) {
                    s.base.set(p.id.to_string());
                    s.base_comp.set(Arc::new(compose(p.id, &p.choices())));
                }
                s.notice.set(String::new());
                s.apply(d.choices);
            }
            Err(e) => {
                s.pick_preset(DEFAULT_PRESET);
                s.notice
                    .set(format!("{} {}.", s.t().link_bad, link_error(lang, &e)));
            }
        }
    });
    let t = s.t();
    view! {
        <div class="cmp">
            {move || {
                let n = s.notice.get();
                (!n.is_empty()).then(|| view! { <p class="cmp-notice" role="alert">{n}</p> })
            }}
            <Gallery s=s/>
            <StatusBar s=s/>
            <div class="cmp-main">
                <form class="cmp-form" aria-label=t.gallery on:submit=|ev| ev.prevent_default()>
                    {slots[..Section::ALL.len()].iter().map(|&slot| view! { <div class="cmp-part" node_ref=slot></div> }).collect_view()}
                </form>
                <div class="cmp-side"><div class="cmp-part" node_ref=slots[SIDE]></div></div>
            </div>
            <div class="cmp-part" node_ref=slots[GRAPH]></div>
            <div class="cmp-part" node_ref=slots[OUTPUT]></div>
            <div class="cmp-part" node_ref=slots[REST]></div>
        </div>
    }
}

/// Makes `link` the configuration the page stands for: in the address, in the language switch
/// (so it carries the configuration) and as the one reopened next time.
fn publish(link: &str) {
    browser::set_fragment(link);
    browser::update_language_links(link);
    crate::dom::store(LAST, link);
}

/// Builds a part of the page into its slot (an element with `display: contents`).
fn fill<V: IntoView + 'static>(
    slot: NodeRef<leptos::html::Div>,
    build: impl FnOnce() -> V + 'static,
) -> Box<dyn FnOnce()> {
    Box::new(move || {
        if let Some(el) = slot.get_untracked() {
            leptos::mount::mount_to(el.into(), build).forget();
        }
    })
}

fn side(s: State) -> impl IntoView {
    let t = s.t();
    view! {
        <Diagnostics s=s/>
        <section class="cmp-box" aria-labelledby="cmp-sizing-h">
            <h2 id="cmp-sizing-h">{t.sizing}</h2>
            <div class="cmp-svg" inner_html=move || {
                charts::sizing_svg(&sizing::chart(&s.comp.read().config), t)
            }></div>
        </section>
    }
}

fn graph_box(s: State) -> impl IntoView {
    let t = s.t();
    view! {
        <section class="cmp-box" aria-labelledby="cmp-graph-h">
            <h2 id="cmp-graph-h">{t.graph}</h2>
            <p class="cmp-muted">{t.graph_desc}</p>
            <div class="cmp-svg cmp-graph" inner_html=move || {
                charts::graph_svg(&graph::graph(&s.comp.read().config), t)
            }></div>
        </section>
    }
}

/// The comparison and the keyboard shortcuts.
fn rest(s: State) -> impl IntoView {
    let t = s.t();
    view! {
        <Compare s=s/>
        <section class="cmp-box cmp-keys" aria-labelledby="cmp-keys-h">
            <h2 id="cmp-keys-h">{t.keys}</h2>
            <p>{t.keys_intro}</p>
            <ul>
                <li><kbd>c</kbd>" — "{t.key_copy}</li>
                <li><kbd>d</kbd>" — "{t.key_download}</li>
                <li><kbd>z</kbd>" — "{t.key_zip}</li>
                <li><kbd>l</kbd>" — "{t.key_link}</li>
                <li><kbd>"↑"</kbd>" "<kbd>"↓"</kbd>" — "{t.key_lines}</li>
            </ul>
        </section>
    }
}

fn shortcuts(s: State) {
    let doc = crate::dom::document();
    crate::dom::on(&doc, "keydown", move |ev| {
        let Ok(ev) = ev.dyn_into::<web_sys::KeyboardEvent>() else {
            return;
        };
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing {
            return;
        }
        match ev.key().as_str() {
            "c" => s.copy_file(),
            "d" => s.download_file(),
            "z" => s.download_zip(),
            "l" => s.copy_link(),
            _ => return,
        }
        ev.prevent_default();
    });
}

#[component]
fn Gallery(s: State) -> impl IntoView {
    let t = s.t();
    let lang = s.lang;
    let query = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let mut tags: Vec<&'static str> = presets()
        .iter()
        .flat_map(|p| p.tags.iter().copied())
        .collect();
    tags.sort_unstable();
    tags.dedup();
    // Written as HTML with one delegated click handler: cheaper in the WASM than a view per card.
    let cards = move || {
        let q = query.get().to_lowercase();
        let tg = tag.get();
        let base = s.base.get();
        let mut html = String::new();
        for p in presets()
            .iter()
            .filter(|p| tg.is_empty() || p.tags.contains(&tg.as_str()))
            .filter(|p| {
                q.is_empty()
                    || p.id.contains(&q)
                    || p.title.get(lang).to_lowercase().contains(&q)
                    || p.description.get(lang).to_lowercase().contains(&q)
                    || p.tags.iter().any(|t| t.contains(&q))
            })
        {
            let cur = base == p.id;
            let tags: String = p
                .tags
                .iter()
                .map(|t| format!(r#"<span class="cmp-tag">{}</span>"#, esc(t)))
                .collect();
            html += &format!(
                r#"<li class="cmp-card{}"><button type="button" class="cmp-card-btn" aria-pressed="{cur}" data-preset="{}"><strong>{}</strong></button><p>{}</p><p class="cmp-tags">{tags}</p><p class="cmp-brings"><span class="cmp-muted">{}: </span>{}</p></li>"#,
                if cur { " current" } else { "" },
                esc(p.id),
                esc(p.title.get(lang)),
                esc(p.description.get(lang)),
                esc(t.brings),
                esc(&p.components().join(", ")),
            );
        }
        if html.is_empty() {
            format!(r#"<p class="cmp-muted">{}</p>"#, esc(t.no_match))
        } else {
            format!(r#"<ul class="cmp-cards">{html}</ul>"#)
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(id) = delegated(&ev, "data-preset") {
            s.pick_preset(&id);
        }
    };
    let tag_click = move |ev: web_sys::MouseEvent| {
        if let Some(tg) = delegated(&ev, "data-tag") {
            tag.update(|cur| if *cur == tg { cur.clear() } else { *cur = tg });
        }
    };
    let tag_bar = move || {
        let cur = tag.get();
        let mut html = format!(
            r#"<button type="button" data-tag="" aria-pressed="{}">{}</button>"#,
            cur.is_empty(),
            esc(t.all_tags)
        );
        for tg in &tags {
            html += &format!(
                r#"<button type="button" data-tag="{0}" aria-pressed="{1}">{0}</button>"#,
                esc(tg),
                cur == *tg
            );
        }
        html
    };
    view! {
        <section class="cmp-box cmp-gallery" aria-labelledby="cmp-gallery-h">
            <h2 id="cmp-gallery-h">{t.gallery}</h2>
            <div class="cmp-filter">
                <label for="cmp-filter">{t.filter}</label>
                <input id="cmp-filter" type="search" placeholder=t.filter_placeholder
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                <div class="cmp-tagbar" role="group" aria-label=t.filter on:click=tag_click inner_html=tag_bar></div>
            </div>
            <div on:click=on_click inner_html=cards></div>
        </section>
    }
}

/// The value of `attr` on the clicked element or its nearest ancestor that has it.
fn delegated(ev: &web_sys::MouseEvent, attr: &str) -> Option<String> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(&format!("[{attr}]")).ok().flatten())
        .and_then(|e| e.get_attribute(attr))
}

#[component]
fn StatusBar(s: State) -> impl IntoView {
    let t = s.t();
    let lang = s.lang;
    let changed = move || {
        let base = s.base_comp.read();
        composer::choices::diff(base.config.choices(), &s.choices.get()).len()
    };
    let title = move || {
        preset(&s.base.get())
            .map(|p| p.title.get(lang))
            .unwrap_or("")
    };
    view! {
        <section class="cmp-box cmp-status" aria-labelledby="cmp-state">
            <p id="cmp-state" class="cmp-state" aria-live="polite">
                {move || if changed() == 0 {
                    view! { <span>{t.preset}": "<strong>{title()}</strong></span> }.into_any()
                } else {
                    view! { <span>{t.custom_based_on}" "<strong>{title()}</strong>" ("{changed()}" "{t.changed}")"</span> }.into_any()
                }}
            </p>
            <button type="button" class="cmp-btn" disabled=move || changed() == 0
                on:click=move |_| { let b = s.base.get_untracked(); s.pick_preset(&b) }>{t.reset_all}</button>
            <div class="cmp-share">
                <label for="cmp-link">{t.share}</label>
                <input id="cmp-link" readonly prop:value=move || { s.comp.read().link.clone() }
                    on:focus=|ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select() } }/>
                <button type="button" class="cmp-btn" on:click=move |_| s.copy_link()>{t.copy_link}</button>
                <span class="cmp-muted" role="status">{move || s.status.get()}</span>
            </div>
            <details class="cmp-recent">
                <summary>{t.recent}</summary>
                {move || {
                    let list = s.recent.get();
                    if list.is_empty() {
                        return view! { <p class="cmp-muted">{t.recent_empty}</p> }.into_any();
                    }
                    view! { <ul>{list.into_iter().map(|l| {
                        let shown = l.clone();
                        view! { <li><button type="button" class="cmp-link-btn" on:click=move |_| {
                            if let Ok(d) = decode_verbose(&l) {
                                if let Some(p) = preset(&d.preset) {
                                    s.base.set(p.id.to_string());
                                    s.base_comp.set(Arc::new(compose(p.id, &p.choices())));
                                }
                                s.apply(d.choices);
                            }
                        }>{t.open}</button>" "<code>{shown}</code></li> }
                    }).collect_view()}</ul> }.into_any()
                }}
            </details>
        </section>
    }
}

#[component]
fn FormSection(s: State, sec: Section) -> impl IntoView {
    let t = s.t();
    let lang = s.lang;
    let metas: Vec<_> = META.iter().filter(|m| m.section == sec).collect();
    let paths: Vec<&'static str> = metas.iter().map(|m| m.path).collect();
    let counts = move || {
        let comp = s.comp.read();
        let mine = comp.diagnostics.iter().filter(|d| paths.contains(&d.path));
        mine.fold((0, 0), |(e, w), d| match d.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
            Severity::Info => (e, w),
        })
    };
    view! {
        <details class="cmp-sec" open id=format!("sec-{}", sec.id())>
            <summary>
                <span class="cmp-sec-title">{sec.title(lang)}</span>
                {move || {
                    let (e, w) = counts();
                    view! {
                        <span class="cmp-count err" class:zero=e == 0>{text::count(lang, e, t.errors)}</span>
                        <span class="cmp-count warn" class:zero=w == 0>{text::count(lang, w, t.warnings)}</span>
                    }
                }}
            </summary>
            {metas.into_iter().map(|m| view! { <FieldView s=s path=m.path/> }).collect_view()}
        </details>
    }
}

#[component]
fn FieldView(s: State, path: &'static str) -> impl IntoView {
    let t = s.t();
    let lang = s.lang;
    let Some(f) = FIELDS.iter().find(|f| f.path == path) else {
        return ().into_any();
    };
    let Some(m) = fields::meta(path) else {
        return ().into_any();
    };
    let id = field_id(path);
    let help_id = format!("{id}-help");
    let local_err = RwSignal::new(false);
    let value = move || s.choices.with(|c| (f.get)(c));
    let base_value = move || s.base_comp.with(|b| (f.get)(b.config.choices()));
    let changed = move || value() != base_value();
    let blocked = move |v: &str| {
        s.blocked.with(|b| {
            b.iter()
                .find(|x| x.path == path && x.value == v)
                .map(|x| x.reason.text(lang))
        })
    };
    let numeric = {
        let mut probe = Choices::default();
        (f.set)(&mut probe, "3") && (f.set)(&mut probe, "2") && !(f.set)(&mut probe, "x")
    };
    let values = options::values_of(path);
    let is_switch = values.as_deref() == Some(&["0", "1"][..]);
    let vals = values.clone().unwrap_or_default();
    let control = if is_switch {
        view! {
            <input type="checkbox" id=id.clone() aria-describedby=help_id.clone()
                prop:checked=move || value() == "1"
                disabled=move || blocked(if value() == "1" { "0" } else { "1" }).is_some()
                on:change=move |ev| {
                    let on = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                    s.edit(path, if on { "1" } else { "0" });
                }/>
        }
        .into_any()
    } else if let Some(values) = values {
        // Options as HTML: one string per change instead of two reactive attributes per option.
        let options = move || {
            let cur = value();
            values
                .iter()
                .map(|v| {
                    format!(
                        r#"<option value="{v}"{}{}>{}</option>"#,
                        if cur == *v { " selected" } else { "" },
                        if blocked(v).is_some() {
                            " disabled"
                        } else {
                            ""
                        },
                        esc(&value_label(lang, path, v))
                    )
                })
                .collect::<String>()
        };
        view! {
            <select id=id.clone() aria-describedby=help_id.clone() inner_html=options
                on:change=move |ev| { s.edit(path, &event_target_value(&ev)); }></select>
        }
        .into_any()
    } else {
        view! {
            <input type="text" id=id.clone() aria-describedby=help_id.clone() spellcheck="false" autocomplete="off"
                inputmode=if numeric { "numeric" } else { "text" }
                prop:value=value
                aria-invalid=move || (local_err.get() || s.comp.with(|c| c.diagnostics.iter().any(|d| d.path == path && d.severity == Severity::Error))).to_string()
                on:input=move |ev| {
                    let ok = s.edit(path, &event_target_value(&ev));
                    local_err.set(!ok);
                }/>
        }
        .into_any()
    };
    // Unavailable options with their reasons, then this field's findings.
    let messages = move || {
        let mut out = String::new();
        let cur = value();
        for v in vals.iter().filter(|v| **v != cur) {
            if let Some(r) = blocked(v) {
                let what = if is_switch {
                    String::new()
                } else {
                    format!(" — <strong>{}</strong>", esc(&value_label(lang, path, v)))
                };
                out += &format!(
                    r#"<p class="fld-blocked">{}{what}: {}</p>"#,
                    esc(t.unavailable),
                    esc(&r)
                );
            }
        }
        if local_err.get() {
            out += &format!(r#"<p class="fld-msg error">{}</p>"#, esc(t.not_number));
        }
        let comp = s.comp.read();
        for d in comp
            .diagnostics
            .iter()
            .filter(|d| d.path == path && d.severity != Severity::Info)
        {
            out += &format!(
                r#"<p class="fld-msg {}">{}</p>"#,
                d.severity.as_str(),
                esc(&d.text(lang))
            );
        }
        out
    };
    view! {
        <div class="fld" class:changed=changed class:switch=is_switch data-path=path>
            <label for=id>{pick(lang, m.label.0, m.label.1)}</label>
            {control}
            <span class="fld-changed">{t.changed}</span>
            <button type="button" class="cmp-link-btn fld-reset" on:click=move |_| {
                local_err.set(false);
                s.edit(path, &base_value());
            }>{t.reset}<span class="visually-hidden">" "{pick(lang, m.label.0, m.label.1)}</span></button>
            <p class="fld-help" id=help_id>{pick(lang, m.help.0, m.help.1)}" "<code>{path}</code></p>
            <div class="fld-msgs" aria-live="polite" inner_html=messages></div>
        </div>
    }
    .into_any()
}

#[component]
fn Diagnostics(s: State) -> impl IntoView {
    let t = s.t();
    let lang = s.lang;
    let html = move || {
        let comp = s.comp.get();
        let ready = comp.config.ready();
        let mut out = format!(
            r#"<p class="cmp-ready{}">{}</p>"#,
            if ready { "" } else { " bad" },
            esc(if ready { t.ready } else { t.not_ready })
        );
        if comp.diagnostics.is_empty() {
            out += &format!(r#"<p class="cmp-muted">{}</p>"#, esc(t.no_diagnostics));
        }
        out += r#"<ul class="diag-list">"#;
        for d in &comp.diagnostics {
            let sev = d.severity.as_str();
            let go = fields::meta(d.path).map_or(String::new(), |m| {
                format!(
                    r#" <button type="button" class="cmp-link-btn diag-go" data-go="{}">{}: {}</button>"#,
                    d.path,
                    esc(t.go_to_field),
                    esc(pick(lang, m.label.0, m.label.1))
                )
            });
            out += &format!(
                r#"<li class="diag {sev}" data-code="{}"><span class="diag-sev">{}</span> <span class="diag-text">{}</span> <a class="diag-doc" href="{}">{}</a>{go}</li>"#,
                d.code.as_str(),
                t.severity[d.severity as usize],
                esc(&d.text(lang)),
                esc(&s.doc_href(d.doc())),
                esc(t.read_more),
            );
        }
        out + "</ul>"
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(path) = delegated(&ev, "data-go") {
            focus_field(&path);
        }
    };
    view! {
        <section class="cmp-box cmp-diags" aria-labelledby="cmp-diags-h">
            <h2 id="cmp-diags-h">{t.diagnostics}</h2>
            <div on:click=on_click inner_html=html></div>
        </section>
    }
}

fn focus_field(path: &str) {
    if let Some(el) = crate::dom::document().get_element_by_id(&field_id(path)) {
        el.scroll_into_view();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

#[component]
fn Output(s: State) -> impl IntoView {
    let t = s.t();
    let lang = s.lang;
    let code = NodeRef::<leptos::html::Pre>::new();
    // The code view is written as HTML in one go: hundreds of lines as reactive nodes would
    // cost more than the compose itself.
    Effect::new(move |_| {
        let comp = s.comp.get();
        let name = s.file.get();
        let view = s.view.get();
        let line = s.line.get();
        let Some(el) = code.get() else { return };
        let text = comp.files.get(&name).cloned().unwrap_or_default();
        let html = match view {
            View::File => output::file_html(&name, &text, line),
            View::Base => {
                let old = s
                    .base_comp
                    .with_untracked(|b| b.files.get(&name).cloned().unwrap_or_default());
                output::diff_html(&name, &old, &text, t.unchanged_lines)
                    .unwrap_or_else(|| format!("<span class=\"ln\">{}</span>", t.no_changes))
            }
            View::Last => {
                let old = s
                    .prev_files
                    .with_untracked(|p| p.get(&name).cloned().unwrap_or_default());
                output::diff_html(&name, &old, &text, t.unchanged_lines)
                    .unwrap_or_else(|| format!("<span class=\"ln\">{}</span>", t.no_changes))
            }
        };
        el.set_inner_html(&html);
        browser::measure("composer-edit-to-output", "composer-edit");
    });
    let select_line = move |l: usize| {
        s.line.set(Some(l));
        if let Some(el) = code.get_untracked()
            && let Ok(Some(node)) = el.query_selector(&format!("[data-l=\"{l}\"]"))
            && let Ok(node) = node.dyn_into::<web_sys::HtmlElement>()
        {
            let top = node.offset_top();
            let (st, h) = (el.scroll_top(), el.client_height());
            if top < st || top > st + h - 24 {
                el.set_scroll_top(top - h / 2);
            }
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let hit = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-l]").ok().flatten())
            .and_then(|e| e.get_attribute("data-l"))
            .and_then(|v| v.parse().ok());
        if let Some(l) = hit {
            s.view.set(View::File);
            select_line(l);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let count = s.comp.with_untracked(|c| {
            c.files
                .get(&s.file.get_untracked())
                .map_or(0, |t| t.lines().count())
        });
        let cur = s.line.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowDown" => Some(cur.map_or(0, |l| (l + 1).min(count.saturating_sub(1)))),
            "ArrowUp" => Some(cur.map_or(0, |l| l.saturating_sub(1))),
            "Home" => Some(0),
            "End" => Some(count.saturating_sub(1)),
            _ => None,
        };
        if let Some(l) = next {
            ev.prevent_default();
            s.view.set(View::File);
            select_line(l);
        }
    };
    let why = move || {
        let comp = s.comp.get();
        let name = s.file.get();
        let line = s.line.get()?;
        let ex = explain::explain(&comp, &name, line);
        let text_line = comp
            .files
            .get(&name)
            .and_then(|t| t.lines().nth(line))
            .unwrap_or("")
            .trim()
            .to_string();
        Some(match ex {
            Some(e) => {
                let field = e
                    .field
                    .and_then(fields::meta)
                    .map(|m| (m.path, pick(lang, m.label.0, m.label.1)));
                view! {
                    <p><code>{text_line}</code></p>
                    <p class="why-text">{e.text(lang).to_string()}</p>
                    <p>
                        {field.map(|(p, l)| view! {
                            {t.from_choice}": "<a href=format!("#{}", field_id(p)) on:click=move |ev: web_sys::MouseEvent| {
                                ev.prevent_default();
                                if let Some(el) = crate::dom::document().get_element_by_id(&field_id(p)) {
                                    el.scroll_into_view();
                                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() { let _ = el.focus(); }
                                }
                            }>{l}</a>" · "
                        })}
                        <a href=s.doc_href(e.doc)>{t.read_more}</a>
                    </p>
                }
                .into_any()
            }
            None => view! { <p><code>{text_line}</code></p><p class="cmp-muted">{t.why_none}</p> }
                .into_any(),
        })
    };
    view! {
        <section class="cmp-box cmp-output" aria-labelledby="cmp-output-h">
            <h2 id="cmp-output-h">{t.output}</h2>
            <div class="out-grid">
                <nav class="out-files" aria-label=t.files>
                    <ul>
                        {move || s.comp.with(|c| c.files.keys().cloned().collect::<Vec<_>>()).into_iter().map(|name| {
                            let n2 = name.clone();
                            let n3 = name.clone();
                            let n4 = name.clone();
                            view! { <li><button type="button" class="out-file" data-file=n4
                                aria-current=move || (s.file.get() == n2).then_some("true")
                                on:click=move |_| { s.file.set(n3.clone()); s.line.set(None); }>{name}</button></li> }
                        }).collect_view()}
                    </ul>
                </nav>
                <div class="out-main">
                    <div class="out-bar">
                        <div role="group" aria-label=t.output class="out-views">
                            {[(View::File, t.view_file), (View::Base, t.view_base), (View::Last, t.view_last)].into_iter().map(|(v, l)| view! {
                                <button type="button" aria-pressed=move || (s.view.get() == v).to_string() on:click=move |_| s.view.set(v)>{l}</button>
                            }).collect_view()}
                        </div>
                        <div class="out-actions">
                            <button type="button" class="cmp-btn" data-action="copy" on:click=move |_| s.copy_file()>{t.copy_file}</button>
                            <button type="button" class="cmp-btn" data-action="download" on:click=move |_| s.download_file()>{t.download_file}</button>
                            <button type="button" class="cmp-btn primary" data-action="zip" on:click=move |_| s.download_zip()>{t.download_zip}</button>
                        </div>
                    </div>
                    <pre class="out-code" node_ref=code tabindex="0" aria-label=move || s.file.get()
                        on:click=on_click on:keydown=on_key></pre>
                </div>
                <div class="out-why" role="region" aria-labelledby="cmp-why-h" aria-live="polite">
                    <h3 id="cmp-why-h">{t.why}</h3>
                    {move || why().unwrap_or_else(|| view! { <p class="cmp-muted">{t.why_hint}</p> }.into_any())}
                </div>
            </div>
        </section>
    }
}

#[component]
fn Compare(s: State) -> impl IntoView {
    let t = s.t();
    let lang = s.lang;
    let a = RwSignal::new(String::new());
    let b = RwSignal::new("production-ha".to_string());
    // A preset's composition is computed when it is picked, not on every edit.
    let of_preset = |id: &str| preset(id).map(|p| Arc::new(compose(p.id, &p.choices())));
    let a_comp = RwSignal::new(None::<Arc<Composition>>);
    // Side B starts at a preset, composed when the comparison is first opened.
    let b_comp = RwSignal::new(None::<Arc<Composition>>);
    let comp_of = move |side: RwSignal<Option<Arc<Composition>>>| -> Arc<Composition> {
        side.get().unwrap_or_else(|| s.comp.get())
    };
    let options_view = move |with_current: bool| {
        view! {
            {with_current.then(|| view! { <option value="">{t.current}</option> })}
            {presets().iter().map(|p| view! { <option value=p.id>{p.title.get(lang)}</option> }).collect_view()}
        }
    };
    // Composed only while the comparison is open: it would otherwise run on every edit.
    let open = RwSignal::new(false);
    let table = move || {
        if !open.get() {
            return String::new();
        }
        let (ca, cb) = (comp_of(a_comp), comp_of(b_comp));
        let mut html = format!(
            r#"<div class="cmp-table-wrap"><table class="cmp-table"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
            esc(t.property),
            esc(t.compare_a),
            esc(t.compare_b)
        );
        for r in compare::rows(&ca, &cb, lang) {
            html += &format!(
                r#"<tr{}><th scope="row">{}</th><td>{}</td><td>{}</td></tr>"#,
                if r.differs() {
                    r#" class="differs""#
                } else {
                    ""
                },
                esc(r.label),
                esc(&r.a),
                esc(&r.b)
            );
        }
        let diff = output::diff_html(
            "values.yaml",
            ca.files.get("values.yaml").map_or("", String::as_str),
            cb.files.get("values.yaml").map_or("", String::as_str),
            t.unchanged_lines,
        )
        .unwrap_or_else(|| esc(t.no_changes));
        html += &format!(
            r#"</tbody></table></div><details class="cmp-values-diff"><summary>{}</summary><pre class="out-code">{diff}</pre></details>"#,
            esc(t.values_diff)
        );
        html
    };
    view! {
        <section class="cmp-box cmp-compare" aria-labelledby="cmp-compare-h">
            <details on:toggle=move |ev| {
                let is_open = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.has_attribute("open"));
                if is_open && b_comp.with_untracked(Option::is_none) {
                    b_comp.set(of_preset(&b.get_untracked()));
                }
                open.set(is_open);
            }>
            <summary><h2 id="cmp-compare-h">{t.compare}</h2></summary>
            <div class="cmp-compare-pick">
                <label>{t.compare_a}" "
                    <select id="cmp-a" on:change=move |ev| { let v = event_target_value(&ev); a_comp.set(of_preset(&v)); a.set(v) }>{options_view(true)}</select>
                </label>
                <label>{t.compare_b}" "
                    <select id="cmp-b" prop:value=move || b.get() on:change=move |ev| { let v = event_target_value(&ev); b_comp.set(of_preset(&v)); b.set(v) }>{options_view(false)}</select>
                </label>
            </div>
            <div inner_html=table></div>
            </details>
        </section>
    }
}
