"""Check that each add-on's i18n/fr.po translates every term Odoo exports for it.

Usage: check_i18n.py ADDON_DIR EXPORTED_POT [...pairs]. Exits 1 listing the terms that are
missing or untranslated in fr.po.
"""

import sys

import polib


def check(addon_dir, exported):
    po = polib.pofile(f"{addon_dir}/i18n/fr.po")
    translated = {(e.msgctxt, e.msgid) for e in po if e.msgstr and not e.obsolete}
    translated_ids = {msgid for _ctx, msgid in translated}
    missing = [
        entry.msgid
        for entry in polib.pofile(exported)
        if entry.msgid and entry.msgid not in translated_ids
    ]
    for msgid in missing:
        print(f"{addon_dir}: untranslated: {msgid[:120]!r}")
    return not missing


def main(args):
    ok = True
    for addon_dir, exported in zip(args[::2], args[1::2], strict=True):
        ok = check(addon_dir, exported) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
