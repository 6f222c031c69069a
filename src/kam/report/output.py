"""Output files: kam replaces only its own files in an output folder, all of them or none.

The guarantee (documented in docs/outputs.md):
- kam writes only into a new folder, an empty one, or one that holds the outputs of an earlier run of the
  same command (recorded in the folder's manifest `.kam-outputs.json`). Any other folder, an existing file,
  an empty path and the folder of an input are refused; nothing else in the folder, the folder itself, its
  mode and its links are ever touched.
- Each new file is written beside its target, flushed to disk, then renamed over it. The manifest, written
  atomically, is the commit point: before it is marked `committing`, the earlier set is intact; after it,
  the new set is complete or completed by the next run (`recover`). Files are staged as anonymous files
  (Linux `O_TMPFILE`) that vanish if the process is killed; where the file system cannot link those, they
  are staged under hidden `.kam-staged.*` names that the next run into the folder removes.
- Runs into the same folder take turns (an exclusive lock on the folder).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import math
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
import polars.selectors as cs

from kam.errors import KamError
from kam.i18n import Notice

Writer = Callable[[Path], object]
SIGNIFICANT_DIGITS = 12
MANIFEST = ".kam-outputs.json"
STAGED_PREFIX = ".kam-staged."
_AT_FDCWD = -100
_AT_EMPTY_PATH = 0x1000
_SHOWN_FOREIGN = 3


class OutputFolderError(KamError):
    """An output folder kam must not write into, or cannot: what the folder holds (other files, the
    input, a manifest kam cannot read) conflicts with replacing kam's files there."""

    status_code = 409


def tidy_floats(frame: pl.DataFrame) -> pl.DataFrame:
    """Floats to 12 significant digits: the binary noise of long sums (2762.2099999999996) goes, and with
    it the last-bit differences of parallel sums from run to run; every digit that means anything stays."""
    return frame.with_columns(cs.float().round_sig_figs(SIGNIFICANT_DIGITS))


def tidy_json(value: Any) -> Any:
    """The same rounding for the numbers of a JSON document (dicts, lists and floats, recursively)."""
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, dict):
        return {k: tidy_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [tidy_json(v) for v in value]
    return value


def output_folder(raw: str) -> Path:
    """The `--out` value as a path; an empty value (an unset variable) is refused, never read as '.'."""
    if not raw.strip():
        raise OutputFolderError(Notice("out_empty"))
    return Path(raw)


@dataclass(frozen=True)
class OutputSet:
    """What one command writes: its name (kept in the manifest) and every file name it may write, so that
    a folder written by an earlier kam without a manifest is still recognised as kam's."""

    command: str
    may_write: frozenset[str]


def write_all_or_nothing(
    out_dir: Path,
    writers: Mapping[str, Writer],
    *,
    outputs: OutputSet | None = None,
    inputs: Iterable[Path | str] = (),
) -> list[Path]:
    """Run each writer on a staged file; only if all succeed do the new files replace kam's earlier ones.

    A failure before the commit leaves `out_dir` as it was. Writers run in threads (the dataframe writers
    release the GIL), so a CSV and a Parquet file are written at once. `inputs` are the files the run read:
    their folder is refused as an output folder.
    """
    outputs = outputs or OutputSet("kam", frozenset(writers))
    folder = _prepare_folder(out_dir, inputs)
    with _locked(folder):
        recover(folder)
        previous = _check_ownership(folder, outputs)
        staged = _stage(folder, writers)
        try:
            _commit(folder, outputs.command, staged, previous)
        finally:
            for item in staged.values():
                item.close()
    return [out_dir / name for name in writers]


def check_output_folder(out_dir: Path, outputs: OutputSet, inputs: Iterable[Path | str] = ()) -> None:
    """Refuse, before any work is done, a folder that `write_all_or_nothing` would refuse later."""
    _check_path(out_dir, inputs)
    folder = out_dir.resolve()
    if folder.is_dir():
        _check_ownership(folder, outputs, staged_ok=True)
        return
    parent = folder.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise OutputFolderError(Notice("out_is_file", path=str(parent)))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputFolderError(
            Notice("out_cannot_write", path=str(out_dir), reason=os.strerror(errno.EACCES))
        )


def recover(folder: Path) -> None:
    """Finish a run that was interrupted after its commit point, and remove what an interrupted run left
    before it (named staged files). Call with the folder locked."""
    manifest = _read_manifest(folder)
    if manifest is not None and manifest.get("state") == "committing":
        for name, staged in manifest.get("staged", {}).items():
            source = folder / staged
            if source.exists():
                _replace(source, folder / name)
        _remove_stale(folder, manifest.get("stale", []))
        manifest["state"] = "complete"
        manifest.pop("staged", None)
        manifest.pop("stale", None)
        _write_manifest(folder, manifest)
    for entry in folder.iterdir():
        if entry.name.startswith(STAGED_PREFIX) and entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)


