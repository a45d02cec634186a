#!/usr/bin/env bash
# Lint gates: ruff (lint + format), pylint-odoo mandatory checks, XML well-formedness, the
# add-ons' generated README.rst and description page (setup/readme.py). The same hooks run in
# pre-commit (.pre-commit-config.yaml).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
"$VENV/bin/ruff" check addons tests setup
"$VENV/bin/ruff" format --check addons tests setup
# shellcheck disable=SC2086
"$VENV/bin/pylint" --rcfile=.pylintrc $(printf 'addons/%s ' $ADDONS)
"$VENV/bin/python" setup/check_xml.py
# README.rst and static/description of every add-on up to date with its readme fragments.
"$VENV/bin/python" setup/readme.py --check
echo "[lint] ruff, pylint-odoo, XML and readme checks passed"
