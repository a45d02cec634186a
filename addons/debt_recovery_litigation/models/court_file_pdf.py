# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Merge the exhibits of a court file into one PDF, each stamped with its number.

The stamp is a small content stream appended to the first page of each exhibit (wrapped so
that the page's own drawing state cannot leak into it): no page content is parsed, which keeps
a file of hundreds of invoices fast (merging a watermark page parses every content stream).
"""

import io
import logging

from odoo.tools import pdf

_logger = logging.getLogger(__name__)

STAMP_FONT = "/DRStamp"


def _stream(writer, data):
    stream = pdf.DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _stamp_first_page(writer, page, label):
    """Add ``label`` in a dark box at the top right corner of ``page``."""
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    text = label.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = (
        f"\nQ\nq 0.2 0.2 0.2 rg {width - 160:.1f} {height - 40:.1f} 140 24 re f "
        f"1 1 1 rg BT {STAMP_FONT} 12 Tf {width - 150:.1f} {height - 32:.1f} Td ({text}) Tj "
        "ET Q\n"
    )
    contents = page.get("/Contents")
    streams = pdf.ArrayObject([_stream(writer, b"q\n")])
    if contents is not None:
        target = contents.get_object()
        if isinstance(target, pdf.ArrayObject):
            streams.extend(target)
        else:
            streams.append(contents)
    streams.append(_stream(writer, ops.encode("cp1252", "replace")))
    page[pdf.NameObject("/Contents")] = streams
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else pdf.DictionaryObject()
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else pdf.DictionaryObject()
    fonts[pdf.NameObject(STAMP_FONT)] = pdf.DictionaryObject(
        {
            pdf.NameObject("/Type"): pdf.NameObject("/Font"),
            pdf.NameObject("/Subtype"): pdf.NameObject("/Type1"),
            pdf.NameObject("/BaseFont"): pdf.NameObject("/Helvetica-Bold"),
            pdf.NameObject("/Encoding"): pdf.NameObject("/WinAnsiEncoding"),
        }
    )
    resources[pdf.NameObject("/Font")] = fonts
    page[pdf.NameObject("/Resources")] = resources


def merge_stamped(parts):
    """(PDF bytes, page count) of ``parts``, [(PDF bytes, label or None)] in order."""
    writer = pdf.OdooPdfFileWriter()
    pages = 0
    for content, label in parts:
        reader = pdf.OdooPdfFileReader(io.BytesIO(content), strict=False)
        for index, page in enumerate(reader.pages):
            if index == 0 and label:
                try:
                    _stamp_first_page(writer, page, label)
                except (KeyError, TypeError, ValueError, AttributeError):
                    _logger.warning("Court file: exhibit %r could not be stamped", label)
            writer.add_page(page)
            pages += 1
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), pages
