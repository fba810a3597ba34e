//! The crate's layout: concept folders whose dependencies run one way.
//!
//! Reads `src/` and checks, without compiling anything:
//! * every module names only modules below it in [`ORDER`], never the crate
//!   root's re-exports; the speed machinery (`engine`) sits above the labs'
//!   reference code (`dense`, `backprop`, `tensor`, …), so none of that code can
//!   call it, and below training, the figures and the exercises, which run it;
//! * inside a folder, the files' `use` of each other has no cycle;
//! * every folder has a module doc, and the crate doc lists the labs' modules in
//!   lab order.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules from the bottom up: each may use only those before it.
const ORDER: [&str; 15] = [
    "error",
    "show",
    "io",
    "autograd",
    "tensor",
    "dense",
    "graph",
    "miniflow",
    "sin_chain",
    "net1d",
    "backprop",
    "engine",
    "training",
    "figures",
    "exercises",
];

/// The labs' modules in the order the notebooks teach them.
const LAB_ORDER: [&str; 9] = [
    "graph",
    "autograd",
    "sin_chain",
    "dense",
    "net1d",
    "backprop",
    "training",
    "miniflow",
    "tensor",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The library code of a file: without its `#[cfg(test)] mod tests` and comments.
fn library_code(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("readable source");
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(k) => &text[..k],
        None => &text[..],
    };
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segment after each `prefix` (`crate::dense::x` gives `dense`),
/// including every name inside a `crate::{a, b::c}` group.
fn segments_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(k) = rest.find(prefix) {
        let before_ok = k == 0 || {
            let c = rest[..k].chars().last().unwrap_or(' ');
            !(c.is_alphanumeric() || c == '_' || c == ':')
        };
        rest = &rest[k + prefix.len()..];
        if !before_ok {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    out.push(name.to_string());
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

fn top_module(rel: &Path) -> String {
    let first = rel.components().next().expect("a path under src/");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).expect("under src").to_path_buf();
            (rel, library_code(&p))
        })
        .collect()
}

