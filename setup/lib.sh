# shellcheck shell=bash
# Shared helpers for the set-up scripts. Sourced, never executed.
# Every setting can be overridden from the environment:
#   ODOO_SRC   Odoo 18.0 source tree (folder holding odoo-bin)
#   VENV       Python virtual environment (default: <repo>/.venv)
#   PYTHON     interpreter used to create the virtual environment (default: python3)
#   PGHOST PGPORT PGUSER PGPASSWORD   PostgreSQL connection (default localhost 5432 odoo odoo)
#   HTTP_PORT  Odoo HTTP port (default 8069)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-python3}
export PGHOST=${PGHOST:-localhost}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-odoo}
export PGPASSWORD=${PGPASSWORD:-odoo}
HTTP_PORT=${HTTP_PORT:-8069}
ODOO_CONF=${ODOO_CONF:-$ROOT/.odoo.conf}
ODOO_DATA_DIR=${ODOO_DATA_DIR:-$ROOT/.odoo-data}
ODOO_CLONE_DIR=${ODOO_CLONE_DIR:-$ROOT/.odoo-src}
ODOO_ENV_FILE=$ROOT/.odoo-env
# Every add-on of this repository: the folders of addons/ that hold a manifest.
ADDONS=$(cd "$ROOT/addons" && for manifest in */__manifest__.py; do printf '%s ' "${manifest%%/*}"; done)
ADDONS=${ADDONS% }
# Odoo add-ons installed next to ours in the test and demo databases (none are dependencies):
# the demo payment provider lets the portal's payments run without a real provider.
EXTRA_MODULES=${EXTRA_MODULES:-payment_demo}
MODULES=$(printf '%s' "$ADDONS $EXTRA_MODULES" | tr ' ' ',')
# The add-ons of the first release, installed and upgraded by the upgrade check.
FIRST_RELEASE_MODULES=debt_recovery,debt_recovery_reports

say() { printf '[setup] %s\n' "$*" >&2; }
warn() { printf '[setup] WARNING: %s\n' "$*" >&2; }
die() {
    printf '[setup] ERROR: %s\n' "$*" >&2
    exit 1
}

is_root() { [ "$(id -u)" = 0 ]; }

# Run a command as root: directly when root, through sudo when available.
as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo "$@"
    else
        return 1
    fi
}

can_root() { is_root || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

APT_UPDATED=
apt_install() {
    # Install the Debian packages of "$@" that are not installed yet.
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    can_root || return 1
    command -v apt-get >/dev/null 2>&1 || return 1
    say "installing Debian packages: ${missing[*]}"
    if [ -z "$APT_UPDATED" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Load what bootstrap.sh found (ODOO_SRC, ADDONS_PATH, ...).
load_env() {
    [ -f "$ODOO_ENV_FILE" ] || die "run setup/bootstrap.sh first (no $ODOO_ENV_FILE)"
    # shellcheck disable=SC1090
    . "$ODOO_ENV_FILE"
}

odoo_bin() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" "$@"
}

db_exists() {
    psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" 2>/dev/null | grep -q 1
}

drop_db() {
    db_exists "$1" || return 0
    say "dropping database $1"
    dropdb --if-exists "$1"
    rm -rf "$ODOO_DATA_DIR/filestore/$1"
}
