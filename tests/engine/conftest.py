"""Import the pure engines under their add-on's name, as Odoo does, without a database.

Tests write ``from odoo.addons.debt_recovery.engine import ladder`` and
``from odoo.addons.debt_recovery_reports.kpi_engine import kpi``. ``odoo`` is importable from
the virtual environment (``setup/bootstrap.sh`` adds Odoo's source to it); ``odoo.addons`` is a
namespace package, so this repository's ``addons`` folder is added to its ``__path__``, which
is what Odoo itself does with its ``addons_path``. No server, registry nor database is started
(run with ``-p no:odoo``); the engines themselves import nothing from Odoo.
"""

from pathlib import Path

try:
    import odoo.addons
except ImportError as error:  # pragma: no cover - a set-up problem, said plainly
    raise ImportError(
        "the engine tests need Odoo importable: run setup/bootstrap.sh, then use its .venv"
    ) from error

ADDONS_DIR = str(Path(__file__).resolve().parents[2] / "addons")
if ADDONS_DIR not in odoo.addons.__path__:
    odoo.addons.__path__.append(ADDONS_DIR)
