//! Helpers for the cross-crate tests: where the seeds and fixtures are.

use std::path::PathBuf;

/// The repository's root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The five seed reports (`tests/fixtures/seeds`).
pub fn seeds_dir() -> PathBuf {
    repo_root().join("tests/fixtures/seeds")
}

/// The five seeds, by their three-digit prefix (`"000"` … `"004"`).
pub fn seed(prefix: &str) -> (String, Vec<u8>) {
    let dir = seeds_dir();
    let entry = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix} in {}", dir.display()));
    let name = entry.file_name().to_string_lossy().into_owned();
    (name, std::fs::read(entry.path()).expect("seed readable"))
}

/// A fixture file of this repository (under `tests/fixtures`).
pub fn fixture(path: &str) -> Vec<u8> {
    let p = repo_root().join("tests/fixtures").join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// The entries of a zip archive (a .docx/.xlsx fixture), inflated, in
/// directory order; `None` when it is not a zip this simple reader knows.
pub fn zip_entries(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let u16_at = |at: usize| -> Option<usize> {
        Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as usize)
    };
    let u32_at = |at: usize| -> Option<usize> {
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let eocd = (0..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))?;
    let count = u16_at(eocd + 10)?;
    let mut p = u32_at(eocd + 16)?;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if !bytes.get(p..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let method = u16_at(p + 10)?;
        let compressed = u32_at(p + 20)?;
        let (n, x, c) = (u16_at(p + 28)?, u16_at(p + 30)?, u16_at(p + 32)?);
        let local = u32_at(p + 42)?;
        let name = String::from_utf8_lossy(bytes.get(p + 46..p + 46 + n)?).into_owned();
        let start = local + 30 + u16_at(local + 26)? + u16_at(local + 28)?;
        let data = bytes.get(start..start + compressed)?;
        let data = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(data).ok()?,
            _ => return None,
        };
        out.push((name, data));
        p += 46 + n + x + c;
    }
    Some(out)
}

/// A zip archive of these entries, deflated.
pub fn make_zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 1);
        let offset = out.len() as u32;
        let mut head = Vec::new();
        head.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method, time, date, crc
        head.extend_from_slice(&(deflated.len() as u32).to_le_bytes());
        head.extend_from_slice(&(data.len() as u32).to_le_bytes());
        head.extend_from_slice(&(name.len() as u16).to_le_bytes());
        head.extend_from_slice(&[0, 0]);
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&head);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&deflated);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&[20, 0]);
        central.extend_from_slice(&head);
        central.extend_from_slice(&[0; 10]); // comment, disk, attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let count = entries.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

pub mod attacks;

/// Whether an external program the tests compare with (`pdftotext`,
/// `soffice`) can be run. `cargo xtask test` installs them and sets
/// `NIANBAO_EXTERNAL_TOOLS`: there a missing one fails the test; elsewhere
/// (a plain `cargo test`) the test says so and passes.
pub fn external_tool(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("NIANBAO_EXTERNAL_TOOLS").is_none(),
            "{name} is missing: `cargo xtask setup` installs it"
        );
        eprintln!("{name} is missing: this test is skipped (cargo xtask test runs it)");
    }
    found
}
