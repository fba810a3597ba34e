"""Turns a notebook drafted as Markdown into an .ipynb for the Rust kernel.

Text outside code fences becomes markdown cells (a line `<!-- cell -->` starts a
new one); each ```rust fence becomes a code cell. Outputs are left empty.

Usage: python scripts/md_to_ipynb.py DRAFT.md OUT.ipynb
"""

import sys

import nbformat


def convert(text):
    cells, md, code, in_code = [], [], [], False

    def flush_md():
        body = "\n".join(md).strip("\n")
        if body.strip():
            cells.append(nbformat.v4.new_markdown_cell(body))
        md.clear()

    for line in text.splitlines():
        if not in_code and line.strip() == "```rust":
            flush_md()
            in_code = True
        elif in_code and line.strip() == "```":
            cells.append(nbformat.v4.new_code_cell("\n".join(code)))
            code.clear()
            in_code = False
        elif in_code:
            code.append(line)
        elif line.strip() == "<!-- cell -->":
            flush_md()
        else:
            md.append(line)
    if in_code:
        sys.exit("md_to_ipynb: unclosed ```rust fence")
    flush_md()
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Rust", "language": "rust", "name": "rust"},
        "language_info": {
            "codemirror_mode": "rust",
            "file_extension": ".rs",
            "mimetype": "text/rust",
            "name": "Rust",
            "pygment_lexer": "rust",
            "version": "",
        },
    }
    return nb


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        nb = convert(f.read())
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i:03d}"
    nbformat.write(nb, sys.argv[2])
