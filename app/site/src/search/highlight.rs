//! On a page opened from a search result (`?highlight=words#section`): mark the words in the
//! article the way the search matched them (same stems), then bring the section into view.

use crate::dom;
use ::search::Matcher;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// Text nodes in a big page are many; this bounds the work on a hostile URL.
const MAX_MARKS: usize = 500;

pub fn from_url(clear_label: &str) {
    let window = leptos::prelude::window();
    let Ok(search) = window.location().search() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    let Some(words) = params.get("highlight") else {
        return;
    };
    let words: Vec<String> = words
        .split_whitespace()
        .take(8)
        .map(|w| w.chars().take(64).collect())
        .collect();
    let matcher = Matcher::new(&words);
    if matcher.is_empty() {
        return;
    }
    let Ok(Some(article)) = dom::document().query_selector("main article") else {
        return;
    };
    let mut count = 0;
    mark_in(&article, &matcher, &mut count);
    if count == 0 {
        return;
    }
    let _ = article.set_attribute("data-highlighted", "");
    add_clear_button(&article, clear_label);
    // The browser scrolled to the section before the marks existed; they do not move it, but a
    // late layout (fonts, the table of contents) may have. Scroll once more.
    let hash = window.location().hash().unwrap_or_default();
    let id = hash.trim_start_matches('#');
    if !id.is_empty() {
        if let Some(target) = dom::document().get_element_by_id(id) {
            target.scroll_into_view();
        }
    }
}

fn mark_in(node: &Node, matcher: &Matcher, count: &mut usize) {
    let children = node.child_nodes();
    let nodes: Vec<Node> = (0..children.length())
        .filter_map(|i| children.item(i))
        .collect();
    for child in nodes {
        if *count >= MAX_MARKS {
            return;
        }
        match child.node_type() {
            Node::TEXT_NODE => mark_text(&child, matcher, count),
            Node::ELEMENT_NODE => {
                let skip = child.dyn_ref::<Element>().is_some_and(|e| {
                    matches!(
                        e.tag_name().as_str(),
                        "SCRIPT" | "STYLE" | "MARK" | "BUTTON"
                    )
                });
                if !skip {
                    mark_in(&child, matcher, count);
                }
            }
            _ => {}
        }
    }
}

fn mark_text(node: &Node, matcher: &Matcher, count: &mut usize) {
    let Some(text) = node.text_content() else {
        return;
    };
    let ranges = matcher.ranges(&text);
    if ranges.is_empty() {
        return;
    }
    let Some(parent) = node.parent_node() else {
        return;
    };
    let doc = dom::document();
    let fragment = doc.create_document_fragment();
    let mut at = 0;
    for (start, end) in ranges {
        if start > at {
            let _ = fragment.append_child(&doc.create_text_node(&text[at..start]));
        }
        if let Ok(mark) = doc.create_element("mark") {
            mark.set_class_name("search-hit");
            mark.set_text_content(Some(&text[start..end]));
            let _ = fragment.append_child(&mark);
            *count += 1;
        }
        at = end;
    }
    if at < text.len() {
        let _ = fragment.append_child(&doc.create_text_node(&text[at..]));
    }
    let _ = parent.replace_child(&fragment, node);
}

fn add_clear_button(article: &Element, label: &str) {
    let doc = dom::document();
    let Ok(button) = doc.create_element("button") else {
        return;
    };
    let _ = button.set_attribute("type", "button");
    button.set_class_name("search-clear");
    button.set_text_content(Some(label));
    let target: &web_sys::EventTarget = button.as_ref();
    let b = button.clone();
    dom::on(target, "click", move |_| {
        for mark in dom::query_all("mark.search-hit") {
            if let (Some(parent), Some(text)) = (mark.parent_node(), mark.text_content()) {
                let _ = parent.replace_child(&dom::document().create_text_node(&text), &mark);
            }
        }
        b.remove();
    });
    let _ = article.prepend_with_node_1(&button);
}
