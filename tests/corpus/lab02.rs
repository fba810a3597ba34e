//! Lab 02 (your own autograd engine): learner answers for `check_ops`,
//! `check_own_op`, `check_topo_order`, `check_backward` and `check_zero_grad`.

use super::harness::{Entry, Expect};
use backprop_lab::autograd::{apply_op, topo_order, Autograd, Op};
use backprop_lab::exercises::{
    check_backward, check_ops, check_own_op, check_topo_order, check_zero_grad,
};

// ---------------------------------------------------------------------------
// apply_op(op, x) -> (value, local derivatives)
// ---------------------------------------------------------------------------

fn ops_right(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Add => (x[0] + x[1], vec![1.0, 1.0]),
        Op::Mul => (x[0] * x[1], vec![x[1], x[0]]),
        Op::Pow(n) => (x[0].powf(n), vec![n * x[0].powf(n - 1.0)]),
        Op::Exp => {
            let e = x[0].exp();
            (e, vec![e])
        }
        Op::Tanh => {
            let t = x[0].tanh();
            (t, vec![1.0 - t * t])
        }
        Op::Relu => (x[0].max(0.0), vec![if x[0] > 0.0 { 1.0 } else { 0.0 }]),
    }
}

fn ops_right_formulas(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    // tanh from exponentials, relu with an if, the power rule via exp and ln
    let a = x[0];
    match op {
        Op::Add => {
            let b = x[1];
            (a + b, vec![1.0; 2])
        }
        Op::Mul => {
            let b = x[1];
            (a * b, vec![b, a])
        }
        Op::Pow(n) => {
            let out = a.powf(n);
            (out, vec![n * out / a])
        }
        Op::Exp => (a.exp(), vec![a.exp()]),
        Op::Tanh => {
            let e2 = (2.0 * a).exp();
            let t = (e2 - 1.0) / (e2 + 1.0);
            (t, vec![1.0 - t.powi(2)])
        }
        Op::Relu => {
            if a > 0.0 {
                (a, vec![1.0])
            } else {
                (0.0, vec![0.0])
            }
        }
    }
}

fn ops_mul_swapped(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Mul => (x[0] * x[1], vec![x[0], x[1]]),
        _ => ops_right(op, x),
    }
}

fn ops_tanh_from_input(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Tanh => (x[0].tanh(), vec![1.0 - x[0] * x[0]]),
        _ => ops_right(op, x),
    }
}

fn ops_pow_n_xn(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Pow(n) => (x[0].powf(n), vec![n * x[0].powf(n)]),
        _ => ops_right(op, x),
    }
}

fn ops_pow_nm1(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Pow(n) => {
            let m = n - 1.0;
            (x[0].powf(n), vec![m * x[0].powf(m)])
        }
        _ => ops_right(op, x),
    }
}

fn ops_pow_n_xn2(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Pow(n) => (x[0].powf(n), vec![n * x[0].powf(n - 2.0)]),
        _ => ops_right(op, x),
    }
}

fn ops_exp_der_x(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Exp => (x[0].exp(), vec![x[0]]),
        _ => ops_right(op, x),
    }
}

fn ops_relu_always_one(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Relu => (x[0].max(0.0), vec![1.0]),
        _ => ops_right(op, x),
    }
}

fn ops_add_one_zero(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Add => (x[0] + x[1], vec![1.0, 0.0]),
        _ => ops_right(op, x),
    }
}

fn ops_swapped_and_tanh_input(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Mul => (x[0] * x[1], vec![x[0], x[1]]),
        Op::Tanh => (x[0].tanh(), vec![1.0 - x[0].powi(2)]),
        _ => ops_right(op, x),
    }
}

fn ops_add_one_derivative(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Add => (x[0] + x[1], vec![1.0]),
        _ => ops_right(op, x),
    }
}

fn ops_two_inputs_up_front(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    let (a, b) = (x[0], x[1]);
    match op {
        Op::Add => (a + b, vec![1.0, 1.0]),
        Op::Mul => (a * b, vec![b, a]),
        _ => ops_right(op, &[a]),
    }
}

fn ops_sigmoid_form_for_tanh(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Tanh => {
            let t = x[0].tanh();
            (t, vec![t * (1.0 - t)])
        }
        _ => ops_right(op, x),
    }
}

