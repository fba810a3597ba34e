//! Every kind of bad input named by the core issue returns its error — with a
//! message naming the operation and the values — and leaves state unchanged.

use backprop_lab::prelude::*;
use backprop_lab::{io::parse_csv_columns, tensor::stack_matmul};

fn net231() -> Network {
    Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap()
}

#[test]
fn shape_mismatches_name_operation_and_both_shapes() {
    let net = net231();
    let x3 = array![[1.0, 2.0, 3.0]];
    let y1 = array![[1.0]];
    for (op, err) in [
        (
            "backprop_batch",
            backprop_batch(&net, &x3, &y1).unwrap_err(),
        ),
        ("backprop_gemm", backprop_gemm(&net, &x3, &y1).unwrap_err()),
        (
            "backprop_per_example",
            backprop_per_example(&net, &x3, &y1).unwrap_err(),
        ),
        (
            "backprop_per_neuron",
            backprop_per_neuron(&net, &x3, &y1).unwrap_err(),
        ),
        (
            "Network::feedforward_batch",
            net.feedforward_batch(&x3).unwrap_err(),
        ),
        ("Network::predict", net.predict(&x3).unwrap_err()),
    ] {
        assert!(matches!(err, Error::Shape { .. }), "{op}: {err}");
        assert_eq!(
            err.to_string(),
            format!("{op}: X has 3 columns but layer 1 expects 2 inputs")
        );
    }
    let err = net
        .cost(&array![[1.0, 2.0]], &array![[1.0, 2.0]])
        .unwrap_err();
    assert!(err.to_string().contains("Y has shape (1, 2)"), "{err}");
    let err = net.forward_example(&[1.0]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Network::forward_example: x has 1 entries but layer 1 expects 2 inputs"
    );
    let err = stack_matmul(
        &Array3::<f64>::zeros((4, 3, 3)),
        &Array2::<f64>::zeros((2, 1)),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("(4, 3, 3)") && err.to_string().contains("(2, 1)"),
        "{err}"
    );
}

