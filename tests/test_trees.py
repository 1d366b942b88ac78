"""Decision trees: every kind of bad input fails naming the file and the node; a good tree renders."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from helpers import (FIXTURE_NAV, GOOD_TREE, ROOT, SHARED, TREE_SCHEMA as SCHEMA, changed, diamonds, mkdocs_build,
                     tree_file, tree_site)
from scripts.plugin import PLUGIN_NAME
from scripts.plugin.trees import NESTED_SECTION, TREES_LISTED_FLAT
from scripts.content import limits
from scripts.tree_engine import check_references, load_tree, load_trees, node_pages, page_count
from scripts.content.pages import front_matter
from scripts.tree_engine.model import json_schema
from scripts.content.yaml_data import DataError

def failure(tmp_path: Path, data: dict | str) -> str:
    path = tree_file(tmp_path, data)
    with pytest.raises(DataError) as raised:
        tree = load_tree(path)
        check_references(tree, {"topics/one.md", "topics/two.md"}, {"patience"}, {"cane-trying", "cane-no-contact"})
    message = str(raised.value)
    assert str(path) in message
    return message


def test_committed_schema_is_the_one_the_models_write():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: .venv/bin/python -m scripts.tree_engine schema"


def test_the_schema_refuses_what_the_build_refuses():
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert not list(validator.iter_errors(GOOD_TREE))
    for bad in (changed(lambda d: d["nodes"].update({"Bad Id": d["nodes"].pop("talk")})),
                changed(lambda d: d["nodes"]["wait"].update(summary=" leading space")),
                changed(lambda d: d["nodes"]["second"].update(qestion=d["nodes"]["second"].pop("question"))),
                changed(lambda d: d.update(start="overview"))):
        assert list(validator.iter_errors(bad))


def test_good_tree_loads_with_trails(tmp_path):
    tree = load_tree(tree_file(tmp_path, GOOD_TREE))
    pages = {page.name: page for page in node_pages(tree)}
    assert [entry.answer.label for entry in pages["ease-off"].trail] == ["Yes", "Yes, most days"]
    assert [entry.page for entry in pages["ease-off"].trail] == ["first", "second"]
    assert pages["first"].trail == () and pages["first"].back == "index"
    assert (pages["first"].question_number, pages["first"].most_questions) == (1, 2)
    assert (pages["second"].question_number, pages["second"].most_questions) == (2, 2)
    assert {outcome.id for outcome in tree.outcomes()} == {"ease-off", "wait", "talk"}
    assert tree.nodes["second"].text == "Do you call him every day?"


def test_a_shared_node_gets_a_page_per_path_with_its_own_trail(tmp_path):
    tree = load_tree(tree_file(tmp_path, SHARED))
    pages = {page.name: page for page in node_pages(tree)}
    assert sorted(pages) == ["ease-off", "ease-off--2", "first", "second", "second--2", "talk", "wait", "wait--2", "zero"]
    assert page_count(tree) == len(pages) + 2
    first, other = pages["ease-off"], pages["ease-off--2"]
    assert [e.answer.label for e in first.trail] == ["Yes", "Yes", "Yes, most days"]
    assert [e.answer.label for e in other.trail] == ["I'm not sure", "Yes, most days"]
    assert (first.back, other.back) == ("second", "second--2")
    assert (first.canonical, other.canonical) == ("ease-off", "ease-off")
    assert pages["second--2"].answer_pages == ("ease-off--2", "wait--2")
    # "Question 2 of up to 2" on the short path, "Question 3 of up to 3" on the long one.
    assert (pages["second--2"].question_number, pages["second--2"].most_questions) == (2, 2)
    assert (pages["second"].question_number, pages["second"].most_questions) == (3, 3)


def test_a_loop_through_a_shared_node_names_the_file_and_the_nodes(tmp_path):
    message = failure(tmp_path, changed(lambda d: SHARED["nodes"] and d.update(
        start="zero", nodes={**SHARED["nodes"], "second": {**SHARED["nodes"]["second"], "answers": [
            {"label": "Yes", "next": "ease-off"}, {"label": "No", "next": "zero"}]}})))
    assert "loop" in message and "zero -> first -> second -> zero" in message


def test_a_tree_past_the_page_limit_fails_naming_the_tree(tmp_path):
    message = failure(tmp_path, diamonds(8))
    assert "tree 'small' makes 513 pages" in message and f"at most {limits.MAX_TREE_PAGES}" in message
    assert page_count(load_tree(tree_file(tmp_path, diamonds(6)))) <= limits.MAX_TREE_PAGES


def test_unknown_next_target(tmp_path):
    message = failure(tmp_path, changed(lambda d: d["nodes"]["first"]["answers"][1].update(next="nowhere")))
    assert "node 'first'" in message and "nowhere" in message


def test_duplicate_node_id(tmp_path):
    text = yaml.safe_dump(GOOD_TREE, sort_keys=False)
    text = text.replace("  wait:\n", "  talk:\n", 1)
    message = failure(tmp_path, text)
    assert "the key 'talk' is given twice" in message and re.search(r"line \d+", message)


def test_missing_required_field(tmp_path):
    message = failure(tmp_path, changed(lambda d: d["nodes"]["wait"].pop("summary")))
    assert "node 'wait'" in message and "the field 'summary' is missing" in message


def test_unknown_key(tmp_path):
    message = failure(tmp_path, changed(lambda d: d["nodes"]["second"].update(hlep="typo")))
    assert "node 'second'" in message and "'hlep' is not a field here (a typo?); the fields allowed are: question, help, answers" in message


def test_question_with_one_answer(tmp_path):
    message = failure(tmp_path, changed(lambda d: d["nodes"]["second"]["answers"].pop()))
    assert "node 'second', answers" in message and "needs at least 2 items" in message


def test_node_no_path_reaches(tmp_path):
    def add_orphan(d):
        d["nodes"]["orphan"] = copy.deepcopy(d["nodes"]["talk"])
    message = failure(tmp_path, changed(add_orphan))
    assert "node 'orphan' cannot be reached" in message


def test_cycle(tmp_path):
    message = failure(tmp_path, changed(lambda d: d["nodes"]["second"]["answers"][1].update(next="first")))
    assert "loop" in message and "first -> second -> first" in message


def test_outcome_linking_to_a_missing_page(tmp_path):
    message = failure(tmp_path, changed(lambda d: d["nodes"]["wait"]["topics"].append("topics/gone.md")))
    assert "node 'wait'" in message and "topics/gone.md" in message


def test_outcome_citing_an_unknown_source(tmp_path):
    message = failure(tmp_path, changed(lambda d: d["nodes"]["talk"].update(sources=["made-up"])))
    assert "node 'talk'" in message and "made-up" in message


def test_tag_outside_the_vocabulary(tmp_path):
    message = failure(tmp_path, changed(lambda d: d.update(tags=["revenge plots"])))
    assert "revenge plots" in message


def test_malformed_yaml_names_the_line(tmp_path):
    text = yaml.safe_dump(GOOD_TREE, sort_keys=False).replace("  second:\n", "  second\n    oops: [\n", 1)
    message = failure(tmp_path, text)
    assert re.search(r"line \d+: this is not valid YAML", message)


def test_id_must_match_the_file_name(tmp_path):
    message = failure(tmp_path, changed(lambda d: d.update(id="other")))
    assert "id 'other' must match the file name 'small'" in message


# --- Built through MkDocs ---------------------------------------------------------------

@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("tree-site")
    tree = changed(lambda d: d["nodes"]["first"].update(help="<script>alert(1)</script> and [x](javascript:alert(1)) *bold*"))
    build = mkdocs_build(tree_site(tmp_path, tree), tmp_path / "out")
    assert build.ok, build.log
    return build.site


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """What a reader sees: the HTML without its tags (glossary tooltips wrap some words)."""
    return re.sub(r"<[^>]+>", "", html)


def test_start_page_asks_about_safety_first(small_site):
    html = read(small_site, "decide/small")
    assert "Do you ever feel afraid of your partner?" in html
    assert 'href="../../safety/"' in html and 'href="first/"' in html
    primary_nav = html.split('md-nav--primary', 1)[1].split("</nav>", 1)[0]
    assert "A small tree" in text(primary_nav)


def test_question_page_has_answers_back_and_start_again(small_site):
    html = read(small_site, "decide/small/second")
    assert "<h1" in html and "Do you call him every day?" in html
    assert 'href="../ease-off/"' in html and 'href="../wait/"' in html
    # Back first, at the top; then the counter, the question, the answers, and the answers so far.
    page = text(html.split("<article", 1)[1])
    order = [page.index(part) for part in ("Back", "Question 2 of up to 2", "Do you call him every day?",
                                           "Yes, most days", "Your answers so far", "Start again")]
    assert order == sorted(order)
    assert re.search(r'href="\.\./first/"[^>]*>Back<', html)
    assert re.search(r'href="\.\./"[^>]*>Start again<', html)
    assert "Has he asked for space?Yes Change your answer to: Has he asked for space?" in text(html)
    assert re.search(r'<strong>Yes</strong> <a [^>]*href="\.\./first/"[^>]*>Change<span class="tree-visually-hidden"> your answer to:', html)
    assert "md-footer__link" not in html, "no Next/Previous footer on tree pages"


def test_first_question_does_not_offer_back_and_start_again_to_the_same_page(small_site):
    html = read(small_site, "decide/small/first")
    assert re.search(r'href="\.\./"[^>]*>Back<', html)
    assert ">Start again<" not in html and "Your answers so far" not in html
    assert "Question 1 of up to 2" in text(html)


def test_outcome_page_links_topics_sources_and_one_line_to_safety(small_site):
    html = read(small_site, "decide/small/ease-off")
    assert 'href="../../../topics/one/"' in html and ">Topic one<" in html
    assert 'href="../../../sources/#cane-trying"' in html
    # Topic one is tagged "backing off"; she answered "No, I feel safe with him" to get here, so one
    # line, not the safety note.
    assert 'class="safety-link"' in html and "safety-note" not in html
    assert "safety-link" not in read(small_site, "decide/small/talk")  # topic two is not


def test_no_tree_outcome_carries_the_safety_note_and_protect_yourself_not_even_a_line(built_site):
    outcomes = [page for page in (built_site / "decide").glob("*/*/index.html")
                if '<div class="tree-outcome">' in page.read_text(encoding="utf-8")]
    assert len(outcomes) > 20
    for page in outcomes:
        assert "safety-note" not in page.read_text(encoding="utf-8"), page
    protect = (built_site / "decide" / "back-off-or-no-contact" / "protect-yourself" / "index.html").read_text(encoding="utf-8")
    assert "Only if you feel safe" not in protect and "safety-link" not in protect


def test_outcome_page_shows_words_to_say_and_what_next_only_when_given(small_site):
    page = text(read(small_site, "decide/small/ease-off"))
    assert "What you could say" in page and "our own wording" in page
    assert "I hear you. I'll give you more room." in page.replace("&#39;", "'")
    assert "If nothing has changed after a few weeks" in page
    assert "Our own view: take stock, and put your own week first." in page
    assert "<em>No</em>" not in read(small_site, "decide/small/ease-off")
    plain = text(read(small_site, "decide/small/wait"))
    assert "What you could say" not in plain and "If nothing has changed" not in plain


def test_yaml_text_never_becomes_markup(small_site):
    html = read(small_site, "decide/small/first")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:alert' not in html
    assert "<em>bold</em>" not in html


def test_overview_shows_the_whole_tree(small_site):
    html = read(small_site, "decide/small/overview")
    for line in ("Has he asked for space?", "Do you call him every day?", "Call a little less", "Give it time", "Talk first"):
        assert line in text(html)
    assert html.count("<details") == 5  # each question and outcome once, in a section that folds
    assert "Yes → Yes, most days" in text(html)  # the answers that reach an outcome


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("shared-site")
    build = mkdocs_build(tree_site(tmp_path, SHARED), tmp_path / "out")
    assert build.ok, build.log
    return build.site


def test_each_path_to_a_shared_node_has_its_own_page_and_one_canonical_address(shared_site):
    first, other = read(shared_site, "decide/small/ease-off"), read(shared_site, "decide/small/ease-off--2")
    assert re.search(r'href="\.\./second/"[^>]*>Back<', first) and re.search(r'href="\.\./second--2/"[^>]*>Back<', other)
    assert "Is it early days?" in text(first) and "I'm not sure" in text(other).replace("&#39;", "'")
    assert "Has he asked for space?" in text(first) and "Has he asked for space?" not in text(other)
    canonical = r'<link rel="canonical" href="[^"]*/decide/small/ease-off/">'
    assert re.search(canonical, first) and re.search(canonical, other)
    assert "Question 2 of up to 2" in text(read(shared_site, "decide/small/second--2"))
    assert "Question 3 of up to 3" in text(read(shared_site, "decide/small/second"))
    overview = text(read(shared_site, "decide/small/overview"))
    assert overview.count("Call a little less") == 2  # once as an answer's target, once as a section
    assert "2 sets of answers lead here" in overview


def test_step_pages_stay_out_of_nav_and_search(small_site):
    index = read(small_site, "")
    assert "decide/small/second" not in index
    search = (small_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "decide/small/second" not in search and "decide/small/" in search


def primary_nav(html: str) -> str:
    return text(html.split("<body", 1)[1].split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0])


def test_many_trees_are_listed_one_level_down_on_the_decide_pages_only(tmp_path):
    count = TREES_LISTED_FLAT + 1
    site = tree_site(tmp_path, GOOD_TREE)
    for n in range(1, count):
        tree_file(site / "docs" / "_data" / "trees",
                  changed(lambda d: d.update(id=f"small-{n}", title=f"Small tree number {n}")), name=f"small-{n}")
    build = mkdocs_build(site, tmp_path / "out")
    assert build.ok, build.log
    titles = ["A small tree"] + [f"Small tree number {n}" for n in range(1, count)]
    topic_menu = primary_nav(read(build.site, "topics/one"))
    assert NESTED_SECTION in topic_menu
    assert not [title for title in titles if title in topic_menu]
    decide_html = read(build.site, "decide")
    assert re.search(r'<a href="\./" class="md-nav__link md-nav__link--active">\s*<span class="md-ellipsis">\s*'
                     + NESTED_SECTION, decide_html), "the Decide page should be the nested list's own page"
    for page in ("decide", "decide/small", "decide/small-3"):
        menu = primary_nav(read(build.site, page))
        assert [title for title in titles if title not in menu] == [], page


def test_bad_tree_fails_the_build_naming_file_and_node_and_leaves_no_site(tmp_path):
    bad = changed(lambda d: d["nodes"]["first"]["answers"][0].update(next="nowhere"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("an old build")
    build = mkdocs_build(tree_site(tmp_path, bad), out)
    assert not build.ok
    assert "small.yml" in build.log and "node 'first'" in build.log and "nowhere" in build.log
    assert not out.exists()


def test_bad_topic_link_fails_the_build(tmp_path):
    bad = changed(lambda d: d["nodes"]["talk"]["topics"].append("topics/gone.md"))
    build = mkdocs_build(tree_site(tmp_path, bad), tmp_path / "out")
    assert not build.ok
    assert "small.yml" in build.log and "node 'talk'" in build.log and "topics/gone.md" in build.log


def test_trees_are_listed_by_their_order_then_by_id(tmp_path):
    folder = tmp_path / "_data" / "trees"
    for name, order in (("b-second", 2), ("a-unordered", None), ("z-first", 1), ("c-unordered", None)):
        extra = {"order": order} if order else {}
        tree_file(folder, changed(lambda d: d.update(id=name, title=f"The tree {name}", **extra)), name=name)
    assert [tree.id for tree in load_trees(tmp_path)] == ["z-first", "b-second", "a-unordered", "c-unordered"]


def test_the_tree_engine_runs_without_mkdocs():
    script = "import sys, scripts.tree_engine.__main__; print([m for m in sys.modules if m.startswith('mkdocs')])"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_rendered_pages_build_with_the_plugins_decision_trees_off(tmp_path):
    """`python -m scripts.tree_engine render` writes ordinary Markdown: a site with the plugin's
    decision trees off builds it strictly, with working links, and each page names its tree and node."""
    site = tree_site(tmp_path, GOOD_TREE)
    subprocess.run([sys.executable, "-m", "scripts.tree_engine", "--config", str(site / "mkdocs.yml"), "render",
                    str(site / "docs")], cwd=ROOT, check=True, capture_output=True)
    meta = front_matter(site / "docs" / "decide" / "small" / "ease-off.md")
    assert (meta["tree"], meta["node"], meta["kind"]) == ("small", "ease-off", "outcome")
    project = site / "project.yml"
    config = project.read_text(encoding="utf-8")
    assert f"  - {PLUGIN_NAME}\n" in config
    project.write_text(config.replace(f"  - {PLUGIN_NAME}\n", f"  - {PLUGIN_NAME}:\n      decision_trees: false\n"), encoding="utf-8")
    (site / "mkdocs.yml").write_text(f"INHERIT: project.yml\n{FIXTURE_NAV}      - decide/small/index.md\n"
                                     "not_in_nav: |\n  /decide/\n", encoding="utf-8")
    build = mkdocs_build(site, tmp_path / "out")
    assert build.ok, build.log
    outcome = read(build.site, "decide/small/ease-off")
    assert 'href="../first/"' in outcome and 'href="../../../topics/one/"' in outcome
    assert "Give him room to notice you are gone." in outcome


def test_order_must_be_a_positive_whole_number(tmp_path):
    assert "order: must be a whole number, 1 or more, not 0" in failure(tmp_path, changed(lambda d: d.update(order=0)))


def test_home_page_lists_the_question_sets_in_reading_order(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    trees = load_trees(ROOT / "docs")
    assert all(tree.order for tree in trees), "every real tree says where it comes"
    places = [html.index(f'href="decide/{tree.id}/"') for tree in trees]
    assert places == sorted(places)
