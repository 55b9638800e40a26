//! YAML to `serde_json::Value`, and pointer location in YAML text.
//!
//! Built on yaml-rust2's event parser rather than a serde deserializer so that
//! scalars resolve by the YAML 1.2 core schema (an unquoted `2024-01-01` stays a
//! string, custom tags do not fail the load), duplicate keys are caught, and alias
//! expansion is bounded: a billion-laughs document is an error, not a hang.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Why a YAML text could not be turned into a value.
#[derive(Debug)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// Nesting deeper than this is refused (it is never an honest document, and deep
/// values are expensive to drop).
const MAX_DEPTH: usize = 256;

/// Upper bound on values created, counting every copy an alias makes.
const MAX_NODES: usize = 20_000_000;

fn error_at(mark: Marker, message: impl Into<String>) -> YamlError {
    YamlError {
        message: message.into(),
        line: mark.line(),
        column: mark.col() + 1,
    }
}

enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
        nodes: usize,
    },
    Map {
        map: Map<String, Value>,
        anchor: usize,
        key: Option<(String, Marker)>,
        nodes: usize,
        keys: HashMap<String, usize>,
    },
}

/// Parses the first YAML document of `text`.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Value, usize)> = HashMap::new();
    let mut root: Option<Value> = None;
    let mut total_nodes = 0usize;

    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let m = *e.marker();
            YamlError {
                message: e.info().to_owned(),
                line: m.line(),
                column: m.col() + 1,
            }
        })?;
        let (value, anchor, nodes) = match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                if root.is_some() {
                    return Err(error_at(mark, "more than one YAML document in this file"));
                }
                continue;
            }
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => continue,
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error_at(
                        mark,
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                    ));
                }
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    anchor,
                    nodes: 1,
                });
                continue;
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error_at(
                        mark,
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                    ));
                }
                stack.push(Frame::Map {
                    map: Map::new(),
                    anchor,
                    key: None,
                    nodes: 1,
                    keys: HashMap::new(),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq {
                    items,
                    anchor,
                    nodes,
                }) => (Value::Array(items), anchor, nodes),
                Some(Frame::Map {
                    map, anchor, nodes, ..
                }) => (Value::Object(map), anchor, nodes),
                None => return Err(error_at(mark, "unbalanced collection end")),
            },
            Event::Scalar(text, style, anchor, tag) => {
                // A scalar in key position names the member; it is never resolved.
                if let Some(Frame::Map {
                    key: key @ None,
                    keys,
                    ..
                }) = stack.last_mut()
                {
                    if let Some(first) = keys.get(&text) {
                        return Err(error_at(
                            mark,
                            format!("duplicate key `{text}` (first defined on line {first})"),
                        ));
                    }
                    keys.insert(text.clone(), mark.line());
                    *key = Some((text, mark));
                    continue;
                }
                let plain =
                    style == TScalarStyle::Plain && tag.as_ref().is_none_or(|t| t.suffix != "str");
                let value = if plain {
                    resolve_plain(text)
                } else {
                    Value::String(text)
                };
                (value, anchor, 1)
            }
            Event::Alias(id) => {
                let Some((value, nodes)) = anchors.get(&id) else {
                    return Err(error_at(mark, "alias to an unknown anchor"));
                };
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return Err(error_at(mark, "an alias cannot be used as a mapping key"));
                }
                (value.clone(), 0, *nodes)
            }
        };

        total_nodes += nodes;
        if total_nodes > MAX_NODES {
            return Err(error_at(
                mark,
                "document expands to too many values (alias bomb?)",
            ));
        }
        if anchor > 0 {
            anchors.insert(anchor, (value.clone(), nodes));
        }

        match stack.last_mut() {
            None => root = Some(value),
            Some(Frame::Seq {
                items, nodes: n, ..
            }) => {
                items.push(value);
                *n += nodes;
            }
            Some(Frame::Map {
                map, key, nodes: n, ..
            }) => match key.take() {
                Some((k, _)) => {
                    map.insert(k, value);
                    *n += nodes;
                }
                None => {
                    return Err(error_at(
                        mark,
                        "mapping keys must be plain scalars (complex keys are not supported)",
                    ))
                }
            },
        }
    }
    Ok(root.unwrap_or(Value::Null))
}

