//! A stored (uncompressed) zip writer with CRC-32: the bundle is a few dozen KB of text, so
//! deflate would save little and cost a compressor in the WASM.

/// CRC-32 (IEEE 802.3, reflected, as zip uses it).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

// 1 January 2026, 00:00 in MS-DOS format: a fixed date keeps the archive reproducible.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = ((2026 - 1980) << 9) | (1 << 5) | 1;
/// General purpose flag bit 11: names are UTF-8.
const UTF8: u16 = 1 << 11;

/// Writes a zip archive holding `files` (name, contents) in the given order, under `root/`
/// when `root` is not empty.
pub fn write<'a>(root: &str, files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut count: u16 = 0;
    for (name, data) in files {
        let name = if root.is_empty() {
            name.to_string()
        } else {
            format!("{root}/{name}")
        };
        let crc = crc32(data);
        let size = data.len() as u32;
        let offset = out.len() as u32;
        // Local file header.
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20);
        u16le(&mut out, UTF8);
        u16le(&mut out, 0); // stored
        u16le(&mut out, DOS_TIME);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, crc);
        u32le(&mut out, size);
        u32le(&mut out, size);
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory entry.
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 0x0314); // made by: Unix, 2.0
        u16le(&mut central, 20);
        u16le(&mut central, UTF8);
        u16le(&mut central, 0);
        u16le(&mut central, DOS_TIME);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc);
        u32le(&mut central, size);
        u32le(&mut central, size);
        u16le(&mut central, name.len() as u16);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0o100644 << 16); // external: regular file, rw-r--r--
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
        count += 1;
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

/// Reads back an archive this module wrote: (name, contents) per entry, checking every CRC.
/// Used by tests; returns None on anything unexpected.
pub fn read(zip: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let u16at = |i: usize| Some(u16::from_le_bytes(zip.get(i..i + 2)?.try_into().ok()?));
    let u32at = |i: usize| Some(u32::from_le_bytes(zip.get(i..i + 4)?.try_into().ok()?));
    let eocd = zip.len().checked_sub(22)?;
    if u32at(eocd)? != 0x0605_4b50 {
        return None;
    }
    let count = u16at(eocd + 10)? as usize;
    let mut at = u32at(eocd + 16)? as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        if u32at(at)? != 0x0201_4b50 {
            return None;
        }
        let crc = u32at(at + 16)?;
        let size = u32at(at + 20)? as usize;
        let name_len = u16at(at + 28)? as usize;
        let extra = u16at(at + 30)? as usize;
        let comment = u16at(at + 32)? as usize;
        let local = u32at(at + 42)? as usize;
        let name = String::from_utf8(zip.get(at + 46..at + 46 + name_len)?.to_vec()).ok()?;
        if u32at(local)? != 0x0403_4b50 {
            return None;
        }
        let start = local + 30 + u16at(local + 26)? as usize + u16at(local + 28)? as usize;
        let data = zip.get(start..start + size)?.to_vec();
        if crc32(&data) != crc {
            return None;
        }
        out.push((name, data));
        at += 46 + name_len + extra + comment;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn round_trip_with_unicode_names_and_empty_files() {
        let files: Vec<(&str, &[u8])> = vec![
            ("values.yaml", b"a: 1\n"),
            ("manifests/empty.yaml", b""),
            ("README-ру.md", "Привет\n".as_bytes()),
        ];
        let z = write("bundle", files.clone());
        let back = read(&z).expect("reads back");
        assert_eq!(back.len(), 3);
        for ((n, d), (bn, bd)) in files.iter().zip(&back) {
            assert_eq!(format!("bundle/{n}"), *bn);
            assert_eq!(*d, bd.as_slice());
        }
    }

    #[test]
    fn a_whole_bundle_round_trips() {
        let p = crate::preset("openshift-restricted").expect("preset");
        let c = crate::compose(p.id, &p.choices());
        let z = write("", c.files.iter().map(|(k, v)| (k.as_str(), v.as_bytes())));
        let back = read(&z).expect("reads back");
        let names: Vec<&str> = back.iter().map(|(n, _)| n.as_str()).collect();
        let want: Vec<&str> = c.files.keys().map(String::as_str).collect();
        assert_eq!(names, want);
        assert!(
            back.iter()
                .all(|(n, d)| c.files[n].as_bytes() == d.as_slice())
        );
    }

    #[test]
    fn a_corrupted_archive_is_refused() {
        let mut z = write("", [("a.txt", &b"hello"[..])]);
        z[35] ^= 1; // inside the contents
        assert!(read(&z).is_none());
        assert!(read(b"short").is_none());
    }
}
