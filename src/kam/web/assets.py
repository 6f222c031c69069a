"""The files the pages load, all served by kam from the package (no CDN, no other host): htmx, Apache
ECharts (the same vendored build as report.html's), the pages' own script and style sheet. Only these
names are served; the pages use the system's fonts, so there is no font file to fetch. A browser that
takes gzip gets them compressed (ECharts: 1.1 MB as a file, about a third of that sent), each compressed
once per process."""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from starlette.exceptions import HTTPException

HERE = Path(__file__).parent
RENDER_VENDOR = HERE.parent / "render" / "vendor"
ASSETS: dict[str, tuple[Path, str]] = {
    "htmx.min.js": (HERE / "vendor" / "htmx.min.js", "text/javascript"),
    "echarts.min.js": (RENDER_VENDOR / "echarts.min.js", "text/javascript"),
    "web.js": (HERE / "static" / "web.js", "text/javascript"),
    "calls.js": (HERE / "static" / "calls.js", "text/javascript"),
    "web.css": (HERE / "static" / "web.css", "text/css"),
}

router = APIRouter(include_in_schema=False)


CACHE = {"Cache-Control": "public, max-age=3600", "Vary": "Accept-Encoding"}


@functools.cache
def _compressed(name: str) -> bytes:
    return gzip.compress(ASSETS[name][0].read_bytes(), compresslevel=9, mtime=0)


@router.get("/static/{name}")
def asset(name: str, request: Request) -> Response:
    if name not in ASSETS:
        raise HTTPException(status_code=404)
    path, media_type = ASSETS[name]
    if _takes_gzip(request.headers.get("accept-encoding", "")):
        headers = {**CACHE, "Content-Encoding": "gzip"}
        return Response(_compressed(name), media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=CACHE)


def _takes_gzip(accepted: str) -> bool:
    """Whether an Accept-Encoding header takes gzip (named, and not with q=0)."""
    for part in accepted.lower().replace(" ", "").split(","):
        coding, _, weight = part.partition(";")
        if coding == "gzip":
            return weight not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False
