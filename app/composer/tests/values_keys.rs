//! Helm values only use key paths the upstream chart of the chosen line really has (the table in
//! `render::values::chart_defaults`, taken from the facts file), plus free-form maps it reads.

use composer::yaml::Y;
use composer::{compose, presets, sample};

fn leaves(y: &Y, prefix: &str, out: &mut Vec<String>) {
    match y {
        Y::Map(m) if !m.is_empty() => {
            for (k, v) in m {
                let p = if prefix.is_empty() {
                    k.to_string()
                } else {
                    format!("{prefix}.{k}")
                };
                leaves(v, &p, out);
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

/// Maps the chart reads entry by entry, and keys it reads that have no default.
const FREE: &[&str] = &[
    "connect.sparkConf.",
    "routes.hosts.",
    "global.s3.accessKey",
    "global.s3.secretKey",
];

#[test]
fn values_use_only_upstream_keys() {
    let mut configs: Vec<(String, composer::Choices)> = presets()
        .iter()
        .map(|p| (p.id.to_string(), p.choices()))
        .collect();
    configs.extend((0..150).map(|s| (format!("sample {s}"), sample::random_choices(s, 0))));
    for (name, c) in configs {
        let comp = compose("", &c);
        let known = {
            let mut v = Vec::new();
            leaves(
                &composer::render::values::chart_defaults(&comp.config),
                "",
                &mut v,
            );
            v
        };
        let (full, delta) = composer::render::values::render(&comp.config);
        for y in [&full, &delta] {
            let mut got = Vec::new();
            leaves(y, "", &mut got);
            for path in got {
                let ok = known.contains(&path)
                    || FREE.iter().any(|f| path.starts_with(f))
                    || path.is_empty();
                assert!(
                    ok,
                    "{name}: values key `{path}` is not an upstream key of this chart line"
                );
            }
        }
        // Infra toggles go where the chart reads them (spark-base.core.*), never only top-level.
        assert!(full.get_path("spark-base").is_some(), "{name}");
    }
}
