# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Letters to PDF outside the ORM: one wkhtmltopdf process per batch, several at once.

The HTML of a batch (bodies, header, footer) and the command line are prepared by the ORM
(``ir.actions.report``); what is here touches neither the database nor the environment, so
that batches can be converted in threads while the next ones are prepared: wkhtmltopdf runs as
a separate process, one per core.
"""

import io
import os
import subprocess
import tempfile
from contextlib import ExitStack

from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin


class LetterRenderingError(Exception):
    """wkhtmltopdf failed: its exit code and the end of its error output."""

    def __init__(self, code, message):
        super().__init__(code, message)
        self.code = code
        self.message = message


def _temporary(stack, prefix, content):
    """Path of a temporary HTML file holding ``content``, removed when ``stack`` closes."""
    handle, path = tempfile.mkstemp(suffix=".html", prefix=prefix)
    stack.callback(os.unlink, path)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(content)
    return path


def run_wkhtmltopdf(command_args, bodies, header=None, footer=None, layouts=None):
    """PDF (bytes) of the HTML documents ``bodies``, with the layout's header and footer.

    The files are named as Odoo names them: the layout's script finds each document's header
    by the number in its file name (``report.body.tmp.<number>.``), ``layouts[index]`` for the
    body ``index`` when given, else its own index.
    """
    with ExitStack() as stack:
        layout = []
        if header:
            layout += ["--header-html", _temporary(stack, "report.header.tmp.", header)]
        if footer:
            layout += ["--footer-html", _temporary(stack, "report.footer.tmp.", footer)]
        paths = [
            _temporary(stack, f"report.body.tmp.{layout}.", body)
            for layout, body in zip(layouts or range(len(bodies)), bodies, strict=True)
        ]
        handle, output = tempfile.mkstemp(suffix=".pdf", prefix="report.tmp.")
        os.close(handle)
        stack.callback(os.unlink, output)
        process = subprocess.run(
            [_get_wkhtmltopdf_bin(), *command_args, *layout, *paths, output],
            capture_output=True,
            encoding="utf-8",
            check=False,
        )
        if process.returncode not in (0, 1):
            raise LetterRenderingError(process.returncode, process.stderr[-1000:])
        with open(output, "rb") as pdf:
            return pdf.read()


def _pages_of(pages):
    writer = PdfFileWriter()
    for page in pages:
        writer.addPage(page)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def split_documents(pdf, count):
    """``count`` PDFs (bytes), one per document of a batch rendered in one go, or None when
    the documents cannot be told apart.

    One page per document, or else each document starts at one of the top-level entries of the
    PDF outline (wkhtmltopdf makes one of each document's first heading).
    """
    reader = PdfFileReader(io.BytesIO(pdf))
    pages = [reader.getPage(index) for index in range(reader.numPages)]
    if count == 1:
        return [pdf]
    if len(pages) == count:
        return [_pages_of([page]) for page in pages]
    root = reader.trailer["/Root"]
    if "/Outlines" not in root or "/First" not in root["/Outlines"]:
        return None
    starts = set()
    node = root["/Outlines"]["/First"]
    while node is not None:
        starts.add(int(root["/Dests"][node["/Dest"]][0]))
        node = node["/Next"] if "/Next" in node else None
    starts = sorted(starts)
    if len(starts) != count or starts[0] != 0:
        return None
    ends = [*starts[1:], len(pages)]
    return [_pages_of(pages[start:end]) for start, end in zip(starts, ends, strict=True)]
