"""Process-wide memory allocator settings for the `kam` command (glibc only; elsewhere nothing changes).

The numeric steps (model fits, forecasts) make many short-lived arrays of a few hundred kilobytes to a few
megabytes. With glibc's defaults, once the dataframe engine has made large allocations of its own, each of
those arrays is mapped from the kernel and unmapped when freed, so every array pays page faults on first
touch: a BG/NBD likelihood evaluation on 100,000 customers took 5.4 ms that way and 1.7 ms with these
settings. Arrays up to `MMAP_THRESHOLD` now come from the heap and freed memory is kept for reuse up to
`TRIM_THRESHOLD`; the dataframe engine has its own allocator and is not affected.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

MMAP_THRESHOLD = 32 * 1024 * 1024  # glibc's own upper limit for its adaptive threshold
TRIM_THRESHOLD = 256 * 1024 * 1024
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def tune_allocator() -> bool:
    """Apply the settings above; True if they were applied (Linux with glibc), False otherwise."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl has no mallopt)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
