"""Which theme assets the site ships (run by the plugin, scripts/plugin/plugin.py).

Every build drops files no reader needs (source maps, search-language packs for languages the
site does not use, and the one-file offline copy's stylesheet, which that file carries inline). Only
the offline build ships the site's own stand-in for Worker (overrides/assets/iframe-worker.js),
which runs Material's search from file://, in place of the shim Material would load from a CDN.
Once the pages are written, Material's stylesheets are trimmed to the rules the site can use
(scripts/output/css_trim.py).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from mkdocs.structure.files import Files

from scripts.output.css_trim import trim, words

# The offline copy's stand-in for Worker, from overrides/. Material's offline plugin adds its own
# shim from unpkg.com unless a polyfill's address holds "iframe-worker".
SEARCH_SHIM_URI = "assets/iframe-worker.js"
# The one-file offline copy's template folder: scripts/offline/single_file.py inlines its stylesheet.
UNUSED_ASSETS = ("*.map", "assets/javascripts/lunr/*", "offline-file/*")
# Material's stylesheets, trimmed in place. Their names keep Material's hash of the untrimmed file;
# GitHub Pages lets browsers cache a file for 10 minutes only, so a new build reaches readers anyway.
MATERIAL_STYLESHEETS = "assets/stylesheets/*.css"


# Classes of Markdown extensions (code highlighting, content tabs), which Material's bundle also
# names: a page that uses one has its classes, so the bundle's mention never counts.
CONTENT_CLASSES = ("highlight", "tabbed-")


def _classes_not_to_count_in_scripts(config) -> tuple[str, ...]:
    """Class prefixes that Material's bundle names whether or not the site uses them: those of
    Material features the site leaves off, and of content."""
    features = set(config.theme.get("features") or [])
    switched_on = {
        "md-tooltip": features & {"content.tooltips", "content.footnote.tooltips"},
        "md-annotation": "content.code.annotate" in features,
        "md-code__": features & {"content.code.copy", "content.code.select"},
        "md-version": config.extra.get("version"),
        "md-source": config.repo_url,
    }
    return CONTENT_CLASSES + tuple(prefix for prefix, on in switched_on.items() if not on)


def drop_unused(files: Files, offline_build: bool) -> None:
    """Drop what no reader needs; the Worker stand-in, outside the offline build."""
    unused = UNUSED_ASSETS if offline_build else (*UNUSED_ASSETS, SEARCH_SHIM_URI)
    for file in list(files):
        if any(fnmatch.fnmatch(file.src_uri, pattern) for pattern in unused):
            files.remove(file)


def trim_stylesheets(config) -> None:
    """Trim Material's stylesheets, which block every page's first paint, to what the site uses:
    the main one from 137 KB (22.7 KB gzipped) to about 67 KB (12.1 KB gzipped) with Material 9.8.1,
    which a phone's first round trip on a new connection (about 14 KB) can carry."""
    site = Path(config.site_dir)
    pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    scripts = [path.read_text(encoding="utf-8") for path in site.rglob("*.js")]
    material = sorted(site.glob(MATERIAL_STYLESHEETS))
    others = [path.read_text(encoding="utf-8") for path in site.rglob("*.css") if path not in material]
    used = words(pages, scripts, unused_in_scripts=_classes_not_to_count_in_scripts(config))
    trimmed = trim([path.read_text(encoding="utf-8") for path in material], used, [*others, *pages, *scripts])
    for path, css in zip(material, trimmed):
        path.write_text(css, encoding="utf-8")