fn ops_powi(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Pow(n) => {
            let k = n as i32;
            (x[0].powi(k), vec![n * x[0].powi(k - 1)])
        }
        _ => ops_right(op, x),
    }
}

fn ops_first_two_arms(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Add => (x[0] + x[1], vec![1.0, 1.0]),
        Op::Mul => (x[0] * x[1], vec![x[1], x[0]]),
        Op::Pow(n) => (x[0].powf(n), vec![n * x[0].powf(n - 1.0)]),
        Op::Exp => todo!("exp"),
        Op::Tanh => todo!("tanh"),
        Op::Relu => todo!("relu"),
    }
}

fn ops_first_arms_one_wrong(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Add => (x[0] + x[1], vec![1.0, 1.0]),
        Op::Mul => (x[0] * x[1], vec![x[0], x[1]]),
        _ => todo!(),
    }
}

fn ops_relu_returns_output(op: Op, x: &[f64]) -> (f64, Vec<f64>) {
    match op {
        Op::Relu => {
            let out = x[0].max(0.0);
            (out, vec![out])
        }
        _ => ops_right(op, x),
    }
}

// ---------------------------------------------------------------------------
// one more operation: f and its derivative df
// ---------------------------------------------------------------------------

fn sig(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

// ---------------------------------------------------------------------------
// topo_order(inputs, root)
// ---------------------------------------------------------------------------

fn topo_right_recursive(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    fn visit(n: usize, inputs: &[Vec<usize>], seen: &mut Vec<bool>, order: &mut Vec<usize>) {
        if seen[n] {
            return;
        }
        seen[n] = true;
        for &i in &inputs[n] {
            visit(i, inputs, seen, order);
        }
        order.push(n);
    }
    let mut seen = vec![false; inputs.len()];
    let mut order = Vec::new();
    visit(root, inputs, &mut seen, &mut order);
    order
}

fn topo_right_kahn(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    // reachable set first, then repeatedly take nodes whose inputs are all done
    let mut reach = std::collections::HashSet::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if reach.insert(n) {
            stack.extend(inputs[n].iter().copied());
        }
    }
    let mut done: Vec<usize> = Vec::new();
    while done.len() < reach.len() {
        for n in 0..inputs.len() {
            if reach.contains(&n)
                && !done.contains(&n)
                && inputs[n].iter().all(|i| done.contains(i))
            {
                done.push(n);
            }
        }
    }
    done
}

fn topo_reversed_at_end(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    let mut order = topo_right_recursive(inputs, root);
    order.reverse(); // "backward goes from the root, so root first"
    order
}

fn topo_no_visited(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    fn visit(n: usize, inputs: &[Vec<usize>], order: &mut Vec<usize>) {
        for &i in &inputs[n] {
            visit(i, inputs, order);
        }
        order.push(n);
    }
    let mut order = Vec::new();
    visit(root, inputs, &mut order);
    order
}

fn topo_bfs(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    let mut queue = std::collections::VecDeque::from([root]);
    let mut seen = vec![false; inputs.len()];
    seen[root] = true;
    let mut order = Vec::new();
    while let Some(n) = queue.pop_front() {
        order.push(n);
        for &i in &inputs[n] {
            if !seen[i] {
                seen[i] = true;
                queue.push_back(i);
            }
        }
    }
    order.reverse();
    order
}

fn topo_root_missing(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    fn visit(n: usize, inputs: &[Vec<usize>], seen: &mut Vec<bool>, order: &mut Vec<usize>) {
        if seen[n] {
            return;
        }
        seen[n] = true;
        for &i in &inputs[n] {
            visit(i, inputs, seen, order);
        }
        order.push(n);
    }
    let mut seen = vec![false; inputs.len()];
    let mut order = Vec::new();
    // start from the root's inputs
    for &i in &inputs[root] {
        visit(i, inputs, &mut seen, &mut order);
    }
    order
}

fn topo_ids_up_to_root(_inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    // "inputs always have smaller ids, so 0..=root is already sorted"
    (0..=root).collect()
}

fn topo_all_nodes(inputs: &[Vec<usize>], _root: usize) -> Vec<usize> {
    (0..inputs.len()).collect()
}

fn topo_no_visited_reversed(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    let mut order = topo_no_visited(inputs, root);
    order.reverse();
    order
}

