"""Scratch files (the UTF-8 copies of text tables) that never outlive the process that made them.

Each process writes into a folder of its own, `kam-scratch-<pid>-<random>` in the temporary folder,
removed when the process ends. A process that is killed (kill -9, a crash) runs no exit handler, so a
process making its folder first removes every folder whose process is gone.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

_PREFIX = "kam-scratch-"
_made: dict[int, Path] = {}  # process id -> its folder (a forked child makes its own)


def scratch_file(suffix: str) -> Path:
    """A new empty file in this process's scratch folder."""
    folder = _made.get(os.getpid())
    if folder is None or not folder.is_dir():
        sweep()
        folder = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-"))
        _made[os.getpid()] = folder
    handle, name = tempfile.mkstemp(dir=folder, suffix=suffix)
    os.close(handle)
    return Path(name)


def remove_scratch() -> None:
    """Remove this process's scratch folder (called as the process ends)."""
    folder = _made.pop(os.getpid(), None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(remove_scratch)


def sweep() -> None:
    """Remove the scratch folders of processes that are gone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*-*"):
        owner = folder.name.removeprefix(_PREFIX).split("-", 1)[0]
        if owner.isdigit() and folder.is_dir() and not _alive(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)  # another user's folder is theirs to remove


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
