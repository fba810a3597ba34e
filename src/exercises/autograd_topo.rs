//! Lab 02's exercise `topo_order`: the node ids reachable from the root, each
//! after all of its inputs.
//!
//! Many orders are right, so the model takes the learner's own order when it
//! has the property a set of mistakes describes (undoing each mistake leaves
//! a valid order) and a representative order of those mistakes otherwise.

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, run_quietly, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::autograd::topo_order;

static REVERSED: Mistake = Mistake {
    name: "order reversed: the root first and the leaves last",
    hint: "list a node after all of its inputs (post-order: visit the inputs, then push the node); backward walks the list in reverse",
};
static TWICE: Mistake = Mistake {
    name: "a node listed twice: no set of visited nodes",
    hint: "a node with several consumers (a + a, a shared subexpression) is reached more than once; keep a `visited` list and skip a node already in it",
};
static ROOT_MISSING: Mistake = Mistake {
    name: "the root is missing",
    hint: "the root is reachable from itself: list it too, last",
};
static UNREACHABLE: Mistake = Mistake {
    name: "nodes the root does not use are included",
    hint: "start the search at the root and follow inputs only; a node that no path from the root reaches has no place in the order",
};
static BEFORE_INPUT: Mistake = Mistake {
    name: "a node listed before one of its inputs (visited before all of its consumers, e.g. breadth-first from the root)",
    hint: "breadth-first search reaches a node by its shortest path, possibly before another consumer of it; a depth-first search that pushes a node after all its inputs lists each node after them",
};

const WHOLE: Place = Place::step("");

const TOPO_CATALOGUE: [Slip; 5] = [
    Slip::new(&REVERSED, WHOLE),
    Slip::new(&TWICE, WHOLE),
    Slip::new(&ROOT_MISSING, WHOLE),
    Slip::new(&UNREACHABLE, WHOLE),
    Slip::new(&BEFORE_INPUT, WHOLE),
];

/// One case: the graph, its root, and the learner's order (None when their
/// code panicked).
pub(crate) struct TopoCase {
    inputs: Vec<Vec<usize>>,
    root: usize,
    got: Option<Vec<usize>>,
}

/// The nodes reachable from `root`.
fn reachable(inputs: &[Vec<usize>], root: usize) -> Vec<bool> {
    let mut seen = vec![false; inputs.len()];
    for id in topo_order(inputs, root) {
        seen[id] = true;
    }
    seen
}

/// Is `order` the reachable nodes, each once, each after its inputs?
fn valid(inputs: &[Vec<usize>], root: usize, order: &[usize]) -> bool {
    let reach = reachable(inputs, root);
    let mut pos = vec![usize::MAX; inputs.len()];
    for (k, &id) in order.iter().enumerate() {
        if id >= inputs.len() || !reach[id] || pos[id] != usize::MAX {
            return false;
        }
        pos[id] = k;
    }
    let count = reach.iter().filter(|r| **r).count();
    order.len() == count
        && order
            .iter()
            .all(|&id| inputs[id].iter().all(|&i| pos[i] < pos[id]))
}

/// Post-order depth-first search without a visited set: a node reached twice
/// is listed twice (a learner's recursion without `visited`).
pub(super) fn with_repeats(
    inputs: &[Vec<usize>],
    root: usize,
    out: &mut Vec<usize>,
) -> Result<(), String> {
    // Iterative, and bounded: the repeats can grow exponentially.
    let mut stack = vec![(root, 0)];
    while let Some(&(node, next)) = stack.last() {
        if out.len() > 100_000 {
            return Err(NOT_MODELLED.into());
        }
        match inputs[node].get(next) {
            Some(&i) => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                stack.push((i, 0));
            }
            None => {
                out.push(node);
                stack.pop();
            }
        }
    }
    Ok(())
}

/// Breadth-first from the root with a visited set, reversed (root last).
pub(crate) fn breadth_first_reversed(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    let mut seen = vec![false; inputs.len()];
    let mut order = vec![root];
    seen[root] = true;
    let mut k = 0;
    while k < order.len() {
        for &i in &inputs[order[k]] {
            if !seen[i] {
                seen[i] = true;
                order.push(i);
            }
        }
        k += 1;
    }
    order.reverse();
    order
}

