//! Content rules that need no files and no network: runbook template, code block hygiene,
//! EN/RU structure. Pure, so the browser previewer can run them on text being typed.
//!
//! The rules work on an [`Outline`] (headings and code blocks with their lines); the markdown
//! renderer (feature `markdown`) produces it, `markdown::outline` gives it without rendering.

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::model::Level;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// 1-based line in the file.
    pub line: usize,
    pub level: Level,
    pub message: String,
}

impl Finding {
    pub fn error(line: usize, message: impl Into<String>) -> Self {
        Finding {
            line,
            level: Level::Error,
            message: message.into(),
        }
    }

    pub fn warning(line: usize, message: impl Into<String>) -> Self {
        Finding {
            line,
            level: Level::Warning,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OutlineHeading {
    pub level: u8,
    pub id: String,
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CodeBlockInfo {
    /// The info string's language, lower case; `None` for no language or an indented block.
    pub lang: Option<String>,
    /// Line of the opening fence.
    pub line: usize,
    /// Line of the first line of code.
    pub code_line: usize,
    pub code: String,
}

/// The structure of one page: what the lint rules look at.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Outline {
    /// Every heading, all levels, in order.
    pub headings: Vec<OutlineHeading>,
    pub code_blocks: Vec<CodeBlockInfo>,
}

pub const RUNBOOK_SECTIONS_EN: [&str; 8] = [
    "Symptoms",
    "Impact",
    "Diagnosis",
    "Mitigation",
    "Resolution",
    "Verification",
    "Escalation",
    "Related",
];

pub const RUNBOOK_SECTIONS_RU: [&str; 8] = [
    "Симптомы",
    "Влияние",
    "Диагностика",
    "Временное решение",
    "Устранение причины",
    "Проверка",
    "Эскалация",
    "См. также",
];

/// The h2 sections every runbook has, in order.
pub fn runbook_sections(lang: Lang) -> &'static [&'static str; 8] {
    match lang {
        Lang::En => &RUNBOOK_SECTIONS_EN,
        Lang::Ru => &RUNBOOK_SECTIONS_RU,
    }
}

fn same_title(heading: &str, required: &str) -> bool {
    let h = heading.trim().trim_end_matches(':').trim();
    h.to_lowercase() == required.to_lowercase()
}

/// Runbook template: the required h2 sections are all there and in order. Other h2 sections
/// may sit between them (a runbook can need an extra "Background").
pub fn runbook_template(lang: Lang, headings: &[OutlineHeading]) -> Vec<Finding> {
    let required = runbook_sections(lang);
    let mut findings = Vec::new();
    // Index into `required` of each h2 that is a template section, with its line.
    let mut found: Vec<(usize, usize)> = Vec::new();
    // Template sections seen at all, in order or not: a misplaced one is not also "missing".
    let mut present: Vec<usize> = Vec::new();
    for h in headings.iter().filter(|h| h.level == 2) {
        let Some(idx) = required.iter().position(|r| same_title(&h.text, r)) else {
            continue;
        };
        if present.contains(&idx) {
            findings.push(Finding::error(
                h.line,
                format!("runbook section `## {}` appears twice", required[idx]),
            ));
            continue;
        }
        present.push(idx);
        if let Some(&(last, _)) = found.last()
            && idx < last
        {
            findings.push(Finding::error(
                h.line,
                format!(
                    "runbook section `## {}` must come before `## {}` (order: {})",
                    required[idx],
                    required[last],
                    required.join(", ")
                ),
            ));
            continue;
        }
        found.push((idx, h.line));
    }
    let last_line = headings.last().map_or(1, |h| h.line);
    for (idx, name) in required.iter().enumerate() {
        if present.contains(&idx) {
            continue;
        }
        // Point at the section it should precede, so the author knows where to add it.
        let line = found
            .iter()
            .find(|(i, _)| *i > idx)
            .map_or(last_line, |(_, l)| *l);
        findings.push(Finding::error(
            line,
            format!(
                "runbook is missing the `## {name}` section (runbooks have: {})",
                required.join(", ")
            ),
        ));
    }
    findings.sort_by_key(|f| f.line);
    findings
}

/// A code block must say what it holds: readers copy it, and highlighting needs it.
pub fn code_block_languages(outline: &Outline) -> Vec<Finding> {
    outline
        .code_blocks
        .iter()
        .filter(|c| c.lang.is_none())
        .map(|c| {
            Finding::warning(
                c.line,
                "code block without a language: name one (```yaml, ```bash, ...) or ```text for output",
            )
        })
        .collect()
}

/// Shell blocks are copied and pasted whole: a `$ ` prompt would be pasted too.
pub fn shell_prompts(outline: &Outline) -> Vec<Finding> {
    let mut findings = Vec::new();
    for block in &outline.code_blocks {
        if !matches!(
            block.lang.as_deref(),
            Some("bash" | "sh" | "shell" | "console" | "zsh")
        ) {
            continue;
        }
        for (i, line) in block.code.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("$ ") || t == "$" {
                findings.push(Finding::error(
                    block.code_line + i,
                    "shell blocks hold commands only: drop the `$ ` prompt and put output in a separate ```text block",
                ));
            }
        }
    }
    findings
}

/// EN and RU versions of a page should have the same h2/h3 skeleton, so readers switching
/// language land in the same place. Findings point into the RU page (`translation`).
pub fn structure_mismatch(original: &Outline, translation: &Outline, level: Level) -> Vec<Finding> {
    let skeleton = |o: &Outline| -> Vec<(u8, usize, String)> {
        o.headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .map(|h| (h.level, h.line, h.text.clone()))
            .collect()
    };
    let a = skeleton(original);
    let b = skeleton(translation);
    for i in 0..a.len().max(b.len()) {
        match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) if x.0 == y.0 => {}
            (Some(x), Some(y)) => {
                return vec![Finding {
                    line: y.1,
                    level,
                    message: format!(
                        "structure differs from the original: heading {} is h{} here (`{}`) but h{} there (`{}`, line {})",
                        i + 1,
                        y.0,
                        y.2,
                        x.0,
                        x.2,
                        x.1
                    ),
                }];
            }
            (Some(x), None) => {
                return vec![Finding {
                    line: b.last().map_or(1, |y| y.1),
                    level,
                    message: format!(
                        "structure differs from the original: it has {} h2/h3 headings, this page {}; the first one missing here is `{}` (line {})",
                        a.len(),
                        b.len(),
                        x.2,
                        x.1
                    ),
                }];
            }
            (None, Some(y)) => {
                return vec![Finding {
                    line: y.1,
                    level,
                    message: format!(
                        "structure differs from the original: it has {} h2/h3 headings, this page {}; `{}` has no counterpart",
                        a.len(),
                        b.len(),
                        y.2
                    ),
                }];
            }
            (None, None) => {}
        }
    }
    Vec::new()
}