def _check_path(out_dir: Path, inputs: Iterable[Path | str]) -> None:
    if str(out_dir) == "":
        raise OutputFolderError(Notice("out_empty"))
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFolderError(Notice("out_is_file", path=str(out_dir)))
    folder = out_dir.resolve()
    for source in inputs:
        path = Path(source)
        if "://" in str(source) or not path.exists():
            continue
        if path.resolve().parent == folder:
            raise OutputFolderError(Notice("out_holds_input", path=str(out_dir), input=str(source)))


def _prepare_folder(out_dir: Path, inputs: Iterable[Path | str]) -> Path:
    _check_path(out_dir, inputs)
    folder = out_dir.resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputFolderError(Notice("out_is_file", path=str(out_dir))) from None
    except OSError as exc:
        raise _cannot_write(out_dir, exc) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFolderError(
            Notice("out_cannot_write", path=str(out_dir), reason=os.strerror(errno.EACCES))
        )
    return folder


def _cannot_write(path: Path, exc: OSError) -> OutputFolderError:
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    return OutputFolderError(Notice("out_cannot_write", path=str(path), reason=reason))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (no lock file to leave behind)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise OutputFolderError(Notice("out_bad_manifest", path=str(path))) from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise OutputFolderError(Notice("out_bad_manifest", path=str(path)))
    return data


def _check_ownership(folder: Path, outputs: OutputSet, staged_ok: bool = False) -> list[str]:
    """The files of the earlier run that kam may replace or remove; refuse a folder that is not kam's."""
    manifest = _read_manifest(folder)
    if manifest is not None:
        if manifest.get("command") != outputs.command:
            raise OutputFolderError(
                Notice("out_other_command", path=str(folder), other=manifest.get("command", "?"))
            )
        return [str(name) for name in manifest["files"]]
    entries = sorted(entry.name for entry in folder.iterdir())
    foreign = [
        name
        for name in entries
        if name not in outputs.may_write and not (staged_ok and name.startswith(STAGED_PREFIX))
    ]
    if foreign:
        shown = ", ".join(foreign[:_SHOWN_FOREIGN]) + (" …" if len(foreign) > _SHOWN_FOREIGN else "")
        raise OutputFolderError(Notice("out_foreign", path=str(folder), count=len(foreign), files=shown))
    return [name for name in entries if (folder / name).is_file()]  # an earlier kam's outputs


class _Staged:
    """One new file, written where its target's folder is and not yet visible under its name."""

    def __init__(self, folder: Path, token: str, name: str) -> None:
        self.folder = folder
        self.name = name
        self.staged_name = f"{STAGED_PREFIX}{token}.{name.replace('/', '%')}"
        self.fd: int | None = None
        self.anonymous = _anonymous_files_work(folder)
        if self.anonymous:
            self.fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o666)
            self.path = Path(f"/proc/self/fd/{self.fd}")
        else:
            self.path = folder / self.staged_name

    def finish(self) -> None:
        """Flush the written file to disk."""
        if self.fd is not None:
            os.fsync(self.fd)
        else:
            with open(self.path, "rb") as handle:
                os.fsync(handle.fileno())

    def link(self) -> None:
        """Give an anonymous file its hidden staged name (done for all files at once, once all are written:
        until then a killed process leaves nothing behind)."""
        if self.fd is not None:
            _link_fd(self.fd, self.folder / self.staged_name)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def discard(self) -> None:
        self.close()
        (self.folder / self.staged_name).unlink(missing_ok=True)