/// The order the slips give when the learner's does not have their property.
fn representative(c: &TopoCase, s: Slips) -> Result<Vec<usize>, String> {
    let reach = reachable(&c.inputs, c.root);
    let mut order = if s.at(&TWICE, WHOLE) {
        let mut v = Vec::new();
        with_repeats(&c.inputs, c.root, &mut v)?;
        v
    } else if s.at(&BEFORE_INPUT, WHOLE) {
        breadth_first_reversed(&c.inputs, c.root)
    } else {
        topo_order(&c.inputs, c.root)
    };
    if s.at(&UNREACHABLE, WHOLE) {
        // Every node in id order (the arena's order), as `0..n` gives.
        let unused: Vec<usize> = (0..c.inputs.len()).filter(|&i| !reach[i]).collect();
        order = if order == topo_order(&c.inputs, c.root) {
            (0..c.inputs.len()).collect()
        } else {
            unused.into_iter().chain(order).collect()
        };
    }
    if s.at(&ROOT_MISSING, WHOLE) {
        order.retain(|&i| i != c.root);
    }
    if s.at(&REVERSED, WHOLE) {
        order.reverse();
    }
    Ok(order)
}

/// Does the learner's order have the property the slips describe: undoing
/// each slip (in the reverse of the order `representative` applies them)
/// leaves a valid order? A slip need not show on every case (a reversed
/// one-node order is the order itself); a candidate is only tried on answers
/// that are wrong somewhere.
fn has_property(c: &TopoCase, got: &[usize], s: Slips) -> bool {
    let n = c.inputs.len();
    if got.iter().any(|&i| i >= n) {
        return false;
    }
    let mut v = got.to_vec();
    if s.at(&REVERSED, WHOLE) {
        v.reverse();
    }
    if s.at(&ROOT_MISSING, WHOLE) {
        v.push(c.root);
    }
    if s.at(&UNREACHABLE, WHOLE) {
        let reach = reachable(&c.inputs, c.root);
        v.retain(|&i| reach[i]);
    }
    if s.at(&TWICE, WHOLE) {
        let mut seen = vec![false; n];
        v.retain(|&i| !std::mem::replace(&mut seen[i], true));
    }
    if s.at(&BEFORE_INPUT, WHOLE) {
        // Any order of the right nodes, each once: wherever it is not valid,
        // a node comes before one of its inputs.
        let mut sorted = v.clone();
        sorted.sort_unstable();
        let mut want = topo_order(&c.inputs, c.root);
        want.sort_unstable();
        return sorted == want;
    }
    valid(&c.inputs, c.root, &v)
}

fn topo_model(c: &TopoCase, s: Slips) -> Result<Vec<Part>, String> {
    let twice_and_before = s.at(&TWICE, WHOLE) && s.at(&BEFORE_INPUT, WHOLE);
    let reversed_and_before = s.at(&REVERSED, WHOLE) && s.at(&BEFORE_INPUT, WHOLE);
    if twice_and_before || reversed_and_before {
        return Err(NOT_MODELLED.into());
    }
    let order = match &c.got {
        Some(got) if has_property(c, got, s) => got.clone(),
        _ => representative(c, s)?,
    };
    Ok(vec![Part::vector(
        "the order",
        "topo_order",
        order.iter().map(|&i| i as f64).collect(),
    )])
}

