//! `kubectl` or `oc`: every `kubectl` command word in a rendered shell block is wrapped once in
//! `<span class="cli">`, so the page can show the tool the reader runs (OpenShift's `oc` takes
//! the same subcommands and flags) and the copy button copies it.

/// Wraps each `kubectl` word outside tags of highlighted code HTML; `None` when there is none.
/// Only a whole word counts: `kubectl.kubernetes.io/...`, `kubectl-plugin` and
/// `/usr/bin/kubectl` are left alone.
pub fn mark(html: &str) -> Option<String> {
    const WORD: &str = "kubectl";
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let mut in_tag = false;
    let mut last = 0;
    let mut found = false;
    let mut i = 0;
    let boundary_before =
        |b: u8| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'));
    let boundary_after =
        |b: u8| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'));
    while i < bytes.len() {
        match bytes[i] {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ if !in_tag && html[i..].starts_with(WORD) => {
                let before_ok = i == 0 || boundary_before(bytes[i - 1]) || bytes[i - 1] == b'>';
                let end = i + WORD.len();
                let after_ok =
                    end == bytes.len() || boundary_after(bytes[end]) || bytes[end] == b'<';
                if before_ok && after_ok {
                    out.push_str(&html[last..i]);
                    out.push_str("<span class=\"cli\">kubectl</span>");
                    last = end;
                    found = true;
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if !found {
        return None;
    }
    out.push_str(&html[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_kubectl_words_are_marked_outside_tags() {
        let html = "<span class=\"tf\">kubectl</span><span class=\"tv\"> --context</span> x | kubectl get pods; $(kubectl version)";
        let marked = mark(html).expect("found");
        assert_eq!(
            marked.matches("<span class=\"cli\">kubectl</span>").count(),
            3,
            "{marked}"
        );
        assert!(marked.starts_with("<span class=\"tf\"><span class=\"cli\">kubectl</span></span>"));
    }

    #[test]
    fn other_uses_of_the_word_stay() {
        for html in [
            "kubectl.kubernetes.io/restartedAt",
            "/usr/local/bin/kubectl",
            "kubectl-neat",
            "<span data-x=\"kubectl\">k</span>",
            "no tool here",
        ] {
            assert_eq!(mark(html), None, "{html}");
        }
    }
}
