//! `cargo xtask dist`: the release build of the app (trunk), then every route prerendered
//! around it, public/ copied, and text assets precompressed for hosts and for the byte budgets.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

use crate::prerender::{self, App, Build};
use crate::{compress, offline, repo_root, site_config, tools};
use std::collections::BTreeMap;

pub struct DistOptions {
    pub base: String,
    pub out: PathBuf,
}

impl DistOptions {
    pub fn parse(args: &[String]) -> Result<DistOptions> {
        let mut base = std::env::var("SITE_BASE").unwrap_or_else(|_| "/".to_string());
        let mut out = repo_root().join("dist");
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--base" => {
                    base = args
                        .next()
                        .context("--base needs a path, e.g. /spark_k8s/")?
                        .clone()
                }
                "--out" => out = PathBuf::from(args.next().context("--out needs a folder")?),
                other => bail!("dist: unknown argument `{other}`"),
            }
        }
        Ok(DistOptions {
            base: prerender::base_of(&base),
            out,
        })
    }
}

/// Compile the content first: a broken page should fail in seconds, not after the WASM build.
pub fn compile_content(base: &str, git_dates: bool) -> Result<content::Site> {
    let root = repo_root();
    let options = content::BuildOptions {
        content_dir: root.join("content"),
        repo_root: root.clone(),
        base: base.to_string(),
        git_dates,
        generated: generated_pages(),
    };
    match content::compile_site(&options) {
        Ok(site) => {
            for warning in &site.warnings {
                eprintln!(
                    "{}:{}: warning: {}",
                    warning.file, warning.line, warning.message
                );
            }
            Ok(site)
        }
        Err(errors) => bail!("the content does not build:\n{errors}"),
    }
}

/// The pages made from data (the preset pages), for every build and check of the content.
pub fn generated_pages() -> Vec<content::GeneratedPage> {
    composer::docs::pages()
        .into_iter()
        .filter_map(|p| {
            Some(content::GeneratedPage {
                lang: content::Lang::from_code(p.lang_code())?,
                path: p.path,
                source: p.source,
                markdown: p.markdown,
            })
        })
        .collect()
}

pub fn run(options: &DistOptions) -> Result<()> {
    let started = std::time::Instant::now();
    let site = compile_content(&options.base, true)?;

    let out = &options.out;
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("clearing {}", out.display()))?;
    }
    let mut assets = BTreeMap::new();
    for app in App::ALL {
        let trunk_out = trunk_build(app, &options.base, out)?;
        // Trunk names its output index.html whatever the entry's name.
        let index = trunk_out.join("index.html");
        let index = std::fs::read_to_string(&index)
            .with_context(|| format!("trunk wrote no {}", index.display()))?;
        assets.insert(app, prerender::trunk_assets(&index, app, &options.base)?);
        copy_tree(&trunk_out, out, &|p| {
            p.extension().is_some_and(|e| e == "html")
        })?;
    }
    copy_tree(&repo_root().join("public"), out, &|_| false)?;

    let build = Build {
        site: &site,
        base: options.base.clone(),
        origin: site_config::origin(),
        repo_url: site_config::repo_url(),
        assets,
    };
    let pages = prerender::write_all(&build, out)?;
    crate::search_index::write(&site, &options.base, out)?;
    write_link_index(&site, &options.base, out)?;
    let cached = offline::write_service_worker(out, &options.base)?;
    let archive = offline::write_archive(out, &options.base)?;
    let compressed = compress::precompress(out)?;
    println!(
        "dist: {pages} pages, {cached} files in the offline cache, archive {:.1} MB, {compressed} files \
         precompressed, base {} -> {} ({:.1}s)",
        archive as f64 / 1_048_576.0,
        options.base,
        out.display(),
        started.elapsed().as_secs_f32()
    );
    Ok(())
}

/// `trunk build` of one app in release mode, offline, with the pinned tools first on PATH.
/// Its output goes beside the final folder, so two builds into different folders never mix.
fn trunk_build(app: App, base: &str, dist: &Path) -> Result<PathBuf> {
    let name = dist.file_name().and_then(|n| n.to_str()).unwrap_or("dist");
    let out = repo_root()
        .join("target/trunk-dist")
        .join(name)
        .join(app.name());
    tools::run(
        tools::command(tools::cargo_bin().join("trunk"))
            .arg("build")
            .arg(format!("app/site/{}", app.html_name()))
            .args(["--release", "--offline", "--public-url", base, "--dist"])
            .arg(&out),
    )
    .context("trunk build failed (run `cargo xtask setup` if a tool is missing)")?;
    Ok(out)
}

/// `link-index.txt`: routes, anchors, public files and code languages, for the previewer's
/// link and language checks (content::links).
fn write_link_index(site: &content::Site, base: &str, out: &Path) -> Result<()> {
    let index = content::links::LinkIndex::for_build(site, base, &repo_root().join("public"));
    std::fs::write(out.join("link-index.txt"), index.to_text()).context("writing link-index.txt")
}

fn copy_tree(from: &Path, to: &Path, skip: &dyn Fn(&Path) -> bool) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let path = entry.path();
        if skip(&path) {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&path, &target, skip)?;
        } else {
            std::fs::copy(&path, &target).with_context(|| format!("copying {}", path.display()))?;
        }
    }
    Ok(())
}
