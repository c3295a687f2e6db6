//! The four values a reader enters once and every runbook command uses: namespace, release,
//! kube context and bucket. Values end up in shell commands a reader pastes, so each is checked
//! against what Kubernetes, Helm or S3 accept and nothing that a shell would interpret.

/// A parameter, named as its placeholder in the pages (`<namespace>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    Namespace,
    Release,
    Context,
    Bucket,
}

impl Param {
    pub const ALL: [Param; 4] = [
        Param::Namespace,
        Param::Release,
        Param::Context,
        Param::Bucket,
    ];

    /// The placeholder name: `data-ph` in the rendered code blocks.
    pub fn key(self) -> &'static str {
        match self {
            Param::Namespace => "namespace",
            Param::Release => "release",
            Param::Context => "context",
            Param::Bucket => "bucket",
        }
    }

    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.into_iter().find(|p| p.key() == key)
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Why `value` cannot be used, or None when it can. Empty means "not set" and is fine.
    pub fn problem(self, value: &str) -> Option<Problem> {
        if value.is_empty() {
            return None;
        }
        let dns = |max: usize| {
            if value.len() > max {
                Some(Problem::TooLong(max))
            } else if !value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                || value.starts_with('-')
                || value.ends_with('-')
            {
                Some(Problem::NotDnsLabel)
            } else {
                None
            }
        };
        match self {
            Param::Namespace => dns(63),
            // Helm refuses release names over 53 characters.
            Param::Release => dns(53),
            Param::Context => {
                if value.len() > 253 {
                    Some(Problem::TooLong(253))
                } else if value.bytes().all(|b| {
                    b.is_ascii_alphanumeric()
                        || matches!(b, b'-' | b'_' | b'.' | b':' | b'/' | b'@')
                }) {
                    None
                } else {
                    Some(Problem::ShellUnsafe)
                }
            }
            Param::Bucket => {
                if value.len() < 3 || value.len() > 63 {
                    Some(Problem::BucketLength)
                } else if !value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
                    || !value.as_bytes()[0].is_ascii_alphanumeric()
                    || !value.as_bytes()[value.len() - 1].is_ascii_alphanumeric()
                {
                    Some(Problem::NotBucketName)
                } else {
                    None
                }
            }
        }
    }
}

/// What is wrong with an entered value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Longer than this many characters.
    TooLong(usize),
    /// Not lower-case letters, digits and inner hyphens.
    NotDnsLabel,
    /// Characters a shell would interpret, or spaces.
    ShellUnsafe,
    BucketLength,
    NotBucketName,
}

/// The command-line tool the reader runs: `oc` accepts every `kubectl` command the runbooks use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cli {
    #[default]
    Kubectl,
    Oc,
}

impl Cli {
    pub const ALL: [Cli; 2] = [Cli::Kubectl, Cli::Oc];

    pub fn command(self) -> &'static str {
        match self {
            Cli::Kubectl => "kubectl",
            Cli::Oc => "oc",
        }
    }

    pub fn parse(s: &str) -> Option<Cli> {
        Cli::ALL.into_iter().find(|c| c.command() == s.trim())
    }
}

/// The reader's values; an empty value leaves the placeholder as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    values: [String; 4],
    pub cli: Cli,
}

impl Params {
    pub fn get(&self, p: Param) -> &str {
        &self.values[p.index()]
    }

    /// Sets a value (trimmed). Returns the problem and keeps the old value when it is unusable.
    pub fn set(&mut self, p: Param, value: &str) -> Result<(), Problem> {
        let value = value.trim();
        if let Some(problem) = p.problem(value) {
            return Err(problem);
        }
        self.values[p.index()] = value.to_string();
        Ok(())
    }

    /// The value to show for a placeholder name, when the reader has set one.
    pub fn for_placeholder(&self, name: &str) -> Option<&str> {
        let value = self.get(Param::from_key(name)?);
        (!value.is_empty()).then_some(value)
    }

    pub fn is_empty(&self) -> bool {
        self.values.iter().all(String::is_empty) && self.cli == Cli::Kubectl
    }

