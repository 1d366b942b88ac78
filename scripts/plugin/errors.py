"""Bad data stops an MkDocs build with its own one- or two-line message, never a traceback.

The data modules and the tree engine raise DataError, a plain Python error, so that they run
without MkDocs. MkDocs prints only a BuildError (PluginError) as a message: the plugin wraps its
events in `reported` to turn one into the other.
"""

from __future__ import annotations

import functools

from mkdocs.exceptions import PluginError

from scripts.content.yaml_data import DataError


def reported(event):
    @functools.wraps(event)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except DataError as error:
            raise PluginError(str(error)) from None

    return run