fn topo_len_minus_one(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    fn visit(n: usize, inputs: &[Vec<usize>], seen: &mut Vec<bool>, order: &mut Vec<usize>) {
        if seen[n] {
            return;
        }
        seen[n] = true;
        for k in 0..inputs[n].len() - 1 {
            visit(inputs[n][k], inputs, seen, order);
        }
        order.push(n);
    }
    let mut seen = vec![false; inputs.len()];
    let mut order = Vec::new();
    visit(root, inputs, &mut seen, &mut order);
    order
}

fn topo_preorder_reversed(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    // marks and lists a node when first reached, then reverses at the end
    fn visit(n: usize, inputs: &[Vec<usize>], seen: &mut Vec<bool>, order: &mut Vec<usize>) {
        if seen[n] {
            return;
        }
        seen[n] = true;
        order.push(n);
        for &i in &inputs[n] {
            visit(i, inputs, seen, order);
        }
    }
    let mut seen = vec![false; inputs.len()];
    let mut order = Vec::new();
    visit(root, inputs, &mut seen, &mut order);
    order.reverse();
    order
}

fn topo_preorder(inputs: &[Vec<usize>], root: usize) -> Vec<usize> {
    // a stack, listing each node when popped
    let mut stack = vec![root];
    let mut seen = vec![false; inputs.len()];
    let mut order = Vec::new();
    while let Some(n) = stack.pop() {
        if seen[n] {
            continue;
        }
        seen[n] = true;
        order.push(n);
        for &i in &inputs[n] {
            stack.push(i);
        }
    }
    order
}

// ---------------------------------------------------------------------------
// backward and zero_grad, on engines built as the notebook builds them
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct Node {
    value: f64,
    grad: f64,
    op: Option<Op>,
    inputs: Vec<usize>,
}

/// An engine whose `backward` and `zero_grad` are the given functions; the
/// rest is the notebook's given code.
macro_rules! engine {
    ($name:ident, $backward:expr, $zero:expr) => {
        engine!($name, $backward, $zero, apply_op);
    };
    ($name:ident, $backward:expr, $zero:expr, $ops:expr) => {
        #[derive(Default)]
        struct $name {
            nodes: Vec<Node>,
        }
        impl Autograd for $name {
            fn leaf(&mut self, value: f64) -> usize {
                self.nodes.push(Node {
                    value,
                    grad: 0.0,
                    op: None,
                    inputs: vec![],
                });
                self.nodes.len() - 1
            }
            fn apply(&mut self, op: Op, inputs: &[usize]) -> usize {
                let x: Vec<f64> = inputs.iter().map(|&i| self.nodes[i].value).collect();
                let (value, _) = $ops(op, &x);
                self.nodes.push(Node {
                    value,
                    grad: 0.0,
                    op: Some(op),
                    inputs: inputs.to_vec(),
                });
                self.nodes.len() - 1
            }
            fn value(&self, id: usize) -> f64 {
                self.nodes[id].value
            }
            fn grad(&self, id: usize) -> f64 {
                self.nodes[id].grad
            }
            fn set_value(&mut self, id: usize, value: f64) {
                self.nodes[id].value = value;
            }
            fn backward(&mut self, root: usize) {
                let f: fn(&mut Vec<Node>, usize) = $backward;
                f(&mut self.nodes, root)
            }
            fn zero_grad(&mut self) {
                let f: fn(&mut Vec<Node>) = $zero;
                f(&mut self.nodes)
            }
            fn len(&self) -> usize {
                self.nodes.len()
            }
            fn truncate(&mut self, len: usize) {
                self.nodes.truncate(len)
            }
        }
    };
}

fn inputs_of(nodes: &[Node]) -> Vec<Vec<usize>> {
    nodes.iter().map(|n| n.inputs.clone()).collect()
}

fn values_of(nodes: &[Node], ids: &[usize]) -> Vec<f64> {
    ids.iter().map(|&i| nodes[i].value).collect()
}

fn bw_right(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = 1.0;
    for &id in topo_order(&inputs_of(nodes), root).iter().rev() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad += local[k] * nodes[id].grad;
            }
        }
    }
}

fn bw_right_own_topo(nodes: &mut Vec<Node>, root: usize) {
    let order = topo_right_recursive(&inputs_of(nodes), root);
    nodes[root].grad = 1.0;
    for id in order.into_iter().rev() {
        let node = nodes[id].clone();
        let Some(op) = node.op else { continue };
        let x = values_of(nodes, &node.inputs);
        let (_, d) = apply_op(op, &x);
        for (input, d) in node.inputs.iter().zip(d) {
            nodes[*input].grad += d * node.grad;
        }
    }
}

