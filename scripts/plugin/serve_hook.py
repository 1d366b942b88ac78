"""MkDocs hook: the live preview survives a failed build (see scripts/plugin/preview.py)."""

from __future__ import annotations

from pathlib import Path
from scripts.plugin.preview import surviving

ERROR_TEMPLATE = "preview-error.html"


def on_serve(server, config, builder):
    server.builder = surviving(server.builder, Path(config.site_dir), Path(config.theme.custom_dir) / ERROR_TEMPLATE)
    return server
