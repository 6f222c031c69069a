"""Scratch files (the UTF-8 copies of text tables) that belong to the table that needed them.

A copy is a `ScratchFile`: the table read from it owns it, and closing the table (`with`, or `close()`
when the use case is done with it) removes it, so a process that reads many files, a server, keeps none
of them. The files are `kam-scratch-<pid>-<random>...` in the temporary folder. As a last resort, what a
caller left open is removed when the kam command ends (`remove_scratch`); and a process killed before it
could close its tables (kill -9, a crash) leaves copies that the next process making one removes.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from types import TracebackType

_PREFIX = "kam-scratch-"
_lock = threading.Lock()
_open: dict[Path, int] = {}  # each scratch file not yet removed -> the process that made it
_swept: set[int] = set()  # the processes that have swept (a forked child sweeps again)


class ScratchFile:
    """A new empty temporary file, removed by `close()` or at the end of a `with` block (idempotent)."""

    def __init__(self, suffix: str) -> None:
        with _lock:
            if os.getpid() not in _swept:
                _swept.add(os.getpid())
                sweep()
            handle, name = tempfile.mkstemp(prefix=f"{_PREFIX}{os.getpid()}-", suffix=suffix)
            os.close(handle)
            self.path = Path(name)
            _open[self.path] = os.getpid()

    @property
    def closed(self) -> bool:
        return self.path not in _open

    def close(self) -> None:
        """Remove the file (a second call does nothing)."""
        with _lock:
            if _open.pop(self.path, None) is not None:
                self.path.unlink(missing_ok=True)

    def __enter__(self) -> ScratchFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ScratchFile({str(self.path)!r}{', closed' if self.closed else ''})"


def open_scratch_files() -> list[Path]:
    """The scratch files of this process not yet removed."""
    with _lock:
        return sorted(path for path, pid in _open.items() if pid == os.getpid())


def remove_scratch() -> None:
    """Remove the scratch files this process left open (the kam command calls it as it ends, a last
    resort: the use cases close every table they read)."""
    with _lock:
        for path in [p for p, pid in _open.items() if pid == os.getpid()]:
            _open.pop(path)
            path.unlink(missing_ok=True)


atexit.register(remove_scratch)  # (os._exit, which the kam command ends with, skips it: it calls it itself)


def sweep() -> None:
    """Remove the scratch files (and the scratch folders of earlier versions of kam) of processes that
    are gone."""
    for found in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*-*"):
        owner = found.name.removeprefix(_PREFIX).split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            if found.is_dir():
                shutil.rmtree(found, ignore_errors=True)  # another user's folder is theirs to remove
            else:
                with contextlib.suppress(OSError):
                    found.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it runs, as another user
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True