fn bw_overwrite(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = 1.0;
    for &id in topo_order(&inputs_of(nodes), root).iter().rev() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad = local[k] * nodes[id].grad;
            }
        }
    }
}

fn bw_forgot_rev(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = 1.0;
    for &id in topo_order(&inputs_of(nodes), root).iter() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad += local[k] * nodes[id].grad;
            }
        }
    }
}

fn bw_no_seed(nodes: &mut Vec<Node>, root: usize) {
    for &id in topo_order(&inputs_of(nodes), root).iter().rev() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad += local[k] * nodes[id].grad;
            }
        }
    }
}

fn bw_seed_after_walk(nodes: &mut Vec<Node>, root: usize) {
    bw_no_seed(nodes, root);
    nodes[root].grad = 1.0;
}

fn bw_no_upstream(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = 1.0;
    for &id in topo_order(&inputs_of(nodes), root).iter().rev() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad += local[k];
            }
        }
    }
}

fn bw_bfs(nodes: &mut Vec<Node>, root: usize) {
    // walk from the root outwards with a queue
    nodes[root].grad = 1.0;
    let mut queue = std::collections::VecDeque::from([root]);
    let mut seen = vec![false; nodes.len()];
    seen[root] = true;
    while let Some(id) = queue.pop_front() {
        let Some(op) = nodes[id].op else { continue };
        let ins = nodes[id].inputs.clone();
        let (_, local) = apply_op(op, &values_of(nodes, &ins));
        for (k, &i) in ins.iter().enumerate() {
            nodes[i].grad += local[k] * nodes[id].grad;
            if !seen[i] {
                seen[i] = true;
                queue.push_back(i);
            }
        }
    }
}

fn bw_topo_without_visited(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = 1.0;
    for &id in topo_no_visited(&inputs_of(nodes), root).iter().rev() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad += local[k] * nodes[id].grad;
            }
        }
    }
}

fn bw_seed_value(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = nodes[root].value;
    for &id in topo_order(&inputs_of(nodes), root).iter().rev() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad += local[k] * nodes[id].grad;
            }
        }
    }
}

fn bw_overwrite_and_forward(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = 1.0;
    for &id in topo_order(&inputs_of(nodes), root).iter() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad = local[k] * nodes[id].grad;
            }
        }
    }
}

fn bw_swapped_product_rule(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = 1.0;
    for &id in topo_order(&inputs_of(nodes), root).iter().rev() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = ops_mul_swapped(op, &values_of(nodes, &ins));
            for (k, &i) in ins.iter().enumerate() {
                nodes[i].grad += local[k] * nodes[id].grad;
            }
        }
    }
}

fn bw_two_inputs_always(nodes: &mut Vec<Node>, root: usize) {
    nodes[root].grad = 1.0;
    for &id in topo_order(&inputs_of(nodes), root).iter().rev() {
        if let Some(op) = nodes[id].op {
            let ins = nodes[id].inputs.clone();
            let (_, local) = apply_op(op, &values_of(nodes, &ins));
            for k in 0..2 {
                nodes[ins[k]].grad += local[k] * nodes[id].grad;
            }
        }
    }
}

fn zero_right(nodes: &mut Vec<Node>) {
    for n in nodes.iter_mut() {
        n.grad = 0.0;
    }
}

fn zero_right_index(nodes: &mut Vec<Node>) {
    for i in 0..nodes.len() {
        nodes[i].grad = 0.0;
    }
}

fn zero_nothing(_nodes: &mut Vec<Node>) {}

fn zero_values_too(nodes: &mut Vec<Node>) {
    for n in nodes.iter_mut() {
        n.grad = 0.0;
        n.value = 0.0;
    }
}

fn zero_values_instead(nodes: &mut Vec<Node>) {
    for n in nodes.iter_mut() {
        n.value = 0.0;
    }
}

fn zero_clear(nodes: &mut Vec<Node>) {
    nodes.clear();
}

fn zero_to_one(nodes: &mut Vec<Node>) {
    for n in nodes.iter_mut() {
        n.grad = 1.0;
    }
}

