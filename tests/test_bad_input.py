"""The project's bad-input suite: hostile and careless input, tried as an attacker and an editor would.

Every case in BAD_INPUT must fail the strict build with a short message that names the file and the
node or line, says what is wrong and what to do, and shows no traceback. Hostile text that is valid
(template syntax, quotes, markup) must build and appear as plain text, never run or become markup.
Each case notes the item of issue 11 it comes from.
"""

from __future__ import annotations

import html
import re
import shutil
import socket
import subprocess
import sys
import time
import unicodedata
from datetime import date, timedelta
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import markdown
import pytest
from markupsafe import escape
import yaml

from helpers import (GOOD_TREE, ROOT, SHARED, changed, diamonds, make_fixture_site, mkdocs_build, offsite_requests,
                     page_files, take_own_page_errors, tree_site)
from scripts.content import limits
from scripts.output import output_policy
from scripts.content.data_models import load_model
from scripts.content.glossary import load_glossary_file
from scripts.content.helplines import Helplines
from scripts.content.pages import front_matter, read_front_matter
from scripts.content.text_reader import character_name, read_text
from scripts.tree_engine import load_tree
from scripts.content.yaml_data import DataError, parse_yaml

TREES = Path("docs/_data/trees")
SOURCE_MAP = Path("docs/_data/source-map.yml")
SOURCE_MAP_TEXT = "sources:\n  cane-trying:\n    - advice: Give him room to notice you are gone.\n      pages: [topics/one.md]\n"
SUPPORTING = Path("docs/_data/supporting-sources.yml")
SUPPORTING_TEXT = ('sources:\n  nhs-insomnia:\n    organisation: NHS\n    title: Insomnia\n'
                   '    url: https://www.nhs.uk/conditions/insomnia/\n    checked: "2026-11-30"\n')


def write(site: Path, path: str | Path, text: str | bytes) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")


def write_tree(site: Path, tree: dict | str, name: str = "small.yml") -> None:
    write(site, TREES / name, tree if isinstance(tree, str) else yaml.safe_dump(tree, sort_keys=False))


def tree_text(edit: Callable[[dict], None]) -> str:
    return yaml.safe_dump(changed(edit), sort_keys=False, allow_unicode=True)


def chain(length: int) -> dict:
    """A valid tree whose questions form one path `length` questions long."""
    nodes = {}
    for n in range(length):
        last = n == length - 1
        nodes[f"q{n}"] = {"question": f"Question number {n}?", "answers": [
            {"label": "Yes", "next": "done" if last else f"q{n + 1}"}, {"label": "No", "next": f"stop{n}"}]}
        nodes[f"stop{n}"] = outcome()
    nodes["done"] = outcome()
    return {**GOOD_TREE, "start": "q0", "nodes": nodes}


def outcome() -> dict:
    return {"outcome": "Stop here", "summary": "A summary.", "actions": ["A step."],
            "topics": ["topics/one.md"], "sources": ["cane-trying"]}


def bushy(levels: int) -> dict:
    """A valid tree in which every question has six answers, `levels` questions deep."""
    nodes, frontier = {}, ["n"]
    for level in range(levels):
        next_frontier = []
        for node_id in frontier:
            children = [f"{node_id}-{k}" for k in range(6)]
            nodes[node_id] = {"question": "Which one?", "answers": [{"label": f"Pick {k}", "next": c} for k, c in enumerate(children)]}
            next_frontier += children
        frontier = next_frontier
    for node_id in frontier:
        nodes[node_id] = outcome()
    return {**GOOD_TREE, "start": "n", "nodes": nodes}


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    return yaml.safe_dump(GOOD_TREE, sort_keys=False).replace("tags:\n- patience\n", "tags:\n  - patience\n  - {" + ", ".join(lines) + "}\n")


