"""Build the offline copy of the site and pack it as a zip that works from file://.

Usage: python scripts/offline.py                   (what `make offline` runs)
       python scripts/offline.py --publish site    (also copy it into a built public site)
Writes dist/<name>-offline.zip and prints its size. --publish puts it where the footer's
"Read offline" link (extra.offline_download in mkdocs.yml) points.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts scripts/ on the path, not the project folder.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.utils.yaml import yaml_load  # noqa: E402

from scripts.build import strict_build  # noqa: E402

# Where the public site serves the zip; the footer's "Read offline" link points here too.
PUBLISHED_AT = Path(yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["offline_download"])
ZIP = ROOT / "dist" / PUBLISHED_AT.name
NAME = ZIP.name.removesuffix("-offline.zip")


def publish(zip_path: Path, site: Path) -> Path:
    """Copy the zip into a built public site, at the address the footer links to."""
    target = site / PUBLISHED_AT
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(zip_path, target))


def build_offline(out_dir: Path) -> Path:
    """A strict build with Material's offline plugin on; returns the site folder."""
    site = out_dir / NAME
    result = strict_build(ROOT, site, OFFLINE="true")
    if result.returncode != 0:
        sys.exit(f"The offline build failed:\n{result.stdout}{result.stderr}")
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


def main(argv: list[str]) -> int:
    work = ROOT / "dist" / "offline-build"
    shutil.rmtree(work, ignore_errors=True)
    site = build_offline(work)
    zip_path = pack(site, ZIP)
    shutil.rmtree(work)
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    pages = sum(name.endswith(".html") for name in names)
    print(f"{zip_path.relative_to(ROOT)}: {zip_path.stat().st_size / 1024:.0f} KB, {len(names)} files, {pages} HTML pages")
    if argv[:1] == ["--publish"]:
        print(f"published as {publish(zip_path, Path(argv[1]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