/// YAML code blocks must parse: a reader pastes them into `helm -f`.
#[cfg(feature = "check")]
pub fn yaml_blocks(outline: &Outline) -> Vec<Finding> {
    use serde::Deserialize as _;
    let mut findings = Vec::new();
    for block in &outline.code_blocks {
        if !matches!(block.lang.as_deref(), Some("yaml" | "yml")) {
            continue;
        }
        for doc in serde_yaml::Deserializer::from_str(&block.code) {
            if let Err(e) = serde_yaml::Value::deserialize(doc) {
                let line = e.location().map_or(block.line, |loc| {
                    block.code_line + loc.line().saturating_sub(1)
                });
                let message = e.to_string();
                // serde_yaml appends "at line N column M" relative to the block: drop it, the
                // finding already carries the file's line.
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                findings.push(Finding::error(
                    line,
                    format!("YAML code block does not parse: {message}"),
                ));
                break;
            }
        }
    }
    findings
}

/// Search results and link previews cut descriptions at about 160 characters.
pub const DESCRIPTION_MAX_CHARS: usize = 200;

/// A description far past what search results show is probably a paragraph in the wrong place.
pub fn description_length(description: &str, line: usize) -> Option<Finding> {
    let n = description.chars().count();
    (n > DESCRIPTION_MAX_CHARS).then(|| {
        Finding::warning(
            line,
            format!("description is {n} characters; search results and previews show about 160"),
        )
    })
}

/// A runbook's `alerts:` name alerts that fire: each must be one the composer's PrometheusRule
/// emits (`known`), or readers search for an alert that never arrives.
pub fn alert_names(front: &crate::front_matter::FrontMatter, known: &[&str]) -> Vec<Finding> {
    let Some(runbook) = &front.runbook else {
        return Vec::new();
    };
    let line = front.alerts_line.or(front.runbook_line).unwrap_or(1);
    runbook
        .alerts
        .iter()
        .filter(|a| !known.contains(&a.as_str()))
        .map(|a| {
            let near = closest(a, known)
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_default();
            Finding::error(
                line,
                format!("alert `{a}` is not one the composer's alert rules define{near}"),
            )
        })
        .collect()
}

