//! The incident record: a Markdown file with the runbook, the reader's parameters and every
//! step with the time it was checked, ready to paste into a ticket or a post-incident review.

use content::Lang;

use crate::i18n::text;
use crate::params::{Param, Params};

/// One checklist step as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The heading the step is under (Mitigation, Resolution, ...).
    pub section: String,
    pub text: String,
    pub checked_at: Option<String>,
}

/// Everything a record holds.
pub struct Record<'a> {
    pub lang: Lang,
    pub title: &'a str,
    pub url: &'a str,
    pub exported_at: &'a str,
    pub params: &'a Params,
    pub steps: &'a [Step],
}

/// Text from the page, made safe for one Markdown line: no line breaks, no markup that would
/// change the structure of the record.
fn inline(s: &str) -> String {
    let one_line = crate::checklist::normalize(s);
    let mut out = String::with_capacity(one_line.len());
    for ch in one_line.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

pub fn markdown(r: &Record<'_>) -> String {
    let t = text(r.lang);
    let mut s = format!("# {}: {}\n\n", t.record_title, inline(r.title));
    s.push_str(&format!("- {}: <{}>\n", t.record_runbook, r.url));
    s.push_str(&format!("- {}: {}\n", t.record_exported, r.exported_at));
    let done = r.steps.iter().filter(|x| x.checked_at.is_some()).count();
    s.push_str(&format!("- {}\n", t.progress(done, r.steps.len())));
    s.push_str(&format!("\n## {}\n\n", t.record_parameters));
    for p in Param::ALL {
        let v = r.params.get(p);
        if v.is_empty() {
            s.push_str(&format!("- {}: _{}_\n", t.label(p), t.record_not_set));
        } else {
            s.push_str(&format!("- {}: `{v}`\n", t.label(p)));
        }
    }
    s.push_str(&format!("- {}: `{}`\n", t.cli, r.params.cli.command()));
    s.push_str(&format!("\n## {}\n", t.record_steps));
    let mut section: Option<&str> = None;
    for step in r.steps {
        if section != Some(step.section.as_str()) {
            section = Some(step.section.as_str());
            if !step.section.is_empty() {
                s.push_str(&format!("\n### {}\n", inline(&step.section)));
            }
            s.push('\n');
        }
        match &step.checked_at {
            Some(at) => s.push_str(&format!(
                "- [x] {} ({} {at})\n",
                inline(&step.text),
                t.record_checked
            )),
            None => s.push_str(&format!("- [ ] {}\n", inline(&step.text))),
        }
    }
    s.push_str(&format!(
        "\n## {}\n\n_{}_\n",
        t.record_notes, t.record_notes_hint
    ));
    s
}

/// `incident-<page slug>-<date>.md`.
pub fn file_name(lang: Lang, page_path: &str, exported_at: &str) -> String {
    let slug = page_path.rsplit('/').next().unwrap_or("runbook");
    let date: String = exported_at.chars().take(10).collect();
    format!("{}-{slug}-{date}.md", text(lang).record_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps() -> Vec<Step> {
        vec![
            Step {
                section: "Mitigation".into(),
                text: "Tell the users\n  about it".into(),
                checked_at: Some("2026-11-27T12:01:00.000Z".into()),
            },
            Step {
                section: "Mitigation".into(),
                text: "Raise `memoryOverhead` | [x] fake".into(),
                checked_at: None,
            },
            Step {
                section: "Resolution".into(),
                text: "Fix the job".into(),
                checked_at: None,
            },
        ]
    }

    #[test]
    fn the_record_lists_parameters_steps_and_times() {
        let mut params = Params::default();
        params.set(Param::Namespace, "team-a").expect("valid");
        let steps = steps();
        let md = markdown(&Record {
            lang: Lang::En,
            title: "Executor OOMKilled",
            url: "https://example.org/en/runbooks/executor-oomkilled/",
            exported_at: "2026-11-27T12:30:00.000Z",
            params: &params,
            steps: &steps,
        });
        assert!(
            md.starts_with("# Incident record: Executor OOMKilled\n"),
            "{md}"
        );
        assert!(md.contains("- Runbook: <https://example.org/en/runbooks/executor-oomkilled/>\n"));
        assert!(md.contains("- 1 of 3 steps checked\n"), "{md}");
        assert!(md.contains("- Namespace: `team-a`\n"), "{md}");
        assert!(md.contains("- Helm release: _not set_\n"), "{md}");
        assert!(md.contains("- Command-line tool: `kubectl`\n"), "{md}");
        assert!(md.contains("\n### Mitigation\n\n- [x] Tell the users about it (checked 2026-11-27T12:01:00.000Z)\n"), "{md}");
        assert!(
            md.contains("- [ ] Raise \\`memoryOverhead\\` \\| \\[x\\] fake\n"),
            "{md}"
        );
        assert!(
            md.contains("\n### Resolution\n\n- [ ] Fix the job\n"),
            "{md}"
        );
    }

    #[test]
    fn russian_record_and_file_name() {
        let md = markdown(&Record {
            lang: Lang::Ru,
            title: "Executor OOMKilled",
            url: "https://example.org/ru/runbooks/executor-oomkilled/",
            exported_at: "2026-11-27T12:30:00.000Z",
            params: &Params::default(),
            steps: &steps(),
        });
        assert!(
            md.starts_with("# Запись об инциденте: Executor OOMKilled\n"),
            "{md}"
        );
        assert!(md.contains("- Отмечено шагов: 1 из 3\n"), "{md}");
        assert!(md.contains("- Бакет S3: _не задан_\n"), "{md}");
        assert_eq!(
            file_name(
                Lang::Ru,
                "runbooks/executor-oomkilled",
                "2026-11-27T12:30:00.000Z"
            ),
            "incident-executor-oomkilled-2026-11-27.md"
        );
    }
}
