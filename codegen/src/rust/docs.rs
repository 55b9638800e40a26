//! Rustdoc from description text.
//!
//! Descriptions are Markdown written for humans and other tools. Emitted as `#[doc]`
//! string attributes they cannot break out of the comment; the remaining risk is
//! rustdoc *compiling* their code blocks as doctests, so fences are marked `text` and
//! indented blocks are flattened.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes for a title and a description (either may be absent).
pub fn doc_attrs(title: Option<&str>, description: Option<&str>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
        lines.push(t.trim().to_owned());
    }
    if let Some(d) = description.filter(|d| !d.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(sanitise(d));
    }
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

fn sanitise(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // The block the previous line opened or continued, until a blank line ends it.
    let mut block = Block::Paragraph;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if !in_fence {
                out.push("```text".to_owned());
            } else {
                out.push("```".to_owned());
            }
            in_fence = !in_fence;
            block = Block::Paragraph;
            continue;
        }
        if in_fence {
            // Tabs render at widths rustdoc and editors disagree on.
            out.push(line.trim_end().replace('\t', "    "));
            continue;
        }

        // Four spaces of indentation would start a doctest, so lines are flattened;
        // a line that Markdown reads as the lazy continuation of a list item or a
        // quote is then made explicit (indented, or given its `>`), which renders the
        // same and is what clippy's `doc_lazy_continuation` asks for.
        let trimmed = trimmed.trim_end().replace('\t', " ");
        if trimmed.is_empty() {
            block = Block::Paragraph;
            out.push(trimmed);
            continue;
        }
        if let Some(width) = list_marker_width(&trimmed) {
            block = Block::ListItem(width);
            out.push(trimmed);
        } else if trimmed.starts_with('>') {
            block = Block::Quote;
            out.push(trimmed);
        } else {
            match block {
                Block::ListItem(width) if !trimmed.starts_with('#') => {
                    out.push(format!("{}{trimmed}", " ".repeat(width)));
                }
                Block::Quote => out.push(format!("> {trimmed}")),
                _ => {
                    block = Block::Paragraph;
                    out.push(trimmed);
                }
            }
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out
}

/// The Markdown block a line belongs to, as far as continuation lines care.
#[derive(Clone, Copy)]
enum Block {
    Paragraph,
    /// A list item whose content starts this many columns in.
    ListItem(usize),
    Quote,
}

/// Where a list item's content starts (after `- `, `*   `, `12. `, `3) `), if the line
/// starts a list item. Markdown counts one to four spaces after the marker as part of
/// it; with more, the content starts after the first (the rest indent a code block).
fn list_marker_width(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
    };
    let spaces = bytes[marker..].iter().take_while(|&&b| b == b' ').count();
    match spaces {
        0 => None,
        1..=4 if marker + spaces < bytes.len() => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_and_indents_flatten() {
        let lines = sanitise("Intro\n```js\nfetch()\n```\n    indented code\nend */");
        assert_eq!(
            lines,
            [
                "Intro",
                "```text",
                "fetch()",
                "```",
                "indented code",
                "end */"
            ]
        );
        let lines = sanitise("```\n\tnever closed");
        assert_eq!(lines[1], "    never closed");
        assert_eq!(lines.last().map(String::as_str), Some("```"));
    }

    #[test]
    fn lazy_continuations_become_explicit() {
        let lines = sanitise(
            "Roles:\n- admin\nNote: not for users.\n  more\n\nAfter.\n10. ten\nnext\n\
             # Heading\n> quoted\nlazy\n\nplain\tword\n*   wide\nrest",
        );
        assert_eq!(
            lines,
            [
                "Roles:",
                "- admin",
                "  Note: not for users.",
                "  more",
                "",
                "After.",
                "10. ten",
                "    next",
                "# Heading",
                "> quoted",
                "> lazy",
                "",
                "plain word",
                "*   wide",
                "    rest",
            ]
        );
    }
}