/// The known name nearest to `name` when it is plausibly a typo (edit distance up to 3).
fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let distance = |a: &str, b: &str| -> usize {
        let a: Vec<char> = a.to_lowercase().chars().collect();
        let b: Vec<char> = b.to_lowercase().chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                let cost = usize::from(ca != cb);
                cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    };
    known
        .iter()
        .map(|k| (distance(name, k), *k))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Whether [`front_matter_rules`] checks alert names itself (feature `alerts`); without it the
/// caller runs [`alert_names`] with names from elsewhere (the previewer: the link index).
pub const ALERTS_BUILT_IN: bool = cfg!(feature = "alerts");

/// The alert names the composer's PrometheusRule defines.
#[cfg(feature = "alerts")]
pub fn composer_alerts() -> Vec<&'static str> {
    composer::alert_catalog().iter().map(|a| a.name).collect()
}

/// Rules on a parsed front matter that depend on where the page lives.
pub fn front_matter_rules(
    lang: Lang,
    route_path: &str,
    front: &crate::front_matter::FrontMatter,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    match (&front.runbook, crate::front_matter::expects_runbook(route_path)) {
        (None, true) => findings.push(Finding::error(
            1,
            "pages under runbooks/ need a `runbook:` block (severity, alerts, components, time_to_mitigate)",
        )),
        (Some(_), false) => findings.push(Finding::error(
            front.runbook_line.unwrap_or(1),
            "only pages under runbooks/ (other than runbooks/index.md) take a `runbook:` block",
        )),
        _ => {}
    }
    findings.extend(description_length(
        &front.description,
        front.description_line.unwrap_or(1),
    ));
    #[cfg(feature = "alerts")]
    findings.extend(alert_names(front, &composer_alerts()));
    if lang == Lang::En && front.translated_from.is_some() {
        findings.push(Finding::error(
            front.translated_from_line.unwrap_or(1),
            "`translated_from` belongs on Russian pages: English pages are the originals",
        ));
    }
    findings
}

