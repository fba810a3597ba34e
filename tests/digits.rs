//! The UCI handwritten digits (`notebooks/data/digits.csv`) and the
//! classification helpers. Expected counts are the data set's own: 1797 images
//! of 64 pixels, and its class distribution as the UCI archive lists it for
//! this (test) half of the data: 178, 182, 177, 183, 181, 182, 181, 179, 174, 180.

use backprop_lab::*;

const CSV: &str = "notebooks/data/digits.csv";

#[test]
fn the_file_holds_the_uci_digits() {
    let d = read_digits(CSV).unwrap();
    assert_eq!(d.x.dim(), (1797, DIGIT_PIXELS));
    let mut counts = [0usize; DIGIT_CLASSES];
    for &l in &d.labels {
        counts[l] += 1;
    }
    assert_eq!(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    // The first image as the file stores it (pixel counts 0-16), scaled by 1/16.
    let first = [0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0];
    for (k, v) in first.iter().enumerate() {
        assert_eq!(d.x[[0, k]], v / 16.0);
    }
    assert!(d.x.iter().all(|&v| (0.0..=1.0).contains(&v)));
}

#[test]
fn split_one_hot_and_scores_fit_together() {
    let d = read_digits(CSV).unwrap();
    let (train, test) = stratified_split(&d.labels, 0.25, 8).unwrap();
    assert_eq!(train.len() + test.len(), 1797);
    // Each class contributes round(0.25 · count) test images.
    let want: usize = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
        .iter()
        .map(|&c: &usize| (0.25 * c as f64).round() as usize)
        .sum();
    assert_eq!(test.len(), want);
    let t = d.select(&test).unwrap();
    let y = one_hot(&t.labels, DIGIT_CLASSES).unwrap();
    assert_eq!(y.dim(), (test.len(), 10));
    assert!(y.rows().into_iter().all(|r| r.sum() == 1.0));
    // Predicting from the one-hot targets themselves is right every time, and
    // the confusion matrix is then diagonal with the class counts.
    let predicted = predict_classes(&y).unwrap();
    assert_eq!(accuracy(&predicted, &t.labels).unwrap(), 1.0);
    let m = confusion_matrix(&predicted, &t.labels, DIGIT_CLASSES).unwrap();
    assert_eq!(m.sum(), test.len());
    assert_eq!(m.diag().sum(), test.len());
    assert!(d.select(&[1797]).is_err());
}

#[test]
fn a_damaged_file_is_refused_naming_the_row() {
    let dir = std::env::temp_dir().join(format!("bpl-digits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header: Vec<String> = (0..64)
        .map(|i| format!("p{i}"))
        .chain(["label".into()])
        .collect();
    let row = |pixel: &str, label: &str| {
        let mut cells = vec!["0".to_string(); 64];
        cells[5] = pixel.to_string();
        cells.push(label.to_string());
        cells.join(",")
    };
    for (pixel, label, want) in [
        (
            "17",
            "3",
            "data row 2: pixel p5 = 17 is not a whole number from 0 to 16",
        ),
        ("2.5", "3", "pixel p5 = 2.5"),
        ("4", "10", "data row 2: label 10 is not a digit 0-9"),
    ] {
        let path = dir.join("bad.csv");
        let text = [header.join(","), row("1", "0"), row(pixel, label)].join("\n");
        std::fs::write(&path, text).unwrap();
        let e = read_digits(&path).unwrap_err().to_string();
        assert!(e.starts_with("read_digits") && e.contains(want), "{e}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
