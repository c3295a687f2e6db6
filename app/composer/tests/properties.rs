//! Property tests: random (often hostile) choices never panic, every rendered YAML file parses
//! back to exactly the tree we meant to write, user strings cannot add keys, and configurations
//! that validate cleanly pass our restricted Pod Security checker.

use composer::yaml::Y;
use composer::{FIELDS, bundle, compose, sample};
use proptest::prelude::*;

fn to_value(y: &Y) -> serde_yaml::Value {
    use serde_yaml::Value;
    match y {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Int(n) => Value::Number((*n).into()),
        Y::Num(s) => serde_yaml::from_str(s).unwrap_or(Value::Null),
        Y::Str(s) => Value::String(s.to_string()),
        Y::Seq(v) => Value::Sequence(v.iter().map(to_value).collect()),
        Y::Map(m) => Value::Mapping(
            m.iter()
                .map(|(k, v)| (Value::String(k.to_string()), to_value(v)))
                .collect(),
        ),
    }
}

fn parse_all(text: &str) -> Vec<serde_yaml::Value> {
    serde_yaml::Deserializer::from_str(text)
        .map(|d| serde_yaml::Value::deserialize(d).expect("every document parses"))
        .collect()
}

use serde::Deserialize;

/// Checks one composition; returns a description of the first problem.
fn check(comp: &composer::Composition) -> Result<(), String> {
    for (name, text) in &comp.files {
        if name.ends_with(".yaml") {
            let docs = parse_all(text);
            if docs.is_empty() {
                return Err(format!("{name}: no documents"));
            }
        }
    }
    // The trees the views read back from each manifest file are what serde_yaml reads there,
    // and writing them again gives the file byte for byte.
    let manifests = comp.manifests();
    for file in &comp.manifest_files {
        let text = &comp.files[&format!("manifests/{file}")];
        let ours: Vec<&composer::yaml::Y> = manifests
            .iter()
            .filter(|m| m.file == *file)
            .map(|m| &m.doc)
            .collect();
        if parse_all(text) != ours.iter().map(|d| to_value(d)).collect::<Vec<_>>() {
            return Err(format!("manifests/{file} reads back differently"));
        }
        let header: usize = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.len() + 1)
            .sum();
        let mut again = text[..header].to_string();
        composer::yaml::write_documents(&mut again, ours);
        if &again != text {
            return Err(format!("manifests/{file} is not written back as read"));
        }
    }
    // Pod templates embedded as text read back too.
    for doc in bundle::workloads(comp) {
        let text = composer::yaml::to_string(&doc);
        if parse_all(&text) != vec![to_value(&doc)] {
            return Err("a workload does not read back".into());
        }
    }
    let (full, delta) = composer::render::values::render(&comp.config);
    if parse_all(&comp.files["values.yaml"]) != vec![to_value(&full)]
        || parse_all(&comp.files["values-delta.yaml"]) != vec![to_value(&delta)]
    {
        return Err("values do not read back".into());
    }
    if comp.config.ready() {
        let findings = bundle::pss_findings(comp);
        if !findings.is_empty() {
            return Err(format!("restricted checker: {findings:?}"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_choices_render_and_read_back(seed in any::<u64>(), hostile in 0u64..400) {
        let c = sample::random_choices(seed, hostile);
        let comp = compose("", &c);
        prop_assert!(check(&comp).is_ok(), "{:?}", check(&comp));
    }

    #[test]
    fn arbitrary_text_in_any_field(edits in proptest::collection::vec((0usize..FIELDS.len(), ".{0,40}"), 0..8)) {
        let mut c = composer::Choices::default();
        for (i, v) in &edits {
            (FIELDS[*i].set)(&mut c, v);
        }
        let comp = compose("", &c);
        prop_assert!(check(&comp).is_ok(), "{:?}", check(&comp));
        // Whatever the text, values.yaml keeps exactly the chart's top-level keys.
        let top: Vec<String> = match &parse_all(&comp.files["values.yaml"])[0] {
            serde_yaml::Value::Mapping(m) => m.keys().filter_map(|k| k.as_str().map(String::from)).collect(),
            _ => Vec::new(),
        };
        let allowed = ["global", "rbac", "spark-base", "core", "connect", "historyServer", "jupyter", "celeborn", "security",
            "monitoring", "ingress", "features", "secrets", "hiveMetastore", "sparkStandalone", "routes"];
        prop_assert!(top.iter().all(|k| allowed.contains(&k.as_str())), "{top:?}");
    }
}

#[test]
fn hostile_strings_stay_inside_their_values() {
    for (i, h) in sample::HOSTILE.iter().enumerate() {
        let mut c = composer::Choices::default();
        for f in FIELDS {
            (f.set)(&mut c, h);
        }
        // Inline credentials are the one place free text reaches a manifest verbatim.
        c.features.secrets = composer::choices::SecretsMode::Inline;
        c.s3.access_key = format!("{h}\nkind: Secret");
        c.s3.secret_key = "x: y # z".into();
        let comp = compose("", &c);
        check(&comp).unwrap_or_else(|e| panic!("hostile #{i} {h:?}: {e}"));
        let manifests = comp.manifests();
        let secret = manifests.iter().find(|m| m.kind() == "Secret");
        if let Some(s) = secret {
            let parsed = parse_all(&composer::yaml::to_string(&s.doc));
            assert_eq!(
                parsed[0]["stringData"]["secret-key"],
                serde_yaml::Value::String("x: y # z".into())
            );
        }
        // Outside comments (the header carries the share link, whose alphabet cannot break out of
        // its single quotes), no hostile text reaches the script.
        let script: String = comp.files["install.sh"]
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        let dangerous = h.contains([':', '#', '{', '"', '$', '`', '\'', '\n', ';']);
        assert!(
            !dangerous
                || !script.contains(h)
                || h.is_empty()
                || h.trim().is_empty()
                || *h == ".."
                || *h == "-1"
                || *h == "latest",
            "hostile #{i} {h:?} reached install.sh"
        );
    }
}

#[test]
fn every_preset_is_ready_and_restricted_clean() {
    let all = composer::presets();
    assert!(all.len() >= 14, "at least 14 presets");
    for p in all {
        let comp = compose(p.id, &p.choices());
        let errors: Vec<_> = comp
            .diagnostics
            .iter()
            .filter(|d| d.severity == composer::Severity::Error)
            .map(|d| d.code.as_str())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", p.id);
        check(&comp).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert!(bundle::pss_findings(&comp).is_empty(), "{}", p.id);
    }
}

#[test]
fn the_checker_catches_what_it_should() {
    let mut c = composer::Choices::default();
    c.features.read_only_root = false;
    let comp = compose("", &c);
    let opts = composer::pss::Options {
        no_fixed_uid: true,
        read_only_root: true,
    };
    let rules: Vec<&str> = bundle::workloads(&comp)
        .iter()
        .flat_map(|d| composer::pss::check(d, opts))
        .map(|f| f.rule)
        .collect();
    assert!(rules.contains(&"read-only-root"));
    assert!(rules.contains(&"openshift-fixed-uid"));
    let bad: Y = serde_yaml::from_str::<serde_yaml::Value>("x: 1")
        .map(|_| Y::Null)
        .unwrap_or(Y::Null);
    assert!(composer::pss::check(&bad, opts).is_empty());
}
