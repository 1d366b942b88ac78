"""Build the offline copies of the site: one HTML file for a phone, and a zip for a computer.

Usage: python scripts/offline.py                   (what `make offline` runs)
       python scripts/offline.py --publish site    (what `make publish` runs)
Writes dist/notes.html (scripts/single_file.py; every page in one file, no scripts) and
dist/notes.zip (the site from Material's offline plugin, search included), from one strict build,
and prints their sizes. --publish then builds the public site into the given folder, with both
sizes in its footer's "Read offline" line, and puts the two copies where that line links
(extra.offline_file and extra.offline_download in mkdocs.yml).
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path


from scripts.build import Runner, strict_build
from scripts.built_site import SERVER_ONLY
from scripts.single_file import OneFile, SingleFileError, assemble
from scripts.site_config import read_settings

ROOT = Path(__file__).resolve().parent.parent

CONFIG = read_settings(ROOT / "mkdocs.yml")
# Where the public site serves each copy; the footer's "Read offline" links point there too.
FILE_PUBLISHED_AT = Path(CONFIG["extra"]["offline_file"])
ZIP_PUBLISHED_AT = Path(CONFIG["extra"]["offline_download"])
FILE = ROOT / "dist" / FILE_PUBLISHED_AT.name
ZIP = ROOT / "dist" / ZIP_PUBLISHED_AT.name
# The folder the zip unpacks into.
NAME = ZIP.stem
# A phone may download the one file over a slow or metered connection.
FILE_BUDGET = 1_000_000


def build_offline(out_dir: Path, run: Runner | None = None) -> Path:
    """A strict build with Material's offline plugin on; returns the site folder. (`run`: how to
    run mkdocs, see scripts/build.py; the tests pass a warm one.)"""
    site = out_dir / NAME
    result = strict_build(ROOT, site, run=run, OFFLINE="true")
    if result.returncode != 0:
        sys.exit(f"The offline build failed:\n{result.stdout}{result.stderr}")
    return site


def pack(site: Path, zip_path: Path) -> Path:
    """Zip the site with its folder name at the top, so it unzips into one folder."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and str(path.relative_to(site)) not in SERVER_ONLY:
                archive.write(path, path.relative_to(site.parent))
    return zip_path


def write_single_file(site: Path, path: Path) -> OneFile:
    """The built site as one HTML file (see scripts/single_file.py)."""
    extra = CONFIG["extra"]
    try:
        one_file = assemble(site, site_name=CONFIG["site_name"], exit_url=extra["quick_exit_url"],
                            help_candidates=extra["offline_file_help"])
    except SingleFileError as error:
        sys.exit(f"The one-file offline copy cannot be made: {error}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(one_file.html, encoding="utf-8")
    return one_file


def readable_size(size: int) -> str:
    """A size as the footer shows it: "640 KB", "1.4 MB"."""
    return f"{size / 1024:.0f} KB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def build_public(site: Path, file_path: Path, zip_path: Path, run: Runner | None = None) -> Path:
    """The public site, its footer giving the offline copies' sizes (extra.offline_sizes)."""
    result = strict_build(ROOT, site, run=run, OFFLINE_FILE_SIZE=readable_size(file_path.stat().st_size),
                          OFFLINE_ZIP_SIZE=readable_size(zip_path.stat().st_size))
    if result.returncode != 0:
        sys.exit(f"The public build failed:\n{result.stdout}{result.stderr}")
    return site


def publish(file_path: Path, zip_path: Path, site: Path) -> None:
    """Copy both offline copies into a built public site, at the addresses the footer links to."""
    for path, address in ((file_path, FILE_PUBLISHED_AT), (zip_path, ZIP_PUBLISHED_AT)):
        target = site / address
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)


def build_published_site(site: Path, file_path: Path, zip_path: Path, run: Runner | None = None) -> Path:
    """The public site with both offline copies in it, made whole beside `site` and only then moved
    into place: a failure on the way leaves no public site whose download links lead nowhere."""
    site = site.resolve()
    staging = site.with_name(f".{site.name}-publishing")
    build_public(staging, file_path, zip_path, run)
    publish(file_path, zip_path, staging)
    shutil.rmtree(site, ignore_errors=True)
    return staging.rename(site)


def main(argv: list[str]) -> int:
    work = ROOT / "dist" / "offline-build"
    shutil.rmtree(work, ignore_errors=True)
    site = build_offline(work)
    zip_path = pack(site, ZIP)
    one_file = write_single_file(site, FILE)
    shutil.rmtree(work)
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    pages = sum(name.endswith(".html") for name in names)
    print(f"{zip_path.relative_to(ROOT)}: {readable_size(zip_path.stat().st_size)}, {len(names)} files, {pages} HTML pages")
    size = FILE.stat().st_size
    print(f"{FILE.relative_to(ROOT)}: {readable_size(size)} ({size:,} bytes), {one_file.pages} pages, "
          f"{one_file.trees} decision trees with {one_file.steps} steps")
    if size >= FILE_BUDGET:
        sys.exit(f"{FILE.relative_to(ROOT)} is over its budget of {FILE_BUDGET:,} bytes: "
                 "trim overrides/offline-file/notes.css or what scripts/single_file.py keeps")
    if argv[:1] == ["--publish"]:
        site = build_published_site(Path(argv[1]), FILE, zip_path)
        print(f"published {site}, with {FILE_PUBLISHED_AT} and {ZIP_PUBLISHED_AT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
