"""Writes notebooks/data/digits.csv from the copy of the UCI 8x8 handwritten
digits that scikit-learn bundles (sklearn.datasets.load_digits, no network).

The file has a header `p0,...,p63,label` and one row per image: the 64 pixel
counts (integers 0-16, row by row) and the digit (0-9), in scikit-learn's
order. Running this again reproduces the committed file byte for byte
(`--check` only compares). Licence and attribution: notebooks/data/DIGITS.md.

Usage: .venv/bin/python scripts/make_digits_csv.py [--check]
(scikit-learn comes with `scripts/setup.sh --bench`).
"""

import sys
from pathlib import Path

from sklearn.datasets import load_digits

OUT = Path(__file__).resolve().parent.parent / "notebooks" / "data" / "digits.csv"


def render():
    d = load_digits()
    lines = [",".join([f"p{i}" for i in range(64)] + ["label"])]
    for pixels, label in zip(d.data, d.target, strict=True):
        lines.append(",".join([str(int(v)) for v in pixels] + [str(int(label))]))
    return "\n".join(lines) + "\n"


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        same = OUT.exists() and OUT.read_text() == text
        print(f"{OUT.name}: {'matches' if same else 'differs from'} scikit-learn's digits")
        sys.exit(0 if same else 1)
    OUT.write_text(text)
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} images)")


if __name__ == "__main__":
    main()