/// The YAML 1.2 core schema for plain scalars.
fn resolve_plain(text: String) -> Value {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let bytes = text.as_bytes();
    let first = bytes[0];
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return Value::String(text);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if let Ok(v) = u64::from_str_radix(hex, 16) {
            return Value::Number(v.into());
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if let Ok(v) = u64::from_str_radix(oct, 8) {
            return Value::Number(v.into());
        }
    }
    if is_int(&text) {
        let digits = text.strip_prefix('+').unwrap_or(&text);
        if let Ok(v) = digits.parse::<i64>() {
            return Value::Number(v.into());
        }
        if let Ok(v) = digits.parse::<u64>() {
            return Value::Number(v.into());
        }
    }
    if is_float(&text) {
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text)
}

fn is_int(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(s: &str) -> bool {
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (!int.is_empty() || !frac.is_empty())
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
                && !(int.is_empty() && frac.is_empty())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(is_int);
    mantissa_ok && exponent_ok
}

/// Returns the 1-based line and column of the node at `target`, or of its deepest
/// existing ancestor. For an object member the key's position is returned.
pub fn locate(text: &str, target: &[String]) -> Option<(usize, usize)> {
    enum Step {
        Seq(usize),
        Map(Option<(String, Marker)>),
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Step> = Vec::new();
    let mut best: Option<(usize, Marker)> = None;

    // Where the node now starting sits, as a path, if it lies on the way to `target`.
    let on_target_path = |stack: &[Step]| -> Option<(usize, Option<Marker>)> {
        if stack.len() > target.len() {
            return None;
        }
        let mut key_mark = None;
        for (depth, step) in stack.iter().enumerate() {
            match step {
                Step::Seq(i) => {
                    if target[depth] != i.to_string() {
                        return None;
                    }
                    key_mark = None;
                }
                Step::Map(Some((k, m))) => {
                    if &target[depth] != k {
                        return None;
                    }
                    key_mark = Some(*m);
                }
                Step::Map(None) => return None,
            }
        }
        Some((stack.len(), key_mark))
    };

    // A block mapping's start event is marked at its first key's `:`; a mapping that is
    // itself the target (a list item, say) is reported at its first key instead.
    let mut found_mapping = false;
    while let Ok((event, mark)) = parser.next_token() {
        if found_mapping {
            return Some((mark.line(), mark.col() + 1));
        }
        let starts_node = matches!(
            event,
            Event::Scalar(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
                | Event::Alias(_)
        );
        if starts_node {
            // A scalar in key position only names the next member.
            if let (Some(Step::Map(key @ None)), Event::Scalar(text, ..)) =
                (stack.last_mut(), &event)
            {
                *key = Some((text.clone(), mark));
                continue;
            }
            if let Some((depth, key_mark)) = on_target_path(&stack) {
                let here = key_mark.unwrap_or(mark);
                if depth == target.len() {
                    if key_mark.is_none() && matches!(event, Event::MappingStart(..)) {
                        found_mapping = true;
                        stack.push(Step::Map(None));
                        continue;
                    }
                    return Some((here.line(), here.col() + 1));
                }
                if best.is_none_or(|(d, _)| depth >= d) {
                    best = Some((depth, here));
                }
            }
        }
        match event {
            Event::SequenceStart(..) => stack.push(Step::Seq(0)),
            Event::MappingStart(..) => stack.push(Step::Map(None)),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                advance(&mut stack);
            }
            Event::Scalar(..) | Event::Alias(_) => advance(&mut stack),
            Event::StreamEnd => break,
            _ => {}
        }
    }

    fn advance(stack: &mut [Step]) {
        match stack.last_mut() {
            Some(Step::Seq(i)) => *i += 1,
            Some(Step::Map(key)) => *key = None,
            None => {}
        }
    }

    best.map(|(_, m)| (m.line(), m.col() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolves_core_schema_scalars() {
        let v =
            parse("a: 1\nb: 1.5\nc: true\nd: ~\ne: 2024-01-01\nf: '1'\ng: 0x10\nh: .inf\ni: 1e3\n")
                .unwrap();
        assert_eq!(
            v,
            json!({"a": 1, "b": 1.5, "c": true, "d": null, "e": "2024-01-01", "f": "1", "g": 16, "h": ".inf", "i": 1000.0})
        );
    }

    #[test]
    fn expands_aliases_and_rejects_duplicates() {
        let v = parse("x: &a {k: 1}\ny: *a\n").unwrap();
        assert_eq!(v, json!({"x": {"k": 1}, "y": {"k": 1}}));
        let e = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(e.message.contains("duplicate key `a`"), "{}", e.message);
        assert_eq!((e.line, e.column), (3, 1));
    }

    #[test]
    fn bounds_alias_bombs() {
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = parse(&doc).unwrap_err();
        assert!(e.message.contains("too many values"), "{}", e.message);
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let e = parse("a:\n  b: [1, 2\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
    }
}
