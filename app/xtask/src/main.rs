//! `cargo xtask <command>`: every workflow a person repeats on this project.

mod check_content;
mod compose;
mod stamp;

use anyhow::{Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command> [args]

  setup                       install the toolchain pieces the build and tests need (idempotent)
  serve [--port N]            build the site and serve it on 127.0.0.1
  dist [--base /path/]        release build + prerendered pages into dist/
  test                        every test tier: native, content, golden, validators, browser
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

/// The repository root: xtask always runs from there, whatever the caller's directory.
pub fn repo_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}
