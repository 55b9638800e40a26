//! Every document of the shared corpus loads or is rejected with a clear error; none
//! panics and none hangs. Prints how many load, per specification version.
//!
//! The corpus lives beside the project (`../shared/corpus`); without it the test says
//! so and passes, since it has nothing to check.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use poly_model::openapi;

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.join("INDEX.tsv").is_file().then_some(dir)
}

#[test]
fn every_corpus_document_loads_or_fails_clearly() {
    let Some(dir) = corpus_dir() else {
        eprintln!("SKIPPED: ../shared/corpus is absent; nothing to check");
        return;
    };
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).expect("INDEX.tsv is readable");
    let mut loaded: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut rejected = Vec::new();
    let mut mismatched = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());

    for row in index.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (path, version) = (cols[0], cols[4]);
        let expected_ops: usize = cols[6].parse().unwrap_or(0);
        let family = if version.starts_with('2') {
            "2.0"
        } else {
            &version[..3]
        };
        let started = Instant::now();
        let result = openapi::load(&dir.join(path));
        let took = started.elapsed();
        if took > slowest.0 {
            slowest = (took, path.to_owned());
        }
        let entry = loaded.entry(family.to_owned()).or_default();
        entry.1 += 1;
        match result {
            Ok(l) => {
                entry.0 += 1;
                // Every operation the index counts is in the model (the multi-file root's
                // count covers only its own paths map, so it is a lower bound there).
                let ops = l.api.operations.len();
                if ops != expected_ops {
                    mismatched.push(format!(
                        "{path}: {ops} operations, index says {expected_ops}"
                    ));
                }
            }
            Err(diagnostics) => {
                // A clear error names the file, says why, and says what to do.
                let first = diagnostics
                    .errors()
                    .next()
                    .expect("a rejection carries an error");
                assert!(!first.message.is_empty(), "{path}: empty message");
                assert!(first.hint.is_some(), "{path}: no hint in {first}");
                rejected.push(format!(
                    "{path}\n    {}",
                    first.to_string().replace('\n', "\n    ")
                ));
            }
        }
    }

    let mut report = String::new();
    for (family, (ok, all)) in &loaded {
        report.push_str(&format!("version {family}: {ok} of {all} load\n"));
    }
    report.push_str(&format!("rejected with an error: {}\n", rejected.len()));
    for r in &rejected {
        report.push_str(&format!("  {r}\n"));
    }
    report.push_str(&format!(
        "operation count differs from the index: {}\n",
        mismatched.len()
    ));
    for m in &mismatched {
        report.push_str(&format!("  {m}\n"));
    }
    report.push_str(&format!("slowest: {} in {:?}\n", slowest.1, slowest.0));
    // Printed for `--nocapture` runs, and kept where CI shows it after the suite.
    print!("{report}");
    let _ = std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-report.txt"),
        &report,
    );
    assert!(mismatched.is_empty(), "operations were lost:\n{report}");
}
