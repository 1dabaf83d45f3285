//! Finds where a value sits in plan text, so a problem found after parsing (an RPE of 14,
//! a date in year 9999) is reported at its line and column like a syntax error.
//!
//! A small scanner over RON: it skips strings and comments, tracks bracket depth, and
//! walks a path of field names and list positions. It only reads positions; the plan
//! itself always comes from `ron`.

/// A step into the plan's structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A field, e.g. `sessions` or `rpe` (found at any depth inside the current value, so
    /// wrappers such as `Some((…))` or `Run(…)` need no step of their own).
    Field(String),
    /// The n-th item (0-based) of the first list inside the current value.
    Item(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    Comma,
    Key,
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    /// Byte offset of the token's start.
    at: usize,
    /// Byte length (keys only: the name).
    len: usize,
    /// Bracket depth the token sits at (an opening bracket: the depth outside it).
    depth: usize,
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn tokens(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let push = |out: &mut Vec<Token>, kind, at, len, depth| {
        out.push(Token {
            kind,
            at,
            len,
            depth,
        })
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                push(&mut out, Kind::Other, start, 0, depth);
                i += 1;
            }
            b'r' if b.get(i + 1).is_some_and(|&n| n == b'"' || n == b'#')
                && (i == 0 || !is_ident(b[i - 1])) =>
            {
                // A raw string r"…" or r#"…"#.
                let start = i;
                let mut hashes = 0;
                i += 1;
                while b.get(i) == Some(&b'#') {
                    hashes += 1;
                    i += 1;
                }
                if b.get(i) != Some(&b'"') {
                    continue;
                }
                i += 1;
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while i < b.len() && !b[i..].starts_with(&close) {
                    i += 1;
                }
                i += close.len();
                push(&mut out, Kind::Other, start, 0, depth);
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 0;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        nest += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        nest -= 1;
                        i += 2;
                        if nest == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                push(&mut out, Kind::Open, i, 1, depth);
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                push(&mut out, Kind::Close, i, 1, depth);
                i += 1;
            }
            b',' => {
                push(&mut out, Kind::Comma, i, 1, depth);
                i += 1;
            }
            c if is_ident(c) => {
                let start = i;
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let key = b.get(j) == Some(&b':') && b.get(j + 1) != Some(&b':');
                let kind = if key { Kind::Key } else { Kind::Other };
                push(&mut out, kind, start, i - start, depth);
            }
            _ => i += 1,
        }
    }
    out
}

/// The 1-based line and column of the value at `path` in `text` (as far along the path as
/// it can be followed: a field left at its default is reported at its item).
pub fn locate(text: &str, path: &[Seg]) -> Option<(usize, usize)> {
    Locator::new(text).find(path)
}

/// [`locate`] for several paths in one text: the text is scanned once.
pub struct Locator<'a> {
    text: &'a str,
    toks: Vec<Token>,
}

impl<'a> Locator<'a> {
    /// Scans `text`.
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            toks: tokens(text),
        }
    }

    /// The 1-based line and column of the value at `path` (see [`locate`]).
    pub fn find(&self, path: &[Seg]) -> Option<(usize, usize)> {
        find(self.text, &self.toks, path)
    }
}

fn find(text: &str, toks: &[Token], path: &[Seg]) -> Option<(usize, usize)> {
    // The whole plan is the first bracketed value.
    let first = toks.iter().position(|t| t.kind == Kind::Open)?;
    let end = toks[first + 1..]
        .iter()
        .position(|t| t.kind == Kind::Close && t.depth == toks[first].depth)
        .map_or(toks.len(), |p| first + 1 + p);
    let mut range = (first + 1, end);
    let mut found: Option<usize> = None;
    for seg in path {
        let step = match seg {
            Seg::Field(name) => field(text, toks, range, name),
            Seg::Item(n) => item(toks, range, *n),
        };
        match step {
            Some((at, r)) => {
                found = Some(at);
                range = r;
            }
            None => break,
        }
    }
    let at = toks[found?].at;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |p| p + 1)..]
        .chars()
        .count()
        + 1;
    Some((line, column))
}

/// The index one past the last token of the value that starts at `start` inside a
/// container whose items sit at `depth` (the next comma or closing bracket at that depth).
fn value_end(toks: &[Token], start: usize, depth: usize) -> usize {
    toks[start..]
        .iter()
        .position(|t| {
            (t.kind == Kind::Comma && t.depth == depth)
                || (t.kind == Kind::Close && t.depth < depth)
        })
        .map_or(toks.len(), |p| start + p)
}

/// The shallowest key `name` in `range`: its token and its value's tokens.
fn field(
    text: &str,
    toks: &[Token],
    range: (usize, usize),
    name: &str,
) -> Option<(usize, (usize, usize))> {
    let k = (range.0..range.1)
        .filter(|&i| {
            toks[i].kind == Kind::Key && &text[toks[i].at..toks[i].at + toks[i].len] == name
        })
        .min_by_key(|&i| toks[i].depth)?;
    Some((k, (k + 1, value_end(toks, k + 1, toks[k].depth))))
}

/// Item `n` of the first list in `range`: its first token and its tokens.
fn item(toks: &[Token], range: (usize, usize), n: usize) -> Option<(usize, (usize, usize))> {
    let open = (range.0..range.1).find(|&i| toks[i].kind == Kind::Open)?;
    let depth = toks[open].depth + 1;
    let mut i = open + 1;
    for _ in 0..n {
        i = value_end(toks, i, depth);
        if i >= range.1 || toks[i].kind != Kind::Comma {
            return None;
        }
        i += 1;
    }
    if i >= range.1 || toks[i].kind == Kind::Close {
        return None;
    }
    Some((i, (i, value_end(toks, i, depth))))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"(
    format: 1,
    name: "A (tricky), name: x",
    athlete: (name: "B", level: Novice, baseline: Some((weekly_km: 10.0, last_run: "2025-01-01"))),
    // sessions: [a, b]
    sessions: [
        (date: "2026-01-05", activity: Run(kind: Easy, km: 5.0, rpe: 3)),
        (date: "2026-01-06", note: "x, y", activity: Run(kind: Easy, km: 5.0, rpe: 14)),
        /* (date: ) */ (date: "2026-01-07", activity: Rest),
    ],
)"#;

    fn f(s: &str) -> Seg {
        Seg::Field(s.into())
    }

    #[test]
    fn finds_fields_items_and_skips_strings_and_comments() {
        assert_eq!(locate(TEXT, &[f("format")]), Some((2, 5)));
        assert_eq!(
            locate(TEXT, &[f("sessions"), Seg::Item(1), f("rpe")]),
            Some((8, 79))
        );
        assert_eq!(locate(TEXT, &[f("sessions"), Seg::Item(2)]), Some((9, 24)));
        assert_eq!(
            locate(TEXT, &[f("athlete"), f("baseline"), f("last_run")]),
            Some((4, 74))
        );
        // A field left at its default: its item.
        assert_eq!(
            locate(TEXT, &[f("sessions"), Seg::Item(0), f("status")]),
            Some((7, 9))
        );
        // An item past the end: the list's field.
        assert_eq!(locate(TEXT, &[f("sessions"), Seg::Item(5)]), Some((6, 5)));
        assert_eq!(locate("", &[f("x")]), None);
    }
}