/// The cases: `(label, inputs, root)`. Ids are arena ids, so a node's inputs
/// always have smaller ids.
fn topo_graphs() -> Vec<(String, Vec<Vec<usize>>, usize)> {
    let v = |lists: &[&[usize]]| -> Vec<Vec<usize>> { lists.iter().map(|l| l.to_vec()).collect() };
    let mut deep: Vec<Vec<usize>> = vec![vec![]];
    for i in 1..300 {
        deep.push(vec![i - 1]);
    }
    vec![
        (
            "the lab's neuron tanh(w·x + b)".into(),
            v(&[&[], &[], &[], &[0, 1], &[3, 2], &[4]]),
            5,
        ),
        ("a chain".into(), v(&[&[], &[0], &[1], &[2]]), 3),
        ("a + a".into(), v(&[&[], &[0, 0]]), 1),
        ("a diamond".into(), v(&[&[], &[0], &[0], &[1, 2]]), 3),
        (
            "a shared subexpression, and nodes the root does not use".into(),
            v(&[&[], &[], &[0, 1], &[0], &[], &[2, 4], &[5, 2], &[2]]),
            6,
        ),
        (
            "a root in the middle".into(),
            v(&[&[], &[], &[0, 1], &[], &[2, 3], &[4, 2]]),
            4,
        ),
        (
            "a short and a long path".into(),
            v(&[&[], &[0], &[1], &[0, 2]]),
            3,
        ),
        (
            "a ladder of fan-outs".into(),
            v(&[&[], &[0, 0], &[1, 0], &[2, 1], &[3, 2]]),
            4,
        ),
        ("a leaf as the root".into(), v(&[&[], &[0]]), 0),
        ("a chain 300 deep".into(), deep, 299),
    ]
}

/// What is wrong with an order, in the learner's terms: for a wrong answer
/// no mistake names.
fn order_problem(cases: &[CaseSpec<TopoCase>]) -> Option<String> {
    cases.iter().find_map(|case| {
        let c = &case.data;
        let got = c.got.as_ref()?;
        if valid(&c.inputs, c.root, got) {
            return None;
        }
        let n = c.inputs.len();
        let reach = reachable(&c.inputs, c.root);
        let text = if let Some(&bad) = got.iter().find(|&&i| i >= n) {
            format!(
                "it lists node {bad}, but the graph has nodes 0 to {}",
                n - 1
            )
        } else if let Some(m) = (0..n).find(|&i| reach[i] && !got.contains(&i)) {
            format!("node {m} is reachable from the root but missing")
        } else {
            format!("{got:?} is not a valid order")
        };
        Some(format!("in case {}: {text}", case.label))
    })
}

/// Checks `topo_order(inputs, root)`: the ids reachable from `root`, each
/// once, each after all of its inputs, on a chain, `a + a`, a diamond, a
/// shared subexpression with nodes the root does not use, a short and a long
/// path to one node, a leaf as the root, and a chain 300 deep (a recursive
/// search is fine at that depth). Any valid order is right.
///
/// ```
/// use backprop_lab::autograd::topo_order;
/// use backprop_lab::exercises::check_topo_order;
/// assert!(check_topo_order(topo_order).is_right());
/// let r = check_topo_order(|inputs, root| {
///     let mut order = topo_order(inputs, root);
///     order.reverse();
///     order
/// });
/// assert_eq!(r.mistake(), Some("order reversed: the root first and the leaves last"));
/// ```
pub fn check_topo_order(topo: impl Fn(&[Vec<usize>], usize) -> Vec<usize>) -> CheckReport {
    let cases: Vec<CaseSpec<TopoCase>> = topo_graphs()
        .into_iter()
        .map(|(label, inputs, root)| {
            let got = run_quietly(|| topo(&inputs, root)).ok();
            let shown: Vec<String> = inputs.iter().take(8).map(|l| format!("{l:?}")).collect();
            let more = if inputs.len() > 8 { ", …" } else { "" };
            let input = format!("inputs = [{}{more}], root = {root}", shown.join(", "));
            CaseSpec::new(label, input, TopoCase { inputs, root, got })
        })
        .collect();
    let ex = Exercise {
        name: "topo_order",
        task: "topo_order(inputs, root): the ids reachable from root, each after all of its inputs",
        cases: &cases,
        catalogue: &TOPO_CATALOGUE,
        model: &topo_model,
        equations: &[(
            "topo_order",
            "visit(n): if n is not visited, mark it, visit each of its inputs, then push n; start with visit(root)",
        )],
    };
    let mut report = judge(&ex, |c| {
        let order = topo(&c.inputs, c.root);
        vec![Shaped::list(
            &order.iter().map(|&i| i as f64).collect::<Vec<_>>(),
        )]
    });
    if let Some(p) = order_problem(&cases) {
        report.describe_unnamed(p);
    }
    report
}
