//! Kubernetes memory quantities: strict parsing to MiB and formatting back.

/// The largest quantity accepted: 16 TiB, well above any node.
const MAX_MIB: u64 = 16 * 1024 * 1024;

/// Parses `512Mi`, `4Gi`, `1.5Gi`, `2G`, `1024M`, `1Ti` into MiB (rounded up).
/// Rejects negatives, exponents, unknown suffixes (`8gb`), plain bytes below 1 MiB and huge values.
pub fn parse_mib(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 20 {
        return None;
    }
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if int.is_empty()
        || int.len() > 15
        || frac.len() > 6
        || frac.contains('.')
        || (num.contains('.') && frac.is_empty())
    {
        return None;
    }
    // Integer arithmetic only: no float parsing or formatting in the WASM.
    let unit: u128 = match suffix {
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "Ti" => 1 << 40,
        "k" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "T" => 1_000_000_000_000,
        "" => 1,
        _ => return None,
    };
    let digits: u128 = format!("{int}{frac}").parse().ok()?;
    let scale: u128 = 10u128.pow(frac.len() as u32);
    let bytes = digits.checked_mul(unit)?;
    let mib = bytes.div_ceil(scale * (1 << 20));
    if bytes < scale * (1 << 20) || mib > u128::from(MAX_MIB) {
        return None;
    }
    u64::try_from(mib).ok()
}

/// Formats MiB as a Kubernetes quantity: `4Gi` when whole, else `1536Mi`.
pub fn k8s(mib: u64) -> String {
    if mib == 0 {
        return "0".into();
    }
    if mib.is_multiple_of(1024) {
        format!("{}Gi", mib / 1024)
    } else {
        format!("{mib}Mi")
    }
}

/// Formats MiB the way Spark memory properties read them: `2048m`.
pub fn spark(mib: u64) -> String {
    format!("{mib}m")
}

/// Parses a decimal factor like `0.10` into thousandths (exact arithmetic, no float drift).
pub fn parse_factor_milli(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() || frac.len() > 3 || frac.contains('.') {
        return None;
    }
    let i: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f = frac.to_string();
    while f.len() < 3 {
        f.push('0');
    }
    let f: u64 = f.parse().ok()?;
    let v = i * 1000 + f;
    (v <= 10_000).then_some(v)
}

/// Thousandths back to a decimal string: 100 -> "0.1", 400 -> "0.4", 1250 -> "1.25".
pub fn factor_text(milli: u64) -> String {
    let mut s = format!("{}.{:03}", milli / 1000, milli % 1000);
    while s.ends_with('0') && !s.ends_with(".0") {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(parse_mib("512Mi"), Some(512));
        assert_eq!(parse_mib("4Gi"), Some(4096));
        assert_eq!(parse_mib("1.5Gi"), Some(1536));
        assert_eq!(parse_mib("2G"), Some(1908));
        for bad in [
            "8gb",
            "-1",
            "1e99Gi",
            "",
            "Gi",
            "1..2Gi",
            "99999999Gi",
            "1 Gi",
            "0",
            "100",
        ] {
            assert_eq!(parse_mib(bad), None, "{bad}");
        }
    }

    #[test]
    fn factors() {
        assert_eq!(parse_factor_milli("0.10"), Some(100));
        assert_eq!(parse_factor_milli(".4"), Some(400));
        assert_eq!(parse_factor_milli("-1"), None);
        assert_eq!(factor_text(100), "0.1");
        assert_eq!(factor_text(1250), "1.25");
    }
}
