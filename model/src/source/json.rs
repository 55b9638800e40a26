//! Pointer location in JSON text.
//!
//! A small scanner, not a parser: it trusts that the text already parsed (it is only
//! asked after `serde_json` accepted the document) and skips everything that is not on
//! the way to the target.

/// Returns the 1-based line and column of the node at `target`, or of its deepest
/// existing ancestor. For an object member the key's position is returned.
pub fn locate(text: &str, target: &[String]) -> Option<(usize, usize)> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        column: 1,
    };
    scanner.skip_ws();
    let mut best = (scanner.line, scanner.column);

    for token in target {
        match scanner.peek()? {
            b'{' => {
                scanner.bump();
                let mut found = false;
                loop {
                    scanner.skip_ws();
                    if scanner.peek()? == b'}' {
                        break;
                    }
                    let key_at = (scanner.line, scanner.column);
                    let key = scanner.string()?;
                    scanner.skip_ws();
                    if scanner.peek()? != b':' {
                        return Some(best);
                    }
                    scanner.bump();
                    scanner.skip_ws();
                    if &key == token {
                        best = key_at;
                        found = true;
                        break;
                    }
                    scanner.skip_value()?;
                    scanner.skip_ws();
                    if scanner.peek()? == b',' {
                        scanner.bump();
                    }
                }
                if !found {
                    return Some(best);
                }
            }
            b'[' => {
                let Ok(index) = token.parse::<usize>() else {
                    return Some(best);
                };
                scanner.bump();
                for _ in 0..index {
                    scanner.skip_ws();
                    if scanner.peek()? == b']' {
                        return Some(best);
                    }
                    scanner.skip_value()?;
                    scanner.skip_ws();
                    if scanner.peek()? == b',' {
                        scanner.bump();
                    }
                }
                scanner.skip_ws();
                if scanner.peek()? == b']' {
                    return Some(best);
                }
                best = (scanner.line, scanner.column);
            }
            _ => return Some(best),
        }
    }
    Some(best)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    column: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        if let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Columns count characters: UTF-8 continuation bytes do not advance.
                self.column += 1;
            }
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.bump();
        }
    }

    /// Reads a string token and returns its unescaped content.
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.pos;
        self.bump();
        loop {
            match self.peek()? {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b'"' => {
                    self.bump();
                    break;
                }
                _ => self.bump(),
            }
        }
        let raw = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
        serde_json::from_str(raw).ok()
    }

    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.bump();
                    loop {
                        match self.peek()? {
                            b'\\' => {
                                self.bump();
                                self.bump();
                            }
                            b'"' => {
                                self.bump();
                                break;
                            }
                            _ => self.bump(),
                        }
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.bump();
                }
                b'}' | b']' => {
                    if depth == 0 {
                        return Some(());
                    }
                    depth -= 1;
                    self.bump();
                }
                b',' if depth == 0 => return Some(()),
                _ => self.bump(),
            }
            if depth == 0 && matches!(self.peek(), Some(b',' | b'}' | b']')) {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &[&str]) -> (usize, usize) {
        let t: Vec<String> = pointer.iter().map(|s| s.to_string()).collect();
        locate(text, &t).unwrap()
    }

    #[test]
    fn finds_members_and_items() {
        let text = "{\"a\": [1, {\"b\": \"x,]\"}, 3],\n \"c\": {\"d\": null}}";
        assert_eq!(at(text, &["a", "1", "b"]), (1, 12));
        assert_eq!(at(text, &["a", "2"]), (1, 25));
        assert_eq!(at(text, &["c", "d"]), (2, 8));
        assert_eq!(at(text, &["c", "nope"]), (2, 2));
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(at("{\"é\": 1, \"b\": 2}", &["b"]), (1, 10));
    }
}