fn zero_leaves_only(nodes: &mut Vec<Node>) {
    // "only the parameters need resetting"
    for n in nodes.iter_mut().filter(|n| n.op.is_none()) {
        n.grad = 0.0;
    }
}

fn zero_last_only(nodes: &mut Vec<Node>) {
    if let Some(n) = nodes.last_mut() {
        n.grad = 0.0;
    }
}

fn zero_skips_first(nodes: &mut Vec<Node>) {
    for i in 1..nodes.len() {
        nodes[i].grad = 0.0;
    }
}

fn zero_truncate(nodes: &mut Vec<Node>) {
    nodes.truncate(0);
}

engine!(EngRight, bw_right, zero_right);
engine!(EngRightOwnTopo, bw_right_own_topo, zero_right_index);
engine!(EngOverwrite, bw_overwrite, zero_right);
engine!(EngForgotRev, bw_forgot_rev, zero_right);
engine!(EngNoSeed, bw_no_seed, zero_right);
engine!(EngSeedAfter, bw_seed_after_walk, zero_right);
engine!(EngNoUpstream, bw_no_upstream, zero_right);
engine!(EngBfs, bw_bfs, zero_right);
engine!(EngTopoNoVisited, bw_topo_without_visited, zero_right);
engine!(EngSeedValue, bw_seed_value, zero_right);
engine!(EngOverwriteForward, bw_overwrite_and_forward, zero_right);
engine!(
    EngSwapped,
    bw_swapped_product_rule,
    zero_right,
    ops_mul_swapped
);
engine!(EngTwoInputs, bw_two_inputs_always, zero_right);
engine!(ZeroNothing, bw_right, zero_nothing);
engine!(ZeroValuesToo, bw_right, zero_values_too);
engine!(ZeroValuesInstead, bw_right, zero_values_instead);
engine!(ZeroClear, bw_right, zero_clear);
engine!(ZeroToOne, bw_right, zero_to_one);
engine!(ZeroLeavesOnly, bw_right, zero_leaves_only);
engine!(ZeroLastOnly, bw_right, zero_last_only);
engine!(ZeroSkipsFirst, bw_right, zero_skips_first);
engine!(ZeroTruncate, bw_right, zero_truncate);
engine!(ZeroButBackwardOverwrites, bw_overwrite, zero_right);

fn ops_entries() -> Vec<Entry> {
    let e = |id, tutor, expect, run| Entry {
        exercise: "check_ops",
        id,
        tutor,
        expect,
        run,
    };
    vec![
        e("right", "micrograd's arms", Expect::Right, || {
            check_ops(ops_right)
        }),
        e(
            "right-formulas",
            "tanh from exponentials, the power rule as n·out/x",
            Expect::Right,
            || check_ops(ops_right_formulas),
        ),
        e(
            "mul-swapped",
            "Mul gives (x0, x1): each input gets its own value instead of the other's",
            Expect::Wrong(&["product rule", "swapped"]),
            || check_ops(ops_mul_swapped),
        ),
        e(
            "tanh-input",
            "tanh′ = 1 − x² from the input instead of 1 − t²",
            Expect::Wrong(&["tanh′", "input"]),
            || check_ops(ops_tanh_from_input),
        ),
        e(
            "pow-n-xn",
            "power rule n·xⁿ: the exponent not lowered",
            Expect::Wrong(&["power rule off by one", "n·xⁿ instead"]),
            || check_ops(ops_pow_n_xn),
        ),
        e(
            "pow-nm1",
            "power rule (n − 1)·xⁿ⁻¹: the factor lowered too",
            Expect::Wrong(&["power rule off by one", "(n − 1)"]),
            || check_ops(ops_pow_nm1),
        ),
        e(
            "pow-n-xn2",
            "power rule n·xⁿ⁻²: lowered twice",
            Expect::Wrong(&["power rule off by one", "xⁿ⁻² instead"]),
            || check_ops(ops_pow_n_xn2),
        ),
        e(
            "exp-x",
            "exp′ written as x",
            Expect::Wrong(&["exp′"]),
            || check_ops(ops_exp_der_x),
        ),
        e(
            "relu-one",
            "ReLU′ is 1 whatever the sign of x",
            Expect::Wrong(&["ReLU′", "1 everywhere"]),
            || check_ops(ops_relu_always_one),
        ),
        e(
            "add-one-zero",
            "Add's derivatives (1, 0): forgot the second input",
            Expect::Wrong(&["add", "(1, 0)"]),
            || check_ops(ops_add_one_zero),
        ),
        e(
            "mul-and-tanh",
            "two slips: swapped product rule and tanh′ from the input",
            Expect::Wrong(&["product rule", "tanh′"]),
            || check_ops(ops_swapped_and_tanh_input),
        ),
        e(
            "add-one-derivative",
            "Add returns one derivative for two inputs",
            Expect::Wrong(&["shape"]),
            || check_ops(ops_add_one_derivative),
        ),
        e(
            "x1-up-front",
            "reads x[1] before the match, which panics for the one-input ops",
            Expect::Wrong(&["panic|past its end"]),
            || check_ops(ops_two_inputs_up_front),
        ),
        e(
            "sigmoid-form",
            "tanh′ as t(1 − t), the sigmoid's form from notebook 07",
            Expect::Wrong(&["σ′"]),
            || check_ops(ops_sigmoid_form_for_tanh),
        ),
        e(
            "powi",
            "powi(n as i32): Pow(0.5) becomes x⁰",
            Expect::Wrong(&["integer|powi"]),
            || check_ops(ops_powi),
        ),
        e(
            "relu-output",
            "ReLU′ returns the output max(x, 0)",
            Expect::Wrong(&["ReLU′", "output"]),
            || check_ops(ops_relu_returns_output),
        ),
        e(
            "three-arms",
            "Add, Mul, Pow written, the rest still todo!()",
            Expect::NotStarted,
            || check_ops(ops_first_two_arms),
        ),
        e(
            "two-arms-one-wrong",
            "Add right, Mul swapped, the rest todo!()",
            Expect::Wrong(&["product rule", "swapped"]),
            || check_ops(ops_first_arms_one_wrong),
        ),
    ]
}

