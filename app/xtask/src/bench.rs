//! `cargo xtask bench`: figures, printed (sizes are deterministic; timings are reported, never asserted).

pub fn run(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("bench: not built yet")
}
