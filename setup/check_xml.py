"""XML well-formedness of the add-ons' files (every ``*.xml`` under addons/, or the files named)."""

import pathlib
import sys

from lxml import etree

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main(names):
    paths = [pathlib.Path(n) for n in names] or sorted((ROOT / "addons").rglob("*.xml"))
    bad = 0
    for path in paths:
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as error:
            print(f"{path}: {error}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