#[test]
fn empty_data_is_refused() {
    let net = net231();
    let x0 = Array2::<f64>::zeros((0, 2));
    let y0 = Array2::<f64>::zeros((0, 1));
    assert!(matches!(
        backprop_gemm(&net, &x0, &y0),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        net.feedforward_batch(&x0),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(toy(0), Err(Error::Empty { .. })));
    assert!(matches!(
        make_circles(0, 0.3, 0.1, 0),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        Network::from_layers(vec![]),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        backprop_lab::tensor::stack(&[]),
        Err(Error::Empty { .. })
    ));
    let mut nn = NielsenNetwork::from_network(&net).unwrap();
    assert!(matches!(
        nn.sgd(&[], 1, 1, 0.1, None),
        Err(Error::Empty { .. })
    ));
}

#[test]
fn non_finite_inputs_are_refused_with_their_position() {
    let net = net231();
    let x = array![[1.0, 2.0], [3.0, f64::NAN]];
    let y = array![[1.0], [0.0]];
    let err = backprop_gemm(&net, &x, &y).unwrap_err();
    assert!(matches!(err, Error::NonFinite { .. }));
    assert_eq!(
        err.to_string(),
        "backprop_gemm: X holds the non-finite value NaN at [1, 1]"
    );
    let err = backprop_batch(&net, &array![[1.0, 2.0]], &array![[f64::INFINITY]]).unwrap_err();
    assert!(
        err.to_string()
            .contains("Y holds the non-finite value inf at [0, 0]"),
        "{err}"
    );
    assert!(matches!(
        Net1d::random_uniform(0).forward(f64::NAN),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(
        linspace(0.0, f64::INFINITY, 3),
        Err(Error::NonFinite { .. })
    ));
}

#[test]
fn training_parameters_are_checked_and_nothing_changes() {
    let (x, y) = make_circles(100, 0.3, 0.1, 0).unwrap();
    let mut net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
    let before = net.clone();
    let cases = [
        (
            TrainConfig::new().eta(0.0).batch_size(10).epochs(1),
            "eta = 0",
        ),
        (
            TrainConfig::new().eta(-0.1).batch_size(10).epochs(1),
            "eta = -0.1",
        ),
        (
            TrainConfig::new().eta(0.1).batch_size(0).epochs(1),
            "batch_size = 0",
        ),
        (
            TrainConfig::new().eta(0.1).batch_size(101).epochs(1),
            "batch_size = 101",
        ),
    ];
    for (cfg, needle) in cases {
        let err = train(&mut net, &x, &y, &cfg).unwrap_err();
        assert!(matches!(err, Error::InvalidParameter { .. }));
        assert!(
            err.to_string().starts_with(&format!("train: {needle}")),
            "{err}"
        );
        assert_eq!(net, before);
    }
    let mut nn = NielsenNetwork::from_network(&net).unwrap();
    let pairs = training_pairs(&x, &y).unwrap();
    assert!(matches!(
        nn.sgd(&pairs, 1, 0, 0.1, None),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        nn.sgd(&pairs, 1, 10, 0.0, None),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        make_circles(10, 1.0, 0.1, 0),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        make_circles(10, 0.3, -1.0, 0),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        Network::random(&[2, 0, 1], Activation::Sigmoid, Init::Normal, 0),
        Err(Error::InvalidParameter { .. })
    ));
}

#[test]
fn malformed_einsum_specs_name_character_and_position() {
    let a = Array2::<f64>::ones((2, 2));
    let err = einsum("ij,jk->i$", &[&a, &a]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "einsum: only letters a-z and A-Z, ',' and '->' may appear (character '$' at position 8 of \"ij,jk->i$\", 9 characters long)"
    );
    assert!(matches!(
        einsum_loops("ij->jj"),
        Err(Error::EinsumSpec {
            position: 5,
            ch: 'j',
            ..
        })
    ));
}

#[test]
fn csv_problems_name_file_line_and_column() {
    let err = parse_csv_columns("x,y\n1,2\n3,x\n", "backprop.csv", &["x", "y"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "parse_csv_columns: backprop.csv:3: column 'y': cannot read \"x\" as a finite number"
    );
    let err = parse_csv_columns("a,b\n1,2\n", "backprop.csv", &["x"]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("parse_csv_columns: backprop.csv:1: column 'x': no such column"),
        "{err}"
    );
}

#[test]
fn graph_lab_errors_say_what_and_where() {
    // Unknown symbol.
    let err = (sym("a") * sym("b")).eval(&[("a", 1.0)]).unwrap_err();
    assert_eq!(err.to_string(), "Expr::eval: unknown symbol 'b'");
    // Division by zero inside a graph names the node.
    let g = Graph::new();
    let x = g.param("x", 2.0);
    let q = (1.0 / (x - 2.0)).named("q");
    let err = g.forward().unwrap_err();
    assert!(matches!(err, Error::Domain { .. }));
    assert!(
        err.to_string().starts_with("Graph::forward: node 'q'"),
        "{err}"
    );
    assert!(q.value().is_err());
    // Unknown node name.
    assert!(matches!(g.get("J"), Err(Error::Unknown { .. })));
    // Mismatched MiniFlow shapes name the node and both shapes.
    let mut mf = MiniFlow::new();
    let (xi, wi, bi, yi) = (mf.input("X"), mf.input("W"), mf.input("b"), mf.input("y"));
    let f = mf.linear("f", xi, wi, bi).unwrap();
    let a = mf.sigmoid("a", f).unwrap();
    mf.mse("cost", yi, a).unwrap();
    let order = mf
        .topological_sort(&[
            (xi, array![[1.0, 2.0]].into_dyn()),
            (wi, array![[1.0], [1.0]].into_dyn()),
            (bi, array![0.0, 0.0].into_dyn()),
            (yi, array![1.0].into_dyn()),
        ])
        .unwrap();
    let err = mf.forward_and_backward(&order).unwrap_err().to_string();
    assert!(err.contains("Linear node 'f': b has shape (2,)"), "{err}");
    // A CSV without the needed columns.
    let err = parse_csv_columns("u,v\n1,2\n", "backprop.csv", &["x", "y"]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("parse_csv_columns: backprop.csv:1: column 'x': no such column"),
        "{err}"
    );
}