/// Every single-page rule for a page at `route_path` written in `lang`.
pub fn check_page(lang: Lang, route_path: &str, outline: &Outline) -> Vec<Finding> {
    let mut findings = Vec::new();
    if crate::front_matter::expects_runbook(route_path) {
        findings.extend(runbook_template(lang, &outline.headings));
    }
    findings.extend(code_block_languages(outline));
    findings.extend(shell_prompts(outline));
    #[cfg(feature = "check")]
    findings.extend(yaml_blocks(outline));
    findings.sort_by_key(|f| f.line);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, text: &str, line: usize) -> OutlineHeading {
        OutlineHeading {
            level,
            id: crate::slug::slugify(text),
            text: text.into(),
            line,
        }
    }

    fn full(lang: Lang) -> Vec<OutlineHeading> {
        runbook_sections(lang)
            .iter()
            .enumerate()
            .map(|(i, t)| h(2, t, 10 + i * 5))
            .collect()
    }

    #[test]
    fn a_complete_runbook_passes_in_both_languages() {
        for lang in Lang::ALL {
            let mut hs = full(lang);
            hs.insert(2, h(3, "Sub", 18));
            hs.insert(4, h(2, "Background", 22));
            assert!(runbook_template(lang, &hs).is_empty(), "{lang:?}");
        }
    }

    #[test]
    fn missing_and_misordered_sections() {
        let mut hs = full(Lang::En);
        hs.remove(3); // Mitigation, line 25
        hs.swap(0, 1); // Impact before Symptoms
        let f = runbook_template(Lang::En, &hs);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().any(|f| {
            f.message
                .contains("`## Symptoms` must come before `## Impact`")
                && f.line == 10
        }));
        assert!(
            f.iter()
                .any(|f| f.message.contains("missing the `## Mitigation`") && f.line == 30)
        );
        assert!(f.iter().all(|f| f.level == Level::Error));
    }

    #[test]
    fn russian_template_uses_russian_titles() {
        let f = runbook_template(Lang::Ru, &full(Lang::En));
        assert_eq!(f.len(), 8);
        assert!(
            f[0].message.contains("Симптомы") || f.iter().any(|f| f.message.contains("Симптомы"))
        );
    }

    #[test]
    fn runbook_alerts_must_be_known_and_typos_get_a_suggestion() {
        let text = "---\ntitle: t\ndescription: d\nrunbook:\n  severity: critical\n  components: [executor]\n  alerts: [SparkExecutorOOMKiled, NoSuchThing, SparkPodsEvicted]\n  time_to_mitigate: 15m\n---\n";
        let front = crate::front_matter::parse(text).expect("parses").front;
        let known = ["SparkExecutorOOMKilled", "SparkPodsEvicted"];
        let f = alert_names(&front, &known);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|f| f.line == 7 && f.level == Level::Error));
        assert!(
            f[0].message
                .contains("did you mean `SparkExecutorOOMKilled`")
        );
        assert!(!f[1].message.contains("did you mean"));
        // Good: every name known; a page without a runbook block has nothing to check.
        let good = text.replace("SparkExecutorOOMKiled, NoSuchThing, ", "");
        let front = crate::front_matter::parse(&good).expect("parses").front;
        assert!(alert_names(&front, &known).is_empty());
        assert!(alert_names(&Default::default(), &known).is_empty());
    }

    #[cfg(feature = "alerts")]
    #[test]
    fn the_composer_catalogue_is_what_pages_are_checked_against() {
        let known = composer_alerts();
        assert!(known.contains(&"SparkExecutorOOMKilled"), "{known:?}");
    }

    #[test]
    fn long_descriptions_warn_counting_characters_not_bytes() {
        assert!(description_length(&"я".repeat(200), 3).is_none());
        let f = description_length(&"я".repeat(201), 3).expect("warns");
        assert_eq!((f.line, f.level), (3, Level::Warning));
    }

    #[test]
    fn code_blocks_without_language_warn() {
        let o = Outline {
            headings: vec![],
            code_blocks: vec![
                CodeBlockInfo {
                    lang: None,
                    line: 4,
                    code_line: 5,
                    code: "x".into(),
                },
                CodeBlockInfo {
                    lang: Some("text".into()),
                    line: 9,
                    code_line: 10,
                    code: "x".into(),
                },
            ],
        };
        let f = code_block_languages(&o);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].level), (4, Level::Warning));
    }

    #[test]
    fn shell_prompts_are_errors_on_their_line() {
        let block = |lang: &str, code: &str| CodeBlockInfo {
            lang: Some(lang.into()),
            line: 9,
            code_line: 10,
            code: code.into(),
        };
        let o = Outline {
            headings: vec![],
            code_blocks: vec![
                block("bash", "kubectl get pods\n$ helm list\necho \"$ HOME\"\n"),
                block("text", "$ not a command block\n"),
            ],
        };
        let f = shell_prompts(&o);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].line, f[0].level), (11, Level::Error));
    }

    #[test]
    fn structure_mismatch_points_into_the_translation() {
        let en = Outline {
            headings: vec![h(2, "A", 3), h(3, "B", 5), h(2, "C", 7)],
            code_blocks: vec![],
        };
        let same = Outline {
            headings: vec![h(2, "А", 4), h(3, "Б", 6), h(2, "В", 8)],
            code_blocks: vec![],
        };
        assert!(structure_mismatch(&en, &same, Level::Warning).is_empty());
        let swapped = Outline {
            headings: vec![h(2, "А", 4), h(2, "Б", 6), h(2, "В", 8)],
            code_blocks: vec![],
        };
        let f = structure_mismatch(&en, &swapped, Level::Error);
        assert_eq!((f[0].line, f[0].level), (6, Level::Error));
        let short = Outline {
            headings: vec![h(2, "А", 4), h(3, "Б", 6)],
            code_blocks: vec![],
        };
        let f = structure_mismatch(&en, &short, Level::Warning);
        assert_eq!(f[0].line, 6);
        assert!(f[0].message.contains("3 h2/h3 headings, this page 2"));
    }

    #[cfg(feature = "check")]
    #[test]
    fn yaml_blocks_that_do_not_parse_are_errors_on_the_right_line() {
        let o = Outline {
            headings: vec![],
            code_blocks: vec![
                CodeBlockInfo {
                    lang: Some("yaml".into()),
                    line: 10,
                    code_line: 11,
                    code: "a: 1\n---\nb: [2\n".into(),
                },
                CodeBlockInfo {
                    lang: Some("yaml".into()),
                    line: 20,
                    code_line: 21,
                    code: "spark:\n  image: <registry>/spark:4.1\n".into(),
                },
            ],
        };
        let f = yaml_blocks(&o);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].line >= 13, "{f:?}");
        assert!(!f[0].message.contains(" at line "));
    }
}
