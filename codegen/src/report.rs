//! Showing diagnostics to a person: colour and source excerpts on a terminal, the
//! stable plain form (`file:line:col: error[code]: …`) everywhere else.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use poly_model::{Diagnostic, Diagnostics, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub struct Reporter {
    graphical: Option<GraphicalReportHandler>,
    sources: HashMap<PathBuf, Option<String>>,
}

impl Reporter {
    pub fn new(color: ColorChoice) -> Reporter {
        let fancy = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        let graphical = fancy.then(|| {
            GraphicalReportHandler::new_themed(GraphicalTheme::unicode()).with_context_lines(2)
        });
        Reporter {
            graphical,
            sources: HashMap::new(),
        }
    }

    pub fn report_all(&mut self, diagnostics: &Diagnostics) {
        for d in diagnostics.iter() {
            self.report(d);
        }
    }

    pub fn report(&mut self, d: &Diagnostic) {
        let Some(handler) = &self.graphical else {
            eprintln!("{d}\n");
            return;
        };
        let source = self
            .sources
            .entry(d.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&d.file).ok())
            .clone();
        let rendered = Rendered {
            d,
            source: source.map(|s| NamedSource::new(d.file.display().to_string(), s)),
        };
        let mut out = String::new();
        match handler.render_report(&mut out, &rendered) {
            Ok(()) => eprintln!("{out}"),
            Err(_) => eprintln!("{d}\n"),
        }
    }
}

/// Adapts a poly diagnostic to miette for the graphical form.
struct Rendered<'a> {
    d: &'a Diagnostic,
    source: Option<NamedSource<String>>,
}

impl std::fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.d)
    }
}

impl std::fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.d;
        match d.location {
            Some(l) => write!(
                f,
                "{}:{}:{}: {}",
                d.file.display(),
                l.line,
                l.column,
                d.message
            ),
            None => write!(f, "{}: {}", d.file.display(), d.message),
        }
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(self.d.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        let pointer = self.d.pointer.as_deref().map(|p| format!("at #{p}"));
        match (&self.d.hint, pointer) {
            (Some(h), Some(p)) => Some(Box::new(format!("{h}\n{p}"))),
            (Some(h), None) => Some(Box::new(h.clone())),
            (None, Some(p)) => Some(Box::new(p)),
            (None, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let location = self.d.location?;
        self.source.as_ref()?;
        let span = SourceSpan::new(location.offset.into(), 1);
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("here".to_owned()),
            span,
        ))))
    }
}
