#!/usr/bin/env bash
# Export each add-on's terms: i18n/<addon>.pot, and merge them into i18n/fr.po (msgmerge-like,
# with polib). Needs a database with the add-ons: DB (default debt_recovery_test); I18N_ADDONS
# (default: every add-on) names the add-ons to export.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
load_env
DB=${DB:-debt_recovery_test}
for addon in ${I18N_ADDONS:-$ADDONS}; do
    odoo_bin -d "$DB" --i18n-export="$ROOT/addons/$addon/i18n/$addon.pot" --modules="$addon" \
        --stop-after-init --log-level=warn
    "$VENV/bin/python" - "$ROOT/addons/$addon/i18n" "$addon" <<'PY'
import os
import sys

import polib

folder, addon = sys.argv[1], sys.argv[2]
pot = polib.pofile(f"{folder}/{addon}.pot")
path = f"{folder}/fr.po"
if os.path.exists(path):
    po = polib.pofile(path)
    po.merge(pot)
else:
    po = polib.POFile()
    po.metadata = dict(pot.metadata)
    for entry in pot:
        po.append(entry)
po.metadata["Language"] = "fr"
po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
po.save(path)
print(f"{path}: {len([e for e in po if not e.msgstr and not e.obsolete])} untranslated")
PY
done
