//! One draft's editor: path, open/download, a monospace textarea with line numbers and tab
//! handling; scrolling kept in step with the previews by heading.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use content::previewer;

use super::{Doc, Show, Text};

/// The editor's line height in CSS pixels (style/preview.css sets the same): line numbers and
/// "go to line" rely on it.
const LINE_PX: f64 = 21.0;
const INDENT: &str = "  ";

thread_local! {
    /// Per preview (EN, RU): until when (ms) its scroll events come from our own scrolling of
    /// it, not from the reader, so syncing never bounces back.
    static QUIET_UNTIL: [Cell<f64>; 2] = const { [Cell::new(0.0), Cell::new(0.0)] };
}

fn slot(lang: content::Lang) -> usize {
    match lang {
        content::Lang::En => 0,
        content::Lang::Ru => 1,
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn quiet(lang: content::Lang) -> bool {
    QUIET_UNTIL.with(|q| now() < q[slot(lang)].get())
}

fn hush(lang: content::Lang) {
    QUIET_UNTIL.with(|q| q[slot(lang)].set(now() + 150.0));
}

#[component]
pub fn Editor(
    doc: Doc,
    t: &'static Text,
    on_edit: Callback<Doc>,
    other: Doc,
    show: RwSignal<Show>,
) -> impl IntoView {
    // The gutter changes only when the number of lines does, not on every keystroke.
    let line_count = Memo::new(move |_| doc.text.with(|t| previewer::line_count(t)));
    let lines = move || previewer::line_numbers(line_count.get());
    let gutter = NodeRef::<leptos::html::Pre>::new();
    let dragging = RwSignal::new(false);
    let read_error = RwSignal::new(false);
    let id = format!("pv-editor-{}", doc.lang.code());
    let hint_id = format!("pv-hint-{}", doc.lang.code());

    let load_file = move |file: web_sys::File| {
        let name = file.name();
        let Ok(reader) = web_sys::FileReader::new() else {
            read_error.set(true);
            return;
        };
        let r = reader.clone();
        let onload = Closure::once(move |_: web_sys::Event| {
            let Some(text) = r.result().ok().and_then(|v| v.as_string()) else {
                read_error.set(true);
                return;
            };
            read_error.set(false);
            // Keep the folder (it decides the rules), take the file's own name for export.
            let dir = doc
                .path
                .get_untracked()
                .rsplit_once('/')
                .map(|(d, _)| format!("{d}/"))
                .unwrap_or_default();
            doc.path.set(format!("{dir}{name}"));
            doc.text.set(text.clone());
            if let Some(area) = doc.editor.get_untracked() {
                area.set_value(&text);
            }
            on_edit.run(doc);
        });
        reader.set_onload(Some(onload.as_ref().unchecked_ref()));
        onload.forget();
        if reader.read_as_text(&file).is_err() {
            read_error.set(true);
        }
    };

    let export = move |_| {
        let text = doc.text.get_untracked();
        let path = doc.path.get_untracked();
        let name = path
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or("page.md")
            .to_string();
        download(&name, &text);
    };

    view! {
        <div class="pv-editor-head">
            <label class="pv-path">
                <span>{t.path_label} " (" {doc.lang.code()} ")"</span>
                <input type="text" spellcheck="false" autocomplete="off"
                    prop:value=move || doc.path.get()
                    title=t.path_hint
                    on:input=move |ev| { doc.path.set(event_target_value(&ev)); on_edit.run(doc); }/>
            </label>
            <label class="pv-button pv-open">
                {t.open}
                <input type="file" accept=".md,.markdown,text/markdown,text/plain" class="pv-file"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            load_file(file);
                        }
                        input.set_value("");
                    }/>
            </label>
            <button type="button" class="pv-button pv-export" on:click=export>
                {t.export} " " {move || doc.path.get().rsplit('/').next().unwrap_or("").to_string()}
            </button>
        </div>
        <p class="pv-error" role="alert" hidden=move || !read_error.get()>{t.read_failed}</p>
        <div class="pv-editor" class:pv-dragging=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                    load_file(file);
                }
            }>
            <pre class="pv-gutter" aria-hidden="true" node_ref=gutter>{lines}</pre>
            <label class="visually-hidden" for=id.clone()>{t.editor_label} " (" {doc.lang.code()} ")"</label>
            <textarea id=id class="pv-text" spellcheck="false" wrap="off"
                autocomplete="off" autocapitalize="off"
                aria-describedby=hint_id.clone()
                node_ref=doc.editor
                prop:value=doc.text.get_untracked()
                on:input=move |ev| { doc.text.set(event_target_value(&ev)); on_edit.run(doc); }
                on:keydown=move |ev: web_sys::KeyboardEvent| on_key(ev, doc, on_edit)
                on:scroll=move |_| {
                    if let (Some(area), Some(g)) = (doc.editor.get_untracked(), gutter.get_untracked()) {
                        g.set_scroll_top(area.scroll_top());
                    }
                    sync_from_editor(doc, other, show);
                }></textarea>
            <span class="pv-drop" aria-hidden="true">{t.drop_hint}</span>
        </div>
        <p class="pv-hint" id=hint_id>{t.editor_hint}</p>
    }
}