fn own_entries() -> Vec<Entry> {
    let e = |id, tutor, expect, run| Entry {
        exercise: "check_own_op",
        id,
        tutor,
        expect,
        run,
    };
    vec![
        e("sigmoid", "σ′ = σ(1 − σ)", Expect::Right, || {
            check_own_op("sigmoid", sig, |x| sig(x) * (1.0 - sig(x)))
        }),
        e("ln", "ln′ = 1/x", Expect::Right, || {
            check_own_op("ln", f64::ln, |x| 1.0 / x)
        }),
        e("sin", "sin′ = cos", Expect::Right, || {
            check_own_op("sin", f64::sin, f64::cos)
        }),
        e(
            "sin-minus-cos",
            "sin′ written −cos",
            Expect::Wrong(&["sign"]),
            || check_own_op("sin", f64::sin, |x| -x.cos()),
        ),
        e(
            "softplus-itself",
            "softplus' derivative returns softplus itself",
            Expect::Wrong(&["itself"]),
            || {
                check_own_op(
                    "softplus",
                    |x| (1.0 + x.exp()).ln(),
                    |x| (1.0 + x.exp()).ln(),
                )
            },
        ),
        e(
            "square-half",
            "x² with derivative x: dropped the 2",
            Expect::Wrong(&["half|factor 2"]),
            || check_own_op("square", |x| x * x, |x| x),
        ),
        e(
            "reciprocal-sign",
            "1/x with derivative 1/x², the minus sign lost",
            Expect::Wrong(&["sign"]),
            || check_own_op("reciprocal", |x| 1.0 / x, |x| 1.0 / (x * x)),
        ),
        e(
            "sigmoid-sign",
            "σ′ = −σ(1 − σ)",
            Expect::Wrong(&["sign"]),
            || check_own_op("sigmoid", sig, |x| -sig(x) * (1.0 - sig(x))),
        ),
        e(
            "ln-itself",
            "ln′ returns ln x",
            Expect::Wrong(&["itself"]),
            || check_own_op("ln", f64::ln, f64::ln),
        ),
        e(
            "sqrt-double",
            "√x with derivative 1/√x: the ½ forgotten",
            Expect::Wrong(&["twice|factor 2"]),
            || check_own_op("sqrt", f64::sqrt, |x| 1.0 / x.sqrt()),
        ),
        e(
            "exp2x-chain",
            "e^(2x) with derivative e^(2x): the chain factor 2 forgotten",
            Expect::Wrong(&["itself|half|factor 2"]),
            || check_own_op("exp2", |x| (2.0 * x).exp(), |x| (2.0 * x).exp()),
        ),
        e(
            "sigmoid-extra-x",
            "σ′ with an extra factor x",
            Expect::Wrong(&["σ′|factor x"]),
            || check_own_op("sigmoid", sig, |x| x * sig(x) * (1.0 - sig(x))),
        ),
        e(
            "nan",
            "df returns NaN (0/0 left in)",
            Expect::Wrong(&["not a number"]),
            || check_own_op("sigmoid", sig, |_| f64::NAN),
        ),
        e(
            "tanh-input",
            "tanh as the own op, derivative 1 − x²",
            Expect::Wrong(&["input"]),
            || check_own_op("tanh", f64::tanh, |x| 1.0 - x * x),
        ),
        e("df-todo", "df still todo!()", Expect::NotStarted, || {
            check_own_op("sigmoid", sig, |_| todo!())
        }),
    ]
}

