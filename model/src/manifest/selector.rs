//! Operation selectors: which operations an allow or deny rule names.
//!
//! Three kinds, each a glob: `operation: listContacts` (or `list*`), `tag: crm`, and
//! `route: GET /crm/contacts/{id}` (or `* /crm/**`). In routes `*` stays inside one
//! path segment, `**` spans segments, and any `{name}` matches any template variable,
//! so a rule does not break when a description renames a path parameter.

use std::fmt;

use crate::api::{Method, Operation};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Operation(String),
    Tag(String),
    Route {
        method: Option<Method>,
        path: String,
    },
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Operation(g) => write!(f, "operation `{g}`"),
            Selector::Tag(g) => write!(f, "tag `{g}`"),
            Selector::Route {
                method: Some(m),
                path,
            } => write!(f, "route `{m} {path}`"),
            Selector::Route { method: None, path } => write!(f, "route `* {path}`"),
        }
    }
}

/// Why a route selector could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteError(pub String);

impl Selector {
    /// Parses `METHOD /path` where METHOD may be `*`.
    pub fn route(text: &str) -> Result<Selector, RouteError> {
        let mut parts = text.split_whitespace();
        let (Some(method), Some(path), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(RouteError(
                "a route is `METHOD /path`, e.g. `GET /crm/contacts/{id}`".into(),
            ));
        };
        let method = if method == "*" {
            None
        } else {
            Some(Method::parse(method).ok_or_else(|| {
                RouteError(format!("`{method}` is not an HTTP method; use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE or *"))
            })?)
        };
        if !path.starts_with('/') {
            return Err(RouteError(format!("the path `{path}` must start with `/`")));
        }
        Ok(Selector::Route {
            method,
            path: path.to_owned(),
        })
    }

    pub fn matches(&self, op: &Operation) -> bool {
        match self {
            Selector::Operation(glob) => glob_match(glob, &op.id),
            Selector::Tag(glob) => op.tags.iter().any(|t| glob_match(glob, t)),
            Selector::Route { method, path } => {
                method.is_none_or(|m| m == op.method) && route_match(path, &op.path)
            }
        }
    }

    /// True for selectors with no wildcard: they mean one exact thing.
    pub fn is_exact(&self) -> bool {
        let text = match self {
            Selector::Operation(g) | Selector::Tag(g) => g.as_str(),
            Selector::Route { method: None, .. } => return false,
            Selector::Route { path, .. } => path.as_str(),
        };
        !text.contains(['*', '?'])
    }
}

/// Glob over a whole string: `*` any run of characters, `?` one character.
pub fn glob_match(glob: &str, text: &str) -> bool {
    let g: Vec<char> = glob.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matcher with one backtrack point: linear in practice, never exponential.
    let (mut gi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == t[ti]) {
            gi += 1;
            ti += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some((gi, ti));
            gi += 1;
        } else if let Some((sg, st)) = star {
            gi = sg + 1;
            ti = st + 1;
            star = Some((sg, st + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|c| *c == '*')
}

fn is_variable(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

fn route_match(glob: &str, template: &str) -> bool {
    let g: Vec<&str> = glob.split('/').filter(|s| !s.is_empty()).collect();
    let t: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    segments_match(&g, &t)
}

fn segments_match(g: &[&str], t: &[&str]) -> bool {
    match g.split_first() {
        None => t.is_empty(),
        Some((&"**", rest)) => (0..=t.len()).any(|skip| segments_match(rest, &t[skip..])),
        Some((first, rest)) => match t.split_first() {
            None => false,
            Some((seg, t_rest)) => {
                let ok = if is_variable(first) {
                    is_variable(seg)
                } else {
                    glob_match(first, seg)
                };
                ok && segments_match(rest, t_rest)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("list*", "listContacts"));
        assert!(glob_match("*Contact?", "getContacts"));
        assert!(!glob_match("list*", "getList"));
        assert!(glob_match("repos/*", "repos/get"));
        assert!(glob_match("*", ""));
    }

    #[test]
    fn routes() {
        assert!(route_match(
            "/crm/contacts/{id}",
            "/crm/contacts/{contactId}"
        ));
        assert!(!route_match("/crm/contacts/{id}", "/crm/contacts/search"));
        assert!(route_match("/crm/*", "/crm/contacts"));
        assert!(!route_match("/crm/*", "/crm/contacts/{id}"));
        assert!(route_match("/crm/**", "/crm/contacts/{id}/notes"));
        assert!(route_match("/**/notes", "/crm/contacts/{id}/notes"));
    }

    #[test]
    fn parses_routes() {
        assert_eq!(
            Selector::route("get /a").unwrap(),
            Selector::Route {
                method: Some(Method::Get),
                path: "/a".into()
            }
        );
        assert!(Selector::route("FETCH /a").is_err());
        assert!(Selector::route("GET a").is_err());
        assert!(Selector::route("/a").is_err());
    }
}
