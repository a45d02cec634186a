from . import run_preview
