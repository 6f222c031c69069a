"""Write a set of output files all or nothing: into a scratch folder, then swapped into place."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

Writer = Callable[[Path], object]


def write_all_or_nothing(out_dir: Path, writers: Mapping[str, Writer]) -> list[Path]:
    """Run each writer on `scratch/name`; only if all succeed does `out_dir` take the new files.

    A failure leaves `out_dir` exactly as it was (absent, or with the previous run's files).
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, write in writers.items():
            write(scratch / name)
        backup = None
        if out_dir.exists():
            backup = out_dir.with_name(f".{out_dir.name}.previous")
            shutil.rmtree(backup, ignore_errors=True)
            out_dir.rename(backup)
        scratch.rename(out_dir)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return [out_dir / name for name in writers]
