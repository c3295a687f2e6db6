//! A small static file server for the built site on 127.0.0.1, behaving like a static host:
//! `dir/` serves `dir/index.html`, `dir` redirects to `dir/`, unknown paths get `404.html` with
//! status 404, and precompressed `.br`/`.gz` files are used when the browser accepts them.

use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

pub struct Server {
    pub port: u16,
}

/// Bind on 127.0.0.1 (port 0 picks a free one) and serve `root` under `base` on a background thread.
pub fn start(root: &Path, base: &str, port: u16) -> Result<Server> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("binding 127.0.0.1:{port}"))?;
    let port = listener.local_addr()?.port();
    let root = root.to_path_buf();
    let base = base.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            let base = base.clone();
            std::thread::spawn(move || {
                let _ = handle(stream, &root, &base);
            });
        }
    });
    Ok(Server { port })
}

fn handle(mut stream: TcpStream, root: &Path, base: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut accepts = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("accept-encoding")
        {
            accepts = value.to_ascii_lowercase();
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(
            &mut stream,
            405,
            "text/plain",
            &[],
            b"method not allowed",
            head_only,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match resolve(root, base, &percent_decode(path)) {
        Resolved::File(file) => send_file(&mut stream, 200, &file, &accepts, head_only),
        Resolved::Redirect(to) => respond(
            &mut stream,
            301,
            "text/plain",
            &[("Location", to.as_str())],
            b"moved",
            head_only,
        ),
        Resolved::NotFound => send_file(
            &mut stream,
            404,
            &root.join("404.html"),
            &accepts,
            head_only,
        ),
    }
}

enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

fn resolve(root: &Path, base: &str, path: &str) -> Resolved {
    if base != "/" && path == base.trim_end_matches('/') {
        return Resolved::Redirect(base.to_string());
    }
    let Some(rest) = path.strip_prefix(base) else {
        return Resolved::NotFound;
    };
    // No way out of the served folder.
    if rest
        .split('/')
        .any(|seg| seg == ".." || seg.starts_with('.') && !seg.is_empty())
    {
        return Resolved::NotFound;
    }
    let candidate = root.join(rest);
    if candidate.is_file() {
        return Resolved::File(candidate);
    }
    if candidate.is_dir() {
        if !path.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        let index = candidate.join("index.html");
        if index.is_file() {
            return Resolved::File(index);
        }
    }
    Resolved::NotFound
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "json" => "application/json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

fn send_file(
    stream: &mut TcpStream,
    status: u16,
    file: &Path,
    accepts: &str,
    head_only: bool,
) -> std::io::Result<()> {
    let kind = content_type(file);
    // Hashed asset names never change content; pages must be revalidated.
    let cache = if kind.starts_with("text/html") {
        "no-cache"
    } else {
        "public, max-age=31536000, immutable"
    };
    for (token, suffix) in [("br", "br"), ("gzip", "gz")] {
        let packed = crate::compress::with_suffix(file, suffix);
        if accepts.contains(token) && packed.is_file() {
            let body = std::fs::read(&packed)?;
            let headers = [
                ("Content-Encoding", token),
                ("Cache-Control", cache),
                ("Vary", "Accept-Encoding"),
            ];
            return respond(stream, status, kind, &headers, &body, head_only);
        }
    }
    let body = std::fs::read(file).unwrap_or_else(|_| b"not found".to_vec());
    respond(
        stream,
        status,
        kind,
        &[("Cache-Control", cache)],
        &body,
        head_only,
    )
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_handles_cyrillic_and_stray_percent_signs() {
        assert_eq!(percent_decode("/ru/%D0%BF%D0%B0/"), "/ru/па/");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert_eq!(percent_decode("/a%2"), "/a%2");
    }
}