_PROBED: dict[int, bool] = {}


def _anonymous_files_work(folder: Path) -> bool:
    """Whether this file system can create an anonymous file and link it into `folder` (probed once per
    device)."""
    device = folder.stat().st_dev
    if device not in _PROBED:
        works = False
        if hasattr(os, "O_TMPFILE"):
            probe = folder / f"{STAGED_PREFIX}probe-{secrets.token_hex(4)}"
            try:
                fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
                try:
                    _link_fd(fd, probe)
                    works = True
                finally:
                    os.close(fd)
                    probe.unlink(missing_ok=True)
            except OSError:
                works = False
        _PROBED[device] = works
    return _PROBED[device]


def _link_fd(fd: int, target: Path) -> None:
    """Give the anonymous file `fd` the name `target`: through /proc, else linkat(AT_EMPTY_PATH)."""
    try:
        os.link(f"/proc/self/fd/{fd}", target, follow_symlinks=True)
        return
    except OSError:
        pass
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(target), _AT_EMPTY_PATH) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(target))


def _stage(folder: Path, writers: Mapping[str, Writer]) -> dict[str, _Staged]:
    token = secrets.token_hex(6)
    staged: dict[str, _Staged] = {}
    try:
        for name in writers:
            staged[name] = _Staged(folder, token, name)

        def run(name: str) -> None:
            writers[name](staged[name].path)
            staged[name].finish()

        with ThreadPoolExecutor(max_workers=min(4, max(1, len(writers)))) as pool:
            done = [pool.submit(run, name) for name in writers]
        for future in done:
            future.result()
    except BaseException as exc:
        for item in staged.values():
            item.discard()
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            raise _cannot_write(folder, exc) from exc
        raise
    return staged


def _commit(folder: Path, command: str, staged: Mapping[str, _Staged], previous: list[str]) -> None:
    stale = [name for name in previous if name not in staged]
    manifest: dict[str, Any] = {
        "format": 1,
        "command": command,
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": sorted(staged),
        "state": "committing",
        "staged": {name: item.staged_name for name, item in staged.items()},
        "stale": stale,
    }
    try:
        for item in staged.values():
            item.link()
        _write_manifest(folder, manifest)  # the commit point
    except BaseException:
        for item in staged.values():
            item.discard()
        raise
    for name, item in staged.items():
        _replace(folder / item.staged_name, folder / name)
    _remove_stale(folder, stale)
    manifest["state"] = "complete"
    del manifest["staged"], manifest["stale"]
    _write_manifest(folder, manifest)


def _replace(source: Path, target: Path) -> None:
    """Rename `source` over `target`, keeping the permissions a user gave the earlier file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        if target.is_file() and not target.is_symlink():
            os.chmod(source, target.stat().st_mode & 0o7777)
    os.replace(source, target)


def _remove_stale(folder: Path, names: Iterable[str]) -> None:
    for name in names:
        path = folder / name
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


def _write_manifest(folder: Path, manifest: Mapping[str, Any]) -> None:
    """Write the manifest atomically: a staged file, flushed, renamed over the old one."""
    data = json.dumps(manifest, ensure_ascii=False, indent=2, allow_nan=False).encode("utf-8")
    item = _Staged(folder, secrets.token_hex(6), MANIFEST)
    try:
        with open(item.path, "wb") as handle:
            handle.write(data)
        item.finish()
        item.link()
        os.replace(folder / item.staged_name, folder / MANIFEST)
    except BaseException:
        item.discard()
        raise
    finally:
        item.close()
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