#[test]
fn modules_depend_downwards_only() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (rel, code) in sources() {
        let top = top_module(&rel);
        if top == "lib" || top == "guide" {
            continue;
        }
        let rank = ORDER
            .iter()
            .position(|m| *m == top)
            .unwrap_or_else(|| panic!("{} is not in ORDER", rel.display()));
        for name in segments_after(&code, "crate::") {
            checked += 1;
            match ORDER.iter().position(|m| *m == name) {
                Some(r) if r <= rank => {}
                Some(_) => problems.push(format!(
                    "{} uses crate::{name}, which is above it",
                    rel.display()
                )),
                None => problems.push(format!(
                    "{} uses crate::{name} through the root; name its module",
                    rel.display()
                )),
            }
        }
    }
    assert!(
        checked > 50,
        "found only {checked} crate:: paths: is the scan broken?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn files_in_a_folder_have_no_cycle() {
    // Edges between sibling files, from `super::x` and `crate::folder::x`.
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let files = sources();
    for (rel, code) in &files {
        let Some(folder) = rel.parent().filter(|p| !p.as_os_str().is_empty()) else {
            continue;
        };
        let folder = folder.to_string_lossy().to_string();
        let me = rel
            .file_stem()
            .expect("file name")
            .to_string_lossy()
            .to_string();
        if me == "mod" {
            // A folder's mod.rs declares and re-exports its files; it is the folder itself.
            continue;
        }
        let mut targets = segments_after(code, "super::");
        targets.extend(segments_after(code, &format!("crate::{folder}::")));
        for t in targets {
            if t != me
                && files
                    .iter()
                    .any(|(r, _)| r == &Path::new(&folder).join(format!("{t}.rs")))
            {
                edges
                    .entry(format!("{folder}/{me}"))
                    .or_default()
                    .insert(format!("{folder}/{t}"));
            }
        }
    }
    assert!(
        !edges.is_empty(),
        "no edges found between sibling files: is the scan broken?"
    );
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(1) => {
                let k = path.iter().position(|p| p == n).unwrap_or(0);
                let mut cycle = path[k..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if let Some(cycle) = visit(n, &edges, &mut state, &mut Vec::new()) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn every_folder_has_a_module_doc_and_the_crate_doc_lists_the_labs_in_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for m in ORDER
        .iter()
        .filter(|m| !["error", "show"].contains(*m))
        .chain(["guide"].iter())
    {
        let folder = root.join(m).join("mod.rs");
        let file = root.join(format!("{m}.rs"));
        let text = fs::read_to_string(&folder)
            .or_else(|_| fs::read_to_string(&file))
            .unwrap_or_else(|_| panic!("module {m} has no file"));
        let doc_lines = text.lines().filter(|l| l.starts_with("//!")).count();
        assert!(
            doc_lines >= 3,
            "module {m} has {doc_lines} lines of module doc"
        );
    }
    let lib = fs::read_to_string(root.join("lib.rs")).expect("lib.rs");
    let doc: String = lib
        .lines()
        .filter(|l| l.starts_with("//!"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut last = 0;
    for m in LAB_ORDER {
        let needle = format!("[`{m}`]");
        let at = doc
            .find(&needle)
            .unwrap_or_else(|| panic!("the crate doc does not link {needle}"));
        assert!(at >= last, "the crate doc lists {m} out of lab order");
        last = at;
    }
}

/// The names of a `use` list body such as `dense::{a, b}, graph::c, d`: the
/// last segment of each path.
fn use_names(list: &str) -> Vec<String> {
    let flat: String = list
        .chars()
        .map(|c| if "{}".contains(c) { ',' } else { c })
        .collect();
    flat.split(',')
        .map(|n| {
            n.trim()
                .rsplit("::")
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// The names a `pub use <prefix>…;` statement in `text` re-exports, for each one.
fn reexports(text: &str, prefix: &str) -> Vec<String> {
    text.split(prefix)
        .skip(1)
        .flat_map(|part| use_names(part.split(';').next().unwrap_or("")))
        .collect()
}

/// The prelude is a curated list (as ndarray's is), not `crate::*`: between 60
/// and 81 of the crate's names, each named through its module.
#[test]
fn the_prelude_is_curated() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("src/lib.rs");
    let start = lib.find("pub mod prelude").expect("a prelude module");
    let body = &lib[start..];
    let body = &body[..body.find("\n}\n").expect("the prelude's end")];
    assert!(
        !body.contains("crate::*"),
        "the prelude re-exports the whole crate again"
    );
    let mut names = reexports(body, "pub use crate::");
    // `ndarray` itself is re-exported too; it is not one of the crate's names.
    names.retain(|n| n != "ndarray");
    assert!(
        (60..=81).contains(&names.len()),
        "the prelude holds {} of the crate's names: {names:?}",
        names.len()
    );
}

/// The crate root is a small front door: its modules, the prelude, `ndarray`,
/// the error type and its limits, and only those other names that a notebook
/// reaches at the root (`use backprop_lab::{plot_accuracy, …}`).
#[test]
fn the_root_reexports_only_what_notebooks_use_there() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = fs::read_to_string(dir.join("src/lib.rs")).expect("src/lib.rs");
    let root = &lib[..lib.find("pub mod prelude").expect("a prelude module")];
    let mut notebooks = String::new();
    for entry in fs::read_dir(dir.join("notebooks/solutions")).expect("notebooks/solutions") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|e| e == "ipynb") {
            // The JSON's escaped quotes do not matter: paths hold none.
            notebooks += &fs::read_to_string(&path).expect("a readable notebook");
        }
    }
    // What follows `backprop_lab::`: a name (`backprop_lab::x(…)`) or a list.
    let mut at_root = Vec::new();
    for part in notebooks.split("backprop_lab::").skip(1) {
        if let Some(list) = part.strip_prefix('{') {
            at_root.extend(use_names(list.split('}').next().unwrap_or("")));
        } else {
            let end = part
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(part.len());
            at_root.push(part[..end].to_string());
        }
    }
    let errors = ["Error", "Result", "shape_str", "MAX_ELEMENTS", "MAX_STEPS"];
    for name in reexports(root, "pub use ") {
        assert!(
            name == "ndarray" || errors.contains(&name.as_str()) || at_root.contains(&name),
            "the root re-exports {name}, which no notebook uses at the root; \
             reach it through its module (or the prelude)"
        );
    }
}
