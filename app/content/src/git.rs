//! Last-commit dates of content files from one `git log` walk (not one process per file).

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// Repo-relative path (as `git -C repo_root ... --relative` prints it) → `YYYY-MM-DD` of the
/// newest commit touching it. Empty when git is missing, the tree is not a repository, or
/// nothing under `pathspecs` has history.
pub fn last_commit_dates(repo_root: &Path, pathspecs: &[String]) -> HashMap<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo_root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--relative",
            "--name-only",
            "--no-renames",
            "--format=%x01%cs",
            "--",
        ])
        .args(pathspecs)
        .output();
    let Ok(output) = output else {
        return HashMap::new();
    };
    if !output.status.success() {
        return HashMap::new();
    }
    parse_log(&String::from_utf8_lossy(&output.stdout))
}

/// The log is newest first, so the first date seen for a path is its last change.
fn parse_log(log: &str) -> HashMap<String, String> {
    let mut dates = HashMap::new();
    let mut current: Option<&str> = None;
    for line in log.lines() {
        if let Some(date) = line.strip_prefix('\u{1}') {
            current = Some(date.trim());
        } else if !line.trim().is_empty()
            && let Some(date) = current
        {
            dates
                .entry(line.trim().to_string())
                .or_insert_with(|| date.to_string());
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_date_wins() {
        let log = "\u{1}2026-11-27\n\ncontent/en/a.md\ncontent/ru/a.md\n\u{1}2026-11-01\n\ncontent/en/a.md\ncontent/en/b.md\n";
        let d = parse_log(log);
        assert_eq!(d["content/en/a.md"], "2026-11-27");
        assert_eq!(d["content/ru/a.md"], "2026-11-27");
        assert_eq!(d["content/en/b.md"], "2026-11-01");
    }

    #[test]
    fn no_repository_means_no_dates() {
        let dir = std::env::temp_dir().join(format!("content-git-none-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        assert!(last_commit_dates(&dir, &["content".to_string()]).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
