"""MkDocs hook: which theme assets the site ships.

Every build drops files no reader needs (source maps, search-language packs for languages the
site does not use, and the one-file offline copy's stylesheet, which that file carries inline). The offline build also serves Material's search shim (iframe-worker)
from the site itself, installed from the npm registry, instead of from a CDN.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

SEARCH_SHIM = Path("node_modules/iframe-worker/shim/index.js")
SEARCH_SHIM_URI = "assets/javascripts/iframe-worker-shim.js"
# The one-file offline copy's template folder: scripts/single_file.py inlines its stylesheet.
UNUSED_ASSETS = ("*.map", "assets/javascripts/lunr/*", "offline-file/*")


def _offline(config) -> bool:
    return config.plugins["material/offline"].config.enabled


# Runs before Material's offline plugin, which otherwise adds the shim from unpkg.com.
@event_priority(100)
def on_config(config):
    config.extra["offline_build"] = _offline(config)
    if config.extra["offline_build"]:
        config.extra["polyfills"] = [SEARCH_SHIM_URI]
    return config


def on_files(files: Files, config) -> Files:
    for file in list(files):
        if any(fnmatch.fnmatch(file.src_uri, pattern) for pattern in UNUSED_ASSETS):
            files.remove(file)
    if _offline(config):
        shim = Path(config.config_file_path).parent / SEARCH_SHIM
        if not shim.is_file():
            raise PluginError(f"{shim} is missing: run `npm ci` (the Makefile's `make offline` does)")
        files.append(File.generated(config, SEARCH_SHIM_URI, abs_src_path=str(shim)))
    return files
