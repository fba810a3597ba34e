//! A small CSV reader for numeric columns picked by header name.

use std::path::Path;

use ndarray::Array2;

use crate::error::{Error, Result};

/// Reads the columns named in `columns` from a comma-separated file with a header
/// line, returning them side by side as an `(rows, columns.len())` matrix.
///
/// Cells are trimmed; blank lines are skipped; quoting is not supported.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read, and everything
/// [`parse_csv_columns`] reports, with the file's path in the message.
pub fn read_csv_columns(path: impl AsRef<Path>, columns: &[&str]) -> Result<Array2<f64>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        op: "read_csv_columns",
        path: path.to_path_buf(),
        source,
    })?;
    parse_csv_as(
        "read_csv_columns",
        &text,
        &path.display().to_string(),
        columns,
    )
}

/// Parses CSV `text` (see [`read_csv_columns`]); `source` names it in errors.
///
/// # Errors
/// [`Error::Csv`] naming the source, the one-based line and the column when a
/// requested column is missing from the header, a row is too short, or a cell is
/// not a finite number; [`Error::Empty`] if `columns` is empty or the text has
/// no header or no data rows.
///
/// ```
/// use backprop_lab::io::parse_csv_columns;
/// let m = parse_csv_columns("x,y,z\n1,2,3\n4,5,6\n", "demo.csv", &["z", "x"])?;
/// assert_eq!(m, backprop_lab::ndarray::array![[3.0, 1.0], [6.0, 4.0]]);
///
/// let err = parse_csv_columns("x,y\n1,2\n3,oops\n", "demo.csv", &["x", "y"]).unwrap_err();
/// assert_eq!(err.to_string(), "parse_csv_columns: demo.csv:3: column 'y': cannot read \"oops\" as a finite number");
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn parse_csv_columns(text: &str, source: &str, columns: &[&str]) -> Result<Array2<f64>> {
    parse_csv_as("parse_csv_columns", text, source, columns)
}

/// The header's names for a message: at most the first 12.
fn header_names(names: &[&str]) -> String {
    let shown: Vec<String> = names.iter().take(12).map(|n| format!("{n:?}")).collect();
    let more = names.len().saturating_sub(12);
    if more > 0 {
        format!("[{}, … and {more} more]", shown.join(", "))
    } else {
        format!("[{}]", shown.join(", "))
    }
}

/// The named columns of a CSV text as a rows × columns table: the header
/// picks the columns, then every non-blank line gives one row.
fn parse_csv_as(
    op: &'static str,
    text: &str,
    source: &str,
    columns: &[&str],
) -> Result<Array2<f64>> {
    if columns.is_empty() {
        return Err(Error::Empty {
            op,
            what: "the list of columns to read".into(),
        });
    }
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Err(Error::Empty {
            op,
            what: format!("{source} (no header line)"),
        });
    };
    let picks = pick_columns(op, source, header_line, header, columns)?;
    let mut data = Vec::new();
    let mut rows = 0usize;
    // The table is rows × columns.len() numbers: a short file read with a long
    // list of column names (one name repeated) must not outgrow memory.
    let max_rows = crate::error::MAX_ELEMENTS / columns.len();
    for (line_no, line) in lines {
        if rows >= max_rows {
            return Err(Error::InvalidParameter {
                op,
                name: "columns",
                value: format!("{} columns of {source}", columns.len()),
                reason: format!(
                    "from line {line_no} on, the table would hold more than {} numbers",
                    crate::error::MAX_ELEMENTS
                ),
            });
        }
        read_row(op, source, line_no, line, &picks, columns, &mut data)?;
        rows += 1;
    }
    if rows == 0 {
        return Err(Error::Empty {
            op,
            what: format!("{source} (a header but no data rows)"),
        });
    }
    Array2::from_shape_vec((rows, columns.len()), data).map_err(|e| Error::Csv {
        op,
        file: source.to_string(),
        line: header_line,
        column: columns.join(","),
        reason: format!("the cells read do not fill {rows} rows: {e}"),
    })
}

/// The position of each wanted column in the header, which must name it once.
fn pick_columns(
    op: &'static str,
    source: &str,
    header_line: usize,
    header: &str,
    columns: &[&str],
) -> Result<Vec<usize>> {
    let names: Vec<&str> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    let mut picks = Vec::with_capacity(columns.len());
    for &want in columns {
        let at: Vec<usize> = (0..names.len()).filter(|&i| names[i] == want).collect();
        let reason = match at.as_slice() {
            [i] => {
                picks.push(*i);
                continue;
            }
            [] => format!("no such column; the header has {}", header_names(&names)),
            several => format!(
                "the header names this column {} times (columns {}), so which one to read is ambiguous",
                several.len(),
                several.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ")
            ),
        };
        return Err(Error::Csv {
            op,
            file: source.to_string(),
            line: header_line,
            column: want.to_string(),
            reason,
        });
    }
    Ok(picks)
}

/// One data line's picked cells, each a finite number, appended to `data`.
fn read_row(
    op: &'static str,
    source: &str,
    line_no: usize,
    line: &str,
    picks: &[usize],
    columns: &[&str],
    data: &mut Vec<f64>,
) -> Result<()> {
    let cells: Vec<&str> = line.split(',').map(str::trim).collect();
    let csv_err = |name: &str, reason: String| Error::Csv {
        op,
        file: source.to_string(),
        line: line_no,
        column: name.to_string(),
        reason,
    };
    // picks has one entry per column (pick_columns pushes one per name).
    for (&col, &name) in picks.iter().zip(columns) {
        let Some(cell) = cells.get(col) else {
            let why = format!(
                "the row has {} cells but this column is number {}",
                cells.len(),
                col + 1
            );
            return Err(csv_err(name, why));
        };
        match cell.parse::<f64>() {
            Ok(v) if v.is_finite() => data.push(v),
            _ => {
                return Err(csv_err(
                    name,
                    format!("cannot read {cell:?} as a finite number"),
                ))
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_column_names_the_header() {
        let err = parse_csv_columns("a,b\n1,2\n", "f.csv", &["x"]).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("parse_csv_columns: f.csv:1: column 'x'"),
            "{msg}"
        );
        assert!(msg.contains("\"a\", \"b\""), "{msg}");
    }

    #[test]
    fn short_row_and_nan_are_reported() {
        let err = parse_csv_columns("a,b\n1,2\n\n3\n", "f.csv", &["b"]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("parse_csv_columns: f.csv:4: column 'b'"),
            "{err}"
        );
        let err = parse_csv_columns("a\nNaN\n", "f.csv", &["a"]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("parse_csv_columns: f.csv:2: column 'a'"),
            "{err}"
        );
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = read_csv_columns("/nonexistent/backprop.csv", &["x"]).unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(err.to_string().contains("/nonexistent/backprop.csv"));
    }

    #[test]
    fn a_duplicated_column_is_reported_as_duplicated() {
        let err = parse_csv_columns("x,y,x\n1,2,3\n", "f.csv", &["x"]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("2 times (columns 1, 3)"), "{msg}");
    }

    #[test]
    fn header_only_is_empty() {
        assert!(matches!(
            parse_csv_columns("x,y\n", "f.csv", &["x"]),
            Err(Error::Empty { .. })
        ));
    }
}
