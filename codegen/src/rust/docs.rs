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
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if !in_fence {
                out.push("```text".to_owned());
            } else {
                out.push("```".to_owned());
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.trim_end().to_owned());
        } else {
            // Four spaces of indentation would start a doctest.
            out.push(trimmed.trim_end().to_owned());
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out
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
        let lines = sanitise("```\nnever closed");
        assert_eq!(lines.last().map(String::as_str), Some("```"));
    }
}
