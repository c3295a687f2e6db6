//! Where the site lives: its public origin, its repository and the path it is served under.

/// The public origin used for canonical URLs and the sitemap (`SITE_ORIGIN` overrides it).
pub fn origin() -> String {
    std::env::var("SITE_ORIGIN").unwrap_or_else(|_| "https://fall-out-bug.github.io".to_string())
}

/// The repository "edit this page" links point into (`SITE_REPO_URL` overrides it).
pub fn repo_url() -> String {
    std::env::var("SITE_REPO_URL")
        .unwrap_or_else(|_| "https://github.com/fall-out-bug/spark_k8s-site".to_string())
}