fn topo_entries() -> Vec<Entry> {
    let e = |id, tutor, expect, run| Entry {
        exercise: "check_topo_order",
        id,
        tutor,
        expect,
        run,
    };
    vec![
        e(
            "recursive",
            "recursive DFS with a visited list, node pushed after its inputs",
            Expect::Right,
            || check_topo_order(topo_right_recursive),
        ),
        e(
            "kahn",
            "reachable set, then nodes whose inputs are all listed",
            Expect::Right,
            || check_topo_order(topo_right_kahn),
        ),
        e(
            "reversed",
            "a right order reversed at the end",
            Expect::Wrong(&["reversed"]),
            || check_topo_order(topo_reversed_at_end),
        ),
        e(
            "no-visited",
            "no visited set: a + a lists a twice",
            Expect::Wrong(&["twice"]),
            || check_topo_order(topo_no_visited),
        ),
        e(
            "bfs",
            "breadth-first from the root, reversed",
            Expect::Wrong(&["before one of its inputs|breadth"]),
            || check_topo_order(topo_bfs),
        ),
        e(
            "root-missing",
            "starts at the root's inputs and never lists the root",
            Expect::Wrong(&["root is missing"]),
            || check_topo_order(topo_root_missing),
        ),
        e(
            "ids-up-to-root",
            "0..=root: includes nodes with smaller ids that the root does not use",
            Expect::Wrong(&["does not use"]),
            || check_topo_order(topo_ids_up_to_root),
        ),
        e(
            "all-nodes",
            "every node of the arena, in id order",
            Expect::Wrong(&["does not use"]),
            || check_topo_order(topo_all_nodes),
        ),
        e(
            "no-visited-reversed",
            "no visited set, and reversed",
            Expect::Wrong(&["twice", "reversed"]),
            || check_topo_order(topo_no_visited_reversed),
        ),
        e(
            "len-minus-one",
            "loops over 0..len() − 1 inputs, which underflows on a leaf",
            Expect::Wrong(&["panic|overflow"]),
            || check_topo_order(topo_len_minus_one),
        ),
        e(
            "preorder-reversed",
            "lists a node when first reached (pre-order), then reverses",
            Expect::Wrong(&["before one of its inputs"]),
            || check_topo_order(topo_preorder_reversed),
        ),
        e(
            "preorder-stack",
            "a stack, listing each node when popped: the root first",
            Expect::Wrong(&["reversed|before one of its inputs"]),
            || check_topo_order(topo_preorder),
        ),
    ]
}

