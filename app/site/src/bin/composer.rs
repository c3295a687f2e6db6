//! The preset composer page.

fn main() {
    site::enhance::page();
    site::composer_page::mount();
}
