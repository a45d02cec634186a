"""README.rst, static/description/index.html and the packaging files of every add-on, as the
Odoo Community Association lays them out, generated from the add-on's manifest and its readme
fragments (``readme/*.md``).

    python setup/readme.py            write what is missing or stale, for every add-on under addons/
    python setup/readme.py --check    change nothing; fail, saying what to do, when a file is
                                      missing or stale (run by setup/lint.sh and pre-commit)

Fragments, each a section of the README in this order: DESCRIPTION, CONTEXT, INSTALL, CONFIGURE,
USAGE, any other fragment (its first heading is its title, e.g. RISK.md), ROADMAP, HISTORY (the
changelog), then the credits: CREDITS, CONTRIBUTORS and the manifest's ``maintainers``.
DESCRIPTION, CONFIGURE, USAGE, CONTRIBUTORS and HISTORY are required. The fragments are written
in the small Markdown the add-ons use (paragraphs, ``-`` and ``1.`` lists, ``#`` headings,
``**bold**``, ``*italic*``, ```code```, ``[links](https://...)``, fenced code blocks); the icon
(``static/description/icon.png``) and the ``pyproject.toml`` building the add-on as a wheel with
whool are written when missing.
"""

import argparse
import ast
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
REQUIRED = ("DESCRIPTION", "CONFIGURE", "USAGE", "CONTRIBUTORS", "HISTORY")
BEFORE = (("DESCRIPTION", None), ("CONTEXT", "Context"), ("INSTALL", "Installation"))
MIDDLE = (("CONFIGURE", "Configuration"), ("USAGE", "Usage"))
AFTER = (("ROADMAP", "Known issues / Roadmap"), ("HISTORY", "Changelog"))
CREDITS = ("CREDITS", "CONTRIBUTORS")
KNOWN = {name for name, _title in BEFORE + MIDDLE + AFTER} | set(CREDITS)
PYPROJECT = '[build-system]\nrequires = ["whool"]\nbuild-backend = "whool.buildapi"\n'
STATUS_BADGES = {
    "Alpha": "alpha-red",
    "Beta": "beta-yellow",
    "Production/Stable": "production%2Fstable-green",
    "Mature": "mature-brightgreen",
}
LICENCES = {
    "LGPL-3": ("LGPL--3", "http://www.gnu.org/licenses/lgpl-3.0-standalone.html"),
    "AGPL-3": ("AGPL--3", "http://www.gnu.org/licenses/agpl-3.0-standalone.html"),
    "GPL-3": ("GPL--3", "http://www.gnu.org/licenses/gpl-3.0-standalone.html"),
}
HEADING_CHARS = "~^"
SECTION_CHAR = "="
CREDIT_CHAR = "~"


# ---------------------------------------------------------------- Markdown to reStructuredText
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
ITEM = re.compile(r"^(\s*)([-*]|\d+\.)\s+(.*)$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")


