//! sitemap.xml (with hreflang alternates) and robots.txt.

use super::Build;
use content::{Lang, route};

pub fn sitemap(build: &Build<'_>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for site in &build.site.langs {
        for page in &site.pages {
            out.push_str("  <url>\n    <loc>");
            out.push_str(&xml_escape(&build.absolute(&page.route(&build.base))));
            out.push_str("</loc>\n");
            if let Some(date) = &page.last_updated {
                out.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
            }
            for lang in Lang::ALL {
                let href = build.absolute(&route(&build.base, lang, &page.path));
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    lang.code(),
                    xml_escape(&href)
                ));
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(build: &Build<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        build.absolute(&format!("{}sitemap.xml", build.base))
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
