"""The offline copies of the site: one HTML file for a phone, and a zip for a computer.

Usage: python -m scripts.offline.copies    (what `make offline` runs)
Writes dist/notes.html (scripts/offline/single_file.py; every page in one file, no scripts) and
dist/notes.zip (the site from Material's offline plugin, search included), from one strict build,
and prints their sizes. Every build that publishes makes the same two copies, in a process forked
from its own (CopiesInBackground), and serves them where its footer links (scripts/plugin/plugin.py).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import traceback
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.output.built_site import NAVIGATION, SERVER_ONLY
from scripts.offline.single_file import OneFile, SingleFileError, assemble
from scripts.checks.site_config import read_settings

ROOT = Path(__file__).resolve().parents[2]

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
    """Both offline copies, as files, and their sizes as the footer gives them."""

    file: Path
    zip: Path

    @property
    def file_size(self) -> str:
        return readable_size(self.file.stat().st_size)

    @property
    def zip_size(self) -> str:
        return readable_size(self.zip.stat().st_size)


def copies_in(folder: Path, settings: Mapping[str, Any]) -> Copies:
    """Where make_copies writes the two copies in `folder`: under the names the site serves them by."""
    extra = settings["extra"]
    return Copies(folder / Path(extra["offline_file"]).name, folder / Path(extra["offline_download"]).name)


def build_offline(config_file: Path, site: Path) -> Path:
    """A strict build, in this process, with Material's offline plugin on (OFFLINE in mkdocs.yml,
    which this sets in the process's environment); returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["OFFLINE"] = "true"
    # What made the build fail: its errors, and the warnings that fail a strict build.
    errors: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: errors.append(record.getMessage())
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        config = load_config(config_file=str(config_file), strict=True, site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except Exception as error:  # noqa: BLE001 - MkDocs' Abort, a ConfigurationError, a plugin's error
        raise OfflineCopyError(f"the offline build failed: {' '.join(errors) or error}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return site


def pack(site: Path, zip_path: Path) -> Path:
    """Zip the site with its folder name at the top, so it unzips into one folder."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and str(path.relative_to(site)) not in SERVER_ONLY | {NAVIGATION}:
                archive.write(path, path.relative_to(site.parent))
    return zip_path


def write_single_file(site: Path, path: Path, settings: Mapping[str, Any] = CONFIG) -> OneFile:
    """The built site as one HTML file (see scripts/offline/single_file.py); `settings`: the site's
    configuration, for its name, the help pages and "Exit this page"."""
    extra = settings["extra"]
    try:
        one_file = assemble(site, site_name=settings["site_name"], exit_url=extra["quick_exit_url"],
                            help_candidates=extra["offline_file_help"])
    except SingleFileError as error:
        raise OfflineCopyError(f"the one-file offline copy cannot be made: {error}") from None
    if len(one_file.html.encode("utf-8")) >= FILE_BUDGET:
        raise OfflineCopyError(f"the one-file offline copy is over its budget of {FILE_BUDGET:,} bytes: "
                               "trim overrides/offline-file/notes.css or what scripts/offline/single_file.py keeps")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(one_file.html, encoding="utf-8")
    return one_file


def make_copies(config_file: Path, settings: Mapping[str, Any], out_dir: Path) -> OneFile:
    """Both copies of the site that `config_file` configures, from one strict offline build in
    this process, written into `out_dir` (see copies_in). The build changes this process's
    environment: run it in a process of its own."""
    copies = copies_in(out_dir, settings)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="offline-build-", dir=out_dir) as work:
        site = build_offline(config_file, Path(work) / NAME)
        pack(site, copies.zip)
        return write_single_file(site, copies.file, settings)


class CopiesInBackground:
    """make_copies, started now in a process forked from this one and waited for later. The fork
    has MkDocs, the plugins and the site's modules loaded already (a fresh `mkdocs` process spent
    as long importing them as building), and runs beside this process's build on a second core."""

    def __init__(self, config_file: Path, settings: Mapping[str, Any]):
        self._work = Path(tempfile.mkdtemp(prefix="offline-copies-"))
        self._copies = copies_in(self._work, settings)
        self._settings = settings
        self._error = self._work / "error.txt"
        self._status: int | None = None
        self._pid = os.fork()
        if self._pid == 0:
            self._make(config_file)

    def _make(self, config_file: Path) -> None:
        """In the fork: make the copies, say why not if they cannot be made, and exit."""
        code = 1
        try:
            log = os.open(self._work / "log.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(log, 1)
            os.dup2(log, 2)
            make_copies(config_file, self._settings, self._work)
            code = 0
        except OfflineCopyError as error:
            self._error.write_text(str(error), encoding="utf-8")
        except BaseException:  # noqa: BLE001 - anything else: say what, and fail
            self._error.write_text(traceback.format_exc(), encoding="utf-8")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def _wait(self) -> int:
        if self._status is None:
            _, status = os.waitpid(self._pid, 0)
            self._status = os.waitstatus_to_exitcode(status)
        return self._status

    def result(self) -> Copies:
        """The copies, once made; raises OfflineCopyError if they cannot be."""
        if self._wait() != 0:
            reason = self._error.read_text(encoding="utf-8") if self._error.is_file() else f"exit code {self._status}"
            raise OfflineCopyError(reason)
        return self._copies

    def place(self, site: Path) -> None:
        """Put both copies in the built `site`, where its footer links to them, and tidy up."""
        copies = self.result()
        extra = self._settings["extra"]
        for path, address in ((copies.file, extra["offline_file"]), (copies.zip, extra["offline_download"])):
            (site / address).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, site / address)
        self.discard()

    def discard(self) -> None:
        """Stop the copies' build if it still runs (this build failed) and delete what it made."""
        if self._status is None:
            os.kill(self._pid, signal.SIGTERM)
            self._wait()
        shutil.rmtree(self._work, ignore_errors=True)


def readable_size(size: int) -> str:
    """A size as the footer shows it: "640 KB", "1.4 MB"."""
    return f"{size / 1024:.0f} KB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def main() -> int:
    try:
        one_file = make_copies(ROOT / "mkdocs.yml", CONFIG, ROOT / "dist")
    except OfflineCopyError as error:
        sys.exit(f"The offline copies cannot be made: {error}")
    copies = copies_in(ROOT / "dist", CONFIG)
    with zipfile.ZipFile(copies.zip) as archive:
        names = archive.namelist()
    pages = sum(name.endswith(".html") for name in names)
    print(f"{copies.zip.relative_to(ROOT)}: {copies.zip_size}, {len(names)} files, {pages} HTML pages")
    print(f"{copies.file.relative_to(ROOT)}: {copies.file_size} ({copies.file.stat().st_size:,} bytes), "
          f"{one_file.pages} pages, {one_file.trees} decision trees with {one_file.steps} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
