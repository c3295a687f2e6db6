//! Offline use: the service worker (one versioned cache per build) and the downloadable archive
//! of the whole built site for air-gapped networks.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

const SW_TEMPLATE: &str = include_str!("sw.js");
/// The archive's name under the base; linked from every page's footer.
pub const ARCHIVE: &str = "spark_k8s-site-offline.zip";

/// Every built file except precompressed copies (a browser negotiates encoding itself, and a
/// local server has no use for them) and the archive itself.
fn site_files(dist: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    walk(dist, &mut out)?;
    out.retain(|path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        !(name.ends_with(".br") || name.ends_with(".gz") || name == ARCHIVE)
    });
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The URL a file is served at: pages by their route (`/en/guides/sizing/`), the rest by path.
fn url_of(dist: &Path, base: &str, file: &Path) -> String {
    let rel = file
        .strip_prefix(dist)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/");
    match rel.strip_suffix("index.html") {
        Some(dir) => format!("{base}{dir}"),
        None => format!("{base}{rel}"),
    }
}

/// Write `sw.js`, versioned by the content of every file it caches.
pub fn write_service_worker(dist: &Path, base: &str) -> Result<usize> {
    // The worker never caches itself: browsers fetch it directly to look for updates.
    let files: Vec<PathBuf> = site_files(dist)?
        .into_iter()
        .filter(|f| !f.ends_with("sw.js"))
        .collect();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut urls = Vec::new();
    for file in &files {
        let url = url_of(dist, base, file);
        let bytes = std::fs::read(file)?;
        for byte in url.as_bytes().iter().chain(bytes.iter()) {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        urls.push(url);
    }
    let list = serde_json::to_string(&urls)?;
    let sw = SW_TEMPLATE
        .replace("__VERSION__", &format!("{hash:016x}"))
        .replace("__FILES__", &list);
    std::fs::write(dist.join("sw.js"), sw).context("writing sw.js")?;
    Ok(urls.len())
}

/// Zip the built site for air-gapped networks, with a note on serving it locally.
pub fn write_archive(dist: &Path, base: &str) -> Result<u64> {
    let folder = match base.trim_matches('/') {
        "" => "spark_k8s-site".to_string(),
        sub => format!("spark_k8s-site/{sub}"),
    };
    let path = dist.join(ARCHIVE);
    let file = std::fs::File::create(&path).context("creating the offline archive")?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fixed timestamp keeps the archive identical for identical builds.
        .last_modified_time(zip::DateTime::default());
    let note = format!(
        "spark_k8s site, offline copy\n\n\
         1. Unpack this archive.\n\
         2. In the folder spark_k8s-site, start any static file server on this machine, e.g.\n   \
            python3 -m http.server 8000 --bind 127.0.0.1\n\
         3. Open http://127.0.0.1:8000{base}\n\n\
         Everything is included: pages in English and Russian, search, the composer and the\n\
         previewer. Nothing is fetched from the network.\n"
    );
    zip.start_file("spark_k8s-site/OFFLINE.txt", options)?;
    zip.write_all(note.as_bytes())?;
    for file in site_files(dist)? {
        let rel = file
            .strip_prefix(dist)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        zip.start_file(format!("{folder}/{rel}"), options)?;
        zip.write_all(&std::fs::read(&file)?)?;
    }
    zip.finish().context("finishing the offline archive")?;
    Ok(std::fs::metadata(&path)?.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_cached_by_route_and_assets_by_path() {
        let dist = Path::new("/d");
        assert_eq!(
            url_of(dist, "/spark_k8s/", Path::new("/d/en/guides/index.html")),
            "/spark_k8s/en/guides/"
        );
        assert_eq!(url_of(dist, "/", Path::new("/d/index.html")), "/");
        assert_eq!(
            url_of(dist, "/", Path::new("/d/site-1.wasm")),
            "/site-1.wasm"
        );
        assert_eq!(url_of(dist, "/", Path::new("/d/404.html")), "/404.html");
    }
}