thread_local! {
    /// After Esc, the next Tab leaves the editor instead of indenting.
    static TAB_LEAVES: Cell<bool> = const { Cell::new(false) };
}

fn on_key(ev: web_sys::KeyboardEvent, doc: Doc, on_edit: Callback<Doc>) {
    if ev.key() == "Escape" {
        TAB_LEAVES.with(|c| c.set(true));
        return;
    }
    if ev.key() != "Tab" || ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
        TAB_LEAVES.with(|c| c.set(false));
        return;
    }
    if TAB_LEAVES.with(|c| c.replace(false)) {
        return;
    }
    let Some(area) = doc.editor.get_untracked() else {
        return;
    };
    ev.prevent_default();
    let value = area.value();
    let (Ok(Some(start)), Ok(Some(end))) = (area.selection_start(), area.selection_end()) else {
        return;
    };
    // Selection offsets are UTF-16 code units: work in those.
    let units: Vec<u16> = value.encode_utf16().collect();
    let (start, end) = (start as usize, end as usize);
    let line_start = units[..start.min(units.len())]
        .iter()
        .rposition(|&u| u == b'\n' as u16)
        .map_or(0, |i| i + 1);
    let multi_line = units[start.min(units.len())..end.min(units.len())].contains(&(b'\n' as u16));
    if !ev.shift_key() && !multi_line {
        insert(&area, start, end, INDENT);
    } else {
        // Indent or outdent every line the selection touches.
        let block = String::from_utf16_lossy(&units[line_start..end.min(units.len())]);
        let changed: Vec<String> = block
            .split('\n')
            .map(|l| {
                if ev.shift_key() {
                    l.strip_prefix(INDENT)
                        .or_else(|| l.strip_prefix(' '))
                        .unwrap_or(l)
                        .to_string()
                } else {
                    format!("{INDENT}{l}")
                }
            })
            .collect();
        let changed = changed.join("\n");
        insert(&area, line_start, end, &changed);
        let new_end = line_start + changed.encode_utf16().count();
        let _ = area.set_selection_range(line_start as u32, new_end as u32);
    }
    doc.text.set(area.value());
    on_edit.run(doc);
}

/// Replace `start..end` (UTF-16 offsets) with `text`, through the browser's editing command
/// where it exists so undo keeps working.
fn insert(area: &web_sys::HtmlTextAreaElement, start: usize, end: usize, text: &str) {
    let _ = area.set_selection_range(start as u32, end as u32);
    let doc: web_sys::HtmlDocument = crate::dom::document().unchecked_into();
    let done = doc
        .exec_command_with_show_ui_and_value("insertText", false, text)
        .unwrap_or(false);
    if !done {
        let _ =
            area.set_range_text_with_start_and_end_and_mode(text, start as u32, end as u32, "end");
    }
}

/// Put the cursor at the start of `line` (1-based), select the line and show it.
pub fn go_to_line(doc: Doc, line: usize) {
    let Some(area) = doc.editor.get_untracked() else {
        return;
    };
    let value = area.value();
    let mut offset = 0usize;
    let mut end = value.encode_utf16().count();
    for (i, l) in value.split('\n').enumerate() {
        let len = l.encode_utf16().count();
        if i + 1 == line {
            end = offset + len;
            break;
        }
        offset += len + 1;
    }
    let offset = offset.min(end);
    let _ = area.focus();
    let _ = area.set_selection_range(offset as u32, end as u32);
    let top = ((line.saturating_sub(1)) as f64 * LINE_PX - f64::from(area.client_height()) / 3.0)
        .max(0.0);
    area.set_scroll_top(top as i32);
}

fn both_visible(show: RwSignal<Show>) -> bool {
    show.get_untracked() == Show::Both
}

