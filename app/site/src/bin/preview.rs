//! The runbook previewer page.

fn main() {
    site::enhance::page();
    site::preview_page::mount();
}
