# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The header and footer documents of a batch of letters rendered by one wkhtmltopdf call."""

import lxml.etree
import lxml.html


def shared_layouts(header, footer, count):
    """(header, footer, layouts): the header and footer documents of a batch of ``count``
    bodies with each identical pair of header and footer kept once, and for each body the
    number of its pair.

    Odoo puts the headers of every document of a batch in one header document (and the footers
    in one footer document), of which the layout's script shows the body's own; wkhtmltopdf
    loads them for every page, so letters of the same company would cost more per page the
    larger the batch.
    """
    layouts = list(range(count))
    if not header or not footer:
        return header, footer, layouts
    roots = [lxml.html.fromstring(header), lxml.html.fromstring(footer)]
    lists = [
        roots[0].find(".//div[@id='minimal_layout_report_headers']"),
        roots[1].find(".//div[@id='minimal_layout_report_footers']"),
    ]
    if any(node is None or len(node) != count for node in lists):
        return header, footer, layouts
    pairs = {}
    for index, nodes in enumerate(zip(*lists, strict=True)):
        key = tuple(lxml.html.tostring(node, with_tail=False) for node in nodes)
        if key in pairs:
            for node in nodes:
                node.getparent().remove(node)
        layouts[index] = pairs.setdefault(key, len(pairs))
    header, footer = (
        lxml.etree.tostring(root.getroottree(), method="html", encoding="unicode") for root in roots
    )
    return header, footer, layouts
