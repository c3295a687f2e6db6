//! External validators for composer output: every preset plus a deterministic sample of random
//! configurations is rendered and checked with `kubernetes-validate --strict` against the three
//! newest Kubernetes versions it ships. Custom resources (ServiceMonitor, PodMonitor,
//! PrometheusRule, Route, SparkApplication, ExternalSecret) have no schema there: they are skipped
//! here and checked structurally by the composer's own tests.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Pinned validator version (its schemas decide which Kubernetes versions we check).
const KUBERNETES_VALIDATE: &str = "kubernetes-validate==1.37.0";
/// Random configurations rendered in addition to the presets.
const SAMPLES: u64 = 40;
const CRD_KINDS: &[&str] = &[
    "ServiceMonitor",
    "PodMonitor",
    "PrometheusRule",
    "Route",
    "SparkApplication",
    "ExternalSecret",
];

fn venv(root: &Path) -> Result<PathBuf> {
    let dir = root.join("target/tools/venv");
    let bin = dir.join("bin/kubernetes-validate");
    let pip = dir.join("bin/pip");
    if !dir.join("bin/python").exists() {
        let st = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&dir)
            .status()
            .context("running python3 -m venv")?;
        if !st.success() {
            bail!("python3 -m venv {} failed", dir.display());
        }
    }
    let installed = Command::new(&pip)
        .args(["show", "kubernetes-validate"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("Version: 1.37.0"))
        .unwrap_or(false);
    if !installed || !bin.exists() {
        let st = Command::new(&pip)
            .args(["install", "--quiet", KUBERNETES_VALIDATE])
            .status()
            .context("running pip install")?;
        if !st.success() {
            bail!("pip install {KUBERNETES_VALIDATE} failed");
        }
    }
    Ok(dir)
}

/// The three newest Kubernetes versions the validator ships strict schemas for.
fn versions(venv: &Path) -> Result<Vec<String>> {
    let out = Command::new(venv.join("bin/python"))
        .args([
            "-c",
            "import kubernetes_validate, os; print(os.path.dirname(kubernetes_validate.__file__))",
        ])
        .output()
        .context("locating kubernetes_validate")?;
    let pkg = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let mut vs: Vec<(Vec<u32>, String)> = std::fs::read_dir(pkg.join("kubernetes-json-schema"))
        .with_context(|| format!("reading schemas under {}", pkg.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let v = name
                .strip_prefix('v')?
                .strip_suffix("-local-strict")?
                .to_string();
            let key = v.split('.').map(|p| p.parse().unwrap_or(0)).collect();
            Some((key, v))
        })
        .collect();
    vs.sort();
    let n = vs.len();
    if n < 3 {
        bail!("kubernetes-validate ships fewer than three strict schema versions");
    }
    Ok(vs[n - 3..].iter().map(|(_, v)| v.clone()).collect())
}

/// Writes every schema-checkable document of a composition as its own file; returns
/// (files written, CRD documents skipped).
fn write_docs(dir: &Path, tag: &str, comp: &composer::Composition) -> Result<(usize, usize)> {
    let mut written = 0;
    let mut skipped = 0;
    for (i, doc) in composer::bundle::workloads(comp).iter().enumerate() {
        let kind = doc.get("kind").and_then(|k| k.as_str()).unwrap_or("");
        if CRD_KINDS.contains(&kind) {
            skipped += 1;
            continue;
        }
        let path = dir.join(format!("{tag}-{i:03}.yaml"));
        std::fs::write(&path, composer::yaml::to_string(doc))
            .with_context(|| format!("writing {}", path.display()))?;
        written += 1;
    }
    Ok((written, skipped))
}

pub fn run() -> Result<()> {
    let root = crate::repo_root();
    let venv = venv(&root)?;
    let versions = versions(&venv)?;
    let dir = root.join("target/tools/validate-out");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("cleaning {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;
    let mut docs = 0;
    let mut skipped = 0;
    let mut pss = Vec::new();
    for p in composer::presets() {
        let comp = composer::compose(p.id, &p.choices());
        let (w, s) = write_docs(&dir, p.id, &comp)?;
        docs += w;
        skipped += s;
        for f in composer::bundle::pss_findings(&comp) {
            pss.push(format!("{}: {} {} ({})", p.id, f.object, f.rule, f.detail));
        }
    }
    for seed in 0..SAMPLES {
        let c = composer::sample::random_choices(seed, 0);
        let comp = composer::compose("", &c);
        let (w, s) = write_docs(&dir, &format!("sample{seed:02}"), &comp)?;
        docs += w;
        skipped += s;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    for v in &versions {
        let out = Command::new(venv.join("bin/kubernetes-validate"))
            .args(["--strict", "--quiet", "--no-warn", "-k", v])
            .args(&files)
            .output()
            .context("running kubernetes-validate")?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        for line in text
            .lines()
            .filter(|l| l.contains("ERROR") || l.contains("did not validate"))
        {
            problems.push(format!("k8s {v}: {line}"));
        }
        if !out.status.success() && problems.is_empty() {
            problems.push(format!(
                "k8s {v}: kubernetes-validate exited with {}: {}",
                out.status,
                text.trim()
            ));
        }
    }
    problems.extend(pss.into_iter().map(|p| format!("restricted: {p}")));
    if !problems.is_empty() {
        bail!(
            "composer output failed validation:\n  {}",
            problems.join("\n  ")
        );
    }
    println!(
        "{docs} documents validated against {} versions ({}); {skipped} custom resources skipped ({})",
        versions.len(),
        versions.join(", "),
        CRD_KINDS.join(", ")
    );
    Ok(())
}
