//! Where compose time goes: `cargo run --release -p composer --example profile`.

use std::time::Instant;

fn main() {
    let p = composer::preset("production-ha").expect("preset");
    let c = p.choices();
    let n = 300;
    let time = |name: &str, f: &dyn Fn()| {
        let mut v: Vec<f64> = (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        v.sort_by(f64::total_cmp);
        println!("{name:<12} median {:>8.1} µs", v[n / 2]);
    };
    time("validate", &|| {
        std::hint::black_box(composer::validate(&c));
    });
    let (cfg, _) = composer::validate(&c);
    time("manifests", &|| {
        std::hint::black_box(composer::render::manifests(&cfg));
    });
    time("values", &|| {
        std::hint::black_box(composer::render::values::render(&cfg));
    });
    let m = composer::render::manifests(&cfg);
    time("yaml", &|| {
        for d in &m {
            std::hint::black_box(composer::yaml::to_string(&d.doc));
        }
    });
    time("compose", &|| {
        std::hint::black_box(composer::compose(p.id, &c));
    });
}
