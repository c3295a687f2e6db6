//! Writes every preset's and a random sample's schema-checkable documents to a folder, one file
//! each, for external validators: `cargo run -p composer --example dump -- DIR [SAMPLES]`.

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir =
        std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/composer-dump".into()));
    let samples: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(40);
    std::fs::create_dir_all(&dir)?;
    let mut jobs: Vec<(String, composer::Composition)> = composer::presets()
        .iter()
        .map(|p| (p.id.to_string(), composer::compose(p.id, &p.choices())))
        .collect();
    for seed in 0..samples {
        jobs.push((
            format!("sample{seed:03}"),
            composer::compose("", &composer::sample::random_choices(seed, 0)),
        ));
    }
    let mut n = 0;
    for (tag, comp) in &jobs {
        for (i, doc) in composer::bundle::workloads(comp).iter().enumerate() {
            std::fs::write(
                dir.join(format!("{tag}-{i:03}.yaml")),
                composer::yaml::to_string(doc),
            )?;
            n += 1;
        }
    }
    println!("{n} documents in {}", dir.display());
    Ok(())
}
