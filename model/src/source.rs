//! Source documents: the text of a file, its format, and the way back from a JSON
//! pointer to a line and column.
//!
//! Documents are parsed into `serde_json::Value` on the fast path without recording
//! positions. Positions are only needed when something is wrong, so [`Source::locate`]
//! re-scans the text for the one pointer a diagnostic names.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::Diagnostic;

mod json;
mod yaml;

/// How a document is written. Detected from the content, not the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

/// A 1-based line and column (columns count characters, not bytes), plus the byte
/// offset, which is what source excerpts are cut by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// One file read from disk (or handed in by a test).
#[derive(Debug, Clone)]
pub struct Source {
    path: PathBuf,
    text: Arc<str>,
    format: Format,
}

/// Documents larger than this are refused rather than parsed: the largest real API
/// description we know of is under 20 MB.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

impl Source {
    /// Reads a file. The error is a diagnostic that names the file and the OS reason.
    pub fn read(path: &Path) -> Result<Source, Box<Diagnostic>> {
        let meta = std::fs::metadata(path).map_err(|e| {
            Diagnostic::error("io", path, format!("cannot read file: {e}")).with_hint(
                "check the path; relative paths are resolved from the file that names them",
            )
        })?;
        if meta.len() > MAX_DOCUMENT_BYTES {
            return Err(Box::new(
                Diagnostic::error(
                    "too-large",
                    path,
                    format!(
                        "file is {} bytes; the limit is {MAX_DOCUMENT_BYTES}",
                        meta.len()
                    ),
                )
                .with_hint("split the description into several files joined by $ref"),
            ));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::error("io", path, format!("cannot read file: {e}")))?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let source = Source::new(path, text);
                let location = source.location_of_offset(offset);
                return Err(Box::new(
                    Diagnostic::error("encoding", path, "file is not valid UTF-8")
                        .at_location(location)
                        .with_hint("save the file as UTF-8"),
                ));
            }
        };
        Ok(Source::new(path, text))
    }

    /// Wraps text that did not come from disk (tests, build scripts, stdin).
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Source {
        let text: Arc<str> = text.into();
        let format = detect_format(&text);
        Source {
            path: path.into(),
            text,
            format,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Parses the whole document.
    pub fn parse(&self) -> Result<Value, Box<Diagnostic>> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        match self.format {
            Format::Json => serde_json::from_str(text).map_err(|e| {
                let location = self.location_of_line_column(e.line(), e.column());
                Box::new(
                    Diagnostic::error(
                        "syntax",
                        &self.path,
                        format!("invalid JSON: {}", json_reason(&e)),
                    )
                    .at_location(location)
                    .with_hint("fix the JSON syntax at this position"),
                )
            }),
            Format::Yaml => yaml::parse(text).map_err(|e| {
                let location = self.location_of_line_column(e.line, e.column);
                Box::new(
                    Diagnostic::error("syntax", &self.path, format!("invalid YAML: {}", e.message))
                        .at_location(location)
                        .with_hint(
                            "fix the YAML syntax at this position (indentation is a common cause)",
                        ),
                )
            }),
        }
    }

    /// Finds where the value named by `pointer` starts in the text. For a pointer into
    /// an object member this is the member's key, which is what a reader looks for.
    /// Falls back to the deepest ancestor that exists.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let tokens = crate::pointer::tokens(pointer)?;
        if tokens.is_empty() {
            // The whole document starts where its first line does.
            return Some(Location {
                line: 1,
                column: 1,
                offset: 0,
            });
        }
        let (line, column) = match self.format {
            Format::Json => json::locate(&self.text, &tokens)?,
            Format::Yaml => yaml::locate(&self.text, &tokens)?,
        };
        Some(self.location_of_line_column(line, column))
    }

    /// Converts a 1-based line and character column into a [`Location`].
    pub fn location_of_line_column(&self, line: usize, column: usize) -> Location {
        let mut offset = 0;
        for (i, l) in self.text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let within: usize = l
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                offset += within;
                break;
            }
            offset += l.len();
        }
        Location {
            line: line.max(1),
            column: column.max(1),
            offset: offset.min(self.text.len()),
        }
    }

    /// Converts a byte offset into a [`Location`].
    pub fn location_of_offset(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location {
            line,
            column,
            offset,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// JSON is a document whose first meaningful character opens an object or array;
/// everything else is treated as YAML (of which JSON is nearly a subset anyway).
fn detect_format(text: &str) -> Format {
    let first = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next();
    match first {
        Some('{') | Some('[') => Format::Json,
        _ => Format::Yaml,
    }
}

fn json_reason(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the location is reported separately.
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_format_from_content() {
        assert_eq!(Source::new("a.yaml", " {\"a\": 1}").format(), Format::Json);
        assert_eq!(Source::new("a.json", "a: 1").format(), Format::Yaml);
    }

    #[test]
    fn locates_in_json_and_yaml() {
        let json = Source::new(
            "a.json",
            "{\n  \"paths\": {\n    \"/a~b\": {\"get\": 1}\n  }\n}",
        );
        let loc = json.locate("/paths/~1a~0b/get").unwrap();
        assert_eq!((loc.line, loc.column), (3, 14));
        let yaml = Source::new(
            "a.yaml",
            "paths:\n  /a~b:\n    get: 1\nlist:\n  - x\n  - y: 2\n",
        );
        let loc = yaml.locate("/paths/~1a~0b/get").unwrap();
        assert_eq!((loc.line, loc.column), (3, 5));
        let loc = yaml.locate("/list/1/y").unwrap();
        assert_eq!((loc.line, loc.column), (6, 5));
        // A mapping that is a list item is found at its first key, not at its `:`.
        let loc = yaml.locate("/list/1").unwrap();
        assert_eq!((loc.line, loc.column), (6, 5));
    }

    #[test]
    fn missing_pointer_falls_back_to_deepest_ancestor() {
        let yaml = Source::new("a.yaml", "a:\n  b: 1\n");
        let loc = yaml.locate("/a/zzz").unwrap();
        assert_eq!((loc.line, loc.column), (1, 1));
    }
}
