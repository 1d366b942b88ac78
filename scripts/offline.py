"""Build the offline copy of the site and pack it as a zip that works from file://.

Usage: python scripts/offline.py   (what `make offline` runs)
Writes dist/<name>-offline.zip and prints its size.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "after-he-leaves"
ZIP = ROOT / "dist" / f"{NAME}-offline.zip"
# Where the public site serves the zip (the footer's "Read offline" link points here).
PUBLISHED_AT = Path("downloads") / ZIP.name


def build_offline(out_dir: Path) -> Path:
    """A strict build with Material's offline plugin on; returns the site folder."""
    site = out_dir / NAME
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, check=True,
    )
    return site


# Only a web server shows 404.html, and its asset paths are absolute, so it has no use offline.
SERVER_ONLY = {"404.html"}


def pack(site: Path, zip_path: Path) -> Path:
    """Zip the site with its folder name at the top, so it unzips into one folder."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and str(path.relative_to(site)) not in SERVER_ONLY:
                archive.write(path, path.relative_to(site.parent))
    return zip_path


def main() -> int:
    work = ROOT / "dist" / "offline-build"
    shutil.rmtree(work, ignore_errors=True)
    site = build_offline(work)
    zip_path = pack(site, ZIP)
    shutil.rmtree(work)
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    pages = sum(name.endswith(".html") for name in names)
    print(f"{zip_path.relative_to(ROOT)}: {zip_path.stat().st_size / 1024:.0f} KB, {len(names)} files, {pages} HTML pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
