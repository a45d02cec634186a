# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The rules of a stylesheet that may apply to one HTML document.

wkhtmltopdf renders each page's header and footer as documents of their own, each loading the
whole report stylesheet (about 450 KB) that it parses again for every page: half the time of a
one-page letter. A header uses a few dozen classes; the rules that can match them are a few
kilobytes. This module keeps, from a stylesheet, every rule that *may* match a document:

- a rule is dropped only when one of its selectors' required classes or ids is absent from the
  document, for each of its selectors (``.a .b`` requires ``a`` and ``b``);
- what cannot be decided is kept: selectors without class or id (``body``, ``*``, ``:root``),
  classes inside functional pseudo-classes (``:not(.a)``, ``:is(.a, .b)``), attribute selectors;
- at-rules that hold rules (``@media``, ``@supports``, ``@layer``, ``@container``) are filtered
  inside; every other at-rule (``@font-face``, ``@keyframes``, ``@page``, ``@import``) is kept.

So the subset renders the document exactly as the whole stylesheet does, as long as nothing
adds classes to the document afterwards (a header's script only writes page numbers).
"""

import re
from html.parser import HTMLParser

# Strings and comments are skipped whole: braces and semicolons inside them do not count.
_TOKENS = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|/\*.*?\*/|[{};]', re.S)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_AT_NAME = re.compile(r"@([\w-]+)")
_GROUPING = frozenset({"media", "supports", "layer", "container", "document", "scope"})
_ATTRIBUTE = re.compile(r"\[(?:\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[^\]])*\]")
_PARENTHESES = re.compile(r"\([^()]*\)")
_NAME = r"((?:\\[0-9a-fA-F]{1,6}\s?|\\[^0-9a-fA-F\n]|[\w\-\u0080-\U0010ffff])+)"
_CLASS = re.compile(r"\." + _NAME)
_ID = re.compile(r"#" + _NAME)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)


def _unescape(name):
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), name)


def _items(css):
    """Top-level items of ``css``: (prelude, block) pairs, block None for a statement
    (``@import ...;``). An unclosed block runs to the end, as a browser reads it."""
    items, depth, start, prelude, opened = [], 0, 0, "", 0
    for match in _TOKENS.finditer(css):
        token = match.group()
        if token == "{":
            if depth == 0:
                prelude, opened = css[start : match.start()], match.end()
            depth += 1
        elif token == "}" and depth:
            depth -= 1
            if depth == 0:
                items.append((prelude.strip(), css[opened : match.start()]))
                start = match.end()
        elif token == ";" and depth == 0:
            items.append((css[start : match.end()].strip(), None))
            start = match.end()
    if depth:
        items.append((prelude.strip(), css[opened:]))
    return items


def _split_selectors(prelude):
    """The selectors of a comma-separated list, commas inside parentheses or brackets kept."""
    selectors, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            selectors.append(prelude[start:index])
            start = index + 1
    selectors.append(prelude[start:])
    return selectors


def _required(selector):
    """(classes, ids) an element tree must have for ``selector`` to match anything in it."""
    selector = _ATTRIBUTE.sub("", selector)
    while True:
        stripped = _PARENTHESES.sub("", selector)
        if stripped == selector:
            break
        selector = stripped
    classes = {_unescape(name) for name in _CLASS.findall(selector)}
    ids = {_unescape(name) for name in _ID.findall(selector)}
    return classes, ids


def _requirements(prelude):
    """For each selector of ``prelude``: (classes, ids) a document must have for it to match."""
    return tuple(
        tuple(frozenset(names) for names in _required(selector))
        for selector in _split_selectors(_COMMENT.sub("", prelude))
    )


def _parse(css):
    """``css`` as a list of nodes: ("keep", text), ("rule", requirements, text) or
    ("group", prelude, nodes)."""
    nodes = []
    for prelude, block in _items(css):
        at_rule = _AT_NAME.match(prelude)
        if block is None:
            nodes.append(("keep", prelude))
        elif at_rule and at_rule.group(1).lower() in _GROUPING:
            nodes.append(("group", prelude, _parse(block)))
        elif at_rule:
            nodes.append(("keep", f"{prelude}{{{block}}}"))
        else:
            nodes.append(("rule", _requirements(prelude), f"{prelude}{{{block}}}"))
    return nodes


def _kept(nodes, classes, ids):
    kept = []
    for node in nodes:
        if node[0] == "keep":
            kept.append(node[1])
        elif node[0] == "group":
            inner = _kept(node[2], classes, ids)
            if inner:
                kept.append(f"{node[1]}{{{inner}}}")
        elif any(need_c <= classes and need_i <= ids for need_c, need_i in node[1]):
            kept.append(node[2])
    return "".join(kept)


def may_match(prelude, classes, ids):
    """Whether one of the selectors of ``prelude`` may match in a document having these
    classes and ids."""
    return any(need_c <= classes and need_i <= ids for need_c, need_i in _requirements(prelude))


class Stylesheet:
    """A stylesheet parsed once, giving the subset of its rules for each set of names."""

    def __init__(self, css):
        self._nodes = _parse(css)
        self._subsets = {}

    def subset(self, classes, ids):
        """The rules that may apply to a document having these classes and ids, in their
        order (the cascade is unchanged)."""
        key = (frozenset(classes), frozenset(ids))
        if key not in self._subsets:
            if len(self._subsets) >= 32:
                self._subsets.clear()
            self._subsets[key] = _kept(self._nodes, *key)
        return self._subsets[key]


def subset(css, classes, ids):
    """The rules of ``css`` that may apply to a document having these classes and ids."""
    return Stylesheet(css).subset(classes, ids)


class _Names(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.classes, self.ids = set(), set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "class" and value:
                self.classes.update(value.split())
            elif name == "id" and value:
                self.ids.add(value)

    handle_startendtag = handle_starttag


def document_names(html):
    """(classes, ids) used by the elements of an HTML document."""
    parser = _Names()
    parser.feed(html)
    parser.close()
    return frozenset(parser.classes), frozenset(parser.ids)