def nested(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


@dataclass(frozen=True)
class Case:
    id: str
    item: int
    edit: Callable[[Path], None]
    expect: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()


def tree_case(case_id: str, item: int, edit: Callable[[dict], None], *expect: str) -> Case:
    return Case(case_id, item, lambda site: write_tree(site, tree_text(edit)), ("small.yml", *expect))


def page_case(case_id: str, item: int, path: str, text: str, *expect: str) -> Case:
    return Case(case_id, item, lambda site: write(site, Path("docs") / path, text), (path, *expect))


def text_replace(old: str, new: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        path = site / TREES / "small.yml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def source_map(text: str) -> Callable[[Path], None]:
    return lambda site: write(site, SOURCE_MAP, text)


def supporting_source(text: str) -> Callable[[Path], None]:
    return lambda site: write(site, SUPPORTING, text)


def without_sources(site: Path) -> None:
    config = site / "project.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"\n  sources:\n(    .*\n|      .*\n)*", "\n", text), encoding="utf-8")


TOPIC = "---\ntitle: Topic one\ndescription: A fixture topic page.\ntags:\n  - backing off\n---\n\n# Topic one\n\n"

BAD_INPUT = [
    # 1. Template syntax in the title of a page that does use macros cannot be shown as it is.
    page_case("macro-page-title-with-template-syntax", 1, "index.md",
              "---\nrender_macros: true\ntitle: Home {{ 7*7 }}\n---\n\n# Home\n", "title", "{{"),
    # 1, 9. A mistake in a page's own macros: mkdocs-macros exits; the message still names the page.
    page_case("macro-syntax-error", 1, "index.md", "---\nrender_macros: true\ntitle: Home\n---\n\n# Home\n\n{{ tree_links( }}\n",
              "Line 3"),
    page_case("macro-failure", 1, "index.md", "---\nrender_macros: true\ntitle: Home\n---\n\n# Home\n\n{{ source_name('nope') }}\n",
              "unknown source id 'nope'"),
    # 3. Resource exhaustion.
    Case("alias-bomb-in-tags", 3, lambda site: write_tree(site, alias_bomb()), ("small.yml", "line 6", "alias")),
    Case("anchor", 3, text_replace("intro: ", "intro: &words "), ("small.yml", "line 3", "anchor")),
    Case("alias-in-the-source-map", 3, source_map(SOURCE_MAP_TEXT.replace("cane-trying:", "cane-trying: &advice")
                                                  + "  cane-no-contact: *advice\n"), ("source-map.yml", "line 2", "alias")),
    Case("file-too-large", 3, text_replace("intro: ", "intro: " + "word " * (limits.MAX_FILE_BYTES // 5)),
         ("small.yml", "KB")),
    Case("text-too-long", 3, text_replace("intro: ", "intro: " + "a" * (limits.MAX_TEXT_CHARS + 1)),
         ("small.yml", "line 3", f"{limits.MAX_TEXT_CHARS} characters")),
    Case("too-many-values", 3, text_replace("tags:\n- patience\n", "tags:\n" + "- patience\n" * limits.MAX_YAML_VALUES),
         ("small.yml", "line", "values")),
    Case("nested-too-deep", 3, text_replace("tags:\n- patience\n", f"tags:\n- {nested(limits.MAX_YAML_DEPTH + 5)}\n"),
         ("small.yml", "line 5", "deep")),
    Case("tree-too-deep", 3, lambda site: write_tree(site, chain(limits.MAX_TREE_DEPTH + 1)),
         ("small.yml", f"node 'q{limits.MAX_TREE_DEPTH}'", f"at most {limits.MAX_TREE_DEPTH} questions")),
    Case("chain-300-questions", 3, lambda site: write_tree(site, chain(300)), ("small.yml", "line")),
    Case("chain-990-questions", 3, lambda site: write_tree(site, chain(990)), ("small.yml", "KB")),
    Case("too-many-pages-from-shared-questions", 3, lambda site: write_tree(site, diamonds(8)),
         ("small.yml", "tree 'small' makes 513 pages", str(limits.MAX_TREE_PAGES))),
    Case("loop-through-a-shared-node", 3, lambda site: write_tree(site, {**SHARED, "nodes": {**SHARED["nodes"], "second": {
        **SHARED["nodes"]["second"], "answers": [{"label": "Yes", "next": "zero"}, {"label": "No", "next": "wait"}]}}}),
         ("small.yml", "loop", "zero -> first -> second -> zero")),
    Case("too-many-nodes", 3, lambda site: write_tree(site, bushy(3)), ("small.yml", "nodes", str(limits.MAX_TREE_NODES))),
    tree_case("error-echoes-a-short-value", 3, lambda d: d.update(intro={f"key{n}": "x" * 50 for n in range(40)}),
              "intro", "text"),
    # 5. Text fields are one line of plain text.
    tree_case("blank-line-in-a-label", 5, lambda d: d["nodes"]["first"]["answers"][0].update(label="Yes\n\nreally"),
              "node 'first'", "label", "one line"),
    tree_case("setext-heading-in-a-question", 5, lambda d: d["nodes"]["second"].update(question="Do you call him?\n==="),
              "node 'second'", "question", "one line"),
    tree_case("indented-code-in-a-summary", 5, lambda d: d["nodes"]["wait"].update(summary="    It may simply be early days."),
              "node 'wait'", "summary", "space at the start"),
    tree_case("label-of-only-spaces", 5, lambda d: d["nodes"]["first"]["answers"][1].update(label="    "),
              "node 'first'", "label"),
    # 6. A footnote with no definition.
    page_case("undefined-footnote", 6, "topics/one.md", TOPIC + "Text one.\n\nText two.[^bogus-source]\n",
              "line 12", "[^bogus-source]"),
    # 7. A tree saved as .yaml.
    Case("tree-saved-as-yaml", 7, lambda site: (site / TREES / "small.yml").rename(site / TREES / "small.yaml"),
         ("small.yaml", ".yml")),
    # 8. Pages and the source map.
    page_case("bad-front-matter-on-a-page", 8, "index.md", "---\ntitle: [Home\n---\n\n# Home\n", "line 2", "front matter"),
    # Issue 27: every list item of advice on a topic page is cited or labelled; so is a tree's follow-up.
    page_case("advice-neither-cited-nor-labelled", 8, "topics/one.md",
              TOPIC + "1. **Call him less.** He may miss you more. *Our own view.*\n2. **Wait a month.** He will call.\n",
              "topics/one.md: line 11:", "neither a source footnote nor the label 'our own view'", "Wait a month"),
    tree_case("tree-follow-up-not-labelled", 8, lambda d: d["nodes"]["ease-off"].update(if_nothing_changes="Take stock."),
              "node 'ease-off'", "if_nothing_changes", "site's own view"),
    page_case("topic-page-without-front-matter", 8, "topics/two.md", "# Topic two\n\nText.\n", "front matter", "tags"),
    page_case("empty-page", 8, "safety.md", "---\ntitle: Safety first\ndescription: Nothing here.\n---\n\n  \n", "empty"),
    Case("unknown-source-id-in-the-source-map", 8, source_map(SOURCE_MAP_TEXT.replace("cane-trying", "cane-tryin")),
         ("source-map.yml", "line 2", "cane-tryin")),
    # 9. Errors a non-programmer can act on.
    Case("latin-1-byte-in-a-tree", 9, lambda site: write(site, TREES / "small.yml", yaml.safe_dump(GOOD_TREE, sort_keys=False)
                                                          .replace("A small tree", "A café tree").encode("latin-1")),
         ("small.yml", "line 2", "UTF-8")),
    page_case("bad-front-matter-on-a-linked-topic", 9, "topics/one.md", "---\ntitle: Topic one\ntags: [backing off\n---\n\n# One\n",
              "line 3", "front matter"),
    Case("missing-extra-sources", 9, without_sources, ("mkdocs.yml", "extra", "sources")),
    tree_case("very-long-node-id", 9, lambda d: d["nodes"].update({"x" * 300: d["nodes"].pop("talk")}) or
              d["nodes"]["first"]["answers"][1].update(next="x" * 300), "60 characters"),
    Case("unknown-page-in-the-source-map", 9, source_map(SOURCE_MAP_TEXT.replace("topics/one.md", "topics/gone.md")),
         ("source-map.yml", "line 4", "topics/gone.md")),
    Case("source-map-typo", 9, source_map(SOURCE_MAP_TEXT.replace("sources:", "sourcs:")),
         ("source-map.yml", "line 1", "'sourcs' is not a field here", "allowed are: sources, supporting")),
    Case("misspelt-field-in-a-supporting-source", 9, supporting_source(SUPPORTING_TEXT.replace("organisation", "organisaton")),
         ("supporting-sources.yml", "line 3", "'organisaton' is not a field here", "allowed are: organisation, title")),
    Case("script-address-in-a-supporting-source", 9, supporting_source(SUPPORTING_TEXT.replace(
        "https://www.nhs.uk/conditions/insomnia/", '"javascript:alert(1)"')),
         ("supporting-sources.yml", "line 5", "sources/nhs-insomnia/url", "full https:// address")),
    tree_case("node-without-a-question", 9, lambda d: d["nodes"]["second"].update(qestion=d["nodes"]["second"].pop("question")),
              "node 'second'", "question"),
    tree_case("id-pattern-in-words", 9, lambda d: d.update(start="First Node"), "start", "lowercase letters"),
    # 10. SITE_URL.
    Case("site-url-with-a-space", 10, lambda site: None, ("SITE_URL", "space"), env=(("SITE_URL", "https://example.org/my site/"),)),
    # Issue 26: one case of each class through a whole build; the generators below cover every
    # variant, data file and field.
    page_case("right-to-left-override-in-a-page", 26, "topics/one.md", TOPIC + "Text \u202eeno txet.\n",
              "line 10", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    tree_case("zero-width-joiner-in-a-label", 26, lambda d: d["nodes"]["first"]["answers"][0].update(label="Y\u200des"),
              "line", "U+200D ZERO WIDTH JOINER"),
    tree_case("look-alike-letter-in-a-node-id", 26, lambda d: d["nodes"]["first"]["answers"][1].update(next="t\u0430lk"),
              "node 'first'", "U+0430 CYRILLIC SMALL LETTER A", "plain Latin letter"),
    page_case("image-from-another-host", 26, "topics/one.md", TOPIC + "Text.\n\n![A face](https://images.example/face.png)\n",
              "line 12", "<img", "another host"),
    page_case("id-that-collides-with-the-theme", 26, "topics/one.md", TOPIC + "Text.\n\n## Menu { #__drawer }\n\nMore.\n",
              'id="__drawer" is used 2 times'),
    page_case("page-with-only-its-heading", 26, "topics/one.md", TOPIC, "only a heading"),
    page_case("front-matter-field-printed-raw", 26, "topics/one.md", TOPIC.replace("tags:", "subtitle: <b>x</b>\ntags:") + "Text.\n",
              "line 4", "'subtitle' is not a front-matter field"),
    page_case("title-that-is-not-text", 26, "topics/one.md", TOPIC.replace("title: Topic one", "title: [Topic, one]") + "Text.\n",
              "line 2", "the title must be one line of text"),
    tree_case("two-answers-with-one-label", 26, lambda d: d["nodes"]["second"]["answers"][1].update(label="yes,  MOST days"),
              "node 'second'", "cannot tell them apart"),
    tree_case("every-answer-leads-to-one-place", 26, lambda d: d["nodes"]["first"]["answers"][1].update(next="second"),
              "node 'first'", "changes nothing"),
    Case("two-trees-with-one-title", 26, lambda site: write_tree(site, {**GOOD_TREE, "id": "other"}, name="other.yml"),
         ("other.yml", "line 2", "small.yml", "rename one")),
]


def project(tmp_path: Path, offline_copies: bool = False) -> Path:
    site = tree_site(tmp_path, GOOD_TREE, offline_copies)
    write(site, SOURCE_MAP, SOURCE_MAP_TEXT)
    return site


@pytest.mark.parametrize("case", BAD_INPUT, ids=lambda case: f"{case.item}-{case.id}")
def test_bad_input_fails_the_build_with_a_short_message(case, tmp_path, monkeypatch):
    site = project(tmp_path)
    case.edit(site)
    for name, value in case.env:
        monkeypatch.setenv(name, value)
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("an earlier good build", encoding="utf-8")
    started = time.monotonic()
    build = mkdocs_build(site, out)
    assert not build.ok, build.log
    assert time.monotonic() - started < 30, "bad input must fail fast"
    assert "Traceback" not in build.log, build.log
    missing = [part for part in case.expect if part not in build.log]
    assert not missing, f"message lacks {missing}:\n{build.log}"
    assert max(len(line) for line in build.log.splitlines()) <= 400, build.log
    assert not out.exists(), "a failed build must not leave an earlier site in place"


def test_graph_checks_do_not_recurse(tmp_path, monkeypatch):
    """Issue 11, item 3: with the size limits lifted, a 1,200-question chain is refused by the depth
    limit, not by Python's recursion limit."""
    for name in ("MAX_FILE_BYTES", "MAX_YAML_VALUES", "MAX_TREE_NODES"):
        monkeypatch.setattr(limits, name, 10**9)
    folder = tmp_path / "trees"
    folder.mkdir()
    shutil.copy(ROOT / TREES / "tree.schema.json", folder)
    (folder / "small.yml").write_text(yaml.safe_dump(chain(1200), sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=f"at most {limits.MAX_TREE_DEPTH} questions"):
        load_tree(folder / "small.yml")


def test_the_readme_states_the_limits():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = [f"{limits.MAX_FILE_BYTES // 1000} KB", f"{limits.MAX_TEXT_CHARS:,} characters", f"{limits.MAX_YAML_VALUES:,}",
              f"{limits.MAX_YAML_DEPTH} levels", f"{limits.MAX_TREE_NODES}", f"{limits.MAX_TREE_DEPTH}", f"{limits.MAX_TREE_PAGES}",
              f"{limits.MAX_ECHO_CHARS} characters", f"{limits.MAX_GLOSSARY_TERM_USES}",
              f"{limits.MAX_PAGE_BYTES // 1000} KB"]
    assert [value for value in stated if f"| {value} |" not in readme] == []


def test_the_suite_covers_every_item_of_issue_11():
    assert {case.item for case in BAD_INPUT} >= {1, 3, 5, 6, 7, 8, 9, 10, 26}


# --- Hostile text that is valid: shown as plain text, never run, never markup -----------------------

HOSTILE = 'x"><script>alert(1)</script> & <b>bold</b> \'q\''
TEXT_FIELDS = {
    "title": lambda d, v: d.update(title=v),
    "intro": lambda d, v: d.update(intro=v),
    "question": lambda d, v: d["nodes"]["first"].update(question=v),
    "help": lambda d, v: d["nodes"]["first"].update(help=v),
    "label": lambda d, v: d["nodes"]["first"]["answers"][0].update(label=v),
    "outcome": lambda d, v: d["nodes"]["ease-off"].update(outcome=v),
    "summary": lambda d, v: d["nodes"]["ease-off"].update(summary=v),
    "actions": lambda d, v: d["nodes"]["ease-off"]["actions"].append(v),
}


def template_text(field: str) -> str:
    return f"{field} {{{{ 7*7 }}}} {{% raw %}} {{# note [^note]"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    tree = yaml.safe_load(yaml.safe_dump(GOOD_TREE))
    for field, set_field in TEXT_FIELDS.items():
        set_field(tree, template_text(field))
    tree["intro"] = f"intro {HOSTILE}"
    site = project(tmp_path)
    write_tree(site, tree)
    # The deepest tree allowed builds, its overview page too.
    write_tree(site, {**chain(limits.MAX_TREE_DEPTH), "id": "deep"}, name="deep.yml")
    write(site, "docs/topics/two.md", f"---\ntitle: Topic two\ndescription: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\n"
          "tags:\n  - patience\n---\n\n# Topic two\n\nText.\n")
    build = mkdocs_build(site, tmp_path / "out")
    assert build.ok, build.log
    return build.site


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\\", "")


def pages(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


def test_template_syntax_in_every_tree_text_field_is_shown_not_run(hostile_site):
    """Issue 11, item 1: no tree text field is ever evaluated as a template."""
    site = pages(hostile_site)
    shown = "\n".join(visible_text(page) for page in site.values())
    for field in TEXT_FIELDS:
        if field != "intro":
            assert template_text(field) in shown, field
    assert not [path for path, page in site.items() if re.search(r"\b(title|question|help|label|outcome|summary|actions) 49\b", page)]
    nav = site["index.html"].split("<body", 1)[1].split("md-nav--primary", 1)[1]
    assert "title {{ 7*7 }}" in html.unescape(nav)


def meta_description(page: str) -> str:
    found = re.findall(r'<meta name="description" content="([^"<>]*)">', page)
    assert len(found) == 1, re.findall(r"<meta name=\"description\".{0,80}", page)
    return html.unescape(found[0])


def test_the_deepest_tree_allowed_builds(hostile_site):
    overview = visible_text((hostile_site / "decide/deep/overview/index.html").read_text(encoding="utf-8"))
    assert f"Question number {limits.MAX_TREE_DEPTH - 1}?" in overview


def test_descriptions_are_escaped_on_every_page(hostile_site):
    """Issue 11, item 2: quotes, < and & in a description stay inside the attribute."""
    for path in ("decide/small/index.html", "decide/small/overview/index.html", "topics/two/index.html"):
        page = (hostile_site / path).read_text(encoding="utf-8")
        assert HOSTILE in meta_description(page), path
        assert "<script>alert(1)" not in page, path


def test_the_real_patience_page_description_keeps_its_quotes(built_site):
    page = (built_site / "topics" / "patience" / "index.html").read_text(encoding="utf-8")
    assert '"I\'m trying to miss you"' in meta_description(page)


# --- The live preview survives errors ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_preview_reports_an_error_keeps_serving_and_recovers(tmp_path):
    """Issue 11, item 4: `mkdocs serve` survives a broken data file, a broken macro page and a page
    that breaks the build-output policy. Issue 32: the preview makes no offline copies, and its
    footer offers none."""
    site = project(tmp_path, offline_copies=True)
    write(site, "docs/sources.md", "---\nrender_macros: true\ntitle: Sources\n---\n\n# Sources\n\n"
          "## A { #cane-trying }\n\n## B { #cane-no-contact }\n\n{{ pages_drawing_on('cane-trying') | length }} pages.\n")
    log = tmp_path / "serve.log"
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=site, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Serving on" in log.read_text(), "the first build")
        page = fetch(url + "topics/one/")
        assert "Topic one" in page and 'class="footer-help"' in page and "offline-download" not in page
        # MkDocs' reload script is inline, and changes on each request: the preview's policy allows it.
        assert "livereload(" in page and "script-src 'self' 'unsafe-inline';" in page
        breaks = [
            (SOURCE_MAP, SOURCE_MAP_TEXT.replace("sources:", "sourcs:"), "source-map.yml"),
            (Path("docs/sources.md"), (site / "docs/sources.md").read_text().replace("| length }}", "| length }"), "sources.md"),
            # The build-output policy runs in the preview too.
            (Path("docs/topics/one.md"), (site / "docs/topics/one.md").read_text() + "\n![A face](https://images.example/a.png)\n",
             "loads from another host"),
        ]
        for path, broken, name in breaks:
            good = (site / path).read_text(encoding="utf-8")
            write(site, path, broken)
            wait_for(lambda: name in fetch(url + "topics/one/"), f"the error page naming {name}")
            assert name in log.read_text() and "Traceback" not in log.read_text()
            write(site, path, good)
            wait_for(lambda: "Topic one" in fetch(url + "topics/one/") and name not in fetch(url + "topics/one/"),
                     f"recovery from {name}")
        assert server.poll() is None, log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)


# --- Classes of bad input (issue 26): each class is a generator of variants, applied to every data
# file in docs/_data/ and every field in it, so a new file or field is covered with no new case. ---

DATA_FILES = sorted((ROOT / "docs" / "_data").rglob("*.yml"))
HIDDEN = ["\u202e", "\u200b", "\u2066", "\u200d", "\u00ad", "\u2028"]  # RLO, ZWSP, LRI, ZWJ, soft hyphen, line separator
LOOKALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u03bf", "i": "\u0456", "c": "\u0441", "p": "\u0440", "s": "\u0455"}
ENCODINGS = {
    "byte-order mark": lambda text: "\ufeff" + text,
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "byte-order mark and CRLF": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
    "CR": lambda text: text.replace("\n", "\r"),
    "decomposed letters (NFD)": lambda text: unicodedata.normalize("NFD", text),
}


def fields(text: str) -> list[tuple[yaml.ScalarNode, bool]]:
    """The first scalar of each field of a YAML text: each value of a given field name (under a
    given parent), and each key of a given mapping (under a given name): so each field once, however
    many nodes or countries the file holds; and whether it is a mapping's key."""
    found: dict[tuple, tuple[yaml.ScalarNode, bool]] = {}

    def walk(node, parent: str, name: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found.setdefault((name, "key"), (key, True))
                walk(value, name, key.value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, parent, name)
        elif node.style not in ("|", ">") and node.value:
            found.setdefault((parent, name), (node, False))

    walk(yaml.compose(text), "", "")
    return list(found.values())


def inserted(text: str, node: yaml.ScalarNode, char: str) -> str:
    """The text with `char` put inside the scalar, after its first character (or opening quote)."""
    at = node.start_mark.index + 1
    return text[:at] + char + text[at:]


def load_data(path: Path):
    return parse_yaml(path, read_text(path))


def refusal(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        load_data(path)
    return str(refused.value)


@pytest.mark.parametrize("data_file", DATA_FILES, ids=lambda path: path.name)
def test_a_hidden_character_in_any_field_of_any_data_file_is_named_with_its_line(data_file, tmp_path):
    text, path = data_file.read_text(encoding="utf-8"), tmp_path / data_file.name
    places = fields(text)
    assert len(places) >= 5, "the generator found too few fields"
    for number, (node, _) in enumerate(places):
        char = HIDDEN[number % len(HIDDEN)]
        message = refusal(path, inserted(text, node, char))
        assert f"line {node.start_mark.line + 1}:" in message and character_name(char) in message, message
        assert char not in message and "\n" not in message, message


@pytest.mark.parametrize("data_file", DATA_FILES, ids=lambda path: path.name)
def test_a_look_alike_letter_in_any_key_of_any_data_file_is_named(data_file, tmp_path):
    text, path = data_file.read_text(encoding="utf-8"), tmp_path / data_file.name
    variants = 0
    for node, is_key in fields(text):
        latin = next((letter for letter in node.value if letter in LOOKALIKES), None)
        if not is_key or latin is None:
            continue
        variants += 1
        at = node.start_mark.index + node.value.index(latin)
        message = refusal(path, text[:at] + LOOKALIKES[latin] + text[at + 1:])
        assert f"line {node.start_mark.line + 1}:" in message and character_name(LOOKALIKES[latin]) in message, message
        assert "plain Latin letter" in message
    assert variants >= 3


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_data_file_and_page_reads_the_same_whatever_its_encoding(encoding, tmp_path):
    change = ENCODINGS[encoding]
    for original in [*DATA_FILES, *sorted((ROOT / "docs").glob("**/*.md"))]:
        path = tmp_path / original.name
        path.write_bytes(change(original.read_text(encoding="utf-8")).encode("utf-8"))
        assert read_text(path, data_file=False) == read_text(original, data_file=False), original
        if original.suffix == ".yml":
            assert load_data(path) == load_data(original), original
        else:
            assert read_front_matter(path, read_text(path, data_file=False)) == front_matter(original), original


@pytest.mark.parametrize("hidden", HIDDEN[:3])
def test_a_hidden_character_in_a_page_is_named_with_its_line(hidden, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"---\ntitle: A page\n---\n\n# A page\n\nSome{hidden} text.\n", encoding="utf-8")
    with pytest.raises(DataError, match=f"line 7: .*{re.escape(character_name(hidden))}"):
        read_text(page, data_file=False)


def test_a_page_past_its_size_limit_is_refused(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: A page\n---\n\n# A page\n\n" + "word " * (limits.MAX_PAGE_BYTES // 5), encoding="utf-8")
    with pytest.raises(DataError, match=f"page.md: the file is 200 KB; a page may be at most {limits.MAX_PAGE_BYTES // 1000} KB"):
        read_text(page, data_file=False)


MARKUP_TITLES = ['x</title><script>alert(1)</script>', '<img src=x onerror="alert(1)">', 'A &amp; <b>bold</b> "quoted"',
                 '<a href="javascript:alert(1)">tap</a>']


@pytest.fixture(scope="module")
def markup_titles_site(tmp_path_factory):
    """Pages whose front-matter titles are markup, one after another in the menu."""
    tmp_path = tmp_path_factory.mktemp("titles")
    site = make_fixture_site(tmp_path / "project", {"index.md": "# Home\n\nText.\n", "tags.md": "# Tags\n\n<!-- material/tags -->\n", **{
        f"topics/t{number}.md": f"---\ntitle: '{title.replace(chr(39), chr(39) * 2)}'\ndescription: A page.\n"
                                "tags:\n  - patience\n---\n\n# A page\n\nText.\n" for number, title in enumerate(MARKUP_TITLES)}})
    build = mkdocs_build(site, tmp_path / "out")
    assert build.ok, build.log  # the build-output policy passed every page: no markup got through
    return build.site


@pytest.mark.parametrize("number", range(len(MARKUP_TITLES)))
def test_a_front_matter_title_is_text_in_the_tab_header_menu_and_footer(markup_titles_site, number):
    title = str(escape(MARKUP_TITLES[number]))  # as the page must hold it: text
    page = (markup_titles_site / f"topics/t{number}/index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>([^<]*)</title>", page).group(1) == title + " - After He Leaves"
    assert page.count(title) >= 3  # the tab, the header and the menu
    neighbour = (markup_titles_site / f"topics/t{(number + 1) % len(MARKUP_TITLES)}/index.html").read_text(encoding="utf-8")
    assert title in neighbour  # its menu entry, or its previous/next link
    assert title in (markup_titles_site / "tags/index.html").read_text(encoding="utf-8")
    assert output_policy.read(page).problems == []


def policy_variants() -> dict[str, str]:
    """Markdown that would break a promise of the built pages, by class."""
    host = "https://other.example"
    return {
        "image": f"![A face]({host}/a.png)", "srcset": f'<img alt="a" src="a.png" srcset="{host}/a.png 2x">',
        "stylesheet": f'<link rel="stylesheet" href="{host}/a.css">', "protocol-relative": '<img alt="a" src="//other.example/a.png">',
        "iframe": f'<iframe title="a" src="{host}/"></iframe>', "video": f'<video src="{host}/a.mp4"></video>',
        "audio": f'<audio><source src="{host}/a.mp3"></audio>', "style attribute": '<p style="color: red">a</p>',
        "css import": f'<style>@import "{host}/a.css";</style>', "svg": f'<svg><image href="{host}/a.png"/></svg>',
        "javascript link": "[tap](javascript:alert(1))", "javascript with a tab": '<a href=" java&#9;script:alert(1)">tap</a>',
        "data address": "[tap](data:text/html,hi)", "script file": f'<script src="{host}/a.js"></script>',
        "inline script": "<script>alert(1)</script>", "local script": '<script src="../a.js"></script>',
        "event handler": '<p onclick="alert(1)">a</p>', "svg handler": '<svg onload="alert(1)"></svg>',
        "base": '<base href="https://other.example/">', "theme id": '<span id="__drawer"></span>',
        "refresh": f'<meta http-equiv="refresh" content="0; url={host}/">', "ping": f'<a href="#top" ping="{host}/p">a</a>',
        "form": f'<form action="{host}/f"><input name="q"></form>', "backslashes": '<img alt="a" src="\\\\other.example\\a.png">',
        "preload": f'<link rel="preload" as="image" imagesrcset="{host}/a.png 2x">', "background": f'<table background="{host}/a.png"></table>',
        "svg script": f'<svg><script href="{host}/a.js"></script></svg>', "svg animation": '<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
        "look-alike id": '<span id="t\u0430lk"></span>', "style element": "<style>p { color: red }</style>", "css url in a style element": f"<style>p {{ background: url({host}/a.png) }}</style>",
        "second h1": "<h1>Again</h1>",
    }


@pytest.mark.parametrize("name", policy_variants())
def test_the_build_output_policy_refuses_each_variant_naming_the_element(built_site, name):
    """Each variant, put into a real built page as its Markdown would be, is refused by name."""
    page = (built_site / "topics/patience/index.html").read_text(encoding="utf-8")
    assert output_policy.read(page).problems == []
    content = markdown.markdown(policy_variants()[name], extensions=["attr_list", "md_in_html"])
    broken = page.replace('<div class="md-content"', content + '<div class="md-content"', 1)
    problems = output_policy.read(broken, content).problems
    assert problems, name
    assert problems[0].startswith(("<", "id=", "the page has 2 <h1>")), problems


def test_helpline_dates_in_the_future_or_over_a_year_old_fail(tmp_path):
    text = (ROOT / "docs/_data/helplines.yml").read_text(encoding="utf-8")
    first = re.search(r"checked: (\S+)", text)
    path = tmp_path / "helplines.yml"
    today = date.today()
    for checked, words in [(today + timedelta(days=1), "in the future"), (today.replace(year=today.year + 1), "in the future"),
                           (today - timedelta(days=366), "re-check this number"), (date(2019, 1, 5), "re-check this number")]:
        path.write_text(text[:first.start(1)] + str(checked) + text[first.end(1):], encoding="utf-8")
        with pytest.raises(DataError, match=f"line {text.count(chr(10), 0, first.start()) + 1}, .*{words}"):
            load_model(Helplines, path, {})
    path.write_text(text[:first.start(1)] + str(today - timedelta(days=364)) + text[first.end(1):], encoding="utf-8")
    load_model(Helplines, path, {})


@pytest.mark.parametrize("name", ["United States", "united states", "United  States"])
def test_a_country_listed_twice_fails(name, tmp_path):
    text = (ROOT / "docs/_data/helplines.yml").read_text(encoding="utf-8")
    first = text.index("  - id: ", text.index("  - id: ") + 1)  # the second country, renamed
    second_name = re.search(r"name: (.*)", text[first:])
    path = tmp_path / "helplines.yml"
    path.write_text(text[:first + second_name.start(1)] + name + text[first + second_name.end(1):], encoding="utf-8")
    with pytest.raises(DataError, match="listed twice"):
        load_model(Helplines, path, {})


@pytest.mark.parametrize("term", ["you", "He", "the"])
def test_a_glossary_term_too_common_to_mark_fails(term, tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("trees"))
    path = tmp_path / "docs/_data/glossary.yml"
    text = path.read_text(encoding="utf-8")
    term_line = re.search(r"- term: (.*)", text)
    path.write_text(text[:term_line.start(1)] + term + text[term_line.end(1):], encoding="utf-8")
    with pytest.raises(DataError, match=f"line {text.count(chr(10), 0, term_line.start()) + 1}, .*too common"):
        load_glossary_file(path)


def test_the_content_security_policy_blocks_a_planted_outside_image_in_chromium(reader_tab, site_url):
    """Were a page to carry an image from another host after all, the page's own policy stops the
    browser asking for it: Chromium fails the request itself, as blocked by the policy."""
    page = reader_tab({"width": 390, "height": 844})
    page.goto(site_url + "topics/patience/")
    failures: dict[str, str] = {}
    page.on("requestfailed", lambda request: failures.update({request.url: request.failure}))
    blocked = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener("securitypolicyviolation", event =>
            resolve([event.blockedURI, event.effectiveDirective]), {once: true});
        const image = document.createElement("img");
        image.src = "https://other.example/planted.png";
        document.body.append(image);
        setTimeout(() => resolve(null), 3000);
    })""")
    assert blocked == ["https://other.example/planted.png", "img-src"]
    page.wait_for_timeout(100)
    assert failures == {"https://other.example/planted.png": "csp"}  # Playwright: blocked by the policy
    # The guards (helpers.py) saw this failed request, and Chromium's report of the refusal, too: they
    # were this test's own, and nothing left.
    offsite_requests.remove("https://other.example/planted.png")
    take_own_page_errors("Content Security Policy")


@pytest.mark.parametrize("emptied", ["", "# only a comment\n", "\ufeff\r\n\r\n"])
def test_an_emptied_data_file_is_named_as_empty(emptied, tmp_path):
    path = tmp_path / "helplines.yml"
    path.write_text(emptied, encoding="utf-8")
    with pytest.raises(DataError, match="helplines.yml: the file is empty"):
        load_model(Helplines, path, {})


def content_security_policies(page: str) -> list[str]:
    return re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)


@pytest.mark.parametrize("which", ["public", "offline"])
def test_every_page_starts_with_its_content_security_policy(which, built_site, offline_build):
    """Every page, online and in the zip, carries one policy, before any script or stylesheet, that
    allows only the site's own files, and each inline script by its hash. The zip's search runs in a
    frame from file:// (overrides/assets/iframe-worker.js), which writes no inline script: the
    zip's policy is the site's."""
    site = built_site if which == "public" else offline_build
    pages = page_files(site)
    assert len(pages) > 100
    for path in pages:
        page = path.read_text(encoding="utf-8")
        (policy,) = content_security_policies(page)
        assert page.index("Content-Security-Policy") < min(page.index(tag) for tag in ("<script", "<link")), path
        directives = dict((part.split()[0], part.split()[1:]) for part in policy.split("; "))
        assert directives["default-src"] == ["'none'"] and directives["base-uri"] == ["'none'"], path
        inline = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)  # the theme's, written plain
        assert directives["script-src"] == ["'self'", *dict.fromkeys(map(output_policy.sha256, inline))], path
