#!/usr/bin/env bash
# Wheel check: build every add-on under addons/ as a wheel with whool (odoo-addon-<name>, as the
# Odoo Community Association publishes them), install the wheels into a virtual environment where
# Odoo itself is an installed package (pip install -e of the Odoo source), and install the add-ons
# from site-packages into a fresh database whose addons_path holds Odoo's own add-ons only.
# Fails on a build error, a dependency missing from the wheels' metadata, a warning in Odoo's log,
# or an add-on not installed from site-packages.
# Options from the environment: WHEEL_DB (default debt_recovery_wheel), WHEEL_DIR (default
# <repo>/.wheel-check: the cached environment and the wheels). The database <WHEEL_DB>_base keeps
# the Odoo add-ons ours depend on, installed once and copied by each check (drop it to rebuild).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
load_env
WHEEL_DB=${WHEEL_DB:-debt_recovery_wheel}
WHEEL_DIR=${WHEEL_DIR:-$ROOT/.wheel-check}
WHEEL_VENV=$WHEEL_DIR/venv
LOG_DIR=$ROOT/.logs
mkdir -p "$LOG_DIR" "$WHEEL_DIR"
start=$(date +%s)
pip_in() { "$VENV/bin/python" -m pip --python "$WHEEL_VENV/bin/python" "$@"; }

