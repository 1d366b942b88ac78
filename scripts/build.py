"""One strict MkDocs build, as the Makefile runs it; shared by the tests and the scripts.

The site is built into a fresh folder beside the target and moved into place only when the build
succeeds. A failed build, whatever stopped it (bad data, a bad setting, a plugin's exit), leaves
no site at all: never an earlier one that could be published as if it were the new one.

Usage: python scripts/build.py [SITE_DIR]   (default: site)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


# How a build is run: `mkdocs ARGS` in a folder with an environment, giving its exit code and
# output. The tests pass one that saves starting Python for each of their builds.
Runner = Callable[[Path, list[str], dict[str, str]], subprocess.CompletedProcess]


def strict_build(project: Path, site: Path, *, capture: bool = True, run: Runner | None = None,
                 **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project folder into `site`, with extra environment variables;
    its output is captured in the result, or (not `capture`) printed as it comes."""
    site = site.resolve()
    shutil.rmtree(site, ignore_errors=True)
    site.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{site.name}-building-", dir=site.parent))
    args = ["build", "--strict", "--site-dir", str(building)]
    # Material prints an end-of-life banner on every build; it is not a build warning.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    try:
        if run:
            result = run(project, args, environment)
        else:
            result = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, env=environment,
                                    capture_output=capture, text=True)
        if result.returncode == 0:
            building.rename(site)
        return result
    finally:
        shutil.rmtree(building, ignore_errors=True)


def main(argv: list[str]) -> int:
    return strict_build(Path.cwd(), Path(argv[0] if argv else "site"), capture=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
