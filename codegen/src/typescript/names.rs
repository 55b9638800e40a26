//! TypeScript identifiers from names in descriptions: words, cases, reserved words
//! and collisions.

use std::collections::BTreeSet;

/// Words that cannot be a binding identifier (a type, class or variable name) in
/// strict-mode ES modules, plus TypeScript's own type keywords.
const RESERVED: &[&str] = &[
    "abstract",
    "any",
    "arguments",
    "as",
    "asserts",
    "async",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "module",
    "namespace",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "return",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Global names that generated code itself uses, or that would confuse a reader if
/// shadowed. A type of the description with one of these names gets a suffix.
pub const GLOBALS: &[&str] = &[
    "AbortController",
    "AbortSignal",
    "Array",
    "ArrayBuffer",
    "Awaited",
    "BigInt",
    "Blob",
    "Boolean",
    "BodyInit",
    "DataView",
    "Date",
    "Error",
    "Exclude",
    "Extract",
    "File",
    "FormData",
    "Function",
    "Headers",
    "Infinity",
    "Iterable",
    "Iterator",
    "JSON",
    "Map",
    "Math",
    "NaN",
    "NonNullable",
    "Number",
    "Object",
    "Omit",
    "Parameters",
    "Partial",
    "Pick",
    "Promise",
    "PromiseLike",
    "Readonly",
    "ReadableStream",
    "Record",
    "RegExp",
    "Request",
    "RequestInit",
    "Required",
    "Response",
    "ReturnType",
    "Set",
    "String",
    "Symbol",
    "TypeError",
    "URL",
    "URLSearchParams",
    "Uint8Array",
    "WeakMap",
    "WeakSet",
];

/// Names the runtime exports into every package.
pub const RUNTIME: &[&str] = &[
    "AbortedError",
    "ApiError",
    "ApiErrorClass",
    "ApiErrorInit",
    "Binary",
    "BodyEncoding",
    "CallOptions",
    "Client",
    "ClientOptions",
    "IncompleteResponseError",
    "NetworkError",
    "OperationCall",
    "ParameterLocation",
    "PolyError",
    "ProblemItem",
    "ProblemSlug",
    "ProxyError",
    "ResponseInfo",
    "ResponseKind",
    "SecretRef",
    "TimeoutError",
    "Transport",
    "TransportOptions",
    "UnexpectedResponseError",
    "UsageError",
    "encode",
    "isSecretRef",
    "secretRef",
];

/// Class members that must never be generated as methods.
const RESERVED_MEMBERS: &[&str] = &["constructor", "__proto__", "prototype"];

pub fn is_reserved(word: &str) -> bool {
    RESERVED.contains(&word)
}

/// Splits a name into words at non-alphanumeric characters and at case changes:
/// `listHTTPRoutes_v2` → `list`, `HTTP`, `Routes`, `v2`. Non-ASCII characters split
/// words too, so identifiers stay ASCII.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (prev.is_ascii_digit() && c.is_ascii_alphabetic() && c.is_ascii_uppercase())
                || (prev.is_ascii_uppercase()
                    && c.is_ascii_uppercase()
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `simple-user` → `SimpleUser`; acronyms keep their case (`HTTPRoute`). Never
/// empty and never starts with a digit.
pub fn pascal(name: &str) -> String {
    let joined: String = words(name).iter().map(|w| capitalise(w)).collect();
    fix_start(joined, "T", "Type")
}

/// `Create-Contact` → `createContact`, `X-Company-Id` → `xCompanyId`,
/// `HTTPRoutes` → `httpRoutes`.
pub fn camel(name: &str) -> String {
    let words = words(name);
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i == 0 {
            let all_upper = word.chars().all(|c| !c.is_ascii_lowercase());
            if all_upper {
                out.push_str(&word.to_ascii_lowercase());
            } else {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.push(first.to_ascii_lowercase());
                    out.push_str(chars.as_str());
                }
            }
        } else {
            out.push_str(&capitalise(word));
        }
    }
    fix_start(out, "_", "_")
}

/// Never empty (`empty`), never starting with a digit (`prefix` goes first).
fn fix_start(name: String, prefix: &str, empty: &str) -> String {
    if name.is_empty() {
        return empty.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{prefix}{name}");
    }
    name
}

/// A valid member name (object property or method), as written in source: bare if
/// it is an identifier, a string literal otherwise.
pub fn property_key(name: &str) -> String {
    if is_identifier(name) {
        name.to_owned()
    } else {
        string_literal(name)
    }
}

