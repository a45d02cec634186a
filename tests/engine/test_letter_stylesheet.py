"""Tests of debt_recovery_reports.letter_engine: the stylesheet subset of a document and the
header and footer documents shared by the letters of a batch."""

import re

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery_reports.letter_engine import layout, stylesheet

CSS = (
    '@charset "UTF-8";'
    ":root{--bs-blue:#0d6efd}"
    "body{margin:0}"
    ".row{display:flex}"
    ".row>.col-6{width:50%}"
    ".card .card-body{padding:1rem}"
    ".table,.unused{border:1px}"
    "#main{color:red}"
    ".btn:not(.disabled){cursor:pointer}"
    '[class*="col-"]{min-height:1px}'
    '.quote::before{content:"} .quote {"}'
    "/* .row { } */.text-end{text-align:right}"
    ".sm\\:hidden{display:none}"
    ".w-\\31 00{width:100%}"
    "@font-face{font-family:Lato;src:url(/web/static/fonts/lato.woff)}"
    "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(360deg)}}"
    "@media (min-width:768px){.col-md-6{width:50%}.row{gap:1rem}}"
    "@media print{.d-print-none{display:none}}"
    "@supports (display:grid){@media screen{.grid{display:grid}}}"
)


def rules(css):
    """The rules of a stylesheet, at-rules' blocks flattened, whitespace aside."""
    return [prelude.strip() for prelude in re.findall(r"([^{};]+)\{", css)]


def test_rules_of_absent_classes_are_dropped():
    kept = stylesheet.subset(CSS, {"row"}, set())
    assert ".row{display:flex}" in kept
    assert ".col-6" not in kept
    assert ".card" not in kept
    assert "#main" not in kept
    assert ".text-end" not in kept
    assert "@media print" not in kept, "an @media left empty is dropped whole"
    assert "@media (min-width:768px){.row{gap:1rem}}" in kept


def test_what_cannot_be_decided_is_kept():
    kept = stylesheet.subset(CSS, set(), set())
    for piece in (
        '@charset "UTF-8";',
        ":root{--bs-blue:#0d6efd}",
        "body{margin:0}",
        '[class*="col-"]{min-height:1px}',
        "@font-face{font-family:Lato;src:url(/web/static/fonts/lato.woff)}",
        "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(360deg)}}",
    ):
        assert piece in kept
    assert ".btn:not(.disabled)" not in kept, "the class outside :not() is still required"
    assert ".btn:not(.disabled){cursor:pointer}" in stylesheet.subset(CSS, {"btn"}, set())


def test_each_selector_of_a_list_and_every_class_of_a_selector():
    assert ".table,.unused{border:1px}" in stylesheet.subset(CSS, {"table"}, set())
    assert ".card .card-body" not in stylesheet.subset(CSS, {"card"}, set())
    assert ".card .card-body" in stylesheet.subset(CSS, {"card", "card-body"}, set())
    assert "#main{color:red}" in stylesheet.subset(CSS, set(), {"main"})


def test_strings_comments_and_escapes():
    kept = stylesheet.subset(CSS, {"quote", "sm:hidden", "w-100"}, set())
    assert '.quote::before{content:"} .quote {"}' in kept, "braces in a string are text"
    assert ".sm\\:hidden{display:none}" in kept
    assert ".w-\\31 00{width:100%}" in kept
    assert ".text-end" not in kept, "a class named in a comment does not count"
    assert ".text-end{text-align:right}" in stylesheet.subset(CSS, {"text-end"}, set())


def test_nested_grouping_rules():
    assert "@supports (display:grid){@media screen{.grid{display:grid}}}" in (
        stylesheet.subset(CSS, {"grid"}, set())
    )
    assert "@supports" not in stylesheet.subset(CSS, set(), set())


def test_unclosed_block_runs_to_the_end():
    assert stylesheet.subset(".a{color:red}.b{color:blue", {"b"}, set()) == ".b{color:blue}"


def test_document_names():
    classes, ids = stylesheet.document_names(
        '<html class="o_report"><body><div id="wrap" class="row  col-6"><br class="x"/>'
        "<p class=''>t</p></div></body></html>"
    )
    assert classes == {"o_report", "row", "col-6", "x"}
    assert ids == {"wrap"}


NAMES = ["a", "b", "c", "d"]
SELECTORS = st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map(
    lambda names: " ".join(f".{name}" for name in names)
)
RULES = st.lists(st.tuples(st.lists(SELECTORS, min_size=1, max_size=3), st.booleans()), max_size=12)


def generated(rules_):
    css = []
    for index, (selectors, in_media) in enumerate(rules_):
        rule = f"{','.join(selectors)}{{order:{index}}}"
        css.append(f"@media print{{{rule}}}" if in_media else rule)
    return "".join(css)


@given(RULES, st.sets(st.sampled_from(NAMES)), st.sets(st.sampled_from(NAMES)))
def test_subset_properties(rules_, names, more):
    css = generated(rules_)
    kept = stylesheet.subset(css, names, set())
    assert stylesheet.subset(css, set(NAMES), set()) == css, "every name: everything kept"
    assert stylesheet.subset(kept, names, set()) == kept, "a subset of a subset is itself"
    larger = rules(stylesheet.subset(css, names | more, set()))
    assert set(rules(kept)) <= set(larger), "more names never drop a rule"
    orders = [int(order) for order in re.findall(r"order:(\d+)", kept)]
    assert orders == sorted(orders), "the cascade's order is kept"
    for index, (selectors, _in_media) in enumerate(rules_):
        matches = any(set(re.findall(r"\.(\w)", s)) <= names for s in selectors)
        assert (f"{{order:{index}}}" in kept) is matches


def document(kind, parts):
    inner = "".join(f'<div class="{kind}">{part}</div>' for part in parts)
    return (
        "<!DOCTYPE html><html><head><script>function subst(){}</script></head>"
        f'<body onload="subst()"><div id="minimal_layout_report_{kind}s">{inner}</div>'
        "</body></html>"
    )


def test_identical_layouts_shared_once():
    header = document("header", ["Company A", "Company A", "Company B", "Company A"])
    footer = document("footer", ["Page", "Page", "Page", "Page"])
    shared_header, shared_footer, layouts = layout.shared_layouts(header, footer, 4)
    assert layouts == [0, 0, 1, 0]
    assert shared_header.startswith("<!DOCTYPE html>")
    assert re.findall(r'<div class="header">([^<]*)</div>', shared_header) == [
        "Company A",
        "Company B",
    ]
    assert re.findall(r'<div class="footer">([^<]*)</div>', shared_footer) == ["Page", "Page"]
    assert "function subst(){}" in shared_header


def test_layouts_kept_when_they_cannot_be_matched_to_the_bodies():
    header = document("header", ["A", "A"])
    footer = document("footer", ["Page", "Page"])
    assert layout.shared_layouts(header, footer, 3) == (header, footer, [0, 1, 2])
    assert layout.shared_layouts(None, footer, 2) == (None, footer, [0, 1])
