"""MkDocs hook: the live preview survives a failed build (see scripts/preview.py)."""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads hooks by path; make the `scripts` package importable, as tree_hook.py does.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.preview import surviving  # noqa: E402

ERROR_TEMPLATE = "preview-error.html"


def on_serve(server, config, builder):
    server.builder = surviving(server.builder, Path(config.site_dir), Path(config.theme.custom_dir) / ERROR_TEMPLATE)
    return server
