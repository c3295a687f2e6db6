//! Placeholder until its owner lands it.

pub fn run(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
