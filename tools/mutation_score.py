"""The mutation score of each mutated module, from mutmut's results in mutants/, and the mutants that lived.

Run after `mutmut run` (`make mutation` runs both). A mutant counts as killed when a test failed on it, or
when it ran past mutmut's time limit. Exits 1 when a module scores below --min percent, or has no results.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KILLED = ("killed", "timeout", "caught by type check")


def _order(name: str) -> tuple[str, int]:
    function, _, number = name.rpartition("__mutmut_")
    return function, int(number) if number.isdigit() else 0


def _changed_lines(diff: str) -> list[str]:
    return [line for line in diff.splitlines() if re.match(r"[-+](?![-+])", line)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=90.0, help="lowest score, in percent, a module may have")
    parser.add_argument("--diff", action="store_true", help="show the change each surviving mutant made")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # mutmut reads its settings and results relative to the project root
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    passed = True
    for path in sorted(walk_mutatable_files()):
        meta = Path("mutants") / f"{path}.meta"
        if not meta.exists():
            print(f"{path}: no results; run `mutmut run` first")
            passed = False
            continue
        status = {
            name: status_by_exit_code[code]
            for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items()
        }
        total = len(status)
        killed = sum(s in KILLED for s in status.values())
        timeouts = sum(s == "timeout" for s in status.values())
        score = 100.0 * killed / total if total else 0.0
        late = f" ({timeouts} by timeout)" if timeouts else ""
        print(f"{path}: {killed} / {total} killed{late}, {score:.1f}%")
        for name in sorted((n for n, s in status.items() if s not in KILLED), key=_order):
            print(f"  {status[name]}: {name}")
            if args.diff:
                for line in _changed_lines(get_diff_for_mutant(name, path=path)):
                    print(f"      {line.strip()}")
        passed = passed and total > 0 and score >= args.min
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
