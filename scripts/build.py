"""One strict MkDocs build, as the Makefile runs it; shared by the tests and the scripts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def strict_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project folder into `site`, with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        # Material prints an end-of-life banner on every build; it is not a build warning.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
    )
