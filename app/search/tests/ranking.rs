//! Ranking on a small fixture corpus: a named query and the result it must put first.

use search::{Builder, Kind, SectionIn};

/// A page being read from the corpus: kind, url, title and its sections (id, heading, text).
type Page = (Kind, String, String, Vec<(String, String, String)>);

/// Builds one index per language from `fixtures/corpus.txt` (`# kind url title` starts a page,
/// `## id heading` a section, `## -` the top section; other lines are text).
fn corpus() -> (search::Index, search::Index, search::Output) {
    let text = include_str!("fixtures/corpus.txt");
    let mut builders = [Builder::new(), Builder::new()];
    let mut page: Option<Page> = None;
    let flush = |builders: &mut [Builder; 2], page: Option<Page>| {
        if let Some((kind, url, title, sections)) = page {
            let lang = usize::from(url.starts_with("/ru/"));
            let s: Vec<SectionIn<'_>> = sections
                .iter()
                .map(|(id, heading, text)| SectionIn { id, heading, text })
                .collect();
            builders[lang].add(kind, &url, &title, &s);
        }
    };
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# ") {
            flush(&mut builders, page.take());
            let mut f = rest.splitn(3, ' ');
            let kind = Kind::from_code(f.next().unwrap_or("")).expect("kind");
            let url = f.next().unwrap_or("").to_string();
            let title = f.next().unwrap_or("").to_string();
            page = Some((kind, url, title, Vec::new()));
        } else if let Some(rest) = line.strip_prefix("## ") {
            let p = page.as_mut().expect("section outside a page");
            let (id, heading) = if rest == "-" {
                (String::new(), p.2.clone())
            } else {
                let (id, heading) = rest.split_once(' ').unwrap_or((rest, rest));
                (id.to_string(), heading.to_string())
            };
            p.3.push((id, heading, String::new()));
        } else if let Some(p) = page.as_mut()
            && let Some(s) = p.3.last_mut()
        {
            s.2.push_str(line);
            s.2.push(' ');
        }
    }
    flush(&mut builders, page);
    let [en, ru] = builders;
    let en = en.finish();
    let ru = ru.finish();
    (
        search::load_all(&en).expect("en index"),
        search::load_all(&ru).expect("ru index"),
        en,
    )
}

fn first(index: &search::Index, query: &str) -> String {
    let hits = search::run(index, query, 10).unwrap_or_default();
    hits.first()
        .map(|h| format!("{}#{}", h.url, h.anchor))
        .unwrap_or_else(|| "(nothing)".into())
}

