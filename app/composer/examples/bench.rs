//! Prints the composer figures:
//! `cargo run --profile native -p composer --features bench[,mimalloc] --example bench [timing]`
//! (`timing` leaves out the share-link lengths).

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let allocator = if cfg!(feature = "mimalloc") {
        "mimalloc"
    } else {
        "system"
    };
    let links = std::env::args().nth(1).as_deref() != Some("timing");
    print!("{}", composer::bench::bench_report(allocator, links));
}
