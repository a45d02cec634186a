#!/usr/bin/env bash
# Lint gates: ruff (lint + format), pylint-odoo mandatory checks, XML well-formedness.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
"$VENV/bin/ruff" check addons tests setup
"$VENV/bin/ruff" format --check addons tests setup
# shellcheck disable=SC2086
"$VENV/bin/pylint" --rcfile=.pylintrc $(printf 'addons/%s ' $ADDONS)
"$VENV/bin/python" - <<'PY'
import pathlib
import sys

from lxml import etree

bad = 0
for path in sorted(pathlib.Path("addons").rglob("*.xml")):
    try:
        etree.parse(str(path))
    except etree.XMLSyntaxError as error:
        print(f"{path}: {error}")
        bad += 1
sys.exit(1 if bad else 0)
PY
echo "[lint] ruff, pylint-odoo and XML checks passed"
