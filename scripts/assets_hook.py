"""MkDocs hook: which theme assets the site ships.

Every build drops files no reader needs (source maps, search-language packs for languages the
site does not use, and the one-file offline copy's stylesheet, which that file carries inline). The offline build also serves Material's search shim (iframe-worker)
from the site itself, installed from the npm registry, instead of from a CDN. Once the pages are
written, Material's stylesheets are trimmed to the rules the site can use (scripts/css_trim.py).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from scripts.css_trim import trim, words

SEARCH_SHIM = Path("node_modules/iframe-worker/shim/index.js")
SEARCH_SHIM_URI = "assets/javascripts/iframe-worker-shim.js"
# The one-file offline copy's template folder: scripts/single_file.py inlines its stylesheet.
UNUSED_ASSETS = ("*.map", "assets/javascripts/lunr/*", "offline-file/*")
# Material's stylesheets, trimmed in place. Their names keep Material's hash of the untrimmed file;
# GitHub Pages lets browsers cache a file for 10 minutes only, so a new build reaches readers anyway.
MATERIAL_STYLESHEETS = "assets/stylesheets/*.css"


def _features_left_off(config) -> tuple[str, ...]:
    """The class prefixes of Material features that the site leaves off, which Material's bundle
    names all the same. (Content features, such as code highlighting or content tabs, need no
    entry: their classes are in a page that uses them.)"""
    features = config.theme.get("features") or []
    switches = {
        "md-tooltip": {"content.tooltips", "content.footnote.tooltips"} & set(features),
        "md-annotation": "content.code.annotate" in features,
        "md-code__": {"content.code.copy", "content.code.select"} & set(features),
        "md-version": config.extra.get("version"),
        "md-source": config.repo_url,
        "tabbed-": False,
        "highlight": False,
    }
    return tuple(prefix for prefix, on in switches.items() if not on)


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


# After every other hook and plugin: the pages and scripts are final.
@event_priority(-100)
def on_post_build(config) -> None:
    """Trim Material's stylesheets, which block every page's first paint, to what the site uses:
    the main one from 137 KB (22.7 KB gzipped) to about 67 KB (12.1 KB gzipped) with Material 9.8.1,
    which a phone's first round trip on a new connection (about 14 KB) can carry."""
    site = Path(config.site_dir)
    pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    scripts = [path.read_text(encoding="utf-8") for path in site.rglob("*.js")]
    material = sorted(site.glob(MATERIAL_STYLESHEETS))
    others = [path.read_text(encoding="utf-8") for path in site.rglob("*.css") if path not in material]
    used = words(pages, scripts, unused_in_scripts=_features_left_off(config))
    trimmed = trim([path.read_text(encoding="utf-8") for path in material], used, [*others, *pages, *scripts])
    for path, css in zip(material, trimmed):
        path.write_text(css, encoding="utf-8")