/// An ASCII identifier (reserved words are fine as property names).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A TypeScript string literal (JSON's syntax, which TypeScript accepts as is).
pub fn string_literal(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Hands out unique names in one scope, in call order: the first asker gets the
/// plain name, later ones a suffix.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
    /// Lower-cased names too, where names become file names.
    case_insensitive: bool,
}

impl Scope {
    pub fn new(reserved: &[&str]) -> Scope {
        let mut scope = Scope::default();
        for r in reserved {
            scope.reserve(r);
        }
        scope
    }

    pub fn case_insensitive(mut self) -> Scope {
        self.case_insensitive = true;
        self.taken = self.taken.iter().map(|t| t.to_ascii_lowercase()).collect();
        self
    }

    fn key(&self, name: &str) -> String {
        if self.case_insensitive {
            name.to_ascii_lowercase()
        } else {
            name.to_owned()
        }
    }

    pub fn reserve(&mut self, name: &str) {
        let key = self.key(name);
        self.taken.insert(key);
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(&self.key(name))
    }

    /// `base` if free, else `base` + `alternative` suffix, else numbered.
    pub fn claim(&mut self, base: &str, alternative: &str) -> String {
        let mut candidates = vec![base.to_owned()];
        if !alternative.is_empty() {
            candidates.push(format!("{base}{alternative}"));
        }
        for candidate in candidates {
            if !self.is_taken(&candidate) {
                self.reserve(&candidate);
                return candidate;
            }
        }
        let stem = if alternative.is_empty() {
            base.to_owned()
        } else {
            format!("{base}{alternative}")
        };
        let mut n = 2usize;
        loop {
            let candidate = format!("{stem}{n}");
            if !self.is_taken(&candidate) {
                self.reserve(&candidate);
                return candidate;
            }
            n += 1;
        }
    }
}

/// A type name: PascalCase, never reserved.
pub fn type_name(name: &str) -> String {
    let base = pascal(name);
    if is_reserved(&base) {
        format!("{base}Type")
    } else {
        base
    }
}

/// A method or property name: camelCase, never one that breaks a class.
pub fn member_name(name: &str) -> String {
    let base = camel(name);
    if RESERVED_MEMBERS.contains(&base.as_str()) {
        format!("{base}_")
    } else {
        base
    }
}

pub fn reserved_members() -> &'static [&'static str] {
    RESERVED_MEMBERS
}

/// Words that cannot name a binding (an `export * as` namespace, say).
pub fn reserved_words() -> &'static [&'static str] {
    RESERVED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words() {
        assert_eq!(words("listHTTPRoutes_v2"), ["list", "HTTP", "Routes", "v2"]);
        assert_eq!(words("X-Company-Id"), ["X", "Company", "Id"]);
        assert_eq!(words("repos/get-content"), ["repos", "get", "content"]);
        assert_eq!(words("3DSecure"), ["3", "D", "Secure"]);
        assert_eq!(words("été"), ["t"]);
        assert!(words("ü-ö").is_empty());
    }

    #[test]
    fn cases() {
        assert_eq!(pascal("simple-user"), "SimpleUser");
        assert_eq!(pascal("ContactInput"), "ContactInput");
        assert_eq!(pascal("2fa"), "T2fa");
        assert_eq!(pascal("---"), "Type");
        assert_eq!(camel("X-Company-Id"), "xCompanyId");
        assert_eq!(camel("HTTPRoutes"), "httpRoutes");
        assert_eq!(camel("nw_saved_view"), "nwSavedView");
        assert_eq!(camel("createContact"), "createContact");
        assert_eq!(camel("1st"), "_1st");
        assert_eq!(camel(""), "_");
        assert_eq!(member_name("constructor"), "constructor_");
    }

    #[test]
    fn keys_and_literals() {
        assert_eq!(property_key("firstName"), "firstName");
        assert_eq!(property_key("first-name"), "\"first-name\"");
        assert_eq!(property_key("délai"), "\"délai\"");
        assert_eq!(string_literal("a\"b\\c\n"), r#""a\"b\\c\n""#);
    }

    #[test]
    fn scopes_hand_out_unique_names() {
        let mut scope = Scope::new(&["Error"]);
        assert_eq!(scope.claim("Error", "Model"), "ErrorModel");
        assert_eq!(scope.claim("Error", "Model"), "ErrorModel2");
        assert_eq!(scope.claim("Pet", ""), "Pet");
        assert_eq!(scope.claim("Pet", ""), "Pet2");
        let mut files = Scope::new(&["index"]).case_insensitive();
        assert_eq!(files.claim("Index", ""), "Index2");
    }
}