def inline(text):
    """Markdown inline markup to reStructuredText (code first, so that it is left alone)."""
    parts = re.split(r"(`[^`]+`)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"``{part[1:-1]}``")
            continue
        out.append(LINK.sub(r"`\1 <\2>`__", part))
    return "".join(out)


def underline(title, char):
    return [title, char * len(title)]


def md_to_rst(text, heading_chars=HEADING_CHARS):
    """The add-ons' Markdown as reStructuredText lines."""
    lines = text.strip("\n").splitlines()
    levels = sorted({len(m.group(1)) for m in map(HEADING.match, lines) if m})
    out, in_code, item_indent = [], False, None

    def blank():
        if out and out[-1] != "":
            out.append("")

    for line in lines:
        if line.strip().startswith("```"):
            if in_code:
                in_code = False
                out.append("")
            else:
                in_code = True
                blank()
                out.extend(["::", ""])
            continue
        if in_code:
            out.append("    " + line if line.strip() else "")
            continue
        heading = HEADING.match(line)
        if heading:
            depth = min(levels.index(len(heading.group(1))), len(heading_chars) - 1)
            blank()
            out.extend(underline(inline(heading.group(2)), heading_chars[depth]))
            out.append("")
            item_indent = None
            continue
        item = ITEM.match(line)
        if item:
            if item_indent is None:
                blank()
            marker = "-" if item.group(2) in "-*" else item.group(2)
            lead = " " * len(item.group(1))
            out.append(f"{lead}{marker} {inline(item.group(3))}")
            item_indent = len(lead) + len(marker) + 1
            continue
        if not line.strip():
            item_indent = None
            blank()
            continue
        if item_indent is not None and line.startswith(" "):
            out.append(" " * item_indent + inline(line.strip()))
            continue
        if item_indent is not None:
            item_indent = None
            blank()
        out.append(inline(line.rstrip()))
    while out and out[-1] == "":
        out.pop()
    return out


# ---------------------------------------------------------------- one add-on
class Addon:
    def __init__(self, path):
        self.path = path
        self.name = path.name
        self.manifest = ast.literal_eval((path / "__manifest__.py").read_text(encoding="utf-8"))
        readme = path / "readme"
        self.fragments = {
            file.stem.upper(): file.read_text(encoding="utf-8")
            for file in sorted(readme.glob("*.md"))
            if file.read_text(encoding="utf-8").strip()
        }

    def missing(self):
        """What the author must write: required fragments, the manifest's maintainers."""
        problems = [
            f"{self.name}/readme/{name}.md is missing or empty"
            for name in REQUIRED
            if name not in self.fragments
        ]
        if not self.manifest.get("maintainers"):
            problems.append(
                f'{self.name}/__manifest__.py has no "maintainers" (GitHub logins of those who '
                "review its changes)"
            )
        return problems

    # ------------------------------------------------------------ README.rst
    def readme_rst(self):
        title = self.manifest["name"]
        lines = ["=" * len(title), title, "=" * len(title), ""]
        lines += [
            "..",
            "   This file is generated by setup/readme.py from the manifest and readme/*.md:",
            "   edit those and run python setup/readme.py, never this file.",
            "",
        ]
        lines += self._badges()
        if "DESCRIPTION" in self.fragments:
            lines += md_to_rst(self.fragments["DESCRIPTION"]) + [""]
        lines += ["**Table of contents**", "", ".. contents::", "   :local:", ""]
        for name, section in BEFORE[1:] + MIDDLE:
            lines += self._section(name, section)
        for name in sorted(set(self.fragments) - KNOWN):
            lines += self._section(name, None)
        for name, section in AFTER:
            lines += self._section(name, section)
        lines += self._bug_tracker()
        lines += self._credits()
        return "\n".join(lines).rstrip("\n") + "\n"

    def _badges(self):
        badges = []
        status = self.manifest.get("development_status")
        if status in STATUS_BADGES:
            badges.append(
                (
                    f"https://img.shields.io/badge/maturity-{STATUS_BADGES[status]}.png",
                    "https://odoo-community.org/page/development-status",
                    status,
                )
            )
        licence = self.manifest.get("license", "LGPL-3")
        label, url = LICENCES.get(licence, (licence.replace("-", "--"), ""))
        badges.append(
            (f"https://img.shields.io/badge/licence-{label}-blue.png", url, f"License: {licence}")
        )
        website = self.manifest.get("website")
        if website and "github.com/" in website:
            repo = website.split("github.com/", 1)[1].strip("/")
            badges.append(
                (
                    f"https://img.shields.io/badge/github-{repo.replace('-', '--')}-lightgray.png"
                    "?logo=github",
                    f"{website.rstrip('/')}/tree/HEAD/addons/{self.name}",
                    repo,
                )
            )
        lines = []
        for index, (image, target, alt) in enumerate(badges, 1):
            lines.append(f".. |badge{index}| image:: {image}")
            if target:
                lines.append(f"    :target: {target}")
            lines += [f"    :alt: {alt}", ""]
        lines += [" ".join(f"|badge{index}|" for index in range(1, len(badges) + 1)), ""]
        return lines

    def _section(self, name, title):
        text = self.fragments.get(name)
        if not text:
            return []
        body = text.strip("\n").splitlines()
        first = HEADING.match(body[0]) if body else None
        if title is None:
            if first:
                title, text = first.group(2), "\n".join(body[1:])
            else:
                title = name.capitalize()
        return underline(title, SECTION_CHAR) + [""] + md_to_rst(text) + ["", ""]

    def _bug_tracker(self):
        website = self.manifest.get("website", "")
        if "github.com/" not in website:
            return []
        return underline("Bug Tracker", SECTION_CHAR) + [
            "",
            f"Bugs are tracked on `GitHub Issues <{website.rstrip('/')}/issues>`_. In case of",
            "trouble, please check there if your issue has already been reported. If you spotted",
            f"it first, help us to smash it by providing a detailed and welcomed feedback "
            f"(add-on ``{self.name}``).",
            "",
            "",
        ]

    def _credits(self):
        lines = underline("Credits", SECTION_CHAR) + [""]
        authors = [a.strip() for a in self.manifest.get("author", "").split(",") if a.strip()]
        lines += underline("Authors", CREDIT_CHAR) + [""]
        lines += [f"- {author}" for author in authors] + [""]
        for name, title in (("CONTRIBUTORS", "Contributors"), ("CREDITS", "Other credits")):
            if name in self.fragments:
                lines += underline(title, CREDIT_CHAR) + [""]
                lines += md_to_rst(self.fragments[name], heading_chars="^") + [""]
        maintainers = self.manifest.get("maintainers") or []
        if maintainers:
            lines += underline("Maintainers", CREDIT_CHAR) + [""]
            lines.append(
                "Current maintainers: "
                + ", ".join(f"`{m} <https://github.com/{m}>`__" for m in maintainers)
                + "."
            )
            lines.append("")
        website = self.manifest.get("website")
        if website:
            lines.append(
                f"This add-on is part of `{website.split('//', 1)[-1]} <{website}>`_, "
                "open source under the licence above."
            )
        return lines

    # ------------------------------------------------------------ index.html
    def index_html(self, rst):
        """The README as the HTML page Odoo's Apps show (docutils, as the OCA does)."""
        from docutils.core import publish_string

        warnings = io.StringIO()
        html = publish_string(
            rst,
            writer_name="html5",
            settings_overrides={
                "report_level": 2,
                "halt_level": 5,
                "warning_stream": warnings,
                "embed_stylesheet": False,
                "stylesheet_path": "",
                "stylesheet": "",
                "output_encoding": "unicode",
                "xml_declaration": False,
                "traceback": True,
                "_disable_config": True,
            },
        )
        html = re.sub(r'<meta name="generator"[^>]*>\n', "", html)
        return html, warnings.getvalue().strip()


# ---------------------------------------------------------------- the icon
def icon_png():
    """The add-ons' icon: a statement with a due-date mark, 128 x 128, drawn with Pillow."""
    from PIL import Image, ImageDraw

    scale, size = 4, 128
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def box(x0, y0, x1, y1):
        return [v * scale for v in (x0, y0, x1, y1)]

    draw.rounded_rectangle(box(0, 0, 127, 127), radius=22 * scale, fill=(1, 126, 132, 255))
    draw.polygon(
        [(v * scale) for v in (30, 20, 76, 20, 94, 38, 94, 106, 30, 106)],
        fill=(255, 255, 255, 255),
    )
    draw.polygon([(v * scale) for v in (76, 20, 76, 38, 94, 38)], fill=(190, 226, 228, 255))
    for y, right in ((50, 82), (62, 82), (74, 64)):
        draw.rounded_rectangle(box(40, y, right, y + 5), radius=2 * scale, fill=(1, 126, 132, 255))
    draw.ellipse(
        box(70, 74, 110, 114), fill=(232, 93, 4, 255), outline=(255, 255, 255, 255), width=4 * scale
    )
    draw.line(box(90, 82, 90, 95), fill=(255, 255, 255, 255), width=4 * scale)
    draw.line(box(90, 95, 99, 101), fill=(255, 255, 255, 255), width=4 * scale)
    buffer = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# ---------------------------------------------------------------- main
def expected_files(addon):
    """{path: bytes} generated for ``addon`` (what is always regenerated) and the problems of
    the reStructuredText (warnings of docutils)."""
    rst = addon.readme_rst()
    html, warnings = addon.index_html(rst)
    files = {
        addon.path / "README.rst": rst.encode(),
        addon.path / "static" / "description" / "index.html": html.encode(),
    }
    problems = [f"{addon.name}/README.rst: {line}" for line in warnings.splitlines() if line]
    return files, problems


def run(addon_paths, check):
    problems, stale, written = [], [], []
    for path in addon_paths:
        addon = Addon(path)
        problems += addon.missing()
        files, rst_problems = expected_files(addon)
        problems += rst_problems
        once = {
            path / "pyproject.toml": PYPROJECT.encode(),
            path / "static" / "description" / "icon.png": None,
        }
        for file, content in once.items():
            if file.exists():
                continue
            if check:
                stale.append(f"{file.relative_to(ADDONS)} is missing")
            else:
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(content if content is not None else icon_png())
                written.append(file)
        for file, content in files.items():
            if file.exists() and file.read_bytes() == content:
                continue
            if check:
                state = "is stale" if file.exists() else "is missing"
                stale.append(f"{file.relative_to(ADDONS)} {state}")
            else:
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(content)
                written.append(file)
    for file in written:
        print(f"written: {file.relative_to(ROOT)}")
    if stale:
        print("\n".join(f"addons/{line}" for line in stale), file=sys.stderr)
        print("-> run: python setup/readme.py (generates them)", file=sys.stderr)
    if problems:
        print("\n".join(f"addons/{line}" for line in problems), file=sys.stderr)
        print("-> write what is missing (see the docstring of setup/readme.py)", file=sys.stderr)
    return 1 if stale or problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing, fail when stale")
    parser.add_argument("addons", nargs="*", help="add-on folders (default: every one)")
    args = parser.parse_args()
    paths = (
        [Path(a).resolve() for a in args.addons]
        if args.addons
        else sorted(m.parent for m in ADDONS.glob("*/__manifest__.py"))
    )
    sys.exit(run(paths, args.check))


if __name__ == "__main__":
    main()
