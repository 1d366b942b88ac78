"""Which theme assets the site ships (run by the plugin, scripts/plugin/plugin.py).

Every build drops files no reader needs (source maps, search-language packs for languages the
site does not use, and the one-file offline copy's stylesheet, which that file carries inline). Only
the offline build ships the site's own stand-in for Worker (overrides/assets/iframe-worker.js),
which runs Material's search from file://, in place of the shim Material would load from a CDN.
Once the pages are written, Material's stylesheets are trimmed to the rules the site can use
(scripts/output/css_trim.py), and each page gets the rules that its own elements and scripts can
use, inline, in place of the stylesheets: a phone paints the first screen once the page itself has
come, with no stylesheet to wait for (issue 31).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from scripts.output import output_policy
from scripts.output.css_trim import parse, rules_for, trim, words

# The offline copy's stand-in for Worker, from overrides/. Material's offline plugin adds its own
# shim from unpkg.com unless a polyfill's address holds "iframe-worker".
SEARCH_SHIM_URI = "assets/iframe-worker.js"
# The one-file offline copy's template folder: scripts/offline/single_file.py inlines its stylesheet.
UNUSED_ASSETS = ("*.map", "assets/javascripts/lunr/*", "offline-file/*")
# Material's stylesheets, trimmed, then put into the pages.
MATERIAL_STYLESHEETS = "assets/stylesheets/*.css"
# How Material's templates and overrides/main.html name a stylesheet and a script.
STYLESHEET_LINK = re.compile(r'[ \t]*<link rel="stylesheet" href="([^"]+)">\n?')
SCRIPT_SRC = re.compile(r'<script src="([^"]+)"')


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


def inline_stylesheets(config) -> None:
    """Trim Material's stylesheets to what the site uses (the main one from 137 KB, 22.7 KB
    gzipped, to about 67 KB, 12.1 KB gzipped, with Material 9.8.1), then put into each page the
    rules its own elements and the scripts it loads can use, and drop the stylesheet files, which
    no page names any more."""
    site = Path(config.site_dir)
    pages = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    scripts = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.js")}
    material = sorted(site.glob(MATERIAL_STYLESHEETS))
    own = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.css") if path not in material}
    not_counted = _classes_not_to_count_in_scripts(config)
    used = words(pages.values(), scripts.values(), unused_in_scripts=not_counted)
    trimmed = trim([path.read_text(encoding="utf-8") for path in material], used,
                   [*own.values(), *pages.values(), *scripts.values()])
    stylesheets = {path: parse(css) for path, css in [*zip(material, trimmed), *own.items()]}
    script_words = {path: words([], [text], unused_in_scripts=not_counted) for path, text in scripts.items()}
    root = urlsplit(config.site_url or "/").path or "/"
    for path, html in pages.items():
        if inlined := _with_styles_inline(html, lambda href: _site_file(site, root, path, href),
                                          stylesheets, script_words):
            path.write_text(inlined, encoding="utf-8")
    for path in stylesheets:
        path.unlink()
    for folder in {path.parent for path in stylesheets}:
        if not any(folder.iterdir()):
            folder.rmdir()


def _site_file(site: Path, root: str, page: Path, address: str) -> Path:
    """The file of the site that a page's address names (relative, or from the site's root)."""
    if address.startswith("/"):
        return (site / address.removeprefix(root)).resolve()
    return (page.parent / address).resolve()


def _with_styles_inline(html, site_file, stylesheets, script_words) -> str | None:
    """The page with its stylesheet links replaced by one <style> of the rules that its elements
    and its scripts can use, in the links' order, allowed by the page's policy; None for a page
    that links none of `stylesheets` (the offline file's template)."""
    links = [(link, site_file(link.group(1))) for link in STYLESHEET_LINK.finditer(html)]
    links = [(link, file) for link, file in links if file in stylesheets]
    if not links:
        return None
    used = words([html], [])
    for address in SCRIPT_SRC.findall(html):
        used |= script_words.get(site_file(address), set())
    css = "".join(rules_for(stylesheets[file], used) for _, file in links)
    if "</style" in css.lower():
        raise PluginError(f"{links[0][1].name}: a stylesheet holds '</style', which would end the page's "
                          "<style> early; write it another way (\\3c /style)")
    first = links[0][0]
    out = html[:first.start()] + f"  <style>{css}</style>\n" + html[first.end():]
    for link, _ in links[1:]:
        out = out.replace(link.group(0), "", 1)
    return output_policy.allow_style(out, css)
