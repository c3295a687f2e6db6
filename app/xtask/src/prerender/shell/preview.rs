//! The runbook previewer's first screen, prerendered: the toolbar and both drafts as the app
//! starts them (the runbook template, its checks and its preview), so the page is complete at
//! first paint and the app only takes it over. The markup is the app's own
//! (`app/site/src/preview_page/`), element for element, with what needs the app switched off:
//! the editors are read-only and the controls disabled until it starts, which the status says.

use content::previewer::{Text, check_without_index, front_html, line_count, line_numbers, text};
use content::templates::Template;
use content::{Lang, Level};
use maud::{Markup, PreEscaped, html};

/// Without a script the previewer cannot run: readers get the note, and the first screen is
/// hidden by the stylesheet (`html:not(.js)`).
pub fn first_screen(base: &str, lang: Lang, nojs: &str) -> Markup {
    let t = text(lang);
    html! {
        noscript { p.app-nojs { (nojs) } }
        div.pv data-index="loading" {
            div.pv-toolbar {
                fieldset.pv-show {
                    legend { (t.view_label) }
                    @for (label, checked) in [("EN", false), ("RU", false), (t.both, true)] {
                        label { input type="radio" name="pv-show" checked[checked] disabled; (label) }
                    }
                }
                label.pv-template {
                    (t.template_label) " "
                    select disabled {
                        option value="" { (t.template_none) }
                        option value="runbook" { (t.template_runbook) }
                        option value="guide" { (t.template_guide) }
                    }
                }
                p.pv-status {
                    span.pv-status-now role="status" { (t.starting) }
                    span.pv-status-room aria-hidden="true" { (t.starting) }
                    span.pv-status-room aria-hidden="true" { (t.saved) " " (t.index_loading) }
                    span.pv-status-room aria-hidden="true" { (t.saved) " " (t.index_ready) }
                }
                p.pv-note { (t.highlight_note) }
            }
            div.pv-panes.pv-both {
                @for draft in Lang::ALL {
                    div.pv-slot data-lang=(draft.code()) { (pane(base, t, draft)) }
                }
            }
        }
    }
}

fn pane(base: &str, t: &Text, lang: Lang) -> Markup {
    let template = Template::Runbook;
    let (path, draft) = (template.path(), template.text(lang));
    let checked = check_without_index(lang, path, draft, base);
    let code = lang.code();
    let file = path.rsplit('/').next().unwrap_or("");
    html! {
        section.pv-pane lang=(code) data-lang=(code) aria-label=(lang.native_name()) {
            div.pv-editor-head {
                label.pv-path {
                    span { (t.path_label) " (" (code) ")" }
                    input type="text" spellcheck="false" autocomplete="off" value=(path)
                        title=(t.path_hint) disabled;
                }
                label.pv-button.pv-open {
                    (t.open)
                    input type="file" accept=".md,.markdown,text/markdown,text/plain" class="pv-file" disabled;
                }
                button type="button" class="pv-button pv-export" disabled { (t.export) " " (file) }
            }
            p.pv-error role="alert" hidden { (t.read_failed) }
            div.pv-editor {
                pre.pv-gutter aria-hidden="true" { (line_numbers(line_count(draft))) }
                label.visually-hidden for=(format!("pv-editor-{code}")) { (t.editor_label) " (" (code) ")" }
                // The parser drops a newline right after `<textarea>`: this one, not the draft's.
                textarea id=(format!("pv-editor-{code}")) class="pv-text" spellcheck="false" wrap="off"
                    autocomplete="off" autocapitalize="off" aria-describedby=(format!("pv-hint-{code}"))
                    readonly { "\n" (draft) }
                span.pv-drop aria-hidden="true" { (t.drop_hint) }
            }
            p.pv-hint id=(format!("pv-hint-{code}")) { (t.editor_hint) }
            (findings(t, lang, &checked.findings))
            div.pv-preview tabindex="0" aria-label=(t.preview_label) {
                article {
                    div.pv-front { (PreEscaped(front_html(lang, checked.front.as_ref()))) }
                    div.pv-body { (PreEscaped(&checked.rendered.html)) }
                }
            }
        }
    }
}

/// The checks as the app lists them. A template passes every check (content's tests), so this
/// is the "no findings" state, but a finding would be shown as the app shows it.
fn findings(t: &Text, lang: Lang, all: &[content::lint::Finding]) -> Markup {
    html! {
        div.pv-findings role="region" aria-label=(format!("{} ({})", t.findings_title, lang.native_name())) {
            h2.pv-findings-title { (t.findings_title) " " span.pv-count { (all.len()) } }
            @if all.is_empty() {
                p.pv-clean { (t.no_findings) }
            } @else {
                ul {
                    @for f in all {
                        @let (level, class) = match f.level {
                            Level::Error => (t.error, "pv-finding pv-error"),
                            Level::Warning => (t.warning, "pv-finding pv-warning"),
                        };
                        li {
                            button type="button" class=(class) data-line=(f.line) disabled {
                                span.pv-line { (t.line) " " (f.line) }
                                span.pv-level { (level) }
                                span.pv-message { (f.message) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_screen_holds_both_drafts_read_only_with_their_preview_and_no_findings() {
        for lang in Lang::ALL {
            let html = first_screen("/base/", lang, "no js").into_string();
            for draft in Lang::ALL {
                let code = draft.code();
                let area = format!("<textarea id=\"pv-editor-{code}\"");
                let at = html.find(&area).expect("an editor per draft");
                let tag_end = at + html[at..].find('>').expect("the editor tag ends");
                assert!(
                    html[at..tag_end].contains("readonly"),
                    "{}",
                    &html[at..tag_end]
                );
                let body = &html[tag_end + 1..];
                let first_line = Template::Runbook
                    .text(draft)
                    .lines()
                    .next()
                    .expect("the template has a first line");
                assert!(
                    body.starts_with(&format!("\n{first_line}\n")),
                    "{}",
                    &body[..40]
                );
            }
            assert_eq!(html.matches("class=\"pv-clean\"").count(), 2, "no findings");
            assert!(
                html.contains("<h2 id=\"symptoms\""),
                "the EN preview is rendered"
            );
            assert!(
                html.contains("href=\"/base/en/guides/quotas/\""),
                "links resolve under the base as the app resolves them"
            );
            assert!(html.contains(text(lang).starting));
        }
    }
}
