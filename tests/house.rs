//! The house stays small enough to read: no source file over 800 lines and no function
//! over 120 lines, tests left out (a file's `#[cfg(test)]` module is not counted). The
//! largest of each is printed (`cargo test --test house -- --nocapture`), and a failure
//! names every offender.
//!
//! Functions are found as rustfmt writes them: a line starting (after indentation) with
//! `fn`, `pub fn`, `pub(crate) fn`, `const fn`…, ending at the first line that is its
//! indentation followed by `}`.

use std::path::{Path, PathBuf};

/// Largest source file, in lines outside its test module.
const MAX_FILE_LINES: usize = 800;
/// Largest function, in lines from its signature to its closing brace.
const MAX_FN_LINES: usize = 120;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Whether `line` opens a function: its indentation and `fn name`.
fn fn_start(line: &str) -> Option<(usize, String)> {
    let indent = line.len() - line.trim_start().len();
    let mut rest = line.trim_start();
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let name = rest
        .strip_prefix("fn ")
        .filter(|r| r.starts_with(|c: char| c.is_alphabetic() || c == '_'))?;
    let name = name.split(['(', '<']).next().unwrap_or("");
    Some((indent, format!("fn {name}")))
}

/// (lines, name) of every function in `lines`.
fn functions(lines: &[&str]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((indent, name)) = fn_start(line) else {
            continue;
        };
        // A declaration without a body (a trait's) ends with `;`, a one-line function
        // with `}`: neither has a closing line of its own.
        if line.trim_end().ends_with([';', '}']) {
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        if let Some(end) = lines[i..].iter().position(|l| *l == close) {
            out.push((end + 1, format!("{}: {name}", i + 1)));
        }
    }
    out
}

#[test]
fn no_file_or_function_is_too_long() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut sizes: Vec<(usize, String)> = Vec::new();
    let mut fns: Vec<(usize, String)> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let all: Vec<&str> = text.lines().collect();
        let end = all
            .iter()
            .position(|l| l.starts_with("#[cfg(test)]"))
            .unwrap_or(all.len());
        let lines = &all[..end];
        sizes.push((lines.len(), f.display().to_string()));
        for (n, name) in functions(lines) {
            fns.push((n, format!("{}:{name}", f.display())));
        }
    }
    sizes.sort_by(|a, b| b.cmp(a));
    fns.sort_by(|a, b| b.cmp(a));
    println!("largest files (lines outside tests):");
    for (n, f) in sizes.iter().take(5) {
        println!("  {n:>5}  {f}");
    }
    println!("largest functions (lines):");
    for (n, f) in fns.iter().take(5) {
        println!("  {n:>5}  {f}");
    }
    assert!(fns.len() > 500, "only {} functions found", fns.len());
    let long_files: Vec<_> = sizes.iter().filter(|(n, _)| *n > MAX_FILE_LINES).collect();
    let long_fns: Vec<_> = fns.iter().filter(|(n, _)| *n > MAX_FN_LINES).collect();
    assert!(
        long_files.is_empty() && long_fns.is_empty(),
        "split these at their seams — files over {MAX_FILE_LINES} lines: {long_files:?}; \
         functions over {MAX_FN_LINES} lines: {long_fns:?}"
    );
}

/// The function finder sees what rustfmt writes, and nothing else.
#[test]
fn functions_are_found_as_rustfmt_writes_them() {
    let text = "pub fn a() {\n    1\n}\n\nimpl X {\n    pub(crate) fn b(\n        x: u8,\n    ) -> u8 {\n        x\n    }\n    fn c();\n}\n// fn d() {\nconst fn e() {}\n";
    let lines: Vec<&str> = text.lines().collect();
    let found = functions(&lines);
    assert_eq!(
        found,
        [(3, "1: fn a".to_string()), (5, "6: fn b".to_string()),],
        "a one-line function has no closing line of its own and is not counted"
    );
}
