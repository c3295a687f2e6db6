//! Prints the composer figures: `cargo run --release -p composer --features bench --example bench`.

fn main() {
    print!("{}", composer::bench::bench_report());
}