/// h2/h3 elements of a preview, with their offsets inside it.
fn heading_tops(doc: Doc) -> (Vec<f64>, Option<web_sys::HtmlElement>) {
    let Some(body) = doc.preview.get_untracked() else {
        return (Vec::new(), None);
    };
    let scroller = body
        .closest(".pv-preview")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(scroller) = scroller else {
        return (Vec::new(), None);
    };
    let base = scroller.get_bounding_client_rect().top() - f64::from(scroller.scroll_top());
    let mut tops = Vec::new();
    if let Ok(list) = body.query_selector_all("h2[id], h3[id]") {
        for i in 0..list.length() {
            if let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                tops.push(el.get_bounding_client_rect().top() - base);
            }
        }
    }
    (tops, Some(scroller))
}

/// Where `y` falls: the heading index before it (-1 = above the first) and the fraction of the
/// way to the next one.
fn position(tops: &[f64], y: f64, total: f64) -> (isize, f64) {
    let k = tops.iter().rposition(|&t| t <= y + 4.0);
    let (from, to, k) = match k {
        Some(k) => (
            tops[k],
            tops.get(k + 1).copied().unwrap_or(total),
            k as isize,
        ),
        None => (0.0, tops.first().copied().unwrap_or(total), -1),
    };
    let span = (to - from).max(1.0);
    (k, ((y - from) / span).clamp(0.0, 1.0))
}

fn scroll_to(doc: Doc, k: isize, fraction: f64) {
    place(doc, k, fraction);
    // Blocks that were off screen get their real height only when rendered (content-visibility):
    // measure again on the next frame and correct.
    let again = Closure::once(move || place(doc, k, fraction));
    let _ = leptos::prelude::window().request_animation_frame(again.as_ref().unchecked_ref());
    again.forget();
}

fn place(doc: Doc, k: isize, fraction: f64) {
    let (tops, Some(scroller)) = heading_tops(doc) else {
        return;
    };
    let total = f64::from(scroller.scroll_height());
    let (from, to) = if k < 0 {
        (0.0, tops.first().copied().unwrap_or(total))
    } else {
        let k = (k as usize).min(tops.len().saturating_sub(1));
        match tops.get(k) {
            Some(&top) => (top, tops.get(k + 1).copied().unwrap_or(total)),
            None => (0.0, total),
        }
    };
    hush(doc.lang);
    scroller.set_scroll_top((from + (to - from) * fraction) as i32);
}

/// The reader scrolled a preview: bring the other language's preview to the same heading.
pub fn sync_from_preview(doc: Doc, other: Doc, show: RwSignal<Show>) {
    if quiet(doc.lang) || !both_visible(show) {
        return;
    }
    let (tops, Some(scroller)) = heading_tops(doc) else {
        return;
    };
    let (k, f) = position(
        &tops,
        f64::from(scroller.scroll_top()),
        f64::from(scroller.scroll_height()),
    );
    scroll_to(other, k, f);
}

/// The reader scrolled an editor: its preview (and the other language's, side by side) go to
/// the heading at the editor's top line.
pub fn sync_from_editor(doc: Doc, other: Doc, show: RwSignal<Show>) {
    let Some(area) = doc.editor.get_untracked() else {
        return;
    };
    let top_line = f64::from(area.scroll_top()) / LINE_PX + 1.0;
    let lines: Vec<f64> = doc.outline.with_untracked(|o| {
        o.headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .map(|h| h.line as f64)
            .collect()
    });
    let total = doc.text.with_untracked(|t| t.split('\n').count()) as f64;
    let (k, f) = position(&lines, top_line, total);
    scroll_to(doc, k, f);
    if both_visible(show) {
        scroll_to(other, k, f);
    }
}

/// Links in the preview point at the published site; following one would leave the draft.
/// Same-page anchors scroll the preview instead.
pub fn keep_links_inside(ev: web_sys::MouseEvent) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(link) = target.closest("a").ok().flatten() else {
        return;
    };
    ev.prevent_default();
    if let Some(id) = link
        .get_attribute("href")
        .and_then(|h| h.strip_prefix('#').map(String::from))
        && let Some(preview) = link.closest(".pv-preview").ok().flatten()
        && let Ok(Some(heading)) =
            preview.query_selector(&format!("[id=\"{}\"]", id.replace('"', "")))
    {
        heading.scroll_into_view();
    }
}

/// Save `text` as a file called `name` (the browser's download).
fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/markdown;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = crate::dom::document();
    if let Ok(a) = document.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
                a.click();
                a.remove();
            }
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
