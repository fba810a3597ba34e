"""Makes the learners' exercise notebooks from the solution notebooks.

The solutions are the source: notebooks/solutions/NN-*.ipynb. In their code
cells, each answer sits between two comment lines, nbgrader's markers:

    // BEGIN SOLUTION dC/dw for every layer
    ...the answer...
    // END SOLUTION

The exercise notebook notebooks/NN-*.ipynb is the same notebook with every
such region replaced by a stub that compiles, at the region's indentation:

    // YOUR CODE HERE: dC/dw for every layer
    todo!("dC/dw for every layer")

(the text after BEGIN SOLUTION is the hint; without one the stub is a bare
`todo!()`). A region must therefore stand where an expression of the
function's return type may: the tail of a function body, or a whole `let`
right-hand side. Paths that reach out of notebooks/solutions/ are rewritten for
notebooks/: `path = "../.."` in the `:dep` line becomes `path = ".."`, and
`"../data/` becomes `"data/`. Outputs and execution counts are cleared.

Usage:
  python3 scripts/make_exercises.py          write every exercise notebook
  python3 scripts/make_exercises.py --check  exit 1 if a committed exercise
                                             notebook is not what this makes
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"

BEGIN = re.compile(r"^(\s*)//\s*BEGIN SOLUTION\b:?\s*(.*?)\s*$")
END = re.compile(r"^\s*//\s*END SOLUTION\s*$")


class MarkerError(Exception):
    pass


def stub_lines(indent, hint):
    if hint:
        quoted = hint.replace("\\", "\\\\").replace('"', '\\"')
        return [f"{indent}// YOUR CODE HERE: {hint}\n", f'{indent}todo!("{quoted}")\n']
    return [f"{indent}// YOUR CODE HERE\n", f"{indent}todo!()\n"]


def clear_solutions(source, where):
    """The cell's source with every solution region replaced by its stub."""
    lines = source.splitlines(keepends=True)
    out, inside, count = [], None, 0
    for n, line in enumerate(lines, 1):
        if inside is None:
            m = BEGIN.match(line)
            if m:
                inside = (m.group(1), m.group(2), n)
            elif END.match(line):
                raise MarkerError(f"{where}, line {n}: END SOLUTION without BEGIN SOLUTION")
            else:
                out.append(line)
        else:
            if BEGIN.match(line):
                raise MarkerError(f"{where}, line {n}: BEGIN SOLUTION inside the region opened on line {inside[2]}")
            if END.match(line):
                stub = stub_lines(inside[0], inside[1])
                if not line.endswith("\n"):
                    stub[-1] = stub[-1].rstrip("\n")
                out.extend(stub)
                inside, count = None, count + 1
    if inside is not None:
        raise MarkerError(f"{where}, line {inside[2]}: BEGIN SOLUTION without END SOLUTION")
    return "".join(out), count


def rewrite_paths(source):
    source = re.sub(r'(:dep\s+backprop_lab\s*=\s*\{\s*path\s*=\s*)"\.\./\.\."', r'\1".."', source)
    return source.replace('"../data/', '"data/')


def exercise_notebook(solution_path):
    nb = json.loads(solution_path.read_text(encoding="utf-8"))
    regions = 0
    for i, cell in enumerate(nb["cells"]):
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code":
            src, n = clear_solutions(src, f"{solution_path.name}, cell {i} ({cell.get('id', '?')})")
            regions += n
            src = rewrite_paths(src)
            cell["outputs"] = []
            cell["execution_count"] = None
        cell["source"] = src.splitlines(keepends=True)
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n", regions


def main():
    check = "--check" in sys.argv[1:]
    sources = sorted(SOLUTIONS.glob("*.ipynb"))
    if not sources:
        sys.exit(f"make_exercises: no solution notebooks in {SOLUTIONS}")
    stale = []
    for path in sources:
        try:
            text, regions = exercise_notebook(path)
        except MarkerError as e:
            sys.exit(f"make_exercises: {e}")
        target = NOTEBOOKS / path.name
        if check:
            same = target.exists() and target.read_text(encoding="utf-8") == text
            print(f"{'ok  ' if same else 'FAIL'} {target.relative_to(ROOT)} is what {path.relative_to(ROOT)} makes ({regions} exercise regions)")
            if not same:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)} ({regions} exercise regions)")
    if stale:
        sys.exit(f"make_exercises: {len(stale)} exercise notebook(s) out of date; run python3 scripts/make_exercises.py")


if __name__ == "__main__":
    main()
