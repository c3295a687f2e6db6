//! Navigation derived from SUMMARY.md: reading order, breadcrumbs and the current section.

use content::{LangSite, NavItem};

/// A page in reading order, with the trail of titles above it.
pub struct Located<'a> {
    pub section: &'a str,
    /// Titles and paths of the items above the page inside its section.
    pub parents: Vec<(&'a str, &'a str)>,
}

/// Every nav path in reading order (sections in order, items depth-first).
pub fn reading_order(site: &LangSite) -> Vec<(&str, &str)> {
    fn walk<'a>(items: &'a [NavItem], out: &mut Vec<(&'a str, &'a str)>) {
        for item in items {
            out.push((item.title.as_str(), item.path.as_str()));
            walk(&item.children, out);
        }
    }
    let mut out = Vec::new();
    for section in &site.nav {
        walk(&section.items, &mut out);
    }
    out
}

/// A neighbouring page: its title and path.
type Neighbour<'a> = Option<(&'a str, &'a str)>;

/// The previous and next pages around `path` in reading order.
pub fn neighbours<'a>(site: &'a LangSite, path: &str) -> (Neighbour<'a>, Neighbour<'a>) {
    let order = reading_order(site);
    let Some(at) = order.iter().position(|(_, p)| *p == path) else {
        return (None, None);
    };
    let prev = at.checked_sub(1).and_then(|i| order.get(i)).copied();
    let next = order.get(at + 1).copied();
    (prev, next)
}

/// Where `path` sits in the sidebar, if it is there.
pub fn locate<'a>(site: &'a LangSite, path: &str) -> Option<Located<'a>> {
    fn find<'a>(items: &'a [NavItem], path: &str, trail: &mut Vec<(&'a str, &'a str)>) -> bool {
        for item in items {
            if item.path == path {
                return true;
            }
            trail.push((item.title.as_str(), item.path.as_str()));
            if find(&item.children, path, trail) {
                return true;
            }
            trail.pop();
        }
        false
    }
    site.nav.iter().find_map(|section| {
        let mut trail = Vec::new();
        find(&section.items, path, &mut trail).then_some(Located {
            section: section.title.as_str(),
            parents: trail,
        })
    })
}

/// Whether `item` or any item below it is the page at `path` (its group stays open).
pub fn contains(item: &NavItem, path: &str) -> bool {
    item.path == path || item.children.iter().any(|child| contains(child, path))
}