fn backward_entries() -> Vec<Entry> {
    let e = |id, tutor, expect, run| Entry {
        exercise: "check_backward",
        id,
        tutor,
        expect,
        run,
    };
    vec![
        e(
            "right",
            "seed 1, reverse topo order, +=",
            Expect::Right,
            || check_backward::<EngRight>(),
        ),
        e(
            "right-own-topo",
            "own recursive topo_order, zip over inputs and locals",
            Expect::Right,
            || check_backward::<EngRightOwnTopo>(),
        ),
        e(
            "overwrite",
            "= instead of += into the inputs' grads",
            Expect::Wrong(&["= instead of +="]),
            || check_backward::<EngOverwrite>(),
        ),
        e(
            "forgot-rev",
            "walks topo_order forwards",
            Expect::Wrong(&["before all of its consumers"]),
            || check_backward::<EngForgotRev>(),
        ),
        e(
            "no-seed",
            "never sets grad[root] = 1",
            Expect::Wrong(&["not seeded"]),
            || check_backward::<EngNoSeed>(),
        ),
        e(
            "seed-after",
            "sets grad[root] = 1 after the walk, so nothing flows",
            Expect::Wrong(&["not seeded"]),
            || check_backward::<EngSeedAfter>(),
        ),
        e(
            "no-upstream",
            "+= local, without the node's grad",
            Expect::Wrong(&["upstream"]),
            || check_backward::<EngNoUpstream>(),
        ),
        e(
            "bfs",
            "walks breadth-first from the root",
            Expect::Wrong(&["before all of its consumers"]),
            || check_backward::<EngBfs>(),
        ),
        e(
            "topo-twice",
            "its topo_order has no visited set, so shared nodes pass their gradient on twice",
            Expect::Wrong(&["twice"]),
            || check_backward::<EngTopoNoVisited>(),
        ),
        e(
            "seed-value",
            "seeds grad[root] with the root's value",
            Expect::Wrong(&["L's value"]),
            || check_backward::<EngSeedValue>(),
        ),
        e(
            "overwrite-forward",
            "= instead of +=, and walks forwards",
            Expect::Wrong(&["= instead of +=", "before all of its consumers"]),
            || check_backward::<EngOverwriteForward>(),
        ),
        e(
            "swapped-mul",
            "its apply_op has the product rule swapped",
            Expect::Wrong(&["product rule"]),
            || check_backward::<EngSwapped>(),
        ),
        e(
            "two-inputs",
            "loops k in 0..2 for every op, past the end for one-input ops",
            Expect::Wrong(&["panic|past its end"]),
            || check_backward::<EngTwoInputs>(),
        ),
    ]
}

fn zero_entries() -> Vec<Entry> {
    let e = |id, tutor, expect, run| Entry {
        exercise: "check_zero_grad",
        id,
        tutor,
        expect,
        run,
    };
    vec![
        e("right", "every grad set to 0", Expect::Right, || {
            check_zero_grad::<EngRight>()
        }),
        e("right-index", "index loop", Expect::Right, || {
            check_zero_grad::<EngRightOwnTopo>()
        }),
        e(
            "nothing",
            "empty zero_grad: the second pass doubles",
            Expect::Wrong(&["not zeroed"]),
            || check_zero_grad::<ZeroNothing>(),
        ),
        e(
            "values-too",
            "zeroes value and grad",
            Expect::Wrong(&["also reset the values"]),
            || check_zero_grad::<ZeroValuesToo>(),
        ),
        e(
            "values-instead",
            "zeroes value instead of grad",
            Expect::Wrong(&["values instead"]),
            || check_zero_grad::<ZeroValuesInstead>(),
        ),
        e(
            "clear",
            "nodes.clear()",
            Expect::Wrong(&["removed the nodes|panic"]),
            || check_zero_grad::<ZeroClear>(),
        ),
        e(
            "to-one",
            "sets every grad to 1",
            Expect::Wrong(&["to 1"]),
            || check_zero_grad::<ZeroToOne>(),
        ),
        e(
            "leaves-only",
            "zeroes only the leaves",
            Expect::Wrong(&["leaves only"]),
            || check_zero_grad::<ZeroLeavesOnly>(),
        ),
        e(
            "last-only",
            "zeroes only the last node",
            Expect::Wrong(&["last node"]),
            || check_zero_grad::<ZeroLastOnly>(),
        ),
        e(
            "skips-first",
            "loop from 1, so node 0 keeps its grad",
            Expect::Wrong(&["node 0|first node"]),
            || check_zero_grad::<ZeroSkipsFirst>(),
        ),
        e(
            "truncate",
            "truncate(0) instead of zeroing",
            Expect::Wrong(&["removed the nodes|panic"]),
            || check_zero_grad::<ZeroTruncate>(),
        ),
        e(
            "backward-overwrites",
            "zero_grad right, but backward uses = instead of +=",
            Expect::Wrong(&["check_backward"]),
            || check_zero_grad::<ZeroButBackwardOverwrites>(),
        ),
    ]
}

pub fn corpus() -> Vec<Entry> {
    let mut v = ops_entries();
    v.extend(own_entries());
    v.extend(topo_entries());
    v.extend(backward_entries());
    v.extend(zero_entries());
    v
}
