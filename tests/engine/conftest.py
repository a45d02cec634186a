"""Make ``addons/debt_recovery`` importable so tests can ``from engine import ladder``.

The engine is pure Python: nothing here (nor in the engine) imports odoo.
"""

import sys
from pathlib import Path

ADDON_DIR = Path(__file__).resolve().parents[2] / "addons" / "debt_recovery"
if str(ADDON_DIR) not in sys.path:
    sys.path.insert(0, str(ADDON_DIR))
