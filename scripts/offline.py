"""The offline copies of the site: one HTML file for a phone, and a zip for a computer.

Usage: python -m scripts.offline    (what `make offline` runs)
Writes dist/notes.html (scripts/single_file.py; every page in one file, no scripts) and
dist/notes.zip (the site from Material's offline plugin, search included), from one strict build,
and prints their sizes. Every build that publishes makes the same two copies, through
`make_copies`, and serves them where its footer links (scripts/downloads_hook.py).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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


class OfflineCopyError(Exception):
    """An offline copy cannot be made: the message says why and what to do."""


@dataclass(frozen=True)
class Copies:
    """Both offline copies, as files, with what the footer and `make offline` say about them."""

    file: Path
    zip: Path
    one_file: OneFile

    @property
    def file_size(self) -> str:
        return readable_size(self.file.stat().st_size)

    @property
    def zip_size(self) -> str:
        return readable_size(self.zip.stat().st_size)


def build_offline(config_file: Path, out_dir: Path, run: Runner | None = None) -> Path:
    """A strict build with Material's offline plugin on; returns the site folder. (`run`: how to
    run mkdocs, see scripts/build.py; the tests pass a warm one.)"""
    site = out_dir / NAME
    result = strict_build(config_file.parent, site, run=run, config_file=config_file, OFFLINE="true")
    if result.returncode != 0:
        raise OfflineCopyError(f"the offline build failed: {_errors(result.stdout + result.stderr)}")
    return site


def _errors(log: str) -> str:
    """What a failed build said was wrong: its ERROR lines, or else the end of its output."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    errors = [line.split("-", 1)[1].strip() for line in lines if line.startswith("ERROR")]
    return "\n".join(errors or lines[-10:])


def pack(site: Path, zip_path: Path) -> Path:
    """Zip the site with its folder name at the top, so it unzips into one folder."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and str(path.relative_to(site)) not in SERVER_ONLY:
                archive.write(path, path.relative_to(site.parent))
    return zip_path


def write_single_file(site: Path, path: Path, settings: Mapping[str, Any] = CONFIG) -> OneFile:
    """The built site as one HTML file (see scripts/single_file.py); `settings`: the site's
    configuration, for its name, the help pages and "Exit this page"."""
    extra = settings["extra"]
    try:
        one_file = assemble(site, site_name=settings["site_name"], exit_url=extra["quick_exit_url"],
                            help_candidates=extra["offline_file_help"])
    except SingleFileError as error:
        raise OfflineCopyError(f"the one-file offline copy cannot be made: {error}") from None
    if len(one_file.html.encode("utf-8")) >= FILE_BUDGET:
        raise OfflineCopyError(f"the one-file offline copy is over its budget of {FILE_BUDGET:,} bytes: "
                               "trim overrides/offline-file/notes.css or what scripts/single_file.py keeps")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(one_file.html, encoding="utf-8")
    return one_file


def make_copies(config_file: Path, settings: Mapping[str, Any], out_dir: Path, run: Runner | None = None) -> Copies:
    """Both copies of the site that `config_file` configures, from one strict offline build,
    written into `out_dir` under the names the site publishes them by."""
    with tempfile.TemporaryDirectory(prefix="offline-build-", dir=out_dir) as work:
        site = build_offline(config_file, Path(work), run)
        zip_path = pack(site, out_dir / Path(settings["extra"]["offline_download"]).name)
        file_path = out_dir / Path(settings["extra"]["offline_file"]).name
        return Copies(file_path, zip_path, write_single_file(site, file_path, settings))


class CopiesInBackground:
    """`make_copies` started now and waited for later. Its offline build is a process of its own,
    so a build that publishes goes on reading its pages meanwhile, and waits only if the copies
    take longer than that."""

    def __init__(self, config_file: Path, settings: Mapping[str, Any]):
        self._settings = settings
        self._work = Path(tempfile.mkdtemp(prefix="offline-copies-"))
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="offline-copies")
        self._copies = executor.submit(make_copies, config_file, settings, self._work)
        executor.shutdown(wait=False)

    def result(self) -> Copies:
        """The copies, once made; raises OfflineCopyError if they cannot be."""
        return self._copies.result()

    def place(self, site: Path) -> None:
        """Put both copies in the built `site`, where its footer links to them, and tidy up."""
        copies = self.result()
        extra = self._settings["extra"]
        for path, address in ((copies.file, extra["offline_file"]), (copies.zip, extra["offline_download"])):
            (site / address).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, site / address)
        self.discard()

    def discard(self) -> None:
        """Wait for the copies (a failed build must not leave their build running) and delete them."""
        self._copies.exception()
        shutil.rmtree(self._work, ignore_errors=True)


def readable_size(size: int) -> str:
    """A size as the footer shows it: "640 KB", "1.4 MB"."""
    return f"{size / 1024:.0f} KB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def main() -> int:
    (ROOT / "dist").mkdir(exist_ok=True)
    try:
        copies = make_copies(ROOT / "mkdocs.yml", CONFIG, ROOT / "dist")
    except OfflineCopyError as error:
        sys.exit(f"The offline copies cannot be made: {error}")
    with zipfile.ZipFile(copies.zip) as archive:
        names = archive.namelist()
    pages = sum(name.endswith(".html") for name in names)
    print(f"{copies.zip.relative_to(ROOT)}: {copies.zip_size}, {len(names)} files, {pages} HTML pages")
    one_file = copies.one_file
    print(f"{copies.file.relative_to(ROOT)}: {copies.file_size} ({copies.file.stat().st_size:,} bytes), "
          f"{one_file.pages} pages, {one_file.trees} decision trees with {one_file.steps} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
