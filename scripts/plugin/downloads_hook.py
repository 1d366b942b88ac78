"""MkDocs hook: every build that publishes holds the offline copies its footer offers.

`mkdocs build` and `mkdocs gh-deploy` (so `make build`, `make publish` and the Pages workflow too)
make both offline copies (scripts/offline/copies.py) in an offline build of their own, in a process
forked from this one as it starts, and put them where the footer's "Read offline" line links
(extra.offline_file, extra.offline_download). The footer offers them, with their sizes, only in a
build that holds them: `mkdocs serve` makes none, so that the preview rebuilds as fast as before,
and neither does the offline build itself, nor a site that sets `extra.offline_copies: false`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.plugin.assets_hook import is_offline_build
from scripts.offline.copies import CopiesInBackground, OfflineCopyError

# The command MkDocs runs ("build", "gh-deploy", "serve"), and this build's copies being made.
_command: str | None = None
_copies: CopiesInBackground | None = None


def on_startup(command, dirty):
    global _command
    _command = command


def _wanted(config) -> bool:
    return _command != "serve" and not is_offline_build(config) and config.extra["offline_copies"]


# First: the copies' own build starts before this one reads any page.
@event_priority(100)
def on_pre_build(config):
    global _copies
    _copies = CopiesInBackground(Path(config.config_file_path), config) if _wanted(config) else None


def on_env(env, config, files):
    """Templates see `offline_copies` (their sizes: `.file_size`, `.zip_size`), or None in a build
    without them. The pages are read by now; the templates are not written yet."""
    try:
        env.globals["offline_copies"] = _copies.result() if _copies else None
    except OfflineCopyError as error:
        raise PluginError(f"The offline copies cannot be made, so the footer's download links would "
                          f"lead nowhere: {error}") from None
    return env


# After the stylesheets are trimmed to what the pages use (scripts/plugin/assets_hook.py): the one-file
# copy is no page.
@event_priority(-110)
def on_post_build(config):
    if _copies:
        _copies.place(Path(config.site_dir))


def on_build_error(error):
    if _copies:
        _copies.discard()
