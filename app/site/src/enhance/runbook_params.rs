//! Runbook parameters: namespace, release, kube context and bucket, entered once in a small form
//! on any runbook page, kept in localStorage and put in place of `<namespace>`, `<release>`,
//! `<context>` and `<bucket>` in every command of every runbook page; likewise `kubectl` or `oc`.
//! Copy buttons read the code's text, so they copy the substituted command.

use crate::dom;
use content::Lang;
use leptos::prelude::*;
use oncall::i18n::text;
use oncall::{Cli, Param, Params};

/// The localStorage key of the parameters.
pub const KEY: &str = "runbook-params";

/// The reader's stored parameters (unusable stored values are dropped while reading).
pub fn stored() -> Params {
    Params::from_stored(&dom::stored(KEY).unwrap_or_default())
}

/// Is this a runbook page (the prerender marks them)?
pub fn is_runbook_page() -> bool {
    dom::document()
        .document_element()
        .and_then(|h| h.get_attribute("data-page"))
        .as_deref()
        == Some("runbook")
}

/// Shell blocks whose `kubectl` words follow the reader's choice of tool.
const SHELL_BLOCKS: &str = ".code[data-lang=bash] code, .code[data-lang=sh] code, .code[data-lang=shell] code, .code[data-lang=console] code";

/// Wraps the `kubectl` words of every shell block once, so [`apply`] can switch them.
fn mark_cli_words() {
    for code in dom::query_all(SHELL_BLOCKS) {
        if let Some(html) = oncall::cli::mark(&code.inner_html()) {
            code.set_inner_html(&html);
        }
    }
}

/// Puts the reader's values into every placeholder of the page's code blocks; an unset value
/// shows the placeholder again. `kubectl` words show the chosen tool.
pub fn apply(params: &Params) {
    let tool = params.cli.command();
    for span in dom::query_all(".code span.cli") {
        if span.text_content().as_deref() != Some(tool) {
            span.set_text_content(Some(tool));
        }
    }
    for span in dom::query_all(".code span.ph[data-ph]") {
        let name = span.get_attribute("data-ph").unwrap_or_default();
        if Param::from_key(&name).is_none() {
            continue;
        }
        match params.for_placeholder(&name) {
            Some(value) => {
                span.set_text_content(Some(value));
                let _ = span.set_attribute("data-filled", "");
                let _ = span.set_attribute("title", &format!("<{name}>"));
            }
            None => {
                span.set_text_content(Some(&format!("<{name}>")));
                let _ = span.remove_attribute("data-filled");
                let _ = span.remove_attribute("title");
            }
        }
    }
}

#[component]
fn Field(lang: Lang, param: Param, params: RwSignal<Params>) -> impl IntoView {
    let t = text(lang);
    let key = param.key();
    let id = format!("rt-{key}");
    let error_id = format!("rt-{key}-error");
    let error = RwSignal::new(None::<String>);
    let initial = params.get_untracked().get(param).to_string();
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut next = params.get_untracked();
        match next.set(param, &value) {
            Ok(()) => {
                error.set(None);
                params.set(next);
            }
            Err(problem) => error.set(Some(t.problem(problem))),
        }
    };
    view! {
        <div class="rt-field">
            <label for=id.clone()>{t.label(param)}</label>
            <input
                id=id
                name=key
                type="text"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                placeholder=format!("<{key}>")
                value=initial
                prop:value=move || params.get().get(param).to_string()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                on:input=on_input
            />
            <p class="rt-error" id=error_id aria-live="polite">
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}

#[component]
fn CliField(lang: Lang, params: RwSignal<Params>) -> impl IntoView {
    let t = text(lang);
    let current = params.get_untracked().cli;
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = Cli::parse(&event_target_value(&ev)).unwrap_or_default();
        params.update(|p| p.cli = chosen);
    };
    view! {
        <div class="rt-field">
            <label for="rt-cli">{t.cli}</label>
            <select
                id="rt-cli"
                name="cli"
                prop:value=move || params.get().cli.command()
                on:change=on_change
            >
                {Cli::ALL
                    .into_iter()
                    .map(|cli| {
                        let label = if cli == Cli::Oc { t.cli_oc } else { cli.command() };
                        view! {
                            <option value=cli.command() selected=cli == current>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The panel's form; its title and introduction are prerendered in the slot.
#[component]
fn Panel(lang: Lang, params: RwSignal<Params>) -> impl IntoView {
    let t = text(lang);
    let status = move || {
        if params.get().is_empty() {
            t.status_empty
        } else {
            t.status_set
        }
    };
    view! {
        <form class="rt-form" on:submit=|ev| ev.prevent_default()>
            {Param::ALL
                .into_iter()
                .map(|param| view! { <Field lang=lang param=param params=params /> })
                .collect_view()}
            <CliField lang=lang params=params />
            <div class="rt-actions">
                <button type="button" class="rt-clear" on:click=move |_| params.set(Params::default())>
                    {t.clear}
                </button>
                <p class="rt-status" role="status">{status}</p>
            </div>
        </form>
        <div id="checklist-tools" class="checklist-tools" hidden></div>
    }
}

/// On a runbook page: the form in the panel's prerendered place, and the stored values in the
/// commands.
pub fn mount(lang: Lang) {
    use wasm_bindgen::JsCast;
    if !is_runbook_page() {
        return;
    }
    let params = RwSignal::new(stored());
    mark_cli_words();
    apply(&params.get_untracked());
    // The prerendered runbook page holds the panel's place (no layout shift when it appears)
    // with its heading and introduction already painted; the form goes under them.
    let Some(section) = dom::document()
        .get_element_by_id("runbook-tools")
        .and_then(|slot| slot.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    leptos::mount::mount_to(section, move || view! { <Panel lang=lang params=params /> }).forget();

    // Every change is saved and shown at once.
    Effect::new(move |_| {
        let p = params.get();
        if p.is_empty() {
            dom::forget(KEY);
        } else {
            dom::store(KEY, &p.to_stored());
        }
        apply(&p);
    });
    // Values entered in another tab reach this one.
    dom::on(&leptos::prelude::window(), "storage", move |_| {
        let now = stored();
        if now != params.get_untracked() {
            params.set(now);
        }
    });
}
