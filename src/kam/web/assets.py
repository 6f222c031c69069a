"""The files the pages load, all served by kam from the package (no CDN, no other host): htmx, Apache
ECharts (the same vendored build as report.html's), the pages' own script and style sheet. Only these
names are served; the pages use the system's fonts, so there is no font file to fetch."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
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


@router.get("/static/{name}")
def asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise HTTPException(status_code=404)
    path, media_type = ASSETS[name]
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})
