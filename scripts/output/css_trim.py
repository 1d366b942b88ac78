"""Trimming a stylesheet to the rules a built site can use.

Material's main stylesheet styles every feature Material has (code blocks, content tabs,
annotations, versions, forty admonition icons...). It blocks the first paint of every page, and
the browser matches every rule against every element each time the page's style is worked out, so
its size costs a phone reader twice: in download before anything shows, and in main-thread time.

A selector goes if it needs a class or an attribute value that no page and no script of the built
site names. Scripts count because Material's bundle builds its search results and the like from
class names written out in full; but the bundle names the classes of features the site leaves off
too, so the caller can say which of those not to count. A selector whose class a script puts
together from parts (`md-tag--${name}`) is kept by its prefix. Classes inside :not(), :is() and
the like are not counted as needed: a selector can match without them. Custom properties that no
kept rule reads (mostly icons of unused admonition types) go too. Unknown syntax is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

NAME = r"-?[_a-zA-Z][\w-]*"
# Class names Material's bundle builds from parts, so that no page or script holds them whole.
BUILT_CLASS_PREFIXES = ("md-tag--", "md-source__fact--")
# At-rules whose block holds rules, trimmed like the top level; any other block is kept whole.
GROUPING_AT_RULES = ("@media", "@supports")
FUNCTIONAL_PSEUDO = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
CLASS = re.compile(r"\.(" + NAME + ")")
ATTRIBUTE_VALUE = re.compile(r"\[[\w-]+[~|^$*]?=[\"']?(" + NAME + r")[\"']?\]")
CUSTOM_PROPERTY = re.compile(r"(--[\w-]+)\s*:")
ATTRIBUTE_IN_PAGE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
DEFINITION = re.compile(r"(--[\w-]+)\s*:[^;}]*")
VAR_READ = re.compile(r"var\(\s*(--[\w-]+)")


@dataclass
class Block:
    """`prelude { body }`: a style rule, or an at-rule with a block (body is its inside)."""
    prelude: str
    body: str


def words(pages: Iterable[str], scripts: Iterable[str], unused_in_scripts: tuple[str, ...] = ()) -> set[str]:
    """The classes and attribute values the site can put on an element: every name-like word in
    the pages' attribute values and anywhere in the scripts. (Not the pages' text: words such as
    "note" and "tip" there would keep the styles of admonition types the site does not use.) A
    script's word starting with one of `unused_in_scripts` does not count: Material's bundle names
    the classes of every feature it has, turned on or not."""
    # Pages repeat most of their attribute values (navigation, classes): each is split into words once.
    values: set[str] = set()
    for page in pages:
        for quoted in ATTRIBUTE_IN_PAGE.findall(page):
            values.update(quoted)
    found = set(re.findall(NAME, " ".join(values)))
    for script in scripts:
        found.update(word for word in re.findall(NAME, script) if not word.startswith(unused_in_scripts))
    return found


def _split_blocks(css: str) -> list[Block | str]:
    """Top-level statements: blocks, and statements without one (`@charset "UTF-8";`)."""
    items: list[Block | str] = []
    start = depth = 0
    quote = ""
    prelude_end = 0
    i = 0
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "{":
            if depth == 0:
                prelude_end = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                items.append(Block(css[start:prelude_end].strip(), css[prelude_end + 1:i]))
                start = i + 1
        elif c == ";" and depth == 0:
            items.append(css[start:i + 1].strip())
            start = i + 1
        i += 1
    if css[start:].strip():
        items.append(css[start:].strip())
    return items


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(a, b))."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [part.strip() for part in parts]


def _without_functional_pseudos(selector: str) -> str:
    """The selector less the inside of :not(...), :is(...) and the like."""
    while match := FUNCTIONAL_PSEUDO.search(selector):
        depth, i = 1, match.end()
        while i < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[i], 0)
            i += 1
        selector = selector[:match.start()] + selector[i:]
    return selector


def _names_needed(selector: str) -> frozenset[str] | None:
    """The classes and attribute values an element needs to match `selector`; None for a
    selector that is kept whatever the site has (an escaped name: not worth reading)."""
    if "\\" in selector:
        return None
    plain = _without_functional_pseudos(selector)
    classes = {name for name in CLASS.findall(plain) if not name.startswith(BUILT_CLASS_PREFIXES)}
    return frozenset(classes | set(ATTRIBUTE_VALUE.findall(plain)))


def can_match(selector: str, used: set[str]) -> bool:
    """Whether an element of the site could match `selector`, as far as its names tell."""
    needed = _names_needed(selector)
    return needed is None or needed <= used


@dataclass
class Rule:
    """A style rule, read once: each selector with the names it needs (see _names_needed)."""
    selectors: list[tuple[str, frozenset[str] | None]]
    body: str


@dataclass
class Group:
    """@media or @supports, and the statements inside it."""
    prelude: str
    inside: list[Rule | Group | str]


def without_comments(css: str) -> str:
    """The stylesheet less its comments (an apostrophe in one is no string)."""
    out, i, quote = [], 0, ""
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                out.append(css[i:i + 2])
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def parse(css: str) -> list[Rule | Group | str]:
    """A stylesheet read once, so that it can be cut to a page's names many times over (see
    rules_for): style rules, @media and @supports groups, and other statements as written; no
    comments."""
    return _parse(without_comments(css))


def _parse(css: str) -> list[Rule | Group | str]:
    statements: list[Rule | Group | str] = []
    for item in _split_blocks(css):
        if isinstance(item, str):
            statements.append(item)
        elif item.prelude.startswith(GROUPING_AT_RULES):
            statements.append(Group(item.prelude, _parse(item.body)))
        elif item.prelude.startswith("@"):
            statements.append(f"{item.prelude}{{{item.body}}}")
        else:
            selectors = _split_selectors(item.prelude)
            statements.append(Rule([(s, _names_needed(s)) for s in selectors], item.body))
    return statements


def rules_for(statements: list[Rule | Group | str], used: set[str] | frozenset[str]) -> str:
    """A parsed stylesheet less the selectors that need a name not in `used`; a rule or group
    left empty goes; other statements are kept."""
    out = []
    for item in statements:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, Group):
            if inside := rules_for(item.inside, used):
                out.append(f"{item.prelude}{{{inside}}}")
        elif kept := [text for text, needed in item.selectors if needed is None or needed <= used]:
            out.append(f"{','.join(kept)}{{{item.body}}}")
    return "".join(out)


def _rewrite_rules(css: str, rewrite: Callable[[Block], str]) -> str:
    """The stylesheet with each style rule replaced by `rewrite(rule)` ("" drops it), inside
    @media and @supports too (a group left empty goes); other statements are kept as written."""
    out = []
    for item in _split_blocks(css):
        if isinstance(item, str):
            out.append(item)
        elif item.prelude.startswith(GROUPING_AT_RULES):
            inside = _rewrite_rules(item.body, rewrite)
            if inside:
                out.append(f"{item.prelude}{{{inside}}}")
        elif item.prelude.startswith("@"):
            out.append(f"{item.prelude}{{{item.body}}}")
        else:
            out.append(rewrite(item))
    return "".join(out)


def _split_declarations(body: str) -> list[str]:
    """A rule's declarations, split at the semicolons outside strings and brackets (an icon's
    `url("data:image/svg+xml;charset=utf-8,...")` has one inside)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, c in enumerate(body):
        if quote:
            if c == quote and body[i - 1] != "\\":
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == ";" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def _drop_unread_properties(css: str, read: set[str]) -> str:
    """The stylesheet less the custom property declarations that nothing reads."""

    def read_only(rule: Block) -> str:
        kept = [d for d in _split_declarations(rule.body)
                if not (m := CUSTOM_PROPERTY.match(d.strip())) or m.group(1) in read]
        return f"{rule.prelude}{{{';'.join(kept)}}}" if any(d.strip() for d in kept) else ""

    return _rewrite_rules(css, read_only)


def trim(stylesheets: list[str], used: set[str], other_texts: Iterable[str] = ()) -> list[str]:
    """Each stylesheet less the selectors that need a class or attribute value not in `used`, and
    less the custom properties that no kept rule of any of them, and none of `other_texts` (the
    site's own stylesheet, pages and scripts), reads. Trimmed together: Material's palette sets
    properties that its main stylesheet reads."""
    kept = [rules_for(parse(css), used) for css in stylesheets]
    read: set[str] = set()
    for text in [*kept, *other_texts]:
        read.update(VAR_READ.findall(text))
    # A custom property may be read by another's value: follow those until nothing changes.
    while True:
        values = "".join(m.group(0) for css in kept for m in DEFINITION.finditer(css) if m.group(1) in read)
        more = set(VAR_READ.findall(values)) - read
        if not more:
            break
        read |= more
    return [_drop_unread_properties(css, read) for css in kept]
