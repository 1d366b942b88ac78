"""Strict MkDocs builds for the tests, each in a fresh process forked from one that has already
imported MkDocs, Material and the plugins.

The tests build the real site and some fifty small fixture sites. Started cold, each build spent
two thirds of its CPU time importing the same packages; forked from this server, a build starts
with them loaded, yet runs in a process of its own, exactly as `mkdocs build` does, with its own
working folder, environment and output. The theme's templates, compiled by the first build, are
reused by the others (share_compiled_templates): a small site builds in about 0.56 s, not 0.89 s.
The site's own modules are imported once here too (serve).

Run as a script, it reads one request a line on stdin (JSON: folder, arguments, environment, log
file), runs `mkdocs` with those arguments in a forked child whose output goes to the log file, and
answers with the exit code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path


class BuildServer:
    """The test side: starts the server once and sends it builds, one at a time."""

    def __init__(self):
        self._server = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        self._lock = threading.Lock()

    def run(self, cwd: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
        """`mkdocs ARGS` in `cwd` with environment `env`, as subprocess.run would give it."""
        with tempfile.NamedTemporaryFile("r", suffix=".log", encoding="utf-8") as log, self._lock:
            request = {"cwd": str(cwd), "args": args, "env": env, "log": log.name}
            self._server.stdin.write(json.dumps(request) + "\n")
            self._server.stdin.flush()
            returncode = json.loads(self._server.stdout.readline())["returncode"]
            return subprocess.CompletedProcess(["mkdocs", *args], returncode, stdout=log.read(), stderr="")

    def close(self) -> None:
        self._server.stdin.close()
        self._server.wait(timeout=30)


def _build(request: dict) -> None:
    """In the forked child: become `mkdocs ARGS` run in the request's folder."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    log = os.open(request["log"], os.O_WRONLY | os.O_TRUNC)
    os.dup2(log, 1)
    os.dup2(log, 2)
    sys.path[0] = request["cwd"]  # as `python -m mkdocs` run there would have it
    from mkdocs.__main__ import cli

    try:
        cli.main(args=request["args"], prog_name="mkdocs")
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    except BaseException:  # noqa: BLE001 - print it as the command would, and fail
        import traceback

        traceback.print_exc()
        code = 1
    else:
        code = 0
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def share_compiled_templates(folder: str) -> None:
    """Every build compiles the theme's templates (Material's and overrides/) again, which took
    over a third of a small site's build. The theme's Jinja environment gets Jinja's own bytecode
    cache, in a folder that all the builds share: each template is compiled once, and again only if
    its source changes. Only the theme's environment: its options are the same in every build,
    and the cache's key does not hold them. A filter whose answer depends on the build must take
    the context (scripts/plugin/links.py), or Jinja folds its answer for a constant into the compiled
    template. Built sites are byte-identical with and without it."""
    import jinja2
    from mkdocs.theme import Theme

    cache = jinja2.FileSystemBytecodeCache(folder)
    theme_environment = Theme.get_env

    def with_cache(theme):
        environment = theme_environment(theme)
        environment.bytecode_cache = cache
        return environment

    Theme.get_env = with_cache


def serve() -> None:
    # What every build imports.
    import material.extensions.emoji  # noqa: F401
    import material.plugins.offline.plugin  # noqa: F401
    import material.plugins.search.plugin  # noqa: F401
    import material.plugins.tags.plugin  # noqa: F401
    import mkdocs.__main__  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs_macros.plugin  # noqa: F401
    import pydantic
    import pymdownx.snippets  # noqa: F401
    import pymdownx.superfences  # noqa: F401
    # Loaded on first use: the Markdown extensions mkdocs.yml names, the highlighter's, and the
    # parts of pydantic that making a model needs (the site's data formats are models).
    import markdown.extensions.admonition  # noqa: F401
    import markdown.extensions.footnotes  # noqa: F401
    import markdown.extensions.md_in_html  # noqa: F401
    import markdown.extensions.tables  # noqa: F401
    import pygments.formatters.html  # noqa: F401
    import pygments.lexers  # noqa: F401
    import pymdownx.details  # noqa: F401
    import pymdownx.highlight  # noqa: F401
    import pymdownx.saneheaders  # noqa: F401

    pydantic.create_model("Warm", number=(int, 0))
    # The site's own plugin, which MkDocs imports by its entry point, and through it the site's
    # modules: a build that fails on bad data spent a third of its CPU importing them. A fixture
    # site's scripts/ is a link to this project's, so every build runs the same code, and each
    # forked build gets these modules as freshly imported, whatever an earlier build did with them.
    import scripts.plugin.plugin  # noqa: F401

    with tempfile.TemporaryDirectory(prefix="build-server-templates-") as templates:
        share_compiled_templates(templates)
        for line in sys.stdin:
            request = json.loads(line)
            child = os.fork()
            if child == 0:
                _build(request)
            _, status = os.waitpid(child, 0)
            print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)


if __name__ == "__main__":
    serve()
