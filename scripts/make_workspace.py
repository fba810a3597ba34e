"""Sets up the learner's working folder, work/, for `make lab`.

JupyterLab autosaves, so a learner who worked in notebooks/ would write their
answers and outputs into tracked files. work/ is git-ignored instead:

* created on the first run, with a copy of every exercise notebook;
* never overwritten: a notebook already there is left as it is, and one that
  an update added to notebooks/ is copied in beside the learner's files;
* work/data links to notebooks/data, so the notebooks' `data/...` paths and
  their `:dep backprop_lab = { path = ".." }` line resolve from work/ as they
  do from notebooks/.

To start an exercise afresh, delete (or rename) its file in work/ and run
`make lab` again.
"""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "work"
NOTEBOOKS = ROOT / "notebooks"


def main():
    WORK.mkdir(exist_ok=True)
    data = WORK / "data"
    if not data.exists() and not data.is_symlink():
        os.symlink(os.path.relpath(NOTEBOOKS / "data", WORK), data)
    added = []
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        target = WORK / nb.name
        if not target.exists():
            shutil.copyfile(nb, target)
            added.append(nb.name)
    kept = sorted(p.name for p in WORK.glob("*.ipynb") if p.name not in added)
    print(f"work/: {len(added)} notebook(s) copied in, {len(kept)} of yours kept as they are")
    for name in added:
        print(f"  new: work/{name}")


if __name__ == "__main__":
    main()