    /// The localStorage form: `key=value` lines. Values never hold a newline (they are checked).
    pub fn to_stored(&self) -> String {
        let mut out: String = Param::ALL
            .into_iter()
            .filter(|p| !self.get(*p).is_empty())
            .map(|p| format!("{}={}\n", p.key(), self.get(p)))
            .collect();
        if self.cli != Cli::Kubectl {
            out.push_str(&format!("cli={}\n", self.cli.command()));
        }
        out
    }

    /// Reads the stored form leniently: unknown keys and unusable values are dropped, so a
    /// value edited by hand in the browser cannot reach a command.
    pub fn from_stored(text: &str) -> Params {
        let mut out = Params::default();
        for line in text.lines() {
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            if let Some(p) = Param::from_key(k.trim()) {
                let _ = out.set(p, v);
            } else if k.trim() == "cli" {
                out.cli = Cli::parse(v).unwrap_or_default();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_storage() {
        let mut p = Params::default();
        p.set(Param::Namespace, " team-a ").expect("valid");
        p.set(Param::Context, "arn:aws:eks:eu-west-1:123:cluster/prod")
            .expect("valid");
        p.set(Param::Bucket, "spark-logs.eu").expect("valid");
        assert_eq!(Params::from_stored(&p.to_stored()), p);
        assert_eq!(p.for_placeholder("namespace"), Some("team-a"));
        assert_eq!(p.for_placeholder("release"), None, "unset");
        assert_eq!(p.for_placeholder("pod"), None, "not a parameter");
    }

    #[test]
    fn shell_metacharacters_never_become_values() {
        let mut p = Params::default();
        for bad in [
            "a;rm -rf /",
            "$(id)",
            "a b",
            "`x`",
            "a|b",
            "a'b",
            "a\"b",
            "a&b",
            "a>b",
        ] {
            assert_eq!(
                p.set(Param::Context, bad),
                Err(Problem::ShellUnsafe),
                "{bad}"
            );
            assert!(p.set(Param::Namespace, bad).is_err(), "{bad}");
            assert!(p.set(Param::Bucket, bad).is_err(), "{bad}");
        }
        assert!(p.is_empty());
        // The stored form is read through the same checks.
        let stored = "namespace=$(id)\nrelease=ok\nbogus=1\ncontext=kind-kind";
        let read = Params::from_stored(stored);
        assert_eq!(read.get(Param::Namespace), "");
        assert_eq!(read.get(Param::Release), "ok");
        assert_eq!(read.get(Param::Context), "kind-kind");
    }

    #[test]
    fn names_follow_kubernetes_helm_and_s3_rules() {
        assert_eq!(Param::Namespace.problem("Team"), Some(Problem::NotDnsLabel));
        assert_eq!(Param::Namespace.problem("-a"), Some(Problem::NotDnsLabel));
        assert_eq!(
            Param::Namespace.problem(&"a".repeat(64)),
            Some(Problem::TooLong(63))
        );
        assert_eq!(
            Param::Release.problem(&"a".repeat(54)),
            Some(Problem::TooLong(53))
        );
        assert_eq!(Param::Release.problem("spark"), None);
        assert_eq!(Param::Bucket.problem("ab"), Some(Problem::BucketLength));
        assert_eq!(Param::Bucket.problem("a_b"), Some(Problem::NotBucketName));
        assert_eq!(Param::Bucket.problem(".ab"), Some(Problem::NotBucketName));
        assert_eq!(Param::Context.problem("user@kind-kind"), None);
        assert_eq!(Param::Context.problem(""), None);
    }

    #[test]
    fn the_cli_choice_round_trips_and_defaults_to_kubectl() {
        let p = Params {
            cli: Cli::Oc,
            ..Params::default()
        };
        assert!(!p.is_empty());
        assert_eq!(p.to_stored(), "cli=oc\n");
        assert_eq!(Params::from_stored("cli=oc\n").cli, Cli::Oc);
        assert_eq!(Params::from_stored("cli=rm -rf\n").cli, Cli::Kubectl);
        assert_eq!(Params::from_stored("").cli, Cli::Kubectl);
    }

    #[test]
    fn a_rejected_value_keeps_the_previous_one() {
        let mut p = Params::default();
        p.set(Param::Release, "spark").expect("valid");
        assert!(p.set(Param::Release, "Spark!").is_err());
        assert_eq!(p.get(Param::Release), "spark");
        p.set(Param::Release, "").expect("clearing is fine");
        assert_eq!(p.get(Param::Release), "");
    }
}
