//! Docs pages and runbooks.

fn main() {
    site::enhance::page();
}
