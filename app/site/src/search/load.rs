//! Fetching the index files a query needs, once each, and running the query over them.

use ::search::{Empty, Hit, Index, Query};
use content::Lang;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Results shown at most.
const LIMIT: usize = 12;
/// Candidates whose text is fetched for the exact-phrase pass and excerpts.
const CANDIDATES: usize = 16;

thread_local! {
    static INDEXES: RefCell<HashMap<Lang, Index>> = RefCell::new(HashMap::new());
}

/// What a query came to.
pub enum Outcome {
    Empty(Empty),
    /// Hits and the language they are from (the other one when the page's found nothing).
    Found {
        hits: Vec<Hit>,
        lang: Lang,
    },
    Nothing,
    Failed,
}

fn base() -> String {
    crate::dom::document()
        .document_element()
        .and_then(|html| html.get_attribute("data-base"))
        .unwrap_or_else(|| "/".into())
}

async fn fetch_text(path: String) -> Option<String> {
    let window = leptos::prelude::window();
    let url = format!("{}search/{path}", base());
    let response = JsFuture::from(window.fetch_with_str(&url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?;
    text.as_string()
}

async fn ensure_meta(lang: Lang) -> Option<()> {
    if INDEXES.with(|i| i.borrow().contains_key(&lang)) {
        return Some(());
    }
    let text = fetch_text(format!("{}/meta.txt", lang.code())).await?;
    let index = Index::parse_meta(&text).ok()?;
    INDEXES.with(|i| {
        i.borrow_mut().entry(lang).or_insert(index);
    });
    Some(())
}

fn with_index<R>(lang: Lang, f: impl FnOnce(&mut Index) -> R) -> Option<R> {
    INDEXES.with(|i| {
        let mut indexes = i.borrow_mut();
        let result = indexes.get_mut(&lang).map(f);
        result
    })
}

/// Whether the first file of `lang` is already here: no loading state is needed.
pub fn is_loaded(lang: Lang) -> bool {
    INDEXES.with(|i| i.borrow().contains_key(&lang))
}

async fn load_chunks(lang: Lang, query: &Query) -> Option<()> {
    let missing = with_index(lang, |index| index.missing_chunks(query))?;
    let fetches = missing
        .iter()
        .map(|n| fetch_text(format!("{}/c{n}.txt", lang.code())));
    let texts = futures_join(fetches).await;
    for (n, text) in missing.into_iter().zip(texts) {
        let text = text?;
        with_index(lang, |index| {
            index.add_chunk(n, &text);
        });
    }
    Some(())
}

async fn load_groups(lang: Lang, hits: &[Hit]) -> Option<()> {
    let missing = with_index(lang, |index| index.missing_groups(hits))?;
    let fetches = missing
        .iter()
        .map(|n| fetch_text(format!("{}/f{n}.txt", lang.code())));
    let texts = futures_join(fetches).await;
    for (n, text) in missing.into_iter().zip(texts) {
        // Without its text a hit still shows, only without an excerpt.
        if let Some(text) = text {
            with_index(lang, |index| {
                index.add_group(n, &text);
            });
        }
    }
    Some(())
}

/// Awaits futures side by side, so the chunks of one query arrive in one round trip.
async fn futures_join<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    futures::future::join_all(futures).await
}

fn mark(name: &str) {
    if let Some(p) = leptos::prelude::window().performance() {
        let _ = p.mark(name);
    }
}

fn measure() {
    if let Some(p) = leptos::prelude::window().performance() {
        let _ =
            p.measure_with_start_mark_and_end_mark("search-query", "search-start", "search-end");
        p.clear_marks();
    }
}

/// Ranks with what is loaded: the part of a query the reader waits for once files are here.
fn rank(lang: Lang, query: &Query) -> Vec<Hit> {
    with_index(lang, |index| index.search(query, LIMIT)).unwrap_or_default()
}

async fn search_in(lang: Lang, query: &Query) -> Result<Vec<Hit>, ()> {
    ensure_meta(lang).await.ok_or(())?;
    load_chunks(lang, query).await.ok_or(())?;
    mark("search-start");
    let hits = rank(lang, query);
    mark("search-end");
    measure();
    if hits.is_empty() {
        return Ok(hits);
    }
    let hits: Vec<Hit> = hits.into_iter().take(CANDIDATES).collect();
    load_groups(lang, &hits).await;
    mark("search-start");
    let refined = with_index(lang, |index| index.refine(query, hits, LIMIT)).unwrap_or_default();
    mark("search-end");
    measure();
    Ok(refined)
}

/// Runs what the reader typed in the page's language, then in the other one if that found
/// nothing.
pub async fn run(lang: Lang, input: String) -> Outcome {
    let query = match Query::parse(&input, true) {
        Ok(q) => q,
        Err(e) => return Outcome::Empty(e),
    };
    match search_in(lang, &query).await {
        Err(()) => return Outcome::Failed,
        Ok(hits) if !hits.is_empty() => return Outcome::Found { hits, lang },
        Ok(_) => {}
    }
    let other = lang.other();
    match search_in(other, &query).await {
        Ok(hits) if !hits.is_empty() => Outcome::Found { hits, lang: other },
        Ok(_) => Outcome::Nothing,
        Err(()) => Outcome::Nothing,
    }
}
