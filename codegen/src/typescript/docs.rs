//! JSDoc comments from descriptions, escaped so that no description can end the
//! comment early or smuggle in a tag.

/// Collects the paragraphs and tags of one comment.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    paragraphs: Vec<String>,
    tags: Vec<String>,
}

impl Doc {
    pub fn new() -> Doc {
        Doc::default()
    }

    /// Adds a paragraph of description text (Markdown, as descriptions are).
    pub fn text(mut self, text: Option<&str>) -> Doc {
        if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) {
            if !self.paragraphs.iter().any(|p| p == t) {
                self.paragraphs.push(t.to_owned());
            }
        }
        self
    }

    /// Adds `@tag text`.
    pub fn tag(mut self, tag: &str, text: &str) -> Doc {
        let text = text.trim();
        if text.is_empty() {
            self.tags.push(format!("@{tag}"));
        } else {
            self.tags.push(format!("@{tag} {}", one_line(text)));
        }
        self
    }

    pub fn tag_if(self, condition: bool, tag: &str, text: &str) -> Doc {
        if condition {
            self.tag(tag, text)
        } else {
            self
        }
    }

    /// The comment's lines, without indentation: `/** one line */`, or `/**`, ` * …`,
    /// ` */`. Empty when there is nothing to say.
    pub fn lines(&self) -> Vec<String> {
        let mut body: Vec<String> = Vec::new();
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                body.push(String::new());
            }
            body.extend(text_lines(paragraph));
        }
        if !self.tags.is_empty() {
            if !body.is_empty() {
                body.push(String::new());
            }
            body.extend(self.tags.iter().map(|t| escape_comment(t)));
        }
        match body.as_slice() {
            [] => Vec::new(),
            [only] if only.len() <= WIDTH => vec![format!("/** {only} */")],
            _ => {
                let mut lines = vec!["/**".to_owned()];
                lines.extend(body.into_iter().map(|l| {
                    if l.is_empty() {
                        " *".to_owned()
                    } else {
                        format!(" * {l}")
                    }
                }));
                lines.push(" */".to_owned());
                lines
            }
        }
    }
}

/// Text is wrapped to this many characters per line.
const WIDTH: usize = 90;

/// The lines of one paragraph: wrapped, without trailing spaces or runs of blank
/// lines. Fenced code, tables and indented code keep their lines.
fn text_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut fenced = false;
    for raw in text.lines() {
        let line = escape(raw.trim_end());
        if line.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push(line);
            continue;
        }
        if fenced || line.starts_with('|') || line.starts_with("    ") || line.starts_with('\t') {
            out.push(line);
        } else {
            out.extend(wrap(&line, WIDTH));
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Greedy word wrap; list items continue under their text.
fn wrap(line: &str, width: usize) -> Vec<String> {
    if line.chars().count() <= width {
        return vec![line.to_owned()];
    }
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let marker = ["- ", "* ", "+ "]
        .iter()
        .find(|m| rest.starts_with(**m))
        .map(|m| m.len())
        .or_else(|| {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            (digits > 0 && rest[digits..].starts_with(". ")).then_some(digits + 2)
        })
        .unwrap_or(0);
    let hang = " ".repeat(lead + marker);
    let mut out = Vec::new();
    let mut current = line[..lead + marker].to_owned();
    let mut empty = true;
    for word in line[lead + marker..].split_whitespace() {
        let len = current.chars().count();
        if !empty && len + 1 + word.chars().count() > width {
            out.push(std::mem::replace(&mut current, hang.clone()));
            empty = true;
        }
        if !empty {
            current.push(' ');
        }
        current.push_str(word);
        empty = false;
    }
    out.push(current);
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `*/` would close the comment. Carriage returns and the Unicode line separators
/// become spaces.
fn escape_comment(line: &str) -> String {
    line.replace("*/", "*\\/")
        .replace(['\r', '\u{2028}', '\u{2029}'], " ")
}

/// Description text: also, a line starting with `@` would read as a tag.
pub fn escape(line: &str) -> String {
    let out = escape_comment(line);
    if out.trim_start().starts_with('@') {
        out.replacen('@', "\\@", 1)
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_cannot_be_broken_out_of() {
        let doc = Doc::new().text(Some("Ends here */ alert(1); /* and\n@internal too"));
        let text = doc.lines().join("\n");
        assert_eq!(text.matches("*/").count(), 1, "{text}");
        assert!(text.contains("\\@internal"), "{text}");
    }

    #[test]
    fn short_docs_fit_on_one_line() {
        assert_eq!(
            Doc::new().text(Some("A contact.")).lines(),
            ["/** A contact. */"]
        );
        assert_eq!(
            Doc::new().tag("format", "uuid").lines(),
            ["/** @format uuid */"]
        );
        assert_eq!(
            Doc::new().text(Some("Old.")).tag("deprecated", "").lines(),
            ["/**", " * Old.", " *", " * @deprecated", " */"]
        );
        assert!(Doc::new().text(Some("  ")).lines().is_empty());
    }

    #[test]
    fn long_lines_wrap() {
        let text = "word ".repeat(30);
        let lines = Doc::new().text(Some(&format!("- {text}"))).lines();
        assert!(lines.iter().all(|l| l.len() <= WIDTH + 3), "{lines:?}");
        assert!(lines[1].starts_with(" * - word"), "{lines:?}");
        assert!(lines[2].starts_with(" *   word"), "{lines:?}");
        let code = format!("```\n{text}\n```");
        assert_eq!(Doc::new().text(Some(&code)).lines().len(), 5);
    }

    #[test]
    fn paragraphs_keep_their_lines() {
        let doc = Doc::new()
            .text(Some("First line.\n\n\n\nSecond   \n"))
            .text(Some("More."));
        assert_eq!(
            doc.lines(),
            [
                "/**",
                " * First line.",
                " *",
                " * Second",
                " *",
                " * More.",
                " */"
            ]
        );
    }
}
