//! Names and free text: DNS labels, the release, buckets, image tags, URLs. Invalid values are
//! reported and replaced by their defaults so the rest of the output stays well-formed.

use super::{ArgExt, Out};
use crate::choices::{ChartLine, Choices, Iceberg, SecretsMode, Storage};
use crate::diag::Code;

/// The longest suffix we append to the release for a Service name (`-standalone-master`).
pub const LONGEST_SUFFIX: usize = 18;

pub fn dns_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

pub fn bucket(s: &str) -> bool {
    let b = s.as_bytes();
    let ip = s.split('.').count() == 4
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    (3..=63).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'.')
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && !s.contains("..")
        && !ip
}

pub fn image_tag(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || b"._-".contains(c))
}

/// Characters allowed in registries, paths and URLs we write into configs and scripts.
fn safe_text(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b":/._-@%+=~".contains(&c))
}

pub fn url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', ':']).next().unwrap_or("");
            safe_text(s, 300)
                && !host.is_empty()
                && host
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
        }
        None => false,
    }
}

pub fn check(c: &mut Choices, out: &mut Out) {
    let d = Choices::default();
    let line_tag = if c.chart == ChartLine::Spark35 {
        "3.5.7"
    } else {
        "4.1.0"
    };

    if !dns_label(&c.identity.namespace) {
        out.push(Code::DnsLabelInvalid, "identity.namespace")
            .a("value", &c.identity.namespace);
        c.identity.namespace = d.identity.namespace.clone();
    }
    let r = &c.identity.release;
    if !dns_label(r) || !r.as_bytes()[0].is_ascii_lowercase() {
        out.push(Code::DnsLabelInvalid, "identity.release")
            .a("value", r);
        c.identity.release = d.identity.release.clone();
    } else if r.len() + LONGEST_SUFFIX > 63 {
        out.push(Code::ReleaseTooLong, "identity.release")
            .a("len", r.len())
            .a("max", 63 - LONGEST_SUFFIX);
        c.identity.release = d.identity.release.clone();
    }
    for (path, v, def) in [
        ("s3.secret_name", &mut c.s3.secret_name, &d.s3.secret_name),
        (
            "features.secret_store",
            &mut c.features.secret_store,
            &d.features.secret_store,
        ),
    ] {
        if !dns_label(v) {
            out.push(Code::DnsLabelInvalid, path).a("value", &*v);
            *v = def.clone();
        }
    }
    for (path, v, def) in [
        (
            "s3.warehouse_bucket",
            &mut c.s3.warehouse_bucket,
            &d.s3.warehouse_bucket,
        ),
        ("s3.logs_bucket", &mut c.s3.logs_bucket, &d.s3.logs_bucket),
    ] {
        if !bucket(v) {
            out.push(Code::BucketInvalid, path).a("value", &*v);
            *v = def.clone();
        }
    }
    for (path, v, def) in [
        ("identity.spark_tag", &mut c.identity.spark_tag, line_tag),
        (
            "identity.jupyter_tag",
            &mut c.identity.jupyter_tag,
            line_tag,
        ),
    ] {
        let t = v.trim();
        if t.is_empty() {
            out.push(Code::ImageTagEmpty, path).a("suggest", def);
            *v = def.to_string();
        } else if t.eq_ignore_ascii_case("latest") {
            out.push(Code::ImageTagLatest, path).a("suggest", def);
            *v = def.to_string();
        } else if !image_tag(v) {
            out.push(Code::ImageTagInvalid, path).a("value", &*v);
            *v = def.to_string();
        }
    }
    if !safe_text(&c.identity.registry, 200) || c.identity.registry.ends_with('/') {
        out.push(Code::TextInvalid, "identity.registry");
        c.identity.registry = d.identity.registry.clone();
    }
    if !url(&c.site_url) {
        out.push(Code::UrlInvalid, "site_url")
            .a("value", &c.site_url);
        c.site_url = d.site_url.clone();
    }
    c.site_url = c.site_url.trim_end_matches('/').to_string();
    if c.components.storage == Storage::External {
        if !url(&c.s3.endpoint) {
            out.push(Code::UrlInvalid, "s3.endpoint")
                .a("value", &c.s3.endpoint);
            c.s3.endpoint = "https://s3.amazonaws.com".into();
        } else if c.s3.endpoint.starts_with("http://") {
            out.push(Code::PlainHttpS3, "s3.endpoint");
        }
    }
    let domain_ok = c.features.domain.len() <= 253
        && c.features.domain.split('.').count() >= 2
        && c.features.domain.split('.').all(dns_label);
    if !domain_ok {
        out.push(Code::DnsLabelInvalid, "features.domain")
            .a("value", &c.features.domain);
        c.features.domain = d.features.domain.clone();
    }
    if c.features.iceberg == Iceberg::Rest
        && !c.features.iceberg_rest_uri.is_empty()
        && !url(&c.features.iceberg_rest_uri)
    {
        out.push(Code::UrlInvalid, "features.iceberg_rest_uri")
            .a("value", &c.features.iceberg_rest_uri);
        c.features.iceberg_rest_uri.clear();
    }
    for (path, v, def) in [
        (
            "s3.event_log_dir",
            &mut c.s3.event_log_dir,
            &d.s3.event_log_dir,
        ),
        (
            "s3.history_log_dir",
            &mut c.s3.history_log_dir,
            &d.s3.history_log_dir,
        ),
    ] {
        if !safe_text(v, 200) {
            out.push(Code::TextInvalid, path);
            *v = def.clone();
        }
    }
    if c.features.secrets == SecretsMode::Inline {
        for (path, v) in [
            ("s3.access_key", &mut c.s3.access_key),
            ("s3.secret_key", &mut c.s3.secret_key),
        ] {
            if v.len() > 256 || v.chars().any(char::is_control) {
                out.push(Code::TextInvalid, path);
                v.clear();
            }
        }
    }
}
