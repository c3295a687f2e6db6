//! `cargo xtask <command>`: every workflow a person repeats on this project.

mod audit;
mod bench;
mod check_content;
mod compose;
mod compress;
mod dist;
mod offline;
mod prerender;
mod search_index;
mod serve;
mod setup;
mod site_config;
mod stamp;
mod test;
mod tools;
mod validate;

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command> [args]

  setup                       install the toolchain pieces the build and tests need (idempotent)
  serve [--port N] [--base /path/] [--out DIR] [--no-build]
                              build the site (or, with --no-build, take the one in DIR) and
                              serve it on 127.0.0.1
  dist [--base /path/] [--out DIR]
                              release build + prerendered pages into dist/
  test [TIER]                 every test tier: native, content, validators, browser
  bench                       print size, speed and quality figures
  check-content [PATH...]     lint content files (file:line: message)
  stamp-translation PATH...   record which English text a Russian page translates
  compose --preset ID [--set path=value ...] [--link LINK] --out DIR
                              write a composer bundle to disk
";

fn main() {
    if let Err(err) = run() {
        eprintln!("error: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(command) = args.next() else {
        print!("{USAGE}");
        return Ok(());
    };
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "setup" => setup::run_setup(setup::Needs::Tests),
        "serve" => serve_command(&rest),
        "dist" => dist::run(&dist::DistOptions::parse(&rest)?),
        "test" => test::run(&rest),
        "bench" => bench::run(&rest),
        "check-content" => check_content::run(&rest),
        "stamp-translation" => stamp::run(&rest),
        "compose" => compose::run(&rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

fn serve_command(args: &[String]) -> Result<()> {
    let mut port = 8080u16;
    let mut build = true;
    let mut dist_args = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--port" {
            port = it
                .next()
                .context("--port needs a number")?
                .parse()
                .context("--port needs a number")?;
        } else if arg == "--no-build" {
            // Serve a site built before (e.g. to measure it again without a rebuild).
            build = false;
        } else {
            dist_args.push(arg.clone());
        }
    }
    let options = dist::DistOptions::parse(&dist_args)?;
    if build {
        setup::run_setup(setup::Needs::Build)?;
        dist::run(&options)?;
    } else {
        anyhow::ensure!(
            options.out.join("index.html").is_file(),
            "{} holds no built site (run `cargo xtask dist --out DIR` first)",
            options.out.display()
        );
    }
    let server = serve::start(&options.out, &options.base, port)?;
    println!(
        "serving {} at http://127.0.0.1:{}{} (Ctrl+C stops)",
        options.out.display(),
        server.port,
        options.base
    );
    loop {
        std::thread::park();
    }
}

/// The repository root: xtask always runs from there, whatever the caller's directory.
pub fn repo_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}
