//! Diagnostics: what went wrong, where (file, line, column, JSON pointer), and what to
//! do about it.
//!
//! Every error this crate reports about a user's document is a [`Diagnostic`]. The
//! plain rendering (`Display`) is stable and is what snapshot tests pin down; the CLI
//! adds colour and source excerpts on a terminal.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::source::{Location, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, kebab-case name for the kind of problem (`unknown-tenant`).
    pub code: &'static str,
    pub file: PathBuf,
    pub location: Option<Location>,
    /// The JSON pointer of the offending value, when there is one.
    pub pointer: Option<String>,
    /// One line of why.
    pub message: String,
    /// What to do next.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.as_ref().to_path_buf(),
            location: None,
            pointer: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(code: &'static str, file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// Points the diagnostic at `pointer` and, through `source`, at its line and column.
    pub fn at(mut self, source: &Source, pointer: impl Into<String>) -> Self {
        let pointer = pointer.into();
        self.location = source.locate(&pointer);
        self.pointer = Some(pointer);
        self
    }

    /// Names a pointer without locating it (the caller has no source text at hand).
    pub fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn at_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(loc) = self.location {
            write!(f, ":{}:{}", loc.line, loc.column)?;
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {severity}[{}]: {}", self.code, self.message)?;
        if let Some(pointer) = &self.pointer {
            write!(f, "\n  at: #{pointer}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Several diagnostics, reported together so that one run shows every problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl From<Box<Diagnostic>> for Diagnostics {
    fn from(d: Box<Diagnostic>) -> Self {
        Diagnostics(vec![*d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Suggests the candidate closest to `word`, for "did you mean …" hints.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A hint for a name that is not among `candidates`: the nearest one, or the list.
pub fn unknown_name_hint<'a, I>(word: &str, what: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    if let Some(near) = did_you_mean(word, candidates.clone()) {
        return format!("did you mean `{near}`?");
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    if all.is_empty() {
        format!("no {what} is declared")
    } else if all.len() <= 12 {
        format!("known {what}s: {}", all.join(", "))
    } else {
        format!("there are {} {what}s; none is close to `{word}`", all.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_plainly() {
        let source = Source::new("poly.yaml", "tenants:\n  acme: {}\n");
        let d = Diagnostic::error("unknown-api", "poly.yaml", "unknown API `erpp`")
            .at(&source, "/tenants/acme")
            .with_hint("did you mean `erp`?");
        assert_eq!(
            d.to_string(),
            "poly.yaml:2:3: error[unknown-api]: unknown API `erpp`\n  at: #/tenants/acme\n  hint: did you mean `erp`?"
        );
    }

    #[test]
    fn suggests_near_names() {
        assert_eq!(did_you_mean("staging", ["prod", "stagin"]), Some("stagin"));
        assert_eq!(did_you_mean("zzz", ["prod", "staging"]), None);
    }
}