# ------------------------------------------------ 1. an environment where Odoo is a package
# Created from the project's environment (its packages visible through a .pth file, so nothing is
# downloaded), then Odoo's source installed in it in editable mode. Reused while the same.
stamp=$( (echo "$VENV $ODOO_SRC" && cat "$ODOO_SRC/setup.py") | sha1sum | cut -c1-16)
if [ "$(cat "$WHEEL_VENV/.stamp" 2>/dev/null)" != "$stamp" ]; then
    say "wheel check: creating $WHEEL_VENV with Odoo ($ODOO_SRC) installed as a package"
    rm -rf "$WHEEL_VENV"
    "$VENV/bin/python" -m venv --without-pip "$WHEEL_VENV"
    "$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' \
        >"$("$WHEEL_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/project-venv.pth"
    # PEP 660 editable install, compat mode (the source folder on sys.path, so that the regular
    # package odoo wins over the odoo/addons namespace of the wheels): nothing is written into
    # the Odoo source tree.
    pip_in install -q --no-deps --no-build-isolation --no-index --use-pep517 \
        --config-settings editable_mode=compat -e "$ODOO_SRC" \
        >"$LOG_DIR/wheel-odoo.log" 2>&1 || { tail -30 "$LOG_DIR/wheel-odoo.log" >&2; die "pip install -e $ODOO_SRC failed"; }
    echo "$stamp" >"$WHEEL_VENV/.stamp"
fi
SITE=$("$WHEEL_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')

# ------------------------------------------------ 2. the wheels
# Each add-on is staged as git would ship it (tracked and new files, nothing ignored), with the
# standard whool pyproject.toml when it has none yet, then built without network.
say "wheel check: building the wheels of $ADDONS"
# The stage is outside any git work tree: whool copies the whole folder there.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
rm -rf "$WHEEL_DIR/wheels"
mkdir -p "$WHEEL_DIR/wheels"
staged=()
for addon in $ADDONS; do
    mkdir -p "$stage/$addon"
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$ROOT/addons/$addon" && git ls-files -z --cached --others --exclude-standard |
            xargs -0 -r cp --parents -t "$stage/$addon" 2>/dev/null) || true
    else
        # Not a git checkout (an archive): everything but Python's caches.
        cp -r "$ROOT/addons/$addon/." "$stage/$addon"
        find "$stage/$addon" -name __pycache__ -type d -prune -exec rm -rf {} +
    fi
    if [ ! -f "$stage/$addon/pyproject.toml" ]; then
        warn "addons/$addon has no pyproject.toml: built with the standard one (run setup/readme.py)"
        printf '[build-system]\nrequires = ["whool"]\nbuild-backend = "whool.buildapi"\n' \
            >"$stage/$addon/pyproject.toml"
    fi
    staged+=("$stage/$addon")
done
"$WHEEL_VENV/bin/python" -m pip wheel -q --no-deps --no-build-isolation --no-index \
    -w "$WHEEL_DIR/wheels" "${staged[@]}" >"$LOG_DIR/wheel-build.log" 2>&1 ||
    { tail -30 "$LOG_DIR/wheel-build.log" >&2; die "building the wheels failed"; }
ls "$WHEEL_DIR/wheels" >&2

# ------------------------------------------------ 3. install them into site-packages
# --no-deps: Odoo's requirements are those of the project's environment; the add-ons' own
# dependencies are checked just below against what is installed.
pip_in install -q --no-deps --no-index --force-reinstall "$WHEEL_DIR"/wheels/*.whl \
    >"$LOG_DIR/wheel-install.log" 2>&1 ||
    { tail -30 "$LOG_DIR/wheel-install.log" >&2; die "installing the wheels failed"; }
"$WHEEL_VENV/bin/python" - "$WHEEL_DIR/wheels" <<'PY'
"""Every requirement of the add-ons' wheels is installed (odoo itself apart: see below)."""

import sys
import zipfile
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

problems = []
for wheel in sorted(Path(sys.argv[1]).glob("*.whl")):
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = HeaderParser().parsestr(archive.read(name).decode())
    for line in meta.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate():
            continue
        if requirement.name == "odoo":
            # The Odoo source tree names its own version; the series is checked by Odoo.
            continue
        try:
            version = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{wheel.name}: {requirement} is not installed")
            continue
        if requirement.specifier and not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{wheel.name}: {requirement} but {version} is installed")
    print(f"{meta['Name']} {meta['Version']}: requires {', '.join(meta.get_all('Requires-Dist') or [])}")
if problems:
    sys.exit("\n".join(problems))
PY

# ------------------------------------------------ 4. install them in a fresh database
# Odoo's own add-ons only on the addons_path: ours can only come from site-packages.
odoo_paths=$(printf '%s' "$ADDONS_PATH" | tr ',' '\n' | grep -vxF "$ROOT/addons" | paste -sd, -)
sed -e "s|^addons_path = .*|addons_path = $odoo_paths|" "$ODOO_CONF" >"$WHEEL_DIR/odoo.conf"
wheel_odoo() { "$WHEEL_VENV/bin/odoo" -c "$WHEEL_DIR/odoo.conf" "$@"; }
# The Odoo add-ons ours depend on are installed once in a template database, kept while the
# dependencies and Odoo are the same; each check copies it and installs ours only.
deps=$("$VENV/bin/python" - "$ROOT/addons" $ADDONS <<'PY'
import ast
import sys
from pathlib import Path

ours = set(sys.argv[2:])
depends = set()
for name in ours:
    manifest = ast.literal_eval((Path(sys.argv[1]) / name / "__manifest__.py").read_text())
    depends.update(manifest.get("depends", []))
print(",".join(sorted(depends - ours)) or "base")
PY
)
TEMPLATE_DB=${WHEEL_DB}_base
template_stamp=$( (echo "$deps" && cat "$ODOO_SRC/odoo/release.py" "$WHEEL_DIR/odoo.conf") | sha1sum |
    cut -c1-16)
template_stamp_file=$WHEEL_DIR/$TEMPLATE_DB.stamp
if ! db_exists "$TEMPLATE_DB" || [ "$(cat "$template_stamp_file" 2>/dev/null)" != "$template_stamp" ]; then
    say "wheel check: installing Odoo's $deps in the template database $TEMPLATE_DB (once)"
    drop_db "$TEMPLATE_DB"
    wheel_odoo -d "$TEMPLATE_DB" -i "$deps" --without-demo=all --stop-after-init --log-level=warn \
        >"$LOG_DIR/wheel-template.log" 2>&1 ||
        { tail -30 "$LOG_DIR/wheel-template.log" >&2; die "installing $deps failed"; }
    echo "$template_stamp" >"$template_stamp_file"
fi
say "wheel check: installing $ADDONS from $SITE in $WHEEL_DB (addons_path: $odoo_paths)"
drop_db "$WHEEL_DB"
createdb -T "$TEMPLATE_DB" "$WHEEL_DB"
[ -d "$ODOO_DATA_DIR/filestore/$TEMPLATE_DB" ] &&
    cp -r "$ODOO_DATA_DIR/filestore/$TEMPLATE_DB" "$ODOO_DATA_DIR/filestore/$WHEEL_DB"
wheel_odoo -d "$WHEEL_DB" -i "$(printf '%s' "$ADDONS" | tr ' ' ,)" \
    --without-demo=all --stop-after-init --log-level=info >"$LOG_DIR/wheel-db.log" 2>&1 ||
    { tail -30 "$LOG_DIR/wheel-db.log" >&2; die "installing the add-ons from the wheels failed"; }
if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$LOG_DIR/wheel-db.log" >&2; then
    die "the log of the install from wheels has warnings or errors (above)"
fi
"$WHEEL_VENV/bin/odoo" shell -c "$WHEEL_DIR/odoo.conf" -d "$WHEEL_DB" --no-http --log-level=warn \
    >"$LOG_DIR/wheel-shell.log" 2>&1 <<PY || { tail -30 "$LOG_DIR/wheel-shell.log" >&2; die "wheel check failed"; }
import os
from odoo.modules.module import get_module_path

site = os.path.realpath("$SITE")
names = "$ADDONS".split()
modules = env["ir.module.module"].search([("name", "in", names)])
states = {module.name: module.state for module in modules}
assert all(states.get(name) == "installed" for name in names), states
for name in names:
    path = os.path.realpath(get_module_path(name))
    assert path == os.path.join(site, "odoo", "addons", name), (name, path)
    print(f"WHEEL OK {name}: {states[name]} from {path}")
PY
grep "WHEEL OK" "$LOG_DIR/wheel-shell.log" >&2 || die "wheel check failed (see $LOG_DIR/wheel-shell.log)"
drop_db "$WHEEL_DB"
say "wheel check OK in $(($(date +%s) - start)) s"
