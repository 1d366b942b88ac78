"""Python-Markdown extension: glossary terms and reading time, worked out on the element tree.

* Glossary terms (docs/_data/glossary.yml, see scripts/content/glossary.py): the first use of each term on
  a page becomes a link to its entry on the glossary page, with the short meaning as its tooltip
  (`<a class="glossary-term">`, which a keyboard reaches and overrides/assets/glossary-tap.js opens
  in place on a phone); later uses become `<abbr>` tooltips. Text inside a heading, a link, a
  `<summary>` or code is left as it is: no link goes inside another control or a title.
* Reading time: the words of the page's text at about 200 a minute, rounded, never less than one.

It needs no site generator. Options (Python-Markdown's `extension_configs`):
  glossary   the glossary's YAML file (default docs/_data/glossary.yml, from the working folder);
  link_to    the glossary page's file, relative to the page being converted ("../glossary.md"),
             or "" for tooltips with no links (on the glossary page itself, or a site without one);
  record     a dict; the extension puts `reading_minutes` in it.
The site's plugin (scripts/plugin/plugin.py) sets link_to and record for each page; MkDocs turns the `.md` link into
the page's address, checking the anchor as it does for every link.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import STX, ETX, AtomicString

from scripts.content.glossary import Entry, load_glossary_file

WORDS_PER_MINUTE = 200
# No term is marked inside these: a link or a <summary> cannot hold another link, and a heading
# is a title, not a sentence to explain.
LEFT_ALONE = {"a", "abbr", "code", "pre", "script", "style", "summary", "h1", "h2", "h3", "h4", "h5", "h6"}
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
# Raw HTML and other stashed pieces wait in the text as placeholders until the end.
_PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")


class GlossaryTerms(Treeprocessor):
    def __init__(self, md: Markdown, glossary_file: Path, link_to: str):
        super().__init__(md)
        self.glossary_file = glossary_file
        self.link_to = link_to
        self.unescape = UnescapeTreeprocessor(md).unescape
        self.linked: set[str] = set()

    def run(self, root: etree.Element) -> None:
        # Read when a page is converted, not when the extension is loaded: MkDocs loads it while
        # reading its settings, before a hook can report bad data as a message.
        glossary = load_glossary_file(self.glossary_file)
        self.entries = {form: entry for entry in glossary.entries for form in entry.forms}
        # Longest first, so "no-contact" wins over any shorter term inside it.
        forms = sorted(self.entries, key=len, reverse=True)
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")
        self.linked = set()
        self._mark(root)

    def _mark(self, element: etree.Element) -> None:
        """Mark terms in the element's own text, then in each child and the text after it."""
        children = list(element)  # before marking: the new elements need no second look
        element.text = self._marked_text(element.text, element, 0)
        for child in children:
            if child.tag not in LEFT_ALONE:
                self._mark(child)
            child.tail = self._marked_text(child.tail, element, list(element).index(child) + 1)

    def _marked_text(self, text: str | None, parent: etree.Element, index: int) -> str | None:
        """The text before the first term; each term becomes an element inserted into `parent`
        at `index` onwards, carrying the text after it as its tail."""
        if not text or isinstance(text, AtomicString):
            return text
        plain = self.unescape(text)  # backslash escapes are still placeholders at this stage
        words = self.pattern.findall(plain)
        if not words:
            return text
        pieces = self.pattern.split(plain)
        for position, word in enumerate(words):
            term = self._term(word, self.entries[word])
            term.tail = pieces[position + 1]
            parent.insert(index + position, term)
        return pieces[0]

    def _term(self, word: str, entry: Entry) -> etree.Element:
        if self.link_to and entry.anchor not in self.linked:
            self.linked.add(entry.anchor)
            attributes = {"class": "glossary-term", "href": f"{self.link_to}#{entry.anchor}",
                          "title": entry.tooltip, "data-definition": entry.tooltip}
            element = etree.Element("a", attributes)
        else:
            element = etree.Element("abbr", {"title": entry.tooltip})
        element.text = AtomicString(word)
        return element


class ReadingTime(Treeprocessor):
    def __init__(self, md: Markdown, record: dict):
        super().__init__(md)
        self.record = record
        self.unescape = UnescapeTreeprocessor(md).unescape

    def run(self, root: etree.Element) -> None:
        text = _PLACEHOLDER.sub(" ", self.unescape(" ".join(root.itertext())))
        self.record["reading_minutes"] = reading_minutes(len(_WORD.findall(text)))


def reading_minutes(words: int) -> int:
    """Minutes to read so many words at about 200 a minute, never less than one."""
    return max(1, math.floor(words / WORDS_PER_MINUTE + 0.5))


class ReaderExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "glossary": ["docs/_data/glossary.yml", "The glossary's YAML file."],
            "link_to": ["", "The glossary page's file relative to this page; empty for no links."],
            "record": [{}, "A dict that receives the page's reading_minutes."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        terms = GlossaryTerms(md, Path(self.getConfig("glossary")), self.getConfig("link_to"))
        # After inline Markdown (20) and attribute lists (8), where the abbr extension works (7),
        # and before MkDocs turns `.md` links into addresses (0).
        md.treeprocessors.register(terms, "glossary_terms", 7)
        # Before the terms, on the same text: words are words, marked or not.
        md.treeprocessors.register(ReadingTime(md, self.getConfig("record")), "reading_time", 7.5)


def makeExtension(**kwargs) -> ReaderExtension:
    return ReaderExtension(**kwargs)
