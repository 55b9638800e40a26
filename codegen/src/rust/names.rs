//! Rust identifiers from names written in API descriptions.
//!
//! Descriptions name things freely (`X-Company-Id`, `2fa_code`, `type`, `repos/get`);
//! Rust does not. Every conversion here is deterministic, so the same description
//! always yields the same identifiers, and the wire names are kept by serde renames.

use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Splits a name into lowercase words at case changes, digits and separators.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        // Uppercase letters right before this one, to tell `HTTPServer` (split before
        // `S`) from `OAuth` (one word).
        let upper_run = chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let boundary = match prev {
            Some(p) if (p.is_ascii_lowercase() || p.is_ascii_digit()) && c.is_ascii_uppercase() => {
                true
            }
            Some(p) if p.is_ascii_uppercase() && c.is_ascii_uppercase() => {
                upper_run >= 2 && next.is_some_and(|n| n.is_ascii_lowercase())
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `createContact` → `create_contact`; a leading digit or a keyword is made legal.
pub fn snake(name: &str) -> String {
    let joined = words(name).join("_");
    let joined = if joined.is_empty() {
        "value".to_owned()
    } else {
        joined
    };
    legal(joined)
}

/// `contact-status` → `ContactStatus`.
pub fn pascal(name: &str) -> String {
    let joined: String = words(name)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect();
    let joined = if joined.is_empty() {
        "Value".to_owned()
    } else {
        joined
    };
    legal(joined)
}

fn legal(name: String) -> String {
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Hands out names unique within one scope (`Contact`, `Contact2`, …).
#[derive(Default)]
pub struct Scope {
    taken: std::collections::HashSet<String>,
}

impl Scope {
    pub fn unique(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_cases() {
        assert_eq!(snake("createContact"), "create_contact");
        assert_eq!(snake("X-Company-Id"), "x_company_id");
        assert_eq!(snake("repos/get"), "repos_get");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("2faCode"), "_2fa_code");
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(pascal("contact-status"), "ContactStatus");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(pascal("oauth2"), "Oauth2");
        assert_eq!(snake("OAuth2"), "oauth2");
        assert_eq!(snake("v2Api"), "v2_api");
        assert_eq!(pascal(""), "Value");
    }

    #[test]
    fn scopes_make_names_unique() {
        let mut s = Scope::default();
        assert_eq!(s.unique("A"), "A");
        assert_eq!(s.unique("A"), "A2");
    }
}
