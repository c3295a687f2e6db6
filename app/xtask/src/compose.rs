//! `cargo xtask compose --preset ID [--set path=value ...] [--link LINK] --out DIR`: writes a
//! composer bundle to disk, on the same engine the site uses (a CLI for GitOps pipelines).

use anyhow::{Context, Result, bail};
use std::path::PathBuf;

const USAGE: &str = "usage: cargo xtask compose --preset ID [--set path=value ...] [--link LINK] --out DIR [--strict]\n       cargo xtask compose --validate   (kubernetes-validate over every preset and a random sample)";

pub fn run(args: &[String]) -> Result<()> {
    // `compose --validate`: run the external validators over every preset and a random sample.
    if args.iter().any(|a| a == "--validate") {
        return crate::validate::run();
    }
    let mut preset: Option<String> = None;
    let mut link: Option<String> = None;
    let mut sets: Vec<String> = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut strict = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--preset" => preset = Some(value("--preset")?),
            "--link" => link = Some(value("--link")?),
            "--set" => sets.push(value("--set")?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--strict" => strict = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                list_presets();
                return Ok(());
            }
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    let out = out.with_context(|| format!("--out is required\n{USAGE}"))?;
    let (id, mut choices) = match (&link, &preset) {
        (Some(l), _) => {
            let d =
                composer::link::decode_verbose(l).map_err(|e| anyhow::anyhow!("--link: {e}"))?;
            for k in &d.ignored {
                eprintln!("warning: share link entry `{k}` ignored");
            }
            if let Some(p) = &preset
                && p != &d.preset
            {
                bail!("--preset {p} disagrees with the link's preset {}", d.preset);
            }
            (d.preset, d.choices)
        }
        (None, Some(p)) => {
            let data = composer::preset(p).with_context(|| format!("unknown preset `{p}`"))?;
            (p.clone(), data.choices())
        }
        (None, None) => {
            list_presets();
            bail!("--preset or --link is required\n{USAGE}");
        }
    };
    for s in &sets {
        let (path, value) = s
            .split_once('=')
            .with_context(|| format!("--set {s}: expected path=value"))?;
        let f = composer::field(path.trim())
            .with_context(|| format!("--set: unknown field `{path}`"))?;
        if !(f.set)(&mut choices, value) {
            bail!("--set {path}: `{value}` is not a valid value for this field");
        }
    }
    let comp = composer::compose(&id, &choices);
    for d in &comp.diagnostics {
        eprintln!(
            "{}: {} ({}): {}",
            d.severity.as_str(),
            d.code.as_str(),
            d.path,
            d.text(composer::Lang::En)
        );
    }
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    for (name, text) in &comp.files {
        let path = out.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        #[cfg(unix)]
        if name.ends_with(".sh") {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .with_context(|| format!("chmod {}", path.display()))?;
        }
    }
    println!(
        "wrote {} files to {} (share link {})",
        comp.files.len(),
        out.display(),
        comp.link
    );
    if strict && !comp.config.ready() {
        bail!(
            "{} error(s): the configuration is not ready",
            comp.config.errors
        );
    }
    Ok(())
}

fn list_presets() {
    eprintln!("presets:");
    for p in composer::presets() {
        eprintln!("  {:<28} {}", p.id, p.title.en);
    }
}