#[test]
fn named_queries_put_the_expected_result_first() {
    let (en, ru, _) = corpus();
    let cases: &[(&search::Index, &str, &str)] = &[
        // An alert name: the runbook, not the sizing guide that mentions memory too.
        (&en, "OOMKilled", "/en/runbooks/executor-oom/#"),
        (&en, "oomkilled", "/en/runbooks/executor-oom/#"),
        (&en, "exit code 137", "/en/runbooks/executor-oom/#diagnose"),
        // A heading match beats body text elsewhere.
        (&en, "memory overhead", "/en/guides/sizing/#overhead"),
        (&en, "seccomp", "/en/guides/security/#seccomp"),
        (&en, "seccompProfile", "/en/guides/security/#seccomp"),
        (&en, "runAsNonRoot", "/en/guides/security/#"),
        // Identifier parts and the whole identifier.
        (&en, "memoryOverhead", "/en/guides/sizing/#overhead"),
        (
            &en,
            "spark.executor.memoryOverhead",
            "/en/guides/sizing/#overhead",
        ),
        (&en, "history server empty", "/en/runbooks/history-empty/#"),
        (&en, "history server", "/en/guides/history/#"),
        (
            &en,
            "capabilities dropped",
            "/en/guides/security/#capabilities",
        ),
        (
            &en,
            "executor memory",
            "/en/composer/?focus=sizing.executor_memory#",
        ),
        (&en, "secure production", "/en/composer/#1~secure#"),
        (
            &en,
            "readOnlyRootFilesystem",
            "/en/composer/?focus=features.read_only_root#",
        ),
        // Russian word forms.
        (
            &ru,
            "нехватка памяти",
            "/ru/runbooks/executor-oom/#mitigate",
        ),
        (&ru, "историй сервер пустой", "/ru/runbooks/history-empty/#"),
        (&ru, "запасы памяти", "/ru/guides/sizing/#overhead"),
        // Case folded; the exact word form in a title wins over another form.
        (&ru, "ИСПОЛНИТЕЛИ", "/ru/runbooks/executor-oom/#"),
        (&ru, "исполнителей", "/ru/guides/sizing/#"),
    ];
    let mut failed = Vec::new();
    for (index, query, want) in cases {
        let got = first(index, query);
        if &got != want {
            failed.push(format!("{query:?}: want {want}, got {got}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn english_identifiers_are_found_on_russian_pages() {
    let (_, ru, _) = corpus();
    let hits = search::run(&ru, "memoryOverhead", 10).expect("hits");
    let found: Vec<String> = hits
        .iter()
        .map(|h| format!("{}#{}", h.url, h.anchor))
        .collect();
    assert!(
        found.contains(&"/ru/guides/sizing/#overhead".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"/ru/runbooks/executor-oom/#mitigate".to_string()),
        "{found:?}"
    );
}

#[test]
fn exact_phrase_ranks_above_scattered_stems() {
    let (en, _, _) = corpus();
    let hits = search::run(&en, "history server", 10).expect("hits");
    assert!(hits.len() >= 2);
    assert!(hits[0].score >= hits[1].score);
}

#[test]
fn results_carry_highlighted_excerpts() {
    let (en, _, _) = corpus();
    let hits = search::run(&en, "seccomp", 10).expect("hits");
    let marked: Vec<&str> = hits[0]
        .excerpt
        .iter()
        .filter(|(_, m)| *m)
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(
        marked.contains(&"seccompProfile") || marked.contains(&"seccomp"),
        "{marked:?}"
    );
}

#[test]
fn typing_matches_prefixes_of_the_last_word() {
    let (en, _, _) = corpus();
    let q = search::Query::parse("seccompPro", true).expect("query");
    let hits = en.refine(&q, en.search(&q, 10), 10);
    assert!(hits.iter().any(|h| h.anchor == "seccomp"), "{hits:?}");
}

#[test]
fn bad_input_never_errors_or_hangs() {
    let (en, ru, _) = corpus();
    assert_eq!(search::run(&en, "", 10).err(), Some(search::Empty::Blank));
    assert_eq!(
        search::run(&en, "   ", 10).err(),
        Some(search::Empty::Blank)
    );
    assert_eq!(
        search::run(&en, "x", 10).err(),
        Some(search::Empty::TooShort)
    );
    assert_eq!(
        search::run(&en, "🔥🚀", 10).err(),
        Some(search::Empty::Blank)
    );
    let long = "memory ".repeat(1500);
    let started = std::time::Instant::now();
    for input in [
        long.as_str(),
        ".*+?[(",
        "(a|b)*$",
        "\\d{3}",
        "память memory",
        "🔥 OOMKilled 🔥",
        "'; DROP TABLE",
    ] {
        let _ = search::run(&en, input, 10);
        let _ = search::run(&ru, input, 10);
    }
    // Generous: only a runaway (quadratic blow-up, loop) could get near it.
    assert!(started.elapsed().as_secs() < 5);
    assert!(search::run(&en, "zzzqqq", 10).expect("a query").is_empty());
}

#[test]
fn chunks_are_fetched_only_as_a_query_needs_them() {
    let (_, _, out) = corpus();
    let meta = &out
        .files
        .iter()
        .find(|(n, _)| n == "meta.txt")
        .expect("meta")
        .1;
    let index = search::Index::parse_meta(meta).expect("meta parses");
    let q = search::Query::parse("seccomp", false).expect("query");
    let need = index.missing_chunks(&q);
    assert!(!need.is_empty() && need.len() <= 2, "{need:?}");
}

#[test]
fn a_broken_meta_file_is_an_error_not_a_panic() {
    assert!(search::Index::parse_meta("").is_err());
    assert!(search::Index::parse_meta("v1\nC\ta").is_err());
    assert!(search::Index::parse_meta("v2\nP\tg\tmany\t/\tx").is_err());
    assert!(search::Index::parse_meta("v2\nZ").is_err());
    let mut index = search::Index::parse_meta("v2\nP\tg\t1\t/x/\tX\nG\t0\nC\ta").expect("meta");
    index.add_chunk(0, "0a\tnot numbers here\nbroken line\nZZ\t\u{1F525}");
    index.add_group(0, "no tabs here");
    let q = search::Query::parse("abc", false).expect("query");
    let _ = index.search(&q, 5);
}

#[test]
fn identifiers_that_contain_the_query_are_highlighted() {
    let m = search::Matcher::new(&["OOMKilled".to_string()]);
    assert!(m.matches("SparkExecutorOOMKilled"));
    assert!(m.matches("OOMKilled"));
    assert!(!m.matches("Spark"));
    let m = search::Matcher::new(&["памяти".to_string()]);
    assert!(m.matches("Памятью"));
    assert!(!m.matches("память-free-text"));
}
