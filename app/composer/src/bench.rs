//! Figures for `cargo xtask bench` (feature `bench`, native only): validate + render time for
//! the largest preset, where that time goes, and share-link lengths per preset.

use std::time::Instant;

use crate::choices::field;
use crate::render::{self, commands, values};
use crate::{compose, link, presets, validate, yaml};

/// The median time of `f` in microseconds; what `f` returns is dropped after the clock stops.
fn median_us<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut samples: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            let out = f();
            let us = t.elapsed().as_secs_f64() * 1e6;
            drop(std::hint::black_box(out));
            us
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Where the time of one composition of `preset` goes, part by part (each timed on its own, so
/// the parts add up to a little less than the whole).
pub fn phases(preset: &str, runs: usize) -> Vec<(&'static str, f64)> {
    let choices = crate::preset(preset)
        .map(|p| p.choices())
        .unwrap_or_default();
    let (config, diagnostics) = validate(&choices);
    let (full, delta) = values::render(&config);
    let link = link::encode(preset, &choices);
    let files = compose(preset, &choices).manifest_files;
    vec![
        ("validate", median_us(runs, || validate(&choices))),
        (
            "share link",
            median_us(runs, || link::encode(preset, &choices)),
        ),
        (
            "manifests, written",
            median_us(runs, || {
                let mut out = String::new();
                for (_, render) in render::manifest_files(&config) {
                    render(&config, &mut yaml::Docs::new(&mut out));
                }
                out
            }),
        ),
        ("values trees", median_us(runs, || values::render(&config))),
        (
            "YAML of the values",
            median_us(runs, || {
                let mut out = String::new();
                yaml::write_doc(&mut out, &full);
                yaml::write_doc(&mut out, &delta);
                out
            }),
        ),
        (
            "README, install.sh",
            median_us(runs, || {
                (
                    commands::readme(&config, preset, &link, &diagnostics, &files),
                    commands::install_sh(&config, "", &files),
                )
            }),
        ),
    ]
}

/// Timing of one measured operation, in microseconds.
#[derive(Clone, Debug)]
pub struct Timing {
    pub preset: &'static str,
    pub runs: usize,
    pub median_us: f64,
    pub p95_us: f64,
    pub bundle_bytes: usize,
}

/// Times `compose` (validate + render + YAML) for the preset with the largest bundle.
pub fn time_largest(runs: usize) -> Timing {
    let runs = runs.max(1);
    let largest = presets()
        .iter()
        .max_by_key(|p| {
            compose(p.id, &p.choices())
                .files
                .values()
                .map(String::len)
                .sum::<usize>()
        })
        .map(|p| p.id)
        .unwrap_or("");
    let choices = crate::preset(largest)
        .map(|p| p.choices())
        .unwrap_or_default();
    let mut bytes = 0;
    for _ in 0..runs.min(20) {
        bytes = compose(largest, &choices)
            .files
            .values()
            .map(String::len)
            .sum();
    }
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let c = compose(largest, &choices);
            std::hint::black_box(&c);
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Timing {
        preset: largest,
        runs,
        median_us: at(0.5),
        p95_us: at(0.95),
        bundle_bytes: bytes,
    }
}

/// (preset id, link length as is, link length with three typical edits).
pub fn link_lengths() -> Vec<(&'static str, usize, usize)> {
    presets()
        .iter()
        .map(|p| {
            let mut c = p.choices();
            for (k, v) in [
                ("sizing.executor_memory", "6Gi"),
                ("sizing.executor_max", "37"),
                ("identity.namespace", "team-analytics"),
            ] {
                if let Some(f) = field(k) {
                    (f.set)(&mut c, v);
                }
            }
            (
                p.id,
                link::encode(p.id, &p.choices()).len(),
                link::encode(p.id, &c).len(),
            )
        })
        .collect()
}

/// A printable report: the timing (`allocator` names the allocator the binary was built with)
/// and, when asked, the share-link lengths.
pub fn bench_report(allocator: &str, links: bool) -> String {
    let t = time_largest(500);
    let mut s = format!(
        "composer: validate+render+write of `{}` ({} bytes, {allocator} allocator): median {:.1} µs, p95 {:.1} µs over {} runs\n",
        t.preset, t.bundle_bytes, t.median_us, t.p95_us, t.runs
    );
    if !links {
        return s;
    }
    s.push_str("where the time goes (medians, each part timed alone):\n");
    for (part, us) in phases(t.preset, 300) {
        s.push_str(&format!("  {part:<28} {us:>6.1} µs\n"));
    }
    s.push_str("share links (chars: preset as is / with 3 edits):\n");
    for (id, plain, edited) in link_lengths() {
        s.push_str(&format!("  {id:<28} {plain:>4} / {edited:>4}\n"));
    }
    s
}
