//! Generated files in memory, and how they meet the disk: written, or compared for
//! `generate --check`.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// Generated files by path relative to the output root. A `BTreeMap` so that every
/// walk over the output is in one deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<PathBuf, String>,
}

/// One way the disk differs from what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Changed(PathBuf),
}

impl Drift {
    pub fn path(&self) -> &Path {
        match self {
            Drift::Missing(p) | Drift::Changed(p) => p,
        }
    }
}

impl Output {
    pub fn add(&mut self, path: impl Into<PathBuf>, contents: impl Into<String>) {
        self.files.insert(path.into(), contents.into());
    }

    pub fn files(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files.iter().map(|(p, c)| (p.as_path(), c.as_str()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes every file under `root`, skipping files whose contents are already
    /// right (so build systems watching mtimes do not rebuild). Returns how many
    /// files were written.
    pub fn write(&self, root: &Path) -> io::Result<usize> {
        let mut written = 0;
        for (path, contents) in &self.files {
            let full = root.join(path);
            if std::fs::read(&full).is_ok_and(|old| old == contents.as_bytes()) {
                continue;
            }
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&full, contents)?;
            written += 1;
        }
        Ok(written)
    }

    /// Lists the files under `root` that differ from this output.
    pub fn drift(&self, root: &Path) -> Vec<Drift> {
        self.files
            .iter()
            .filter_map(|(path, contents)| match std::fs::read(root.join(path)) {
                Err(_) => Some(Drift::Missing(path.clone())),
                Ok(old) if old != contents.as_bytes() => Some(Drift::Changed(path.clone())),
                Ok(_) => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_reports_no_drift_then_detects_changes() {
        let dir = std::env::temp_dir().join(format!("poly-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut out = Output::default();
        out.add("a/lib.rs", "pub fn a() {}\n");
        out.add("b.ts", "export {};\n");

        assert_eq!(out.drift(&dir).len(), 2);
        assert_eq!(out.write(&dir).unwrap(), 2);
        assert!(out.drift(&dir).is_empty());
        assert_eq!(
            out.write(&dir).unwrap(),
            0,
            "unchanged files are not rewritten"
        );

        std::fs::write(dir.join("b.ts"), "export const x = 1;\n").unwrap();
        assert_eq!(out.drift(&dir), vec![Drift::Changed(PathBuf::from("b.ts"))]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
